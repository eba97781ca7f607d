"""Shared checks every layer test can call in three lines (keras-hub style).

    from tests.helpers import run_layer_test
    def test_my_layer():
        run_layer_test(MyLayer, {"dim": 8}, np.zeros((2, 4, 8), "float32"), (2, 4, 8))
"""

import os
import tempfile

import keras
import numpy as np


def set_args(overrides):
    """{"train.steps": "3", ...} -> ["--set", "train.steps=3", ...] for `birdjepa-run` (values as TOML text)."""
    return [a for k, v in overrides.items() for a in ("--set", f"{k}={v}")]


def as_numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


def run_layer_test(
    layer_cls,
    init_kwargs,
    input_data,
    expected_output_shape,
    *,
    call_kwargs=None,
    run_mixed_precision=True,
    atol=1e-5,
):
    """Build, call, round-trip get_config, save/load `.keras`, rerun in bf16.

    `input_data` is one array or a tuple of arrays passed positionally.
    `expected_output_shape` is a shape tuple, or a tuple of shapes for
    layers with several outputs.
    """
    call_kwargs = call_kwargs or {}
    inputs = input_data if isinstance(input_data, tuple) else (input_data,)

    layer = layer_cls(**init_kwargs)
    out = layer(*inputs, **call_kwargs)
    _check_shapes(out, expected_output_shape)

    # Config round trip gives an identical layer; copy weights and compare.
    config = layer.get_config()
    clone = layer_cls.from_config(config)
    assert clone.get_config() == config
    clone(*inputs, **call_kwargs)
    clone.set_weights(layer.get_weights())
    _check_close(clone(*inputs, **call_kwargs), out, atol)

    # `.keras` round trip through a functional model.
    sym = [keras.Input(shape=np.shape(x)[1:], dtype=str(np.asarray(x).dtype)) for x in inputs]
    model = keras.Model(sym if len(sym) > 1 else sym[0], layer(*sym, **call_kwargs))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        model.save(path)
        restored = keras.models.load_model(path)
    _check_close(restored(list(inputs) if len(inputs) > 1 else inputs[0]), out, atol)

    if run_mixed_precision:
        policy = keras.config.dtype_policy()
        try:
            keras.config.set_dtype_policy("mixed_bfloat16")
            mp_layer = layer_cls(**init_kwargs)
            mp_out = mp_layer(*inputs, **call_kwargs)
            _check_shapes(mp_out, expected_output_shape)
            for o in _flatten(mp_out):
                assert np.all(np.isfinite(as_numpy(o).astype("float32")))
        finally:
            keras.config.set_dtype_policy(policy)
    return layer, out


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    if isinstance(x, dict):
        return [y for item in x.values() for y in _flatten(item)]
    return [x]


def _check_shapes(out, expected):
    outs = _flatten(out)
    if expected and isinstance(expected[0], (tuple, list)):
        assert len(outs) == len(expected), (len(outs), len(expected))
        for o, e in zip(outs, expected):
            assert tuple(o.shape) == tuple(e), (tuple(o.shape), tuple(e))
    else:
        assert len(outs) == 1, len(outs)
        assert tuple(outs[0].shape) == tuple(expected), (tuple(outs[0].shape), tuple(expected))


def _check_close(a, b, atol):
    for x, y in zip(_flatten(a), _flatten(b)):
        np.testing.assert_allclose(as_numpy(x), as_numpy(y), atol=atol, rtol=0)
