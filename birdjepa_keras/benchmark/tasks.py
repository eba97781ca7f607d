"""Benchmark tasks: which TFDS dataset and splits, which labels, which metrics.

A task is data, not code: the runner embeds `train`, `valid` (or a held-out
part of train) and `test` with each backbone, fits a probe on train, selects
it on valid and scores test with the task's metrics.
"""

import dataclasses

from birdjepa_keras import metrics
from birdjepa_keras.config.benchmark import BEANS_CLASSIFICATION, BEANS_DETECTION, BIRDSET_SETS


@dataclasses.dataclass(frozen=True)
class Task:
    """One benchmark task.

    Args:
        name: registry key (also the `task` column of the results).
        dataset, config: TFDS builder name and config.
        train_split, test_split: splits to fit and to score.
        valid_split: split for early stopping / model selection; None holds out
            `benchmark.valid_fraction` of train (fixed across seeds).
        multi_label: sigmoid + BCE (multi-hot labels) vs softmax + CE (one label).
        metric_set: "birdset" (cmAP, cmAP5, AUROC, top-1), "beans_cls"
            (accuracy) or "beans_det" (mAP).
        clip_seconds: fixed window cut from every example (start, zero-padded).
        suite: "synthetic", "birdset" or "beans" (reports average within a suite).
        role: "test", or "validation" for a set used for model selection only
            (BirdSet's POW), which suite averages leave out.
    """

    name: str
    dataset: str
    config: str = ""
    train_split: str = "train"
    valid_split: str | None = "valid"
    test_split: str = "test"
    multi_label: bool = True
    metric_set: str = "birdset"
    clip_seconds: float = 5.0
    suite: str = "synthetic"
    role: str = "test"

    @property
    def primary(self):
        return PRIMARY[self.metric_set]

    def clip_samples(self, sample_rate):
        return int(round(self.clip_seconds * sample_rate))

    def metrics(self, y_true_nc, scores_nc):
        return METRIC_FNS[self.metric_set](y_true_nc, scores_nc)

    def score(self, y_true_nc, scores_nc):
        """The primary metric alone (model selection on validation)."""
        return PRIMARY_FNS[self.metric_set](y_true_nc, scores_nc)


METRIC_FNS = {
    "birdset": metrics.birdset_metrics,
    "beans_cls": metrics.beans_classification_metrics,
    "beans_det": metrics.beans_detection_metrics,
}
PRIMARY = {"birdset": "cmap", "beans_cls": "accuracy", "beans_det": "map"}
PRIMARY_FNS = {"birdset": metrics.cmap, "beans_cls": metrics.accuracy, "beans_det": metrics.mean_average_precision}

TASKS = {}


def register(task):
    if task.name in TASKS:
        raise ValueError(f"task {task.name!r} is registered twice")
    TASKS[task.name] = task
    return task


def get_task(name):
    if name not in TASKS:
        raise KeyError(f"unknown task {name!r}; known: {', '.join(sorted(TASKS))}")
    return TASKS[name]


# Synthetic bird song (tfds_builders/synthetic_birdsong): focal train, soundscape valid/test.
register(Task("synthetic", "synthetic_birdsong", "default"))
register(Task("synthetic_tiny", "synthetic_birdsong", "tiny"))

# BirdSet (tfds_builders/birdset_<set>): `train` = Xeno-canto focal recordings of the
# set's species (cut to their event windows), `test` = 5 s soundscape segments.
# Probes train per set ("dedicated training") and select on a fixed held-out 10 %
# of train. POW is BirdSet's validation set: reported, left out of the BirdSet mean.
for _s in BIRDSET_SETS:
    register(Task(f"birdset_{_s}", f"birdset_{_s}", "default", valid_split=None, suite="birdset",
                  role="validation" if _s == "pow" else "test"))  # fmt: skip

# BEANS (tfds_builders/beans, one config per task), train / valid / test at 32 kHz.
# Classification: one label per clip, accuracy, clips padded/cut to BEANS's length.
# Detection: multi-hot windows (2-10 s), mAP.
BEANS_CLIP_SECONDS = {"watkins": 3, "bats": 5, "cbi": 10, "dogs": 10, "humbugdb": 3, "esc50": 5, "speech_commands": 1,
                      "dcase": 2, "enabirds": 2, "hiceas": 10, "rfcx": 10, "hainan_gibbons": 4}  # fmt: skip
for _t in BEANS_CLASSIFICATION:
    register(Task(f"beans_{_t}", "beans", _t, multi_label=False, metric_set="beans_cls",
                  clip_seconds=BEANS_CLIP_SECONDS[_t], suite="beans"))  # fmt: skip
for _t in BEANS_DETECTION:
    register(Task(f"beans_{_t}", "beans", _t, metric_set="beans_det", clip_seconds=BEANS_CLIP_SECONDS[_t], suite="beans"))
