"""Downstream use: any-rate audio files -> 5 s windows -> embeddings (library and CLI)."""

import numpy as np
import pytest
import soundfile as sf

from birdjepa_keras.cli import main
from birdjepa_keras.embed import AudioFileError, embed_file, embed_waveform, read_audio
from birdjepa_keras.models.exported import cut_windows
from tests.other_backends import tiny_audio_encoder


def chirp(sr, seconds, f0=2000.0, f1=6000.0):
    t = np.arange(int(sr * seconds)) / sr
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t**2 / (2 * seconds))
    return (0.5 * np.sin(phase)).astype("float32")


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("enc") / "encoder.keras"
    tiny_audio_encoder().save(path)
    return str(path)


@pytest.fixture(scope="module")
def model(model_path):
    """encoder.keras loaded once: `embed_*` take a path or the loaded model, and a loaded model keeps its
    compiled predict step between calls (a path is loaded, and its step compiled, on every call)."""
    import keras

    return keras.models.load_model(model_path)


def test_windows_cover_the_file_and_end_flush_with_it():
    w, n = cut_windows((np.arange(10, dtype="float32") + 1)[None], 4, 4)
    # starts 0, 4, then 6 (flush with the end) instead of a zero-padded [9, 10, 0, 0]
    assert n == 3
    np.testing.assert_array_equal(w, [[1, 2, 3, 4], [5, 6, 7, 8], [7, 8, 9, 10]])
    short, n = cut_windows(np.ones((1, 3), "float32"), 4, 2)  # shorter than a window: zero-padded
    np.testing.assert_array_equal(short, [[1, 1, 1, 0]])
    assert cut_windows(np.ones((1, 8), "float32"), 4, 2)[1] == 3  # starts 0, 2, 4: already flush


@pytest.mark.parametrize("sr,fmt", [(44100, "WAV"), (48000, "FLAC"), (48000, "OGG"), (32000, "WAV")])
def test_read_audio_resamples_to_32k(tmp_path, sr, fmt):
    path = tmp_path / f"chirp.{fmt.lower()}"
    stereo = np.stack([chirp(sr, 2.0), chirp(sr, 2.0)], axis=1)
    sf.write(path, stereo, sr, format=fmt)
    wave = read_audio(str(path), 32000)
    ref = chirp(32000, 2.0)
    assert abs(len(wave) - len(ref)) <= 1
    n = min(len(wave), len(ref))
    err = np.abs(wave[1000 : n - 1000] - ref[1000 : n - 1000]).max()
    assert err < (0.05 if fmt == "OGG" else 0.01), err


def test_embed_file_matches_embedding_the_resampled_waveform(tmp_path, model_path, model):
    path = tmp_path / "long.wav"
    sf.write(path, chirp(44100, 2.5), 44100)
    emb = embed_file(str(path), model_path)  # from the file's path
    assert emb.shape == (3, 64)  # 2.5 s in 1 s windows: starts 0, 1 and 1.5 s (flush with the end)
    ref = embed_waveform(read_audio(str(path), 32000), model)  # from the loaded model
    np.testing.assert_allclose(emb, ref, atol=1e-5)
    half = embed_file(str(path), model, hop_seconds=0.5)
    assert half.shape == (4, 64)
    np.testing.assert_allclose(half[0], emb[0], atol=1e-5)
    np.testing.assert_allclose(half[2], emb[1], atol=1e-5)
    np.testing.assert_allclose(half[3], emb[2], atol=1e-5)  # both end flush with the file


def test_embed_file_and_the_benchmark_cut_a_file_identically(tmp_path, model):
    from birdjepa_keras.benchmark.backbones import KerasEncoderBackbone

    path = tmp_path / "odd.wav"
    sf.write(path, chirp(32000, 2.3), 32000)  # not a whole number of 1 s windows
    emb = embed_file(str(path), model)
    assert emb.shape[0] == 3
    backbone = KerasEncoderBackbone("enc", model, "test")
    out = backbone.embed(read_audio(str(path), 32000)[None])
    # the benchmark averages the same windows' embeddings into one clip embedding
    np.testing.assert_allclose(out["embedding"][0], emb.mean(axis=0), atol=1e-5)


# The CLI runs in process (its `main(argv)`): the console entry point itself is
# started as a subprocess in tests/test_packaging.py.


def test_bad_audio_file_is_a_clear_error(tmp_path, model_path, capsys):
    bad = tmp_path / "broken.ogg"
    bad.write_bytes(b"OggS not really")
    with pytest.raises(AudioFileError, match="broken.ogg: cannot decode audio"):
        embed_file(str(bad), model_path)
    capsys.readouterr()
    assert main(["embed", str(bad), "--model", model_path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("birdjepa-run: error: ") and "broken.ogg: cannot decode audio" in err[0]
    assert main(["embed", str(bad), "--model", str(tmp_path / "none.keras")]) == 2
    assert capsys.readouterr().err.strip() == f"birdjepa-run: error: --model {tmp_path / 'none.keras'}: no such file"


def test_cli_embed_writes_npy(tmp_path, model_path, model, capsys):
    path = tmp_path / "song.flac"
    sf.write(path, chirp(48000, 3.2), 48000)
    out = tmp_path / "song.npy"
    assert main(["embed", str(path), "--model", model_path, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"{out}: 4 windows x 64 dims"
    emb = np.load(out)
    assert emb.shape == (4, 64)
    np.testing.assert_allclose(emb, embed_file(str(path), model), atol=1e-5)
