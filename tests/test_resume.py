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

import shutil

from birdjepa_keras.train.callbacks import NonFiniteLoss, StopOnNonFiniteLoss
from birdjepa_keras.train.checkpoint import CheckpointError, CheckpointManager
from tests.helpers import set_args


def _model(seed=0, width=8):
    keras.backend.clear_session()  # as in a rerun's new process: automatic names (seed_generator...) start over
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(width, name="a"), keras.layers.Dropout(0.5, name="drop"),
         keras.layers.Dense(1, name="b")],
        name="net",  # so a second copy has the same variable paths
    )
    model.compile(optimizer=keras.optimizers.AdamW(1e-2), loss="mse")
    model.optimizer.build(model.trainable_variables)
    return model


def _fit(model, mgr, epochs, initial_epoch=0, spe=4, state_fn=lambda done: {"data": [done, 2]}):
    x = np.random.default_rng(0).normal(size=(spe * 4, 4)).astype("float32")
    model.fit(x, x[:, :1], batch_size=4, epochs=epochs, initial_epoch=initial_epoch, steps_per_epoch=spe,
              shuffle=False, callbacks=mgr.callbacks(spe, state_fn), verbose=0)


def test_save_restore_round_trip_and_keep(tmp_path):
    model = _model()
    mgr = CheckpointManager(tmp_path / "ckpt", keep=2)
    _fit(model, mgr, epochs=3)
    assert mgr.steps() == [8, 12]
    assert sorted(os.listdir(tmp_path / "ckpt" / "orbax")) == ["12", "8"]  # Orbax pruned step 4
    other = _model(seed=1)
    assert not np.array_equal(np.asarray(other.variables[0]), np.asarray(model.variables[0]))
    state = mgr.restore(other, mgr.latest())
    assert state == {"epoch": 3, "data": [3, 2]}
    pairs = list(zip(model.variables + model.optimizer.variables, other.variables + other.optimizer.variables))
    assert any("seed_generator" in a.path for a, _ in pairs)  # Dropout's RNG state travels too
    for a, b in pairs:
        assert a.path == b.path
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert int(other.optimizer.iterations.numpy()) == 12


def _copy_as(src, dst, commit):
    shutil.copytree(src, dst)
    if not commit:
        os.remove(os.path.join(dst, "commit_success.txt"))


def test_half_written_checkpoint_is_ignored_and_resume_overwrites_it(tmp_path):
    mgr = CheckpointManager(tmp_path, keep=3)
    _fit(_model(), mgr, epochs=2)
    orbax = tmp_path / "orbax"
    # What a killed save leaves (google/orbax checkpoint/orbax/checkpoint/_src/path/atomicity.py:
    # AtomicRenameTemporaryPath writes into "<step>.orbax-checkpoint-tmp", then commit_success.txt,
    # then renames; older releases add "-<timestamp>"; CommitFileTemporaryPath writes "<step>"
    # directly and commit_success.txt last). Our JSON for step 12 was written, its Orbax step was not.
    _copy_as(orbax / "8", orbax / "12.orbax-checkpoint-tmp", commit=True)  # killed just before the rename
    _copy_as(orbax / "8", orbax / "16.orbax-checkpoint-tmp-1733100000123456", commit=False)
    _copy_as(orbax / "8", orbax / "20", commit=False)  # object-store style, commit file never written
    (tmp_path / "state" / "12.json").write_text('{"step": 12, "state": {"epoch": 3}}')
    _copy_as(orbax / "8", orbax / "24", commit=True)  # Orbax finished, killed before our JSON
    assert mgr.steps() == [4, 8]
    assert mgr.latest().endswith(os.path.join("orbax", "8"))

    model = _model(seed=1)
    state = mgr.restore(model, mgr.latest())
    assert state["epoch"] == 2
    mgr.discard_after(8)
    assert sorted(os.listdir(orbax)) == ["4", "8"]
    _fit(model, mgr, epochs=3, initial_epoch=2)  # saves step 12 again: Orbax would refuse an existing step
    assert mgr.steps() == [4, 8, 12]
    assert mgr.read_state(mgr.latest()) == {"epoch": 3, "data": [3, 2]}


def test_restore_into_a_different_model_is_a_clear_error(tmp_path):
    mgr = CheckpointManager(tmp_path)
    _fit(_model(), mgr, epochs=1)
    with pytest.raises(CheckpointError, match="variables differ"):
        mgr.restore(_model(width=3), mgr.latest())


def test_non_finite_loss_names_step_and_keeps_last_checkpoint(tmp_path):
    model = _model()
    x = np.ones((40, 4), "float32")
    y = np.ones((40, 1), "float32")
    x[29] = np.nan  # batch size 4 -> step 8 (1-based) of the run, in epoch 2 (5 steps each)
    mgr = CheckpointManager(tmp_path, keep=3)
    callbacks = [StopOnNonFiniteLoss(5, mgr), *mgr.callbacks(5)]
    with pytest.raises(NonFiniteLoss, match=r"at step 8; last good checkpoint: .*orbax/5"):
        model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=5, shuffle=False, callbacks=callbacks, verbose=0)
    assert mgr.steps() == [5]


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _recipe_args(out_dir, data_dir):
    sets = {
        "data.config": '"tiny"', "data.data_dir": f'"{data_dir}"', "data.batch_size": "4",
        "model.preset": '"vit_tiny"', "objective.pixio.decoder_dim": "32",
        "objective.pixio.decoder_depth": "1", "train.steps": "12", "train.steps_per_epoch": "3",
        "train.keep_checkpoints": "2", "probe.enabled": "false", "run.output_dir": f'"{out_dir}"',
        "logging.verbose": "0",
    }
    return [os.path.join(REPO, "recipes", "quickstart.toml"), *set_args(sets)]


def _cli_in_process(args):
    """The CLI in this process, as a fresh process would start it (Keras's automatic names start over)."""
    from birdjepa_keras import cli

    keras.backend.clear_session()
    return cli.main(args)


def _steps(path):
    with open(path, newline="") as f:
        return [(int(r["step"]), r["loss"]) for r in csv.DictReader(f)]


@pytest.mark.slow
def test_sigkill_then_rerun_matches_uninterrupted_run(tmp_path, capsys):
    # Only the killed run needs its own process (SIGKILL); the uninterrupted reference and the
    # rerun go through the same CLI in this process, which saves two processes' imports.
    data_dir = tmp_path / "tfds"
    assert _cli_in_process(_recipe_args(tmp_path / "a", data_dir)) == 0, capsys.readouterr().err[-3000:]
    reference = _steps(tmp_path / "a" / "quickstart" / "train_steps.csv")
    assert [s for s, _ in reference] == list(range(1, 13))

    log = tmp_path / "b" / "quickstart" / "train_steps.csv"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": os.pathsep.join([REPO, os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "birdjepa_keras.cli", *_recipe_args(tmp_path / "b", data_dir)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and len(_steps(log)) >= 8:  # inside epoch 3, after two checkpoints
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = len(_steps(log))
    assert 8 <= killed_at < 12, killed_at
    capsys.readouterr()
    assert _cli_in_process(_recipe_args(tmp_path / "b", data_dir)) == 0, capsys.readouterr().err[-3000:]
    assert "Resuming from" in capsys.readouterr().out
    # Bit-identical per-step losses (the printed floats) and the same step sequence.
    assert _steps(log) == reference
    assert CheckpointManager(tmp_path / "b" / "quickstart" / "checkpoints").steps() == [9, 12]
