"""Recipe parsing: TOML tables checked against frozen dataclasses, and written back.

Every key is checked against the schema: an unknown key, a wrong type or a bad
value raises `ConfigError` naming the dotted key; `load_recipe` prefixes the file.
"""

import dataclasses
import types
import typing
import warnings
from typing import Literal

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

import tomli_w


class ConfigError(ValueError):
    """A recipe problem, already phrased as `file: key: what is wrong`."""


def _check(cond, key, msg):
    if not cond:
        raise ConfigError(f"{key}: {msg}")


def _type_name(tp):
    return getattr(tp, "__name__", str(tp))


def _coerce(value, tp, key):
    """Check `value` against annotation `tp`; return it converted (lists -> tuples)."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        _check(isinstance(value, dict), key, f"expected a table, got {type(value).__name__}")
        return _parse(tp, value, key)
    if origin is Literal:
        choices = typing.get_args(tp)
        _check(value in choices, key, f"must be one of {list(choices)}, got {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], key)
    if origin is tuple:
        args = typing.get_args(tp)
        _check(isinstance(value, (list, tuple)), key, f"expected a list, got {type(value).__name__} {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(v, args[0], f"{key}[{i}]") for i, v in enumerate(value))
        _check(len(value) == len(args), key, f"expected {len(args)} values, got {len(value)}")
        return tuple(_coerce(v, a, f"{key}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        _check(ok, key, f"expected a number, got {type(value).__name__} {value!r}")
        return float(value)
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        _check(ok, key, f"expected an integer, got {type(value).__name__} {value!r}")
        return value
    if tp in (bool, str):
        _check(isinstance(value, tp), key, f"expected {_type_name(tp)}, got {type(value).__name__} {value!r}")
        return value
    raise TypeError(f"unsupported schema type {tp} at {key}")


# Keys older recipes set that no longer do anything: accepted, ignored, warned about once
# per recipe (an old recipe still runs and says what changed); any other unknown key fails.
RETIRED_KEYS = {
    "data.shuffle_buffer": "the train stream permutes the whole split each epoch",
}


def _parse(cls, table, prefix):
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for k, v in table.items():
        where = f"{prefix}.{k}" if prefix else k
        if k not in names and where in RETIRED_KEYS:
            warnings.warn(f"{where}: ignored, no longer used ({RETIRED_KEYS[where]}); delete it", stacklevel=2)
            continue
        if k not in names:
            raise ConfigError(f"{where}: unknown key (known: {', '.join(sorted(names))})")
        kwargs[k] = _coerce(v, hints[k], where)
    obj = cls(**kwargs)
    if hasattr(obj, "validate"):
        obj.validate(prefix)
    return obj


def _set_dotted(table, dotted, value):
    parts = dotted.split(".")
    node = table
    for p in parts[:-1]:
        node = node.setdefault(p, {})
        if not isinstance(node, dict):
            raise ConfigError(f"{dotted}: --set target {p!r} is not a table")
    node[parts[-1]] = value


def parse_override(text):
    """`key.path=value` -> (key.path, value); value read as TOML, else as a string."""
    if "=" not in text:
        raise ConfigError(f"--set {text!r}: expected key=value")
    key, raw = text.split("=", 1)
    key = key.strip()
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key, value



def to_table(obj):
    """A dataclass tree as plain TOML-ready data (tuples as lists, tuples of tables as lists of dicts)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_table(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [to_table(v) for v in obj]
    return obj


def dump_toml(table):
    """A recipe table (`to_table`) as TOML text, through `tomli_w`; a list of tables becomes [[array]] tables."""
    return tomli_w.dumps(table).rstrip("\n")
