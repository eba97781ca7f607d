"""Reading BirdSet's tar.gz shards in parallel work units, and the notes the units leave.

A unit is (shard path, metadata path, part, parts): members i with i % parts == part.
"""

import math
import os
import tarfile

from birdjepa_keras.data import audio
from tfds_builders._lib.birdset import basename, load_metadata, make_examples


def iter_members(path):
    """(basename, bytes) of every regular file in a tar.gz, streamed (no extraction).

    Members in folders inside the archive are found by basename, as upstream
    extracts them.
    """
    from etils import epath

    with epath.Path(path).open("rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
        for member in tar:
            if member.isfile():
                yield basename(member.name), tar.extractfile(member).read()


def process_shard_part(unit, spec):
    """Work unit (shard path, metadata path, part, parts) -> outcomes.

    Members i with i % parts == part are decoded; outcomes are
    ("example", key, example) or ("skip", {"file", "split", "reason"}) for an
    unusable file. What the unit saw (all member names, for part 0; padded
    segments; audio without a metadata row) goes to `spec.notes_dir`.
    """
    shard, meta_path, part, parts = unit
    meta = load_metadata(meta_path)
    seen = dict(split=spec.split, shard=os.path.basename(shard), part=part, members=[], padded=[], no_row=[])
    n_segment = int(round(spec.segment_s * spec.sample_rate))
    for i, (name, data) in enumerate(iter_members(shard)):
        if part == 0:
            seen["members"].append(name)
        if i % parts != part:
            continue
        rows = meta.rows(name)
        if not rows:
            seen["no_row"].append(name)
            continue
        try:
            examples = make_examples(name, data, rows, spec)
        except audio.AudioFileError as e:
            yield ("skip", {"file": f"{os.path.basename(shard)}/{name}", "split": spec.split, "reason": str(e)})
            continue
        for key, example in examples:
            if spec.kind == "segments" and round(example["duration_s"] * spec.sample_rate) < n_segment:
                seen["padded"].append(key)
            yield ("example", key, example)
    if spec.notes_dir:
        _write_notes(spec.notes_dir, seen)


def _write_notes(notes_dir, seen):
    import json

    from etils import epath

    folder = epath.Path(notes_dir)
    folder.mkdir(parents=True, exist_ok=True)
    folder.joinpath(f"{seen['split']}-{seen['shard']}-{seen['part']}.json").write_text(json.dumps(seen))


def summarize_notes(notes_dir, metadata_paths, max_listed=1000):
    """Per split: padded segments, audio without rows, rows without audio (from the units' notes).

    Args:
        notes_dir: folder the work units wrote to.
        metadata_paths: {split: parquet path}.

    Returns:
        {split: {"padded": [...], "audio_without_rows": [...], "rows_without_audio": [...]}} with
        the full counts under "num_<key>" and at most `max_listed` sorted names listed.
    """
    import json

    from etils import epath

    seen = {split: dict(members=set(), padded=[], no_row=[]) for split in metadata_paths}
    folder = epath.Path(notes_dir)
    for path in (sorted(folder.glob("*.json")) if folder.exists() else []):
        note = json.loads(path.read_text())
        acc = seen.setdefault(note["split"], dict(members=set(), padded=[], no_row=[]))
        acc["members"].update(note["members"])
        acc["padded"] += note["padded"]
        acc["no_row"] += [f"{note['shard']}/{n}" for n in note["no_row"]]
    out = {}
    for split, acc in seen.items():
        missing = sorted(load_metadata(metadata_paths[split]).names() - acc["members"]) if split in metadata_paths else []
        lists = dict(padded=sorted(acc["padded"]), audio_without_rows=sorted(acc["no_row"]), rows_without_audio=missing)
        out[split] = {k: v[:max_listed] for k, v in lists.items()}
        out[split].update({f"num_{k}": len(v) for k, v in lists.items()})
    return out


def work_units(files, parts_per_shard):
    return [(shard, files.metadata, part, parts_per_shard) for shard in files.shards for part in range(parts_per_shard)]


def parts_per_shard(num_shards, target_units, max_parts=16):
    """Split each shard over several workers (each re-reads the gzip stream) when shards are few."""
    return int(min(max_parts, max(1, math.ceil(target_units / max(1, num_shards)))))
