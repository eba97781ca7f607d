"""Each step's own loss in train_steps.csv and loss.png, not Keras's running epoch mean."""

import csv

import keras
import numpy as np
import pytest
from keras import ops

from birdjepa_keras.objectives.step_loss import LastValue
from birdjepa_keras.train.callbacks import StepLog, ema, loss_curves, plot_losses

STEPS_PER_EPOCH, EPOCHS = 4, 2


class Toy(keras.Model):
    """Loss of a batch = the mean of its inputs, so every step's loss is known in advance."""

    def __init__(self, own_metric, **kwargs):
        super().__init__(**kwargs)
        self.own_metric = own_metric
        self.w = self.add_weight(shape=(), initializer="zeros", name="w")
        if own_metric:
            self.step_loss_tracker = LastValue(name="step_loss")  # as `PretrainingObjective` logs it

    def call(self, x):
        return x + 0.0 * self.w

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        loss = ops.mean(y_pred) + 0.0 * self.w
        if self.own_metric:
            self.step_loss_tracker.update_state(loss)
        return loss


def _batches():
    # Step k (1-based, across epochs) feeds a batch of value k: its loss is k.
    return [np.full((2, 1), k, "float32") for k in range(1, STEPS_PER_EPOCH * EPOCHS + 1)]


@pytest.mark.parametrize("own_metric", [True, False], ids=["step_loss_metric", "from_running_mean"])
def test_csv_holds_each_steps_own_loss(tmp_path, own_metric):
    model = Toy(own_metric)
    model.compile(optimizer=keras.optimizers.SGD(0.0))
    path = str(tmp_path / "train_steps.csv")

    def gen():
        for x in _batches():
            yield (x,)

    model.fit(gen(), epochs=EPOCHS, steps_per_epoch=STEPS_PER_EPOCH, verbose=0,
              callbacks=[StepLog(path, STEPS_PER_EPOCH)])
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["step"]) for r in rows] == list(range(1, 9))
    own = [float(r["loss"]) for r in rows]
    mean = [float(r["loss_epoch_mean"]) for r in rows]
    np.testing.assert_allclose(own, np.arange(1, 9), rtol=1e-6)
    # Keras's running mean restarts at the epoch boundary: 2.5 at step 4, then 5 at step 5.
    np.testing.assert_allclose(mean, [1, 1.5, 2, 2.5, 5, 5.5, 6, 6.5], rtol=1e-6)
    assert own[3] != mean[3]


def test_last_value_metric_is_not_averaged():
    m = LastValue("x")
    for v in (3.0, 7.0, -1.0):
        m.update_state(v)
    assert float(ops.convert_to_numpy(m.result())) == -1.0
    m.reset_state()
    assert float(ops.convert_to_numpy(m.result())) == 0.0


def test_ema_is_bias_corrected():
    x = np.arange(1.0, 9.0)
    alpha = 0.2
    k = np.arange(1, len(x) + 1)
    # Closed form: sum_j alpha (1 - alpha)^(k - j) x_j / (1 - (1 - alpha)^k).
    ref = [sum(alpha * (1 - alpha) ** (n - j) * x[j - 1] for j in range(1, n + 1)) / (1 - (1 - alpha) ** n) for n in k]
    np.testing.assert_allclose(ema(x, alpha), ref, rtol=1e-12)
    np.testing.assert_allclose(ema(np.full(5, 3.0), 0.1), 3.0)


def test_loss_curves_and_plot_with_the_online_probe(tmp_path):
    steps = [{"step": s, "epoch": (s - 1) // 2 + 1, "lr": 1e-3, "loss": 10.0 / s, "loss_epoch_mean": 0.0,
              "step_probe_loss": 1.0 / s} for s in range(1, 7)]
    with open(tmp_path / "train_steps.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(steps[0]))
        w.writeheader()
        w.writerows(steps)
    # OnlineProbeEval's file: one row per evaluated epoch.
    with open(tmp_path / "online_probe.csv", "w", newline="") as f:
        f.write("epoch,val_probe_cmap,val_probe_top1,probe_loss,probe_acc,objective_loss\n")
        f.write("1.0,0.1,0.2,0.5,0.1,1.0\n2.0,0.2,0.3,0.4,0.2,0.9\n3.0,0.3,0.4,0.3,0.3,0.8\n")
    curves = loss_curves(str(tmp_path), alpha=0.5)
    np.testing.assert_allclose(curves["loss"], [10.0 / s for s in range(1, 7)])
    np.testing.assert_allclose(curves["loss_ema"], ema(curves["loss"], 0.5))
    np.testing.assert_allclose(curves["probe_loss"], [1.0 / s for s in range(1, 7)])
    assert list(curves["probe_epoch_step"]) == [2, 4, 6] and list(curves["probe_cmap"]) == [0.1, 0.2, 0.3]
    plot_losses(str(tmp_path))
    assert (tmp_path / "loss.png").stat().st_size > 1000
