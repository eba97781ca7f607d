"""BirdSet as published on the Hugging Face hub (DBD-research-group/BirdSet): files, labels, events.

No TensorFlow here: the TFDS builders (`tfds_builders/birdset_*`) and any other
consumer share this parsing. Finding the files (local or hub) is `birdset_files`;
reading the shards in work units is `birdset_shards`; this module turns metadata
rows and audio into examples. Facts followed (loading script `BirdSet.py` v0.0.4):

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
import math
import os

import numpy as np

from birdjepa_keras.data import audio
from tfds_builders._lib import birdset_events
from tfds_builders._lib.birdset_classes import CLASSES
from tfds_builders._lib.birdset_files import SAMPLE_RATE

TEXT_COLUMNS = ("filepath", "call_type", "sex", "microphone", "license", "source", "local_time",
                "quality", "recordist")
FLOAT_COLUMNS = ("start_time", "end_time", "lat", "long")
INT_COLUMNS = ("low_freq", "high_freq", "length")


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
