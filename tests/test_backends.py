"""Rerun every `backend`-marked test under the TensorFlow and torch backends.

Keras fixes its backend at import, so each backend gets its own pytest
process; the default run (JAX) already covers JAX. The two processes run side
by side (one test starts both): each is mostly single-threaded imports, tracing
and compiles, so on a 2-core machine the pair takes about as long as the slower one.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
BACKENDS = ("tensorflow", "torch")


def test_layer_suite_on_every_other_backend():
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        pytest.skip("only the default (JAX) run fans out to other backends")
    # Only the files that mark tests `backend` (per test or `pytestmark`): collecting all of tests/
    # imports every module under this backend (measured 5.5 s vs 0.6 s of collection).
    files = sorted(str(p) for p in TESTS.glob("test_*.py")
                   if p.name != Path(__file__).name and "pytest.mark.backend" in p.read_text())
    assert len(files) >= 10, files
    procs = {}
    for backend in BACKENDS:
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
        procs[backend] = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-m", "backend", "-p", "no:cacheprovider", *files],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
    try:
        outs = {backend: proc.communicate(timeout=1200) for backend, proc in procs.items()}
    finally:
        for proc in procs.values():  # a timeout above leaves the other run going
            if proc.poll() is None:
                proc.kill()
    for backend, (stdout, stderr) in outs.items():
        tail = stdout[-4000:] + stderr[-2000:]
        assert procs[backend].returncode == 0, f"{backend} backend run failed:\n{tail}"
        assert " passed" in stdout and "no tests ran" not in stdout, tail
