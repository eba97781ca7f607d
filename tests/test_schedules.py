"""WSD against its closed form; warmup-cosine against Keras's CosineDecay; neither compiles per eager call."""

import math

import keras
import numpy as np
import pytest

from birdjepa_keras.config import ScheduleConfig
from birdjepa_keras.optim.schedules import WarmupCosine, WarmupStableDecay, make_schedule
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


def test_cosine_schedule_matches_keras_cosine_decay():
    cfg = ScheduleConfig(kind="cosine", warmup_steps=10, min_lr_ratio=0.1)
    sched = make_schedule(cfg, 1e-3, 110)
    ours = np.array([float(as_numpy(sched(s))) for s in range(131)])
    # The reference: Keras's CosineDecay with the same warmup, all steps in one vectorised call (called
    # eagerly, its `ops.cond` compiles a new lax.cond every call on JAX; under vectorized_map it is one select).
    keras_sched = keras.optimizers.schedules.CosineDecay(
        1e-3 * cfg.warmup_start_ratio, 100, alpha=0.1, warmup_target=1e-3, warmup_steps=10)
    ref = as_numpy(keras.ops.vectorized_map(keras_sched, np.arange(131, dtype="int32"))).astype("float64")
    np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-12)
    assert ours[0] == pytest.approx(1e-5) and ours[10] == pytest.approx(1e-3)
    assert ours[60] == pytest.approx(1e-3 * (0.1 + 0.9 * 0.5), rel=1e-4)
    assert ours[110] == pytest.approx(1e-4, rel=1e-5) and ours[130] == pytest.approx(1e-4, rel=1e-5)
    assert np.all(np.diff(ours[:11]) > 0) and np.all(np.diff(ours[10:]) <= 1e-12)
    assert WarmupCosine.from_config(sched.get_config()).get_config() == sched.get_config()


@pytest.mark.parametrize("kind", ["cosine", "wsd"])
def test_reading_the_rate_eagerly_compiles_nothing_new(kind, caplog):
    """The step log reads the rate before every step; on JAX that must not compile per call."""
    import jax

    sched = make_schedule(ScheduleConfig(kind=kind, warmup_steps=10), 1e-3, 110)
    step = keras.Variable(0, dtype="int64")
    for s in (0, 1):  # the first calls compile each eager op once
        step.assign(s)
        sched(step)
    with jax.log_compiles(), caplog.at_level("DEBUG"):
        for s in (5, 50, 100):
            step.assign(s)
            sched(step)
    assert not [r for r in caplog.records if "ompil" in r.getMessage()], [r.getMessage() for r in caplog.records]


def test_constant_schedule():
    assert make_schedule(ScheduleConfig(kind="constant"), 3e-4, 10) == 3e-4
