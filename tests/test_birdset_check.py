"""`birdjepa-run check-data` on BirdSet fixtures written from upstream's spec (tests/fixtures/birdset_fixtures.py)."""

import shutil
import subprocess
import sys

import pytest

from birdjepa_keras.data import birdset_check
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
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == list(birdset_check.birdset.ALL_SETS)
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


def test_cli_subcommand(root, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "birdjepa_keras.cli", "check-data", "--manual_dir", str(root),
                         "--set", "POW"], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert ok.stdout.startswith("POW: ") and "no audio decoded" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "birdjepa_keras.cli", "check-data", "--manual_dir",
                          str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
