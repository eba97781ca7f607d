"""Supervised pretraining: a classifier head on the pooled encoder output."""

import keras
from keras import ops

from birdjepa_keras.models.audio_encoder import TokenPool
from birdjepa_keras.objectives.base import PretrainingObjective
from birdjepa_keras.objectives.classification import LOSSES, classification_loss, top1_hits


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Supervised(PretrainingObjective):
    """Supervised pretraining model; `fit` it on (waveform, multi-hot labels).

    Args:
        frontend: waveform -> (batch, time, mel) layer.
        encoder: a `ViTEncoder`.
        num_classes: label classes (e.g. 411 for XCM).
        loss: "bce" (multi-label sigmoid) or "softmax" (cross-entropy to the
            normalised multi-hot labels).
        pooling: `TokenPool` mode feeding the head.
        online_probe: optional `OnlineProbe` (reuses this forward pass).

    Call:
        wave_bs: (batch, samples).

    Returns:
        dict with logits_bc (batch, num_classes) float32 (and probe_logits_bc).
    """

    def __init__(self, frontend, encoder, num_classes, loss="bce", pooling="cls", online_probe=None, **kwargs):
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        super().__init__(frontend, encoder, online_probe=online_probe, **kwargs)
        self.num_classes = num_classes
        self.loss_kind = loss
        self.pooling = pooling
        self.pool = TokenPool(pooling, name="pool")
        self.classifier = keras.layers.Dense(num_classes, name="classifier")
        self.acc_tracker = keras.metrics.Mean(name="accuracy")

    def call(self, wave_bs, training=False):
        mel_btf = self.frontend(wave_bs, training=training)  # explicit: see Pixio.call
        cls_bcd, x_bnd = self.encoder.encode(mel_btf, training=training)
        logits_bc = ops.cast(self.classifier(self.pool(cls_bcd, x_bnd)), "float32")
        return self.add_probe_outputs({"logits_bc": logits_bc}, cls_bcd=cls_bcd, x_bnd=x_bnd, training=training)

    def objective_loss(self, x, y, y_pred, training):
        """Classification loss (fp32) on the labels."""
        if y is None:
            raise ValueError("the supervised objective needs (waveform, labels) batches")
        logits_bc = y_pred["logits_bc"]
        hit_b, has_b = top1_hits(y, logits_bc)
        self.acc_tracker.update_state(hit_b, sample_weight=has_b)
        return classification_loss(y, logits_bc, self.loss_kind)

    def get_config(self):
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "loss": self.loss_kind,
            "pooling": self.pooling,
        }
