"""`birdset_ssw`: BirdSet SSW (see tfds_builders/birdset_base.py)."""
