"""`birdset_sne`: BirdSet SNE (see tfds_builders/birdset_base.py)."""
