"""Which example the train stream reads at each position: a stateless, resumable index sampler.

Host h of k owns slots h, h + k, h + 2k, ... of every epoch; slot s of epoch e
holds `index_shuffle(s, seed(e))` (a fresh permutation of the split per
epoch), or, with class balancing, an independent draw weighted by
`class_balance_weights`. See `birdjepa_keras.data.pipeline` for the whole stream.
"""

import numpy as np
import tensorflow as tf

from birdjepa_keras.data import augment as aug
from birdjepa_keras.data.records import AUTOTUNE, RecordReader, _cached, _parse

# Salts that separate the random streams derived from one (seed, epoch).
_BALANCE, _PERMUTE = 5, 6


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
