"""Linear probe on frozen clip embeddings, with early stopping on a validation split."""

import keras
import numpy as np
import scipy.special


def standardize(x_train_nd, *others):
    """z-score every array with the training features' mean and std."""
    mean = x_train_nd.mean(0, keepdims=True)
    std = x_train_nd.std(0, keepdims=True) + 1e-6
    return [(x - mean) / std for x in (x_train_nd, *others)]


def train_linear_probe(
    x_train_nd,
    y_train_nc,
    x_valid_nd,
    y_valid_nc,
    *,
    multi_label=True,
    epochs=300,
    batch_size=64,
    learning_rate=1e-3,
    weight_decay=0.0,
    patience=20,
    seed=0,
    verbose=0,
    monitor=None,
):
    """Fit a Dense(classes) head; returns (model, history).

    Multi-label uses sigmoid + binary cross-entropy (targets multi-hot),
    single-label softmax + categorical cross-entropy (targets one-hot).
    Training stops when the validation loss has not improved for `patience`
    epochs and the best weights are restored. Feed standardised features.
    `monitor` = (callback, name, mode) selects on another validation
    quantity that `callback` writes into the epoch logs instead.
    """
    keras.utils.set_random_seed(seed)
    n_classes = y_train_nc.shape[1]
    model = keras.Sequential(
        [keras.Input((x_train_nd.shape[1],)), keras.layers.Dense(n_classes, name="probe")], name="linear_probe"
    )
    loss = (
        keras.losses.BinaryCrossentropy(from_logits=True)
        if multi_label
        else keras.losses.CategoricalCrossentropy(from_logits=True)
    )
    model.compile(optimizer=keras.optimizers.AdamW(learning_rate, weight_decay=weight_decay), loss=loss)
    callbacks = [keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)]
    if monitor is not None:
        callback, name, mode = monitor
        callbacks = [callback, keras.callbacks.EarlyStopping(monitor=name, mode=mode, patience=patience, restore_best_weights=True)]
    history = model.fit(
        x_train_nd.astype("float32"),
        y_train_nc.astype("float32"),
        validation_data=(x_valid_nd.astype("float32"), y_valid_nc.astype("float32")),
        epochs=epochs,
        batch_size=batch_size,
        shuffle=True,
        callbacks=callbacks,
        verbose=verbose,
    )
    return model, history


def probabilities(logits_nc, multi_label=True):
    """Sigmoid (multi-label) or softmax over classes of logits, (n, classes) float64."""
    logits_nc = np.asarray(logits_nc, np.float64)
    return scipy.special.expit(logits_nc) if multi_label else scipy.special.softmax(logits_nc, axis=1)


def predict_scores(model, x_nd, multi_label=True):
    """Class probabilities of a fitted probe on features `x_nd`, (n, classes) float64."""
    return probabilities(model.predict(x_nd.astype("float32"), verbose=0), multi_label)
