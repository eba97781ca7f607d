"""tf.data input pipelines over TFDS audio datasets: the entry points.

Audio is stored decoded (int16 PCM at the training sample rate), so the
pipeline only picks examples, crops, augments and batches; the log-mel runs
on the accelerator as a Keras layer. Any TFDS dataset with the features
`audio` (1-D int16), `labels` (Sequence(ClassLabel)) works.

The pieces, one module each:

* `records`: random access into TFDS's TFRecord shards (a one-time scan of
  the record headers gives each example's byte offset, cached under
  `$BIRDJEPA_CACHE`), parsing and cropping one example;
* `sampler`: which example sits at each position of the stream (a fresh
  permutation per epoch, or class-balanced draws; hosts own disjoint slots);
* `stream`: `TrainStream`, the resumable infinite train stream (read and crop
  per clip, batch, then augment the whole batch in one XLA pass);
* `augment`: the batch augmentations (gain, noise, mixing);
* here: getting a builder, split facts, the evaluation stream.

Every step (sampling, reading, parsing, cropping, augmentation, batching)
is a TensorFlow op: no Python runs per example or per batch.
"""

import dataclasses

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

from birdjepa_keras.data.records import (  # noqa: F401 (re-exported)
    AUTOTUNE,
    RecordReader,
    _fit_length,
    _parse,
    _to_float,
    cache_dir,
    multi_hot,
    random_crop,
    tfrecord_offsets,
)
from birdjepa_keras.data.sampler import IndexSampler, class_balance_weights, split_labels  # noqa: F401
from birdjepa_keras.data.stream import STATE_VERSION, TrainStream  # noqa: F401

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
