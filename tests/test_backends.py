"""Rerun every `backend`-marked test under the TensorFlow and torch backends.

Keras fixes its backend at import, so each backend gets its own pytest
process; the default run (JAX) already covers JAX.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


@pytest.mark.parametrize("backend", ["tensorflow", "torch"])
def test_layer_suite_on_backend(backend):
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        pytest.skip("only the default (JAX) run fans out to other backends")
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    # Only the files that mark tests `backend` (per test or `pytestmark`): collecting all of tests/
    # imports every module under this backend (measured 5.5 s vs 0.6 s of collection).
    files = sorted(str(p) for p in TESTS.glob("test_*.py")
                   if p.name != Path(__file__).name and "pytest.mark.backend" in p.read_text())
    assert len(files) >= 10, files
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "backend", "-p", "no:cacheprovider", *files],
        env=env, capture_output=True, text=True, timeout=1200,
    )
    tail = proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, f"{backend} backend run failed:\n{tail}"
    assert " passed" in proc.stdout and "no tests ran" not in proc.stdout, tail
