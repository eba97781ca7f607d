"""Synthetic bird-song generator and its TFDS builder (tiny config, Python API and CLI)."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from birdjepa_keras.data import synthetic

REPO = Path(__file__).resolve().parents[1]
SR = synthetic.SAMPLE_RATE


# --- (a) the NumPy generator --------------------------------------------------------


def test_generator_is_deterministic():
    a, b = synthetic.BirdsongSynth(seed=0, num_species=8), synthetic.BirdsongSynth(seed=0, num_species=8)
    assert a.species_names == b.species_names
    for i in (0, 5):
        wa, la = a.focal(i)
        wb, lb = b.focal(i)
        np.testing.assert_array_equal(wa, wb)
        np.testing.assert_array_equal(la, lb)
        sa, sla = a.soundscape("test", i)
        sb, slb = b.soundscape("test", i)
        np.testing.assert_array_equal(sa, sb)
        np.testing.assert_array_equal(sla, slb)
    # Different index / split / seed give different audio.
    assert not np.array_equal(a.soundscape("test", 1)[0], a.soundscape("test", 2)[0])
    assert not np.array_equal(a.soundscape("test", 1)[0], a.soundscape("valid", 1)[0])
    w0, w1 = a.focal(1)[0], a.focal(9)[0]  # same species, different recording
    assert w0.shape != w1.shape or not np.array_equal(w0, w1)
    c = synthetic.BirdsongSynth(seed=1, num_species=8)
    assert c.species != a.species
    # Templates of the first species do not depend on how many species there are.
    assert synthetic.BirdsongSynth(seed=0, num_species=24).species[:8] == a.species


def test_focal_recordings_have_stated_properties():
    synth = synthetic.BirdsongSynth(seed=0, num_species=8)
    for i in range(12):
        wave_s, labels_c = synth.focal(i)
        assert wave_s.dtype == np.float32 and wave_s.ndim == 1
        assert 5 * SR <= len(wave_s) <= 15 * SR and len(wave_s) % (SR // 4) == 0
        assert labels_c.dtype == np.int64 and labels_c.tolist() == [i % 8]
        assert np.all(np.isfinite(wave_s)) and np.abs(wave_s).max() <= 1.0
        assert np.abs(wave_s).max() > 0.1
    short, _ = synth.focal(0, min_s=5.0, max_s=6.0)
    assert 5 * SR <= len(short) <= 6 * SR


def test_soundscapes_have_stated_properties():
    synth = synthetic.BirdsongSynth(seed=0, num_species=8)
    counts = []
    for i in range(30):
        wave_s, labels_c = synth.soundscape("valid", i)
        assert wave_s.dtype == np.float32 and wave_s.shape == (5 * SR,)
        assert np.all(np.isfinite(wave_s)) and np.abs(wave_s).max() <= 1.0
        assert labels_c.dtype == np.int64 and len(labels_c) <= 3
        assert np.all(np.diff(labels_c) > 0) and np.all((labels_c >= 0) & (labels_c < 8))
        counts.append(len(labels_c))
    assert 0 in counts and max(counts) >= 2  # some empty segments, some mixtures


def test_species_share_bands_but_differ_in_structure():
    synth = synthetic.BirdsongSynth(seed=0, num_species=8)
    names = synth.species_names
    assert len(set(names)) == 8 and all(n.startswith(f"sp{i:02d}_") for i, n in enumerate(names))
    group = synth.species[: synthetic.GROUP_SIZE]
    assert len({sp.syllables[0].kind for sp in group}) == synthetic.GROUP_SIZE
    lo, hi = synthetic.group_band(0, 0)
    for sp in group:
        for syl in sp.syllables:
            assert lo - 1 <= syl.f_lo < syl.f_hi <= hi + 1


# --- (b) the TFDS builder from Python -------------------------------------------------


def _load_all(data_dir):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401  (registers synthetic_birdsong)

    builder = tfds.builder("synthetic_birdsong/tiny", data_dir=str(data_dir))
    builder.download_and_prepare()
    splits = {
        split: list(tfds.as_numpy(builder.as_dataset(split=split)))
        for split in ("train", "valid", "test")
    }
    return builder, splits


def test_tiny_builder(tmp_path):
    builder, splits = _load_all(tmp_path / "a")
    info = builder.info
    assert info.name == "synthetic_birdsong" and builder.builder_config.name == "tiny"
    names = info.features["labels"].feature.names
    assert names == synthetic.BirdsongSynth(0, 8).species_names
    assert info.metadata["sample_rate"] == SR and info.metadata["seed"] == 0
    assert {k: len(v) for k, v in splits.items()} == {"train": 24, "valid": 12, "test": 16}
    assert {k: v.num_examples for k, v in info.splits.items()} == {"train": 24, "valid": 12, "test": 16}
    total_samples = 0
    for split, examples in splits.items():
        for ex in examples:
            audio, labels = ex["audio"], ex["labels"]
            assert audio.dtype == np.int16 and audio.ndim == 1
            assert np.all((labels >= 0) & (labels < len(names)))
            assert ex["recording_id"].decode().startswith(f"syn0-{split}-")
            if split == "train":
                assert len(labels) == 1 and 5 * SR <= len(audio) <= 8 * SR
            else:
                assert len(labels) <= 3 and np.all(np.diff(labels) > 0) and len(audio) == 5 * SR
            total_samples += len(audio)
    # Raw-bytes encoding: ~2 bytes per sample on disk (int64 lists would be far larger).
    on_disk = sum(f.stat().st_size for f in Path(builder.data_dir).glob("*.tfrecord*"))
    assert 2 * total_samples <= on_disk < 2.02 * total_samples

    # The same default-config class is the registered default.
    import tensorflow_datasets as tfds

    assert tfds.builder("synthetic_birdsong", data_dir=str(tmp_path / "a")).builder_config.name == "default"

    # A second build is identical in audio and labels.
    _, again = _load_all(tmp_path / "b")
    for split in splits:
        first = {ex["recording_id"]: ex for ex in splits[split]}
        for ex in again[split]:
            ref = first[ex["recording_id"]]
            assert ref["audio"].tobytes() == ex["audio"].tobytes()
            np.testing.assert_array_equal(ref["labels"], ex["labels"])


# --- (c) the documented `tfds build` command lines -----------------------------------


def _tfds_cli(args, cwd):
    tfds_bin = Path(sys.executable).parent / "tfds"
    if not tfds_bin.exists():
        pytest.skip("tfds CLI not installed next to the interpreter")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # Make `tfds_builders` importable even from a stale editable install.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    proc = subprocess.run([str(tfds_bin), "build", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.parametrize("mode", ["imports", "folder"])
def test_tfds_build_cli(tmp_path, mode):
    data_dir = tmp_path / "data"
    args = ["synthetic_birdsong", "--config", "tiny", "--data_dir", str(data_dir)]
    if mode == "imports":  # from anywhere, builder registered by importing tfds_builders
        _tfds_cli(args + ["--imports", "tfds_builders"], cwd=tmp_path)
    else:  # from inside tfds_builders/, builder found by its folder name
        _tfds_cli(args, cwd=REPO / "tfds_builders")
    out = data_dir / "synthetic_birdsong" / "tiny" / "1.0.0"
    assert (out / "dataset_info.json").exists()
    for split in ("train", "valid", "test"):
        assert list(out.glob(f"synthetic_birdsong-{split}.tfrecord-*"))
