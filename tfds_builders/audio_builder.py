"""Shared TFDS machinery for the decoded-audio builders (BirdSet, BEANS).

* Local builds (no Beam flags) decode on all cores through worker processes
  (`tfds_builders._lib.build_engine.run_local`; $BIRDJEPA_BUILD_WORKERS caps
  them) and write with TFDS's disk-backed shuffler, so memory stays flat.
* With `--beam_pipeline_options=...` (or a `beam_runner`) the same work units
  run as an Apache Beam transform: DirectRunner multi-processing locally, or
  Dataflow / Flink / Spark unchanged.
* Unusable inputs (undecodable, empty, truncated) are skipped; their count and
  list land in `info.metadata["num_skipped"]` / `["skipped_files"]`.
"""

import os
import shutil

import tensorflow_datasets as tfds
from absl import logging

from tfds_builders._lib import build_engine


class AudioBuilder(tfds.core.GeneratorBasedBuilder, skip_registration=True):
    """Base class: subclasses return `self._generate_examples(split, units, fn, spec)` per split."""

    _use_beam = False

    def _skip_dir(self):
        return self.data_path / "_skipped"

    def _download_and_prepare(self, dl_manager, download_config):
        self._use_beam = download_config.beam_runner is not None or download_config.beam_options is not None
        self._skipped = []
        super()._download_and_prepare(dl_manager, download_config)
        skipped = self._skipped + build_engine.read_skips(os.fspath(self._skip_dir() / "*"))
        if self._skip_dir().exists():
            shutil.rmtree(os.fspath(self._skip_dir()), ignore_errors=True)
        skipped.sort(key=lambda r: (r["split"], r["file"]))
        self.info.metadata["num_skipped"] = len(skipped)
        self.info.metadata["skipped_files"] = skipped
        if skipped:
            logging.warning("%s: skipped %d unusable audio files (listed in metadata.json), e.g. %s",
                            self.info.full_name, len(skipped), skipped[0]["reason"])

    def _generate_examples(self, split, units, fn, spec):
        """A generator (local processes) or a Beam PTransform over the work units."""
        if self._use_beam:
            self._skip_dir().mkdir(parents=True, exist_ok=True)
            return build_engine.beam_transform(units, fn, spec, skip_prefix=os.fspath(self._skip_dir() / split),
                                               name=split)
        return build_engine.run_local(units, fn, spec, on_skip=self._skipped.append)

    @staticmethod
    def _manual_dir(dl_manager):
        """The --manual_dir (default <data_dir>/downloads/manual) if it exists and is non-empty, else None."""
        try:
            return dl_manager.manual_dir
        except (AssertionError, ValueError):
            return None

    @staticmethod
    def _manual_dir_path(dl_manager):
        return getattr(dl_manager, "_manual_dir", None)
