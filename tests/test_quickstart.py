"""End to end: the quickstart recipe at toy size through the real CLI.

The CLI runs in this process (`cli.main(argv)`, what the `birdjepa-run` entry point calls):
a subprocess would only add ~10-15 s of imports; tests/test_packaging.py covers the entry point.
"""

import csv
import os

import keras
import numpy as np
import pytest
from tests.helpers import set_args

try:
    import tomllib
except ModuleNotFoundError:
    import tomli as tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.slow
def test_quickstart_recipe_end_to_end(tmp_path, capsys):
    from birdjepa_keras import cli

    data_dir, out_dir = tmp_path / "tfds", tmp_path / "runs"
    overrides = {
        "data.config": '"tiny"',
        "data.data_dir": f'"{data_dir}"',
        "data.batch_size": "8",
        "model.preset": '"vit_tiny"',
        "objective.pixio.decoder_dim": "32",
        "objective.pixio.decoder_depth": "1",
        "train.steps": "6",
        "train.steps_per_epoch": "3",
        "probe.epochs": "5",
        "probe.poolings": '["cls+patch_mean", "time_mean"]',
        "run.output_dir": f'"{out_dir}"',
        "logging.verbose": "2",
    }
    argv = [os.path.join(REPO, "recipes", "quickstart.toml"), *set_args(overrides)]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 0, out[-3000:] + err[-3000:]
    run = out_dir / "quickstart"
    for name in ("recipe.toml", "train_steps.csv", "loss.png", "encoder.keras", "results.csv", "results.png"):
        assert (run / name).exists(), name
    assert sorted(os.listdir(run / "checkpoints" / "orbax")) == ["3", "6"]  # Orbax step directories
    assert sorted(os.listdir(run / "checkpoints" / "state")) == ["3.json", "6.json"]
    # The resolved recipe records the overrides.
    resolved = tomllib.loads((run / "recipe.toml").read_text())
    assert resolved["train"]["steps"] == 6 and resolved["data"]["config"] == "tiny"
    # Six steps in two epochs of three were logged, with the learning rate.
    with open(run / "train_steps.csv") as f:
        log = list(csv.DictReader(f))
    assert [int(r["step"]) for r in log] == [1, 2, 3, 4, 5, 6]
    assert all(np.isfinite(float(r["loss"])) for r in log)
    # The lr column is the rate each step used: still in the 50-step WSD warmup from lr/100
    # (the one decay step, the sixth, starts at the peak, so warmup is the minimum).
    peak = resolved["optimizer"]["learning_rate"]
    expected = [peak * (0.01 + 0.99 * s / 50) for s in range(6)]
    np.testing.assert_allclose([float(r["lr"]) for r in log], expected, rtol=1e-5)
    with open(run / "results.csv") as f:
        rows = list(csv.DictReader(f))
    assert [(r["encoder"], r["pooling"]) for r in rows] == [
        ("pretrained", "cls+patch_mean"), ("pretrained", "time_mean"),
        ("random_init", "cls+patch_mean"), ("random_init", "time_mean")]
    for r in rows:
        for m in ("cmap", "auroc", "top1"):
            assert 0.0 <= float(r[m]) <= 1.0
    assert "pretrained" in out and "cmap" in out
    _check_exports(run)


def _check_exports(run):
    """encoder.keras maps waveforms to embeddings; preset/ (keras-hub) gives the same tokens."""
    import birdjepa_keras  # noqa: F401

    model = keras.models.load_model(run / "encoder.keras")
    out = model.predict(np.zeros((2, 160000), "float32"), verbose=0)
    assert out["embedding"].shape[0] == 2
    import keras_hub

    import birdjepa_keras.models.backbone  # noqa: F401  (registers the class from_preset looks up)

    assert sorted(os.listdir(run / "preset")) == ["config.json", "metadata.json", "model.weights.h5"]
    backbone = keras_hub.models.Backbone.from_preset(str(run / "preset"))
    wave = np.random.default_rng(0).normal(scale=0.1, size=(2, 160000)).astype("float32")
    out, tokens = model.predict(wave, verbose=0), backbone.predict(wave, verbose=0)
    for key in ("cls_tokens", "patch_tokens"):
        np.testing.assert_allclose(tokens[key], out[key], atol=1e-4, err_msg=key)
