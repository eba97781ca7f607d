"""Benchmark validation splits on built TFDS datasets: by recording, or POW's segments for BirdSet.

Two tiny TFDS builders written here stand in for a BirdSet set: several
examples per recording (BirdSet event rows, BEANS windows) with the
`recording_id` text feature every builder of ours has (tfds_builders/
birdset_base.py, synthetic_birdsong; BEANS adds `source_path`), and a
"POW" whose class list differs. Each example's audio is a constant that
encodes its recording, so the test reads the split from the features alone.
"""

import numpy as np
import pytest
import tensorflow_datasets as tfds

from birdjepa_keras.config import benchmark as bcfg
from birdjepa_keras.benchmark import run as bench_run
from birdjepa_keras.benchmark.features import split_groups
from birdjepa_keras.benchmark.tasks import Task

SR, CLIP = 32000, 160000
XC_CLASSES = ["amecro", "blujay", "norcar"]
POW_CLASSES = ["norcar", "eursta", "amecro"]


def _features(names, source_path=False):
    extra = {"source_path": tfds.features.Text()} if source_path else {}
    return tfds.features.FeaturesDict({
        "audio": tfds.features.Tensor(shape=(None,), dtype=np.int16, encoding=tfds.features.Encoding.BYTES),
        "labels": tfds.features.Sequence(tfds.features.ClassLabel(names=names)),
        "recording_id": tfds.features.Text(),
        **extra,
    })  # fmt: skip


def _clip(value):
    return np.full(CLIP, value, np.int16)


class TinyXcSet(tfds.core.GeneratorBasedBuilder):
    """train: 12 recordings x 1-4 rows each (audio = 100 x recording); test: 6 segments."""

    VERSION = tfds.core.Version("1.0.0")

    def _info(self):
        return tfds.core.DatasetInfo(builder=self, features=_features(XC_CLASSES), metadata=tfds.core.MetadataDict(sample_rate=SR))

    def _split_generators(self, dl_manager):
        return {"train": self._generate_examples("train"), "test": self._generate_examples("test")}

    def _generate_examples(self, split):
        yield from self._train() if split == "train" else self._test()

    def _train(self):
        rows = np.random.default_rng(0).integers(1, 5, 12)
        for r, n in enumerate(rows):
            for k in range(n):
                yield f"rec{r}#{k}", {"audio": _clip(100 * (r + 1)), "labels": [XC_CLASSES[r % 3]], "recording_id": f"rec{r}.ogg"}

    def _test(self):
        for i in range(6):
            yield f"seg{i}", {"audio": _clip(-100 * (i + 1)), "labels": [XC_CLASSES[i % 3]], "recording_id": f"soundscape{i}.flac"}


class TinyPowSet(tfds.core.GeneratorBasedBuilder):
    """test: 5 segments labelled in POW's own class order."""

    VERSION = tfds.core.Version("1.0.0")

    def _info(self):
        return tfds.core.DatasetInfo(builder=self, features=_features(POW_CLASSES), metadata=tfds.core.MetadataDict(sample_rate=SR))

    def _split_generators(self, dl_manager):
        return {"test": self._generate_examples()}

    def _generate_examples(self):
        labels = [["norcar"], ["eursta"], ["amecro", "norcar"], [], ["eursta", "amecro"]]
        for i, lab in enumerate(labels):
            yield f"pow{i}", {"audio": _clip(7 * (i + 1)), "labels": lab, "recording_id": f"pow_{i}.ogg"}


class ValueBackbone:
    """Embeds a clip as its mean sample value (int16 units): enough to tell examples apart."""

    name, sample_rate, checkpoint, grid = "value", SR, "value:test", None

    def embed(self, wave_bs):
        v = np.round(np.asarray(wave_bs).mean(axis=1, keepdims=True) * 32768.0)
        return {"embedding": v.astype(np.float32), "tokens": None, "cls": None}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("valid")
    out = {}
    for cls in (TinyXcSet, TinyPowSet):
        b = cls(data_dir=str(root / "tfds"))
        b.download_and_prepare()
        out[cls.__name__] = b
    return root, out


def _recipe(birdset_valid="holdout"):
    return bcfg.BenchRecipe(benchmark=bcfg.BenchmarkConfig(valid_fraction=0.3, birdset_valid=birdset_valid, batch_size=4, verbose=0))


def _info(builder):
    from birdjepa_keras.data import pipeline

    return pipeline.split_info(builder, "test")


TASK = Task("birdset_tiny", "tiny_xc_set", "", valid_split=None, suite="birdset")


def test_split_groups_reads_the_recording_of_every_example(built):
    _, b = built
    groups = split_groups(b["TinyXcSet"], "train")
    values = [int(ex["audio"][0]) for ex in b["TinyXcSet"].as_dataset(split="train", shuffle_files=False).as_numpy_iterator()]
    assert [f"rec{v // 100 - 1}.ogg" for v in values] == list(groups)


def test_holdout_on_a_built_set_keeps_recordings_whole(built):
    root, b = built
    xc = b["TinyXcSet"]
    train, valid, test = bench_run.task_features(ValueBackbone(), TASK, xc, _info(xc), _recipe(), str(root / "cache"))
    rec = lambda f: set((f.embedding[:, 0] // 100).astype(int))  # noqa: E731  (audio = 100 x recording)
    assert rec(train) and rec(valid) and not rec(train) & rec(valid)
    assert len(train) + len(valid) == xc.info.splits["train"].num_examples
    assert set(test.embedding[:, 0]) == {-100.0 * (i + 1) for i in range(6)}
    # Cached: a second call reads the same split from the entry's groups.npy.
    train2, valid2, _ = bench_run.task_features(ValueBackbone(), TASK, xc, _info(xc), _recipe(), str(root / "cache"))
    np.testing.assert_array_equal(valid.embedding, valid2.embedding)
    assert (root / "cache").rglob("groups.npy")


def test_pow_validation_uses_pow_segments_with_labels_matched_by_code(built):
    root, b = built
    xc, pow_ = b["TinyXcSet"], b["TinyPowSet"]
    train, valid, _ = bench_run.task_features(
        ValueBackbone(), TASK, xc, _info(xc), _recipe("pow"), str(root / "cache"), pow_source=(pow_, _info(pow_))
    )
    assert len(train) == xc.info.splits["train"].num_examples  # nothing held out of train
    order = np.argsort(valid.embedding[:, 0])  # TFDS stores examples in key-hash order
    np.testing.assert_array_equal(valid.embedding[order, 0], [7, 14, 21, 28, 35])
    # POW labels in the task's class order (amecro, blujay, norcar); eursta is not a task class.
    np.testing.assert_array_equal(valid.labels[order], [[0, 0, 1], [0, 0, 0], [1, 0, 1], [0, 0, 0], [1, 0, 0]])
    assert bench_run.probe_label("linear", TASK, _recipe("pow")) == "linear@pow_valid"
    pow_task = bench_run.get_task("birdset_pow")
    assert not bench_run.uses_pow_valid(pow_task, _recipe("pow"))  # POW never validates on itself


def test_beans_windows_group_by_source_path(tmp_path):
    class TinyBeansDet(tfds.core.GeneratorBasedBuilder):
        VERSION = tfds.core.Version("1.0.0")

        def _info(self):
            return tfds.core.DatasetInfo(builder=self, features=_features(XC_CLASSES, source_path=True))

        def _split_generators(self, dl_manager):
            return {"train": self._generate_examples()}

        def _generate_examples(self):
            for f in range(3):
                for start in (0, 2, 4):  # BEANS detection: recording_id = path@start, one per window
                    yield f"{f}@{start}", {"audio": _clip(f), "labels": [], "recording_id": f"wav/{f}.wav@{start}", "source_path": f"wav/{f}.wav"}

    b = TinyBeansDet(data_dir=str(tmp_path))
    b.download_and_prepare()
    assert sorted(set(split_groups(b, "train"))) == ["wav/0.wav", "wav/1.wav", "wav/2.wav"]
