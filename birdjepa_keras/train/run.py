"""`birdjepa-run RECIPE`: pretrain, export the encoder, probe it against random init."""

import os
import time

import keras

from birdjepa_keras.config import dump_toml, to_table
from birdjepa_keras.models.audio_encoder import build_audio_encoder
from birdjepa_keras.train import build


def run_dir_for(recipe):
    return os.path.join(recipe.run.output_dir, recipe.run.name)


def _datasets(recipe):
    from birdjepa_keras.data import pipeline

    d = recipe.data
    builder = pipeline.ensure_prepared(pipeline.get_builder(d.dataset, d.config, d.data_dir), d.build_if_missing)
    info = pipeline.split_info(builder, d.train_split)
    if info.sample_rate != d.sample_rate:
        raise ValueError(f"data.sample_rate is {d.sample_rate} but {builder.info.full_name} stores {info.sample_rate} Hz")
    return pipeline, builder, info


def _online_probe_eval(recipe, run_dir, pipeline, builder, info):
    """Per-epoch held-out cmAP of the online probe (None when off)."""
    from birdjepa_keras.objectives.online_probe import OnlineProbeEval

    op, d = recipe.objective.online_probe, recipe.data
    if not (op.enabled and op.eval_split):
        return None
    ds = pipeline.eval_dataset(
        builder, op.eval_split, clip_samples=d.clip_samples, batch_size=d.batch_size, num_classes=info.num_classes
    )
    return OnlineProbeEval(ds, op.eval_every, op.eval_max_batches, os.path.join(run_dir, "online_probe.csv"))


def pretrain(recipe, run_dir, pipeline, builder, info):
    """Fit the objective; returns (frontend, encoder, history)."""
    keras.utils.set_random_seed(recipe.run.seed)
    d, t = recipe.data, recipe.train
    frontend = build.make_frontend(recipe.frontend, d.sample_rate)
    encoder = build.make_encoder(recipe.model, recipe.frontend)
    model = build.make_objective(recipe, frontend, encoder, num_classes=info.num_classes)
    model.compile(optimizer=build.make_optimizer(recipe.optimizer, recipe.schedule, t.steps))
    train_ds = pipeline.train_dataset(
        builder,
        d.train_split,
        clip_samples=d.clip_samples,
        batch_size=d.batch_size,
        num_classes=info.num_classes,
        seed=recipe.run.seed,
        shuffle_buffer=d.shuffle_buffer,
    )
    epochs = -(-t.steps // t.steps_per_epoch)
    callbacks = [
        keras.callbacks.CSVLogger(os.path.join(run_dir, "train_log.csv")),
        keras.callbacks.TerminateOnNaN(),
    ]
    probe_eval = _online_probe_eval(recipe, run_dir, pipeline, builder, info)
    if probe_eval is not None:
        callbacks.insert(0, probe_eval)  # first, so loggers see its val_probe_* keys
    if t.checkpoint:
        callbacks.append(
            keras.callbacks.ModelCheckpoint(os.path.join(run_dir, "checkpoint.weights.h5"), save_weights_only=True)
        )
    n_params = encoder.count_params() if encoder.built else 0
    print(f"Pretraining {recipe.objective.kind} for {t.steps} steps ({epochs} epochs of {t.steps_per_epoch})")
    history = model.fit(
        train_ds,
        epochs=epochs,
        steps_per_epoch=t.steps_per_epoch,
        callbacks=callbacks,
        shuffle=False,  # the tf.data stream is already shuffled
        verbose=recipe.logging.verbose,
    )
    print(f"encoder parameters: {n_params or encoder.count_params():,}")
    return frontend, encoder, history


def plot_history(history, run_dir):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(history.history["loss"], marker="o")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")
    fig.tight_layout()
    fig.savefig(os.path.join(run_dir, "loss.png"), dpi=120)
    plt.close(fig)


def run(recipe):
    """Run a whole recipe; returns the list of probe result rows (may be empty)."""
    from birdjepa_keras.train.evaluate import format_table, probe_encoder, write_results

    started = time.time()
    run_dir = run_dir_for(recipe)
    os.makedirs(run_dir, exist_ok=True)
    with open(os.path.join(run_dir, "recipe.toml"), "w") as f:
        f.write(dump_toml(to_table(recipe)) + "\n")

    pipeline, builder, info = _datasets(recipe)
    frontend, encoder, history = pretrain(recipe, run_dir, pipeline, builder, info)
    plot_history(history, run_dir)

    d, p = recipe.data, recipe.probe
    exported = build_audio_encoder(frontend, encoder, d.clip_samples, pooling=p.pooling)
    encoder_path = os.path.join(run_dir, "encoder.keras")
    exported.save(encoder_path)
    print(f"saved {encoder_path}")

    rows = []
    if p.enabled:
        splits = {
            name: pipeline.eval_dataset(
                builder, split, clip_samples=d.clip_samples, batch_size=d.batch_size, num_classes=info.num_classes
            )
            for name, split in (("train", d.train_split), ("valid", d.valid_split), ("test", d.test_split))
        }
        encoders = {"pretrained": exported}
        if p.compare_random_init:
            keras.utils.set_random_seed(recipe.run.seed)
            rand_front = build.make_frontend(recipe.frontend, d.sample_rate, name="logmel_random")
            rand_enc = build.make_encoder(recipe.model, recipe.frontend, name="encoder_random")
            encoders["random_init"] = build_audio_encoder(rand_front, rand_enc, d.clip_samples, pooling=p.pooling)
        for name, enc in encoders.items():
            print(f"Probing {name} encoder ...")
            rows.append(probe_encoder(name, enc, splits, p, recipe.run.seed, verbose=recipe.logging.verbose))
        write_results(rows, run_dir)
        print("\n" + format_table(rows))
    print(f"\nrun directory: {run_dir}  ({time.time() - started:.0f} s)")
    return rows
