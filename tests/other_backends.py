"""One tiny encoder saved under JAX two ways (encoder.keras, keras-hub preset), loaded on every backend.

Keras fixes its backend at import, so each backend needs a fresh process; tests/test_export.py
(encoder.keras) and tests/test_hub_preset.py (the preset) share one process per backend, and the
processes run side by side: each is mostly ~10-15 s of single-threaded imports (TensorFlow, torch,
keras_hub), so two files x two backends in series had been most of those files' time.
What keras-hub writes and reads is upstream's: keras-team/keras-hub
keras_hub/src/utils/preset_utils.py (`KerasPresetSaver.save_backbone` writes config.json,
metadata.json and model.weights.h5; `check_config_class` looks the class up by its
registered name in Keras's registry, importing nothing).
"""

import os
import subprocess
import sys
import textwrap

import keras
import numpy as np

from birdjepa_keras.data.synthetic import BirdsongSynth
from birdjepa_keras.layers.logmel import LogMel
from birdjepa_keras.models.audio_encoder import build_audio_encoder
from birdjepa_keras.models.vit import ViTEncoder

CLIP = 32000  # 1 s -> 98 frames, padded to 112 = 7 x 16
BACKENDS = ("jax", "tensorflow", "torch")


def tiny_layers(build=True):
    keras.utils.set_random_seed(0)
    front = LogMel(target_frames=112)
    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=32, depth=2, n_heads=2, n_cls=2, n_registers=2)
    if build:  # as after training: the encoder has its weights
        build_audio_encoder(front, enc, CLIP)
    return front, enc


def tiny_audio_encoder(pooling="cls+patch_mean"):
    front, enc = tiny_layers(build=False)
    return build_audio_encoder(front, enc, CLIP, pooling=pooling)


def bird_waves(n=3):
    """Real-looking audio: synthetic bird song over coloured noise."""
    synth = BirdsongSynth(seed=0, num_species=8)
    return np.stack([synth.soundscape("test", i, duration_s=1.0)[0] for i in range(n)]).astype("float32")


# keras_hub pulls in TensorFlow and tensorflow-text; the package must stay light. Checked in the
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

# argv: preset dir, wave.npy, encoder.keras (or "-": not loaded here), output prefix.
LOAD_AND_RUN = textwrap.dedent(
    """
    import sys, numpy as np, keras, keras_hub
    import birdjepa_keras
    preset, wave_path, encoder_path, out = sys.argv[1:5]
    wave = np.load(wave_path)
    # keras-hub finds the class in Keras's registry only: without the module, a clear error.
    try:
        keras_hub.models.Backbone.from_preset(preset)
        print("loaded without the module")
    except ValueError as e:
        print("needs import:", "no class registered" in str(e))
    import birdjepa_keras.models.backbone
    backbone = keras_hub.models.Backbone.from_preset(preset)
    got = backbone.predict(wave, verbose=0)
    np.savez(out + "_preset.npz", **{k: keras.ops.convert_to_numpy(v) for k, v in got.items()})
    print(type(backbone).__name__, keras.backend.backend())
    if encoder_path != "-":
        import birdjepa_keras.models.audio_encoder, birdjepa_keras.models.vit, birdjepa_keras.layers.logmel
        model = keras.models.load_model(encoder_path)
        got = model.predict(wave, verbose=0)
        np.savez(out + "_encoder.npz", **{k: keras.ops.convert_to_numpy(v) for k, v in got.items()})
        print("encoder.keras", keras.backend.backend())
    """
)

_CACHE = {}


def saved_and_loaded_everywhere(tmp_path_factory):
    """Save under JAX, load in one fresh process per backend, all started at once; computed once per session.

    Returns a dict: ref (the exported encoder's outputs on `wave`), wave, encoder (encoder.keras path),
    preset (folder), runs {backend: (stdout lines, preset outputs, encoder.keras outputs or None)}.
    encoder.keras is loaded in the tensorflow and torch processes only (under JAX it loads in process).
    """
    if "runs" in _CACHE:
        return _CACHE["runs"]
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    assert keras.backend.backend() == "jax", "saved under JAX"
    tmp = tmp_path_factory.mktemp("other_backends")
    front, enc = tiny_layers(build=False)
    model = build_audio_encoder(front, enc, CLIP, pooling="cls+patch_mean")  # = tiny_audio_encoder()
    wave = bird_waves(3)
    ref = {k: np.asarray(v) for k, v in model.predict(wave, verbose=0).items()}
    encoder, preset = tmp / "encoder.keras", tmp / "preset"
    model.save(encoder)
    # The preset from the same layers (the functional model shares them): what a run exports.
    BirdJepaBackbone.from_layers(front, enc, CLIP).save_to_preset(str(preset))
    np.save(tmp / "wave.npy", wave)
    procs = {}
    for backend in BACKENDS:
        code = (IMPORTS_LIGHT if backend == "jax" else "") + LOAD_AND_RUN
        enc_arg = "-" if backend == "jax" else str(encoder)
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
        procs[backend] = subprocess.Popen(
            [sys.executable, "-c", code, str(preset), str(tmp / "wave.npy"), enc_arg, str(tmp / backend)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
    runs = {}
    for backend, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"{backend}:\n{stderr[-3000:]}"
        enc_out = tmp / f"{backend}_encoder.npz"
        runs[backend] = (stdout.strip().splitlines(), dict(np.load(tmp / f"{backend}_preset.npz")),
                         dict(np.load(enc_out)) if enc_out.exists() else None)
    _CACHE["runs"] = dict(ref=ref, wave=wave, encoder=encoder, preset=preset, runs=runs)
    return _CACHE["runs"]
