"""Waveform augmentations (gain, background noise, mixing): reference checks, seeding."""

import numpy as np
import tensorflow as tf

from birdjepa_keras.data import augment as aug


def seed(i):
    return tf.constant([7, i], tf.int64)


def draws(fn, n):
    """fn(seed_2) for the seeds seed(0) .. seed(n - 1), as one NumPy array (one tf.data pass)."""
    ds = tf.data.Dataset.range(n).map(lambda i: fn(tf.stack([tf.constant(7, tf.int64), i])))
    return next(ds.batch(n).as_numpy_iterator())


def clip(n=32000, rng=0):
    return np.random.default_rng(rng).uniform(-0.5, 0.5, n).astype("float32")


def test_gain_scales_by_the_drawn_factor():
    wave = clip()
    for i in range(3):
        out, factor = aug.gain(tf.constant(wave), seed(i), 1.0, -6.0, 6.0)
        np.testing.assert_allclose(out.numpy(), wave * factor.numpy(), rtol=1e-6)
        assert float(factor) == float(aug.draw_gain(seed(i), 1.0, -6.0, 6.0))  # seeded: same seed, same draw
    factors = draws(lambda s: aug.draw_gain(s, 1.0, -6.0, 6.0), 2000)
    db = 20 * np.log10(factors)
    assert db.min() >= -6.0 - 1e-4 and db.max() <= 6.0 + 1e-4
    assert abs(db.mean()) < 0.35 and abs(db.std() - 12 / 12**0.5) < 0.2  # U[-6, 6] dB: mean 0, std 3.46
    assert len(set(factors.tolist())) == 2000


def test_gain_probability():
    applied = draws(lambda s: aug.draw_gain(s, 0.3, -6.0, 6.0), 2000) != 1.0
    assert 0.26 < applied.mean() < 0.34
    assert np.all(draws(lambda s: aug.draw_gain(s, 0.0, -6.0, 6.0), 100) == 1.0)


def test_noise_is_white_at_the_drawn_snr():
    wave = clip(64000)
    rms = np.sqrt(np.mean(wave.astype(np.float64) ** 2))
    for i in range(5):
        out = aug.add_noise(tf.constant(wave), seed(i), 1.0, 0.0, 20.0).numpy()
        _, snr_db, _ = aug.draw_noise(seed(i), 1.0, 0.0, 20.0)
        noise = (out - wave).astype(np.float64)
        assert 0.0 <= float(snr_db) <= 20.0
        np.testing.assert_allclose(20 * np.log10(rms / noise.std()), float(snr_db), atol=0.05)
        assert abs(noise.mean()) < 3 * noise.std() / np.sqrt(len(noise))
        lag1 = np.corrcoef(noise[:-1], noise[1:])[0, 1]
        assert abs(lag1) < 0.02  # white
        np.testing.assert_array_equal(aug.add_noise(tf.constant(wave), seed(i), 1.0, 0.0, 20.0).numpy(), out)
    assert not np.array_equal(aug.add_noise(tf.constant(wave), seed(9), 1.0, 0.0, 20.0).numpy(), out)
    # Off, or a silent clip: unchanged.
    np.testing.assert_array_equal(aug.add_noise(tf.constant(wave), seed(0), 0.0, 0.0, 20.0).numpy(), wave)
    silent = np.zeros(1000, "float32")
    np.testing.assert_array_equal(aug.add_noise(tf.constant(silent), seed(0), 1.0, 0.0, 20.0).numpy(), silent)


def test_mix_adds_the_neighbour_and_ors_labels():
    rng = np.random.default_rng(3)
    wave_bs = rng.normal(size=(4, 100)).astype("float32")
    labels_bc = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 1, 1]], "float32")
    weight_b = np.array([0.5, 0.0, 1.0, 0.25], "float32")
    out_w, out_y = aug.mix_batch(tf.constant(wave_bs), tf.constant(labels_bc), tf.constant(weight_b))
    partner = np.roll(np.arange(4), 1)  # example i is mixed with example i - 1
    ref_w = wave_bs + weight_b[:, None] * wave_bs[partner]
    ref_y = np.where(weight_b[:, None] > 0, np.logical_or(labels_bc, labels_bc[partner]), labels_bc)
    np.testing.assert_allclose(out_w.numpy(), ref_w, rtol=1e-6)
    np.testing.assert_array_equal(out_y.numpy(), ref_y)
    np.testing.assert_array_equal(out_y.numpy()[0], [1, 1, 1])  # [1,0,0] OR its partner [0,1,1]


def test_mix_draws():
    weights = draws(lambda s: aug.draw_mix(s, 0.5, -6.0, 0.0), 2000)
    on = weights > 0
    assert 0.45 < on.mean() < 0.55
    db = 20 * np.log10(weights[on])
    assert db.min() >= -6.0 - 1e-4 and db.max() <= 1e-4
