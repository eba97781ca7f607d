"""Errors are specific: fallbacks say so in one log line, everything else raises; a missing
dataset source is an ordinary exception that the CLI turns into one line and exit code 2."""

import logging

import numpy as np
import pytest


def test_missing_source_is_an_ordinary_exception():
    from tfds_builders._lib import beans
    from tfds_builders._lib.sources import MissingSourceError

    assert beans.MissingSourceError is MissingSourceError
    assert not issubclass(MissingSourceError, SystemExit)
    try:
        raise MissingSourceError("birdset_hsn: no BirdSet HSN files")
    except Exception as e:  # a caller's `except Exception` catches it (a SystemExit would escape)
        assert isinstance(e, FileNotFoundError)


def test_cli_prints_a_missing_source_as_one_line_and_exits_2(tmp_path, monkeypatch, capsys):
    from birdjepa_keras import cli

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # no hub: the build has nowhere to get HSN from
    recipe = tmp_path / "r.toml"
    recipe.write_text(
        f'[run]\noutput_dir = "{tmp_path / "runs"}"\n'
        f'[data]\ndataset = "birdset_hsn"\ndata_dir = "{tmp_path / "tfds"}"\n'
        '[model]\npreset = "vit_tiny"\n'
    )
    assert cli.main([str(recipe)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("birdjepa-run: error: birdset_hsn") and "no BirdSet HSN files" in err


def test_cli_prints_a_config_error_as_one_line_and_exits_2(tmp_path, capsys):
    from birdjepa_keras import cli

    recipe = tmp_path / "r.toml"
    recipe.write_text("[model]\npreset = \"vit_xxl\"\n")
    assert cli.main([str(recipe)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"{recipe}: model.preset: must be one of" in err


def test_hub_unreachable_is_logged_and_other_errors_raise(monkeypatch, caplog):
    import huggingface_hub

    from tfds_builders._lib import birdset_files

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    transport = birdset_files._hub_unreachable_errors()[-1]  # the HTTP library's transport error

    def offline(*a, **k):
        raise transport("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(huggingface_hub.HfApi, "dataset_info", offline)
    with caplog.at_level(logging.WARNING):
        assert birdset_files.hub_reachable() is False
    assert [r.getMessage() for r in caplog.records if "not reachable" in r.getMessage()]

    def bug(*a, **k):
        raise TypeError("dataset_info() got an unexpected keyword argument")

    monkeypatch.setattr(huggingface_hub.HfApi, "dataset_info", bug)
    with pytest.raises(TypeError):
        birdset_files.hub_reachable()  # a bug is not "offline"


def test_learning_rate_is_read_not_guessed():
    import keras

    from birdjepa_keras.train.callbacks import current_lr

    sched = keras.optimizers.schedules.PiecewiseConstantDecay([2], [0.5, 0.25])
    opt = keras.optimizers.SGD(learning_rate=sched)
    assert current_lr(opt) == pytest.approx(0.5)
    with pytest.raises(AttributeError):
        current_lr(object())  # was NaN in the log


def test_unreadable_header_counts_as_none_and_other_errors_raise():
    from tfds_builders._lib import birdset_check

    assert birdset_check._header_seconds(b"not audio at all, just bytes" * 10) is None
    with pytest.raises(TypeError):
        birdset_check._header_seconds(12345)  # not bytes: a caller's bug


def test_cache_fallbacks_log_one_line(tmp_path, monkeypatch, caplog):
    from birdjepa_keras.data import records

    src = tmp_path / "src.bin"
    src.write_bytes(b"x" * 10)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")  # makedirs fails: OSError
    monkeypatch.setenv("BIRDJEPA_CACHE", str(blocker))
    with caplog.at_level(logging.WARNING):
        out = records._cached("k", str(src), lambda: np.arange(3))
    np.testing.assert_array_equal(out, [0, 1, 2])
    assert sum("not cached" in r.getMessage() for r in caplog.records) == 1

    monkeypatch.setenv("BIRDJEPA_CACHE", str(tmp_path / "ok"))
    records._cached("k", str(src), lambda: np.arange(3))
    (entry,) = (tmp_path / "ok" / "k").iterdir()
    entry.write_bytes(b"damaged")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        np.testing.assert_array_equal(records._cached("k", str(src), lambda: np.arange(3)), [0, 1, 2])
    assert sum("recomputing" in r.getMessage() for r in caplog.records) == 1
