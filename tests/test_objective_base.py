"""The objectives' shared base: pinned first-step losses, config round-trips, the registry, one Patchify owner.

`PINNED` holds the logs of one `train_on_batch` step of each objective at a tiny
size and fixed seeds, computed with the code as it was before the objectives
shared a base class and the encoder owned its patching (commit 9e879dc). A
refactor that changes what an objective computes (or the order its weights are
drawn in) moves them.
"""

import ast
import pathlib

import keras
import numpy as np
import pytest

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.lejepa import LeJEPA
from birdjepa_keras.objectives.online_probe import OnlineProbe
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.objectives.supervised import Supervised
from tests.helpers import as_numpy

N_CLASSES = 3
KINDS = ("pixio", "lejepa", "supervised")


def _make(kind):
    """A tiny objective with an online probe, built after seeding Keras (initialisers draw in build order)."""
    keras.utils.set_random_seed(1234)
    front = keras.layers.Reshape((16, 16))
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=1, n_heads=2, n_cls=2, n_registers=1)
    probe = OnlineProbe(N_CLASSES)
    if kind == "pixio":
        return Pixio(front, enc, decoder_dim=32, decoder_depth=1, decoder_heads=2, seed=3, online_probe=probe)
    if kind == "lejepa":
        return LeJEPA(front, enc, n_global=2, n_local=2, global_size=(12, 16), local_size=(8, 8),
                      proj_hidden=(32,), proj_dim=8, n_directions=16, seed=3, online_probe=probe)
    return Supervised(front, enc, num_classes=N_CLASSES, pooling="cls+patch_mean", online_probe=probe)


def _batch(n=4):
    rng = np.random.default_rng(7)
    wave_bs = rng.normal(size=(n, 256)).astype("float32")
    y_bc = np.eye(N_CLASSES, dtype="float32")[rng.integers(0, N_CLASSES, n)]
    return wave_bs, y_bc


def _first_step_logs(kind):
    model = _make(kind)
    model.compile(optimizer=keras.optimizers.SGD(0.01))
    wave_bs, y_bc = _batch()
    logs = model.train_on_batch(wave_bs, y_bc, return_dict=True)
    return {k: float(v) for k, v in logs.items() if k in ("loss", "objective_loss", "probe_loss")}


# Computed with the pre-refactor code (9e879dc), JAX backend, CPU.
PINNED = {
    "pixio": {"loss": 2.328976631164551, "objective_loss": 1.69246244430542, "probe_loss": 0.6365141868591309},
    "lejepa": {"loss": 1.3940401077270508, "objective_loss": 0.7575259208679199, "probe_loss": 0.6365141868591309},
    "supervised": {"loss": 1.675958514213562, "objective_loss": 1.0394443273544312, "probe_loss": 0.6365141868591309},
}


@pytest.mark.parametrize("kind", KINDS)
def test_first_step_loss_is_pinned(kind):
    logs = _first_step_logs(kind)
    assert logs.keys() == PINNED[kind].keys()
    for key, value in PINNED[kind].items():
        assert logs[key] == pytest.approx(value, rel=1e-5), key


if __name__ == "__main__":
    for kind in KINDS:
        print(kind, _first_step_logs(kind))
