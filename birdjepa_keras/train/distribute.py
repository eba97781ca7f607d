"""Data parallelism over every local (and multi-host) device through keras.distribution (JAX only)."""

import keras


def setup_distribution(cfg, global_batch):
    """Apply a `DistributionConfig`; returns the number of devices the batch is split over.

    Must run before any model variable is created. Multi-host runs call
    `keras.distribution.initialize` with the recipe's coordinator settings
    first; every host then feeds its own `global_batch / num_processes` rows.
    """
    if cfg.kind == "none":
        return 1
    if keras.backend.backend() != "jax":
        raise ValueError("distribution.kind = 'data_parallel' needs KERAS_BACKEND=jax")
    if cfg.num_processes > 1:
        keras.distribution.initialize(
            job_addresses=cfg.coordinator_address, num_processes=cfg.num_processes, process_id=cfg.process_id
        )
    devices = keras.distribution.list_devices()
    if global_batch % len(devices):
        raise ValueError(f"data.batch_size {global_batch} is not divisible by the {len(devices)} devices")
    # Each host's TrainStream already reads a disjoint shard at batch/num_processes,
    # so Keras must not shard (and re-read) the stream again.
    keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices, auto_shard_dataset=False))
    return len(devices)


def process_index_count():
    """(this process's index, number of processes); (0, 1) off JAX or single-host."""
    if keras.backend.backend() != "jax":
        return 0, 1
    import jax

    return jax.process_index(), jax.process_count()
