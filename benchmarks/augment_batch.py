"""Batch augmentation cost on one pinned core: the noise's RMS as a fused row reduction vs a GEMM with ones.

    python benchmarks/augment_batch.py [--batch 32] [--seconds 5] [--repeats 6]

Rows (each one XLA-compiled function, timed in CPU-seconds per batch, interleaved `--repeats`
times so the machine's load falls on every row alike; min and median printed):

* `rms: row reduction`  tf.reduce_mean(tf.square(x), axis=1), which XLA:CPU fuses into a scalar loop;
* `rms: GEMM`           `augment.mean_square` (blocks of 640 samples summed by a product with ones);
* `augment: ...`        `augment.augment_batch` with gain, noise and mixing all on, with either RMS.
"""

import argparse
import collections
import os
import time

import numpy as np
import tensorflow as tf

from birdjepa_keras.data import augment as aug


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--repeats", type=int, default=6)
    args = p.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    b, s = args.batch, int(args.seconds * 32000)
    audio = tf.constant(np.random.default_rng(0).integers(-3000, 3000, (b, s)).astype(np.int16))
    labels, seed = tf.zeros((b, 24)), tf.constant([1, 2], tf.int64)
    draws = (aug.draw_gain(seed, b, 1.0, -6, 6), *aug.draw_noise(seed, b, 1.0, 0, 20), aug.draw_mix(seed, b, 1.0, -6, 0))
    x = tf.cast(audio, tf.float32)
    plain = lambda x_bs: tf.reduce_mean(tf.square(x_bs), axis=1)  # noqa: E731
    rows = {
        "rms: row reduction": (tf.function(plain, jit_compile=True), (x,)),
        "rms: GEMM": (tf.function(aug.mean_square, jit_compile=True), (x,)),
    }
    for name, rms in (("row reduction", plain), ("GEMM", aug.mean_square)):
        def augment(*a, rms=rms):
            saved, aug.mean_square = aug.mean_square, rms  # trace with this RMS
            try:
                return aug._augment_batch(*a, True, True)[0]
            finally:
                aug.mean_square = saved
        rows[f"augment (gain+noise+mix), RMS by {name}"] = (tf.function(augment, jit_compile=True), (audio, labels, *draws))
    times = collections.defaultdict(list)
    for f, a in rows.values():
        f(*a)  # compile
    for _ in range(args.repeats):
        for name, (f, a) in rows.items():
            t0 = time.process_time()
            for _ in range(8):
                f(*a).numpy()
            times[name].append((time.process_time() - t0) / 8)
    print(f"batch {b} x {args.seconds:g} s, one core, CPU ms per batch (load average {os.getloadavg()[0]:.1f})")
    print("| row | min ms | median ms | us per clip (min) |\n|---|---|---|---|")
    for name, v in times.items():
        v = sorted(v)
        print(f"| {name} | {v[0] * 1e3:.2f} | {v[len(v) // 2] * 1e3:.2f} | {v[0] / b * 1e6:.0f} |")


if __name__ == "__main__":
    main()
