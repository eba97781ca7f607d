"""Probes on frozen features: linear, prototypical (Bird-MAE), attentive (V-JEPA / AIM); k-shot sampling.

Every probe is a small Keras model fitted with `model.fit` on cached
features. How it trains is given as keyword arguments (the benchmark's edge
turns a [probe.*] section into them: `ProbesConfig.kwargs_for`): by default
early stopping on validation with the best epoch kept; under Bird-MAE's
protocol a fixed warm-up + cosine run with the last epoch kept.
Multi-label tasks use sigmoid + binary cross-entropy (or the asymmetric
loss), single-label tasks softmax + cross-entropy. Full fine-tuning of the
encoder lives in `finetune.py`.

    res = fit_and_score("prototypical", train, valid, [valid, test], multi_label=True, seed=0, **probes_cfg.kwargs_for("prototypical"))
"""

import dataclasses

import keras
import numpy as np
from keras import ops

from birdjepa_keras.benchmark.linear_probe import predict_scores, probabilities, standardize
from birdjepa_keras.benchmark.probe_heads import ATTENTIVE_KEYS, PROTOTYPICAL_KEYS, PrototypicalProbe, attentive_probe, linear_model
from birdjepa_keras.benchmark.features import Features
from birdjepa_keras.optim.schedules import WarmupCosine

# Dense probes on one vector per clip: the embedding, or the tokens pooled over time per mel row.
LINEAR_KINDS = ("linear", "linear_time_mean", "linear_time_max")


def sample_k_shot(y_nc, k, seed):
    """Row indices with `k` examples of every class (all rows when k == -1).

    Classes are visited in a seeded random order; each takes k of its rows
    not taken yet (fewer if it has fewer). Rows without labels are never drawn
    in k-shot mode. Returns sorted int indices.
    """
    y = np.asarray(y_nc) > 0
    if k == -1:
        return np.arange(len(y))
    rng = np.random.default_rng(seed)
    taken = np.zeros(len(y), bool)
    for c in rng.permutation(y.shape[1]):
        pool = np.flatnonzero(y[:, c] & ~taken)
        taken[rng.permutation(pool)[:k]] = True
    return np.flatnonzero(taken)


def epoch_repeats(n, min_epoch_examples):
    """Copies of an n-row training set that make one epoch hold at least `min_epoch_examples` rows."""
    return max(1, -(-min_epoch_examples // max(n, 1)))


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class AsymmetricLoss(keras.losses.Loss):
    """Asymmetric loss for multi-label logits (Ridnik et al. 2021), as Bird-MAE trains its probes.

    Follows github houtan-ghaffari/Bird-SSL `util/asymmetric_loss.py`
    (AsymmetricLossMultiLabel): p = sigmoid(x); negatives use p_m = min(1 - p + clip, 1);
    loss = -[y log(p) (1 - p)^gamma_pos + (1 - y) log(p_m) (1 - p_m)^gamma_neg],
    logs clamped at eps, mean over batch and classes.
    """

    def __init__(self, gamma_neg=4.0, gamma_pos=1.0, clip=0.05, eps=1e-8, name="asymmetric_loss", **kwargs):
        super().__init__(name=name, **kwargs)
        self.gamma_neg, self.gamma_pos, self.clip, self.eps = gamma_neg, gamma_pos, clip, eps

    def call(self, y_true, y_pred):
        y = ops.cast(y_true, "float32")
        p = ops.sigmoid(ops.cast(y_pred, "float32"))
        p_neg = ops.minimum(1.0 - p + self.clip, 1.0) if self.clip > 0 else 1.0 - p
        pos = y * ops.log(ops.maximum(p, self.eps)) * ops.power(1.0 - p, self.gamma_pos)
        neg = (1.0 - y) * ops.log(ops.maximum(p_neg, self.eps)) * ops.power(1.0 - p_neg, self.gamma_neg)
        return -ops.mean(pos + neg, axis=-1)

    def get_config(self):
        return {**super().get_config(), "gamma_neg": self.gamma_neg, "gamma_pos": self.gamma_pos, "clip": self.clip, "eps": self.eps}


def _loss(multi_label, kind="bce"):
    if not multi_label:
        return keras.losses.CategoricalCrossentropy(from_logits=True)
    if kind == "asl":
        return AsymmetricLoss()
    return keras.losses.BinaryCrossentropy(from_logits=True)


# How every probe trains: the keywords of `fit_probe` and of `make_optimizer`, plus
# min_epoch_examples (few-shot repeats). Together they are config.benchmark.ProbeTraining's
# fields; `take` fails loudly when a keyword set lacks one.
FIT_KEYS = ("epochs", "batch_size", "patience", "selection", "loss")
OPTIMIZER_KEYS = ("learning_rate", "weight_decay", "beta_2", "clipnorm", "schedule", "warmup_fraction", "min_learning_rate")


def take(probe, keys, what):
    """Pop `keys` out of the keyword dict `probe` (a TypeError naming `what` if one is missing)."""
    missing = [k for k in keys if k not in probe]
    if missing:
        raise TypeError(f"{what}: missing probe argument(s) {', '.join(missing)}")
    return {k: probe.pop(k) for k in keys}


def check_used(probe, what):
    """A TypeError when keywords are left over: a probe argument nothing reads is a mistake, not a default."""
    if probe:
        raise TypeError(f"{what}: unexpected probe argument(s) {', '.join(sorted(probe))}")


def lr_schedule(total_steps, *, learning_rate, schedule, warmup_fraction, min_learning_rate):
    """The probe's learning rate: a float ("constant"), or warm-up (linear from 0) + cosine to min_learning_rate."""
    if schedule == "constant":
        return learning_rate
    warmup = int(round(warmup_fraction * total_steps))
    return WarmupCosine(learning_rate, total_steps - warmup, warmup_steps=warmup,
                        min_lr_ratio=min_learning_rate / learning_rate)  # fmt: skip


def make_optimizer(total_steps, *, learning_rate, weight_decay, beta_2, clipnorm, schedule, warmup_fraction, min_learning_rate, scale=1.0):
    """AdamW with `lr_schedule`, beta_2 and a global gradient clip (clipnorm 0 = none); lr x `scale`."""
    lr = lr_schedule(
        total_steps, learning_rate=learning_rate, schedule=schedule, warmup_fraction=warmup_fraction, min_learning_rate=min_learning_rate
    )
    if scale != 1.0:
        lr = ScaledSchedule(lr, scale)
    return keras.optimizers.AdamW(lr, weight_decay=weight_decay, beta_2=beta_2, global_clipnorm=clipnorm or None)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class ScaledSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """`scale` x another schedule (or a constant): one optimizer per layer under layer-wise lr decay."""

    def __init__(self, base, scale):
        self.base, self.scale = base, float(scale)

    def __call__(self, step):
        base = self.base(step) if callable(self.base) else self.base
        return base * self.scale

    def get_config(self):
        base = keras.saving.serialize_keras_object(self.base) if callable(self.base) else self.base
        return {"base": base, "scale": self.scale}

    @classmethod
    def from_config(cls, config):
        base = config["base"]
        return cls(keras.saving.deserialize_keras_object(base) if isinstance(base, dict) else base, config["scale"])


# --------------------------------------------------------------------------- fitting


class ValidationScore(keras.callbacks.Callback):
    """Writes `name` = score_fn(y_valid, probabilities) into each epoch's logs (for EarlyStopping).

    `x_valid` is the model input, or a Features object for token probes.
    """

    def __init__(self, x_valid, y_valid, score_fn, multi_label, name="val_score", batch_size=1024):
        super().__init__()
        self.x_valid, self.y_valid, self.score_fn = x_valid, y_valid, score_fn
        self.multi_label, self.name, self.batch_size = multi_label, name, batch_size

    def on_epoch_end(self, epoch, logs=None):
        if hasattr(self.x_valid, "token_inputs"):
            logits = predict_tokens(self.model, self.x_valid)
        else:
            logits = self.model.predict(self.x_valid, batch_size=self.batch_size, verbose=0)
        score = self.score_fn(self.y_valid, probabilities(logits, self.multi_label))
        if logs is not None:
            logs[self.name] = float(score) if np.isfinite(score) else -np.inf


@dataclasses.dataclass
class ProbeResult:
    """Class probabilities for each scored split, plus training facts."""

    scores: list
    epochs: int
    best_val: float  # best monitored validation value (loss, or the selection score); nan if none
    model: object = None  # the trained model (fine-tuning: its encoder)


def _monitor(valid_input, y_valid, select, multi_label, batch_size=1024):
    """(callbacks-to-prepend, monitored key, mode) for early stopping."""
    if select is None:
        return [], "val_loss", "min"
    return [ValidationScore(valid_input, y_valid, select, multi_label, batch_size=batch_size)], "val_score", "max"


def _best(history, key, mode):
    vals = history.history.get(key)
    if not vals:
        return float("nan")
    return float(np.max(vals) if mode == "max" else np.min(vals))


def steps_per_epoch(n, batch_size):
    return -(-n // max(1, min(batch_size, n)))


def fit_probe(
    model, x_tr, y_tr, x_va, y_va, multi_label, *, optimizer, epochs, batch_size, patience, selection, loss,
    valid_for_score=None, select=None, verbose=0, predict_batch=1024,
):  # fmt: skip
    """Compile `model` with `optimizer` and fit it; returns (epochs run, best validation value).

    The batch is min(batch_size, training rows). `loss`: "bce" or "asl" for
    multi-label tasks (single-label: softmax cross-entropy).
    selection "best": early stopping (`patience` epochs) on the validation loss,
    or on `select`'s score of `valid_for_score` (model input or Features), best weights kept.
    selection "last": all epochs, no validation pass, last weights kept.
    """
    batch = min(batch_size, len(y_tr))
    model.compile(optimizer=optimizer, loss=_loss(multi_label, loss))
    fit_kw = dict(epochs=epochs, batch_size=batch, shuffle=True, verbose=verbose)
    if selection == "last":
        history = model.fit(x_tr, y_tr.astype("float32"), **fit_kw)
        return len(history.history["loss"]), float("nan")
    extra, key, mode = _monitor(x_va if valid_for_score is None else valid_for_score, y_va, select, multi_label, predict_batch)
    stop = keras.callbacks.EarlyStopping(monitor=key, mode=mode, patience=patience, restore_best_weights=True)
    history = model.fit(
        x_tr, y_tr.astype("float32"), validation_data=(x_va, y_va.astype("float32")), callbacks=[*extra, stop], **fit_kw
    )
    return len(history.history["loss"]), _best(history, key, mode)


def _tile(a, reps):
    return np.tile(a, (reps,) + (1,) * (a.ndim - 1))


def training_args(probe, what):
    """(fit_probe keywords, make_optimizer keywords, min_epoch_examples), popped out of `probe`."""
    fit_kw, opt_kw = take(probe, FIT_KEYS, what), take(probe, OPTIMIZER_KEYS, what)
    return fit_kw, opt_kw, take(probe, ("min_epoch_examples",), what)["min_epoch_examples"]


def fit_and_score(kind, train, valid, score_splits, *, multi_label, seed, select=None, verbose=0, **probe):
    """Fit probe `kind` on `train` (Features), early-stop on `valid`, return scores on `score_splits`.

    Args:
        kind: "linear" (clip embedding), "linear_time_mean" / "linear_time_max"
            (`Features.time_mean` / `time_max`),
            "prototypical" or "attentive".
        select: None stops on the validation loss; a function
            (y_true, probabilities) -> score stops on that score (higher is
            better), e.g. the task's primary metric; the best epoch's weights
            are kept either way (selection "best").
        **probe: every keyword of the probe's training (`FIT_KEYS`, `OPTIMIZER_KEYS`,
            min_epoch_examples) and of its head: `standardize` (linear kinds),
            `PrototypicalProbe`'s or `attentive_probe`'s keywords; at the edge
            `ProbesConfig.kwargs_for(kind)`. A missing or unknown one is a TypeError.
    """
    keras.utils.set_random_seed(seed)
    probe = dict(probe)
    fit_kw, opt_kw, min_epoch_examples = training_args(probe, kind)
    reps = epoch_repeats(len(train), min_epoch_examples)
    if kind in LINEAR_KINDS:
        model, x_tr, x_va, x_sc = _linear(kind, train, valid, score_splits, probe)
        valid_for_score = None
    else:
        model, x_tr, x_va = _token_probe(kind, train, valid, probe)
        valid_for_score = valid
    y_tr = _tile(train.labels, reps)
    optimizer = make_optimizer(fit_kw["epochs"] * steps_per_epoch(len(y_tr), fit_kw["batch_size"]), **opt_kw)
    x_tr = [_tile(a, reps) for a in x_tr] if isinstance(x_tr, list) else _tile(x_tr, reps)
    epochs, best = fit_probe(
        model, x_tr, y_tr, x_va, valid.labels, multi_label, optimizer=optimizer, **fit_kw,
        valid_for_score=valid_for_score, select=select, verbose=verbose,
    )  # fmt: skip
    if valid_for_score is None:
        scores = [predict_scores(model, x, multi_label=multi_label) for x in x_sc]
    else:
        scores = [probabilities(predict_tokens(model, split), multi_label) for split in score_splits]
    return ProbeResult(scores, epochs, best, model)


def _linear(kind, train, valid, score_splits, probe):
    """(model, train input, valid input, score inputs) of a linear probe; `probe` holds `standardize`."""
    std = take(probe, ("standardize",), kind)["standardize"]
    check_used(probe, kind)
    pick = {"linear": lambda f: f.embedding, "linear_time_mean": Features.time_mean, "linear_time_max": Features.time_max}[kind]
    xs = [np.asarray(pick(f), np.float32) for f in (train, valid, *score_splits)]
    if std:
        xs = standardize(*xs)
    x_tr, x_va, *x_sc = xs
    return linear_model(x_tr.shape[1], train.labels.shape[1]), x_tr, x_va, x_sc


def _token_probe(kind, train, valid, probe):
    """(model, [tokens, cls] train input, valid input) of a token probe; `probe` holds its head's keywords."""
    x_tr, x_va = train.token_inputs(), valid.token_inputs()
    n_tokens, dim, n_classes = x_tr[0].shape[1], x_tr[0].shape[2], train.labels.shape[1]
    if kind == "prototypical":
        model = PrototypicalProbe(n_tokens, dim, n_classes, **take(probe, PROTOTYPICAL_KEYS, kind), name="prototypical_probe")
    elif kind == "attentive":
        model = attentive_probe(n_tokens, dim, n_classes, **take(probe, ATTENTIVE_KEYS, kind))
    else:
        raise ValueError(f"unknown probe {kind!r}")
    check_used(probe, kind)
    return model, list(x_tr), list(x_va)


def predict_tokens(model, feats, chunk=4096, batch_size=256):
    """Logits of a token probe over Features, reading (memory-mapped) tokens `chunk` rows at a time."""
    out = []
    for start in range(0, len(feats), chunk):
        tokens, cls = feats.subset(slice(start, start + chunk)).token_inputs()
        out.append(np.asarray(model.predict([tokens, cls], batch_size=batch_size, verbose=0)))
    return np.concatenate(out)
