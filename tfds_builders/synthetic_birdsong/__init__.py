"""`synthetic_birdsong`: deterministic synthetic bird-song dataset (see the builder module)."""
