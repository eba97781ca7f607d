"""Probes as published: time_mean pooling, relu_on_cos, asymmetric loss, the bird_mae switch,
full fine-tuning with layer-wise lr decay, and validation split by recording."""

import dataclasses

import keras
import numpy as np
import pytest

from birdjepa_keras.config import benchmark as bcfg
from birdjepa_keras.benchmark import finetune, probe_heads, probes
from birdjepa_keras.benchmark import run as bench_run
from birdjepa_keras.benchmark.features import Features
from birdjepa_keras.config import ConfigError, load_recipe

# ----------------------------------------------------------------------------- time_mean


def test_time_mean_and_time_max_match_numpy_reference():
    rng = np.random.default_rng(0)
    n, t, f, d = 3, 4, 2, 5  # grid 4 time rows x 2 mel columns, time-major tokens
    tok = rng.normal(size=(n, t * f, d)).astype("float32")
    feats = Features(tok.mean(1), np.zeros((n, 2), "float32"), tok, grid=(t, f))
    # Independent reference: loop over mel columns, average the tokens of that column.
    ref = np.stack([np.concatenate([tok[i, [r * f + c for r in range(t)]].mean(0) for c in range(f)]) for i in range(n)])
    out = feats.time_mean(chunk=2)
    assert out.shape == (n, f * d)
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6)
    # Two windows' tokens concatenated (a 10 s clip) average over both windows' rows.
    two = Features(tok[:, :4].mean(1), np.zeros((n, 2), "float32"), np.concatenate([tok, tok[:, ::-1]], 1), grid=(t, f))
    ref2 = np.stack([np.concatenate([two.tokens[i, c::f].mean(0) for c in range(f)]) for i in range(n)])
    np.testing.assert_allclose(two.time_mean(), ref2, rtol=1e-5, atol=1e-6)
    ref_max = np.stack([np.concatenate([tok[i, [r * f + c for r in range(t)]].max(0) for c in range(f)]) for i in range(n)])
    np.testing.assert_allclose(feats.time_max(chunk=2), ref_max, rtol=1e-6)
    np.testing.assert_allclose(two.time_max(), np.stack([np.concatenate([two.tokens[i, c::f].max(0) for c in range(f)]) for i in range(n)]))


def test_time_mean_keeps_mel_position_that_the_token_mean_loses():
    # Class 0 lights mel column 0, class 1 column 1 with the same vector: the token mean is identical.
    t, f, d = 3, 2, 4
    v = np.ones(d, "float32")
    tok = np.zeros((2, t * f, d), "float32")
    tok[0, 0::f] = v
    tok[1, 1::f] = v
    feats = Features(tok.mean(1), np.eye(2, dtype="float32"), tok, grid=(t, f))
    np.testing.assert_allclose(feats.embedding[0], feats.embedding[1])
    tm = feats.time_mean()
    assert not np.allclose(tm[0], tm[1])


def test_time_mean_refuses_pooled_or_gridless_tokens():
    tok = np.zeros((2, 6, 4), "float32")
    with pytest.raises(ValueError, match="time_mean"):
        Features(tok.mean(1), np.zeros((2, 2)), tok, grid=None).time_mean()
    with pytest.raises(ValueError, match="time_max"):
        Features(tok.mean(1), np.zeros((2, 2)), tok, grid=None).time_max()


def _mel_column_task_accuracy(kinds, seed, t, d, sizes, amplitude, short_call):
    """Test accuracy of linear probes `kinds` on 4 classes = which mel column holds a vector.

    Tokens: noise (std 0.3) on a (t time rows x 4 mel columns) grid, the class's column lifted by
    `amplitude` in every row, or in one random row when `short_call`.
    """
    rng = np.random.default_rng(seed)
    f = 4

    def make(n):
        y = np.eye(f, dtype="float32")[rng.integers(0, f, n)]
        tok = rng.normal(size=(n, t, f, d)).astype("float32") * 0.3
        rows = rng.integers(0, t, n) if short_call else slice(None)
        tok[np.arange(n), rows, y.argmax(1)] += amplitude
        tok = tok.reshape(n, t * f, d)
        return Features(tok.mean(1), y, tok, grid=(t, f))

    train, valid, test = (make(n) for n in sizes)
    cfg = bcfg.ProbesConfig(linear=bcfg.LinearProbeConfig(epochs=40, patience=10, learning_rate=0.03, min_epoch_examples=0))
    acc = {}
    for kind in kinds:
        res = probes.fit_and_score(kind, train, valid, [test], multi_label=False, seed=0, **cfg.kwargs_for(kind))
        acc[kind] = float(np.mean(res.scores[0].argmax(1) == test.labels.argmax(1)))
    return acc


def test_linear_time_mean_probe_learns_a_mel_position_task():
    # The same vector in every row: only the column tells the class, which the token mean loses.
    acc = _mel_column_task_accuracy(("linear", "linear_time_mean"), 1, t=4, d=6, sizes=(80, 40, 80), amplitude=1.0, short_call=False)
    assert acc["linear_time_mean"] > 0.9 and acc["linear"] < 0.5, acc  # chance 0.25


def test_linear_time_max_probe_hears_a_short_call_the_time_mean_dilutes():
    # One row of 32: the mean divides the call by 32, the maximum keeps it.
    acc = _mel_column_task_accuracy(("linear_time_mean", "linear_time_max"), 2, t=32, d=2, sizes=(120, 60, 120), amplitude=1.5, short_call=True)
    assert acc["linear_time_max"] > 0.9 and acc["linear_time_mean"] < acc["linear_time_max"] - 0.2, acc


# ----------------------------------------------------------------------------- prototypes / loss


def test_relu_on_cos_changes_the_logits():
    # One token at cosine -0.5 with the class's prototype: without ReLU the class logit is
    # w * (-0.5) + b, with ReLU (Bird-MAE's PPNet) w * 0 + b.
    z = np.array([[[-0.5, np.sqrt(0.75)]]], "float32")
    logits = {}
    for relu in (False, True):
        head = probe_heads.PrototypeHead(1, 1, lr_scale=1.0, bias_init=-2.0, relu_on_cos=relu)
        head.build((None, 1, 2))
        head.prototypes_raw.assign(np.array([[1.0, 0.0]], "float32"))
        logits[relu] = float(keras.ops.convert_to_numpy(head(z))[0, 0])
    assert logits[False] == pytest.approx(-2.5, abs=1e-5)
    assert logits[True] == pytest.approx(-2.0, abs=1e-5)


def _asl_reference(x, y, gamma_neg=4.0, gamma_pos=1.0, clip=0.05, eps=1e-8):
    """github houtan-ghaffari/Bird-SSL util/asymmetric_loss.py AsymmetricLossMultiLabel, in float64 NumPy."""
    p = 1 / (1 + np.exp(-x))
    p_neg = np.minimum(1 - p + clip, 1)
    loss = y * np.log(np.maximum(p, eps)) + (1 - y) * np.log(np.maximum(p_neg, eps))
    pt = p * y + p_neg * (1 - y)
    loss = loss * (1 - pt) ** (gamma_pos * y + gamma_neg * (1 - y))
    return -loss.mean()


def test_asymmetric_loss_matches_the_reference():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(6, 5)) * 3
    y = (rng.random((6, 5)) < 0.3).astype("float64")
    got = float(keras.ops.convert_to_numpy(probes.AsymmetricLoss()(y.astype("float32"), x.astype("float32"))))
    assert got == pytest.approx(_asl_reference(x, y), rel=1e-4)
    # Easy negatives (p < clip) cost nothing; the loss is far below BCE on the same logits.
    assert float(keras.ops.convert_to_numpy(probes.AsymmetricLoss()(np.zeros((1, 1)), np.full((1, 1), -4.0)))) == 0.0


def test_cosine_schedule_warms_up_then_decays_to_the_floor():
    lr = probes.lr_schedule(100, learning_rate=1e-3, schedule="cosine", warmup_fraction=0.1, min_learning_rate=1e-5)
    at = lambda s: float(keras.ops.convert_to_numpy(lr(s)))  # noqa: E731
    assert at(0) == pytest.approx(0.0, abs=1e-12)
    assert at(5) == pytest.approx(5e-4, rel=1e-4)  # halfway through 10 warm-up steps
    assert at(10) == pytest.approx(1e-3, rel=1e-4)
    assert at(55) == pytest.approx(1e-5 + (1e-3 - 1e-5) * 0.5, rel=1e-3)  # cosine midpoint
    assert at(100) == pytest.approx(1e-5, rel=1e-3)


# ----------------------------------------------------------------------------- bird_mae switch

BENCH = """
[benchmark]
tasks = ["synthetic_tiny"]
probes = ["linear", "prototypical", "attentive", "finetune"]
protocol = "{protocol}"

[[backbones]]
name = "b"
kind = "birdnet"

[probe.prototypical]
prototypes_per_class = 3
epochs = 7
"""


def test_bird_mae_switch_sets_the_documented_values(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text(BENCH.format(protocol="bird_mae"))
    recipe, _ = load_recipe(str(path))
    r = bcfg.apply_protocol(recipe)
    # Values from github houtan-ghaffari/Bird-SSL (commit bb0c7c0), written out by hand:
    # configs/experiment/paper/bigshot/birdMAE/frozenpp_base/*.yaml, configs/module/optimizer/adamw.yaml,
    # configs/module/network/vit_base_16.yaml (ppnet), models/vit/vit.py (warmup_ratio 0.067),
    # models/components/cosine_warmup.py (min_lr 1e-6), models/ppnet/ppnet.py (relu_on_cos True).
    for section in (r.probe.linear, r.probe.prototypical, r.probe.attentive, r.probe.finetune):
        assert section.epochs == 30 and section.batch_size == 128
        assert section.schedule == "cosine" and section.warmup_fraction == 0.067 and section.min_learning_rate == 1e-6
        assert section.selection == "last" and section.loss == "asl" and section.beta_2 == 0.95 and section.clipnorm == 2.0
        assert section.min_epoch_examples == 0
    p = r.probe.prototypical
    assert (p.prototypes_per_class, p.relu_on_cos, p.subtract_cls, p.bias_init) == (20, True, True, -2.0)
    assert p.learning_rate == 3e-4 and p.learning_rate * p.prototype_lr_scale == pytest.approx(0.04)
    assert p.weight_decay == 1e-4
    assert r.probe.linear.learning_rate == 3e-4 and r.probe.linear.weight_decay == 3e-4 and not r.probe.linear.standardize
    assert r.probe.attentive.style == "aim" and r.probe.attentive.learning_rate == 3e-4
    assert r.probe.finetune.layer_decay == 0.75 and r.probe.finetune.learning_rate == 3e-4
    # "ours" leaves the recipe alone.
    path.write_text(BENCH.format(protocol="ours"))
    ours, _ = load_recipe(str(path))
    assert bcfg.apply_protocol(ours) is ours
    assert ours.probe.prototypical.epochs == 7 and not ours.probe.prototypical.relu_on_cos


def test_bad_protocol_and_time_mean_with_pooled_tokens_fail_at_the_edge(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text(BENCH.format(protocol="birdmae"))
    with pytest.raises(ConfigError, match="benchmark.protocol"):
        load_recipe(str(path))
    path.write_text(BENCH.format(protocol="ours").replace('"finetune"]', '"linear_time_mean"]\ntoken_pool = 8')
                    .replace('kind = "birdnet"', 'kind = "random_init"'))  # fmt: skip
    with pytest.raises(ConfigError, match="token_pool"):
        load_recipe(str(path))


def test_bird_mae_protocol_trains_all_epochs_and_keeps_the_last():
    rng = np.random.default_rng(3)
    tok = rng.normal(size=(40, 6, 8)).astype("float32")
    y = (rng.random((40, 3)) < 0.4).astype("float32")
    feats = Features(tok.mean(1), y, tok, tok.mean(1))
    recipe = bcfg.apply_protocol(bcfg.BenchRecipe(benchmark=bcfg.BenchmarkConfig(protocol="bird_mae")))
    cfg = dataclasses.replace(recipe.probe, prototypical=dataclasses.replace(recipe.probe.prototypical, epochs=4, prototypes_per_class=2))
    res = probes.fit_and_score("prototypical", feats, feats, [feats], multi_label=True, seed=0, select=lambda a, b: 0.0, **cfg.kwargs_for("prototypical"))
    assert res.epochs == 4 and np.isnan(res.best_val)  # no early stop, nothing selected
    assert isinstance(res.model.loss, probes.AsymmetricLoss)


# ----------------------------------------------------------------------------- fine-tuning


def test_layerwise_lr_decay_gives_hand_computed_rates():
    # depth 2, decay 0.5, lr 1e-3: L = 3; embeddings 0.5^3, block_0 0.5^2, block_1 0.5^1, top 0.5^0.
    assert finetune.layer_scales(2, 0.5) == [0.125, 0.25, 0.5, 1.0]
    expected = {
        "audio_encoder/vit_encoder/patch_embed/kernel": 1.25e-4,
        "audio_encoder/vit_encoder/cls_tokens": 1.25e-4,
        "audio_encoder/vit_encoder/block_0/attn/q/kernel": 2.5e-4,
        "audio_encoder/vit_encoder/block_1/mlp/fc2/bias": 5e-4,
        "audio_encoder/vit_encoder/final_norm/gamma": 1e-3,
        "finetune/head/kernel": 1e-3,
    }
    opt = finetune.layerwise_optimizer(
        10, 2, layer_decay=0.5, learning_rate=1e-3, weight_decay=0.0, beta_2=0.999, clipnorm=0.0,
        schedule="constant", warmup_fraction=0.0, min_learning_rate=0.0,
    )  # fmt: skip

    class Var:  # the optimizer routes by `path` only
        def __init__(self, path):
            self.path = path

    for path, lr in expected.items():
        group = opt.get_groups()[opt.group_of(Var(path))][1]
        assert float(keras.ops.convert_to_numpy(group.learning_rate)) == pytest.approx(lr, rel=1e-6), path


@pytest.fixture(scope="module")
def tiny_backbone():
    from birdjepa_keras.benchmark.backbones import KerasEncoderBackbone
    from birdjepa_keras.config import FrontendConfig, ModelConfig
    from birdjepa_keras.models.audio_encoder import build_audio_encoder
    from birdjepa_keras.models import build

    keras.utils.set_random_seed(0)
    fe = FrontendConfig()
    model = build_audio_encoder(build.make_frontend(fe), build.make_encoder(ModelConfig(preset="vit_tiny"), fe), 160000, pooling="patch_mean")
    return KerasEncoderBackbone("tiny", model, "test")


def test_backbone_reports_its_patch_grid(tiny_backbone):
    assert tiny_backbone.grid == (32, 8)  # 512 x 128 log-mel, 16 x 16 patches


def test_finetune_changes_the_encoder_while_frozen_probes_do_not(tiny_backbone):
    rng = np.random.default_rng(4)
    n = 8
    y = np.eye(2, dtype="float32")[np.arange(n) % 2]
    t = np.arange(160000) / 32000.0
    x = np.stack([0.3 * np.sin(2 * np.pi * (800 if c == 0 else 5000) * t) for c in y.argmax(1)]).astype("float32")
    x += 0.01 * rng.normal(size=x.shape).astype("float32")
    waves = finetune.Waves(x, y)
    before = [w.copy() for w in tiny_backbone.model.get_weights()]
    out = tiny_backbone.embed(x)
    feats = Features(out["embedding"], y, out["tokens"], out["cls"], grid=tiny_backbone.grid)
    frozen_cfg = bcfg.ProbesConfig(
        linear=bcfg.LinearProbeConfig(epochs=2, min_epoch_examples=0),
        prototypical=bcfg.PrototypicalProbeConfig(prototypes_per_class=2, epochs=2, min_epoch_examples=0),
        attentive=bcfg.AttentiveProbeConfig(n_heads=2, epochs=2, min_epoch_examples=0),
    )
    for kind in ("linear", "linear_time_mean", "prototypical", "attentive"):
        probes.fit_and_score(kind, feats, feats, [feats], multi_label=True, seed=0, **frozen_cfg.kwargs_for(kind))
    for a, b in zip(before, tiny_backbone.model.get_weights()):
        np.testing.assert_array_equal(a, b)

    cfg = bcfg.ProbesConfig(finetune=bcfg.FinetuneProbeConfig(epochs=2, batch_size=4, learning_rate=1e-3, layer_decay=0.75, selection="last"))
    res = finetune.finetune_and_score(tiny_backbone, waves, waves, [waves], multi_label=True, seed=0, predict_batch=4, **cfg.kwargs_for("finetune"))
    assert res.scores[0].shape == (n, 2) and res.epochs == 2
    tuned = res.model.encoder
    # The backbone itself is untouched; its fine-tuned copy moved, block by block.
    for a, b in zip(before, tiny_backbone.model.get_weights()):
        np.testing.assert_array_equal(a, b)
    moved = {v.path: not np.allclose(keras.ops.convert_to_numpy(v), w) for v, w in zip(tuned.trainable_weights, _matching(tiny_backbone.model, tuned))}
    assert any("block_0/" in p and m for p, m in moved.items())
    assert any("patch_embed" in p and m for p, m in moved.items())


def _matching(original, copy):
    """Original weight values in the order of the copy's trainable weights (same architecture, same order)."""
    by_index = {id(v): i for i, v in enumerate(copy.weights)}
    values = original.get_weights()
    return [values[by_index[id(v)]] for v in copy.trainable_weights]


# ----------------------------------------------------------------------------- validation by recording


def test_holdout_never_splits_a_recording():
    rng = np.random.default_rng(5)
    # 30 recordings with 1-9 windows each (BEANS windows, BirdSet event rows), shuffled.
    groups = np.concatenate([[f"rec{i}.ogg"] * int(rng.integers(1, 10)) for i in range(30)])
    groups = groups[rng.permutation(len(groups))]
    n = len(groups)
    feats = Features(np.arange(n, dtype="float32")[:, None], np.ones((n, 1), "float32"), groups=groups)
    tr, va = bench_run.holdout(feats, 0.2)
    assert not set(tr.groups) & set(va.groups)
    assert len(tr) + len(va) == n and sorted(np.concatenate([tr.embedding[:, 0], va.embedding[:, 0]])) == list(range(n))
    assert 0.2 * n <= len(va) < 0.2 * n + 9  # whole recordings, at least the fraction
    tr2, va2 = bench_run.holdout(feats, 0.2)
    np.testing.assert_array_equal(va.embedding, va2.embedding)  # fixed across calls and seeds


def test_holdout_refuses_a_single_recording():
    feats = Features(np.zeros((4, 1), "float32"), np.ones((4, 1), "float32"), groups=np.array(["a"] * 4))
    with pytest.raises(ValueError, match="recording"):
        bench_run.holdout(feats, 0.25)


def test_pow_labels_are_matched_by_code():
    y = np.array([[1, 0, 1], [0, 1, 0]], "float32")
    out = bench_run.remap_labels(y, ["amecro", "norcar", "blujay"], ["blujay", "eursta", "amecro"])
    np.testing.assert_array_equal(out, [[1, 0, 1], [0, 0, 0]])
    with pytest.raises(ValueError, match="no class in common"):
        bench_run.remap_labels(y, ["a", "b", "c"], ["d"])
