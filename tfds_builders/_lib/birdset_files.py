"""BirdSet's files: which tar.gz shards and parquets make up a set, found locally or fetched from the hub.

Layout of the dataset repo's `data` revision (github DBD-research-group/BirdSet,
loading script `BirdSet.py` v0.0.4): one folder per set, `XCM/XCM_shard_0001.tar.gz ...`
+ `XCM/XCM_metadata.parquet` (XCM, XCL), and `<SET>/<SET>_train_shard_NNNN.tar.gz`,
`<SET>_test5s_shard_NNNN.tar.gz`, `<SET>_test_shard_NNNN.tar.gz` +
`<SET>_metadata_{train,test_5s,test}.parquet` for the eight soundscape sets.
XCM/XCL validate on POW's 5 s test segments (`valid` split).
"""

import dataclasses
import importlib
import logging
import os

SAMPLE_RATE = 32000
HUB_REPO = "DBD-research-group/BirdSet"
HUB_REVISION = "data"
TEST_SETS = ("POW", "PER", "NES", "UHH", "HSN", "NBP", "SSW", "SNE")
XC_SETS = ("XCM", "XCL")
ALL_SETS = XC_SETS + TEST_SETS
VALID_SET = "POW"  # XCM / XCL validate on POW's 5 s segments, as upstream does.

# Upstream counts (dataset card): train recordings, test_5s segments, download size (GB).
UPSTREAM_COUNTS = {
    "PER": dict(train=16802, test_5s=15120, gb=10.5),
    "NES": dict(train=16117, test_5s=24480, gb=14.2),
    "UHH": dict(train=3626, test_5s=36637, gb=4.92),
    "HSN": dict(train=5460, test_5s=12000, gb=5.92),
    "NBP": dict(train=24327, test_5s=563, gb=29.9),
    "POW": dict(train=14911, test_5s=4560, gb=15.7),
    "SSW": dict(train=28403, test_5s=205200, gb=35.2),
    "SNE": dict(train=19390, test_5s=23756, gb=20.8),
    "XCM": dict(train=89798, gb=89.3),
    "XCL": dict(train=528434, gb=484.0),
}


# --- which files make up a set -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SplitFiles:
    """One split's inputs: tar.gz shards of audio and the parquet that describes them."""

    split: str
    kind: str  # "train" (focal recordings), "segments" (5 s test clips) or "full" (whole soundscapes)
    label_set: str  # whose label list the parquet's integer labels index
    shards: tuple
    metadata: str


OPTIONAL_SPLITS = ("valid", "test_full")  # built when their files are there, else left out with a note


def split_patterns(set_name):
    """{split: (kind, label_set, shard glob, metadata path)}, relative to the `data` revision root."""
    s = set_name
    if s in XC_SETS:
        v = VALID_SET
        return {
            "train": ("train", s, f"{s}/{s}_shard_*.tar.gz", f"{s}/{s}_metadata.parquet"),
            "valid": ("segments", v, f"{v}/{v}_test5s_shard_*.tar.gz", f"{v}/{v}_metadata_test_5s.parquet"),
        }
    assert s in TEST_SETS, f"unknown BirdSet set {s!r}; one of {ALL_SETS}"
    return {
        "train": ("train", s, f"{s}/{s}_train_shard_*.tar.gz", f"{s}/{s}_metadata_train.parquet"),
        "test": ("segments", s, f"{s}/{s}_test5s_shard_*.tar.gz", f"{s}/{s}_metadata_test_5s.parquet"),
        # upstream's `test` split: whole soundscapes, one metadata row per annotation
        "test_full": ("full", s, f"{s}/{s}_test_shard_*.tar.gz", f"{s}/{s}_metadata_test.parquet"),
    }


def _glob(root, pattern):
    from etils import epath

    folder, name = pattern.rsplit("/", 1)
    return sorted(os.fspath(p) for p in epath.Path(root).joinpath(folder).glob(name))


def local_root(path, set_name):
    """The folder holding `<SET>/...` for `path` = that folder or its `<SET>` subfolder; else None."""
    from etils import epath

    if not path:
        return None
    path = epath.Path(path)
    for root in (path, path.parent):
        train = split_patterns(set_name)["train"]
        if _glob(root, train[2]) and root.joinpath(train[3]).exists():
            return root
    return None


def find_files(root, set_name):
    """{split: SplitFiles} under `root` (the `data` revision layout).

    Optional splits (`valid` of XCM/XCL = POW's test_5s, `test_full`) are left
    out, with a returned note, when their files are absent.
    """
    from etils import epath

    files, notes = {}, []
    for split, (kind, label_set, shard_glob, meta) in split_patterns(set_name).items():
        shards = _glob(root, shard_glob)
        meta_path = os.fspath(root) + "/" + meta
        if not shards or not epath.Path(meta_path).exists():
            if split in OPTIONAL_SPLITS:
                notes.append(f"no {shard_glob} + {meta} under {root}: building without the `{split}` split")
                continue
            raise FileNotFoundError(f"{root}: missing {shard_glob} or {meta}")
        files[split] = SplitFiles(split, kind, label_set, tuple(shards), meta_path)
    return files, notes


# --- source (b'): the Hugging Face hub copy, used only when there is no local copy -----


def _hub_unreachable_errors():
    """What the hub client raises when the hub does not answer: OSError (HTTP status errors,
    offline mode, `requests` errors) and the transport errors of its HTTP library
    (httpx, or httpx2 in huggingface_hub 2.x, whose errors are not OSErrors)."""
    import importlib.util

    errors = [OSError]
    for name in ("httpx2", "httpx"):
        if importlib.util.find_spec(name) is not None:
            errors.append(importlib.import_module(name).TransportError)
    return tuple(errors)


def hub_reachable(timeout_s=10.0):
    """True if the hub answers (and HF_HUB_OFFLINE is not set); logs one line when it does not."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    import huggingface_hub

    try:
        huggingface_hub.HfApi().dataset_info(HUB_REPO, revision=HUB_REVISION, timeout=timeout_s)
    except _hub_unreachable_errors() as e:  # offline, DNS failure, proxy, rate limit: no hub
        logging.getLogger(__name__).warning("hub %s not reachable (%s: %s): local files only",
                                            HUB_REPO, type(e).__name__, str(e).splitlines()[0][:160] if str(e) else "")
        return False
    return True


def download_from_hub(set_name, target_dir):
    """Fetch the set's shards and parquet files (the `data` revision layout) into target_dir."""
    import fnmatch

    import huggingface_hub

    patterns = [p for _, _, shard, meta in split_patterns(set_name).values() for p in (shard, meta)]
    api = huggingface_hub.HfApi()
    names = api.list_repo_files(HUB_REPO, repo_type="dataset", revision=HUB_REVISION)
    wanted = [n for n in names if any(fnmatch.fnmatch(n, p) for p in patterns)]
    for name in wanted:
        huggingface_hub.hf_hub_download(HUB_REPO, name, repo_type="dataset", revision=HUB_REVISION,
                                        local_dir=os.fspath(target_dir))
    return target_dir
