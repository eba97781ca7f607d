"""Embed audio files with a saved `encoder.keras` (any sample rate, any length)."""

import numpy as np

from birdjepa_keras.data.audio import AudioFileError, read_audio  # noqa: F401  (re-exported)
from birdjepa_keras.models.exported import cut_windows, load_encoder


def embed_waveform(wave_s, model, hop_samples=None, batch_size=32):
    """Embeddings (n_windows, d) of a waveform already at the model's sample rate (windows: `models.exported`)."""
    model, window, _ = load_encoder(model)
    frames_nw, _ = cut_windows(np.asarray(wave_s, np.float32)[None], window, hop_samples or window)
    out = model.predict(frames_nw, batch_size=batch_size, verbose=0)
    return np.asarray(out["embedding"], dtype=np.float32)


def embed_file(path, model, hop_seconds=None, batch_size=32):
    """Embed an audio file in consecutive windows of the model's clip length.

    Args:
        path: WAV/FLAC/OGG/MP3 file at any sample rate (decoded by soundfile,
            resampled to the model's rate by soxr).
        model: path to an `encoder.keras` or the loaded model.
        hop_seconds: window hop; default = window length (no overlap). The last
            window ends flush with the file (`models.exported.window_starts`).

    Returns:
        (n_windows, d) float32 embeddings.

    Example:
        >>> emb = birdjepa_keras.embed_file("dawn.flac", "runs/quickstart/encoder.keras")
    """
    model, window, sr = load_encoder(model)
    wave_s = read_audio(path, sr)
    hop = int(round(hop_seconds * sr)) if hop_seconds else window
    return embed_waveform(wave_s, model, hop_samples=hop, batch_size=batch_size)
