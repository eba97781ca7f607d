"""Import hygiene and the installed entry points."""

import os
import shutil
import subprocess
import sys


def test_import_pulls_in_neither_tensorflow_nor_keras_hub():
    code = (
        "import sys, birdjepa_keras, keras\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras_hub', 'tensorflow_text')]\n"
        "assert not bad, bad\n"
        "assert keras.backend.backend() == 'jax'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_console_script_is_installed():
    exe = shutil.which("birdjepa-run") or os.path.join(os.path.dirname(sys.executable), "birdjepa-run")
    proc = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "recipe" in proc.stdout
