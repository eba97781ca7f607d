"""The real-scale LeJEPA and supervised recipes run a few steps on the tiny synthetic set via the CLI."""

import csv
import subprocess
import sys

import numpy as np
import pytest

# Shrinks a real-scale recipe to seconds on CPU; everything else stays as shipped.
TINY = {
    "data.dataset": '"synthetic_birdsong"',
    "data.config": '"tiny"',
    "data.build_if_missing": "true",
    "data.batch_size": "8",
    "data.test_split": '"test"',
    "model.preset": '"vit_tiny"',
    "model.n_cls": "2",
    "model.n_registers": "1",
    "schedule.warmup_steps": "1",
    "train.steps": "4",
    "train.steps_per_epoch": "2",
    "probe.enabled": "false",
    "objective.online_probe.eval_max_batches": "2",
    "logging.verbose": "2",
}
RECIPE_TINY = {
    "lejepa_vits": {
        "objective.lejepa.n_local": "1",
        "objective.lejepa.proj_hidden": "[64]",
        "objective.lejepa.proj_dim": "16",
        "objective.lejepa.n_directions": "32",
    },
    "supervised_vits": {},
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("tfds")  # built by the first run, reused by the second


@pytest.mark.slow
@pytest.mark.parametrize("recipe", sorted(RECIPE_TINY))
def test_recipe_runs_a_few_steps(recipe, data_dir, tmp_path):
    overrides = {**TINY, **RECIPE_TINY[recipe], "data.data_dir": f'"{data_dir}"', "run.output_dir": f'"{tmp_path}"'}
    cmd = [sys.executable, "-m", "birdjepa_keras.cli", f"recipes/{recipe}.toml"]
    for k, v in overrides.items():
        cmd += ["--set", f"{k}={v}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (run,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (run / "encoder.keras").exists()
    with open(run / "online_probe.csv") as f:
        rows = list(csv.DictReader(f))
    assert [int(float(r["epoch"])) for r in rows] == [1, 2]
    for r in rows:
        assert 0.0 <= float(r["val_probe_cmap"]) <= 1.0
        assert np.isfinite(float(r["probe_loss"]))
