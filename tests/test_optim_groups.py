"""GroupedOptimizer: each group trains exactly as its own optimizer would alone, on every backend."""

import os

import keras
import numpy as np
import pytest

from birdjepa_keras.optim.groups import GroupedOptimizer, PathFilter
from birdjepa_keras.optim.schedules import WarmupStableDecay
from tests.helpers import as_numpy

STEPS_PER_EPOCH, EPOCHS = 4, 3


def _model():
    """Two independent branches: with MSE over their concatenation the loss separates."""
    x = keras.Input((6,))
    a = keras.layers.Dense(4, name="a")(x)
    b = keras.layers.Dense(4, name="b")(x)
    return keras.Model(x, keras.layers.Concatenate()([a, b]))


def _opt_a():
    lr = WarmupStableDecay(2e-2, total_steps=12, warmup_steps=3, decay_fraction=0.5)
    opt = keras.optimizers.AdamW(lr, weight_decay=0.1, name="opt_a")
    opt.exclude_from_weight_decay(var_names=["bias"])
    return opt


def _opt_b():
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([5], [0.1, 0.01])
    return keras.optimizers.SGD(lr, momentum=0.9, name="opt_b")


def _grouped():
    return GroupedOptimizer([(PathFilter(r"^a/"), _opt_a()), (PathFilter(), _opt_b())], primary_group=1)


def _data():
    rng = np.random.default_rng(0)
    n = STEPS_PER_EPOCH * 8
    return rng.normal(size=(n, 6)).astype("float32"), rng.normal(size=(n, 8)).astype("float32")


def _fit(optimizer, init_weights, epochs=EPOCHS, model=None):
    model = model or _model()
    model.set_weights(init_weights)
    model.compile(optimizer=optimizer, loss="mse")
    x, y = _data()
    model.fit(x, y, batch_size=8, epochs=epochs, shuffle=False, verbose=0)
    return model


def _weights(model, prefix):
    return [as_numpy(v) for v in model.trainable_variables if v.path.startswith(prefix)]


@pytest.mark.backend
def test_each_group_updates_as_its_optimizer_alone():
    keras.utils.set_random_seed(0)
    init = _model().get_weights()
    grouped = _fit(_grouped(), init)
    alone_a = _fit(_opt_a(), init)
    alone_b = _fit(_opt_b(), init)
    for got, want in zip(_weights(grouped, "a/"), _weights(alone_a, "a/")):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    for got, want in zip(_weights(grouped, "b/"), _weights(alone_b, "b/")):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # Not vacuous: the two optimizers really move the same branch differently.
    assert not np.allclose(_weights(alone_a, "b/")[0], _weights(alone_b, "b/")[0], atol=1e-3)


@pytest.mark.backend
def test_per_group_schedules_and_state_layout():
    keras.utils.set_random_seed(0)
    model = _fit(_grouped(), _model().get_weights())
    opt = model.optimizer
    (_, opt_a), (_, opt_b) = opt.get_groups()
    steps = STEPS_PER_EPOCH * EPOCHS
    assert int(as_numpy(opt.iterations)) == int(as_numpy(opt_a.iterations)) == int(as_numpy(opt_b.iterations)) == steps
    np.testing.assert_allclose(float(as_numpy(opt_a.learning_rate)), float(as_numpy(opt_a._learning_rate(steps))))
    np.testing.assert_allclose(float(as_numpy(opt_b.learning_rate)), 0.01, rtol=1e-6)
    np.testing.assert_allclose(float(as_numpy(opt.learning_rate)), 0.01, rtol=1e-6)  # primary_group=1
    assert [v.path for v in opt.members(0)] == ["a/kernel", "a/bias"]
    # All state, once, in group order: own step counter, then each sub-optimizer's variables.
    assert opt.variables == opt._variables + opt_a.variables + opt_b.variables
    assert len({id(v) for v in opt.variables}) == len(opt.variables)


@pytest.mark.backend
def test_save_load_restores_state_and_training_continues(tmp_path):
    keras.utils.set_random_seed(0)
    model = _fit(_grouped(), _model().get_weights())
    path = os.path.join(tmp_path, "m.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert isinstance(loaded.optimizer, GroupedOptimizer)
    assert [v.path for v in loaded.optimizer.variables] == [v.path for v in model.optimizer.variables]
    for a, b in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(as_numpy(a), as_numpy(b))
    # One more epoch from the restored state equals one more epoch of the original.
    x, y = _data()
    for m in (model, loaded):
        m.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    for a, b in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_config_round_trip_and_errors():
    opt = _grouped()
    clone = GroupedOptimizer.from_config(opt.get_config())
    assert clone.get_config() == opt.get_config()
    with pytest.raises(ValueError, match="no optimizer group accepts"):
        GroupedOptimizer([(PathFilter("^a/"), _opt_a())]).build(_model().trainable_variables)
    shared = _opt_a()
    with pytest.raises(ValueError, match="its own"):
        GroupedOptimizer([(PathFilter("^a/"), shared), (PathFilter(), shared)])
    with pytest.raises(AttributeError, match="per group"):
        opt.learning_rate = 0.1


def test_global_clipnorm_spans_groups():
    """Clipping sees all gradients together (one norm), before the split."""
    keras.utils.set_random_seed(0)
    model = _model()
    sgd = lambda: keras.optimizers.SGD(1.0)  # noqa: E731
    opt = GroupedOptimizer([(PathFilter("^a/"), sgd()), (PathFilter(), sgd())], global_clipnorm=1.0)
    opt.build(model.trainable_variables)
    before = [as_numpy(v) for v in model.trainable_variables]
    grads = [np.full(v.shape, 3.0, "float32") for v in model.trainable_variables]
    opt.apply(grads)
    total = np.sqrt(sum((g**2).sum() for g in grads))
    for v, b, g in zip(model.trainable_variables, before, grads):
        np.testing.assert_allclose(b - as_numpy(v), g / total, rtol=1e-5)


@pytest.mark.backend
def test_nested_grouped_optimizer_matches_flat(tmp_path):
    """The online-probe pattern: a GroupedOptimizer as one group of another."""
    keras.utils.set_random_seed(0)
    init = _model().get_weights()
    flat = _fit(_grouped(), init)
    inner = GroupedOptimizer([(PathFilter(r"^b/"), _opt_b())], name="inner")
    nested = _fit(GroupedOptimizer([(PathFilter(r"^a/"), _opt_a()), (PathFilter(), inner)], name="outer"), init)
    for a, b in zip(nested.get_weights(), flat.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    assert len(nested.optimizer.variables) == len(flat.optimizer.variables) + 1  # the inner step counter
    path = os.path.join(tmp_path, "nested.keras")
    nested.save(path)
    loaded = keras.models.load_model(path).optimizer
    for a, b in zip(loaded.variables, nested.optimizer.variables):
        np.testing.assert_array_equal(as_numpy(a), as_numpy(b))
