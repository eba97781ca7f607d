"""A sweep: a recipe with a `[sweep]` table, expanded into validated cells.

    [sweep]
    base = "quickstart.toml"          # optional, relative to this file; merged under it table by table
    seeds = [0, 1]                    # optional, default [run.seed]
    [sweep.axes]                      # cross product
    "optimizer.name" = ["adamw", "muon"]
    [[sweep.zip]]                     # keys that vary together (equal lengths)
    "model.dim" = [64, 128]
    "model.n_heads" = [2, 4]
    [sweep.slurm]                     # `--submit slurm` resources (SlurmConfig)

Cells are the cross product of every axis and every zip group (in file
order), then seeds. A cell is the merged recipe with its values set, its
`run.seed`, and `run.output_dir`/`run.name` pointing at
`<run.output_dir>/<run.name>/cells/<cell name>/`; every cell goes through the
normal recipe parser before anything runs.
"""

import copy
import dataclasses
import itertools
import json
import os

import tomllib

from birdjepa_keras.config import ConfigError, Recipe, parse_override, recipe_schema
from birdjepa_keras.config.schema import _parse, _set_dotted
from birdjepa_keras.train.checkpoint_files import complete_steps

SWEEP_KEYS = ("base", "seeds", "axes", "zip", "slurm")
MARKER = "cell_done.json"  # written last by the runner, atomically: the cell is finished


def cell_status(cell):
    """'done', 'partial' (checkpoints, no marker) or 'pending'."""
    if os.path.exists(os.path.join(cell.run_dir, MARKER)):
        return "done"
    if complete_steps(os.path.join(cell.run_dir, "checkpoints")):
        return "partial"
    return "pending"


def list_lines(sweep):
    """One line per cell: index, name, status (tab-separated)."""
    return [f"{c.index}\t{c.name}\t{cell_status(c)}" for c in sweep.cells]


def read_marker(cell):
    path = os.path.join(cell.run_dir, MARKER)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


@dataclasses.dataclass(frozen=True)
class SlurmConfig:
    """`[sweep.slurm]`: one array job, one task per unfinished cell (submitit's Slurm executor)."""

    partition: str = ""  # "" = the cluster's default
    time_min: int = 240  # per task; a preempted/timed-out task is requeued and resumes its cell
    nodes: int = 1
    gpus_per_node: int = 1
    tasks_per_node: int = 1
    cpus_per_task: int = 8
    mem_gb: int = 64
    array_parallelism: int = 16  # cells running at once
    account: str = ""
    qos: str = ""
    constraint: str = ""
    setup: tuple[str, ...] = ()  # shell lines before the task, e.g. "source .venv/bin/activate"

    def validate(self, key):
        for name in ("time_min", "nodes", "tasks_per_node", "cpus_per_task", "mem_gb", "array_parallelism"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{key}.{name}: must be >= 1")
        if self.gpus_per_node < 0:
            raise ConfigError(f"{key}.gpus_per_node: must be >= 0")


@dataclasses.dataclass(frozen=True)
class Cell:
    index: int
    name: str  # "key=value,...,seed=S", also its directory name
    values: dict  # {dotted key: value} of every axis and zip key, in order
    seed: int
    recipe: Recipe
    run_dir: str


@dataclasses.dataclass(frozen=True)
class Sweep:
    path: str
    name: str
    out_dir: str  # <run.output_dir>/<run.name>
    axis_keys: tuple[str, ...]  # every varied key, in cell-name order (seed excluded)
    groups: tuple[tuple[str, ...], ...]  # keys that vary together: one per axis, one per zip group
    seeds: tuple[int, ...]
    slurm: SlurmConfig
    cells: tuple[Cell, ...]

    @property
    def cells_dir(self):
        return os.path.join(self.out_dir, "cells")


def _read(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such recipe file") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None


def is_sweep(path):
    """True when the TOML file at `path` has a `[sweep]` table (False if unreadable: the recipe loader says why)."""
    try:
        with open(path, "rb") as f:
            return "sweep" in tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return False


def merge(base, over):
    """`over` on top of `base`: tables merged key by key, anything else replaced. Neither is modified."""
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else copy.deepcopy(v)
    return out


def _resolved_table(path, seen=()):
    """The file's table on top of its base chain; the `sweep` table is this file's own."""
    table = _read(path)
    sweep = table.get("sweep", {})
    if not isinstance(sweep, dict):
        raise ConfigError(f"{path}: sweep: expected a table")
    base = sweep.get("base")
    if base is None:
        return table
    if not isinstance(base, str):
        raise ConfigError(f"{path}: sweep.base: expected a path string, got {base!r}")
    base_path = os.path.normpath(os.path.join(os.path.dirname(path), base))
    if base_path in seen:
        raise ConfigError(f"{path}: sweep.base: {base!r} includes itself")
    base_table = _resolved_table(base_path, seen + (os.path.normpath(path),))
    base_table.pop("sweep", None)  # only the file being run defines the sweep
    return merge(base_table, table)


def format_value(v):
    """An axis value as it appears in a cell name (no '/', so it is a directory name)."""
    if isinstance(v, bool):
        s = "true" if v else "false"
    elif isinstance(v, float):
        s = f"{v:g}"
    elif isinstance(v, (list, tuple)):
        s = "x".join(format_value(x) for x in v)
    else:
        s = str(v)
    return s.replace("/", "_").replace(",", "_")


def cell_name(values, seed):
    return ",".join([f"{k}={format_value(v)}" for k, v in values.items()] + [f"seed={seed}"])


def _groups(sweep, path):
    """[(keys, [value tuples])] of the axes (one key each) then the zip groups."""
    axes = sweep.get("axes", {})
    zips = sweep.get("zip", [])
    if not isinstance(axes, dict):
        raise ConfigError(f"{path}: sweep.axes: expected a table of key = [values]")
    if isinstance(zips, dict):
        zips = [zips]
    if not isinstance(zips, list) or not all(isinstance(z, dict) for z in zips):
        raise ConfigError(f"{path}: sweep.zip: expected [[sweep.zip]] tables of key = [values]")
    groups = []
    for where, table in [("sweep.axes", {k: v}) for k, v in axes.items()] + [
        (f"sweep.zip[{i}]", z) for i, z in enumerate(zips)
    ]:
        if not table:
            raise ConfigError(f"{path}: {where}: empty group")
        lengths = set()
        for k, vals in table.items():
            if not isinstance(vals, list) or not vals:
                raise ConfigError(f"{path}: {where}.{k}: expected a non-empty list of values, got {vals!r}")
            lengths.add(len(vals))
        if len(lengths) != 1:
            raise ConfigError(f"{path}: {where}: zipped keys need equal lengths, got {sorted(lengths)}")
        keys = tuple(table)
        groups.append((keys, list(zip(*(table[k] for k in keys)))))
    seen = [k for keys, _ in groups for k in keys]
    dup = sorted({k for k in seen if seen.count(k) > 1})
    if dup:
        raise ConfigError(f"{path}: sweep: {dup[0]} is varied twice")
    for k in seen:
        if k in ("run.seed", "run.name", "run.output_dir"):
            raise ConfigError(f"{path}: sweep.axes.{k}: set by the sweep itself (use sweep.seeds / [run])")
    return groups


def load_sweep(path, overrides=()):
    """Read, merge, expand and validate a sweep file. Raises ConfigError('path: ...') on the first bad cell.

    `overrides` (`key=value`, as `--set`) apply to every cell, under the axis values.
    """
    path = str(path)
    table = _resolved_table(path)
    sweep = table.pop("sweep", None)
    if sweep is None:
        raise ConfigError(f"{path}: no [sweep] table")
    for k in sweep:
        if k not in SWEEP_KEYS:
            raise ConfigError(f"{path}: sweep.{k}: unknown key (known: {', '.join(SWEEP_KEYS)})")
    try:
        for text in overrides:
            _set_dotted(table, *parse_override(text))
        if recipe_schema(table) is not Recipe:
            raise ConfigError("sweep: sweeps run training recipes, not benchmark recipes")
        base_recipe = _parse(Recipe, table, "")  # the shared part, checked once
        slurm = _parse(SlurmConfig, sweep.get("slurm", {}), "sweep.slurm")
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None
    seeds = sweep.get("seeds", [base_recipe.run.seed])
    if not (isinstance(seeds, list) and seeds and all(isinstance(s, int) and not isinstance(s, bool) for s in seeds)):
        raise ConfigError(f"{path}: sweep.seeds: expected a non-empty list of integers, got {seeds!r}")
    groups = _groups(sweep, path)
    out_dir = os.path.join(base_recipe.run.output_dir, base_recipe.run.name)
    cells = []
    for combo in itertools.product(*(vals for _, vals in groups)):
        values = {k: v for (keys, _), vt in zip(groups, combo) for k, v in zip(keys, vt)}
        for seed in seeds:
            name = cell_name(values, seed)
            cell_table = copy.deepcopy(table)
            for k, v in values.items():
                _set_dotted_checked(cell_table, k, v, path, name)
            cell_table.setdefault("run", {}).update(
                seed=seed, name=name, output_dir=os.path.join(out_dir, "cells")
            )
            try:
                recipe = _parse(Recipe, cell_table, "")
            except ConfigError as e:
                raise ConfigError(f"{path}: cell {len(cells)} ({name}): {e}") from None
            cells.append(Cell(len(cells), name, values, seed, recipe, os.path.join(out_dir, "cells", name)))
    return Sweep(
        path=path,
        name=base_recipe.run.name,
        out_dir=out_dir,
        axis_keys=tuple(k for keys, _ in groups for k in keys),
        groups=tuple(keys for keys, _ in groups),
        seeds=tuple(seeds),
        slurm=slurm,
        cells=tuple(cells),
    )


def _set_dotted_checked(table, key, value, path, name):
    try:
        _set_dotted(table, key, value)
    except ConfigError:
        raise ConfigError(f"{path}: cell ({name}): {key}: its parent is not a table") from None


SOURCE = "sweep.toml"  # in the sweep's folder: the resolved sweep (base merged, overrides applied), for `report DIR`


def resolved_table(path, overrides=()):
    """The sweep file as one self-contained table: base merged in, overrides applied, `sweep.base` dropped."""
    table = _resolved_table(str(path))
    sweep = table.pop("sweep", {})
    try:
        for text in overrides:
            _set_dotted(table, *parse_override(text))
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None
    table["sweep"] = {k: v for k, v in sweep.items() if k != "base"}
    return table


def record_source(sweep, overrides):
    """Write the resolved sweep into its folder (what `report runs/<name>` reads; survives edits of the file)."""
    import tomli_w

    os.makedirs(sweep.out_dir, exist_ok=True)
    tmp = os.path.join(sweep.out_dir, SOURCE + ".tmp")
    with open(tmp, "wb") as f:
        tomli_w.dump(resolved_table(sweep.path, overrides), f)
    os.replace(tmp, os.path.join(sweep.out_dir, SOURCE))


def load_sweep_dir(folder):
    """The sweep whose folder (`runs/<name>`, with cells/) is `folder`, wherever that folder is now."""
    folder = os.path.normpath(folder)
    src = os.path.join(folder, SOURCE)
    if not os.path.exists(src):
        raise ConfigError(f"{folder}: no {SOURCE} (not a sweep folder written by birdjepa-run)")
    sweep = load_sweep(src, [f"run.output_dir={json.dumps(os.path.dirname(folder) or '.')}"])
    if os.path.normpath(sweep.out_dir) != folder:
        raise ConfigError(f"{folder}: its sweep is named {sweep.name!r}, not {os.path.basename(folder)!r}")
    return sweep
