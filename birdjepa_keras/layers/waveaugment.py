"""Waveform gain, white noise and mixing as a Keras layer: per row, in training only.

The tf.data stream (`birdjepa_keras.data.augment`) augments each clip once.
LeJEPA needs each *view* of a clip augmented on its own, so this layer does
the same three operations inside the model, on any batch of rows (views are
rows), with `keras.random` draws from the layer's own seed generator.
"""

import math

import keras
from keras import ops


def _db_to_amplitude(db):
    return ops.power(10.0, db / 20.0)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class WaveAugment(keras.layers.Layer):
    """Per-row gain -> white noise -> mixing with the previous row, in training only.

    Same definitions as the train stream's augmentations: gain 10^(g/20) with
    g ~ U[gain_db]; uniform white noise at SNR ~ U[noise_snr_db] dB relative to
    the row's RMS (after gain); mixing adds w * row[i - 1] with w = 10^(g/20),
    g ~ U[mix_gain_db] (the previous row is another clip whenever rows of one
    clip are not adjacent, as in LeJEPA's view-major layout). Each operation
    applies to a row with its own probability. At inference the layer is the
    identity.

    Args:
        gain_prob, gain_db: probability and (low, high) dB range of the gain.
        noise_prob, noise_snr_db: probability and (low, high) SNR in dB.
        mix_prob, mix_gain_db: probability and (low, high) dB level of the partner.
        seed: int or None, seeds the layer's `keras.random.SeedGenerator`.

    Call:
        wave_ns: (rows, samples) float32 waveforms; training: bool.

    Returns:
        (rows, samples) float32.
    """

    def __init__(
        self,
        gain_prob=0.0,
        gain_db=(-6.0, 6.0),
        noise_prob=0.0,
        noise_snr_db=(10.0, 30.0),
        mix_prob=0.0,
        mix_gain_db=(-6.0, 0.0),
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        for name, p in (("gain_prob", gain_prob), ("noise_prob", noise_prob), ("mix_prob", mix_prob)):
            if not 0.0 <= p <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], got {p}")
        self.gain_prob, self.gain_db = float(gain_prob), tuple(float(g) for g in gain_db)
        self.noise_prob, self.noise_snr_db = float(noise_prob), tuple(float(g) for g in noise_snr_db)
        self.mix_prob, self.mix_gain_db = float(mix_prob), tuple(float(g) for g in mix_gain_db)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.built = True

    @property
    def input_dtype(self):
        return "float32"

    @property
    def active(self):
        return self.gain_prob > 0 or self.noise_prob > 0 or self.mix_prob > 0

    def _draw(self, u_n2, prob, lo_hi):
        """(apply_n bool, value_n) with value ~ U[lo, hi]."""
        lo, hi = lo_hi
        return u_n2[:, 0] < prob, lo + (hi - lo) * u_n2[:, 1]

    def call(self, wave_ns, training=None):
        if not training or not self.active:
            return wave_ns
        wave_ns = ops.cast(wave_ns, "float32")
        n = ops.shape(wave_ns)[0]
        u_n6 = keras.random.uniform((n, 6), seed=self.seed_generator)
        if self.gain_prob > 0:
            apply_n, g_db = self._draw(u_n6[:, 0:2], self.gain_prob, self.gain_db)
            wave_ns = wave_ns * ops.where(apply_n, _db_to_amplitude(g_db), 1.0)[:, None]
        if self.noise_prob > 0:
            apply_n, snr_db = self._draw(u_n6[:, 2:4], self.noise_prob, self.noise_snr_db)
            rms_n = ops.sqrt(ops.mean(ops.square(wave_ns), axis=1))
            # U[-a, a] has variance a^2 / 3: a = sqrt(3) * rms / 10^(snr/20).
            half_n = math.sqrt(3.0) * rms_n / _db_to_amplitude(snr_db)
            u_ns = keras.random.uniform(ops.shape(wave_ns), minval=-1.0, maxval=1.0, seed=self.seed_generator)
            wave_ns = wave_ns + ops.where(apply_n, half_n, 0.0)[:, None] * u_ns
        if self.mix_prob > 0:
            apply_n, g_db = self._draw(u_n6[:, 4:6], self.mix_prob, self.mix_gain_db)
            w_n = ops.where(apply_n, _db_to_amplitude(g_db), 0.0)
            wave_ns = wave_ns + w_n[:, None] * ops.roll(wave_ns, 1, axis=0)
        return wave_ns

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "gain_prob": self.gain_prob,
            "gain_db": self.gain_db,
            "noise_prob": self.noise_prob,
            "noise_snr_db": self.noise_snr_db,
            "mix_prob": self.mix_prob,
            "mix_gain_db": self.mix_gain_db,
            "seed": self.seed,
        }
