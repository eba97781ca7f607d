"""ViT encoder: positions come from the grid, registers/CLS with RoPE, presets, its own patching."""

import pathlib

import keras
import numpy as np
import pytest

from birdjepa_keras.layers.patches import patch_grid
from birdjepa_keras.models.presets import preset_kwargs
from birdjepa_keras.models.vit import ViTEncoder
from tests.helpers import as_numpy, run_layer_test

pytestmark = pytest.mark.backend
RNG = np.random.default_rng(0)
TINY = dict(patch_size=(4, 4), grid_shape=(6, 4), dim=32, depth=2, n_heads=2)


def _inputs(b=2, n=24, k=16):
    tokens = RNG.normal(size=(b, n, k)).astype("float32")
    grid = np.broadcast_to(patch_grid(6, 4)[None], (b, 24, 2))[:, :n].astype("int32")
    return tokens, np.ascontiguousarray(grid)


@pytest.mark.parametrize("use_rope", [True, False])
@pytest.mark.parametrize("n_registers", [0, 3])
def test_encoder_layer_checks(use_rope, n_registers):
    # The reference implementation crashed combining RoPE with registers.
    kwargs = {**TINY, "use_rope": use_rope, "n_cls": 2, "n_registers": n_registers}
    run_layer_test(ViTEncoder, kwargs, _inputs(), ((2, 2, 32), (2, 24, 32)))


@pytest.mark.parametrize("use_rope", [True, False])
def test_token_order_does_not_matter(use_rope):
    """Permuting (token, grid) pairs permutes the outputs: positions come from the grid."""
    enc = ViTEncoder(**TINY, use_rope=use_rope, n_cls=2, n_registers=1)
    tokens, grid = _inputs()
    cls, x = enc(tokens, grid)
    perm = RNG.permutation(24)
    cls_p, x_p = enc(tokens[:, perm], grid[:, perm])
    np.testing.assert_allclose(as_numpy(x_p), as_numpy(x)[:, perm], atol=1e-4)
    np.testing.assert_allclose(as_numpy(cls_p), as_numpy(cls), atol=1e-4)
    # Changing the grid (not the tokens) changes the output.
    _, x_shift = enc(tokens, grid[:, ::-1])
    assert not np.allclose(as_numpy(x_shift), as_numpy(x), atol=1e-3)


def test_encoder_accepts_a_visible_subset():
    """An MAE encoder sees only some patches: any n works with the same weights."""
    enc = ViTEncoder(**TINY, n_cls=4, n_registers=2)
    tokens, grid = _inputs()
    enc(tokens, grid)
    keep = np.sort(RNG.choice(24, 6, replace=False))
    cls, x = enc(tokens[:, keep], grid[:, keep])
    assert tuple(x.shape) == (2, 6, 32) and tuple(cls.shape) == (2, 4, 32)


@pytest.mark.parametrize(
    "preset,expected", [("vit_s", 21.4e6), ("vit_b", 85.2e6)]
)
def test_preset_parameter_counts(preset, expected):
    enc = ViTEncoder.from_preset(preset, patch_size=(16, 16), grid_shape=(32, 8))
    enc.build((None, 256, 256), (None, 256, 2))
    assert enc.count_params() == pytest.approx(expected, rel=0.01)


def test_from_preset_takes_overrides_and_names_the_choices():
    enc = ViTEncoder.from_preset("vit_tiny", dim=32, patch_size=(8, 4), name="enc")
    assert (enc.dim, enc.depth, enc.n_heads) == (32, *(preset_kwargs("vit_tiny")[k] for k in ("depth", "n_heads")))
    assert enc.patch_size == (8, 4) and enc.name == "enc"
    with pytest.raises(ValueError, match="unknown preset 'vit_xxl'.*vit_s"):
        ViTEncoder.from_preset("vit_xxl")


def test_patchify_is_the_encoders_and_encode_is_patchify_then_call():
    enc = ViTEncoder(**{**TINY, "patch_size": (4, 2)})
    mel = RNG.normal(size=(2, 24, 8)).astype("float32")
    tokens, grid = enc.patchify(mel)
    # Reference: patch (r, c) is mel[r*4:(r+1)*4, c*2:(c+1)*2] flattened time-major, patches row-major.
    ref = np.stack([mel[:, r * 4 : r * 4 + 4, c * 2 : c * 2 + 2].reshape(2, 8) for r in range(6) for c in range(4)], 1)
    np.testing.assert_array_equal(as_numpy(tokens), ref)
    np.testing.assert_array_equal(as_numpy(grid)[0], [(r, c) for r in range(6) for c in range(4)])
    cls, x = enc.encode(mel)
    cls_ref, x_ref = enc(tokens, grid)
    np.testing.assert_allclose(as_numpy(x), as_numpy(x_ref), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(as_numpy(cls), as_numpy(cls_ref), rtol=1e-5, atol=1e-6)
    clone = ViTEncoder.from_config(enc.get_config())
    assert clone.patch_layer.patch_size == (4, 2)


FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "encoder_keras"


def test_encoder_keras_exported_before_the_encoder_owned_patchify_still_loads():
    """`encoder_9e879dc.keras`: a tiny export by the code before this change (make_fixture.py there)."""
    model = keras.models.load_model(FIXTURE / "encoder_9e879dc.keras")
    wave = np.random.default_rng(0).normal(scale=0.1, size=(2, 16000)).astype("float32")
    out = model.predict_on_batch(wave)
    ref = np.load(FIXTURE / "encoder_9e879dc_io.npz")
    assert sorted(out) == sorted(ref.files) == ["cls_tokens", "embedding", "patch_tokens"]
    for key in ref.files:
        np.testing.assert_allclose(as_numpy(out[key]), ref[key], rtol=1e-4, atol=1e-5, err_msg=key)


def test_layer_stops_the_encoder_for_layerwise_probes():
    enc = ViTEncoder(**TINY, n_cls=2, n_registers=1)
    tokens, grid = _inputs()
    cls, x = enc(tokens, grid)
    cls_out, x_out = enc(tokens, grid, layer=2)  # layer = depth: the output
    np.testing.assert_array_equal(as_numpy(x_out), as_numpy(x))
    np.testing.assert_array_equal(as_numpy(cls_out), as_numpy(cls))
    # Layer 0: the patch embedding (and the CLS parameters), layer-normed without parameters (NumPy).
    kernel, bias = (as_numpy(w) for w in enc.patch_embed.weights)

    def ln(a):
        return (a - a.mean(-1, keepdims=True)) / np.sqrt(a.var(-1, keepdims=True) + 1e-6)

    cls0, x0 = enc(tokens, grid, layer=0)
    np.testing.assert_allclose(as_numpy(x0), ln(tokens @ kernel + bias), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(as_numpy(cls0)[0], ln(as_numpy(enc.cls_tokens)), rtol=1e-4, atol=1e-4)
    # Layer 1 of a depth-2 encoder = the output of a depth-1 encoder with its first weights (a fresh
    # final LayerNorm, gamma 1 and beta 0, is the parameter-free norm).
    one = ViTEncoder(**{**TINY, "depth": 1}, n_cls=2, n_registers=1)
    one(tokens, grid)
    by_path = {w.path.split("/", 1)[1]: w for w in enc.weights}
    for w in one.weights:
        if "final_norm" not in w.path:
            w.assign(by_path[w.path.split("/", 1)[1]])
    cls1, x1 = enc(tokens, grid, layer=1)
    cls_ref, x_ref = one(tokens, grid)
    np.testing.assert_allclose(as_numpy(x1), as_numpy(x_ref), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(as_numpy(cls1), as_numpy(cls_ref), rtol=1e-4, atol=1e-4)
    for bad in (-1, 3, True, 1.0):
        with pytest.raises(ValueError, match=r"layer must be an int in 0\.\.2"):
            enc(tokens, grid, layer=bad)
