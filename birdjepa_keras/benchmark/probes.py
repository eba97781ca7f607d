"""Probes on frozen features: linear, prototypical (Bird-MAE), attentive (V-JEPA); k-shot sampling.

Every probe is a small Keras model fitted with `model.fit` on cached
features, with early stopping on the validation loss (best weights kept).
Multi-label tasks use sigmoid + binary cross-entropy, single-label tasks
softmax + cross-entropy.

    scores = fit_and_score("prototypical", train, valid, [valid, test], multi_label=True, cfg=cfgs, seed=0)
"""

import dataclasses

import keras
import numpy as np
from keras import ops

from birdjepa_keras.benchmark.linear_probe import predict_scores, standardize, train_linear_probe
from birdjepa_keras.layers.block import TransformerBlock


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


def _loss(multi_label):
    if multi_label:
        return keras.losses.BinaryCrossentropy(from_logits=True)
    return keras.losses.CategoricalCrossentropy(from_logits=True)


def _probabilities(logits, multi_label):
    logits = np.asarray(logits, np.float64)
    if multi_label:
        return 1.0 / (1.0 + np.exp(-logits))
    z = np.exp(logits - logits.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


# --------------------------------------------------------------------------- prototypical


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class PrototypeHead(keras.layers.Layer):
    """Bird-MAE's prototypical probe head over tokens.

    J prototypes per class; each token's cosine similarity to each prototype,
    max-pooled over tokens; class logit = sum of its own J prototype
    activations with non-negative weights, plus a bias.

    Args:
        n_classes: C.
        prototypes_per_class: J (Bird-MAE: 20).
        lr_scale: prototypes are stored divided by this, so Adam moves them
            `lr_scale` times faster than the class weights (Bird-MAE: 0.04 vs 4e-4).
        bias_init: initial class bias (Bird-MAE: -2).
        relu_on_cos: ReLU the cosines before the max, as Bird-MAE's PPNet. Off by
            default: a prototype whose cosines all fall below 0 then gets no
            gradient, and on our synthetic set every prototype did (constant
            predictions, also at the paper's learning rates).

    Call:
        z_btd: (batch, tokens, dim) -> logits (batch, C).
    """

    def __init__(self, n_classes, prototypes_per_class=20, lr_scale=100.0, bias_init=-2.0, relu_on_cos=False, **kwargs):
        super().__init__(**kwargs)
        self.n_classes = n_classes
        self.prototypes_per_class = prototypes_per_class
        self.lr_scale = lr_scale
        self.bias_init = bias_init
        self.relu_on_cos = relu_on_cos

    def build(self, z_shape):
        c, j, d = self.n_classes, self.prototypes_per_class, z_shape[-1]
        # torch.rand prototypes, as Bird-MAE's PPNet; stored scaled down (see lr_scale).
        self.prototypes_raw = self.add_weight(
            shape=(c * j, d), initializer=keras.initializers.RandomUniform(0.0, 1.0 / self.lr_scale), name="prototypes"
        )
        self.class_weights = self.add_weight(shape=(c, j), initializer="ones", name="class_weights")
        self.bias = self.add_weight(shape=(c,), initializer=keras.initializers.Constant(self.bias_init), name="bias")

    def normalized_prototypes(self):
        p = self.prototypes_raw * self.lr_scale
        return p / ops.sqrt(ops.sum(ops.square(p), axis=-1, keepdims=True) + 1e-8)

    def activations(self, z_btd):
        """(batch, C * J): max over tokens of cosine(token, prototype) (ReLU'd first if relu_on_cos)."""
        z = ops.cast(z_btd, "float32")
        zn = z / ops.sqrt(ops.sum(ops.square(z), axis=-1, keepdims=True) + 1e-8)
        sim_btp = ops.einsum("btd,pd->btp", zn, self.normalized_prototypes())
        if self.relu_on_cos:
            sim_btp = ops.relu(sim_btp)
        return ops.max(sim_btp, axis=1)

    def call(self, z_btd):
        act = ops.reshape(self.activations(z_btd), (-1, self.n_classes, self.prototypes_per_class))
        return ops.sum(act * ops.relu(self.class_weights)[None], axis=-1) + self.bias

    def orthogonality(self):
        """||P_c P_c^T - I||_F over all classes, divided by the element count (Bird-MAE's loss)."""
        c, j = self.n_classes, self.prototypes_per_class
        pn = ops.reshape(self.normalized_prototypes(), (c, j, -1))
        gram = ops.einsum("cjd,ckd->cjk", pn, pn) - ops.eye(j)[None]
        return ops.sqrt(ops.sum(ops.square(gram))) / float(c * j * j)

    def get_config(self):
        return {
            **super().get_config(),
            "n_classes": self.n_classes,
            "prototypes_per_class": self.prototypes_per_class,
            "lr_scale": self.lr_scale,
            "bias_init": self.bias_init,
            "relu_on_cos": self.relu_on_cos,
        }


class PrototypicalProbe(keras.Model):
    """tokens (batch, t, d), cls (batch, d) -> logits; the loss adds the orthogonality term."""

    def __init__(self, n_tokens, dim, n_classes, cfg, **kwargs):
        tokens = keras.Input((n_tokens, dim), name="tokens")
        cls = keras.Input((dim,), name="cls")
        z = tokens - ops.expand_dims(cls, 1) if cfg.subtract_cls else tokens
        head = PrototypeHead(n_classes, cfg.prototypes_per_class, cfg.prototype_lr_scale, cfg.bias_init, cfg.relu_on_cos, name="prototypes")
        super().__init__([tokens, cls], head(z), **kwargs)
        self.head = head
        self.orthogonality_weight = cfg.orthogonality_weight

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        loss = super().compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)
        return loss + self.orthogonality_weight * self.head.orthogonality()


# --------------------------------------------------------------------------- attentive


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class AttentivePooler(keras.layers.Layer):
    """Learned queries cross-attending over tokens (V-JEPA's attentive probe), pre-norm.

    q <- q + MHA(LN(q), LN(x)); q <- q + MLP(LN(q)); returns the mean over queries.

    Args:
        dim: token width; n_heads must divide it.
        n_heads, n_queries, mlp_ratio: shape of the pooler.

    Call:
        x_btd: (batch, tokens, dim) -> (batch, dim).
    """

    def __init__(self, dim, n_heads=4, n_queries=1, mlp_ratio=4.0, **kwargs):
        super().__init__(**kwargs)
        if dim % n_heads:
            raise ValueError(f"attentive probe: n_heads {n_heads} does not divide the token width {dim}")
        self.dim, self.n_heads, self.n_queries, self.mlp_ratio = dim, n_heads, n_queries, mlp_ratio
        self.norm_q = keras.layers.LayerNormalization(epsilon=1e-6, name="norm_q")
        self.norm_x = keras.layers.LayerNormalization(epsilon=1e-6, name="norm_x")
        self.attn = keras.layers.MultiHeadAttention(n_heads, dim // n_heads, name="cross_attn")
        self.norm_mlp = keras.layers.LayerNormalization(epsilon=1e-6, name="norm_mlp")
        self.fc1 = keras.layers.Dense(int(mlp_ratio * dim), activation="gelu", name="fc1")
        self.fc2 = keras.layers.Dense(dim, name="fc2")

    def build(self, x_shape):
        self.queries = self.add_weight(
            shape=(self.n_queries, self.dim), initializer=keras.initializers.TruncatedNormal(stddev=0.02), name="queries"
        )
        q_shape = (x_shape[0], self.n_queries, self.dim)
        self.norm_q.build(q_shape)
        self.norm_x.build(x_shape)
        self.attn.build(q_shape, x_shape)
        self.norm_mlp.build(q_shape)
        self.fc1.build(q_shape)
        self.fc2.build(q_shape[:-1] + (int(self.mlp_ratio * self.dim),))

    def call(self, x_btd):
        b = ops.shape(x_btd)[0]
        q = ops.broadcast_to(self.queries[None], (b, self.n_queries, self.dim))
        kv = self.norm_x(x_btd)
        q = q + self.attn(self.norm_q(q), kv)
        q = q + self.fc2(self.fc1(self.norm_mlp(q)))
        return ops.mean(q, axis=1)

    def compute_output_shape(self, x_shape):
        return (x_shape[0], self.dim)

    def get_config(self):
        return {
            **super().get_config(),
            "dim": self.dim,
            "n_heads": self.n_heads,
            "n_queries": self.n_queries,
            "mlp_ratio": self.mlp_ratio,
        }


def attentive_probe(n_tokens, dim, n_classes, cfg):
    """tokens (batch, t, d) [, cls ignored] -> logits: [Dense(dim)] -> blocks -> pooler -> LN -> Dense(C)."""
    tokens = keras.Input((n_tokens, dim), name="tokens")
    cls = keras.Input((dim,), name="cls")  # unused; keeps one input signature for token probes
    x = tokens
    width = dim
    if cfg.dim:
        x, width = keras.layers.Dense(cfg.dim, name="proj")(x), cfg.dim
    for i in range(cfg.depth):
        x = TransformerBlock(width, cfg.n_heads, mlp_ratio=cfg.mlp_ratio, mlp="gelu", qk_norm=False, name=f"block_{i}")(x)
    h = AttentivePooler(width, cfg.n_heads, cfg.n_queries, cfg.mlp_ratio, name="pooler")(x)
    h = keras.layers.LayerNormalization(epsilon=1e-6, name="norm")(h)
    logits = keras.layers.Dense(n_classes, name="head")(h)
    return keras.Model([tokens, cls], logits, name="attentive_probe")


# --------------------------------------------------------------------------- fitting


class ValidationScore(keras.callbacks.Callback):
    """Writes `name` = score_fn(y_valid, probabilities) into each epoch's logs (for EarlyStopping).

    `x_valid` is the model input, or a Features object for token probes.
    """

    def __init__(self, x_valid, y_valid, score_fn, multi_label, name="val_score"):
        super().__init__()
        self.x_valid, self.y_valid, self.score_fn = x_valid, y_valid, score_fn
        self.multi_label, self.name = multi_label, name

    def on_epoch_end(self, epoch, logs=None):
        if hasattr(self.x_valid, "token_inputs"):
            logits = predict_tokens(self.model, self.x_valid)
        else:
            logits = self.model.predict(self.x_valid, batch_size=1024, verbose=0)
        score = self.score_fn(self.y_valid, _probabilities(logits, self.multi_label))
        if logs is not None:
            logs[self.name] = float(score) if np.isfinite(score) else -np.inf


@dataclasses.dataclass
class ProbeResult:
    """Class probabilities for each scored split, plus training facts."""

    scores: list
    epochs: int
    best_val: float  # best monitored validation value (loss, or the selection score)


def _monitor(valid_input, y_valid, select, multi_label):
    """(callbacks-to-prepend, monitored key, mode) for early stopping."""
    if select is None:
        return [], "val_loss", "min"
    return [ValidationScore(valid_input, y_valid, select, multi_label)], "val_score", "max"


def _best(history, key, mode):
    vals = history.history[key]
    return float(np.max(vals) if mode == "max" else np.min(vals))


def _fit(model, x_tr, y_tr, x_va, y_va, cfg, multi_label, optimizer, verbose=0, monitor=([], "val_loss", "min")):
    model.compile(optimizer=optimizer, loss=_loss(multi_label))
    extra, key, mode = monitor
    stop = keras.callbacks.EarlyStopping(monitor=key, mode=mode, patience=cfg.patience, restore_best_weights=True)
    history = model.fit(
        x_tr,
        y_tr.astype("float32"),
        validation_data=(x_va, y_va.astype("float32")),
        epochs=cfg.epochs,
        batch_size=min(cfg.batch_size, len(y_tr)),
        shuffle=True,
        callbacks=[*extra, stop],
        verbose=verbose,
    )
    return len(history.history["loss"]), _best(history, key, mode)


def fit_and_score(kind, train, valid, score_splits, *, multi_label, cfg, seed, select=None, verbose=0):
    """Fit probe `kind` on `train` (Features), early-stop on `valid`, return scores on `score_splits`.

    Args:
        kind: "linear", "prototypical" or "attentive".
        cfg: a `ProbesConfig` (its section for `kind` is used).
        select: None stops on the validation loss; a function
            (y_true, probabilities) -> score stops on that score (higher is
            better), e.g. the task's primary metric; the best epoch's weights
            are kept either way.
    """
    keras.utils.set_random_seed(seed)
    n_classes = train.labels.shape[1]
    if kind == "linear":
        c = cfg.linear
        x_tr, x_va, *x_sc = standardize(
            np.asarray(train.embedding, np.float32), np.asarray(valid.embedding, np.float32), *[np.asarray(s.embedding, np.float32) for s in score_splits]
        )
        reps = epoch_repeats(len(x_tr), c.min_epoch_examples)
        extra, key, mode = _monitor(x_va, valid.labels, select, multi_label)
        model, history = train_linear_probe(
            np.tile(x_tr, (reps, 1)), np.tile(train.labels, (reps, 1)), x_va, valid.labels, multi_label=multi_label, epochs=c.epochs,
            batch_size=min(c.batch_size, len(x_tr)), learning_rate=c.learning_rate,
            weight_decay=c.weight_decay, patience=c.patience, seed=seed, verbose=verbose,
            monitor=(extra[0], key, mode) if extra else None,
        )  # fmt: skip
        scores = [predict_scores(model, x, multi_label=multi_label) for x in x_sc]
        return ProbeResult(scores, len(history.history["loss"]), _best(history, key, mode))

    x_tr, x_va = train.token_inputs(), valid.token_inputs()
    n_tokens, dim = x_tr[0].shape[1], x_tr[0].shape[2]
    if kind == "prototypical":
        c = cfg.prototypical
        model = PrototypicalProbe(n_tokens, dim, n_classes, c, name="prototypical_probe")
    elif kind == "attentive":
        c = cfg.attentive
        model = attentive_probe(n_tokens, dim, n_classes, c)
    else:
        raise ValueError(f"unknown probe {kind!r}")
    optimizer = keras.optimizers.AdamW(c.learning_rate, weight_decay=c.weight_decay)
    reps = epoch_repeats(len(train), c.min_epoch_examples)
    x_tr = [np.tile(a, (reps,) + (1,) * (a.ndim - 1)) for a in x_tr]
    y_tr = np.tile(train.labels, (reps, 1))
    monitor = _monitor(valid, valid.labels, select, multi_label)
    epochs, best = _fit(model, x_tr, y_tr, list(x_va), valid.labels, c, multi_label, optimizer, verbose, monitor)
    scores = [_probabilities(predict_tokens(model, split), multi_label) for split in score_splits]
    return ProbeResult(scores, epochs, best)


def predict_tokens(model, feats, chunk=4096, batch_size=256):
    """Logits of a token probe over Features, reading (memory-mapped) tokens `chunk` rows at a time."""
    out = []
    for start in range(0, len(feats), chunk):
        tokens, cls = feats.subset(slice(start, start + chunk)).token_inputs()
        out.append(np.asarray(model.predict([tokens, cls], batch_size=batch_size, verbose=0)))
    return np.concatenate(out)
