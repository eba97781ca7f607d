"""Each training step's own loss in the logs, next to Keras's running epoch mean.

Keras's `logs["loss"]` at a batch end is the mean over the epoch so far, so a
per-step log of it saw-tooths at every epoch boundary and hides the latest
step. The objectives record their loss in a `LastValue` metric as well, which
Keras logs as `step_loss` (and `step_objective_loss`, `step_probe_loss` with
an online probe).
"""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="birdjepa_keras")
class LastValue(keras.metrics.Metric):
    """A metric whose result is the value of its latest update (no averaging).

    Call:
        update_state(value): a scalar.
    """

    def __init__(self, name="last_value", dtype="float32"):
        super().__init__(name=name, dtype=dtype)
        # "mean": replicas of a data-parallel step see the same (already reduced) loss.
        self.last = self.add_variable(shape=(), initializer="zeros", dtype=dtype, aggregation="mean", name="last")

    def update_state(self, value, sample_weight=None):
        self.last.assign(ops.cast(ops.mean(value), self.dtype))

    def result(self):
        # A tensor, not the variable: Keras reads results inside its stateless (JAX) scope.
        return ops.convert_to_tensor(self.last.value)

    def reset_state(self):
        self.last.assign(0.0)
