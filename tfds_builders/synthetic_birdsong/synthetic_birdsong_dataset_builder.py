"""`synthetic_birdsong`: deterministic synthetic bird song, the embedded default dataset.

Build (no download needed):

    tfds build synthetic_birdsong --config tiny --imports tfds_builders
    cd tfds_builders && tfds build synthetic_birdsong --config tiny
"""

from __future__ import annotations

import dataclasses

import numpy as np
import tensorflow_datasets as tfds

from birdjepa_keras.data import synthetic

_DESCRIPTION = """\
Synthetic bird song at 32 kHz, generated deterministically from a seed
(birdjepa_keras.data.synthetic). Species are templates of syllable types
(up/down sweeps, U/inverted-U contours, trills with a species-specific rate,
pulse trains, harmonic stacks with species-specific harmonic weights, warbles)
arranged by a phrase grammar (repeat counts, gaps, tempo drift). Groups of 4
species share a frequency band and neighbouring bands overlap. Individuals
jitter pitch (~3%), tempo (~7%) and amplitude.

* `train`: focal recordings, one species each, 5-15 s, several songs over
  coloured background noise (0-20 dB SNR; sometimes a faint unlabelled
  distractor species).
* `valid`, `test`: 5 s soundscape segments with 0-3 species mixed at -8..10 dB
  SNR over noise with broadband bursts and insect-like tone bands, plus
  unlabelled distractor species; some segments contain no species.

`audio` is int16 PCM stored as raw bytes (no decoding at training time);
`labels` lists sorted unique species indices.
"""


@dataclasses.dataclass(eq=False)
class SyntheticBirdsongConfig(tfds.core.BuilderConfig):
    """Sizes and seed of one synthetic dataset."""

    seed: int = 0
    num_species: int = 24
    train_per_species: int = 30
    num_valid: int = 250
    num_test: int = 500
    train_min_s: float = 5.0
    train_max_s: float = 15.0
    segment_s: float = 5.0


class Builder(tfds.core.GeneratorBasedBuilder):
    """Synthetic bird-song focal recordings (train) and soundscapes (valid/test)."""

    VERSION = tfds.core.Version("1.0.0")
    RELEASE_NOTES = {"1.0.0": "Initial release."}
    BUILDER_CONFIGS = [
        SyntheticBirdsongConfig(
            name="default", description="24 species, 30 focal recordings each; 250 valid, 500 test segments.",
        ),
        SyntheticBirdsongConfig(
            name="tiny", description="8 species, 3 short focal recordings each; 12 valid, 16 test segments (tests).",
            num_species=8, train_per_species=3, num_valid=12, num_test=16, train_max_s=8.0,
        ),
    ]
    DEFAULT_CONFIG_NAME = "default"

    def _synth(self) -> synthetic.BirdsongSynth:
        return synthetic.BirdsongSynth(self.builder_config.seed, self.builder_config.num_species)

    def _info(self) -> tfds.core.DatasetInfo:
        cfg = self.builder_config
        return tfds.core.DatasetInfo(
            builder=self,
            description=_DESCRIPTION,
            features=tfds.features.FeaturesDict({
                "audio": tfds.features.Tensor(
                    shape=(None,), dtype=np.int16, encoding=tfds.features.Encoding.BYTES,
                    doc="int16 PCM, mono, 32 kHz."),
                "labels": tfds.features.Sequence(
                    tfds.features.ClassLabel(names=self._synth().species_names)),
                "recording_id": tfds.features.Text(),
            }),
            metadata=tfds.core.MetadataDict(
                sample_rate=synthetic.SAMPLE_RATE, seed=cfg.seed, num_species=cfg.num_species),
        )

    def _split_generators(self, dl_manager: tfds.download.DownloadManager):
        del dl_manager  # nothing to download
        return {split: self._generate_examples(split) for split in ("train", "valid", "test")}

    def _generate_examples(self, split: str):
        cfg = self.builder_config
        synth = self._synth()
        if split == "train":
            count = cfg.num_species * cfg.train_per_species
            make = lambda i: synth.focal(i, cfg.train_min_s, cfg.train_max_s)  # noqa: E731
        else:
            count = cfg.num_valid if split == "valid" else cfg.num_test
            make = lambda i: synth.soundscape(split, i, cfg.segment_s)  # noqa: E731
        for i in range(count):
            wave_s, labels_c = make(i)
            rec_id = f"syn{cfg.seed}-{split}-{i:05d}"
            yield rec_id, {
                "audio": np.round(wave_s * 32767.0).astype(np.int16),
                "labels": labels_c,
                "recording_id": rec_id,
            }
