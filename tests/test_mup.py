"""muP: roles, learning-rate groups, init, attention scale, and a coordinate check against SP."""

import functools

import keras
import numpy as np
import pytest
from keras import ops

from birdjepa_keras.config import OptimizerConfig, ScheduleConfig, load_recipe
from birdjepa_keras.layers.rope import apply_rope, rope_angles
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.config import ConfigError
from birdjepa_keras.optim.mup import MupSpec, apply_mup_init, attn_scale, resolve_base_head_dim, role
from birdjepa_keras.train import build
from tests.helpers import as_numpy

BASE, HEADS, STEPS, BATCH = 32, 2, 6, 16


class _Net(keras.Model):
    """ViT encoder + a readout `head` on the CLS token."""

    def __init__(self, width, scale, heads=HEADS, name="net", **kwargs):
        super().__init__(name=name, **kwargs)
        self.encoder = ViTEncoder(
            patch_size=(4, 4), grid_shape=(4, 4), dim=width, depth=2, n_heads=heads, attn_scale=scale, name="encoder"
        )
        self.head = keras.layers.Dense(8, name="head")

    def call(self, inputs):
        cls_bcd, _ = self.encoder(inputs["tokens"], inputs["grid"])
        return self.head(cls_bcd[:, 0])

    def activation_rms(self, inputs):
        """RMS of the patch embedding, each block's output and the head's output."""
        enc = self.encoder
        x = enc.patch_embed(inputs["tokens"])
        out = {"embed": x}
        cls = ops.broadcast_to(enc.cls_tokens[None], (x.shape[0], 1, enc.dim))
        x = ops.concatenate([cls, x], axis=1)
        rope = rope_angles(inputs["grid"], enc.head_dim, enc.rope_max_wavelength, n_prefix=enc.n_prefix)
        out["attn_logits"] = self._logits(enc.blocks[0], x, rope)
        for i, block in enumerate(enc.blocks):
            x = block(x, rope=rope)
            out[f"block_{i}"] = x
        out["head"] = self.head(enc.final_norm(x)[:, 0])
        return {k: float(np.sqrt(np.mean(np.square(as_numpy(v))))) for k, v in out.items()}

    @staticmethod
    def _logits(block, x_bsd, rope):
        """Scaled attention logits of `block` on `x_bsd` (what the softmax sees)."""
        attn, (b, s, _) = block.attn, x_bsd.shape
        h = block.norm1(x_bsd)
        q = attn.q_norm(ops.reshape(attn.q_proj(h), (b, s, attn.n_heads, attn.head_dim)))
        k = attn.k_norm(ops.reshape(attn.k_proj(h), (b, s, attn.n_heads, attn.head_dim)))
        q, k = apply_rope(q, *rope), apply_rope(k, *rope)
        scale = attn.scale if attn.scale is not None else attn.head_dim**-0.5
        return ops.einsum("bqhd,bkhd->bhqk", q, k) * scale


def _data():
    rng = np.random.default_rng(0)
    n = BATCH * STEPS
    grid = np.stack(np.meshgrid(np.arange(4), np.arange(4), indexing="ij"), -1).reshape(16, 2).astype("int32")
    x = {"tokens": rng.normal(size=(n, 16, 16)).astype("float32"), "grid": np.broadcast_to(grid, (n, 16, 2)).copy()}
    return x, rng.normal(size=(n, 8)).astype("float32")


@functools.cache  # both coordinate checks start from the same base model
def _train(width, mup, lr=1e-2, heads=HEADS, base_head_dim=BASE // HEADS):
    """Activation RMS after STEPS Adam steps at a fixed LR, under SP or muP (base width BASE)."""
    keras.utils.set_random_seed(1)
    spec = MupSpec(width, BASE, readout_layers=("head",)) if mup else None
    net = _Net(width, attn_scale(width // heads, base_head_dim) if mup else None, heads=heads)
    x, y = _data()
    # Built by shape inference (an eager first call would compile every op, ~15 s per width);
    # the weights are drawn in the same order either way.
    net({k: keras.KerasTensor((BATCH, *v.shape[1:]), dtype=v.dtype) for k, v in x.items()})
    if mup:
        apply_mup_init(net, spec)
    cfg = OptimizerConfig(learning_rate=lr, weight_decay=0.0)
    opt = build.make_optimizer(cfg, ScheduleConfig(kind="constant"), STEPS, mup=spec)
    net.compile(optimizer=opt, loss="mse")
    net.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    return net.activation_rms({k: v[:BATCH] for k, v in x.items()})


def _assert_flat_under_mup_grows_under_sp(widths, base, sp, mup):
    """Every layer's activation scale within 2x across widths under muP; the blocks' grows > 4x under SP."""
    for layer in base:
        values = [mup[w][layer] for w in widths]
        assert max(values) / min(values) < 2.0, (layer, values)
    for layer in ("block_0", "block_1"):
        values = [sp[w][layer] for w in widths]
        assert values[0] < values[1] < values[2] and values[2] / values[0] > 4.0, (layer, values)


def test_coordinate_check_flat_under_mup_grows_under_sp():
    widths = (32, 64, 128)
    base = _train(BASE, mup=False)  # at the base width muP is SP
    sp = {BASE: base, **{w: _train(w, mup=False) for w in widths[1:]}}
    mup = {BASE: base, **{w: _train(w, mup=True) for w in widths[1:]}}
    for name, table in (("SP", sp), ("muP", mup)):
        print(name, {w: {k: round(v, 3) for k, v in table[w].items()} for w in widths})
    _assert_flat_under_mup_grows_under_sp(widths, base, sp, mup)


def test_coordinate_check_across_a_change_of_heads():
    """ViT-S -> ViT-B shaped: the head size stays 16 while heads grow with the width (2, 4, 8).

    muP's base head size comes from the base model's heads (2 at width 32),
    so the attention scale stays 1/sqrt(16) at every width; the old default
    (base width // the target's heads) shrinks it and the logits with it.
    """
    widths, heads = (32, 64, 128), {32: 2, 64: 4, 128: 8}
    base = _train(BASE, mup=False)  # 2 heads of 16: the base model
    sp = {BASE: base, **{w: _train(w, mup=False, heads=heads[w]) for w in widths[1:]}}
    hd = {w: resolve_base_head_dim(w, heads[w], BASE, base_n_heads=2) for w in widths}
    assert hd == {32: 16, 64: 16, 128: 16}
    mup = {BASE: base, **{w: _train(w, mup=True, heads=heads[w], base_head_dim=hd[w]) for w in widths[1:]}}
    old = {w: _train(w, mup=True, heads=heads[w], base_head_dim=BASE // heads[w]) for w in widths[1:]}
    for name, table in (("SP", sp), ("muP", mup), ("muP, old default", old)):
        print(name, {w: {k: round(v, 3) for k, v in table[w].items()} for w in table})
    _assert_flat_under_mup_grows_under_sp(widths, base, sp, mup)
    # The old default's logits: sqrt(32 / 8) / 16 vs sqrt(16) / 16 at width 128, i.e. half.
    assert old[128]["attn_logits"] / mup[128]["attn_logits"] < 0.6
    with pytest.raises(ValueError, match="base_n_heads"):
        resolve_base_head_dim(128, 8, BASE)


def test_roles_groups_and_learning_rates():
    keras.utils.set_random_seed(0)
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=64, depth=1, n_heads=2, name="encoder")
    model = Pixio(keras.layers.Reshape((16, 16)), enc, decoder_dim=32, decoder_depth=1, decoder_heads=2, name="pixio")
    model(keras.KerasTensor((2, 256)))  # builds every weight (shape inference; an eager call compiles each op)
    spec = MupSpec(64, 16)
    roles = {v.path: role(v, spec.readout_layers) for v in model.trainable_variables}
    assert roles["pixio/encoder/block_0/attn/q/kernel"] == "hidden"
    assert roles["pixio/decoder_embed/kernel"] == "readout"
    assert roles["pixio/encoder/patch_embed/kernel"] == "input"
    assert roles["pixio/decoder_block_0/attn/q/kernel"] == roles["pixio/pixel_head/kernel"] == "other"
    cfg = OptimizerConfig(name="muon", learning_rate=1e-3)
    opt = build.make_optimizer(cfg, ScheduleConfig(kind="constant"), 10, mup=spec)
    opt.build(model.trainable_variables)
    names = [o.name for _, o in opt.get_groups()]
    assert names == ["muon_mup", "muon", "adamw_mup", "adamw"]
    lrs = [float(as_numpy(o.learning_rate)) for _, o in opt.get_groups()]
    np.testing.assert_allclose(lrs, [1e-3 / 2, 1e-3, 1e-3 / 4, 1e-3], rtol=1e-6)  # width_mult 4
    members = [{v.path for v in opt.members(i)} for i in range(4)]
    assert all(roles[p] == "hidden" for p in members[0]) and len(members[0]) == 7
    assert all("decoder_block_0" in p for p in members[1]) and len(members[1]) == 7
    assert members[2] == {"pixio/decoder_embed/kernel"}


def test_mup_init_and_attention_scale():
    keras.utils.set_random_seed(0)
    net = _Net(64, None)
    x, _ = _data()
    net({k: keras.KerasTensor((2, *v.shape[1:]), dtype=v.dtype) for k, v in x.items()})
    before = {v.path: as_numpy(v).copy() for v in net.trainable_variables}
    changed = apply_mup_init(net, MupSpec(64, 16, readout_layers=("head",)))
    assert changed == {"input": ["net/encoder/patch_embed/kernel"], "readout": ["net/head/kernel"]}
    after = {v.path.removeprefix("net/"): as_numpy(v) for v in net.trainable_variables}
    before = {k.removeprefix("net/"): v for k, v in before.items()}
    # patch_embed keeps the base width's Glorot variance 2/(16 + 16); head: base variance / 4^2.
    pe = "encoder/patch_embed/kernel"
    np.testing.assert_allclose(after[pe], before[pe] * np.sqrt(80 / 32), rtol=1e-6)
    np.testing.assert_allclose(after["head/kernel"], before["head/kernel"] * np.sqrt(72 / 24) / 4, rtol=1e-6)
    np.testing.assert_array_equal(after["encoder/block_0/attn/q/kernel"], before["encoder/block_0/attn/q/kernel"])
    apply_mup_init(net, MupSpec(64, 16, readout_layers=("head",), readout_zero_init=True))
    assert not as_numpy(net.head.kernel).any()
    with pytest.raises(ValueError, match="readout_layers"):
        apply_mup_init(net, MupSpec(48, 16, readout_layers=("head",)))
    assert attn_scale(64, 64) == 64**-0.5 and attn_scale(64, 16) == 4 / 64


def test_recipe_parametrization(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[model]\npreset = "vit_tiny"\n')  # dim 64, 2 heads
    mup32 = ["parametrization.kind=\"mup\"", "parametrization.base_width=32"]
    with pytest.raises(ConfigError, match="base_n_heads: is required"):
        load_recipe(path, mup32)
    recipe, _ = load_recipe(path, mup32 + ["parametrization.base_n_heads=2"])
    kwargs = build.encoder_kwargs(recipe.model, recipe.frontend, parametrization=recipe.parametrization)
    assert kwargs["attn_scale"] == pytest.approx(16**0.5 / 32)
    # Base heads from the base model: 1 head of 32 at width 32 -> 2 heads of 32 at width 64.
    one_head, _ = load_recipe(path, mup32 + ["parametrization.base_n_heads=1"])
    kwargs = build.encoder_kwargs(one_head.model, one_head.frontend, parametrization=one_head.parametrization)
    assert kwargs["attn_scale"] == pytest.approx(32**0.5 / 32)
    spec = build.mup_spec(recipe)
    assert spec.width_mult == 2 and spec.readout_layers == ("decoder_embed", "projector/dense_0", "classifier")
    sp, _ = load_recipe(path)
    assert build.mup_spec(sp) is None
    assert "attn_scale" not in build.encoder_kwargs(sp.model, sp.frontend, parametrization=sp.parametrization)
    # muP at its base width is SP: same attention scale, unit LR multipliers.
    base, _ = load_recipe(path, ["parametrization.kind=\"mup\""])
    base_kwargs = build.encoder_kwargs(base.model, base.frontend, parametrization=base.parametrization)
    assert base_kwargs["attn_scale"] == 32**-0.5
    assert build.mup_spec(base).lr_multiplier("adamw", True) == 1.0
