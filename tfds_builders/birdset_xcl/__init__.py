"""`birdset_xcl`: BirdSet XCL (see tfds_builders/birdset_base.py)."""
