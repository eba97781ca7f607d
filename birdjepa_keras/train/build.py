"""Turn recipe sections into objectives and optimizers (frontend and encoder: `models.build`)."""

import keras

from birdjepa_keras.models.build import encoder_kwargs
from birdjepa_keras.optim.schedules import make_schedule


def make_online_probe(probe_cfg, num_classes):
    """`OnlineProbe` from `objective.online_probe`, or None when disabled."""
    if not probe_cfg.enabled:
        return None
    if not num_classes:
        raise ValueError("objective.online_probe needs the dataset's number of classes")
    from birdjepa_keras.objectives.online_probe import OnlineProbe

    return OnlineProbe(num_classes, pooling=probe_cfg.pooling, loss=probe_cfg.loss, normalize=probe_cfg.normalize)


def make_view_augment(cfg, seed):
    """(`WaveAugment` or None, `SpecAugment` or None) for LeJEPA's per-view `ViewAugmentConfig`."""
    from birdjepa_keras.layers.specaugment import SpecAugment
    from birdjepa_keras.layers.waveaugment import WaveAugment

    wave = WaveAugment(
        gain_prob=cfg.gain_prob,
        gain_db=cfg.gain_db,
        noise_prob=cfg.noise_prob,
        noise_snr_db=cfg.noise_snr_db,
        mix_prob=cfg.mix_prob,
        mix_gain_db=cfg.mix_gain_db,
        seed=seed + 101,  # not the frontend's SpecAugment seed: independent draws
        name="view_augment",
    )
    masks = SpecAugment(
        time_masks=cfg.time_masks,
        time_mask_frames=cfg.time_mask_frames,
        freq_masks=cfg.freq_masks,
        freq_mask_bins=cfg.freq_mask_bins,
        seed=seed + 102,
        name="view_masks",
    )
    return (wave if wave.active else None), (masks if cfg.specaugment else None)


def _lejepa_kwargs(recipe, num_classes):
    lj = recipe.objective.lejepa
    view_augment, view_masks = make_view_augment(lj.view_augment, recipe.run.seed)
    return dict(
        n_global=lj.n_global,
        n_local=lj.n_local,
        global_size=lj.global_size,
        local_size=lj.local_size,
        global_scale=lj.global_scale,
        local_scale=lj.local_scale,
        aspect_ratio=lj.aspect_ratio,
        view_augment=view_augment,
        view_masks=view_masks,
        proj_hidden=lj.proj_hidden,
        proj_dim=lj.proj_dim,
        sigreg_weight=lj.sigreg_weight,
        n_directions=lj.n_directions,
        pooling=lj.pooling,
        seed=recipe.run.seed,
    )


def _supervised_kwargs(recipe, num_classes):
    if not num_classes:
        raise ValueError("objective.kind = 'supervised' needs the dataset's number of classes")
    sc = recipe.objective.supervised
    return dict(num_classes=num_classes, loss=sc.loss, pooling=sc.pooling)


def _pixio_kwargs(recipe, num_classes):
    p = recipe.objective.pixio
    return dict(
        decoder_dim=p.decoder_dim,
        decoder_depth=p.decoder_depth,
        decoder_heads=p.decoder_heads,
        decoder_mlp_ratio=p.decoder_mlp_ratio,
        mask_ratio=p.mask_ratio,
        block_size=p.block_size,
        norm_pix=p.norm_pix,
        seed=recipe.run.seed,
    )


# objective.kind -> its own keyword arguments (frontend, encoder and probe are common to all).
OBJECTIVE_KWARGS = {"lejepa": _lejepa_kwargs, "supervised": _supervised_kwargs, "pixio": _pixio_kwargs}


def make_objective(recipe, frontend, encoder, num_classes=None):
    """The pretraining model `OBJECTIVES[objective.kind]`; `num_classes` sizes supervised/probe heads."""
    from birdjepa_keras.objectives import OBJECTIVES

    kind = recipe.objective.kind
    if kind not in OBJECTIVES:
        raise ValueError(f"objective.kind {kind!r} is not implemented; choose one of {sorted(OBJECTIVES)}")
    probe = make_online_probe(recipe.objective.online_probe, num_classes)
    kwargs = OBJECTIVE_KWARGS[kind](recipe, num_classes)
    return OBJECTIVES[kind](frontend, encoder, online_probe=probe, name=kind, **kwargs)


# Variable names (leaf) that get no weight decay: biases, norms, learned tokens, positions.
NO_WEIGHT_DECAY = ("bias", "gamma", "beta", "scale", "cls_tokens", "registers", "mask_token", "pos_embed", "decoder_pos")


def mup_spec(recipe):
    """`MupSpec` of the recipe's encoder under `parametrization.kind = "mup"`, else None."""
    p = recipe.parametrization
    if p.kind != "mup":
        return None
    from birdjepa_keras.optim.mup import MupSpec

    width = encoder_kwargs(recipe.model, recipe.frontend)["dim"]
    return MupSpec(width, p.base_width or width, tuple(p.readout_layers), p.readout_zero_init)


def init_parametrization(recipe, model):
    """muP init rescaling of a freshly built `model` (no-op under SP); call before restoring a checkpoint."""
    spec = mup_spec(recipe)
    if spec is not None:
        from birdjepa_keras.optim.mup import apply_mup_init

        apply_mup_init(model, spec)


def make_optimizer(opt_cfg, sched_cfg, total_steps, mup=None):
    """Keras optimizer with its learning-rate schedule(s); no decay on NO_WEIGHT_DECAY.

    name "adamw" under SP is one AdamW. Otherwise a `GroupedOptimizer`: with
    "muon", Keras's Muon on the transformer-block matrices (`optim.routing`)
    and AdamW on the rest; with `mup` (a `MupSpec`), each of those split by
    whether muP scales the group's learning rate (`optim.mup`).
    """
    from birdjepa_keras.optim.groups import GroupedOptimizer
    from birdjepa_keras.optim.routing import param_groups

    if opt_cfg.name not in ("adamw", "muon"):
        raise ValueError(f"optimizer.name {opt_cfg.name!r} is not implemented")
    use_muon = opt_cfg.name == "muon"
    rms_rate = opt_cfg.muon_rms_rate or None
    clip = opt_cfg.global_clipnorm or None

    def make(kind, name, scaled, clipnorm=None):
        mult = mup.lr_multiplier(kind, scaled, rms_matched=rms_rate is not None) if mup else 1.0
        if kind == "adamw":
            opt = keras.optimizers.AdamW(
                learning_rate=make_schedule(sched_cfg, opt_cfg.learning_rate * mult, total_steps),
                weight_decay=opt_cfg.weight_decay,
                beta_1=opt_cfg.beta_1,
                beta_2=opt_cfg.beta_2,
                epsilon=opt_cfg.epsilon,
                global_clipnorm=clipnorm,
                name=name,
            )
        else:
            a, b, c = opt_cfg.muon_ns_coefficients
            wd = opt_cfg.muon_weight_decay if opt_cfg.muon_weight_decay >= 0 else opt_cfg.weight_decay
            peak = (opt_cfg.muon_learning_rate or opt_cfg.learning_rate) * mult
            opt = keras.optimizers.Muon(
                learning_rate=make_schedule(sched_cfg, peak, total_steps),
                weight_decay=wd,
                momentum=opt_cfg.muon_momentum,
                nesterov=opt_cfg.muon_nesterov,
                ns_steps=opt_cfg.muon_ns_steps,
                muon_a=a,
                muon_b=b,
                muon_c=c,
                rms_rate=rms_rate,
                exclude_embeddings=False,  # routing already chose: every variable here is a hidden matrix
                name=name,
            )
        opt.exclude_from_weight_decay(var_names=list(NO_WEIGHT_DECAY))
        return opt

    readouts = mup.readout_layers if mup else ()
    groups = param_groups(use_muon, mup is not None, opt_cfg.muon_decoder, readouts)
    if len(groups) == 1:  # plain AdamW
        return make("adamw", None, False, clipnorm=clip)
    built = [(pred, make(kind, name, scaled)) for name, pred, kind, scaled in groups]
    # The catch-all AdamW group (last) reports `learning_rate`: the recipe's schedule.
    return GroupedOptimizer(built, global_clipnorm=clip, primary_group=len(built) - 1, name="grouped")


def add_online_probe_optimizer(optimizer, probe_cfg):
    """`optimizer` for the objective; the online probe's variables get their own AdamW.

    A `GroupedOptimizer` whose first group is the probe (constant learning
    rate from `objective.online_probe`) and whose second is `optimizer`
    itself (grouped or not), so the objective's clipping and schedules see
    only the objective's gradients. Unchanged when the probe is disabled.
    """
    if not probe_cfg.enabled:
        return optimizer
    from birdjepa_keras.objectives.online_probe import PROBE_NAME
    from birdjepa_keras.optim.groups import GroupedOptimizer, PathFilter

    probe_opt = keras.optimizers.AdamW(
        learning_rate=probe_cfg.learning_rate, weight_decay=probe_cfg.weight_decay, name="online_probe_adamw"
    )
    probe_opt.exclude_from_weight_decay(var_names=["bias"])
    groups = [(PathFilter(PROBE_NAME), probe_opt), (PathFilter(), optimizer)]
    return GroupedOptimizer(groups, primary_group=1, name="with_online_probe")
