"""What a dataset build raises when its source files are not there."""

import sys


class MissingSourceError(FileNotFoundError):
    """No local copy (and, for BirdSet, no hub): a one-line message saying where the files go.

    An ordinary exception (a FileNotFoundError), so a caller can catch it; `birdjepa-run`
    prints it as one line and exits 2, and an uncaught one (the `tfds build` CLI, which
    we do not own) is printed as its one line by `_print_missing_source`.
    """


def _print_missing_source(exc_type, exc, tb, _previous=sys.excepthook):
    # Only what would reach the interpreter's top level uncaught: the exit status stays 1.
    if issubclass(exc_type, MissingSourceError):
        print(exc, file=sys.stderr)
        return
    _previous(exc_type, exc, tb)


sys.excepthook = _print_missing_source
