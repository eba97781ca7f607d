import os

# Keras picks its backend at first import; tests default to JAX, the training backend.
os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("WANDB_MODE", "disabled")

# Import Keras (and so its backend) before any test module imports TensorFlow:
# with KERAS_BACKEND=torch, torch's triton segfaults when it loads after
# TensorFlow (torch 2.14 / triton 3.8 / TF 2.21), which is upstream's clash.
import keras  # noqa: E402,F401
