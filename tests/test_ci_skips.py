"""CI's rule (tests/conftest.py, .ci/run): under BIRDJEPA_NO_SKIPS=1 a skipped test fails the run."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SUITE = '''
import pytest

def test_reference():
    pytest.importorskip("no_such_reference_module_xyz")

def test_fine():
    pass
'''


def _pytest(tmp_path, **env):
    (tmp_path / "test_probe_skips.py").write_text(SUITE)
    full_env = {k: v for k, v in os.environ.items() if k != "BIRDJEPA_NO_SKIPS"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         str(tmp_path / "test_probe_skips.py")],
        cwd=REPO, env={**full_env, **env}, capture_output=True, text=True, timeout=300)


def test_skip_is_a_failure_under_ci(tmp_path):
    proc = _pytest(tmp_path, BIRDJEPA_NO_SKIPS="1")
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "1 failed, 1 passed" in proc.stdout and "no_such_reference_module_xyz" in proc.stdout


def test_skip_is_a_skip_outside_ci(tmp_path):
    proc = _pytest(tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "1 passed, 1 skipped" in proc.stdout


def test_jax_only_skip_allowed_in_backend_rerun(tmp_path):
    (tmp_path / "test_probe_skips.py").write_text('import pytest\n\ndef test_j():\n    pytest.skip("JAX-only")\n')
    env = {k: v for k, v in os.environ.items() if k != "BIRDJEPA_NO_SKIPS"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         str(tmp_path / "test_probe_skips.py")],
        cwd=REPO, env={**env, "BIRDJEPA_NO_SKIPS": "1", "KERAS_BACKEND": "tensorflow"},
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "1 skipped" in proc.stdout, proc.stdout[-2000:]


def test_ci_script_is_valid_bash_and_runs_the_readme_commands():
    # A comment fused onto the install line once made .ci/run a syntax error (CI exit 2).
    script = REPO / ".ci" / "run"
    proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = [ln.strip() for ln in script.read_text().splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    readme = (REPO / "README.md").read_text()
    # README command 2 is `. .venv/bin/activate && pip install -e ".[test]" && python -m pytest -q`.
    assert '&& pip install -e ".[test]" && python -m pytest -q' in readme
    assert 'pip install -e .' in lines and 'pip install -e ".[test]"' in lines
    assert any(ln.startswith("python -m pytest -q") for ln in lines)
    assert "&& pip install -e . &&" in readme
