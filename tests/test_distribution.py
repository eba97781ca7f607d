"""DataParallel over 4 fake CPU devices trains like 1 device for the same global batch.

The 4-device run needs its own process (XLA's host device count is fixed when JAX starts); the
1-device reference trains in this process while that one runs (each is mostly single-threaded
imports and compiles, so the two overlap on a 2-core machine).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]


def train(kind):
    """Two epochs of a tiny Pixio on a fixed batch order: {"devices", "jax_devices", "losses" (16 steps)}."""
    import jax
    import keras

    from birdjepa_keras.config import DistributionConfig
    from birdjepa_keras.train.distribute import setup_distribution
    from tests.test_pixio import _tiny_pixio

    n = setup_distribution(DistributionConfig(kind=kind), 8)
    keras.utils.set_random_seed(0)
    model = _tiny_pixio()
    model.compile(optimizer=keras.optimizers.AdamW(3e-3))
    rng = np.random.default_rng(0)
    x = np.kron(rng.normal(size=(64, 4, 4)), np.ones((4, 4))).reshape(64, 256).astype("float32")
    losses = []
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: losses.append(float(logs["loss"])))
    model.fit(x, epochs=2, batch_size=8, shuffle=False, callbacks=[cb], verbose=0)
    return {"devices": n, "jax_devices": jax.device_count(), "losses": losses}


SCRIPT = "import json, sys; from tests.test_distribution import train; print(json.dumps(train(sys.argv[1])))"


def test_data_parallel_matches_single_device():
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        pytest.skip("keras.distribution is JAX-only")
    env = {
        **os.environ,
        "KERAS_BACKEND": "jax",
        "XLA_FLAGS": "--xla_force_host_platform_device_count=4",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, "data_parallel"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        one = train("none")  # this process: one CPU device
    finally:
        stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr[-3000:]
    four = json.loads(stdout.strip().splitlines()[-1])
    assert one["jax_devices"] == 1 and four["devices"] == four["jax_devices"] == 4
    assert len(one["losses"]) == len(four["losses"]) == 16
    np.testing.assert_allclose(four["losses"], one["losses"], rtol=2e-4)
    assert four["losses"][-1] < four["losses"][0]  # it trains
