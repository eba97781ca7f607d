"""Named encoder shapes. Everything not listed keeps `ViTEncoder`'s defaults."""

from birdjepa_keras.config.model import PRESETS  # the one preset list (data, in the config leaf)


def preset_kwargs(name):
    """Shape kwargs of preset `name`; raises ValueError listing the choices."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {sorted(PRESETS)}")
    return dict(PRESETS[name])
