"""`birdjepa-run check-data` on BirdSet fixtures written from upstream's spec (tests/fixtures/birdset_fixtures.py)."""

import shutil

import pytest

from tfds_builders._lib import birdset_check
from tests.fixtures import birdset_fixtures as fx


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    path = tmp_path_factory.mktemp("birdset_src")
    fx.make_birdset(path)
    return path


def _split_block(lines, set_name, split):
    """The lines of one split of one set in the report."""
    start = lines.index(next(line for line in lines if line.startswith(f"{set_name}: "))) + 1
    block, inside = [], False
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        if line.startswith("  ") and not line.startswith("    "):
            inside = line.startswith(f"  {split} ")
        if inside:
            block.append(line.strip())
    assert block, (set_name, split)
    return "\n".join(block)


def test_report_on_a_full_copy(root):
    lines = birdset_check.check(root)
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == list(birdset_check.birdset_files.ALL_SETS)
    hsn = _split_block(lines, "HSN", "test")
    assert "metadata: 6 rows for 6 audio files (`filepath` as the index)" in hsn
    assert "archive members: 7; matched 6 files (6 rows); audio without a row: 1" in hsn
    assert "rows without audio: 0 files" in hsn
    assert "labels: code strings; unknown to HSN: 0; empty ebird_code_multilabel: 1" in hsn
    assert "would be zero-padded to 5 s: 1 of 5 sampled" in hsn  # the 3.2 s tail
    assert "would be skipped (empty or unreadable header): 2 of 7 sampled" in hsn  # random bytes, empty
    assert "estimated build size: 1.9 MB (6 segments x 5 s" in hsn  # 6 x 5 s x 64 kB/s
    pow_full = _split_block(lines, "POW", "test_full")
    assert "4 rows for 1 audio files" in pow_full and "labels: ClassLabel ints" in pow_full
    assert "min 18.20 s" in pow_full
    xcm = _split_block(lines, "XCM", "train")
    assert "`filepath` as the column" in xcm and "audio without a row: 1" in xcm
    assert "rows without audio: 1 files, e.g. XC170002.ogg" in xcm
    # event rows by hand from birdset_fixtures._xcm: XC100001 2 (cluster 0 of [0, 1, 0, -1]), XC100002 8,
    # XC100003 1 (no events), XC100004 1 (its only event is noise), 20 one-event files, XC100010 2 (two rows),
    # XC100011 1, three encoder files without events 3, five unusable files 5, XC170002 1: 44, none cut
    assert "44 of 44 event rows kept (class_limit 500, event_limit 5)" in xcm
    assert "labels: ClassLabel ints" in _split_block(lines, "XCL", "train")
    assert "matched 1 files" in _split_block(lines, "SSW", "test_full")
    assert "rows without audio: 1 files" in _split_block(lines, "SSW", "test_full")


def test_partial_copy_one_shard_and_the_parquets(root, tmp_path):
    (tmp_path / "XCM").mkdir()
    for name in ("XCM_shard_0001.tar.gz", "XCM_metadata.parquet"):
        shutil.copy(root / "XCM" / name, tmp_path / "XCM" / name)
    lines = birdset_check.check(tmp_path, "xcm")
    train = _split_block(lines, "XCM", "train")
    assert "1 shard file(s)" in train and "audio without a row: 0" in train
    assert "rows without audio:" in train  # every shard there was listed
    assert "valid: not present: no POW/POW_test5s_shard_*.tar.gz" in "\n".join(lines)
    # with both shards but a budget that lists only the first, the report says so
    shutil.copy(root / "XCM" / "XCM_shard_0002.tar.gz", tmp_path / "XCM")
    train = _split_block(birdset_check.check(tmp_path, "XCM", scan_mb=1e-6), "XCM", "train")
    assert "(listed 1 of 2 shards)" in train and "rows for files not in the listed shards" in train


def test_pointing_at_the_set_folder_itself(root):
    lines = birdset_check.check(root / "NBP")
    assert lines[0].startswith("NBP: ") and "labels: ClassLabel ints" in _split_block(lines, "NBP", "train")


@pytest.mark.parametrize("args,message", [
    (["--manual_dir", "{tmp}/nowhere"], "no such folder"),
    (["--manual_dir", "{tmp}"], "no BirdSet files"),
    (["--manual_dir", "{root}", "--set", "FOO"], "--set FOO: not a BirdSet set"),
    (["--manual_dir", "{tmp}", "--set", "POW"], "no files of POW (expected POW/POW_train_shard_*.tar.gz"),
])
def test_wrong_folder_is_one_line_and_exit_2(root, tmp_path, capsys, args, message):
    args = [a.format(tmp=tmp_path, root=root) for a in args]
    assert birdset_check.main(args) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("birdjepa-run check-data: error: ") and message in err


def test_cli_subcommand(root, tmp_path, capsys):
    # `birdjepa-run check-data` through the CLI's main(argv), in process (the console entry
    # point itself is started as a subprocess in tests/test_packaging.py).
    from birdjepa_keras.cli import main

    assert main(["check-data", "--manual_dir", str(root), "--set", "POW"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("POW: ") and "no audio decoded" in out
    assert main(["check-data", "--manual_dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("birdjepa-run check-data: error: ") and "no such folder" in err


def _xc_metadata(path, rows):
    """An XCM-style train parquet: upstream's column names and types for what the sampling reads.

    Columns as the hub's `XCM_metadata.parquet` (shared/REFERENCE.md, "How BirdSet is
    published"; `BirdSet.py` v0.0.4 of the HF dataset DBD-research-group/BirdSet):
    `filepath` a column of paths, `length` whole seconds, `detected_events` [[start, end]] s,
    `event_cluster` one id per event (-1 = noise).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "filepath": pa.array([f"/home/birdset/data/XCM/train/{r[0]}" for r in rows], pa.string()),
        "ebird_code": pa.array([r[1] for r in rows], pa.string()),
        "ebird_code_multilabel": pa.array([[r[1]] for r in rows], pa.list_(pa.string())),
        "length": pa.array([r[2] for r in rows], pa.int64()),
        "detected_events": pa.array([[list(e) for e in r[3]] for r in rows], pa.list_(pa.list_(pa.float64()))),
        "event_cluster": pa.array([list(r[4]) for r in rows], pa.list_(pa.int64())),
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def test_train_size_follows_the_event_sampling(tmp_path):
    """The train estimate counts the event rows BirdSet's `_smart_sampling` keeps, each widened to 8 s.

    Upstream (DBD-research-group/BirdSet `birdset/datamodule/base_datamodule.py` `_smart_sampling`,
    `components/event_mapping.py`, `components/event_decoding.py`; shared/REFERENCE.md): rows =
    events of a recording's biggest non-noise cluster ([0, 5] without events); per class over
    class_limit 500 the most event-rich recordings are cut level by level while the class keeps
    >= 500 rows, down to event_limit 5; each kept event is widened to 8 s inside the recording.

    By hand:
      cangoo: 100 recordings x 7 events + 1 x 5 = 705 rows > 500; cutting the 7s to 5 leaves
              505 >= 500, so 101 x 5 = 505 rows, each 8 s inside a 30 s file      -> 4040 s
      wiltur: 7 events in cluster 1 (+2 noise, dropped) -> 7 x 8 s = 56 s; one 12 s event
              (longer than 8 s: kept as is) -> 12 s; 8 rows < 500: no cut        ->   68 s
      yebcuc: a 3 s recording without events: [0, 5] within [0, 3]                ->    3 s
              a 6 s Ogg whose parquet `length` says 30: the header wins; event
              (5.5, 5.9) widened to 8 s and shifted back inside [0, 6]            ->    6 s
      total 4117 s x 32 kHz x 2 bytes = 263,488,000 bytes = 263.5 MB from 515 of 715 rows.
    """
    import io
    import tarfile

    import numpy as np
    import soundfile as sf

    rows = [(f"XC1{i:05d}.ogg", "cangoo", 30, [(2 * k + 1, 2 * k + 1.5) for k in range(7)], [0] * 7)
            for i in range(100)]
    rows.append(("XC200000.ogg", "cangoo", 30, [(2 * k + 1, 2 * k + 1.5) for k in range(5)], [0] * 5))
    rows.append(("XC300000.ogg", "wiltur", 30, [(2 * k + 1, 2 * k + 1.5) for k in range(9)], [1] * 7 + [-1] * 2))
    rows.append(("XC600000.ogg", "wiltur", 30, [(10.0, 22.0)], [0]))
    rows.append(("XC400000.ogg", "yebcuc", 3, [], []))
    rows.append(("XC500000.ogg", "yebcuc", 30, [(5.5, 5.9)], [0]))
    _xc_metadata(tmp_path / "XCM" / "XCM_metadata.parquet", rows)
    buf = io.BytesIO()
    sf.write(buf, 0.1 * np.sin(np.arange(6 * 32000) / 10.0), 32000, format="OGG", subtype="VORBIS")
    with tarfile.open(tmp_path / "XCM" / "XCM_shard_0001.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo("XC500000.ogg")
        info.size = len(buf.getvalue())
        tar.addfile(info, io.BytesIO(buf.getvalue()))

    train = _split_block(birdset_check.check(tmp_path, "XCM"), "XCM", "train")
    assert "estimated build size: 263.5 MB (515 of 715 event rows kept (class_limit 500, event_limit 5)" in train
    assert "1 files from headers, 104 from `length`, 0 unknown" in train
    # without the class limit every event row of the biggest clusters is kept: 200 x 8 s more in cangoo (5717 s)
    lines = birdset_check.check_split(tmp_path, "train", "train", "XCM", "XCM/XCM_shard_*.tar.gz",
                                      "XCM/XCM_metadata.parquet", class_limit=0, event_limit=0)
    assert any("estimated build size: 365.9 MB (715 of 715 event rows kept" in line for line in lines)
