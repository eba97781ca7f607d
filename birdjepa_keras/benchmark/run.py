"""`birdjepa-run BENCH.toml`: every task x backbone x probe x n_train x seed, results in SQLite.

For each task and backbone: skip if every row is already in the database;
else load the backbone, get (cached) features of train / valid / test, then
fit and score each missing (probe, n_train, seed) and store its row. A
report (Markdown + PNG) of the whole database ends the run.
"""

import itertools
import os
import time

import numpy as np

from birdjepa_keras.benchmark import backbones as backbones_lib
from birdjepa_keras.benchmark.config import dump_recipe
from birdjepa_keras.benchmark.features import get_features
from birdjepa_keras.benchmark.probes import fit_and_score, sample_k_shot
from birdjepa_keras.benchmark.store import ResultStore, provenance
from birdjepa_keras.benchmark.tasks import get_task


def run_dir_for(recipe):
    return os.path.join(recipe.run.output_dir, recipe.run.name)


def paths(recipe):
    """(run dir, database path, feature cache dir) of a benchmark recipe."""
    run_dir = run_dir_for(recipe)
    b = recipe.benchmark
    return run_dir, b.db or os.path.join(run_dir, "results.sqlite"), b.cache_dir or os.path.join(recipe.run.output_dir, "feature_cache")


def open_task(task, data_cfg):
    """(builder, SplitInfo) of a task's dataset, built first if it is missing and buildable."""
    from birdjepa_keras.data import pipeline

    builder = pipeline.get_builder(task.dataset, task.config, data_cfg.data_dir)
    if data_cfg.manual_dir and data_cfg.build_if_missing and not builder.is_prepared():
        import tensorflow_datasets as tfds

        print(f"Building {builder.info.full_name} from {data_cfg.manual_dir} (first use only) ...", flush=True)
        builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=data_cfg.manual_dir))
    builder = pipeline.ensure_prepared(builder, data_cfg.build_if_missing)
    for split in (task.train_split, task.valid_split, task.test_split):
        if split is not None and split not in builder.info.splits:
            raise ValueError(f"task {task.name}: {builder.info.full_name} has no split {split!r} (has {list(builder.info.splits)})")
    return builder, pipeline.split_info(builder, task.train_split)


def holdout(train, fraction, seed=0):
    """Split Features into (train, valid): a fixed random `fraction` of rows for validation."""
    perm = np.random.default_rng(seed).permutation(len(train))
    n_valid = max(1, int(round(fraction * len(train))))
    return train.subset(np.sort(perm[n_valid:])), train.subset(np.sort(perm[:n_valid]))


def task_features(backbone, task, builder, info, recipe, cache_dir, token_pool=0):
    """(train, valid, test) Features of a task for one backbone (valid held out of train if needed)."""
    b = recipe.benchmark

    def get(split):
        return get_features(
            backbone, task, split, builder, info, cache_dir=cache_dir, batch_size=b.batch_size,
            token_pool=token_pool or b.token_pool, token_dtype=b.token_dtype, verbose=b.verbose,
            tokens=any(p != "linear" for p in b.probes),
        )  # fmt: skip

    train = get(task.train_split)
    if task.valid_split is None:
        train, valid = holdout(train, b.valid_fraction)
    else:
        valid = get(task.valid_split)
    return train, valid, get(task.test_split)


def run(recipe):
    """Run a benchmark recipe; returns the number of rows written by this run."""
    import keras

    started = time.time()
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
    written = skipped = 0
    loaded = {}
    with ResultStore(db_path) as store:
        done = store.done_keys()
        todo = {}
        for task in tasks:
            for bcfg in recipe.backbones:
                ckpt = backbones_lib.checkpoint_id(bcfg)
                missing = [j for j in jobs if (task.name, bcfg.name, ckpt, *j) not in done]
                skipped += len(jobs) - len(missing)
                if missing:
                    todo[(task.name, bcfg.name)] = (task, bcfg, ckpt, missing)
        total = sum(len(v[3]) for v in todo.values())
        print(f"Benchmark {recipe.run.name}: {len(tasks)} task(s) x {len(recipe.backbones)} backbone(s) x {len(jobs)} "
              f"probe runs; {skipped} already in {db_path}, {total} to do")  # fmt: skip
        bar = keras.utils.Progbar(total, unit_name="probe", verbose=b.verbose) if b.verbose and total else None
        opened = {}
        for task, bcfg, ckpt, missing in todo.values():
            if task.name not in opened:
                opened = {task.name: open_task(task, recipe.data)}  # keep one dataset open at a time
            builder, info = opened[task.name]
            if bcfg.name not in loaded:
                loaded[bcfg.name] = backbones_lib.load_backbone(bcfg)
            backbone = loaded[bcfg.name]
            train, valid, test = task_features(backbone, task, builder, info, recipe, cache_dir, bcfg.token_pool)
            for probe, n_train, seed in missing:
                t0 = time.time()
                idx = sample_k_shot(train.labels, n_train, seed)
                select = task.score if b.select_on == "metric" else None
                res = fit_and_score(
                    probe, train.subset(idx), valid, [valid, test], multi_label=task.multi_label, cfg=recipe.probe, seed=seed, select=select
                )
                test_metrics = task.metrics(test.labels, res.scores[1])
                valid_value = task.metrics(valid.labels, res.scores[0])[task.primary]
                row = {
                    "task": task.name, "backbone": bcfg.name, "checkpoint": ckpt, "probe": probe,
                    "n_train": n_train, "seed": seed, "metrics": test_metrics,
                    "primary_metric": task.primary, "primary_value": test_metrics[task.primary],
                    "valid_value": valid_value, "n_examples": int(len(idx)), "epochs": res.epochs,
                    "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "seconds": round(time.time() - t0, 3), **prov,
                }  # fmt: skip
                store.put(row)
                written += 1
                if bar is not None:
                    tag = f"{task.name}/{bcfg.name}/{probe}/k={'all' if n_train == -1 else n_train}/seed={seed}"
                    print(f"  {tag}: {task.primary} {test_metrics[task.primary]:.4f} ({time.time() - t0:.1f} s)", flush=True)
                    bar.add(1)
    print(f"\n{written} new row(s), {skipped} skipped, {time.time() - started:.0f} s; database {db_path}")
    if b.report:
        from birdjepa_keras.benchmark.report import write_report

        print(write_report(db_path, run_dir))
    return written
