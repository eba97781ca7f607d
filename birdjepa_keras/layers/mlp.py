"""Transformer feed-forward: SwiGLU or GELU MLP."""

import keras
from keras import ops


def swiglu_hidden(dim, mlp_ratio=4.0, multiple_of=8):
    """SwiGLU hidden width that keeps the parameter count of a `mlp_ratio` GELU MLP."""
    hidden = int(2 * mlp_ratio * dim / 3)
    return multiple_of * ((hidden + multiple_of - 1) // multiple_of)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class MLP(keras.layers.Layer):
    """Position-wise MLP on `x_bsd`.

    Args:
        dim: input and output width.
        hidden_dim: hidden width (use `swiglu_hidden` for parameter parity).
        kind: "swiglu" (silu(x W1) * (x W3), then W2) or "gelu".
        use_bias: bias on the projections.

    Call:
        x_bsd: (batch, seq, dim) -> (batch, seq, dim).
    """

    def __init__(self, dim, hidden_dim, kind="swiglu", use_bias=True, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        if kind not in ("swiglu", "gelu"):
            raise ValueError(f"MLP kind must be 'swiglu' or 'gelu', got {kind!r}")
        self.dim = dim
        self.hidden_dim = hidden_dim
        self.kind = kind
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

        def dense(units, name):
            return keras.layers.Dense(
                units, use_bias=use_bias, kernel_initializer=self.kernel_initializer, dtype=self.dtype_policy, name=name
            )

        self.fc1 = dense(hidden_dim, "fc1")
        self.fc3 = dense(hidden_dim, "fc3") if kind == "swiglu" else None
        self.fc2 = dense(dim, "fc2")

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        self.fc1.build(input_shape)
        if self.fc3 is not None:
            self.fc3.build(input_shape)
        self.fc2.build(input_shape[:-1] + (self.hidden_dim,))

    def call(self, x_bsd):
        if self.kind == "swiglu":
            h_bsh = ops.silu(self.fc1(x_bsd)) * self.fc3(x_bsd)
        else:
            h_bsh = ops.gelu(self.fc1(x_bsd), approximate=False)
        return self.fc2(h_bsh)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)[:-1] + (self.dim,)

    def get_config(self):
        return {
            **super().get_config(),
            "dim": self.dim,
            "hidden_dim": self.hidden_dim,
            "kind": self.kind,
            "use_bias": self.use_bias,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }
