"""LeJEPA: views (crops, grids, augmentation), per-clip grouping of the prediction term, loss, training."""

import keras
import numpy as np
import pytest
from scipy import ndimage

from birdjepa_keras.layers.patches import patch_grid
from birdjepa_keras.layers.specaugment import SpecAugment
from birdjepa_keras.layers.waveaugment import WaveAugment
from birdjepa_keras.models.vit import ViTEncoder
from birdjepa_keras.objectives.lejepa import LeJEPA, Projector, crop_grid, prediction_loss, resized_crop, sample_boxes
from birdjepa_keras.objectives.sigreg import sigreg
from tests.compiled import build_symbolic, compiled, compiled_fn
from tests.helpers import as_numpy, run_layer_test

T, F = 32, 16  # toy spectrogram: wave (b, T*F) reshaped to (b, T, F)


def _tiny_lejepa(**kw):
    enc = ViTEncoder(patch_size=(4, 4), grid_shape=(8, 4), dim=32, depth=1, n_heads=2, n_cls=2, n_registers=1)
    kw = {"n_global": 2, "n_local": 3, "global_size": (16, 16), "local_size": (8, 8), "proj_hidden": (64,),
          "proj_dim": 16, "n_directions": 32, **kw}
    return LeJEPA(keras.layers.Reshape((T, F)), enc, **kw)


def test_boxes_follow_the_scale_and_aspect_ranges():
    box = as_numpy(sample_boxes(4000, (0.05, 0.3), (3 / 4, 4 / 3), keras.random.SeedGenerator(0)))
    t0, f0, th, fw = box.T
    area, ratio = th * fw, th / fw
    assert area.min() >= 0.05 - 1e-6 and area.max() <= 0.3 + 1e-6
    assert ratio.min() >= 0.75 - 1e-4 and ratio.max() <= 4 / 3 + 1e-4
    assert abs(np.median(np.log(ratio))) < 0.03  # log-uniform around 1
    assert t0.min() >= 0 and (t0 + th).max() <= 1 + 1e-6 and f0.min() >= 0 and (f0 + fw).max() <= 1 + 1e-6
    # Global scale reaches the whole spectrogram; a side that would overflow is clipped, the area kept.
    box = as_numpy(sample_boxes(4000, (0.3, 1.0), (3 / 4, 4 / 3), keras.random.SeedGenerator(1)))
    assert (box[:, 2] * box[:, 3]).max() > 0.95 and box[:, 2:].max() <= 1.0 + 1e-6
    assert np.all(box[:, 2] * box[:, 3] >= 0.3 - 1e-6)


def _reference_crop(mel_tf, box, out_size):
    """scipy's order-1 spline (bilinear) at each output pixel's source position, edges clamped."""
    t, f = mel_tf.shape
    t0, f0, th, fw = box
    ys = (t0 + (np.arange(out_size[0]) + 0.5) / out_size[0] * th) * t - 0.5
    xs = (f0 + (np.arange(out_size[1]) + 0.5) / out_size[1] * fw) * f - 0.5
    yy, xx = np.meshgrid(ys, xs, indexing="ij")
    return ndimage.map_coordinates(mel_tf.astype("float64"), [yy, xx], order=1, mode="nearest")


def test_resized_crop_matches_a_bilinear_reference():
    rng = np.random.default_rng(0)
    mel = rng.normal(size=(3, 40, 24)).astype("float32")
    box = np.array([[0.0, 0.0, 1.0, 1.0], [0.1, 0.5, 0.55, 0.3], [0.62, 0.05, 0.38, 0.9]], "float32")
    for out_size in ((40, 24), (16, 12), (64, 8)):
        out = as_numpy(compiled_fn(resized_crop, out_size)(mel, box))
        for i in range(3):
            np.testing.assert_allclose(out[i], _reference_crop(mel[i], box[i], out_size), atol=1e-4)  # float32 coordinates
        if out_size == (40, 24):  # the whole spectrogram at its own size is itself
            np.testing.assert_allclose(out[0], mel[0], atol=1e-4)


def test_each_view_grid_is_where_its_patches_come_from():
    """Resize a ramp (value = source frame / mel bin): a patch's mean is its centre's source position."""
    pt, pf, t, f = 4, 4, 32, 16
    box = as_numpy(sample_boxes(6, (0.05, 1.0), (0.5, 2.0), keras.random.SeedGenerator(3)))
    box[0] = (0.0, 0.0, 1.0, 1.0)
    for out_size in ((16, 8), (32, 16), (12, 20)):
        grid = as_numpy(compiled_fn(crop_grid, out_size, (pt, pf), (t, f))(box))
        rows, cols = out_size[0] // pt, out_size[1] // pf
        assert grid.shape == (6, rows * cols, 2)
        ramp_t = np.broadcast_to(np.arange(t, dtype="float32")[:, None], (t, f))
        ramp_f = np.broadcast_to(np.arange(f, dtype="float32")[None, :], (t, f))
        for i in range(6):
            for axis, ramp, p in ((0, ramp_t, pt), (1, ramp_f, pf)):
                src = _reference_crop(ramp, box[i], out_size)  # source coordinate of each output pixel
                patches = src.reshape(rows, pt, cols, pf)
                centre = patches.mean(axis=(1, 3))  # of each output patch
                # Keep patches whose pixels are evenly spaced on the ramp (none clamped at an edge).
                steps = np.diff(patches, axis=1 + 2 * axis)
                inside = ((steps.max(axis=(1, 3)) - steps.min(axis=(1, 3)) < 1e-4) & (steps.min(axis=(1, 3)) > 0)).ravel()
                assert inside.mean() >= 0.25
                expect = ((centre + 0.5) / p - 0.5).ravel()
                np.testing.assert_allclose(grid[i, inside, axis], expect[inside], atol=1e-4)
        # The uncropped view at full size has the plain integer patch grid.
        if out_size == (t, f):
            np.testing.assert_allclose(grid[0], patch_grid(t // pt, f // pf), atol=1e-5)


def test_views_of_one_clip_differ_in_augmentation():
    """Full-spectrogram crops at full size: whatever differs between views is their own augmentation."""
    keras.utils.set_random_seed(0)
    model = _tiny_lejepa(
        n_global=2, n_local=2, global_size=(T, F), local_size=(T, F), global_scale=(1.0, 1.0),
        local_scale=(1.0, 1.0), aspect_ratio=(1.0, 1.0),
        view_augment=WaveAugment(gain_prob=1.0, gain_db=(-6.0, 6.0), noise_prob=0.0, seed=0),
        view_masks=SpecAugment(time_masks=1, time_mask_frames=6, freq_masks=1, freq_mask_bins=3, mask_value=-99.0, seed=1),
    )
    wave = np.random.default_rng(0).uniform(0.5, 1.0, size=(5, T * F)).astype("float32")
    mel, views = model.make_views(wave, training=True)
    mel_vbtf = np.concatenate([as_numpy(v["mel_ntf"]) for v in views]).reshape(4, 5, T, F)
    np.testing.assert_allclose(as_numpy(mel), wave.reshape(5, T, F))  # the clip itself: unaugmented
    for b in range(5):
        gains, masks = [], []
        for v in range(4):
            view, clip = mel_vbtf[v, b], wave[b].reshape(T, F)
            masked = view == -99.0
            ratio = view[~masked] / clip[~masked]  # the reshape "frontend" passes the gain through
            assert np.ptp(ratio) < 1e-5 and 10 ** (-6 / 20) - 1e-6 <= ratio[0] <= 10 ** (6 / 20) + 1e-6
            gains.append(ratio[0])
            masks.append(masked)
        assert len({round(float(g), 4) for g in gains}) == 4, gains  # every view its own gain
        assert sum(m.any() for m in masks) >= 3
        assert len({m.tobytes() for m in masks}) >= 3  # and its own masks
    # Inference: no augmentation, every view is the clip.
    _, views = model.make_views(wave, training=False)
    for v in views:
        np.testing.assert_allclose(as_numpy(v["mel_ntf"]).reshape(-1, 5, T, F), np.broadcast_to(wave.reshape(1, 5, T, F), (2, 5, T, F)), atol=1e-6)


def test_view_noise_and_mixing_follow_their_definitions():
    rng = np.random.default_rng(0)
    wave = rng.normal(size=(64, 4000)).astype("float32")
    noisy = as_numpy(WaveAugment(noise_prob=1.0, noise_snr_db=(20.0, 20.0), seed=0)(wave, training=True))
    snr = 10 * np.log10(np.mean(wave**2, 1) / np.mean((noisy - wave) ** 2, 1))
    assert abs(np.mean(snr) - 20.0) < 0.3
    mixed = as_numpy(WaveAugment(mix_prob=1.0, mix_gain_db=(-6.0, -6.0), seed=0)(wave, training=True))
    np.testing.assert_allclose(mixed, wave + 10 ** (-6 / 20) * np.roll(wave, 1, axis=0), atol=1e-5)
    np.testing.assert_array_equal(as_numpy(WaveAugment(gain_prob=1.0, seed=0)(wave)), wave)


@pytest.mark.backend
def test_wave_augment_layer():
    run_layer_test(WaveAugment, {"gain_prob": 0.5, "noise_prob": 0.5, "seed": 0}, np.ones((3, 64), "float32"), (3, 64))


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
    # Whole-spectrogram crops at full size (no augmentation in inference):
    # all of a clip's views are the same spectrogram, so (projector in
    # inference mode) they embed identically while different clips do not.
    keras.utils.set_random_seed(0)
    full = {"global_size": (T, F), "local_size": (T, F), "global_scale": (1.0, 1.0), "local_scale": (1.0, 1.0),
            "aspect_ratio": (1.0, 1.0)}
    model = _tiny_lejepa(n_local=2, n_global=3, **full)
    rng = np.random.default_rng(1)
    wave = rng.normal(size=(6, T * F)).astype("float32")
    out = compiled(build_symbolic(model, wave.shape), training=False)(wave)
    proj = as_numpy(out["proj_vbk"])
    assert proj.shape == (5, 6, 16)
    assert float(as_numpy(prediction_loss(proj, 3))) < 1e-9
    assert np.abs(proj[:, 0] - proj[:, 1]).max() > 1e-3  # clips differ


@pytest.fixture(scope="module")
def trained_forward():
    """One default tiny LeJEPA (SIGReg weight 0.3) and its training-mode forward, compiled once for the module."""
    model = build_symbolic(_tiny_lejepa(sigreg_weight=0.3), (8, T * F))
    return model, compiled(model, training=True)


def test_loss_is_weighted_sum_of_prediction_and_sigreg(trained_forward):
    model, forward = trained_forward
    wave = np.random.default_rng(0).normal(size=(8, T * F)).astype("float32")
    out = forward(wave)
    proj, dirs = as_numpy(out["proj_vbk"]), as_numpy(out["directions_km"])
    assert proj.shape == (5, 8, 16) and dirs.shape == (16, 32)
    expect = 0.7 * float(as_numpy(prediction_loss(proj, 2))) + 0.3 * float(as_numpy(sigreg(proj, dirs)))
    assert float(as_numpy(model.compute_loss(y_pred=out))) == pytest.approx(expect, rel=1e-5)


def test_views_and_directions_are_redrawn_every_step(trained_forward):
    model, forward = trained_forward
    wave = np.random.default_rng(0).normal(size=(8, T * F)).astype("float32")
    state = as_numpy(model.seed_generator.state).copy()
    a, b = forward(wave), forward(wave)
    assert not np.allclose(as_numpy(a["directions_km"]), as_numpy(b["directions_km"]))
    assert not np.allclose(as_numpy(a["proj_vbk"]), as_numpy(b["proj_vbk"]))
    # The same seed replays the same views and directions: the model's seeded generator draws them all
    # (a model built with the same seed starts from the same state).
    start = [as_numpy(_tiny_lejepa(seed=seed).seed_generator.state) for seed in (0, 0, 1)]
    np.testing.assert_array_equal(start[0], start[1])
    assert not np.array_equal(start[0], start[2])
    model.seed_generator.state.assign(state)
    c = forward(wave)
    np.testing.assert_allclose(as_numpy(c["directions_km"]), as_numpy(a["directions_km"]))
    np.testing.assert_allclose(as_numpy(c["proj_vbk"]), as_numpy(a["proj_vbk"]), atol=1e-5)


def test_bad_crop_sizes_fail_fast():
    with pytest.raises(ValueError, match="multiple of the patch"):
        _tiny_lejepa(local_size=(6, 8))
    with pytest.raises(ValueError, match="crop scale"):
        _tiny_lejepa(local_scale=(0.3, 0.05))


@pytest.mark.backend
def test_projector_layer():
    run_layer_test(Projector, {"hidden": (16, 8), "out_dim": 4}, np.ones((3, 6), "float32"), (3, 4))


def test_config_round_trip():
    model = _tiny_lejepa(view_augment=WaveAugment(gain_prob=0.5, seed=3), view_masks=SpecAugment(time_masks=1))
    clone = LeJEPA.from_config(model.get_config())
    assert clone.get_config()["global_size"] == (16, 16) and clone.n_views == 5
    assert clone.view_augment.gain_prob == 0.5 and clone.view_masks.time_masks == 1


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
        out = model(keras.KerasTensor(wave.shape))  # shape inference traces the same call: its dtypes
    finally:
        keras.config.set_dtype_policy(policy)
    assert model.encoder.compute_dtype == "bfloat16"
    assert out["proj_vbk"].dtype == "float32"  # the loss is computed in fp32
    assert np.isfinite(logs["loss"]) and np.isfinite(logs["sigreg"])


def test_shared_log_mel_matches_one_frontend_call_per_view():
    """Without waveform augmentation the clip's log-mel is computed once; views must not change."""
    wave = np.random.default_rng(3).normal(size=(4, T * F)).astype("float32")
    shared = _tiny_lejepa(seed=5)
    per_view = _tiny_lejepa(seed=5, view_augment=WaveAugment(seed=0))  # all probabilities 0: a no-op
    (mel_a, views_a), (mel_b, views_b) = shared.make_views(wave, training=True), per_view.make_views(wave, training=True)
    np.testing.assert_allclose(as_numpy(mel_a), as_numpy(mel_b))
    for va, vb in zip(views_a, views_b):
        for key in ("mel_ntf", "grid_nm2", "box_n4"):
            np.testing.assert_allclose(as_numpy(va[key]), as_numpy(vb[key]), atol=1e-6)
