"""Probes: k-shot sampling, layer checks, and each probe learning a toy token task."""

import dataclasses

import numpy as np
import pytest
from keras import ops

from birdjepa_keras import metrics
from birdjepa_keras.benchmark import probe_heads, probes
from birdjepa_keras.config.benchmark import AttentiveProbeConfig, LinearProbeConfig, ProbesConfig, PrototypicalProbeConfig
from birdjepa_keras.benchmark.features import Features
from tests.helpers import as_numpy, run_layer_test

C, T, D = 5, 12, 16


def _toy(n, rng, protos, multi_label=True):
    """Tokens of noise; each labelled class plants its prototype in three random tokens."""
    if multi_label:
        y = (rng.random((n, C)) < 0.35).astype("float32")
    else:
        y = np.eye(C, dtype="float32")[rng.integers(0, C, n)]
    tok = rng.normal(size=(n, T, D)).astype("float32")
    for i, c in zip(*np.nonzero(y)):
        tok[i, rng.integers(0, T, 3)] += 3.0 * protos[c]
    return Features(tok.mean(1), y, tok.astype("float16"), tok.mean(1))


FAST = ProbesConfig(
    linear=LinearProbeConfig(epochs=40, patience=10),
    prototypical=PrototypicalProbeConfig(prototypes_per_class=4, epochs=30, patience=8, min_epoch_examples=0),
    attentive=AttentiveProbeConfig(n_heads=2, epochs=30, patience=8, min_epoch_examples=0),
)


@pytest.mark.parametrize(
    "kind,multi_label",
    [("linear", True), ("prototypical", True), ("attentive", True), ("linear", False), ("prototypical", False)],
)
def test_probe_learns_toy_task(kind, multi_label):
    rng = np.random.default_rng(0)
    protos = rng.normal(size=(C, D))
    train, valid, test = (_toy(n, rng, protos, multi_label) for n in (120, 40, 100))
    res = probes.fit_and_score(kind, train, valid, [valid, test], multi_label=multi_label, seed=0, **FAST.kwargs_for(kind))
    assert res.scores[1].shape == (100, C) and 1 <= res.epochs <= 40
    if multi_label:
        assert metrics.cmap(test.labels, res.scores[1]) > 0.6  # chance ~0.35
    else:
        assert np.allclose(res.scores[1].sum(1), 1.0)
        assert metrics.accuracy(test.labels, res.scores[1]) > 0.6  # chance 0.2


def test_probe_is_deterministic_given_seed():
    rng = np.random.default_rng(1)
    protos = rng.normal(size=(C, D))
    train, valid = _toy(60, rng, protos), _toy(30, rng, protos)
    cfg = dataclasses.replace(FAST, prototypical=dataclasses.replace(FAST.prototypical, epochs=3))
    a = probes.fit_and_score("prototypical", train, valid, [valid], multi_label=True, seed=3, **cfg.kwargs_for("prototypical")).scores[0]
    b = probes.fit_and_score("prototypical", train, valid, [valid], multi_label=True, seed=3, **cfg.kwargs_for("prototypical")).scores[0]
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_small_training_sets_are_repeated_to_an_epoch():
    assert probes.epoch_repeats(8, 512) == 64 and probes.epoch_repeats(1000, 512) == 1
    assert probes.epoch_repeats(100, 0) == 1


def test_k_shot_sampling():
    y = np.zeros((40, 4), "float32")
    y[np.arange(40), np.arange(40) % 4] = 1  # 10 per class
    y[0, 0] = 0  # a row without labels is never drawn
    idx = probes.sample_k_shot(y, 3, seed=0)
    assert len(idx) == 12 and np.all(y[idx].sum(0) == 3) and 0 not in idx
    assert not np.array_equal(idx, probes.sample_k_shot(y, 3, seed=1))
    np.testing.assert_array_equal(idx, probes.sample_k_shot(y, 3, seed=0))
    assert len(probes.sample_k_shot(y, 50, seed=0)) == 39  # fewer than k: all of the class
    np.testing.assert_array_equal(probes.sample_k_shot(y, -1, seed=0), np.arange(40))


def test_prototype_head_layer():
    layer, out = run_layer_test(
        probe_heads.PrototypeHead,
        {"n_classes": 3, "prototypes_per_class": 2, "lr_scale": 10.0},
        np.random.default_rng(0).normal(size=(2, 5, 8)).astype("float32"),
        (2, 3),
        run_mixed_precision=False,
    )
    # Initial logits: weights 1, bias -2, activations in [0, 1] -> logits in [-2, 0].
    assert np.all(as_numpy(out) >= -2 - 1e-6) and np.all(as_numpy(out) <= 1e-6)


def test_prototype_orthogonality_is_zero_for_orthogonal_prototypes():
    head = probe_heads.PrototypeHead(2, 3, lr_scale=1.0)
    head.build((None, 4, 6))
    head.prototypes_raw.assign(np.eye(6, dtype="float32"))
    assert float(as_numpy(head.orthogonality())) == pytest.approx(0.0, abs=1e-6)
    head.prototypes_raw.assign(np.ones((6, 6), "float32"))
    assert float(as_numpy(head.orthogonality())) > 0.1


def test_prototype_activation_is_max_cosine_over_tokens():
    head = probe_heads.PrototypeHead(1, 1, lr_scale=1.0)
    head.build((None, 3, 2))
    head.prototypes_raw.assign(np.array([[1.0, 0.0]], "float32"))
    z = np.array([[[0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]]], "float32")
    assert float(as_numpy(head.activations(ops.convert_to_tensor(z)))[0, 0]) == pytest.approx(2**-0.5, abs=1e-5)


def test_attentive_pooler_layer():
    run_layer_test(
        probe_heads.AttentivePooler,
        {"dim": 8, "n_heads": 2, "n_queries": 2},
        np.random.default_rng(0).normal(size=(2, 5, 8)).astype("float32"),
        (2, 8),
        run_mixed_precision=False,
    )
    with pytest.raises(ValueError, match="does not divide"):
        probe_heads.AttentivePooler(10, n_heads=4)


def test_selection_on_the_validation_metric():
    rng = np.random.default_rng(2)
    protos = rng.normal(size=(C, D))
    train, valid = _toy(80, rng, protos), _toy(40, rng, protos)
    res = probes.fit_and_score("linear", train, valid, [valid], multi_label=True, seed=0, select=metrics.cmap, **FAST.kwargs_for("linear"))
    # The kept epoch is the one with the best validation cmAP, and scoring valid again reproduces it.
    assert res.best_val == pytest.approx(metrics.cmap(valid.labels, res.scores[0]), abs=1e-6)


def test_relu_on_cos_is_optional():
    z = np.array([[[-1.0, 0.0]]], "float32")  # cosine -1 with the prototype
    for relu, expected in ((False, -1.0), (True, 0.0)):
        head = probe_heads.PrototypeHead(1, 1, lr_scale=1.0, relu_on_cos=relu)
        head.build((None, 1, 2))
        head.prototypes_raw.assign(np.array([[1.0, 0.0]], "float32"))
        assert float(as_numpy(head.activations(ops.convert_to_tensor(z)))[0, 0]) == pytest.approx(expected, abs=1e-5)
        assert head.get_config()["relu_on_cos"] is relu


def test_prototypical_probe_round_trips_through_a_keras_file(tmp_path):
    import keras

    kw = dict(prototypes_per_class=2, prototype_lr_scale=3.0, bias_init=-1.5, relu_on_cos=True, subtract_cls=False, orthogonality_weight=0.25)
    model = probe_heads.PrototypicalProbe(T, D, C, **kw, name="prototypical_probe")
    cfg = model.get_config()
    assert {k: cfg[k] for k in kw} == kw and (cfg["n_tokens"], cfg["dim"], cfg["n_classes"]) == (T, D, C)
    rng = np.random.default_rng(5)
    x = [rng.normal(size=(3, T, D)).astype("float32"), rng.normal(size=(3, D)).astype("float32")]
    path = str(tmp_path / "probe.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is probe_heads.PrototypicalProbe and loaded.orthogonality_weight == 0.25
    assert loaded.head.relu_on_cos is True and loaded.head.lr_scale == 3.0
    np.testing.assert_allclose(as_numpy(loaded(x)), as_numpy(model(x)), atol=1e-6)


def _tiny_probe_args(kind):
    """Every keyword a probe kind trains with, written out here (not read from our config)."""
    kw = dict(
        epochs=1, batch_size=8, patience=1, selection="best", loss="bce", learning_rate=1e-3, weight_decay=0.0,
        beta_2=0.999, clipnorm=0.0, schedule="constant", warmup_fraction=0.0, min_learning_rate=0.0, min_epoch_examples=0,
    )  # fmt: skip
    if kind == "prototypical":
        kw.update(prototypes_per_class=2, prototype_lr_scale=4.0, bias_init=-2.0, relu_on_cos=False, subtract_cls=True, orthogonality_weight=1.0)
    elif kind == "attentive":
        kw.update(style="aim", dim=0, depth=0, n_heads=2, n_queries=1, mlp_ratio=4.0)
    else:
        kw.update(standardize=True)
    return kw


@pytest.mark.parametrize("kind", ["linear", "prototypical", "attentive"])
def test_probe_arguments_are_all_required_and_all_used(kind):
    rng = np.random.default_rng(6)
    feats = _toy(16, rng, rng.normal(size=(C, D)))
    kw = _tiny_probe_args(kind)
    assert probes.fit_and_score(kind, feats, feats, [feats], multi_label=True, seed=0, **kw).epochs == 1
    # The config's section is exactly this keyword set: nothing missing, nothing the library ignores.
    assert set(ProbesConfig().kwargs_for(kind)) == set(kw)
    with pytest.raises(TypeError, match="missing probe argument.*learning_rate"):
        probes.fit_and_score(kind, feats, feats, [feats], multi_label=True, seed=0, **{k: v for k, v in kw.items() if k != "learning_rate"})
    with pytest.raises(TypeError, match="unexpected probe argument.*layer_decay"):
        probes.fit_and_score(kind, feats, feats, [feats], multi_label=True, seed=0, **kw, layer_decay=0.5)


def test_finetune_arguments_are_checked_before_any_work():
    from birdjepa_keras.benchmark import finetune

    kw = {**_tiny_probe_args("linear"), "layer_decay": 0.75}
    with pytest.raises(TypeError, match="unexpected probe argument.*standardize"):
        finetune.finetune_and_score(None, None, None, [], multi_label=True, seed=0, **kw)
    del kw["standardize"]
    assert set(ProbesConfig().kwargs_for("finetune")) == set(kw)
