"""One Keras optimizer made of several, each owning the variables its predicate accepts.

    opt = GroupedOptimizer([
        (PathFilter("online_probe"), keras.optimizers.AdamW(1e-3)),
        (PathFilter(), keras.optimizers.AdamW(1e-4)),   # catch-all
    ])
    model.compile(optimizer=opt)

Each trainable variable goes to the first group whose predicate accepts it
(a variable no group accepts is an error). Every step each sub-optimizer
applies its own gradients exactly as it would alone: its own learning rate or
schedule, step counter, slots and weight decay. `variables` is this
optimizer's step counter followed by every sub-optimizer's variables, in
group order, so JAX's `stateless_apply`, `model.save` and checkpoints that
store `optimizer.variables` see the whole state, once.
"""

import re

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class PathFilter:
    """Predicate: `re.search(pattern, variable.path)` (and rank == `ndim` if given)."""

    def __init__(self, pattern="", ndim=None):
        self.pattern = pattern
        self.ndim = ndim
        self._regex = re.compile(pattern)

    def __call__(self, variable):
        if self.ndim is not None and len(variable.shape) != self.ndim:
            return False
        return self._regex.search(variable.path) is not None

    def get_config(self):
        return {"pattern": self.pattern, "ndim": self.ndim}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _Groups:
    """Plain holder: Keras's saver walks optimizer attributes, so the sub-optimizers
    hide here and are saved once, through `GroupedOptimizer.variables`."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class GroupedOptimizer(keras.optimizers.Optimizer):
    """Route each trainable variable to the first `(predicate, optimizer)` that accepts it.

    Args:
        groups: list of `(predicate(variable) -> bool, optimizer)`; distinct
            optimizer instances. Predicates should be serializable (e.g.
            `PathFilter` or a registered class) for `model.save`.
        global_clipnorm: clip all gradients together, before they are split.
        primary_group: the group whose learning rate `learning_rate` reports.
        name: optimizer name.
    """

    def __init__(self, groups, global_clipnorm=None, primary_group=0, name=None):
        super().__init__(learning_rate=self._primary_learning_rate, global_clipnorm=global_clipnorm, name=name)
        groups = [tuple(g) for g in groups]
        if not groups:
            raise ValueError("GroupedOptimizer needs at least one (predicate, optimizer) group")
        seen = set()
        for i, g in enumerate(groups):
            if len(g) != 2 or not callable(g[0]) or not isinstance(g[1], keras.optimizers.Optimizer):
                raise ValueError(f"group {i} must be (predicate, keras optimizer), got {g!r}")
            opt = g[1]
            if isinstance(opt, keras.optimizers.LossScaleOptimizer) or opt.loss_scale_factor is not None:
                raise ValueError(f"group {i}: loss scaling belongs outside the GroupedOptimizer")
            if id(opt) in seen or opt.built:
                raise ValueError(f"group {i}: each group needs its own, unbuilt optimizer")
            seen.add(id(opt))
        if not 0 <= primary_group < len(groups):
            raise ValueError(f"primary_group {primary_group} is not a group index")
        self.primary_group = primary_group
        self._groups = _Groups(groups)

    # Methods, not properties: Keras's saver walks attributes and would store the state twice.
    def get_groups(self):
        """The `(predicate, optimizer)` pairs, in routing order."""
        return list(self._groups.pairs)

    def _optimizers(self):
        return [opt for _, opt in self._groups.pairs]

    def _primary_learning_rate(self):
        return self._groups.pairs[self.primary_group][1].learning_rate

    @property
    def learning_rate(self):
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, value):
        raise AttributeError("GroupedOptimizer has one learning rate per group; set it on the group's optimizer")

    @property
    def variables(self):
        out = self._variables[:]
        for opt in self._optimizers():
            out.extend(opt.variables)
        return out

    def group_of(self, variable):
        """Index of the first group whose predicate accepts `variable`."""
        for i, (pred, _) in enumerate(self._groups.pairs):
            if pred(variable):
                return i
        raise ValueError(f"no optimizer group accepts variable {variable.path!r}; add a catch-all group")

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        super().build(var_list)
        self._group_index = {}
        members = [[] for _ in self._groups.pairs]
        for v in var_list:
            i = self.group_of(v)
            self._group_index[self._var_key(v)] = i
            members[i].append(v)
        for opt, vs in zip(self._optimizers(), members):
            if vs:
                # Absolute scope: sub-optimizer paths do not depend on who calls build.
                with keras.name_scope(opt.name, caller=opt, override_parent=""):
                    opt.build(vs)

    def members(self, i):
        """The variables routed to group `i` (after build)."""
        return [v for v in self._trainable_variables if self._group_index[self._var_key(v)] == i]

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError("build the optimizer, or pass trainable_variables, before apply")
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                self.build(trainable_variables)
            self._check_variables_are_known(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(f"{len(grads)} gradients for {len(trainable_variables)} variables")
        if self.global_clipnorm:
            grads = _clip_by_global_norm(grads, self.global_clipnorm)
        split = [([], []) for _ in self._groups.pairs]
        for g, v in zip(grads, trainable_variables):
            gs, vs = split[self._group_index[self._var_key(v)]]
            gs.append(g)
            vs.append(v)
        for opt, (gs, vs) in zip(self._optimizers(), split):
            if any(g is not None for g in gs):
                opt.apply(gs, vs)
        self._iterations.assign_add(1)

    def finalize_variable_values(self, var_list):
        for i, opt in enumerate(self._optimizers()):
            vs = [v for v in var_list if self._group_index.get(self._var_key(v)) == i]
            if vs:
                opt.finalize_variable_values(vs)

    def set_weights(self, weights):
        variables = self.variables
        if len(weights) != len(variables):
            raise ValueError(f"{len(weights)} weights for {len(variables)} optimizer variables")
        for v, w in zip(variables, weights):
            v.assign(w)

    def get_config(self):
        ser = keras.saving.serialize_keras_object
        return {
            "name": self.name,
            "groups": [{"predicate": ser(p), "optimizer": ser(o)} for p, o in self._groups.pairs],
            "global_clipnorm": self.global_clipnorm,
            "primary_group": self.primary_group,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        de = keras.saving.deserialize_keras_object
        config["groups"] = [
            (de(g["predicate"], custom_objects=custom_objects), de(g["optimizer"], custom_objects=custom_objects))
            for g in config["groups"]
        ]
        return cls(**config)


def _clip_by_global_norm(grads, clip_norm):
    """Scale all gradients by clip_norm / max(global_norm, clip_norm) (Keras's rule)."""
    present = [g for g in grads if g is not None]
    norm = ops.sqrt(sum(ops.sum(ops.square(ops.cast(g, "float32"))) for g in present))
    scale = clip_norm / ops.maximum(norm, clip_norm)
    return [None if g is None else g * ops.cast(scale, g.dtype) for g in grads]
