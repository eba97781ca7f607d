"""BirdSet label lists, metadata forms, label cells, decoding and 5 s window rules (no TensorFlow).

On fixtures written from upstream's specification (tests/fixtures/birdset_fixtures.py) and on
real-encoder files under tests/fixtures/audio/: unusable files are judged by the decoder and
exact headers; full soundscapes are scored in 5 s windows labelled by overlap.
"""

import io

import numpy as np
import pytest

from birdjepa_keras.data import audio
from tfds_builders._lib import birdset, birdset_files
from tfds_builders._lib.birdset_classes import CLASSES
from tests.birdset_builds import REPO, SR, UPSTREAM_CLASSES
from tests.fixtures import birdset_fixtures as fx

AUDIO = REPO / "tests" / "fixtures" / "audio"


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

