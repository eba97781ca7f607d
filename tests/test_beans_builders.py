"""BEANS builder (one config per task) against what BEANS itself computes.

Fixtures: tests/fixtures/beans_fixtures.py writes a BEANS root by repeating
BEANS's `scripts/*.py`. Expectations come from BEANS's `datasets.yml`
(committed copy, tests/fixtures/beans_resources/) and from the reference
functions below, which restate earthspecies/beans `beans/datasets.py`
(`ClassificationDataset.__init__`, `RecognitionDataset.__init__`,
`_get_waveform`) at b278b1d: nothing here is taken from birdjepa_keras.
"""

import json

import numpy as np
import pandas as pd
import pytest

from tfds_builders._lib import beans
from tests.fixtures import beans_fixtures

SR = 32000
YML = beans_fixtures.datasets_yml()
CLASSIFICATION = [k for k, v in YML.items() if v["type"] == "classification"]
DETECTION = [k for k, v in YML.items() if v["type"] == "detection"]
DETECTION_MAX_DURATION = 60  # scripts/evaluate.py: RecognitionDataset(..., max_duration=60, ...)


@pytest.fixture(scope="module")
def beans_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("beans_src")
    return root, beans_fixtures.make_beans(root)


@pytest.fixture(autouse=True)
def _one_worker(monkeypatch):
    monkeypatch.setenv("BIRDJEPA_BUILD_WORKERS", "1")


def _build(config, data_dir, manual_dir):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    builder = tfds.builder(f"beans/{config}", data_dir=str(data_dir))
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=str(manual_dir)))
    return builder


def _examples(builder, split):
    import tensorflow_datasets as tfds

    out = {}
    for ex in tfds.as_numpy(builder.as_dataset(split=split)):
        key = ex["recording_id"].decode()
        assert key not in out, key
        out[key] = ex
    return out


# --- BEANS's own computation, restated ------------------------------------------------


def _label_id(label, spec):
    """`label_to_id` lookup of both BEANS datasets; None where BEANS raises KeyError."""
    label_to_id = {lbl: i for i, lbl in enumerate(spec["labels"])}
    if label not in label_to_id:
        return None if spec["unknown_label"] is None else label_to_id[spec["unknown_label"]]
    return label_to_id[label]


def _reference_clips(csv_path, spec):
    """ClassificationDataset.__init__: [(path, label id)] from pd.read_csv + iterrows."""
    return [(row["path"], _label_id(row["label"], spec)) for _, row in pd.read_csv(csv_path).iterrows()]


def _reference_windows(records, spec):
    """RecognitionDataset.__init__ over the JSON records: [(path, window start, set of label ids)]."""
    width, shift = spec["window_width"], spec["window_shift"]
    out = []
    for data in records:
        for window_id in range(int((data["length"] - width) / shift) + 1):
            st, ed = window_id * shift, window_id * shift + width
            y = set()
            for anon in data["annotations"]:
                label_id = _label_id(anon["label"], spec)
                if (st <= anon["st"] <= ed) or (st <= anon["ed"] <= ed):
                    denom = min(ed - st, anon["ed"] - anon["st"])
                    if denom == 0:
                        continue
                    if (min(ed, anon["ed"]) - max(st, anon["st"])) / denom > .2:
                        y.add(label_id)
                if anon["st"] <= st and ed <= anon["ed"]:
                    y.add(label_id)
            out.append((data["path"], st, y))
    return out


def _jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


# --- units ----------------------------------------------------------------------------


def test_task_table_is_beans_datasets_yml():
    assert set(beans.TASKS) == set(YML)
    for name, spec in YML.items():
        t = beans.TASKS[name]
        assert t.kind == spec["type"] and list(t.labels) == spec["labels"], name
        assert t.unknown_label == spec["unknown_label"] and t.sample_rate == spec["sample_rate"], name
        assert t.train_file == spec["train_data"] and t.split_file("valid") == spec["valid_data"], name
        assert t.split_file("test") == spec["test_data"], name
        if t.kind == "classification":
            assert t.max_duration == spec["max_duration"], name
        else:
            assert (t.window_width, t.window_shift) == (spec["window_width"], spec["window_shift"]), name


@pytest.mark.parametrize("length,width,shift", [
    (60.0, 2, 1), (60.0, 10, 5), (60.0, 4, 2), (1.5, 4, 2), (3.0, 4, 2), (4.0, 4, 2), (1.0, 2, 1), (1.5, 2, 1),
    (0.0, 10, 5), (9.0, 10, 5), (4.0, 10, 5), (14.9, 10, 5), (59.99, 2, 1)])
def test_window_count_is_beans_range(length, width, shift):
    want = len(range(int((length - width) / shift) + 1))  # RecognitionDataset.__init__
    assert beans.num_windows(length, width, shift) == want


def test_window_count_has_no_floor():
    assert beans.num_windows(1.5, 4, 2) == 0  # a 1.5 s gibbon tail chunk: no window
    assert beans.num_windows(3.0, 4, 2) == 1  # int(-0.5) == 0: one window, zero-padded
    assert beans.num_windows(1.0, 2, 1) == 0 and beans.num_windows(1.5, 2, 1) == 1


def test_labels_match_by_python_equality():
    gibbons, dcase, enabirds = beans.TASKS["hainan_gibbons"], beans.TASKS["dcase"], beans.TASKS["enabirds"]
    assert beans.match_label(gibbons, 2.0) == (1, "match")  # `2.0 in {1: 0, 2: 1, 3: 2}`
    assert beans.match_label(gibbons, np.float64(3.0)) == (2, "match")
    assert beans.match_label(gibbons, "2") == (0, "unknown")  # a string is not 2: BEANS's unknown label, 1
    assert beans.match_label(gibbons, 2.5) == (0, "unknown")
    assert beans.match_label(enabirds, "EAPH") == (33, "unknown")  # OTHR
    assert beans.match_label(dcase, "AGGM") == (None, "unmatched")  # BEANS: KeyError
    assert beans.match_label(dcase, ["AMRE"]) == (None, "unmatched")
    assert beans.match_label(beans.TASKS["bats"], np.int64(215)) == (3, "match")
    assert beans.match_label(beans.TASKS["esc50"], 7.0) == (7, "match")
    assert beans.match_label(beans.TASKS["esc50"], "7") == (None, "unmatched")
    assert beans.match_label(beans.TASKS["esc50"], float("nan")) == (None, "unmatched")


def test_resolve_labels_counts_every_unmatched_label():
    rows = [{"path": "a.wav", "length": 8.0, "annotations": [
        {"st": 0, "ed": 1, "label": 2.0}, {"st": 1, "ed": 2, "label": 3}, {"st": 2, "ed": 3, "label": "2"}]},
        {"path": "b.wav", "length": 8.0, "annotations": []}]
    out, report = beans.resolve_labels(rows, beans.TASKS["hainan_gibbons"])
    assert [a["label_id"] for a in out[0]["annotations"]] == [1, 2, 0]
    assert (report["match"], report["unknown"], report["unmatched"]) == (2, 1, 0)
    assert report["label_types"] == {"float": 1, "int": 1, "str": 1} and report["unknown_labels"] == ["'2'"]
    assert "label_id" not in rows[0]["annotations"][0]  # inputs untouched
    rows = [{"path": "x.wav", "label": "Walrus"}, {"path": "y.wav", "label": "Weddell_Seal"}]
    out, report = beans.resolve_labels(rows, beans.TASKS["watkins"])
    assert [r["label_id"] for r in out] == [28, None] and report["unmatched"] == 1
    assert report["unmatched_labels"] == ["'Weddell_Seal'"]


def test_window_rule():
    spec = YML["dcase"]
    cases = [[(0.5, 1.0)], [(1.8, 2.3)], [(1.875, 2.5)], [(-1.0, 5.0)], [(1.0, 1.0)], [(2.0, 2.0), (-1, 5)],
             [(1.5, 1.0)], [(0.1, 0.5), (0.2, 0.4)]]
    for events in cases:
        anns = [{"st": st, "ed": ed, "label": "AMRE" if k == 0 else "WTSP"} for k, (st, ed) in enumerate(events)]
        record = {"path": "p", "length": 2.0, "annotations": anns}
        resolved, _ = beans.resolve_labels([record], beans.TASKS["dcase"])
        want = sorted(_reference_windows([record], spec)[0][2])
        assert beans.window_labels(resolved[0]["annotations"], 0, 2) == want, events
    assert beans.window_labels([{"st": 1.8, "ed": 2.3, "label_id": 0}], 0, 2) == [0]  # 0.2 / 0.5 > 0.2
    assert beans.window_labels([{"st": 1.875, "ed": 2.5, "label_id": 0}], 0, 2) == []  # exactly 0.2
    assert beans.window_labels([{"st": 1.0, "ed": 1.0, "label_id": 0}], 0, 2) == []  # zero length
    assert beans.window_labels([{"st": 0.2, "ed": 0.5, "label_id": None}], 0, 2) == []  # unmatched: ignored


def test_fix_length_cuts_and_pads_at_the_end():
    wave = np.arange(1, 6, dtype=np.float32)
    assert beans.fix_length(wave, 3).tolist() == [1, 2, 3]
    assert beans.fix_length(wave, 7).tolist() == [1, 2, 3, 4, 5, 0, 0]


# --- the builder on the fixtures -------------------------------------------------------


def test_fixture_is_written_like_beans(beans_root):
    """The awkward cases are really in the files (so the builder tests below exercise them)."""
    _, expect = beans_root
    gibbons = [a["label"] for r in _jsonl(expect["hainan_gibbons"]["splits"]["train"]) for a in r["annotations"]]
    assert any(isinstance(x, float) for x in gibbons) and any(isinstance(x, int) for x in gibbons)
    assert 2.0 in gibbons and "2.0" in open(expect["hainan_gibbons"]["splits"]["train"]).read()
    cbi = pd.read_csv(expect["cbi"]["splits"]["train"])
    assert list(cbi.columns) == ["Unnamed: 0", "path", "label", "split"] and set(cbi["split"]) == {"train"}
    assert "train-low" not in expect["cbi"]["splits"]
    watkins = open(expect["watkins"]["splits"]["train"]).read()
    assert watkins.startswith(",path,label\n") and '"Beluga,_White_Whale"' in watkins
    esc = pd.read_csv(expect["esc50"]["splits"]["valid"])
    assert list(esc.columns) == ["Unnamed: 0", "path", "label", "fold"] and esc["Unnamed: 0"].tolist() == [3, 8]


def _built_task(task, beans_root, tmp_path):
    """Build `task` from the fixture; its datasets.yml spec, the fixture's expectations, builder, info, class names.

    The class names are checked against datasets.yml's labels (as strings) here, once for every task.
    """
    root, expect = beans_root
    spec, want = YML[task], expect[task]
    builder = _build(task, tmp_path, root)
    info = builder.info
    names = info.features["labels"].feature.names
    assert names == [str(x) for x in spec["labels"]]
    return spec, want, builder, info, names


@pytest.mark.parametrize("task", CLASSIFICATION)
def test_classification_task(task, beans_root, tmp_path):
    spec, want, builder, info, names = _built_task(task, beans_root, tmp_path)
    md = info.metadata
    assert md["sample_rate"] == SR and md["original_sample_rate"] == spec["sample_rate"]
    assert md["task_type"] == "classification" and md["max_duration_s"] == spec["max_duration"]
    assert set(info.splits) == set(want["splits"])
    n = int(spec["max_duration"] * SR)
    broken = set(want["broken"])
    skipped_want = []
    for split, csv in want["splits"].items():
        ref = _reference_clips(csv, spec)
        assert all(lid is not None for _, lid in ref)
        skipped_want += [(split, p) for p, _ in ref if p in broken]
        ref = {p: lid for p, lid in ref if p not in broken}
        examples = _examples(builder, split)
        assert sorted(examples) == sorted(ref) and info.splits[split].num_examples == len(ref)
        report = md["label_report"][split]
        assert (report["rows"], report["unknown"], report["unmatched"]) == (len(ref) + len(
            [s for s in skipped_want if s[0] == split]), 0, 0)
        for path, ex in examples.items():
            assert ex["labels"].tolist() == [ref[path]], path
            assert ex["audio"].dtype == np.int16 and len(ex["audio"]) == n  # _get_waveform: exactly max_duration
            assert ex["source_path"].decode() == path and ex["fold"] == (
                int(path.rsplit("/", 1)[1].split("-")[0]) if task == "esc50" else -1)
            seconds = want["durations"][path]
            heard = int(seconds * SR)
            if seconds < spec["max_duration"]:  # zero-padded at the end
                assert np.abs(ex["audio"][:heard]).max() > 100
                assert not ex["audio"][min(n, heard + 64):].any()
            else:  # cut: sound to the last sample
                assert np.abs(ex["audio"][-SR // 2:]).max() > 100
    skipped = sorted((r["split"], r["file"]) for r in md["skipped_files"])
    assert md["num_skipped"] == len(skipped) and skipped == sorted(skipped_want)
    if task == "watkins":
        assert len(broken) == 2 and {s[1] for s in skipped} == broken
        reasons = " ".join(r["reason"] for r in md["skipped_files"])
        assert "empty file" in reasons and "cannot decode" in reasons
    if task in ("bats", "esc50"):
        assert set(md["label_report"]["train"]["label_types"]) == {"int"}


@pytest.mark.parametrize("task", DETECTION)
def test_detection_task(task, beans_root, tmp_path):
    spec, want, builder, info, names = _built_task(task, beans_root, tmp_path)
    assert info.metadata["window_width_s"] == spec["window_width"] and info.metadata["task_type"] == "detection"
    assert info.metadata["max_duration_s"] == DETECTION_MAX_DURATION
    assert set(info.splits) == set(want["splits"])
    broken = set(want["broken"])
    n = int(spec["window_width"] * SR)
    for split, jsonl in want["splits"].items():
        ref = [w for w in _reference_windows(_jsonl(jsonl), spec) if w[0] not in broken]
        assert all(None not in y for _, _, y in ref)  # the fixtures hold no label BEANS would reject
        examples = _examples(builder, split)
        assert info.splits[split].num_examples == len(ref) and len(examples) == len(ref)
        lengths = {r["path"]: r["length"] for r in _jsonl(jsonl)}
        for path, st, y in ref:
            ex = examples[f"{path}@{st:g}"]
            assert sorted(ex["labels"].tolist()) == sorted(y), (path, st)
            assert ex["audio"].dtype == np.int16 and len(ex["audio"]) == n
            assert ex["window_start_s"] == st and ex["source_path"].decode() == path
            assert ex["original_sample_rate"] == spec["sample_rate"]
            inside = int(round((lengths[path] - st) * SR))
            if inside < n:  # the window runs past the chunk: zero-padded
                assert not ex["audio"][inside + 64:].any() and np.abs(ex["audio"][:inside]).max() > 100
        unknown = sum(_label_id(a["label"], spec) is not None and a["label"] not in spec["labels"]
                      for r in _jsonl(jsonl) for a in r["annotations"])
        report = info.metadata["label_report"][split]
        assert (report["unknown"], report["unmatched"]) == (unknown, 0)
    skipped = info.metadata["skipped_files"]
    assert sorted({r["file"] for r in skipped}) == sorted(broken)
    if task == "dcase":
        assert "truncated" in skipped[0]["reason"]
        tail = _examples(builder, "train")
        # the 1.5 s tail chunk: int((1.5 - 2) / 1) + 1 = 1 window, padded from 1.5 s on
        assert [k for k in tail if k.startswith("data/dcase/wav/BUK4_20161016_000000.001.wav@")] == [
            "data/dcase/wav/BUK4_20161016_000000.001.wav@0"]
    if task == "enabirds":  # the 1.0 s chunk gets no window; EAPH goes to OTHR
        assert not [k for k in _examples(builder, "train-low") if "Recording_2" in k]
        assert info.metadata["label_report"]["train"]["unknown_labels"] == ["'EAPH'"]
        assert info.metadata["label_report"]["train"]["unknown"] == 1
    if task == "hainan_gibbons":
        train = _examples(builder, "train")
        tail = "data/hainan_gibbons/wav/HGSM3B_0+1_20160311_051400.003.wav"
        assert [r["length"] for r in _jsonl(want["splits"]["train"]) if r["path"] == tail] == [1.5]
        assert not [k for k in train if k.startswith(tail)]  # BEANS makes no window for it
        short = [k for k in train if k.startswith("data/hainan_gibbons/wav/HGSM3C_")]
        assert short == ["data/hainan_gibbons/wav/HGSM3C_0+1_20160312_051400.000.wav@0"]
        types = info.metadata["label_report"]["train"]["label_types"]
        assert types["float"] > 0 and types["int"] > 0 and info.metadata["label_report"]["train"]["unknown"] == 0
        # float labels decide windows: calls of type 2 and 3 (ids 1, 2) light up windows of float-labelled chunks
        float_chunks = {r["path"] for r in _jsonl(want["splits"]["train"])
                        if any(isinstance(a["label"], float) for a in r["annotations"])}
        lit = {i for k, ex in train.items() if k.split("@")[0] in float_chunks for i in ex["labels"].tolist()}
        assert lit == {0, 1, 2}


def test_missing_beans_stops_with_one_line(tmp_path):
    with pytest.raises(beans.MissingSourceError) as err:
        _build("rfcx", tmp_path / "data", tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "data/rfcx/train.jsonl" in msg and "nowhere" in msg


def test_missing_split_file_stops_with_one_line(tmp_path):
    beans_fixtures.make_beans(tmp_path / "src", tasks=("esc50",))
    (tmp_path / "src/data/esc50/meta/esc50.valid.csv").unlink()
    with pytest.raises(beans.MissingSourceError) as err:
        _build("esc50", tmp_path / "data", tmp_path / "src")
    assert "\n" not in str(err.value) and "esc50.valid.csv missing" in str(err.value)
