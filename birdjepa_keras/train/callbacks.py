"""Training callbacks: non-finite-loss guard, per-step CSV log, wandb, the loss plot."""

import csv
import math
import os

import keras
import numpy as np


def write_csv(rows, path, keys=None):
    """Write dict rows as CSV through a temporary file and a rename: a reader never sees half a file."""
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(keys or rows[0]))
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


class NonFiniteLoss(RuntimeError):
    """The loss became NaN/inf; the message names the step and the last good checkpoint."""


def current_lr(optimizer):
    """The learning rate the optimizer uses at its current step (a schedule evaluated there), as a float.

    Every Keras optimizer has one; an object without it is a bug and raises (no NaN in the log).
    """
    return float(np.asarray(keras.ops.convert_to_numpy(optimizer.learning_rate)))


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


class StepLoss(StepCounter):
    """Each step's own loss from the batch-end logs.

    Keras's `logs["loss"]` is the running mean m_k over the epoch's first k
    steps. Our objectives also log `step_loss` (a `LastValue` metric): that is
    used when present. Otherwise the step's loss is recovered from the
    running mean, l_k = k m_k - (k - 1) m_{k-1} (exact for equal batch sizes,
    which Keras's size-weighted mean assumes here).
    """

    def __init__(self, steps_per_epoch):
        super().__init__(steps_per_epoch)
        self._prev_mean = None

    def on_epoch_begin(self, epoch, logs=None):
        super().on_epoch_begin(epoch, logs)
        self._prev_mean = None

    def step_loss(self, batch, logs):
        """(own loss, running mean) of this batch; call once per batch, in order."""
        mean = float(logs["loss"])
        if "step_loss" in logs:
            own = float(logs["step_loss"])
        elif batch == 0 or self._prev_mean is None:
            own = mean
        else:
            own = (batch + 1) * mean - batch * self._prev_mean
        self._prev_mean = mean
        return own, mean


class StopOnNonFiniteLoss(StepCounter):
    """Stop at the first step whose loss is NaN/inf, raising `NonFiniteLoss`."""

    def __init__(self, steps_per_epoch, manager=None):
        super().__init__(steps_per_epoch)
        self.manager = manager

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            self.model.stop_training = True
            if self.manager:
                self.manager.wait()  # a background save of an earlier step may still be landing
            last = self.manager.latest() if self.manager else None
            raise NonFiniteLoss(
                f"non-finite loss ({float(loss)}) at step {self.step(batch)}; "
                + (f"last good checkpoint: {last}" if last else "no checkpoint was written yet")
            )


class StepLog(StepLoss):
    """Append one CSV row per training step: step, epoch, the step's lr, its own loss and Keras's logs.

    `loss` is the step's own loss (`StepLoss`); Keras's running epoch mean is
    kept as `loss_epoch_mean`; other metrics are as Keras logs them. On resume
    the rows after `resume_step` (written after the last checkpoint) are dropped.
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
        write_csv(rows, self.path, self._keys)

    def on_train_batch_begin(self, batch, logs=None):
        # Read before the step: once it ran, the optimizer's counter points at the next step.
        self._lr = current_lr(self.model.optimizer)

    def on_train_batch_end(self, batch, logs=None):
        logs = logs or {}
        row = {"step": self.step(batch), "epoch": self.epoch + 1, "lr": self._lr}
        if "loss" in logs:
            row["loss"], row["loss_epoch_mean"] = self.step_loss(batch, logs)
        row.update({k: float(v) for k, v in logs.items() if k not in ("loss", "step_loss")})
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


class WandbLogger(StepLoss):
    """Log step metrics (the step's own loss as train/loss) and the learning rate to Weights & Biases.

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
        logs = logs or {}
        step = self.step(batch)
        own = self.step_loss(batch, logs) if "loss" in logs else None  # every batch: the fallback needs m_{k-1}
        if step % self.every == 0:
            data = {f"train/{k}": float(v) for k, v in logs.items() if k not in ("loss", "step_loss")}
            if own is not None:
                data["train/loss"], data["train/loss_epoch_mean"] = own
            data["train/lr"] = self._lr
            self.run.log(data, step=step)

    def on_epoch_end(self, epoch, logs=None):
        data = {f"epoch/{k}": float(v) for k, v in (logs or {}).items()}
        self.run.log(data, step=(epoch + 1) * self.steps_per_epoch)

    def on_train_end(self, logs=None):
        self.run.finish()


def ema(values, alpha=0.05):
    """Bias-corrected exponential moving average (as TensorBoard/wandb smoothing).

    e_k = (1 - alpha) e_{k-1} + alpha x_k from e_0 = 0, divided by
    1 - (1 - alpha)^k so the first points are not pulled to zero.
    """
    out, e, w = [], 0.0, 0.0
    for x in values:
        e = (1.0 - alpha) * e + alpha * x
        w = (1.0 - alpha) * w + alpha
        out.append(e / w)
    return np.asarray(out)


def loss_curves(run_dir, alpha=0.05):
    """What `plot_losses` draws, from train_steps.csv (and online_probe.csv when present).

    Returns a dict: step, loss (each step's own), loss_ema, and with an online
    probe probe_loss / probe_loss_ema per step and probe_epoch_step /
    probe_cmap (held-out cmAP at each evaluation's last step); None without
    a step log.
    """
    path = os.path.join(run_dir, "train_steps.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    curves = {"step": np.array([int(r["step"]) for r in rows])}
    curves["loss"] = np.array([float(r["loss"]) for r in rows])
    curves["loss_ema"] = ema(curves["loss"], alpha)
    if rows and rows[0].get("step_probe_loss"):
        curves["probe_loss"] = np.array([float(r["step_probe_loss"]) for r in rows])
        curves["probe_loss_ema"] = ema(curves["probe_loss"], alpha)
    probe_path = os.path.join(run_dir, "online_probe.csv")
    if os.path.exists(probe_path):
        with open(probe_path, newline="") as f:
            evals = [r for r in csv.DictReader(f) if r.get("val_probe_cmap")]
        epoch_end = {int(r["epoch"]): int(r["step"]) for r in rows}
        evals = [r for r in evals if int(float(r["epoch"])) in epoch_end]
        curves["probe_epoch_step"] = np.array([epoch_end[int(float(r["epoch"]))] for r in evals])
        curves["probe_cmap"] = np.array([float(r["val_probe_cmap"]) for r in evals])
    return curves


def plot_losses(run_dir, alpha=0.05):
    """loss.png: each step's loss (thin) and its EMA; the online probe's loss and held-out cmAP when on."""
    curves = loss_curves(run_dir, alpha)
    if curves is None:
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    probe = "probe_cmap" in curves or "probe_loss" in curves
    fig, axes = plt.subplots(1, 2 if probe else 1, figsize=(10 if probe else 5, 3), squeeze=False)
    ax = axes[0, 0]
    ax.plot(curves["step"], curves["loss"], lw=0.5, alpha=0.35, color="C0", label="step loss")
    ax.plot(curves["step"], curves["loss_ema"], lw=1.5, color="C0", label=f"EMA (alpha {alpha})")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss")
    ax.legend(fontsize=7)
    if probe:
        ax = axes[0, 1]
        if "probe_loss" in curves:
            ax.plot(curves["step"], curves["probe_loss_ema"], lw=1.5, color="C1", label="probe loss (EMA)")
            ax.set_ylabel("online probe loss")
            ax.set_xlabel("step")
        if "probe_cmap" in curves:
            twin = ax.twinx()
            twin.plot(curves["probe_epoch_step"], curves["probe_cmap"], "o-", color="C2", label="held-out cmAP")
            twin.set_ylabel("online probe cmAP")
            twin.legend(fontsize=7, loc="lower right")
        ax.legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    fig.savefig(os.path.join(run_dir, "loss.png"), dpi=120)
    plt.close(fig)
