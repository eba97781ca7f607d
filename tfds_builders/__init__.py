"""TFDS dataset builders for birdjepa_keras.

Importing this package registers every builder with TFDS, so

    tfds build synthetic_birdsong --config tiny --imports tfds_builders

works from anywhere. Each builder lives in its own folder
``<name>/<name>_dataset_builder.py`` (class ``Builder``), so it can also be
built by folder name from inside this directory: ``tfds build <name>``.
Add new builders to the explicit imports below.
"""

from tfds_builders.beans import beans_dataset_builder  # noqa: F401
from tfds_builders.birdset_hsn import birdset_hsn_dataset_builder  # noqa: F401
from tfds_builders.birdset_nbp import birdset_nbp_dataset_builder  # noqa: F401
from tfds_builders.birdset_nes import birdset_nes_dataset_builder  # noqa: F401
from tfds_builders.birdset_per import birdset_per_dataset_builder  # noqa: F401
from tfds_builders.birdset_pow import birdset_pow_dataset_builder  # noqa: F401
from tfds_builders.birdset_sne import birdset_sne_dataset_builder  # noqa: F401
from tfds_builders.birdset_ssw import birdset_ssw_dataset_builder  # noqa: F401
from tfds_builders.birdset_uhh import birdset_uhh_dataset_builder  # noqa: F401
from tfds_builders.birdset_xcl import birdset_xcl_dataset_builder  # noqa: F401
from tfds_builders.birdset_xcm import birdset_xcm_dataset_builder  # noqa: F401
from tfds_builders.synthetic_birdsong import synthetic_birdsong_dataset_builder  # noqa: F401

from tfds_builders.load import ensure_prepared, get_builder  # noqa: E402,F401
