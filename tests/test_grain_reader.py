"""The grain reader of benchmarks/pipeline_throughput.py (grain over TFDS ArrayRecord) gives TrainStream's batches.

It is kept in benchmarks/ (measured slower per core than the TFRecord-offset
reader, docs/benchmarks.md); these tests keep it honest and runnable: same
batches as the train stream, grain's iterator state is the stream position,
and the script measures both readers side by side.
"""

import os
import runpy
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

import tfds_builders
from birdjepa_keras.config import AugmentConfig
from birdjepa_keras.data import pipeline

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import grain_stream  # noqa: E402

CLIP, BATCH, N_CLASSES = 16000, 4, 8  # tiny: 24 train examples, 6 batches per epoch
AUGMENT = AugmentConfig(gain_prob=1.0, noise_prob=1.0, mix_prob=1.0)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """synthetic_birdsong/tiny built as TFRecord, plus TFDS's ArrayRecord copies (`tfds convert_format`)."""
    os.environ["BIRDJEPA_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    data_dir = tmp_path_factory.mktemp("tfds")
    builder = tfds_builders.ensure_prepared(tfds_builders.get_builder("synthetic_birdsong", "tiny", str(data_dir)))
    assert not grain_stream.has_array_record(builder, "train")
    grain_stream.add_array_record(builder)
    assert grain_stream.has_array_record(builder, "train")
    return builder


def both(builder, **kwargs):
    kwargs = dict(clip_samples=CLIP, batch_size=BATCH, num_classes=N_CLASSES, seed=5, **kwargs)
    return pipeline.TrainStream(builder, "train", **kwargs), grain_stream.GrainTrainStream(builder, "train", **kwargs)


def take(iterator, n):
    return [next(iterator) for _ in range(n)]


def test_array_record_copies_hold_the_stored_records(tiny):
    """Record i of the grain source is record i of the TFRecord shards, read by tf.data's plain reader."""
    files = [os.fspath(fi.filename) for fi in tiny.info.splits["train"].file_instructions]
    stored = list(tf.data.TFRecordDataset(files).as_numpy_iterator())
    source = grain_stream.GrainTrainStream(tiny, "train", clip_samples=CLIP, batch_size=BATCH,
                                           num_classes=N_CLASSES, seed=0).source
    assert len(stored) == len(source) == 24
    assert [source[i] for i in range(len(source))] == stored


@pytest.mark.parametrize("shard", [(0, 1), (1, 2)])
def test_same_batches_as_the_train_stream(tiny, shard):
    """Two epochs and a bit, bytes equal without augmentation; sharded hosts too."""
    ours, theirs = both(tiny, shard_index=shard[0], num_shards=shard[1])
    n = 2 * ours.sampler.slots_per_epoch // BATCH + 1
    a, b = take(ours.dataset().as_numpy_iterator(), n), take(iter(theirs.dataset()), n)
    for (wave_a, lab_a), (wave_b, lab_b) in zip(a, b):
        assert wave_b.shape == (BATCH, CLIP) and wave_b.dtype == np.float32
        np.testing.assert_array_equal(wave_b, wave_a)
        np.testing.assert_array_equal(lab_b, lab_a)
    assert not np.array_equal(a[0][0], a[1][0])  # the batches move on


def test_same_augmented_batches_from_a_restored_position(tiny):
    """Resumed mid-epoch with every augmentation on: labels equal, waves to float32 rounding of the same XLA pass."""
    ours, theirs = both(tiny, augment=AUGMENT)
    state = ours.state(steps=4)
    ours, theirs = both(tiny, augment=AUGMENT)
    ours.restore(state), theirs.restore(state)
    a, b = take(ours.dataset().as_numpy_iterator(), 4), take(iter(theirs.dataset()), 4)
    for (wave_a, lab_a), (wave_b, lab_b) in zip(a, b):
        np.testing.assert_allclose(wave_b, wave_a, rtol=0, atol=1e-6)  # |wave| <= ~4 here; float32 eps 1.2e-7
        np.testing.assert_array_equal(lab_b, lab_a)
    plain, _ = both(tiny)
    plain.restore({**state, "augment": None})
    assert np.abs(next(plain.dataset().as_numpy_iterator())[0] - a[0][0]).max() > 1e-3  # augmentation did act


def test_grain_iterator_state_is_the_stream_position(tiny):
    """grain's checkpointable iterator: its saved state resumes where TrainStream.state says."""
    _, theirs = both(tiny)
    it = iter(theirs.dataset())
    take(it, 3)
    saved = it.get_state()
    after = next(it)
    fresh = iter(grain_stream.GrainTrainStream(tiny, "train", clip_samples=CLIP, batch_size=BATCH,
                                               num_classes=N_CLASSES, seed=5).dataset())
    fresh.set_state(saved)
    np.testing.assert_array_equal(next(fresh)[0], after[0])
    ours, _ = both(tiny)
    ours.restore(ours.state(steps=saved["next_index"]))
    np.testing.assert_array_equal(next(ours.dataset().as_numpy_iterator())[0], after[0])


def test_script_measures_both_readers(tiny, monkeypatch, capsys):
    """pipeline_throughput.py --readers tfrecord,grain prints one row per reader (the path cannot rot).

    The script's main runs in this process (runpy, its own argv): it starts one pinned worker process
    per row and reader itself, and its own process only added ~10-15 s of imports.
    """
    script = str(REPO / "benchmarks" / "pipeline_throughput.py")
    argv = [script, "--config", "tiny", "--data_dir", str(Path(tiny.data_dir).parents[2]), "--batch", "4",
            "--batches", "2", "--warmup", "1", "--seconds", "0.5", "--cores", "1", "--rows", "stream+augment",
            "--readers", "tfrecord,grain"]
    # The workers find this tree's packages first (the script puts --trees first on their PYTHONPATH).
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts benchmarks/ first on sys.path
    capsys.readouterr()
    runpy.run_path(script, run_name="__main__")
    stdout = capsys.readouterr().out
    rows = [line.split() for line in stdout.splitlines() if line.startswith("stream+augment")]
    assert [r[1] for r in rows] == ["tfrecord", "grain"], stdout
    for r in rows:
        cores, clips_s, per_core, per_cpu_s = int(r[3]), float(r[4]), float(r[5]), float(r[6])
        assert cores == 1 and clips_s > 0 and per_cpu_s > 0 and abs(per_core - clips_s) < 0.11
