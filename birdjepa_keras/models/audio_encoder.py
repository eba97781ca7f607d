"""The exported encoder: waveform -> log-mel -> patches -> ViT -> embeddings."""

import keras
from keras import ops

from birdjepa_keras.config.train import POOLINGS


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class TokenPool(keras.layers.Layer):
    """Clip embedding from CLS and patch tokens.

    Args:
        mode: "cls" (mean of the CLS tokens), "patch_mean" (mean of patch
            tokens), "cls+patch_mean" (both, concatenated) or "time_mean"
            (patch tokens averaged over time per mel column, the columns
            concatenated: keeps where on the mel axis a sound is, which the
            plain mean loses) or "time_max" (the same with the maximum over
            time: a short call lifts it as much as a long one).
        mel_patches: patches along mel (columns of the row-major patch grid);
            required by "time_mean" and "time_max".

    Call:
        cls_bcd: (batch, n_cls, dim); x_bnd: (batch, n, dim), row-major over
            the (time, mel) patch grid (`ViTEncoder.patchify`).

    Returns:
        (batch, dim); (batch, 2 * dim) for "cls+patch_mean"; (batch,
        mel_patches * dim) for "time_mean" and "time_max"; float32.
    """

    def __init__(self, mode="cls", mel_patches=None, **kwargs):
        super().__init__(**kwargs)
        if mode not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}, got {mode!r}")
        if mode in ("time_mean", "time_max") and not mel_patches:
            raise ValueError(f"{mode} pooling needs mel_patches (patches along the mel axis)")
        self.mode = mode
        self.mel_patches = None if mel_patches is None else int(mel_patches)

    def call(self, cls_bcd, x_bnd):
        if self.mode in ("time_mean", "time_max"):
            f = self.mel_patches
            x_btfd = ops.reshape(ops.cast(x_bnd, "float32"), (ops.shape(x_bnd)[0], -1, f, x_bnd.shape[-1]))
            reduce = ops.mean if self.mode == "time_mean" else ops.max
            return ops.reshape(reduce(x_btfd, axis=1), (ops.shape(x_bnd)[0], f * x_bnd.shape[-1]))
        cls_bd = ops.mean(ops.cast(cls_bcd, "float32"), axis=1)
        patch_bd = ops.mean(ops.cast(x_bnd, "float32"), axis=1)
        if self.mode == "cls":
            return cls_bd
        if self.mode == "patch_mean":
            return patch_bd
        return ops.concatenate([cls_bd, patch_bd], axis=-1)

    def compute_output_shape(self, cls_bcd_shape, x_bnd_shape):
        d = x_bnd_shape[-1] * {"cls+patch_mean": 2, "time_mean": self.mel_patches or 1, "time_max": self.mel_patches or 1}.get(self.mode, 1)
        return (cls_bcd_shape[0], d)

    def get_config(self):
        return {**super().get_config(), "mode": self.mode, "mel_patches": self.mel_patches}


def build_audio_encoder(frontend, encoder, clip_samples, pooling="cls", name="audio_encoder", layer=None):
    """Functional model wave_bs -> {"embedding", "cls_tokens", "patch_tokens"}.

    Shares `frontend` and `encoder` (and their weights) with the caller, so a
    pretraining model's encoder can be exported without copying.

    Args:
        frontend: waveform -> (batch, time, mel) layer (a `LogMel`).
        encoder: a `ViTEncoder`.
        clip_samples: samples per input clip (e.g. 160000 for 5 s at 32 kHz).
        pooling: embedding pooling, see `TokenPool`.
        layer: None (the encoder's output) or the depth whose tokens to return
            (`ViTEncoder.call`: 0 = patch embedding), for layer-wise probes.

    Returns:
        keras.Model; `model(wave_bs)["embedding"]` is (batch, d) float32.
    """
    wave_bs = keras.Input(shape=(clip_samples,), dtype="float32", name="waveform")
    mel_btf = frontend(wave_bs)
    # `encoder.patchify` appears in the graph as the "patchify" layer (`benchmark.backbones.token_grid` reads it).
    tokens_bnk, grid_bn2 = encoder.patchify(mel_btf)
    cls_bcd, x_bnd = encoder(tokens_bnk, grid_bn2, layer=layer)
    outputs = {
        "embedding": TokenPool(pooling, mel_patches=mel_btf.shape[2] // encoder.patch_size[1], name="pool")(
            cls_bcd, x_bnd),
        "cls_tokens": cls_bcd,
        "patch_tokens": x_bnd,
    }
    return keras.Model(wave_bs, outputs, name=name)


def audio_encoder_at_layer(audio_encoder, layer):
    """The same audio encoder (shared weights) with tokens and embedding taken at `layer`.

    `audio_encoder`: a `build_audio_encoder` model (e.g. a loaded
    `encoder.keras`); `layer` as in `ViTEncoder.call` (0 = patch embedding).
    The embedding keeps the model's pooling. Raises ValueError when the model
    has no `ViTEncoder` or `layer` is out of range.
    """
    from birdjepa_keras.models.vit import ViTEncoder

    vits = [lay for lay in audio_encoder.layers if isinstance(lay, ViTEncoder)]
    if len(vits) != 1:
        raise ValueError(f"{audio_encoder.name}: layer-wise tokens need one ViTEncoder, found {len(vits)}")
    encoder = vits[0]
    encoder.check_layer(layer)
    # The frontend: the model's graph from the waveform up to the encoder's patching (public API only).
    frontend = keras.Model(audio_encoder.inputs[0], audio_encoder.get_layer("patchify").input, name="frontend")
    pool = audio_encoder.get_layer("pool")
    return build_audio_encoder(frontend, encoder, int(audio_encoder.inputs[0].shape[1]), pooling=pool.mode,
                               name=f"{audio_encoder.name}_layer{layer}", layer=layer)
