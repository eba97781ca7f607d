"""keras-hub preset: exported under JAX, `Backbone.from_preset(path)` on jax, tensorflow and torch.

What keras-hub writes and reads is upstream's: keras-team/keras-hub
keras_hub/src/utils/preset_utils.py (`KerasPresetSaver.save_backbone` writes config.json,
metadata.json and model.weights.h5; `check_config_class` looks the class up by its
registered name in Keras's registry, importing nothing).
"""

import json
import os
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest

from birdjepa_keras.data.synthetic import BirdsongSynth
from birdjepa_keras.layers.logmel import LogMel
from birdjepa_keras.models.audio_encoder import build_audio_encoder
from birdjepa_keras.models.vit import ViTEncoder

CLIP = 32000  # 1 s -> 98 frames, padded to 112 = 7 x 16


def tiny_layers(build=True):
    keras.utils.set_random_seed(0)
    front = LogMel(target_frames=112)
    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=32, depth=2, n_heads=2, n_cls=2, n_registers=2)
    if build:  # as after training: the encoder has its weights
        build_audio_encoder(front, enc, CLIP)
    return front, enc


def test_from_layers_refuses_an_unbuilt_encoder():
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    front, enc = tiny_layers(build=False)
    with pytest.raises(ValueError, match="no weights yet"):
        BirdJepaBackbone.from_layers(front, enc, CLIP)


def bird_waves(n=3):
    """Real-looking audio: synthetic bird song over coloured noise."""
    synth = BirdsongSynth(seed=0, num_species=8)
    return np.stack([synth.soundscape("test", i, duration_s=1.0)[0] for i in range(n)]).astype("float32")


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


# keras_hub pulls in TensorFlow and tensorflow-text; the package must stay light. Checked in a
# fresh JAX process before it imports keras_hub (the same process then loads the preset).
IMPORTS_LIGHT = textwrap.dedent(
    """
    import sys
    import numpy as np
    import birdjepa_keras
    from birdjepa_keras.models.vit import ViTEncoder
    from birdjepa_keras.layers.patches import Patchify
    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=32, depth=1, n_heads=2)
    tokens, grid = Patchify((16, 16))(np.zeros((1, 112, 128), "float32"))
    enc(tokens, grid)
    print("heavy modules:", sorted(m for m in ("keras_hub", "tensorflow", "tensorflow_text") if m in sys.modules))
    """
)

LOAD_AND_RUN = textwrap.dedent(
    """
    import sys, numpy as np, keras, keras_hub
    import birdjepa_keras
    # keras-hub finds the class in Keras's registry only: without the module, a clear error.
    try:
        keras_hub.models.Backbone.from_preset(sys.argv[1])
        print("loaded without the module")
    except ValueError as e:
        print("needs import:", "no class registered" in str(e))
    import birdjepa_keras.models.backbone
    backbone = keras_hub.models.Backbone.from_preset(sys.argv[1])
    out = backbone.predict(np.load(sys.argv[2]), verbose=0)
    np.savez(sys.argv[3], **{k: keras.ops.convert_to_numpy(v) for k, v in out.items()})
    print(type(backbone).__name__, keras.backend.backend())
    """
)


@pytest.fixture(scope="module")
def loaded_everywhere(tmp_path_factory):
    """A preset saved under JAX, loaded in one fresh process per backend (Keras fixes its backend at
    import): (reference tokens, preset folder, {backend: (stdout lines, outputs)})."""
    if keras.backend.backend() != "jax":
        pytest.skip("the preset test saves under JAX")
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    tmp_path = tmp_path_factory.mktemp("hub")
    front, enc = tiny_layers()
    wave = bird_waves(3)
    # Reference: the tokens of the exported encoder.keras graph, from the original layers.
    ref = build_audio_encoder(front, enc, CLIP).predict(wave, verbose=0)
    preset = tmp_path / "preset"
    BirdJepaBackbone.from_layers(front, enc, CLIP).save_to_preset(str(preset))
    np.save(tmp_path / "wave.npy", wave)
    runs = {}
    for backend in ("jax", "tensorflow", "torch"):
        out_path = tmp_path / f"out_{backend}.npz"
        code = (IMPORTS_LIGHT if backend == "jax" else "") + LOAD_AND_RUN
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
        proc = subprocess.run(
            [sys.executable, "-c", code, str(preset), str(tmp_path / "wave.npy"), str(out_path)],
            env=env, capture_output=True, text=True, timeout=900,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs[backend] = (proc.stdout.strip().splitlines(), dict(np.load(out_path)))
    return ref, preset, runs


def test_import_birdjepa_keras_does_not_import_keras_hub(loaded_everywhere):
    lines, _ = loaded_everywhere[2]["jax"]
    assert [line for line in lines if line.startswith("heavy modules:")] == ["heavy modules: []"], lines


def test_preset_from_jax_loads_on_every_backend(loaded_everywhere):
    ref, preset, runs = loaded_everywhere
    assert sorted(os.listdir(preset)) == ["config.json", "metadata.json", "model.weights.h5"]
    assert json.loads((preset / "config.json").read_text())["registered_name"] == "birdjepa_keras>BirdJepaBackbone"
    assert sorted(runs) == ["jax", "tensorflow", "torch"]
    for backend, (lines, got) in runs.items():
        assert lines[-2:] == ["needs import: True", f"BirdJepaBackbone {backend}"], lines[-20:]
        assert set(got) == {"cls_tokens", "patch_tokens"}
        for key in got:
            assert np.abs(got[key] - ref[key]).max() <= 1e-4, f"{backend}:{key}"
