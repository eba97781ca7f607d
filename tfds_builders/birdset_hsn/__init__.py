"""`birdset_hsn`: BirdSet HSN (see tfds_builders/birdset_base.py)."""
