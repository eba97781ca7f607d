"""Waveform augmentations for the train stream, one batch at a time: gain, background noise, mixing.

The stream batches the crops first (int16), then `augment_batch` turns the
whole batch into float32 and augments it in one XLA-compiled function: one
fused pass over the samples instead of a chain of per-clip TensorFlow ops.
The per-clip random draws (`draw_gain`, `draw_noise`, `draw_mix`) are
(batch,) tensors from one stateless `(2,)` int64 seed per batch, which the
stream derives from (run seed, position of the batch), so a stream is the
same on every run and after a resume. Spectrogram masking (SpecAugment) is a
Keras layer instead: `birdjepa_keras.layers.specaugment`.

Order: crop (per clip, in the stream) -> batch -> gain -> noise -> mix (each
clip with its batch neighbour).
"""

import tensorflow as tf

ALG = "philox"  # pinned: "auto_select" may change with the device
_SQRT3 = 3.0**0.5


def _uniform(seed_2, batch, k):
    return tf.random.stateless_uniform((batch, k), seed=seed_2, dtype=tf.float32, alg=ALG)


def db_to_amplitude(db):
    return tf.pow(10.0, tf.cast(db, tf.float32) / 20.0)


def draw_gain(seed_2, batch, prob, min_db, max_db):
    """(batch,) amplitude factors: 10^(g/20), g ~ U[min_db, max_db] with probability `prob`, else 1."""
    u_b2 = _uniform(seed_2, batch, 2)
    g_db = min_db + (max_db - min_db) * u_b2[:, 1]
    return tf.where(u_b2[:, 0] < prob, db_to_amplitude(g_db), 1.0)


def draw_noise(seed_2, batch, prob, snr_min_db, snr_max_db):
    """(apply_b bool, snr_db_b, key_b uint32): whether to add noise to each clip, at which SNR, with which key."""
    u_b2 = _uniform(seed_2, batch, 2)
    snr_db = snr_min_db + (snr_max_db - snr_min_db) * u_b2[:, 1]
    key_seed = tf.random.experimental.stateless_fold_in(seed_2, 1, alg=ALG)
    key_b = tf.random.stateless_uniform((batch,), seed=key_seed, minval=None, maxval=None, dtype=tf.int32, alg=ALG)
    return u_b2[:, 0] < prob, snr_db, tf.bitcast(key_b, tf.uint32)


def draw_mix(seed_2, batch, prob, min_db, max_db):
    """(batch,) partner weights for `mix_batch`: 10^(g/20), g ~ U[min_db, max_db] with probability `prob`, else 0."""
    u_b2 = _uniform(seed_2, batch, 2)
    g_db = min_db + (max_db - min_db) * u_b2[:, 1]
    return tf.where(u_b2[:, 0] < prob, db_to_amplitude(g_db), 0.0)


def lowbias32(x):
    """A 32-bit integer hash with low bias (C. Wellons, "Prospecting for Hash Functions", 2018,
    nullprogram.com/blog/2018/07/31; skeeto/hash-prospector). uint32 in, uint32 out, elementwise."""
    x = tf.bitwise.bitwise_xor(x, tf.bitwise.right_shift(x, 16))
    x = x * tf.constant(0x7FEB352D, tf.uint32)
    x = tf.bitwise.bitwise_xor(x, tf.bitwise.right_shift(x, 15))
    x = x * tf.constant(0x846CA68B, tf.uint32)
    return tf.bitwise.bitwise_xor(x, tf.bitwise.right_shift(x, 16))


def uniform_noise(key_b, num_samples):
    """(batch, num_samples) float32 white noise, uniform on [-1, 1) in steps of 2^-23, one stream per key.

    A counter-based generator: sample t of clip b is lowbias32(lowbias32(t) xor key_b), whose top 24 bits
    give the value. Philox (tf.random) costs several times more per sample on a CPU and cannot fuse with
    the arithmetic around it; the hash is a few integer ops that XLA fuses into the same pass. Distinct t
    give distinct lowbias32(t) (a bijection), so two clips' noises never repeat each other shifted in time.
    (Splitting one 32-bit hash into two 16-bit samples was 3x slower: the concat defeats XLA's fusion.)
    """
    t_s = lowbias32(tf.cast(tf.range(num_samples), tf.uint32))
    h_bs = lowbias32(tf.bitwise.bitwise_xor(t_s[None, :], tf.cast(key_b, tf.uint32)[:, None]))
    return tf.cast(tf.bitwise.right_shift(h_bs, 8), tf.float32) * (2.0 / 2**24) - 1.0


def mix_batch(wave_bs, labels_bc, weight_b):
    """Mix each clip with its batch neighbour: x_i + w_i * x_{i-1}; labels OR-ed where w_i > 0.

    The batch is already in random order, so the neighbour is a random clip.
    `weight_b` (batch,) comes from `draw_mix` (0 = leave the clip alone).
    """
    partner_bs = tf.roll(wave_bs, shift=1, axis=0)
    partner_bc = tf.roll(labels_bc, shift=1, axis=0)
    wave_bs = wave_bs + weight_b[:, None] * partner_bs
    labels_bc = tf.where(weight_b[:, None] > 0, tf.maximum(labels_bc, partner_bc), labels_bc)
    return wave_bs, labels_bc


def mean_square(x_bs, block=640):
    """(batch, samples) -> (batch,) mean of squares, summed as a matrix product with ones.

    XLA:CPU emits a fused row reduction as a scalar loop (~1.6 ns per sample here); summing
    `block`-sample rows by one (rows x block) @ (block x 1) product goes through the vectorised
    GEMM instead: 1.9 vs 9.7 ms for 32 x 5 s (benchmarks in docs/benchmarks.md). The tail that
    does not fill a block is reduced plainly.
    """
    n = x_bs.shape[1]
    if n is None:  # length known only at run time: the plain reduction
        return tf.reduce_mean(tf.square(x_bs), axis=1)
    m = (n // block) * block
    rows = tf.matmul(tf.reshape(tf.square(x_bs[:, :m]), (-1, block)), tf.ones((block, 1), x_bs.dtype))
    total_b = tf.reduce_sum(tf.reshape(rows, (-1, m // block)), axis=1)
    if m < n:
        total_b += tf.reduce_sum(tf.square(x_bs[:, m:]), axis=1)
    return total_b / n


def _augment_batch(audio_bs, labels_bc, gain_b, noise_on_b, snr_db_b, key_b, mix_b, noise, mix):
    scale = 1.0 / 32768.0 if audio_bs.dtype == tf.int16 else 1.0  # int16 PCM -> [-1, 1); a power of 2: exact
    x_bs = tf.cast(audio_bs, tf.float32)
    scale_b = scale * gain_b  # > 0: the gained clip's RMS is scale_b x the stored samples' RMS
    wave_bs = x_bs * scale_b[:, None]
    if noise:
        # SNR relative to the (gained) clip's RMS: a silent clip stays silent. U[-a, a] has variance a^2 / 3.
        rms_b = scale_b * tf.sqrt(mean_square(x_bs))
        half_width_b = tf.where(noise_on_b, _SQRT3 * rms_b / db_to_amplitude(snr_db_b), 0.0)
        wave_bs = wave_bs + half_width_b[:, None] * uniform_noise(key_b, tf.shape(wave_bs)[1])
    if mix:
        wave_bs, labels_bc = mix_batch(wave_bs, labels_bc, mix_b)
    return wave_bs, labels_bc


_augment_batch_xla = tf.function(_augment_batch, jit_compile=True)


def augment_batch(audio_bs, labels_bc, *, gain_b=None, noise=None, mix_b=None):
    """int16 (or float) audio (batch, samples) -> augmented float32 wave_bs, and labels_bc (OR-ed where mixed).

    gain_b: (batch,) factors (`draw_gain`) or None; noise: `draw_noise`'s (apply_b, snr_db_b, key_b) or None;
    mix_b: (batch,) partner weights (`draw_mix`) or None. The noise is white and uniform with the variance
    that puts it `snr_db` below the gained clip's RMS. One XLA-compiled function (graph or eager callers).
    """
    b = tf.shape(audio_bs)[0]
    ones_b, zeros_b = tf.ones((b,), tf.float32), tf.zeros((b,), tf.float32)
    noise_on_b, snr_db_b, key_b = noise if noise is not None else (tf.zeros((b,), tf.bool), zeros_b,
                                                                     tf.zeros((b,), tf.uint32))
    return _augment_batch_xla(
        audio_bs, labels_bc, ones_b if gain_b is None else gain_b, noise_on_b, snr_db_b, key_b,
        zeros_b if mix_b is None else mix_b, noise is not None, mix_b is not None,
    )
