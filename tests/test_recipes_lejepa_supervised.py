"""The real-scale LeJEPA and supervised recipes run a few steps on the tiny synthetic set via the CLI.

The CLI runs in this process (`cli.main(argv)`): a subprocess per recipe only added ~10-15 s of imports.
"""

import csv
import os

import numpy as np
import pytest
from tests.helpers import set_args

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

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
        "train.precision": '"mixed_bfloat16"',  # the accelerator setting, through the whole CLI run
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
def test_recipe_runs_a_few_steps(recipe, data_dir, tmp_path, capsys):
    import keras

    from birdjepa_keras import cli

    policy = keras.config.dtype_policy().name
    overrides = {**TINY, **RECIPE_TINY[recipe], "data.data_dir": f'"{data_dir}"', "run.output_dir": f'"{tmp_path}"'}
    argv = [os.path.join(REPO, "recipes", f"{recipe}.toml"), *set_args(overrides)]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 0, out[-3000:] + err[-3000:]
    # The run's policy (bf16 for LeJEPA here) stays inside the run: later models in this process are unchanged.
    assert keras.config.dtype_policy().name == policy
    (run,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (run / "encoder.keras").exists()
    with open(run / "online_probe.csv") as f:
        rows = list(csv.DictReader(f))
    assert [int(float(r["epoch"])) for r in rows] == [1, 2]
    for r in rows:
        assert 0.0 <= float(r["val_probe_cmap"]) <= 1.0
        assert np.isfinite(float(r["probe_loss"]))
