"""Benchmark runner end to end on the tiny synthetic set: rows, cache, report, resume, CLI errors."""

import os
import sqlite3

import numpy as np
import pytest

from birdjepa_keras.benchmark import run as bench_run
from birdjepa_keras.config import ConfigError, load_recipe

RECIPE = """
[run]
name = "bench_test"
output_dir = "{out}"

[data]
data_dir = "{data}"

[benchmark]
tasks = ["synthetic_tiny"]
probes = ["linear", "prototypical", "attentive"]
n_train = [1, -1]
seeds = [0]
batch_size = 8
cache_dir = "{cache}"
verbose = 1

[[backbones]]
name = "tiny"
kind = "keras"
path = "{encoder}"

[probe.linear]
epochs = 4
min_epoch_examples = 0

[probe.prototypical]
prototypes_per_class = 2
epochs = 3
min_epoch_examples = 0

[probe.attentive]
n_heads = 2
epochs = 3
min_epoch_examples = 0
"""


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A tiny encoder.keras and a TFDS dir holding synthetic_birdsong/tiny."""
    from birdjepa_keras.config import FrontendConfig, ModelConfig
    from birdjepa_keras.data import pipeline
    import tfds_builders
    from birdjepa_keras.models.audio_encoder import build_audio_encoder
    from birdjepa_keras.models import build

    root = tmp_path_factory.mktemp("bench")
    fe = FrontendConfig()
    model = build_audio_encoder(
        build.make_frontend(fe), build.make_encoder(ModelConfig(preset="vit_tiny", n_cls=2), fe), 160000, pooling="cls+patch_mean"
    )
    encoder = root / "encoder.keras"
    model.save(encoder)
    data = root / "tfds"
    tfds_builders.ensure_prepared(tfds_builders.get_builder("synthetic_birdsong", "tiny", str(data)))
    return root, encoder, data


def _recipe(root, encoder, data, name="r.toml", out="runs", overrides=()):
    path = root / name
    path.write_text(RECIPE.format(out=root / out, data=data, encoder=encoder, cache=root / "cache"))
    recipe, _ = load_recipe(str(path), overrides)
    return recipe


def test_run_writes_rows_cache_and_report_then_skips(setup, capsys):
    root, encoder, data = setup
    recipe = _recipe(root, encoder, data)
    assert bench_run.run(recipe) == 3 * 2
    run_dir, db, cache = bench_run.paths(recipe)
    out = capsys.readouterr().out
    assert "Embedding synthetic_birdsong/tiny" in out and "| tiny | attentive |" in out
    for f in ("report.md", "fewshot.png", "bars.png", "recipe.toml", "results.sqlite"):
        assert os.path.exists(os.path.join(run_dir, f)), f
    # One complete cache entry per split, with tokens.
    metas = [d for d, _, fs in os.walk(cache) if "meta.json" in fs]
    assert len(metas) == 3
    assert all(os.path.exists(os.path.join(d, "tokens.npy")) for d in metas)
    rows = sqlite3.connect(db).execute(
        "SELECT backbone, probe, n_train, seed, primary_metric, primary_value, n_examples, git_commit, recipe, versions FROM results"
    ).fetchall()
    assert len(rows) == 6
    for bb, probe, k, seed, metric, value, n_ex, commit, rtext, versions in rows:
        assert metric == "cmap" and 0.0 <= value <= 1.0 and commit and "[benchmark]" in rtext and "keras" in versions
        assert n_ex == (24 if k == -1 else 8)  # tiny: 8 species x 3 focal recordings; 1-shot: 8
    # The resolved recipe reloads to the same recipe.
    again, _ = load_recipe(os.path.join(run_dir, "recipe.toml"))
    assert again == recipe
    # A second run finds everything done and rebuilds only the report.
    assert bench_run.run(recipe) == 0
    assert "0 new row(s), 6 skipped" in capsys.readouterr().out


def test_interrupted_run_resumes_where_it_stopped(setup, monkeypatch):
    root, encoder, data = setup
    recipe = _recipe(root, encoder, data, "resume.toml", "runs_resume", ["benchmark.probes=['linear']", "benchmark.seeds=[0, 1]"])
    calls = []
    real = bench_run.fit_and_score

    def flaky(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the run is killed during its third fit
        return real(*args, **kwargs)

    monkeypatch.setattr(bench_run, "fit_and_score", flaky)
    _, _, cache = bench_run.paths(recipe)
    had_tokens = any(fs and "meta.json" in fs and not d.endswith("-notokens") for d, _, fs in os.walk(cache))
    with pytest.raises(KeyboardInterrupt):
        bench_run.run(recipe)
    _, db, _ = bench_run.paths(recipe)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM results").fetchone()[0] == 2
    calls.clear()
    monkeypatch.setattr(bench_run, "fit_and_score", lambda *a, **k: (calls.append(a[0]), real(*a, **k))[1])
    assert bench_run.run(recipe) == 4 - 2
    assert len(calls) == 2
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM results").fetchone()[0] == 4
    # Linear probes alone cache no tokens, or reuse entries with tokens when there are some.
    entries = [d for d, _, fs in os.walk(cache) if "meta.json" in fs]
    if had_tokens:
        assert not [d for d in entries if d.endswith("-notokens")]
    else:
        assert entries and all(d.endswith("-notokens") and not os.path.exists(os.path.join(d, "tokens.npy")) for d in entries)


def test_report_command_and_missing_database(setup, tmp_path):
    root, encoder, data = setup
    db = root / "runs" / "bench_test" / "results.sqlite"
    if not db.exists():
        pytest.skip("needs the end-to-end run's database")
    from birdjepa_keras.cli import main

    assert main(["report", str(db), "--out", str(tmp_path)]) == 0
    text = (tmp_path / "report.md").read_text()
    assert "## n_train = 1" in text and "## n_train = all" in text and "| tiny | prototypical |" in text
    assert main(["report", str(tmp_path / "none.sqlite")]) == 2


def test_missing_encoder_is_one_line_exit_2(tmp_path, capsys):
    # The CLI's main(argv) in process: the console entry point itself is started in tests/test_packaging.py.
    from birdjepa_keras.cli import main

    text = open("recipes/bench_quick.toml").read().replace("runs/quickstart/encoder.keras", str(tmp_path / "missing.keras"))
    text = text.replace('output_dir = "runs"', f'output_dir = "{tmp_path}"')
    path = tmp_path / "bench.toml"
    path.write_text(text)
    capsys.readouterr()
    assert main([str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "missing.keras: no such file" in lines[0] and "quickstart.toml" in lines[0]


BAD = [
    ("tasks = ['nope']", "benchmark.tasks[0]: unknown task 'nope'"),
    ("probes = ['linear', 'linear']", "benchmark.probes: repeats a probe"),
    ("n_train = [0]", "benchmark.n_train: values must be -1"),
    ("seeds = []", "benchmark.seeds: must be a non-empty list"),
    ("tokens_pool = 2", "benchmark.tokens_pool: unknown key"),
]


@pytest.mark.parametrize("line,expected", BAD)
def test_bad_bench_recipes_name_file_and_key(tmp_path, line, expected):
    path = tmp_path / "bad.toml"
    path.write_text(f"[benchmark]\n{line}\n\n[[backbones]]\nname = 'b'\nkind = 'birdnet'\n")
    with pytest.raises(ConfigError) as err:
        load_recipe(str(path))
    assert str(err.value).startswith(str(path)) and expected in str(err.value) and "\n" not in str(err.value)


def test_bad_backbones(tmp_path):
    for body, expected in [
        ("", "backbones: add at least one"),
        ("[[backbones]]\nname = 'a'\nkind = 'keras'\n", "backbones[0].path: a keras backbone needs a path"),
        ("[[backbones]]\nname = 'a'\nkind = 'perch'\n", "backbones[0].kind: must be one of"),
        # The default frontend is 512 frames x 128 mel bins: 48 does not divide 128.
        ("[[backbones]]\nname = 'r'\nkind = 'random_init'\npatch_size = [16, 48]\n", "backbones[0].patch_size: 16x48 does not tile"),
        ("[[backbones]]\nname = 'a'\nkind = 'birdnet'\n[[backbones]]\nname = 'a'\nkind = 'birdnet'\n", "backbones[1].name: 'a' is used twice"),
        ("[[backbones]]\nname = 'b'\nkind = 'birdnet'\nlayer = 2\n", "backbones[0].layer: layer-wise tokens need a keras or random_init backbone"),
        ("[[backbones]]\nname = 'r'\nkind = 'random_init'\nlayer = -2\n", "backbones[0].layer: must be >= 0, or -1"),
    ]:
        path = tmp_path / "bad.toml"
        path.write_text("[benchmark]\ntasks = ['synthetic']\n\n" + body)
        with pytest.raises(ConfigError, match=expected.replace("[", r"\[").replace("]", r"\]")):
            load_recipe(str(path))
    path.write_text("[benchmark]\nprobes = ['linear_time_max']\ntoken_pool = 8\n\n[[backbones]]\nname = 'r'\nkind = 'random_init'\n")
    with pytest.raises(ConfigError, match=r"backbones\[0\]\.token_pool: linear_time_max needs every patch token"):
        load_recipe(str(path))


def test_holdout_is_fixed_and_disjoint():
    from birdjepa_keras.benchmark.features import Features

    f = Features(np.arange(20, dtype="float32")[:, None], np.eye(20, dtype="float32"))
    tr, va = bench_run.holdout(f, 0.25)
    tr2, va2 = bench_run.holdout(f, 0.25)
    assert len(va) == 5 and len(tr) == 15 and np.array_equal(va.embedding, va2.embedding)
    assert not set(tr.embedding[:, 0]) & set(va.embedding[:, 0])


def test_time_mean_finetune_and_bird_mae_rows(setup, monkeypatch):
    """The grid probes and the Bird-MAE protocol through the runner: rows keyed apart from ours."""
    from birdjepa_keras.config import benchmark as bcfg

    root, encoder, data = setup
    monkeypatch.setitem(bcfg.BIRD_MAE_TRAINING, "epochs", 2)  # Bird-MAE's 30 epochs are too slow for a test
    over = (
        'benchmark.probes=["linear_time_mean", "finetune"]', "benchmark.n_train=[1]", "benchmark.protocol='bird_mae'",
        "benchmark.report=false", "probe.finetune.batch_size=4",
    )  # fmt: skip
    recipe = _recipe(root, encoder, data, name="bm.toml", out="runs_bm", overrides=over)
    assert bench_run.run(recipe) == 2
    _, db, _ = bench_run.paths(recipe)
    rows = dict(sqlite3.connect(db).execute("SELECT probe, epochs FROM results").fetchall())
    # The protocol's epochs, run in full (no early stop), for both probes.
    assert rows == {"linear_time_mean@bird_mae": 2, "finetune@bird_mae": 2}
