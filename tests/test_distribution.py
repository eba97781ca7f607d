"""DataParallel over 4 fake CPU devices trains like 1 device for the same global batch."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import numpy as np, keras, birdjepa_keras
    from birdjepa_keras.config import DistributionConfig
    from birdjepa_keras.train.distribute import setup_distribution
    from tests.test_pixio import _tiny_pixio
    n = setup_distribution(DistributionConfig(kind=sys.argv[1]), 8)
    keras.utils.set_random_seed(0)
    model = _tiny_pixio()
    model.compile(optimizer=keras.optimizers.AdamW(3e-3))
    rng = np.random.default_rng(0)
    x = np.kron(rng.normal(size=(64, 4, 4)), np.ones((4, 4))).reshape(64, 256).astype("float32")
    losses = []
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: losses.append(float(logs["loss"])))
    model.fit(x, epochs=2, batch_size=8, shuffle=False, callbacks=[cb], verbose=0)
    import jax
    print(json.dumps({"devices": n, "jax_devices": jax.device_count(), "losses": losses}))
    """
)


def _run(kind, n_devices):
    env = {
        **os.environ,
        "KERAS_BACKEND": "jax",
        "XLA_FLAGS": f"--xla_force_host_platform_device_count={n_devices}",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    proc = subprocess.run([sys.executable, "-c", SCRIPT, kind], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_data_parallel_matches_single_device():
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        pytest.skip("keras.distribution is JAX-only")
    one = _run("none", 1)
    four = _run("data_parallel", 4)
    assert one["jax_devices"] == 1 and four["devices"] == four["jax_devices"] == 4
    assert len(one["losses"]) == len(four["losses"]) == 16
    np.testing.assert_allclose(four["losses"], one["losses"], rtol=2e-4)
    assert four["losses"][-1] < four["losses"][0]  # it trains
