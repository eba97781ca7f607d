"""Deterministic synthetic bird song (pure NumPy, no TensorFlow).

A species is a template drawn from the seed: a repertoire of syllable types
(frequency contour, duration, trill/pulse rate, harmonic weights, envelope)
and a phrase grammar (phrase order, repeat counts, gaps, tempo drift).
Species come in groups of ``GROUP_SIZE`` that share one frequency band (and
neighbouring bands overlap), so band energy alone cannot separate them; each
species in a group gets a different primary syllable kind. Individuals jitter
around the template (pitch, tempo, amplitude).

Every example is a pure function of ``(seed, split_id, index)``, so examples
can be generated in any order or in parallel::

    synth = BirdsongSynth(seed=0, num_species=24)
    wave_s, labels_c = synth.focal(3)                # train: 1 species, 5-15 s
    wave_s, labels_c = synth.soundscape("test", 7)   # 5 s, 0-3 species
"""

from __future__ import annotations

import dataclasses

import numpy as np

SAMPLE_RATE = 32_000
GROUP_SIZE = 4
KINDS = ("upsweep", "downsweep", "ushape", "nshape", "trill", "pulses", "stack", "warble")
SPLIT_IDS = {"train": 0, "valid": 1, "test": 2}
_BAND, _TEMPLATE, _DISTRACTOR = 101, 102, 103
_DUR_S = {  # syllable duration range per kind
    "upsweep": (0.04, 0.2), "downsweep": (0.04, 0.2), "ushape": (0.08, 0.25),
    "nshape": (0.08, 0.25), "trill": (0.2, 0.6), "pulses": (0.2, 0.7),
    "stack": (0.08, 0.3), "warble": (0.3, 0.8),
}
_RATE_HZ = {"trill": (10.0, 40.0), "pulses": (6.0, 25.0), "warble": (3.0, 8.0)}


@dataclasses.dataclass(frozen=True)
class Syllable:
    """One syllable type: contour `kind` between `f_lo`..`f_hi` Hz."""

    kind: str
    f_lo: float
    f_hi: float
    dur_s: float
    rate_hz: float  # trill / pulse / warble rate, 0 for plain contours
    harm_w: tuple  # amplitude of harmonics 1..k
    attack: float  # fraction of the syllable spent rising
    decay: float  # fraction spent falling


@dataclasses.dataclass(frozen=True)
class Species:
    """A species template: syllable repertoire plus phrase grammar."""

    name: str
    syllables: tuple  # tuple[Syllable, ...]
    phrase: tuple  # syllable-type index of each phrase, in song order
    reps: tuple  # mean repeats of each phrase
    gap_s: tuple  # gap between repeats in each phrase
    phrase_gap_s: float
    tempo_drift: float  # gap multiplier per repeat (<1 accelerates)
    song_gap_s: tuple  # (min, max) silence between songs


def group_band(seed: int, group: int) -> tuple[float, float]:
    """Frequency band (lo, hi) in Hz shared by species of `group`."""
    rng = np.random.default_rng([seed, _BAND, group])
    centre = 1700.0 * 1.35 ** (group % 6) * rng.uniform(0.93, 1.07)
    return centre / 1.35, centre * 1.35


def _make_syllable(rng: np.random.Generator, kind: str, band: tuple) -> Syllable:
    lo, hi = band
    a = rng.uniform(0.0, 0.6)
    b = rng.uniform(a + 0.35, 1.0)
    span = np.log(hi / lo)
    if kind == "stack":
        harm_w = (1.0, rng.uniform(0.3, 1.0), rng.uniform(0.2, 0.9), rng.uniform(0.1, 0.7))
    else:
        harm_w = (1.0, rng.uniform(0.0, 0.5), rng.uniform(0.0, 0.25))
    rate = rng.uniform(*_RATE_HZ[kind]) if kind in _RATE_HZ else 0.0
    return Syllable(
        kind=kind, f_lo=float(lo * np.exp(span * a)), f_hi=float(lo * np.exp(span * b)),
        dur_s=float(rng.uniform(*_DUR_S[kind])), rate_hz=float(rate),
        harm_w=tuple(float(w) for w in harm_w),
        attack=float(rng.uniform(0.03, 0.5)), decay=float(rng.uniform(0.1, 0.5)),
    )


def make_species(seed: int, index: int, stream: int = _TEMPLATE, prefix: str = "sp",
                 group: int | None = None) -> Species:
    """Species template `index`; its band group defaults to ``index // GROUP_SIZE``."""
    group = index // GROUP_SIZE if group is None else group
    band = group_band(seed, group)
    perm = np.random.default_rng([seed, stream, group, 7]).permutation(len(KINDS))
    rng = np.random.default_rng([seed, stream, index])
    n_types = int(rng.integers(2, 5))
    kinds = [KINDS[perm[index % GROUP_SIZE]]] + [str(k) for k in rng.choice(KINDS, n_types - 1)]
    syllables = tuple(_make_syllable(rng, k, band) for k in kinds)
    phrase = [0] + [int(i) for i in rng.permutation(np.arange(1, n_types))]
    if rng.random() < 0.5:
        phrase.append(int(rng.integers(0, n_types)))
    max_reps = [min(5, max(1, int(1.2 / syllables[k].dur_s))) for k in phrase]  # songs ~1-4 s
    reps = tuple(int(rng.integers(1, m + 1)) for m in max_reps)
    gaps = tuple(float(g) for g in rng.uniform(0.02, 0.15, len(phrase)))
    lo_gap = float(rng.uniform(0.3, 1.0))
    return Species(
        name=f"{prefix}{index:02d}_{kinds[0]}_{kinds[1]}", syllables=syllables,
        phrase=tuple(phrase), reps=reps, gap_s=gaps,
        phrase_gap_s=float(rng.uniform(0.05, 0.3)), tempo_drift=float(rng.uniform(0.85, 1.15)),
        song_gap_s=(lo_gap, lo_gap + float(rng.uniform(0.5, 2.0))),
    )


def render_syllable(syl: Syllable, pitch: float = 1.0, stretch: float = 1.0,
                    sr: int = SAMPLE_RATE) -> np.ndarray:
    """Render one syllable; returns `wave_t` float64 (t,), peak about 1."""
    n = max(int(syl.dur_s * stretch * sr), 32)
    t = np.linspace(0.0, 1.0, n)
    secs = np.arange(n) / sr
    lo, hi, kind = syl.f_lo, syl.f_hi, syl.kind
    mid, half = 0.5 * (lo + hi), 0.5 * (hi - lo)
    amp = 1.0
    if kind == "upsweep":
        f = lo * (hi / lo) ** t
    elif kind == "downsweep":
        f = hi * (lo / hi) ** t
    elif kind == "ushape":
        f = lo + (hi - lo) * (2 * t - 1) ** 2
    elif kind == "nshape":
        f = hi - (hi - lo) * (2 * t - 1) ** 2
    elif kind == "trill":
        f = mid + half * np.sin(2 * np.pi * syl.rate_hz * secs)
    elif kind == "pulses":  # train of fast down-chirps, gated
        frac = (syl.rate_hz * secs) % 1.0
        f = hi - (hi - lo) * frac
        amp = np.sin(np.pi * np.minimum(frac / 0.6, 1.0)) ** 2
    elif kind == "stack":
        f = mid * (1.0 + 0.03 * t)
    else:  # warble: slow, deepening FM
        f = mid + half * (0.5 + 0.5 * t) * np.sin(2 * np.pi * syl.rate_hz * secs + 1.3)
    f = f * pitch
    phase = 2 * np.pi * np.cumsum(f) / sr
    fmax = float(f.max())
    wave = sum(w * np.sin(h * phase) for h, w in enumerate(syl.harm_w, 1) if h * fmax < 0.45 * sr)
    env = np.sin(0.5 * np.pi * np.clip(t / syl.attack, 0, 1)) ** 2
    env *= np.sin(0.5 * np.pi * np.clip((1 - t) / syl.decay, 0, 1)) ** 2
    return wave * env * amp / sum(syl.harm_w)


def render_song(sp: Species, rng: np.random.Generator, pitch: float, tempo: float,
                sr: int = SAMPLE_RATE) -> tuple[np.ndarray, np.ndarray]:
    """One song of `sp`: returns (`song_t` float64, `active_t` bool) of equal length."""
    placed, pos = [], 0
    phrases = list(zip(sp.phrase, sp.reps, sp.gap_s))
    if len(phrases) > 2 and rng.random() < 0.15:  # occasionally truncated
        phrases = phrases[:-1]
    for k, reps, gap in phrases:
        syl = render_syllable(sp.syllables[k], pitch * np.exp(0.01 * rng.standard_normal()),
                              tempo * rng.uniform(0.95, 1.05), sr)
        gap_n = gap * tempo * sr
        for _ in range(max(1, reps + int(rng.integers(-1, 2)))):
            placed.append((pos, syl * rng.uniform(0.7, 1.0)))
            pos += len(syl) + int(gap_n)
            gap_n *= sp.tempo_drift
        pos += int(sp.phrase_gap_s * tempo * sr)
    song = np.zeros(pos)
    active = np.zeros(pos, bool)
    for start, syl in placed:
        song[start:start + len(syl)] += syl
        active[start:start + len(syl)] = True
    return song, active


def song_stream(sp: Species, rng: np.random.Generator, n: int, start_s: float,
                pitch: float, tempo: float, sr: int = SAMPLE_RATE):
    """Songs repeated from `start_s` (may be < 0) to the end: (`wave_n`, `active_n`)."""
    wave, active = np.zeros(n), np.zeros(n, bool)
    pos = int(start_s * sr)
    while pos < n:
        song, act = render_song(sp, rng, pitch, tempo, sr)
        a, b = max(pos, 0), min(pos + len(song), n)
        if b > a:
            gain = 10 ** (rng.uniform(-3, 3) / 20)
            wave[a:b] += gain * song[a - pos:b - pos]
            active[a:b] |= act[a - pos:b - pos]
        pos += len(song) + int(rng.uniform(*sp.song_gap_s) * tempo * sr)
    return wave, active


def background_noise(rng: np.random.Generator, n: int, bursts_per_s: float = 0.2,
                     sr: int = SAMPLE_RATE) -> np.ndarray:
    """Coloured noise, optional insect band and bursts: `noise_n` float64.

    Scaled so that the 1-12 kHz band (where the birds sing) has unit RMS.
    """
    freqs = np.fft.rfftfreq(n, 1.0 / sr)
    beta = rng.uniform(0.7, 2.0)  # 1 = pink, 2 = brown
    shape = (np.maximum(freqs, 30.0) / 1000.0) ** (-beta / 2) + rng.uniform(0.02, 0.15)
    if rng.random() < 0.35:  # constant insect-like band
        fc, bw = rng.uniform(3500, 11000), rng.uniform(80, 500)
        shape += rng.uniform(0.5, 4.0) * np.exp(-0.5 * ((freqs - fc) / bw) ** 2)
    m = len(freqs)
    spec = (rng.standard_normal(m) + 1j * rng.standard_normal(m)) * shape
    spec[0] = 0.0
    band = (freqs >= 1000) & (freqs <= 12000)
    band_rms = np.sqrt(2 * np.sum(np.abs(spec[band]) ** 2)) / n
    noise = np.fft.irfft(spec, n) / band_rms
    for _ in range(rng.poisson(bursts_per_s * n / sr)):  # broadband clicks / rustles
        length = int(rng.uniform(0.01, 0.15) * sr)
        start = int(rng.integers(0, max(n - length, 1)))
        seg = noise[start:start + length]
        seg += rng.uniform(1.0, 6.0) * np.hanning(len(seg)) * rng.standard_normal(len(seg))
    return noise


def _finish(mix_n: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Peak-normalise to a random level in [0.3, 0.95]; float32 in [-1, 1]."""
    peak = float(np.max(np.abs(mix_n))) or 1.0
    out = mix_n * (rng.uniform(0.3, 0.95) / peak)
    return np.clip(out, -1.0, 1.0).astype(np.float32)


def _add(mix_n, wave_n, active_n, snr_db):
    """Add `wave_n` to `mix_n` in place at `snr_db` (song RMS while active vs. unit noise)."""
    if active_n.any():
        rms = np.sqrt(np.mean(wave_n[active_n] ** 2))
        mix_n += wave_n * (10 ** (snr_db / 20) / max(rms, 1e-9))


class BirdsongSynth:
    """Species templates from `seed` and example synthesis by (split, index)."""

    def __init__(self, seed: int = 0, num_species: int = 24, num_distractors: int = 4,
                 sr: int = SAMPLE_RATE):
        self.seed, self.sr = int(seed), sr
        self.species = [make_species(self.seed, i) for i in range(num_species)]
        # Unlabelled species heard in backgrounds, from their own stream.
        self.distractors = [make_species(self.seed, i, _DISTRACTOR, "xx", group=2 * i + 1) for i in range(num_distractors)]

    @property
    def species_names(self) -> list[str]:
        return [sp.name for sp in self.species]

    def _individual(self, rng):
        return float(np.exp(0.03 * rng.standard_normal())), float(np.exp(0.07 * rng.standard_normal()))

    def _distractor(self, rng, mix_n, prob, snr_range):
        if self.distractors and rng.random() < prob:
            sp = self.distractors[int(rng.integers(len(self.distractors)))]
            wave, act = song_stream(sp, rng, len(mix_n), rng.uniform(-2, 3), *self._individual(rng), self.sr)
            _add(mix_n, wave, act, rng.uniform(*snr_range))

    def focal(self, index: int, min_s: float = 5.0, max_s: float = 15.0):
        """Train example: (`wave_s` float32 (s,), `labels_c` int64 (1,)).

        Species ``index % num_species``, duration in [min_s, max_s] (0.25 s steps).
        """
        rng = np.random.default_rng([self.seed, SPLIT_IDS["train"], index])
        label = index % len(self.species)
        n = int(rng.integers(int(min_s * 4), int(max_s * 4) + 1) * self.sr // 4)
        mix = background_noise(rng, n, 0.1, self.sr)
        wave, act = song_stream(self.species[label], rng, n, rng.uniform(0, 1.0),
                                *self._individual(rng), self.sr)
        _add(mix, wave, act, rng.uniform(0, 20))
        self._distractor(rng, mix, 0.25, (-10, 0))
        return _finish(mix, rng), np.array([label], np.int64)

    def soundscape(self, split: str, index: int, duration_s: float = 5.0):
        """Valid/test segment: (`wave_s` float32 (s,), `labels_c` int64 (0-3,) sorted)."""
        rng = np.random.default_rng([self.seed, SPLIT_IDS[split], index])
        n = int(duration_s * self.sr)
        mix = background_noise(rng, n, 0.6, self.sr)
        k = int(rng.choice(4, p=[0.15, 0.4, 0.3, 0.15]))
        labels = np.sort(rng.choice(len(self.species), min(k, len(self.species)), replace=False))
        for label in labels:
            pitch, tempo = self._individual(rng)
            for attempt in range(8):  # need >= 0.15 s of song inside the segment
                start = rng.uniform(-2.5, duration_s - 1.0) if attempt < 7 else 0.0
                wave, act = song_stream(self.species[label], rng, n, start, pitch, tempo, self.sr)
                if act.sum() >= 0.15 * self.sr:
                    break
            _add(mix, wave, act, rng.uniform(-8, 10))
        self._distractor(rng, mix, 0.3, (-8, 5))
        return _finish(mix, rng), labels.astype(np.int64)
