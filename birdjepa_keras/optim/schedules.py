"""Learning-rate schedules: warmup-stable-decay (ours) and cosine (Keras's)."""

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
        warmup = cfg.warmup_steps
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=peak_learning_rate * (cfg.warmup_start_ratio if warmup else 1.0),
            decay_steps=max(total_steps - warmup, 1),
            alpha=cfg.min_lr_ratio,
            warmup_target=peak_learning_rate if warmup else None,
            warmup_steps=warmup,
        )
    raise ValueError(f"unknown schedule kind {cfg.kind!r}")
