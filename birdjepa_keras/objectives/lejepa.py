"""LeJEPA: multi-view prediction to the clip's global-view centre + SIGReg."""

import math

import keras
from keras import ops, random

from birdjepa_keras.layers.specaugment import SpecAugment  # noqa: F401  (registered for from_config)
from birdjepa_keras.layers.waveaugment import WaveAugment  # noqa: F401  (registered for from_config)
from birdjepa_keras.models.audio_encoder import TokenPool
from birdjepa_keras.objectives.base import PretrainingObjective
from birdjepa_keras.objectives.sigreg import random_directions, sigreg


def sample_boxes(n, scale, aspect_ratio, seed):
    """Random crop boxes as fractions of the spectrogram: RandomResizedCrop's draw on (time, mel).

    Area fraction s ~ U[scale], aspect r = (time fraction / mel fraction) with
    log r ~ U[log aspect_ratio]; sides sqrt(s * r) (time) and sqrt(s / r) (mel).
    A side that would exceed the spectrogram is set to 1 and the other to s
    (the area is kept); the start is uniform where the box fits. A continuous
    version of torchvision's `RandomResizedCrop.get_params`, which retries
    integer boxes instead (rbalestr-lab/lejepa README, "GOTO hyperparameters").

    Args:
        n: boxes to draw.
        scale: (low, high) area fraction.
        aspect_ratio: (low, high) time/mel side ratio.
        seed: a `keras.random.SeedGenerator`.

    Returns:
        box_n4: (n, 4) float32 (t0, f0, th, fw): start and size along time and mel, in [0, 1].
    """
    u_n4 = random.uniform((n, 4), seed=seed)
    lo, hi = scale
    s_n = lo + (hi - lo) * u_n4[:, 0]
    log_lo, log_hi = math.log(aspect_ratio[0]), math.log(aspect_ratio[1])
    r_n = ops.exp(log_lo + (log_hi - log_lo) * u_n4[:, 1])
    th_n, fw_n = ops.sqrt(s_n * r_n), ops.sqrt(s_n / r_n)
    th_n, fw_n = (
        ops.where(th_n > 1.0, 1.0, ops.where(fw_n > 1.0, s_n, th_n)),
        ops.where(fw_n > 1.0, 1.0, ops.where(th_n > 1.0, s_n, fw_n)),
    )
    t0_n = u_n4[:, 2] * (1.0 - th_n)
    f0_n = u_n4[:, 3] * (1.0 - fw_n)
    return ops.stack([t0_n, f0_n, th_n, fw_n], axis=-1)


def _source_coords(start_n, size_n, n_in, n_out):
    """(n, n_out) source pixel coordinates of the output pixels (half-pixel centres)."""
    centres_o = (ops.arange(n_out, dtype="float32") + 0.5) / n_out
    return (start_n[:, None] + centres_o[None] * size_n[:, None]) * n_in - 0.5


def _lerp_along(x, coord_no, axis):
    """Linear interpolation of `x` (n, a, b) at float positions `coord_no` along axis 1 or 2."""
    size = x.shape[axis]
    coord_no = ops.clip(coord_no, 0.0, float(size - 1))
    i0_no = ops.floor(coord_no)
    w_no = coord_no - i0_no
    i0_no = ops.cast(i0_no, "int32")
    i1_no = ops.minimum(i0_no + 1, size - 1)
    if axis == 1:
        shape = (ops.shape(x)[0], coord_no.shape[1], x.shape[2])
        take = lambda i: ops.take_along_axis(x, ops.broadcast_to(i[:, :, None], shape), axis=1)  # noqa: E731
        w = w_no[:, :, None]
    else:
        shape = (ops.shape(x)[0], x.shape[1], coord_no.shape[1])
        take = lambda i: ops.take_along_axis(x, ops.broadcast_to(i[:, None, :], shape), axis=2)  # noqa: E731
        w = w_no[:, None, :]
    return take(i0_no) * (1.0 - w) + take(i1_no) * w


def resized_crop(mel_ntf, box_n4, out_size):
    """Crop every spectrogram to its box and resize it bilinearly to `out_size`.

    Output pixel i samples the source at t0 * T + (i + 0.5) * th * T / T_out - 0.5
    (half-pixel centres, `align_corners=False`), clamped to the spectrogram;
    no antialiasing (crops shrink by at most a few times).

    Args:
        mel_ntf: (n, time, mel).
        box_n4: (n, 4) from `sample_boxes`.
        out_size: (frames, mel bins) of the output.

    Returns:
        (n, frames, mel bins) float32.
    """
    mel_ntf = ops.cast(mel_ntf, "float32")
    t, f = mel_ntf.shape[1], mel_ntf.shape[2]
    rows = _lerp_along(mel_ntf, _source_coords(box_n4[:, 0], box_n4[:, 2], t, out_size[0]), axis=1)
    return _lerp_along(rows, _source_coords(box_n4[:, 1], box_n4[:, 3], f, out_size[1]), axis=2)


def crop_grid(box_n4, out_size, patch_size, spec_shape):
    """Patch (row, col) coordinates of resized crops on the full spectrogram's patch grid.

    Patch (p, q) of the output is centred on output pixel ((p + 0.5) pt, (q + 0.5) pf),
    which samples the source at t0 T + (p + 0.5) pt th T / T_out; in units of
    the full grid's patches (where patch i of the uncropped spectrogram sits at i)
    that is t0 T / pt + (p + 0.5) th T / T_out - 0.5. So an uncropped, unresized
    view gets exactly `patch_grid`'s integers, and RoPE sees where each token's
    content came from.

    Returns:
        grid_nm2: (n, (T_out / pt) * (F_out / pf), 2) float32, row-major like `Patchify`.
    """
    (pt, pf), (t, f) = patch_size, spec_shape
    rows, cols = out_size[0] // pt, out_size[1] // pf

    def axis_coords(start_n, size_n, n_in, n_out, p, n_patches):
        centres = (ops.arange(n_patches, dtype="float32") + 0.5) * p / n_out
        return (start_n[:, None] * n_in + centres[None] * size_n[:, None] * n_in) / p - 0.5

    row_nr = axis_coords(box_n4[:, 0], box_n4[:, 2], t, out_size[0], pt, rows)
    col_nc = axis_coords(box_n4[:, 1], box_n4[:, 3], f, out_size[1], pf, cols)
    n = ops.shape(box_n4)[0]
    row_nm = ops.reshape(ops.broadcast_to(row_nr[:, :, None], (n, rows, cols)), (n, rows * cols))
    col_nm = ops.reshape(ops.broadcast_to(col_nc[:, None, :], (n, rows, cols)), (n, rows * cols))
    return ops.stack([row_nm, col_nm], axis=-1)


def prediction_loss(proj_vbk, n_global):
    """Mean squared distance of every view's projection to its clip's global-view mean.

    Args:
        proj_vbk: (views, batch, k); views [0, n_global) are the global ones.
    """
    proj_vbk = ops.cast(proj_vbk, "float32")
    center_bk = ops.mean(proj_vbk[:n_global], axis=0)
    return ops.mean(ops.square(proj_vbk - center_bk[None]))


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class Projector(keras.layers.Layer):
    """MLP head: (Dense -> BatchNorm -> ReLU) per hidden width, then a linear Dense.

    Args:
        hidden: hidden widths, e.g. (2048, 2048).
        out_dim: projection width.

    Call:
        x_nd: (n, d). Returns (n, out_dim) float32.
    """

    def __init__(self, hidden=(2048, 2048), out_dim=128, **kwargs):
        super().__init__(**kwargs)
        self.hidden = tuple(int(h) for h in hidden)
        self.out_dim = out_dim
        policy = self.dtype_policy
        self.denses = [keras.layers.Dense(h, dtype=policy, name=f"dense_{i}") for i, h in enumerate(self.hidden)]
        self.norms = [keras.layers.BatchNormalization(dtype=policy, name=f"bn_{i}") for i in range(len(self.hidden))]
        self.out = keras.layers.Dense(out_dim, dtype=policy, name="out")

    def build(self, x_nd_shape):
        shape = tuple(x_nd_shape)
        for dense, norm in zip(self.denses, self.norms):
            dense.build(shape)
            shape = shape[:-1] + (dense.units,)
            norm.build(shape)
        self.out.build(shape)

    def call(self, x_nd, training=False):
        for dense, norm in zip(self.denses, self.norms):
            x_nd = ops.relu(norm(dense(x_nd), training=training))
        return ops.cast(self.out(x_nd), "float32")

    def compute_output_shape(self, x_nd_shape):
        return tuple(x_nd_shape[:-1]) + (self.out_dim,)

    def get_config(self):
        return {**super().get_config(), "hidden": self.hidden, "out_dim": self.out_dim}


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class LeJEPA(PretrainingObjective):
    """LeJEPA pretraining model; `fit` it on waveforms, the loss is built in.

    Views as the LeJEPA reference makes them (rbalestr-lab/lejepa, README
    "GOTO hyperparameters": 2 global + 6 local RandomResizedCrops, scale
    0.3-1 and 0.05-0.3, each with its own photometric augmentation), mapped to
    audio: every view of a clip is its own waveform augmentation
    (`view_augment`: gain, noise, mixing), the frontend (so masks the frontend
    may hold differ per view too), a random (time x mel) box of the log-mel
    covering a `*_scale` fraction of its area, resized bilinearly to
    `*_size`, then its own SpecAugment masks (`view_masks`). Tokens keep
    their position on the full spectrogram's patch grid (`crop_grid`,
    fractional where the crop was resized), so RoPE tells the encoder which
    time and frequency range a view covers.

    All views go through the shared encoder, are pooled and projected; the
    loss is (1 - sigreg_weight) * prediction + sigreg_weight * SIGReg, where
    the prediction term pulls each view's projection to the mean of the same
    clip's global-view projections and SIGReg tests each view's N projections
    against N(0, I) along `n_directions` random directions drawn every step.

    Args:
        frontend: waveform -> (batch, time, mel) layer.
        encoder: a `ViTEncoder`.
        n_global, n_local: views per clip (n_global >= 1, n_local >= 0).
        global_size, local_size: (frames, mel bins) of the resized views;
            multiples of the patch size.
        global_scale, local_scale: (low, high) area fraction of the crops.
        aspect_ratio: (low, high) of (time fraction / mel fraction), log-uniform.
        view_augment: optional `WaveAugment` applied to every view's waveform
            (then every view gets its own frontend call; without it the clip's
            log-mel is computed once and shared by its views).
        view_masks: optional `SpecAugment` applied to every resized view.
        proj_hidden, proj_dim: projector widths.
        sigreg_weight: lambda.
        n_directions: SIGReg slices per step.
        pooling: `TokenPool` mode of the view embedding.
        seed: seed of the crop and direction RNG.
        online_probe: optional `OnlineProbe` (on the whole clip).

    Call:
        wave_bs: (batch, samples).

    Returns:
        dict: proj_vbk (views, batch, proj_dim) float32, global views first;
        directions_km (proj_dim, n_directions); probe_logits_bc with a probe.
    """

    def __init__(
        self,
        frontend,
        encoder,
        n_global=2,
        n_local=6,
        global_size=(512, 128),
        local_size=(256, 64),
        global_scale=(0.3, 1.0),
        local_scale=(0.05, 0.3),
        aspect_ratio=(3 / 4, 4 / 3),
        view_augment=None,
        view_masks=None,
        proj_hidden=(2048, 2048),
        proj_dim=128,
        sigreg_weight=0.05,
        n_directions=256,
        pooling="cls",
        seed=0,
        online_probe=None,
        **kwargs,
    ):
        pt, pf = encoder.patch_size
        if n_global < 1 or n_local < 0:
            raise ValueError(f"need n_global >= 1 and n_local >= 0, got {n_global}, {n_local}")
        for size in (global_size, local_size):
            if size[0] < pt or size[1] < pf or size[0] % pt or size[1] % pf:
                raise ValueError(f"view size {tuple(size)} must be a positive multiple of the patch size {(pt, pf)}")
        for rng in (global_scale, local_scale):
            if not 0.0 < rng[0] <= rng[1] <= 1.0:
                raise ValueError(f"crop scale {tuple(rng)} must satisfy 0 < low <= high <= 1")
        if not 0.0 < aspect_ratio[0] <= aspect_ratio[1]:
            raise ValueError(f"aspect_ratio {tuple(aspect_ratio)} must satisfy 0 < low <= high")
        super().__init__(frontend, encoder, online_probe=online_probe, **kwargs)
        self.n_global, self.n_local = n_global, n_local
        self.global_size, self.local_size = tuple(global_size), tuple(local_size)
        self.global_scale, self.local_scale = tuple(global_scale), tuple(local_scale)
        self.aspect_ratio = tuple(aspect_ratio)
        self.view_augment = view_augment
        self.view_masks = view_masks
        self.proj_hidden = tuple(proj_hidden)
        self.proj_dim = proj_dim
        self.sigreg_weight = sigreg_weight
        self.n_directions = n_directions
        self.pooling = pooling
        self.seed = seed
        self.pool = TokenPool(pooling, name="pool")
        self.projector = Projector(self.proj_hidden, proj_dim, name="projector")
        self.seed_generator = keras.random.SeedGenerator(seed, name="view_seed")
        self.pred_tracker = keras.metrics.Mean(name="prediction_loss")
        self.sigreg_tracker = keras.metrics.Mean(name="sigreg")

    optional_layers = ("view_augment", "view_masks")

    @property
    def n_views(self):
        return self.n_global + self.n_local

    def _view_kinds(self):
        kinds = [(self.n_global, self.global_size, self.global_scale)]
        if self.n_local:
            kinds.append((self.n_local, self.local_size, self.local_scale))
        return kinds

    def make_views(self, wave_bs, training=False):
        """Every clip's augmented, cropped and resized views, view-major.

        Returns:
            mel_btf: (batch, time, mel) frontend output of the clips themselves.
            views: one dict per kind (global, then local if any) with
                mel_ntf (n, frames, mel bins), tokens_nmk, grid_nm2 (float32)
                and box_n4 (`sample_boxes`), where n = views of the kind * batch
                and row v * batch + b is view v of clip b.
        """
        b, s = ops.shape(wave_bs)[0], wave_bs.shape[1]
        if self.view_augment is None:
            # No waveform augmentation: every view starts from the clip's own log-mel (computed
            # once; masks the frontend may draw are then shared, `view_masks` are per view).
            mel_btf = self.frontend(wave_bs, training=training)
            t, f = mel_btf.shape[1], mel_btf.shape[2]
            mel_all = ops.reshape(ops.broadcast_to(mel_btf[None], (self.n_views, b, t, f)), (self.n_views * b, t, f))
            first = 0
        else:
            views_ns = ops.reshape(ops.broadcast_to(wave_bs[None], (self.n_views, b, s)), (self.n_views * b, s))
            views_ns = self.view_augment(views_ns, training=training)
            # One frontend call for the clips and all their views.
            mel_all = self.frontend(ops.concatenate([wave_bs, views_ns], axis=0), training=training)
            mel_btf, first = mel_all[:b], b
        spec_shape = tuple(mel_all.shape[1:3])
        views = []
        for n, size, scale in self._view_kinds():
            rows = n * b
            box_n4 = sample_boxes(rows, scale, self.aspect_ratio, self.seed_generator)
            mel_ntf = resized_crop(mel_all[first : first + rows], box_n4, size)
            first += rows
            if self.view_masks is not None:
                mel_ntf = self.view_masks(mel_ntf, training=training)
            tokens_nmk, _ = self.encoder.patchify(mel_ntf)
            grid_nm2 = crop_grid(box_n4, size, self.encoder.patch_size, spec_shape)
            views.append({"mel_ntf": mel_ntf, "tokens_nmk": tokens_nmk, "grid_nm2": grid_nm2, "box_n4": box_n4})
        return mel_btf, views

    def _encoder_grid(self, grid_nm2):
        """RoPE takes fractional positions; a learned position table needs the nearest patch."""
        if self.encoder.use_rope:
            return grid_nm2
        rows, cols = self.encoder.grid_shape
        row = ops.clip(ops.round(grid_nm2[..., 0]), 0, rows - 1)
        col = ops.clip(ops.round(grid_nm2[..., 1]), 0, cols - 1)
        return ops.cast(ops.stack([row, col], axis=-1), "int32")

    def call(self, wave_bs, training=False):
        b = ops.shape(wave_bs)[0]
        mel_btf, views = self.make_views(wave_bs, training=training)
        embs = []
        for view in views:
            cls_bcd, x_bnd = self.encoder(view["tokens_nmk"], self._encoder_grid(view["grid_nm2"]), training=training)
            embs.append(self.pool(cls_bcd, x_bnd))
        emb_nd = ops.concatenate(embs, axis=0) if len(embs) > 1 else embs[0]
        proj_nk = self.projector(emb_nd, training=training)
        out = {
            "proj_vbk": ops.reshape(proj_nk, (self.n_views, b, self.proj_dim)),
            "directions_km": random_directions(self.proj_dim, self.n_directions, self.seed_generator),
        }
        return self.add_probe_outputs(out, mel_btf, training=training)

    def objective_loss(self, x, y, y_pred, training):
        """(1 - lambda) * prediction + lambda * SIGReg (fp32)."""
        proj_vbk = y_pred["proj_vbk"]
        pred = prediction_loss(proj_vbk, self.n_global)
        sig = sigreg(proj_vbk, y_pred["directions_km"])
        self.pred_tracker.update_state(pred)
        self.sigreg_tracker.update_state(sig)
        return (1.0 - self.sigreg_weight) * pred + self.sigreg_weight * sig

    def get_config(self):
        ser = keras.saving.serialize_keras_object
        return {
            **super().get_config(),
            "n_global": self.n_global,
            "n_local": self.n_local,
            "global_size": self.global_size,
            "local_size": self.local_size,
            "global_scale": self.global_scale,
            "local_scale": self.local_scale,
            "aspect_ratio": self.aspect_ratio,
            "view_augment": ser(self.view_augment) if self.view_augment is not None else None,
            "view_masks": ser(self.view_masks) if self.view_masks is not None else None,
            "proj_hidden": self.proj_hidden,
            "proj_dim": self.proj_dim,
            "sigreg_weight": self.sigreg_weight,
            "n_directions": self.n_directions,
            "pooling": self.pooling,
            "seed": self.seed,
        }
