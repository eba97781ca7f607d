"""Decode audio files once: soundfile (WAV/FLAC/OGG/MP3) -> mono -> soxr resample.

Shared by `embed.read_audio` and the dataset builders. No TensorFlow here.

The decoder decides whether a file is usable. A file is rejected only when
libsndfile cannot open it, fails while decoding, returns no samples, or
returns fewer samples than an *exact* header promises: a WAV `data` chunk or
a FLAC STREAMINFO sample count. MP3 and Ogg/Vorbis lengths reported before
decoding are estimates (mpg123 guesses MP3 lengths from the first frame's
bitrate or a Xing tag), so they never make a file "truncated"; neither do
lengths from dataset metadata.
"""

import io
import os
import re
import struct

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
            block_align = struct.unpack("<H", data[pos + 20:pos + 22])[0]
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


def read_audio(source, sample_rate, name=None, min_duration_s=None):
    """Decode `source` (path, bytes or file object) to float32 mono at `sample_rate`.

    Raises AudioFileError (one line: `name: reason`) when the file is empty,
    cannot be opened, the decoder fails part way or returns no samples, or an
    exact header (WAV data chunk, FLAC STREAMINFO) promises more samples than
    decode. `min_duration_s` is for callers that know a length exactly (BEANS's
    own chunk lengths); pass nothing for metadata spans or estimates.

    Returns:
        (samples,) float32 in [-1, 1] at `sample_rate`.
    """
    import soundfile as sf
    import soxr

    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else "<bytes>"
    data = source
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            data = f.read()
    elif hasattr(source, "read"):
        data = source.read()
    if len(data) == 0:
        raise AudioFileError(f"{name}: empty file")
    try:
        f = sf.SoundFile(io.BytesIO(data))
    except Exception as e:  # LibsndfileError / RuntimeError / OSError: libsndfile cannot open it
        raise AudioFileError(f"{name}: cannot decode audio ({_reason(e)})") from None
    exact = exact_frames(data)
    blocks, failure = [], None
    with f:
        sr = f.samplerate
        try:  # in blocks, so a failure part way says how far the decoder got
            while True:
                block = f.read(_BLOCK_FRAMES, dtype="float32", always_2d=True)
                if len(block) == 0:
                    break
                blocks.append(block)
        except Exception as e:  # the decoder stopped with an error (lost sync, bad page)
            failure = _reason(e) or type(e).__name__
    decoded = sum(len(b) for b in blocks)
    if failure is not None:
        if exact:
            raise AudioFileError(f"{name}: truncated (decoder failed after {decoded / sr:.2f} s of "
                                 f"{exact / sr:.2f} s: {failure})")
        raise AudioFileError(f"{name}: cannot decode audio (decoder failed after {decoded / sr:.2f} s: {failure})")
    if decoded == 0:
        raise AudioFileError(f"{name}: no audio samples (the decoder returned nothing)")
    if exact is not None and decoded < exact:
        raise AudioFileError(f"{name}: truncated ({decoded / sr:.2f} s of {exact / sr:.2f} s decoded)")
    if min_duration_s is not None and decoded / sr < min_duration_s - TRUNCATION_TOLERANCE_S:
        raise AudioFileError(
            f"{name}: truncated ({decoded / sr:.2f} s decoded, expected {min_duration_s:.2f} s)")
    wave_sc = np.concatenate(blocks)
    if not np.all(np.isfinite(wave_sc)):
        raise AudioFileError(f"{name}: non-finite samples")
    wave_s = wave_sc.mean(axis=1)
    if sr != sample_rate:
        wave_s = soxr.resample(wave_s, sr, sample_rate, quality="HQ")
    return np.asarray(wave_s, dtype=np.float32)


def native_sample_rate(source):
    """Sample rate stored in the file header (no decode)."""
    import soundfile as sf

    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    return sf.info(source).samplerate


def to_int16(wave_s):
    """float32 [-1, 1] -> int16 PCM (clipped, rounded)."""
    return np.round(np.clip(wave_s, -1.0, 1.0) * 32767.0).astype(np.int16)
