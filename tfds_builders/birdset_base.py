"""TFDS builder base for BirdSet (one thin subclass per set in `birdset_<set>/`).

Build (see docs/datasets.md for sizes, Beam and Dataflow commands):

    tfds build birdset_xcm --imports tfds_builders --manual_dir /data/BirdSet
    cd tfds_builders && tfds build birdset_pow --manual_dir /data/BirdSet
"""

import dataclasses
import os

import numpy as np
import tensorflow_datasets as tfds

from tfds_builders._lib import birdset, birdset_events, birdset_files, birdset_shards, sources
from tfds_builders._lib.birdset_classes import CLASSES
from tfds_builders.audio_builder import AudioBuilder

_CITATION = """\
@misc{rauch2025birdset,
  title={BirdSet: A Large-Scale Dataset for Audio Classification in Avian Bioacoustics},
  author={Lukas Rauch and Raphael Schwinger and Moritz Wirth and Ren{\\'e} Heinrich and Denis Huseljic
          and Marek Herde and Jonas Lange and Stefan Kahl and Bernhard Sick and Sven Tomforde
          and Christoph Scholz},
  year={2025}, eprint={2403.10380}, archivePrefix={arXiv}, primaryClass={cs.SD}}
"""

_NAMES = {
    "XCM": "Xeno-canto subset M: focal recordings of the 411 species of the eight test sets",
    "XCL": "Xeno-canto complete snapshot: focal recordings of 9,736 species",
    "POW": "Powdermill Nature Reserve, Pennsylvania (BirdSet's validation set)",
    "PER": "Amazon Basin, Peru",
    "NES": "Colombia / Costa Rica",
    "UHH": "Hawaiian Islands",
    "HSN": "High Sierra Nevada, California",
    "NBP": "NIPS4BPlus, France / Spain",
    "SSW": "Sapsucker Woods, New York",
    "SNE": "Sierra Nevada, California",
}


def manual_instructions(set_name):
    patterns = birdset_files.split_patterns(set_name)
    listed = ", ".join(p for _, _, shard, meta in patterns.values() for p in (shard, meta))
    return (
        f"Copy the BirdSet files of {set_name} from the Hugging Face dataset "
        f"{birdset_files.HUB_REPO} (revision `{birdset_files.HUB_REVISION}`) into the manual dir, "
        f"keeping the hub's layout: {listed}.\n"
        "For example: `huggingface-cli download DBD-research-group/BirdSet --repo-type dataset "
        f"--revision data --include '{set_name}/*' --local-dir /data/BirdSet` and then "
        f"`tfds build birdset_{set_name.lower()} --manual_dir /data/BirdSet`. "
        "When no local copy exists and huggingface.co is reachable, the builder downloads them itself."
    )


@dataclasses.dataclass(eq=False)
class BirdSetConfig(tfds.core.BuilderConfig):
    """How the train split is sampled, as BirdSet's multilabel training (`tfds_builders._lib.birdset_events`).

    Test / valid segments are always whole. Different values build into
    different config dirs (`config_for` names them).

    Attributes:
        class_limit: `_smart_sampling`'s class_limit (0 = none).
        event_limit: its event_limit (0 = none; both 0 keep every event row).
        extension_s: each kept event is widened to this many seconds
            (EventDecoding's extension_time; 0 = the bare event).
        label_source: "multilabel" (`ebird_code_multilabel`, upstream's
            multilabel training) or "multilabel+primary" (OR in `ebird_code`).
        sampling_seed: which events of a recording are kept.
    """

    class_limit: int = birdset_events.CLASS_LIMIT
    event_limit: int = birdset_events.EVENT_LIMIT
    extension_s: float = birdset_events.EXTENSION_S
    label_source: str = "multilabel"
    sampling_seed: int = 0

    def sampling(self):
        return dict(class_limit=self.class_limit, event_limit=self.event_limit, extension_s=self.extension_s,
                    label_source=self.label_source, sampling_seed=self.sampling_seed)


LABEL_SOURCES = ("multilabel", "multilabel+primary")
_DEFAULT_SAMPLING = BirdSetConfig(name="_defaults").sampling()


def config_for(class_limit=birdset_events.CLASS_LIMIT, event_limit=birdset_events.EVENT_LIMIT,
               extension_s=birdset_events.EXTENSION_S, label_source="multilabel", sampling_seed=0):
    """"default" for upstream's sampling, else a BirdSetConfig named after its values (for `tfds.builder`)."""
    if label_source not in LABEL_SOURCES:
        raise ValueError(f"label_source must be one of {LABEL_SOURCES}, got {label_source!r}")
    values = dict(class_limit=int(class_limit), event_limit=int(event_limit), extension_s=float(extension_s),
                  label_source=label_source, sampling_seed=int(sampling_seed))
    if values == _DEFAULT_SAMPLING:
        return "default"
    name = (f"c{values['class_limit']}_e{values['event_limit']}_x{values['extension_s']:g}"
            f"_{'mlp' if label_source == 'multilabel+primary' else 'ml'}_s{values['sampling_seed']}")
    return BirdSetConfig(name=name.replace(".", "p"), description=f"train sampling {values}", **values)


class BirdSetBuilder(AudioBuilder, skip_registration=True):
    """One BirdSet set as decoded 32 kHz int16 audio with its upstream metadata."""

    SET = None  # "XCM", "POW", ... (subclasses)
    VERSION = tfds.core.Version("1.1.0")
    RELEASE_NOTES = {
        "1.0.0": "BirdSet v0.0.4 layout; decoded once to 32 kHz int16.",
        "1.1.0": "Parquets indexed by `filepath` read as upstream; one example per metadata row "
                 "(train: per event row kept by BirdSet's smart sampling, widened to 8 s); short test "
                 "segments zero-padded, not dropped; `test_full` split of whole soundscapes with their "
                 "annotations; padded / unmatched files reported per split.",
    }
    BUILDER_CONFIGS = [
        BirdSetConfig(name="default", description=(
            "Train: BirdSet's multilabel sampling (events of the biggest cluster, class_limit 500, "
            "event_limit 5), one example per kept event widened to 8 s; test/valid as whole 5 s segments.")),
    ]
    DEFAULT_CONFIG_NAME = "default"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.SET:
            cls.MANUAL_DOWNLOAD_INSTRUCTIONS = manual_instructions(cls.SET)

    def _info(self):
        s = self.SET
        names = CLASSES[s]
        xcm, xcl = ({c: i for i, c in enumerate(CLASSES[k])} for k in ("XCM", "XCL"))
        cfg = self.builder_config
        splits = {k: v[0] for k, v in birdset_files.split_patterns(s).items()}
        return tfds.core.DatasetInfo(
            builder=self,
            description=_description(s, splits),
            features=tfds.features.FeaturesDict({
                "audio": tfds.features.Tensor(
                    shape=(None,), dtype=np.int16, encoding=tfds.features.Encoding.BYTES,
                    doc="int16 PCM, mono, 32 kHz (train: one kept event's widened window)."),
                "labels": tfds.features.Sequence(tfds.features.ClassLabel(names=names), doc=(
                    "train: ebird_code_multilabel (+ ebird_code if so configured); test: "
                    "ebird_code_multilabel; test_full: every annotation's class. Sorted unique.")),
                "recording_id": tfds.features.Text(doc="Audio file name in the archive."),
                "row": tfds.features.Scalar(dtype=np.int64, doc="Row of the split's parquet (-1: test_full)."),
                "duration_s": tfds.features.Scalar(dtype=np.float64,
                                                   doc="Decoded length of the source file (before cutting/padding)."),
                "annotations": tfds.features.Tensor(shape=(None, 2), dtype=np.float32,
                                                    doc="test_full: [start, end] s of each annotation, by start."),
                "annotation_labels": tfds.features.Tensor(shape=(None,), dtype=np.int64,
                                                          doc="test_full: class index of each annotation."),
                "windows": tfds.features.Tensor(shape=(None, 2), dtype=np.float32,
                                                doc="[start, end] s in the source file of the stored audio."),
                "ebird_code": tfds.features.Text(doc="Primary eBird code ('' for test segments)."),
                "ebird_code_secondary": tfds.features.Sequence(tfds.features.Text()),
                "detected_events": tfds.features.Tensor(shape=(None, 2), dtype=np.float32),
                "event_cluster": tfds.features.Tensor(shape=(None,), dtype=np.int64),
                "peaks": tfds.features.Tensor(shape=(None,), dtype=np.float32),
                **{c: tfds.features.Text() for c in birdset.TEXT_COLUMNS},
                **{c: tfds.features.Scalar(dtype=np.float64) for c in birdset.FLOAT_COLUMNS},
                **{c: tfds.features.Scalar(dtype=np.int64) for c in birdset.INT_COLUMNS},
            }),
            homepage=f"https://huggingface.co/datasets/{birdset_files.HUB_REPO}",
            citation=_CITATION,
            metadata=tfds.core.MetadataDict(
                sample_rate=birdset_files.SAMPLE_RATE,
                original_sample_rate=birdset_files.SAMPLE_RATE,
                birdset_set=s,
                class_names=list(names),
                # Index of each class in XCM / XCL (-1: absent), matched by eBird code string.
                xcm_ids=[xcm.get(c, -1) for c in names],
                xcl_ids=[xcl.get(c, -1) for c in names],
                train_sampling=cfg.sampling(),
                num_skipped=0,
                skipped_files=[],
                # {split: {examples, padded, skipped, audio_without_rows, rows_without_audio}}
                split_report={},
                # {split: [names]} (at most 1000 listed per split; the counts are in split_report)
                padded_files={},
                audio_without_rows={},
                rows_without_audio={},
            ),
        )

    def _source_root(self, dl_manager):
        manual = self._manual_dir(dl_manager)
        root = birdset_files.local_root(manual, self.SET)
        if root is not None:
            return root, f"manual_dir {manual}"
        if birdset_files.hub_reachable():
            target = dl_manager.download_dir / "birdset_hub"
            return birdset_files.download_from_hub(self.SET, target), f"hub {birdset_files.HUB_REPO}@{birdset_files.HUB_REVISION}"
        where = self._manual_dir_path(dl_manager) or "the --manual_dir"
        first = birdset_files.split_patterns(self.SET)["train"]
        raise sources.MissingSourceError(
            f"{self.name}: no BirdSet {self.SET} files: put the hub's `data` layout ({first[2]}, {first[3]}, ...) "
            f"under {where} (`tfds build {self.name} --manual_dir DIR`, see docs/datasets.md) "
            f"or run online to fetch {birdset_files.HUB_REPO}")

    def _notes_dir(self):
        return self.data_path / "_notes"

    def _download_and_prepare(self, dl_manager, download_config):
        import shutil

        self._split_files = {}
        super()._download_and_prepare(dl_manager, download_config)
        notes = self._notes_dir()
        seen = birdset_shards.summarize_notes(notes, {k: f.metadata for k, f in self._split_files.items()})
        if notes.exists():
            shutil.rmtree(notes, ignore_errors=True)
        md = self.info.metadata
        report = {}
        for split, s in seen.items():
            report[split] = dict(
                examples=int(self.info.splits[split].num_examples) if split in self.info.splits else 0,
                padded=s["num_padded"], skipped=sum(r["split"] == split for r in md["skipped_files"]),
                audio_without_rows=s["num_audio_without_rows"], rows_without_audio=s["num_rows_without_audio"])
            for key in ("padded", "audio_without_rows", "rows_without_audio"):
                md[key if key != "padded" else "padded_files"][split] = s[key]
        md["split_report"] = report

    def _split_generators(self, dl_manager):
        root, source = self._source_root(dl_manager)
        files, notes = birdset_files.find_files(root, self.SET)
        for note in notes:
            print(f"{self.name}: {note}")
        self._split_files = files
        self.info.metadata["source"] = source
        cfg = self.builder_config
        workers = 1 if self._use_beam else self._workers()
        generators = {}
        for split, f in files.items():
            spec = birdset.SplitSpec(
                set_name=self.SET, split=split, kind=f.kind, label_set=f.label_set, metadata=f.metadata,
                class_limit=cfg.class_limit, event_limit=cfg.event_limit, extension_s=cfg.extension_s,
                label_source=cfg.label_source, sampling_seed=cfg.sampling_seed,
                notes_dir=os.fspath(self._notes_dir()))
            if f.kind == "train":  # planned here once too: fail early, and record what was kept
                plan = birdset.spec_plan(spec)
                self.info.metadata["train_plan"] = birdset_events.plan_summary(plan)
            target = 64 if self._use_beam else 2 * workers
            units = birdset_shards.work_units(f, birdset_shards.parts_per_shard(len(f.shards), target))
            generators[split] = self._generate_examples(split, units, birdset_shards.process_shard_part, spec)
        return generators

    @staticmethod
    def _workers():
        from tfds_builders._lib import build_engine

        return build_engine.default_workers()


def _description(set_name, splits):
    lines = [
        f"BirdSet {set_name}: {_NAMES[set_name]}.",
        "",
        "Audio decoded once (soundfile) and resampled to 32 kHz mono int16 (soxr).",
    ]
    for split, kind in splits.items():
        if kind == "train":
            lines.append(f"* `{split}`: one example per event row kept by BirdSet's smart sampling: the event "
                         "widened to 8 s (`windows` gives its place in the source file).")
        elif kind == "full":
            lines.append(f"* `{split}`: whole soundscapes (upstream `test`), one example per recording with its "
                         "annotation table (`annotations`, `annotation_labels`); score them in 5 s windows with "
                         "`tfds_builders._lib.birdset.soundscape_windows`.")
        else:
            src = "POW's" if split == "valid" else "the"
            lines.append(f"* `{split}`: {src} 5 s soundscape segments with multi-hot `labels` "
                         "(upstream `test_5s`, `ebird_code_multilabel`); shorter ones zero-padded to 5 s.")
    lines.append("Label indices follow BirdSet's list for this set; `metadata.json` maps them to XCM / "
                 "XCL indices by eBird code.")
    return "\n".join(lines)
