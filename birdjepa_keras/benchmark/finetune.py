"""Full fine-tuning, Bird-MAE's fourth protocol: the encoder unfrozen, layer-wise lr decay.

Unlike the frozen probes this trains on waveforms (no feature cache): a
fresh copy of the backbone's encoder with a Dense head on its clip embedding,
fitted with `model.fit`. Layer-wise lr decay follows BEiT as Bird-SSL does
(github houtan-ghaffari/Bird-SSL `util/lr_decay.py`, `param_groups_lrd`,
decay_type "right"): with L = depth + 1 and scale(i) = decay^(L - i),

    layer 0      patch embedding, CLS / register tokens, positions   lr x decay^L
    layer i + 1  transformer block i                                  lr x decay^(L - i - 1)
    layer L      final norm, pooling norm, head                       lr x 1

One AdamW per layer (a `GroupedOptimizer`), each with the probe's schedule
scaled by its layer's factor. The waveforms of a split are held in memory
(float32, 640 kB per 5 s clip): meant for few-shot and small sets.

    res = finetune_and_score(backbone, train_w, valid_w, [valid_w, test_w], multi_label=True, seed=0, **probes_cfg.kwargs_for("finetune"))
"""

import dataclasses
import re

import keras
import numpy as np

from birdjepa_keras.benchmark.linear_probe import probabilities
from birdjepa_keras.benchmark.probes import (
    ProbeResult, _tile, check_used, epoch_repeats, fit_probe, make_optimizer, steps_per_epoch, take, training_args,
)  # fmt: skip
from birdjepa_keras.optim.groups import GroupedOptimizer

_BLOCK = re.compile(r"(?:^|/)block_(\d+)/")
_EMBED = re.compile(r"(?:^|/)(patch_embed|cls_tokens?|registers|pos_embed)(?:/|$)")


def layer_id(path, depth):
    """Layer index of a variable path for layer-wise lr decay (0 = embeddings, depth + 1 = top)."""
    m = _BLOCK.search(path)
    if m:
        return int(m.group(1)) + 1
    if _EMBED.search(path):
        return 0
    return depth + 1


def layer_scales(depth, decay):
    """lr factor of layers 0 .. depth + 1: decay^(depth + 1 - i)."""
    n = depth + 1
    return [decay ** (n - i) for i in range(n + 1)]


def encoder_depth(model):
    """Number of transformer blocks, from the `block_<i>` variable paths."""
    ids = [int(m.group(1)) for v in model.weights if (m := _BLOCK.search(v.path))]
    if not ids:
        raise ValueError(f"{model.name}: no transformer blocks (block_<i>) to fine-tune")
    return max(ids) + 1


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class LayerFilter:
    """Predicate: the variable belongs to layer `layer` of a `depth`-block encoder (see `layer_id`)."""

    def __init__(self, layer, depth):
        self.layer, self.depth = layer, depth

    def __call__(self, variable):
        return layer_id(variable.path, self.depth) == self.layer

    def get_config(self):
        return {"layer": self.layer, "depth": self.depth}


def layerwise_optimizer(total_steps, depth, *, layer_decay, clipnorm, **optimizer_kw):
    """A GroupedOptimizer with one AdamW per layer at lr x layer_decay^(L - layer) (global clip over all).

    `optimizer_kw`: the rest of `probes.make_optimizer`'s keywords (learning_rate, schedule, ...).
    """
    scales = layer_scales(depth, layer_decay)
    # clipnorm 0 per group: clip once, over all gradients together
    groups = [(LayerFilter(i, depth), make_optimizer(total_steps, clipnorm=0.0, scale=s, **optimizer_kw)) for i, s in enumerate(scales)]
    return GroupedOptimizer(groups, global_clipnorm=clipnorm or None, primary_group=len(groups) - 1)


class FinetuneModel(keras.Model):
    """wave (batch, samples) -> logits: the encoder's clip embedding -> Dense(n_classes) ("head")."""

    def __init__(self, encoder, n_classes, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.head = keras.layers.Dense(n_classes, name="head")

    def call(self, wave_bs, training=None):
        # training passed on explicitly: under the JAX trainer nested layers otherwise see None.
        return self.head(self.encoder(wave_bs, training=training)["embedding"])


@dataclasses.dataclass
class Waves:
    """Waveforms of one split at the backbone's rate, their labels and source recordings."""

    x: np.ndarray  # (n, samples) float32
    labels: np.ndarray  # (n, classes) float32
    groups: np.ndarray | None = None

    def __len__(self):
        return len(self.labels)

    def subset(self, idx):
        return Waves(self.x[idx], self.labels[idx], None if self.groups is None else self.groups[idx])


def load_waves(batches, source_rate, backbone, groups=None):
    """Waves from (wave_bs, labels_bc) batches, resampled to the backbone's rate and checked against its window."""
    from birdjepa_keras.benchmark.features import resample

    xs, ys = [], []
    for wave_bs, y_bc in batches:
        xs.append(resample(np.asarray(wave_bs, np.float32), source_rate, backbone.sample_rate))
        ys.append(np.asarray(y_bc, np.float32))
    x = np.concatenate(xs)
    if x.shape[1] != backbone.window:
        raise ValueError(f"fine-tuning {backbone.name}: clips of {x.shape[1]} samples, the encoder takes {backbone.window}")
    return Waves(x, np.concatenate(ys), groups)


def copy_encoder(model):
    """A fresh copy of an encoder with the same weights (the backbone itself stays untouched)."""
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


def finetune_and_score(backbone, train, valid, score_splits, *, multi_label, seed, select=None, verbose=0, predict_batch=32, **probe):
    """Fine-tune a copy of `backbone.model` on `train` (Waves); scores on `score_splits`.

    `probe`: `layer_decay` and the training keywords of every probe (see
    `probes.fit_and_score`); at the edge `ProbesConfig.kwargs_for("finetune")`.
    Returns a ProbeResult whose `model` is the fine-tuned FinetuneModel.
    """
    probe = dict(probe)
    fit_kw, opt_kw, min_epoch_examples = training_args(probe, "finetune")
    layer_decay = take(probe, ("layer_decay",), "finetune")["layer_decay"]
    check_used(probe, "finetune")
    keras.utils.set_random_seed(seed)
    encoder = copy_encoder(backbone.model)
    model = FinetuneModel(encoder, train.labels.shape[1], name="finetune")
    reps = epoch_repeats(len(train), min_epoch_examples)
    x_tr, y_tr = _tile(train.x, reps), _tile(train.labels, reps)
    model(x_tr[:1])  # build
    total_steps = fit_kw["epochs"] * steps_per_epoch(len(y_tr), fit_kw["batch_size"])
    optimizer = layerwise_optimizer(total_steps, encoder_depth(encoder), layer_decay=layer_decay, **opt_kw)
    epochs, best = fit_probe(
        model, x_tr, y_tr, valid.x, valid.labels, multi_label, optimizer=optimizer, **fit_kw,
        select=select, verbose=verbose, predict_batch=predict_batch,
    )  # fmt: skip
    scores = [probabilities(model.predict(s.x, batch_size=predict_batch, verbose=0), multi_label) for s in score_splits]
    return ProbeResult(scores, epochs, best, model)
