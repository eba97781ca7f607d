"""Metrics of BirdSet (cmAP, AUROC, top-1) and BEANS (accuracy, mAP) on (n, classes) arrays.

Average precision is scikit-learn's, ranks are SciPy's; tests/test_metrics.py
checks them against hand-worked cases and BirdSet's / BEANS' definitions.
"""

import numpy as np
import scipy.stats
import sklearn.metrics


def _check(y_true_nc, scores_nc):
    y_true_nc = np.asarray(y_true_nc)
    scores_nc = np.asarray(scores_nc, dtype=np.float64)
    if y_true_nc.ndim != 2 or y_true_nc.shape != scores_nc.shape:
        raise ValueError(f"labels {y_true_nc.shape} and scores {scores_nc.shape} must both be (n, classes)")
    return y_true_nc > 0, scores_nc


def average_precision_per_class(y_true_nc, scores_nc):
    """Average precision of every class, (classes,), NaN where a class has no positive.

    `sklearn.metrics.average_precision_score` per column: the sum over distinct
    score thresholds of (recall step) x precision, ties grouped.
    """
    y, s = _check(y_true_nc, scores_nc)
    ap_c = np.full(y.shape[1], np.nan)
    for j in np.flatnonzero(y.any(0)):  # sklearn warns and returns 0 for a class without positives
        ap_c[j] = sklearn.metrics.average_precision_score(y[:, j], s[:, j])
    return ap_c


def cmap(y_true_nc, scores_nc, min_positives=1):
    """Class-wise mean AP over classes with at least `min_positives` positives (cmAP, cmAP5)."""
    y, _ = _check(y_true_nc, scores_nc)
    keep_c = y.sum(0) >= min_positives
    if not keep_c.any():
        return float("nan")
    return float(np.mean(average_precision_per_class(y_true_nc, scores_nc)[keep_c]))


def _rankdata(x_nc):
    """Column-wise average ranks (1-based, ties averaged)."""
    return scipy.stats.rankdata(x_nc, axis=0)


def auroc(y_true_nc, scores_nc):
    """Macro ROC AUC over classes that have both positives and negatives.

    Mann-Whitney U with tied scores counted half, as `roc_auc_score`.
    """
    y, s = _check(y_true_nc, scores_nc)
    n_pos = y.sum(0)
    n_neg = y.shape[0] - n_pos
    keep_c = (n_pos > 0) & (n_neg > 0)
    if not keep_c.any():
        return float("nan")
    ranks = _rankdata(s[:, keep_c])
    pos = y[:, keep_c]
    u = (ranks * pos).sum(0) - n_pos[keep_c] * (n_pos[keep_c] + 1) / 2.0
    return float(np.mean(u / (n_pos[keep_c] * n_neg[keep_c])))


def top1_accuracy(y_true_nc, scores_nc):
    """Fraction of labelled rows whose highest-scoring class is one of their labels."""
    y, s = _check(y_true_nc, scores_nc)
    labelled_n = y.any(1)
    if not labelled_n.any():
        return float("nan")
    top_n = np.argmax(s[labelled_n], axis=1)
    return float(np.mean(y[labelled_n][np.arange(top_n.size), top_n]))


def birdset_metrics(y_true_nc, scores_nc):
    """All BirdSet metrics in one dict: cmap, cmap5, auroc, top1."""
    return {
        "cmap": cmap(y_true_nc, scores_nc),
        "cmap5": cmap(y_true_nc, scores_nc, min_positives=5),
        "auroc": auroc(y_true_nc, scores_nc),
        "top1": top1_accuracy(y_true_nc, scores_nc),
    }


def accuracy(y_true_nc, scores_nc):
    """Single-label accuracy: argmax of the scores equals the one true class (BEANS classification).

    Every row of `y_true_nc` must hold exactly one positive (one-hot).
    """
    y, s = _check(y_true_nc, scores_nc)
    if not np.all(y.sum(1) == 1):
        raise ValueError("accuracy needs exactly one true class per row (one-hot labels)")
    return float(np.mean(np.argmax(s, axis=1) == np.argmax(y, axis=1)))


def mean_average_precision(y_true_nc, scores_nc):
    """BEANS detection mAP: mean AP over *all* classes, a class without positives counting 0.

    BEANS (earthspecies/beans `MeanAveragePrecision`, from torchnet) averages
    over every class and scores a class with no positive as 0; per class this is
    sklearn's average precision (ties grouped, where BEANS' sort breaks them
    arbitrarily; identical for untied scores).
    """
    ap_c = average_precision_per_class(y_true_nc, scores_nc)
    return float(np.mean(np.nan_to_num(ap_c, nan=0.0)))


def beans_classification_metrics(y_true_nc, scores_nc):
    """BEANS classification: accuracy (its one metric)."""
    return {"accuracy": accuracy(y_true_nc, scores_nc)}


def beans_detection_metrics(y_true_nc, scores_nc):
    """BEANS detection: mAP (primary) and the BirdSet-style cmAP / AUROC for reference."""
    return {
        "map": mean_average_precision(y_true_nc, scores_nc),
        "cmap": cmap(y_true_nc, scores_nc),
        "auroc": auroc(y_true_nc, scores_nc),
    }
