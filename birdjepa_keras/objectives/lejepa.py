"""LeJEPA: multi-view prediction to the clip's global-view centre + SIGReg."""

import keras
from keras import ops, random

from birdjepa_keras.layers.patches import Patchify
from birdjepa_keras.models.audio_encoder import TokenPool
from birdjepa_keras.objectives.masking import gather_tokens
from birdjepa_keras.objectives.online_probe import OnlineProbeMixin
from birdjepa_keras.objectives.sigreg import random_directions, sigreg


def crop_frames(mel_btf, start_bv, frames):
    """Time crops of every clip, view-major.

    Args:
        mel_btf: (batch, time, mel).
        start_bv: (batch, views) int first frame of each crop.
        frames: crop length in frames.

    Returns:
        (views * batch, frames, mel); row v * batch + b is view v of clip b.
    """
    b, f = ops.shape(mel_btf)[0], mel_btf.shape[2]
    v = start_bv.shape[1]
    idx_bvl = ops.cast(start_bv, "int32")[..., None] + ops.arange(frames, dtype="int32")
    crops = gather_tokens(mel_btf, ops.reshape(idx_bvl, (b, v * frames)))
    crops_vblf = ops.transpose(ops.reshape(crops, (b, v, frames, f)), (1, 0, 2, 3))
    return ops.reshape(crops_vblf, (v * b, frames, f))


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
class LeJEPA(OnlineProbeMixin, keras.Model):
    """LeJEPA pretraining model; `fit` it on waveforms, the loss is built in.

    Every clip gives `n_global` global and `n_local` local time crops of its
    log-mel (random start per crop, crop-relative patch grid). All views go
    through the shared encoder, are pooled and projected; the loss is
    (1 - sigreg_weight) * prediction + sigreg_weight * SIGReg, where the
    prediction term pulls each view's projection to the mean of the same
    clip's global-view projections and SIGReg tests each view's N projections
    against N(0, I) along `n_directions` random directions drawn every step.

    Args:
        frontend: waveform -> (batch, time, mel) layer.
        encoder: a `ViTEncoder`.
        n_global, n_local: views per clip (n_global >= 1, n_local >= 0).
        global_frames, local_frames: crop lengths in frames (multiples of
            the patch's time size, at most the spectrogram's length).
        proj_hidden, proj_dim: projector widths.
        sigreg_weight: lambda.
        n_directions: SIGReg slices per step.
        pooling: `TokenPool` mode of the view embedding.
        seed: seed of the crop and direction RNG.
        online_probe: optional `OnlineProbe`.

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
        n_local=4,
        global_frames=384,
        local_frames=128,
        proj_hidden=(2048, 2048),
        proj_dim=128,
        sigreg_weight=0.05,
        n_directions=256,
        pooling="cls",
        seed=0,
        online_probe=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        pt = encoder.patch_size[0]
        if n_global < 1 or n_local < 0:
            raise ValueError(f"need n_global >= 1 and n_local >= 0, got {n_global}, {n_local}")
        for frames in (global_frames, local_frames):
            if frames < pt or frames % pt:
                raise ValueError(f"crop length {frames} frames must be a positive multiple of the patch time size {pt}")
        self.frontend = frontend
        self.encoder = encoder
        self.n_global, self.n_local = n_global, n_local
        self.global_frames, self.local_frames = global_frames, local_frames
        self.proj_hidden = tuple(proj_hidden)
        self.proj_dim = proj_dim
        self.sigreg_weight = sigreg_weight
        self.n_directions = n_directions
        self.pooling = pooling
        self.seed = seed
        self.patchify = Patchify(encoder.patch_size, name="patchify")
        self.pool = TokenPool(pooling, name="pool")
        self.projector = Projector(self.proj_hidden, proj_dim, name="projector")
        self.seed_generator = keras.random.SeedGenerator(seed, name="view_seed")
        self.pred_tracker = keras.metrics.Mean(name="prediction_loss")
        self.sigreg_tracker = keras.metrics.Mean(name="sigreg")
        self._init_online_probe(online_probe)

    @property
    def n_views(self):
        return self.n_global + self.n_local

    def embed_views(self, mel_btf):
        """Pooled embeddings of all views, (views * batch, d) view-major, global views first."""
        b, t = ops.shape(mel_btf)[0], mel_btf.shape[1]
        embs = []
        for n, frames in ((self.n_global, self.global_frames), (self.n_local, self.local_frames)):
            if n == 0:
                continue
            if frames > t:
                raise ValueError(f"crop of {frames} frames is longer than the {t}-frame spectrogram")
            start_bv = random.randint((b, n), 0, t - frames + 1, seed=self.seed_generator)
            tokens_bnk, grid_bn2 = self.patchify(crop_frames(mel_btf, start_bv, frames))
            cls_bcd, x_bnd = self.encoder(tokens_bnk, grid_bn2)
            embs.append(self.pool(cls_bcd, x_bnd))
        return ops.concatenate(embs, axis=0) if len(embs) > 1 else embs[0]

    def call(self, wave_bs, training=False):
        mel_btf = self.frontend(wave_bs)
        b = ops.shape(wave_bs)[0]
        proj_nk = self.projector(self.embed_views(mel_btf), training=training)
        out = {
            "proj_vbk": ops.reshape(proj_nk, (self.n_views, b, self.proj_dim)),
            "directions_km": random_directions(self.proj_dim, self.n_directions, self.seed_generator),
        }
        return self.add_probe_outputs(out, mel_btf, training=training)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """(1 - lambda) * prediction + lambda * SIGReg (fp32), plus the probe's loss if any."""
        proj_vbk = y_pred["proj_vbk"]
        pred = prediction_loss(proj_vbk, self.n_global)
        sig = sigreg(proj_vbk, y_pred["directions_km"])
        loss = (1.0 - self.sigreg_weight) * pred + self.sigreg_weight * sig
        for extra in self.losses:
            loss = loss + ops.cast(extra, "float32")
        self.pred_tracker.update_state(pred)
        self.sigreg_tracker.update_state(sig)
        return self.add_probe_loss(loss, y, y_pred)

    def get_config(self):
        return {
            **super().get_config(),
            "n_global": self.n_global,
            "n_local": self.n_local,
            "global_frames": self.global_frames,
            "local_frames": self.local_frames,
            "proj_hidden": self.proj_hidden,
            "proj_dim": self.proj_dim,
            "sigreg_weight": self.sigreg_weight,
            "n_directions": self.n_directions,
            "pooling": self.pooling,
            "seed": self.seed,
            **self._submodels_config(),
        }
