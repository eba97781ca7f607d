"""BirdSet label lists: eBird codes in upstream index order, read from `birdset_classes.json`.

Source (also in the JSON's "source"): the `id2label` maps in
github.com/DBD-research-group/BirdSet, `resources/ebird_codes/<SET>_ebird_codes.json`
(commit 3420d61e, 2024-11-28), the BirdSet authors' export of the label lists of the
Hugging Face dataset DBD-research-group/BirdSet. Counts: POW 48, PER 132, NES 89,
UHH 27, HSN 21, NBP 51, SSW 81, SNE 56, XCM 411, XCL 9736. Every test set's codes are
in XCM, XCM is the union of the eight test sets, and XCM is inside XCL. Index i of a
set is `CLASSES[set][i]`; map between sets by code string, never by index.
"""

import json
import pathlib

_PATH = pathlib.Path(__file__).with_name("birdset_classes.json")

CLASSES = {name: tuple(codes) for name, codes in json.loads(_PATH.read_text())["classes"].items()}
