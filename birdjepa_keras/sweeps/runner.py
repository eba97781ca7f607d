"""Run a sweep's cells: in order in this process, one by index, or as a submitit job array.

A cell is *done* once `cell_done.json` exists in its run directory: written
last (after the probe's results.csv), through a temporary file and a rename,
so a killed cell never looks finished. A cell with checkpoints but no marker
is *partial* and resumes from its newest checkpoint (train.run's own resume).
"""

import json
import os
import time

import keras

from birdjepa_keras.sweeps.spec import MARKER, cell_status, load_sweep, read_marker


class FitTimer(keras.callbacks.Callback):
    """Steps and seconds of this invocation's `fit`, from the end of its first (compiling) step."""

    def __init__(self):
        super().__init__()
        self.steps, self.t_first, self.t_last = 0, None, None

    def on_train_batch_end(self, batch, logs=None):
        now = time.perf_counter()
        self.steps += 1
        if self.t_first is None:
            self.t_first = now
        self.t_last = now

    @property
    def steps_per_s(self):
        if self.steps < 2 or self.t_last <= self.t_first:
            return None
        return (self.steps - 1) / (self.t_last - self.t_first)


def _write_json_atomic(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def run_cell(cell):
    """Train + probe one cell (resuming), then write its marker. Returns the marker dict."""
    from birdjepa_keras.train.callbacks import NonFiniteLoss
    from birdjepa_keras.train.run import run

    status = cell_status(cell)
    if status == "done":
        print(f"[sweep] cell {cell.index} {cell.name}: done, skipped")
        return read_marker(cell)
    print(f"[sweep] cell {cell.index} {cell.name}: {status}, running", flush=True)
    keras.backend.clear_session()  # one process runs many cells: drop the previous cell's graph state
    timer = FitTimer()
    t0 = time.time()
    diverged = ""
    try:
        run(cell.recipe, extra_callbacks=[timer])
    except NonFiniteLoss as e:  # a result of the sweep (e.g. too high a learning rate), not a crash
        diverged = str(e)
        print(f"[sweep] cell {cell.index} {cell.name}: diverged: {e}")
    marker = {
        "diverged": diverged,
        "index": cell.index,
        "name": cell.name,
        "values": cell.values,
        "seed": cell.seed,
        "steps": cell.recipe.train.steps,
        "resumed": status == "partial",
        "steps_this_run": timer.steps,  # fewer than `steps` when it resumed
        "steps_per_s": timer.steps_per_s,
        "wall_s": time.time() - t0,  # this invocation: data, compile, training, export and probe
        "started_at": t0,  # unix time
        "finished_at": time.time(),
    }
    _write_json_atomic(os.path.join(cell.run_dir, MARKER), marker)
    return marker


def run_sweep(sweep, write_report=True):
    """Every unfinished cell in order, then the report. Returns the report's folder."""
    for cell in sweep.cells:
        run_cell(cell)
    if write_report:
        from birdjepa_keras.sweeps.report import write_sweep_report

        return write_sweep_report(sweep)
    return None


class CellTask:
    """A submitit job: load the sweep again on the worker and run cell `index`.

    `checkpoint` is submitit's preemption/timeout hook: it requeues the same
    call, and the cell then resumes from its own checkpoints.
    """

    def __init__(self, sweep_path, overrides=()):
        self.sweep_path = os.path.abspath(sweep_path)
        self.overrides = tuple(overrides)
        self.cwd = os.getcwd()  # run.output_dir is relative to where the sweep was started

    def __call__(self, index):
        os.chdir(self.cwd)
        os.environ.setdefault("KERAS_BACKEND", "jax")
        sweep = load_sweep(self.sweep_path, self.overrides)
        return run_cell(sweep.cells[index])

    def checkpoint(self, index):
        import submitit

        return submitit.helpers.DelayedSubmission(self, index)


def slurm_parameters(slurm):
    """`[sweep.slurm]` as submitit AutoExecutor parameters."""
    params = {
        "timeout_min": slurm.time_min,
        "nodes": slurm.nodes,
        "gpus_per_node": slurm.gpus_per_node,
        "tasks_per_node": slurm.tasks_per_node,
        "cpus_per_task": slurm.cpus_per_task,
        "mem_gb": slurm.mem_gb,
        "slurm_array_parallelism": slurm.array_parallelism,
    }
    for name in ("partition", "account", "qos", "constraint"):
        if getattr(slurm, name):
            params[f"slurm_{name}"] = getattr(slurm, name)
    if slurm.setup:
        params["slurm_setup"] = list(slurm.setup)
    return params


def make_executor(sweep, cluster):
    """A submitit executor for 'local' (parallel processes here) or 'slurm' (one job array)."""
    import submitit

    folder = os.path.join(sweep.out_dir, "submitit", "%j")
    executor = submitit.AutoExecutor(folder=folder, cluster=cluster)
    if cluster == "slurm":
        executor.update_parameters(name=f"sweep-{sweep.name}", **slurm_parameters(sweep.slurm))
    else:  # each cell one process, all at once; local has no queue, so the cluster's time limit is kept
        executor.update_parameters(timeout_min=sweep.slurm.time_min, gpus_per_node=0)
    return executor


def prepare_data(cells):
    """Build each dataset the cells read, once, here: parallel cells would race to build it (TFDS renames a dir)."""
    import tfds_builders
    from birdjepa_keras.config import to_table

    seen = set()
    for c in cells:
        d = c.recipe.data
        key = (d.dataset, d.config, d.data_dir, repr(d.birdset))
        if key not in seen:
            seen.add(key)
            tfds_builders.ensure_prepared(
                tfds_builders.get_builder(d.dataset, d.config, d.data_dir, birdset=to_table(d.birdset)), d.build_if_missing)


def submit(sweep, overrides, cluster, indices=None):
    """Submit the unfinished cells (or `indices`) as one array. Local: wait, then write the report.

    Returns the submitit jobs.
    """
    todo = [c.index for c in sweep.cells if cell_status(c) != "done"] if indices is None else list(indices)
    if not todo:
        print("[sweep] every cell is done")
        jobs = []
    else:
        if cluster == "local":
            prepare_data([sweep.cells[i] for i in todo])
        executor = make_executor(sweep, cluster)
        jobs = executor.map_array(CellTask(sweep.path, overrides), todo)
        for i, job in zip(todo, jobs):
            print(f"[sweep] cell {i} {sweep.cells[i].name}: submitted as job {job.job_id}")
    if cluster == "local":
        for i, job in zip(todo, jobs):
            job.result()  # raises the cell's own error, with its log folder
        from birdjepa_keras.sweeps.report import write_sweep_report

        print(write_sweep_report(sweep))
    return jobs
