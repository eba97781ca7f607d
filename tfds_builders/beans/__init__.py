"""`beans`: BEANS benchmark tasks from BEANS-prepared files (see the builder module)."""
