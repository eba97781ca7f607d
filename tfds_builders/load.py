"""Find a dataset's TFDS builder (registered by importing `tfds_builders`) and build it if missing.

Used by training and the benchmark; the runtime pipeline (`birdjepa_keras.data.pipeline`)
takes the prepared builder and never imports the builders itself.
"""

import tensorflow_datasets as tfds

from tfds_builders.birdset_base import config_for


def get_builder(dataset, config="", data_dir="", birdset=None):
    """TFDS builder `dataset/config` under `data_dir` ("" = TFDS default).

    birdset: for a `birdset_*` dataset, a mapping of its train sampling
    (`tfds_builders.birdset_base.config_for` keywords, e.g. a recipe's
    `data.birdset`); non-default values select (and build) their own config.
    """
    if birdset is not None and dataset.startswith("birdset_"):
        chosen = config_for(**dict(birdset))
        if not isinstance(chosen, str):
            if config not in ("", "default"):
                raise ValueError(f"{dataset}: config {config!r} and a non-default train sampling {dict(birdset)}")
            return tfds.builder(dataset, config=chosen, data_dir=data_dir or None)
    name = f"{dataset}/{config}" if config else dataset
    return tfds.builder(name, data_dir=data_dir or None)


def ensure_prepared(builder, build_if_missing=True):
    """Build the dataset if it is missing (TFDS shows progress bars); return the builder."""
    if not builder.is_prepared():
        if not build_if_missing:
            raise FileNotFoundError(
                f"dataset {builder.info.full_name} is not built under {builder.data_dir}; "
                f"run `tfds build {builder.name} --imports tfds_builders` or set data.build_if_missing = true"
            )
        print(f"Building {builder.info.full_name} into {builder.data_dir} (first use only) ...", flush=True)
        builder.download_and_prepare()
    return builder
