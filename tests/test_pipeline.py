"""Train stream: determinism, exact resume in a fresh process, epochs, balancing, sharding, augmentation."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

import tfds_builders
from birdjepa_keras.config import AugmentConfig
from birdjepa_keras.data import pipeline, records

REPO = Path(__file__).resolve().parents[1]
CLIP = 16000  # 0.5 s crops of the 5-8 s tiny recordings: fast, and lots of room to move
BATCH = 4  # the tiny train split has 24 examples: 6 batches per epoch
N_CLASSES = 8


@pytest.fixture(scope="module", autouse=True)
def cache(tmp_path_factory):
    """A private index cache (subprocesses inherit it)."""
    old = os.environ.get("BIRDJEPA_CACHE")
    os.environ["BIRDJEPA_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield os.environ["BIRDJEPA_CACHE"]
    if old is None:
        del os.environ["BIRDJEPA_CACHE"]
    else:
        os.environ["BIRDJEPA_CACHE"] = old


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tfds")
    return tfds_builders.ensure_prepared(tfds_builders.get_builder("synthetic_birdsong", "tiny", str(data_dir)))


def stored_examples(builder, split="train"):
    """(audio float32, set of labels) per example in TFDS's stored order, read the ordinary way."""
    read_config = tfds.ReadConfig(interleave_cycle_length=1)  # shards one after the other
    ds = builder.as_dataset(split=split, shuffle_files=False, read_config=read_config)
    return [(ex["audio"].astype(np.float32) / 32768.0, set(ex["labels"].tolist())) for ex in tfds.as_numpy(ds)]


def stream(builder, seed=0, **kwargs):
    return pipeline.TrainStream(
        builder, "train", clip_samples=CLIP, batch_size=BATCH, num_classes=N_CLASSES, seed=seed, **kwargs
    )


def take(s, n):
    it = s.dataset().as_numpy_iterator()
    return [next(it) for _ in range(n)]


def test_same_seed_same_batches_other_seed_differs(tiny):
    a, b, c = take(stream(tiny), 7), take(stream(tiny), 7), take(stream(tiny, seed=1), 7)
    for (xa, ya), (xb, yb) in zip(a, b):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    assert a[0][0].shape == (BATCH, CLIP) and a[0][1].shape == (BATCH, N_CLASSES)
    assert a[0][0].dtype == np.float32 and a[0][1].dtype == np.float32
    assert not any(np.array_equal(xa, xc) for (xa, _), (xc, _) in zip(a, c))


def test_every_example_once_per_epoch_and_crops_change(tiny):
    s = stream(tiny)
    n = s.sampler.num_examples
    assert n == 24 and s.sampler.slots_per_epoch == n
    epoch, slot, index = s.sampler.locate_np(np.arange(3 * n))
    np.testing.assert_array_equal(epoch, np.repeat([0, 1, 2], n))
    orders = index.reshape(3, n)
    for order in orders:
        np.testing.assert_array_equal(np.sort(order), np.arange(n))
    assert not np.array_equal(orders[0], orders[1]) and not np.array_equal(orders[1], orders[2])

    # Two epochs of the stream: each crop is a window of its recording, and moves between epochs.
    full = dict(enumerate(stored_examples(tiny)))
    batches = take(s, 2 * n // BATCH)
    waves = np.concatenate([x for x, _ in batches])
    labels = np.concatenate([y for _, y in batches])
    starts = {}
    for p, (i, e) in enumerate(zip(index[: 2 * n], epoch[: 2 * n])):
        audio, classes = full[i]
        assert set(np.flatnonzero(labels[p]).tolist()) == classes
        hits = [k for k in range(len(audio) - CLIP + 1) if audio[k] == waves[p, 0]
                and np.array_equal(audio[k : k + CLIP], waves[p])]
        assert hits, f"position {p}: not a window of example {i}"
        starts[(i, e)] = hits[0]
    moved = sum(starts[(i, 0)] != starts[(i, 1)] for i in range(n))
    assert moved >= n - 1


RESUME_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import numpy as np
    from birdjepa_keras.config import AugmentConfig
    from birdjepa_keras.data import pipeline
    import tfds_builders
    data_dir, state_path, out_path, m = sys.argv[1:5]
    builder = tfds_builders.get_builder("synthetic_birdsong", "tiny", data_dir)
    stream = pipeline.TrainStream(builder, "train", clip_samples={clip}, batch_size={batch}, num_classes={classes},
                                  seed=5, augment=AugmentConfig(**{augment}))
    with open(state_path) as f:
        stream.restore(json.load(f))
    it = stream.dataset().as_numpy_iterator()
    batches = [next(it) for _ in range(int(m))]
    np.savez(out_path, x=np.stack([b[0] for b in batches]), y=np.stack([b[1] for b in batches]))
    import tensorflow as tf
    # Importing the package chose TensorFlow's BFC CPU allocator (only it keeps statistics; plain malloc raises).
    assert tf.config.experimental.get_memory_info("CPU:0")["peak"] > 0
    """
)
AUGMENT = dict(gain_prob=0.5, noise_prob=0.5, mix_prob=0.5)


def test_resume_in_a_fresh_process_gives_identical_bytes(tiny, tmp_path):
    n_first, m = 4, 5  # 4 + 5 batches cross the epoch boundary at batch 6
    s = stream(tiny, seed=5, augment=AugmentConfig(**AUGMENT))
    it = s.dataset().as_numpy_iterator()
    for _ in range(n_first):
        next(it)
    state = s.state(n_first)
    blob = json.dumps(state)
    assert len(blob) < 1024, len(blob)
    expected = [next(it) for _ in range(m)]
    (tmp_path / "state.json").write_text(blob)
    script = RESUME_SCRIPT.format(clip=CLIP, batch=BATCH, classes=N_CLASSES, augment=AUGMENT)
    data_dir = str(Path(tiny.data_dir).parents[2])
    proc = subprocess.run(
        [sys.executable, "-c", script, data_dir, str(tmp_path / "state.json"), str(tmp_path / "out.npz"), str(m)],
        cwd=REPO, env={**{k: v for k, v in os.environ.items() if k != "TF_CPU_ALLOCATOR_USE_BFC"},
                       "TF_CPP_MIN_LOG_LEVEL": "3"},  # the package, not this process, must choose the allocator
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = np.load(tmp_path / "out.npz")
    assert got["x"].tobytes() == np.stack([x for x, _ in expected]).tobytes()
    assert got["y"].tobytes() == np.stack([y for _, y in expected]).tobytes()


def test_state_and_restore(tiny):
    s = stream(tiny, seed=5)
    state = s.state(3)
    assert state["position"] == 3 * BATCH
    assert s.epoch_of(9) == (1, 0.5)
    # Restoring in the same process equals skipping the consumed batches.
    resumed = take(stream(tiny, seed=5).restore(json.dumps(state)), 2)
    skipped = take(stream(tiny, seed=5), 5)[3:]
    for (xa, ya), (xb, yb) in zip(resumed, skipped):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    with pytest.raises(ValueError, match="seed"):
        stream(tiny, seed=6).restore(state)
    with pytest.raises(ValueError, match="augment"):
        stream(tiny, seed=5, augment=AugmentConfig(gain_prob=1.0)).restore(state)


def test_class_balancing_equalises_class_frequencies():
    labels = [np.array([0])] * 200 + [np.array([1])] * 20 + [np.array([2])] * 4 + [np.array([], np.int64)] * 8
    n = len(labels)
    classes = np.array([lab[0] if len(lab) else 3 for lab in labels])

    def frequencies(weights, epochs=8):
        sampler = pipeline.IndexSampler(n, seed=0, weights=weights)
        _, _, index = sampler.locate_np(np.arange(epochs * n))
        return np.bincount(classes[index], minlength=4) / len(index)

    plain = frequencies(None, epochs=1)
    np.testing.assert_allclose(plain, [200 / n, 20 / n, 4 / n, 8 / n])
    balanced = frequencies(pipeline.class_balance_weights(labels, 3, power=1.0))
    np.testing.assert_allclose(balanced, 0.25, atol=0.03)
    soft = frequencies(pipeline.class_balance_weights(labels, 3, power=0.5))
    target = np.sqrt([200, 20, 4, 8]) / np.sqrt([200, 20, 4, 8]).sum()
    np.testing.assert_allclose(soft, target, atol=0.03)
    # Multi-label example: the mean of its classes' weights.
    w = pipeline.class_balance_weights([np.array([0]), np.array([0]), np.array([0, 1])], 2)
    np.testing.assert_allclose(w, [1 / 3, 1 / 3, (1 / 3 + 1) / 2])


def test_balanced_stream_reads_labels(tiny):
    s = stream(tiny, balance_classes=True)
    assert s.sampler.cdf is not None and len(s.sampler.cdf) == 24
    x, y = take(s, 1)[0]
    assert x.shape == (BATCH, CLIP) and np.all(y.sum(1) >= 1)


@pytest.mark.parametrize("n,k", [(24, 2), (10, 3), (7, 7)])
def test_hosts_read_disjoint_shards_covering_the_split(n, k):
    for epoch in range(2):
        seen = []
        for h in range(k):
            sampler = pipeline.IndexSampler(n, seed=3, shard_index=h, num_shards=k)
            per = sampler.slots_per_epoch
            e, _, index = sampler.locate_np(np.arange(epoch * per, (epoch + 1) * per))
            assert np.all(e == epoch)
            seen.append(set(index.tolist()))
            assert len(seen[-1]) == per
        assert sum(len(s) for s in seen) == n and set().union(*seen) == set(range(n))
    with pytest.raises(ValueError):
        pipeline.IndexSampler(4, seed=0, shard_index=2, num_shards=2)


def test_stream_shards(tiny):
    h0, h1 = stream(tiny, num_shards=2, shard_index=0), stream(tiny, num_shards=2, shard_index=1)
    assert h0.sampler.slots_per_epoch == h1.sampler.slots_per_epoch == 12
    i0 = h0.sampler.locate_np(np.arange(12))[2]
    i1 = h1.sampler.locate_np(np.arange(12))[2]
    assert set(i0) | set(i1) == set(range(24)) and not set(i0) & set(i1)


def test_augmentations_in_the_stream(tiny):
    plain = take(stream(tiny, seed=2), 3)
    gained = take(stream(tiny, seed=2, augment=AugmentConfig(gain_prob=1.0, gain_db=(-6.0, 6.0))), 3)
    for (x, y), (xg, yg) in zip(plain, gained):
        np.testing.assert_array_equal(y, yg)
        for a, b in zip(x, xg):  # same crop, scaled by one factor per clip
            factor = np.dot(a, b) / np.dot(a, a)
            np.testing.assert_allclose(b, a * factor, rtol=1e-5, atol=1e-7)
            assert 10 ** (-6 / 20) - 1e-6 <= factor <= 10 ** (6 / 20) + 1e-6
    mixed = take(stream(tiny, seed=2, augment=AugmentConfig(mix_prob=1.0)), 3)
    for (x, y), (xm, ym) in zip(plain, mixed):
        partner = np.roll(np.arange(BATCH), 1)
        np.testing.assert_array_equal(ym, np.maximum(y, y[partner]))
        for i in range(BATCH):
            w = np.dot(xm[i] - x[i], x[partner[i]]) / np.dot(x[partner[i]], x[partner[i]])
            np.testing.assert_allclose(xm[i], x[i] + w * x[partner[i]], rtol=1e-5, atol=1e-6)
            assert 10 ** (-6 / 20) - 1e-6 <= w <= 1 + 1e-6


def test_reader_reads_stored_examples_by_index(tiny, cache, monkeypatch):
    reader = pipeline.RecordReader(tiny, "train")
    assert reader.num_examples == 24
    order = np.array([5, 0, 23, 11, 5])
    ds = tf.data.Dataset.from_tensor_slices(order).map(lambda i: pipeline._parse(tiny.info.features, reader.read(i)))
    stored = stored_examples(tiny)
    for i, (audio, labels) in zip(order, ds.as_numpy_iterator()):
        np.testing.assert_array_equal(audio.astype(np.float32) / 32768.0, stored[i][0])
        assert set(labels.tolist()) == stored[i][1]
    # Sub-splits, and the offsets come from the cache the second time.
    monkeypatch.setattr(records, "tfrecord_offsets", lambda path: pytest.fail("offsets not cached"))
    part = pipeline.RecordReader(tiny, "train[10:20]")
    np.testing.assert_array_equal(part.offsets, reader.offsets[10:20])
    assert list(Path(cache, "tfrecord_offsets").glob("*.npy"))
    labels = pipeline.split_labels(tiny, "train")
    assert [set(lab.tolist()) for lab in labels] == [lab for _, lab in stored]


def test_windows_cut_from_the_stored_bytes_equal_decode_then_crop(tiny):
    """The fast path (crop int16 bytes, decode per batch) against the generic one (decode, crop per clip).

    Crops longer than some recordings (the tiny set's are 5-8 s) must come back zero-padded at the end.
    """
    sr = pipeline.split_info(tiny, "train").sample_rate
    lengths = [len(audio) for audio, _ in stored_examples(tiny)]
    clip = int(6.5 * sr)
    assert min(lengths) < clip < max(lengths)
    aug_cfg = AugmentConfig(gain_prob=0.5, noise_prob=0.5, mix_prob=0.5)
    fast = pipeline.TrainStream(tiny, "train", clip_samples=clip, batch_size=BATCH, num_classes=N_CLASSES, seed=4,
                                augment=aug_cfg)
    slow = pipeline.TrainStream(tiny, "train", clip_samples=clip, batch_size=BATCH, num_classes=N_CLASSES, seed=4,
                                augment=aug_cfg)
    assert fast._pcm16_bytes
    slow._pcm16_bytes = False
    for (xf, yf), (xs, ys) in zip(take(fast, 6), take(slow, 6)):
        np.testing.assert_array_equal(xf, xs)
        np.testing.assert_array_equal(yf, ys)
    # Without augmentation, each short recording comes back whole, then zeros.
    plain = pipeline.TrainStream(tiny, "train", clip_samples=clip, batch_size=BATCH, num_classes=N_CLASSES, seed=4)
    waves = np.concatenate([x for x, _ in take(plain, 6)])
    _, _, index = plain.sampler.locate_np(np.arange(len(waves)))
    stored = stored_examples(tiny)
    short = 0
    for w, i in zip(waves, index):
        audio = stored[i][0]
        if len(audio) < clip:
            short += 1
            np.testing.assert_array_equal(w, np.pad(audio, (0, clip - len(audio))))
    assert short > 0


def test_hosts_draw_their_own_augmentations(tiny):
    aug_cfg = AugmentConfig(gain_prob=1.0)
    h0 = take(stream(tiny, seed=3, augment=aug_cfg, num_shards=2, shard_index=0), 1)[0][0]
    h0_plain = take(stream(tiny, seed=3, num_shards=2, shard_index=0), 1)[0][0]
    h1 = take(stream(tiny, seed=3, augment=aug_cfg, num_shards=2, shard_index=1), 1)[0][0]
    h1_plain = take(stream(tiny, seed=3, num_shards=2, shard_index=1), 1)[0][0]
    g0 = [np.dot(a, b) / np.dot(a, a) for a, b in zip(h0_plain, h0)]
    g1 = [np.dot(a, b) / np.dot(a, a) for a, b in zip(h1_plain, h1)]
    assert not np.allclose(g0, g1, rtol=1e-3)


def test_version_1_states(tiny):
    """A state from the per-clip augmentation code restores only where the stream is unchanged (no augmentation)."""
    plain = stream(tiny, seed=5)
    old = {**plain.state(2), "version": 1}
    np.testing.assert_array_equal(take(stream(tiny, seed=5).restore(old), 1)[0][0], take(plain, 3)[2][0])
    augmented = stream(tiny, seed=5, augment=AugmentConfig(gain_prob=1.0))
    with pytest.raises(ValueError, match="version"):
        augmented.restore({**augmented.state(2), "version": 1})
