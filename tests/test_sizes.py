"""No module over 400 lines, no function over 60 (issue 11, item 8).

Walks every Python module under birdjepa_keras/, tfds_builders/, tests/ and benchmarks/
(data files such as .json/.txt/.csv are not modules and are not read). A module's size
is its line count; a function's is from its `def` line to its last line, docstring and
nested functions included (a nested function is also measured on its own).

``python tests/test_sizes.py`` prints the longest module and function.
"""

from __future__ import annotations

import ast
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FOLDERS = ("birdjepa_keras", "tfds_builders", "tests", "benchmarks")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules(root=ROOT):
    """Every .py file under the four folders, repository-relative, sorted."""
    return sorted(p for folder in FOLDERS for p in (root / folder).rglob("*.py"))


def module_lines(path):
    return len(path.read_text().splitlines())


def function_lines(path):
    """[(qualified name, first line, line count)] for every def / async def in the module."""
    out = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            name = prefix
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                out.append((name, child.lineno, child.end_lineno - child.lineno + 1))
                name += "."
            elif isinstance(child, ast.ClassDef):
                name = f"{prefix}{child.name}."
            walk(child, name)

    walk(ast.parse(path.read_text(), filename=str(path)), "")
    return out


def oversized(root=ROOT):
    """Lines naming each module over MAX_MODULE_LINES and each function over MAX_FUNCTION_LINES."""
    bad = []
    for path in modules(root):
        rel = path.relative_to(root)
        if (n := module_lines(path)) > MAX_MODULE_LINES:
            bad.append(f"{rel}: {n} lines (module limit {MAX_MODULE_LINES})")
        for name, line, n in function_lines(path):
            if n > MAX_FUNCTION_LINES:
                bad.append(f"{rel}:{line} {name}: {n} lines (function limit {MAX_FUNCTION_LINES})")
    return bad


def test_the_walk_finds_the_four_folders():
    found = {p.relative_to(ROOT).parts[0] for p in modules()}
    assert found == set(FOLDERS)
    assert pathlib.Path(__file__).resolve() in modules()


def test_the_measure_names_an_oversized_module_and_function(tmp_path):
    (tmp_path / "tests").mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))  # def line + 60 = 61 lines
    (tmp_path / "tests" / "big.py").write_text(
        f"class C:\n    def ok(self):\n        return 1\n\n\ndef long():\n{body}\n"
        + "\n" * MAX_MODULE_LINES)
    (tmp_path / "tests" / "data.json").write_text("\n" * 1000)  # data, not a module
    (tmp_path / "tests" / "fits.py").write_text("\n".join(["def f():"] + ["    pass"] * 59) + "\n")
    for folder in ("birdjepa_keras", "tfds_builders", "benchmarks"):
        (tmp_path / folder).mkdir()
    bad = oversized(tmp_path)
    assert len(bad) == 2, bad
    assert bad[0].startswith("tests/big.py: ") and "module limit 400" in bad[0]
    assert bad[1].startswith("tests/big.py:6 long: 61 lines")


@pytest.mark.parametrize("limit", ["module", "function"])
def test_no_module_over_400_lines_no_function_over_60(limit):
    bad = [line for line in oversized() if f"{limit} limit" in line]
    assert not bad, "too long (split along a real seam):\n" + "\n".join(bad)


if __name__ == "__main__":
    paths = modules()
    longest = max(paths, key=module_lines)
    print(f"longest module: {longest.relative_to(ROOT)} ({module_lines(longest)} lines)")
    name, path, n = max(((f[0], p, f[2]) for p in paths for f in function_lines(p)), key=lambda t: t[2])
    print(f"longest function: {path.relative_to(ROOT)} {name} ({n} lines)")
    sys.exit(1 if oversized() else 0)
