"""`birdjepa-run RECIPE`: pretrain, export the encoder, probe it against random init."""

import os
import time

import keras
import numpy as np

from birdjepa_keras.config import dump_toml, to_table
from birdjepa_keras.config.benchmark import LinearProbeConfig, ProbesConfig
from birdjepa_keras.models import build as mbuild
from birdjepa_keras.models.audio_encoder import build_audio_encoder
from birdjepa_keras.train import build
from birdjepa_keras.train.callbacks import StepLog, StopOnNonFiniteLoss, WandbLogger, plot_losses
from birdjepa_keras.train.checkpoint import CheckpointManager
from birdjepa_keras.train.distribute import process_index_count, setup_distribution


def _datasets(recipe):
    from birdjepa_keras.data import pipeline
    import tfds_builders

    d = recipe.data
    sampling = to_table(d.birdset)
    builder = tfds_builders.get_builder(d.dataset, d.config, d.data_dir, birdset=sampling)
    builder = tfds_builders.ensure_prepared(builder, d.build_if_missing)
    # Every split the run reads, checked before pretraining: a missing one must not end a long run.
    op, p = recipe.objective.online_probe, recipe.probe
    wanted = [("data.train_split", d.train_split)]
    wanted += [("objective.online_probe.eval_split", op.eval_split)] if op.enabled and op.eval_split else []
    wanted += [("data.valid_split", d.valid_split), ("data.test_split", d.test_split)] if p.enabled else []
    for key, split in wanted:
        if split not in builder.info.splits:
            raise FileNotFoundError(f"{key} = {split!r}: {builder.info.full_name} has no such split "
                                    f"(has {', '.join(builder.info.splits)})")
    info = pipeline.split_info(builder, d.train_split)
    if info.sample_rate != d.sample_rate:
        raise ValueError(f"data.sample_rate is {d.sample_rate} but {builder.info.full_name} stores {info.sample_rate} Hz")
    return pipeline, builder, info


def _build_model(recipe, info):
    """Frontend, encoder and compiled objective, built so every variable exists."""
    keras.utils.set_random_seed(recipe.run.seed)
    d, t = recipe.data, recipe.train
    frontend = mbuild.make_frontend(recipe.frontend, d.sample_rate, augment=d.augment, seed=recipe.run.seed)
    encoder = mbuild.make_encoder(recipe.model, recipe.frontend, remat=t.remat, parametrization=recipe.parametrization)
    model = build.make_objective(recipe, frontend, encoder, num_classes=info.num_classes)
    optimizer = build.make_optimizer(recipe.optimizer, recipe.schedule, t.steps, mup=build.mup_spec(recipe))
    model.compile(optimizer=build.add_online_probe_optimizer(optimizer, recipe.objective.online_probe))
    # Build weights and optimizer slots now so a checkpoint can be restored into them.
    wave = np.zeros((1, d.clip_samples), "float32")
    model(wave)
    build.init_parametrization(recipe, model)  # muP init; a restored checkpoint overwrites it
    model.optimizer.build(model.trainable_variables)
    return frontend, encoder, model


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


def _train_stream(recipe, pipeline, builder, info, step, host, n_hosts):
    """This host's training stream, positioned after `step` global batches."""
    d = recipe.data
    # Multi-host: every host reads its own shard and feeds its share of the global batch.
    local_batch = d.batch_size // n_hosts
    # The stream is a function of (seed, position): starting at the consumed position restores it.
    return pipeline.TrainStream(
        builder,
        d.train_split,
        clip_samples=d.clip_samples,
        batch_size=local_batch,
        num_classes=info.num_classes,
        seed=recipe.run.seed,
        augment=d.augment,
        balance_classes=d.balance_classes,
        balance_power=d.balance_power,
        shard_index=host,
        num_shards=n_hosts,
        position=step * local_batch,
    )


def pretrain(recipe, run_dir, pipeline, builder, info, extra_callbacks=()):
    """Fit the objective, resuming from the newest checkpoint; returns (frontend, encoder).

    A Keras epoch is `train.steps_per_epoch` steps and ends with a checkpoint
    (Orbax: weights, optimizer slots and step, RNG state; JSON beside it: epoch,
    data position), so a killed run rerun with the same command continues
    exactly where it stopped.
    """
    t = recipe.train
    frontend, encoder, model = _build_model(recipe, info)
    manager = CheckpointManager(os.path.join(run_dir, "checkpoints"), keep=t.keep_checkpoints)
    epochs = -(-t.steps // t.steps_per_epoch)
    initial_epoch, restored = 0, {}
    latest = manager.latest() if t.resume else None
    if latest:
        restored = manager.restore(model, latest)
        initial_epoch = int(restored["epoch"])
        print(f"Resuming from {latest} (epoch {initial_epoch}/{epochs})")
    spe = t.steps_per_epoch
    host, n_hosts = process_index_count()
    if t.checkpoint and host == 0:  # steps after the resume point belong to the abandoned run
        manager.discard_after(initial_epoch * spe)
    stream = _train_stream(recipe, pipeline, builder, info, initial_epoch * spe, host, n_hosts)
    if "data" in restored and n_hosts == 1:
        stream.restore(restored["data"])  # also refuses a checkpoint from a stream with other settings
    train_ds = stream.dataset()
    callbacks = [StopOnNonFiniteLoss(spe, manager)]
    if host == 0:  # one writer of logs and checkpoints (variables are replicated)
        callbacks.append(StepLog(os.path.join(run_dir, "train_steps.csv"), spe, resume_step=initial_epoch * spe))
    if t.checkpoint:  # Orbax saves on every host; the JSON beside it is host 0's
        data_state = lambda done: {"data": stream.state((done - initial_epoch) * spe)}  # noqa: E731
        callbacks += manager.callbacks(spe, state_fn=data_state, write_state=host == 0)
    probe_eval = _online_probe_eval(recipe, run_dir, pipeline, builder, info)
    if probe_eval is not None:
        callbacks.insert(0, probe_eval)  # first, so loggers see its val_probe_* keys
    if recipe.logging.wandb and host == 0:
        lg = recipe.logging
        callbacks.append(
            WandbLogger(spe, lg.wandb_project, recipe.run.name, lg.wandb_tags, to_table(recipe), run_dir, lg.wandb_every)
        )
    callbacks += list(extra_callbacks)
    if initial_epoch < epochs:
        print(f"Pretraining {recipe.objective.kind} for {t.steps} steps ({epochs} epochs of {spe}); "
              f"encoder parameters: {encoder.count_params():,}")
        model.fit(
            train_ds,
            epochs=epochs,
            initial_epoch=initial_epoch,
            steps_per_epoch=spe,
            callbacks=callbacks,
            shuffle=False,  # the tf.data stream is already shuffled
            verbose=recipe.logging.verbose,
        )
    return frontend, encoder


def linear_probe_args(p):
    """`train.evaluate.probe_encoder`'s keywords from the recipe's [probe] (the training edge).

    The benchmark's linear probe (one harness): constant-lr AdamW, z-scored features,
    early stopping on the validation loss with the best epoch's weights, no few-shot repeats.
    """
    linear = LinearProbeConfig(
        epochs=p.epochs, batch_size=p.batch_size, learning_rate=p.learning_rate,
        weight_decay=p.weight_decay, patience=p.patience, min_epoch_examples=0,
    )  # fmt: skip
    return {"poolings": tuple(p.poolings) or (p.pooling,), **ProbesConfig(linear=linear).kwargs_for("linear")}


def run(recipe, extra_callbacks=()):
    """Run a whole recipe; returns the list of probe result rows (may be empty).

    `extra_callbacks` join pretraining's `fit` (e.g. the sweep runner's timer). Keras's global
    dtype policy and distribution are the recipe's during the run and restored after it, so a
    caller's later models (a notebook, a test, the next sweep cell) are not silently in bf16 or
    data-parallel.
    """
    policy, distribution = keras.config.dtype_policy(), keras.distribution.distribution()
    try:
        return _run(recipe, extra_callbacks)
    finally:
        keras.config.set_dtype_policy(policy)
        keras.distribution.set_distribution(distribution)


def _run(recipe, extra_callbacks):
    from birdjepa_keras.train.evaluate import format_table, probe_encoder, write_results

    started = time.time()
    run_dir = recipe.run.dir
    os.makedirs(run_dir, exist_ok=True)
    with open(os.path.join(run_dir, "recipe.toml"), "w") as f:
        f.write(dump_toml(to_table(recipe)) + "\n")

    pipeline, builder, info = _datasets(recipe)
    n_devices = setup_distribution(recipe.distribution, recipe.data.batch_size)
    if n_devices > 1:
        print(f"Data parallel over {n_devices} devices")
    keras.config.set_dtype_policy(recipe.train.precision)
    frontend, encoder = pretrain(recipe, run_dir, pipeline, builder, info, extra_callbacks)
    plot_losses(run_dir)

    d, p = recipe.data, recipe.probe
    exported = build_audio_encoder(mbuild.inference_frontend(frontend), encoder, d.clip_samples, pooling=p.pooling)
    encoder_path = os.path.join(run_dir, "encoder.keras")
    exported.save(encoder_path)
    print(f"saved {encoder_path}")
    # keras-hub (and TensorFlow with it) is imported here only: `import birdjepa_keras` stays light.
    from birdjepa_keras.models.backbone import BirdJepaBackbone

    preset_dir = os.path.join(run_dir, "preset")
    BirdJepaBackbone.from_layers(frontend, encoder, d.clip_samples).save_to_preset(preset_dir)
    print(f"saved {preset_dir} (keras_hub.models.Backbone.from_preset)")

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
            rand_front = mbuild.make_frontend(recipe.frontend, d.sample_rate, name="logmel_random")
            rand_enc = mbuild.make_encoder(
                recipe.model, recipe.frontend, name="encoder_random", parametrization=recipe.parametrization
            )
            encoders["random_init"] = build_audio_encoder(rand_front, rand_enc, d.clip_samples, pooling=p.pooling)
        mel_patches = recipe.frontend.n_mels // recipe.model.patch_size[1]
        for name, enc in encoders.items():
            print(f"Probing {name} encoder ...")
            rows.extend(probe_encoder(name, enc, splits, seed=recipe.run.seed, mel_patches=mel_patches, **linear_probe_args(p)))
        write_results(rows, run_dir)
        print("\n" + format_table(rows))
    print(f"\nrun directory: {run_dir}  ({time.time() - started:.0f} s)")
    return rows
