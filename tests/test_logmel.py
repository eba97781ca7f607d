"""LogMel: Kaldi/torchaudio parity, padding/normalisation, serialisation, jit."""

import keras
import numpy as np
import pytest

from birdjepa_keras.layers.logmel import LogMel, kaldi_mel_banks
from tests.helpers import as_numpy, run_layer_test

SR = 32000
KALDI_KW = dict(
    sample_frequency=SR, frame_length=25, frame_shift=10, window_type="hanning",
    dither=0.0, low_freq=20, high_freq=16000, num_mel_bins=128,
    preemphasis_coefficient=0.97, remove_dc_offset=True, snip_edges=True,
    use_energy=False, round_to_power_of_two=True,
)


def bird_clip(seconds, seed):
    """Bird-like chirps (FM sweeps + vibrato, 3 harmonics, sin^2 envelopes) over pink and
    white noise, with a 0.3 s digital-silence gap (exercises the log floor)."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SR)
    t = np.arange(n) / SR
    wave = np.zeros(n)
    for _ in range(int(4 * seconds)):
        start, dur = rng.uniform(0, seconds - 0.3), rng.uniform(0.05, 0.3)
        on = (t >= start) & (t < start + dur)
        tt = t[on] - start
        f0, sweep, vib = rng.uniform(2000, 6000), rng.uniform(-3000, 3000), rng.uniform(5, 40)
        phase = 2 * np.pi * (f0 * tt + 0.5 * sweep / dur * tt**2)
        phase += rng.uniform(50, 300) / vib * np.sin(2 * np.pi * vib * tt)
        env = np.sin(np.pi * tt / dur) ** 2
        for h, amp in enumerate([1.0, 0.4, 0.15]):
            wave[on] += rng.uniform(0.05, 0.3) * amp * env * np.sin((h + 1) * phase)
    spec = np.fft.rfft(rng.standard_normal(n))
    spec[1:] /= np.sqrt(np.arange(1, len(spec)))  # 1/f power
    pink = np.fft.irfft(spec, n)
    wave += 0.02 * pink / pink.std() + 0.002 * rng.standard_normal(n)
    wave[n // 3 : n // 3 + int(0.3 * SR)] = 0.0
    return np.clip(wave, -1, 1).astype(np.float32)


def torchaudio_fbank(wave_bs, double=False):
    torch = pytest.importorskip("torch")
    kaldi = pytest.importorskip("torchaudio.compliance.kaldi")
    outs = []
    for wave_s in wave_bs:
        x = torch.from_numpy(np.asarray(wave_s))[None]
        outs.append(kaldi.fbank(x.double() if double else x, **KALDI_KW).numpy())
    return np.stack(outs).astype(np.float64)


def test_filterbank_matches_torchaudio_to_float32_rounding():
    """Equal to torchaudio's float32 filterbank up to float32 rounding, on any CPU.

    Not bitwise: libm's float32 log and fused multiply-adds differ across machines
    (67 of 65,536 weights differed by up to 1.8e-5 on another x86-64). A weight is
    (mel_k - left) / (center - left): one float32 rounding of a mel value (|mel| <= mel_high)
    moves it by eps32 * mel_high / delta, delta the mel step; allow four such roundings.
    """
    kaldi = pytest.importorskip("torchaudio.compliance.kaldi")
    ref_mk, _ = kaldi.get_mel_banks(128, 1024, SR, 20.0, 16000.0, 100.0, -500.0, 1.0)
    mel_low, mel_high = (1127.0 * np.log(1.0 + f / 700.0) for f in (20.0, 16000.0))
    delta = (mel_high - mel_low) / 129
    atol = 4 * np.finfo(np.float32).eps * mel_high / delta  # ~6.2e-5
    ours_km = kaldi_mel_banks(128, 1024, SR, 20.0, 16000.0)
    np.testing.assert_allclose(ours_km, ref_mk.numpy().T, rtol=0, atol=atol)
    # The bound is tight enough to catch a wrong band edge: shifting the bank by one bin fails.
    assert np.abs(np.roll(ours_km, 1, axis=0) - ref_mk.numpy().T).max() > 100 * atol


@pytest.mark.backend
@pytest.mark.parametrize("seconds", [1, 5])
def test_parity_with_torchaudio_kaldi_fbank(seconds):
    wave_bs = np.stack([bird_clip(seconds, seed) for seed in range(2)])
    out_btf = as_numpy(LogMel(target_frames=None, normalize=False)(wave_bs)).astype(np.float64)
    ref32_btf = torchaudio_fbank(wave_bs)
    ref64_btf = torchaudio_fbank(wave_bs, double=True)
    assert out_btf.shape == ref32_btf.shape == (2, 1 + (seconds * SR - 800) // 320, 128)
    assert np.all(ref32_btf[:, 180 if seconds == 5 else 45] == np.log(np.float32(1.1920929e-07)))
    # Bands above e^-12 (everything but the quietest, low-frequency bands next to a loud
    # chirp, ~20 nats below the frame's peak) agree to 1e-3 with both the float32 and the
    # float64 torchaudio run; measured max error there is ~3e-4.
    loud = ref64_btf > -12.0
    for ref_btf in (ref32_btf, ref64_btf):
        np.testing.assert_allclose(out_btf[loud], ref_btf[loud], atol=1e-3, rtol=0)
        # In the quietest bands any float32 FFT is only good to ~1e-3 (torchaudio's own
        # float32 output differs from its float64 one by up to 9.5e-4 there).
        np.testing.assert_allclose(out_btf, ref_btf, atol=2.5e-3, rtol=0)


@pytest.mark.backend
def test_padded_normalised_output_matches_torchaudio():
    wave_bs = np.stack([bird_clip(5, seed) for seed in (2, 3)])
    out_btf = as_numpy(LogMel()(wave_bs))
    assert out_btf.shape == (2, 512, 128) and out_btf.dtype == np.float32
    ref_btf = torchaudio_fbank(wave_bs)  # (2, 498, 128)
    mins_b11 = ref_btf.min(axis=(1, 2), keepdims=True)
    ref_btf = np.concatenate([ref_btf, np.broadcast_to(mins_b11, (2, 14, 128))], axis=1)
    np.testing.assert_allclose(out_btf, (ref_btf + 7.2) / 8.86, atol=1e-3, rtol=0)


@pytest.mark.backend
def test_padding_uses_each_clip_minimum_and_cropping():
    rng = np.random.default_rng(0)
    wave_bs = np.stack([0.5 * rng.standard_normal(8000), 1e-3 * rng.standard_normal(8000)])
    wave_bs = wave_bs.astype(np.float32)  # 0.25 s -> 23 frames
    raw_btf = as_numpy(LogMel(target_frames=None, normalize=False)(wave_bs))
    assert raw_btf.shape == (2, 23, 128)
    padded_btf = as_numpy(LogMel(target_frames=30, normalize=False)(wave_bs))
    np.testing.assert_array_equal(padded_btf[:, :23], raw_btf)
    for b in range(2):
        np.testing.assert_array_equal(padded_btf[b, 23:], raw_btf[b].min())
    cropped_btf = as_numpy(LogMel(target_frames=10, normalize=False)(wave_bs))
    np.testing.assert_array_equal(cropped_btf, raw_btf[:, :10])
    norm_btf = as_numpy(LogMel(target_frames=10, mean=-5.0, std=2.0)(wave_bs))
    np.testing.assert_allclose(norm_btf, (raw_btf[:, :10] + 5.0) / 4.0, atol=1e-5)


@pytest.mark.backend
def test_layer_standard_checks():
    wave_bs = np.stack([bird_clip(1, 0), bird_clip(1, 1)])
    run_layer_test(LogMel, {"target_frames": 128}, wave_bs, (2, 128, 128))
    layer, _ = run_layer_test(
        LogMel,
        {"n_mels": 64, "frame_length": 640, "frame_shift": 256, "n_fft": 1024,
         "high_freq": -2000.0, "target_frames": None, "normalize": False},
        wave_bs, (2, 123, 64),
    )
    assert layer.get_weights() == []
    assert layer.compute_output_shape((None, 160000)) == (None, 623, 64)


@pytest.mark.backend
def test_mixed_bfloat16_computes_in_float32():
    wave_bs = bird_clip(1, 0)[None]
    ref_btf = as_numpy(LogMel()(wave_bs))
    policy = keras.config.dtype_policy()
    try:
        keras.config.set_dtype_policy("mixed_bfloat16")
        layer = LogMel()
        assert layer.compute_dtype == "bfloat16"
        out_btf = layer(keras.ops.convert_to_tensor(wave_bs, dtype="bfloat16"))
        sym = layer(keras.Input(shape=(32000,)))
    finally:
        keras.config.set_dtype_policy(policy)
    assert keras.backend.standardize_dtype(out_btf.dtype) == "float32"
    assert sym.dtype == "float32"
    # Only the bf16 rounding of the input waveform is lost.
    assert np.abs(as_numpy(out_btf) - ref_btf).mean() < 0.05


@pytest.mark.backend
def test_functional_model_with_dynamic_length():
    inputs = keras.Input(shape=(None,))
    mel = LogMel()(inputs)
    assert tuple(mel.shape) == (None, 512, 128)
    model = keras.Model(inputs, mel)
    wave_bs = np.stack([bird_clip(1, 0)] * 2)
    np.testing.assert_allclose(
        as_numpy(model.predict(wave_bs, verbose=0)), as_numpy(LogMel()(wave_bs)), atol=1e-5
    )
    assert tuple(LogMel(target_frames=None)(inputs).shape) == (None, None, 128)
    if keras.backend.backend() == "tensorflow":  # a truly dynamic sample count in a graph
        import tensorflow as tf

        for target in (512, 10, None):
            layer = LogMel(target_frames=target)
            fn = tf.function(layer, input_signature=[tf.TensorSpec([None, None], tf.float32)])
            for n_samples in (16000, 48000):
                np.testing.assert_allclose(
                    fn(wave_bs[:, :n_samples]).numpy(), as_numpy(layer(wave_bs[:, :n_samples])),
                    atol=1e-5,
                )


def test_jax_jit():
    if keras.backend.backend() != "jax":
        pytest.skip("jax.jit check runs on the jax backend only")
    import jax

    layer = LogMel()
    wave_bs = np.stack([bird_clip(1, 0), bird_clip(1, 1)])
    out_btf = jax.jit(layer)(wave_bs)
    assert out_btf.shape == (2, 512, 128)
    np.testing.assert_allclose(np.asarray(out_btf), as_numpy(layer(wave_bs)), atol=1e-5)
