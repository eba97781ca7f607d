"""`birdset_nbp`: BirdSet NBP (see tfds_builders/birdset_base.py)."""
