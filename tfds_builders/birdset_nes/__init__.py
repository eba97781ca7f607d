"""`birdset_nes`: BirdSet NES (see tfds_builders/birdset_base.py)."""
