"""Recipe tables about the run: [run], [optimizer], [parametrization], [schedule], [train],
[distribution], [probe], [logging]."""

import dataclasses
import os
from typing import Literal

from birdjepa_keras.config.schema import _check

# The clip poolings `models.audio_encoder.TokenPool` implements (one list: it imports this).
POOLINGS = ("cls", "patch_mean", "cls+patch_mean", "time_mean", "time_max")


@dataclasses.dataclass(frozen=True)
class RunConfig:
    name: str = "run"
    seed: int = 0
    output_dir: str = "runs"

    def validate(self, key):
        _check(self.name and "/" not in self.name, f"{key}.name", "must be a non-empty name without '/'")

    @property
    def dir(self):
        """The run's folder (training and benchmark runs alike): output_dir/name."""
        return os.path.join(self.output_dir, self.name)



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
    pooling: Literal[POOLINGS] = "cls+patch_mean"  # encoder.keras
    # the poolings the probe table reports, each a linear probe of its own (default: `pooling`)
    poolings: tuple[Literal[POOLINGS], ...] = ()
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
