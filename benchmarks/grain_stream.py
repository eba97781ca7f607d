"""The train stream with grain over TFDS ArrayRecord as its reader, for `pipeline_throughput.py --readers`.

Same contract and the same batches as `birdjepa_keras.data.stream.TrainStream`
(a function of (seed, position); hosts own disjoint slots; the state is the
position), with only the reading swapped:

* ours: tf.data maps each position to (locate, read the TFRecord at a cached
  byte offset, parse, crop) inside the graph;
* here: a `grain.MapDataset` over positions, batched, whose map looks the
  batch's example indices up (our sampler's per-epoch table), reads the raw
  records from TFDS's ArrayRecord shards (`grain.sources.ArrayRecordDataSource`
  over TFDS's file instructions: serialized examples as stored) and runs the
  stream's own parse/crop (`TrainStream._crop`) and batch augmentation
  (`TrainStream._batch`) in one `tf.function`; grain's reader threads
  (`grain.ReadOptions`) read batches in parallel and prefetch.

grain's own `IndexSampler`/`MapDataset.shuffle` draw another permutation than
`tf.random.experimental.index_shuffle`, so the order stays ours: the batches
are then byte-identical to TrainStream's, and the comparison is the reader
alone. grain's iterator state (`get_state()`) is the next batch index, i.e.
our position / batch size.

Not part of the package: grain was measured slower per core than the
TFRecord-offset reader (docs/benchmarks.md), so the train stream keeps ours.
"""

import dataclasses
import os
import threading

import grain
import numpy as np
import tensorflow as tf

from birdjepa_keras.data import stream as stream_lib


def array_record_instructions(builder, split):
    """TFDS's file instructions of `split` pointing at its ArrayRecord copies (same shards, skip and take).

    The builder lists only its primary format: TFDS 4.9.10 writes a converted
    format into dataset_info.json (`alternativeFileFormats`) but does not read
    it back into `builder.info`, so `as_data_source` refuses the copy.
    """
    suffix = ".tfrecord-"
    fis = builder.info.splits[split].file_instructions
    assert all(suffix in os.fspath(fi.filename) for fi in fis), fis
    return [dataclasses.replace(fi, filename=os.fspath(fi.filename).replace(suffix, ".array_record-")) for fi in fis]


def has_array_record(builder, split):
    return all(os.path.exists(fi.filename) for fi in array_record_instructions(builder, split))


def add_array_record(builder):
    """Write ArrayRecord copies of a prepared TFRecord build next to its shards (`tfds convert_format`).

    Same examples in the same order, shard by shard; TFRecord stays what
    `as_dataset` and the TFRecord reader read.
    """
    from tensorflow_datasets.scripts.cli import convert_format_utils

    convert_format_utils.convert_dataset(out_dir=None, out_file_format="array_record",
                                         dataset_version_dir=str(builder.data_path), num_workers=1)


class GrainTrainStream(stream_lib.TrainStream):
    """`TrainStream` reading through grain; `dataset()` is a grain `IterDataset` of (wave_bs, labels_bc) NumPy.

    Extra args: num_threads, prefetch: `grain.ReadOptions` (threads that each
    read whole batches of records, and batches kept ready).
    """

    def __init__(self, builder, split, *, num_threads=2, prefetch=4, **kwargs):
        super().__init__(builder, split, **kwargs)
        self.source = grain.sources.ArrayRecordDataSource(array_record_instructions(builder, split))
        if len(self.source) != self.sampler.num_examples:
            raise ValueError(f"ArrayRecord split has {len(self.source)} examples, TFRecord "
                             f"{self.sampler.num_examples}")
        self.read_options = grain.ReadOptions(num_threads=num_threads, prefetch_buffer_size=prefetch)
        self._tables, self._lock = {}, threading.Lock()
        features = builder.info.features
        self._crop_spec = (tf.TensorSpec([], tf.string) if self._pcm16_bytes else
                           tf.TensorSpec([self.clip_samples], tf.as_dtype(features["audio"].dtype)))
        b = self.batch_size
        self._finish = tf.function(self._finish_batch, input_signature=[
            tf.TensorSpec([b], tf.int64), tf.TensorSpec([b], tf.string)])

    def _index(self, position_b):
        """Example index of each position (NumPy), from one `sampler.locate` pass per epoch (cached)."""
        per_epoch = self.sampler.slots_per_epoch
        out = np.empty(len(position_b), np.int64)
        for i, p in enumerate(position_b):
            epoch = int(p) // per_epoch
            with self._lock:
                if epoch not in self._tables:
                    self._tables = {e: t for e, t in self._tables.items() if e >= epoch - 1}
                    start = epoch * per_epoch
                    self._tables[epoch] = self.sampler.locate_np(np.arange(start, start + per_epoch))[2]
                table = self._tables[epoch]
            out[i] = table[int(p) - epoch * per_epoch]
        return out

    def _finish_batch(self, position_b, record_b):
        """(B,) positions and their serialized examples -> (wave_bs, labels_bc): the stream's crop and batch code."""
        def one(args):
            position, record = args
            _, crop, labels_c = self._crop(position, self.sampler.locate(position), record)
            return crop, labels_c

        crop_b, labels_bc = tf.map_fn(one, (position_b, record_b), fn_output_signature=(
            self._crop_spec, tf.TensorSpec([self.num_classes], tf.float32)))
        return self._batch(position_b, crop_b, labels_bc)

    def _read(self, position_b):
        """(B,) positions -> (positions, their serialized examples): the grain reader threads' work."""
        return position_b, self.source.__getitems__([int(i) for i in self._index(position_b)])

    def _finish_np(self, read):
        position_b, records = read
        wave_bs, labels_bc = self._finish(tf.constant(position_b, tf.int64), tf.constant(records, tf.string))
        return wave_bs.numpy(), labels_bc.numpy()

    def dataset(self):
        """Infinite grain IterDataset of (wave_bs, labels_bc) NumPy batches, starting at `self.position`.

        grain's threads read and prefetch whole batches of records; the
        TensorFlow part runs where the batch is consumed (`IterDataset.map`):
        TensorFlow functions called from several threads at once deadlock
        when the process has one core (one inter-op thread).
        """
        positions = grain.MapDataset.range(self.position, stream_lib._MAX_POSITION)
        batches = positions.batch(self.batch_size, drop_remainder=True, batch_fn=lambda p: np.asarray(p, np.int64))
        return batches.map(self._read).to_iter_dataset(self.read_options).map(self._finish_np)
