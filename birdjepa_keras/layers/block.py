"""Pre-norm transformer block: x + attn(norm(x)), then x + mlp(norm(x))."""

import keras

from birdjepa_keras.layers.attention import Attention
from birdjepa_keras.layers.mlp import MLP, swiglu_hidden


def make_norm(kind, name, dtype=None):
    """LayerNorm or RMSNorm over the last axis (eps 1e-6)."""
    if kind == "layernorm":
        return keras.layers.LayerNormalization(epsilon=1e-6, name=name, dtype=dtype)
    if kind == "rmsnorm":
        return keras.layers.RMSNormalization(epsilon=1e-6, name=name, dtype=dtype)
    raise ValueError(f"norm must be 'layernorm' or 'rmsnorm', got {kind!r}")


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class TransformerBlock(keras.layers.Layer):
    """One pre-norm ViT block.

    Args:
        dim, n_heads: width and heads.
        mlp_ratio: MLP hidden = mlp_ratio * dim (GELU) or the parameter-matched
            SwiGLU width.
        mlp: "swiglu" or "gelu".
        qk_norm: RMS-normalise q and k.
        norm: "layernorm" or "rmsnorm".
        attn_scale: attention logit scale (None = 1/sqrt(head_dim)).
        flash_attention: forwarded to attention.

    Call:
        x_bsd: (batch, seq, dim); rope: optional (cos_bsh, sin_bsh).
    """

    def __init__(
        self,
        dim,
        n_heads,
        mlp_ratio=4.0,
        mlp="swiglu",
        qk_norm=True,
        norm="layernorm",
        attn_scale=None,
        flash_attention=None,
        kernel_initializer="glorot_uniform",
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.dim = dim
        self.n_heads = n_heads
        self.mlp_ratio = mlp_ratio
        self.mlp_kind = mlp
        self.qk_norm = qk_norm
        self.norm_kind = norm
        self.attn_scale = attn_scale
        self.flash_attention = flash_attention
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        hidden = swiglu_hidden(dim, mlp_ratio) if mlp == "swiglu" else int(mlp_ratio * dim)
        policy = self.dtype_policy
        self.norm1 = make_norm(norm, "norm1", policy)
        self.attn = Attention(
            dim,
            n_heads,
            qk_norm=qk_norm,
            scale=attn_scale,
            flash_attention=flash_attention,
            kernel_initializer=self.kernel_initializer,
            dtype=policy,
            name="attn",
        )
        self.norm2 = make_norm(norm, "norm2", policy)
        self.mlp = MLP(dim, hidden, kind=mlp, kernel_initializer=self.kernel_initializer, dtype=policy, name="mlp")

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        for layer in (self.norm1, self.attn, self.norm2, self.mlp):
            layer.build(input_shape)

    def call(self, x_bsd, rope=None):
        x_bsd = x_bsd + self.attn(self.norm1(x_bsd), rope=rope)
        return x_bsd + self.mlp(self.norm2(x_bsd))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "dim": self.dim,
            "n_heads": self.n_heads,
            "mlp_ratio": self.mlp_ratio,
            "mlp": self.mlp_kind,
            "qk_norm": self.qk_norm,
            "norm": self.norm_kind,
            "attn_scale": self.attn_scale,
            "flash_attention": self.flash_attention,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }
