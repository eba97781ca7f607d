"""WSD against its closed form; cosine through Keras's CosineDecay."""

import math

import keras
import numpy as np
import pytest

from birdjepa_keras.config import ScheduleConfig
from birdjepa_keras.optim.schedules import WarmupStableDecay, make_schedule
from tests.helpers import as_numpy


def wsd_reference(step, peak, total, warmup, frac, shape, m, s0):
    d = max(round(frac * total), 1)
    start = total - d
    if step >= start:
        p = min((step - start) / d, 1.0)
        f = math.sqrt(p) if shape == "sqrt" else p
        lr = peak * (m + (1 - m) * (1 - f))
    else:
        lr = peak
    if step < warmup:
        lr = min(lr, peak * (s0 + (1 - s0) * step / warmup))
    return lr


@pytest.mark.parametrize("shape", ["sqrt", "linear"])
def test_wsd_matches_closed_form(shape):
    sched = WarmupStableDecay(1e-3, 1000, warmup_steps=100, decay_fraction=0.2, decay_shape=shape, min_lr_ratio=0.1)
    for step in [0, 1, 50, 99, 100, 500, 799, 800, 801, 900, 999, 1000, 1500]:
        expected = wsd_reference(step, 1e-3, 1000, 100, 0.2, shape, 0.1, 0.01)
        assert float(as_numpy(sched(step))) == pytest.approx(expected, rel=1e-5), step
    assert WarmupStableDecay.from_config(sched.get_config()).get_config() == sched.get_config()


def test_cosine_schedule_shape():
    cfg = ScheduleConfig(kind="cosine", warmup_steps=10, min_lr_ratio=0.0)
    sched = make_schedule(cfg, 1e-3, 110)
    # All 111 steps in one vectorised call: Keras's CosineDecay picks warmup or decay with `ops.cond`,
    # which on JAX, called eagerly, traces and XLA-compiles a new `lax.cond` on every call (its branches
    # are new closures each time: measured 0.1-0.25 s a call inside pytest, 22 s for the 111 steps).
    # Under `vectorized_map` the cond becomes one select over the batch of steps.
    lrs = as_numpy(keras.ops.vectorized_map(sched, np.arange(111, dtype="int32"))).astype("float64")
    assert lrs.shape == (111,)
    # The same values as the scalar calls a training step makes (a few of them: each costs a compile).
    for s in (0, 10, 60, 110):
        assert float(as_numpy(sched(s))) == pytest.approx(lrs[s], rel=1e-6, abs=1e-12), s
    assert lrs[0] == pytest.approx(1e-5) and lrs[10] == pytest.approx(1e-3)
    assert lrs[60] == pytest.approx(0.5e-3, rel=1e-4) and lrs[110] == pytest.approx(0.0, abs=1e-9)
    assert np.all(np.diff(lrs[10:]) <= 1e-12)
    assert np.all(np.diff(lrs[:11]) > 0)  # the warmup rises to the peak


def test_constant_schedule():
    assert make_schedule(ScheduleConfig(kind="constant"), 3e-4, 10) == 3e-4
