"""Train input pipeline speed: clips/s per core of the resumable tf.data stream, with and without LogMel.

    python benchmarks/pipeline_throughput.py [--dataset synthetic_birdsong] [--config default]
        [--data_dir DIR] [--batch 32] [--seconds 5] [--cores 1,all] [--trees before=DIR,after=.] [--repeats 1]
        [--readers tfrecord,grain] [--grain_threads 2]

Each measurement runs in its own process pinned (sched_setaffinity) to the
given number of CPU cores, so "per core" is honest: tf.data's threads and
XLA's all share those cores. Rows:

* `stream`            TrainStream batches (sample, read, parse, random crop, batch), no augmentation;
* `stream+augment`    the same with gain, background noise and mixing all on (p = 1);
* `stream->LogMel`    the stream feeding LogMel (jit-compiled on the Keras backend, JAX by
                      default) on the same cores: the whole CPU input side.

`--trees label=DIR,...` runs every row once per source tree (its `birdjepa_keras`
first on PYTHONPATH, e.g. a `git archive` of an older commit), alternating the
trees `--repeats` times, so a before/after comparison shares the machine's load.

`--readers tfrecord,grain` runs every row once per reader, alternating, like
`--trees`: `tfrecord` is TrainStream's own (TFRecord shards at cached byte
offsets, all tf.data); `grain` is `grain_stream.GrainTrainStream`, the same
stream (same batches) reading TFDS ArrayRecord copies through grain's
MapDataset and reader threads (`--grain_threads`). The ArrayRecord copies are
written next to the TFRecord shards on first use (`tfds convert_format`).

Reads a built TFDS dataset (builds it if missing).
`clips/s` is wall-clock (mean over the timed batches), `per core` divides it by
the pinned cores, `per CPU-s` is clips per CPU-second the process used (all its
threads): the cost per fully used core, steadier than wall time on a busy
machine. The 1-minute load average before and after each run is printed: on a
shared machine the wall-clock numbers are only as good as that.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def worker(args):
    """Measure one row in this process, pinned to `--cpus` before TF and XLA start threads; print one JSON line."""
    os.sched_setaffinity(0, [int(c) for c in args.cpus.split(",")])
    os.environ.setdefault("KERAS_BACKEND", "jax")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.path.insert(0, HERE)
    import tensorflow as tf

    from birdjepa_keras.config import AugmentConfig
    from birdjepa_keras.data import pipeline
    import tfds_builders

    builder = tfds_builders.ensure_prepared(tfds_builders.get_builder(args.dataset, args.config, args.data_dir))
    info = pipeline.split_info(builder, args.split)
    augment = None
    if args.row == "stream+augment":
        augment = AugmentConfig(gain_prob=1.0, noise_prob=1.0, mix_prob=1.0)
    kwargs = dict(clip_samples=int(args.seconds * info.sample_rate), batch_size=args.batch,
                  num_classes=info.num_classes, seed=0, augment=augment)
    if args.reader == "grain":
        from grain_stream import GrainTrainStream

        it = iter(GrainTrainStream(builder, args.split, num_threads=args.grain_threads, **kwargs).dataset())
    else:
        opts = tf.data.Options()
        opts.threading.private_threadpool_size = args.cores
        it = pipeline.TrainStream(builder, args.split, **kwargs).dataset().with_options(opts).as_numpy_iterator()
    consume = lambda batch: batch  # noqa: E731
    if args.row == "stream->LogMel":
        from logmel_throughput import compiled_call

        from birdjepa_keras.layers.logmel import LogMel

        fn, to_device, block = compiled_call(LogMel())
        consume = lambda batch: block(fn(to_device(batch[0])))  # noqa: E731
    for _ in range(args.warmup):
        consume(next(it))
    times = []
    cpu0 = time.process_time()  # CPU seconds of all threads of this process
    for _ in range(args.batches):
        t = time.perf_counter()
        consume(next(it))
        times.append(time.perf_counter() - t)
    cpu = time.process_time() - cpu0
    clips = args.batches * args.batch
    print(json.dumps({"clips_s": clips / sum(times), "median_clips_s": args.batch / statistics.median(times),
                      "clips_per_cpu_s": clips / cpu,
                      "train_examples": info.num_examples, "dataset": builder.info.full_name}))


def run_row(args, row, cores, tree, reader):
    cpus = sorted(os.sched_getaffinity(0))[:cores]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.path.abspath(tree), os.environ.get("PYTHONPATH", "")])}
    # The worker pins itself (no preexec_fn: forking a threaded caller, e.g. a test's JAX process, and
    # running Python in the child before exec can deadlock; CPython warns about it).
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", "--row", row, "--cores", str(cores),
           "--cpus", ",".join(map(str, cpus)),
           "--dataset", args.dataset, "--config", args.config, "--data_dir", args.data_dir, "--split", args.split,
           "--batch", str(args.batch), "--batches", str(args.batches), "--warmup", str(args.warmup),
           "--seconds", str(args.seconds), "--reader", reader, "--grain_threads", str(args.grain_threads)]
    load0 = os.getloadavg()[0]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    load1 = os.getloadavg()[0]
    if proc.returncode:
        raise RuntimeError(f"{row} on {cores} cores failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return {**result, "row": row, "cores": cores, "load": (load0, load1)}


def ensure_array_record(args):
    """Write the ArrayRecord copies the grain reader needs (once, before the timed processes)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.path.insert(0, HERE)
    import tfds_builders
    from grain_stream import add_array_record, has_array_record

    builder = tfds_builders.ensure_prepared(tfds_builders.get_builder(args.dataset, args.config, args.data_dir))
    if not has_array_record(builder, args.split):
        print(f"writing ArrayRecord copies of {builder.info.full_name} next to its TFRecord shards", flush=True)
        add_array_record(builder)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dataset", default="synthetic_birdsong")
    p.add_argument("--config", default="default")
    p.add_argument("--data_dir", default="")
    p.add_argument("--split", default="train")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--batches", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--cores", default="1,all", help="comma-separated core counts; 'all' = every core we may use")
    p.add_argument("--rows", default="stream,stream+augment,stream->LogMel")
    p.add_argument("--trees", default=f"this={os.path.dirname(HERE)}",
                   help="label=DIR,...: source trees to compare (each row alternates between them)")
    p.add_argument("--repeats", type=int, default=1, help="runs per row and tree (alternating)")
    p.add_argument("--readers", default="tfrecord", help="comma-separated: tfrecord (ours), grain (ArrayRecord)")
    p.add_argument("--grain_threads", type=int, default=2, help="grain.ReadOptions num_threads")
    p.add_argument("--reader", default="tfrecord", help=argparse.SUPPRESS)
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--row", default="stream", help=argparse.SUPPRESS)
    p.add_argument("--cpus", default="", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        args.cores = int(args.cores)
        return worker(args)

    n_all = len(os.sched_getaffinity(0))
    core_counts = sorted({n_all if c == "all" else int(c) for c in args.cores.split(",")})
    print(f"dataset={args.dataset}/{args.config} split={args.split} batch={args.batch} clip={args.seconds}s "
          f"cpu_cores={n_all} backend={os.environ.get('KERAS_BACKEND', 'jax')}")
    trees = [t.split("=", 1) for t in args.trees.split(",")]
    readers = args.readers.split(",")
    if set(readers) - {"tfrecord", "grain"}:
        p.error(f"--readers: unknown {sorted(set(readers) - {'tfrecord', 'grain'})}")
    if "grain" in readers:
        ensure_array_record(args)
    print(f"{'row':<18}{'reader':>9}{'tree':>8}{'cores':>6}{'clips/s':>10}{'per core':>10}{'per CPU-s':>11}"
          "   load avg (1 min) before/after")
    for row in args.rows.split(","):
        for cores in core_counts:
            for _ in range(args.repeats):
                for (label, tree), reader in [(t, r) for t in trees for r in readers]:
                    r = run_row(args, row, cores, tree, reader)
                    print(f"{row:<18}{reader:>9}{label:>8}{cores:>6}{r['clips_s']:>10.1f}{r['clips_s'] / cores:>10.1f}"
                          f"{r['clips_per_cpu_s']:>11.1f}   {r['load'][0]:.2f} / {r['load'][1]:.2f}", flush=True)


if __name__ == "__main__":
    main()
