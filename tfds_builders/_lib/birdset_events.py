"""BirdSet's train-time sampling, planned once at build time (NumPy and the standard library only).

Upstream (github DBD-research-group/BirdSet, multilabel training,
`birdset/datamodule/birdset_datamodule.py` / `pretrain_datamodule.py`
`_preprocess_data`) turns each train recording into rows and thins them:

1. `XCEventMapping` (`birdset/datamodule/components/event_mapping.py`,
   `biggest_cluster=True`): one row per detected event of the recording's
   biggest non-noise event cluster; a recording without such events gives
   one row with the event [0, 5] (`event_rows`).
2. `_smart_sampling(label_name="ebird_code", class_limit=500, event_limit=5)`
   (`birdset/datamodule/base_datamodule.py`; limits from
   `configs/datamodule/XCM.yaml` and `BirdSetDataModule`'s defaults): rows are
   grouped by (filepath, ebird_code); within each class the most event-rich
   groups are cut down to the next-largest group's count, level by level
   (`trimmed_counts`); then each group keeps a random subset of that many of
   its rows (`random.sample`; here seeded per group, `plan_events`).
3. `EventDecoding` (`birdset/datamodule/components/event_decoding.py`,
   `configs/datamodule/transforms/decoding/bird_event_decoder.yaml`:
   `extension_time: 8`, `extracted_interval: 5`): at load time each event is
   widened to 8 s inside the file (`widen`) and a random 5 s is read from
   inside the widened window. The random 5 s is left to the train stream's
   crop (`birdjepa_keras.data.pipeline.random_crop`).

The plan (file -> kept event rows) is a pure function of the metadata rows,
the limits and a seed, so every build worker (local processes or Beam) can
recompute it and gets the same answer.
"""

import dataclasses
import hashlib

import numpy as np

NOISE_CLUSTER = -1
# XCEventMapping's row for a recording without events (event_mapping.py: `new_batch[key].append([0, 5])`).
NO_EVENT = (0.0, 5.0)
CLASS_LIMIT = 500
EVENT_LIMIT = 5
EXTENSION_S = 8.0


@dataclasses.dataclass(frozen=True)
class EventRow:
    """One row of upstream's event-mapped train table.

    Attributes:
        k: ordinal of the row among all event rows of its file (stable: the
            example key is `<file>#<k>`).
        row: which of the file's metadata rows (in parquet order) it came from.
        start, end: the event in seconds, as in `detected_events` (not clipped).
        clusters: the row's `event_cluster` (upstream: `[c]` for an event, the
            file's whole cluster list for the [0, 5] row of a file without events).
        no_event: True for the [0, 5] row of a file without events.
    """

    k: int
    row: int
    start: float
    end: float
    clusters: tuple
    no_event: bool = False


def event_rows(events_e2, clusters_e):
    """[(start, end, clusters, no_event)] for one metadata row, as XCEventMapping(biggest_cluster=True).

    Noise (cluster -1) is dropped unless it is the row's only event. The
    biggest remaining cluster is kept (ties: the smallest cluster id, as
    `np.unique` + `argmax`), events in stored order. No event left: one
    row [0, 5]. Cluster lists of another length than the events (upstream
    would fail on the mask) count as one cluster.
    """
    events_e2 = np.asarray(events_e2, np.float64).reshape(-1, 2)
    clusters_e = np.asarray(clusters_e, np.int64).reshape(-1)
    all_clusters = tuple(int(c) for c in clusters_e)
    if len(clusters_e) != len(events_e2):
        clusters_e = np.zeros(len(events_e2), np.int64)
    if not (len(clusters_e) == 1 and clusters_e[0] == NOISE_CLUSTER):
        keep = clusters_e != NOISE_CLUSTER
        events_e2, clusters_e = events_e2[keep], clusters_e[keep]
    if len(events_e2) == 0:
        return [(*NO_EVENT, all_clusters, True)]
    values, counts = np.unique(clusters_e, return_counts=True)
    biggest = values[counts.argmax()]
    return [(float(s), float(e), (int(biggest),), False) for s, e in events_e2[clusters_e == biggest]]


def trimmed_counts(counts_g, class_limit=CLASS_LIMIT, event_limit=EVENT_LIMIT):
    """Rows each (file, class) group of ONE class keeps: `_smart_sampling`'s loop, with a guard.

    Args:
        counts_g: (g,) event rows of each group of the class.
        class_limit: 0 = no class limit (upstream: None -> -inf).
        event_limit: 0 = none (upstream: None never equals `most`).

    Each step cuts every group at the top count down to the next lower
    count present. Upstream stops before a step that would take the class
    under class_limit, when the top count equals event_limit, or when it is
    1. Upstream also loops while the class is at or under the limit (its
    `while` also runs on `most != event_limit`), so counts that never hit
    event_limit exactly keep being cut while the class stays >= class_limit.
    Guard: when all groups sit at one count there is no lower count and
    upstream's step removes nothing forever; we stop there (the state
    upstream's loop spins in).
    """
    counts_g = np.asarray(counts_g, np.int64).copy()
    if len(counts_g) == 0:
        return counts_g
    limit = class_limit if class_limit else -np.inf
    target = event_limit if event_limit else None
    total, most = int(counts_g.sum()), int(counts_g.max())
    while total > limit or most != target:
        top = counts_g == most
        below = counts_g[~top]
        if len(below) == 0:  # upstream: to_del = 0, no progress, endless loop
            break
        to_del = most - int(below.max())
        if total - to_del * int(top.sum()) < limit or most == target or most == 1:
            break
        counts_g[top] -= to_del
        total, most = int(counts_g.sum()), int(counts_g.max())
    return counts_g


def _group_seed(seed, file, code):
    digest = hashlib.blake2b(f"{file}\0{code}".encode(), digest_size=8).digest()
    return [int(seed), int.from_bytes(digest, "little")]


def plan_events(rows, *, class_limit=CLASS_LIMIT, event_limit=EVENT_LIMIT, seed=0):
    """{file: tuple of kept EventRow, sorted by k} for a train split.

    Args:
        rows: iterable of (file, ebird_code, detected_events, event_cluster),
            one per metadata row in parquet order (file = audio basename,
            ebird_code = the primary code string, "" if missing).
        class_limit, event_limit: `_smart_sampling`'s limits (0 = off; both
            0 keeps every event row, as upstream skips the sampling).
        seed: which random subset of a group's rows is kept. Each group
            draws from its own generator seeded by (seed, file, code), so a
            group's choice does not depend on the rest of the table.

    Rows without a primary code are never cut (upstream's groupby drops
    them and then fails on the lookup).
    """
    per_file, groups, rows_seen = {}, {}, {}
    for file, code, events_e2, clusters_e in rows:
        r = rows_seen.get(file, 0)
        rows_seen[file] = r + 1
        events = per_file.setdefault(file, [])
        for start, end, clusters, no_event in event_rows(events_e2, clusters_e):
            groups.setdefault((file, code), []).append(len(events))
            events.append(EventRow(len(events), r, start, end, clusters, no_event))
    keep_n = {key: len(ks) for key, ks in groups.items()}
    if class_limit or event_limit:
        by_class = {}
        for key in groups:
            if key[1]:
                by_class.setdefault(key[1], []).append(key)
        for keys in by_class.values():
            kept = trimmed_counts([len(groups[key]) for key in keys], class_limit, event_limit)
            keep_n.update(zip(keys, kept.tolist()))
    plan = {}
    for (file, code), ks in groups.items():
        n = keep_n[(file, code)]
        if n < len(ks):
            pick = np.random.default_rng(_group_seed(seed, file, code)).choice(len(ks), size=n, replace=False)
            ks = [ks[i] for i in pick]
        plan.setdefault(file, []).extend(per_file[file][k] for k in ks)
    return {file: tuple(sorted(kept, key=lambda ev: ev.k)) for file, kept in plan.items()}


def widen(start, end, duration, width=EXTENSION_S):
    """EventDecoding._time_shifting without its random 5 s: the event widened to `width` s.

    Widened equally on both sides, clipped to [0, duration] and then shifted
    back inside the file at either end; events at least `width` long stay as
    they are (upstream also leaves them unclipped). width = 0: no widening.
    """
    if not width or end - start >= width:
        return start, end
    side = (width - (end - start)) / 2
    new_start, new_end = max(0.0, start - side), min(duration, end + side)
    if new_end - new_start < width:
        if new_start == 0:
            new_end = min(width, duration)
        elif new_end == duration:
            new_start = max(0.0, duration - width)
    return new_start, new_end


def event_window(start, end, duration, width=EXTENSION_S):
    """[start, end] s of audio an event row keeps from a file whose decoded audio lasts `duration` s.

    The event is first clipped to [0, duration] (annotations may end past
    the decoded audio; a file without events has [0, 5]), then widened
    (`widen`) and clipped again, so the window always lies inside the audio.
    """
    start, end = min(max(0.0, start), duration), min(max(0.0, end), duration)
    new_start, new_end = widen(start, max(start, end), duration, width)
    return float(max(0.0, new_start)), float(min(duration, new_end))


def plan_summary(plan):
    """Counts for the dataset metadata: files, event rows kept, and rows of files without events."""
    kept = [ev for events in plan.values() for ev in events]
    return dict(files=len(plan), events_kept=len(kept), no_event_rows=sum(ev.no_event for ev in kept))
