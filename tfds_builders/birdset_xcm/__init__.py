"""`birdset_xcm`: BirdSet XCM (see tfds_builders/birdset_base.py)."""
