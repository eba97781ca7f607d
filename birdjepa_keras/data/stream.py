"""The resumable train stream: an index sampler -> read -> crop per clip -> batch -> augment per batch.

The stream is a pure function of the position p = 0, 1, 2, ... of an example
on this host (`sampler.IndexSampler` says which example sits there); its
whole state is p. Per clip, one tf.data map reads the record
(`records.RecordReader`), crops a window with a seed from (run seed, epoch,
slot) and, for int16 PCM stored as bytes (the project's builders), cuts the
window out of the stored bytes without decoding the rest. Per batch, one map
decodes the windows and applies every waveform augmentation to the whole
batch in one XLA-compiled pass (`augment.augment_batch`), with the draws from
one seed per batch: (run seed, host, position of its first clip).

Saving and restoring the stream (what a checkpoint stores):

    stream = TrainStream(builder, "train", clip_samples=160000, batch_size=32,
                         num_classes=c, seed=0)
    ds = stream.dataset()          # infinite (wave_bs, labels_bc), from stream.position
    ...                            # the trainer consumes `steps` batches of ds
    state = stream.state(steps)    # small JSON-able dict (~280 bytes as JSON)
    ...                            # later, in any process:
    stream = TrainStream(builder, "train", ...same arguments...).restore(state)
    ds = stream.dataset()          # continues with batch number `steps`

`steps` counts the batches the consumer used (e.g. the optimizer's
iterations since the stream started), not what tf.data prefetched.
`restore` refuses a state from a stream with other settings.
"""

import json

import tensorflow as tf

from birdjepa_keras.data import augment as aug
from birdjepa_keras.data import records
from birdjepa_keras.data.records import AUTOTUNE
from birdjepa_keras.data.sampler import IndexSampler, class_balance_weights, split_labels

# v2: augmentation draws per batch and counter-hash noise (v1 streams drew per clip from Philox).
STATE_VERSION = 2
_MAX_POSITION = 2**62
# Salts that separate the random streams derived from one seed.
_CROP, _GAIN, _NOISE, _MIX = 1, 2, 3, 4
_AUGMENT = 7


class TrainStream:
    """Resumable infinite training stream of (wave_bs float32, labels_bc float32) batches.

    See the module docstring for the design. Args:
        builder: a prepared TFDS builder (`tfds_builders.ensure_prepared`).
        split: split name (sub-splits such as "train[:90%]" work).
        clip_samples: samples per crop (5 s at 32 kHz = 160000).
        batch_size: examples per batch on this host.
        num_classes: width of the multi-hot labels.
        seed: int; the whole stream is a function of it.
        augment: an `AugmentConfig` (gain, noise, mix fields) or None for none.
        balance_classes: draw examples with class-balancing weights
            (`class_balance_weights(..., power=balance_power)`) instead of
            one permutation per epoch.
        shard_index, num_shards: multi-host: this host reads shard
            `shard_index` of `num_shards` (e.g. `jax.process_index()`,
            `jax.process_count()`).
        position: examples of this host's stream already consumed (0 = start).
        labels: optional per-example label arrays (skips reading them for
            balancing; `split_labels` gives them).
    """

    def __init__(
        self,
        builder,
        split,
        *,
        clip_samples,
        batch_size,
        num_classes,
        seed,
        augment=None,
        balance_classes=False,
        balance_power=1.0,
        shard_index=0,
        num_shards=1,
        position=0,
        labels=None,
    ):
        self.builder = builder
        self.split = split
        self.clip_samples = int(clip_samples)
        self.batch_size = int(batch_size)
        self.num_classes = int(num_classes)
        self.seed = int(seed)
        self.augment = augment
        self.balance_classes = bool(balance_classes)
        self.balance_power = float(balance_power)
        self.position = int(position)
        self.reader = records.RecordReader(builder, split)
        records.warn_unless_bfc_allocator()
        self._pcm16_bytes = records.audio_is_pcm16_bytes(builder.info.features)
        weights = None
        if self.balance_classes:
            labels = split_labels(builder, split) if labels is None else labels
            weights = class_balance_weights(labels, self.num_classes, self.balance_power)
        self.sampler = IndexSampler(self.reader.num_examples, self.seed, shard_index, num_shards, weights)
        self._augment_seed = tf.random.experimental.stateless_fold_in(
            tf.constant([self.seed, _AUGMENT], tf.int64), self.sampler.shard_index, alg=aug.ALG)

    # -- state ---------------------------------------------------------------

    def _settings(self):
        a = self.augment
        return {
            "dataset": self.builder.info.full_name,
            "split": self.split,
            "num_examples": self.sampler.num_examples,
            "seed": self.seed,
            "batch_size": self.batch_size,
            "clip_samples": self.clip_samples,
            "shard_index": self.sampler.shard_index,
            "num_shards": self.sampler.num_shards,
            "balance": [self.balance_classes, self.balance_power],
            "augment": None if a is None else [getattr(a, k) for k in _AUGMENT_FIELDS],
        }

    def state(self, steps=0):
        """JSON-able dict: where this stream is after `steps` more batches from `position`."""
        settings = json.loads(json.dumps(self._settings()))  # tuples -> lists, as after a JSON round trip
        return {"version": STATE_VERSION, "position": self.position + int(steps) * self.batch_size, **settings}

    def restore(self, state):
        """Continue from `state` (from `state()`, possibly after a JSON round trip); returns self."""
        if isinstance(state, (bytes, str)):
            state = json.loads(state)
        # Version 1 streams differ from these only in the augmentations (per clip, Philox noise).
        if state.get("version") != STATE_VERSION and not (state.get("version") == 1 and self.augment is None):
            raise ValueError(f"train stream state version {state.get('version')} is not {STATE_VERSION}")
        mine = json.loads(json.dumps(self._settings()))
        diff = {k: (state.get(k), v) for k, v in mine.items() if state.get(k) != v}
        if diff:
            raise ValueError(f"train stream state was saved with other settings (saved, now): {diff}")
        self.position = int(state["position"])
        return self

    def epoch_of(self, steps=0):
        """(epoch, fraction of it done) after `steps` batches from `position`."""
        p = self.position + steps * self.batch_size
        return p // self.sampler.slots_per_epoch, (p % self.sampler.slots_per_epoch) / self.sampler.slots_per_epoch

    # -- tf.data ---------------------------------------------------------------

    def _clip(self, position):
        """Position -> (position, crop, labels_c): read, parse and crop one example (int16 bytes or audio)."""
        key = self.sampler.locate(position)
        return self._crop(position, key, self.reader.read(key["index"]))

    def _crop(self, position, key, record):
        """(position, its `sampler.locate` key, its serialized example) -> (position, crop, labels_c)."""
        seed_2 = tf.random.experimental.stateless_fold_in(
            self.sampler.example_seed(key["epoch"], key["slot"]), _CROP, alg=aug.ALG)
        if self._pcm16_bytes:  # crop the stored bytes; the batch decodes only the windows
            audio, labels_l = records.parse_pcm16_bytes(record)
            crop = records.random_crop_bytes(audio, self.clip_samples, seed_2)
        else:
            audio, labels_l = records._parse(self.builder.info.features, record)
            crop = records.random_crop(audio, self.clip_samples, seed_2)
        return position, crop, records.multi_hot(labels_l, self.num_classes)

    def _batch(self, position_b, crop_b, labels_bc):
        """One batch of crops -> (wave_bs float32, labels_bc): decode, then augment the whole batch at once."""
        if self._pcm16_bytes:  # fixed_length zero-pads a window cut short by the end of its recording
            audio_bs = tf.io.decode_raw(crop_b, tf.int16, little_endian=True, fixed_length=2 * self.clip_samples)
        else:
            audio_bs = crop_b
        a, kwargs = self.augment, {}
        if a is not None:
            # All of a batch's draws come from one seed: (run seed, host, position of its first clip).
            seed_2 = tf.random.experimental.stateless_fold_in(self._augment_seed, position_b[0], alg=aug.ALG)
            sub = lambda salt: tf.random.experimental.stateless_fold_in(seed_2, salt, alg=aug.ALG)  # noqa: E731
            n = self.batch_size
            if a.gain_prob > 0:
                kwargs["gain_b"] = aug.draw_gain(sub(_GAIN), n, a.gain_prob, *a.gain_db)
            if a.noise_prob > 0:
                kwargs["noise"] = aug.draw_noise(sub(_NOISE), n, a.noise_prob, *a.noise_snr_db)
            if a.mix_prob > 0:
                kwargs["mix_b"] = aug.draw_mix(sub(_MIX), n, a.mix_prob, *a.mix_gain_db)
        wave_bs, labels_bc = aug.augment_batch(audio_bs, labels_bc, **kwargs)
        return tf.ensure_shape(wave_bs, (self.batch_size, self.clip_samples)), labels_bc

    def dataset(self):
        """Infinite tf.data.Dataset of (wave_bs, labels_bc), starting at `self.position`."""
        ds = tf.data.Dataset.range(self.position, _MAX_POSITION)
        ds = ds.map(self._clip, num_parallel_calls=AUTOTUNE, deterministic=True)
        ds = ds.batch(self.batch_size, drop_remainder=True)
        ds = ds.map(self._batch, num_parallel_calls=AUTOTUNE, deterministic=True)
        options = tf.data.Options()
        options.deterministic = True
        return ds.prefetch(AUTOTUNE).with_options(options)


_AUGMENT_FIELDS = ("gain_prob", "gain_db", "noise_prob", "noise_snr_db", "mix_prob", "mix_gain_db")
