"""Cut a (batch, time, mel) spectrogram into patch tokens plus their grid."""

import keras
import numpy as np
from keras import ops


def patch_grid(n_rows, n_cols):
    """(row, col) of every patch in row-major (time-major) order, shape (n, 2) int32."""
    rows, cols = np.meshgrid(np.arange(n_rows), np.arange(n_cols), indexing="ij")
    return np.stack([rows.ravel(), cols.ravel()], axis=-1).astype("int32")


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Patchify(keras.layers.Layer):
    """Split `mel_btf` into non-overlapping (patch_t x patch_f) patches.

    Args:
        patch_size: (time, mel) patch size, e.g. (16, 16), (8, 32), (4, 64).

    Call:
        mel_btf: (batch, time, mel); time and mel must be multiples of the
            patch size (the recipe's validation checks it; this layer does not).

    Returns:
        tokens_bnk: (batch, n, patch_t * patch_f) flattened patches, row-major
            over the (time, mel) patch grid, each patch flattened time-major.
        grid_bn2: (batch, n, 2) int32 (row, col) = (time, mel) patch index.

    Example:
        >>> tokens_bnk, grid_bn2 = Patchify((16, 16))(mel_btf)  # (B,512,128)
        >>> tokens_bnk.shape, grid_bn2.shape  # (B, 256, 256), (B, 256, 2)
    """

    def __init__(self, patch_size=(16, 16), **kwargs):
        super().__init__(**kwargs)
        self.patch_size = tuple(int(p) for p in patch_size)

    def call(self, mel_btf):
        pt, pf = self.patch_size
        b = ops.shape(mel_btf)[0]
        # Tiling (time and mel multiples of the patch) is checked once, in the recipe's validation.
        t, f = mel_btf.shape[1], mel_btf.shape[2]
        nt, nf = t // pt, f // pf
        x = ops.reshape(mel_btf, (b, nt, pt, nf, pf))
        x = ops.transpose(x, (0, 1, 3, 2, 4))
        tokens_bnk = ops.reshape(x, (b, nt * nf, pt * pf))
        grid_n2 = ops.convert_to_tensor(patch_grid(nt, nf))
        grid_bn2 = ops.broadcast_to(grid_n2[None], (b, nt * nf, 2))
        return tokens_bnk, grid_bn2

    def compute_output_shape(self, input_shape):
        b, t, f = input_shape
        pt, pf = self.patch_size
        n = (t // pt) * (f // pf)
        return (b, n, pt * pf), (b, n, 2)

    def compute_output_spec(self, mel_btf):
        (b, n, k), (_, _, two) = self.compute_output_shape(mel_btf.shape)
        return (
            keras.KerasTensor((b, n, k), dtype=mel_btf.dtype),
            keras.KerasTensor((b, n, two), dtype="int32"),
        )

    def get_config(self):
        return {**super().get_config(), "patch_size": self.patch_size}
