"""Crude linear baselines on the synthetic bird-song dataset (prints test cmAP).

Features per 5 s clip from a NumPy 128-bin log-mel (n_fft 1024, hop 10 ms):
  crude: mean log-mel over time (128)
  rich:  mean + std of log-mel and of its time deltas (512)
Each feeds a one-vs-rest LogisticRegression trained on 5 s crops of `train`
(C picked on `valid`), scored by cmAP (macro AP over classes with positives)
on `test`.

    python benchmarks/synthetic_baseline.py                  # synthesise directly
    python benchmarks/synthetic_baseline.py --data_dir DIR   # read a built TFDS copy
"""

import argparse
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import StandardScaler

from birdjepa_keras.data import synthetic

SR, N_FFT, HOP, N_MELS, CLIP = 32_000, 1024, 320, 128, 160_000


def mel_filters(sr=SR, n_fft=N_FFT, n_mels=N_MELS, fmin=50.0, fmax=16_000.0):
    """Triangular HTK mel filterbank: (n_fft // 2 + 1, n_mels)."""
    hz = lambda m: 700.0 * (10 ** (m / 2595.0) - 1)  # noqa: E731
    mel = lambda f: 2595.0 * np.log10(1 + f / 700.0)  # noqa: E731
    edges = hz(np.linspace(mel(fmin), mel(fmax), n_mels + 2))
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    lo, mid, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    fb = np.maximum(0, np.minimum((freqs - lo) / (mid - lo), (hi - freqs) / (hi - mid)))
    return fb.T.astype(np.float32)


FB = mel_filters()


def log_mel(wave_s):
    """(s,) float waveform -> (frames, n_mels) log-mel."""
    frames = np.lib.stride_tricks.sliding_window_view(wave_s, N_FFT)[::HOP] * np.hanning(N_FFT)
    power = np.abs(np.fft.rfft(frames.astype(np.float32), axis=1)) ** 2
    return np.log(power @ FB + 1e-6)


def features(wave_s):
    """(s,) -> (crude (128,), rich (512,))."""
    m = log_mel(wave_s)
    d = np.diff(m, axis=0)
    crude = m.mean(0)
    return crude, np.concatenate([crude, m.std(0), np.abs(d).mean(0), d.std(0)])


def crops(wave_s, rng, k=3):
    """Up to `k` random 5 s crops of a clip: list of (CLIP,) arrays."""
    if len(wave_s) <= CLIP:
        return [np.pad(wave_s, (0, CLIP - len(wave_s)))]
    return [wave_s[s:s + CLIP] for s in rng.integers(0, len(wave_s) - CLIP + 1, k)]


def load_splits(args):
    """{split: list of (wave_s float32, labels int array)} and number of classes."""
    if args.data_dir:
        import tensorflow_datasets as tfds

        import tfds_builders  # noqa: F401  (registers synthetic_birdsong)

        builder = tfds.builder(f"synthetic_birdsong/{args.config}", data_dir=args.data_dir)
        builder.download_and_prepare()
        out = {}
        for split in ("train", "valid", "test"):
            ds = tfds.as_numpy(builder.as_dataset(split=split))
            out[split] = [(ex["audio"].astype(np.float32) / 32767.0, ex["labels"]) for ex in ds]
        return out, builder.info.features["labels"].feature.num_classes
    import tfds_builders.synthetic_birdsong.synthetic_birdsong_dataset_builder as b

    cfg = next(c for c in b.Builder.BUILDER_CONFIGS if c.name == args.config)
    synth = synthetic.BirdsongSynth(cfg.seed, cfg.num_species)
    out = {"train": [synth.focal(i) for i in range(cfg.num_species * cfg.train_per_species)]}
    out["valid"] = [synth.soundscape("valid", i) for i in range(cfg.num_valid)]
    out["test"] = [synth.soundscape("test", i) for i in range(cfg.num_test)]
    return out, cfg.num_species


def cmap(y_true, scores):
    keep = y_true.sum(0) > 0
    return float(np.mean([average_precision_score(y_true[:, c], scores[:, c]) for c in np.where(keep)[0]]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="default")
    ap.add_argument("--data_dir", default=None)
    args = ap.parse_args()
    t0 = time.time()
    data, n_cls = load_splits(args)
    rng = np.random.default_rng(0)
    feats, ys = {}, {}
    for split, items in data.items():
        rows, lab = [], []
        for wave, labels in items:
            for clip in crops(wave, rng) if split == "train" else [wave[:CLIP]]:
                rows.append(features(clip))
                y = np.zeros(n_cls, np.int32)
                y[np.asarray(labels, int)] = 1
                lab.append(y)
        feats[split], ys[split] = rows, np.stack(lab)
    print(f"data+features {time.time() - t0:.1f}s; sizes", {k: len(v) for k, v in data.items()})
    for i, name in enumerate(("crude", "rich")):
        x = {s: np.stack([r[i] for r in rows]) for s, rows in feats.items()}
        scaler = StandardScaler().fit(x["train"])
        x = {s: scaler.transform(v) for s, v in x.items()}
        best = None
        for c in (0.01, 0.1, 1.0, 10.0):
            clf = OneVsRestClassifier(LogisticRegression(C=c, max_iter=2000))
            clf.fit(x["train"], ys["train"])
            val = cmap(ys["valid"], clf.predict_proba(x["valid"]))
            if best is None or val > best[0]:
                best = (val, c, cmap(ys["test"], clf.predict_proba(x["test"])))
        print(f"{name:5s} ({x['train'].shape[1]} dims): valid cmAP {best[0]:.3f} (C={best[1]}), "
              f"test cmAP {best[2]:.3f}")
    print(f"chance (test label prevalence) ~ {ys['test'].mean():.3f}")


if __name__ == "__main__":
    main()
