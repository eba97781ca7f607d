"""Embed audio files with a saved `encoder.keras` (any sample rate, any length)."""

import numpy as np

from birdjepa_keras.data.audio import AudioFileError, read_audio  # noqa: F401  (re-exported)


def windows(wave_s, window, hop):
    """Cut (samples,) into (n, window) frames; the last one zero-padded; at least one."""
    n = max(1, -(-(len(wave_s) - window) // hop) + 1) if len(wave_s) > window else 1
    padded = np.zeros((n - 1) * hop + window, dtype=np.float32)
    padded[: len(wave_s)] = wave_s[: len(padded)]
    idx = np.arange(n)[:, None] * hop + np.arange(window)[None, :]
    return padded[idx]


def _model_sample_rate(model):
    for layer in model.layers:
        cfg = layer.get_config()
        if "sample_rate" in cfg:
            return int(cfg["sample_rate"])
    return 32000


def load_encoder(model):
    """A loaded `encoder.keras` (path or model) -> (model, window_samples, sample_rate)."""
    import keras

    if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        model = keras.models.load_model(model)
    return model, int(model.inputs[0].shape[1]), _model_sample_rate(model)


def embed_waveform(wave_s, model, hop_samples=None, batch_size=32):
    """Embeddings (n_windows, d) of a waveform already at the model's sample rate."""
    model, window, _ = load_encoder(model)
    frames_nw = windows(np.asarray(wave_s, np.float32), window, hop_samples or window)
    out = model.predict(frames_nw, batch_size=batch_size, verbose=0)
    return np.asarray(out["embedding"], dtype=np.float32)


def embed_file(path, model, hop_seconds=None, batch_size=32):
    """Embed an audio file in consecutive windows of the model's clip length.

    Args:
        path: WAV/FLAC/OGG/MP3 file at any sample rate (decoded by soundfile,
            resampled to the model's rate by soxr).
        model: path to an `encoder.keras` or the loaded model.
        hop_seconds: window hop; default = window length (no overlap).

    Returns:
        (n_windows, d) float32 embeddings.

    Example:
        >>> emb = birdjepa_keras.embed_file("dawn.flac", "runs/quickstart/encoder.keras")
    """
    model, window, sr = load_encoder(model)
    wave_s = read_audio(path, sr)
    hop = int(round(hop_seconds * sr)) if hop_seconds else window
    return embed_waveform(wave_s, model, hop_samples=hop, batch_size=batch_size)
