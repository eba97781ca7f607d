"""Supervised objective and the shared classification losses."""

import keras
import numpy as np
import pytest

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.classification import classification_loss, top1_hits
from birdjepa_keras.objectives.supervised import Supervised
from tests.helpers import as_numpy

LABELS = np.array([[1, 0, 1, 0], [0, 0, 0, 0], [0, 1, 0, 0]], "float32")
LOGITS = np.array([[2.0, -1.0, 0.5, 0.0], [0.3, 0.1, -2.0, 1.0], [-0.5, 3.0, 0.0, 0.2]], "float32")


def test_bce_matches_numpy():
    p = 1 / (1 + np.exp(-LOGITS.astype("float64")))
    ref = -np.mean(LABELS * np.log(p) + (1 - LABELS) * np.log(1 - p))
    assert float(as_numpy(classification_loss(LABELS, LOGITS, "bce"))) == pytest.approx(ref, rel=1e-5)


def test_softmax_ce_normalises_labels_and_skips_unlabelled_clips():
    logp = LOGITS - np.log(np.exp(LOGITS).sum(-1, keepdims=True))
    ref = np.mean([-(0.5 * logp[0, 0] + 0.5 * logp[0, 2]), -logp[2, 1]])  # clip 1 has no label
    assert float(as_numpy(classification_loss(LABELS, LOGITS, "softmax"))) == pytest.approx(ref, rel=1e-5)
    with pytest.raises(ValueError):
        classification_loss(LABELS, LOGITS, "hinge")


def test_top1_hits():
    hit, has = (as_numpy(a) for a in top1_hits(LABELS, LOGITS))
    np.testing.assert_array_equal(hit, [1, 0, 1])
    np.testing.assert_array_equal(has, [1, 0, 1])


def _tiny_supervised(loss="bce", **kw):
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=1, n_heads=2, n_cls=1)
    return Supervised(keras.layers.Reshape((16, 16)), enc, num_classes=3, loss=loss, **kw)


def _toy_data(n=96, seed=0):
    """Three classes, each a different constant offset in one quarter of the 'spectrogram'."""
    rng = np.random.default_rng(seed)
    cls = rng.integers(0, 3, n)
    x = rng.normal(size=(n, 16, 16)).astype("float32")
    for c in range(3):
        x[cls == c, 4 * c : 4 * c + 4] += 2.0
    return x.reshape(n, 256), np.eye(3, dtype="float32")[cls]


@pytest.mark.parametrize("loss", ["bce", "softmax"])
def test_supervised_learns_toy_labels(loss):
    keras.utils.set_random_seed(0)
    model = _tiny_supervised(loss)
    x, y = _toy_data()
    model.compile(optimizer=keras.optimizers.AdamW(3e-3))
    hist = model.fit(x, y, epochs=10, batch_size=32, verbose=0).history
    assert hist["loss"][-1] < 0.7 * hist["loss"][0]
    assert hist["accuracy"][-1] > 0.7  # chance is 1/3
    out = model(x[:5])
    assert tuple(out["logits_bc"].shape) == (5, 3)


def test_supervised_needs_labels_and_round_trips_config():
    model = _tiny_supervised("softmax", pooling="patch_mean")
    out = model(np.zeros((2, 256), "float32"))
    with pytest.raises(ValueError, match="labels"):
        model.compute_loss(y_pred=out)
    clone = Supervised.from_config(model.get_config())
    assert clone.loss_kind == "softmax" and clone.pool.mode == "patch_mean"


@pytest.mark.backend
def test_supervised_softmax_one_train_step_any_backend():
    """BCE trains on every backend in tests/test_fit_augment.py; softmax is the other loss path."""
    model = _tiny_supervised("softmax")
    model.compile(optimizer="adam")
    x, y = _toy_data(4)
    logs = model.train_on_batch(x, y, return_dict=True)
    assert np.isfinite(logs["loss"])
