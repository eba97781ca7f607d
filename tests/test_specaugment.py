"""SpecAugment: masks along the named axes (time = 1, mel = 2), training only, seeded."""

import numpy as np
import pytest

from birdjepa_keras.layers.specaugment import SpecAugment
from tests.helpers import as_numpy, run_layer_test

# Time and mel sizes differ so that an axis mix-up cannot pass.
B, T, F = 6, 50, 12


def runs(flags):
    """Contiguous True runs of a 1-D bool array, as (start, stop) pairs."""
    padded = np.concatenate([[False], flags, [False]]).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2]))


@pytest.mark.backend
def test_layer_contract():
    x = np.random.default_rng(0).normal(size=(2, T, F)).astype("float32")
    run_layer_test(SpecAugment, {"time_masks": 2, "freq_masks": 1, "seed": 0}, x, (2, T, F))


@pytest.mark.backend
def test_time_masks_cover_whole_frames_along_axis_1():
    layer = SpecAugment(time_masks=2, time_mask_frames=8, freq_masks=0, mask_value=-3.0, seed=1)
    out = as_numpy(layer(np.ones((B, T, F), "float32"), training=True))
    masked = out == -3.0
    assert np.all((out == 1.0) | masked)
    assert masked.any()
    for b in range(B):
        frames = masked[b].any(axis=1)  # (T,)
        # A masked frame is masked in every mel bin: the mask runs along time only.
        np.testing.assert_array_equal(masked[b], np.repeat(frames[:, None], F, axis=1))
        spans = runs(frames)
        assert len(spans) <= 2 and sum(e - s for s, e in spans) <= 2 * 8
        assert all(e - s <= 16 for s, e in spans)  # two overlapping masks at most merge


@pytest.mark.backend
def test_freq_masks_cover_whole_bins_along_axis_2():
    layer = SpecAugment(time_masks=0, freq_masks=1, freq_mask_bins=5, seed=2)
    out = as_numpy(layer(np.ones((B, T, F), "float32"), training=True))
    masked = out == 0.0
    assert masked.any()
    for b in range(B):
        bins = masked[b].any(axis=0)  # (F,)
        np.testing.assert_array_equal(masked[b], np.repeat(bins[None, :], T, axis=0))
        spans = runs(bins)
        assert len(spans) <= 1 and all(e - s <= 5 for s, e in spans)


@pytest.mark.backend
def test_identity_unless_training_and_seeded():
    x = np.random.default_rng(1).normal(size=(B, T, F)).astype("float32")
    layer = SpecAugment(time_masks=2, freq_masks=2, seed=7)
    np.testing.assert_array_equal(as_numpy(layer(x)), x)
    np.testing.assert_array_equal(as_numpy(layer(x, training=False)), x)
    a = as_numpy(SpecAugment(time_masks=2, freq_masks=2, seed=7)(x, training=True))
    b = as_numpy(SpecAugment(time_masks=2, freq_masks=2, seed=7)(x, training=True))
    c = as_numpy(SpecAugment(time_masks=2, freq_masks=2, seed=8)(x, training=True))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    # Each call draws new masks; widths never exceed the axis.
    second = as_numpy(layer(x, training=True))
    assert not np.array_equal(as_numpy(layer(x, training=True)), second)
    wide = as_numpy(SpecAugment(time_masks=1, time_mask_frames=500, freq_masks=0, seed=0)(x, training=True))
    assert wide.shape == x.shape


def test_mask_sizes_follow_the_configured_distribution():
    """Width ~ U{0..max}: mean masked fraction of one time mask is (max / 2) / T."""
    layer = SpecAugment(time_masks=1, time_mask_frames=10, freq_masks=0, seed=3)
    out = as_numpy(layer(np.ones((400, T, F), "float32"), training=True))
    widths = (out[:, :, 0] == 0).sum(axis=1)
    assert widths.min() == 0 and widths.max() == 10
    assert abs(widths.mean() - 5.0) < 0.5
    starts = np.array([np.argmax(row == 0) for row in out[:, :, 0]])[widths > 0]
    assert starts.min() <= 2 and starts.max() + 1 >= T - 12  # masks reach both ends


def test_frontend_masks_in_training_only_and_never_in_the_export():
    import json

    import keras

    from birdjepa_keras.config import AugmentConfig, FrontendConfig
    from birdjepa_keras.layers.logmel import LogMel
    from birdjepa_keras.models.audio_encoder import build_audio_encoder
    from birdjepa_keras.models.vit import ViTEncoder
    from birdjepa_keras.models import build

    fe_cfg = FrontendConfig(target_frames=112)
    plain = build.make_frontend(fe_cfg)
    assert isinstance(plain, LogMel) and build.inference_frontend(plain) is plain
    front = build.make_frontend(fe_cfg, augment=AugmentConfig(time_masks=2, freq_masks=1), seed=0)
    assert isinstance(build.inference_frontend(front), LogMel)
    wave = np.random.default_rng(0).normal(scale=0.1, size=(2, 32000)).astype("float32")
    clean = as_numpy(plain(wave))
    np.testing.assert_allclose(as_numpy(front(wave)), clean, atol=1e-6)

    class Outer(keras.Model):  # like Pixio: calls the frontend without passing `training`
        def __init__(self, front):
            super().__init__()
            self.front = front

        def call(self, x, training=False):
            return self.front(x)

    masked = as_numpy(Outer(front)(wave, training=True))
    assert (masked == 0).any() and not np.allclose(masked, clean)
    np.testing.assert_allclose(as_numpy(Outer(front)(wave)), clean, atol=1e-6)

    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=32, depth=1, n_heads=2)
    export = build_audio_encoder(build.inference_frontend(front), enc, 32000)
    assert "SpecAugment" not in json.dumps(export.get_config())
