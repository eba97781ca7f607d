"""BirdSet metrics agree with scikit-learn on random, tied and degenerate data."""

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, roc_auc_score

from birdjepa_keras.benchmark import metrics


def _data(seed, n=300, c=12, ties=False):
    rng = np.random.default_rng(seed)
    y = (rng.random((n, c)) < rng.uniform(0.01, 0.3, c)).astype(int)
    y[:, 0] = 0  # a class without positives
    y[:, 1] = 1  # a class without negatives
    s = rng.normal(size=(n, c)) + 1.5 * y
    if ties:
        s = np.round(s, 0)
    return y, s


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cmap_matches_sklearn(seed, ties):
    y, s = _data(seed, ties=ties)
    for min_pos in (1, 5):
        keep = y.sum(0) >= min_pos
        expected = np.mean([average_precision_score(y[:, j], s[:, j]) for j in np.flatnonzero(keep)])
        assert metrics.cmap(y, s, min_positives=min_pos) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_auroc_matches_sklearn(seed, ties):
    y, s = _data(seed, ties=ties)
    keep = (y.sum(0) > 0) & (y.sum(0) < len(y))
    expected = roc_auc_score(y[:, keep], s[:, keep], average="macro")
    assert metrics.auroc(y, s) == pytest.approx(expected, abs=1e-12)


def test_top1_counts_only_labelled_rows():
    y = np.array([[1, 0, 0], [0, 1, 1], [0, 0, 0], [0, 1, 0]])
    s = np.array([[0.9, 0.1, 0.0], [0.1, 0.2, 0.7], [0.5, 0.5, 0.5], [0.8, 0.1, 0.1]])
    assert metrics.top1_accuracy(y, s) == pytest.approx(2 / 3)


def test_perfect_and_bad_scores():
    y, _ = _data(3)
    keep = (y.sum(0) > 0) & (y.sum(0) < len(y))
    assert metrics.cmap(y, y.astype(float)) == pytest.approx(1.0)
    assert metrics.auroc(y[:, keep], -y[:, keep].astype(float)) == pytest.approx(0.0)


def test_shape_mismatch_is_a_clear_error():
    with pytest.raises(ValueError, match="must both be"):
        metrics.cmap(np.zeros((3, 2)), np.zeros((3, 3)))
