"""BirdSet metrics agree with scikit-learn on random, tied and degenerate data."""

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, roc_auc_score

from birdjepa_keras import metrics


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


# --------------------------------------------------------------------------- BEANS


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accuracy_matches_sklearn(seed):
    from sklearn.metrics import accuracy_score

    rng = np.random.default_rng(seed)
    n, c = 200, 7
    label_n = rng.integers(0, c, n)
    y = np.eye(c)[label_n]
    s = rng.normal(size=(n, c)) + 1.0 * y
    assert metrics.accuracy(y, s) == pytest.approx(accuracy_score(label_n, s.argmax(1)), abs=1e-12)
    with pytest.raises(ValueError, match="exactly one"):
        metrics.accuracy(np.zeros((2, 3)), np.zeros((2, 3)))


def _torchnet_ap(y, s):
    """BEANS' AveragePrecision (torchnet): precision at each positive over the sorted list."""
    ap = []
    for j in range(y.shape[1]):
        order = np.argsort(-s[:, j], kind="stable")
        truth = y[order, j]
        precision = np.cumsum(truth) / np.arange(1, len(truth) + 1)
        ap.append(precision[truth > 0].sum() / max(truth.sum(), 1))
    return np.mean(ap)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_beans_map_matches_sklearn_and_beans(seed):
    y, s = _data(seed)  # class 0 has no positive: counts 0 in BEANS' mean
    ap = [average_precision_score(y[:, j], s[:, j]) if y[:, j].any() else 0.0 for j in range(y.shape[1])]
    assert metrics.mean_average_precision(y, s) == pytest.approx(np.mean(ap), abs=1e-12)
    assert metrics.mean_average_precision(y, s) == pytest.approx(_torchnet_ap(y, s), abs=1e-12)
