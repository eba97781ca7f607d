"""birdjepa_keras: self-supervised ViT pretraining and benchmarking on bird sound.

Importing the package registers its Keras layers, so a saved encoder loads
with plain `keras.models.load_model(path)`. It imports neither TensorFlow nor
keras_hub; the data pipeline and TFDS builders import them when used. Keras's
backend defaults to JAX here unless KERAS_BACKEND is already set.

It also asks TensorFlow (unless already told otherwise) for its BFC CPU
allocator, `TF_CPU_ALLOCATOR_USE_BFC=true`: the train stream allocates a
few hundred KB per clip, and with plain malloc each such buffer was a fresh
mmap, page-faulted and zeroed by the kernel (40-170 page faults per clip,
about 40 % of the stream's CPU time; docs/benchmarks.md). TensorFlow reads
the variable when it first allocates, so this works if the package is
imported before any TensorFlow op has run.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPU_ALLOCATOR_USE_BFC", "true")

from birdjepa_keras.layers import attention, block, logmel, mlp, patches  # noqa: E402,F401
from birdjepa_keras.models import audio_encoder, vit  # noqa: E402,F401

__version__ = "0.1.0"


def __getattr__(name):
    # Lazy: the embedding helpers pull in soundfile and soxr.
    if name in ("embed_file", "embed_waveform"):
        from birdjepa_keras import embed

        return getattr(embed, name)
    raise AttributeError(f"module 'birdjepa_keras' has no attribute {name!r}")
