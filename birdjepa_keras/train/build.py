"""Turn recipe sections into library objects (the only place config meets layers)."""

import keras

from birdjepa_keras.models.presets import preset_kwargs
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.optim.schedules import make_schedule


def make_frontend(cfg, sample_rate=32000, name="logmel"):
    """`LogMel` from a `FrontendConfig`."""
    from birdjepa_keras.layers.logmel import LogMel

    return LogMel(
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


def grid_shape(model_cfg, frontend_cfg):
    """Patch grid (rows, cols) of a (target_frames, n_mels) spectrogram; ValueError if it does not tile."""
    pt, pf = model_cfg.patch_size
    t, f = frontend_cfg.target_frames, frontend_cfg.n_mels
    if t % pt or f % pf:
        raise ValueError(f"model.patch_size {pt}x{pf} does not tile the {t}x{f} spectrogram (frontend)")
    return t // pt, f // pf


def encoder_kwargs(model_cfg, frontend_cfg):
    """ViTEncoder constructor arguments: the preset, then non-zero overrides."""
    kwargs = preset_kwargs(model_cfg.preset)
    for name in ("dim", "depth", "n_heads"):
        if getattr(model_cfg, name):
            kwargs[name] = getattr(model_cfg, name)
    if kwargs["dim"] % kwargs["n_heads"] or (kwargs["dim"] // kwargs["n_heads"]) % 4:
        raise ValueError(
            f"model: dim {kwargs['dim']} / n_heads {kwargs['n_heads']} must give a head size divisible by 4"
        )
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
    )
    return kwargs


def make_encoder(model_cfg, frontend_cfg, name="encoder"):
    return ViTEncoder(**encoder_kwargs(model_cfg, frontend_cfg), name=name)


def make_online_probe(probe_cfg, num_classes):
    """`OnlineProbe` from `objective.online_probe`, or None when disabled."""
    if not probe_cfg.enabled:
        return None
    if not num_classes:
        raise ValueError("objective.online_probe needs the dataset's number of classes")
    from birdjepa_keras.objectives.online_probe import OnlineProbe

    return OnlineProbe(num_classes, pooling=probe_cfg.pooling, loss=probe_cfg.loss)


def make_objective(recipe, frontend, encoder, num_classes=None):
    """The pretraining model for `objective.kind`; `num_classes` sizes supervised/probe heads."""
    kind = recipe.objective.kind
    probe = make_online_probe(recipe.objective.online_probe, num_classes)
    if kind == "lejepa":
        from birdjepa_keras.objectives.lejepa import LeJEPA

        lj = recipe.objective.lejepa
        return LeJEPA(
            frontend,
            encoder,
            n_global=lj.n_global,
            n_local=lj.n_local,
            global_frames=lj.global_frames,
            local_frames=lj.local_frames,
            proj_hidden=lj.proj_hidden,
            proj_dim=lj.proj_dim,
            sigreg_weight=lj.sigreg_weight,
            n_directions=lj.n_directions,
            pooling=lj.pooling,
            seed=recipe.run.seed,
            online_probe=probe,
            name="lejepa",
        )
    if kind == "supervised":
        from birdjepa_keras.objectives.supervised import Supervised

        if not num_classes:
            raise ValueError("objective.kind = 'supervised' needs the dataset's number of classes")
        sc = recipe.objective.supervised
        return Supervised(
            frontend, encoder, num_classes, loss=sc.loss, pooling=sc.pooling, online_probe=probe, name="supervised"
        )
    if kind == "pixio":
        from birdjepa_keras.objectives.pixio import Pixio

        p = recipe.objective.pixio
        return Pixio(
            frontend,
            encoder,
            decoder_dim=p.decoder_dim,
            decoder_depth=p.decoder_depth,
            decoder_heads=p.decoder_heads,
            decoder_mlp_ratio=p.decoder_mlp_ratio,
            mask_ratio=p.mask_ratio,
            block_size=p.block_size,
            norm_pix=p.norm_pix,
            seed=recipe.run.seed,
            online_probe=probe,
            name="pixio",
        )
    raise ValueError(f"objective.kind {kind!r} is not implemented")


# Variable names (leaf) that get no weight decay: biases, norms, learned tokens, positions.
NO_WEIGHT_DECAY = ("bias", "gamma", "beta", "scale", "cls_tokens", "registers", "mask_token", "pos_embed", "decoder_pos")


def make_optimizer(opt_cfg, sched_cfg, total_steps):
    """Keras optimizer with its learning-rate schedule; no decay on NO_WEIGHT_DECAY."""
    lr = make_schedule(sched_cfg, opt_cfg.learning_rate, total_steps)
    if opt_cfg.name == "adamw":
        opt = keras.optimizers.AdamW(
            learning_rate=lr,
            weight_decay=opt_cfg.weight_decay,
            beta_1=opt_cfg.beta_1,
            beta_2=opt_cfg.beta_2,
            epsilon=opt_cfg.epsilon,
            global_clipnorm=opt_cfg.global_clipnorm or None,
        )
        opt.exclude_from_weight_decay(var_names=list(NO_WEIGHT_DECAY))
        return opt
    raise ValueError(f"optimizer.name {opt_cfg.name!r} is not implemented")
