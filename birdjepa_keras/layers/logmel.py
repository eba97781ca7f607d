"""Kaldi-compatible log-mel filterbank frontend as a backend-agnostic Keras layer."""

import math

import keras
import numpy as np
from keras import ops

_EPS = float(np.finfo(np.float32).eps)  # Kaldi/torchaudio log floor, 1.1920929e-07


def kaldi_mel_banks(n_mels, n_fft, sample_rate, low_freq, high_freq):
    """Kaldi/torchaudio `get_mel_banks` (no VTLN) as a `(n_fft // 2, n_mels)` float32 matrix.

    Row k weighs FFT bin k; the Nyquist bin gets no weight in Kaldi and is left out.
    `high_freq <= 0` is an offset from Nyquist, as in Kaldi. The arithmetic mirrors
    torchaudio's float32 steps (bit-identical matrix): a float64 filterbank differs by
    up to 1.3e-5 per weight, which moves quiet bands beside a loud bin by ~1e-3 in log.
    """
    f32 = np.float32
    nyquist = 0.5 * sample_rate
    if high_freq <= 0.0:
        high_freq += nyquist
    if not (0.0 <= low_freq < nyquist and 0.0 < high_freq <= nyquist and low_freq < high_freq):
        raise ValueError(f"Bad low_freq={low_freq} / high_freq={high_freq} for Nyquist {nyquist}.")
    mel_low = 1127.0 * math.log(1.0 + low_freq / 700.0)
    mel_high = 1127.0 * math.log(1.0 + high_freq / 700.0)
    delta = (mel_high - mel_low) / (n_mels + 1)
    m_1m = np.arange(n_mels, dtype=f32)[None, :]
    left_1m = f32(mel_low) + m_1m * f32(delta)
    center_1m = f32(mel_low) + (m_1m + f32(1.0)) * f32(delta)
    right_1m = f32(mel_low) + (m_1m + f32(2.0)) * f32(delta)
    freq_k = f32(sample_rate / n_fft) * np.arange(n_fft // 2, dtype=f32)
    # float32 log correctly rounded (as torch's), via float64.
    log_k = np.log((f32(1.0) + freq_k / f32(700.0)).astype(np.float64)).astype(f32)
    mel_k1 = (f32(1127.0) * log_k)[:, None]
    up_km = (mel_k1 - left_1m) / (center_1m - left_1m)
    down_km = (right_1m - mel_k1) / (right_1m - center_1m)
    return np.maximum(f32(0.0), np.minimum(up_km, down_km)).astype(f32)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class LogMel(keras.layers.Layer):
    """Log-mel filterbank features of a batch of waveforms, matching Kaldi `compute-fbank-feats`.

    Same numbers as `torchaudio.compliance.kaldi.fbank(wave, window_type="hanning",
    dither=0, snip_edges=True, round_to_power_of_two=True, use_energy=False)` per clip,
    then optionally padded/cropped along time and normalised. Only `keras.ops` is used,
    so it runs (and jit-compiles) on JAX, TensorFlow and torch. It has no weights; the
    window and filterbank are constants rebuilt from the config.

    Computation is always float32: inputs are cast to float32 and the output is float32
    even under a `mixed_bfloat16` dtype policy (bf16 log-mels would lose ~3 digits).
    On JAX GPUs the filterbank matmul runs in TF32 by default, which moves log-mels by
    up to ~8e-4 (1e-4 after normalisation); set `JAX_DEFAULT_MATMUL_PRECISION=highest`
    for 4e-4 parity (about 25% slower layer).

    Args:
        sample_rate: int, input sample rate in Hz. Default 32000.
        frame_length: int, samples per frame (25 ms). Default 800.
        frame_shift: int, hop in samples (10 ms). Default 320.
        n_fft: int, FFT size; frames are zero-padded to it (Kaldi round_to_power_of_two).
            Default 1024.
        n_mels: int, number of triangular mel filters. Default 128.
        low_freq: float, lowest filter edge in Hz. Default 20.
        high_freq: float, highest filter edge in Hz (<= 0: offset from Nyquist). Default 16000.
        preemphasis: float, Kaldi per-frame pre-emphasis coefficient (0 disables). Default 0.97.
        remove_dc_offset: bool, subtract each frame's mean. Default True.
        target_frames: int or None, pad (with each clip's minimum log-mel) or crop the time
            axis to this many frames; None keeps all `1 + (samples - frame_length) //
            frame_shift` frames. Default 512.
        normalize: bool, output `(x - mean) / (2 * std)`. Default True.
        mean: float, normalisation mean. Default -7.2.
        std: float, normalisation std. Default 4.43.

    Call args:
        wave_bs: `(batch, samples)` float waveform in [-1, 1] (not scaled by 32768),
            `samples >= frame_length`.

    Returns:
        mel_btf: `(batch, time, n_mels)` float32; `time = target_frames` when set.

    Example:
        >>> layer = LogMel()
        >>> mel_btf = layer(np.zeros((2, 160000), "float32"))  # 5 s at 32 kHz
        >>> tuple(mel_btf.shape)
        (2, 512, 128)
    """

    def __init__(
        self,
        sample_rate=32000,
        frame_length=800,
        frame_shift=320,
        n_fft=1024,
        n_mels=128,
        low_freq=20.0,
        high_freq=16000.0,
        preemphasis=0.97,
        remove_dc_offset=True,
        target_frames=512,
        normalize=True,
        mean=-7.2,
        std=4.43,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if not 2 <= frame_length <= n_fft or frame_shift <= 0:
            raise ValueError(f"Need 2 <= frame_length <= n_fft and frame_shift > 0, got "
                             f"{frame_length}, {n_fft}, {frame_shift}.")
        if n_fft % 2:
            raise ValueError(f"n_fft must be even, got {n_fft}.")
        self.sample_rate = int(sample_rate)
        self.frame_length = int(frame_length)
        self.frame_shift = int(frame_shift)
        self.n_fft = int(n_fft)
        self.n_mels = int(n_mels)
        self.low_freq = float(low_freq)
        self.high_freq = float(high_freq)
        self.preemphasis = float(preemphasis)
        self.remove_dc_offset = bool(remove_dc_offset)
        self.target_frames = None if target_frames is None else int(target_frames)
        self.normalize = bool(normalize)
        self.mean = float(mean)
        self.std = float(std)
        # Numpy constants; turned into backend tensors inside `call` so that nothing
        # traced (e.g. a jax tracer) is ever cached on the layer.
        # Kaldi "hanning" (symmetric, computed in double as Kaldi does), zero-padded to n_fft.
        n = np.arange(self.frame_length, dtype=np.float64)
        window_l = 0.5 - 0.5 * np.cos(2.0 * math.pi * n / (self.frame_length - 1))
        self._window_k = np.pad(window_l, (0, self.n_fft - self.frame_length)).astype(np.float32)
        self._banks_km = kaldi_mel_banks(
            self.n_mels, self.n_fft, self.sample_rate, self.low_freq, self.high_freq
        )
        self.built = True

    @property
    def input_dtype(self):
        # Keras casts floating inputs to this dtype; keep float32 under mixed policies.
        return "float32"

    def n_frames(self, n_samples):
        """Frames produced (before padding/cropping) for `n_samples` (snip_edges)."""
        return 1 + (n_samples - self.frame_length) // self.frame_shift

    def _blocks(self, x_bs, n_blocks):
        """`(batch, n_blocks, frame_shift)` hop-sized blocks of `x_bs`, zero-padded at the end."""
        shift = self.frame_shift
        x_bs = ops.pad(x_bs, [[0, 0], [0, shift]])[:, : n_blocks * shift]
        return ops.reshape(x_bs, (ops.shape(x_bs)[0], n_blocks, shift))

    def _framed(self, blocks_bnh, n_frames, reduce=None):
        """Frame t = blocks t .. t+n_full-1 plus the first `rem` samples of block t+n_full.

        Contiguous slices + one concat: cheaper than a gather on XLA CPU and torch. With
        `reduce="sum"` returns the per-frame sums `(batch, time)` from block sums instead.
        """
        n_full, rem = divmod(self.frame_length, self.frame_shift)
        if reduce == "sum":
            sums_bn = ops.sum(blocks_bnh, axis=-1)
            total_bt = sum(sums_bn[:, k : k + n_frames] for k in range(n_full))
            if rem:
                total_bt = total_bt + ops.sum(blocks_bnh[:, n_full : n_full + n_frames, :rem], -1)
            return total_bt
        parts = [blocks_bnh[:, k : k + n_frames] for k in range(n_full)]
        if rem:
            parts.append(blocks_bnh[:, n_full : n_full + n_frames, :rem])
        return parts[0] if len(parts) == 1 else ops.concatenate(parts, axis=-1)

    def call(self, wave_bs):
        wave_bs = ops.cast(wave_bs, "float32")
        n_frames = self.n_frames(ops.shape(wave_bs)[1])
        n_blocks = n_frames + -(-self.frame_length // self.frame_shift) - 1
        coef = self.preemphasis
        # Kaldi per frame: x -= mean(x); x[j] -= coef * x[j-1] (x[-1] := x[0]); x *= window.
        # Rewritten as framing the pre-emphasised waveform, then subtracting
        # (1 - coef) * mean: for j >= 1 that is the same; for j = 0 it differs, but the
        # symmetric Hann window is exactly 0 there. Saves two passes over the frames.
        if coef != 0.0:
            src_bs = ops.concatenate([wave_bs[:, :1], wave_bs[:, 1:] - coef * wave_bs[:, :-1]], 1)
        else:
            src_bs = wave_bs
        frames_btl = self._framed(self._blocks(src_bs, n_blocks), n_frames)
        if self.remove_dc_offset:
            sums_bt = self._framed(self._blocks(wave_bs, n_blocks), n_frames, reduce="sum")
            scale = (1.0 - coef) / self.frame_length
            frames_btl = frames_btl - ops.expand_dims(sums_bt * scale, -1)
        # Zero-pad to n_fft here (fused with the window product on XLA) rather than inside
        # rfft, which would materialise a second padded copy.
        frames_btk = ops.pad(frames_btl, [[0, 0], [0, 0], [0, self.n_fft - self.frame_length]])
        frames_btk = frames_btk * ops.convert_to_tensor(self._window_k)
        real_btk, imag_btk = ops.rfft(frames_btk, fft_length=self.n_fft)
        # Drop the Nyquist bin (zero weight in Kaldi's filterbank): a 512-wide matmul.
        k = self.n_fft // 2
        power_btk = ops.square(real_btk[..., :k]) + ops.square(imag_btk[..., :k])
        mel_btf = ops.matmul(power_btk, ops.convert_to_tensor(self._banks_km))
        mel_btf = ops.log(ops.maximum(mel_btf, _EPS))
        if self.target_frames is not None:
            mel_btf = self._fit_frames(mel_btf)
        if self.normalize:
            mel_btf = (mel_btf - self.mean) * (1.0 / (2.0 * self.std))
        return mel_btf

    def _fit_frames(self, mel_btf):
        """Crop, or pad with each clip's minimum, to `target_frames`."""
        target = self.target_frames
        n_frames = ops.shape(mel_btf)[1]
        if isinstance(n_frames, int) and n_frames >= target:
            return mel_btf[:, :target]
        min_b11 = ops.min(mel_btf, axis=(1, 2), keepdims=True)
        # Static pad widths (`target` frames) also work for a dynamic frame count.
        pad = target - n_frames if isinstance(n_frames, int) else target
        mel_btf = ops.pad(mel_btf, [[0, 0], [0, pad], [0, 0]])[:, :target]
        valid_1t1 = ops.reshape(ops.arange(target) < n_frames, (1, target, 1))
        return ops.where(valid_1t1, mel_btf, min_b11)

    def compute_output_shape(self, input_shape):
        n_samples = input_shape[1]
        n_frames = None if n_samples is None else self.n_frames(n_samples)
        if self.target_frames is not None:
            n_frames = self.target_frames
        return (input_shape[0], n_frames, self.n_mels)

    def compute_output_spec(self, wave_bs):
        return keras.KerasTensor(self.compute_output_shape(wave_bs.shape), dtype="float32")

    def get_config(self):
        config = super().get_config()
        config.update(
            sample_rate=self.sample_rate,
            frame_length=self.frame_length,
            frame_shift=self.frame_shift,
            n_fft=self.n_fft,
            n_mels=self.n_mels,
            low_freq=self.low_freq,
            high_freq=self.high_freq,
            preemphasis=self.preemphasis,
            remove_dc_offset=self.remove_dc_offset,
            target_frames=self.target_frames,
            normalize=self.normalize,
            mean=self.mean,
            std=self.std,
        )
        return config
