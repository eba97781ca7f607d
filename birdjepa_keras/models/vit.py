"""ViT encoder: owns its patching (`patchify`), encodes any subset of tokens by their (row, col) grid."""

import contextlib

import keras
from keras import ops

from birdjepa_keras.layers.block import TransformerBlock, make_norm
from birdjepa_keras.layers.patches import Patchify
from birdjepa_keras.layers.rope import rope_angles
from birdjepa_keras.models.presets import preset_kwargs


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class ViTEncoder(keras.layers.Layer):
    """Transformer encoder that sees only the tokens it is given.

    `encoder.patchify(mel_btf)` cuts a spectrogram into the encoder's patches
    (its own `Patchify`, the one place the patch size is applied); the caller
    may then drop or reorder tokens (MAE masking, crop views): positions come
    from `grid_bn2`, so any subset of patches in any order can be encoded.
    `ViTEncoder.from_preset("vit_s", patch_size=(16, 16), ...)` builds a named
    shape (`models.presets`) with overrides. That the spectrogram tiles into
    patches is checked once, when the recipe is validated (`config`).

    Args:
        patch_size: (time, mel) patch size; token width k = prod(patch_size).
        grid_shape: (rows, cols) of the full patch grid; sizes the learned
            absolute position table when `use_rope` is False.
        dim, depth, n_heads, mlp_ratio: transformer shape.
        mlp: "swiglu" or "gelu".
        qk_norm: RMSNorm on q and k.
        norm: "layernorm" or "rmsnorm".
        use_rope: 2D RoPE on (row, col) (else learned absolute positions).
        rope_max_wavelength: RoPE base.
        n_cls: CLS tokens (prepended, returned).
        n_registers: register tokens (prepended after CLS, discarded).
        attn_scale: attention logit scale (None = 1/sqrt(head_dim)).
        flash_attention: forwarded to attention (True needs a GPU).
        remat: None or a `keras.RematScope` mode (e.g. "full") for the blocks.

    Call:
        tokens_bnk: (batch, n, k) patch values.
        grid_bn2: (batch, n, 2) int (row, col).
        layer: None (the output) or the depth to stop at for probing: 0 =
            the patch embedding, k = after block k, `depth` = the output. A
            layer before the output is layer-normed without parameters (its
            residual stream has no trained norm of its own).

    Returns:
        cls_bcd: (batch, n_cls, dim) final-normed CLS tokens.
        x_bnd: (batch, n, dim) final-normed patch tokens.
    """

    def __init__(
        self,
        patch_size=(16, 16),
        grid_shape=(32, 8),
        dim=384,
        depth=12,
        n_heads=6,
        mlp_ratio=4.0,
        mlp="swiglu",
        qk_norm=True,
        norm="layernorm",
        use_rope=True,
        rope_max_wavelength=100.0,
        n_cls=1,
        n_registers=0,
        attn_scale=None,
        flash_attention=None,
        remat=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if n_cls < 1:
            raise ValueError("n_cls must be >= 1")
        self.patch_size = tuple(int(p) for p in patch_size)
        self.grid_shape = tuple(int(g) for g in grid_shape)
        self.dim = dim
        self.depth = depth
        self.n_heads = n_heads
        self.mlp_ratio = mlp_ratio
        self.mlp = mlp
        self.qk_norm = qk_norm
        self.norm = norm
        self.use_rope = use_rope
        self.rope_max_wavelength = rope_max_wavelength
        self.n_cls = n_cls
        self.n_registers = n_registers
        self.attn_scale = attn_scale
        self.flash_attention = flash_attention
        self.remat = remat
        policy = self.dtype_policy
        # No weights, so adding it left the variable paths (and older encoder.keras files) as they were.
        self.patch_layer = Patchify(self.patch_size, dtype=policy, name="patchify")
        self.patch_embed = keras.layers.Dense(dim, dtype=policy, name="patch_embed")
        with keras.RematScope(mode=remat) if remat else contextlib.nullcontext():
            self.blocks = [
                TransformerBlock(
                    dim,
                    n_heads,
                    mlp_ratio=mlp_ratio,
                    mlp=mlp,
                    qk_norm=qk_norm,
                    norm=norm,
                    attn_scale=attn_scale,
                    flash_attention=flash_attention,
                    dtype=policy,
                    name=f"block_{i}",
                )
                for i in range(depth)
            ]
        self.final_norm = make_norm(norm, "final_norm", policy)

    @classmethod
    def from_preset(cls, preset, **overrides):
        """The encoder of preset `preset` (`models.presets`), any constructor argument overridden."""
        return cls(**{**preset_kwargs(preset), **overrides})

    def patchify(self, mel_btf):
        """(batch, time, mel) -> tokens_bnk (batch, n, k), grid_bn2 (batch, n, 2) int32; see `Patchify`."""
        return self.patch_layer(mel_btf)

    def encode(self, mel_btf, training=None):
        """A whole spectrogram -> (cls_bcd, x_bnd): `patchify`, then the encoder on every token."""
        tokens_bnk, grid_bn2 = self.patchify(mel_btf)
        return self(tokens_bnk, grid_bn2, training=training)

    @property
    def head_dim(self):
        return self.dim // self.n_heads

    @property
    def n_prefix(self):
        return self.n_cls + self.n_registers

    def build(self, tokens_bnk_shape, grid_bn2_shape=None):
        init = keras.initializers.TruncatedNormal(stddev=0.02)
        self.patch_embed.build(tokens_bnk_shape)
        self.cls_tokens = self.add_weight(shape=(self.n_cls, self.dim), initializer=init, name="cls_tokens")
        if self.n_registers:
            self.registers = self.add_weight(shape=(self.n_registers, self.dim), initializer=init, name="registers")
        if not self.use_rope:
            rows, cols = self.grid_shape
            self.pos_embed = self.add_weight(shape=(rows * cols, self.dim), initializer=init, name="pos_embed")
        seq_shape = (tokens_bnk_shape[0], None, self.dim)
        for block in self.blocks:
            block.build(seq_shape)
        self.final_norm.build(seq_shape)

    def call(self, tokens_bnk, grid_bn2, layer=None):
        layer = self.depth if layer is None else self.check_layer(layer)
        b = ops.shape(tokens_bnk)[0]
        x_bnd = self.patch_embed(tokens_bnk)
        if not self.use_rope:
            idx_bn = grid_bn2[..., 0] * self.grid_shape[1] + grid_bn2[..., 1]
            x_bnd = x_bnd + ops.cast(ops.take(self.pos_embed, idx_bn, axis=0), x_bnd.dtype)
        prefix = [self.cls_tokens] + ([self.registers] if self.n_registers else [])
        prefix_pd = ops.cast(ops.concatenate(prefix, axis=0), x_bnd.dtype)
        prefix_bpd = ops.broadcast_to(prefix_pd[None], (b, self.n_prefix, self.dim))
        x_bsd = ops.concatenate([prefix_bpd, x_bnd], axis=1)
        rope = None
        if self.use_rope:
            rope = rope_angles(grid_bn2, self.head_dim, self.rope_max_wavelength, n_prefix=self.n_prefix)
        for block in self.blocks[:layer]:
            x_bsd = block(x_bsd, rope=rope)
        if layer == self.depth:
            x_bsd = self.final_norm(x_bsd)
        else:  # float32 statistics, as the final LayerNorm keeps them under bf16
            x_bsd = ops.cast(ops.layer_normalization(ops.cast(x_bsd, "float32"), epsilon=1e-6), x_bsd.dtype)
        return x_bsd[:, : self.n_cls], x_bsd[:, self.n_prefix :]

    def check_layer(self, layer):
        """`layer` as an int in 0..depth; raises ValueError naming the range."""
        if not isinstance(layer, int) or isinstance(layer, bool) or not 0 <= layer <= self.depth:
            raise ValueError(f"layer must be an int in 0..{self.depth} (0 = patch embedding, {self.depth} = output), got {layer!r}")
        return layer

    def compute_output_spec(self, tokens_bnk, grid_bn2, layer=None):
        b, n, _ = tokens_bnk.shape
        dtype = self.compute_dtype
        return keras.KerasTensor((b, self.n_cls, self.dim), dtype), keras.KerasTensor((b, n, self.dim), dtype)

    def get_config(self):
        return {
            **super().get_config(),
            "patch_size": self.patch_size,
            "grid_shape": self.grid_shape,
            "dim": self.dim,
            "depth": self.depth,
            "n_heads": self.n_heads,
            "mlp_ratio": self.mlp_ratio,
            "mlp": self.mlp,
            "qk_norm": self.qk_norm,
            "norm": self.norm,
            "use_rope": self.use_rope,
            "rope_max_wavelength": self.rope_max_wavelength,
            "n_cls": self.n_cls,
            "n_registers": self.n_registers,
            "attn_scale": self.attn_scale,
            "flash_attention": self.flash_attention,
            "remat": self.remat,
        }

