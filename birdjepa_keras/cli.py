"""`birdjepa-run`: run a TOML recipe, or embed an audio file with a saved encoder.

    birdjepa-run RECIPE.toml [--set key.path=value ...]
    birdjepa-run SWEEP.toml [--list | --index N | --submit local|slurm]   (a recipe with a [sweep] table)
    birdjepa-run embed FILE --model RUN/encoder.keras [--out FILE.npy]
    birdjepa-run report RESULTS.sqlite [--out DIR]
    birdjepa-run report runs/<sweep name>                   (a sweep's folder: sweep.csv/.md/.png/.sqlite)
    birdjepa-run check-data --manual_dir DIR [--set POW]   (a local BirdSet copy, before building)

Recipe and input problems print one line on stderr and exit with code 2.
"""

import argparse
import os
import sys


def _fail(msg):
    print(f"birdjepa-run: error: {msg}", file=sys.stderr)
    return 2


def _run_parser():
    p = argparse.ArgumentParser(prog="birdjepa-run", description="Run a birdjepa_keras TOML recipe.")
    p.add_argument("recipe", help="path to a recipe .toml")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a recipe key, e.g. --set train.steps=10 (value parsed as TOML)",
    )
    sweep = p.add_argument_group("sweeps (a recipe with a [sweep] table)")
    sweep.add_argument("--list", action="store_true", help="print one line per cell: index, name, done/partial/pending")
    sweep.add_argument("--index", type=int, default=None, metavar="N", help="run cell N only (job arrays)")
    sweep.add_argument("--submit", choices=("local", "slurm"), default=None,
                       help="submit the unfinished cells through submitit (local processes or one Slurm array)")
    return p


def _embed_parser():
    p = argparse.ArgumentParser(prog="birdjepa-run embed", description="Embed an audio file in 5 s windows.")
    p.add_argument("file", help="WAV/FLAC/OGG/MP3 file at any sample rate")
    p.add_argument("--model", required=True, help="path to an encoder.keras")
    p.add_argument("--out", default=None, help="output .npy (default: FILE with .npy suffix)")
    p.add_argument("--hop-seconds", type=float, default=None, help="window hop (default: window length)")
    return p


def _report_parser():
    p = argparse.ArgumentParser(prog="birdjepa-run report", description="Markdown + PNG report of a benchmark database.")
    p.add_argument("db", help="results .sqlite written by a benchmark recipe, or a sweep's folder")
    p.add_argument("--out", default=None, help="output folder (default: the database's folder)")
    return p


def cmd_report(argv):
    args = _report_parser().parse_args(argv)
    if os.path.isdir(os.path.join(args.db, "cells")):
        return cmd_sweep_report(args.db)
    from birdjepa_keras.benchmark.report import write_report

    try:
        print(write_report(args.db, args.out))
    except FileNotFoundError as e:
        return _fail(str(e))
    return 0


def cmd_sweep_report(folder):
    from birdjepa_keras.config import ConfigError
    from birdjepa_keras.sweeps.report import write_sweep_report
    from birdjepa_keras.sweeps.spec import load_sweep_dir

    try:
        print(write_sweep_report(load_sweep_dir(folder)))
    except ConfigError as e:
        return _fail(str(e))
    return 0


def cmd_sweep(args):
    from birdjepa_keras.config import ConfigError
    from birdjepa_keras.sweeps.spec import list_lines, load_sweep, record_source

    try:
        sweep = load_sweep(args.recipe, args.overrides)
    except ConfigError as e:
        return _fail(str(e))
    if args.list:
        print("\n".join(list_lines(sweep)))
        return 0
    if args.index is not None and not 0 <= args.index < len(sweep.cells):
        return _fail(f"--index {args.index}: {args.recipe} has cells 0..{len(sweep.cells) - 1}")
    record_source(sweep, args.overrides)
    from birdjepa_keras.sweeps import runner
    from birdjepa_keras.train.checkpoint import CheckpointError

    try:
        if args.submit:
            runner.submit(sweep, args.overrides, args.submit, None if args.index is None else [args.index])
        elif args.index is not None:
            runner.run_cell(sweep.cells[args.index])
        else:
            print(runner.run_sweep(sweep))
    except (FileNotFoundError, CheckpointError) as e:
        return _fail(str(e))
    return 0


def cmd_run(argv):
    args = _run_parser().parse_args(argv)
    os.environ.setdefault("KERAS_BACKEND", "jax")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from birdjepa_keras.sweeps.spec import is_sweep

    if is_sweep(args.recipe):
        return cmd_sweep(args)
    if args.list or args.index is not None or args.submit:
        return _fail(f"{args.recipe}: --list/--index/--submit need a recipe with a [sweep] table")
    from birdjepa_keras.config import ConfigError, Recipe, load_recipe

    try:
        recipe, _ = load_recipe(args.recipe, args.overrides)
    except ConfigError as e:
        return _fail(str(e))
    if isinstance(recipe, Recipe):
        from birdjepa_keras.train.run import run
    else:  # a benchmark recipe
        from birdjepa_keras.benchmark.run import run

    from birdjepa_keras.train.callbacks import NonFiniteLoss
    from birdjepa_keras.train.checkpoint import CheckpointError

    try:
        run(recipe)
    except (FileNotFoundError, CheckpointError) as e:
        return _fail(str(e))
    except NonFiniteLoss as e:
        print(f"birdjepa-run: training stopped: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_embed(argv):
    args = _embed_parser().parse_args(argv)
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import numpy as np

    from birdjepa_keras.embed import AudioFileError, embed_file

    if not os.path.exists(args.model):
        return _fail(f"--model {args.model}: no such file")
    try:
        emb_wd = embed_file(args.file, args.model, hop_seconds=args.hop_seconds)
    except AudioFileError as e:
        return _fail(str(e))
    out = args.out or os.path.splitext(args.file)[0] + ".npy"
    np.save(out, emb_wd)
    print(f"{out}: {emb_wd.shape[0]} windows x {emb_wd.shape[1]} dims")
    return 0


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "embed":
        return cmd_embed(argv[1:])
    if argv and argv[0] == "report":
        return cmd_report(argv[1:])
    if argv and argv[0] == "check-data":
        from tfds_builders._lib.birdset_check import main as check_data

        return check_data(argv[1:])
    if argv and argv[0] == "run":
        argv = argv[1:]
    return cmd_run(argv)


if __name__ == "__main__":
    sys.exit(main())
