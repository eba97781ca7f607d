"""2D rotary position embedding on (row, col) patch coordinates.

The head dimension is split in two halves: the first half is rotated by the
token's row (time) index, the second by its column (mel) index. Inside each
half the rotation follows the "rotate half" convention of keras-hub's
`RotaryEmbedding`: features `[a, b]` become `[a cos - b sin, b cos + a sin]`
with inverse frequencies `max_wavelength ** (-2i / half)`.

Prefix tokens (CLS, registers) have no position: they get cos=1, sin=0.
"""

from keras import ops


def rope_angles(grid_bn2, head_dim, max_wavelength=100.0, n_prefix=0):
    """cos/sin tables for a token sequence.

    Args:
        grid_bn2: (batch, n, 2) int (row, col) of the n patch tokens.
        head_dim: per-head feature size; must be a multiple of 4.
        max_wavelength: RoPE base.
        n_prefix: number of position-less tokens placed before the patches.

    Returns:
        (cos_bsh, sin_bsh): each (batch, n_prefix + n, head_dim // 2), the
        angle per rotated pair, ready for `apply_rope`.
    """
    if head_dim % 4:
        raise ValueError(f"2D RoPE needs head_dim divisible by 4, got {head_dim}")
    quarter = head_dim // 4
    inv_freq_q = 1.0 / (max_wavelength ** (ops.arange(0, quarter, dtype="float32") * 2.0 / (head_dim // 2)))
    grid_bn2 = ops.cast(grid_bn2, "float32")
    ang_row = grid_bn2[..., 0:1] * inv_freq_q  # (b, n, quarter)
    ang_col = grid_bn2[..., 1:2] * inv_freq_q
    ang_bnh = ops.concatenate([ang_row, ang_col], axis=-1)  # (b, n, head_dim/2)
    cos_bnh, sin_bnh = ops.cos(ang_bnh), ops.sin(ang_bnh)
    if n_prefix:
        b = ops.shape(grid_bn2)[0]
        ones = ops.ones((b, n_prefix, head_dim // 2), dtype="float32")
        cos_bnh = ops.concatenate([ones, cos_bnh], axis=1)
        sin_bnh = ops.concatenate([ones * 0.0, sin_bnh], axis=1)
    return cos_bnh, sin_bnh


def apply_rope(x_bshd, cos_bsh, sin_bsh):
    """Rotate `x_bshd` (batch, seq, heads, head_dim) by precomputed angles.

    Pairs are (i, i + quarter) inside each half, i.e. rotate-half per half.
    """
    d = x_bshd.shape[-1]
    q = d // 4
    dtype = x_bshd.dtype
    x = ops.cast(x_bshd, "float32")
    # Layer autocasting may have turned the tables into bf16; rotate in fp32.
    cos = ops.cast(cos_bsh, "float32")[:, :, None, :]
    sin = ops.cast(sin_bsh, "float32")[:, :, None, :]
    # Halves: [row_a, row_b | col_a, col_b]; pair row_a with row_b, col_a with col_b.
    a = ops.concatenate([x[..., 0:q], x[..., 2 * q : 3 * q]], axis=-1)
    b = ops.concatenate([x[..., q : 2 * q], x[..., 3 * q :]], axis=-1)
    ra = a * cos - b * sin
    rb = b * cos + a * sin
    out = ops.concatenate([ra[..., :q], rb[..., :q], ra[..., q:], rb[..., q:]], axis=-1)
    return ops.cast(out, dtype)
