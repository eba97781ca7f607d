"""Muon routing: exactly the transformer-block matrices; the update is orthogonalised."""

import dataclasses

import keras
import numpy as np
import pytest

from birdjepa_keras.config import OptimizerConfig, ScheduleConfig
from birdjepa_keras.models.presets import preset_kwargs
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.optim.groups import GroupedOptimizer
from birdjepa_keras.optim.routing import is_hidden_matrix, param_share
from birdjepa_keras.train.build import make_optimizer
from tests.helpers import as_numpy

MATRICES = ("attn/q", "attn/k", "attn/v", "attn/o", "mlp/fc1", "mlp/fc3", "mlp/fc2")


def _expected(prefix, depth):
    return {f"{prefix}_{i}/{m}/kernel" for i in range(depth) for m in MATRICES}


def test_vit_s_encoder_routes_exactly_the_block_matrices_to_muon():
    kwargs = dict(patch_size=(16, 16), grid_shape=(32, 8), n_cls=8, n_registers=4, name="encoder")
    enc = ViTEncoder(**preset_kwargs("vit_s"), **kwargs)
    enc.build((None, 256, 256))
    variables = enc.trainable_variables
    routed = {v.path for v in variables if is_hidden_matrix(v)}
    assert routed == _expected("encoder/block", 12)
    share = param_share(variables, is_hidden_matrix)
    n = sum(int(np.prod(v.shape)) for v in variables)
    print(f"ViT-S encoder: {share:.2%} of {n:,} parameters to Muon")
    assert share >= 0.9
    rest = {v.path.split("/", 1)[1] for v in variables if not is_hidden_matrix(v)}
    for name in ("patch_embed/kernel", "patch_embed/bias", "cls_tokens", "registers", "final_norm/gamma"):
        assert name in rest
    # What AdamW keeps inside the blocks is only vectors: biases, norm gains/offsets, QK-norm scales.
    assert all(len(v.shape) == 1 for v in variables if "/block_" in v.path and not is_hidden_matrix(v))


def _tiny_pixio():
    keras.utils.set_random_seed(0)
    enc = ViTEncoder(
        patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=2, n_heads=2, n_cls=2, n_registers=1, name="encoder"
    )
    model = Pixio(keras.layers.Reshape((16, 16)), enc, decoder_dim=32, decoder_depth=1, decoder_heads=2, name="pixio")
    model(np.zeros((2, 256), "float32"))
    return model


@pytest.mark.parametrize("muon_decoder", [True, False])
def test_make_optimizer_muon_groups(muon_decoder):
    model = _tiny_pixio()
    cfg = OptimizerConfig(name="muon", muon_decoder=muon_decoder)
    opt = make_optimizer(cfg, ScheduleConfig(kind="constant"), 10)
    assert isinstance(opt, GroupedOptimizer)
    opt.build(model.trainable_variables)
    (_, muon), (_, adamw) = opt.get_groups()
    assert isinstance(muon, keras.optimizers.Muon) and isinstance(adamw, keras.optimizers.AdamW)
    expected = _expected("pixio/encoder/block", 2) | (_expected("pixio/decoder_block", 1) if muon_decoder else set())
    assert {v.path for v in opt.members(0)} == expected
    others = {v.path for v in opt.members(1)}
    assert others == {v.path for v in model.trainable_variables} - expected
    for excluded in ("pixio/encoder/patch_embed/kernel", "pixio/decoder_embed/kernel", "pixio/pixel_head/kernel",
                     "pixio/mask_token", "pixio/encoder/cls_tokens", "pixio/encoder/block_0/attn/q/bias"):
        assert excluded in others
    assert muon.momentum == 0.95 and muon.ns_steps == 5 and muon.nesterov and muon.rms_rate == 0.2


def newton_schulz_np(g, steps=5, coeffs=(3.4445, -4.7750, 2.0315)):
    """NumPy reference of Muon's quintic Newton-Schulz iteration (float64)."""
    a, b, c = coeffs
    x = np.asarray(g, np.float64)
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    x = x / (np.linalg.norm(x) + 1e-7)
    for _ in range(steps):
        s = x @ x.T
        x = a * x + (b * s + c * s @ s) @ x
    return x.T if tall else x


@pytest.mark.backend
def test_muon_step_is_orthogonalised_newton_schulz():
    model = _tiny_pixio()
    lr, mom, rms = 0.01, 0.95, 0.2
    cfg = OptimizerConfig(name="muon", learning_rate=lr, weight_decay=0.0, muon_momentum=mom, muon_rms_rate=rms)
    opt = make_optimizer(cfg, ScheduleConfig(kind="constant"), 10)
    variables = model.trainable_variables
    opt.build(variables)
    target = next(v for v in variables if v.path == "pixio/encoder/block_0/mlp/fc2/kernel")  # (88, 32): tall
    rng = np.random.default_rng(0)
    n, m = target.shape
    u, _ = np.linalg.qr(rng.normal(size=(n, m)))
    vt, _ = np.linalg.qr(rng.normal(size=(m, m)))
    spectrum = np.logspace(0, -2, m)  # condition number 100
    grad = (u * spectrum) @ vt.T
    before = as_numpy(target).copy()
    grads = [grad.astype("float32") if v is target else np.zeros(v.shape, "float32") for v in variables]
    opt.apply([keras.ops.convert_to_tensor(g) for g in grads])
    update = (before - as_numpy(target)) / (lr * rms * np.sqrt(max(n, m)))
    # First Nesterov step: momentum buffer = g, applied g + mom * g; NS is scale-free.
    np.testing.assert_allclose(update, newton_schulz_np(grad * (1 + mom)), atol=2e-4)
    s = np.linalg.svd(update, compute_uv=False)
    assert s.max() / s.min() < 2.0 < 100  # near-equal singular values vs the gradient's 100x spread
    assert 0.6 < s.min() and s.max() < 1.25
    # An AdamW-group variable moves by Adam's step (its 2nd step, after a zero gradient).
    pe = next(v for v in variables if v.path == "pixio/encoder/patch_embed/kernel")
    pe_before = as_numpy(pe).copy()
    opt.apply([keras.ops.ones(v.shape) if v is pe else keras.ops.zeros(v.shape) for v in variables])
    b1, b2 = cfg.beta_1, cfg.beta_2
    adam_step = lr * np.sqrt(1 - b2**2) / (1 - b1**2) * (1 - b1) / np.sqrt(1 - b2)
    np.testing.assert_allclose(pe_before - as_numpy(pe), adam_step, rtol=1e-4)


def test_muon_recipe_fields_reach_keras_muon():
    cfg = dataclasses.replace(
        OptimizerConfig(name="muon"), muon_ns_steps=3, muon_ns_coefficients=(3.0, -3.0, 1.0), muon_nesterov=False,
        muon_momentum=0.9, muon_rms_rate=0.0, muon_learning_rate=0.02, muon_weight_decay=0.1,
    )
    opt = make_optimizer(cfg, ScheduleConfig(kind="constant"), 10)
    (_, muon), (_, adamw) = opt.get_groups()
    assert (muon.ns_steps, muon.muon_a, muon.muon_b, muon.muon_c) == (3, 3.0, -3.0, 1.0)
    assert (muon.nesterov, muon.momentum, muon.rms_rate, muon.weight_decay) == (False, 0.9, None, 0.1)
    assert np.isclose(float(as_numpy(muon.learning_rate)), 0.02)
    assert np.isclose(float(as_numpy(adamw.learning_rate)), cfg.learning_rate)
