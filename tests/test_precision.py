"""bf16 mixed precision tracks fp32; rematerialisation changes memory, not the math."""

import functools

import keras
import numpy as np
import pytest

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.pixio import Pixio
from tests.compiled import stateless


@functools.cache  # each configuration trains once; the tests below read the same runs
def _train(policy="float32", remat=None, epochs=6):
    keras.config.set_dtype_policy(policy)
    try:
        keras.utils.set_random_seed(0)
        enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=2, n_heads=2, n_cls=2, remat=remat)
        model = Pixio(keras.layers.Reshape((16, 16)), enc, decoder_dim=32, decoder_depth=1, decoder_heads=2)
        rng = np.random.default_rng(0)
        # Smooth images plus noise: learnable, with a loss floor well above zero like real data.
        wave = np.kron(rng.normal(size=(64, 4, 4)), np.ones((4, 4))).reshape(64, 256)
        wave = (wave + 0.3 * rng.normal(size=wave.shape)).astype("float32")
        model.compile(optimizer=keras.optimizers.AdamW(3e-3))
        hist = model.fit(wave, epochs=epochs, batch_size=16, shuffle=False, verbose=0)
        return np.array(hist.history["loss"]), model
    finally:
        keras.config.set_dtype_policy("float32")


def test_bf16_loss_curve_tracks_fp32():
    fp32, _ = _train("float32")
    bf16, model = _train("mixed_bfloat16")
    assert model.encoder.blocks[0].attn.q_proj.compute_dtype == "bfloat16"
    assert model.encoder.blocks[0].attn.q_proj.kernel.dtype == "float32"  # fp32 master weights
    assert np.all(np.isfinite(bf16))
    np.testing.assert_allclose(bf16, fp32, rtol=0.05)
    assert bf16[-1] < bf16[0]


def test_remat_gives_the_same_training():
    # Unshuffled data and a constant learning rate: the 6-epoch fp32 run's first 3 epochs are a 3-epoch run.
    plain = _train()[0][:3]
    remat, model = _train(remat="full", epochs=3)
    assert model.encoder.blocks[0]._remat_mode is not None
    np.testing.assert_allclose(remat, plain, rtol=1e-5)


@pytest.mark.parametrize("policy", ["float32", "mixed_bfloat16"])
def test_loss_is_computed_in_fp32(policy):
    import jax

    _, model = _train(policy)
    tv = [v.value for v in model.trainable_variables]
    ntv = [v.value for v in model.non_trainable_variables]

    loss = stateless(model, lambda wave_bs, training: model.compute_loss(y_pred=model(wave_bs, training=training)),
                     training=None)  # as a plain call
    # jax.eval_shape traces the real JAX computation (its dtypes) without compiling it.
    assert str(jax.eval_shape(loss, tv, ntv, np.zeros((2, 256), "float32"))[0].dtype) == "float32"
