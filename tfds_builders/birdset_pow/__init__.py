"""`birdset_pow`: BirdSet POW (see tfds_builders/birdset_base.py)."""
