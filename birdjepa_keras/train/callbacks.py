"""Training callbacks: checkpoints, non-finite-loss guard, per-step CSV log, wandb."""

import csv
import math
import os

import keras
import numpy as np


class NonFiniteLoss(RuntimeError):
    """The loss became NaN/inf; the message names the step and the last good checkpoint."""


def current_lr(optimizer):
    """The learning rate the optimizer uses at its current step, as a float (nan if unknown)."""
    try:
        return float(np.asarray(keras.ops.convert_to_numpy(optimizer.learning_rate)))
    except Exception:
        return float("nan")


class StepCounter(keras.callbacks.Callback):
    """Knows the global step: epochs are fixed-size chunks of `steps_per_epoch`."""

    def __init__(self, steps_per_epoch):
        super().__init__()
        self.steps_per_epoch = steps_per_epoch
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def step(self, batch):
        return self.epoch * self.steps_per_epoch + batch + 1


class CheckpointEveryEpoch(StepCounter):
    """Save a checkpoint at the end of every epoch whose loss is finite.

    `state_fn(epoch_done)` returns extra JSON state (e.g. the data position).
    """

    def __init__(self, manager, steps_per_epoch, state_fn=lambda epoch: {}):
        super().__init__(steps_per_epoch)
        self.manager = manager
        self.state_fn = state_fn

    def on_epoch_end(self, epoch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            return
        done = epoch + 1
        self.manager.save(self.model, done * self.steps_per_epoch, {"epoch": done, **self.state_fn(done)})


class StopOnNonFiniteLoss(StepCounter):
    """Stop at the first step whose loss is NaN/inf, raising `NonFiniteLoss`."""

    def __init__(self, steps_per_epoch, manager=None):
        super().__init__(steps_per_epoch)
        self.manager = manager

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            self.model.stop_training = True
            last = self.manager.latest() if self.manager else None
            raise NonFiniteLoss(
                f"non-finite loss ({float(loss)}) at step {self.step(batch)}; "
                + (f"last good checkpoint: {last}" if last else "no checkpoint was written yet")
            )


class StepLog(StepCounter):
    """Append one CSV row per training step: step, epoch, the step's lr and Keras's logs.

    Keras's `loss` is the running mean over the current epoch. On resume the
    rows after `resume_step` (written after the last checkpoint) are dropped.
    """

    def __init__(self, path, steps_per_epoch, resume_step=0):
        super().__init__(steps_per_epoch)
        self.path = path
        self._file = None
        self._writer = None
        self._keys = None
        if os.path.exists(path):
            with open(path, newline="") as f:
                rows = [r for r in csv.DictReader(f) if int(r["step"]) <= resume_step]
            if rows:
                self._keys = list(rows[0])
                self._rewrite(rows)
            else:
                os.remove(path)

    def _rewrite(self, rows):
        tmp = self.path + ".tmp"
        with open(tmp, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=self._keys)
            w.writeheader()
            w.writerows(rows)
        os.replace(tmp, self.path)

    def on_train_batch_begin(self, batch, logs=None):
        # Read before the step: once it ran, the optimizer's counter points at the next step.
        self._lr = current_lr(self.model.optimizer)

    def on_train_batch_end(self, batch, logs=None):
        row = {"step": self.step(batch), "epoch": self.epoch + 1, "lr": self._lr}
        row.update({k: float(v) for k, v in (logs or {}).items()})
        if self._writer is None:
            new = not os.path.exists(self.path)
            self._keys = self._keys or list(row)
            self._file = open(self.path, "a", newline="")
            self._writer = csv.DictWriter(self._file, fieldnames=self._keys, extrasaction="ignore")
            if new:
                self._writer.writeheader()
        self._writer.writerow(row)
        self._file.flush()

    def on_train_end(self, logs=None):
        if self._file:
            self._file.close()
            self._file, self._writer = None, None


class WandbLogger(StepCounter):
    """Log step metrics and the learning rate to Weights & Biases.

    Ours because the stock `WandbMetricsLogger` reads the learning rate in a way
    that breaks on JAX with schedules. Works with WANDB_MODE=offline.
    """

    def __init__(self, steps_per_epoch, project, name, tags=(), config=None, directory=None, every=10):
        super().__init__(steps_per_epoch)
        import wandb

        self._wandb = wandb
        self.every = every
        self.run = wandb.init(
            project=project, name=name, tags=list(tags), config=config, dir=directory, resume="allow", id=name
        )

    def on_train_batch_begin(self, batch, logs=None):
        if self.step(batch) % self.every == 0:
            self._lr = current_lr(self.model.optimizer)  # this step's rate, read before it runs

    def on_train_batch_end(self, batch, logs=None):
        step = self.step(batch)
        if step % self.every == 0:
            data = {f"train/{k}": float(v) for k, v in (logs or {}).items()}
            data["train/lr"] = self._lr
            self.run.log(data, step=step)

    def on_epoch_end(self, epoch, logs=None):
        data = {f"epoch/{k}": float(v) for k, v in (logs or {}).items()}
        self.run.log(data, step=(epoch + 1) * self.steps_per_epoch)

    def on_train_end(self, logs=None):
        self.run.finish()
