"""birdjepa_keras: self-supervised ViT pretraining and benchmarking on bird sound.

Importing this package is cheap: it imports neither TensorFlow nor keras_hub.
Submodules that need them (``birdjepa_keras.data``, builders) import them
themselves.
"""

__version__ = "0.1.0"


def __getattr__(name):
    # Lazy public API so `import birdjepa_keras` stays light.
    if name in ("embed_file", "embed_waveform"):
        from birdjepa_keras import embed

        return getattr(embed, name)
    raise AttributeError(f"module 'birdjepa_keras' has no attribute {name!r}")
