"""Online linear probe: a head on stop-gradient clip embeddings, trained alongside any objective.

The probe sees the pooled encoder tokens of the whole, unmasked clip through
`keras.ops.stop_gradient`, so its loss trains only its own head: no gradient
(hence no label information) reaches the encoder. Like MAE's linear probe it
standardises the embedding with a BatchNorm without affine parameters
(encoder features share a large common offset and vary little between clips;
a plain linear head on them barely moves in a short run). Its variables' paths
contain "online_probe", which `is_online_probe_variable` uses to route them to
their own optimizer.
"""

import math

import keras
import numpy as np
from keras import ops

from birdjepa_keras.models.audio_encoder import TokenPool
from birdjepa_keras.objectives.classification import LOSSES, scores

PROBE_NAME = "online_probe"


def is_online_probe_variable(variable):
    """True for the online probe's variables (their path contains "online_probe")."""
    return PROBE_NAME in variable.path


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class OnlineProbe(keras.layers.Layer):
    """Linear classifier on stop-gradient pooled tokens.

    Args:
        num_classes: output classes.
        pooling: `TokenPool` mode of the embedding.
        loss: "bce" (multi-label sigmoid) or "softmax".
        normalize: standardise the embedding first (BatchNorm, no affine).

    The head starts at zero weights and, for "bce", biases at the log-odds of
    a 1/num_classes prior, so its first steps are not spent unlearning random
    logits (a few hundred Adam steps for the biases alone).

    Call:
        cls_bcd: (batch, n_cls, dim); x_bnd: (batch, n, dim).

    Returns:
        logits_bc: (batch, num_classes) float32.
    """

    def __init__(self, num_classes, pooling="cls+patch_mean", loss="bce", normalize=True, **kwargs):
        kwargs.setdefault("name", PROBE_NAME)
        super().__init__(**kwargs)
        if PROBE_NAME not in self.name:
            raise ValueError(f"the probe's name must contain {PROBE_NAME!r} (optimizer routing), got {self.name!r}")
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        self.num_classes = num_classes
        self.pooling = pooling
        self.loss = loss
        self.normalize = normalize
        self.pool = TokenPool(pooling, name="pool")
        if normalize:
            self.norm = keras.layers.BatchNormalization(center=False, scale=False, dtype="float32", name="norm")
        prior_logit = -math.log(num_classes - 1) if loss == "bce" and num_classes > 1 else 0.0
        self.head = keras.layers.Dense(
            num_classes,
            kernel_initializer="zeros",
            bias_initializer=keras.initializers.Constant(prior_logit),
            dtype="float32",
            name="head",
        )

    def build(self, cls_bcd_shape, x_bnd_shape=None):
        emb_shape = self.pool.compute_output_shape(cls_bcd_shape, x_bnd_shape)
        if self.normalize:
            self.norm.build(emb_shape)
        self.head.build(emb_shape)

    def call(self, cls_bcd, x_bnd, training=False):
        emb_bd = ops.stop_gradient(self.pool(cls_bcd, x_bnd))
        if self.normalize:
            emb_bd = self.norm(emb_bd, training=training)
        return ops.cast(self.head(emb_bd), "float32")

    def compute_output_shape(self, cls_bcd_shape, x_bnd_shape=None):
        return (cls_bcd_shape[0], self.num_classes)

    def get_config(self):
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "pooling": self.pooling,
            "loss": self.loss,
            "normalize": self.normalize,
        }


def probe_model(model, clip_samples):
    """Functional wave_bs -> probe logits, sharing the model's frontend, encoder and probe."""
    wave_bs = keras.Input(shape=(clip_samples,), dtype="float32", name="waveform")
    cls_bcd, x_bnd = model.encoder.encode(model.frontend(wave_bs))
    return keras.Model(wave_bs, model.online_probe(cls_bcd, x_bnd), name="online_probe_eval")


class OnlineProbeEval(keras.callbacks.Callback):
    """Logs the online probe's held-out cmAP and top-1 every `every` epochs.

    Adds "val_probe_cmap" and "val_probe_top1" to the epoch logs; put it
    before loggers (CSVLogger, wandb) in the callback list so they see them.

    Args:
        dataset: finite iterable of (wave_bs, labels_bc) NumPy/tf batches.
        every: evaluate every this many epochs (and never on others).
        max_batches: stop after this many batches (0 = whole split).
        csv_path: optional CSV that gets one row per evaluation (appended).
    """

    COLUMNS = ("epoch", "val_probe_cmap", "val_probe_top1", "probe_loss", "probe_acc", "objective_loss")

    def __init__(self, dataset, every=1, max_batches=0, csv_path=None):
        super().__init__()
        self.dataset = dataset
        self.every = every
        self.max_batches = max_batches
        self.csv_path = csv_path
        self._eval_model = None

    def evaluate(self):
        """(cmAP, top-1) of the current probe on the held-out split."""
        from birdjepa_keras.metrics import cmap, top1_accuracy

        model = self.model
        labels, logits = [], []
        batches = self.dataset.as_numpy_iterator() if hasattr(self.dataset, "as_numpy_iterator") else self.dataset
        for i, (wave_bs, y_bc) in enumerate(batches):
            if self.max_batches and i >= self.max_batches:
                break
            if self._eval_model is None:
                self._eval_model = probe_model(model, int(wave_bs.shape[-1]))
            logits.append(np.asarray(ops.convert_to_numpy(self._eval_model.predict_on_batch(wave_bs))))
            labels.append(np.asarray(y_bc))
        y_nc = np.concatenate(labels)
        s_nc = np.asarray(ops.convert_to_numpy(scores(np.concatenate(logits), model.online_probe.loss)))
        return cmap(y_nc, s_nc), top1_accuracy(y_nc, s_nc)

    def on_epoch_end(self, epoch, logs=None):
        if logs is None or (epoch + 1) % self.every:
            return
        logs["val_probe_cmap"], logs["val_probe_top1"] = self.evaluate()
        if self.csv_path:
            import csv
            import os

            new = not os.path.exists(self.csv_path)
            with open(self.csv_path, "a", newline="") as f:
                writer = csv.writer(f)
                if new:
                    writer.writerow(self.COLUMNS)
                row = {**logs, "epoch": epoch + 1}
                writer.writerow([float(row[c]) if c in row else "" for c in self.COLUMNS])
