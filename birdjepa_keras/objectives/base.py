"""`PretrainingObjective`: what every pretraining objective shares (frontend, encoder, online probe, loss epilogue)."""

import keras

from birdjepa_keras.objectives.classification import classification_loss, top1_hits
from birdjepa_keras.objectives.step_loss import LastValue

SUBMODELS = ("frontend", "encoder", "online_probe")


class PretrainingObjective(keras.Model):
    """Base of the pretraining models: `fit` them on waveforms (or (waveform, labels)); the loss is built in.

    Owns the frontend (waveform -> (batch, time, mel)), the encoder (a
    `ViTEncoder`, which owns its patching), the optional online probe, the
    step-loss bookkeeping and the serialisation of those sub-models. A
    subclass builds its own heads, implements `call` (ending with
    `self.add_probe_outputs(out, ..., training=training)`) and
    `objective_loss`, and adds its own arguments to `get_config`.

    `compute_loss` = objective loss + regularisers (`self.losses`) + the probe's
    loss when there are a probe and labels (their gradients touch disjoint
    variables). Logged: "loss", "step_loss" (this step's own value), and with a
    probe "objective_loss", "probe_loss", "probe_acc" and their step values.

    Args:
        frontend: waveform -> (batch, time, mel) layer, e.g. `LogMel`.
        encoder: a `ViTEncoder`.
        online_probe: optional `OnlineProbe` on the whole clip's encoder tokens.
    """

    def __init__(self, frontend, encoder, online_probe=None, **kwargs):
        super().__init__(**kwargs)
        self.frontend = frontend
        self.encoder = encoder
        self.online_probe = online_probe
        if online_probe is not None:
            self.objective_loss_tracker = keras.metrics.Mean(name="objective_loss")
            self.probe_loss_tracker = keras.metrics.Mean(name="probe_loss")
            self.probe_acc_tracker = keras.metrics.Mean(name="probe_acc")
            self.step_objective_loss_tracker = LastValue(name="step_objective_loss")
            self.step_probe_loss_tracker = LastValue(name="step_probe_loss")
        self.step_loss_tracker = LastValue(name="step_loss")

    def objective_loss(self, x, y, y_pred, training):
        """The objective's own scalar loss (fp32) from `call`'s outputs; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement objective_loss")

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        loss = self.objective_loss(x, y, y_pred, training)
        # Regularisers and add_loss terms, as Keras's own compute_loss would add.
        for extra in self.losses:
            loss = loss + keras.ops.cast(extra, "float32")
        loss = self._add_probe_loss(loss, y, y_pred)
        self.step_loss_tracker.update_state(loss)
        return loss

    def probe_logits(self, mel_btf=None, cls_bcd=None, x_bnd=None, training=False):
        """Probe logits of whole clips; encodes `mel_btf` unless its tokens are given."""
        if cls_bcd is None:
            cls_bcd, x_bnd = self.encoder.encode(mel_btf, training=training)
        return self.online_probe(cls_bcd, x_bnd, training=training)

    def add_probe_outputs(self, out, mel_btf=None, cls_bcd=None, x_bnd=None, training=False):
        """Adds "probe_logits_bc" to the output dict when there is a probe.

        Pass `training` explicitly: Keras's stateless (JAX) training step calls
        `Model.call` directly, so nested layers do not inherit it.
        """
        if self.online_probe is not None:
            out["probe_logits_bc"] = self.probe_logits(mel_btf, cls_bcd, x_bnd, training=training)
        return out

    def _add_probe_loss(self, objective_loss, y, y_pred):
        """objective_loss + probe loss (when there is a probe and labels); updates the probe's trackers."""
        if self.online_probe is None:
            return objective_loss
        self.objective_loss_tracker.update_state(objective_loss)
        self.step_objective_loss_tracker.update_state(objective_loss)
        if y is None:
            return objective_loss
        logits_bc = y_pred["probe_logits_bc"]
        probe_loss = classification_loss(y, logits_bc, self.online_probe.loss)
        hit_b, has_b = top1_hits(y, logits_bc)
        self.probe_loss_tracker.update_state(probe_loss)
        self.step_probe_loss_tracker.update_state(probe_loss)
        self.probe_acc_tracker.update_state(hit_b, sample_weight=has_b)
        return objective_loss + probe_loss

    def get_config(self):
        """Keras's model config plus the serialised frontend, encoder and probe; subclasses add theirs."""
        ser = keras.saving.serialize_keras_object
        return {
            **super().get_config(),
            "frontend": ser(self.frontend),
            "encoder": ser(self.encoder),
            "online_probe": ser(self.online_probe) if self.online_probe is not None else None,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in SUBMODELS + cls.optional_layers:
            if config.get(key) is not None:
                config[key] = keras.saving.deserialize_keras_object(config[key])
        return cls(**config)

    # Extra constructor arguments that are (optional) serialised layers, e.g. LeJEPA's view augmentation.
    optional_layers = ()
