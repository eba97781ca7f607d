"""encoder.keras: saved under JAX, loaded under JAX, TensorFlow and torch with equal outputs.

The save and the TensorFlow/torch processes are shared with tests/test_hub_preset.py
(tests/other_backends.py: one fresh process per backend loads both files).
"""

import keras
import numpy as np
import pytest

from tests.other_backends import saved_and_loaded_everywhere


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory):
    if keras.backend.backend() != "jax":
        pytest.skip("the export test saves under JAX")
    return saved_and_loaded_everywhere(tmp_path_factory)


def test_save_jax_load_every_backend(everywhere):
    ref, wave, path = everywhere["ref"], everywhere["wave"], everywhere["encoder"]
    assert ref["embedding"].shape == (3, 64) and ref["patch_tokens"].shape == (3, 56, 32)
    assert path.stat().st_size < 2_000_000  # no frontend constants stored as weights
    # Under JAX (this process's backend) the file loads in process; Keras fixes its backend at
    # import, so TensorFlow and torch each loaded it in one fresh process.
    loaded = keras.models.load_model(path)
    got = {k: keras.ops.convert_to_numpy(v) for k, v in loaded.predict(wave, verbose=0).items()}
    assert set(got) == set(ref)
    for key, value in ref.items():
        np.testing.assert_allclose(got[key], value, atol=1e-4, err_msg=f"jax:{key}")
    for backend in ("tensorflow", "torch"):
        lines, _, got = everywhere["runs"][backend]
        assert lines[-1] == f"encoder.keras {backend}", lines[-20:]
        assert set(got) == set(ref)
        for key, value in ref.items():
            np.testing.assert_allclose(got[key], value, atol=1e-4, err_msg=f"{backend}:{key}")
