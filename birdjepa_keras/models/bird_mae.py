"""Bird-MAE (arXiv 2504.12880) encoder in Keras, and a converter from its published weights.

Bird-MAE is a plain timm-style ViT over a Kaldi log-mel spectrogram: the
same frontend as ours (`LogMel` defaults: 32 kHz, 128 mel bins, 512 frames,
(x + 7.2) / (2 * 4.43)), 16x16 patches of the (time=512, mel=128) image
(a 32 x 8 grid, 256 tokens, time-major), one CLS token, fixed 2-D sin-cos
position embeddings (stored in the checkpoint), pre-norm blocks with a fused
qkv projection, exact GELU MLP, LayerNorm eps 1e-6, and "mean" pooling =
`fc_norm(mean of the un-normed patch tokens)`.

Published layout (HF `DBD-research-group/Bird-MAE-{Base,Large,Huge}`,
`model.safetensors` + `config.json`; configuration_bird_mae.py /
the authors' GitHub `DBD-research-group/Bird-MAE`), keys optionally prefixed
`model.`:

    patch_embed.proj.weight (D, 1, 16, 16)   patch_embed.proj.bias (D,)
    cls_token (1, 1, D)                       pos_embed (1, 1 + 256, D)
    blocks.{i}.norm1.{weight,bias}            blocks.{i}.attn.qkv.{weight (3D, D), bias (3D,)}
    blocks.{i}.attn.proj.{weight,bias}        blocks.{i}.norm2.{weight,bias}
    blocks.{i}.mlp.fc1.{weight (H, D),bias}   blocks.{i}.mlp.fc2.{weight (D, H),bias}
    norm.{weight,bias}                        fc_norm.{weight,bias} (mean pooling)

The blocks are our `TransformerBlock` (separate q/k/v Dense kernels, GELU MLP,
no QK-norm, no RoPE); the converter splits qkv and transposes PyTorch
(out, in) matrices into Keras (in, out) kernels.
"""

import json
import os

import keras
import numpy as np
from keras import ops

from birdjepa_keras.layers.block import TransformerBlock
from birdjepa_keras.layers.patches import Patchify

# Heads of the published sizes (config.json has them; shapes alone do not).
HEADS_BY_DIM = {768: 12, 1024: 16, 1280: 16}


def sincos_pos_embed(dim, grid_hw, cls_token=True):
    """Bird-MAE's `get_2d_sincos_pos_embed_flexible`: (1 + h*w, dim) float32, CLS row zero.

    The authors build it on a (mel, time) = (8, 32) grid although tokens come
    time-major from the (512, 128) image; checkpoints store the table, so we
    only need this for random initialisation.
    """
    h, w = grid_hw

    def one_d(d, pos):
        omega = 1.0 / 10000 ** (np.arange(d // 2, dtype=np.float64) / (d / 2.0))
        out = np.outer(pos.reshape(-1), omega)
        return np.concatenate([np.sin(out), np.cos(out)], axis=1)

    gw, gh = np.meshgrid(np.arange(w, dtype=np.float64), np.arange(h, dtype=np.float64))
    emb = np.concatenate([one_d(dim // 2, gw), one_d(dim // 2, gh)], axis=1)
    if cls_token:
        emb = np.concatenate([np.zeros((1, dim)), emb], axis=0)
    return emb.astype("float32")


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class BirdMAEEncoder(keras.layers.Layer):
    """Bird-MAE ViT over patch tokens in time-major order.

    Args:
        dim, depth, n_heads, mlp_ratio: ViT shape (Base 768/12/12/4).
        n_patches: tokens per clip (256 for 16x16 patches of 512x128).
        global_pool: "mean" (fc_norm of the patch mean) or "cls" (normed CLS).

    Call:
        tokens_bnk: (batch, n_patches, 256) flattened 16x16 patches.

    Returns:
        pooled_bd (batch, dim), cls_b1d (batch, 1, dim) and x_bnd
        (batch, n_patches, dim), the last two after the final `norm`.
    """

    def __init__(self, dim=768, depth=12, n_heads=12, mlp_ratio=4.0, n_patches=256, global_pool="mean", **kwargs):
        super().__init__(**kwargs)
        if global_pool not in ("mean", "cls"):
            raise ValueError(f"global_pool must be 'mean' or 'cls', got {global_pool!r}")
        self.dim = dim
        self.depth = depth
        self.n_heads = n_heads
        self.mlp_ratio = mlp_ratio
        self.n_patches = n_patches
        self.global_pool = global_pool
        policy = self.dtype_policy
        self.patch_embed = keras.layers.Dense(dim, dtype=policy, name="patch_embed")
        self.blocks = [
            TransformerBlock(dim, n_heads, mlp_ratio=mlp_ratio, mlp="gelu", qk_norm=False, dtype=policy, name=f"block_{i}")
            for i in range(depth)
        ]
        self.norm = keras.layers.LayerNormalization(epsilon=1e-6, dtype=policy, name="norm")
        self.fc_norm = keras.layers.LayerNormalization(epsilon=1e-6, dtype=policy, name="fc_norm")

    def build(self, tokens_bnk_shape):
        self.patch_embed.build(tokens_bnk_shape)
        self.cls_token = self.add_weight(
            shape=(1, self.dim), initializer=keras.initializers.TruncatedNormal(stddev=0.02), name="cls_token"
        )
        grid = (8, self.n_patches // 8) if self.n_patches % 8 == 0 else (1, self.n_patches)
        table = sincos_pos_embed(self.dim, grid)
        self.pos_embed = self.add_weight(
            shape=(1 + self.n_patches, self.dim),
            initializer=keras.initializers.Constant(table),
            trainable=False,
            name="pos_embed",
        )
        seq_shape = (tokens_bnk_shape[0], None, self.dim)
        for block in self.blocks:
            block.build(seq_shape)
        self.norm.build(seq_shape)
        self.fc_norm.build((tokens_bnk_shape[0], self.dim))

    def call(self, tokens_bnk):
        b = ops.shape(tokens_bnk)[0]
        pos_pd = ops.cast(self.pos_embed, self.compute_dtype)
        x_bnd = self.patch_embed(tokens_bnk) + pos_pd[None, 1:]
        cls_1d = ops.cast(self.cls_token, self.compute_dtype) + pos_pd[:1]
        x_bsd = ops.concatenate([ops.broadcast_to(cls_1d[None], (b, 1, self.dim)), x_bnd], axis=1)
        for block in self.blocks:
            x_bsd = block(x_bsd)
        normed_bsd = self.norm(x_bsd)
        if self.global_pool == "mean":
            pooled_bd = self.fc_norm(ops.mean(x_bsd[:, 1:], axis=1))
        else:
            pooled_bd = normed_bsd[:, 0]
        return pooled_bd, normed_bsd[:, :1], normed_bsd[:, 1:]

    def compute_output_spec(self, tokens_bnk):
        b, n = tokens_bnk.shape[0], tokens_bnk.shape[1]
        dt = self.compute_dtype
        return (
            keras.KerasTensor((b, self.dim), dt),
            keras.KerasTensor((b, 1, self.dim), dt),
            keras.KerasTensor((b, n, self.dim), dt),
        )

    def get_config(self):
        return {
            **super().get_config(),
            "dim": self.dim,
            "depth": self.depth,
            "n_heads": self.n_heads,
            "mlp_ratio": self.mlp_ratio,
            "n_patches": self.n_patches,
            "global_pool": self.global_pool,
        }


def build_bird_mae(dim=768, depth=12, n_heads=12, mlp_ratio=4.0, global_pool="mean", name="bird_mae"):
    """Functional wave_bs (5 s at 32 kHz) -> {"embedding", "cls_tokens", "patch_tokens"}.

    Same interface as our exported `encoder.keras`, so every probe treats it alike.
    """
    from birdjepa_keras.layers.logmel import LogMel

    wave_bs = keras.Input(shape=(160000,), dtype="float32", name="waveform")
    mel_btf = LogMel(name="logmel")(wave_bs)  # the Bird-MAE feature extractor's settings
    tokens_bnk, _ = Patchify((16, 16), name="patchify")(mel_btf)
    encoder = BirdMAEEncoder(dim, depth, n_heads, mlp_ratio, n_patches=256, global_pool=global_pool, name="encoder")
    pooled_bd, cls_b1d, x_bnd = encoder(tokens_bnk)
    outputs = {"embedding": pooled_bd, "cls_tokens": cls_b1d, "patch_tokens": x_bnd}
    return keras.Model(wave_bs, outputs, name=name)


def _strip(state):
    """Drop a leading `model.` (HF wrapper) and `encoder.` (MAE pretraining) prefix."""
    out = {}
    for k, v in state.items():
        for prefix in ("model.", "encoder."):
            if k.startswith(prefix):
                k = k[len(prefix):]
        out[k] = np.asarray(v)
    return out


def config_from_state(state, config=None, n_heads=0):
    """ViT shape from the tensors (and `config.json` fields where given)."""
    config = config or {}
    dim = int(state["cls_token"].shape[-1])
    depth = 1 + max(int(k.split(".")[1]) for k in state if k.startswith("blocks."))
    hidden = int(state["blocks.0.mlp.fc1.weight"].shape[0])
    heads = int(n_heads or config.get("num_heads") or HEADS_BY_DIM.get(dim, 0))
    if not heads:
        raise ValueError(f"Bird-MAE: cannot tell the number of heads of a {dim}-wide model; pass num_heads")
    if config.get("embed_dim", dim) != dim or config.get("depth", depth) != depth:
        raise ValueError(f"Bird-MAE: config.json says {config.get('embed_dim')}/{config.get('depth')}, weights say {dim}/{depth}")
    pool = config.get("global_pool") or ("mean" if "fc_norm.weight" in state else "cls")
    return {"dim": dim, "depth": depth, "n_heads": heads, "mlp_ratio": hidden / dim, "global_pool": pool}


def assign_weights(model, state):
    """Copy a (prefix-stripped) Bird-MAE state dict into a `build_bird_mae` model."""
    enc = model.get_layer("encoder")
    d = enc.dim

    def dense(layer, w, b):
        layer.kernel.assign(np.asarray(w, "float32").T)
        layer.bias.assign(np.asarray(b, "float32"))

    def norm(layer, prefix):
        layer.gamma.assign(np.asarray(state[prefix + ".weight"], "float32"))
        layer.beta.assign(np.asarray(state[prefix + ".bias"], "float32"))

    n_pos = state["pos_embed"].reshape(-1, d).shape[0]
    if n_pos != 1 + enc.n_patches:
        raise ValueError(f"Bird-MAE: pos_embed has {n_pos} rows, the 5 s / 16x16 model needs {1 + enc.n_patches}")
    w = state["patch_embed.proj.weight"]
    dense(enc.patch_embed, w.reshape(w.shape[0], -1), state["patch_embed.proj.bias"])
    enc.cls_token.assign(np.asarray(state["cls_token"], "float32").reshape(1, d))
    enc.pos_embed.assign(np.asarray(state["pos_embed"], "float32").reshape(-1, d))
    for i, block in enumerate(enc.blocks):
        p = f"blocks.{i}."
        qkv_w, qkv_b = state[p + "attn.qkv.weight"], state[p + "attn.qkv.bias"]
        for j, proj in enumerate((block.attn.q_proj, block.attn.k_proj, block.attn.v_proj)):
            dense(proj, qkv_w[j * d : (j + 1) * d], qkv_b[j * d : (j + 1) * d])
        dense(block.attn.o_proj, state[p + "attn.proj.weight"], state[p + "attn.proj.bias"])
        norm(block.norm1, p + "norm1")
        norm(block.norm2, p + "norm2")
        dense(block.mlp.fc1, state[p + "mlp.fc1.weight"], state[p + "mlp.fc1.bias"])
        dense(block.mlp.fc2, state[p + "mlp.fc2.weight"], state[p + "mlp.fc2.bias"])
    norm(enc.norm, "norm")
    if enc.global_pool == "mean":
        norm(enc.fc_norm, "fc_norm")
    return model


def load_bird_mae(path, num_heads=0):
    """Keras Bird-MAE from a local `model.safetensors` (or its folder holding one + `config.json`).

    Never downloads: a missing file raises FileNotFoundError with one line.
    """
    path = str(path)
    if os.path.isdir(path):
        path = os.path.join(path, "model.safetensors")
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"Bird-MAE weights {path}: no such file (download DBD-research-group/Bird-MAE-Base's "
            "model.safetensors and config.json yourself; nothing is fetched at run time)"
        )
    from safetensors.numpy import load_file

    state = _strip(load_file(path))
    cfg_path = os.path.join(os.path.dirname(path), "config.json")
    config = json.load(open(cfg_path)) if os.path.isfile(cfg_path) else {}
    spec = config_from_state(state, config, num_heads)
    model = build_bird_mae(**spec)
    return assign_weights(model, state)
