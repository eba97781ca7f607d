"""The BirdSet fixture copy and in-process TFDS builds, shared by the BirdSet test modules.

test_birdset_formats.py (metadata, label cells, decoding, window rules), test_birdset_builders.py
(the builders) and test_birdset_cli.py (the `tfds` CLI and Beam) read one fixture copy
(tests/fixtures/birdset_fixtures.py), written once per test session into a tmp dir. The
fixtures here reach every test module through `pytest_plugins` in tests/conftest.py;
`offline_one_worker` is not autouse: a module asks for it with `pytest.mark.usefixtures`.
"""

from pathlib import Path

import pytest

from tests.fixtures import birdset_fixtures as fx

REPO = Path(__file__).resolve().parents[1]
SR = 32000
UPSTREAM_CLASSES = {"POW": 48, "PER": 132, "NES": 89, "UHH": 27, "HSN": 21, "NBP": 51, "SSW": 81, "SNE": 56,
                    "XCM": 411, "XCL": 9736}



@pytest.fixture(scope="session")
def birdset_root(tmp_path_factory):
    """(root, what a faithful reader must find) of the fixture copy."""
    root = tmp_path_factory.mktemp("birdset_src")
    return root, fx.make_birdset(root)


@pytest.fixture
def offline_one_worker(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("BIRDJEPA_BUILD_WORKERS", "1")


def build(name, data_dir, manual_dir, **download_kwargs):
    import tensorflow_datasets as tfds

    import tfds_builders  # noqa: F401

    builder = tfds.builder(name, data_dir=str(data_dir))
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(
        manual_dir=str(manual_dir), **download_kwargs))
    return builder


def examples(builder, split):
    """{(file, parquet row; None for test_full): example}."""
    import tensorflow_datasets as tfds

    out = {}
    for ex in tfds.as_numpy(builder.as_dataset(split=split)):
        row = int(ex["row"])
        out[(ex["recording_id"].decode(), None if row < 0 else row)] = ex
    return out
