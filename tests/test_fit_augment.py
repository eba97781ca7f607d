"""Augmentation reaches `model.fit` on every objective, and stays out of inference.

Marked `backend`: tests/test_backends.py reruns them under TensorFlow and torch, so each
objective also trains (one `fit`, finite loss) on every backend.

Keras's JAX trainer calls `Model.call` through `stateless_call`, so a nested
layer called without `training` gets `training=None` and SpecAugment (or any
training-only layer) silently does nothing. A direct layer call cannot catch
that; these tests go through `fit` and `predict`. A spy layer after the
masks records, in a non-trainable variable (state Keras carries out of
stateless steps like BatchNorm's moving mean), the fraction of cells equal to
the mask value it saw in its latest call.
"""


import keras
import numpy as np
import pytest
from keras import ops

from birdjepa_keras.layers.specaugment import SpecAugment
from birdjepa_keras.layers.waveaugment import WaveAugment
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.lejepa import LeJEPA
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.objectives.supervised import Supervised
from tests.helpers import as_numpy

T, F = 32, 16
MASK = -123.0  # never in the standard-normal inputs


class MaskSpy(keras.layers.Layer):
    """Identity that stores the masked fraction of its latest input."""

    def __init__(self, value, **kwargs):
        super().__init__(**kwargs)
        self.value = value
        self.masked = self.add_weight(shape=(), initializer="zeros", trainable=False, name="masked")

    def call(self, x):
        self.masked.assign(ops.mean(ops.cast(ops.equal(x, self.value), "float32")))
        return x


def _frontend():
    spy = MaskSpy(MASK, name="spy")
    masks = SpecAugment(time_masks=2, time_mask_frames=8, freq_masks=2, freq_mask_bins=4, mask_value=MASK, seed=0)
    return keras.Sequential([keras.layers.Reshape((T, F)), masks, spy]), spy


def _encoder():
    return ViTEncoder(patch_size=(4, 4), grid_shape=(T // 4, F // 4), dim=16, depth=1, n_heads=1, n_cls=1)


def _model(kind, frontend):
    if kind == "pixio":
        return Pixio(frontend, _encoder(), decoder_dim=16, decoder_depth=1, decoder_heads=1)
    if kind == "lejepa":
        return LeJEPA(frontend, _encoder(), n_global=2, n_local=2, global_size=(16, 16), local_size=(8, 8),
                      proj_hidden=(16,), proj_dim=8, n_directions=8)
    return Supervised(frontend, _encoder(), num_classes=3)


@pytest.mark.backend
@pytest.mark.parametrize("kind", ["pixio", "lejepa", "supervised"])
def test_specaugment_masks_in_fit_and_not_in_predict(kind):
    keras.utils.set_random_seed(0)
    frontend, spy = _frontend()
    model = _model(kind, frontend)
    rng = np.random.default_rng(0)
    wave = rng.normal(size=(8, T * F)).astype("float32")
    y = (rng.random((8, 3)) < 0.5).astype("float32")
    model.compile(optimizer=keras.optimizers.Adam(1e-3))
    hist = model.fit(wave, y if kind == "supervised" else None, batch_size=8, epochs=1, verbose=0).history
    assert np.isfinite(hist["loss"]).all(), f"{kind}: {hist}"  # a whole training step ran on this backend
    # 16 masks of width U{0..8} / U{0..4} per 8 clips: all zero-width has probability < 1e-10.
    trained = float(as_numpy(spy.masked))
    assert trained > 0.0, f"{kind}: no SpecAugment mask reached the training step"
    model.predict(wave, batch_size=8, verbose=0)
    assert float(as_numpy(spy.masked)) == 0.0, f"{kind}: masks applied at inference"
    model.fit(wave, y if kind == "supervised" else None, batch_size=8, epochs=1, verbose=0)
    assert float(as_numpy(spy.masked)) > 0.0


@pytest.mark.backend
def test_view_augmentation_reaches_fit():
    """LeJEPA's own per-view layers (waveform gain, view masks) also run in `fit` only."""

    class GainSpy(keras.layers.Layer):
        """Stores the spread of per-row RMS of its input (0 when every view is the clip itself)."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.spread = self.add_weight(shape=(), initializer="zeros", trainable=False, name="spread")

        def call(self, x):
            rms = ops.sqrt(ops.mean(ops.square(x), axis=1))
            self.spread.assign(ops.max(rms) - ops.min(rms))
            return x

    keras.utils.set_random_seed(0)
    gain_spy = GainSpy(name="gain_spy")
    frontend = keras.Sequential([gain_spy, keras.layers.Reshape((T, F))])
    view_masks = keras.Sequential(
        [SpecAugment(time_masks=2, time_mask_frames=4, freq_masks=1, freq_mask_bins=2, mask_value=MASK, seed=1),
         MaskSpy(MASK, name="view_spy")]
    )
    model = LeJEPA(frontend, _encoder(), n_global=2, n_local=2, global_size=(16, 16), local_size=(8, 8),
                   global_scale=(1.0, 1.0), local_scale=(0.3, 0.3), view_augment=WaveAugment(gain_prob=1.0, seed=2),
                   view_masks=view_masks, proj_hidden=(16,), proj_dim=8, n_directions=8)
    # Every clip has the same RMS, so any spread of RMS over the frontend's rows is the views' gain.
    wave = np.sign(np.random.default_rng(0).normal(size=(8, T * F))).astype("float32")
    model.compile(optimizer=keras.optimizers.Adam(1e-3))
    model.fit(wave, batch_size=8, epochs=1, verbose=0)
    assert float(as_numpy(gain_spy.spread)) > 0.05
    assert float(as_numpy(view_masks.layers[1].masked)) > 0.0
    model.predict(wave, batch_size=8, verbose=0)
    assert float(as_numpy(gain_spy.spread)) < 1e-6
    assert float(as_numpy(view_masks.layers[1].masked)) == 0.0
