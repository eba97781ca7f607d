"""tf.data input pipelines over TFDS audio datasets.

Audio is stored decoded (int16 PCM at the training sample rate), so the
pipeline only picks examples, crops, augments and batches; the log-mel runs
on the accelerator as a Keras layer. Any TFDS dataset with the features
`audio` (1-D int16), `labels` (Sequence(ClassLabel)) works.

Storage. TFDS's default TFRecord shards are read by index: a one-time scan
of the record headers gives each example's (shard, byte offset), cached under
`$BIRDJEPA_CACHE` (default `~/.cache/birdjepa_keras`), and tf.data's
TFRecord reader starts at that offset (`tf.raw_ops.TFRecordDatasetV2` with
`byte_offsets`). No format conversion, and no Python at train time.

Train stream (`TrainStream`): an index sampler, not a shuffle buffer, so its
whole state is one integer. The stream is a pure function of the position
p = 0, 1, 2, ... of an example on this host:

* host h of k owns slots h, h + k, h + 2k, ... of every epoch (n_h slots);
  position p is epoch e = p // n_h, slot s = h + k * (p % n_h);
* slot s of epoch e holds example `index_shuffle(s, seed(e))`: a fresh
  permutation of the split each epoch, so every example appears once per
  epoch and the hosts read disjoint shards whose union is the split. With
  `balance_classes`, slot s instead draws an example with probability
  proportional to its class weight (with replacement);
* the 5 s crop and the waveform augmentations (`data/augment.py`) use
  stateless seeds derived from (seed, e, s).

Every step (sampling, reading, parsing, cropping, augmentation, batching)
is a TensorFlow op: no Python runs per example or per batch.

Saving and restoring the stream (what a checkpoint stores):

    stream = TrainStream(builder, "train", clip_samples=160000, batch_size=32,
                         num_classes=c, seed=0)
    ds = stream.dataset()          # infinite (wave_bs, labels_bc), from stream.position
    ...                            # the trainer consumes `steps` batches of ds
    state = stream.state(steps)    # small JSON-able dict (~250 bytes as JSON)
    ...                            # later, in any process:
    stream = TrainStream(builder, "train", ...same arguments...).restore(state)
    ds = stream.dataset()          # continues with batch number `steps`

`steps` counts the batches the consumer used (e.g. the optimizer's
iterations since the stream started), not what tf.data prefetched.
`restore` refuses a state from a stream with other settings.
"""

import dataclasses
import hashlib
import json
import logging
import os
import struct

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

from birdjepa_keras.data import augment as aug

AUTOTUNE = tf.data.AUTOTUNE
STATE_VERSION = 1
_MAX_POSITION = 2**62
# Salts that separate the random streams derived from one (seed, epoch, slot).
_CROP, _GAIN, _NOISE, _MIX, _BALANCE, _PERMUTE = range(1, 7)

# TensorFlow only feeds data here; keep it off the GPUs so JAX gets their memory.
tf.config.set_visible_devices([], "GPU")


@dataclasses.dataclass(frozen=True)
class SplitInfo:
    """What a consumer needs to know about a dataset split."""

    num_examples: int
    class_names: tuple
    sample_rate: int

    @property
    def num_classes(self):
        return len(self.class_names)


def split_info(builder, split):
    labels = builder.info.features["labels"]
    feature = labels.feature if hasattr(labels, "feature") else labels
    sample_rate = int(builder.info.metadata.get("sample_rate", 32000)) if builder.info.metadata else 32000
    return SplitInfo(builder.info.splits[split].num_examples, tuple(feature.names), sample_rate)


# --------------------------------------------------------------------------- records


def cache_dir():
    return os.environ.get("BIRDJEPA_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "birdjepa_keras")


def _cached(kind, path, compute):
    """compute() -> np.ndarray, cached per (kind, file path, size, mtime) under cache_dir()."""
    st = tf.io.gfile.stat(path)  # local or remote (gs://...) files alike
    key = hashlib.sha1(json.dumps([kind, path, st.length, st.mtime_nsec]).encode()).hexdigest()
    cached = os.path.join(cache_dir(), kind, f"{key}.npy")
    if os.path.exists(cached):
        try:
            return np.load(cached)
        except (OSError, ValueError) as e:  # a damaged cache entry: recompute
            logging.getLogger(__name__).warning("cache entry %s unreadable (%s): recomputing", cached, e)
    value = compute()
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        tmp = f"{cached}.{os.getpid()}.tmp.npy"
        np.save(tmp, value)
        os.replace(tmp, cached)
    except OSError as e:  # read-only home: recompute next time
        logging.getLogger(__name__).warning("cannot write cache entry %s (%s): not cached", cached, e)
    return value


def tfrecord_offsets(path):
    """Byte offset of every record in an (uncompressed) TFRecord file, from its length headers."""
    size = tf.io.gfile.stat(path).length
    offsets = []
    with tf.io.gfile.GFile(path, "rb") as f:
        pos = 0
        while pos < size:
            f.seek(pos)
            (length,) = struct.unpack("<Q", f.read(8))
            offsets.append(pos)
            pos += length + 16  # u64 length, u32 crc of length, data, u32 crc of data
    if pos != size:
        raise ValueError(f"{path} is not an uncompressed TFRecord file")
    return np.asarray(offsets, np.int64)


class RecordReader:
    """Serialized examples of one TFDS split by index, as TensorFlow ops (random access into TFRecord shards).

    Index i of the split is the i-th example of its file instructions, TFDS's
    stored order (sub-splits such as "train[:90%]" work).
    """

    def __init__(self, builder, split):
        info = builder.info
        fmt = info.file_format.file_suffix if info.file_format else "tfrecord"
        if fmt != "tfrecord":
            raise ValueError(f"{info.full_name} is stored as {fmt}; the train stream reads TFRecord "
                             "(build it with TFDS's default file_format)")
        files, file_ids, offsets = [], [], []
        for fi in info.splits[split].file_instructions:
            path = os.path.abspath(fi.filename) if "://" not in os.fspath(fi.filename) else os.fspath(fi.filename)
            in_file = _cached("tfrecord_offsets", path, lambda: tfrecord_offsets(path))  # noqa: B023
            if len(in_file) != fi.examples_in_shard:
                raise ValueError(f"{path} holds {len(in_file)} records, TFDS expects {fi.examples_in_shard}")
            offsets.append(in_file[fi.skip : fi.skip + fi.take])
            file_ids.append(np.full(fi.take, len(files), np.int32))
            files.append(path)
        self.files = files
        self.file_ids = np.concatenate(file_ids)
        self.offsets = np.concatenate(offsets)
        self.num_examples = len(self.offsets)

    def read(self, index):
        """Graph op: scalar int64 example index -> its serialized example (scalar tf.string)."""
        files, file_ids, offsets = tf.constant(self.files), tf.constant(self.file_ids), tf.constant(self.offsets)
        variant = tf.raw_ops.TFRecordDatasetV2(
            filenames=tf.reshape(tf.gather(files, tf.gather(file_ids, index)), [1]),
            compression_type="",
            buffer_size=tf.constant(0, tf.int64),  # one pread per record, no extra copy
            byte_offsets=tf.reshape(tf.gather(offsets, index), [1]),
        )
        records = tf.data.experimental.from_variant(variant, tf.TensorSpec([], tf.string))
        return records.take(1).get_single_element()


def _parse(features, record):
    """Serialized example -> (audio int16 (n,), labels int64 (l,)); other features are skipped."""
    skip = {k: tfds.decode.SkipDecoding() for k in features.keys() if k not in ("audio", "labels")}
    ex = features.deserialize_example(record, decoders=skip)
    return ex["audio"], ex["labels"]


def _to_float(audio_s):
    if audio_s.dtype == tf.int16:
        return tf.cast(audio_s, tf.float32) / 32768.0
    return tf.cast(audio_s, tf.float32)


def _fit_length(wave_s, clip_samples):
    """Zero-pad at the end (or cut) to exactly clip_samples."""
    n = tf.shape(wave_s)[0]
    wave_s = tf.pad(wave_s[:clip_samples], [[0, tf.maximum(clip_samples - n, 0)]])
    return tf.ensure_shape(wave_s, (clip_samples,))


def random_crop(wave_s, clip_samples, seed_2):
    """Uniform random window of clip_samples (stateless, from seed_2 = (2,) int64); zero-padded if short."""
    n = tf.shape(wave_s)[0]
    max_start = tf.maximum(n - clip_samples, 0)
    start = tf.random.stateless_uniform(
        (), seed=seed_2, minval=0, maxval=max_start + 1, dtype=tf.int32, alg=aug.ALG
    )
    return _fit_length(wave_s[start:], clip_samples)


def multi_hot(labels_l, num_classes):
    """(n_labels,) int -> (num_classes,) float32 multi-hot (empty -> zeros)."""
    hot = tf.one_hot(tf.cast(labels_l, tf.int32), num_classes, dtype=tf.float32)
    return tf.reduce_max(tf.concat([hot, tf.zeros((1, num_classes))], axis=0), axis=0)


# --------------------------------------------------------------------------- sampler


def split_labels(builder, split, reader=None):
    """List of per-example label arrays of `split`, in index order (one pass over the split, cached)."""
    reader = reader or RecordReader(builder, split)
    features = builder.info.features

    def compute(path, fid):
        index = np.flatnonzero(reader.file_ids == fid)
        ds = tf.data.Dataset.from_tensor_slices(index).map(
            lambda i: tf.cast(_parse(features, reader.read(i))[1], tf.int64), num_parallel_calls=AUTOTUNE
        )
        labels = list(ds.as_numpy_iterator())  # order kept: map is deterministic by default
        return np.concatenate([[len(lab) for lab in labels], *labels]).astype(np.int64)  # lengths, then values

    out, kind = [], "labels_" + builder.info.full_name.replace("/", "_")
    for fid, path in enumerate(reader.files):
        packed = _cached(kind, path, lambda: compute(path, fid))  # noqa: B023 (called at once)
        n = int(np.sum(reader.file_ids == fid))
        lengths, values = packed[:n], packed[n:]
        out.extend(np.split(values, np.cumsum(lengths)[:-1]) if n else [])
    return out


def class_balance_weights(labels, num_classes, power=1.0):
    """Sampling weight per example so that classes come up about equally often.

    With n_c the number of examples carrying class c, an example's weight is
    the mean of n_c ** -power over its classes (examples without a label form
    their own class). power = 1: every single-label class is drawn equally
    often; 0: no balancing; in between: softened (e.g. 0.5).
    """
    counts = np.zeros(num_classes + 1, np.float64)
    for lab in labels:
        counts[np.unique(lab) if len(lab) else [num_classes]] += 1
    per_class = np.where(counts > 0, np.maximum(counts, 1) ** -float(power), 0.0)
    return np.array([per_class[np.unique(lab)].mean() if len(lab) else per_class[-1] for lab in labels])


class IndexSampler:
    """Position on this host -> (epoch, slot, example index); all TensorFlow, stateless.

    Args:
        num_examples: examples in the split (N).
        seed: int, the run seed.
        shard_index, num_shards: this host is shard `shard_index` of `num_shards`.
        weights: None (a permutation per epoch) or (N,) sampling weights
            (independent weighted draws per slot).
    """

    def __init__(self, num_examples, seed, shard_index=0, num_shards=1, weights=None):
        if not 0 <= shard_index < num_shards <= num_examples:
            raise ValueError(f"need 0 <= shard_index {shard_index} < num_shards {num_shards} <= N = {num_examples}")
        self.num_examples = int(num_examples)
        self.seed = int(seed)
        self.shard_index = int(shard_index)
        self.num_shards = int(num_shards)
        # Slots h, h + k, ... below N belong to this host.
        self.slots_per_epoch = (self.num_examples - self.shard_index + self.num_shards - 1) // self.num_shards
        self.cdf = None
        if weights is not None:
            weights = np.asarray(weights, np.float64)
            assert weights.shape == (self.num_examples,) and np.all(weights >= 0) and weights.sum() > 0
            cdf = np.cumsum(weights / weights.sum())
            self.cdf = cdf / cdf[-1]

    def _seed(self, salt, epoch):
        base = tf.constant([self.seed, salt], tf.int64)
        return tf.random.experimental.stateless_fold_in(base, epoch, alg=aug.ALG)

    def example_seed(self, epoch, slot):
        """(2,) int64 seed owned by the example in `slot` of `epoch` (all its randomness derives from it)."""
        return tf.random.experimental.stateless_fold_in(self._seed(0, epoch), slot, alg=aug.ALG)

    def locate(self, position):
        """Scalar int64 position -> dict(epoch, slot, index) of int64 scalars."""
        position = tf.cast(position, tf.int64)
        epoch = position // self.slots_per_epoch
        slot = self.shard_index + self.num_shards * (position % self.slots_per_epoch)
        if self.cdf is None:
            index = tf.random.experimental.index_shuffle(slot, self._seed(_PERMUTE, epoch), self.num_examples - 1)
        else:
            seed_2 = tf.random.experimental.stateless_fold_in(self._seed(_BALANCE, epoch), slot, alg=aug.ALG)
            u = tf.random.stateless_uniform((1,), seed=seed_2, dtype=tf.float64, alg=aug.ALG)
            index = tf.searchsorted(tf.constant(self.cdf), u, side="right")[0]
            index = tf.minimum(tf.cast(index, tf.int64), self.num_examples - 1)
        return {"epoch": epoch, "slot": slot, "index": tf.cast(index, tf.int64)}

    def locate_np(self, positions):
        """NumPy helper: (epoch, slot, index) arrays for an array of positions."""
        positions = np.asarray(positions, np.int64)
        ds = tf.data.Dataset.from_tensor_slices(positions).map(self.locate).batch(max(len(positions), 1))
        out = next(ds.as_numpy_iterator())
        return out["epoch"], out["slot"], out["index"]


# --------------------------------------------------------------------------- train stream


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
        self.reader = RecordReader(builder, split)
        weights = None
        if self.balance_classes:
            labels = split_labels(builder, split) if labels is None else labels
            weights = class_balance_weights(labels, self.num_classes, self.balance_power)
        self.sampler = IndexSampler(self.reader.num_examples, self.seed, shard_index, num_shards, weights)

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
        if state.get("version") != STATE_VERSION:
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

    def _example(self, key, record):
        """One record -> (wave_s, labels_c, mix_weight): crop, gain, noise."""
        audio_n, labels_l = _parse(self.builder.info.features, record)
        seed_2 = self.sampler.example_seed(key["epoch"], key["slot"])
        sub = lambda salt: tf.random.experimental.stateless_fold_in(seed_2, salt, alg=aug.ALG)  # noqa: E731
        wave_s = _to_float(random_crop(audio_n, self.clip_samples, sub(_CROP)))
        mix_w = tf.constant(0.0)
        a = self.augment
        if a is not None:
            if a.gain_prob > 0:
                wave_s, _ = aug.gain(wave_s, sub(_GAIN), a.gain_prob, *a.gain_db)
            if a.noise_prob > 0:
                wave_s = aug.add_noise(wave_s, sub(_NOISE), a.noise_prob, *a.noise_snr_db)
            if a.mix_prob > 0:
                mix_w = aug.draw_mix(sub(_MIX), a.mix_prob, *a.mix_gain_db)
        return wave_s, multi_hot(labels_l, self.num_classes), mix_w

    def dataset(self):
        """Infinite tf.data.Dataset of (wave_bs, labels_bc), starting at `self.position`."""
        b = self.batch_size
        keys = tf.data.Dataset.range(self.position, _MAX_POSITION).map(self.sampler.locate)
        ds = keys.map(lambda k: (k, self.reader.read(k["index"])), num_parallel_calls=AUTOTUNE, deterministic=True)
        ds = ds.map(self._example, num_parallel_calls=AUTOTUNE, deterministic=True)
        ds = ds.batch(b, drop_remainder=True)
        if self.augment is not None and self.augment.mix_prob > 0:
            ds = ds.map(lambda x, y, w: aug.mix_batch(x, y, w))
        else:
            ds = ds.map(lambda x, y, w: (x, y))
        options = tf.data.Options()
        options.deterministic = True
        return ds.prefetch(AUTOTUNE).with_options(options)


_AUGMENT_FIELDS = ("gain_prob", "gain_db", "noise_prob", "noise_snr_db", "mix_prob", "mix_gain_db")


# --------------------------------------------------------------------------- evaluation


def eval_dataset(builder, split, *, clip_samples, batch_size, num_classes, offset_samples=0):
    """One pass over `split` in stored order: the fixed window starting at offset_samples.

    Batches keep the remainder so every example is scored.
    """
    ds = builder.as_dataset(split=split, shuffle_files=False)

    def window(ex):
        wave_s = _to_float(ex["audio"])[offset_samples:]
        return _fit_length(wave_s, clip_samples), multi_hot(ex["labels"], num_classes)

    ds = ds.map(window, num_parallel_calls=AUTOTUNE, deterministic=True)
    return ds.batch(batch_size).prefetch(AUTOTUNE)
