"""Waveform augmentations (gain, background noise, mixing), batch at a time: reference checks, seeding."""

import numpy as np
import pytest
import tensorflow as tf

from birdjepa_keras.data import augment as aug


def seed(i):
    return tf.constant([7, i], tf.int64)


def clip(n=32000, rng=0):
    return np.random.default_rng(rng).uniform(-0.5, 0.5, n).astype("float32")


def lowbias32_np(x):
    """Reference: C. Wellons' lowbias32 (nullprogram.com/blog/2018/07/31, skeeto/hash-prospector), in NumPy."""
    x = np.asarray(x, np.uint64) & 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    x ^= x >> 16
    return x.astype(np.uint32)


def test_gain_scales_each_clip_by_its_drawn_factor():
    wave_bs = np.stack([clip(rng=i) for i in range(3)])
    factor_b = aug.draw_gain(seed(0), 3, 1.0, -6.0, 6.0)
    out, _ = aug.augment_batch(tf.constant(wave_bs), tf.zeros((3, 2)), gain_b=factor_b)
    np.testing.assert_allclose(out.numpy(), wave_bs * factor_b.numpy()[:, None], rtol=1e-6)
    np.testing.assert_array_equal(factor_b, aug.draw_gain(seed(0), 3, 1.0, -6.0, 6.0))  # seeded: same draws
    factors = aug.draw_gain(seed(1), 2000, 1.0, -6.0, 6.0).numpy()
    db = 20 * np.log10(factors)
    assert db.min() >= -6.0 - 1e-4 and db.max() <= 6.0 + 1e-4
    assert abs(db.mean()) < 0.35 and abs(db.std() - 12 / 12**0.5) < 0.2  # U[-6, 6] dB: mean 0, std 3.46
    assert len(set(factors.tolist())) == 2000


def test_gain_probability():
    applied = aug.draw_gain(seed(2), 2000, 0.3, -6.0, 6.0).numpy() != 1.0
    assert 0.26 < applied.mean() < 0.34
    assert np.all(aug.draw_gain(seed(3), 100, 0.0, -6.0, 6.0).numpy() == 1.0)


def test_int16_audio_becomes_float_in_minus_one_one():
    audio = np.array([[-32768, -1, 0, 1, 32767]], np.int16)
    out, labels = aug.augment_batch(tf.constant(audio), tf.constant([[0.0, 1.0]]))
    np.testing.assert_array_equal(out.numpy(), audio / 32768.0)
    np.testing.assert_array_equal(labels.numpy(), [[0.0, 1.0]])


def test_noise_is_white_at_the_drawn_snr():
    wave_bs = np.stack([clip(64000, rng=i) * (i + 1) for i in range(5)])  # clips of different loudness
    rms_b = np.sqrt(np.mean(wave_bs.astype(np.float64) ** 2, axis=1))
    noise = aug.draw_noise(seed(0), 5, 1.0, 0.0, 20.0)
    out = aug.augment_batch(tf.constant(wave_bs), tf.zeros((5, 1)), noise=noise)[0].numpy()
    snr_db = noise[1].numpy()
    assert np.all(noise[0].numpy()) and np.all((snr_db >= 0.0) & (snr_db <= 20.0))
    assert len(set(noise[2].numpy().tolist())) == 5  # a key per clip
    residual = (out - wave_bs).astype(np.float64)
    for i in range(5):
        n = residual[i]
        np.testing.assert_allclose(20 * np.log10(rms_b[i] / n.std()), snr_db[i], atol=0.05)
        assert abs(n.mean()) < 3 * n.std() / np.sqrt(len(n))
        assert abs(np.corrcoef(n[:-1], n[1:])[0, 1]) < 0.02  # white
        a = 3**0.5 * n.std()  # uniform on [-a, a]: flat histogram, nothing outside
        hist, _ = np.histogram(n / a, bins=10, range=(-1.0, 1.0))
        assert np.abs(hist / len(n) - 0.1).max() < 0.01 and np.abs(n).max() <= a * 1.01
    for i in range(4):  # clips' noises are unrelated
        assert abs(np.corrcoef(residual[i] / rms_b[i], residual[i + 1] / rms_b[i + 1])[0, 1]) < 0.02
    again = aug.augment_batch(tf.constant(wave_bs), tf.zeros((5, 1)), noise=aug.draw_noise(seed(0), 5, 1.0, 0.0, 20.0))
    np.testing.assert_array_equal(again[0].numpy(), out)
    other = aug.augment_batch(tf.constant(wave_bs), tf.zeros((5, 1)), noise=aug.draw_noise(seed(9), 5, 1.0, 0.0, 20.0))
    assert not np.array_equal(other[0].numpy(), out)


def test_noise_off_or_silent_leaves_the_clip_alone():
    wave_bs = np.stack([clip(rng=0), np.zeros(32000, "float32"), clip(rng=1)])
    noise = aug.draw_noise(seed(4), 3, 0.5, 0.0, 20.0)
    on = noise[0].numpy()
    out = aug.augment_batch(tf.constant(wave_bs), tf.zeros((3, 1)), noise=noise)[0].numpy()
    for i in range(3):
        if not on[i] or i == 1:
            np.testing.assert_array_equal(out[i], wave_bs[i])
    applied = aug.draw_noise(seed(5), 2000, 0.3, 0.0, 20.0)[0].numpy()
    assert 0.26 < applied.mean() < 0.34


def test_uniform_noise_matches_the_reference_hash():
    key_b = np.array([0, 1, 0xDEADBEEF], np.uint32)
    got = aug.uniform_noise(tf.constant(key_b), 1001).numpy()
    h = lowbias32_np(lowbias32_np(np.arange(1001))[None, :] ^ key_b[:, None])
    ref = (h >> 8).astype(np.float64) * 2.0**-23 - 1.0
    np.testing.assert_array_equal(got, ref.astype(np.float32))  # integer hash, exact float steps of 2^-23
    assert got.shape == (3, 1001) and got.min() >= -1.0 and got.max() < 1.0
    u = aug.uniform_noise(tf.constant([5], tf.uint32), 200000).numpy()[0].astype(np.float64)
    assert abs(u.mean()) < 3 * (1 / 3) ** 0.5 / len(u) ** 0.5 and abs(u.var() - 1 / 3) < 0.005


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
    # The same through the compiled batch function.
    xla_w, xla_y = aug.augment_batch(tf.constant(wave_bs), tf.constant(labels_bc), mix_b=tf.constant(weight_b))
    np.testing.assert_allclose(xla_w.numpy(), ref_w, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(xla_y.numpy(), ref_y)


def test_mix_draws():
    weights = aug.draw_mix(seed(6), 2000, 0.5, -6.0, 0.0).numpy()
    on = weights > 0
    assert 0.45 < on.mean() < 0.55
    db = 20 * np.log10(weights[on])
    assert db.min() >= -6.0 - 1e-4 and db.max() <= 1e-4


@pytest.mark.parametrize("n", [160000, 96000, 1001, 100])
def test_mean_square_equals_float64_mean_in_and_out_of_xla(n):
    # Blocks of 640 through a matrix product plus a plainly reduced tail (n = 1001, 100 have one).
    x = np.random.default_rng(n).normal(size=(3, n)).astype("float32") * np.array([[1.0], [1e-3], [0.0]], "float32")
    ref = (x.astype(np.float64) ** 2).mean(axis=1)
    for fn in (aug.mean_square, tf.function(aug.mean_square, jit_compile=True)):
        got = fn(tf.constant(x)).numpy()
        np.testing.assert_allclose(got, ref, rtol=1e-5, atol=0)  # float32 sums of 1e5 terms: ~1e-7 here
    unknown = tf.function(aug.mean_square, input_signature=[tf.TensorSpec((None, None), tf.float32)])
    np.testing.assert_allclose(unknown(tf.constant(x)).numpy(), ref, rtol=1e-5, atol=0)


def test_augment_benchmark_script_prints_its_rows():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "augment_batch.py"
    proc = subprocess.run([sys.executable, str(script), "--batch", "2", "--seconds", "0.1", "--repeats", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("| rms") or ln.startswith("| augment")]
    assert len(rows) == 4 and all(float(ln.split("|")[2]) > 0 for ln in rows), proc.stdout
