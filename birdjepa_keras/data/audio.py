"""Decode audio files once: soundfile (WAV/FLAC/OGG/MP3) -> mono -> soxr resample.

Shared by `embed.read_audio` and the dataset builders. No TensorFlow here.
"""

import io
import os
import re
import struct

import numpy as np

# A decoded file may fall this far short of its declared length before we call it truncated
# (MP3 frame padding and Vorbis granule rounding make lengths inexact).
TRUNCATION_TOLERANCE_S = 0.25


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


def read_audio(source, sample_rate, name=None, min_duration_s=None):
    """Decode `source` (path, bytes or file object) to float32 mono at `sample_rate`.

    Raises AudioFileError (one line: `name: reason`) when the file cannot be
    decoded, holds no samples, or is truncated: shorter than its own header
    says (WAV/FLAC/MP3) or than `min_duration_s` (for formats whose header
    cannot tell, e.g. OGG/Vorbis, pass the length known from metadata).

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
        with sf.SoundFile(io.BytesIO(data)) as f:
            sr, declared = f.samplerate, f.frames
            wave_sc = f.read(dtype="float32", always_2d=True)
    except Exception as e:  # LibsndfileError / RuntimeError / OSError
        reason = re.sub(r"<_io\.BytesIO object at 0x[0-9a-f]+>", "file", str(e).splitlines()[0])[:200]
        raise AudioFileError(f"{name}: cannot decode audio ({reason})") from None
    if wave_sc.shape[0] == 0:
        raise AudioFileError(f"{name}: no audio samples")
    wav_frames = _wav_declared_frames(data)
    if wav_frames is not None:
        declared = max(declared, wav_frames)
    short_s = (declared - wave_sc.shape[0]) / sr
    if short_s > TRUNCATION_TOLERANCE_S:
        raise AudioFileError(f"{name}: truncated ({wave_sc.shape[0] / sr:.2f} s of {declared / sr:.2f} s decoded)")
    if min_duration_s is not None and wave_sc.shape[0] / sr < min_duration_s - TRUNCATION_TOLERANCE_S:
        raise AudioFileError(
            f"{name}: truncated ({wave_sc.shape[0] / sr:.2f} s decoded, metadata says >= {min_duration_s:.2f} s)")
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
