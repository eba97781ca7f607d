"""A sweep's comparison: sweep.csv, sweep.md, sweep.png and rows in sweep.sqlite.

Per cell, from the files its run wrote:
  final_loss    mean `loss` of the last FINAL_ROWS rows of train_steps.csv
  online_cmap   `val_probe_cmap` of the last row of online_probe.csv (online probe on)
  probe_cmap    test cmAP of the linear probe on the pretrained encoder (results.csv,
                the row of `probe.pooling`, else the first pretrained row)
  random_cmap   the same probe on the random-init encoder (when compared)
  steps_per_s, wall_s   from the cell's marker (the invocation that finished it)
"""

import csv
import math
import os
import sqlite3
import statistics

from birdjepa_keras.sweeps.spec import cell_status, read_marker
from birdjepa_keras.train.callbacks import write_csv

FINAL_ROWS = 10
METRICS = ("final_loss", "online_cmap", "probe_cmap", "random_cmap", "steps_per_s", "wall_s")


def _csv_rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _num(text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v


def loss_curve(cell):
    """[(step, loss)] of the cell's train_steps.csv."""
    return [(int(r["step"]), _num(r.get("loss"))) for r in _csv_rows(os.path.join(cell.run_dir, "train_steps.csv"))]


def cell_metrics(cell):
    """One report row: index, name, status, axis values, seed, METRICS (None where missing)."""
    row = {"index": cell.index, "name": cell.name, "status": cell_status(cell), **cell.values, "seed": cell.seed}
    marker = read_marker(cell) or {}
    if marker.get("diverged"):
        row["status"] = "diverged"
    losses = [v for _, v in loss_curve(cell) if v is not None]
    tail = losses[-FINAL_ROWS:]
    row["final_loss"] = math.inf if marker.get("diverged") else (sum(tail) / len(tail) if tail else None)
    online = _csv_rows(os.path.join(cell.run_dir, "online_probe.csv"))
    row["online_cmap"] = _num(online[-1].get("val_probe_cmap")) if online else None
    results = _csv_rows(os.path.join(cell.run_dir, "results.csv"))
    pooling = cell.recipe.probe.pooling
    for encoder, col in (("pretrained", "probe_cmap"), ("random_init", "random_cmap")):
        rows = [r for r in results if r["encoder"] == encoder]
        pick = [r for r in rows if r.get("pooling") == pooling] or rows
        row[col] = _num(pick[0]["cmap"]) if pick else None
    row["steps_per_s"] = marker.get("steps_per_s")
    row["wall_s"] = marker.get("wall_s")
    return row


def _fmt(v, digits=4):
    if v is None:
        return ""
    if isinstance(v, float):
        return "inf" if math.isinf(v) else f"{v:.{digits}g}"
    return str(v)


def _mean_std(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return None, None
    if any(math.isinf(v) for v in vals):
        return math.inf, None
    return statistics.fmean(vals), (statistics.stdev(vals) if len(vals) > 1 else None)


def _pm(values):
    m, s = _mean_std(values)
    if m is None:
        return ""
    return _fmt(m) + (f" ± {_fmt(s, 2)}" if s is not None else "")


def _md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def group_key(sweep, row, keys):
    return tuple(_fmt(row[k]) if isinstance(row[k], float) else row[k] for k in keys)


def seed_means(sweep, rows):
    """[(axis values, n seeds, {metric: 'mean ± std'})] over seeds, one per axis combination."""
    groups = {}
    for r in rows:
        groups.setdefault(tuple(str(r[k]) for k in sweep.axis_keys), []).append(r)
    return [(k, len(g), {m: _pm([r[m] for r in g]) for m in METRICS}) for k, g in groups.items()]


def main_effects(sweep, rows):
    """{group label: [(value label, n cells, {metric: 'mean ± std'})]}: each axis/zip group, the other axes averaged."""
    out = {}
    for keys in sweep.groups:
        label = " + ".join(keys)
        levels = {}
        for r in rows:
            levels.setdefault(" / ".join(_fmt(r[k]) for k in keys), []).append(r)
        out[label] = [(lv, len(g), {m: _pm([r[m] for r in g]) for m in METRICS}) for lv, g in levels.items()]
    return out


def best_per(sweep, rows, axis):
    """For each combination of the other axes: the `axis` value with the lowest mean final loss.

    Returns [(other values, best value, its mean loss, {value: mean loss})].
    """
    others = [k for k in sweep.axis_keys if k != axis]
    combos = {}
    for r in rows:
        combos.setdefault(tuple(str(r[k]) for k in others), {}).setdefault(r[axis], []).append(r["final_loss"])
    out = []
    for combo, by_value in combos.items():
        means = {v: _mean_std(ls)[0] for v, ls in by_value.items()}
        finite = {v: m for v, m in means.items() if m is not None and math.isfinite(m)}
        best = min(finite, key=finite.get) if finite else None
        out.append((combo, best, finite.get(best), means))
    return out


def _numeric_axes(sweep):
    """Axes of >= 3 numbers (e.g. the learning rate): the report plots loss against them."""
    out = []
    for keys in sweep.groups:
        if len(keys) != 1:
            continue
        vals = {c.values[keys[0]] for c in sweep.cells}
        if len(vals) >= 3 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            out.append(keys[0])
    return out


def write_markdown(sweep, rows, path):
    lines = [f"# Sweep {sweep.name}", "", f"`{sweep.path}`: {len(rows)} cells, "
             f"{sum(r['status'] == 'done' for r in rows)} done. final_loss = mean train loss of the last "
             f"{FINAL_ROWS} steps; cmAP on each cell's own held-out split; steps/s after the first (compiling) step.",
             "", "## Cells", ""]
    header = ["#", *sweep.axis_keys, "seed", "status", *METRICS]
    lines.append(_md_table(header, [[r["index"], *(_fmt(r[k]) for k in sweep.axis_keys), r["seed"], r["status"],
                                     *(_fmt(r[m]) for m in METRICS)] for r in rows]))
    if len(sweep.seeds) > 1:
        lines += ["", f"## Mean ± std over seeds {list(sweep.seeds)}", ""]
        lines.append(_md_table([*sweep.axis_keys, "seeds", *METRICS],
                               [[*k, n, *(s[m] for m in METRICS)] for k, n, s in seed_means(sweep, rows)]))
    lines += ["", "## Main effects (mean ± std over the other axes and seeds)"]
    for label, levels in main_effects(sweep, rows).items():
        lines += ["", f"### {label}", ""]
        lines.append(_md_table([label, "cells", *METRICS], [[lv, n, *(s[m] for m in METRICS)] for lv, n, s in levels]))
    for axis in _numeric_axes(sweep):
        others = [k for k in sweep.axis_keys if k != axis]
        lines += ["", f"## Best {axis} (lowest final_loss) per {', '.join(others) or 'sweep'}", ""]
        values = sorted({c.values[axis] for c in sweep.cells})
        table = [[*combo, _fmt(best), _fmt(loss), *(_fmt(means.get(v)) for v in values)]
                 for combo, best, loss, means in best_per(sweep, rows, axis)]
        lines.append(_md_table([*others, f"best {axis}", "its loss", *(f"loss @ {_fmt(v)}" for v in values)], table))
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)


def write_png(sweep, rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    numeric = _numeric_axes(sweep)
    panels = len(sweep.groups) + len(numeric) + 1
    fig, axes = plt.subplots(1, panels, figsize=(4.5 * panels, 3.6), squeeze=False)
    axes = axes[0]
    curves = {c.index: loss_curve(c) for c in sweep.cells}
    cmap = plt.get_cmap("tab10")
    for ax, keys in zip(axes, sweep.groups):
        levels = []
        for c in sweep.cells:
            lv = " / ".join(_fmt(c.values[k]) for k in keys)
            levels += [lv] if lv not in levels else []
            pts = [(s, v) for s, v in curves[c.index] if v is not None and math.isfinite(v)]
            if pts:
                ax.plot(*zip(*pts), color=cmap(levels.index(lv) % 10), alpha=0.6, lw=0.8)
        for i, lv in enumerate(levels):
            ax.plot([], [], color=cmap(i % 10), label=lv)
        ax.set_title(" + ".join(keys), fontsize=9)
        ax.set_xlabel("step")
        ax.set_ylabel("train loss")
        ax.legend(fontsize=7)
    for ax, axis in zip(axes[len(sweep.groups):], numeric):
        for i, (combo, _, _, means) in enumerate(best_per(sweep, rows, axis)):
            xs = sorted(v for v, m in means.items() if m is not None and math.isfinite(m))
            ax.plot(xs, [means[x] for x in xs], "o-", color=cmap(i % 10), label=", ".join(combo), ms=3)
        ax.set_xscale("log")
        ax.set_xlabel(axis)
        ax.set_ylabel(f"final train loss (last {FINAL_ROWS} steps)")
        ax.set_title(f"loss vs {axis}", fontsize=9)
        ax.legend(fontsize=6)
    ax = axes[-1]
    names = [str(r["index"]) for r in rows]
    for j, (col, label) in enumerate((("probe_cmap", "linear probe"), ("online_cmap", "online probe"))):
        ax.bar([i + 0.4 * j for i in range(len(rows))], [r[col] or 0.0 for r in rows], 0.4, label=label)
    ax.set_xticks([i + 0.2 for i in range(len(rows))], names, fontsize=7)
    ax.set_xlabel("cell (see sweep.md)")
    ax.set_ylabel("cmAP")
    ax.set_title("probe cmAP per cell", fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_sqlite(sweep, rows, path):
    """Table `sweep_cells`: one row per cell (keyed by name), the axis values as columns of their own."""
    conn = sqlite3.connect(path, timeout=60.0, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 60000")
        conn.execute("CREATE TABLE IF NOT EXISTS sweep_cells (name TEXT PRIMARY KEY)")
        have = {r[1] for r in conn.execute("PRAGMA table_info(sweep_cells)")}
        sql_type = lambda v: "REAL" if isinstance(v, float) else "INTEGER" if isinstance(v, int) else "TEXT"  # noqa: E731
        cols = list(rows[0])
        for c in cols:
            if c not in have:  # a sweep edited later may add axes
                conn.execute(f'ALTER TABLE sweep_cells ADD COLUMN "{c}" {sql_type(rows[0][c])}')
        quoted = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        for r in rows:
            vals = [None if isinstance(r[c], float) and math.isinf(r[c]) else r[c] for c in cols]
            vals = [str(v) if isinstance(v, (list, tuple)) else v for v in vals]
            conn.execute(f"INSERT OR REPLACE INTO sweep_cells ({quoted}) VALUES ({marks})", vals)
    finally:
        conn.close()


def write_sweep_report(sweep):
    """Write the four outputs into the sweep's folder; returns sweep.md's path."""
    rows = [cell_metrics(c) for c in sweep.cells]
    os.makedirs(sweep.out_dir, exist_ok=True)
    write_csv(rows, os.path.join(sweep.out_dir, "sweep.csv"))
    md = os.path.join(sweep.out_dir, "sweep.md")
    write_markdown(sweep, rows, md)
    write_png(sweep, rows, os.path.join(sweep.out_dir, "sweep.png"))
    write_sqlite(sweep, rows, os.path.join(sweep.out_dir, "sweep.sqlite"))
    return md
