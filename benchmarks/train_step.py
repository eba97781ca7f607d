"""Training-step speed: our Keras ViT on JAX vs a hand-written pure-JAX twin, side by side.

    python benchmarks/train_step.py [--presets vit_tiny,vit_s] [--batch 8] [--steps 5]

Both sides run the same supervised step on pre-patchified tokens (256 tokens
of 16x16 patches, CLS + registers, 2D RoPE, QK-norm, SwiGLU), mean-CLS ->
Dense -> sigmoid BCE, AdamW, fp32. The pure-JAX side starts from the Keras
model's own weights and its forward is checked against Keras before timing.
Prints ms/step, samples/s and the Keras/JAX ratio, then the compiled step's
memory (XLA memory analysis: arguments + temporaries, per sample) for fp32,
bf16, fp32 + remat and bf16 + remat.
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

import birdjepa_keras  # noqa: E402,F401
from birdjepa_keras.layers.patches import patch_grid  # noqa: E402
from birdjepa_keras.models.presets import preset_kwargs  # noqa: E402
from birdjepa_keras.models.vit import ViTEncoder  # noqa: E402

N_CLASSES, GRID, PATCH = 64, (32, 8), (16, 16)


class Classifier(keras.Model):
    """ViTEncoder + linear head on the mean CLS token."""

    def __init__(self, preset, remat=None, **kwargs):
        super().__init__(**kwargs)
        self.encoder = ViTEncoder(
            **preset_kwargs(preset), patch_size=PATCH, grid_shape=GRID, n_cls=4, n_registers=4, remat=remat, name="encoder"
        )
        self.head = keras.layers.Dense(N_CLASSES, name="head")

    def call(self, inputs):
        tokens_bnk, grid_bn2 = inputs
        cls_bcd, _ = self.encoder(tokens_bnk, grid_bn2)
        return keras.ops.cast(self.head(keras.ops.mean(cls_bcd, axis=1)), "float32")


# ----------------------------------------------------------------------------- pure JAX twin


def jax_params(model):
    """The Keras model's weights as a pytree for the pure-JAX forward."""
    enc = model.encoder

    def dense(layer):
        return {"w": jnp.asarray(layer.kernel.value), "b": jnp.asarray(layer.bias.value)}

    def norm(layer):
        return {"g": jnp.asarray(layer.gamma.value), "b": jnp.asarray(layer.beta.value)}

    blocks = []
    for blk in enc.blocks:
        a, m = blk.attn, blk.mlp
        blocks.append(
            {
                "n1": norm(blk.norm1), "n2": norm(blk.norm2),
                "q": dense(a.q_proj), "k": dense(a.k_proj), "v": dense(a.v_proj), "o": dense(a.o_proj),
                "qn": jnp.asarray(a.q_norm.scale.value), "kn": jnp.asarray(a.k_norm.scale.value),
                "fc1": dense(m.fc1), "fc3": dense(m.fc3), "fc2": dense(m.fc2),
            }
        )
    tree = {
        "pe": dense(enc.patch_embed),
        "prefix": jnp.concatenate([jnp.asarray(enc.cls_tokens.value), jnp.asarray(enc.registers.value)]),
        "blocks": blocks,
        "final": norm(enc.final_norm),
        "head": dense(model.head),
    }
    # Own copies: Keras's fit donates (and deletes) its variables' buffers.
    return jax.tree.map(lambda a: jnp.array(np.asarray(a)), tree)


def _ln(x, p):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / jnp.sqrt(var + 1e-6) * p["g"] + p["b"]


def _rms(x, g):
    return x / jnp.sqrt((x**2).mean(-1, keepdims=True) + 1e-6) * g


def _rope_tables(grid_bn2, head_dim, n_prefix, base=100.0):
    q = head_dim // 4
    inv = base ** (-jnp.arange(q) * 2.0 / (head_dim // 2))
    ang = jnp.concatenate([grid_bn2[..., :1] * inv, grid_bn2[..., 1:] * inv], -1).astype(jnp.float32)
    ang = jnp.pad(ang, ((0, 0), (n_prefix, 0), (0, 0)))  # prefix tokens: angle 0
    return jnp.cos(ang)[:, :, None], jnp.sin(ang)[:, :, None]


def _rope(x, cos, sin):
    q = x.shape[-1] // 4
    a = jnp.concatenate([x[..., :q], x[..., 2 * q : 3 * q]], -1)
    b = jnp.concatenate([x[..., q : 2 * q], x[..., 3 * q :]], -1)
    ra, rb = a * cos - b * sin, b * cos + a * sin
    return jnp.concatenate([ra[..., :q], rb[..., :q], ra[..., q:], rb[..., q:]], -1)


def jax_forward(p, tokens_bnk, grid_bn2, n_heads, n_cls):
    b = tokens_bnk.shape[0]
    x = tokens_bnk @ p["pe"]["w"] + p["pe"]["b"]
    x = jnp.concatenate([jnp.broadcast_to(p["prefix"], (b,) + p["prefix"].shape), x], 1)
    s, d = x.shape[1], x.shape[2]
    hd = d // n_heads
    cos, sin = _rope_tables(grid_bn2, hd, p["prefix"].shape[0])
    for blk in p["blocks"]:
        h = _ln(x, blk["n1"])
        q, k, v = ((h @ blk[n]["w"] + blk[n]["b"]).reshape(b, s, n_heads, hd) for n in ("q", "k", "v"))
        q, k = _rope(_rms(q, blk["qn"]), cos, sin), _rope(_rms(k, blk["kn"]), cos, sin)
        o = jax.nn.dot_product_attention(q, k, v, scale=hd**-0.5).reshape(b, s, d)
        x = x + o @ blk["o"]["w"] + blk["o"]["b"]
        h = _ln(x, blk["n2"])
        u = jax.nn.silu(h @ blk["fc1"]["w"] + blk["fc1"]["b"]) * (h @ blk["fc3"]["w"] + blk["fc3"]["b"])
        x = x + u @ blk["fc2"]["w"] + blk["fc2"]["b"]
    x = _ln(x, p["final"])
    return x[:, :n_cls].mean(1) @ p["head"]["w"] + p["head"]["b"]


def make_jax_step(n_heads, n_cls, lr=1e-4, wd=0.01, b1=0.9, b2=0.999, eps=1e-7):
    def loss_fn(p, tokens, grid, y):
        logits = jax_forward(p, tokens, grid, n_heads, n_cls)
        return jnp.mean(jnp.maximum(logits, 0) - logits * y + jnp.log1p(jnp.exp(-jnp.abs(logits))))

    @jax.jit
    def step(p, m, v, t, tokens, grid, y):
        loss, g = jax.value_and_grad(loss_fn)(p, tokens, grid, y)
        t = t + 1
        m = jax.tree.map(lambda m_, g_: b1 * m_ + (1 - b1) * g_, m, g)
        v = jax.tree.map(lambda v_, g_: b2 * v_ + (1 - b2) * g_ * g_, v, g)
        alpha = lr * jnp.sqrt(1 - b2**t) / (1 - b1**t)
        p = jax.tree.map(lambda p_, m_, v_: p_ - lr * wd * p_ - alpha * m_ / (jnp.sqrt(v_) + eps), p, m, v)
        return p, m, v, t, loss

    return step


# ----------------------------------------------------------------------------- timing


def batch(b, seed=0):
    rng = np.random.default_rng(seed)
    tokens = rng.normal(size=(b, GRID[0] * GRID[1], PATCH[0] * PATCH[1])).astype("float32")
    grid = np.broadcast_to(patch_grid(*GRID)[None], (b, GRID[0] * GRID[1], 2)).astype("int32")
    y = (rng.random((b, N_CLASSES)) < 0.05).astype("float32")
    return tokens, np.ascontiguousarray(grid), y


def time_keras(model, data, steps):
    tokens, grid, y = data
    n = tokens.shape[0]
    reps = steps + 2
    x = (np.concatenate([tokens] * reps), np.concatenate([grid] * reps))
    yy = np.concatenate([y] * reps)
    model.fit(x, yy, batch_size=n, epochs=1, steps_per_epoch=2, shuffle=False, verbose=0)  # compile + warm
    t = time.perf_counter()
    model.fit(x, yy, batch_size=n, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0)
    return (time.perf_counter() - t) / steps


def time_jax(step, params, data, steps):
    tokens, grid, y = (jnp.asarray(a) for a in data)
    m = jax.tree.map(jnp.zeros_like, params)
    v = jax.tree.map(jnp.zeros_like, params)
    state = (params, m, v, jnp.zeros((), jnp.float32))
    for _ in range(2):
        *state, loss = step(*state, tokens, grid, y)
    loss.block_until_ready()
    t = time.perf_counter()
    for _ in range(steps):
        *state, loss = step(*state, tokens, grid, y)
    loss.block_until_ready()
    return (time.perf_counter() - t) / steps


def keras_step_memory(preset, b, policy, remat):
    """Bytes (arguments + temporaries) of the compiled Keras-layers train step, from XLA."""
    keras.config.set_dtype_policy(policy)
    try:
        model = Classifier(preset, remat=remat)
        tokens, grid, y = batch(b)
        model((tokens[:1], grid[:1]))
        tv = [v.value for v in model.trainable_variables]
        ntv = [v.value for v in model.non_trainable_variables]

        def loss_fn(tv_, tokens_, grid_, y_):
            logits, _ = model.stateless_call(tv_, ntv, (tokens_, grid_))
            return keras.ops.mean(keras.losses.binary_crossentropy(y_, logits, from_logits=True))

        lowered = jax.jit(jax.value_and_grad(loss_fn)).lower(tv, tokens, grid, y)
        mem = lowered.compile().memory_analysis()
        return mem.argument_size_in_bytes + mem.temp_size_in_bytes + mem.output_size_in_bytes
    finally:
        keras.config.set_dtype_policy("float32")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presets", default="vit_tiny,vit_s")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--memory", action="store_true", help="also print compiled-step memory per sample")
    ap.add_argument("--bf16", action="store_true", help="also time the Keras step under mixed_bfloat16")
    args = ap.parse_args()
    dev = jax.devices()[0]
    print(f"device={dev.device_kind} ({dev.platform}) x{jax.device_count()}  cpu_cores={len(os.sched_getaffinity(0))}  "
          f"jax={jax.__version__} keras={keras.__version__}  batch={args.batch} fp32")
    print(f"{'preset':<10}{'keras ms':>10}{'jax ms':>10}{'keras/s':>10}{'jax/s':>10}{'ratio':>8}  parity")
    for preset in args.presets.split(","):
        keras.utils.set_random_seed(0)
        model = Classifier(preset)
        data = batch(args.batch)
        model((data[0][:1], data[1][:1]))
        params = jax_params(model)
        kp = preset_kwargs(preset)
        ref = np.asarray(model((data[0], data[1])))
        twin = np.asarray(jax_forward(params, jnp.asarray(data[0]), jnp.asarray(data[1]), kp["n_heads"], 4))
        parity = float(np.abs(ref - twin).max())
        model.compile(optimizer=keras.optimizers.AdamW(1e-4, weight_decay=0.01), loss=keras.losses.BinaryCrossentropy(from_logits=True))
        tk = time_keras(model, data, args.steps)
        tj = time_jax(make_jax_step(kp["n_heads"], 4), params, data, args.steps)
        b = args.batch
        print(f"{preset:<10}{tk * 1e3:>10.1f}{tj * 1e3:>10.1f}{b / tk:>10.2f}{b / tj:>10.2f}{tk / tj:>8.3f}  max|dlogit|={parity:.1e}")
        if args.bf16:
            keras.config.set_dtype_policy("mixed_bfloat16")
            keras.utils.set_random_seed(0)
            bf = Classifier(preset)
            bf((data[0][:1], data[1][:1]))
            bf.compile(optimizer=keras.optimizers.AdamW(1e-4, weight_decay=0.01), loss=keras.losses.BinaryCrossentropy(from_logits=True))
            tb = time_keras(bf, data, args.steps)
            keras.config.set_dtype_policy("float32")
            print(f"{preset + ' bf16':<10}{tb * 1e3:>10.1f}{'':>10}{b / tb:>10.2f}{'':>10}{tb / tj:>8.3f}  (keras mixed_bfloat16 vs jax fp32)")
    if args.memory:
        print(f"\ncompiled train-step memory per sample (batch {args.batch}, XLA memory analysis)")
        for preset in args.presets.split(","):
            for policy, remat in (("float32", None), ("mixed_bfloat16", None), ("float32", "full"), ("mixed_bfloat16", "full")):
                mb = keras_step_memory(preset, args.batch, policy, remat) / args.batch / 2**20
                print(f"{preset:<10}{policy:<16}remat={str(remat):<6}{mb:>10.1f} MiB/sample")


if __name__ == "__main__":
    main()
