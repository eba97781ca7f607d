"""Bird-MAE: random weights in the published safetensors layout -> Keras, checked against NumPy."""

import json

import keras
import numpy as np
import pytest
from scipy.special import erf

from birdjepa_keras.models import bird_mae

DIM, DEPTH, HEADS, HIDDEN = 32, 2, 4, 128


def _random_state(rng, prefix="model."):
    """A tiny Bird-MAE state dict in the HF `model.safetensors` layout (PyTorch (out, in) matrices)."""

    def w(*shape, scale=0.2):
        return (rng.normal(size=shape) * scale).astype("float32")

    s = {
        "patch_embed.proj.weight": w(DIM, 1, 16, 16, scale=0.05),
        "patch_embed.proj.bias": w(DIM),
        "cls_token": w(1, 1, DIM),
        "pos_embed": w(1, 257, DIM),
        "norm.weight": 1 + w(DIM),
        "norm.bias": w(DIM),
        "fc_norm.weight": 1 + w(DIM),
        "fc_norm.bias": w(DIM),
    }
    for i in range(DEPTH):
        p = f"blocks.{i}."
        s.update({
            p + "norm1.weight": 1 + w(DIM), p + "norm1.bias": w(DIM),
            p + "attn.qkv.weight": w(3 * DIM, DIM), p + "attn.qkv.bias": w(3 * DIM),
            p + "attn.proj.weight": w(DIM, DIM), p + "attn.proj.bias": w(DIM),
            p + "norm2.weight": 1 + w(DIM), p + "norm2.bias": w(DIM),
            p + "mlp.fc1.weight": w(HIDDEN, DIM), p + "mlp.fc1.bias": w(HIDDEN),
            p + "mlp.fc2.weight": w(DIM, HIDDEN), p + "mlp.fc2.bias": w(DIM),
        })  # fmt: skip
    return {prefix + k: v for k, v in s.items()}


def _numpy_forward(s, img_btf):
    """Independent float64 forward of the timm ViT the authors use (conv patch embed, fused qkv)."""
    s = {k.removeprefix("model."): v.astype(np.float64) for k, v in s.items()}
    b = img_btf.shape[0]

    def ln(x, p):
        mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-6) * s[p + ".weight"] + s[p + ".bias"]

    # Conv2d(1, D, 16, stride 16) on the (512, 128) image, output (D, 32, 8) flattened.
    patches = img_btf.reshape(b, 32, 16, 8, 16).transpose(0, 1, 3, 2, 4)  # b, t, f, 16, 16
    x = np.einsum("btfij,dij->btfd", patches, s["patch_embed.proj.weight"][:, 0]) + s["patch_embed.proj.bias"]
    x = x.reshape(b, 256, DIM) + s["pos_embed"][:, 1:]
    cls = s["cls_token"] + s["pos_embed"][:, :1]
    x = np.concatenate([np.repeat(cls, b, 0), x], axis=1)
    hd = DIM // HEADS
    for i in range(DEPTH):
        p = f"blocks.{i}."
        h = ln(x, p + "norm1")
        qkv = h @ s[p + "attn.qkv.weight"].T + s[p + "attn.qkv.bias"]
        q, k, v = qkv.reshape(b, -1, 3, HEADS, hd).transpose(2, 0, 3, 1, 4)
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        o = (a @ v).transpose(0, 2, 1, 3).reshape(b, -1, DIM)
        x = x + o @ s[p + "attn.proj.weight"].T + s[p + "attn.proj.bias"]
        h = ln(x, p + "norm2") @ s[p + "mlp.fc1.weight"].T + s[p + "mlp.fc1.bias"]
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = x + h @ s[p + "mlp.fc2.weight"].T + s[p + "mlp.fc2.bias"]
    pooled = ln(x[:, 1:].mean(1), "fc_norm")
    normed = ln(x, "norm")
    return pooled, normed[:, :1], normed[:, 1:]


def test_converted_bird_mae_matches_numpy(tmp_path):
    from safetensors.numpy import save_file

    rng = np.random.default_rng(0)
    state = _random_state(rng)
    save_file(state, str(tmp_path / "model.safetensors"))
    (tmp_path / "config.json").write_text(json.dumps({"embed_dim": DIM, "depth": DEPTH, "num_heads": HEADS, "global_pool": "mean"}))
    model = bird_mae.load_bird_mae(tmp_path)  # the folder, as downloaded from the hub

    wave_bs = (0.1 * rng.normal(size=(2, 160000))).astype("float32")
    out = model.predict(wave_bs, verbose=0)
    assert out["embedding"].shape == (2, DIM) and out["patch_tokens"].shape == (2, 256, DIM)
    assert out["cls_tokens"].shape == (2, 1, DIM)
    mel = keras.Model(model.input, model.get_layer("logmel").output).predict(wave_bs, verbose=0)
    pooled, cls, patches = _numpy_forward(state, mel.astype(np.float64))
    np.testing.assert_allclose(out["embedding"], pooled, atol=2e-4)
    np.testing.assert_allclose(out["cls_tokens"], cls, atol=2e-4)
    np.testing.assert_allclose(out["patch_tokens"], patches, atol=2e-4)


def test_layout_without_prefix_or_config_and_heads_override(tmp_path):
    from safetensors.numpy import save_file

    state = _random_state(np.random.default_rng(1), prefix="")
    path = tmp_path / "weights.safetensors"
    save_file(state, str(path))
    with pytest.raises(ValueError, match="number of heads"):
        bird_mae.load_bird_mae(path)  # 32 wide: not a published size, no config.json
    model = bird_mae.load_bird_mae(path, num_heads=HEADS)
    assert model.get_layer("encoder").n_heads == HEADS and model.get_layer("encoder").depth == DEPTH


def test_missing_weights_is_one_line(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        bird_mae.load_bird_mae(tmp_path / "nope" / "model.safetensors")
    assert "no such file" in str(err.value) and "\n" not in str(err.value)


def test_sincos_table_matches_authors_layout():
    table = bird_mae.sincos_pos_embed(16, (8, 32))
    assert table.shape == (257, 16) and np.all(table[0] == 0)
    # Row 1 + h*32 + w: first half encodes w (0..31), second half h (0..7), sin then cos.
    assert table[1 + 33, 0] == pytest.approx(np.sin(1.0)) and table[1 + 33, 8] == pytest.approx(np.sin(1.0))


def test_bird_mae_backbone_through_the_registry(tmp_path):
    from safetensors.numpy import save_file

    from birdjepa_keras.benchmark.backbones import load_backbone
    from birdjepa_keras.config.benchmark import BackboneConfig

    save_file(_random_state(np.random.default_rng(2)), str(tmp_path / "model.safetensors"))
    bb = load_backbone(BackboneConfig(name="bird_mae", kind="bird_mae", path=str(tmp_path), num_heads=HEADS))
    out = bb.embed(np.zeros((2, 160000), "float32"))
    assert bb.sample_rate == 32000 and bb.checkpoint.startswith(f"{tmp_path}@")
    assert out["embedding"].shape == (2, DIM) and out["tokens"].shape == (2, 256, DIM) and out["cls"].shape == (2, DIM)
