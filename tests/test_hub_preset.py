"""keras-hub preset: exported under JAX, `Backbone.from_preset(path)` on jax, tensorflow and torch.

What keras-hub writes and reads is upstream's: keras-team/keras-hub
keras_hub/src/utils/preset_utils.py (`KerasPresetSaver.save_backbone` writes config.json,
metadata.json and model.weights.h5; `check_config_class` looks the class up by its
registered name in Keras's registry, importing nothing). The save and the per-backend processes
live in tests/other_backends.py, shared with tests/test_export.py.
"""

import json
import os

import keras
import numpy as np
import pytest

from birdjepa_keras.models.audio_encoder import build_audio_encoder
from tests.other_backends import CLIP, bird_waves, saved_and_loaded_everywhere, tiny_layers

def test_from_layers_refuses_an_unbuilt_encoder():
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    front, enc = tiny_layers(build=False)
    with pytest.raises(ValueError, match="no weights yet"):
        BirdJepaBackbone.from_layers(front, enc, CLIP)


def test_from_layers_drops_specaugment_and_matches_encoder_tokens():
    from birdjepa_keras.layers.specaugment import SpecAugment
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    front, enc = tiny_layers()
    exported = build_audio_encoder(front, enc, CLIP)
    # The training frontend: masks on top of the log-mel (make_frontend's shape).
    augmented = keras.Sequential([front, SpecAugment(time_masks=2, time_mask_frames=8, freq_masks=2,
                                                     freq_mask_bins=8, seed=0)])
    backbone = BirdJepaBackbone.from_layers(augmented, enc, CLIP)
    assert not any(isinstance(layer, (SpecAugment, keras.Sequential)) for layer in backbone._flatten_layers())
    wave = bird_waves(2)
    ref = exported.predict(wave, verbose=0)
    out = backbone.predict(wave, verbose=0)
    assert set(out) == {"cls_tokens", "patch_tokens"}
    assert out["cls_tokens"].shape == (2, 2, 32) and out["patch_tokens"].shape == (2, 56, 32)
    for key in out:
        np.testing.assert_allclose(out[key], ref[key], atol=1e-5, err_msg=key)


def test_config_is_the_full_keyword_set():
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    front, enc = tiny_layers()
    backbone = BirdJepaBackbone.from_layers(front, enc, CLIP)
    config = backbone.get_config()
    # Constructor keywords, not a functional graph: rebuilt without a recipe.
    assert set(config) == {"name", "trainable", "dtype", "frontend_config", "encoder_config", "clip_samples"}
    assert config["clip_samples"] == CLIP and config["encoder_config"]["dim"] == 32
    assert config["frontend_config"]["target_frames"] == 112
    rebuilt = BirdJepaBackbone.from_config(json.loads(json.dumps(config)))
    rebuilt.set_weights(backbone.get_weights())
    wave = bird_waves(1)
    np.testing.assert_allclose(rebuilt.predict(wave, verbose=0)["patch_tokens"],
                               backbone.predict(wave, verbose=0)["patch_tokens"], atol=1e-6)


def test_preset_keeps_the_encoder_dtype_unless_overridden(tmp_path):
    # A mixed_bfloat16 run stores its encoder's policy; from_preset(dtype=...) replaces it.
    import keras_hub

    from birdjepa_keras.models.backbone import BirdJepaBackbone

    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_bfloat16")
    try:
        front, enc = tiny_layers()
        BirdJepaBackbone.from_layers(front, enc, CLIP).save_to_preset(str(tmp_path))
    finally:
        keras.config.set_dtype_policy(previous)
    stored = keras_hub.models.Backbone.from_preset(str(tmp_path))
    assert stored.get_layer("encoder").dtype_policy.name == "mixed_bfloat16"
    full = keras_hub.models.Backbone.from_preset(str(tmp_path), dtype="float32")
    assert full.get_layer("encoder").dtype_policy.name == "float32"
    wave = bird_waves(1)
    low, high = stored.predict(wave, verbose=0), full.predict(wave, verbose=0)
    assert high["patch_tokens"].dtype == np.float32
    # Same weights, two precisions: close, not equal (bf16 keeps ~3 significant digits).
    np.testing.assert_allclose(np.asarray(low["patch_tokens"], np.float32), high["patch_tokens"], atol=0.15)


@pytest.fixture(scope="module")
def loaded_everywhere(tmp_path_factory):
    """A preset saved under JAX, loaded in one fresh process per backend (tests/other_backends.py, shared with
    tests/test_export.py): (reference tokens of the exported encoder.keras graph from the same layers,
    preset folder, {backend: (stdout lines, outputs)})."""
    if keras.backend.backend() != "jax":
        pytest.skip("the preset test saves under JAX")
    everywhere = saved_and_loaded_everywhere(tmp_path_factory)
    runs = {backend: run[:2] for backend, run in everywhere["runs"].items()}
    return everywhere["ref"], everywhere["preset"], runs


def test_import_birdjepa_keras_does_not_import_keras_hub(loaded_everywhere):
    lines, _ = loaded_everywhere[2]["jax"]
    assert [line for line in lines if line.startswith("heavy modules:")] == ["heavy modules: []"], lines


def test_preset_from_jax_loads_on_every_backend(loaded_everywhere):
    ref, preset, runs = loaded_everywhere
    assert sorted(os.listdir(preset)) == ["config.json", "metadata.json", "model.weights.h5"]
    assert json.loads((preset / "config.json").read_text())["registered_name"] == "birdjepa_keras>BirdJepaBackbone"
    assert sorted(runs) == ["jax", "tensorflow", "torch"]
    for backend, (lines, got) in runs.items():
        # The process prints what it did in order (tests/other_backends.py LOAD_AND_RUN).
        assert "needs import: True" in lines, lines[-20:]
        assert lines[lines.index("needs import: True") + 1] == f"BirdJepaBackbone {backend}", lines[-20:]
        assert set(got) == {"cls_tokens", "patch_tokens"}
        for key in got:
            assert np.abs(got[key] - ref[key]).max() <= 1e-4, f"{backend}:{key}"
