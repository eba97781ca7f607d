"""`birdjepa-run check-data`: a few-second look at a local BirdSet copy before a long download or build.

    birdjepa-run check-data --manual_dir /data/BirdSet [--set POW] [--scan-mb 256] [--sample 64]

For each set found (or `--set`) and each split the builder would make, it
prints: shard files, metadata rows and files, how rows match archive members
(audio without a row, rows without audio), the label form (code strings or
ClassLabel ints) with unknown codes and empty label lists, durations, what
would be zero-padded (test segments under 5 s) or skipped, and an estimated
build size (decoded int16 at 32 kHz, as the builders store it). For a train
split the estimate follows the builder's sampling: the event rows BirdSet's
smart sampling keeps (`birdset_events.plan_events` on the parquet's
`detected_events` / `event_cluster`), each stored as its event widened to
8 s inside the recording (`birdset_events.event_window`); a recording's
duration is its header's when sampled, else the parquet's `length`.

It does not decode audio. Parquets are read in full (a few columns only);
tar.gz shards are listed in order until `--scan-mb` of them has been read
(at least one per split), so matching is exact for the listed shards; the
first `--sample` members per split are read with `soundfile.info` (headers:
exact for Ogg/WAV/FLAC, an estimate for MP3). Files that open but fail part way
are only found by the build. No TensorFlow here.
"""

import argparse
import os
import statistics
import sys
import tarfile
import time

from tfds_builders._lib import birdset, birdset_events, birdset_files
from tfds_builders._lib.birdset_classes import CLASSES

BYTES_PER_S = 2 * birdset_files.SAMPLE_RATE  # int16 mono at 32 kHz


class CheckError(Exception):
    """A wrong --manual_dir / --set: one line for the user."""


def find_sets(root, set_name=None):
    """(root holding the set folders, [sets]) for a --manual_dir; raises CheckError if none is there."""
    root = os.path.abspath(os.fspath(root))
    if not os.path.isdir(root):
        raise CheckError(f"--manual_dir {root}: no such folder")
    if os.path.basename(root) in birdset_files.ALL_SETS and not any(
            os.path.isdir(os.path.join(root, s)) for s in birdset_files.ALL_SETS):
        root, only = os.path.dirname(root), os.path.basename(root)  # pointed at the set folder itself
        set_name = set_name or only
    if set_name:
        set_name = set_name.upper()
        if set_name not in birdset_files.ALL_SETS:
            raise CheckError(f"--set {set_name}: not a BirdSet set (one of {', '.join(birdset_files.ALL_SETS)})")
        if not _has_files(root, set_name):
            train = birdset_files.split_patterns(set_name)["train"]
            raise CheckError(f"{root}: no files of {set_name} (expected {train[2]} and {train[3]}, the hub's "
                             f"`data` layout)")
        return root, [set_name]
    sets = [s for s in birdset_files.ALL_SETS if _has_files(root, s)]
    if not sets:
        raise CheckError(f"{root}: no BirdSet files (expected <SET>/<SET>_*shard_*.tar.gz and "
                         f"<SET>/<SET>_metadata*.parquet folders, e.g. POW/POW_train_shard_0001.tar.gz, "
                         f"for <SET> in {', '.join(birdset_files.ALL_SETS)})")
    return root, sets


def _has_files(root, set_name):
    folder = os.path.join(root, set_name)
    return os.path.isdir(folder) and any(n.startswith(f"{set_name}_") and n.endswith((".tar.gz", ".parquet"))
                                         for n in os.listdir(folder))


def _read_metadata(path):
    """(basenames per row, label columns {name: values}, label form, spans per row) from a parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    if "filepath" not in schema.names:
        raise ValueError(f"no `filepath` index or column (columns: {schema.names[:8]})")
    form = "index" if "filepath" in ((schema.pandas_metadata or {}).get("index_columns") or []) else "column"
    wanted = [c for c in ("filepath", "ebird_code", "ebird_code_multilabel", "start_time", "end_time", "length",
                          "detected_events", "event_cluster") if c in schema.names]
    table = pq.read_table(path, columns=wanted)
    cols = {c: table.column(c).to_pylist() for c in wanted}
    names = [birdset.basename(p) for p in cols["filepath"]]
    label_type = schema.field("ebird_code").type if "ebird_code" in schema.names else pa.null()
    multi_type = schema.field("ebird_code_multilabel").type if "ebird_code_multilabel" in schema.names else None
    types = [label_type] + ([multi_type.value_type] if multi_type is not None else [])
    if any(pa.types.is_integer(t) for t in types):
        label_form = "ClassLabel ints"
    elif any(pa.types.is_string(t) or pa.types.is_large_string(t) for t in types):
        label_form = "code strings"
    else:
        label_form = "none"
    return names, cols, form, label_form


def _label_stats(cols, label_set):
    """(unknown code count, empty multilabel lists, rows without any label)."""
    known, n = set(CLASSES[label_set]), len(CLASSES[label_set])
    unknown, empty, unlabelled = 0, 0, 0
    singles = cols.get("ebird_code", [])
    multis = cols.get("ebird_code_multilabel", [])
    for i in range(max(len(singles), len(multis))):
        single = singles[i] if i < len(singles) else None
        multi = multis[i] if i < len(multis) else None
        if multi is not None and len(multi) == 0:
            empty += 1
        values = ([single] if single is not None else []) + list(multi or [])
        unlabelled += not values
        for v in values:
            unknown += (not 0 <= v < n) if isinstance(v, int) else (v not in known)
    return unknown, empty, unlabelled


def _scan_shards(shards, budget_bytes, sample):
    """Shards listed within the byte budget, their members, (name, bytes) of the first `sample`, bad shards."""
    listed, members, sampled, bad = [], [], [], []
    used = 0
    for shard in shards:
        if listed and used >= budget_bytes:
            break
        try:
            with tarfile.open(shard, mode="r|gz") as tar:
                for member in tar:
                    if not member.isfile():
                        continue
                    name = birdset.basename(member.name)
                    members.append((os.path.basename(shard), name))
                    if len(sampled) < sample:
                        sampled.append((name, tar.extractfile(member).read()))
        except (tarfile.TarError, OSError, EOFError) as e:  # a cut download: report, keep going
            bad.append(f"{os.path.basename(shard)} ({type(e).__name__}: {str(e)[:80]})")
        listed.append(shard)
        used += os.path.getsize(shard)
    return listed, members, sampled, bad


def train_estimate(names, cols, label_set, header_s, *, class_limit=birdset_events.CLASS_LIMIT,
                   event_limit=birdset_events.EVENT_LIMIT, extension_s=birdset_events.EXTENSION_S, seed=0):
    """Seconds of audio a train build stores, as the builder plans it (birdset_events).

    Args:
        names: audio basename of each parquet row; cols: its columns (`ebird_code`,
            `detected_events`, `event_cluster`, `length` where present).
        header_s: {basename: seconds} read from headers (they win over `length`).

    Returns (seconds, kept event rows, all event rows, {"header"|"length"|"unknown": files}).
    A file of unknown duration gets the unclipped widened window (8 s for a
    shorter event, the event itself when longer): an upper bound.
    """
    n = len(names)
    column = lambda c: cols.get(c) or [None] * n  # noqa: E731
    codes, events, clusters, lengths = (column(c) for c in ("ebird_code", "detected_events", "event_cluster",
                                                            "length"))
    duration = {}
    for name, length in zip(names, lengths):
        if name not in duration and length is not None and length > 0:
            duration[name] = float(length)
    source = {}
    for name in set(names):
        source[name] = "header" if name in header_s else "length" if name in duration else "unknown"
    duration.update(header_s)

    def rows():
        for name, code, ev, cl in zip(names, codes, events, clusters):
            code = birdset.label_codes(code, label_set)
            ev = [e[:2] for e in (ev or []) if e is not None and len(e) >= 2]
            yield name, code[0] if code else "", ev, [int(c) for c in (cl or [])]

    everything = birdset_events.plan_events(rows(), class_limit=0, event_limit=0)
    plan = birdset_events.plan_events(rows(), class_limit=class_limit, event_limit=event_limit, seed=seed)
    seconds = 0.0
    for name, kept in plan.items():
        d = duration.get(name, float("inf"))
        for ev in kept:
            start, end = birdset_events.event_window(ev.start, ev.end, d, extension_s)
            seconds += end - start
    counts = {k: sum(v == k for v in source.values()) for k in ("header", "length", "unknown")}
    return (seconds, sum(map(len, plan.values())), sum(map(len, everything.values())), counts)


def _header_seconds(data):
    """Duration from the file header (soundfile.info), or None when it cannot be read."""
    import io

    import soundfile as sf

    if not data:
        return None
    try:
        info = sf.info(io.BytesIO(data))
    except (RuntimeError, OSError):  # libsndfile's refusals (LibsndfileError is a RuntimeError): counted, reported
        return None
    return info.frames / info.samplerate if info.samplerate and info.frames > 0 else None


def _mb(n):
    return f"{n / 1e6:.1f} MB" if n < 1e9 else f"{n / 1e9:.2f} GB"


def check_split(root, split, kind, label_set, shard_glob, meta_rel, *, scan_mb=256, sample=64,
                class_limit=birdset_events.CLASS_LIMIT, event_limit=birdset_events.EVENT_LIMIT):
    """Lines describing one split (see the module doc); the limits are the train sampling's."""
    shards = birdset_files._glob(root, shard_glob)
    meta_path = os.path.join(root, meta_rel)
    has_meta = os.path.exists(meta_path)
    if not shards and not has_meta:
        optional = " (optional: the build leaves it out)" if split in birdset_files.OPTIONAL_SPLITS else ""
        return [f"  {split}: not present: no {shard_glob}, no {meta_rel}{optional}"]
    size = sum(os.path.getsize(s) for s in shards)
    lines = [f"  {split} ({kind}): {len(shards)} shard file(s), {_mb(size)}; metadata {meta_rel}"
             + ("" if has_meta else " MISSING")]
    names, cols, label_form = [], {}, "none"
    if has_meta:
        try:
            names, cols, form, label_form = _read_metadata(meta_path)
        except (OSError, ValueError, KeyError) as e:  # pyarrow cannot read it (ArrowIOError/ArrowInvalid) or no filepath: say so, go on
            lines.append(f"    metadata: cannot read ({str(e).splitlines()[0][:160]})")
            has_meta = False
        else:
            lines.append(f"    metadata: {len(names)} rows for {len(set(names))} audio files "
                         f"(`filepath` as the {form})")
    listed, members, sampled, bad = _scan_shards(shards, scan_mb * 1e6, sample) if shards else ([], [], [], [])
    if bad:
        lines.append(f"    unreadable shard files (the build would fail on them): {len(bad)}, e.g. {bad[0]}")
    if shards:
        lines += _member_lines(names, members, len(listed), len(shards))
    if has_meta:
        unknown, empty, unlabelled = _label_stats(cols, label_set)
        lines.append(f"    labels: {label_form}; unknown to {label_set}: {unknown}; empty ebird_code_multilabel: "
                     f"{empty}; rows without any label: {unlabelled}")
    seconds = [(n, _header_seconds(d)) for n, d in sampled]
    lines += _duration_lines(seconds, kind)
    n_rows = len(names) if names else len(members)
    lines.append(_estimate_line(kind, n_rows, names, cols, label_set, seconds, class_limit, event_limit))
    return lines


def _member_lines(names, members, n_listed, n_shards):
    """Archive members matched to metadata rows, both ways."""
    member_names = {n for _, n in members}
    rows_by_name = {}
    for n in names:
        rows_by_name[n] = rows_by_name.get(n, 0) + 1
    matched = [n for n in member_names if n in rows_by_name]
    no_row = sorted(f"{s}/{n}" for s, n in members if n not in rows_by_name)
    part = "" if n_listed == n_shards else f" (listed {n_listed} of {n_shards} shards)"
    missing = sorted(set(names) - member_names)
    what = "rows without audio" if n_listed == n_shards else "rows for files not in the listed shards"
    return [f"    archive members{part}: {len(members)}; matched {len(matched)} files "
            f"({sum(rows_by_name[n] for n in matched)} rows); audio without a row: {len(no_row)}"
            + (f", e.g. {no_row[0]}" if no_row else ""),
            f"    {what}: {len(missing)} files" + (f", e.g. {missing[0]}" if missing else "")]


def _duration_lines(seconds, kind):
    """Header durations of the sampled members [(name, seconds or None)], and what the build would skip/pad."""
    if not seconds:
        return []
    readable = [s for _, s in seconds if s is not None]
    unreadable = [n for n, s in seconds if s is None]
    stats = (f"min {min(readable):.2f} s, median {statistics.median(readable):.2f} s, max {max(readable):.2f} s"
             if readable else "none readable")
    skip = f"would be skipped (empty or unreadable header): {len(unreadable)} of {len(seconds)} sampled" + (
        f", e.g. {unreadable[0]}" if unreadable else "")
    if kind == "segments":
        short = sum(s < 5.0 for s in readable)
        skip = f"would be zero-padded to 5 s: {short} of {len(readable)} sampled; {skip}"
    return [f"    durations (headers of the first {len(seconds)} members): {stats}", f"    {skip}"]


def _estimate_line(kind, n_rows, names, cols, label_set, seconds, class_limit, event_limit):
    """The estimated size of the built split (int16 at 32 kHz)."""
    readable = [s for _, s in seconds if s is not None]
    if kind == "segments":
        estimate = n_rows * 5.0 * BYTES_PER_S
        how = f"{n_rows} segments x 5 s"
    elif kind == "train" and names:
        header_s = {n: s for n, s in seconds if s is not None}
        total_s, kept, rows_all, source = train_estimate(names, cols, label_set, header_s,
                                                         class_limit=class_limit, event_limit=event_limit)
        estimate = total_s * BYTES_PER_S
        how = (f"{kept} of {rows_all} event rows kept (class_limit {class_limit}, event_limit {event_limit}) x "
               f"{total_s / max(kept, 1):.1f} s mean window (events widened to {birdset_events.EXTENSION_S:g} s); "
               f"durations: {source['header']} files from headers, {source['length']} from `length`, "
               f"{source['unknown']} unknown (8 s assumed)")
    elif readable:
        mean = statistics.fmean(readable)
        n_files = len(set(names)) if kind == "full" and names else n_rows
        estimate = n_files * mean * BYTES_PER_S
        how = f"{n_files} {'recordings' if kind == 'full' else 'rows'} x {mean:.1f} s sampled mean"
    else:
        estimate, how = None, "no readable sample"
    return f"    estimated build size: {_mb(estimate) if estimate is not None else 'unknown'} ({how}, int16 at 32 kHz)"


def check(manual_dir, set_name=None, *, scan_mb=256, sample=64):
    """The report's lines for every set found under manual_dir (or just `set_name`)."""
    root, sets = find_sets(manual_dir, set_name)
    lines = []
    for s in sets:
        lines.append(f"{s}: {os.path.join(root, s)}")
        for split, (kind, label_set, shard_glob, meta_rel) in birdset_files.split_patterns(s).items():
            lines += check_split(root, split, kind, label_set, shard_glob, meta_rel, scan_mb=scan_mb, sample=sample)
    return lines


def main(argv=None):
    p = argparse.ArgumentParser(prog="birdjepa-run check-data", description=__doc__.split("\n\n")[0])
    p.add_argument("--manual_dir", required=True, help="folder holding <SET>/ folders in the hub's `data` layout")
    p.add_argument("--set", dest="set_name", default=None, help="only this set (POW, XCM, ...)")
    p.add_argument("--scan-mb", type=float, default=256, help="list tar.gz shards up to this many MB per split")
    p.add_argument("--sample", type=int, default=64, help="members per split whose headers are read")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        lines = check(args.manual_dir, args.set_name, scan_mb=args.scan_mb, sample=args.sample)
    except CheckError as e:
        print(f"birdjepa-run check-data: error: {e}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    print(f"(checked in {time.perf_counter() - t0:.1f} s; no audio decoded: headers of a sample only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
