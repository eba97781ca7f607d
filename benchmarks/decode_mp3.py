"""MP3 decode speed: libsndfile (soundfile) vs FFmpeg (PyAV), side by side in one process.

    python benchmarks/decode_mp3.py [--seconds 20] [--repeats 15]

Writes a `--seconds` long MP3 (chirps in noise; LAME through libsndfile, CBR with an Info
tag, so libsndfile decodes all of it) at 32 kHz mono and 48 kHz stereo, then decodes
each one with:

* `libsndfile`  soundfile.read to float32 (what `read_audio` used for MP3 before);
* `pyav`        birdjepa_keras.data.audio's FFmpeg path (demux + decode + mono mix);
* `read_audio`  the whole public call, PyAV decode + soxr resample to 32 kHz.

The runs are interleaved (A B C A B C ...), so a busy shared machine slows all of them
alike; the ratio to libsndfile is the number to read. CPU seconds (process_time) are
printed next to wall seconds.
"""

import argparse
import io
import statistics
import time

import numpy as np


def _clip(sr, seconds, channels):
    rng = np.random.default_rng(0)
    t = np.arange(int(sr * seconds)) / sr
    chirp = 0.3 * np.sin(2 * np.pi * (2000 * t + 1500 * np.sin(2 * np.pi * 0.7 * t)))
    wave = chirp * (np.sin(2 * np.pi * 1.3 * t) > 0) + 0.02 * rng.standard_normal(len(t))
    return np.stack([wave] * channels, axis=1).astype(np.float32) if channels > 1 else wave.astype(np.float32)


def main():
    import soundfile as sf

    from birdjepa_keras.data import audio

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--repeats", type=int, default=15)
    args = p.parse_args()

    print(f"soundfile {sf.__version__} (libsndfile {sf.__libsndfile_version__}); ", end="")
    import av

    print(f"PyAV {av.__version__} (libavcodec {'.'.join(map(str, av.library_versions['libavcodec']))})")
    print(f"{'file':<22} {'decoder':<11} {'wall ms':>8} {'cpu ms':>7} {'x libsndfile':>13}  seconds decoded")
    for sr, channels in [(32000, 1), (48000, 2)]:
        buf = io.BytesIO()
        sf.write(buf, _clip(sr, args.seconds, channels), sr, format="MP3", subtype="MPEG_LAYER_III")
        data = buf.getvalue()
        runs = {
            "libsndfile": lambda: sf.read(io.BytesIO(data), dtype="float32")[0],
            "pyav": lambda: np.concatenate([b for _, b in audio._decode_ffmpeg(data, "bench")[0]]),
            "read_audio": lambda: audio.read_audio(data, 32000),
        }
        lengths = {k: len(f()) for k, f in runs.items()}  # warm-up (imports, codec init)
        wall, cpu = {k: [] for k in runs}, {k: [] for k in runs}
        for _ in range(args.repeats):
            for k, f in runs.items():
                w0, c0 = time.perf_counter(), time.process_time()
                f()
                wall[k].append(time.perf_counter() - w0)
                cpu[k].append(time.process_time() - c0)
        base = statistics.median(wall["libsndfile"])
        name = f"{sr // 1000} kHz x{channels} {len(data) // 1024} KiB"
        for k in runs:
            out_sr = 32000 if k == "read_audio" else sr
            print(f"{name:<22} {k:<11} {1e3 * statistics.median(wall[k]):8.1f} "
                  f"{1e3 * statistics.median(cpu[k]):7.1f} {statistics.median(wall[k]) / base:13.2f}  "
                  f"{lengths[k] / out_sr:.2f}")


if __name__ == "__main__":
    main()
