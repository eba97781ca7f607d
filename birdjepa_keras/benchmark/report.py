"""Reports of a results database: Markdown tables (mean ± std over seeds) and PNG plots.

    birdjepa-run report runs/bench_quick/results.sqlite [--out DIR]

writes `report.md`, `fewshot.png` (metric vs examples per class, one panel
per task) and `bars.png` (full-data metric per task) next to the database
(or in DIR), and prints the Markdown. The database alone is enough: each row
names its task's primary metric.
"""

import collections
import os
import time

import numpy as np

from birdjepa_keras.benchmark.store import ResultStore


def _k_label(k):
    return "all" if k == -1 else str(k)


def _labels(rows):
    """Row label per (backbone, checkpoint): the name, plus a checkpoint tag when a name has several."""
    ckpts = collections.defaultdict(set)
    for r in rows:
        ckpts[r["backbone"]].add(r["checkpoint"])
    out = {}
    for name, cs in ckpts.items():
        for c in cs:
            out[(name, c)] = name if len(cs) == 1 else f"{name}@{c.rsplit('@', 1)[-1][:8]}"
    return out


def _role(task_name):
    """'validation' for sets used only for model selection (BirdSet's POW), else 'test'."""
    from birdjepa_keras.benchmark.tasks import TASKS

    return TASKS[task_name].role if task_name in TASKS else "test"


def aggregate(rows):
    """{(task, backbone label, probe, n_train): {metric: (mean, std, n_seeds)}} plus task primaries."""
    labels = _labels(rows)
    groups = collections.defaultdict(lambda: collections.defaultdict(list))
    primary = {}
    for r in rows:
        key = (r["task"], labels[(r["backbone"], r["checkpoint"])], r["probe"], r["n_train"])
        primary[r["task"]] = r["primary_metric"]
        for m, v in r["metrics"].items():
            groups[key][m].append(np.nan if v is None else float(v))
        groups[key]["valid"].append(np.nan if r["valid_value"] is None else float(r["valid_value"]))
    stats = {}
    for key, ms in groups.items():
        stats[key] = {}
        for m, vals in ms.items():
            v = np.asarray(vals, float)
            std = float(np.nanstd(v, ddof=1)) if np.sum(~np.isnan(v)) > 1 else 0.0
            stats[key][m] = (float(np.nanmean(v)) if np.any(~np.isnan(v)) else np.nan, std, len(v))
    return stats, primary


def _fmt(stat):
    mean, std, n = stat
    if np.isnan(mean):
        return "—"
    return f"{mean:.3f} ± {std:.3f}" if n > 1 else f"{mean:.3f}"


def _table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])


def markdown(rows, db_path=""):
    """The report text: per n_train a (backbone, probe) x task table of primary metrics, then all metrics."""
    stats, primary = aggregate(rows)
    tasks = sorted({k[0] for k in stats})
    models = sorted({(k[1], k[2]) for k in stats})
    ks = sorted({k[3] for k in stats}, key=lambda k: (k == -1, k))
    seeds = sorted({r["seed"] for r in rows})
    out = [
        "# Benchmark report",
        "",
        f"{len(rows)} runs from `{db_path}`; mean ± sample std over seeds {seeds}; generated {time.strftime('%Y-%m-%d %H:%M')}.",
        "n_train = training examples per class (all = the whole training split). "
        "The mean column leaves out validation-only sets (BirdSet's POW).",
    ]
    for k in ks:
        out += ["", f"## n_train = {_k_label(k)}", ""]
        test_tasks = [t for t in tasks if _role(t) == "test"]
        header = ["backbone", "probe"] + [f"{t} ({primary[t]})" for t in tasks] + (["mean (test tasks)"] if len(test_tasks) > 1 else [])
        body = []
        for bb, probe in models:
            cells = [stats.get((t, bb, probe, k), {}).get(primary[t]) for t in tasks]
            if all(c is None for c in cells):
                continue
            row = [bb, probe] + [_fmt(c) if c else "—" for c in cells]
            if len(test_tasks) > 1:
                vals = [c[0] for t, c in zip(tasks, cells) if c and t in test_tasks]
                row.append(f"{np.mean(vals):.3f}" if len(vals) == len(test_tasks) else "—")
            body.append(row)
        out.append(_table(header, body))
    out += ["", "## All metrics (test), and the primary metric on validation", ""]
    for t in tasks:
        metric_names = sorted({m for key, ms in stats.items() if key[0] == t for m in ms if m != "valid"})
        header = ["backbone", "probe", "n_train"] + metric_names + [f"valid {primary[t]}", "seeds"]
        body = []
        for bb, probe in models:
            for k in ks:
                s = stats.get((t, bb, probe, k))
                if s:
                    body.append([bb, probe, _k_label(k)] + [_fmt(s[m]) if m in s else "—" for m in metric_names] + [_fmt(s["valid"]), str(s["valid"][2])])
        out += [f"### {t}", "", _table(header, body), ""]
    return "\n".join(out).rstrip() + "\n"


def plots(rows, out_dir):
    """fewshot.png and bars.png; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stats, primary = aggregate(rows)
    tasks = sorted({k[0] for k in stats})
    models = sorted({(k[1], k[2]) for k in stats})
    ks = sorted({k[3] for k in stats}, key=lambda k: (k == -1, k))
    written = []
    backbones = sorted({bb for bb, _ in models})
    probe_names = sorted({p for _, p in models})
    colour = {bb: f"C{i % 10}" for i, bb in enumerate(backbones)}  # colour = backbone
    style = {p: ("-o", "--s", ":^", "-.D")[i % 4] for i, p in enumerate(probe_names)}  # line = probe

    fig, axes = plt.subplots(1, len(tasks), figsize=(4.5 * len(tasks), 3.6), squeeze=False)
    for ax, t in zip(axes[0], tasks):
        for bb, probe in models:
            pts = [(i, stats[(t, bb, probe, k)][primary[t]]) for i, k in enumerate(ks) if (t, bb, probe, k) in stats]
            if pts:
                x = [p[0] for p in pts]
                ax.errorbar(x, [p[1][0] for p in pts], yerr=[p[1][1] for p in pts], fmt=style[probe], color=colour[bb],
                            capsize=3, label=f"{bb} / {probe}")
        ax.set_xticks(range(len(ks)), [_k_label(k) for k in ks])
        ax.set_xlabel("training examples per class")
        ax.set_ylabel(f"test {primary[t]}")
        ax.set_title(t)
        ax.grid(alpha=0.3)
    axes[0][-1].legend(fontsize=7, loc="best")
    fig.tight_layout()
    path = os.path.join(out_dir, "fewshot.png")
    fig.savefig(path, dpi=120)
    plt.close(fig)
    written.append(path)

    k_full = -1 if -1 in ks else ks[-1]
    fig, ax = plt.subplots(figsize=(max(5, 1.6 * len(tasks) * max(1, len(models) / 3)), 3.8))
    width = 0.8 / max(1, len(models))
    for i, (bb, probe) in enumerate(models):
        vals = [stats.get((t, bb, probe, k_full), {}).get(primary[t], (np.nan, 0, 0)) for t in tasks]
        hatch = {p: h for p, h in zip(probe_names, ("", "//", "..", "xx"))}.get(probe, "")
        ax.bar(np.arange(len(tasks)) + i * width, [v[0] for v in vals], width, yerr=[v[1] for v in vals], capsize=2,
               color=colour[bb], hatch=hatch, edgecolor="white", label=f"{bb} / {probe}")
    ax.set_xticks(np.arange(len(tasks)) + width * (len(models) - 1) / 2, [f"{t}\n({primary[t]})" for t in tasks])
    ax.set_ylabel(f"test metric, n_train = {_k_label(k_full)}")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7, ncol=max(1, len(models) // 6))
    fig.tight_layout()
    path = os.path.join(out_dir, "bars.png")
    fig.savefig(path, dpi=120)
    plt.close(fig)
    written.append(path)
    return written


def write_report(db_path, out_dir=None):
    """Write report.md + plots for the database; returns the Markdown."""
    if not os.path.exists(db_path):
        raise FileNotFoundError(f"{db_path}: no such results database")
    out_dir = out_dir or os.path.dirname(os.path.abspath(db_path))
    os.makedirs(out_dir, exist_ok=True)
    with ResultStore(db_path) as store:
        rows = store.rows()
    if not rows:
        text = f"# Benchmark report\n\n`{db_path}` holds no results yet.\n"
    else:
        text = markdown(rows, db_path)
        plots(rows, out_dir)
    with open(os.path.join(out_dir, "report.md"), "w") as f:
        f.write(text)
    return text
