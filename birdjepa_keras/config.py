"""Recipe schema: frozen dataclasses parsed from TOML and validated once.

A recipe is a TOML file whose tables mirror `Recipe`'s fields. Every key is
checked against the schema: an unknown key, a wrong type or a bad value
raises `ConfigError` naming the file and the dotted key; the CLI turns that
into one line on stderr and exit code 2.
"""

import dataclasses
import types
import typing
from typing import Literal

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib


class ConfigError(ValueError):
    """A recipe problem, already phrased as `file: key: what is wrong`."""


def _check(cond, key, msg):
    if not cond:
        raise ConfigError(f"{key}: {msg}")


@dataclasses.dataclass(frozen=True)
class RunConfig:
    name: str = "run"
    seed: int = 0
    output_dir: str = "runs"

    def validate(self, key):
        _check(self.name and "/" not in self.name, f"{key}.name", "must be a non-empty name without '/'")


@dataclasses.dataclass(frozen=True)
class AugmentConfig:
    """Train-time augmentations, all off by default and seeded from `run.seed`.

    Waveform ones run in the tf.data train stream (gain -> noise per clip, then
    mixing within the batch); SpecAugment masks the log-mel inside the model
    (training only; the exported encoder has none).
    """

    gain_prob: float = 0.0
    gain_db: tuple[float, float] = (-6.0, 6.0)  # amplitude gain drawn uniformly in dB
    noise_prob: float = 0.0  # add white background noise
    noise_snr_db: tuple[float, float] = (10.0, 30.0)  # SNR relative to the clip's RMS
    mix_prob: float = 0.0  # add the batch neighbour's clip; labels OR-ed
    mix_gain_db: tuple[float, float] = (-6.0, 0.0)  # the added clip's level, relative
    time_masks: int = 0  # SpecAugment masks along time (axis 1 of (batch, time, mel))
    time_mask_frames: int = 40  # widest time mask, in frames
    freq_masks: int = 0  # SpecAugment masks along mel (axis 2)
    freq_mask_bins: int = 16  # widest frequency mask, in mel bins

    def validate(self, key):
        for name in ("gain_prob", "noise_prob", "mix_prob"):
            _check(0.0 <= getattr(self, name) <= 1.0, f"{key}.{name}", "must be in [0, 1]")
        for name in ("gain_db", "noise_snr_db", "mix_gain_db"):
            lo, hi = getattr(self, name)
            _check(lo <= hi, f"{key}.{name}", f"needs low <= high, got [{lo}, {hi}]")
        _check(self.time_masks >= 0 and self.freq_masks >= 0, f"{key}.time_masks", "mask counts must be >= 0")
        _check(self.time_mask_frames >= 1, f"{key}.time_mask_frames", "must be >= 1")
        _check(self.freq_mask_bins >= 1, f"{key}.freq_mask_bins", "must be >= 1")

    @property
    def specaugment(self):
        return self.time_masks > 0 or self.freq_masks > 0


@dataclasses.dataclass(frozen=True)
class BirdSetSamplingConfig:
    """Train sampling of the `birdset_*` datasets, as BirdSet's multilabel training.

    Defaults are upstream's (`_smart_sampling` class_limit 500, event_limit 5;
    EventDecoding extension_time 8 s); other values build their own dataset
    config. See `birdjepa_keras.data.birdset_events`.
    """

    class_limit: int = 500  # per class, cut the most event-rich recordings while the class keeps >= this (0 = off)
    event_limit: int = 5  # stop cutting when the richest recording is at this many events (0 = off)
    extension_s: float = 8.0  # each kept event widened to this (the 5 s crop is taken inside; 0 = bare event)
    label_source: Literal["multilabel", "multilabel+primary"] = "multilabel"  # "+primary": OR in ebird_code
    sampling_seed: int = 0  # which events of a recording are kept

    def validate(self, key):
        _check(self.class_limit >= 0, f"{key}.class_limit", "must be >= 0 (0 = no class limit)")
        _check(self.event_limit >= 0, f"{key}.event_limit", "must be >= 0 (0 = no event limit)")
        _check(self.extension_s >= 0, f"{key}.extension_s", "must be >= 0 (0 = no widening)")
        _check(self.sampling_seed >= 0, f"{key}.sampling_seed", "must be >= 0")


@dataclasses.dataclass(frozen=True)
class DataConfig:
    dataset: str = "synthetic_birdsong"
    config: str = "default"
    data_dir: str = ""  # "" = TFDS default (or $TFDS_DATA_DIR)
    build_if_missing: bool = True
    train_split: str = "train"
    valid_split: str = "valid"
    test_split: str = "test"
    sample_rate: int = 32000
    clip_seconds: float = 5.0
    batch_size: int = 32
    shuffle_buffer: int = 1024  # unused: the train stream permutes the whole split each epoch
    balance_classes: bool = False  # draw train examples so classes come up equally often
    balance_power: float = 1.0  # class weight n_c ** -power (1 = equal, 0.5 = softened)
    augment: AugmentConfig = AugmentConfig()
    birdset: BirdSetSamplingConfig = BirdSetSamplingConfig()  # used by the birdset_* datasets only

    def validate(self, key):
        _check(self.batch_size > 0, f"{key}.batch_size", "must be > 0")
        if self.dataset.startswith("birdset_") and self.birdset != BirdSetSamplingConfig():
            _check(self.config in ("", "default"), f"{key}.config",
                   f"must be 'default' when {key}.birdset sets the train sampling (it names its own config)")
        _check(self.clip_seconds > 0, f"{key}.clip_seconds", "must be > 0")
        _check(self.sample_rate > 0, f"{key}.sample_rate", "must be > 0")
        _check(self.shuffle_buffer >= 1, f"{key}.shuffle_buffer", "must be >= 1")
        _check(self.balance_power >= 0, f"{key}.balance_power", "must be >= 0")

    @property
    def clip_samples(self):
        return int(round(self.clip_seconds * self.sample_rate))


@dataclasses.dataclass(frozen=True)
class FrontendConfig:
    n_mels: int = 128
    frame_length: int = 800
    frame_shift: int = 320
    n_fft: int = 1024
    low_freq: float = 20.0
    high_freq: float = 16000.0
    preemphasis: float = 0.97
    target_frames: int = 512
    mean: float = -7.2
    std: float = 4.43

    def validate(self, key):
        _check(self.n_mels > 0, f"{key}.n_mels", "must be > 0")
        _check(self.std > 0, f"{key}.std", "must be > 0")
        _check(self.n_fft >= self.frame_length, f"{key}.n_fft", "must be >= frame_length")
        _check(0 <= self.low_freq < self.high_freq, f"{key}.high_freq", "must be > low_freq >= 0")


@dataclasses.dataclass(frozen=True)
class ModelConfig:
    preset: Literal["vit_tiny", "vit_mini", "vit_s", "vit_b"] = "vit_s"
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


@dataclasses.dataclass(frozen=True)
class OptimizerConfig:
    name: Literal["adamw", "muon"] = "adamw"
    learning_rate: float = 1.5e-4  # AdamW (with "muon": of everything but the hidden matrices)
    weight_decay: float = 0.05
    beta_1: float = 0.9
    beta_2: float = 0.95
    epsilon: float = 1e-8
    global_clipnorm: float = 0.0  # 0 = off
    # name = "muon": transformer-block matrices (q/k/v/o, fc1/fc2/fc3) get Muon, the rest the AdamW above.
    muon_learning_rate: float = 0.0  # 0 = learning_rate (the update RMS is matched to AdamW's)
    muon_weight_decay: float = -1.0  # < 0 = weight_decay
    muon_momentum: float = 0.95
    muon_nesterov: bool = True
    muon_ns_steps: int = 5  # Newton-Schulz iterations
    muon_ns_coefficients: tuple[float, float, float] = (3.4445, -4.7750, 2.0315)
    muon_rms_rate: float = 0.2  # update x rms_rate*sqrt(max(fan_in, fan_out)) (Moonlight); 0 = raw orthogonal
    muon_decoder: bool = True  # the Pixio decoder's block matrices get Muon too

    def validate(self, key):
        _check(self.learning_rate > 0, f"{key}.learning_rate", "must be > 0")
        _check(self.weight_decay >= 0, f"{key}.weight_decay", "must be >= 0")
        _check(0 <= self.beta_1 < 1 and 0 <= self.beta_2 < 1, f"{key}.beta_1", "betas must be in [0, 1)")
        _check(self.muon_learning_rate >= 0, f"{key}.muon_learning_rate", "must be >= 0 (0 = learning_rate)")
        _check(0 <= self.muon_momentum < 1, f"{key}.muon_momentum", "must be in [0, 1)")
        _check(self.muon_ns_steps >= 1, f"{key}.muon_ns_steps", "must be >= 1")
        _check(self.muon_rms_rate >= 0, f"{key}.muon_rms_rate", "must be >= 0 (0 = off)")


@dataclasses.dataclass(frozen=True)
class ParametrizationConfig:
    """SP, or muP in the encoder width with hyper-parameters tuned at `base_width` (see optim/mup.py)."""

    kind: Literal["sp", "mup"] = "sp"
    base_width: int = 0  # encoder width the hyper-parameters were tuned at; 0 = the model's (width_mult 1)
    base_n_heads: int = 0  # heads of the base model (ViT-S: 6); head size = base_width // base_n_heads
    base_head_dim: int = 0  # or its head size directly; one of the two is required when base_width != the width
    # Layers reading the encoder width: Pixio's decoder_embed, LeJEPA's first projector layer, the classifier.
    readout_layers: tuple[str, ...] = ("decoder_embed", "projector/dense_0", "classifier")
    readout_zero_init: bool = False  # muP readouts start at zero instead of base init / width_mult

    def validate(self, key):
        _check(self.base_width >= 0, f"{key}.base_width", "must be >= 0 (0 = the model's width)")
        _check(self.base_n_heads >= 0, f"{key}.base_n_heads", "must be >= 0 (0 = unset)")
        _check(self.base_head_dim >= 0, f"{key}.base_head_dim", "must be >= 0 (0 = unset)")


@dataclasses.dataclass(frozen=True)
class ScheduleConfig:
    kind: Literal["wsd", "cosine", "constant"] = "wsd"
    warmup_steps: int = 0
    decay_fraction: float = 0.2  # WSD: share of steps spent decaying
    decay_shape: Literal["linear", "sqrt"] = "sqrt"
    min_lr_ratio: float = 0.0
    warmup_start_ratio: float = 0.01

    def validate(self, key):
        _check(self.warmup_steps >= 0, f"{key}.warmup_steps", "must be >= 0")
        _check(0.0 <= self.decay_fraction <= 1.0, f"{key}.decay_fraction", "must be in [0, 1]")
        _check(0.0 <= self.min_lr_ratio <= 1.0, f"{key}.min_lr_ratio", "must be in [0, 1]")


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    steps: int = 1000
    steps_per_epoch: int = 100  # a Keras epoch; each ends with a checkpoint
    precision: Literal["float32", "mixed_bfloat16"] = "float32"
    remat: Literal["none", "full", "activations", "larger_than"] = "none"
    checkpoint: bool = True
    keep_checkpoints: int = 3
    resume: bool = True  # continue from the newest checkpoint in the run directory

    def validate(self, key):
        _check(self.steps > 0, f"{key}.steps", "must be > 0")
        _check(self.steps_per_epoch > 0, f"{key}.steps_per_epoch", "must be > 0")
        _check(self.keep_checkpoints >= 1, f"{key}.keep_checkpoints", "must be >= 1")


@dataclasses.dataclass(frozen=True)
class DistributionConfig:
    """JAX only. data_parallel shards each batch over every local device (and every host)."""

    kind: Literal["none", "data_parallel"] = "none"
    coordinator_address: str = ""  # "host:port" of process 0; "" = single host
    num_processes: int = 1
    process_id: int = 0

    def validate(self, key):
        _check(self.num_processes >= 1, f"{key}.num_processes", "must be >= 1")
        _check(0 <= self.process_id < self.num_processes, f"{key}.process_id", "must be in [0, num_processes)")
        _check(
            self.num_processes == 1 or self.coordinator_address,
            f"{key}.coordinator_address",
            "is required when num_processes > 1",
        )


@dataclasses.dataclass(frozen=True)
class ProbeConfig:
    enabled: bool = True
    pooling: Literal["cls", "patch_mean", "cls+patch_mean", "time_mean"] = "cls+patch_mean"  # encoder.keras
    # the poolings the probe table reports, each a linear probe of its own (default: `pooling`)
    poolings: tuple[Literal["cls", "patch_mean", "cls+patch_mean", "time_mean"], ...] = ()
    epochs: int = 300
    batch_size: int = 64
    learning_rate: float = 1e-3
    weight_decay: float = 0.0
    patience: int = 20
    compare_random_init: bool = True

    def validate(self, key):
        _check(self.epochs > 0, f"{key}.epochs", "must be > 0")
        _check(self.patience >= 0, f"{key}.patience", "must be >= 0")
        _check(self.learning_rate > 0, f"{key}.learning_rate", "must be > 0")


@dataclasses.dataclass(frozen=True)
class LoggingConfig:
    verbose: int = 1  # Keras progress bars: 0 silent, 1 bar, 2 one line per epoch
    wandb: bool = False
    wandb_project: str = "birdjepa"
    wandb_tags: tuple[str, ...] = ()
    wandb_every: int = 10  # steps between wandb logs

    def validate(self, key):
        _check(self.wandb_every >= 1, f"{key}.wandb_every", "must be >= 1")


@dataclasses.dataclass(frozen=True)
class Recipe:
    run: RunConfig = RunConfig()
    data: DataConfig = DataConfig()
    frontend: FrontendConfig = FrontendConfig()
    model: ModelConfig = ModelConfig()
    objective: ObjectiveConfig = ObjectiveConfig()
    optimizer: OptimizerConfig = OptimizerConfig()
    parametrization: ParametrizationConfig = ParametrizationConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    train: TrainConfig = TrainConfig()
    distribution: DistributionConfig = DistributionConfig()
    probe: ProbeConfig = ProbeConfig()
    logging: LoggingConfig = LoggingConfig()

    def validate(self, key):
        """Checks that span sections."""
        from birdjepa_keras.models.presets import PRESETS

        m, fe = self.model, self.frontend
        pt, pf = m.patch_size
        _check(
            fe.target_frames % pt == 0 and fe.n_mels % pf == 0,
            "model.patch_size",
            f"{pt}x{pf} does not tile the {fe.target_frames}x{fe.n_mels} spectrogram (frontend.target_frames x n_mels)",
        )
        dim = m.dim or PRESETS[m.preset]["dim"]
        heads = m.n_heads or PRESETS[m.preset]["n_heads"]
        _check(dim % heads == 0 and (dim // heads) % 4 == 0, "model.n_heads", f"dim {dim} / n_heads {heads} must give a head size divisible by 4 (2D RoPE)")
        p = self.parametrization
        if p.kind == "mup" and p.base_width and p.base_width != dim:
            _check(
                p.base_n_heads or p.base_head_dim,
                "parametrization.base_n_heads",
                f"is required for muP from base_width {p.base_width} to width {dim} (or set base_head_dim)",
            )
        if p.kind == "mup" and p.base_n_heads:
            _check(
                (p.base_width or dim) % p.base_n_heads == 0,
                "parametrization.base_n_heads",
                f"must divide base_width {p.base_width or dim}",
            )
        frames = 1 + (self.data.clip_samples - fe.frame_length) // fe.frame_shift
        _check(self.data.clip_samples >= fe.frame_length, "data.clip_seconds", "clip is shorter than one frame")
        _check(frames <= fe.target_frames, "frontend.target_frames", f"must be >= the clip's {frames} frames")
        if self.objective.kind == "pixio":
            _check(
                self.objective.pixio.decoder_dim // self.objective.pixio.decoder_heads % 4 == 0,
                "objective.pixio.decoder_heads",
                "decoder head size must be divisible by 4 (2D RoPE)",
            )
        if self.objective.kind == "lejepa":
            lj = self.objective.lejepa
            for name in ("global_size", "local_size"):
                frames, bins = getattr(lj, name)
                _check(
                    frames % pt == 0 and bins % pf == 0,
                    f"objective.lejepa.{name}",
                    f"{frames}x{bins} must be a multiple of the patch size {pt}x{pf}",
                )


# --------------------------------------------------------------------------- parsing


def _type_name(tp):
    return getattr(tp, "__name__", str(tp))


def _coerce(value, tp, key):
    """Check `value` against annotation `tp`; return it converted (lists -> tuples)."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        _check(isinstance(value, dict), key, f"expected a table, got {type(value).__name__}")
        return _parse(tp, value, key)
    if origin is Literal:
        choices = typing.get_args(tp)
        _check(value in choices, key, f"must be one of {list(choices)}, got {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], key)
    if origin is tuple:
        args = typing.get_args(tp)
        _check(isinstance(value, (list, tuple)), key, f"expected a list, got {type(value).__name__} {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(v, args[0], f"{key}[{i}]") for i, v in enumerate(value))
        _check(len(value) == len(args), key, f"expected {len(args)} values, got {len(value)}")
        return tuple(_coerce(v, a, f"{key}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        _check(ok, key, f"expected a number, got {type(value).__name__} {value!r}")
        return float(value)
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        _check(ok, key, f"expected an integer, got {type(value).__name__} {value!r}")
        return value
    if tp in (bool, str):
        _check(isinstance(value, tp), key, f"expected {_type_name(tp)}, got {type(value).__name__} {value!r}")
        return value
    raise TypeError(f"unsupported schema type {tp} at {key}")


def _parse(cls, table, prefix):
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for k in table:
        if k not in names:
            where = f"{prefix}.{k}" if prefix else k
            raise ConfigError(f"{where}: unknown key (known: {', '.join(sorted(names))})")
    kwargs = {}
    for k, v in table.items():
        kwargs[k] = _coerce(v, hints[k], f"{prefix}.{k}" if prefix else k)
    obj = cls(**kwargs)
    if hasattr(obj, "validate"):
        obj.validate(prefix)
    return obj


def _set_dotted(table, dotted, value):
    parts = dotted.split(".")
    node = table
    for p in parts[:-1]:
        node = node.setdefault(p, {})
        if not isinstance(node, dict):
            raise ConfigError(f"{dotted}: --set target {p!r} is not a table")
    node[parts[-1]] = value


def parse_override(text):
    """`key.path=value` -> (key.path, value); value read as TOML, else as a string."""
    if "=" not in text:
        raise ConfigError(f"--set {text!r}: expected key=value")
    key, raw = text.split("=", 1)
    key = key.strip()
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key, value


def recipe_schema(table):
    """The schema a recipe table follows: a `[benchmark]` table marks a probing benchmark."""
    if "benchmark" in table:
        from birdjepa_keras.benchmark.config import BenchRecipe

        return BenchRecipe
    return Recipe


def load_recipe(path, overrides=(), schema=None):
    """Read, override and validate a recipe.

    Returns (recipe, resolved_table): `recipe` is a `Recipe`, or the schema
    `recipe_schema` picks (e.g. a benchmark recipe) unless `schema` is given;
    the table is the merged TOML. Raises ConfigError('path: key: message').
    """
    path = str(path)
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such recipe file") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    table.pop("sweep", None)  # a sweep's own table (birdjepa_keras.sweeps); the rest is a plain recipe
    try:
        for text in overrides:
            _set_dotted(table, *parse_override(text))
        recipe = _parse(schema or recipe_schema(table), table, "")
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None
    return recipe, table


def to_table(obj):
    """A dataclass tree as a plain dict (tuples as lists), for writing back as TOML."""
    out = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        out[f.name] = to_table(v) if dataclasses.is_dataclass(v) else (list(v) if isinstance(v, tuple) else v)
    return out


def dump_toml(table, prefix=""):
    """Minimal TOML writer for recipe tables (str, int, float, bool, lists, nested tables)."""

    def fmt(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(fmt(x) for x in v) + "]"
        return repr(v)

    scalars = [f"{k} = {fmt(v)}" for k, v in table.items() if not isinstance(v, dict)]
    lines = ([f"[{prefix}]"] if prefix and scalars else []) + scalars
    for k, v in table.items():
        if isinstance(v, dict):
            sub = dump_toml(v, f"{prefix}.{k}" if prefix else k)
            lines += ([""] if lines else []) + [sub]
    return "\n".join(lines)

