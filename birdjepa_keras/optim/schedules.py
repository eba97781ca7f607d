"""Learning-rate schedules: warmup-stable-decay and warmup-cosine, both branch-free."""

import math

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class WarmupStableDecay(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warmup, constant plateau, then decay over the last steps.

    lr(step):
        warmup  (step < W):          peak * (s0 + (1 - s0) * step / W)
        stable  (W <= step < T - D): peak
        decay   (step >= T - D):     peak * (m + (1 - m) * (1 - f(p))),
                                     p = (step - (T - D)) / D,
                                     f(p) = p ("linear") or sqrt(p) ("sqrt")
    with W = warmup_steps, T = total_steps, D = round(decay_fraction * T),
    s0 = warmup_start_ratio, m = min_lr_ratio. Steps past T stay at peak * m.
    """

    def __init__(
        self,
        peak_learning_rate,
        total_steps,
        warmup_steps=0,
        decay_fraction=0.2,
        decay_shape="sqrt",
        min_lr_ratio=0.0,
        warmup_start_ratio=0.01,
    ):
        if decay_shape not in ("linear", "sqrt"):
            raise ValueError(f"decay_shape must be 'linear' or 'sqrt', got {decay_shape!r}")
        self.peak_learning_rate = float(peak_learning_rate)
        self.total_steps = int(total_steps)
        self.warmup_steps = int(warmup_steps)
        self.decay_fraction = float(decay_fraction)
        self.decay_shape = decay_shape
        self.min_lr_ratio = float(min_lr_ratio)
        self.warmup_start_ratio = float(warmup_start_ratio)

    def __call__(self, step):
        step = ops.cast(step, "float32")
        peak = self.peak_learning_rate
        w = float(max(self.warmup_steps, 1))
        decay_steps = float(max(round(self.decay_fraction * self.total_steps), 1))
        decay_start = float(self.total_steps) - decay_steps
        s0 = self.warmup_start_ratio
        warm = peak * (s0 + (1.0 - s0) * step / w)
        p = ops.clip((step - decay_start) / decay_steps, 0.0, 1.0)
        f = ops.sqrt(p) if self.decay_shape == "sqrt" else p
        decay = peak * (self.min_lr_ratio + (1.0 - self.min_lr_ratio) * (1.0 - f))
        lr = ops.where(step < decay_start, peak, decay)
        if self.warmup_steps > 0:
            lr = ops.where(step < self.warmup_steps, ops.minimum(warm, lr), lr)
        return lr

    def get_config(self):
        return {
            "peak_learning_rate": self.peak_learning_rate,
            "total_steps": self.total_steps,
            "warmup_steps": self.warmup_steps,
            "decay_fraction": self.decay_fraction,
            "decay_shape": self.decay_shape,
            "min_lr_ratio": self.min_lr_ratio,
            "warmup_start_ratio": self.warmup_start_ratio,
        }


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warmup, then cosine decay: the values of Keras's `CosineDecay` with warmup, without its `cond`.

    lr(step):
        warmup (step < W): start + (peak - start) * step / W
        decay  (step >= W): peak * (m + (1 - m) * (1 + cos(pi * min(step - W, D) / D)) / 2)
    with W = warmup_steps, D = decay_steps, m = min_lr_ratio (Keras's `alpha`).
    Why not `CosineDecay` itself: it picks warmup or decay with `ops.cond`, which on JAX, called eagerly
    (the step log reads the rate before every step), traces and compiles a new `lax.cond` each call:
    ~66 ms a call against ~0.8 ms here (docs/training.md). `ops.where` has no branches to compile.
    """

    def __init__(self, peak_learning_rate, decay_steps, warmup_steps=0, min_lr_ratio=0.0,
                 warmup_start_learning_rate=0.0):  # fmt: skip
        self.peak_learning_rate = float(peak_learning_rate)
        self.decay_steps = max(int(decay_steps), 1)
        self.warmup_steps = int(warmup_steps)
        self.min_lr_ratio = float(min_lr_ratio)
        self.warmup_start_learning_rate = float(warmup_start_learning_rate)

    def __call__(self, step):
        step = ops.cast(step, "float32")
        peak, w = self.peak_learning_rate, float(self.warmup_steps)
        done = ops.clip(step - w, 0.0, float(self.decay_steps)) / float(self.decay_steps)
        cos = 0.5 * (1.0 + ops.cos(math.pi * done))
        lr = peak * (self.min_lr_ratio + (1.0 - self.min_lr_ratio) * cos)
        if self.warmup_steps > 0:
            start = self.warmup_start_learning_rate
            lr = ops.where(step < w, start + (peak - start) * step / w, lr)
        return lr

    def get_config(self):
        return {
            "peak_learning_rate": self.peak_learning_rate,
            "decay_steps": self.decay_steps,
            "warmup_steps": self.warmup_steps,
            "min_lr_ratio": self.min_lr_ratio,
            "warmup_start_learning_rate": self.warmup_start_learning_rate,
        }


def make_schedule(cfg, peak_learning_rate, total_steps):
    """Schedule from a `ScheduleConfig`; a float for "constant"."""
    if cfg.kind == "constant":
        return float(peak_learning_rate)
    if cfg.kind == "wsd":
        return WarmupStableDecay(
            peak_learning_rate,
            total_steps,
            warmup_steps=cfg.warmup_steps,
            decay_fraction=cfg.decay_fraction,
            decay_shape=cfg.decay_shape,
            min_lr_ratio=cfg.min_lr_ratio,
            warmup_start_ratio=cfg.warmup_start_ratio,
        )
    if cfg.kind == "cosine":
        return WarmupCosine(
            peak_learning_rate,
            decay_steps=total_steps - cfg.warmup_steps,
            warmup_steps=cfg.warmup_steps,
            min_lr_ratio=cfg.min_lr_ratio,
            warmup_start_learning_rate=peak_learning_rate * cfg.warmup_start_ratio,
        )
    raise ValueError(f"unknown schedule kind {cfg.kind!r}")
