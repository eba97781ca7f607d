"""Supervised pretraining: a classifier head on the pooled encoder output."""

import keras
from keras import ops

from birdjepa_keras.layers.patches import Patchify
from birdjepa_keras.models.audio_encoder import TokenPool
from birdjepa_keras.objectives.classification import LOSSES, classification_loss, top1_hits
from birdjepa_keras.objectives.online_probe import OnlineProbeMixin
from birdjepa_keras.objectives.step_loss import StepLossMixin


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Supervised(StepLossMixin, OnlineProbeMixin, keras.Model):
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
        super().__init__(**kwargs)
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        self.frontend = frontend
        self.encoder = encoder
        self.num_classes = num_classes
        self.loss_kind = loss
        self.pooling = pooling
        self.patchify = Patchify(encoder.patch_size, name="patchify")
        self.pool = TokenPool(pooling, name="pool")
        self.classifier = keras.layers.Dense(num_classes, name="classifier")
        self.acc_tracker = keras.metrics.Mean(name="accuracy")
        self._init_online_probe(online_probe)
        self._init_step_loss()

    def call(self, wave_bs, training=False):
        mel_btf = self.frontend(wave_bs, training=training)  # explicit: see Pixio.call
        tokens_bnk, grid_bn2 = self.patchify(mel_btf)
        cls_bcd, x_bnd = self.encoder(tokens_bnk, grid_bn2, training=training)
        logits_bc = ops.cast(self.classifier(self.pool(cls_bcd, x_bnd)), "float32")
        return self.add_probe_outputs({"logits_bc": logits_bc}, cls_bcd=cls_bcd, x_bnd=x_bnd, training=training)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """Classification loss (fp32) on the labels, plus the probe's loss if any."""
        if y is None:
            raise ValueError("the supervised objective needs (waveform, labels) batches")
        logits_bc = y_pred["logits_bc"]
        loss = classification_loss(y, logits_bc, self.loss_kind)
        for extra in self.losses:
            loss = loss + ops.cast(extra, "float32")
        hit_b, has_b = top1_hits(y, logits_bc)
        self.acc_tracker.update_state(hit_b, sample_weight=has_b)
        return self.track_step_loss(self.add_probe_loss(loss, y, y_pred))

    def get_config(self):
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "loss": self.loss_kind,
            "pooling": self.pooling,
            **self._submodels_config(),
        }
