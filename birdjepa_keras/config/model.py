"""The [model] table and the named encoder shapes it picks from."""

import dataclasses
from typing import Literal

from birdjepa_keras.config.schema import _check

# Named encoder shapes (the one preset list; `models.presets` builds from it). Everything
# not listed keeps `ViTEncoder`'s defaults.
PRESETS = {
    # For tests and the CPU quickstart.
    "vit_tiny": {"dim": 64, "depth": 2, "n_heads": 2},
    "vit_mini": {"dim": 128, "depth": 4, "n_heads": 4},
    # ViT-S/B of the reference (about 21.5 M / 85.5 M parameters).
    "vit_s": {"dim": 384, "depth": 12, "n_heads": 6},
    "vit_b": {"dim": 768, "depth": 12, "n_heads": 12},
}


@dataclasses.dataclass(frozen=True)
class ModelConfig:
    preset: Literal[tuple(PRESETS)] = "vit_s"
    dim: int = 0  # 0 = the preset's
    depth: int = 0
    n_heads: int = 0
    patch_size: tuple[int, int] = (16, 16)
    mlp: Literal["swiglu", "gelu"] = "swiglu"
    mlp_ratio: float = 4.0
    qk_norm: bool = True
    norm: Literal["layernorm", "rmsnorm"] = "layernorm"
    use_rope: bool = True
    rope_max_wavelength: float = 100.0
    n_cls: int = 1
    n_registers: int = 0

    def validate(self, key):
        for name in ("dim", "depth", "n_heads"):
            _check(getattr(self, name) >= 0, f"{key}.{name}", "must be >= 0 (0 keeps the preset)")
        _check(all(p > 0 for p in self.patch_size), f"{key}.patch_size", "must be positive")
        _check(self.n_cls >= 1, f"{key}.n_cls", "must be >= 1")
        _check(self.n_registers >= 0, f"{key}.n_registers", "must be >= 0")
