"""Training checkpoints through Orbax: `keras.callbacks.OrbaxCheckpoint` writes, we restore and pair.

Every `steps_per_epoch` steps Keras's `OrbaxCheckpoint` saves the model's state
tree (trainable and non-trainable variables, hence the seed generators' RNG
state, optimizer variables including its step counter, metric variables) in the
background, keeping the newest `keep`; at the epoch's end host 0 writes the
step's JSON (epoch, data position) beside it. Layout and completeness:
`checkpoint_files`.

Restoring is ours: Keras 3.15's `model.load_weights` on an Orbax *step*
directory is refused (its `is_orbax_checkpoint` looks for `checkpoint_metadata`
while Orbax 0.12 writes `_CHECKPOINT_METADATA`), on the root it always takes
Orbax's newest step (which may lack its JSON), and `Model.set_state_tree`
silently skips variables whose path it does not find. So the checkpoint's
variable paths and shapes are compared with the model's first, then the arrays
are loaded with `orbax.checkpoint.v1.load_checkpointables` and assigned.
"""

import os

import keras
import numpy as np
import orbax.checkpoint as ocp

from birdjepa_keras.train import checkpoint_files as files

GROUPS = ("trainable_variables", "non_trainable_variables", "optimizer_variables")  # metrics reset each epoch


class CheckpointError(RuntimeError):
    """A checkpoint that does not fit the model it is restored into."""


def _flat(tree, prefix=""):
    out = {}
    for k, v in tree.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}/"))
        else:
            out[f"{prefix}{k}"] = v
    return out


def _model_shapes(model):
    """{group/variable path: shape} as `Model.get_state_tree` nests them."""
    lists = {"trainable_variables": model.trainable_variables,
             "non_trainable_variables": model.non_trainable_variables,
             "optimizer_variables": model.optimizer.variables}
    return {f"{g}/{v.path}": tuple(v.shape) for g in GROUPS for v in lists[g]}


class CheckpointManager:
    """Find, write (through Keras's callback) and restore checkpoints under `directory`.

    Args:
        directory: the run's `checkpoints/` folder (created on demand).
        keep: how many of the newest checkpoints to keep (Orbax's `max_to_keep`).
    """

    def __init__(self, directory, keep=3):
        if keep < 1:
            raise ValueError("keep must be >= 1")
        # Orbax refuses relative paths ("Checkpoint path should be absolute"); recipes say output_dir = "runs".
        self.directory = os.path.abspath(str(directory))
        self.keep = keep
        self._orbax = None

    def steps(self):
        """Steps of the complete checkpoints present, ascending."""
        return files.complete_steps(self.directory)

    def path(self, step):
        return files.step_path(self.directory, step)

    def latest(self):
        """Path of the newest complete checkpoint, or None."""
        steps = self.steps()
        return self.path(steps[-1]) if steps else None

    def discard_after(self, step):
        """Remove steps newer than `step` (and killed saves); call on host 0 before `callbacks`."""
        files.discard_after(self.directory, step)

    def callbacks(self, steps_per_epoch, state_fn=lambda epoch: {}, write_state=True):
        """[our state writer, keras.callbacks.OrbaxCheckpoint] for `fit`, in that order.

        The Orbax callback runs on every host (Orbax coordinates a multi-host
        save); `write_state` is for host 0 only. Ours comes first so that its
        `on_train_end` waits for the background save and raises its error
        (the Keras callback's own `on_train_end` swallows any).
        """
        self._orbax = keras.callbacks.OrbaxCheckpoint(
            files.orbax_dir(self.directory), save_freq=steps_per_epoch, max_to_keep=self.keep,
            save_on_background=True,
        )
        return [RunStateEveryEpoch(self, steps_per_epoch, state_fn, write_state), self._orbax]

    def wait(self):
        """Block until the background save (if any) is on disk; re-raises its error."""
        if self._orbax is not None:
            self._orbax.wait_until_finished()

    def write_state(self, step, state):
        return files.write_state(self.directory, step, state, self.keep)

    def read_state(self, path):
        return files.read_state(self.directory, int(path.rstrip("/").rsplit("/", 1)[-1]))

    def restore(self, model, path):
        """Load a checkpoint into a built model (and its built optimizer); returns its state dict."""
        saved = _flat(ocp.v1.metadata(path, checkpointable_name="pytree").metadata)
        theirs = {k: tuple(getattr(m, "shape", ())) for k, m in saved.items() if k.split("/", 1)[0] in GROUPS}
        mine = _model_shapes(model)
        if mine != theirs:
            diff = sorted(set(mine.items()) ^ set(theirs.items()))[:3]
            raise CheckpointError(
                f"{path}: model/optimizer variables differ from the checkpoint's ({len(mine)} vs {len(theirs)}, "
                f"e.g. {diff}); the recipe changed the model or optimizer"
            )
        loaded = ocp.v1.load_checkpointables(path, {"pytree": _abstract(model, saved)})["pytree"]
        by_path = {f"{g}/{v.path}": v for g in GROUPS for v in _variables(model, g)}
        for key, value in _flat({g: loaded[g] for g in GROUPS}).items():
            by_path[key].assign(np.asarray(value))
        return self.read_state(path)


def _variables(model, group):
    return model.optimizer.variables if group == "optimizer_variables" else getattr(model, group)


def _abstract(model, saved):
    """What Orbax should load: on JAX each array placed as the model's variable is (sharding included)."""
    if keras.backend.backend() != "jax":
        return None  # numpy arrays
    import jax

    ref = {f"{g}/{v.path}": v.value.sharding for g in GROUPS for v in _variables(model, g)}
    out = {}
    for key, meta in saved.items():
        node = out
        *parents, leaf = key.split("/")
        for p in parents:
            node = node.setdefault(p, {})
        # Python scalars (Keras stores 0-d values so on some backends) and metrics: as saved.
        node[leaf] = jax.ShapeDtypeStruct(meta.shape, meta.dtype, sharding=ref[key]) if key in ref and hasattr(meta, "dtype") else None
    return out


class RunStateEveryEpoch(keras.callbacks.Callback):
    """At each epoch's end, write the step's JSON (`state_fn(epochs_done)` plus the epoch) beside Orbax's."""

    def __init__(self, manager, steps_per_epoch, state_fn, write_state=True):
        super().__init__()
        self.manager = manager
        self.steps_per_epoch = steps_per_epoch
        self.state_fn = state_fn
        self.write = write_state

    def on_epoch_end(self, epoch, logs=None):
        done = epoch + 1
        if self.write:
            self.manager.write_state(done * self.steps_per_epoch, {"epoch": done, **self.state_fn(done)})

    def on_train_end(self, logs=None):
        self.manager.wait()
