"""muP (Tensor Programs V) in the encoder width, with SP as the base.

Hyper-parameters are tuned at `base_width`; a wider encoder (width_mult =
width / base_width) then keeps the same activation scales and optimal LR. At
width_mult 1 muP is exactly SP. Roles of the variables:

- hidden: encoder block matrices (q/k/v/o, fc1/fc2/fc3); both dims grow.
  Init var ∝ 1/fan_in (Keras's Glorot already is); Adam LR × 1/width_mult;
  Muon LR × 1/sqrt(width_mult) when its update is RMS-matched (`rms_rate`:
  it grows as sqrt(max(fan_in, fan_out))), × 1 for the raw orthogonal update.
- readout: kernels of `readout_layers` (layers that read the encoder's
  width: Pixio's `decoder_embed`, LeJEPA's `projector/dense_0`, the
  supervised `classifier`; path segments, see `role`); only fan_in
  grows. Init var ∝ 1/fan_in² (the base SP init / width_mult, or zero);
  Adam LR × 1/width_mult. Equivalent, for Adam, to an output multiplier
  1/width_mult on an SP-initialised layer.
- input: the patch projection `patch_embed` (fan_in fixed). Init variance
  kept at the base width's (Glorot would shrink it as fan_out grows); base LR.
- other: vectors (biases, norms, tokens, positions) and width-independent
  layers (a decoder of fixed width): unchanged.

Attention logits are scaled by sqrt(base_head_dim) / head_dim (1/d muP
attention, equal to SP's 1/sqrt(d) at the base width).
"""

import dataclasses
import math

import numpy as np

from birdjepa_keras.optim.routing import lr_scaled, role  # noqa: F401  (role re-exported)

def attn_scale(head_dim, base_head_dim):
    """muP attention logit scale sqrt(base_head_dim) / head_dim."""
    return math.sqrt(base_head_dim) / head_dim


def resolve_base_head_dim(width, n_heads, base_width, base_n_heads=0, base_head_dim=0):
    """Head size of the base model the hyper-parameters were tuned on.

    The base model's own head count decides it (ViT-S 384/6 -> 64 even when
    the target is ViT-B 768/12), not the target's: dividing the base width by
    the target's 12 heads would give 32 and logits scaled by sqrt(32)/64
    instead of sqrt(64)/64 (0.71x). Order: an explicit
    `base_head_dim`; else `base_width // base_n_heads`; else, only when the
    base is the model itself (width_mult 1), the model's head size.

    Raises:
        ValueError: base_width differs from width and neither base value is given.
    """
    if base_head_dim:
        return base_head_dim
    if base_n_heads:
        if base_width % base_n_heads:
            raise ValueError(f"base_width {base_width} is not divisible by base_n_heads {base_n_heads}")
        return base_width // base_n_heads
    if base_width == width:
        return width // n_heads
    raise ValueError(
        f"muP from base_width {base_width} to width {width} needs the base model's head count "
        "(parametrization.base_n_heads) or head size (base_head_dim): heads may change with the width"
    )


@dataclasses.dataclass(frozen=True)
class MupSpec:
    """muP settings for an encoder of width `width` tuned at `base_width`."""

    width: int
    base_width: int
    readout_layers: tuple = ("decoder_embed", "projector/dense_0", "classifier")
    readout_zero_init: bool = False

    def __post_init__(self):
        if self.width <= 0 or self.base_width <= 0:
            raise ValueError(f"muP widths must be positive, got width {self.width}, base_width {self.base_width}")

    @property
    def width_mult(self):
        return self.width / self.base_width

    def lr_multiplier(self, kind, mup_scaled, rms_matched=True):
        """LR factor of a group: `kind` "adamw" or "muon"; `mup_scaled` from `lr_scaled`."""
        if not mup_scaled:
            return 1.0
        if kind == "adamw":
            return 1.0 / self.width_mult
        return 1.0 / math.sqrt(self.width_mult) if rms_matched else 1.0


def apply_mup_init(model, spec):
    """Rescale a freshly built model's Glorot init to muP; returns {role: [paths]} changed.

    Call once, after the variables exist and before restoring a checkpoint.
    Raises ValueError if a readout's fan_in is not a multiple of the width.
    """
    wm = spec.width_mult
    done = {"input": [], "readout": []}
    for v in model.trainable_variables:
        r = role(v, spec.readout_layers)
        if r not in done:
            continue
        fan_in, fan_out = (int(d) for d in v.shape)
        value = np.asarray(v.numpy(), dtype="float64")
        if r == "input":
            # Glorot var 2/(fan_in + fan_out) -> the base width's 2/(fan_in + fan_out/wm).
            value *= math.sqrt((fan_in + fan_out) / (fan_in + fan_out / wm))
        else:
            if fan_in % spec.width:
                raise ValueError(
                    f"muP readout {v.path} has fan_in {fan_in}, not a multiple of the encoder width {spec.width}; "
                    "fix parametrization.readout_layers"
                )
            # Base width's Glorot variance, then / wm^2 (var ∝ 1/fan_in^2), or zero.
            factor = 0.0 if spec.readout_zero_init else math.sqrt((fan_in + fan_out) / (fan_in / wm + fan_out)) / wm
            value *= factor
        v.assign(value.astype(v.dtype))
        done[r].append(v.path)
    return done
