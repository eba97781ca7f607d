"""CI's rule (tests/conftest.py, .ci/run): under BIRDJEPA_NO_SKIPS=1 a skipped test fails the run.

The probe suites run through pytest's own `pytester`, in this process (a subprocess
would pay ~10 s of Keras/JAX imports for each), with tests/conftest.py loaded as a plugin
exactly as a real run loads it, and the environment variables set as CI sets them.
"""

import subprocess
from pathlib import Path

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]

SUITE = '''
import pytest

def test_reference():
    pytest.importorskip("no_such_reference_module_xyz")

def test_fine():
    pass
'''


def _pytest(pytester, monkeypatch, suite=SUITE, **env):
    monkeypatch.delenv("BIRDJEPA_NO_SKIPS", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    pytester.makepyfile(test_probe_skips=suite)
    return pytester.runpytest_inprocess("-q", "-p", "tests.conftest", "-p", "no:cacheprovider")


def test_skip_is_a_failure_under_ci(pytester, monkeypatch):
    result = _pytest(pytester, monkeypatch, BIRDJEPA_NO_SKIPS="1")
    out = result.stdout.str()
    assert result.ret == 1, out[-2000:]
    assert "1 failed, 1 passed" in out and "no_such_reference_module_xyz" in out


def test_skip_is_a_skip_outside_ci(pytester, monkeypatch):
    result = _pytest(pytester, monkeypatch)
    out = result.stdout.str()
    assert result.ret == 0, out[-2000:]
    assert "1 passed, 1 skipped" in out


def test_jax_only_skip_allowed_in_backend_rerun(pytester, monkeypatch):
    suite = 'import pytest\n\ndef test_j():\n    pytest.skip("JAX-only")\n'
    result = _pytest(pytester, monkeypatch, suite, BIRDJEPA_NO_SKIPS="1", KERAS_BACKEND="tensorflow")
    out = result.stdout.str()
    assert result.ret == 0 and "1 skipped" in out, out[-2000:]


def test_other_skip_still_fails_in_backend_rerun(pytester, monkeypatch):
    # The backend rerun allows only JAX-only skips, not every skip.
    result = _pytest(pytester, monkeypatch, BIRDJEPA_NO_SKIPS="1", KERAS_BACKEND="tensorflow")
    out = result.stdout.str()
    assert result.ret == 1 and "1 failed, 1 passed" in out, out[-2000:]


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
