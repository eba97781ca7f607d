"""Recipe tables about input: [data], [data.augment], [data.birdset], [frontend]."""

import dataclasses
from typing import Literal

from birdjepa_keras.config.schema import _check


@dataclasses.dataclass(frozen=True)
class AugmentConfig:
    """Train-time augmentations, all off by default and seeded from `run.seed`.

    Waveform ones run in the tf.data train stream (gain -> noise per clip, then
    mixing within the batch); SpecAugment masks the log-mel inside the model
    (training only; the exported encoder has none).
    """

    gain_prob: float = 0.0
    gain_db: tuple[float, float] = (-6.0, 6.0)  # amplitude gain drawn uniformly in dB
    noise_prob: float = 0.0  # add white background noise
    noise_snr_db: tuple[float, float] = (10.0, 30.0)  # SNR relative to the clip's RMS
    mix_prob: float = 0.0  # add the batch neighbour's clip; labels OR-ed
    mix_gain_db: tuple[float, float] = (-6.0, 0.0)  # the added clip's level, relative
    time_masks: int = 0  # SpecAugment masks along time (axis 1 of (batch, time, mel))
    time_mask_frames: int = 40  # widest time mask, in frames
    freq_masks: int = 0  # SpecAugment masks along mel (axis 2)
    freq_mask_bins: int = 16  # widest frequency mask, in mel bins

    def validate(self, key):
        for name in ("gain_prob", "noise_prob", "mix_prob"):
            _check(0.0 <= getattr(self, name) <= 1.0, f"{key}.{name}", "must be in [0, 1]")
        for name in ("gain_db", "noise_snr_db", "mix_gain_db"):
            lo, hi = getattr(self, name)
            _check(lo <= hi, f"{key}.{name}", f"needs low <= high, got [{lo}, {hi}]")
        _check(self.time_masks >= 0 and self.freq_masks >= 0, f"{key}.time_masks", "mask counts must be >= 0")
        _check(self.time_mask_frames >= 1, f"{key}.time_mask_frames", "must be >= 1")
        _check(self.freq_mask_bins >= 1, f"{key}.freq_mask_bins", "must be >= 1")

    @property
    def specaugment(self):
        return self.time_masks > 0 or self.freq_masks > 0


@dataclasses.dataclass(frozen=True)
class BirdSetSamplingConfig:
    """Train sampling of the `birdset_*` datasets, as BirdSet's multilabel training.

    Defaults are upstream's (`_smart_sampling` class_limit 500, event_limit 5;
    EventDecoding extension_time 8 s); other values build their own dataset
    config. See `tfds_builders._lib.birdset_events`.
    """

    class_limit: int = 500  # per class, cut the most event-rich recordings while the class keeps >= this (0 = off)
    event_limit: int = 5  # stop cutting when the richest recording is at this many events (0 = off)
    extension_s: float = 8.0  # each kept event widened to this (the 5 s crop is taken inside; 0 = bare event)
    label_source: Literal["multilabel", "multilabel+primary"] = "multilabel"  # "+primary": OR in ebird_code
    sampling_seed: int = 0  # which events of a recording are kept

    def validate(self, key):
        _check(self.class_limit >= 0, f"{key}.class_limit", "must be >= 0 (0 = no class limit)")
        _check(self.event_limit >= 0, f"{key}.event_limit", "must be >= 0 (0 = no event limit)")
        _check(self.extension_s >= 0, f"{key}.extension_s", "must be >= 0 (0 = no widening)")
        _check(self.sampling_seed >= 0, f"{key}.sampling_seed", "must be >= 0")


@dataclasses.dataclass(frozen=True)
class DataConfig:
    dataset: str = "synthetic_birdsong"
    config: str = "default"
    data_dir: str = ""  # "" = TFDS default (or $TFDS_DATA_DIR)
    build_if_missing: bool = True
    train_split: str = "train"
    valid_split: str = "valid"
    test_split: str = "test"
    sample_rate: int = 32000
    clip_seconds: float = 5.0
    batch_size: int = 32
    balance_classes: bool = False  # draw train examples so classes come up equally often
    balance_power: float = 1.0  # class weight n_c ** -power (1 = equal, 0.5 = softened)
    augment: AugmentConfig = AugmentConfig()
    birdset: BirdSetSamplingConfig = BirdSetSamplingConfig()  # used by the birdset_* datasets only

    def validate(self, key):
        _check(self.batch_size > 0, f"{key}.batch_size", "must be > 0")
        if self.dataset.startswith("birdset_") and self.birdset != BirdSetSamplingConfig():
            _check(self.config in ("", "default"), f"{key}.config",
                   f"must be 'default' when {key}.birdset sets the train sampling (it names its own config)")
        _check(self.clip_seconds > 0, f"{key}.clip_seconds", "must be > 0")
        _check(self.sample_rate > 0, f"{key}.sample_rate", "must be > 0")
        _check(self.balance_power >= 0, f"{key}.balance_power", "must be >= 0")

    @property
    def clip_samples(self):
        return int(round(self.clip_seconds * self.sample_rate))


@dataclasses.dataclass(frozen=True)
class FrontendConfig:
    n_mels: int = 128
    frame_length: int = 800
    frame_shift: int = 320
    n_fft: int = 1024
    low_freq: float = 20.0
    high_freq: float = 16000.0
    preemphasis: float = 0.97
    target_frames: int = 512
    mean: float = -7.2
    std: float = 4.43

    def validate(self, key):
        _check(self.n_mels > 0, f"{key}.n_mels", "must be > 0")
        _check(self.std > 0, f"{key}.std", "must be > 0")
        _check(self.n_fft >= self.frame_length, f"{key}.n_fft", "must be >= frame_length")
        _check(0 <= self.low_freq < self.high_freq, f"{key}.high_freq", "must be > low_freq >= 0")
