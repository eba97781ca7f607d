"""Random access into TFDS's TFRecord shards, and the per-example tensor helpers of the streams.

A one-time scan of the record headers gives each example's (shard, byte
offset), cached under `$BIRDJEPA_CACHE` (default `~/.cache/birdjepa_keras`);
tf.data's TFRecord reader then starts at that offset
(`tf.raw_ops.TFRecordDatasetV2` with `byte_offsets`). No format conversion,
and no Python at train time.
"""

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

# TensorFlow only feeds data here; keep it off the GPUs so JAX gets their memory.
tf.config.set_visible_devices([], "GPU")


def warn_unless_bfc_allocator():
    """Log a warning when TensorFlow's CPU allocator is plain malloc (see `birdjepa_keras.__init__`).

    Only the BFC allocator keeps statistics, so `get_memory_info` tells them apart.
    """
    try:
        tf.config.experimental.get_memory_info("CPU:0")
    except ValueError:
        logging.getLogger(__name__).warning(
            "TensorFlow's CPU allocator is plain malloc: the train stream spends about a third of its CPU time in "
            "page faults. Set TF_CPU_ALLOCATOR_USE_BFC=true, or import birdjepa_keras before running any "
            "TensorFlow op.")


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


def audio_is_pcm16_bytes(features):
    """Whether `audio` is stored as raw int16 bytes (TFDS Tensor, Encoding.BYTES) and `labels` as an int64 list.

    Then the train stream can crop the stored bytes before decoding them.
    """
    info = features.get_serialized_info()
    audio, labels = info.get("audio"), info.get("labels")
    return (
        getattr(features["audio"], "dtype", None) == np.int16
        and audio is not None and audio.dtype == tf.string and tuple(audio.shape) == ()
        and labels is not None and labels.dtype == tf.int64 and tuple(labels.shape) == (None,)
    )


def parse_pcm16_bytes(record):
    """Serialized example -> (audio bytes: scalar tf.string of int16 little-endian PCM, labels int64 (l,)).

    Only for datasets where `audio_is_pcm16_bytes` holds (the project's builders).
    """
    spec = {"audio": tf.io.FixedLenFeature([], tf.string), "labels": tf.io.RaggedFeature(tf.int64)}
    ex = tf.io.parse_single_example(record, spec)
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


def crop_start(num_samples, clip_samples, seed_2):
    """Uniform start in [0, max(num_samples - clip_samples, 0)] (int32 scalar), from seed_2 = (2,) int64."""
    max_start = tf.maximum(tf.cast(num_samples, tf.int32) - clip_samples, 0)
    return tf.random.stateless_uniform((), seed=seed_2, minval=0, maxval=max_start + 1, dtype=tf.int32, alg=aug.ALG)


def random_crop(wave_s, clip_samples, seed_2):
    """Uniform random window of clip_samples (stateless, from seed_2 = (2,) int64); zero-padded if short."""
    start = crop_start(tf.shape(wave_s)[0], clip_samples, seed_2)
    return _fit_length(wave_s[start:], clip_samples)


def random_crop_bytes(pcm16_bytes, clip_samples, seed_2):
    """`random_crop` on int16 PCM still as bytes: the window's bytes (shorter if the clip is; decode pads)."""
    start = crop_start(tf.strings.length(pcm16_bytes) // 2, clip_samples, seed_2)
    return tf.strings.substr(pcm16_bytes, 2 * start, 2 * clip_samples)


def multi_hot(labels_l, num_classes):
    """(n_labels,) int -> (num_classes,) float32 multi-hot (empty -> zeros)."""
    hot = tf.one_hot(tf.cast(labels_l, tf.int32), num_classes, dtype=tf.float32)
    return tf.reduce_max(tf.concat([hot, tf.zeros((1, num_classes))], axis=0), axis=0)
