"""BirdSet builders from real-format fixtures: labels, event windows, bad files, CLI, Beam.

Fixtures (tests/fixtures/make_fixtures.py) are written once per session into a
tmp dir. In-process builds use one worker; the CLI build uses all cores (the
forkserver pool) and the Beam test the DirectRunner with two processes.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from birdjepa_keras.data import audio, birdset
from birdjepa_keras.data.birdset_classes import CLASSES
from tests.fixtures import make_fixtures

REPO = Path(__file__).resolve().parents[1]
SR = 32000
UPSTREAM_CLASSES = {"POW": 48, "PER": 132, "NES": 89, "UHH": 27, "HSN": 21, "NBP": 51, "SSW": 81, "SNE": 56,
                    "XCM": 411, "XCL": 9736}


@pytest.fixture(scope="module")
def birdset_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("birdset_src")
    return root, make_fixtures.make_birdset(root)


@pytest.fixture(autouse=True)
def _offline_one_worker(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("BIRDJEPA_BUILD_WORKERS", "1")


def _build(name, data_dir, manual_dir, **download_kwargs):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    builder = tfds.builder(name, data_dir=str(data_dir))
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(
        manual_dir=str(manual_dir), **download_kwargs))
    return builder


def _examples(builder, split):
    import tensorflow_datasets as tfds

    return {ex["recording_id"].decode(): ex for ex in tfds.as_numpy(builder.as_dataset(split=split))}


# --- label lists and event windows (no TensorFlow) ---------------------------------


def test_class_lists_match_upstream_counts_and_nest():
    assert {k: len(v) for k, v in CLASSES.items()} == UPSTREAM_CLASSES
    xcm, xcl = set(CLASSES["XCM"]), set(CLASSES["XCL"])
    union = set()
    for s in birdset.TEST_SETS:
        assert len(set(CLASSES[s])) == len(CLASSES[s]) and set(CLASSES[s]) <= xcm
        union |= set(CLASSES[s])
    assert union == xcm and xcm <= xcl


def test_label_cells_accept_codes_and_classlabel_indices():
    hsn = CLASSES["HSN"]
    assert birdset.label_codes("gcrfin", "HSN") == ["gcrfin"]
    assert birdset.label_codes(np.array(["amepip", "sposan"], dtype=object), "HSN") == ["amepip", "sposan"]
    assert birdset.label_codes(np.array([0, 2]), "HSN") == [hsn[0], hsn[2]]
    assert birdset.label_codes(None, "HSN") == [] and birdset.label_codes(float("nan"), "HSN") == []
    assert birdset.label_codes(-1, "HSN") == []  # "no label"
    # POW codes become XCM indices by string, not by index
    pow_codes = birdset.label_codes([3, 5], "POW")
    assert birdset.label_indices(pow_codes, "XCM") == sorted(CLASSES["XCM"].index(c) for c in pow_codes)


@pytest.mark.parametrize("fmt,sr", [("ogg", 32000), ("flac", 44100), ("mp3", 48000), ("wav", 22050), ("wav", 250000)])
def test_decode_codecs_and_rates_to_32k(fmt, sr):
    rng = np.random.default_rng(0)
    wave = make_fixtures._song(rng, 2.0, sr, f0=1000)
    data = getattr(make_fixtures, fmt)(wave, sr)
    out = audio.read_audio(data, SR, name=f"x.{fmt}")
    assert out.dtype == np.float32 and abs(len(out) - 2 * SR) <= 0.06 * SR  # MP3 adds codec delay
    stereo = np.stack([wave, wave], axis=1)
    both = audio.read_audio(getattr(make_fixtures, fmt)(stereo, sr), SR)
    assert both.ndim == 1 and abs(len(both) - len(out)) <= 2
    pcm = audio.to_int16(out)
    assert pcm.dtype == np.int16 and np.abs(pcm).max() > 1000


@pytest.mark.parametrize("fmt", ["wav", "flac", "mp3", "ogg"])
def test_broken_audio_is_reported_in_one_line(fmt):
    rng = np.random.default_rng(1)
    sr = 32000
    data = getattr(make_fixtures, fmt)(make_fixtures._song(rng, 10.0, sr), sr)
    for bad, what in [(b"", "empty"), (make_fixtures.undecodable(rng), "cannot decode"),
                      (make_fixtures.truncated(data, 0.4), "truncated|cannot decode|no audio")]:
        with pytest.raises(audio.AudioFileError, match=what) as err:
            audio.read_audio(bad, SR, name=f"b.{fmt}", min_duration_s=10.0)
        assert "\n" not in str(err.value) and str(err.value).startswith(f"b.{fmt}: ")


# --- builders ------------------------------------------------------------------------


@pytest.mark.parametrize("set_name", birdset.TEST_SETS)
def test_soundscape_set_builder(set_name, birdset_root, tmp_path):
    root, expect = birdset_root
    builder = _build(f"birdset_{set_name.lower()}", tmp_path, root)
    info, names = builder.info, CLASSES[set_name]
    labels = info.features["labels"].feature
    assert labels.num_classes == UPSTREAM_CLASSES[set_name] and list(labels.names) == list(names)
    md = info.metadata
    assert md["sample_rate"] == SR and md["birdset_set"] == set_name and md["class_names"] == list(names)
    assert [CLASSES["XCM"][i] for i in md["xcm_ids"]] == list(names)
    assert [CLASSES["XCL"][i] for i in md["xcl_ids"]] == list(names)
    assert set(info.splits) == {"train", "test"}

    train = _examples(builder, "train")
    assert sorted(train) == sorted(expect[set_name]["train"])
    for k, rec in enumerate(expect[set_name]["train"]):
        ex = train[rec]
        assert ex["audio"].dtype == np.int16 and ex["labels"].tolist() == [k]
        assert ex["ebird_code"].decode() == names[k] and ex["quality"].decode() == "A"
        # one event at [2, 2.5] of an 8 s file: widened to 8 s, clipped at 0, shifted right -> all of it
        np.testing.assert_allclose(ex["windows"], [[0.0, 8.0]], atol=1e-4)
        assert len(ex["audio"]) == 8 * SR
        np.testing.assert_allclose(ex["detected_events"], [[2.0, 2.5]])

    test = _examples(builder, "test")
    members = dict(birdset.iter_members(root / set_name / f"{set_name}_test5s_shard_0001.tar.gz"))
    want = {f"{set_name}_001_20230501_050000_{5 * k:03d}_{5 * k + 5:03d}.ogg": codes
            for k, codes in enumerate(expect[set_name]["test_labels"])}
    assert sorted(test) == sorted(want)
    for rec, codes in want.items():
        ex = test[rec]
        assert ex["audio"].dtype == np.int16 and ex["audio"].shape == (5 * SR,)
        assert ex["labels"].tolist() == sorted(names.index(c) for c in codes)
        assert ex["end_time"] - ex["start_time"] == 5.0
        # stored = soundfile + soxr decode of the archive member, as int16
        ref = audio.to_int16(audio.read_audio(io.BytesIO(members[rec]), SR))[: 5 * SR]
        np.testing.assert_array_equal(ex["audio"][: len(ref)], ref)
    assert md["num_skipped"] == len(expect[set_name]["broken"])
    assert [r["file"].split("/")[-1] for r in md["skipped_files"]] == expect[set_name]["broken"]
    if expect[set_name]["broken"]:
        assert "truncated" in md["skipped_files"][0]["reason"] and md["skipped_files"][0]["split"] == "test"


def test_xcm_builder_windows_labels_valid_and_skips(birdset_root, tmp_path):
    root, expect = birdset_root
    builder = _build("birdset_xcm", tmp_path, root)
    info = builder.info
    assert info.features["labels"].feature.num_classes == 411
    assert info.metadata["xcm_ids"] == list(range(411))
    import tensorflow_datasets as tfds

    train = {}
    for ex in tfds.as_numpy(builder.as_dataset(split="train")):
        train.setdefault(ex["recording_id"].decode(), []).append(ex)
    # one example per kept event row (tests/test_birdset_events.py has the sampling rules); the
    # truncated OGG (XC100007) decodes 6 s and is kept, its events clipped to that
    assert sorted(train) == sorted(expect["XCM"]["train"] + ["XC100007.ogg"])
    want_windows = {
        "XC100001.ogg": [[0, 8], [2.2, 10.2]],  # biggest cluster only
        "XC100002.ogg": [[0, 8]] + [[5 * k - 1.85, 5 * k + 6.15] for k in range(1, 7)] + [[32, 40]],  # all 8
        "XC100003.ogg": [[0, 7]],  # no events: [0, 5] widened within the 7 s
        "XC100004.ogg": [[0.25, 8.25]],  # lone noise event kept
    }
    for rec, win in want_windows.items():
        exs = sorted(train[rec], key=lambda ex: ex["windows"][0, 0])
        np.testing.assert_allclose([ex["windows"][0] for ex in exs], win, atol=1e-4)
        for ex, (s, e) in zip(exs, win):
            assert ex["audio"].dtype == np.int16 and abs(len(ex["audio"]) - SR * (e - s)) <= 1
            assert ex["labels"].tolist() == [CLASSES["XCM"].index(expect["XCM"]["codes"][rec])]
    assert [c.decode() for c in train["XC100004.ogg"][0]["ebird_code_secondary"]] == [CLASSES["XCM"][0]]
    assert [ex["event_cluster"].tolist() for ex in train["XC100001.ogg"]] == [[0], [0]]

    # valid = POW's 5 s segments, POW codes mapped to XCM indices by string
    valid = _examples(builder, "valid")
    pow_names = CLASSES["POW"]
    assert len(valid) == 3
    for k, codes in enumerate(expect["POW"]["test_labels"]):
        ex = valid[f"POW_001_20230501_050000_{5 * k:03d}_{5 * k + 5:03d}.ogg"]
        assert ex["labels"].tolist() == sorted(CLASSES["XCM"].index(c) for c in codes)
        assert all(c in pow_names for c in codes)

    md = info.metadata
    assert md["num_skipped"] == 2
    reasons = {r["file"].split("/")[-1]: r["reason"] for r in md["skipped_files"]}
    assert sorted(reasons) == ["XC100005.ogg", "XC100006.ogg"]
    assert "cannot decode" in reasons["XC100005.ogg"] and "empty" in reasons["XC100006.ogg"]
    assert md["train_sampling"] == dict(class_limit=500, event_limit=5, extension_s=8.0, label_source="multilabel",
                                        sampling_seed=0)

    # Reloading from disk keeps the build-time metadata (skips, source).
    import tensorflow_datasets as tfds

    again = tfds.builder("birdset_xcm", data_dir=str(tmp_path))
    assert again.info.metadata["num_skipped"] == 2 and again.info.metadata["source"].startswith("manual_dir")


def test_xcl_builder(birdset_root, tmp_path):
    root, expect = birdset_root
    builder = _build("birdset_xcl", tmp_path, root)
    assert builder.info.features["labels"].feature.num_classes == 9736
    train = _examples(builder, "train")
    for rec, code in expect["XCL"]["codes"].items():
        assert train[rec]["labels"].tolist() == [CLASSES["XCL"].index(code)]
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
    for ex in _examples(builder, "train").values():
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
        assert (repo_id, repo_type, revision) == (birdset.HUB_REPO, "dataset", birdset.HUB_REVISION)
        return listing

    def fake_download(repo_id, filename, repo_type=None, revision=None, local_dir=None, **kw):
        fetched.append(filename)
        Path(local_dir, filename).parent.mkdir(parents=True, exist_ok=True)
        return shutil.copy(root / filename, Path(local_dir, filename))

    monkeypatch.setattr(birdset, "hub_reachable", lambda *a, **k: True)
    monkeypatch.setattr(huggingface_hub.HfApi, "list_repo_files", fake_list)
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    builder = _build("birdset_nbp", tmp_path / "data", tmp_path / "empty_manual")
    assert sorted(fetched) == ["NBP/NBP_metadata_test_5s.parquet", "NBP/NBP_metadata_train.parquet",
                               "NBP/NBP_test5s_shard_0001.tar.gz", "NBP/NBP_train_shard_0001.tar.gz"]
    assert builder.info.metadata["source"].startswith("hub ")
    assert builder.info.splits["train"].num_examples == 2 and builder.info.splits["test"].num_examples == 3


def test_missing_source_stops_with_one_line(tmp_path):
    with pytest.raises(birdset.MissingSourceError) as err:
        _build("birdset_pow", tmp_path / "data", tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "POW/POW_train_shard_*.tar.gz" in msg and "nowhere" in msg


# --- the CLI (all cores) and Beam ------------------------------------------------------


def _tfds_build(args, cwd):
    tfds_bin = Path(sys.executable).parent / "tfds"
    if not tfds_bin.exists():
        pytest.skip("tfds CLI not installed next to the interpreter")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", HF_HUB_OFFLINE="1")
    env.pop("BIRDJEPA_BUILD_WORKERS", None)  # all cores
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run([str(tfds_bin), "build", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_tfds_cli_builds_xcm_on_all_cores_and_matches_in_process(birdset_root, tmp_path):
    root, _ = birdset_root
    proc = _tfds_build(["birdset_xcm", "--imports", "tfds_builders", "--data_dir", str(tmp_path / "cli"),
                        "--manual_dir", str(root)], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    built = tfds.builder("birdset_xcm", data_dir=str(tmp_path / "cli"))
    ref = _build("birdset_xcm", tmp_path / "ref", root)  # in-process, one worker
    assert built.info.metadata["num_skipped"] == 2

    def by_window(builder, split):  # train: several examples (events) per recording
        return {(ex["recording_id"].decode(), ex["windows"].tobytes()): ex
                for ex in tfds.as_numpy(builder.as_dataset(split=split))}

    for split in ("train", "valid"):
        a, b = by_window(ref, split), by_window(built, split)
        assert sorted(a) == sorted(b)
        for rec in a:
            assert a[rec]["audio"].tobytes() == b[rec]["audio"].tobytes()
            np.testing.assert_array_equal(a[rec]["labels"], b[rec]["labels"])


@pytest.mark.slow
def test_tfds_cli_folder_mode_without_files_prints_one_line(tmp_path):
    # `cd tfds_builders && tfds build birdset_xcm` finds the builder folder; with no files
    # anywhere it stops with one line on stderr and no traceback.
    proc = _tfds_build(["birdset_xcm", "--data_dir", str(tmp_path / "none")], cwd=REPO / "tfds_builders")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("birdset_xcm: no BirdSet XCM files") and "downloads/manual" in last


@pytest.mark.slow
def test_beam_direct_runner_multiprocess_matches_local(birdset_root, tmp_path):
    import apache_beam as beam

    root, expect = birdset_root
    opts = beam.options.pipeline_options.PipelineOptions(
        flags=[], direct_running_mode="multi_processing", direct_num_workers=2)
    beamed = _build("birdset_hsn", tmp_path / "beam", root, beam_options=opts)
    local = _build("birdset_hsn", tmp_path / "local", root)
    assert beamed.info.metadata["num_skipped"] == 1
    assert beamed.info.metadata["skipped_files"] == local.info.metadata["skipped_files"]
    assert not (Path(beamed.data_dir) / "_skipped").exists()
    for split in ("train", "test"):
        a, b = _examples(local, split), _examples(beamed, split)
        assert sorted(a) == sorted(b) and len(a) > 0
        for rec in a:
            assert a[rec]["audio"].tobytes() == b[rec]["audio"].tobytes()
            np.testing.assert_array_equal(a[rec]["labels"], b[rec]["labels"])
