"""SQLite results store: concurrent writers lose no row, a killed writer leaves no half row."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from birdjepa_keras.benchmark.store import KEY, ResultStore, git_commit, versions


def _row(task="t", backbone="b", probe="linear", n_train=-1, seed=0, value=0.5):
    return {
        "task": task, "backbone": backbone, "checkpoint": "ckpt@abc", "probe": probe,
        "n_train": n_train, "seed": seed, "metrics": {"cmap": value, "auroc": 0.9},
        "primary_metric": "cmap", "primary_value": value, "valid_value": value,
        "n_examples": 10, "epochs": 3, "git_commit": "x", "recipe": "[run]\n", "backend": "jax",
        "device": "cpu", "versions": {"keras": "3"}, "created_at": "2025-01-01T00:00:00Z",
        "seconds": 0.1, "host": "h",
    }  # fmt: skip


# Writers load store.py by path: it imports nothing of the package (nor Keras) at module
# level, so four of them start in well under a second each.
WRITER = """
import importlib.util, json, os, sys, time
spec = importlib.util.spec_from_file_location("store", sys.argv[1])
store_mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(store_mod)
row = json.loads(sys.argv[3])
store = store_mod.ResultStore(sys.argv[2], timeout_s=120)
print("ready", flush=True)
while not os.path.exists(sys.argv[2] + ".go"):
    time.sleep(0.01)
n, worker = int(sys.argv[4]), sys.argv[5]
i = 0
while n < 0 or i < n:
    store.put({**row, "backbone": "w" + worker, "seed": i, "primary_value": 0.25})
    i += 1
store.close()
"""


def _start_writers(path, n_rows, workers):
    store_py = os.path.join(os.path.dirname(__file__), "..", "birdjepa_keras", "benchmark", "store.py")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, store_py, path, json.dumps(_row()), str(n_rows), str(w)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        for w in range(workers)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    open(path + ".go", "w").close()  # all start writing together
    return procs


def test_four_processes_writing_at_once_lose_no_row(tmp_path):
    path = str(tmp_path / "results.sqlite")
    procs = _start_writers(path, 50, 4)
    for p in procs:
        assert p.wait(120) == 0
    with ResultStore(path) as store:
        assert store.count() == 200
        assert len(store.done_keys()) == 200
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_killed_writer_leaves_only_whole_rows(tmp_path):
    path = str(tmp_path / "results.sqlite")
    (proc,) = _start_writers(path, -1, 1)  # writes until killed
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        with sqlite3.connect(path, timeout=30) as conn:
            if conn.execute("SELECT COUNT(*) FROM results").fetchone()[0] >= 20:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT metrics, primary_value, recipe, seconds FROM results").fetchall()
    assert len(rows) >= 20
    for metrics, value, recipe, seconds in rows:
        assert json.loads(metrics)["cmap"] == 0.5 and value == 0.25 and recipe and seconds is not None
    seeds = sorted(r[0] for r in conn.execute("SELECT seed FROM results"))
    assert seeds == list(range(len(seeds)))  # rows land whole and in order, none half-written


def test_put_replaces_same_key_and_reads_back(tmp_path):
    with ResultStore(tmp_path / "r.sqlite") as store:
        store.put(_row(value=0.1))
        store.put(_row(value=0.7))
        assert store.count() == 1
        (row,) = store.rows()
        assert row["metrics"]["cmap"] == 0.7 and row["versions"] == {"keras": "3"}
        key = {k: row[k] for k in KEY}
        assert store.has(key) and not store.has({**key, "seed": 99})


def test_provenance_helpers():
    assert git_commit() == "unknown" or len(git_commit().split("-")[0]) == 40
    v = versions()
    assert "keras" in v and "python" in v
