"""Block masking and the Pixio objective."""

import keras
import numpy as np
import pytest
from keras import ops

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.masking import block_ids, block_mask_order, gather_tokens, n_masked
from birdjepa_keras.objectives.pixio import Pixio, normalize_patches
from tests.compiled import build_symbolic, compiled
from tests.helpers import as_numpy


@pytest.mark.parametrize("grid,block", [((32, 8), (2, 2)), ((32, 8), (4, 4)), ((6, 5), (2, 2)), ((8, 4), (1, 1))])
def test_block_mask_masks_whole_blocks_and_exact_count(grid, block):
    n = grid[0] * grid[1]
    m = n_masked(n, 0.75)
    order = as_numpy(block_mask_order(16, grid, block, keras.random.SeedGenerator(0)))
    ids = block_ids(grid, block)
    sizes = np.bincount(ids)
    for row in order:
        assert sorted(row) == list(range(n))  # a permutation
        masked = row[:m]
        counts = np.bincount(ids[masked], minlength=len(sizes))
        partial = np.flatnonzero((counts > 0) & (counts < sizes))
        assert len(partial) <= 1  # at most one block is cut


def test_block_mask_is_seeded_and_varies():
    a = as_numpy(block_mask_order(4, (32, 8), (2, 2), keras.random.SeedGenerator(1)))
    b = as_numpy(block_mask_order(4, (32, 8), (2, 2), keras.random.SeedGenerator(1)))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a[0], a[1])


def test_gather_tokens():
    x = np.arange(2 * 5 * 3).reshape(2, 5, 3).astype("float32")
    idx = np.array([[4, 0], [1, 1]], "int32")
    np.testing.assert_array_equal(as_numpy(gather_tokens(x, idx)), x[np.arange(2)[:, None], idx])


def test_normalize_patches():
    x = np.random.default_rng(0).normal(3, 2, (2, 4, 16)).astype("float32")
    y = as_numpy(normalize_patches(x))
    np.testing.assert_allclose(y.mean(-1), 0, atol=1e-5)
    np.testing.assert_allclose(y.std(-1), 1, atol=1e-3)


def _tiny_pixio(**kw):
    front = keras.layers.Reshape((16, 16))
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(4, 4), dim=32, depth=1, n_heads=2, n_cls=2, n_registers=1)
    return Pixio(front, enc, decoder_dim=32, decoder_depth=1, decoder_heads=2, block_size=(2, 2), **kw)


def test_pixio_loss_is_mse_on_masked_patches():
    model = _tiny_pixio()
    wave = np.random.default_rng(0).normal(size=(3, 256)).astype("float32")
    out = compiled(build_symbolic(model, wave.shape))(wave)  # one jitted call (an eager one compiles each op)
    assert tuple(out["pred_bmk"].shape) == (3, 12, 16)
    # Targets are the masked patches of the input, normalised per patch.
    tokens = wave.reshape(3, 4, 4, 4, 4).transpose(0, 1, 3, 2, 4).reshape(3, 16, 16)
    t = as_numpy(out["target_bmk"])
    for b in range(3):
        for row in t[b]:
            dists = np.abs(as_numpy(normalize_patches(tokens[b])) - row).max(-1)
            assert dists.min() < 1e-4
    loss = float(as_numpy(model.compute_loss(y_pred=out)))
    assert loss == pytest.approx(float(((as_numpy(out["pred_bmk"]) - t) ** 2).mean()), rel=1e-5)


def test_pixio_fit_lowers_loss_and_trains_cls():
    keras.utils.set_random_seed(0)
    model = _tiny_pixio()
    rng = np.random.default_rng(0)
    # Smooth images: learnable from visible context.
    base = rng.normal(size=(64, 4, 4))
    wave = np.kron(base, np.ones((4, 4))).reshape(64, 256).astype("float32")
    wave += 0.05 * rng.normal(size=wave.shape).astype("float32")
    model.compile(optimizer=keras.optimizers.AdamW(3e-3))
    cls_before = as_numpy(model.encoder.cls_tokens).copy() if model.built else None
    model(wave[:2])
    cls_before = as_numpy(model.encoder.cls_tokens).copy()
    hist = model.fit(wave, epochs=8, batch_size=16, verbose=0)
    losses = hist.history["loss"]
    assert losses[-1] < 0.8 * losses[0]
    # CLS tokens pass through the decoder, so reconstruction trains them.
    assert not np.allclose(as_numpy(model.encoder.cls_tokens), cls_before)
