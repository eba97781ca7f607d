"""TFDS dataset builders for birdjepa_keras.

Importing this package registers every builder with TFDS, so

    tfds build synthetic_birdsong --config tiny --imports tfds_builders

works from anywhere. Each builder lives in its own folder
``<name>/<name>_dataset_builder.py`` (class ``Builder``), so it can also be
built by folder name from inside this directory: ``tfds build <name>``.
Add new builders to the explicit imports below.
"""

from tfds_builders.synthetic_birdsong import synthetic_birdsong_dataset_builder  # noqa: F401
