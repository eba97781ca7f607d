"""Call a model as one compiled function in tests, instead of op by op.

Under JAX an eager call compiles every small op on its first use (a tiny LeJEPA's
first eager forward: ~45 s on the 2-core CI machine; jitted as one function: ~10 s).
`compiled` traces the model's method once with its state passed in and written
back afterwards, as Keras's own JAX trainer does (`Layer.stateless_call`), so seed
generators and BatchNorm statistics advance exactly as in an eager call. On other
backends it is the plain eager call.
"""

import keras


def build_symbolic(model, *shapes):
    """Build `model` by shape inference on inputs of `shapes` (creates its weights, compiles nothing)."""
    if not model.built:
        model(*(keras.KerasTensor(shape) for shape in shapes))
    return model


def compiled(model, method=None, training=False):
    """`fn(*args)` = `method(*args, training=training)` (default: the model's call), compiled once.

    The model must be built (`build_symbolic`). Each call reads the model's current
    weights and writes its non-trainable ones (RNG state, moving statistics) back.
    """
    method = method or model.call
    if keras.backend.backend() != "jax":
        if method == model.call:
            return lambda *args: model(*args, training=training)
        return lambda *args: method(*args, training=training)
    import jax

    pure_jit = jax.jit(stateless(model, method, training))

    def fn(*args):
        tv = [v.value for v in model.trainable_variables]
        ntv = [v.value for v in model.non_trainable_variables]
        out, ntv = pure_jit(tv, ntv, *args)
        for v, value in zip(model.non_trainable_variables, ntv):
            v.assign(value)
        return out

    return fn


def stateless(model, method, training=False):
    """`pure(tv, ntv, *args) -> (out, new ntv)`: `method(*args, training=training)` with the model's
    trainable / non-trainable variable values passed in (`Layer.stateless_call`'s contract), for `jax.jit`
    or `jax.eval_shape`."""

    def pure(tv, ntv, *args):
        mapping = list(zip(model.trainable_variables, tv)) + list(zip(model.non_trainable_variables, ntv))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            out = method(*args, training=training)
        return out, [scope.get_current_value(v) for v in model.non_trainable_variables]

    return pure


def compiled_fn(fn, *static):
    """`fn(*args, *static)` as one compiled function of `args` (`static`: Python values such as sizes)."""
    if keras.backend.backend() != "jax":
        return lambda *args: fn(*args, *static)
    import jax

    return jax.jit(lambda *args: fn(*args, *static))
