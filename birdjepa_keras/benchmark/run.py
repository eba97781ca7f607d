"""`birdjepa-run BENCH.toml`: every task x backbone x probe x n_train x seed, results in SQLite.

For each task and backbone: skip if every row is already in the database;
else load the backbone, get (cached) features of train / valid / test, then
fit and score each missing (probe, n_train, seed) and store its row. A
report (Markdown + PNG) of the whole database ends the run.
"""

import dataclasses
import itertools
import os
import time

import numpy as np

from birdjepa_keras.benchmark import backbones as backbones_lib
from birdjepa_keras.config.benchmark import apply_protocol, dump_recipe
from birdjepa_keras.config.data import FrontendConfig
from birdjepa_keras.config.model import ModelConfig
from birdjepa_keras.benchmark.features import get_features, split_batches
from birdjepa_keras.benchmark.probes import fit_and_score, sample_k_shot
from birdjepa_keras.benchmark.store import ResultStore, provenance
from birdjepa_keras.benchmark.tasks import get_task
from birdjepa_keras.models.build import encoder_overrides

# Probes that need a time x mel patch grid (and, for finetune, a Keras encoder to train).
GRID_PROBES = ("linear_time_mean", "linear_time_max", "finetune")
TOKEN_PROBES = ("linear_time_mean", "linear_time_max", "prototypical", "attentive")
POW_TASK = "birdset_pow"


def paths(recipe):
    """(run dir, database path, feature cache dir) of a benchmark recipe."""
    run_dir = recipe.run.dir
    b = recipe.benchmark
    return run_dir, b.db or os.path.join(run_dir, "results.sqlite"), b.cache_dir or os.path.join(recipe.run.output_dir, "feature_cache")


def open_task(task, data_cfg):
    """(builder, SplitInfo) of a task's dataset, built first if it is missing and buildable."""
    from birdjepa_keras.data import pipeline
    import tfds_builders

    builder = tfds_builders.get_builder(task.dataset, task.config, data_cfg.data_dir)
    if data_cfg.manual_dir and data_cfg.build_if_missing and not builder.is_prepared():
        import tensorflow_datasets as tfds

        print(f"Building {builder.info.full_name} from {data_cfg.manual_dir} (first use only) ...", flush=True)
        builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=data_cfg.manual_dir))
    builder = tfds_builders.ensure_prepared(builder, data_cfg.build_if_missing)
    for split in (task.train_split, task.valid_split, task.test_split):
        if split is not None and split not in builder.info.splits:
            raise ValueError(f"task {task.name}: {builder.info.full_name} has no split {split!r} (has {list(builder.info.splits)})")
    return builder, pipeline.split_info(builder, task.train_split)


def holdout_indices(n, groups, fraction, seed=0):
    """(train_idx, valid_idx) with whole recordings on each side.

    Recordings (`groups`; None = every row its own) are shuffled with a fixed
    seed and taken for validation until they hold at least `fraction` of the
    rows (at least one recording, never all), so windows or event rows of
    one recording never land on both sides. Sorted int indices.
    """
    keys = np.arange(n) if groups is None else np.asarray(groups)
    if len(keys) != n:
        raise ValueError(f"{len(keys)} recording ids for {n} rows")
    uniq, inv = np.unique(keys, return_inverse=True)
    if len(uniq) < 2:
        raise ValueError(f"cannot hold out validation recordings: the training split has {len(uniq)} recording(s)")
    order = np.random.default_rng(seed).permutation(len(uniq))
    cum = np.cumsum(np.bincount(inv, minlength=len(uniq))[order])
    k = min(int(np.searchsorted(cum, max(1, int(round(fraction * n))))) + 1, len(uniq) - 1)
    in_valid = np.isin(inv, order[:k])
    return np.flatnonzero(~in_valid), np.flatnonzero(in_valid)


def holdout(train, fraction, seed=0):
    """Split Features (or Waves) into (train, valid) by recording: see `holdout_indices`."""
    tr, va = holdout_indices(len(train), getattr(train, "groups", None), fraction, seed)
    return train.subset(tr), train.subset(va)


def remap_labels(y_nc, from_names, to_names):
    """Multi-hot labels over `from_names` -> over `to_names`, matched by class name (eBird code)."""
    index = {n: j for j, n in enumerate(to_names)}
    m = np.zeros((len(from_names), len(to_names)), np.float32)
    for i, n in enumerate(from_names):
        if n in index:
            m[i, index[n]] = 1.0
    if not m.any():
        raise ValueError(f"no class in common between {len(from_names)} and {len(to_names)} classes")
    return (np.asarray(y_nc, np.float32) @ m > 0).astype(np.float32)


def uses_pow_valid(task, recipe):
    return recipe.benchmark.birdset_valid == "pow" and task.suite == "birdset" and task.name != POW_TASK


def task_features(backbone, task, builder, info, recipe, cache_dir, token_pool=0, pow_source=None):
    """(train, valid, test) Features of a task for one backbone.

    Validation: the task's split; else POW's 5 s segments for BirdSet with
    `benchmark.birdset_valid = "pow"` (`pow_source` = POW's (builder, SplitInfo));
    else a recording-disjoint part of train.
    """
    b = recipe.benchmark

    def get(t, split, bld, inf, groups=False):
        return get_features(
            backbone, t, split, bld, inf, cache_dir=cache_dir, batch_size=b.batch_size,
            token_pool=token_pool or b.token_pool, token_dtype=b.token_dtype, verbose=b.verbose,
            tokens=any(p in TOKEN_PROBES for p in b.probes), groups=groups,
        )  # fmt: skip

    if task.valid_split is not None:
        return get(task, task.train_split, builder, info), get(task, task.valid_split, builder, info), get(task, task.test_split, builder, info)
    if uses_pow_valid(task, recipe):
        pow_task = get_task(POW_TASK)
        valid = get(pow_task, pow_task.test_split, *pow_source)
        valid = dataclasses.replace(valid, labels=remap_labels(valid.labels, pow_source[1].class_names, info.class_names))
        train = get(task, task.train_split, builder, info)
    else:
        train, valid = holdout(get(task, task.train_split, builder, info, groups=True), b.valid_fraction)
    return train, valid, get(task, task.test_split, builder, info)


def task_waves(backbone, task, builder, info, recipe, pow_source=None):
    """(train, valid, test) Waves for fine-tuning, split exactly as `task_features` splits features."""
    from birdjepa_keras.benchmark.features import split_groups
    from birdjepa_keras.benchmark.finetune import load_waves

    b = recipe.benchmark

    def get(t, split, bld, inf, groups=None):
        return load_waves(split_batches(t, split, bld, inf, b.batch_size), inf.sample_rate, backbone, groups)

    test = get(task, task.test_split, builder, info)
    if task.valid_split is not None:
        return get(task, task.train_split, builder, info), get(task, task.valid_split, builder, info), test
    if uses_pow_valid(task, recipe):
        pow_task = get_task(POW_TASK)
        valid = get(pow_task, pow_task.test_split, *pow_source)
        valid.labels = remap_labels(valid.labels, pow_source[1].class_names, info.class_names)
        return get(task, task.train_split, builder, info), valid, test
    train = get(task, task.train_split, builder, info, split_groups(builder, task.train_split))
    return (*holdout(train, b.valid_fraction), test)


def probe_label(probe, task, recipe):
    """The `probe` column: the kind, plus what changes its numbers ("@bird_mae" protocol, "@pow_valid")."""
    label = probe
    if recipe.benchmark.protocol != "ours":
        label += "@" + recipe.benchmark.protocol
    if uses_pow_valid(task, recipe):
        label += "@pow_valid"
    return label


def backbone_jobs(bcfg, jobs):
    """The jobs a backbone can run: grid probes only for encoders with a patch grid."""
    if bcfg.kind in backbones_lib.GRID_KINDS:
        return jobs
    dropped = sorted({j[0] for j in jobs if j[0] in GRID_PROBES})
    if dropped:
        print(f"  {bcfg.name}: {bcfg.kind} tokens have no time x mel grid; skipping {', '.join(dropped)}")
    return [j for j in jobs if j[0] not in GRID_PROBES]


def _plan(recipe, tasks, jobs, done):
    """The (task, backbone) pairs with probe runs not yet in the store, and how many were skipped."""
    todo, skipped = {}, 0
    for task in tasks:
        for bcfg in recipe.backbones:
            ckpt = backbones_lib.checkpoint_id(bcfg)
            mine = backbone_jobs(bcfg, jobs)
            missing = [j for j in mine if (task.name, bcfg.name, ckpt, probe_label(j[0], task, recipe), *j[1:]) not in done]
            skipped += len(mine) - len(missing)
            if missing:
                todo[(task.name, bcfg.name)] = (task, bcfg, ckpt, missing)
    return todo, skipped


def _probe_once(probe, n_train, seed, task, recipe, backbone, feats, waves):
    """One probe run on cached features (or waveforms, for fine-tuning): (result, n_examples)."""
    select = task.score if recipe.benchmark.select_on == "metric" else None
    if probe == "finetune":
        from birdjepa_keras.benchmark.finetune import finetune_and_score

        train, valid, test = waves
        idx = sample_k_shot(train.labels, n_train, seed)
        return finetune_and_score(
            backbone, train.subset(idx), valid, [valid, test], multi_label=task.multi_label, seed=seed, select=select,
            **recipe.probe.kwargs_for("finetune"),
        ), len(idx)  # fmt: skip
    train, valid, test = feats
    idx = sample_k_shot(train.labels, n_train, seed)
    return fit_and_score(
        probe, train.subset(idx), valid, [valid, test], multi_label=task.multi_label, seed=seed, select=select,
        **recipe.probe.kwargs_for(probe),
    ), len(idx)  # fmt: skip


def random_init_architecture(bcfg):
    """`load_backbone`'s keywords for a `random_init` backbone built from its preset; {} otherwise.

    The benchmark's config edge: the default frontend as `LogMel` keywords, the
    preset plus the backbone's patching as `ViTEncoder.from_preset` overrides
    (the rest of the [model] defaults, as training would build it).
    """
    if bcfg.kind != "random_init" or bcfg.like:
        return {}
    fe = FrontendConfig()
    m = ModelConfig(preset=bcfg.preset, patch_size=bcfg.patch_size, n_cls=bcfg.n_cls, n_registers=bcfg.n_registers)
    return {"frontend": dataclasses.asdict(fe), "encoder": encoder_overrides(m, fe)}


def _open_datasets(task, recipe, opened):
    """The task's (builder, info), plus the POW task when it validates on it; one task open at a time."""
    if task.name not in opened:
        opened = {task.name: open_task(task, recipe.data)}
        if uses_pow_valid(task, recipe):
            opened[POW_TASK] = open_task(get_task(POW_TASK), recipe.data)
    return opened


def run(recipe):
    """Run a benchmark recipe; returns the number of rows written by this run."""
    import keras

    started = time.time()
    recipe = apply_protocol(recipe)
    b = recipe.benchmark
    run_dir, db_path, cache_dir = paths(recipe)
    os.makedirs(run_dir, exist_ok=True)
    text = dump_recipe(recipe)
    with open(os.path.join(run_dir, "recipe.toml"), "w") as f:
        f.write(text)
    backbones_lib.check_files(recipe.backbones)  # fail before any work
    tasks = [get_task(name) for name in b.tasks]
    jobs = list(itertools.product(b.probes, b.n_train, b.seeds))
    prov = provenance(text)
    written, loaded, opened = 0, {}, {}
    with ResultStore(db_path) as store:
        todo, skipped = _plan(recipe, tasks, jobs, store.done_keys())
        total = sum(len(v[3]) for v in todo.values())
        print(f"Benchmark {recipe.run.name}: {len(tasks)} task(s) x {len(recipe.backbones)} backbone(s) x {len(jobs)} "
              f"probe runs; {skipped} already in {db_path}, {total} to do")  # fmt: skip
        bar = keras.utils.Progbar(total, unit_name="probe", verbose=b.verbose) if b.verbose and total else None
        for task, bcfg, ckpt, missing in todo.values():
            opened = _open_datasets(task, recipe, opened)
            builder, info = opened[task.name]
            pow_source = opened.get(POW_TASK) if uses_pow_valid(task, recipe) else None
            if bcfg.name not in loaded:
                loaded[bcfg.name] = backbones_lib.load_backbone(bcfg, **random_init_architecture(bcfg))
            backbone = loaded[bcfg.name]
            feats = waves = None
            if any(j[0] != "finetune" for j in missing):
                feats = task_features(backbone, task, builder, info, recipe, cache_dir, bcfg.token_pool, pow_source)
            if any(j[0] == "finetune" for j in missing):
                waves = task_waves(backbone, task, builder, info, recipe, pow_source)
            for probe, n_train, seed in missing:
                t0 = time.time()
                res, n_examples = _probe_once(probe, n_train, seed, task, recipe, backbone, feats, waves)
                _, valid, test = waves if probe == "finetune" else feats
                test_metrics = task.metrics(test.labels, res.scores[1])
                store.put({
                    "task": task.name, "backbone": bcfg.name, "checkpoint": ckpt, "probe": probe_label(probe, task, recipe),
                    "n_train": n_train, "seed": seed, "metrics": test_metrics,
                    "primary_metric": task.primary, "primary_value": test_metrics[task.primary],
                    "valid_value": task.metrics(valid.labels, res.scores[0])[task.primary],
                    "n_examples": int(n_examples), "epochs": res.epochs,
                    "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "seconds": round(time.time() - t0, 3), **prov,
                })  # fmt: skip
                written += 1
                if bar is not None:
                    tag = f"{task.name}/{bcfg.name}/{probe_label(probe, task, recipe)}/k={'all' if n_train == -1 else n_train}/seed={seed}"
                    print(f"  {tag}: {task.primary} {test_metrics[task.primary]:.4f} ({time.time() - t0:.1f} s)", flush=True)
                    bar.add(1)
    print(f"\n{written} new row(s), {skipped} skipped, {time.time() - started:.0f} s; database {db_path}")
    if b.report:
        from birdjepa_keras.benchmark.report import write_report

        print(write_report(db_path, run_dir))
    return written
