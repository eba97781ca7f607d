"""BEANS (earthspecies/beans) from its prepared files: tasks, label lists, detection windows.

No TensorFlow here. The prepared layout is what BEANS's `scripts/*.py` write
under its repository's `data/` folder: per classification task CSVs with an
unnamed index column then `path,label` (esc50 adds `fold`, cbi `split`), per
detection task JSON lines `{"path", "length", "annotations": [{"st", "ed",
"label"}, ...]}` over <= 60 s WAV chunks (hiceas: the same files, prebuilt in
the zip that `scripts/download_data.sh` unpacks into `data/hiceas/`); `path`
is relative to the BEANS repository root. Split files: train, train-low
(absent for cbi), valid, test. Label lists, unknown-label handling, native
sample rates and window sizes follow BEANS's `datasets.yml`.

What BEANS computes, reproduced here (earthspecies/beans `beans/datasets.py`):
* labels are matched with Python equality (`label in {lbl: i}`), so the
  `2.0` that pandas' `iterrows` writes for a gibbon call type matches label 2;
  a label matching none goes to the task's unknown label where it has one
  (where it has none BEANS raises KeyError; we skip the clip / ignore the
  annotation) and every such label is counted (`label_report`);
* classification clips are cut or zero-padded at the end to `max_duration`
  (`_get_waveform`), detection chunks to 60 s (`scripts/evaluate.py` passes
  `max_duration=60`) before windows are sliced;
* a chunk gets `int((length - width) / shift) + 1` windows, `int` truncating
  toward zero and `range` of a negative count being empty: no window for a
  chunk shorter than `width - shift`, one (zero-padded) for a chunk between
  `width - shift` and `width` (`RecognitionDataset.__init__`).
"""

import dataclasses
import functools
import math
import os

import numpy as np

from birdjepa_keras.data import audio
from tfds_builders._lib.sources import MissingSourceError  # noqa: F401  (raised by the builder)

SAMPLE_RATE = 32000
SPLITS = ("train", "train-low", "valid", "test")
# scripts/evaluate.py builds every RecognitionDataset with max_duration=60.
DETECTION_MAX_DURATION_S = 60

_CBI = (
    "aldfly ameavo amebit amecro amegfi amekes amepip amered amerob amewig amewoo amtspa annhum astfly baisan "
    "baleag balori banswa barswa bawwar belkin1 belspa2 bewwre bkbcuc bkbmag1 bkbwar bkcchi bkchum bkhgro bkpwar "
    "bktspa blkpho blugrb1 blujay bnhcow boboli bongul brdowl brebla brespa brncre brnthr brthum brwhaw btbwar "
    "btnwar btywar buffle buggna buhvir bulori bushti buwtea buwwar cacwre calgul calqua camwar cangoo canwar "
    "canwre carwre casfin caster1 casvir cedwax chispa chiswi chswar chukar clanut cliswa comgol comgra comloo "
    "commer comnig comrav comred comter comyel coohaw coshum cowscj1 daejun doccor dowwoo dusfly eargre easblu "
    "easkin easmea easpho eastow eawpew eucdov eursta evegro fiespa fiscro foxspa gadwal gcrfin gnttow gnwtea "
    "gockin gocspa goleag grbher3 grcfly greegr greroa greyel grhowl grnher grtgra grycat gryfly haiwoo hamfly "
    "hergul herthr hoomer hoowar horgre horlar houfin houspa houwre indbun juntit1 killde labwoo larspa lazbun "
    "leabit leafly leasan lecthr lesgol lesnig lesyel lewwoo linspa lobcur lobdow logshr lotduc louwat macwar "
    "magwar mallar3 marwre merlin moublu mouchi moudov norcar norfli norhar2 normoc norpar norpin norsho norwat "
    "nrwswa nutwoo olsfly orcwar osprey ovenbi1 palwar pasfly pecsan perfal phaino pibgre pilwoo pingro pinjay "
    "pinsis pinwar plsvir prawar purfin pygnut rebmer rebnut rebsap rebwoo redcro redhea reevir1 renpha reshaw "
    "rethaw rewbla ribgul rinduc robgro rocpig rocwre rthhum ruckin rudduc rufgro rufhum rusbla sagspa1 sagthr "
    "savspa saypho scatan scoori semplo semsan sheowl shshaw snobun snogoo solsan sonspa sora sposan spotow stejay "
    "swahaw swaspa swathr treswa truswa tuftit tunswa veery vesspa vigswa warvir wesblu wesgre weskin wesmea "
    "wessan westan wewpew whbnut whcspa whfibi whtspa whtswi wilfly wilsni1 wiltur winwre3 wlswar wooduc wooscj2 "
    "woothr y00475 yebfly yebsap yehbla yelwar yerwar yetvir"
).split()


@dataclasses.dataclass(frozen=True)
class Task:
    """One BEANS task as datasets.yml describes it."""

    name: str
    kind: str  # "classification" or "detection"
    train_file: str  # relative to the BEANS root; valid/test/train-low are derived
    labels: tuple
    sample_rate: int  # the prepared files' (native) rate
    unknown_label: object = None
    max_duration: float = 0.0  # classification: BEANS pads/cuts clips to this many seconds
    window_width: float = 0.0  # detection
    window_shift: float = 0.0

    @property
    def names(self):
        return tuple(str(label) for label in self.labels)

    def split_file(self, split):
        stem, ext = os.path.splitext(self.train_file)
        assert stem.endswith("train"), stem
        return stem[: -len("train")] + split + ext


def _task(name, kind, train_file, labels, sample_rate, **kw):
    return Task(name, kind, train_file, tuple(labels), sample_rate, **kw)


TASKS = {t.name: t for t in [
    _task("watkins", "classification", "data/watkins/annotations.train.csv", [
        "Clymene_Dolphin", "Bottlenose_Dolphin", "Spinner_Dolphin", "Beluga,_White_Whale", "Bearded_Seal",
        "Minke_Whale", "Humpback_Whale", "Southern_Right_Whale", "White-sided_Dolphin", "Narwhal",
        "White-beaked_Dolphin", "Northern_Right_Whale", "Frasers_Dolphin", "Grampus,_Rissos_Dolphin", "Harp_Seal",
        "Atlantic_Spotted_Dolphin", "Fin,_Finback_Whale", "Ross_Seal", "Rough-Toothed_Dolphin", "Killer_Whale",
        "Pantropical_Spotted_Dolphin", "Short-Finned_Pacific_Pilot_Whale", "Bowhead_Whale", "False_Killer_Whale",
        "Melon_Headed_Whale", "Long-Finned_Pilot_Whale", "Striped_Dolphin", "Leopard_Seal", "Walrus",
        "Sperm_Whale", "Common_Dolphin"], 44100, max_duration=3),
    _task("bats", "classification", "data/egyptian_fruit_bats/annotations.train.csv",
          [111, 210, 211, 215, 216, 220, 226, 228, 230, 231], 250000, max_duration=5),
    _task("cbi", "classification", "data/cbi/annotations.train.csv", _CBI, 44100, max_duration=10),
    _task("dogs", "classification", "data/dogs/annotations.train.csv",
          ["Farley", "Freid", "Keri", "Louie", "Luke", "Mac", "Roodie", "Rudy", "Siggy", "Zoe"], 44100,
          max_duration=10),
    _task("humbugdb", "classification", "data/HumBugDB/data/metadata/train.csv", [
        "non-mosquito", "an arabiensis", "others", "an gambiae ss", "culex quinquefasciatus",
        "culex pipiens complex", "an funestus ss", "an squamosus", "ma uniformis", "an dirus", "ae aegypti",
        "an harrisoni", "an maculatus", "an funestus sl"], 44100, max_duration=3),
    _task("esc50", "classification", "data/esc50/meta/esc50.train.csv", range(50), 44100, max_duration=5),
    _task("speech_commands", "classification", "data/speech_commands/train.csv", [
        "backward", "bed", "bird", "cat", "dog", "down", "eight", "five", "follow", "forward", "four", "go",
        "happy", "house", "learn", "left", "marvin", "nine", "no", "off", "on", "one", "right", "seven", "sheila",
        "six", "stop", "three", "tree", "two", "up", "visual", "wow", "yes", "zero"], 16000, max_duration=1),
    _task("dcase", "detection", "data/dcase/train.jsonl", [
        "AMRE", "BBWA", "BTBW", "CALL", "CCMK", "CHSP", "COYE", "GCTH", "GIG", "GRN", "OVEN", "Q", "RBGR", "SAVS",
        "SNMK", "SQT", "SWTH", "WTSP"], 16000, window_width=2, window_shift=1),
    _task("enabirds", "detection", "data/enabirds/train.jsonl", [
        "AMCR", "AMGO", "AMRE", "AMRO", "BAWW", "BCCH", "BGGN", "BHCO", "BHVI", "BLJA", "BTNW", "BWWA", "CARW",
        "COYE", "EATO", "HETH", "HOWA", "KEWA", "LOWA", "NOCA", "NOFL", "OVEN", "RBGR", "RBWO", "RCKI", "REVI",
        "SCTA", "SWTH", "TUTI", "WBNU", "WITU", "WOTH", "YBCU", "OTHR"], 32000, unknown_label="OTHR",
          window_width=2, window_shift=1),
    _task("hiceas", "detection", "data/hiceas/train.jsonl", [1], 22050, window_width=10, window_shift=5),
    _task("rfcx", "detection", "data/rfcx/train.jsonl", range(24), 48000, window_width=10, window_shift=5),
    _task("hainan_gibbons", "detection", "data/hainan_gibbons/train.jsonl", [1, 2, 3], 9600, unknown_label=1,
          window_width=4, window_shift=2),
]}




def beans_root(path):
    """The BEANS repository root (the folder holding `data/`) for path = it or its `data/`; else None."""
    from etils import epath

    if not path:
        return None
    path = epath.Path(path)
    for root in (path, path.parent):
        if root.joinpath("data").is_dir():
            return root
    return None


def available_splits(root, task):
    """{split: file} of the split files present (train-low is optional; the others are required)."""
    from etils import epath

    out = {}
    for split in SPLITS:
        f = epath.Path(root) / task.split_file(split)
        if f.exists():
            out[split] = os.fspath(f)
        elif split != "train-low":
            raise MissingSourceError(f"beans/{task.name}: {f} missing (BEANS writes train, valid and test)")
    return out


def _plain(value):
    """A numpy scalar as the Python scalar it equals (same hash and ==); anything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


def read_split(path, task):
    """Rows of a split file, labels as BEANS's readers see them.

    Classification: `pd.read_csv` with default type inference and `iterrows`
    (as `ClassificationDataset`), so a label column of integers gives ints;
    rows are dicts `path`, `label` (+ `fold`). Detection: the JSON records.
    """
    from etils import epath

    if task.kind == "classification":
        import pandas as pd

        with epath.Path(path).open() as f:
            frame = pd.read_csv(f)
        rows = []
        for _, rec in frame.iterrows():
            row = {"path": str(rec["path"]), "label": _plain(rec["label"])}
            if "fold" in rec:
                row["fold"] = int(rec["fold"])
            rows.append(row)
        return rows
    import json

    with epath.Path(path).open() as f:
        return [json.loads(line) for line in f if line.strip()]


@functools.lru_cache(maxsize=None)
def _label_index(task_name):
    task = TASKS[task_name]
    return {lbl: i for i, lbl in enumerate(task.labels)}


def match_label(task, label):
    """(index, how) for a label under BEANS's rule; how is "match", "unknown" or "unmatched" (index None).

    Python equality as in `label in label_to_id`: 2.0 matches 2, "2" does not.
    """
    index = _label_index(task.name)
    label = _plain(label)
    try:
        if label in index:
            return index[label], "match"
    except TypeError:  # unhashable (a JSON list/object): equal to no label
        pass
    if task.unknown_label is not None:
        return index[task.unknown_label], "unknown"
    return None, "unmatched"


def label_index(task, label):
    """Index of a label (Python equality), the unknown label's, or None."""
    return match_label(task, label)[0]


def resolve_labels(rows, task):
    """Copies of the rows with `label_id` set (per row, or per annotation), and their label report.

    Report: counts of "match", "unknown" (sent to the unknown label, as BEANS
    does) and "unmatched" (no unknown label: BEANS would stop with KeyError),
    `label_types` (Python type names of the labels as read) and up to ten
    `unmatched_labels` / `unknown_labels` (repr of the values).
    """
    report = {"rows": len(rows), "match": 0, "unknown": 0, "unmatched": 0, "label_types": {},
              "unknown_labels": [], "unmatched_labels": []}

    def resolve(label):
        idx, how = match_label(task, label)
        report[how] += 1
        kind = type(label).__name__
        report["label_types"][kind] = report["label_types"].get(kind, 0) + 1
        if how != "match":
            seen = report[f"{how}_labels"]
            if repr(label) not in seen and len(seen) < 10:
                seen.append(repr(label))
        return idx

    out = []
    for row in rows:
        row = dict(row)
        if task.kind == "classification":
            row["label_id"] = resolve(row["label"])
        else:
            row["annotations"] = [dict(a, label_id=resolve(a["label"])) for a in row.get("annotations", [])]
        out.append(row)
    return out, report


def num_windows(length_s, width, shift):
    """BEANS's count, `range(int((length - width) / shift) + 1)`: int() truncates toward zero, never below 0."""
    return max(0, int((length_s - width) / shift) + 1)


def fix_length(wave_s, num_samples):
    """Cut to the first num_samples or zero-pad at the end (BEANS's `_get_waveform`)."""
    wave_s = wave_s[:num_samples]
    return np.pad(wave_s, (0, num_samples - len(wave_s)))


def window_labels(annotations, start, end, task=None):
    """Sorted label indices of window [start, end] under BEANS's rule.

    Annotations carry `label_id` (from `resolve_labels`; None = unmatched,
    ignored) or, when `task` is given, a `label` matched here. An annotation
    counts if one of its ends lies in the window and it overlaps the window
    by more than 0.2 of the shorter of the two, or if it covers the whole
    window. A zero-length annotation with an end in the window is passed over.
    """
    hot = set()
    for ann in annotations:
        st, ed = float(ann["st"]), float(ann["ed"])
        idx = ann["label_id"] if "label_id" in ann else label_index(task, ann["label"])
        if idx is None:
            continue
        if (start <= st <= end) or (start <= ed <= end):
            denom = min(end - start, ed - st)
            if denom == 0:  # BEANS `continue`s here, skipping the covers-the-window test too
                continue
            if (min(end, ed) - max(start, st)) / denom > 0.2:
                hot.add(idx)
        if st <= start and end <= ed:
            hot.add(idx)
    return sorted(hot)


@dataclasses.dataclass(frozen=True)
class SplitSpec:
    """Per-split work description (picklable)."""

    task: str
    split: str
    root: str
    sample_rate: int = SAMPLE_RATE


def _example(wave_s, labels, rec_id, source_path, sr_native, start_s=0.0, fold=-1):
    return {
        "audio": audio.to_int16(wave_s),
        "labels": labels,
        "recording_id": rec_id,
        "source_path": source_path,
        "window_start_s": np.float32(start_s),
        "original_sample_rate": int(sr_native),
        "fold": int(fold),
    }


def process_rows(unit, spec):
    """Work unit (list of (row index, row) from `resolve_labels`) -> ("example", key, ex) / ("skip", info)."""
    from etils import epath

    task = TASKS[spec.task]
    sr = spec.sample_rate
    for i, row in unit:
        rel = row["path"]
        try:
            if task.kind == "classification" and row["label_id"] is None:
                raise audio.AudioFileError(f"{rel}: label {row['label']!r} not in the task's list")
            try:
                data = (epath.Path(spec.root) / rel).read_bytes()
            except OSError as e:
                raise audio.AudioFileError(f"{rel}: cannot read ({e.__class__.__name__})") from None
            if task.kind == "classification":
                wave_s = audio.read_audio(data, sr, name=rel)
                wave_s = fix_length(wave_s, int(round(task.max_duration * sr)))
                sr_native = audio.native_sample_rate(data)
                yield ("example", f"{i:08d}",
                       _example(wave_s, [row["label_id"]], rel, rel, sr_native, fold=row.get("fold", -1)))
                continue
            length = float(row["length"])
            wave_s = audio.read_audio(data, sr, name=rel, min_duration_s=length or None)
            wave_s = fix_length(wave_s, DETECTION_MAX_DURATION_S * sr)
            sr_native = audio.native_sample_rate(data)
            width, shift = task.window_width, task.window_shift
            n = int(round(width * sr))
            for k in range(num_windows(length, width, shift)):
                start = k * shift
                piece = wave_s[int(round(start * sr)):int(round(start * sr)) + n]
                piece = np.pad(piece, (0, n - len(piece)))
                labels = window_labels(row["annotations"], start, start + width)
                yield ("example", f"{i:08d}-{k:04d}",
                       _example(piece, labels, f"{rel}@{start:g}", rel, sr_native, start_s=start))
        except audio.AudioFileError as e:
            yield ("skip", {"file": rel, "split": spec.split, "reason": str(e)})


def work_units(rows, rows_per_unit):
    indexed = list(enumerate(rows))
    return [indexed[i:i + rows_per_unit] for i in range(0, len(indexed), rows_per_unit)]


def rows_per_unit(num_rows, workers, max_rows=64):
    """Small units so every worker gets several; big enough to amortise scheduling."""
    return int(max(1, min(max_rows, math.ceil(num_rows / max(1, 4 * workers)))))
