"""One checkpoint save + restore of a model's training state: the old npz format vs Orbax.

    python benchmarks/checkpoint_io.py [--preset vit_mini] [--repeats 3]

The state is a ViTEncoder preset + Dense head with AdamW slots after one
step (what a pretraining checkpoint holds, minus the objective's decoder).
"npz" is the format train/checkpoint.py wrote before Orbax (all model and
optimizer variables into one `variables.npz` + JSON in a temporary
directory, fsync, rename; restore = np.load + assign), re-implemented here.
"orbax" is ours now (keras.callbacks.OrbaxCheckpoint through
CheckpointManager): save = the time `fit` is blocked (the write goes on in
the background) and the time until the step is on disk; restore =
CheckpointManager.restore. Medians over `--repeats` (after one warm-up).
"""

import argparse
import json
import os
import shutil
import tempfile
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from birdjepa_keras.layers.patches import patch_grid  # noqa: E402
from birdjepa_keras.models.presets import preset_kwargs  # noqa: E402
from birdjepa_keras.models.vit import ViTEncoder  # noqa: E402
from birdjepa_keras.train.checkpoint import CheckpointManager  # noqa: E402

GRID, PATCH = (32, 8), (16, 16)


class Net(keras.Model):
    """ViTEncoder on pre-patchified tokens + a Dense head on the CLS token."""

    def __init__(self, preset, **kwargs):
        super().__init__(**kwargs)
        self.encoder = ViTEncoder(**preset_kwargs(preset), patch_size=PATCH, grid_shape=GRID, n_cls=1, name="encoder")
        self.head = keras.layers.Dense(8, name="head")

    def call(self, inputs):
        tokens_bnk, grid_bn2 = inputs
        cls_bcd, _ = self.encoder(tokens_bnk, grid_bn2)
        return self.head(cls_bcd[:, 0])


def build(preset):
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    model = Net(preset, name="bench")
    model.compile(optimizer=keras.optimizers.AdamW(1e-3), loss="mse")
    n = GRID[0] * GRID[1]
    tokens = np.random.default_rng(0).normal(size=(2, n, PATCH[0] * PATCH[1])).astype("float32")
    grid = np.ascontiguousarray(np.broadcast_to(patch_grid(*GRID)[None], (2, n, 2)))
    model.fit((tokens, grid), np.zeros((2, 8), "float32"), batch_size=2, epochs=1, verbose=0)  # optimizer slots
    return model


def npz_save(model, directory, step):
    tmp, final = os.path.join(directory, f".tmp-{step}"), os.path.join(directory, f"ckpt-{step:09d}")
    os.makedirs(tmp)
    arrays = {f"m{i}": np.asarray(v.numpy()) for i, v in enumerate(model.variables)}
    arrays.update({f"o{i}": np.asarray(v.numpy()) for i, v in enumerate(model.optimizer.variables)})
    with open(os.path.join(tmp, "variables.npz"), "wb") as f:
        np.savez(f, **arrays)
        f.flush()
        os.fsync(f.fileno())
    with open(os.path.join(tmp, "state.json"), "w") as f:
        json.dump({"step": step, "state": {"epoch": 1}}, f)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, final)
    return final


def npz_restore(model, path):
    with np.load(os.path.join(path, "variables.npz")) as data:
        for i, v in enumerate(model.variables):
            v.assign(data[f"m{i}"])
        for i, v in enumerate(model.optimizer.variables):
            v.assign(data[f"o{i}"])


def orbax_save(model, directory):
    mgr = CheckpointManager(directory, keep=100)
    _, cb = mgr.callbacks(1)  # save_freq=1: the next batch end saves, at step iterations + 1
    cb.set_model(model)
    t0 = time.perf_counter()
    cb.on_train_batch_end(0)
    blocked = time.perf_counter() - t0
    mgr.wait()
    mgr.write_state(int(model.optimizer.iterations.numpy()) + 1, {"epoch": 1})
    return blocked, time.perf_counter() - t0, mgr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="vit_mini")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    model = build(args.preset)
    n_vars = len(model.variables) + len(model.optimizer.variables)
    mbytes = sum(np.asarray(v.numpy()).nbytes for v in model.variables + model.optimizer.variables) / 2**20
    print(f"{args.preset}: {n_vars} variables, {mbytes:.1f} MiB (weights + AdamW slots), backend {keras.backend.backend()}")
    rows = {k: [] for k in ("npz save", "npz restore", "orbax save (fit blocked)", "orbax save (on disk)", "orbax restore")}
    root = tempfile.mkdtemp()
    try:
        for r in range(args.repeats + 1):
            d = os.path.join(root, f"npz{r}")
            os.makedirs(d)
            t0 = time.perf_counter()
            path = npz_save(model, d, 10)
            t1 = time.perf_counter()
            npz_restore(model, path)
            t2 = time.perf_counter()
            blocked, on_disk, mgr = orbax_save(model, os.path.join(root, f"orbax{r}"))
            t3 = time.perf_counter()
            mgr.restore(model, mgr.latest())
            t4 = time.perf_counter()
            if r:  # the first round warms up (imports, tracing)
                for k, v in zip(rows, (t1 - t0, t2 - t1, blocked, on_disk, t4 - t3)):
                    rows[k].append(v)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for k, v in rows.items():
        print(f"{k:26s} {np.median(v) * 1e3:8.0f} ms   (runs: {', '.join(f'{x * 1e3:.0f}' for x in v)})")


if __name__ == "__main__":
    main()
