"""Atomic training checkpoints: every model and optimizer variable plus run state.

A checkpoint is a directory `ckpt-<step>/` holding `variables.npz` (model
variables then optimizer variables, in the model's stable order, with their
paths recorded so a mismatch is caught) and `state.json` (step, epoch, data
position, anything else the caller passes). It is written to a temporary
directory and renamed into place, so a kill at any moment leaves either the
previous checkpoints or the new one, never half of one. The newest `keep`
checkpoints are kept.
"""

import json
import os
import shutil

import numpy as np

PREFIX = "ckpt-"


class CheckpointError(RuntimeError):
    """A checkpoint that does not fit the model it is restored into."""


def _key(v):
    """Variable identity across processes: its path below the top-level name, and shape."""
    return f"{v.path.split('/', 1)[-1]}:{tuple(v.shape)}"


def _variables(model):
    opt = getattr(model, "optimizer", None)
    opt_vars = list(opt.variables) if opt is not None and opt.built else []
    return list(model.variables), opt_vars


class CheckpointManager:
    """Save / find / restore checkpoints under `directory`.

    Args:
        directory: where `ckpt-<step>` folders live (created on demand).
        keep: how many of the newest checkpoints to keep.
    """

    def __init__(self, directory, keep=3):
        if keep < 1:
            raise ValueError("keep must be >= 1")
        self.directory = str(directory)
        self.keep = keep

    def steps(self):
        """Steps of the complete checkpoints present, ascending."""
        if not os.path.isdir(self.directory):
            return []
        out = []
        for name in os.listdir(self.directory):
            path = os.path.join(self.directory, name)
            if name.startswith(PREFIX) and name[len(PREFIX) :].isdigit() and os.path.exists(os.path.join(path, "state.json")):
                out.append(int(name[len(PREFIX) :]))
        return sorted(out)

    def path(self, step):
        return os.path.join(self.directory, f"{PREFIX}{step:09d}")

    def latest(self):
        """Path of the newest complete checkpoint, or None."""
        steps = self.steps()
        return self.path(steps[-1]) if steps else None

    def save(self, model, step, state):
        """Write checkpoint `step` atomically; `state` must be JSON-serialisable."""
        os.makedirs(self.directory, exist_ok=True)
        final = self.path(step)
        tmp = os.path.join(self.directory, f".tmp-{step}-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        model_vars, opt_vars = _variables(model)
        arrays = {f"m{i}": np.asarray(v.numpy()) for i, v in enumerate(model_vars)}
        arrays.update({f"o{i}": np.asarray(v.numpy()) for i, v in enumerate(opt_vars)})
        with open(os.path.join(tmp, "variables.npz"), "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        meta = {
            "step": int(step),
            "state": state,
            "model_paths": [_key(v) for v in model_vars],
            "optimizer_shapes": [list(v.shape) for v in opt_vars],
        }
        with open(os.path.join(tmp, "state.json"), "w") as f:
            json.dump(meta, f)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(final):  # same step saved again (e.g. a rerun): replace it
            shutil.rmtree(final)
        os.rename(tmp, final)
        self._prune()
        return final

    def _prune(self):
        for step in self.steps()[: -self.keep]:
            shutil.rmtree(self.path(step), ignore_errors=True)
        for name in os.listdir(self.directory):  # leftovers of killed writers
            if name.startswith(".tmp-") and not name.endswith(f"-{os.getpid()}"):
                shutil.rmtree(os.path.join(self.directory, name), ignore_errors=True)

    @staticmethod
    def read_state(path):
        with open(os.path.join(path, "state.json")) as f:
            return json.load(f)

    def restore(self, model, path):
        """Load a checkpoint into a built model (and its built optimizer); returns its state dict."""
        meta = self.read_state(path)
        model_vars, opt_vars = _variables(model)
        # Optimizer slot names embed the model's name, so only their shapes are compared.
        checks = (
            ("model", [_key(v) for v in model_vars], meta["model_paths"]),
            ("optimizer", [list(v.shape) for v in opt_vars], meta["optimizer_shapes"]),
        )
        for kind, mine, theirs in checks:
            if mine != theirs:
                raise CheckpointError(
                    f"{path}: {kind} variables differ from the checkpoint's "
                    f"({len(mine)} vs {len(theirs)}); the recipe changed the model or optimizer"
                )
        with np.load(os.path.join(path, "variables.npz")) as data:
            for i, v in enumerate(model_vars):
                v.assign(data[f"m{i}"])
            for i, v in enumerate(opt_vars):
                v.assign(data[f"o{i}"])
        return meta["state"]
