"""The encoder as a keras-hub `Backbone`: a preset directory any Keras backend loads.

Every run writes `<run_dir>/preset/` with `BirdJepaBackbone.save_to_preset` (config.json,
metadata.json, model.weights.h5). keras-hub's `from_preset` finds the class by its
registered name ("birdjepa_keras>BirdJepaBackbone") in Keras's registry and does not
import modules (keras_hub/src/utils/preset_utils.py: `check_config_class`), so import
this module before loading:

    import keras_hub
    import birdjepa_keras.models.backbone  # registers BirdJepaBackbone

    backbone = keras_hub.models.Backbone.from_preset("runs/quickstart/preset")
    out = backbone(wave_bs)  # {"cls_tokens": (b, n_cls, d), "patch_tokens": (b, n, d)}

keras_hub imports TensorFlow and tensorflow-text (several times the RSS of
`import birdjepa_keras`, see benchmarks/import_cost.py), so only this module imports
it, and nothing imports this module but the preset export in `train/run.py`.
"""

import keras
import keras_hub

from birdjepa_keras.layers.logmel import LogMel
from birdjepa_keras.models.build import inference_frontend
from birdjepa_keras.models.vit import ViTEncoder


def _layer_kwargs(layer):
    """A layer's constructor keywords, without its name (the backbone names its layers)."""
    config = dict(layer.get_config())
    config.pop("name", None)
    return config


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class BirdJepaBackbone(keras_hub.models.Backbone):
    """Waveform -> log-mel -> patches -> ViT -> CLS and patch tokens.

    The same graph as `build_audio_encoder` without the pooling head: the tokens
    `encoder.keras` pools. Inference frontend only (no SpecAugment).

    Args:
        frontend_config: `LogMel` keyword arguments.
        encoder_config: `ViTEncoder` keyword arguments.
        clip_samples: samples per input clip (e.g. 160000 for 5 s at 32 kHz).
        dtype: None keeps the encoder's stored dtype policy; else it
            replaces it (`from_preset(path, dtype="bfloat16")`). The log-mel
            frontend computes in float32 either way.

    Call:
        wave_bs: (batch, clip_samples) float32 waveform.

    Returns:
        {"cls_tokens": (batch, n_cls, dim), "patch_tokens": (batch, n, dim)},
        patches row-major over the (time, mel) grid.

    Example:
        >>> backbone = BirdJepaBackbone.from_layers(logmel, encoder, 160000)
        >>> backbone.save_to_preset("runs/quickstart/preset")
    """

    def __init__(self, frontend_config, encoder_config, clip_samples, dtype=None, **kwargs):
        # === Layers ===
        frontend = LogMel(**{**frontend_config, "name": "logmel"})
        encoder_kwargs = {**encoder_config, "name": "encoder"}
        if dtype is not None:
            encoder_kwargs["dtype"] = dtype
        encoder = ViTEncoder(**encoder_kwargs)

        # === Functional model ===
        wave_bs = keras.Input(shape=(clip_samples,), dtype="float32", name="waveform")
        tokens_bnk, grid_bn2 = encoder.patchify(frontend(wave_bs))  # the encoder owns its patching
        cls_bcd, x_bnd = encoder(tokens_bnk, grid_bn2)
        super().__init__(
            inputs=wave_bs, outputs={"cls_tokens": cls_bcd, "patch_tokens": x_bnd}, dtype=dtype, **kwargs
        )

        # === Config ===
        self.frontend_config = dict(frontend_config)
        self.encoder_config = dict(encoder_config)
        self.clip_samples = int(clip_samples)

    def get_config(self):
        return {
            **super().get_config(),
            "frontend_config": self.frontend_config,
            "encoder_config": self.encoder_config,
            "clip_samples": self.clip_samples,
        }

    @classmethod
    def from_layers(cls, frontend, encoder, clip_samples, name="birdjepa_backbone"):
        """A backbone holding copies of a trained objective's frontend and encoder weights.

        Args:
            frontend: the run's frontend: a `LogMel`, or `make_frontend`'s
                Sequential whose SpecAugment masks are dropped here.
            encoder: the trained `ViTEncoder` (built).
            clip_samples: samples per input clip.
        """
        if not encoder.built:
            raise ValueError("encoder has no weights yet: pass a trained (built) ViTEncoder")
        logmel = inference_frontend(frontend)
        backbone = cls(_layer_kwargs(logmel), _layer_kwargs(encoder), clip_samples, name=name)
        # Same constructor keywords, so the variables line up one to one (set_weights checks shapes).
        backbone.get_layer("logmel").set_weights(logmel.get_weights())
        backbone.get_layer("encoder").set_weights(encoder.get_weights())
        return backbone
