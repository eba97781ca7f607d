"""Multi-head self-attention with optional QK-norm and 2D RoPE."""

import keras
from keras import ops

from birdjepa_keras.layers.rope import apply_rope


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Attention(keras.layers.Layer):
    """Self-attention over `x_bsd` with q/k/v/o as separate 2-D `Dense` kernels.

    Separate (dim, dim) kernels keep every projection an exact matrix, which
    is what Muon orthogonalises.

    Args:
        dim: model width d.
        n_heads: heads; head_dim = dim // n_heads.
        qk_norm: RMS-normalise q and k per head (learned scale of head_dim).
        use_bias: bias on the q/k/v/o projections.
        scale: logit scale; None means 1/sqrt(head_dim) (muP uses 1/head_dim).
        flash_attention: passed to `keras.ops.dot_product_attention`
            (None lets Keras decide; True needs a GPU).

    Call:
        x_bsd: (batch, seq, dim).
        rope: optional (cos_bsh, sin_bsh) from `rope_angles`.

    Returns:
        (batch, seq, dim).
    """

    def __init__(
        self,
        dim,
        n_heads,
        qk_norm=True,
        use_bias=True,
        scale=None,
        flash_attention=None,
        kernel_initializer="glorot_uniform",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if dim % n_heads:
            raise ValueError(f"dim {dim} is not divisible by n_heads {n_heads}")
        self.dim = dim
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.qk_norm = qk_norm
        self.use_bias = use_bias
        self.scale = scale
        self.flash_attention = flash_attention
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

        def dense(name):
            return keras.layers.Dense(
                dim,
                use_bias=use_bias,
                kernel_initializer=self.kernel_initializer,
                dtype=self.dtype_policy,
                name=name,
            )

        self.q_proj, self.k_proj, self.v_proj, self.o_proj = (dense(n) for n in ("q", "k", "v", "o"))
        if qk_norm:
            self.q_norm = keras.layers.RMSNormalization(epsilon=1e-6, dtype=self.dtype_policy, name="q_norm")
            self.k_norm = keras.layers.RMSNormalization(epsilon=1e-6, dtype=self.dtype_policy, name="k_norm")

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        for proj in (self.q_proj, self.k_proj, self.v_proj):
            proj.build(input_shape)
        self.o_proj.build(input_shape[:-1] + (self.dim,))
        if self.qk_norm:
            head_shape = input_shape[:-1] + (self.n_heads, self.head_dim)
            self.q_norm.build(head_shape)
            self.k_norm.build(head_shape)

    def call(self, x_bsd, rope=None):
        b = ops.shape(x_bsd)[0]
        s = ops.shape(x_bsd)[1]

        def heads(t):
            return ops.reshape(t, (b, s, self.n_heads, self.head_dim))

        q_bshd = heads(self.q_proj(x_bsd))
        k_bshd = heads(self.k_proj(x_bsd))
        v_bshd = heads(self.v_proj(x_bsd))
        if self.qk_norm:
            q_bshd = self.q_norm(q_bshd)
            k_bshd = self.k_norm(k_bshd)
        if rope is not None:
            cos_bsh, sin_bsh = rope
            q_bshd = apply_rope(q_bshd, cos_bsh, sin_bsh)
            k_bshd = apply_rope(k_bshd, cos_bsh, sin_bsh)
        scale = self.scale if self.scale is not None else self.head_dim**-0.5
        o_bshd = ops.dot_product_attention(
            q_bshd, k_bshd, v_bshd, scale=scale, flash_attention=self.flash_attention
        )
        return self.o_proj(ops.reshape(o_bshd, (b, s, self.dim)))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "dim": self.dim,
            "n_heads": self.n_heads,
            "qk_norm": self.qk_norm,
            "use_bias": self.use_bias,
            "scale": self.scale,
            "flash_attention": self.flash_attention,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }
