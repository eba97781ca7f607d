"""Named encoder shapes. Everything not listed keeps `ViTEncoder`'s defaults."""

PRESETS = {
    # For tests and the CPU quickstart.
    "vit_tiny": {"dim": 64, "depth": 2, "n_heads": 2},
    "vit_mini": {"dim": 128, "depth": 4, "n_heads": 4},
    # ViT-S/B of the reference (about 21.5 M / 85.5 M parameters).
    "vit_s": {"dim": 384, "depth": 12, "n_heads": 6},
    "vit_b": {"dim": 768, "depth": 12, "n_heads": 12},
}


def preset_kwargs(name):
    """Shape kwargs of preset `name`; raises ValueError listing the choices."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {sorted(PRESETS)}")
    return dict(PRESETS[name])
