"""The `tfds build` CLI (all cores) and Beam's multi-process runner on the BirdSet fixture.

Both must give what the in-process, one-worker build gives (tests/fixtures/birdset_fixtures.py
writes the source copy; tests/birdset_builds.py builds in process).
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.birdset_builds import REPO, build, examples


pytestmark = pytest.mark.usefixtures("offline_one_worker")  # tests/birdset_builds.py


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
    ref = build("birdset_xcm", tmp_path / "ref", root)  # in-process, one worker
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
    beamed = build("birdset_hsn", tmp_path / "beam", root, beam_options=opts)
    local = build("birdset_hsn", tmp_path / "local", root)
    assert beamed.info.metadata["num_skipped"] == 2
    assert beamed.info.metadata["skipped_files"] == local.info.metadata["skipped_files"]
    assert not (Path(beamed.data_dir) / "_skipped").exists() and not (Path(beamed.data_dir) / "_notes").exists()
    assert beamed.info.metadata["split_report"] == local.info.metadata["split_report"]
    for split in ("train", "test", "test_full"):
        a, b = examples(local, split), examples(beamed, split)
        assert sorted(a) == sorted(b) and len(a) > 0
        for rec in a:
            assert a[rec]["audio"].tobytes() == b[rec]["audio"].tobytes()
            np.testing.assert_array_equal(a[rec]["labels"], b[rec]["labels"])
