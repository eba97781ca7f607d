"""Online probe: no gradient reaches the encoder, the objective is untouched, it trains and reports."""

import keras
import numpy as np
import pytest

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.classification import classification_loss
from birdjepa_keras.objectives.lejepa import LeJEPA
from birdjepa_keras.objectives.online_probe import OnlineProbe, OnlineProbeEval, is_online_probe_variable
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.objectives.supervised import Supervised
from tests.helpers import as_numpy, run_layer_test

N_CLASSES = 3


def _encoder():
    return ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=1, n_heads=2, n_cls=2, n_registers=1)


def _make(kind, probe=True):
    front = keras.layers.Reshape((16, 16))
    p = OnlineProbe(N_CLASSES) if probe else None
    if kind == "pixio":
        return Pixio(front, _encoder(), decoder_dim=32, decoder_depth=1, decoder_heads=2, online_probe=p)
    if kind == "lejepa":
        return LeJEPA(front, _encoder(), n_global=2, n_local=1, global_size=(12, 16), local_size=(8, 8),
                      proj_hidden=(32,), proj_dim=8, n_directions=16, online_probe=p)
    return Supervised(front, _encoder(), num_classes=N_CLASSES, online_probe=p)


def _data(n=8, seed=0):
    rng = np.random.default_rng(seed)
    y = np.eye(N_CLASSES, dtype="float32")[rng.integers(0, N_CLASSES, n)]
    x = rng.normal(size=(n, 256)).astype("float32") + 2.0 * np.repeat(y, 256 // N_CLASSES + 1, axis=1)[:, :256]
    return x, y


def _built(model):
    """`model` with its weights created by shape inference (an eager first call compiles each op: ~10-30 s)."""
    model(keras.KerasTensor((2, 256)))
    return model


def _non_probe(variables):
    return [v for v in variables if not is_online_probe_variable(v)]


@pytest.mark.backend
@pytest.mark.parametrize("normalize", [True, False])
def test_online_probe_layer(normalize):
    rng = np.random.default_rng(0)
    inputs = (rng.normal(size=(4, 2, 8)).astype("float32"), rng.normal(size=(4, 5, 8)).astype("float32"))
    run_layer_test(OnlineProbe, {"num_classes": 3, "normalize": normalize}, inputs, (4, 3))


def test_probe_starts_at_the_class_prior():
    cls_bcd, x_bnd = np.ones((2, 1, 8), "float32"), np.ones((2, 3, 8), "float32")
    probs = 1 / (1 + np.exp(-as_numpy(OnlineProbe(24)(cls_bcd, x_bnd))))
    np.testing.assert_allclose(probs, 1 / 24, rtol=1e-5)
    np.testing.assert_allclose(as_numpy(OnlineProbe(24, loss="softmax")(cls_bcd, x_bnd)), 0.0)


def test_probe_variables_are_named_for_routing():
    model = _built(_make("pixio"))
    probe_vars = [v.path for v in model.trainable_variables if is_online_probe_variable(v)]
    assert len(probe_vars) == 2 and all("online_probe/head" in p for p in probe_vars)
    with pytest.raises(ValueError, match="online_probe"):
        OnlineProbe(3, name="probe")


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="uses jax.grad")
@pytest.mark.parametrize("kind", ["pixio", "lejepa", "supervised"])
def test_probe_gradient_never_reaches_the_encoder(kind, monkeypatch):
    import jax

    x, y = _data()
    model = _built(_make(kind))
    kernel = model.online_probe.head.kernel  # zero at init, which would hide a leak
    kernel.assign(np.random.default_rng(0).normal(size=kernel.shape).astype("float32"))
    tv = [v.value for v in model.trainable_variables]
    ntv = [v.value for v in model.non_trainable_variables]

    def probe_loss(tv):
        y_pred, _ = model.stateless_call(tv, ntv, x, training=True)
        return classification_loss(y, y_pred["probe_logits_bc"])

    grads = jax.jit(jax.grad(probe_loss))(tv)
    for v, g in zip(model.trainable_variables, grads):
        if is_online_probe_variable(v):
            assert np.abs(np.asarray(g)).max() > 0, v.path  # the probe itself learns
        else:
            assert not np.any(np.asarray(g)), f"probe gradient leaks into {v.path}"
    # The check can see a leak: without stop_gradient the encoder does get gradient.
    monkeypatch.setattr(keras.ops, "stop_gradient", lambda t: t)
    leaked = jax.jit(jax.grad(probe_loss))(tv)
    assert any(np.any(np.asarray(g)) for v, g in zip(model.trainable_variables, leaked) if "encoder" in v.path)


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="uses jax.grad")
@pytest.mark.parametrize("kind", ["pixio", "lejepa", "supervised"])
def test_objective_gradients_identical_with_and_without_probe(kind):
    import jax

    x, y = _data()
    with_probe, without = _built(_make(kind)), _built(_make(kind, probe=False))
    shared = _non_probe(with_probe.weights)
    assert len(shared) == len(without.weights)
    for a, b in zip(shared, without.weights):
        assert a.shape == b.shape, (a.path, b.path)
        b.assign(as_numpy(a))  # same weights and the same RNG state (a copy: JAX donates buffers)

    def grads(model):
        model.compile(optimizer="sgd")
        model.optimizer.build(model.trainable_variables)
        tv = [v.value for v in model.trainable_variables]
        ntv = [v.value for v in model.non_trainable_variables]
        mv = [v.value for v in model.metrics_variables]
        ov = [v.value for v in model.optimizer.variables]

        def loss(tv):  # the function Keras's JAX trainer differentiates
            return model.compute_loss_and_updates(tv, ntv, mv, x, y, None, training=True, optimizer_variables=ov)[0]

        return jax.jit(jax.grad(loss))(tv)

    g_with = [g for v, g in zip(with_probe.trainable_variables, grads(with_probe)) if not is_online_probe_variable(v)]
    g_without = grads(without)
    assert len(g_with) == len(g_without)
    for v, a, b in zip(without.trainable_variables, g_with, g_without):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b), err_msg=v.path)


def test_probe_trains_and_reports_heldout_cmap():
    keras.utils.set_random_seed(0)
    x, y = _data(64)
    xv, yv = _data(32, seed=1)
    model = _make("pixio")
    model.compile(optimizer=keras.optimizers.AdamW(3e-3))
    _built(model)
    head_before = as_numpy(model.online_probe.head.kernel).copy()
    heldout = [(xv[:16], yv[:16]), (xv[16:], yv[16:])]
    hist = model.fit(x, y, epochs=5, batch_size=16, verbose=0, callbacks=[OnlineProbeEval(heldout)]).history
    for key in ("loss", "objective_loss", "probe_loss", "probe_acc", "val_probe_cmap", "val_probe_top1"):
        assert len(hist[key]) == 5 and np.all(np.isfinite(hist[key])), key
    assert 0 <= hist["val_probe_cmap"][-1] <= 1
    assert hist["probe_loss"][-1] < hist["probe_loss"][0]
    assert not np.allclose(as_numpy(model.online_probe.head.kernel), head_before)
    # fit's training flag reaches the probe: its BatchNorm tracked the embedding statistics.
    assert np.abs(as_numpy(model.online_probe.norm.moving_mean)).max() > 1e-3
    # The objective's own loss is what "objective_loss" reports.
    np.testing.assert_allclose(
        np.asarray(hist["loss"]), np.asarray(hist["objective_loss"]) + np.asarray(hist["probe_loss"]), rtol=1e-4
    )


def test_probe_has_its_own_optimizer_and_leaves_training_unchanged():
    from birdjepa_keras.config import OnlineProbeConfig
    from birdjepa_keras.train.build import add_online_probe_optimizer

    x, y = _data(8)
    with_probe, without = _built(_make("lejepa")), _built(_make("lejepa", probe=False))
    for a, b in zip(_non_probe(with_probe.weights), without.weights):
        b.assign(as_numpy(a))
    probe_cfg = OnlineProbeConfig(enabled=True, learning_rate=5e-2)
    opt = add_online_probe_optimizer(keras.optimizers.AdamW(1e-3, global_clipnorm=0.1), probe_cfg)
    with_probe.compile(optimizer=opt)
    without.compile(optimizer=keras.optimizers.AdamW(1e-3, global_clipnorm=0.1))
    head_before = as_numpy(with_probe.online_probe.head.kernel).copy()
    for _ in range(2):
        with_probe.train_on_batch(x, y)
        without.train_on_batch(x, y)
    probe_vars = [v for v in with_probe.trainable_variables if is_online_probe_variable(v)]
    assert {opt.group_of(v) for v in probe_vars} == {0}
    assert float(as_numpy(opt.get_groups()[0][1].learning_rate)) == pytest.approx(5e-2)
    assert np.abs(as_numpy(with_probe.online_probe.head.kernel) - head_before).max() > 1e-2
    # The objective's variables train exactly as without a probe (its clipping never sees probe gradients).
    for a, b in zip(_non_probe(with_probe.trainable_variables), without.trainable_variables):
        np.testing.assert_allclose(as_numpy(a), as_numpy(b), rtol=1e-6, atol=1e-7, err_msg=a.path)
    plain = keras.optimizers.AdamW(1e-3)
    assert add_online_probe_optimizer(plain, OnlineProbeConfig(enabled=False)) is plain


def test_config_round_trip_keeps_the_probe():
    model = _make("lejepa")
    clone = LeJEPA.from_config(model.get_config())
    assert isinstance(clone.online_probe, OnlineProbe) and clone.online_probe.num_classes == N_CLASSES
    assert Pixio.from_config(_make("pixio", probe=False).get_config()).online_probe is None


@pytest.mark.backend
def test_objective_with_probe_one_train_step_any_backend():
    """The probe's own loss and optimizer step on every backend (LeJEPA: its views make the widest step)."""
    model = _make("lejepa")
    model.compile(optimizer="adam")
    x, y = _data(4)
    logs = model.train_on_batch(x, y, return_dict=True)
    assert np.isfinite(logs["loss"]) and np.isfinite(logs["probe_loss"])
