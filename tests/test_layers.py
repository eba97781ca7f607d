"""ViT building blocks: standard layer checks plus independent references."""

import numpy as np
import pytest
from keras import ops

from birdjepa_keras.layers.attention import Attention
from birdjepa_keras.layers.block import TransformerBlock
from birdjepa_keras.layers.mlp import MLP, swiglu_hidden
from birdjepa_keras.layers.patches import Patchify, patch_grid
from birdjepa_keras.layers.rope import apply_rope, rope_angles
from tests.helpers import as_numpy, run_layer_test

pytestmark = pytest.mark.backend
RNG = np.random.default_rng(0)


def _x(*shape):
    return RNG.normal(size=shape).astype("float32")


@pytest.mark.parametrize("patch", [(16, 16), (8, 32), (4, 64)])
def test_patchify_matches_numpy(patch):
    mel = _x(2, 512, 128)
    layer, (tok, grid) = run_layer_test(
        Patchify, {"patch_size": patch}, mel, ((2, 256, patch[0] * patch[1]), (2, 256, 2)), run_mixed_precision=False
    )
    tok, grid = as_numpy(tok), as_numpy(grid)
    pt, pf = patch
    for b, n in [(0, 0), (1, 37), (1, 255)]:
        r, c = grid[b, n]
        np.testing.assert_array_equal(tok[b, n], mel[b, r * pt : (r + 1) * pt, c * pf : (c + 1) * pf].ravel())
    np.testing.assert_array_equal(grid[0], patch_grid(512 // pt, 128 // pf))


def _rope_reference(x_shd, pos_s, base):
    """keras-hub style 1D rotate-half RoPE on (seq, heads, d) in NumPy."""
    d = x_shd.shape[-1]
    inv = 1.0 / base ** (np.arange(0, d, 2) / d)
    ang = pos_s[:, None] * inv[None]
    cos, sin = np.cos(ang)[:, None], np.sin(ang)[:, None]
    a, b = x_shd[..., : d // 2], x_shd[..., d // 2 :]
    return np.concatenate([a * cos - b * sin, b * cos + a * sin], -1)


def test_rope_halves_match_1d_reference():
    b, n, h, d = 2, 12, 3, 16
    x = _x(b, n, h, d)
    grid = np.stack([RNG.integers(0, 30, (b, n)), RNG.integers(0, 8, (b, n))], -1).astype("int32")
    cos, sin = rope_angles(grid, d, 100.0)
    out = as_numpy(apply_rope(ops.convert_to_tensor(x), cos, sin))
    for i in range(b):
        np.testing.assert_allclose(out[i, ..., : d // 2], _rope_reference(x[i, ..., : d // 2], grid[i, :, 0], 100.0), atol=1e-5)
        np.testing.assert_allclose(out[i, ..., d // 2 :], _rope_reference(x[i, ..., d // 2 :], grid[i, :, 1], 100.0), atol=1e-5)


def test_rope_scores_depend_only_on_relative_position():
    d = 16
    q, k = _x(1, 1, 1, d), _x(1, 1, 1, d)

    def score(pq, pk):
        grid = np.array([[pq, pk]], "int32")
        cos, sin = rope_angles(grid, d, 100.0)
        rq = as_numpy(apply_rope(ops.convert_to_tensor(q), cos[:, :1], sin[:, :1]))
        rk = as_numpy(apply_rope(ops.convert_to_tensor(k), cos[:, 1:], sin[:, 1:]))
        return float((rq * rk).sum())

    assert score((3, 1), (5, 4)) == pytest.approx(score((10, 2), (12, 5)), abs=1e-4)
    assert score((3, 1), (5, 4)) != pytest.approx(score((3, 1), (6, 4)), abs=1e-3)


def test_rope_leaves_prefix_tokens_alone():
    d = 8
    x = _x(1, 5, 2, d)
    grid = np.array([[[0, 1], [2, 3], [4, 5]]], "int32")
    cos, sin = rope_angles(grid, d, 100.0, n_prefix=2)
    out = as_numpy(apply_rope(ops.convert_to_tensor(x), cos, sin))
    np.testing.assert_allclose(out[:, :2], x[:, :2], atol=1e-6)
    assert not np.allclose(out[:, 3:], x[:, 3:])


def _attention_reference(layer, x, rope=None):
    """Plain NumPy softmax attention using the layer's own weights."""
    w = {v.path.split("/")[-2] + "/" + v.name: as_numpy(v) for v in layer.weights}
    b, s, d = x.shape
    h, hd = layer.n_heads, layer.head_dim

    def proj(name, t):
        return t @ w[f"{name}/kernel"] + w[f"{name}/bias"]

    def rms(t, scale):
        return t / np.sqrt((t**2).mean(-1, keepdims=True) + 1e-6) * scale

    q, k, v = (proj(n, x).reshape(b, s, h, hd) for n in ("q", "k", "v"))
    if layer.qk_norm:
        q, k = rms(q, w["q_norm/scale"]), rms(k, w["k_norm/scale"])
    if rope is not None:
        q, k = (as_numpy(apply_rope(ops.convert_to_tensor(t), *rope)) for t in (q, k))
    logits = np.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(hd)
    p = np.exp(logits - logits.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    o = np.einsum("bhqk,bkhd->bqhd", p, v).reshape(b, s, d)
    return proj("o", o)


@pytest.mark.parametrize("qk_norm", [True, False])
def test_attention_matches_numpy(qk_norm):
    x = _x(2, 7, 16)
    layer, out = run_layer_test(Attention, {"dim": 16, "n_heads": 2, "qk_norm": qk_norm}, x, (2, 7, 16))
    np.testing.assert_allclose(as_numpy(out), _attention_reference(layer, x), atol=1e-4)
    grid = RNG.integers(0, 9, (2, 5, 2)).astype("int32")
    rope = rope_angles(grid, 8, 100.0, n_prefix=2)
    np.testing.assert_allclose(as_numpy(layer(x, rope=rope)), _attention_reference(layer, x, rope), atol=1e-4)


def test_attention_kernels_are_2d_matrices():
    layer = Attention(32, 4)
    layer.build((None, None, 32))
    kernels = [v for v in layer.trainable_weights if v.name == "kernel"]
    assert len(kernels) == 4 and all(tuple(k.shape) == (32, 32) for k in kernels)


@pytest.mark.parametrize("kind", ["swiglu", "gelu"])
def test_mlp(kind):
    x = _x(2, 5, 12)
    layer, out = run_layer_test(MLP, {"dim": 12, "hidden_dim": 32, "kind": kind}, x, (2, 5, 12))
    w = {v.path.split("/")[-2] + "/" + v.name: as_numpy(v) for v in layer.weights}
    h1 = x @ w["fc1/kernel"] + w["fc1/bias"]
    if kind == "swiglu":
        h = h1 / (1 + np.exp(-h1)) * (x @ w["fc3/kernel"] + w["fc3/bias"])
    else:
        from math import erf

        h = 0.5 * h1 * (1 + np.vectorize(erf)(h1 / np.sqrt(2)))
    np.testing.assert_allclose(as_numpy(out), h @ w["fc2/kernel"] + w["fc2/bias"], atol=1e-4)


def test_swiglu_hidden_keeps_parameter_count():
    assert swiglu_hidden(384) == 1024
    assert 3 * 384 * swiglu_hidden(384) == pytest.approx(2 * 384 * 4 * 384, rel=0.01)


def test_block_is_residual_prenorm():
    x = _x(2, 6, 16)
    layer, out = run_layer_test(TransformerBlock, {"dim": 16, "n_heads": 4}, x, (2, 6, 16))
    h = x + as_numpy(layer.attn(layer.norm1(x)))
    np.testing.assert_allclose(as_numpy(out), h + as_numpy(layer.mlp(layer.norm2(h))), atol=1e-5)
