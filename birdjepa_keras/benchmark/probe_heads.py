"""Probe heads on frozen tokens: Bird-MAE's prototypical head, V-JEPA / AIM attentive poolers, the linear head.

Models only; how they are fitted and scored is `probes.py`.
"""

import keras
import numpy as np
from keras import ops

from birdjepa_keras.layers.block import TransformerBlock


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


# The keywords of `PrototypicalProbe` and `attentive_probe` beyond the token shape and class
# count (benchmark.probes takes them out of a probe's keyword set).
PROTOTYPICAL_KEYS = ("prototypes_per_class", "prototype_lr_scale", "bias_init", "relu_on_cos", "subtract_cls", "orthogonality_weight")
ATTENTIVE_KEYS = ("style", "dim", "depth", "n_heads", "n_queries", "mlp_ratio")


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class PrototypicalProbe(keras.Model):
    """tokens (batch, t, d), cls (batch, d) -> logits; the loss adds the orthogonality term.

    Args:
        n_tokens, dim, n_classes: token shape (t, d) and C.
        prototypes_per_class, prototype_lr_scale, bias_init, relu_on_cos: `PrototypeHead`'s
            J, lr_scale, bias_init and relu_on_cos.
        subtract_cls: score z = tokens - cls (Bird-MAE's "focal similarity"), else the tokens.
        orthogonality_weight: weight of `PrototypeHead.orthogonality` in the loss.
    """

    def __init__(
        self, n_tokens, dim, n_classes, *, prototypes_per_class, prototype_lr_scale, bias_init, relu_on_cos,
        subtract_cls, orthogonality_weight, **kwargs,
    ):  # fmt: skip
        tokens = keras.Input((n_tokens, dim), name="tokens")
        cls = keras.Input((dim,), name="cls")
        z = tokens - ops.expand_dims(cls, 1) if subtract_cls else tokens
        head = PrototypeHead(n_classes, prototypes_per_class, prototype_lr_scale, bias_init, relu_on_cos, name="prototypes")
        super().__init__([tokens, cls], head(z), **kwargs)
        self.head = head
        self.n_tokens, self.dim, self.n_classes = n_tokens, dim, n_classes
        self.prototypes_per_class, self.prototype_lr_scale = prototypes_per_class, prototype_lr_scale
        self.bias_init, self.relu_on_cos, self.subtract_cls = bias_init, relu_on_cos, subtract_cls
        self.orthogonality_weight = orthogonality_weight

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        loss = super().compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)
        return loss + self.orthogonality_weight * self.head.orthogonality()

    def get_config(self):
        names = ("n_tokens", "dim", "n_classes", *PROTOTYPICAL_KEYS)
        return {"name": self.name, "trainable": self.trainable, **{k: getattr(self, k) for k in names}}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


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


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class AimPooler(keras.layers.Layer):
    """Bird-MAE's attentive pooling (AIM): learned queries attend over the tokens.

    github houtan-ghaffari/Bird-SSL `models/components/attentive_pooling.py`:
    queries initialised N(0, 0.02), bias-free key and value projections, no
    query projection, no output projection, MLP or residual; the mean over
    queries. Bird-MAE then applies `fc_norm` (LayerNorm) and the head.

    Call:
        x_btd: (batch, tokens, dim) -> (batch, dim).
    """

    def __init__(self, dim, n_heads=4, n_queries=1, **kwargs):
        super().__init__(**kwargs)
        if dim % n_heads:
            raise ValueError(f"attentive probe: n_heads {n_heads} does not divide the token width {dim}")
        self.dim, self.n_heads, self.n_queries = dim, n_heads, n_queries
        self.k = keras.layers.Dense(dim, use_bias=False, name="k")
        self.v = keras.layers.Dense(dim, use_bias=False, name="v")

    def build(self, x_shape):
        self.queries = self.add_weight(
            shape=(self.n_queries, self.dim), initializer=keras.initializers.RandomNormal(stddev=0.02), name="queries"
        )
        self.k.build(x_shape)
        self.v.build(x_shape)

    def call(self, x_btd):
        h, dh = self.n_heads, self.dim // self.n_heads
        b, t = ops.shape(x_btd)[0], ops.shape(x_btd)[1]
        q_qhd = ops.reshape(self.queries, (self.n_queries, h, dh))
        k_bthd = ops.reshape(self.k(x_btd), (b, t, h, dh))
        v_bthd = ops.reshape(self.v(x_btd), (b, t, h, dh))
        logits_bhqt = ops.einsum("qhd,bthd->bhqt", q_qhd, k_bthd) / float(np.sqrt(dh))
        out_bqhd = ops.einsum("bhqt,bthd->bqhd", ops.softmax(logits_bhqt, axis=-1), v_bthd)
        return ops.mean(ops.reshape(out_bqhd, (b, self.n_queries, self.dim)), axis=1)

    def compute_output_shape(self, x_shape):
        return (x_shape[0], self.dim)

    def get_config(self):
        return {**super().get_config(), "dim": self.dim, "n_heads": self.n_heads, "n_queries": self.n_queries}


def attentive_probe(n_tokens, token_dim, n_classes, *, style, dim, depth, n_heads, n_queries, mlp_ratio):
    """tokens (batch, t, token_dim) [, cls ignored] -> logits: [Dense(dim)] -> blocks -> pooler -> LN -> Dense(C).

    Args:
        style: the pooler, "vjepa" (`AttentivePooler`) or "aim" (`AimPooler`).
        dim: project the tokens to this width first (0 = keep token_dim).
        depth: `TransformerBlock`s (gelu MLP, no qk-norm) before the pooler.
        n_heads, n_queries, mlp_ratio: shape of the blocks and the pooler (AIM has no MLP).
    """
    tokens = keras.Input((n_tokens, token_dim), name="tokens")
    cls = keras.Input((token_dim,), name="cls")  # unused; keeps one input signature for token probes
    x = tokens
    width = token_dim
    if dim:
        x, width = keras.layers.Dense(dim, name="proj")(x), dim
    for i in range(depth):
        x = TransformerBlock(width, n_heads, mlp_ratio=mlp_ratio, mlp="gelu", qk_norm=False, name=f"block_{i}")(x)
    if style == "aim":
        h = AimPooler(width, n_heads, n_queries, name="pooler")(x)
    else:
        h = AttentivePooler(width, n_heads, n_queries, mlp_ratio, name="pooler")(x)
    h = keras.layers.LayerNormalization(epsilon=1e-6, name="norm")(h)
    logits = keras.layers.Dense(n_classes, name="head")(h)
    return keras.Model([tokens, cls], logits, name="attentive_probe")


def linear_model(dim, n_classes):
    return keras.Sequential([keras.Input((dim,)), keras.layers.Dense(n_classes, name="probe")], name="linear_probe")
