"""The training recipe (`Recipe`: one field per TOML table) and `load_recipe`."""

import dataclasses

from birdjepa_keras.config.benchmark import BenchRecipe
from birdjepa_keras.config.data import DataConfig, FrontendConfig
from birdjepa_keras.config.model import PRESETS, ModelConfig
from birdjepa_keras.config.objective import ObjectiveConfig
from birdjepa_keras.config.schema import ConfigError, _check, _parse, _set_dotted, parse_override, tomllib
from birdjepa_keras.config.train import DistributionConfig, LoggingConfig, OptimizerConfig
from birdjepa_keras.config.train import ParametrizationConfig, ProbeConfig, RunConfig, ScheduleConfig
from birdjepa_keras.config.train import TrainConfig


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


def recipe_schema(table):
    """The schema a recipe table follows: a `[benchmark]` table marks a probing benchmark."""
    if "benchmark" in table:
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
