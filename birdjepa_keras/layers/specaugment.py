"""SpecAugment time and frequency masking as a backend-agnostic Keras layer."""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class SpecAugment(keras.layers.Layer):
    """Masks random time and mel ranges of a log-mel spectrogram, in training only.

    Input and output are `(batch, time, mel)`: time masks cover contiguous
    ranges of axis 1 (whole frames, every mel bin), frequency masks contiguous
    ranges of axis 2 (whole mel bins, every frame). Each example draws its own
    masks: width uniform in {0, ..., max} (at most the axis length), start
    uniform among the positions where the mask fits; masks may overlap. At
    inference (`training` false or unset) the layer is the identity, so it can
    sit after `LogMel` in a training model while the exported encoder omits it.

    Args:
        time_masks: int, number of masks along time (axis 1). Default 2.
        time_mask_frames: int, widest time mask in frames. Default 40.
        freq_masks: int, number of masks along mel (axis 2). Default 2.
        freq_mask_bins: int, widest frequency mask in mel bins. Default 16.
        mask_value: float, written into masked cells; 0 is the mean of a
            normalised `LogMel` output. Default 0.
        seed: int or None, seeds the layer's `keras.random.SeedGenerator`.

    Call args:
        mel_btf: `(batch, time, mel)` float spectrogram; computed in float32 (like
            `LogMel`'s output) under any dtype policy.
        training: bool; masks are applied only when true.

    Example:
        >>> layer = SpecAugment(time_masks=1, time_mask_frames=10, freq_masks=1, freq_mask_bins=4, seed=0)
        >>> out = layer(np.ones((2, 50, 16), "float32"), training=True)
        >>> tuple(out.shape)
        (2, 50, 16)
    """

    def __init__(
        self,
        time_masks=2,
        time_mask_frames=40,
        freq_masks=2,
        freq_mask_bins=16,
        mask_value=0.0,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if min(time_masks, freq_masks) < 0 or min(time_mask_frames, freq_mask_bins) < 1:
            raise ValueError("mask counts must be >= 0 and mask widths >= 1")
        self.time_masks = int(time_masks)
        self.time_mask_frames = int(time_mask_frames)
        self.freq_masks = int(freq_masks)
        self.freq_mask_bins = int(freq_mask_bins)
        self.mask_value = float(mask_value)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.built = True

    @property
    def input_dtype(self):
        # Pass LogMel's float32 through unchanged under mixed precision, as at inference
        # (where this layer is absent).
        return "float32"

    def _ranges(self, batch, size, n_masks, max_width):
        """(batch, size) bool: union of `n_masks` random contiguous ranges per example."""
        u_bn2 = keras.random.uniform((batch, n_masks, 2), seed=self.seed_generator)
        size_f = ops.cast(size, "float32")  # a tensor when the axis length is dynamic
        widest = ops.minimum(float(max_width), size_f)
        width_bn = ops.minimum(ops.floor(u_bn2[..., 0] * (widest + 1.0)), widest)
        start_bn = ops.floor(u_bn2[..., 1] * (size_f - width_bn + 1.0))
        pos_11s = ops.cast(ops.reshape(ops.arange(size), (1, 1, -1)), "float32")
        start_bn1, end_bn1 = start_bn[..., None], (start_bn + width_bn)[..., None]
        inside_bns = ops.logical_and(pos_11s >= start_bn1, pos_11s < end_bn1)
        return ops.any(inside_bns, axis=1)

    def call(self, mel_btf, training=None):
        if not training or (self.time_masks == 0 and self.freq_masks == 0):
            return mel_btf
        batch, time, mel = ops.shape(mel_btf)
        masked_btf = ops.zeros((1, 1, 1), "bool")
        if self.time_masks:
            time_bt = self._ranges(batch, time, self.time_masks, self.time_mask_frames)
            masked_btf = ops.logical_or(masked_btf, time_bt[:, :, None])
        if self.freq_masks:
            freq_bf = self._ranges(batch, mel, self.freq_masks, self.freq_mask_bins)
            masked_btf = ops.logical_or(masked_btf, freq_bf[:, None, :])
        return ops.where(masked_btf, ops.cast(self.mask_value, mel_btf.dtype), mel_btf)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update(
            time_masks=self.time_masks,
            time_mask_frames=self.time_mask_frames,
            freq_masks=self.freq_masks,
            freq_mask_bins=self.freq_mask_bins,
            mask_value=self.mask_value,
            seed=self.seed,
        )
        return config
