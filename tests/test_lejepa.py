"""LeJEPA: crops, per-clip grouping of the prediction term, loss formula, training."""

import keras
import numpy as np
import pytest

from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.lejepa import LeJEPA, Projector, crop_frames, prediction_loss
from birdjepa_keras.objectives.sigreg import sigreg
from tests.helpers import as_numpy, run_layer_test

T, F = 32, 16  # toy spectrogram: wave (b, T*F) reshaped to (b, T, F)


def _tiny_lejepa(**kw):
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(8, 4), dim=32, depth=1, n_heads=2, n_cls=2, n_registers=1)
    kw = {"n_global": 2, "n_local": 3, "global_frames": 16, "local_frames": 8, "proj_hidden": (64,),
          "proj_dim": 16, "n_directions": 32, **kw}
    return LeJEPA(keras.layers.Reshape((T, F)), enc, **kw)


def test_crop_frames_view_major():
    rng = np.random.default_rng(0)
    mel = rng.normal(size=(3, 10, 2)).astype("float32")
    start = np.array([[0, 5], [2, 3], [6, 1]], "int32")
    out = as_numpy(crop_frames(mel, start, 4))
    assert out.shape == (6, 4, 2)
    for v in range(2):
        for b in range(3):
            np.testing.assert_array_equal(out[v * 3 + b], mel[b, start[b, v] : start[b, v] + 4])


def test_prediction_groups_views_by_clip():
    rng = np.random.default_rng(0)
    n_global, v, b, k = 2, 5, 6, 8
    proj = rng.normal(size=(v, b, k)).astype("float32")
    loss = float(as_numpy(prediction_loss(proj, n_global)))
    # Reference: view j of clip i against the mean of clip i's global views.
    ref = np.mean([(proj[j, i] - proj[:n_global, i].mean(0)) ** 2 for j in range(v) for i in range(b)])
    assert loss == pytest.approx(ref, rel=1e-5)
    # Permuting clips (the same permutation for every view) leaves the loss unchanged ...
    perm = rng.permutation(b)
    assert float(as_numpy(prediction_loss(proj[:, perm], n_global))) == pytest.approx(loss, rel=1e-6)
    # ... but mixing clips between views changes it: views are grouped by clip, not by position.
    mixed = proj.copy()
    mixed[1] = proj[1, perm]
    assert abs(float(as_numpy(prediction_loss(mixed, n_global))) - loss) > 1e-3
    # Views of a clip agree, clips differ: zero prediction loss.
    agree = np.broadcast_to(rng.normal(size=(1, b, k)), (v, b, k)).astype("float32")
    assert float(as_numpy(prediction_loss(agree, n_global))) == pytest.approx(0.0, abs=1e-10)
    # The reference's bug (views of different clips averaged together) would not be zero here.
    wrong = agree.reshape(b, v, k)  # reading view-major rows as clip-major
    assert float(as_numpy(prediction_loss(np.ascontiguousarray(wrong.transpose(1, 0, 2)), n_global))) > 0.1


def test_model_groups_views_of_the_same_clip():
    # Clips constant in time: every crop of a clip is the same spectrogram, so
    # (global views only, projector in inference mode) all of a clip's views
    # embed identically while different clips do not.
    keras.utils.set_random_seed(0)
    model = _tiny_lejepa(n_local=0, n_global=3)
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(6, 1, F)).astype("float32")
    wave = np.broadcast_to(rows, (6, T, F)).reshape(6, T * F)
    out = model(wave, training=False)
    proj = as_numpy(out["proj_vbk"])
    assert proj.shape == (3, 6, 16)
    assert float(as_numpy(prediction_loss(proj, 3))) < 1e-10
    assert np.abs(proj[:, 0] - proj[:, 1]).max() > 1e-3  # clips differ


def test_loss_is_weighted_sum_of_prediction_and_sigreg():
    model = _tiny_lejepa(sigreg_weight=0.3)
    wave = np.random.default_rng(0).normal(size=(8, T * F)).astype("float32")
    out = model(wave, training=True)
    proj, dirs = as_numpy(out["proj_vbk"]), as_numpy(out["directions_km"])
    assert proj.shape == (5, 8, 16) and dirs.shape == (16, 32)
    expect = 0.7 * float(as_numpy(prediction_loss(proj, 2))) + 0.3 * float(as_numpy(sigreg(proj, dirs)))
    assert float(as_numpy(model.compute_loss(y_pred=out))) == pytest.approx(expect, rel=1e-5)


def test_views_and_directions_are_redrawn_every_step():
    model = _tiny_lejepa()
    wave = np.random.default_rng(0).normal(size=(4, T * F)).astype("float32")
    a, b = model(wave), model(wave)
    assert not np.allclose(as_numpy(a["directions_km"]), as_numpy(b["directions_km"]))
    assert not np.allclose(as_numpy(a["proj_vbk"]), as_numpy(b["proj_vbk"]))
    # The same seed replays the same views and directions.
    other = _tiny_lejepa()
    other(wave)
    other.set_weights(model.get_weights())  # includes the RNG state
    c = other(wave)
    np.testing.assert_allclose(as_numpy(c["directions_km"]), as_numpy(b["directions_km"]))


def test_bad_crop_sizes_fail_fast():
    with pytest.raises(ValueError, match="multiple of the patch"):
        _tiny_lejepa(local_frames=6)
    with pytest.raises(ValueError, match="longer than"):
        _tiny_lejepa(global_frames=40)(np.zeros((2, T * F), "float32"))


@pytest.mark.backend
def test_projector_layer():
    run_layer_test(Projector, {"hidden": (16, 8), "out_dim": 4}, np.ones((3, 6), "float32"), (3, 4))


def test_config_round_trip():
    model = _tiny_lejepa()
    clone = LeJEPA.from_config(model.get_config())
    assert clone.get_config()["global_frames"] == 16 and clone.n_views == 5


def test_fit_lowers_loss():
    keras.utils.set_random_seed(0)
    model = _tiny_lejepa(sigreg_weight=0.1)
    wave = np.random.default_rng(0).normal(size=(64, T * F)).astype("float32")
    model.compile(optimizer=keras.optimizers.AdamW(2e-3))
    hist = model.fit(wave, epochs=6, batch_size=32, verbose=0).history
    assert hist["loss"][-1] < hist["loss"][0]
    assert {"prediction_loss", "sigreg"} <= set(hist)


def test_lejepa_trains_in_mixed_bfloat16():
    policy = keras.config.dtype_policy()
    try:
        keras.config.set_dtype_policy("mixed_bfloat16")
        model = _tiny_lejepa()
        model.compile(optimizer="adam")
        wave = np.random.default_rng(1).normal(size=(8, T * F)).astype("float32")
        logs = model.train_on_batch(wave, return_dict=True)
        out = model(wave)
    finally:
        keras.config.set_dtype_policy(policy)
    assert model.encoder.compute_dtype == "bfloat16"
    assert out["proj_vbk"].dtype == "float32"  # the loss is computed in fp32
    assert np.isfinite(logs["loss"]) and np.isfinite(logs["sigreg"])


@pytest.mark.backend
def test_lejepa_one_train_step_any_backend():
    model = _tiny_lejepa()
    model.compile(optimizer="adam")
    wave = np.random.default_rng(1).normal(size=(4, T * F)).astype("float32")
    logs = model.train_on_batch(wave, return_dict=True)
    assert np.isfinite(logs["loss"]) and np.isfinite(logs["sigreg"])
