"""`birdset_per`: BirdSet PER (see tfds_builders/birdset_base.py)."""
