"""Sweeps: [sweep] parsing and cells, the CLI's --list/--index/--submit, resume, and the report."""

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from birdjepa_keras import cli
from birdjepa_keras.config import ConfigError, load_recipe
from birdjepa_keras.sweeps.spec import load_sweep
from tests.helpers import set_args

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = os.path.join(REPO, "recipes", "sweep_quick.toml")


def _write(path, text):
    path.write_text(textwrap.dedent(text))
    return str(path)


# --------------------------------------------------------------------------- parsing, cells, validation


def test_base_merge_axes_zip_seeds_and_cell_names(tmp_path):
    _write(tmp_path / "base.toml", """
        [run]
        name = "base"
        seed = 7
        [model]
        preset = "vit_tiny"
        [optimizer]
        learning_rate = 1e-3
        weight_decay = 0.1
        beta_2 = 0.9
    """)
    path = _write(tmp_path / "sw.toml", """
        [sweep]
        base = "base.toml"
        seeds = [0, 1]
        [sweep.axes]
        "objective.kind" = ["supervised", "pixio"]
        [[sweep.zip]]
        "optimizer.learning_rate" = [1e-3, 3e-3]
        "schedule.warmup_steps" = [50, 100]
        [run]
        name = "sw"
        output_dir = "out"
        [optimizer]
        weight_decay = 0.0
    """)
    sweep = load_sweep(path)
    assert sweep.name == "sw" and sweep.out_dir == os.path.join("out", "sw")
    assert sweep.axis_keys == ("objective.kind", "optimizer.learning_rate", "schedule.warmup_steps")
    assert len(sweep.cells) == 2 * 2 * 2
    names = [c.name for c in sweep.cells]
    assert names[0] == "objective.kind=supervised,optimizer.learning_rate=0.001,schedule.warmup_steps=50,seed=0"
    assert names[3] == "objective.kind=supervised,optimizer.learning_rate=0.003,schedule.warmup_steps=100,seed=1"
    assert names[-1] == "objective.kind=pixio,optimizer.learning_rate=0.003,schedule.warmup_steps=100,seed=1"
    assert len(set(names)) == len(names)
    last = sweep.cells[-1].recipe
    # Table by table, key by key: this file's weight_decay wins, the base's beta_2 and preset stay.
    assert last.optimizer.weight_decay == 0.0 and last.optimizer.beta_2 == 0.9 and last.model.preset == "vit_tiny"
    assert last.objective.kind == "pixio" and last.optimizer.learning_rate == 3e-3 and last.schedule.warmup_steps == 100
    assert last.run.seed == 1 and last.run.name == names[-1]
    assert sweep.cells[-1].run_dir == os.path.join("out", "sw", "cells", names[-1])
    assert last.run.output_dir == os.path.join("out", "sw", "cells")
    # Without `seeds`, the one seed is run.seed (here the base's 7).
    _write(tmp_path / "sw2.toml", '[sweep]\nbase = "base.toml"\n[sweep.axes]\n"optimizer.name" = ["adamw", "muon"]\n')
    assert [c.seed for c in load_sweep(tmp_path / "sw2.toml").cells] == [7, 7]


def test_plain_recipe_loader_accepts_a_sweep_file():
    recipe, _ = load_recipe(QUICK)
    assert recipe.run.name == "sweep_quick" and recipe.model.preset == "vit_tiny"


@pytest.mark.parametrize(
    "axis, needle",
    [
        ('"optimizer.lerning_rate" = [1e-3]', "optimizer.lerning_rate: unknown key"),
        ('"optimizer.learning_rate" = [1e-3, "fast"]', "optimizer.learning_rate: expected a number, got str 'fast'"),
        ('"objective.kind" = ["supervised", "byol"]', "objective.kind: must be one of"),
    ],
)
def test_bad_axis_value_is_one_line_naming_key_and_cell_exit_2(tmp_path, capsys, axis, needle):
    path = _write(tmp_path / "bad.toml", f'[sweep]\n[sweep.axes]\n"model.preset" = ["vit_tiny"]\n{axis}\n')
    assert cli.main([path, "--list"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0] and path in lines[0]
    assert "cell " in lines[0] and "model.preset=vit_tiny" in lines[0]  # the cell's name


@pytest.mark.parametrize(
    "sweep, needle",
    [
        ('[sweep]\nfoo = 1\n', "sweep.foo: unknown key"),
        ('[sweep]\n[[sweep.zip]]\n"optimizer.learning_rate" = [1e-3, 2e-3]\n"schedule.warmup_steps" = [1]\n',
         "sweep.zip[0]: zipped keys need equal lengths"),
        ('[sweep]\n[sweep.axes]\n"optimizer.learning_rate" = 1e-3\n', "expected a non-empty list"),
        ('[sweep]\nseeds = [0, "1"]\n', "sweep.seeds"),
        ('[sweep]\n[sweep.slurm]\ncpus_per_task = 0\n', "sweep.slurm.cpus_per_task"),
        ('[sweep]\n[sweep.slurm]\npartiton = "gpu"\n', "sweep.slurm.partiton: unknown key"),
        ('[sweep]\nbase = "missing.toml"\n', "missing.toml: no such recipe file"),
    ],
)
def test_bad_sweep_table_raises(tmp_path, sweep, needle):
    with pytest.raises(ConfigError, match=None) as e:
        load_sweep(_write(tmp_path / "s.toml", sweep))
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_factorial_list_is_one_line_per_cell(capsys):
    assert cli.main([os.path.join(REPO, "recipes", "sweep_factorial.toml"), "--list"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 12 and out.endswith("\n")
    combos = set()
    for i, line in enumerate(lines):
        index, name, status = line.split("\t")
        assert int(index) == i and status == "pending"
        kv = dict(p.split("=") for p in name.split(","))
        assert set(kv) == {"objective.kind", "optimizer.name", "parametrization.kind", "seed"}
        combos.add((kv["objective.kind"], kv["optimizer.name"], kv["parametrization.kind"]))
    assert len(combos) == 12


def test_factorial_cells_are_vit_s_on_xcm():
    sweep = load_sweep(os.path.join(REPO, "recipes", "sweep_factorial.toml"))
    for c in sweep.cells:
        assert c.recipe.model.preset == "vit_s" and c.recipe.data.dataset == "birdset_xcm"
    assert {c.recipe.objective.kind for c in sweep.cells} == {"supervised", "lejepa", "pixio"}


def test_mup_lr_sweep_shape():
    sweep = load_sweep(os.path.join(REPO, "recipes", "sweep_mup_lr.toml"))
    lrs = {c.recipe.optimizer.learning_rate for c in sweep.cells}
    widths = {c.recipe.model.dim for c in sweep.cells}
    assert len(lrs) >= 5 and len(widths) >= 3
    assert {c.recipe.parametrization.kind for c in sweep.cells} == {"sp", "mup"}
    assert len(sweep.cells) == len(lrs) * len(widths) * 2


def test_slurm_parameters_reach_submitits_sbatch_file(tmp_path, monkeypatch):
    """The [sweep.slurm] table, written as sbatch lines by submitit's own Slurm executor."""
    from submitit.slurm import slurm

    from birdjepa_keras.sweeps.runner import make_executor

    monkeypatch.setattr(slurm.SlurmExecutor, "affinity", classmethod(lambda cls: 1))  # no srun here
    sweep = load_sweep(os.path.join(REPO, "recipes", "sweep_factorial.toml"), [f'run.output_dir="{tmp_path}"'])
    executor = make_executor(sweep, "slurm")
    text = executor._executor._make_submission_file_text("python -u task.py", "uid")
    for line in ("--partition=gpu", "--time=1440", "--gpus-per-node=1", "--cpus-per-task=16", "--mem=128GB",
                 "--job-name=sweep-sweep_factorial"):
        assert f"#SBATCH {line}\n" in text, line


def _fake_cell(cell, losses, probe_cmap, online_cmap, diverged=""):
    """A finished cell's files in the formats train.run writes (StepLog, write_results, OnlineProbeEval)."""
    os.makedirs(cell.run_dir)
    with open(os.path.join(cell.run_dir, "train_steps.csv"), "w") as f:
        f.write("step,epoch,lr,loss,loss_epoch_mean\n")
        f.writelines(f"{i + 1},1,0.001,{v},{v}\n" for i, v in enumerate(losses))
    with open(os.path.join(cell.run_dir, "results.csv"), "w") as f:
        f.write("encoder,pooling,cmap,cmap5,auroc,top1,valid_cmap,probe_epochs,n_train,n_test\n")
        f.write(f"pretrained,time_mean,0.99,0.5,0.5,0.5,0.5,3,10,10\n")  # not probe.pooling: not picked
        f.write(f"pretrained,cls+patch_mean,{probe_cmap},0.5,0.5,0.5,0.5,3,10,10\n")
        f.write("random_init,cls+patch_mean,0.1,0.5,0.5,0.5,0.5,3,10,10\n")
    with open(os.path.join(cell.run_dir, "online_probe.csv"), "w") as f:
        f.write("epoch,val_probe_cmap,val_probe_top1,probe_loss,probe_acc,objective_loss\n1,0.01,0,0,0,0\n")
        f.write(f"2,{online_cmap},0,0,0,0\n")
    with open(os.path.join(cell.run_dir, "cell_done.json"), "w") as f:
        json.dump({"diverged": diverged, "steps_per_s": 2.0, "wall_s": 10.0}, f)


def test_report_means_over_seeds_main_effects_and_best_lr(tmp_path):
    from birdjepa_keras.sweeps.report import write_sweep_report

    path = _write(tmp_path / "s.toml", f"""
        [sweep]
        seeds = [0, 1]
        [sweep.axes]
        "optimizer.name" = ["adamw", "muon"]
        "optimizer.learning_rate" = [1e-3, 1e-2, 1e-1]
        [run]
        name = "rep"
        output_dir = "{tmp_path}"
        [probe]
        pooling = "cls+patch_mean"
    """)
    sweep = load_sweep(path)
    assert len(sweep.cells) == 12
    loss = {("adamw", 1e-3): 2.0, ("adamw", 1e-2): 1.0, ("adamw", 1e-1): None,  # None: diverged
            ("muon", 1e-3): 3.0, ("muon", 1e-2): 2.5, ("muon", 1e-1): 1.5}
    for c in sweep.cells:
        v = loss[c.values["optimizer.name"], c.values["optimizer.learning_rate"]]
        # 12 early rows at 9.0 fall outside the last-10 window; seeds differ by +-0.1
        tail = [v + (0.1 if c.seed else -0.1)] * 10 if v is not None else [9.0]
        _fake_cell(c, [9.0] * 12 + tail, probe_cmap=0.2 + 0.1 * c.seed, online_cmap=0.3,
                   diverged="" if v is not None else "non-finite loss (nan) at step 13")
    write_sweep_report(sweep)
    with open(tmp_path / "rep" / "sweep.csv") as f:
        rows = list(csv.DictReader(f))
    assert float(rows[0]["final_loss"]) == pytest.approx(1.9) and float(rows[1]["final_loss"]) == pytest.approx(2.1)
    assert float(rows[0]["probe_cmap"]) == pytest.approx(0.2) and float(rows[0]["random_cmap"]) == pytest.approx(0.1)
    assert float(rows[0]["online_cmap"]) == pytest.approx(0.3)
    assert [r["status"] for r in rows[4:6]] == ["diverged", "diverged"] and rows[4]["final_loss"] == "inf"
    md = (tmp_path / "rep" / "sweep.md").read_text()
    # Over seeds: loss 2.0 +- stdev(1.9, 2.1) = 0.14; probe 0.25 +- 0.071.
    assert "| adamw | 0.001 | 2 | 2 ± 0.14 | 0.3 ± 0 | 0.25 ± 0.071 | 0.1 ± 0 |" in md
    # Main effect of the optimizer: mean over lr and seeds (loss 2.9, 3.1, 2.4, 2.6, 1.4, 1.6; a diverged cell makes inf).
    assert "| muon | 6 | 2.333 ± 0.69 | 0.3 ± 0 | 0.25 ± 0.055 |" in md and "| adamw | 6 | inf |" in md
    # Best lr per optimizer: adamw 0.01 (0.1 diverged), muon 0.1.
    assert "| adamw | 0.01 | 1 | 2 | 1 | inf |" in md
    assert "| muon | 0.1 | 1.5 | 3 | 2.5 | 1.5 |" in md
    con = sqlite3.connect(tmp_path / "rep" / "sweep.sqlite")
    got = con.execute('SELECT "optimizer.name", "optimizer.learning_rate", seed, final_loss, status FROM sweep_cells '
                      'ORDER BY "index"').fetchall()
    con.close()
    assert got[0] == ("adamw", 0.001, 0, pytest.approx(1.9), "done") and got[4][3:] == (None, "diverged")


# --------------------------------------------------------------------------- end to end (tiny)

TINY = {  # the quick sweep at test size; every value a TOML literal
    "data.config": '"tiny"',
    "data.batch_size": "8",
    "train.steps": "4",
    "train.steps_per_epoch": "2",
    "objective.online_probe.eval_max_batches": "1",
    "probe.epochs": "3",
}


@pytest.fixture(scope="module")
def tfds_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("tfds"))


@pytest.fixture
def in_tmp(tmp_path, tfds_dir, monkeypatch):
    """The CLI in this process, started in tmp_path (run.output_dir "runs" is relative to it)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TFDS_DATA_DIR", tfds_dir)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([REPO, os.environ.get("PYTHONPATH", "")]))  # submitit workers
    return tmp_path


def _main(capsys, args):
    """`birdjepa-run ARGS` in this process (no ~10-15 s of imports): (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = cli.main(list(args))
    return (code, *capsys.readouterr())


def _sets(overrides, tfds_dir):
    # data.data_dir as well as $TFDS_DATA_DIR: tensorflow_datasets/core/constants.py also keeps a DATA_DIR read at import.
    return set_args({**overrides, "data.data_dir": f'"{tfds_dir}"'})


def _slice(tmp_path, objectives):
    """A slice of sweep_quick: its settings (as base), fewer objectives, the other axes at one value."""
    kinds = ", ".join(f'"{k}"' for k in objectives)
    return _write(tmp_path / "slice.toml", f"""
        [sweep]
        base = "{QUICK}"
        [sweep.axes]
        "objective.kind" = [{kinds}]
        "optimizer.name" = ["adamw"]
        [run]
        name = "slice"
    """)


def _list(capsys, path, sets):
    code, out, err = _main(capsys, [path, "--list", *sets])
    assert code == 0, err[-2000:]
    return [line.split("\t") for line in out.splitlines()]


@pytest.mark.slow
def test_quick_slice_runs_reports_and_skips_finished_cells(in_tmp, tfds_dir, capsys):
    tmp_path = in_tmp
    path = _slice(tmp_path, ["supervised", "pixio"])
    sets = _sets(TINY, tfds_dir)
    code, out, err = _main(capsys, [path, *sets])
    assert code == 0, out[-3000:] + err[-3000:]
    assert out.count("Pretraining") == 2
    out_dir = tmp_path / "runs" / "slice"
    names = ["objective.kind=supervised,optimizer.name=adamw,seed=0", "objective.kind=pixio,optimizer.name=adamw,seed=0"]
    assert sorted(os.listdir(out_dir / "cells")) == sorted(names)
    for name in names:
        marker = json.loads((out_dir / "cells" / name / "cell_done.json").read_text())
        assert marker["name"] == name and marker["steps_this_run"] == 4 and marker["steps_per_s"] > 0
    assert [r[2] for r in _list(capsys, path, sets)] == ["done", "done"]

    # sweep.csv: one row per cell with its axis values and metrics read from the cell's own files.
    with open(out_dir / "sweep.csv") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == names
    for r, name in zip(rows, names):
        with open(out_dir / "cells" / name / "train_steps.csv") as f:
            losses = [float(s["loss"]) for s in csv.DictReader(f)]
        assert float(r["final_loss"]) == pytest.approx(sum(losses) / len(losses), rel=1e-6)  # < 10 rows: all
        with open(out_dir / "cells" / name / "results.csv") as f:
            probe = [s for s in csv.DictReader(f) if s["encoder"] == "pretrained"]
        assert float(r["probe_cmap"]) == pytest.approx(float(probe[0]["cmap"]))
        with open(out_dir / "cells" / name / "online_probe.csv") as f:
            online = list(csv.DictReader(f))
        assert float(r["online_cmap"]) == pytest.approx(float(online[-1]["val_probe_cmap"]))
        assert r["objective.kind"] == name.split(",")[0].split("=")[1]
    md = (out_dir / "sweep.md").read_text()
    assert "### objective.kind" in md and "### optimizer.name" in md
    assert (out_dir / "sweep.png").stat().st_size > 10_000
    con = sqlite3.connect(out_dir / "sweep.sqlite")
    cols = [r[1] for r in con.execute("PRAGMA table_info(sweep_cells)")]
    assert {"objective.kind", "optimizer.name", "seed", "final_loss", "probe_cmap", "online_cmap"} <= set(cols)
    got = con.execute('SELECT "objective.kind", "optimizer.name", seed, probe_cmap FROM sweep_cells ORDER BY "index"')
    assert [r[:3] for r in got.fetchall()] == [("supervised", "adamw", 0), ("pixio", "adamw", 0)]
    con.close()

    # Second invocation: every cell skipped, nothing trained, the report rewritten.
    os.remove(out_dir / "sweep.md")
    code, out, err = _main(capsys, [path, *sets])
    assert code == 0, err[-2000:]
    assert "Pretraining" not in out and out.count("done, skipped") == 2
    assert (out_dir / "sweep.md").exists()
    # And `report DIR` rebuilds it from the folder alone (here moved elsewhere).
    moved = tmp_path / "elsewhere" / "slice"
    os.renames(out_dir, moved)
    for f in ("sweep.md", "sweep.csv", "sweep.png", "sweep.sqlite"):
        os.remove(moved / f)
    code, out, err = _main(capsys, ["report", str(moved)])
    assert code == 0, err[-2000:]
    for f in ("sweep.md", "sweep.csv", "sweep.png", "sweep.sqlite"):
        assert (moved / f).exists(), f
    with open(moved / "sweep.csv") as f:
        assert [r["status"] for r in csv.DictReader(f)] == ["done", "done"]


@pytest.mark.slow
def test_index_runs_one_cell_and_a_killed_cell_resumes(in_tmp, tfds_dir, capsys):
    tmp_path = in_tmp
    path = _slice(tmp_path, ["supervised", "pixio"])
    # 24 steps of 2 per epoch: the kill comes at the first complete checkpoint (step 2 or so), 22 steps early.
    slow = _sets({**TINY, "train.steps": "24", "train.steps_per_epoch": "2", "probe.enabled": "false",
                  "objective.online_probe.enabled": "false"}, tfds_dir)
    # The one run that needs its own process: it is SIGKILLed mid-training.
    proc = subprocess.Popen([sys.executable, "-m", "birdjepa_keras.cli", path, "--index", "1", *slow],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ckpts = tmp_path / "runs" / "slice" / "cells" / "objective.kind=pixio,optimizer.name=adamw,seed=0" / "checkpoints"
    deadline = time.time() + 400
    while time.time() < deadline and proc.poll() is None:
        # A complete checkpoint: Orbax's finalised step (commit_success.txt in it) and our JSON for it.
        if any((ckpts / "orbax" / j.stem / "commit_success.txt").exists() for j in ckpts.glob("state/*.json")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stdout.read()[-3000:]
    os.kill(proc.pid, signal.SIGKILL)  # our own child, mid-training
    proc.wait()
    proc.stdout.close()
    assert [r[2] for r in _list(capsys, path, slow)] == ["pending", "partial"]

    code, out, err = _main(capsys, [path, "--index", "1", *slow])
    assert code == 0, out[-3000:] + err[-3000:]
    assert "Resuming from" in out
    assert [r[2] for r in _list(capsys, path, slow)] == ["pending", "done"]  # cell 0 never ran
    marker = json.loads((ckpts.parent / "cell_done.json").read_text())
    assert marker["resumed"] and 0 < marker["steps_this_run"] < 24
    with open(ckpts.parent / "train_steps.csv") as f:
        assert [int(r["step"]) for r in csv.DictReader(f)] == list(range(1, 25))


@pytest.mark.slow
def test_submit_local_runs_two_cells_in_parallel(in_tmp, tfds_dir, capsys):
    tmp_path = in_tmp
    path = _slice(tmp_path, ["supervised", "pixio"])
    quick = _sets({**TINY, "probe.enabled": "false", "objective.online_probe.enabled": "false"}, tfds_dir)
    # This process submits; submitit's local executor starts one worker process per cell.
    code, out, err = _main(capsys, [path, "--submit", "local", *quick])
    assert code == 0, out[-3000:] + err[-3000:]
    assert out.count("submitted as job") == 2
    cells = tmp_path / "runs" / "slice" / "cells"
    markers = [json.loads((cells / n / "cell_done.json").read_text()) for n in sorted(os.listdir(cells))]
    assert len(markers) == 2
    (a0, a1), (b0, b1) = [(m["started_at"], m["finished_at"]) for m in markers]
    assert a0 < b1 and b0 < a1  # the two cells' run intervals overlap: separate processes at once
    assert (tmp_path / "runs" / "slice" / "sweep.md").exists()
    assert [r[2] for r in _list(capsys, path, quick)] == ["done", "done"]
