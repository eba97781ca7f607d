"""Pixio: masked autoencoding with a deep decoder, block masking and CLS tokens in the decoder."""

import contextlib

import keras
from keras import ops

from birdjepa_keras.layers.block import TransformerBlock, make_norm
from birdjepa_keras.layers.rope import rope_angles
from birdjepa_keras.objectives.base import PretrainingObjective
from birdjepa_keras.objectives.masking import block_mask_order, gather_tokens, n_masked


def normalize_patches(x_bmk, eps=1e-6):
    """Per-patch normalised targets (MAE norm-pix): zero mean, unit variance over k."""
    x_bmk = ops.cast(x_bmk, "float32")
    mean = ops.mean(x_bmk, axis=-1, keepdims=True)
    var = ops.var(x_bmk, axis=-1, keepdims=True)
    return (x_bmk - mean) / ops.sqrt(var + eps)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Pixio(PretrainingObjective):
    """Pixio pretraining model; `fit` it on waveforms, the loss is built in.

    The encoder sees only the visible patches; the decoder sees the encoder's
    CLS tokens, the visible tokens and one mask token per masked patch, all
    placed by their grid positions, and predicts the masked patches.

    Args:
        frontend: waveform -> (batch, time, mel) layer, e.g. `LogMel`.
        encoder: a `ViTEncoder`.
        decoder_dim, decoder_depth, decoder_heads, decoder_mlp_ratio: decoder shape.
        mask_ratio: fraction of patches masked (exact count per example).
        block_size: (time, mel) mask block size in patches.
        norm_pix: predict per-patch-normalised targets.
        seed: seed of the masking RNG.
        online_probe: optional `OnlineProbe` on the whole clip's encoder tokens.

    Call:
        wave_bs: (batch, samples) float waveform.

    Returns:
        dict with pred_bmk and target_bmk, (batch, n_masked, k) each, and
        cls_bcd, the encoder's CLS tokens (batch, n_cls, dim); probe_logits_bc
        (batch, classes) with a probe.
    """

    def __init__(
        self,
        frontend,
        encoder,
        decoder_dim=256,
        decoder_depth=4,
        decoder_heads=8,
        decoder_mlp_ratio=4.0,
        mask_ratio=0.75,
        block_size=(2, 2),
        norm_pix=True,
        seed=0,
        online_probe=None,
        **kwargs,
    ):
        super().__init__(frontend, encoder, online_probe=online_probe, **kwargs)
        self.decoder_dim = decoder_dim
        self.decoder_depth = decoder_depth
        self.decoder_heads = decoder_heads
        self.decoder_mlp_ratio = decoder_mlp_ratio
        self.mask_ratio = mask_ratio
        self.block_size = tuple(block_size)
        self.norm_pix = norm_pix
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed, name="mask_seed")
        self.decoder_embed = keras.layers.Dense(decoder_dim, name="decoder_embed")
        # The decoder rematerialises like the encoder (RematScope must wrap layer creation).
        with keras.RematScope(mode=encoder.remat) if encoder.remat else contextlib.nullcontext():
            self.decoder_blocks = self._make_decoder_blocks(encoder)
        self.decoder_norm = make_norm(encoder.norm, "decoder_norm")
        k = encoder.patch_size[0] * encoder.patch_size[1]
        self.pixel_head = keras.layers.Dense(k, name="pixel_head")
        self.mask_token = self.add_weight(
            shape=(decoder_dim,), initializer=keras.initializers.TruncatedNormal(stddev=0.02), name="mask_token"
        )
        if not encoder.use_rope:
            rows, cols = encoder.grid_shape
            self.decoder_pos = self.add_weight(
                shape=(rows * cols, decoder_dim),
                initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                name="decoder_pos",
            )

    def _make_decoder_blocks(self, encoder):
        return [
            TransformerBlock(
                self.decoder_dim,
                self.decoder_heads,
                mlp_ratio=self.decoder_mlp_ratio,
                mlp=encoder.mlp,
                qk_norm=encoder.qk_norm,
                norm=encoder.norm,
                flash_attention=encoder.flash_attention,
                name=f"decoder_block_{i}",
            )
            for i in range(self.decoder_depth)
        ]

    @property
    def grid_shape(self):
        return self.encoder.grid_shape

    @property
    def n_patches(self):
        return self.grid_shape[0] * self.grid_shape[1]

    @property
    def n_masked(self):
        return n_masked(self.n_patches, self.mask_ratio)

    def call(self, wave_bs, training=False):
        # Pass `training` on: Keras's stateless (JAX) train step calls `call` directly, so a
        # nested layer would otherwise see training=None and skip its augmentation.
        mel_btf = self.frontend(wave_bs, training=training)
        tokens_bnk, grid_bn2 = self.encoder.patchify(mel_btf)
        if tuple(tokens_bnk.shape[1:2]) != (self.n_patches,):
            raise ValueError(
                f"frontend gives {tokens_bnk.shape[1]} patches but the encoder grid {self.grid_shape} "
                f"has {self.n_patches}"
            )
        b = ops.shape(wave_bs)[0]
        m = self.n_masked
        order_bn = block_mask_order(b, self.grid_shape, self.block_size, self.seed_generator)
        masked_bm, visible_bv = order_bn[:, :m], order_bn[:, m:]
        grid_vis = gather_tokens(grid_bn2, visible_bv)
        grid_msk = gather_tokens(grid_bn2, masked_bm)

        cls_bcd, x_bvd = self.encoder(gather_tokens(tokens_bnk, visible_bv), grid_vis, training=training)

        dec_cls = self.decoder_embed(cls_bcd)
        dec_vis = self.decoder_embed(x_bvd)
        mask_bmd = ops.broadcast_to(ops.cast(self.mask_token, dec_vis.dtype)[None, None], (b, m, self.decoder_dim))
        x_bnd = ops.concatenate([dec_vis, mask_bmd], axis=1)
        grid_dec = ops.concatenate([grid_vis, grid_msk], axis=1)
        rope = None
        if self.encoder.use_rope:
            rope = rope_angles(
                grid_dec,
                self.decoder_dim // self.decoder_heads,
                self.encoder.rope_max_wavelength,
                n_prefix=self.encoder.n_cls,
            )
        else:
            idx_bn = grid_dec[..., 0] * self.grid_shape[1] + grid_dec[..., 1]
            x_bnd = x_bnd + ops.cast(ops.take(self.decoder_pos, idx_bn, axis=0), x_bnd.dtype)
        x_bsd = ops.concatenate([dec_cls, x_bnd], axis=1)
        for block in self.decoder_blocks:
            x_bsd = block(x_bsd, rope=rope, training=training)
        x_bsd = self.decoder_norm(x_bsd)
        pred_bmk = self.pixel_head(x_bsd[:, -m:])

        target_bmk = gather_tokens(tokens_bnk, masked_bm)
        if self.norm_pix:
            target_bmk = normalize_patches(target_bmk)
        out = {"pred_bmk": pred_bmk, "target_bmk": ops.cast(target_bmk, "float32"), "cls_bcd": cls_bcd}
        return self.add_probe_outputs(out, mel_btf, training=training)

    def objective_loss(self, x, y, y_pred, training):
        """Mean squared error over the masked patches only (fp32)."""
        err_bmk = ops.cast(y_pred["pred_bmk"], "float32") - y_pred["target_bmk"]
        return ops.mean(ops.square(err_bmk))

    def get_config(self):
        return {
            **super().get_config(),
            "decoder_dim": self.decoder_dim,
            "decoder_depth": self.decoder_depth,
            "decoder_heads": self.decoder_heads,
            "decoder_mlp_ratio": self.decoder_mlp_ratio,
            "mask_ratio": self.mask_ratio,
            "block_size": self.block_size,
            "norm_pix": self.norm_pix,
            "seed": self.seed,
        }
