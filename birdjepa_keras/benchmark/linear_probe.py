"""Helpers of the linear probe (benchmark.probes.fit_and_score): feature z-scoring and class probabilities."""

import numpy as np
import scipy.special


def standardize(x_train_nd, *others):
    """z-score every array with the training features' mean and std."""
    mean = x_train_nd.mean(0, keepdims=True)
    std = x_train_nd.std(0, keepdims=True) + 1e-6
    return [(x - mean) / std for x in (x_train_nd, *others)]


def probabilities(logits_nc, multi_label=True):
    """Sigmoid (multi-label) or softmax over classes of logits, (n, classes) float64."""
    logits_nc = np.asarray(logits_nc, np.float64)
    return scipy.special.expit(logits_nc) if multi_label else scipy.special.softmax(logits_nc, axis=1)


def predict_scores(model, x_nd, multi_label=True):
    """Class probabilities of a fitted probe on features `x_nd`, (n, classes) float64."""
    return probabilities(model.predict(x_nd.astype("float32"), verbose=0), multi_label)
