"""The objectives' shared base: pinned first-step losses, config round-trips, the registry, one Patchify owner.

`PINNED` holds the logs of one `train_on_batch` step of each objective at a tiny
size and fixed seeds, computed with the code as it was before the objectives
shared a base class and the encoder owned its patching (commit 9e879dc). A
refactor that changes what an objective computes (or the order its weights are
drawn in) moves them.
"""

import ast
import dataclasses
import pathlib

import keras
import numpy as np
import pytest

from birdjepa_keras.config import Recipe
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives import OBJECTIVES
from birdjepa_keras.objectives.base import PretrainingObjective
from birdjepa_keras.objectives.lejepa import LeJEPA
from birdjepa_keras.objectives.online_probe import OnlineProbe
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.objectives.supervised import Supervised
from birdjepa_keras.train.build import make_objective
from tests.helpers import as_numpy

ROOT = pathlib.Path(__file__).resolve().parents[1]

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


@pytest.mark.parametrize("kind", KINDS)
def test_get_config_from_config_round_trip_gives_equal_outputs(kind):
    model = _make(kind)
    clone = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(model))
    assert type(clone) is type(model) and isinstance(clone, PretrainingObjective)
    assert type(clone.encoder) is ViTEncoder and clone.encoder.patch_size == (4, 4)
    assert clone.online_probe is not None and clone.online_probe.num_classes == N_CLASSES
    wave_bs, _ = _batch()
    model(wave_bs)  # builds; both seed generators (masks, crops, directions) advance once
    clone(wave_bs)
    assert [v.path for v in clone.weights] == [v.path for v in model.weights]
    clone.set_weights(model.get_weights())
    a, b = model(wave_bs), clone(wave_bs)
    assert a.keys() == b.keys() and "probe_logits_bc" in a
    for key in a:
        np.testing.assert_allclose(as_numpy(a[key]), as_numpy(b[key]), rtol=1e-5, atol=1e-6, err_msg=key)


def test_registry_lists_every_objective_kind_of_the_recipe():
    from typing import get_args

    kinds = get_args(dataclasses.fields(type(Recipe().objective))[0].type)
    assert set(OBJECTIVES) == set(kinds)
    assert all(issubclass(cls, PretrainingObjective) for cls in OBJECTIVES.values())


def test_make_objective_rejects_an_unknown_kind():
    recipe = Recipe()
    recipe = dataclasses.replace(recipe, objective=dataclasses.replace(recipe.objective, kind="byol"))
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=1, n_heads=2)
    with pytest.raises(ValueError, match=r"objective.kind 'byol' is not implemented; choose one of \['lejepa', 'pixio', 'supervised'\]"):
        make_objective(recipe, keras.layers.Reshape((16, 16)), enc)


# Files allowed to construct `Patchify`: the layer itself, the encoder that owns it, and
# Bird-MAE (a different model with its own fixed patching).
PATCHIFY_OWNERS = {"birdjepa_keras/layers/patches.py", "birdjepa_keras/models/vit.py", "birdjepa_keras/models/bird_mae.py"}


def patchify_constructors(roots=("birdjepa_keras", "tfds_builders", "benchmarks"), top=ROOT):
    """Files (relative to `top`) with a call `Patchify(...)` or `<module>.Patchify(...)`."""
    found = set()
    for root in roots:
        for path in sorted((top / root).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Call):
                    f = node.func
                    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                    if name == "Patchify":
                        found.add(path.relative_to(top).as_posix())
    return found


def test_only_the_encoder_constructs_patchify():
    assert patchify_constructors() - PATCHIFY_OWNERS == set()
    assert "birdjepa_keras/models/vit.py" in patchify_constructors()  # the walk sees a real construction


def test_the_patchify_walk_catches_a_construction(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("from x import patches\ndef f(e):\n    return patches.Patchify(e.patch_size)\n")
    assert patchify_constructors(("pkg",), top=tmp_path) == {"pkg/m.py"}


if __name__ == "__main__":
    for kind in KINDS:
        print(kind, _first_step_logs(kind))
