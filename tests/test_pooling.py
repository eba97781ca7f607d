"""TokenPool's frequency-preserving `time_mean` / `time_max` against a NumPy loop over the patch grid."""

import keras
import numpy as np
import pytest

from birdjepa_keras.models.audio_encoder import TokenPool
from tests.helpers import as_numpy


def _time_mean_reference(x_bnd, n_time, n_mel):
    # token i sits at (row, col) = (i // n_mel, i % n_mel) of the row-major (time, mel) grid
    b, n, d = x_bnd.shape
    out = np.zeros((b, n_mel, d))
    for i in range(n):
        out[:, i % n_mel] += x_bnd[:, i] / n_time
    return out.reshape(b, n_mel * d)


@pytest.mark.backend
def test_time_mean_matches_grid_loop():
    rng = np.random.default_rng(0)
    x_bnd = rng.standard_normal((3, 6 * 4, 5)).astype("float32")
    cls_bcd = rng.standard_normal((3, 2, 5)).astype("float32")
    got = as_numpy(TokenPool("time_mean", mel_patches=4)(cls_bcd, x_bnd))
    np.testing.assert_allclose(got, _time_mean_reference(x_bnd, 6, 4), rtol=1e-5, atol=1e-6)
    # it keeps mel position: tokens that differ only in which mel column is loud pool apart
    a_bnd, b_bnd = np.zeros((1, 24, 5), "float32"), np.zeros((1, 24, 5), "float32")
    a_bnd[0, 0::4], b_bnd[0, 3::4] = 1.0, 1.0  # column 0 vs column 3 loud in every row
    pool = TokenPool("time_mean", mel_patches=4)
    assert not np.allclose(as_numpy(pool(cls_bcd[:1], a_bnd)), as_numpy(pool(cls_bcd[:1], b_bnd)))
    mean = TokenPool("patch_mean")
    np.testing.assert_allclose(as_numpy(mean(cls_bcd[:1], a_bnd)), as_numpy(mean(cls_bcd[:1], b_bnd)))


def _time_max_reference(x_bnd, n_mel):
    b, n, d = x_bnd.shape
    out = np.full((b, n_mel, d), -np.inf)
    for i in range(n):
        out[:, i % n_mel] = np.maximum(out[:, i % n_mel], x_bnd[:, i])
    return out.reshape(b, n_mel * d)


@pytest.mark.backend
def test_time_max_matches_grid_loop_and_sees_a_short_call():
    rng = np.random.default_rng(0)
    x_bnd = rng.standard_normal((3, 6 * 4, 5)).astype("float32")
    cls_bcd = rng.standard_normal((3, 2, 5)).astype("float32")
    got = as_numpy(TokenPool("time_max", mel_patches=4)(cls_bcd, x_bnd))
    np.testing.assert_allclose(got, _time_max_reference(x_bnd, 4), rtol=1e-6)
    # one loud token in one time row: the max keeps its full height, the mean divides it by the rows
    a_bnd = np.zeros((1, 24, 5), "float32")
    a_bnd[0, 2 * 4 + 1] = 6.0  # time row 2, mel column 1
    mx = as_numpy(TokenPool("time_max", mel_patches=4)(cls_bcd[:1], a_bnd)).reshape(4, 5)
    mean = as_numpy(TokenPool("time_mean", mel_patches=4)(cls_bcd[:1], a_bnd)).reshape(4, 5)
    np.testing.assert_allclose(mx[1], 6.0)
    np.testing.assert_allclose(mean[1], 1.0)
    np.testing.assert_allclose(np.delete(mx, 1, axis=0), 0.0)


def test_time_mean_needs_mel_patches_and_round_trips():
    for mode in ("time_mean", "time_max"):
        with pytest.raises(ValueError, match="mel_patches"):
            TokenPool(mode)
    pool = TokenPool("time_mean", mel_patches=8)
    again = TokenPool.from_config(pool.get_config())
    assert again.mode == "time_mean" and again.mel_patches == 8
    assert again.compute_output_shape((2, 4, 16), (2, 64, 16)) == (2, 128)


def test_probe_reports_each_pooling():
    """train.evaluate probes every configured pooling from one pass of the encoder."""
    import tensorflow as tf

    from birdjepa_keras.config import ProbeConfig
    from birdjepa_keras.layers.logmel import LogMel
    from birdjepa_keras.models.audio_encoder import build_audio_encoder
    from birdjepa_keras.models.vit import ViTEncoder
    from birdjepa_keras.train.evaluate import probe_encoder
    from birdjepa_keras.train.run import linear_probe_args

    keras.utils.set_random_seed(0)
    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=16, depth=1, n_heads=2, n_cls=1, n_registers=0)
    model = build_audio_encoder(LogMel(target_frames=112), enc, 32000, pooling="cls")
    rng = np.random.default_rng(1)
    sr, n = 32000, 24
    t = np.arange(sr) / sr
    # class k: a tone in mel band k (low vs high), so time_mean can separate them
    labels = np.eye(2, dtype="float32")[np.arange(n) % 2]
    waves = np.stack([0.3 * np.sin(2 * np.pi * (600 if k == 0 else 9000) * t) + 0.01 * rng.standard_normal(sr)
                      for k in np.arange(n) % 2]).astype("float32")
    ds = tf.data.Dataset.from_tensor_slices((waves, labels)).batch(8)
    cfg = ProbeConfig(poolings=("cls", "time_mean"), epochs=30, patience=30, learning_rate=1e-2)
    rows = probe_encoder("x", model, {"train": ds, "valid": ds, "test": ds}, seed=0, mel_patches=8, **linear_probe_args(cfg))
    assert [(r["encoder"], r["pooling"]) for r in rows] == [("x", "cls"), ("x", "time_mean")]
    assert rows[1]["cmap"] > 0.99  # the tone's mel band is in the time_mean features
