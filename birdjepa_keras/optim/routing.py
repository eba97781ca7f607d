"""Which variables Muon updates: the hidden 2-D weight matrices of transformer blocks, nothing else.

Hidden matrices are the `kernel`s of the attention projections q/k/v/o and
the MLP's fc1/fc2/fc3 inside `block_<i>` (encoder) and `decoder_block_<i>`
(Pixio decoder). Everything else goes to AdamW: the patch projection,
CLS/register/mask tokens, positions, norms, biases, `decoder_embed`, heads.
Routing is by variable path, so it sees exactly what the layers create.
"""

import re

import keras
import numpy as np

_MATRIX = r"/(?:attn/[qkvo]|mlp/fc[123])/kernel$"
ENCODER_MATRIX = re.compile(r"(?:^|/)block_\d+" + _MATRIX)
DECODER_MATRIX = re.compile(r"(?:^|/)decoder_block_\d+" + _MATRIX)


def is_encoder_matrix(variable):
    """A 2-D attention or MLP kernel of an encoder block."""
    return len(variable.shape) == 2 and ENCODER_MATRIX.search(variable.path) is not None


def is_decoder_matrix(variable):
    """A 2-D attention or MLP kernel of a Pixio decoder block."""
    return len(variable.shape) == 2 and DECODER_MATRIX.search(variable.path) is not None


def is_hidden_matrix(variable, decoder=True):
    """Muon's share: encoder block matrices, and decoder block matrices if `decoder`."""
    return is_encoder_matrix(variable) or (decoder and is_decoder_matrix(variable))


_PATCH_EMBED = re.compile(r"(?:^|/)patch_embed/kernel$")


def _readout_regex(readout_layers):
    names = "|".join(re.escape(n) for n in readout_layers)
    return re.compile(rf"(?:^|/)(?:{names})/kernel$") if readout_layers else None


def role(variable, readout_layers=()):
    """"hidden", "readout", "input" or "other" (see `optim.mup`'s docstring)."""
    if is_encoder_matrix(variable):
        return "hidden"
    regex = _readout_regex(readout_layers)
    if regex is not None and len(variable.shape) == 2 and regex.search(variable.path):
        return "readout"
    if _PATCH_EMBED.search(variable.path):
        return "input"
    return "other"


def lr_scaled(variable, readout_layers=()):
    """Whether muP scales this variable's learning rate with the width."""
    return role(variable, readout_layers) in ("hidden", "readout")


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class ParamFilter:
    """Predicate for the Muon/AdamW x muP groups; None means "either".

    Args:
        muon: the variable is (True) / is not (False) a Muon matrix.
        mup_scaled: muP scales (True) / does not scale (False) its learning
            rate (encoder block matrices and readouts, see `optim.mup`).
        muon_decoder: decoder block matrices count as Muon matrices.
        readout_layers: layer names whose kernels are muP readouts.
    """

    def __init__(self, muon=None, mup_scaled=None, muon_decoder=True, readout_layers=()):
        self.muon = muon
        self.mup_scaled = mup_scaled
        self.muon_decoder = muon_decoder
        self.readout_layers = tuple(readout_layers)

    def __call__(self, variable):
        if self.muon is not None and is_hidden_matrix(variable, self.muon_decoder) != self.muon:
            return False
        if self.mup_scaled is not None and lr_scaled(variable, self.readout_layers) != self.mup_scaled:
            return False
        return True

    def get_config(self):
        return {
            "muon": self.muon,
            "mup_scaled": self.mup_scaled,
            "muon_decoder": self.muon_decoder,
            "readout_layers": list(self.readout_layers),
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def param_groups(muon, mup, muon_decoder=True, readout_layers=()):
    """`(name, ParamFilter, kind, mup_scaled)` per optimizer group, catch-all AdamW last.

    kind is "muon" or "adamw"; groups that cannot hold a variable are left out.
    """
    out = []
    for kind in (("muon", "adamw") if muon else ("adamw",)):
        is_muon = (kind == "muon") if muon else None
        scaled_options = (True, False) if mup else (None,)
        for scaled in scaled_options:
            if kind == "muon" and scaled is False and not muon_decoder:
                continue  # without decoder matrices every Muon matrix is an encoder one
            name = kind + ("_mup" if scaled else "")
            out.append((name, ParamFilter(is_muon, scaled, muon_decoder, readout_layers), kind, bool(scaled)))
    return out


def param_share(variables, predicate):
    """Fraction of the parameters (element count) in `variables` that `predicate` accepts."""
    sizes = np.array([int(np.prod(v.shape)) for v in variables], dtype=np.int64)
    chosen = np.array([bool(predicate(v)) for v in variables])
    return float(sizes[chosen].sum() / max(sizes.sum(), 1))
