import os
import tempfile

# Keras picks its backend at first import; tests default to JAX, the training backend.
os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("WANDB_MODE", "disabled")

# Compile time, not compute, is most of this suite's time: tiny models, hundreds of small XLA
# programs per test (~45 ms each on CPU, initializers included). Every test process (the pytest
# process, xdist workers if used, and the CLI subprocesses of the end-to-end tests, which inherit the environment) shares
# one persistent JAX compilation cache, so a program compiled once is loaded, not compiled, by the
# next process; and XLA skips LLVM's optimisation passes (same float semantics, slower code, which
# tiny test models do not notice). Measured on one LeJEPA test: 28.6 s cold, 12.5 s with the cache
# warm; tests/test_lejepa.py 174 s -> 132 s at optimisation level 0 (docs/benchmarks.md, "Test suite").
os.environ.setdefault("JAX_COMPILATION_CACHE_DIR", os.path.join(tempfile.gettempdir(), f"birdjepa-tests-jax-cache-{os.getuid()}"))
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES", "0")
# A size limit turns on JAX's file lock around cache reads and writes: processes share the directory.
os.environ.setdefault("JAX_COMPILATION_CACHE_MAX_SIZE", str(4 << 30))
if "xla_backend_optimization_level" not in os.environ.get("XLA_FLAGS", ""):
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_backend_optimization_level=0").strip()

# Import Keras (and so its backend) before any test module imports TensorFlow:
# with KERAS_BACKEND=torch, torch's triton segfaults when it loads after
# TensorFlow (torch 2.14 / triton 3.8 / TF 2.21), which is upstream's clash.
import keras  # noqa: E402,F401

# Fixtures shared by the BirdSet test modules (the fixture copy, offline one-worker builds).
pytest_plugins = ["tests.birdset_builds"]


# --- CI: a skipped reference test is a failure ---------------------------------------
# Under BIRDJEPA_NO_SKIPS=1 (set by .ci/run) every skip fails the run: a reference that
# cannot be imported (torchaudio, BirdNET's model, the tfds CLI, a fixture module) must
# not let the suite pass without it. The one allowed kind: in a rerun under another
# backend (tests/test_backends.py), tests that say they are JAX-only.
import pytest  # noqa: E402

STRICT_SKIPS = os.environ.get("BIRDJEPA_NO_SKIPS", "") == "1"


def _skip_allowed(reason):
    return os.environ.get("KERAS_BACKEND", "jax") != "jax" and "jax" in str(reason).lower()


def _strict(report):
    if STRICT_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not _skip_allowed(reason):
            report.outcome = "failed"
            report.longrepr = f"skipped under BIRDJEPA_NO_SKIPS=1 (a reference is missing): {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _strict(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _strict(outcome.get_result())
