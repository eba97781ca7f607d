"""Import cost: wall time (best of N fresh processes) and max RSS of importing a module.

    python benchmarks/import_cost.py [--repeats 3] [--backend jax] [MODULE ...]

Defaults to `birdjepa_keras`, `keras` and `keras_hub`, so the package's cost can be read
against Keras alone and against keras-hub (which imports TensorFlow and
tensorflow-text). Each import runs in its own interpreter; the time is measured inside
it around the import statement (interpreter start-up excluded), RSS is
`ru_maxrss` of that process. CPU time (user + system) is printed too: it depends
less on other load than wall time. Prints the load average: wall times from a busy
machine are not comparable.
"""

import argparse
import json
import os
import subprocess
import sys

PROBE = """
import importlib, json, resource, sys, time
t, c = time.perf_counter(), time.process_time()
importlib.import_module(sys.argv[1])
wall, cpu = time.perf_counter() - t, time.process_time() - c
heavy = [m for m in ("tensorflow", "tensorflow_text", "keras_hub", "torch") if m in sys.modules]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "max_rss_mib": rss, "heavy": heavy}))
"""


def measure(module, repeats, backend):
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", PROBE, module], env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["wall_s"])
    cpu = min(r["cpu_s"] for r in runs)
    return best["wall_s"], cpu, max(r["max_rss_mib"] for r in runs), best["heavy"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("modules", nargs="*", default=["birdjepa_keras", "keras", "keras_hub"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--backend", default="jax")
    args = ap.parse_args()
    print(f"KERAS_BACKEND={args.backend}, best of {args.repeats}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    for module in args.modules:
        wall, cpu, rss, heavy = measure(module, args.repeats, args.backend)
        print(f"import {module:<32} wall {wall:6.2f} s  CPU {cpu:6.2f} s  max RSS {rss:6.0f} MiB  "
              f"loads: {', '.join(heavy) or '-'}")


if __name__ == "__main__":
    main()
