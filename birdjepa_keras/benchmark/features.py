"""Frozen features, computed once per (backbone, dataset, split) and cached on disk.

    <cache_dir>/<backbone>-<checkpoint hash>/<dataset>-<config>/<split>-<clip>s-pool<p>/
        embedding.npy (n, d) float32   labels.npy (n, c) float32
        tokens.npy (n, t, d) float16   cls.npy (n, d) float32 (when the backbone has them)
        meta.json                      written last: its presence marks a complete entry
        groups.npy (n,) str            recording of each row (added on first use, see `split_groups`)

An entry is written to a temporary folder and renamed into place, so a run
killed mid-extraction leaves no half entry and concurrent runs cannot mix.
"""

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time

import numpy as np


@dataclasses.dataclass
class Features:
    """Cached features of one split; `tokens`/`cls` are None when the backbone has none.

    `groups` (n,) names the source recording of each row (None: every row its
    own); `grid` = (time rows, mel columns) of one window's patch tokens, stored
    time-major, when the backbone has such a grid and tokens were not pooled.
    """

    embedding: np.ndarray
    labels: np.ndarray
    tokens: np.ndarray | None = None
    cls: np.ndarray | None = None
    groups: np.ndarray | None = None
    grid: tuple | None = None

    def __len__(self):
        return len(self.labels)

    def subset(self, idx):
        pick = lambda a: None if a is None else np.asarray(a[idx])  # noqa: E731
        return Features(pick(self.embedding), pick(self.labels), pick(self.tokens), pick(self.cls), pick(self.groups), self.grid)

    def time_mean(self, chunk=4096):
        """(n, mel columns x d): patch tokens averaged over time per mel column, columns concatenated.

        Keeps where on the mel axis a sound is, which a mean over all tokens
        loses. Tokens of several windows (long clips) are rows of one longer grid.
        """
        return self._over_time(np.mean, "time_mean", chunk)

    def time_max(self, chunk=4096):
        """(n, mel columns x d): as `time_mean` with the maximum over time (a short call counts as a long one)."""
        return self._over_time(np.max, "time_max", chunk)

    def _over_time(self, reduce, what, chunk):
        if self.tokens is None or self.grid is None:
            raise ValueError(f"{what} needs un-pooled patch tokens of a backbone with a time x mel grid "
                             "(token_pool = 1; not BirdNET / SavedModel tokens)")
        n, t, d = self.tokens.shape
        f = self.grid[1]
        if t % f:
            raise ValueError(f"{t} tokens per clip do not fill rows of {f} mel columns")
        out = [reduce(np.asarray(self.tokens[i : i + chunk], np.float32).reshape(-1, t // f, f, d), axis=1).reshape(-1, f * d)
               for i in range(0, n, chunk)]  # fmt: skip
        return np.concatenate(out) if out else np.zeros((0, f * d), np.float32)

    def token_inputs(self):
        """(tokens, cls) for token probes; a backbone without tokens offers its embedding as one token."""
        tokens = self.tokens if self.tokens is not None else self.embedding[:, None, :]
        cls = self.cls if self.cls is not None else np.zeros((len(self), tokens.shape[-1]), np.float32)
        return np.asarray(tokens, np.float32), np.asarray(cls, np.float32)


def entry_dir(cache_dir, backbone, task, split, token_pool, tokens=True):
    """Cache folder of one entry; entries without tokens (linear probes only) get a '-notokens' suffix."""
    tag = hashlib.sha256(backbone.checkpoint.encode()).hexdigest()[:10]
    ds = f"{task.dataset}-{task.config}" if task.config else task.dataset
    leaf = f"{split}-{task.clip_seconds:g}s-pool{token_pool}" + ("" if tokens else "-notokens")
    return os.path.join(cache_dir, f"{backbone.name}-{tag}", ds, leaf)


def load_entry(path):
    """Features of a complete cache entry, or None. Arrays are memory-mapped."""
    meta_path = os.path.join(path, "meta.json")
    if not os.path.exists(meta_path):
        return None

    def arr(name):
        f = os.path.join(path, name + ".npy")
        return np.load(f, mmap_mode="r") if os.path.exists(f) else None

    with open(meta_path) as f:
        meta = json.load(f)
    grid = meta.get("grid") if meta.get("token_pool", 1) == 1 else None
    return Features(arr("embedding"), np.asarray(arr("labels")), arr("tokens"), arr("cls"), grid=tuple(grid) if grid else None)


def pool_tokens(tok_btd, group):
    """Average groups of `group` consecutive tokens (time-major grids: group = mel columns pools a time row)."""
    if tok_btd is None or group == 1:
        return tok_btd
    b, t, d = tok_btd.shape
    if t % group:
        raise ValueError(f"token_pool {group} does not divide the {t} tokens per clip")
    return tok_btd.reshape(b, t // group, group, d).mean(axis=2)


def resample(wave_bs, from_rate, to_rate):
    """Resample a batch of waveforms with soxr (each row a channel)."""
    if from_rate == to_rate:
        return wave_bs
    import soxr

    out = soxr.resample(np.ascontiguousarray(wave_bs.T), from_rate, to_rate, quality="HQ")
    return np.ascontiguousarray(out.T, dtype=np.float32)


def extract(backbone, batches, n_examples, *, token_pool=1, token_dtype="float16", source_rate=32000, label=None, verbose=1, tokens=True):
    """Run `backbone` over (wave_bs, labels_bc) NumPy batches at `source_rate`; returns Features (tokens only if asked)."""
    import keras

    bar = keras.utils.Progbar(n_examples, unit_name="clip", verbose=verbose) if verbose else None
    if bar is not None and label:
        print(label, flush=True)
    embs, toks, clss, labels = [], [], [], []
    seen = 0
    for wave_bs, y_bc in batches:
        out = backbone.embed(resample(np.asarray(wave_bs, np.float32), source_rate, backbone.sample_rate))
        embs.append(np.asarray(out["embedding"], np.float32))
        tok = pool_tokens(out["tokens"], token_pool) if tokens else None
        if tok is not None:
            toks.append(tok.astype(token_dtype))
        if out["cls"] is not None:
            clss.append(np.asarray(out["cls"], np.float32))
        labels.append(np.asarray(y_bc, np.float32))
        seen += len(y_bc)
        if bar is not None:
            bar.update(seen)
    if not labels:
        raise ValueError(f"{label or 'split'}: no examples")
    cat = lambda xs: np.concatenate(xs) if xs else None  # noqa: E731
    return Features(cat(embs), cat(labels), cat(toks), cat(clss))


def save_entry(path, feats, meta):
    """Write an entry atomically (temporary folder, then rename)."""
    parent = os.path.dirname(path)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".tmp-", dir=parent)
    try:
        for name in ("embedding", "labels", "tokens", "cls"):
            a = getattr(feats, name)
            if a is not None:
                np.save(os.path.join(tmp, name + ".npy"), a)
        with open(os.path.join(tmp, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
        try:
            os.rename(tmp, path)
        except OSError:  # another process finished the same entry first
            if not os.path.exists(os.path.join(path, "meta.json")):
                raise
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)


def split_batches(task, split, builder, info, batch_size):
    """(wave_bs, labels_bc) NumPy batches of a split: the task's fixed window from the start."""
    from birdjepa_keras.data import pipeline

    ds = pipeline.eval_dataset(
        builder,
        split,
        clip_samples=task.clip_samples(info.sample_rate),
        batch_size=batch_size,
        num_classes=info.num_classes,
    )
    return ds.as_numpy_iterator()


def get_features(backbone, task, split, builder, info, *, cache_dir, batch_size=16, token_pool=1, token_dtype="float16", verbose=1, tokens=True, groups=False):
    """Cached Features of (backbone, task's dataset, split); computed and stored on a miss.

    `tokens=False` (only linear probes) skips caching tokens, but reuses an entry that has them.
    `groups=True` attaches each row's source recording (`split_groups`, cached in the entry).
    """
    attach = (lambda f, p: with_groups(f, p, builder, split)) if groups else (lambda f, p: f)  # noqa: E731
    path = entry_dir(cache_dir, backbone, task, split, token_pool)
    feats = load_entry(path)
    if feats is not None:
        return attach(feats, path)
    if not tokens:
        path = entry_dir(cache_dir, backbone, task, split, token_pool, tokens=False)
        feats = load_entry(path)
        if feats is not None:
            return attach(feats, path)
    n = info_examples(builder, split)
    t0 = time.time()
    feats = extract(
        backbone,
        split_batches(task, split, builder, info, batch_size),
        n,
        token_pool=token_pool,
        token_dtype=token_dtype,
        source_rate=info.sample_rate,
        label=f"Embedding {task.dataset}/{task.config or '-'} {split} with {backbone.name} ({n} clips)",
        verbose=verbose,
        tokens=tokens,
    )
    meta = {
        "backbone": backbone.name,
        "checkpoint": backbone.checkpoint,
        "dataset": task.dataset,
        "config": task.config,
        "split": split,
        "clip_seconds": task.clip_seconds,
        "token_pool": token_pool,
        "grid": list(backbone.grid) if getattr(backbone, "grid", None) else None,
        "tokens": feats.tokens is not None,
        "n": len(feats),
        "seconds": round(time.time() - t0, 2),
        "class_names": list(info.class_names),
    }
    save_entry(path, feats, meta)
    return attach(load_entry(path), path)


# Features naming a task example's source recording, most specific first: BEANS keeps the
# file in `source_path` (its detection `recording_id` is `path@start`, one per window);
# BirdSet and the synthetic set name the audio file in `recording_id`.
GROUP_FEATURES = ("source_path", "recording_id", "filepath")


def group_feature(builder):
    """The feature of `builder` that identifies an example's source recording, or None."""
    keys = set(builder.info.features.keys())
    return next((k for k in GROUP_FEATURES if k in keys), None)


def split_groups(builder, split):
    """(n,) str: the source recording of every example of `split`, in stored order.

    One pass over the split reading only that text feature (audio is not
    decoded). Returns None when the dataset names no recording.
    """
    import tensorflow_datasets as tfds

    key = group_feature(builder)
    if key is None:
        return None
    skip = {k: tfds.decode.SkipDecoding() for k in builder.info.features.keys() if k != key}
    ds = builder.as_dataset(split=split, shuffle_files=False, decoders=skip)
    ds = ds.map(lambda ex: ex[key])
    return np.asarray([v.decode("utf-8") for v in ds.as_numpy_iterator()], dtype=str)


def with_groups(feats, path, builder, split):
    """`feats` with `groups` from `<entry>/groups.npy`, computed and saved there on first use."""
    f = os.path.join(path, "groups.npy")
    if os.path.exists(f):
        groups = np.load(f)
    else:
        groups = split_groups(builder, split)
        if groups is None:
            return feats
        if len(groups) != len(feats):
            raise ValueError(f"{path}: {len(groups)} recording ids for {len(feats)} cached rows")
        tmp = f"{f}.{os.getpid()}.tmp.npy"
        np.save(tmp, groups)
        os.replace(tmp, f)
    return dataclasses.replace(feats, groups=groups)


def info_examples(builder, split):
    return int(builder.info.splits[split].num_examples)
