"""BirdSet and BEANS task definitions on the builders' real-format fixtures.

Builds birdset_hsn (tests/fixtures/birdset_fixtures.py), beans/watkins
(classification) and beans/dcase (detection) (tests/fixtures/beans_fixtures.py,
both written from upstream's formats, not from our code) through the benchmark
runner's own `manual_dir` path, then probes a tiny encoder on them.
"""

import sqlite3

import pytest

from birdjepa_keras.benchmark import run as bench_run
from birdjepa_keras.benchmark import tasks
from birdjepa_keras.config import load_recipe

from tests.fixtures import beans_fixtures, birdset_fixtures

RECIPE = """
[run]
name = "bench_data"
output_dir = "{out}"

[data]
data_dir = "{data}"
manual_dir = "{manual}"

[benchmark]
tasks = {tasks}
probes = ["linear"]
n_train = [-1]
seeds = [0]
batch_size = 8
verbose = 0

[[backbones]]
name = "tiny"
kind = "random_init"
preset = "vit_tiny"

[probe.linear]
epochs = 3
min_epoch_examples = 0
"""


@pytest.fixture(autouse=True)
def _offline_one_worker(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("BIRDJEPA_BUILD_WORKERS", "1")


def test_task_table_matches_the_builders():
    from tfds_builders._lib import beans, birdset, birdset_files

    for name, t in beans.TASKS.items():
        task = tasks.get_task(f"beans_{name}")
        assert (task.dataset, task.config) == ("beans", name)
        assert task.multi_label == (t.kind == "detection")
        assert task.clip_seconds == (t.window_width if t.kind == "detection" else t.max_duration)
    for s in birdset_files.TEST_SETS:
        task = tasks.get_task(f"birdset_{s.lower()}")
        assert task.dataset == f"birdset_{s.lower()}" and task.valid_split is None
        assert {task.train_split, task.test_split} <= set(birdset_files.split_patterns(s))
    assert tasks.get_task("birdset_pow").role == "validation"


def test_birdset_and_beans_tasks_run(tmp_path):
    # One manual_dir holds both layouts (BirdSet's <SET>/ folders, BEANS's data/) and one
    # recipe runs the three tasks: each builder finds its own files there.
    manual = tmp_path / "manual"
    manual.mkdir()
    birdset_fixtures.make_birdset(manual)
    beans_fixtures.make_beans(manual, tasks=("watkins", "dcase"))
    names = ["birdset_hsn", "beans_watkins", "beans_dcase"]
    path = tmp_path / "bench.toml"
    path.write_text(RECIPE.format(out=tmp_path / "runs", data=tmp_path / "tfds", manual=manual, tasks=names))
    recipe, _ = load_recipe(str(path))
    assert bench_run.run(recipe) == 3
    _, db, _ = bench_run.paths(recipe)
    rows = dict(sqlite3.connect(db).execute("SELECT task, metrics FROM results").fetchall())
    import json

    assert sorted(rows) == sorted(names)
    hsn, watkins, dcase = (json.loads(rows[k]) for k in names)
    assert set(hsn) == {"cmap", "cmap5", "auroc", "top1"}
    assert set(watkins) == {"accuracy"} and 0.0 <= watkins["accuracy"] <= 1.0
    assert set(dcase) == {"map", "cmap", "auroc"} and 0.0 <= dcase["map"] <= 1.0
