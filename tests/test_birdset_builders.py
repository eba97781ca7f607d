"""BirdSet builders on fixtures written from upstream's specification (tests/fixtures/birdset_fixtures.py).

Covers: one example per metadata row, padded 5 s segments, unusable files reported,
audio without rows and rows without audio, full soundscapes (`test_full`) and the labels
of their 5 s scoring windows, the hub source, missing and optional files. Each builder is
built once per module, in process, with one worker. Metadata forms and decoding:
test_birdset_formats.py; the TFDS CLI and Beam: test_birdset_cli.py.
"""

import io
import os
from pathlib import Path

import numpy as np
import pytest

from birdjepa_keras.data import audio
from tfds_builders._lib import birdset, birdset_files, birdset_shards, sources
from tfds_builders._lib.birdset_classes import CLASSES
from tests.birdset_builds import SR, UPSTREAM_CLASSES, build, examples
from tests.fixtures import birdset_fixtures as fx


pytestmark = pytest.mark.usefixtures("offline_one_worker")  # tests/birdset_builds.py


@pytest.fixture(scope="module")
def built(birdset_root, tmp_path_factory):
    """name -> builder, each built once per module with one worker, offline."""
    root, _ = birdset_root
    cache = {}

    def get(name):
        if name not in cache:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("HF_HUB_OFFLINE", "1")
                mp.setenv("BIRDJEPA_BUILD_WORKERS", "1")
                cache[name] = build(name, tmp_path_factory.mktemp(name), root)
        return cache[name]

    return get

def _all_examples(builder, split):
    import tensorflow_datasets as tfds

    return list(tfds.as_numpy(builder.as_dataset(split=split)))


def _codes(ex, set_name):
    return sorted(CLASSES[set_name][i] for i in ex["labels"])


# --- builders ------------------------------------------------------------------------


def _check_split(builder, set_name, split, want):
    """Examples, labels and the per-split report of one built split against the fixture's account."""
    got = examples(builder, split)  # train: one of the row's event examples
    assert sorted(got, key=str) == sorted(want["examples"], key=str)
    for key, codes in want["examples"].items():
        assert _codes(got[key], set_name) == sorted(set(codes)), key
    every = _all_examples(builder, split)
    if want["kind"] != "train":  # train: one example per kept event row, >= 1 per metadata row
        assert len(every) == len(want["examples"])
    md = builder.info.metadata
    assert md["split_report"][split] == dict(
        examples=len(every), padded=len(want["padded"]), skipped=len(want["unusable"]),
        audio_without_rows=len(want["audio_without_rows"]), rows_without_audio=len(want["rows_without_audio"]))
    assert md["padded_files"][split] == sorted(f"{name}#{row}" for name, row in want["padded"])
    assert md["audio_without_rows"][split] == sorted(want["audio_without_rows"])
    assert md["rows_without_audio"][split] == sorted(want["rows_without_audio"])
    skipped = {r["file"].rsplit("/", 1)[-1]: r["reason"] for r in md["skipped_files"] if r["split"] == split}
    assert sorted(skipped) == sorted(want["unusable"])
    for name, why in want["unusable"].items():
        assert why in skipped[name], skipped[name]
    return got


def _check_segments(got, want):
    for key, ex in got.items():
        assert ex["audio"].dtype == np.int16 and ex["audio"].shape == (5 * SR,)
        if key in want["padded"]:  # a 3.2 s tail: zeros after it, sound in it
            assert 3.1 < ex["duration_s"] < 3.3
            assert not ex["audio"][int(3.25 * SR):].any() and np.abs(ex["audio"][: 3 * SR]).max() > 1000


@pytest.mark.parametrize("set_name", birdset_files.TEST_SETS)
def test_soundscape_set_builder(set_name, birdset_root, built):
    root, expect = birdset_root
    want = expect[set_name]
    builder = built(f"birdset_{set_name.lower()}")
    info, names = builder.info, CLASSES[set_name]
    labels = info.features["labels"].feature
    assert labels.num_classes == UPSTREAM_CLASSES[set_name] and list(labels.names) == list(names)
    md = info.metadata
    assert md["sample_rate"] == SR and md["birdset_set"] == set_name and md["class_names"] == list(names)
    assert [CLASSES["XCM"][i] for i in md["xcm_ids"]] == list(names)
    assert [CLASSES["XCL"][i] for i in md["xcl_ids"]] == list(names)
    assert set(info.splits) == {"train", "test", "test_full"}

    train = _check_split(builder, set_name, "train", want["splits"]["train"])
    for ex in train.values():
        # one event at [2, 2.5] of an 8 s file: widened to 8 s, clipped at 0, shifted right -> all of it
        np.testing.assert_allclose(ex["windows"], [[0.0, 8.0]], atol=1e-4)
        assert len(ex["audio"]) == 8 * SR and ex["quality"].decode() == "A"
        np.testing.assert_allclose(ex["detected_events"], [[2.0, 2.5]])

    test = _check_split(builder, set_name, "test", want["splits"]["test"])
    _check_segments(test, want["splits"]["test"])
    members = dict(birdset_shards.iter_members(root / set_name / f"{set_name}_test5s_shard_0001.tar.gz"))
    for (name, _), ex in test.items():  # stored = soundfile + soxr decode of the member, as int16
        ref = audio.to_int16(audio.read_audio(io.BytesIO(members[name]), SR))[: 5 * SR]
        np.testing.assert_array_equal(ex["audio"][: len(ref)], ref)

    full = _check_split(builder, set_name, "test_full", want["splits"]["test_full"])
    for (name, _), ex in full.items():
        scape = want["soundscapes"][name]
        assert abs(ex["duration_s"] - scape["seconds"]) < 1e-3 and len(ex["audio"]) == round(scape["seconds"] * SR)
        table = sorted((s, e, names.index(c)) for c, s, e in scape["annotations"])
        np.testing.assert_allclose(ex["annotations"], [t[:2] for t in table], atol=1e-5)
        assert ex["annotation_labels"].tolist() == [t[2] for t in table]

    # The evaluation path: windows of each whole soundscape carry the labels of its test_5s segments.
    by_key = {name: ex for (name, _), ex in test.items()}
    checked = 0
    for seg, (recording, start) in want["segments"].items():
        ex = full[(recording, None)]
        starts, labels_wc = birdset.soundscape_windows(ex["duration_s"], ex["annotations"],
                                                       ex["annotation_labels"], len(names))
        w = int(np.flatnonzero(np.isclose(starts, start))[0])
        assert np.flatnonzero(labels_wc[w]).tolist() == by_key[seg]["labels"].tolist(), seg
        checked += 1
    assert checked == len(starts) == 4


def test_planted_signal_marks_each_class(birdset_root, built):
    """Each labelled class of a segment has its planted sine; unlabelled classes do not."""
    _, expect = birdset_root
    test = examples(built("birdset_hsn"), "test")
    used = fx.upstream_codes("HSN")[:3]
    for ex in test.values():
        spectrum = np.abs(np.fft.rfft(ex["audio"].astype(np.float32)))
        level = {c: spectrum[round(fx.PLANTED_HZ[c] * 5) - 2:round(fx.PLANTED_HZ[c] * 5) + 3].max() for c in used}
        on = [level[c] for c in used if c in _codes(ex, "HSN")]
        off = [level[c] for c in used if c not in _codes(ex, "HSN")]
        assert not on or not off or min(on) > 20 * max(off)


def test_xcm_builder_rows_windows_valid_and_skips(birdset_root, built, tmp_path):
    _, expect = birdset_root
    builder = built("birdset_xcm")
    info = builder.info
    assert info.features["labels"].feature.num_classes == 411
    assert info.metadata["xcm_ids"] == list(range(411))
    assert set(info.splits) == {"train", "valid"}
    train = _check_split(builder, "XCM", "train", expect["XCM"]["splits"]["train"])
    # one example per event row kept by the smart sampling (rules: tests/test_birdset_events.py);
    # no class reaches class_limit here, so every event row is kept
    events = {}
    for ex in _all_examples(builder, "train"):
        events.setdefault(ex["recording_id"].decode(), []).append(ex)
    want_windows = {
        "XC100001.ogg": [[0, 8], [2.2, 10.2]],  # biggest cluster only, each event widened to 8 s
        "XC100002.ogg": [[0, 8]] + [[5 * k - 1.85, 5 * k + 6.15] for k in range(1, 7)] + [[32, 40]],  # all 8
        "XC100003.ogg": [[0, 7]],  # no events: [0, 5] widened within the 7 s
        "XC100004.ogg": [[0.25, 8.25]],  # lone noise event kept
    }
    for rec, win in want_windows.items():
        exs = sorted(events[rec], key=lambda ex: ex["windows"][0, 0])
        np.testing.assert_allclose([ex["windows"][0] for ex in exs], win, atol=1e-4)
        for ex, (s, e) in zip(exs, win):
            assert ex["audio"].dtype == np.int16 and abs(len(ex["audio"]) - SR * (e - s)) <= 1
    assert len(events["XC100010.ogg"]) == 2  # two metadata rows, one event each
    assert [c.decode() for c in train[("XC100004.ogg", 3)]["ebird_code_secondary"]] == ["cangoo"]
    assert [ex["event_cluster"].tolist() for ex in events["XC100001.ogg"]] == [[0], [0]]
    # encoder-made members, one nested in folders inside the tar, decode to what the decoder gives
    mp3 = next(ex for (name, _), ex in train.items() if name == "XC190001.mp3")
    assert abs(mp3["duration_s"] - 3.55) < 0.02

    # valid = POW's test_5s (ClassLabel ints into POW's list), mapped to XCM indices by code
    _check_segments(_check_split(builder, "XCM", "valid", expect["POW"]["splits"]["test"]),
                    expect["POW"]["splits"]["test"])

    md = info.metadata
    assert md["num_skipped"] == 5
    assert md["train_sampling"] == dict(class_limit=500, event_limit=5, extension_s=8.0, label_source="multilabel",
                                        sampling_seed=0)
    import tensorflow_datasets as tfds

    again = tfds.builder("birdset_xcm", data_dir=os.fspath(Path(builder.data_dir).parents[2]))
    assert again.info.metadata["split_report"] == md["split_report"]
    assert again.info.metadata["source"].startswith("manual_dir")


def test_xcl_builder(birdset_root, built):
    _, expect = birdset_root
    builder = built("birdset_xcl")
    assert builder.info.features["labels"].feature.num_classes == 9736
    train = _check_split(builder, "XCL", "train", expect["XCL"]["splits"]["train"])
    stereo = train[("XC200003.mp3", 3)]  # 48 kHz stereo LAME MP3 -> 32 kHz mono
    assert abs(stereo["duration_s"] - 2.0) < 0.01
    md = builder.info.metadata
    assert md["xcl_ids"] == list(range(9736))
    assert sum(i >= 0 for i in md["xcm_ids"]) == 411  # the XCM classes, found by code


def test_custom_config_keeps_bare_events(birdset_root, tmp_path):
    from tfds_builders.birdset_base import config_for

    root, _ = birdset_root
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    cfg = config_for(extension_s=0)  # no widening: each example is its event
    builder = tfds.builder("birdset_hsn", config=cfg, data_dir=str(tmp_path))
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=str(root)))
    for ex in examples(builder, "train").values():
        assert len(ex["audio"]) == SR // 2
        np.testing.assert_allclose(ex["windows"], [[2.0, 2.5]])


def test_hub_source_when_no_local_copy(birdset_root, tmp_path, monkeypatch):
    """The online path, with huggingface_hub's two calls served from the fixture (no network)."""
    import shutil

    import huggingface_hub

    root, expect = birdset_root
    listing = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    fetched = []

    def fake_list(self, repo_id, repo_type=None, revision=None, **kw):
        assert (repo_id, repo_type, revision) == (birdset_files.HUB_REPO, "dataset", birdset_files.HUB_REVISION)
        return listing

    def fake_download(repo_id, filename, repo_type=None, revision=None, local_dir=None, **kw):
        fetched.append(filename)
        Path(local_dir, filename).parent.mkdir(parents=True, exist_ok=True)
        return shutil.copy(root / filename, Path(local_dir, filename))

    monkeypatch.setattr(birdset_files, "hub_reachable", lambda *a, **k: True)
    monkeypatch.setattr(huggingface_hub.HfApi, "list_repo_files", fake_list)
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    builder = build("birdset_nbp", tmp_path / "data", tmp_path / "empty_manual")
    assert sorted(fetched) == ["NBP/NBP_metadata_test.parquet", "NBP/NBP_metadata_test_5s.parquet",
                               "NBP/NBP_metadata_train.parquet", "NBP/NBP_test5s_shard_0001.tar.gz",
                               "NBP/NBP_test_shard_0001.tar.gz", "NBP/NBP_train_shard_0001.tar.gz"]
    assert builder.info.metadata["source"].startswith("hub ")
    splits = builder.info.splits
    assert (splits["train"].num_examples, splits["test"].num_examples, splits["test_full"].num_examples) == (2, 4, 1)


def test_missing_source_stops_with_one_line(tmp_path):
    with pytest.raises(sources.MissingSourceError) as err:
        build("birdset_pow", tmp_path / "data", tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "POW/POW_train_shard_*.tar.gz" in msg and "nowhere" in msg


def test_optional_splits_are_left_out_with_a_note(birdset_root, tmp_path):
    import shutil

    root, _ = birdset_root
    part = tmp_path / "part"
    shutil.copytree(root / "SNE", part / "SNE", ignore=shutil.ignore_patterns("*_test_shard_*"))
    files, notes = birdset_files.find_files(part, "SNE")
    assert set(files) == {"train", "test"} and len(notes) == 1 and "`test_full`" in notes[0]
