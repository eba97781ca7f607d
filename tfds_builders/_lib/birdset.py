"""BirdSet as published on the Hugging Face hub (DBD-research-group/BirdSet): files, labels, events.

No TensorFlow here: the TFDS builders (`tfds_builders/birdset_*`) and any other
consumer share this parsing. Facts followed (loading script `BirdSet.py` v0.0.4):

* Files live on the dataset repo's `data` revision, one folder per set:
  `XCM/XCM_shard_0001.tar.gz ...` + `XCM/XCM_metadata.parquet` (XCM, XCL), and
  `<SET>/<SET>_train_shard_NNNN.tar.gz`, `<SET>_test5s_shard_NNNN.tar.gz`,
  `<SET>_test_shard_NNNN.tar.gz` + `<SET>_metadata_{train,test_5s,test}.parquet`
  for the eight soundscape sets. Archives hold 32 kHz mono OGG/Vorbis files;
  a parquet row belongs to the archive member whose name is the basename of
  the row's `filepath`.
* XCM/XCL validate on POW's 5 s test segments (`valid` split).
* Labels are eBird codes; a set's label list is `birdset_classes.CLASSES[set]`.
  Parquet label columns may hold code strings or ClassLabel indices of the
  parquet's own set; both are accepted and mapped by code string.
* Train recordings become one example per kept event row, sampled as
  BirdSet's multilabel training does (`birdset_events`, `train_plan`).
* A parquet's rows are matched to archive members as `BirdSet.py` does: by
  the `filepath` index when the parquet has one (the published test parquets
  keep basenames there and have no `filepath` column), else by the basenames
  of the `filepath` column. Each row of a file gives one example (test_5s,
  train); a full soundscape (`test_full`) gives one example carrying all its
  annotation rows. Audio without a row and rows without audio are counted.
* Pre-cut 5 s segments are always 5 s: shorter ones zero-padded (counted),
  longer ones cut; metadata spans never make a file "truncated".
* Full soundscapes are scored in 5 s windows (`soundscape_windows`): a window
  takes the classes of the annotations that overlap it by more than 0 s. (The
  rule upstream used to cut `test_5s` is not in its public code; this is
  the plain overlap rule.)
"""

import dataclasses
import functools
import importlib
import logging
import math
import os
import tarfile

import numpy as np

from birdjepa_keras.data import audio
from tfds_builders._lib import birdset_events
from tfds_builders._lib.birdset_classes import CLASSES
from tfds_builders._lib.sources import MissingSourceError  # noqa: F401  (raised by the builders)

SAMPLE_RATE = 32000
HUB_REPO = "DBD-research-group/BirdSet"
HUB_REVISION = "data"
TEST_SETS = ("POW", "PER", "NES", "UHH", "HSN", "NBP", "SSW", "SNE")
XC_SETS = ("XCM", "XCL")
ALL_SETS = XC_SETS + TEST_SETS
VALID_SET = "POW"  # XCM / XCL validate on POW's 5 s segments, as upstream does.

# Upstream counts (dataset card): train recordings, test_5s segments, download size (GB).
UPSTREAM_COUNTS = {
    "PER": dict(train=16802, test_5s=15120, gb=10.5),
    "NES": dict(train=16117, test_5s=24480, gb=14.2),
    "UHH": dict(train=3626, test_5s=36637, gb=4.92),
    "HSN": dict(train=5460, test_5s=12000, gb=5.92),
    "NBP": dict(train=24327, test_5s=563, gb=29.9),
    "POW": dict(train=14911, test_5s=4560, gb=15.7),
    "SSW": dict(train=28403, test_5s=205200, gb=35.2),
    "SNE": dict(train=19390, test_5s=23756, gb=20.8),
    "XCM": dict(train=89798, gb=89.3),
    "XCL": dict(train=528434, gb=484.0),
}

TEXT_COLUMNS = ("filepath", "call_type", "sex", "microphone", "license", "source", "local_time",
                "quality", "recordist")
FLOAT_COLUMNS = ("start_time", "end_time", "lat", "long")
INT_COLUMNS = ("low_freq", "high_freq", "length")




# --- which files make up a set -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SplitFiles:
    """One split's inputs: tar.gz shards of audio and the parquet that describes them."""

    split: str
    kind: str  # "train" (focal recordings), "segments" (5 s test clips) or "full" (whole soundscapes)
    label_set: str  # whose label list the parquet's integer labels index
    shards: tuple
    metadata: str


OPTIONAL_SPLITS = ("valid", "test_full")  # built when their files are there, else left out with a note


def split_patterns(set_name):
    """{split: (kind, label_set, shard glob, metadata path)}, relative to the `data` revision root."""
    s = set_name
    if s in XC_SETS:
        v = VALID_SET
        return {
            "train": ("train", s, f"{s}/{s}_shard_*.tar.gz", f"{s}/{s}_metadata.parquet"),
            "valid": ("segments", v, f"{v}/{v}_test5s_shard_*.tar.gz", f"{v}/{v}_metadata_test_5s.parquet"),
        }
    assert s in TEST_SETS, f"unknown BirdSet set {s!r}; one of {ALL_SETS}"
    return {
        "train": ("train", s, f"{s}/{s}_train_shard_*.tar.gz", f"{s}/{s}_metadata_train.parquet"),
        "test": ("segments", s, f"{s}/{s}_test5s_shard_*.tar.gz", f"{s}/{s}_metadata_test_5s.parquet"),
        # upstream's `test` split: whole soundscapes, one metadata row per annotation
        "test_full": ("full", s, f"{s}/{s}_test_shard_*.tar.gz", f"{s}/{s}_metadata_test.parquet"),
    }


def _glob(root, pattern):
    from etils import epath

    folder, name = pattern.rsplit("/", 1)
    return sorted(os.fspath(p) for p in epath.Path(root).joinpath(folder).glob(name))


def local_root(path, set_name):
    """The folder holding `<SET>/...` for `path` = that folder or its `<SET>` subfolder; else None."""
    from etils import epath

    if not path:
        return None
    path = epath.Path(path)
    for root in (path, path.parent):
        train = split_patterns(set_name)["train"]
        if _glob(root, train[2]) and root.joinpath(train[3]).exists():
            return root
    return None


def find_files(root, set_name):
    """{split: SplitFiles} under `root` (the `data` revision layout).

    Optional splits (`valid` of XCM/XCL = POW's test_5s, `test_full`) are left
    out, with a returned note, when their files are absent.
    """
    from etils import epath

    files, notes = {}, []
    for split, (kind, label_set, shard_glob, meta) in split_patterns(set_name).items():
        shards = _glob(root, shard_glob)
        meta_path = os.fspath(root) + "/" + meta
        if not shards or not epath.Path(meta_path).exists():
            if split in OPTIONAL_SPLITS:
                notes.append(f"no {shard_glob} + {meta} under {root}: building without the `{split}` split")
                continue
            raise FileNotFoundError(f"{root}: missing {shard_glob} or {meta}")
        files[split] = SplitFiles(split, kind, label_set, tuple(shards), meta_path)
    return files, notes


# --- source (b'): the Hugging Face hub copy, used only when there is no local copy -----


def _hub_unreachable_errors():
    """What the hub client raises when the hub does not answer: OSError (HTTP status errors,
    offline mode, `requests` errors) and the transport errors of its HTTP library
    (httpx, or httpx2 in huggingface_hub 2.x, whose errors are not OSErrors)."""
    import importlib.util

    errors = [OSError]
    for name in ("httpx2", "httpx"):
        if importlib.util.find_spec(name) is not None:
            errors.append(importlib.import_module(name).TransportError)
    return tuple(errors)


def hub_reachable(timeout_s=10.0):
    """True if the hub answers (and HF_HUB_OFFLINE is not set); logs one line when it does not."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    import huggingface_hub

    try:
        huggingface_hub.HfApi().dataset_info(HUB_REPO, revision=HUB_REVISION, timeout=timeout_s)
    except _hub_unreachable_errors() as e:  # offline, DNS failure, proxy, rate limit: no hub
        logging.getLogger(__name__).warning("hub %s not reachable (%s: %s): local files only",
                                            HUB_REPO, type(e).__name__, str(e).splitlines()[0][:160] if str(e) else "")
        return False
    return True


def download_from_hub(set_name, target_dir):
    """Fetch the set's shards and parquet files (the `data` revision layout) into target_dir."""
    import fnmatch

    import huggingface_hub

    patterns = [p for _, _, shard, meta in split_patterns(set_name).values() for p in (shard, meta)]
    api = huggingface_hub.HfApi()
    names = api.list_repo_files(HUB_REPO, repo_type="dataset", revision=HUB_REVISION)
    wanted = [n for n in names if any(fnmatch.fnmatch(n, p) for p in patterns)]
    for name in wanted:
        huggingface_hub.hf_hub_download(HUB_REPO, name, repo_type="dataset", revision=HUB_REVISION,
                                        local_dir=os.fspath(target_dir))
    return target_dir


# --- metadata ------------------------------------------------------------------------


ROW = "_row"  # key of a row dict holding the row's position in its parquet


def basename(path):
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


class Metadata:
    """A parquet of one split, its rows grouped by audio file basename (as `BirdSet.py` v0.0.4).

    The published test parquets keep `filepath` as the pandas index (basenames)
    and have no `filepath` column; the others have a `filepath` column of
    paths. Either way rows are found by basename, and each row dict carries
    `filepath` and its position in the parquet under `ROW`.
    """

    def __init__(self, path):
        import pandas as pd
        from etils import epath

        with epath.Path(path).open("rb") as f:
            frame = pd.read_parquet(f)
        if frame.index.name == "filepath":
            paths = frame.index.to_series(index=range(len(frame)))
        elif "filepath" in frame.columns:
            paths = frame["filepath"].reset_index(drop=True)
        else:
            raise ValueError(f"{path}: no `filepath` index or column (columns: {list(frame.columns)[:8]})")
        self.path = os.fspath(path)
        self.frame = frame.reset_index(drop=True)
        self.frame["filepath"] = paths.astype(str).to_numpy()
        self.index = {}
        for i, name in enumerate(self.frame["filepath"].map(basename)):
            self.index.setdefault(name, []).append(i)

    def __len__(self):
        return len(self.frame)

    def names(self):
        """Basenames of the audio files the parquet describes."""
        return set(self.index)

    def rows(self, name):
        """Every row of audio file `name` (basename), in parquet order, as dicts."""
        columns = self.frame.columns
        return [{**{c: self.frame[c].iat[i] for c in columns}, ROW: i} for i in self.index.get(name, [])]


@functools.lru_cache(maxsize=2)
def load_metadata(path):
    return Metadata(path)


def _missing(value):
    if value is None or type(value).__name__ == "NAType":  # pandas' NA of nullable (Int64) columns
        return True
    try:
        return bool(np.all(np.isnan(value))) if np.ndim(value) == 0 else False
    except TypeError:
        return False


def _as_list(value):
    if _missing(value):
        return []
    return list(np.asarray(value, dtype=object).reshape(-1)) if np.ndim(value) else [value]


def label_codes(value, label_set):
    """Codes from a label cell: a code string, a ClassLabel index into `label_set`'s list, or a list."""
    codes = []
    for v in _as_list(value):
        if _missing(v) or (isinstance(v, str) and not v):
            continue
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            v = int(v)  # a ClassLabel column with gaps reads back as float64
        if isinstance(v, (int, np.integer)):
            if v >= 0:  # negative = "no label"
                codes.append(CLASSES[label_set][int(v)])
        else:
            codes.append(str(v))
    return codes


def normalize_row(row, label_set):
    """A parquet row -> plain typed values (missing text "", missing numbers nan / -1)."""
    out = {}
    for c in TEXT_COLUMNS:
        v = row.get(c)
        out[c] = "" if _missing(v) else str(v)
    for c in FLOAT_COLUMNS:
        v = row.get(c)
        out[c] = float("nan") if _missing(v) else float(v)
    for c in INT_COLUMNS:
        v = row.get(c)
        out[c] = -1 if _missing(v) else int(v)
    events = [np.asarray(e, dtype=np.float32).reshape(-1)[:2] for e in _as_list(row.get("detected_events"))]
    out["detected_events"] = np.asarray([e for e in events if len(e) == 2], np.float32).reshape(-1, 2)
    out["event_cluster"] = np.asarray([int(c) for c in _as_list(row.get("event_cluster"))], np.int64)
    out["peaks"] = np.asarray([float(p) for p in _as_list(row.get("peaks"))], np.float32)
    code = label_codes(row.get("ebird_code"), label_set)
    out["ebird_code"] = code[0] if code else ""
    out["ebird_code_multilabel"] = label_codes(row.get("ebird_code_multilabel"), label_set)
    out["ebird_code_secondary"] = [str(s) for s in _as_list(row.get("ebird_code_secondary")) if not _missing(s)]
    return out


# --- train split: BirdSet's event sampling, planned once per process -------------------


@functools.lru_cache(maxsize=4)
def train_plan(metadata_path, label_set, class_limit, event_limit, seed):
    """{file basename: kept `birdset_events.EventRow`s} of a train parquet (`birdset_events.plan_events`).

    Cached per process: every build worker (local or Beam) recomputes the
    same plan from the parquet, the limits and the seed.
    """
    meta = load_metadata(metadata_path)
    columns = {c: (meta.frame[c].tolist() if c in meta.frame.columns else [None] * len(meta.frame))
               for c in ("ebird_code", "detected_events", "event_cluster")}

    def rows():
        for name, positions in meta.index.items():
            for i in positions:
                code = label_codes(columns["ebird_code"][i], label_set)
                events = [np.asarray(e, np.float64).reshape(-1)[:2] for e in _as_list(columns["detected_events"][i])]
                events_e2 = np.asarray([e for e in events if len(e) == 2], np.float64).reshape(-1, 2)
                clusters_e = [int(c) for c in _as_list(columns["event_cluster"][i])]
                yield name, code[0] if code else "", events_e2, clusters_e

    return birdset_events.plan_events(rows(), class_limit=class_limit, event_limit=event_limit, seed=seed)


def spec_plan(spec):
    """The train plan a SplitSpec asks for."""
    return train_plan(spec.metadata, spec.label_set, spec.class_limit, spec.event_limit, spec.sampling_seed)


# --- one audio file -> examples --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SplitSpec:
    """Everything a worker needs to turn a split's files into examples (picklable).

    notes_dir: where each work unit writes what it saw (members, padded
    segments, audio without rows) as JSON, for the build's summary; "" = nowhere.
    """

    set_name: str  # the builder's set: labels are indices into CLASSES[set_name]
    split: str
    kind: str
    label_set: str
    # train: BirdSet's event sampling (birdset_events); `metadata` = the split's parquet.
    metadata: str = ""
    class_limit: int = birdset_events.CLASS_LIMIT
    event_limit: int = birdset_events.EVENT_LIMIT
    extension_s: float = birdset_events.EXTENSION_S
    label_source: str = "multilabel"  # or "multilabel+primary": OR in ebird_code
    sampling_seed: int = 0
    segment_s: float = 5.0
    sample_rate: int = SAMPLE_RATE
    notes_dir: str = ""


def label_indices(codes, set_name):
    index = _class_index(set_name)
    return sorted({index[c] for c in codes if c in index})


@functools.lru_cache(maxsize=None)
def _class_index(set_name):
    return {c: i for i, c in enumerate(CLASSES[set_name])}


_NO_ANNOTATIONS = dict(annotations=np.zeros((0, 2), np.float32), annotation_labels=np.zeros((0,), np.int64))


def _segment_example(wave_s, meta, spec):
    """One test_5s row: its file cut or zero-padded to exactly `segment_s`."""
    n = int(round(spec.segment_s * spec.sample_rate))
    wave_s = np.pad(wave_s[:n], (0, max(0, n - len(wave_s))))
    codes = meta.pop("ebird_code_multilabel")
    return dict(meta, audio=audio.to_int16(wave_s), labels=label_indices(codes, spec.set_name),
                windows=np.asarray([[0.0, spec.segment_s]], np.float32), **_NO_ANNOTATIONS)


def annotation_table(rows, label_set, set_name):
    """((a, 2) [start, end] s, (a,) label index) of a soundscape's annotation rows, by start time.

    A row's codes are its `ebird_code`, else its `ebird_code_multilabel`;
    codes outside `set_name`'s list and rows without times are left out.
    """
    spans, labels = [], []
    for row in rows:
        meta = normalize_row(row, label_set)
        start, end = meta["start_time"], meta["end_time"]
        if not (math.isfinite(start) and math.isfinite(end)):
            continue
        codes = [meta["ebird_code"]] if meta["ebird_code"] else meta["ebird_code_multilabel"]
        for label in label_indices(codes, set_name):
            spans.append((start, end))
            labels.append(label)
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1], labels[i]))
    return (np.asarray([spans[i] for i in order], np.float32).reshape(-1, 2),
            np.asarray([labels[i] for i in order], np.int64))


def _full_example(wave_s, rows, spec):
    """A whole soundscape with all its annotation rows (upstream `test`: one row per annotation)."""
    meta = normalize_row(rows[0], spec.label_set)
    meta.pop("ebird_code_multilabel")
    spans_a2, labels_a = annotation_table(rows, spec.label_set, spec.set_name)
    duration = len(wave_s) / spec.sample_rate
    # per-annotation columns (times, band, code) describe rows, not the recording
    meta.update(ebird_code="", start_time=0.0, end_time=duration, low_freq=-1, high_freq=-1)
    return dict(meta, audio=audio.to_int16(wave_s), labels=sorted(set(labels_a.tolist())),
                windows=np.asarray([[0.0, duration]], np.float32), annotations=spans_a2,
                annotation_labels=labels_a)


def make_examples(name, data, rows, spec):
    """(key, example) pairs for one archive member; raises audio.AudioFileError if unusable.

    rows: every metadata row of the file (`Metadata.rows(name)`). train and
    test_5s give one example per row, keyed `<name>#<row>`; a full soundscape
    gives one example keyed `<name>`.
    """
    if not rows:
        raise audio.AudioFileError(f"{name}: no metadata row")
    wave_s = audio.read_audio(data, spec.sample_rate, name=name)
    common = dict(recording_id=name, duration_s=len(wave_s) / spec.sample_rate)
    if spec.kind == "train":
        return _train_examples(name, wave_s, rows, spec, common)
    if spec.kind == "full":
        return [(name, dict(_full_example(wave_s, rows, spec), row=-1, **common))]
    out = []
    for row in rows:
        example = _segment_example(wave_s, normalize_row(row, spec.label_set), spec)
        out.append((f"{name}#{row[ROW]}", dict(example, row=int(row[ROW]), **common)))
    return out


# --- full soundscapes -> scored 5 s windows (the evaluation path) ------------------------


def window_starts(duration_s, window_s=5.0, hop_s=5.0):
    """(w,) start times (s) of windows covering [0, duration_s]; the last may run past the end.

    At least one window; as many as cover the recording: ceil((duration -
    window) / hop) + 1, so a 13.2 s recording gives [0, 5, 10] (its 3.2 s tail
    is a window of its own, zero-padded, as test_5s keeps short tails).
    """
    n = 1 if duration_s <= window_s else int(math.ceil((duration_s - window_s) / hop_s - 1e-9)) + 1
    return np.arange(n, dtype=np.float64) * hop_s


def soundscape_windows(duration_s, annotations_a2, labels_a, num_classes, window_s=5.0, hop_s=5.0):
    """Windows of a full soundscape and their multi-hot labels.

    A window [t, t + window_s) takes the class of every annotation [start, end]
    overlapping it by more than 0 s (an annotation ending exactly at t does
    not count). Annotations running past the recording's end count where they
    overlap a window.

    Args:
        duration_s: recording length.
        annotations_a2: (a, 2) [start, end] seconds; labels_a: (a,) class indices.

    Returns:
        starts_w (w,) float64, labels_wc (w, num_classes) float32 multi-hot.
    """
    starts_w = window_starts(duration_s, window_s, hop_s)
    spans_a2 = np.asarray(annotations_a2, np.float64).reshape(-1, 2)
    labels_a = np.asarray(labels_a, np.int64).reshape(-1)
    overlap_wa = (np.minimum(spans_a2[None, :, 1], starts_w[:, None] + window_s)
                  - np.maximum(spans_a2[None, :, 0], starts_w[:, None]))
    labels_wc = np.zeros((len(starts_w), num_classes), np.float32)
    w, a = np.nonzero(overlap_wa > 0)
    labels_wc[w, labels_a[a]] = 1.0
    return starts_w, labels_wc


def soundscape_clips(wave_s, starts_w, window_s=5.0, sample_rate=SAMPLE_RATE):
    """(w, window samples) clips of a recording at `starts_w`, zero-padded past its end."""
    n = int(round(window_s * sample_rate))
    clips_wn = np.zeros((len(starts_w), n), np.asarray(wave_s).dtype)
    for i, t in enumerate(starts_w):
        piece = wave_s[int(round(t * sample_rate)):][:n]
        clips_wn[i, :len(piece)] = piece
    return clips_wn


def _train_examples(name, wave_s, rows, spec, common):
    """One example per kept event row of the file (`train_plan`): its widened window of audio.

    Key `<file>#<k>`; `windows` = [[start, end]] in the file; `detected_events`
    / `event_cluster` = the event row's (as XCEventMapping writes them), the
    event clipped to the decoded audio; labels = `ebird_code_multilabel`, as
    upstream's multilabel training (+ `ebird_code` with label_source
    "multilabel+primary").
    """
    kept = spec_plan(spec).get(name, ())
    if not kept:
        raise audio.AudioFileError(f"{name}: no event row in the sampling plan")
    sr = spec.sample_rate
    duration = len(wave_s) / sr
    metas = {}
    out = []
    for ev in kept:
        if ev.row not in metas:
            metas[ev.row] = normalize_row(rows[ev.row], spec.label_set)
        meta = dict(metas[ev.row])
        codes = meta.pop("ebird_code_multilabel")
        if spec.label_source == "multilabel+primary" and meta["ebird_code"]:
            codes = codes + [meta["ebird_code"]]
        start, end = birdset_events.event_window(ev.start, ev.end, duration, spec.extension_s)
        meta.update(
            audio=audio.to_int16(wave_s[int(round(start * sr)):int(round(end * sr))]),
            labels=label_indices(codes, spec.set_name),
            windows=np.asarray([[start, end]], np.float32),
            detected_events=np.asarray([[min(max(ev.start, 0.0), duration), min(max(ev.end, 0.0), duration)]],
                                       np.float32),
            event_cluster=np.asarray(ev.clusters, np.int64),
            row=int(rows[ev.row][ROW]),
            **common,
            **_NO_ANNOTATIONS,
        )
        out.append((f"{name}#{ev.k}", meta))
    return out


# --- reading the shards ------------------------------------------------------------------


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
