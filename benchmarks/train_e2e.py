"""End-to-end training speed: the real train stream -> LogMel on device -> the objective's train step.

    python benchmarks/train_e2e.py [--objectives pixio,lejepa,supervised] [--presets vit_s,vit_b]
        [--dataset synthetic_birdsong --config default --data_dir DIR] [--batch 256] [--steps 20]
        [--bf16] [--remat none] [--peak_tflops X]

Each objective comes from its recipe (`recipes/<objective>_vits.toml`, built
with `birdjepa_keras.train.build` as a run builds it) with the model preset,
dataset and batch size overridden; `vit_tiny` also shrinks the decoder and
projector so a CPU can run it. The step is Keras's own train step, jitted as
the JAX trainer jits it (state donated). Per (objective, preset) it prints:

* `e2e clips/s`: `TrainStream` batches (all waveform augmentations off, as in
  the recipes) put on the device one step ahead, each fed to the step;
* `cached clips/s` and `ratio`: the same step fed by batches already on the
  device, and e2e time / cached time (1.00 = the input pipeline is never the
  limit);
* `LogMel %`: the jitted LogMel forward on a device batch over the step time;
* `TFLOP/step` from the compiled step's XLA cost analysis, and `MFU` = those
  FLOPs per second over the device's dense bf16 peak (H100/H200 SXM: 989
  TFLOP/s; `--peak_tflops` for others; n/a on a CPU unless given).
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Dense bf16 peak, TFLOP/s, by a substring of `jax.Device.device_kind` (vendor datasheets, SXM parts).
PEAK_BF16_TFLOPS = {"H100": 989.0, "H200": 989.0}
# Presets small enough for a CPU: the objective's heads shrink with the encoder.
TINY_OVERRIDES = [
    "objective.pixio.decoder_dim=32", "objective.pixio.decoder_depth=1", "objective.pixio.decoder_heads=2",
    "objective.lejepa.n_local=2", "objective.lejepa.proj_hidden=[64, 64]", "objective.lejepa.proj_dim=16",
    "objective.lejepa.n_directions=16",
]
COLUMNS = ["objective", "preset", "precision", "batch", "e2e clips/s", "cached clips/s", "ratio", "step ms",
           "LogMel ms", "LogMel %", "TFLOP/step", "MFU"]


def peak_tflops(device, given):
    if given:
        return given
    for key, value in PEAK_BF16_TFLOPS.items():
        if key in device.device_kind:
            return value
    return None


def load(objective, preset, args):
    from birdjepa_keras.config import load_recipe

    overrides = [f"model.preset={preset!r}", f"data.dataset={args.dataset!r}", f"data.config={args.config!r}",
                 f"data.data_dir={args.data_dir!r}", f"data.batch_size={args.batch}", f"train.remat={args.remat!r}",
                 f"data.clip_seconds={args.seconds}"]
    overrides += TINY_OVERRIDES if preset == "vit_tiny" else []
    recipe, _ = load_recipe(REPO / "recipes" / f"{objective}_vits.toml", overrides)
    return recipe


def build_model(recipe, num_classes, sample_rate):
    """Frontend and compiled objective, as `birdjepa_keras.train.run` builds them."""
    import keras
    import numpy as np

    from birdjepa_keras.models.build import make_encoder, make_frontend
    from birdjepa_keras.train import build

    keras.utils.set_random_seed(recipe.run.seed)
    d, t = recipe.data, recipe.train
    frontend = make_frontend(recipe.frontend, sample_rate, augment=d.augment, seed=recipe.run.seed)
    encoder = make_encoder(recipe.model, recipe.frontend, remat=t.remat, parametrization=recipe.parametrization)
    model = build.make_objective(recipe, frontend, encoder, num_classes=num_classes)
    optimizer = build.make_optimizer(recipe.optimizer, recipe.schedule, t.steps, mup=build.mup_spec(recipe))
    model.compile(optimizer=build.add_online_probe_optimizer(optimizer, recipe.objective.online_probe))
    model(np.zeros((1, d.clip_samples), "float32"))
    build.init_parametrization(recipe, model)
    model.optimizer.build(model.trainable_variables)
    return frontend, model


def timed(fn, steps):
    """Seconds per call of fn() over `steps` calls; fn returns something to block on."""
    import jax

    for _ in range(3):  # warm: the step's second call may compile again (its state now comes from the step)
        jax.block_until_ready(fn())
    t = time.perf_counter()
    out = None
    for _ in range(steps):
        out = fn()
    jax.block_until_ready(out)
    return (time.perf_counter() - t) / steps


def measure(objective, preset, args, builder, info, device, peak):
    import jax

    from birdjepa_keras.data import pipeline

    recipe = load(objective, preset, args)
    d = recipe.data
    frontend, model = build_model(recipe, info.num_classes, info.sample_rate)
    step = jax.jit(model.train_step, donate_argnums=0)  # as keras/src/backend/jax/trainer.py jits it
    state = [model._get_jax_state(trainable_variables=True, non_trainable_variables=True, optimizer_variables=True,
                                  metrics_variables=True)]
    stream = pipeline.TrainStream(builder, d.train_split, clip_samples=d.clip_samples, batch_size=d.batch_size,
                                  num_classes=info.num_classes, seed=recipe.run.seed, augment=None)
    batches = stream.dataset().as_numpy_iterator()
    put = lambda batch: jax.device_put((batch[0], batch[1], None), device)  # noqa: E731

    first = put(next(batches))
    compiled = step.lower(state[0], first).compile()
    flops = compiled.cost_analysis()
    flops = (flops[0] if isinstance(flops, (list, tuple)) else flops).get("flops", 0.0)

    def run(data):
        logs, state[0] = step(state[0], data)
        return logs

    # Device-resident batches: the step alone.
    cached = [first] + [put(next(batches)) for _ in range(3)]
    i = [0]

    def cached_step():
        i[0] += 1
        return run(cached[i[0] % len(cached)])

    t_cached = timed(cached_step, args.steps)
    # The stream: each batch put on the device one step ahead (as a training loop prefetches).
    ahead = [put(next(batches))]

    def e2e_step():
        data = ahead.pop()
        ahead.append(put(next(batches)))
        return run(data)

    t_e2e = timed(e2e_step, args.steps)
    logmel = jax.jit(lambda wave_bs: frontend(wave_bs, training=False))
    t_mel = timed(lambda: logmel(cached[0][0]), args.steps)
    tflop = flops / 1e12
    mfu = f"{tflop / t_cached / peak:.1%}" if peak and flops else "n/a"
    b = d.batch_size
    return [objective, preset, "bf16" if args.bf16 else "fp32", b, f"{b / t_e2e:.1f}", f"{b / t_cached:.1f}",
            f"{t_e2e / t_cached:.3f}", f"{1e3 * t_cached:.1f}", f"{1e3 * t_mel:.1f}", f"{t_mel / t_cached:.1%}",
            f"{tflop:.4g}", mfu]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--objectives", default="pixio,lejepa,supervised")
    p.add_argument("--presets", default="vit_s,vit_b")
    p.add_argument("--dataset", default="synthetic_birdsong")
    p.add_argument("--config", default="default")
    p.add_argument("--data_dir", default="")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--seconds", type=float, default=5.0, help="clip length (data.clip_seconds)")
    p.add_argument("--bf16", action="store_true", help="keras mixed_bfloat16 policy")
    p.add_argument("--remat", default="none", help="train.remat: none, full, activations, larger_than")
    p.add_argument("--peak_tflops", type=float, default=0.0, help="dense bf16 peak of the device, TFLOP/s")
    args = p.parse_args()

    import jax
    import keras

    import tfds_builders
    from birdjepa_keras.data import pipeline

    if args.bf16:
        keras.mixed_precision.set_global_policy("mixed_bfloat16")
    device = jax.devices()[0]
    peak = peak_tflops(device, args.peak_tflops)
    builder = tfds_builders.ensure_prepared(tfds_builders.get_builder(args.dataset, args.config, args.data_dir))
    info = pipeline.split_info(builder, "train")
    print(f"device={device.device_kind} ({device.platform}, {jax.device_count()} device(s)) "
          f"peak_bf16={f'{peak:g} TFLOP/s' if peak else 'n/a'} dataset={builder.info.full_name} "
          f"host_cores={len(os.sched_getaffinity(0))} jax={jax.__version__} keras={keras.__version__} "
          f"steps={args.steps} remat={args.remat}", flush=True)
    print(" | ".join(COLUMNS), flush=True)
    for preset in args.presets.split(","):
        for objective in args.objectives.split(","):
            row = measure(objective, preset, args, builder, info, device, peak)
            print(" | ".join(str(v) for v in row), flush=True)
            keras.backend.clear_session()


if __name__ == "__main__":
    main()
