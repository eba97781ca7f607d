"""Recipe schema: frozen dataclasses parsed from TOML and validated once.

A recipe is a TOML file whose tables mirror `Recipe`'s fields (a `[benchmark]` table
makes it a `BenchRecipe`). Every key is checked against the schema: an unknown key, a
wrong type or a bad value raises `ConfigError` naming the file and the dotted key; the
CLI turns that into one line on stderr and exit code 2.

A leaf: nothing here imports another birdjepa_keras package. One module per table
family: `schema` (parsing, writing), `data`, `model`, `objective`, `train`,
`benchmark`, and `recipe` (the top-level tables and `load_recipe`).
"""

from birdjepa_keras.config.benchmark import AttentiveProbeConfig, BackboneConfig  # noqa: F401
from birdjepa_keras.config.benchmark import BenchDataConfig, BenchmarkConfig, BenchRecipe  # noqa: F401
from birdjepa_keras.config.benchmark import FinetuneProbeConfig, LinearProbeConfig, ProbesConfig  # noqa: F401
from birdjepa_keras.config.benchmark import ProbeTraining, PrototypicalProbeConfig, TASK_NAMES  # noqa: F401
from birdjepa_keras.config.benchmark import apply_protocol, dump_recipe  # noqa: F401
from birdjepa_keras.config.data import AugmentConfig, BirdSetSamplingConfig, DataConfig  # noqa: F401
from birdjepa_keras.config.data import FrontendConfig  # noqa: F401
from birdjepa_keras.config.model import PRESETS, ModelConfig  # noqa: F401
from birdjepa_keras.config.objective import POOLING, LejepaConfig, ObjectiveConfig  # noqa: F401
from birdjepa_keras.config.objective import OnlineProbeConfig, PixioConfig, SupervisedConfig  # noqa: F401
from birdjepa_keras.config.objective import ViewAugmentConfig  # noqa: F401
from birdjepa_keras.config.recipe import Recipe, load_recipe, recipe_schema  # noqa: F401
from birdjepa_keras.config.schema import ConfigError, _check, dump_toml, parse_override  # noqa: F401
from birdjepa_keras.config.schema import to_table  # noqa: F401
from birdjepa_keras.config.train import DistributionConfig, LoggingConfig, OptimizerConfig  # noqa: F401
from birdjepa_keras.config.train import ParametrizationConfig, ProbeConfig, RunConfig  # noqa: F401
from birdjepa_keras.config.train import ScheduleConfig, TrainConfig  # noqa: F401
