"""`birdset_nes`: BirdSet NES, decoded to 32 kHz int16 (shared logic in tfds_builders/birdset_base.py).

    tfds build birdset_nes --imports tfds_builders --manual_dir /data/BirdSet
    cd tfds_builders && tfds build birdset_nes --manual_dir /data/BirdSet
"""

from tfds_builders import birdset_base


class Builder(birdset_base.BirdSetBuilder):
    """BirdSet NES."""

    SET = "NES"
