"""Checkpoints: atomic, pruned, exact resume after SIGKILL, clear stop on a non-finite loss."""

import csv
import os
import signal
import subprocess
import sys
import time

import keras
import numpy as np
import pytest

from birdjepa_keras.train.callbacks import CheckpointEveryEpoch, NonFiniteLoss, StopOnNonFiniteLoss
from birdjepa_keras.train.checkpoint import CheckpointError, CheckpointManager


def _model(seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, name="a"), keras.layers.Dense(1, name="b")])
    model.compile(optimizer=keras.optimizers.AdamW(1e-2), loss="mse")
    model.optimizer.build(model.trainable_variables)
    return model


def test_save_restore_round_trip_and_keep(tmp_path):
    model = _model()
    x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
    model.fit(x, x[:, :1], epochs=2, verbose=0)
    mgr = CheckpointManager(tmp_path / "ckpt", keep=2)
    for step in (10, 20, 30):
        mgr.save(model, step, {"epoch": step // 10, "data": [1, 2]})
    assert mgr.steps() == [20, 30]
    other = _model(seed=1)
    state = mgr.restore(other, mgr.latest())
    assert state == {"epoch": 3, "data": [1, 2]}
    for a, b in zip(model.variables + model.optimizer.variables, other.variables + other.optimizer.variables):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert int(other.optimizer.iterations.numpy()) == int(model.optimizer.iterations.numpy())


def test_half_written_checkpoint_is_ignored(tmp_path):
    mgr = CheckpointManager(tmp_path, keep=3)
    mgr.save(_model(), 5, {})
    os.makedirs(tmp_path / ".tmp-9-12345")  # a writer killed mid-write
    os.makedirs(tmp_path / "ckpt-000000009")  # no state.json: incomplete
    assert mgr.steps() == [5]
    assert mgr.latest().endswith("ckpt-000000005")


def test_restore_into_a_different_model_is_a_clear_error(tmp_path):
    mgr = CheckpointManager(tmp_path)
    path = mgr.save(_model(), 1, {})
    keras.utils.set_random_seed(0)
    other = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="a")])
    other.compile(optimizer="adam", loss="mse")
    with pytest.raises(CheckpointError, match="variables differ"):
        mgr.restore(other, path)


def test_non_finite_loss_names_step_and_keeps_last_checkpoint(tmp_path):
    model = _model()
    x = np.ones((40, 4), "float32")
    y = np.ones((40, 1), "float32")
    x[29] = np.nan  # batch size 4 -> step 8 (1-based) of the run, in epoch 2 (5 steps each)
    mgr = CheckpointManager(tmp_path, keep=3)
    callbacks = [StopOnNonFiniteLoss(5, mgr), CheckpointEveryEpoch(mgr, 5)]
    with pytest.raises(NonFiniteLoss, match=r"at step 8; last good checkpoint: .*ckpt-000000005"):
        model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=5, shuffle=False, callbacks=callbacks, verbose=0)
    assert mgr.steps() == [5]


def _recipe_args(out_dir, data_dir):
    sets = {
        "data.config": '"tiny"', "data.data_dir": f'"{data_dir}"', "data.batch_size": "4",
        "model.preset": '"vit_tiny"', "objective.pixio.decoder_dim": "32",
        "objective.pixio.decoder_depth": "1", "train.steps": "12", "train.steps_per_epoch": "3",
        "train.keep_checkpoints": "2", "probe.enabled": "false", "run.output_dir": f'"{out_dir}"',
        "logging.verbose": "0",
    }
    args = [sys.executable, "-m", "birdjepa_keras.cli", "recipes/quickstart.toml"]
    for k, v in sets.items():
        args += ["--set", f"{k}={v}"]
    return args


def _steps(path):
    with open(path, newline="") as f:
        return [(int(r["step"]), r["loss"]) for r in csv.DictReader(f)]


@pytest.mark.slow
def test_sigkill_then_rerun_matches_uninterrupted_run(tmp_path):
    data_dir = tmp_path / "tfds"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    full = subprocess.run(_recipe_args(tmp_path / "a", data_dir), env=env, capture_output=True, text=True, timeout=600)
    assert full.returncode == 0, full.stderr[-3000:]
    reference = _steps(tmp_path / "a" / "quickstart" / "train_steps.csv")
    assert [s for s, _ in reference] == list(range(1, 13))

    log = tmp_path / "b" / "quickstart" / "train_steps.csv"
    proc = subprocess.Popen(_recipe_args(tmp_path / "b", data_dir), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and len(_steps(log)) >= 8:  # inside epoch 3, after two checkpoints
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = len(_steps(log))
    assert 8 <= killed_at < 12, killed_at
    rerun = subprocess.run(_recipe_args(tmp_path / "b", data_dir), env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "Resuming from" in rerun.stdout
    # Bit-identical per-step losses (the printed floats) and the same step sequence.
    assert _steps(log) == reference
    assert CheckpointManager(tmp_path / "b" / "quickstart" / "checkpoints").steps() == [9, 12]
