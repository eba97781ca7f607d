"""Probe frozen encoders on a dataset's train/valid/test splits and report metrics."""

import os

import numpy as np

from birdjepa_keras.benchmark.features import Features
from birdjepa_keras.benchmark.probes import fit_and_score
from birdjepa_keras.metrics import birdset_metrics
from birdjepa_keras.train.callbacks import write_csv
from birdjepa_keras.models.audio_encoder import TokenPool

METRICS = ("cmap", "cmap5", "auroc", "top1")


def extract(audio_encoder, ds, poolings, mel_patches):
    """Pooled embeddings and labels of a finite (wave, labels) dataset.

    The encoder runs once per batch; each pooling (`TokenPool` mode) is taken
    from its CLS and patch tokens. Returns ({pooling: (n, d_pooling)}, (n, c)).
    """
    pools = {mode: TokenPool(mode, mel_patches=mel_patches) for mode in poolings}
    emb, labels = {mode: [] for mode in poolings}, []
    for x, y in ds.as_numpy_iterator():
        out = audio_encoder.predict_on_batch(x)
        for mode, pool in pools.items():
            emb[mode].append(np.asarray(pool(out["cls_tokens"], out["patch_tokens"]), np.float32))
        labels.append(y)
    return {mode: np.concatenate(e) for mode, e in emb.items()}, np.concatenate(labels)


def probe_encoder(name, audio_encoder, splits, *, poolings, seed, mel_patches, **linear):
    """Linear-probe one encoder with each of `poolings` (`TokenPool` modes).

    `splits` maps train/valid/test to finite datasets. `linear`: the linear
    probe's keywords (`benchmark.probes.fit_and_score("linear", ...)`, the
    benchmark's harness; train.run makes them from the recipe's [probe]).
    Returns one result row per pooling: {"encoder", "pooling", metrics...,
    "valid_cmap", "probe_epochs", ...}.
    """
    feats = {k: extract(audio_encoder, ds, poolings, mel_patches) for k, ds in splits.items()}
    rows = []
    for mode in poolings:
        train, valid, test = (Features(feats[k][0][mode], feats[k][1]) for k in ("train", "valid", "test"))
        res = fit_and_score("linear", train, valid, [valid, test], multi_label=True, seed=seed, **linear)
        row = {"encoder": name, "pooling": mode, **birdset_metrics(test.labels, res.scores[1])}
        row["valid_cmap"] = birdset_metrics(valid.labels, res.scores[0])["cmap"]
        row["probe_epochs"] = res.epochs
        row["n_train"], row["n_test"] = len(train), len(test)
        rows.append(row)
    return rows


def format_table(rows):
    """Plain-text table of result rows, one line per encoder."""
    cols = ["encoder", "pooling", *METRICS, "valid_cmap", "probe_epochs"]
    cells = [[str(r["encoder"])] + [f"{r[c]:.4f}" if isinstance(r[c], float) else str(r[c]) for c in cols[1:]] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths))  # noqa: E731
    return "\n".join([line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells])


def write_results(rows, run_dir):
    """results.csv (one row per encoder) and results.png (a bar per metric and encoder)."""
    write_csv(rows, os.path.join(run_dir, "results.csv"))

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    width = 0.8 / len(rows)
    x = np.arange(len(METRICS))
    for i, r in enumerate(rows):
        ax.bar(x + i * width, [r[m] for m in METRICS], width, label=f"{r['encoder']} ({r.get('pooling', '')})")
    ax.set_xticks(x + width * (len(rows) - 1) / 2, METRICS)
    ax.set_ylim(0, 1)
    ax.set_ylabel("test score")
    ax.legend()
    ax.set_title("Linear probe on frozen encoders")
    fig.tight_layout()
    fig.savefig(os.path.join(run_dir, "results.png"), dpi=120)
    plt.close(fig)
