"""benchmarks/train_e2e.py runs on a CPU (tiniest preset, a couple of steps) and prints a consistent table.

The script runs as `__main__` in this process (runpy, its own argv): a subprocess only added ~10-15 s of imports.
"""

import runpy
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COLUMNS = ["objective", "preset", "precision", "batch", "e2e clips/s", "cached clips/s", "ratio", "step ms",
           "LogMel ms", "LogMel %", "TFLOP/step", "MFU"]


def test_train_e2e_prints_the_table_on_cpu(tmp_path, monkeypatch, capsys):
    script = str(REPO / "benchmarks" / "train_e2e.py")
    argv = [script, "--objectives", "supervised", "--presets", "vit_tiny", "--config", "tiny",
            "--data_dir", str(tmp_path / "tfds"), "--batch", "2", "--steps", "2", "--seconds", "1",
            "--peak_tflops", "0.5"]
    monkeypatch.setenv("BIRDJEPA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts the repo first on sys.path
    runpy.run_path(script, run_name="__main__")
    stdout = capsys.readouterr().out
    lines = stdout.strip().splitlines()
    head = [i for i, line in enumerate(lines) if line.startswith("objective |")]
    assert len(head) == 1, stdout
    assert lines[head[0] - 1].startswith("device=cpu") and "peak_bf16=0.5 TFLOP/s" in lines[head[0] - 1]
    assert lines[head[0]].split(" | ") == COLUMNS
    rows = [dict(zip(COLUMNS, line.split(" | "))) for line in lines[head[0] + 1 :]]
    assert [(r["objective"], r["preset"], r["precision"], r["batch"]) for r in rows] == [
        ("supervised", "vit_tiny", "fp32", "2")]
    for r in rows:
        e2e, cached, ratio = float(r["e2e clips/s"]), float(r["cached clips/s"]), float(r["ratio"])
        step_ms, mel_ms, tflop = float(r["step ms"]), float(r["LogMel ms"]), float(r["TFLOP/step"])
        assert e2e > 0 and cached > 0 and mel_ms > 0
        assert abs(ratio - cached / e2e) < 0.02 * ratio  # ratio = e2e time / cached time
        assert abs(2 / (step_ms / 1e3) - cached) < 0.02 * cached  # step ms is the cached step
        assert abs(float(r["LogMel %"].rstrip("%")) - 100 * mel_ms / step_ms) < 0.2
        # A ViT-tiny step on 2 clips: more than the encoder's forward (~2 x 0.6 M params x 2 x 262 tokens).
        assert 1e-4 < tflop < 1.0
        mfu = float(r["MFU"].rstrip("%")) / 100
        assert abs(mfu - tflop / (step_ms / 1e3) / 0.5) < 0.02 * mfu + 0.0006  # printed to 0.1 %
