"""BirdSet's train sampling (github DBD-research-group/BirdSet): event rows, smart sampling, 8 s widening.

Expected values are worked out by hand from upstream's code:
* `birdset/datamodule/components/event_mapping.py` (XCEventMapping): one row per
  event of the biggest non-noise cluster; a lone noise event is kept; no event
  -> one row [0, 5];
* `birdset/datamodule/base_datamodule.py` `_smart_sampling`: per class
  (`ebird_code`, the `label_name` both datamodules pass), cut the groups with
  the most rows down to the next-lower count while the class keeps >=
  class_limit; stop when the top count is event_limit or 1; upstream spins
  when all groups of a class sit at one count (no lower count to cut to);
* `birdset/datamodule/components/event_decoding.py` `_time_shifting` with
  `extension_time: 8` (`configs/datamodule/transforms/decoding/bird_event_decoder.yaml`).

The builder tests write a tiny XCM in the hub's `data` layout inside this file
(columns as BirdSet's datamodules read them: `filepath`, `ebird_code`,
`ebird_code_multilabel`, `detected_events`, `event_cluster`, ...). The audio
encodes (file, time) in piecewise-constant levels so a crop tells where it came from.
"""

import io
import tarfile
import threading

import numpy as np
import pytest

from tfds_builders._lib import birdset_events as be

SR = 32000
BLOCK_S = 0.25  # the fixture audio's level changes every 0.25 s
LEVELS = 2048.0  # level q (1, 2, ...) is stored as q / LEVELS


# --- event rows (XCEventMapping) --------------------------------------------------------


def test_event_rows_follow_xc_event_mapping():
    ev = [[1, 2], [3, 4], [5, 6], [7, 8]]
    rows = be.event_rows(ev, [0, 1, 0, -1])  # cluster 0 has two events, noise dropped
    assert [(s, e, c, n) for s, e, c, n in rows] == [(1, 2, (0,), False), (5, 6, (0,), False)]
    assert be.event_rows(ev, [2, 1, 2, 1]) == [(3, 4, (1,), False), (7, 8, (1,), False)]  # tie: smaller id
    assert be.event_rows([[1, 2]], [-1]) == [(1, 2, (-1,), False)]  # the only event, noise: kept
    assert be.event_rows([[1, 2], [3, 4]], [-1, -1]) == [(0.0, 5.0, (-1, -1), True)]  # only noise: [0, 5]
    assert be.event_rows([], []) == [(0.0, 5.0, (), True)]


# --- _smart_sampling ---------------------------------------------------------------------


@pytest.mark.parametrize("counts,class_limit,event_limit,expected", [
    # 25 rows: 9 -> 6 (22 rows); cutting the three 6s to 3 would leave 13 < 15: stop
    ([9, 6, 6, 3, 1], 15, 5, [6, 6, 6, 3, 1]),
    # 8 -> 5 (17 rows), then the top count is event_limit: stop
    ([8, 5, 5, 2], 10, 5, [5, 5, 5, 2]),
    # a class under class_limit keeps every row (the first cut would go under 500)
    ([7, 3], 500, 5, [7, 3]),
    # the levels jump past event_limit (9 -> 3 -> 2); at one level (2, 2, 2) upstream spins: stop there
    ([9, 3, 2], 6, 5, [2, 2, 2]),
    # no class limit: cut to the next level until the top count is 1
    ([4, 1, 1], 0, 5, [1, 1, 1]),
    # no event limit: cut while the class stays >= class_limit (10 -> 4: 13 >= 12; 4 -> 3 would leave 11)
    ([10, 4, 4, 1], 12, 0, [4, 4, 4, 1]),
])
def test_trimming_level_by_level(counts, class_limit, event_limit, expected):
    assert be.trimmed_counts(counts, class_limit, event_limit).tolist() == expected


def _returns_within(fn, seconds=120):
    """(finished, result) of fn() run in a daemon thread: catches an endless loop without hanging the suite."""
    out = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    return bool(out), (out[0] if out else None)


def test_all_recordings_at_one_count_above_event_limit_terminates():
    # 100 recordings x 6 events = 600 rows > 500 and nothing lower to cut to: upstream loops forever.
    done, counts = _returns_within(lambda: be.trimmed_counts([6] * 100, 500, 5))
    assert done and counts.tolist() == [6] * 100
    # one recording alone above both limits: the same
    done, counts = _returns_within(lambda: be.trimmed_counts([700], 500, 5))
    assert done and counts.tolist() == [700]


def _cluster0(n, start=0.5, step=1.0, length=0.3):
    return [[start + step * i, start + step * i + length] for i in range(n)]


def _toy_rows():
    """(file, ebird_code, detected_events, event_cluster) per metadata row, parquet order."""
    return [
        # amerob: event rows 8 (biggest cluster of 11 events), 3, 1 (no events), 1 (lone noise), 1 (only noise)
        ("XC1.ogg", "amerob", _cluster0(8) + [[9.0, 9.2], [9.5, 9.7], [10.0, 10.5]], [0] * 8 + [1, 1, -1]),
        ("XC2.ogg", "amerob", [[2, 3], [5, 6], [9.6, 10.7]], [2, 2, 2]),
        ("XC3.ogg", "amerob", [], []),
        ("XC4.ogg", "amerob", [[1.0, 1.4]], [-1]),
        ("XC5.ogg", "amerob", [[1, 2], [3, 4]], [-1, -1]),
        # norcar: one recording of 7 rows, over the limit with no lower level
        ("XC6.ogg", "norcar", _cluster0(7), [0] * 7),
        # blujay: 2 (tie of two clusters), 6, and 2 + 1 from two metadata rows of one file
        ("XC7.ogg", "blujay", [[1, 2], [3, 4], [5, 6], [6.5, 7]], [0, 1, 0, 1]),
        ("XC8.ogg", "blujay", _cluster0(6, step=1.8), [0] * 6),
        ("XC9.ogg", "blujay", [[1, 1.5], [4, 4.5]], [0, 0]),
        ("XC9.ogg", "blujay", [[7, 8]], [3]),
        # no primary code: never cut
        ("XC10.ogg", "", _cluster0(4, step=2.0), [0] * 4),
    ]


# Kept rows worked out by hand with class_limit 6, event_limit 5:
# amerob [8, 3, 1, 1, 1] = 14: 8 -> 3 (9 rows); 3 -> 1 would leave 5 < 6: stop.
# norcar [7]: one level, stop.  blujay [2, 6, 3] = 11: 6 -> 3 (8); 3 -> 2 (6, not < 6); then one level: stop.
HAND_KEPT = {"XC1.ogg": 3, "XC2.ogg": 3, "XC3.ogg": 1, "XC4.ogg": 1, "XC5.ogg": 1, "XC6.ogg": 7,
             "XC7.ogg": 2, "XC8.ogg": 2, "XC9.ogg": 2, "XC10.ogg": 4}
ALL_ROWS = {"XC1.ogg": 8, "XC2.ogg": 3, "XC3.ogg": 1, "XC4.ogg": 1, "XC5.ogg": 1, "XC6.ogg": 7,
            "XC7.ogg": 2, "XC8.ogg": 6, "XC9.ogg": 3, "XC10.ogg": 4}


def test_plan_keeps_hand_computed_counts_of_event_rows():
    plan = be.plan_events(_toy_rows(), class_limit=6, event_limit=5, seed=0)
    assert {f: len(evs) for f, evs in plan.items()} == HAND_KEPT
    xc1 = plan["XC1.ogg"]
    assert all(ev.k in range(8) and ev.clusters == (0,) and [ev.start, ev.end] in _cluster0(8) for ev in xc1)
    assert [ev.k for ev in xc1] == sorted({ev.k for ev in xc1})
    assert [(ev.start, ev.end, ev.no_event) for ev in plan["XC3.ogg"]] == [(0.0, 5.0, True)]
    assert [(ev.start, ev.end, ev.clusters) for ev in plan["XC4.ogg"]] == [(1.0, 1.4, (-1,))]
    # two metadata rows of one file: event rows numbered across both, each knows its row
    assert {(ev.k, ev.row) for ev in be.plan_events(_toy_rows(), class_limit=0, event_limit=0)["XC9.ogg"]} == {
        (0, 0), (1, 0), (2, 1)}
    # the default limits (500, 5) keep every row of this small table; both off keep every row too
    for limits in [dict(class_limit=500, event_limit=5), dict(class_limit=0, event_limit=0)]:
        assert {f: len(e) for f, e in be.plan_events(_toy_rows(), **limits).items()} == ALL_ROWS


def test_plan_seed_decides_which_events_are_kept():
    keys = lambda plan: {f: [ev.k for ev in evs] for f, evs in plan.items()}  # noqa: E731
    first = keys(be.plan_events(_toy_rows(), class_limit=6, event_limit=5, seed=0))
    assert keys(be.plan_events(_toy_rows(), class_limit=6, event_limit=5, seed=0)) == first
    others = [keys(be.plan_events(_toy_rows(), class_limit=6, event_limit=5, seed=s)) for s in range(1, 6)]
    assert any(o["XC1.ogg"] != first["XC1.ogg"] for o in others)  # 3 of 8: 56 possible subsets
    assert all({f: len(k) for f, k in o.items()} == HAND_KEPT for o in others)
    # a recording's choice does not depend on other classes' rows
    more = _toy_rows() + [("XC11.ogg", "woothr", _cluster0(9), [0] * 9)]
    assert keys(be.plan_events(more, class_limit=6, event_limit=5, seed=0))["XC1.ogg"] == first["XC1.ogg"]


# --- widening (EventDecoding._time_shifting) ------------------------------------------------


def test_widen_to_8s_inside_the_file():
    assert be.widen(5.0, 5.5, 20.0) == (1.25, 9.25)
    assert be.widen(1.0, 1.5, 20.0) == (0.0, 8.0)  # at the start: shifted right
    assert be.widen(19.0, 19.5, 20.0) == (12.0, 20.0)  # at the end: shifted left
    assert be.widen(2.0, 14.0, 20.0) == (2.0, 14.0)  # long events stay
    assert be.widen(1.0, 1.5, 4.0) == (0.0, 4.0)  # short file: all of it
    # a file without events: [0, 5] widened within [0, min(8, duration)]
    assert be.event_window(0.0, 5.0, 20.0) == (0.0, 8.0)
    assert be.event_window(0.0, 5.0, 6.5) == (0.0, 6.5)
    assert be.event_window(0.0, 5.0, 3.0) == (0.0, 3.0)
    # an event ending past the decoded audio: clipped to it, then widened inside it
    assert be.event_window(9.6, 10.7, 10.0) == (2.0, 10.0)
    assert be.event_window(5.0, 15.0, 10.0) == (2.0, 10.0)
    assert be.event_window(12.0, 13.0, 10.0) == (2.0, 10.0)
    assert be.event_window(3.0, 4.0, 10.0, width=0) == (3.0, 4.0)  # no widening


# --- the builder: a tiny XCM in the hub layout ---------------------------------------------------

# (file, seconds, ebird_code, ebird_code_multilabel) per metadata row, events as in _toy_rows.
FILES = {
    "XC1.ogg": (12.0, "amerob", ["amerob", "eastow"]),
    "XC2.ogg": (10.0, "amerob", ["amerob"]),  # its last event ends at 10.7 s: past the audio
    "XC3.ogg": (6.0, "amerob", ["amerob"]),
    "XC4.ogg": (3.0, "amerob", ["amerob"]),  # shorter than a 5 s crop
    "XC5.ogg": (9.0, "amerob", ["amerob"]),
    "XC6.ogg": (10.0, "norcar", ["norcar"]),
    "XC7.ogg": (8.0, "blujay", ["blujay"]),
    "XC8.ogg": (12.0, "blujay", []),  # multilabel without the primary code
    "XC9.ogg": (10.0, "blujay", ["blujay", "woothr"]),
    "XC10.ogg": (9.0, None, []),  # no primary code
}


def _wave(file_id, seconds):
    """Level (file_id * 50 + block + 1) / LEVELS, one block per 0.25 s."""
    n = int(round(seconds * SR))
    block = np.arange(n) // int(BLOCK_S * SR)
    return ((file_id * 50 + block + 1) / LEVELS).astype(np.float32)


def _flac(wave):
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, wave, SR, format="FLAC", subtype="PCM_16")
    return buf.getvalue()


def write_xcm(root):
    """root/XCM/XCM_shard_0001.tar.gz (members nested in a folder) + XCM/XCM_metadata.parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (root / "XCM").mkdir(parents=True)
    members, rows = {}, []
    for file, code, events, clusters in _toy_rows():
        seconds, primary, multi = FILES[file]
        file_id = int(file[2:-4])
        members.setdefault(file, _flac(_wave(file_id, seconds)))
        rows.append(dict(filepath=f"/home/birdset/XCM/{file}", start_time=None, end_time=None, ebird_code=primary,
                         ebird_code_multilabel=multi, ebird_code_secondary=[], length=int(seconds),
                         detected_events=[[float(s), float(e)] for s, e in events],
                         event_cluster=[int(c) for c in clusters], peaks=[float(s) + 0.1 for s, _ in events],
                         quality="A"))
    f64, s = pa.float64(), pa.string()
    schema = pa.schema([("filepath", s), ("start_time", f64), ("end_time", f64), ("ebird_code", s),
                        ("ebird_code_multilabel", pa.list_(s)), ("ebird_code_secondary", pa.list_(s)),
                        ("length", pa.int64()), ("detected_events", pa.list_(pa.list_(f64))),
                        ("event_cluster", pa.list_(pa.int64())), ("peaks", pa.list_(f64)), ("quality", s)])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), root / "XCM" / "XCM_metadata.parquet")
    with tarfile.open(root / "XCM" / "XCM_shard_0001.tar.gz", "w:gz") as tar:
        for file, data in members.items():
            info = tarfile.TarInfo(f"XCM/{file}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return root


@pytest.fixture(scope="module")
def xcm_root(tmp_path_factory):
    return write_xcm(tmp_path_factory.mktemp("xcm_src"))


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def _build(root, data_dir, config="default", workers=1, monkeypatch=None):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    monkeypatch.setenv("BIRDJEPA_BUILD_WORKERS", str(workers))
    builder = tfds.builder("birdset_xcm", config=config, data_dir=str(data_dir))
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=str(root)))
    return builder


def _train(builder):
    import tensorflow_datasets as tfds

    by_file = {}
    for ex in tfds.as_numpy(builder.as_dataset(split="train", shuffle_files=False)):
        by_file.setdefault(ex["recording_id"].decode(), []).append(ex)
    return by_file


def _decode_levels(x):
    """Stored / cropped samples -> (file_id, block) per sample; level 0 (padding) -> file_id -1."""
    q = np.rint(np.asarray(x, np.float64) * LEVELS).astype(int) - 1
    return np.where(q >= 0, q // 50, -1), np.where(q >= 0, q % 50, -1)


@pytest.fixture(scope="module")
def built_small(xcm_root, tmp_path_factory):
    """birdset_xcm with class_limit 6 (a config of its own), built in-process."""
    from tfds_builders.birdset_base import config_for

    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HUB_OFFLINE", "1")
    try:
        cfg = config_for(class_limit=6, event_limit=5)
        return _build(xcm_root, tmp_path_factory.mktemp("tfds"), config=cfg, monkeypatch=mp)
    finally:
        mp.undo()


def test_build_one_example_per_kept_event(built_small):
    builder = built_small
    assert builder.builder_config.name == "c6_e5_x8_ml_s0"
    assert builder.info.splits["train"].num_examples == sum(HAND_KEPT.values())
    assert builder.info.metadata["train_plan"] == dict(files=10, events_kept=26, no_event_rows=2)
    assert builder.info.metadata["train_sampling"]["class_limit"] == 6
    train = _train(builder)
    assert {f: len(exs) for f, exs in train.items()} == HAND_KEPT
    names = builder.info.features["labels"].feature.int2str
    for file, exs in train.items():
        seconds, primary, multi = FILES[file]
        file_id = int(file[2:-4])
        events = [tuple(ex["detected_events"][0]) for ex in exs]
        assert len(set(events)) == len(events)  # distinct event rows
        for ex in exs:
            start, end = (float(v) for v in ex["windows"][0])
            ev_s, ev_e = (float(v) for v in ex["detected_events"][0])
            assert 0 <= start <= ev_s <= ev_e <= end <= seconds + 1e-6
            # widened to 8 s inside the file (none of the fixture's events is longer)
            assert end - start == pytest.approx(min(8.0, seconds), abs=1e-5)
            # the stored audio is that window of the file
            fid, block = _decode_levels(ex["audio"].astype(np.float64) / 32767.0)
            assert len(ex["audio"]) == round((end - start) * SR) and set(fid) == {file_id}
            assert block[0] == int(start / BLOCK_S + 1e-6) and block[-1] == int(end / BLOCK_S - 1e-6)
            assert sorted(names(int(i)) for i in ex["labels"]) == sorted(multi)  # ebird_code_multilabel only
    xc2 = sorted(tuple(ex["windows"][0]) for ex in train["XC2.ogg"])
    assert xc2[-1] == pytest.approx((2.0, 10.0))  # event [9.6, 10.7] clipped to the 10 s of audio
    assert sorted(tuple(ex["detected_events"][0]) for ex in train["XC2.ogg"])[-1] == pytest.approx((9.6, 10.0))
    np.testing.assert_allclose(train["XC3.ogg"][0]["windows"], [[0, 6]])  # no events: [0, 5] widened
    np.testing.assert_allclose(train["XC4.ogg"][0]["windows"], [[0, 3]])  # lone noise event, 3 s file
    assert train["XC4.ogg"][0]["event_cluster"].tolist() == [-1]
    np.testing.assert_allclose(train["XC5.ogg"][0]["windows"], [[0, 8]])
    assert train["XC5.ogg"][0]["event_cluster"].tolist() == [-1, -1]
    # the kept events are the plan's (same parquet, limits, seed)
    plan = be.plan_events(_toy_rows(), class_limit=6, event_limit=5, seed=0)
    for file, exs in train.items():
        want = sorted((ev.start, min(ev.end, FILES[file][0])) for ev in plan[file])
        np.testing.assert_allclose(sorted(tuple(ex["detected_events"][0]) for ex in exs), want, atol=1e-5)


def test_default_config_in_worker_processes_keeps_every_event(xcm_root, tmp_path, monkeypatch):
    builder = _build(xcm_root, tmp_path, workers=2, monkeypatch=monkeypatch)
    assert builder.builder_config.name == "default"
    assert {f: len(exs) for f, exs in _train(builder).items()} == ALL_ROWS


def test_label_source_ors_in_the_primary_code(xcm_root):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401
    from tfds_builders._lib import birdset, birdset_shards

    names = tfds.builder("birdset_xcm", data_dir=str(xcm_root / "none")).info.features["labels"].feature.int2str
    meta = str(xcm_root / "XCM" / "XCM_metadata.parquet")
    members = dict(birdset_shards.iter_members(xcm_root / "XCM" / "XCM_shard_0001.tar.gz"))
    rows = birdset.load_metadata(meta).rows("XC8.ogg")
    for source, want in [("multilabel", []), ("multilabel+primary", ["blujay"])]:
        spec = birdset.SplitSpec(set_name="XCM", split="train", kind="train", label_set="XCM", metadata=meta,
                                 label_source=source)
        out = birdset.make_examples("XC8.ogg", members["XC8.ogg"], rows, spec)
        assert [key for key, _ in out] == [f"XC8.ogg#{k}" for k in range(6)]
        assert all([names(int(i)) for i in ex["labels"]] == want for _, ex in out)


def test_train_stream_crops_stay_inside_one_window(built_small):
    from birdjepa_keras.data import pipeline
    import tfds_builders

    builder = built_small
    train = _train(builder)
    windows = {int(f[2:-4]): [tuple(ex["windows"][0]) for ex in exs] for f, exs in train.items()}
    n = builder.info.splits["train"].num_examples
    stream = pipeline.TrainStream(builder, "train", clip_samples=5 * SR, batch_size=13, num_classes=411, seed=3)
    it = stream.dataset().as_numpy_iterator()
    crops = np.concatenate([next(it)[0] for _ in range(4)])  # two epochs of 26
    assert len(crops) == 2 * n
    padded = 0
    for crop in crops:
        fid, block = _decode_levels(crop)
        real = fid >= 0
        k = int(real.sum())
        assert k > 0 and real[:k].all()  # audio, then zero padding only at the end
        padded += k < len(crop)
        assert len(set(fid[:k])) == 1  # one file
        steps = np.diff(block[:k])
        assert set(steps.tolist()) <= {0, 1}  # contiguous: no jump between two windows
        t0, t1 = block[0] * BLOCK_S, (block[k - 1] + 1) * BLOCK_S
        assert any(s - BLOCK_S <= t0 and t1 <= e + BLOCK_S for s, e in windows[int(fid[0])])
    # XC4's 3 s window is zero-padded to 5 s, once per epoch
    assert padded == 2


def test_recipe_keys_choose_the_builder_config(tmp_path):
    from birdjepa_keras.config import ConfigError, load_recipe
    from birdjepa_keras.data import pipeline
    import tfds_builders

    recipe = tmp_path / "r.toml"
    recipe.write_text('[data]\ndataset = "birdset_xcm"\n[data.birdset]\nclass_limit = 100\nevent_limit = 3\n'
                      'label_source = "multilabel+primary"\nsampling_seed = 7\n')
    r, _ = load_recipe(recipe)
    assert (r.data.birdset.class_limit, r.data.birdset.event_limit, r.data.birdset.extension_s) == (100, 3, 8.0)
    from birdjepa_keras.config import to_table

    builder = tfds_builders.get_builder(r.data.dataset, r.data.config, str(tmp_path / "d"), birdset=to_table(r.data.birdset))
    cfg = builder.builder_config
    assert cfg.name == "c100_e3_x8_mlp_s7" and (cfg.class_limit, cfg.event_limit, cfg.sampling_seed) == (100, 3, 7)
    assert cfg.label_source == "multilabel+primary" and "c100_e3_x8_mlp_s7" in str(builder.data_dir)
    default, _ = load_recipe(recipe, overrides=["data.birdset.class_limit=500", "data.birdset.event_limit=5",
                                                "data.birdset.label_source=multilabel", "data.birdset.sampling_seed=0"])
    builder = tfds_builders.get_builder("birdset_xcm", "default", str(tmp_path / "d"), birdset=to_table(default.data.birdset))
    assert builder.builder_config.name == "default"
    for bad, key in [("data.birdset.class_limit=-1", "data.birdset.class_limit"),
                     ("data.birdset.label_source=primary", "data.birdset.label_source"),
                     ("data.birdset.extension_s=-2.0", "data.birdset.extension_s"),
                     ("data.config=other", "data.config")]:
        with pytest.raises(ConfigError, match=key):
            load_recipe(recipe, overrides=[bad])
