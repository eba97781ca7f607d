"""encoder.keras: saved under JAX, loaded under TensorFlow and torch with equal outputs."""

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


def tiny_audio_encoder(pooling="cls+patch_mean"):
    keras.utils.set_random_seed(0)
    front = LogMel(target_frames=112)
    enc = ViTEncoder(patch_size=(16, 16), grid_shape=(7, 8), dim=32, depth=2, n_heads=2, n_cls=2, n_registers=2)
    return build_audio_encoder(front, enc, CLIP, pooling=pooling)


LOAD_AND_RUN = textwrap.dedent(
    """
    import sys, numpy as np, keras
    import birdjepa_keras.models.audio_encoder, birdjepa_keras.models.vit, birdjepa_keras.layers.logmel
    model = keras.models.load_model(sys.argv[1])
    out = model.predict(np.load(sys.argv[2]), verbose=0)
    np.savez(sys.argv[3], **{k: keras.ops.convert_to_numpy(v) for k, v in out.items()})
    print(keras.backend.backend())
    """
)


def test_save_jax_load_every_backend(tmp_path):
    if keras.backend.backend() != "jax":
        pytest.skip("the export test saves under JAX")
    model = tiny_audio_encoder()
    # Real-looking audio: synthetic bird song over coloured noise.
    synth = BirdsongSynth(seed=0, num_species=8)
    wave = np.stack([synth.soundscape("test", i, duration_s=1.0)[0] for i in range(3)]).astype("float32")
    ref = {k: np.asarray(v) for k, v in model.predict(wave, verbose=0).items()}
    assert ref["embedding"].shape == (3, 64) and ref["patch_tokens"].shape == (3, 56, 32)
    path = tmp_path / "encoder.keras"
    model.save(path)
    np.save(tmp_path / "wave.npy", wave)
    assert path.stat().st_size < 2_000_000  # no frontend constants stored as weights
    # Under JAX (this process's backend) the file loads in process; Keras fixes its backend at
    # import, so TensorFlow and torch each need one fresh process.
    loaded = keras.models.load_model(path)
    got = {k: keras.ops.convert_to_numpy(v) for k, v in loaded.predict(wave, verbose=0).items()}
    assert loaded is not model and set(got) == set(ref)
    for key, value in ref.items():
        np.testing.assert_allclose(got[key], value, atol=1e-4, err_msg=f"jax:{key}")
    for backend in ("tensorflow", "torch"):
        out_path = tmp_path / f"out_{backend}.npz"
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
        proc = subprocess.run(
            [sys.executable, "-c", LOAD_AND_RUN, str(path), str(tmp_path / "wave.npy"), str(out_path)],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip().splitlines()[-1] == backend
        got = np.load(out_path)
        for key, value in ref.items():
            np.testing.assert_allclose(got[key], value, atol=1e-4, err_msg=f"{backend}:{key}")
