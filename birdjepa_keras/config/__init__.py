"""Recipe schema: frozen dataclasses parsed from TOML and validated once.

A recipe is a TOML file whose tables mirror `Recipe`'s fields (a `[benchmark]` table
makes it a `BenchRecipe`). Every key is checked against the schema: an unknown key, a
wrong type or a bad value raises `ConfigError` naming the file and the dotted key; the
CLI turns that into one line on stderr and exit code 2.

A leaf: nothing here imports another birdjepa_keras package. One module per table
family: `schema` (parsing, writing), `data`, `model`, `objective`, `train`,
`benchmark`, and `recipe` (the top-level tables and `load_recipe`).
"""

from birdjepa_keras.config.benchmark import (  # noqa: F401
    AttentiveProbeConfig,
    BackboneConfig,
    BenchDataConfig,
    BenchmarkConfig,
    BenchRecipe,
    FinetuneProbeConfig,
    LinearProbeConfig,
    ProbesConfig,
    ProbeTraining,
    PrototypicalProbeConfig,
    TASK_NAMES,
    apply_protocol,
    dump_recipe,
)
from birdjepa_keras.config.data import AugmentConfig, BirdSetSamplingConfig, DataConfig, FrontendConfig  # noqa: F401
from birdjepa_keras.config.model import PRESETS, ModelConfig  # noqa: F401
from birdjepa_keras.config.objective import (  # noqa: F401
    POOLING,
    LejepaConfig,
    ObjectiveConfig,
    OnlineProbeConfig,
    PixioConfig,
    SupervisedConfig,
    ViewAugmentConfig,
)
from birdjepa_keras.config.recipe import Recipe, load_recipe, recipe_schema  # noqa: F401
from birdjepa_keras.config.schema import ConfigError, _check, dump_toml, parse_override, to_table  # noqa: F401
from birdjepa_keras.config.train import (  # noqa: F401
    DistributionConfig,
    LoggingConfig,
    OptimizerConfig,
    ParametrizationConfig,
    ProbeConfig,
    RunConfig,
    ScheduleConfig,
    TrainConfig,
)
