"""Run a dataset build's work units on all local cores, or as one Apache Beam transform.

A build is a list of picklable work units and a module-level generator
function `fn(unit, spec)` yielding outcomes:

    ("example", key, example_dict)   an example for TFDS
    ("skip", {"file", "split", "reason"})   an input that could not be used

`run_local` feeds the units to worker processes (from a forkserver, so
TensorFlow in the parent is never forked; as with any multiprocessing code, a
script that builds must guard its entry point with `if __name__ == "__main__":`)
and yields examples as they arrive, with a bounded
queue so memory stays flat however large the dataset. `beam_transform` wraps
the same function as a Beam PTransform for TFDS's Beam mode (DirectRunner,
Dataflow, Flink, Spark): units are spread with a Reshuffle, skipped inputs are
written as JSON lines under `skip_prefix`. No TensorFlow import here.
"""

import glob
import json
import multiprocessing as mp
import os
import queue
import traceback


def default_workers():
    """Worker processes for local builds: $BIRDJEPA_BUILD_WORKERS, else all cores."""
    env = os.environ.get("BIRDJEPA_BUILD_WORKERS", "")
    return max(1, int(env)) if env.strip() else max(1, os.cpu_count() or 1)


def _worker(fn, spec, tasks, results):
    while True:
        item = tasks.get()
        if item is None:
            return
        try:
            for outcome in fn(item, spec):
                results.put(outcome)
        except BaseException:  # report, never hang the parent
            results.put(("error", traceback.format_exc()))
        results.put(("done", None))


def run_local(units, fn, spec, *, num_workers=None, on_skip=None):
    """Yield (key, example) for all units, decoding on num_workers processes.

    Skips go to on_skip(info). One worker (or one unit) runs in-process.
    """
    num_workers = min(num_workers or default_workers(), max(1, len(units)))
    if num_workers <= 1:
        for unit in units:
            for outcome in fn(unit, spec):
                yield from _route(outcome, on_skip)
        return
    ctx = _context(fn)
    tasks, results = ctx.Queue(), ctx.Queue(maxsize=4 * num_workers)
    for unit in units:
        tasks.put(unit)
    for _ in range(num_workers):
        tasks.put(None)
    procs = [ctx.Process(target=_worker, args=(fn, spec, tasks, results), daemon=True)
             for _ in range(num_workers)]
    for p in procs:
        p.start()
    remaining = len(units)
    try:
        while remaining:
            try:
                outcome = results.get(timeout=10)
            except queue.Empty:
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"build worker died (exit code {dead[0].exitcode})") from None
                continue
            if outcome[0] == "done":
                remaining -= 1
            elif outcome[0] == "error":
                raise RuntimeError(f"build worker failed:\n{outcome[1]}")
            else:
                yield from _route(outcome, on_skip)
        for p in procs:
            p.join(timeout=30)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()


def _context(fn):
    """A forkserver: workers fork from a clean process that imported fn's module once.

    (Forking the parent would copy TensorFlow's and JAX's threads; spawning
    would re-import the package, Keras included, in every worker.)
    """
    ctx = mp.get_context("forkserver")
    # "__main__" too: imported once in the server, so workers do not each re-run the
    # main script's imports (the `tfds` script imports TensorFlow).
    ctx.set_forkserver_preload(["__main__", fn.__module__])
    return ctx


def _route(outcome, on_skip):
    if outcome[0] == "example":
        yield outcome[1], outcome[2]
    elif outcome[0] == "skip":
        if on_skip is not None:
            on_skip(outcome[1])
    else:
        raise ValueError(f"unknown outcome {outcome[0]!r}")


# --- Beam --------------------------------------------------------------------------


def _is_example(outcome, num_partitions):
    del num_partitions
    return 0 if outcome[0] == "example" else 1


def _key_example(outcome):
    return outcome[1], outcome[2]


def _skip_json(outcome):
    return json.dumps(outcome[1], sort_keys=True)


def beam_transform(units, fn, spec, *, skip_prefix, name="build"):
    """A PTransform (PBegin -> (key, example)) running fn over units on any Beam runner."""
    import apache_beam as beam

    class _Build(beam.PTransform):
        def expand(self, pbegin):
            outcomes = (
                pbegin
                | f"{name}_units" >> beam.Create(list(units))
                | f"{name}_spread" >> beam.Reshuffle()
                | f"{name}_decode" >> beam.FlatMap(fn, spec)
            )
            examples, skips = outcomes | f"{name}_route" >> beam.Partition(_is_example, 2)
            _ = (skips
                 | f"{name}_skip_json" >> beam.Map(_skip_json)
                 | f"{name}_skip_write" >> beam.io.WriteToText(skip_prefix, file_name_suffix=".jsonl"))
            return examples | f"{name}_examples" >> beam.Map(_key_example)

    return _Build()


def read_skips(prefix_glob):
    """Skipped-file records written by beam_transform (files matching prefix_glob), then delete them."""
    from etils import epath

    records = []
    for path in sorted(glob.glob(prefix_glob)) if "://" not in prefix_glob else sorted(
            epath.Path(os.path.dirname(prefix_glob)).glob(os.path.basename(prefix_glob))):
        path = epath.Path(path)
        records += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        path.unlink()
    return records
