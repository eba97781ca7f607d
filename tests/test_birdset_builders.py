"""BirdSet builders on fixtures written from upstream's specification (tests/fixtures/birdset_fixtures.py).

Covers: parquet index/column forms, one example per metadata row, padded 5 s
segments, unusable files judged by the decoder (real-encoder files under
tests/fixtures/audio/), audio without rows and rows without audio, full
soundscapes (`test_full`) and their 5 s scoring windows, the TFDS CLI and Beam.
Fixtures are written once per module into a tmp dir; in-process builds use
one worker and each builder is built once per module.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from birdjepa_keras.data import audio
from tfds_builders._lib import birdset, birdset_files, birdset_shards, sources
from tfds_builders._lib.birdset_classes import CLASSES
from tests.fixtures import birdset_fixtures as fx

REPO = Path(__file__).resolve().parents[1]
AUDIO = REPO / "tests" / "fixtures" / "audio"
SR = 32000
UPSTREAM_CLASSES = {"POW": 48, "PER": 132, "NES": 89, "UHH": 27, "HSN": 21, "NBP": 51, "SSW": 81, "SNE": 56,
                    "XCM": 411, "XCL": 9736}


@pytest.fixture(scope="module")
def birdset_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("birdset_src")
    return root, fx.make_birdset(root)


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
                cache[name] = _build(name, tmp_path_factory.mktemp(name), root)
        return cache[name]

    return get


def _examples(builder, split):
    """{(file, parquet row; None for test_full): example}."""
    import tensorflow_datasets as tfds

    out = {}
    for ex in tfds.as_numpy(builder.as_dataset(split=split)):
        row = int(ex["row"])
        out[(ex["recording_id"].decode(), None if row < 0 else row)] = ex
    return out


def _all_examples(builder, split):
    import tensorflow_datasets as tfds

    return list(tfds.as_numpy(builder.as_dataset(split=split)))


def _codes(ex, set_name):
    return sorted(CLASSES[set_name][i] for i in ex["labels"])


# --- label lists, metadata forms, label cells (no TensorFlow) ---------------------------


def test_class_lists_match_upstream_files_and_nest():
    for s, n in UPSTREAM_CLASSES.items():
        assert list(CLASSES[s]) == fx.upstream_codes(s) and len(CLASSES[s]) == n
    xcm, xcl = set(CLASSES["XCM"]), set(CLASSES["XCL"])
    union = set()
    for s in birdset_files.TEST_SETS:
        assert len(set(CLASSES[s])) == len(CLASSES[s]) and set(CLASSES[s]) <= xcm
        union |= set(CLASSES[s])
    assert union == xcm and xcm <= xcl


def test_metadata_index_form_and_column_form(birdset_root, tmp_path):
    root, _ = birdset_root
    # published test parquets: `filepath` is the index (basenames), no column
    meta = birdset.Metadata(root / "POW" / "POW_metadata_test.parquet")
    rows = meta.rows("POW_001_20230501_050000.ogg")
    assert [r[birdset.ROW] for r in rows] == [0, 1, 2, 3] and len(meta) == 4
    assert rows[0]["filepath"] == "POW_001_20230501_050000.ogg"
    assert birdset.label_codes(rows[1]["ebird_code"], "POW") == [fx.upstream_codes("POW")[1]]
    # train parquets: a column of paths, matched by basename; two rows of one file
    meta = birdset.Metadata(root / "XCM" / "XCM_metadata.parquet")
    two = meta.rows("XC100010.ogg")
    assert len(two) == 2 and two[0]["filepath"].startswith("/home/")
    assert two[1][birdset.ROW] == two[0][birdset.ROW] + 1
    assert "XC170002.ogg" in meta.names() and meta.rows("nope.ogg") == []
    import pandas as pd

    pd.DataFrame({"path": ["a.ogg"]}).to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(ValueError, match="no `filepath` index or column"):
        birdset.Metadata(tmp_path / "bad.parquet")


def test_label_cells_accept_codes_and_classlabel_indices():
    import pandas as pd

    hsn = CLASSES["HSN"]
    assert birdset.label_codes("gcrfin", "HSN") == ["gcrfin"]
    assert birdset.label_codes(np.array(["amepip", "sposan"], dtype=object), "HSN") == ["amepip", "sposan"]
    assert birdset.label_codes(np.array([0, 2]), "HSN") == [hsn[0], hsn[2]]
    assert birdset.label_codes(None, "HSN") == [] and birdset.label_codes(float("nan"), "HSN") == []
    assert birdset.label_codes(pd.NA, "HSN") == [] and birdset.label_codes(np.array([], object), "HSN") == []
    assert birdset.label_codes(3.0, "HSN") == [hsn[3]]  # an int ClassLabel column with gaps reads as float
    assert birdset.label_codes(-1, "HSN") == []  # "no label"
    # POW codes become XCM indices by string, not by index
    pow_codes = birdset.label_codes([3, 5], "POW")
    assert birdset.label_indices(pow_codes, "XCM") == sorted(CLASSES["XCM"].index(c) for c in pow_codes)


# --- decoding: the decoder and exact headers decide -------------------------------------


def _encode(wave, sr, fmt, subtype):
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, wave, sr, format=fmt, subtype=subtype)
    return buf.getvalue()


_SUBTYPE = {"ogg": ("OGG", "VORBIS"), "flac": ("FLAC", "PCM_16"), "mp3": ("MP3", "MPEG_LAYER_III"),
            "wav": ("WAV", "PCM_16")}


def _tone(sr, seconds, hz=1000.0):
    t = np.arange(int(round(sr * seconds))) / sr
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


@pytest.mark.parametrize("fmt,sr", [("ogg", 32000), ("flac", 44100), ("mp3", 48000), ("wav", 22050), ("wav", 250000)])
def test_decode_codecs_and_rates_to_32k(fmt, sr):
    wave = _tone(sr, 2.0)
    out = audio.read_audio(_encode(wave, sr, *_SUBTYPE[fmt]), SR, name=f"x.{fmt}")
    assert out.dtype == np.float32 and abs(len(out) - 2 * SR) <= 0.06 * SR  # MP3 adds codec delay
    both = audio.read_audio(_encode(np.stack([wave, wave], axis=1), sr, *_SUBTYPE[fmt]), SR)
    assert both.ndim == 1 and abs(len(both) - len(out)) <= 2
    pcm = audio.to_int16(out)
    assert pcm.dtype == np.int16 and np.abs(pcm).max() > 1000


# (file, seconds that decode or the error, planted Hz); facts in tests/fixtures/audio/README.md
ENCODER_FILES = [
    ("lame_vbr_notag.mp3", 3.55, 600),  # header estimate 10.95 s: an estimate, not a truncation
    ("ffmpeg_vbr_xing_cut.mp3", 2.34, 1100),  # Xing says 4 s: kept, as much as decodes
    ("oggenc_q0.ogg", 3.0, 1600),
    ("lame_cbr_48k_stereo.mp3", 2.0, 3100),
    ("flac_cut.flac", r"truncated \(decoder failed after .* of 1.50 s", None),  # STREAMINFO is exact
    ("ffmpeg_wav_cut.wav", r"truncated \(0.50 s of 1.00 s decoded\)", None),  # the data chunk is exact
    ("oggenc_cut.ogg", "no audio samples", None),
]


@pytest.mark.parametrize("name,want,hz", ENCODER_FILES)
def test_encoder_made_files_are_judged_by_the_decoder(name, want, hz):
    data = (AUDIO / name).read_bytes()
    if isinstance(want, str):
        with pytest.raises(audio.AudioFileError, match=want) as err:
            audio.read_audio(data, SR, name=name)
        assert "\n" not in str(err.value) and str(err.value).startswith(f"{name}: ")
        return
    wave = audio.read_audio(data, SR, name=name)
    assert abs(len(wave) / SR - want) < 0.02
    spectrum = np.abs(np.fft.rfft(wave))
    assert abs(np.argmax(spectrum) * SR / len(wave) - hz) < 20  # the planted tone survives decode + resample


def test_embed_read_audio_accepts_an_mp3_whose_header_overstates_its_length():
    from birdjepa_keras.embed import read_audio

    assert abs(len(read_audio(str(AUDIO / "lame_vbr_notag.mp3"), SR)) / SR - 3.55) < 0.02


@pytest.mark.parametrize("fmt", ["wav", "flac", "mp3", "ogg"])
def test_broken_audio_is_reported_in_one_line(fmt):
    rng = np.random.default_rng(1)
    data = _encode(_tone(32000, 10.0), 32000, *_SUBTYPE[fmt])
    bad = [(b"", "empty"), (bytes(rng.integers(0, 256, 3000, dtype=np.uint8)), "cannot decode")]
    if fmt in ("wav", "flac"):  # exact headers: a cut file is truncated
        bad.append((data[: int(len(data) * 0.4)], "truncated"))
    for blob, what in bad:
        with pytest.raises(audio.AudioFileError, match=what) as err:
            audio.read_audio(blob, SR, name=f"b.{fmt}")
        assert "\n" not in str(err.value) and str(err.value).startswith(f"b.{fmt}: ")
    if fmt == "mp3":  # no exact header: a cut MP3 is what decodes, about 40 % of it
        assert 3.5 < len(audio.read_audio(data[: int(len(data) * 0.4)], SR)) / SR < 4.5


def test_exact_header_parsers():
    wav = _encode(_tone(8000, 1.0), 8000, "WAV", "PCM_16")
    flac = _encode(_tone(44100, 1.5), 44100, "FLAC", "PCM_16")
    assert audio.exact_frames(wav) == 8000 and audio.exact_frames(flac) == 66150
    assert audio.exact_frames((AUDIO / "oggenc_q0.ogg").read_bytes()) is None
    assert audio.exact_frames((AUDIO / "lame_vbr_notag.mp3").read_bytes()) is None


# --- full soundscapes: 5 s windows and their labels --------------------------------------


def test_window_starts_cover_the_recording():
    np.testing.assert_allclose(birdset.window_starts(18.2), [0, 5, 10, 15])  # the 3.2 s tail is kept
    np.testing.assert_allclose(birdset.window_starts(15.0), [0, 5, 10])
    np.testing.assert_allclose(birdset.window_starts(3.0), [0])
    np.testing.assert_allclose(birdset.window_starts(10.0, 5.0, 2.5), [0, 2.5, 5])


def test_soundscape_windows_overlap_rule():
    spans = [[1, 2], [4, 6.5], [8, 10], [17, 19.5], [14.9, 15.0]]
    starts, labels = birdset.soundscape_windows(18.2, spans, [0, 1, 2, 0, 3], 4)
    np.testing.assert_allclose(starts, [0, 5, 10, 15])
    # [8, 10] ends where window 2 starts: not in it; [14.9, 15] only in window 2; [17, 19.5] past the end
    np.testing.assert_array_equal(labels, [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]])
    clips = birdset.soundscape_clips(np.arange(10, dtype=np.float32), [0, 4, 8], window_s=4, sample_rate=1)
    np.testing.assert_array_equal(clips, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, 0]])


# --- builders ------------------------------------------------------------------------


def _check_split(builder, set_name, split, want):
    """Examples, labels and the per-split report of one built split against the fixture's account."""
    got = _examples(builder, split)  # train: one of the row's event examples
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
    test = _examples(built("birdset_hsn"), "test")
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
        assert (repo_id, repo_type, revision) == (birdset_files.HUB_REPO, "dataset", birdset_files.HUB_REVISION)
        return listing

    def fake_download(repo_id, filename, repo_type=None, revision=None, local_dir=None, **kw):
        fetched.append(filename)
        Path(local_dir, filename).parent.mkdir(parents=True, exist_ok=True)
        return shutil.copy(root / filename, Path(local_dir, filename))

    monkeypatch.setattr(birdset_files, "hub_reachable", lambda *a, **k: True)
    monkeypatch.setattr(huggingface_hub.HfApi, "list_repo_files", fake_list)
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    builder = _build("birdset_nbp", tmp_path / "data", tmp_path / "empty_manual")
    assert sorted(fetched) == ["NBP/NBP_metadata_test.parquet", "NBP/NBP_metadata_test_5s.parquet",
                               "NBP/NBP_metadata_train.parquet", "NBP/NBP_test5s_shard_0001.tar.gz",
                               "NBP/NBP_test_shard_0001.tar.gz", "NBP/NBP_train_shard_0001.tar.gz"]
    assert builder.info.metadata["source"].startswith("hub ")
    splits = builder.info.splits
    assert (splits["train"].num_examples, splits["test"].num_examples, splits["test_full"].num_examples) == (2, 4, 1)


def test_missing_source_stops_with_one_line(tmp_path):
    with pytest.raises(sources.MissingSourceError) as err:
        _build("birdset_pow", tmp_path / "data", tmp_path / "nowhere")
    msg = str(err.value)
    assert "\n" not in msg and "POW/POW_train_shard_*.tar.gz" in msg and "nowhere" in msg


def test_optional_splits_are_left_out_with_a_note(birdset_root, tmp_path):
    import shutil

    root, _ = birdset_root
    part = tmp_path / "part"
    shutil.copytree(root / "SNE", part / "SNE", ignore=shutil.ignore_patterns("*_test_shard_*"))
    files, notes = birdset_files.find_files(part, "SNE")
    assert set(files) == {"train", "test"} and len(notes) == 1 and "`test_full`" in notes[0]


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
    assert built.info.metadata["num_skipped"] == 5
    assert built.info.metadata["split_report"] == ref.info.metadata["split_report"]

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
    assert beamed.info.metadata["num_skipped"] == 2
    assert beamed.info.metadata["skipped_files"] == local.info.metadata["skipped_files"]
    assert not (Path(beamed.data_dir) / "_skipped").exists() and not (Path(beamed.data_dir) / "_notes").exists()
    assert beamed.info.metadata["split_report"] == local.info.metadata["split_report"]
    for split in ("train", "test", "test_full"):
        a, b = _examples(local, split), _examples(beamed, split)
        assert sorted(a) == sorted(b) and len(a) > 0
        for rec in a:
            assert a[rec]["audio"].tobytes() == b[rec]["audio"].tobytes()
            np.testing.assert_array_equal(a[rec]["labels"], b[rec]["labels"])
