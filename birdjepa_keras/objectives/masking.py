"""Block masking with an exact number of masked patches per example."""

import numpy as np
from keras import ops, random


def block_ids(grid_shape, block_size):
    """Block index of every patch of a row-major grid, shape (n,) int32.

    Edge blocks are smaller when the block size does not divide the grid.
    """
    rows, cols = grid_shape
    bt, bf = block_size
    r = np.arange(rows)[:, None] // bt
    c = np.arange(cols)[None, :] // bf
    n_block_cols = -(-cols // bf)
    return (r * n_block_cols + c).ravel().astype("int32")


def n_masked(n_patches, mask_ratio):
    """Masked patches per example: round(ratio * n), at least 1, at most n - 1."""
    return int(min(max(round(mask_ratio * n_patches), 1), n_patches - 1))


def block_mask_order(batch, grid_shape, block_size, seed):
    """Random patch order that masks whole blocks first.

    Each block gets a random rank; a patch's score is its block's rank plus a
    uniform [0, 1) tie-breaker, so sorting by score visits blocks one after the
    other (in random order) and patches inside a block in random order. The
    first `n_masked` patches of the order are masked: all are whole blocks
    except possibly the last, so every example masks exactly the same count.

    Args:
        batch: batch size.
        grid_shape: (rows, cols) of the patch grid.
        block_size: (time, mel) block size in patches; (1, 1) is random masking.
        seed: a `keras.random.SeedGenerator` or int.

    Returns:
        order_bn: (batch, n) int32 patch indices, masked ones first.
    """
    ids_n = ops.convert_to_tensor(block_ids(grid_shape, block_size))
    n = int(np.prod(grid_shape))
    n_blocks = int(block_ids(grid_shape, block_size).max()) + 1
    block_u_bk = random.uniform((batch, n_blocks), seed=seed)
    block_rank_bk = ops.cast(ops.argsort(ops.argsort(block_u_bk, axis=-1), axis=-1), "float32")
    patch_u_bn = random.uniform((batch, n), seed=seed)
    score_bn = ops.take(block_rank_bk, ids_n, axis=1) + patch_u_bn
    return ops.cast(ops.argsort(score_bn, axis=-1), "int32")


def gather_tokens(x_bn_, idx_bm):
    """x_bn_[b, idx_bm[b]] for (batch, n, ...) arrays; returns (batch, m, ...)."""
    idx = idx_bm
    for _ in range(len(x_bn_.shape) - 2):
        idx = idx[..., None]
    idx = ops.broadcast_to(idx, tuple(ops.shape(idx_bm)) + tuple(x_bn_.shape[2:]))
    return ops.take_along_axis(x_bn_, idx, axis=1)
