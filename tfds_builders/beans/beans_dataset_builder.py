"""`beans`: the BEANS benchmark tasks from a local copy of BEANS-prepared files, at 32 kHz.

    tfds build beans --config watkins --imports tfds_builders --manual_dir /data/beans
    cd tfds_builders && tfds build beans --config dcase --manual_dir /data/beans

`--manual_dir` is the BEANS repository root after its `scripts/download_data.sh`
(the folder holding `data/`). One config per task; see docs/datasets.md.
"""

import dataclasses

import numpy as np
import tensorflow_datasets as tfds
from absl import logging

from tfds_builders._lib import beans, build_engine
from tfds_builders.audio_builder import AudioBuilder

_CITATION = """\
@inproceedings{hagiwara2023beans,
  title={BEANS: The Benchmark of Animal Sounds},
  author={Hagiwara, Masato and Hoffman, Benjamin and Liu, Jen-Yu and Cusimano, Maddie and Effenberger, Felix
          and Zacarian, Katie},
  booktitle={ICASSP 2023}, year={2023}}
"""

_MANUAL = """\
Prepare BEANS with its own scripts (github.com/earthspecies/beans:
`scripts/download_data.sh`; cbi and rfcx need a Kaggle account), then pass the
BEANS repository root, the folder holding `data/`, as --manual_dir. Files read
per task: the split files named in BEANS's datasets.yml (`train`, `valid`,
`test`, and `train-low` where BEANS writes one) and the WAV files their `path`
column / field names, relative to that root.
"""


@dataclasses.dataclass(eq=False)
class BeansConfig(tfds.core.BuilderConfig):
    task: str = ""


class Builder(AudioBuilder):
    """BEANS tasks: classification clips, or detection windows with multi-hot labels."""

    VERSION = tfds.core.Version("1.0.0")
    RELEASE_NOTES = {"1.0.0": "BEANS prepared files, resampled to 32 kHz int16."}
    MANUAL_DOWNLOAD_INSTRUCTIONS = _MANUAL
    BUILDER_CONFIGS = [
        BeansConfig(name=name, task=name, description=(
            f"{t.kind}, {len(t.labels)} classes, native {t.sample_rate} Hz"
            + (f", {t.window_width:g} s windows every {t.window_shift:g} s" if t.kind == "detection" else "")))
        for name, t in beans.TASKS.items()
    ]
    DEFAULT_CONFIG_NAME = "watkins"

    @property
    def _task(self):
        return beans.TASKS[self.builder_config.task]

    def _info(self):
        t = self._task
        return tfds.core.DatasetInfo(
            builder=self,
            description=_description(t),
            features=tfds.features.FeaturesDict({
                "audio": tfds.features.Tensor(shape=(None,), dtype=np.int16, encoding=tfds.features.Encoding.BYTES,
                                              doc="int16 PCM, mono, resampled to 32 kHz."),
                "labels": tfds.features.Sequence(tfds.features.ClassLabel(names=t.names)),
                "recording_id": tfds.features.Text(doc="`path` (classification) or `path@start` (detection)."),
                "source_path": tfds.features.Text(doc="Audio path relative to the BEANS root."),
                "window_start_s": tfds.features.Scalar(dtype=np.float32, doc="Detection window start (s)."),
                "original_sample_rate": tfds.features.Scalar(dtype=np.int64),
                "fold": tfds.features.Scalar(dtype=np.int64, doc="esc50 fold (1-5), else -1."),
            }),
            homepage="https://github.com/earthspecies/beans",
            citation=_CITATION,
            metadata=tfds.core.MetadataDict(
                sample_rate=beans.SAMPLE_RATE,
                original_sample_rate=t.sample_rate,
                task=t.name,
                task_type=t.kind,
                class_names=list(t.names),
                unknown_label=None if t.unknown_label is None else str(t.unknown_label),
                max_duration_s=t.max_duration if t.kind == "classification" else beans.DETECTION_MAX_DURATION_S,
                window_width_s=t.window_width,
                window_shift_s=t.window_shift,
                num_skipped=0,
                skipped_files=[],
                label_report={},
            ),
        )

    def _split_generators(self, dl_manager):
        t = self._task
        root = beans.beans_root(self._manual_dir(dl_manager))
        if root is None or not (root / t.train_file).exists():
            where = self._manual_dir_path(dl_manager) or "the --manual_dir"
            raise beans.MissingSourceError(
                f"beans/{t.name}: no BEANS-prepared files: put the BEANS repository root (holding {t.train_file} "
                f"and its WAVs) at {where} (`tfds build beans --config {t.name} --manual_dir DIR`, "
                "see docs/datasets.md)")
        workers = build_engine.default_workers()
        generators = {}
        reports = {}
        for split, path in beans.available_splits(root, t).items():
            rows, reports[split] = beans.resolve_labels(beans.read_split(path, t), t)
            units = beans.work_units(rows, beans.rows_per_unit(len(rows), workers))
            spec = beans.SplitSpec(task=t.name, split=split, root=str(root))
            generators[split] = self._generate_examples(split, units, beans.process_rows, spec)
        # labels are resolved here, before any decoding: the report is complete whichever runner builds
        self.info.metadata["label_report"] = reports
        for split, r in reports.items():
            if r["unknown"] or r["unmatched"]:
                logging.warning("beans/%s %s: %d labels sent to the unknown label, %d matching no label (e.g. %s)",
                                t.name, split, r["unknown"], r["unmatched"],
                                (r["unmatched_labels"] or r["unknown_labels"])[0])
        return generators


def _description(t):
    lines = [f"BEANS `{t.name}` ({t.kind}, {len(t.labels)} classes), from BEANS-prepared files.",
             f"Audio decoded with soundfile and resampled from the native {t.sample_rate} Hz to 32 kHz "
             "(soxr) at build time; `original_sample_rate` keeps the file's own rate."]
    if t.kind == "detection":
        lines.append(f"Each example is a {t.window_width:g} s window every {t.window_shift:g} s of a recording "
                     "chunk (int((length - width) / shift) + 1 windows, none for a chunk shorter than "
                     f"{t.window_width - t.window_shift:g} s); a label is on when its annotation overlaps the "
                     "window by more than 0.2 of the shorter of the two, or covers the window (BEANS's rule).")
    else:
        lines.append(f"Each example is one clip cut or zero-padded at the end to {t.max_duration:g} s, as BEANS "
                     "loads it.")
    lines.append("Labels match BEANS's list by Python equality (2.0 is 2); `metadata['label_report']` counts "
                 "per split the labels sent to the unknown label or matching none.")
    if t.sample_rate > 2 * 16000:
        lines.append(f"Content above 16 kHz (Nyquist at 32 kHz) is lost; the native rate is {t.sample_rate} Hz.")
    return "\n".join(lines)
