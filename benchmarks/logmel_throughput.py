"""Micro-benchmark: LogMel clips/s on a batch of 5 s, 32 kHz clips (total and per CPU core).

    KERAS_BACKEND=jax python benchmarks/logmel_throughput.py [--batch 32] [--runs 7]

Compiles the layer (jax.jit on JAX, tf.function(jit_compile=True) on TensorFlow, eager
on torch), warms up, then reports the median over `--runs` timed calls. Runs on the
backend's default device (an accelerator if one is visible).
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from birdjepa_keras.layers.logmel import LogMel  # noqa: E402


def compiled_call(layer):
    """(fn, to_device, block): a compiled forward pass on the active backend."""
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        return jax.jit(layer), jax.device_put, lambda y: y.block_until_ready()
    if backend == "tensorflow":
        import tensorflow as tf

        fn = tf.function(layer, jit_compile=True)
        return fn, tf.convert_to_tensor, lambda y: y.numpy()
    if backend == "torch":
        import torch

        def block(y):
            if y.is_cuda:
                torch.cuda.synchronize()
            return y

        return layer, keras.ops.convert_to_tensor, block
    raise ValueError(f"unsupported backend {backend}")


def device_name():
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        return str(jax.devices()[0])
    if backend == "tensorflow":
        import tensorflow as tf

        return "GPU" if tf.config.list_logical_devices("GPU") else "CPU"
    import torch

    return torch.cuda.get_device_name() if torch.cuda.is_available() else "CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()

    n_samples = int(args.seconds * 32000)
    rng = np.random.default_rng(0)
    wave_bs = (0.1 * rng.standard_normal((args.batch, n_samples))).astype("float32")
    layer = LogMel()
    fn, to_device, block = compiled_call(layer)
    x = to_device(wave_bs)
    for _ in range(args.warmup):
        block(fn(x))
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        block(fn(x))
        times.append(time.perf_counter() - start)

    cores = len(os.sched_getaffinity(0))
    median = statistics.median(times)
    clips_per_s = args.batch / median
    print(f"backend={keras.backend.backend()} device={device_name()} cpu_cores={cores}")
    print(f"batch={args.batch} x {args.seconds:g} s clips -> output {tuple(fn(x).shape)}")
    print(f"median {1e3 * median:.1f} ms/batch (min {1e3 * min(times):.1f}, runs={args.runs})")
    print(f"{clips_per_s:.1f} clips/s total, {clips_per_s / cores:.1f} clips/s per CPU core")
    print(f"{clips_per_s * args.seconds:.0f} audio-seconds/s ({clips_per_s * args.seconds / cores:.0f} per core)")


if __name__ == "__main__":
    main()
