"""Decode audio files once: libsndfile or FFmpeg (PyAV) -> mono -> soxr resample.

Shared by `embed.read_audio` and the dataset builders. No TensorFlow here.

Which decoder: WAV, FLAC and Ogg (Vorbis/Opus), recognised by their magic bytes, go to
libsndfile (exact headers, fast); everything else (MP3, M4A/AAC, ...) and any of those
that libsndfile cannot open goes to FFmpeg through PyAV. libsndfile 1.2.2 decodes an MP3
only up to its own length estimate: a VBR MP3 without a Xing/Info tag whose first frames
are loud stops after 0.9 s of 5.1 s with no error, so MP3 never goes to libsndfile.

The decoder decides whether a file is usable. A file is rejected only when the decoder
cannot open it, fails while decoding, returns no samples, or returns fewer samples than
an *exact* header promises: a WAV `data` chunk or a FLAC STREAMINFO sample count. MP3
(frame bitrate, Xing) and Ogg lengths reported before decoding are estimates, so they
never make a file "truncated"; neither do lengths from dataset metadata.

Encoder delay and padding: FFmpeg trims what the file signals (LAME/Info tag of an MP3,
the MP4 edit list of AAC), so a LAME CBR file decodes to exactly its input length; a file
that signals nothing (an MP3 without an Info tag) keeps the decoder delay, as with the
`ffmpeg` CLI and mpg123. We return what the decoder returns, sample for sample.
"""

import io
import os
import re
import struct
import warnings

import numpy as np
# Only for `min_duration_s`, a length the caller knows exactly (e.g. BEANS's chunk lengths).
TRUNCATION_TOLERANCE_S = 0.25
_BLOCK_FRAMES = 1 << 16


class AudioFileError(ValueError):
    """An audio file that cannot be used, phrased as `name: what is wrong`."""


def _wav_declared_frames(data):
    """Frames promised by a RIFF/WAVE header's `data` chunk, or None if not a plain WAV."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    pos, block_align = 12, None
    while pos + 8 <= len(data):
        chunk_id, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if chunk_id == b"fmt " and pos + 24 <= len(data):
            tag = struct.unpack("<H", data[pos + 8:pos + 10])[0]
            block_align = struct.unpack("<H", data[pos + 20:pos + 22])[0]
            if tag not in (1, 3, 0xFFFE):  # only PCM / float / extensible: one frame per block_align bytes
                return None
        if chunk_id == b"data":
            if not block_align or size in (0, 0xFFFFFFFF):  # streaming writers leave 0 / -1
                return None
            return size // block_align
        pos += 8 + size + (size & 1)
    return None


def _flac_declared_frames(data):
    """Total samples in a FLAC STREAMINFO block (None if absent or 0 = "unknown")."""
    pos = 0
    if data[:3] == b"ID3" and len(data) >= 10:  # an ID3v2 tag may precede "fLaC"
        size = data[6:10]
        pos = 10 + ((size[0] & 0x7F) << 21 | (size[1] & 0x7F) << 14 | (size[2] & 0x7F) << 7 | (size[3] & 0x7F))
    if data[pos:pos + 4] != b"fLaC" or len(data) < pos + 8 + 18 or data[pos + 4] & 0x7F != 0:
        return None
    info = data[pos + 8:pos + 8 + 18]  # STREAMINFO body; total samples = its bits 108..143
    total = int.from_bytes(info[10:18], "big") & ((1 << 36) - 1)
    return total or None


def exact_frames(data):
    """Frames an exact header promises (WAV data chunk, FLAC STREAMINFO), else None."""
    wav = _wav_declared_frames(data)
    return wav if wav is not None else _flac_declared_frames(data)


def _reason(err):
    return re.sub(r"<_io\.BytesIO object at 0x[0-9a-f]+>", "file", str(err).splitlines()[0] if str(err) else "")[:200]


def _libsndfile_container(data):
    """"wav", "flac" or "ogg" when the magic bytes say so (these go to libsndfile), else None."""
    if data[:4] in (b"RIFF", b"RF64") and data[8:12] == b"WAVE":
        return "wav"
    if data[:4] == b"OggS":
        return "ogg"
    pos = 0
    if data[:3] == b"ID3" and len(data) >= 10:  # an ID3v2 tag may precede "fLaC" (not MP3 frames)
        size = data[6:10]
        pos = 10 + ((size[0] & 0x7F) << 21 | (size[1] & 0x7F) << 14 | (size[2] & 0x7F) << 7 | (size[3] & 0x7F))
    return "flac" if data[pos:pos + 4] == b"fLaC" else None


def _decode_libsndfile(data):
    """-> (blocks [(sr, (n,) float32 mono)], failure or None, native sr); RuntimeError if it cannot open."""
    import soundfile as sf

    f = sf.SoundFile(io.BytesIO(data))  # LibsndfileError (a RuntimeError) when it cannot open
    blocks, failure = [], None
    with f:
        sr = f.samplerate
        try:  # in blocks, so a failure part way says how far the decoder got
            while True:
                block_sc = f.read(_BLOCK_FRAMES, dtype="float32", always_2d=True)
                if len(block_sc) == 0:
                    break
                blocks.append((sr, _mono(block_sc)))
        except (RuntimeError, OSError) as e:  # the decoder stopped with an error (lost sync, bad page)
            failure = _reason(e) or type(e).__name__
    return blocks, failure, sr


def _frames_to_mono(arrays, fmt, channels):
    """Consecutive PyAV `to_ndarray()` arrays of one sample format -> (n,) float32 mono."""
    arr = np.concatenate(arrays, axis=1)  # planar: (channels, n); packed: (1, n * channels)
    arr_cs = arr if fmt.endswith("p") or channels == 1 else arr.reshape(-1, channels).T
    kind = fmt.rstrip("p")
    if kind == "flt":
        wave_cs = arr_cs
    elif kind == "dbl":
        wave_cs = arr_cs.astype(np.float32)
    elif kind == "u8":
        wave_cs = (arr_cs.astype(np.float32) - 128.0) / 128.0
    else:
        scale = {"s16": 32768.0, "s32": 2147483648.0, "s64": 9223372036854775808.0}[kind]
        wave_cs = (arr_cs.astype(np.float64) / scale).astype(np.float32)
    return wave_cs.mean(axis=0, dtype=np.float32) if channels > 1 else np.ascontiguousarray(wave_cs[0])


def _decode_ffmpeg(data, name):
    """-> (blocks [(sr, (n,) float32 mono)], failure or None, native sr); FFmpegError if it cannot open.

    A packet the decoder rejects is skipped and decoding goes on, as the `ffmpeg` CLI
    does (real MP3s carry the odd corrupt frame); how many were skipped is warned.
    """
    import av

    runs, failure, skipped, first_error = [], None, 0, None
    with av.open(io.BytesIO(data), mode="r") as container:
        if not container.streams.audio:
            raise AudioFileError(f"{name}: cannot decode audio (no audio stream)")
        stream = container.streams.audio[0]
        sr = stream.codec_context.sample_rate
        try:
            for packet in container.demux(stream):  # the last packet (empty) flushes the decoder
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError as e:
                    skipped, first_error = skipped + 1, first_error or _reason(e)
                    continue
                for frame in frames:  # grouped while rate/format/channels stay (per-frame numpy is slow)
                    if frame.samples:
                        key = (frame.sample_rate, frame.format.name, frame.layout.nb_channels)
                        if runs and runs[-1][0] == key:
                            runs[-1][1].append(frame.to_ndarray())
                        else:
                            runs.append((key, [frame.to_ndarray()]))
        except av.error.FFmpegError as e:  # the demuxer or decoder gave up part way
            failure = _reason(e) or type(e).__name__
    blocks = [(key[0], _frames_to_mono(arrays, *key[1:])) for key, arrays in runs]
    if skipped and blocks:
        warnings.warn(f"{name}: skipped {skipped} undecodable packet(s) ({first_error}), as ffmpeg does",
                      stacklevel=3)
    if skipped and not blocks and failure is None:
        failure = f"{skipped} packet(s) rejected: {first_error}"
    return blocks, failure, sr


def _mono(block_sc):
    return block_sc.mean(axis=1) if block_sc.shape[1] > 1 else block_sc[:, 0]


def _decode(data, name):
    """-> (blocks [(sr, mono)], failure or None, native sr) from the decoder the magic bytes choose."""
    import av

    container = _libsndfile_container(data)
    if container is not None:
        try:
            return _decode_libsndfile(data)
        except (RuntimeError, OSError) as e:  # libsndfile cannot open it (e.g. Ogg/Speex): try FFmpeg
            sndfile_error = _reason(e)
    try:
        return _decode_ffmpeg(data, name)
    except av.error.FFmpegError as e:  # neither decoder can open it
        why = _reason(e).removeprefix("[Errno 1094995529] ").replace(": '<none>'", "")
        if container is not None:
            why = f"{sndfile_error}; ffmpeg: {why}"
        raise AudioFileError(f"{name}: cannot decode audio ({why})") from None


def _read_bytes(source):
    """The bytes of `source`: a path, a file object or bytes."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            return f.read()
    if hasattr(source, "read"):
        return bytes(source.read())
    return bytes(source)


def read_audio(source, sample_rate, name=None, min_duration_s=None):
    """Decode `source` (path, bytes or file object) to float32 mono at `sample_rate`.

    Raises AudioFileError (one line: `name: reason`) when the file is empty,
    cannot be opened, the decoder fails part way or returns no samples, or an
    exact header (WAV data chunk, FLAC STREAMINFO) promises more samples than
    decode. `min_duration_s` is for callers that know a length exactly (BEANS's
    own chunk lengths); pass nothing for metadata spans or estimates.
    Multi-channel audio is averaged to mono; resampled by soxr ("HQ").

    Returns:
        (samples,) float32 (decoded range, about [-1, 1]) at `sample_rate`.
    """
    import soxr

    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else "<bytes>"
    data = _read_bytes(source)
    if len(data) == 0:
        raise AudioFileError(f"{name}: empty file")
    blocks, failure, sr = _decode(data, name)
    exact = exact_frames(data)
    decoded = sum(len(b) for _, b in blocks)
    decoded_s = sum(len(b) / rate for rate, b in blocks)
    if failure is not None:
        if exact:
            raise AudioFileError(f"{name}: truncated (decoder failed after {decoded_s:.2f} s of "
                                 f"{exact / sr:.2f} s: {failure})")
        raise AudioFileError(f"{name}: cannot decode audio (decoder failed after {decoded_s:.2f} s: {failure})")
    if decoded == 0:
        raise AudioFileError(f"{name}: no audio samples (the decoder returned nothing)")
    if exact is not None and decoded < exact:
        raise AudioFileError(f"{name}: truncated ({decoded / sr:.2f} s of {exact / sr:.2f} s decoded)")
    if min_duration_s is not None and decoded_s < min_duration_s - TRUNCATION_TOLERANCE_S:
        raise AudioFileError(f"{name}: truncated ({decoded_s:.2f} s decoded, expected {min_duration_s:.2f} s)")
    pieces = []  # runs of one native rate (a stream may change rate part way), each resampled
    for rate, block_s in blocks:
        if pieces and pieces[-1][0] == rate:
            pieces[-1][1].append(block_s)
        else:
            pieces.append((rate, [block_s]))
    out = []
    for rate, run in pieces:
        wave_s = np.concatenate(run)
        if not np.all(np.isfinite(wave_s)):
            raise AudioFileError(f"{name}: non-finite samples")
        if rate != sample_rate:
            wave_s = soxr.resample(wave_s, rate, sample_rate, quality="HQ")
        out.append(wave_s)
    return np.asarray(np.concatenate(out), dtype=np.float32)


def native_sample_rate(source):
    """Sample rate of the first decoded stream, as `read_audio` would decode it (no full decode)."""
    data = _read_bytes(source)
    if _libsndfile_container(data) is not None:
        import soundfile as sf

        try:
            return sf.info(io.BytesIO(data)).samplerate
        except (RuntimeError, OSError):  # not for libsndfile after all: ask FFmpeg, as read_audio does
            pass
    import av

    with av.open(io.BytesIO(data), mode="r") as container:
        return container.streams.audio[0].codec_context.sample_rate


def to_int16(wave_s):
    """float32 [-1, 1] -> int16 PCM (clipped, rounded)."""
    return np.round(np.clip(wave_s, -1.0, 1.0) * 32767.0).astype(np.int16)
