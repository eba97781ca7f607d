"""The [objective.*] tables: Pixio, LeJEPA, supervised, and the online probe."""

import dataclasses
from typing import Literal

from birdjepa_keras.config.data import AugmentConfig
from birdjepa_keras.config.schema import _check


@dataclasses.dataclass(frozen=True)
class PixioConfig:
    decoder_dim: int = 256
    decoder_depth: int = 4
    decoder_heads: int = 8
    decoder_mlp_ratio: float = 4.0
    mask_ratio: float = 0.75
    block_size: tuple[int, int] = (2, 2)
    norm_pix: bool = True

    def validate(self, key):
        _check(0.0 < self.mask_ratio < 1.0, f"{key}.mask_ratio", "must be in (0, 1)")
        _check(self.decoder_dim % self.decoder_heads == 0, f"{key}.decoder_heads", "must divide decoder_dim")
        _check(all(b >= 1 for b in self.block_size), f"{key}.block_size", "must be >= 1")


POOLING = Literal["cls", "patch_mean", "cls+patch_mean"]


@dataclasses.dataclass(frozen=True)
class ViewAugmentConfig(AugmentConfig):
    """LeJEPA: every view's own augmentation, drawn inside the model (training only).

    Same keys as `[data.augment]`, but applied per view: gain, noise and mixing
    to the view's waveform, masks to the resized view (widths in its frames
    and mel bins). The defaults are our audio reading of LeJEPA's photometric
    jitter (ColorJitter p=0.8 -> gain p=0.8; blur/solarize -> noise p=0.5);
    mixing is off.
    """

    gain_prob: float = 0.8
    noise_prob: float = 0.5
    time_masks: int = 2
    time_mask_frames: int = 24
    freq_masks: int = 2
    freq_mask_bins: int = 8


@dataclasses.dataclass(frozen=True)
class LejepaConfig:
    """Views as the LeJEPA reference (README "GOTO"): 2 global + 6 local resized crops, own augmentation each."""

    n_global: int = 2  # global views per clip
    n_local: int = 6  # local views per clip
    global_size: tuple[int, int] = (512, 128)  # resized view (frames, mel bins); multiples of the patch size
    local_size: tuple[int, int] = (256, 64)
    global_scale: tuple[float, float] = (0.3, 1.0)  # crop area as a fraction of the (time x mel) log-mel
    local_scale: tuple[float, float] = (0.05, 0.3)
    aspect_ratio: tuple[float, float] = (0.75, 1.3333333)  # (time fraction / mel fraction), log-uniform
    view_augment: ViewAugmentConfig = ViewAugmentConfig()
    proj_hidden: tuple[int, ...] = (2048, 2048)  # projector MLP: Dense-BatchNorm-ReLU per width
    proj_dim: int = 128
    sigreg_weight: float = 0.05  # lambda: loss = (1 - lambda) * prediction + lambda * SIGReg
    n_directions: int = 256  # SIGReg slices, redrawn every step
    pooling: POOLING = "cls"  # view embedding fed to the projector

    def validate(self, key):
        _check(self.n_global >= 1, f"{key}.n_global", "must be >= 1")
        _check(self.n_local >= 0, f"{key}.n_local", "must be >= 0")
        for name in ("global_size", "local_size"):
            _check(all(v > 0 for v in getattr(self, name)), f"{key}.{name}", "sizes must be > 0")
        for name in ("global_scale", "local_scale"):
            lo, hi = getattr(self, name)
            _check(0.0 < lo <= hi <= 1.0, f"{key}.{name}", f"needs 0 < low <= high <= 1, got [{lo}, {hi}]")
        lo, hi = self.aspect_ratio
        _check(0.0 < lo <= hi, f"{key}.aspect_ratio", f"needs 0 < low <= high, got [{lo}, {hi}]")
        _check(all(h > 0 for h in self.proj_hidden), f"{key}.proj_hidden", "widths must be > 0")
        _check(self.proj_dim > 0, f"{key}.proj_dim", "must be > 0")
        _check(0.0 <= self.sigreg_weight <= 1.0, f"{key}.sigreg_weight", "must be in [0, 1]")
        _check(self.n_directions > 0, f"{key}.n_directions", "must be > 0")


@dataclasses.dataclass(frozen=True)
class SupervisedConfig:
    loss: Literal["bce", "softmax"] = "bce"  # multi-label sigmoid or softmax to normalised labels
    pooling: POOLING = "cls"


@dataclasses.dataclass(frozen=True)
class OnlineProbeConfig:
    """Linear head on stop-gradient embeddings of the whole clip, with its own AdamW."""

    enabled: bool = False
    loss: Literal["bce", "softmax"] = "bce"
    pooling: POOLING = "cls+patch_mean"
    normalize: bool = True  # BatchNorm without affine before the head (MAE's linear probe)
    learning_rate: float = 1e-3  # constant
    weight_decay: float = 0.0
    eval_split: str = "valid"  # held-out split for the per-epoch cmAP ("" = none)
    eval_every: int = 1  # epochs
    eval_max_batches: int = 0  # 0 = the whole split

    def validate(self, key):
        _check(self.learning_rate > 0, f"{key}.learning_rate", "must be > 0")
        _check(self.weight_decay >= 0, f"{key}.weight_decay", "must be >= 0")
        _check(self.eval_every >= 1, f"{key}.eval_every", "must be >= 1")
        _check(self.eval_max_batches >= 0, f"{key}.eval_max_batches", "must be >= 0")


@dataclasses.dataclass(frozen=True)
class ObjectiveConfig:
    kind: Literal["pixio", "lejepa", "supervised"] = "pixio"
    pixio: PixioConfig = PixioConfig()
    lejepa: LejepaConfig = LejepaConfig()
    supervised: SupervisedConfig = SupervisedConfig()
    online_probe: OnlineProbeConfig = OnlineProbeConfig()
