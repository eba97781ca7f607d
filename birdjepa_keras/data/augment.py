"""Waveform augmentations for the train stream: gain, background noise, mixing two clips.

Pure TensorFlow functions run inside tf.data (no Python per example). Every
random draw is stateless: it comes from a `(2,)` int64 seed that the pipeline
derives from `(run seed, epoch, slot)` of the example, so a stream is the
same on every run and after a resume. Spectrogram masking (SpecAugment) is a
Keras layer instead: `birdjepa_keras.layers.specaugment`.

Order in the train stream: crop -> gain -> noise (per example) -> batch ->
mix (each clip with its batch neighbour).
"""

import tensorflow as tf

ALG = "philox"  # pinned: "auto_select" may change with the device


def _uniform(seed_2, n):
    return tf.random.stateless_uniform((n,), seed=seed_2, dtype=tf.float32, alg=ALG)


def db_to_amplitude(db):
    return tf.pow(10.0, tf.cast(db, tf.float32) / 20.0)


def draw_gain(seed_2, prob, min_db, max_db):
    """Amplitude factor: 10^(g/20), g ~ U[min_db, max_db] with probability `prob`, else 1."""
    u_2 = _uniform(seed_2, 2)
    g_db = min_db + (max_db - min_db) * u_2[1]
    return tf.where(u_2[0] < prob, db_to_amplitude(g_db), 1.0)


def gain(wave_s, seed_2, prob, min_db, max_db):
    """Scale a clip by `draw_gain(seed_2, ...)`; returns (wave_s, factor). No clipping."""
    factor = draw_gain(seed_2, prob, min_db, max_db)
    return wave_s * factor, factor


def draw_noise(seed_2, prob, snr_min_db, snr_max_db):
    """(apply, snr_db, noise_seed_2): whether to add noise, at which SNR, from which seed."""
    seeds_22 = tf.random.experimental.stateless_split(seed_2, 2, alg=ALG)
    u_2 = _uniform(seeds_22[0], 2)
    snr_db = snr_min_db + (snr_max_db - snr_min_db) * u_2[1]
    return u_2[0] < prob, snr_db, seeds_22[1]


def add_noise(wave_s, seed_2, prob, snr_min_db, snr_max_db):
    """Add white background noise at SNR ~ U[snr_min_db, snr_max_db] dB.

    The SNR is relative to the clip's RMS (a silent clip stays silent). Applied
    with probability `prob`; the noise itself is only generated when applied.
    Samples are uniform with the target variance, not Gaussian: half the cost
    (this is the most expensive augmentation), and every 25 ms frame of its
    spectrum is Gaussian anyway (a sum of 800 samples).
    """
    apply, snr_db, noise_seed = draw_noise(seed_2, prob, snr_min_db, snr_max_db)

    def noisy():
        rms = tf.sqrt(tf.reduce_mean(tf.square(wave_s)))
        half_width = 3.0**0.5 * rms / db_to_amplitude(snr_db)  # U[-a, a] has variance a^2 / 3
        u_s = tf.random.stateless_uniform(tf.shape(wave_s), seed=noise_seed, minval=-1.0, maxval=1.0, alg=ALG)
        return wave_s + half_width * u_s

    return tf.cond(apply, noisy, lambda: wave_s)


def draw_mix(seed_2, prob, min_db, max_db):
    """Partner weight for `mix_batch`: 10^(g/20), g ~ U[min_db, max_db] with probability `prob`, else 0."""
    u_2 = _uniform(seed_2, 2)
    g_db = min_db + (max_db - min_db) * u_2[1]
    return tf.where(u_2[0] < prob, db_to_amplitude(g_db), 0.0)


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
