"""Classification losses and top-1 on multi-hot labels, shared by supervised and the probe."""

from keras import ops

LOSSES = ("bce", "softmax")


def classification_loss(y_bc, logits_bc, kind="bce"):
    """Mean loss of logits against multi-hot labels (fp32).

    Args:
        y_bc: (batch, classes) multi-hot (or soft) labels.
        logits_bc: (batch, classes) logits.
        kind: "bce" (sigmoid, mean over batch and classes) or "softmax"
            (cross-entropy to the labels normalised to sum 1; clips without a
            label are left out of the mean).
    """
    y_bc = ops.cast(y_bc, "float32")
    logits_bc = ops.cast(logits_bc, "float32")
    if kind == "bce":
        return ops.mean(ops.binary_crossentropy(y_bc, logits_bc, from_logits=True))
    if kind == "softmax":
        n_pos_b = ops.sum(y_bc, axis=-1)
        has_b = ops.cast(n_pos_b > 0, "float32")
        target_bc = y_bc / ops.maximum(n_pos_b, 1.0)[:, None]
        nll_b = -ops.sum(target_bc * ops.log_softmax(logits_bc, axis=-1), axis=-1)
        return ops.sum(nll_b * has_b) / ops.maximum(ops.sum(has_b), 1.0)
    raise ValueError(f"loss must be one of {LOSSES}, got {kind!r}")


def scores(logits_bc, kind="bce"):
    """Class scores for ranking metrics: sigmoid ("bce") or softmax probabilities."""
    logits_bc = ops.cast(logits_bc, "float32")
    return ops.sigmoid(logits_bc) if kind == "bce" else ops.softmax(logits_bc, axis=-1)


def top1_hits(y_bc, logits_bc):
    """Per-clip top-1 hit (argmax is any true label) and whether the clip has a label.

    Returns:
        hit_b, has_b: (batch,) float32; accuracy = sum(hit_b) / sum(has_b).
    """
    y_bc = ops.cast(y_bc, "float32")
    top_b = ops.argmax(logits_bc, axis=-1)
    hit_b = ops.take_along_axis(y_bc, ops.cast(top_b, "int32")[:, None], axis=-1)[:, 0]
    has_b = ops.cast(ops.sum(y_bc, axis=-1) > 0, "float32")
    return ops.cast(hit_b > 0, "float32") * has_b, has_b
