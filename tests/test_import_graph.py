"""The import graph runs one way.

Every module under ``birdjepa_keras/`` and ``tfds_builders/`` is parsed (not imported) and
every ``import``/``from ... import`` statement in it is collected, function-local ones
included. Each module belongs to a *layer*; the declared order, lowest first, is:

    config         schema + parsing; imports no other birdjepa_keras module (a leaf)
    layers         Keras layers
    metrics        metric functions on arrays (used by objectives and the benchmark)
    optim          optimizers, schedules, variable routing, muP math (by variable path:
                   needs no model code, so it sits below models, which use its muP math)
    models         encoders, presets, recipe tables -> frontend/encoder, exported encoders
    objectives     pretraining objectives (keras.Model subclasses)
    data           runtime input: audio decode, tf.data pipeline, synthetic data
    tfds_builders  TFDS builders, their build code, and finding/building a dataset
                   (uses data's decoder and synthetic generator)
    benchmark      probing harness: may use models, data, layers, metrics -- not train
    train          recipe -> objects, fit, checkpoints, evaluation (may use benchmark probes)
    sweeps         a sweep recipe -> cells run through train, their report
    embed          embedding files with an exported encoder
    cli            the edge (may import anything)

An edge from a layer to a *higher* one fails, as does any cycle between modules or
between layers. ``birdjepa_keras/__init__.py`` is the package face and is exempt from the
order (it may re-export), but not from the cycle check.

``python tests/test_import_graph.py`` prints the layer graph (layer -> layers it imports).
"""

from __future__ import annotations

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("birdjepa_keras", "tfds_builders")

ORDER = (
    "config",
    "layers",
    "metrics",
    "optim",
    "models",
    "objectives",
    "data",
    "tfds_builders",
    "benchmark",
    "train",
    "sweeps",
    "embed",
    "cli",
)
RANK = {name: i for i, name in enumerate(ORDER)}


def module_files() -> dict[str, pathlib.Path]:
    """Dotted module name -> file, for every .py under the two packages."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _resolve(importer: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    """Absolute dotted name of a ``from X import ...`` target."""
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not is_pkg:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def module_graph() -> dict[str, set[str]]:
    """Module -> project modules it imports (anywhere in its body)."""
    files = module_files()
    known = set(files)

    def nearest(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for mod, path in files.items():
        is_pkg = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, is_pkg, node)
                # `from pkg import sub` imports the submodule pkg.sub when one exists.
                names = [f"{base}.{a.name}" for a in node.names] + [base]
            else:
                continue
            for name in names:
                if name.split(".")[0] not in PACKAGES:
                    continue
                hit = nearest(name)
                if hit and hit != mod:
                    targets.add(hit)
        # `from pkg import sub` also names pkg; keep only the most specific target.
        graph[mod] = {t for t in targets if not any(o.startswith(t + ".") for o in targets)}
    return graph


def layer_of(mod: str) -> str | None:
    parts = mod.split(".")
    if parts[0] == "tfds_builders":
        return "tfds_builders"
    if len(parts) == 1:
        return None  # birdjepa_keras/__init__.py: the package face
    return parts[1]


def layer_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for mod, targets in graph.items():
        src = layer_of(mod)
        if src is None:
            continue
        for t in targets:
            dst = layer_of(t)
            if dst is not None and dst != src:
                out.setdefault(src, set()).add(dst)
        out.setdefault(src, set())
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a node list (first == last), or None; iterative DFS."""
    colour: dict[str, int] = {}
    for start in sorted(graph):
        if colour.get(start):
            continue
        stack = [(start, iter(sorted(graph.get(start, ()))))]
        path = [start]
        colour[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
                path.pop()
                continue
            if colour.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if not colour.get(nxt):
                colour[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(sorted(graph.get(nxt, ())))))
    return None


def format_layers(graph: dict[str, set[str]]) -> str:
    lg = layer_graph(graph)
    return "\n".join(f"{src} -> {', '.join(sorted(lg[src], key=RANK.get)) or '-'}"
                     for src in sorted(lg, key=lambda s: RANK.get(s, -1)))


# --- the checker itself must catch what it claims to catch -------------------------------


def test_cycle_finder_finds_a_cycle_and_accepts_a_dag():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_relative_and_function_local_imports_are_seen():
    src = "def f():\n    from ..models import vit\n    import birdjepa_keras.layers.rope\n"
    tree = ast.parse(src)
    nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert _resolve("birdjepa_keras.train.run", False, nodes[0]) == "birdjepa_keras.models"
    assert [a.name for a in nodes[1].names] == ["birdjepa_keras.layers.rope"]


def test_every_layer_is_declared():
    layers = set(layer_graph(module_graph()))
    assert layers <= set(ORDER), f"undeclared layers: {sorted(layers - set(ORDER))}"


# --- the project -------------------------------------------------------------------------


def test_no_module_cycle():
    cycle = find_cycle(module_graph())
    assert cycle is None, "module import cycle: " + " -> ".join(cycle)


def test_no_layer_cycle():
    cycle = find_cycle(layer_graph(module_graph()))
    assert cycle is None, "layer import cycle: " + " -> ".join(cycle)


def test_no_upward_edge():
    upward = []
    for mod, targets in module_graph().items():
        src = layer_of(mod)
        if src is None:
            continue
        for t in targets:
            dst = layer_of(t)
            if dst is None or RANK[dst] > RANK[src]:
                upward.append(f"{mod} ({src}) -> {t} ({dst or 'package face'})")
    assert not upward, "imports against the declared order:\n" + "\n".join(sorted(upward))


def test_config_is_a_leaf():
    bad = [(m, sorted(t)) for m, t in module_graph().items()
           if layer_of(m) == "config" and any(layer_of(x) != "config" for x in t)]
    assert not bad, bad


# --- config objects stop at the edges (issue 11, item 2) ----------------------------------
# Recipe dataclasses become keyword arguments in these modules only: the CLI, the training
# and benchmark entry points, and sweeps (which edit recipes). Everything below takes
# explicit arguments. Constant tuples in the config leaf (POOLINGS, PRESETS, BIRDSET_SETS)
# are data and may be imported anywhere.
CONFIG_EDGES = ("birdjepa_keras.cli", "birdjepa_keras.train.run", "birdjepa_keras.benchmark.run", "birdjepa_keras.sweeps")


def _is_config_object(name: str) -> bool:
    return name == "*" or name == "ProbeTraining" or name.endswith(("Config", "Recipe"))


def config_object_imports(mod: str, is_pkg: bool, source: str) -> list[str]:
    """Config dataclass names (`*Config`, `*Recipe`, `ProbeTraining`) a module imports, function-local ones included.

    A config module or the package itself imported as a name counts too (it reaches every class).
    """
    config_modules = {m for m in module_files() if m.startswith("birdjepa_keras.config")}
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("birdjepa_keras.config")]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(mod, is_pkg, node)
            for a in node.names:
                full = f"{base}.{a.name}"
                if full in config_modules or (base in config_modules and _is_config_object(a.name)):
                    found.append(full)
    return found


def test_config_import_checker_sees_what_it_claims():
    local = "def f():\n    from birdjepa_keras.config import FrontendConfig, ConfigError\n"
    assert config_object_imports("birdjepa_keras.benchmark.x", False, local) == ["birdjepa_keras.config.FrontendConfig"]
    rel = "from ..config.benchmark import ProbesConfig, BIRDSET_SETS\nfrom .. import config\nimport birdjepa_keras.config.train\n"
    assert config_object_imports("birdjepa_keras.train.x", False, rel) == [
        "birdjepa_keras.config.benchmark.ProbesConfig", "birdjepa_keras.config", "birdjepa_keras.config.train",
    ]
    assert config_object_imports("birdjepa_keras.models.x", False, "from birdjepa_keras.config.train import POOLINGS\n") == []


def test_config_objects_stop_at_the_edges():
    bad = []
    for mod, path in module_files().items():
        if mod.startswith("birdjepa_keras.config") or any(mod == e or mod.startswith(e + ".") for e in CONFIG_EDGES):
            continue
        bad += [f"{mod} imports {name}" for name in config_object_imports(mod, path.name == "__init__.py", path.read_text())]
    assert not bad, "library modules take keyword arguments, not config objects:\n" + "\n".join(sorted(bad))


if __name__ == "__main__":
    sys.stdout.write(format_layers(module_graph()) + "\n")
