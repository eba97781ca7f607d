"""What a dataset build raises when its source files are not there."""


class MissingSourceError(FileNotFoundError):
    """No local copy (and, for BirdSet, no hub): a one-line message saying where the files go.

    An ordinary exception (a FileNotFoundError), so a caller can catch it; `birdjepa-run`
    prints it as one line and exits 2, `tfds build` shows it with its traceback.
    """
