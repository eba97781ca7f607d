"""tf.data input pipelines over TFDS audio datasets.

Audio is stored decoded (int16 PCM at the training sample rate), so the
pipeline only crops, shuffles and batches; the log-mel runs on the
accelerator as a Keras layer. No Python runs per example.
"""

import dataclasses

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

AUTOTUNE = tf.data.AUTOTUNE

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


def import_builders():
    """Register the project's TFDS builders (the `tfds_builders` package)."""
    import tfds_builders  # noqa: F401


def get_builder(dataset, config="", data_dir=""):
    """TFDS builder `dataset/config` under `data_dir` ("" = TFDS default)."""
    import_builders()
    name = f"{dataset}/{config}" if config else dataset
    return tfds.builder(name, data_dir=data_dir or None)


def ensure_prepared(builder, build_if_missing=True):
    """Build the dataset if it is missing (TFDS shows progress bars); return the builder."""
    if not builder.is_prepared():
        if not build_if_missing:
            raise FileNotFoundError(
                f"dataset {builder.info.full_name} is not built under {builder.data_dir}; "
                f"run `tfds build {builder.name} --imports tfds_builders` or set data.build_if_missing = true"
            )
        print(f"Building {builder.info.full_name} into {builder.data_dir} (first use only) ...", flush=True)
        builder.download_and_prepare()
    return builder


def split_info(builder, split):
    labels = builder.info.features["labels"]
    feature = labels.feature if hasattr(labels, "feature") else labels
    sample_rate = int(builder.info.metadata.get("sample_rate", 32000)) if builder.info.metadata else 32000
    return SplitInfo(builder.info.splits[split].num_examples, tuple(feature.names), sample_rate)


def _to_float(audio_s):
    if audio_s.dtype == tf.int16:
        return tf.cast(audio_s, tf.float32) / 32768.0
    return tf.cast(audio_s, tf.float32)


def _fit_length(wave_s, clip_samples):
    """Zero-pad at the end (or cut) to exactly clip_samples."""
    n = tf.shape(wave_s)[0]
    wave_s = tf.pad(wave_s, [[0, tf.maximum(clip_samples - n, 0)]])
    return wave_s[:clip_samples]


def random_crop(wave_s, clip_samples, seed_2):
    """Uniform random window of clip_samples (stateless, from seed_2 = (2,) int64)."""
    n = tf.shape(wave_s)[0]
    max_start = tf.maximum(n - clip_samples, 0)
    start = tf.random.stateless_uniform((), seed=seed_2, minval=0, maxval=max_start + 1, dtype=tf.int32)
    return _fit_length(wave_s[start:], clip_samples)


def multi_hot(labels_l, num_classes):
    """(n_labels,) int -> (num_classes,) float32 multi-hot (empty -> zeros)."""
    hot = tf.one_hot(tf.cast(labels_l, tf.int32), num_classes, dtype=tf.float32)
    return tf.reduce_max(tf.concat([hot, tf.zeros((1, num_classes))], axis=0), axis=0)


def train_dataset(builder, split, *, clip_samples, batch_size, num_classes, seed, shuffle_buffer=1024):
    """Infinite training stream of (wave_bs float32, labels_bc float32) batches.

    Every element is identified by its position i in the repeated stream;
    its crop uses the stateless seed (seed, i), and the shuffle uses `seed`,
    so the stream is the same on every run with the same seed.
    """
    read_config = tfds.ReadConfig(shuffle_seed=seed, interleave_cycle_length=1)
    ds = builder.as_dataset(split=split, shuffle_files=True, read_config=read_config)
    ds = ds.repeat().enumerate()

    def crop(i, ex):
        seed_2 = tf.stack([tf.constant(seed, tf.int64), i])
        wave_s = random_crop(_to_float(ex["audio"]), clip_samples, seed_2)
        return wave_s, multi_hot(ex["labels"], num_classes)

    ds = ds.map(crop, num_parallel_calls=AUTOTUNE, deterministic=True)
    ds = ds.shuffle(shuffle_buffer, seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size, drop_remainder=True).prefetch(AUTOTUNE)


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


def to_numpy(ds):
    """Stack a finite (x, y) dataset into two NumPy arrays."""
    xs, ys = [], []
    for x, y in ds.as_numpy_iterator():
        xs.append(x)
        ys.append(y)
    return np.concatenate(xs), np.concatenate(ys)
