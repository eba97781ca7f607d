"""Using an exported `encoder.keras` on audio of any length: load it, cut windows.

One windowing rule for every caller (`embed_file`, the benchmark's backbones): windows
start every `hop` samples, plus one window flush with the end when the hops do not
land there; a wave shorter than one window is zero-padded to it. The model never sees
a zero-padded tail unless the whole wave is shorter than its clip (it was trained on
full clips), and every sample is covered. The last window's start is then
`n_samples - window`, not a multiple of `hop`: `window_starts` gives the starts.
"""

import numpy as np


def window_starts(n_samples, window, hop):
    """Starts of the windows covering [0, n_samples): every hop, plus one flush with the end."""
    if n_samples <= window:
        return [0]
    starts = list(range(0, n_samples - window + 1, hop))
    if starts[-1] != n_samples - window:
        starts.append(n_samples - window)
    return starts


def cut_windows(wave_bs, window, hop):
    """(batch, samples) -> ((batch * n_windows, window) float32, n_windows), see the module docstring."""
    wave_bs = np.asarray(wave_bs, np.float32)
    b, s = wave_bs.shape
    if s < window:
        wave_bs = np.pad(wave_bs, ((0, 0), (0, window - s)))
        s = window
    starts = window_starts(s, window, hop)
    idx = np.asarray(starts)[:, None] + np.arange(window)[None]
    return wave_bs[:, idx].reshape(b * len(starts), window), len(starts)


def model_sample_rate(model):
    """The sample rate the frontend layer was built for (32 kHz when no layer says)."""
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
    return model, int(model.inputs[0].shape[1]), model_sample_rate(model)
