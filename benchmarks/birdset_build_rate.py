"""BirdSet build rate on a generated XCM-like copy: recordings/s, one core and all cores.

    python benchmarks/birdset_build_rate.py [--recordings 96] [--seconds 30] [--workers 0] [--out DIR]

Writes `--recordings` OGG/Vorbis focal recordings (32 kHz, `--seconds` long,
8 events each) in 4 tar.gz shards plus parquet metadata, as the hub's `data`
layout, then times (a) decoding + event windowing in one process and (b) a
full `birdset_xcm` build, one example per kept event (all cores unless
--workers). Prints load average: numbers from a busy machine are not comparable.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make_copy(root, n, seconds):
    """The hub layout via the test fixtures' writer (tests/fixtures/birdset_fixtures.py): planted tones."""
    import numpy as np

    from tests.fixtures import birdset_fixtures as fx

    rng = np.random.default_rng(0)
    codes = list(fx.PLANTED_HZ)
    (root / "XCM").mkdir(parents=True)
    members, rows = [], []
    for i in range(n):
        name = f"XC9{i:05d}.ogg"
        code = codes[i % len(codes)]
        members.append((name, fx.ogg(fx.planted(seconds, [(code, 0.0, seconds)], rng))))
        events = [(1 + k * seconds / 8, 1.4 + k * seconds / 8) for k in range(8)]
        rows.append(fx.focal_row("XCM", name, code, seconds, events, [0] * 8))
    shards = 4
    for s in range(shards):
        fx.tar_gz(root / "XCM" / f"XCM_shard_{s + 1:04d}.tar.gz", members[s::shards])
    fx.parquet(root / "XCM" / "XCM_metadata.parquet", rows, index_form=False)
    return sum(len(m[1]) for m in members)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--recordings", type=int, default=96)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=0, help="0 = all cores")
    ap.add_argument("--out", default="", help="keep the built dataset here (a TFDS data_dir), e.g. for "
                    "pipeline_throughput.py --dataset birdset_xcm --config '' --data_dir OUT")
    args = ap.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.workers:
        os.environ["BIRDJEPA_BUILD_WORKERS"] = str(args.workers)

    from tfds_builders._lib import birdset, birdset_files, birdset_shards, build_engine

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "src"
        ogg_bytes = make_copy(root, args.recordings, args.seconds)
        print(f"{args.recordings} recordings x {args.seconds:g} s, {ogg_bytes / 1e6:.1f} MB OGG; "
              f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        files, _ = birdset_files.find_files(root, "XCM")
        spec = birdset.SplitSpec(set_name="XCM", split="train", kind="train", label_set="XCM",
                                 metadata=files["train"].metadata)
        t = time.perf_counter()
        n = sum(1 for unit in birdset_shards.work_units(files["train"], 1)
                for o in birdset_shards.process_shard_part(unit, spec) if o[0] == "example")
        one = time.perf_counter() - t
        print(f"decode + event windows, 1 process: {args.recordings / one:.1f} recordings/s "
              f"({args.recordings * args.seconds / one:.0f} s of audio per s, {n} examples)")

        import tensorflow_datasets as tfds

        import tfds_builders  # noqa: F401

        builder = tfds.builder("birdset_xcm", data_dir=args.out or str(Path(tmp) / "out"))
        t = time.perf_counter()
        builder.download_and_prepare(download_config=tfds.download.DownloadConfig(manual_dir=str(root)))
        full = time.perf_counter() - t
        n = builder.info.splits["train"].num_examples
        print(f"tfds build birdset_xcm, {build_engine.default_workers()} workers: {args.recordings / full:.1f} "
              f"recordings/s, {n} examples "
              f"({full:.1f} s incl. TFDS setup and writing); load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
