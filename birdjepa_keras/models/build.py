"""Recipe tables -> frontend and encoder (shared by training and the benchmark's random init).

Takes the config dataclasses (`FrontendConfig`, `ModelConfig`, `AugmentConfig`,
`ParametrizationConfig`) and returns layers built with explicit keyword arguments.
"""

import keras

from birdjepa_keras.models.presets import preset_kwargs
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.optim.mup import attn_scale, resolve_base_head_dim


def make_frontend(cfg, sample_rate=32000, name="logmel", augment=None, seed=None):
    """`LogMel` from a `FrontendConfig`; then `SpecAugment` when `augment` (an `AugmentConfig`) asks for masks.

    With masks the result is `keras.Sequential([LogMel, SpecAugment])`: masks
    apply in training only. Export `inference_frontend(frontend)`, which drops them.
    """
    from birdjepa_keras.layers.logmel import LogMel

    logmel = LogMel(
        sample_rate=sample_rate,
        frame_length=cfg.frame_length,
        frame_shift=cfg.frame_shift,
        n_fft=cfg.n_fft,
        n_mels=cfg.n_mels,
        low_freq=cfg.low_freq,
        high_freq=cfg.high_freq,
        preemphasis=cfg.preemphasis,
        target_frames=cfg.target_frames,
        mean=cfg.mean,
        std=cfg.std,
        name=name,
    )
    if augment is None or not augment.specaugment:
        return logmel
    from birdjepa_keras.layers.specaugment import SpecAugment

    masks = SpecAugment(
        time_masks=augment.time_masks,
        time_mask_frames=augment.time_mask_frames,
        freq_masks=augment.freq_masks,
        freq_mask_bins=augment.freq_mask_bins,
        seed=seed,
        name=f"{name}_specaugment",
    )
    return keras.Sequential([logmel, masks], name=f"{name}_augmented")


def inference_frontend(frontend):
    """The frontend without training-only augmentation (the `LogMel` inside `make_frontend`'s Sequential)."""
    if isinstance(frontend, keras.Sequential):
        return frontend.layers[0]
    return frontend


def grid_shape(model_cfg, frontend_cfg):
    """Patch grid (rows, cols) of a (target_frames, n_mels) spectrogram (the recipe's validation checked it tiles)."""
    pt, pf = model_cfg.patch_size
    return frontend_cfg.target_frames // pt, frontend_cfg.n_mels // pf


def encoder_overrides(model_cfg, frontend_cfg, remat="none", parametrization=None):
    """What the recipe changes on its preset: `ViTEncoder.from_preset(model_cfg.preset, **overrides)`.

    `remat` is `train.remat` ("none" or a `keras.RematScope` mode).
    `parametrization` (a `ParametrizationConfig`): muP sets the attention scale.
    """
    kwargs = {name: getattr(model_cfg, name) for name in ("dim", "depth", "n_heads") if getattr(model_cfg, name)}
    kwargs.update(
        patch_size=model_cfg.patch_size,
        grid_shape=grid_shape(model_cfg, frontend_cfg),
        mlp=model_cfg.mlp,
        mlp_ratio=model_cfg.mlp_ratio,
        qk_norm=model_cfg.qk_norm,
        norm=model_cfg.norm,
        use_rope=model_cfg.use_rope,
        rope_max_wavelength=model_cfg.rope_max_wavelength,
        n_cls=model_cfg.n_cls,
        n_registers=model_cfg.n_registers,
        remat=None if remat == "none" else remat,
    )
    if parametrization is not None and parametrization.kind == "mup":
        full = {**preset_kwargs(model_cfg.preset), **kwargs}
        p, dim, heads = parametrization, full["dim"], full["n_heads"]
        base_head_dim = resolve_base_head_dim(dim, heads, p.base_width or dim, p.base_n_heads, p.base_head_dim)
        kwargs["attn_scale"] = attn_scale(dim // heads, base_head_dim)
    return kwargs


def encoder_kwargs(model_cfg, frontend_cfg, remat="none", parametrization=None):
    """Every ViTEncoder constructor argument the recipe implies: the preset's, then `encoder_overrides`."""
    return {**preset_kwargs(model_cfg.preset), **encoder_overrides(model_cfg, frontend_cfg, remat, parametrization)}


def make_encoder(model_cfg, frontend_cfg, name="encoder", remat="none", parametrization=None):
    overrides = encoder_overrides(model_cfg, frontend_cfg, remat, parametrization)
    return ViTEncoder.from_preset(model_cfg.preset, **overrides, name=name)
