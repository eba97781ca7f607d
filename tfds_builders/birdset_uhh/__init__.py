"""`birdset_uhh`: BirdSet UHH (see tfds_builders/birdset_base.py)."""
