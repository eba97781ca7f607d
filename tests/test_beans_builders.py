"""BEANS builder (one config per task) from real-format fixtures of BEANS-prepared files."""

import numpy as np
import pytest

from birdjepa_keras.data import beans
from tests.fixtures import make_fixtures

SR = 32000
# Class counts in BEANS's datasets.yml (and the BEANS paper).
NUM_CLASSES = {"watkins": 31, "bats": 10, "cbi": 264, "dogs": 10, "humbugdb": 14, "esc50": 50,
               "speech_commands": 35, "dcase": 18, "enabirds": 34, "hiceas": 1, "rfcx": 24, "hainan_gibbons": 3}
NATIVE_SR = {"watkins": 44100, "bats": 250000, "cbi": 44100, "dogs": 44100, "humbugdb": 44100, "esc50": 44100,
             "speech_commands": 16000, "dcase": 16000, "enabirds": 32000, "hiceas": 22050, "rfcx": 48000,
             "hainan_gibbons": 9600}


@pytest.fixture(scope="module")
def beans_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("beans_src")
    return root, make_fixtures.make_beans(root)


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

    return {ex["recording_id"].decode(): ex for ex in tfds.as_numpy(builder.as_dataset(split=split))}


def test_task_table():
    assert {k: len(t.labels) for k, t in beans.TASKS.items()} == NUM_CLASSES
    assert {k: t.sample_rate for k, t in beans.TASKS.items()} == NATIVE_SR
    assert beans.TASKS["esc50"].split_file("train-low") == "data/esc50/meta/esc50.train-low.csv"
    assert beans.TASKS["humbugdb"].split_file("valid") == "data/HumBugDB/data/metadata/valid.csv"
    assert beans.TASKS["dcase"].split_file("test") == "data/dcase/test.jsonl"


def test_window_rule_and_unknown_labels():
    dcase, gibbons, enabirds = beans.TASKS["dcase"], beans.TASKS["hainan_gibbons"], beans.TASKS["enabirds"]
    ann = lambda st, ed, label="AMRE": {"st": st, "ed": ed, "label": label}  # noqa: E731
    assert beans.window_labels([ann(0.5, 1.0)], 0, 2, dcase) == [0]  # inside
    assert beans.window_labels([ann(1.8, 2.3)], 0, 2, dcase) == [0]  # 0.2 of 0.5 s event -> 0.4 > 0.2
    assert beans.window_labels([ann(1.875, 2.5)], 0, 2, dcase) == []  # 0.125 / 0.625 = 0.2: not more
    assert beans.window_labels([ann(-1.0, 5.0)], 0, 2, dcase) == [0]  # covers the window
    assert beans.window_labels([ann(1.0, 1.0)], 0, 2, dcase) == []  # zero length
    assert beans.window_labels([ann(0.1, 0.5, "WTSP"), ann(0.2, 0.4, "AMRE")], 0, 2, dcase) == [0, 17]
    assert beans.num_windows(60.0, 2, 1) == 59 and beans.num_windows(60.0, 10, 5) == 11
    assert beans.num_windows(1.0, 2, 1) == 1
    assert beans.label_index(enabirds, "XXXX") == enabirds.names.index("OTHR")
    assert beans.label_index(gibbons, 7) == 0 and beans.label_index(gibbons, 3) == 2
    assert beans.label_index(dcase, "nope") is None
    assert beans.label_index(beans.TASKS["esc50"], 7) == 7  # CSV ints compare as text


@pytest.mark.parametrize("task", [t for t, v in beans.TASKS.items() if v.kind == "classification"])
def test_classification_task(task, beans_root, tmp_path):
    root, expect = beans_root
    builder = _build(task, tmp_path, root)
    info, t = builder.info, beans.TASKS[task]
    names = info.features["labels"].feature.names
    assert len(names) == NUM_CLASSES[task] and names == [str(x) for x in t.labels]
    md = info.metadata
    assert md["sample_rate"] == SR and md["original_sample_rate"] == NATIVE_SR[task]
    assert md["task_type"] == "classification" and md["max_duration_s"] == t.max_duration
    want = expect[task]["counts"]
    assert {k: v.num_examples for k, v in info.splits.items()} == want
    assert ("train-low" in info.splits) == (task != "cbi")
    seconds = 0.3 if task == "bats" else 1.0
    for split in want:
        for rec, ex in _examples(builder, split).items():
            assert ex["audio"].dtype == np.int16 and abs(len(ex["audio"]) - seconds * SR) <= 2
            assert ex["labels"].tolist() == [names.index(expect[task]["labels"][rec])]
            assert ex["original_sample_rate"] == NATIVE_SR[task] and ex["source_path"].decode() == rec
            assert ex["fold"] == (int(rec.split("/")[-1].split("-")[0]) if task == "esc50" else -1)
    broken = sorted(r["file"] for r in md["skipped_files"])
    assert md["num_skipped"] == len(broken) and broken == sorted(expect[task]["broken"])
    if task == "watkins":
        reasons = " ".join(r["reason"] for r in md["skipped_files"])
        assert "empty file" in reasons and "cannot decode" in reasons


@pytest.mark.parametrize("task", [t for t, v in beans.TASKS.items() if v.kind == "detection"])
def test_detection_task(task, beans_root, tmp_path):
    root, expect = beans_root
    builder = _build(task, tmp_path, root)
    t = beans.TASKS[task]
    info = builder.info
    names = info.features["labels"].feature.names
    assert len(names) == NUM_CLASSES[task]
    assert info.metadata["window_width_s"] == t.window_width and info.metadata["task_type"] == "detection"
    records = expect[task]["records"]
    for split, recs in records.items():
        examples = _examples(builder, split)
        good = [r for r in recs if r["path"] not in expect[task]["broken"]]
        assert len(examples) == sum(beans.num_windows(r["length"], t.window_width, t.window_shift) for r in good)
        for r in good:
            # the fixture puts label 0 early (window 0 only) and the last label late (window 1 only)
            w0 = examples[f"{r['path']}@0"]
            w1 = examples[f"{r['path']}@{t.window_shift:g}"]
            for ex in (w0, w1):
                assert ex["audio"].dtype == np.int16 and len(ex["audio"]) == round(t.window_width * SR)
                assert ex["original_sample_rate"] == NATIVE_SR[task]
            assert w1["window_start_s"] == t.window_shift
            want0 = {beans.label_index(t, a["label"]) for a in r["annotations"] if a["st"] < 1.0}
            assert set(w0["labels"].tolist()) == want0 and 0 in want0
            assert w1["labels"].tolist() == [len(names) - 1] if len(names) > 1 else [0]
    skipped = [r["file"] for r in info.metadata["skipped_files"]]
    assert skipped == expect[task]["broken"]
    if task == "dcase":
        assert "truncated" in info.metadata["skipped_files"][0]["reason"]


def test_missing_beans_stops_with_one_line(tmp_path):
    with pytest.raises(beans.MissingSourceError) as err:
        _build("rfcx", tmp_path / "data", tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "data/rfcx/train.jsonl" in msg and "nowhere" in msg
