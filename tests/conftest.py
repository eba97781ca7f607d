import os

# Keras picks its backend at first import; tests default to JAX, the training backend.
os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("WANDB_MODE", "disabled")

# No persistent JAX compilation cache and default XLA optimisation: measured on a fresh cache
# (as CI has), one end-to-end Pixio run took 57 s without a cache, 62-67 s with one (writing ~270
# entries costs more than the few hits) and 84 s with LLVM's passes off as well (its steps ran
# 1.7x slower); CI with both was over 90 minutes where it had been 64.

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


def _strict_skips():
    # Read at each report, not at import: tests/test_ci_skips.py runs pytest in-process with it set and unset.
    return os.environ.get("BIRDJEPA_NO_SKIPS", "") == "1"


def _skip_allowed(reason):
    return os.environ.get("KERAS_BACKEND", "jax") != "jax" and "jax" in str(reason).lower()


def _strict(report):
    if _strict_skips() and report.skipped and not hasattr(report, "wasxfail"):
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
