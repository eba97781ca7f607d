"""Recipes: every shipped recipe parses; bad ones fail with one line naming file and key."""

import glob
import os
import subprocess
import sys

import pytest

from birdjepa_keras.config import ConfigError, Recipe, dump_toml, load_recipe, parse_override, to_table

try:
    import tomllib
except ModuleNotFoundError:
    import tomli as tomllib


@pytest.mark.parametrize("path", sorted(glob.glob("recipes/*.toml")))
def test_shipped_recipes_parse(path):
    from birdjepa_keras.config.benchmark import BenchRecipe

    recipe, _ = load_recipe(path)
    assert isinstance(recipe, BenchRecipe if "bench_" in path else Recipe)


def test_resolved_recipe_round_trips(tmp_path):
    recipe, _ = load_recipe("recipes/quickstart.toml", ["train.steps=7", "model.patch_size=[8, 32]"])
    assert recipe.train.steps == 7 and recipe.model.patch_size == (8, 32)
    path = tmp_path / "resolved.toml"
    path.write_text(dump_toml(to_table(recipe)))
    again, _ = load_recipe(str(path))
    assert again == recipe


def test_every_recipe_round_trips_with_awkward_strings(tmp_path):
    """Every shipped recipe, and a run name with a quote, a backslash and a newline, read back equal."""
    from birdjepa_keras.config.benchmark import dump_recipe

    for src in sorted(glob.glob("recipes/*.toml")):
        recipe, _ = load_recipe(src, ['run.name="a \\"quoted\\" \\\\ name\\n"'] if "bench_" not in src else [])
        text = dump_recipe(recipe) if "bench_" in src else dump_toml(to_table(recipe))
        path = tmp_path / os.path.basename(src)
        path.write_text(text)
        assert load_recipe(str(path))[0] == recipe, src


def test_override_values_are_toml():
    assert parse_override("a.b=3") == ("a.b", 3)
    assert parse_override("a.b=1e-3") == ("a.b", 1e-3)
    assert parse_override("a.b=true") == ("a.b", True)
    assert parse_override("a.b=hello") == ("a.b", "hello")
    assert parse_override("a.b=[1, 2]") == ("a.b", [1, 2])


BAD = [
    ("[model]\ndimm = 3\n", "model.dimm: unknown key"),
    ("[model]\ndim = 'big'\n", "model.dim: expected an integer"),
    ("[model]\npreset = 'vit_xxl'\n", "model.preset: must be one of"),
    ("[data]\nbatch_size = 0\n", "data.batch_size: must be > 0"),
    ("[objective.pixio]\nmask_ratio = 1.5\n", "objective.pixio.mask_ratio: must be in (0, 1)"),
    ("[model]\npatch_size = [16]\n", "model.patch_size: expected 2 values"),
    ("[model]\npatch_size = [16, 48]\n", "model.patch_size: 16x48 does not tile"),
    ("[model]\ndim = 100\nn_heads = 4\n", "model.n_heads: dim 100 / n_heads 4"),
    ("[train]\nsteps = 1.5\n", "train.steps: expected an integer"),
    ("[probe]\nenabled = 1\n", "probe.enabled: expected bool"),
    ("[bogus]\nx = 1\n", "bogus: unknown key"),
    ("[model\n", "not valid TOML"),
]


@pytest.mark.parametrize("text,expected", BAD)
def test_bad_recipes_name_file_and_key(tmp_path, text, expected):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_recipe(str(path))
    msg = str(err.value)
    assert msg.startswith(str(path) + ": ") and expected in msg, msg
    assert "\n" not in msg


def test_bad_override_names_key():
    with pytest.raises(ConfigError, match=r"quickstart.toml: optimizer.learning_rate: must be > 0"):
        load_recipe("recipes/quickstart.toml", ["optimizer.learning_rate=-1.0"])


@pytest.mark.parametrize(
    "args,expected",
    [
        (["BADFILE"], "bad.toml: model.dimm: unknown key"),
        (["BADFILE", "--set", "model.dimm=4"], "model.dimm: unknown key"),
        (["recipes/quickstart.toml", "--set", "train.steps=zero"], "train.steps: expected an integer"),
        (["missing.toml"], "missing.toml: no such recipe file"),
    ],
)
def test_cli_exits_2_with_one_line(tmp_path, args, expected):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model]\ndimm = 3\n")
    args = [str(bad) if a == "BADFILE" else a for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "birdjepa_keras.cli", *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_retired_shuffle_buffer_is_ignored_with_a_warning(tmp_path):
    # Recipes written before the global-permutation stream set data.shuffle_buffer.
    path = tmp_path / "old.toml"
    path.write_text('[data]\nshuffle_buffer = 512\nbatch_size = 8\n')
    with pytest.warns(UserWarning, match=r"data\.shuffle_buffer: ignored"):
        recipe, _ = load_recipe(path)
    assert recipe.data.batch_size == 8
    assert not hasattr(recipe.data, "shuffle_buffer")


def test_an_unknown_key_still_fails(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[data]\nshuffle_bufer = 512\n')
    with pytest.raises(ConfigError, match=r"data\.shuffle_bufer: unknown key"):
        load_recipe(path)


def test_benchmark_task_names_are_the_registered_tasks():
    from birdjepa_keras.benchmark.tasks import TASKS
    from birdjepa_keras.config import TASK_NAMES

    assert sorted(TASKS) == sorted(TASK_NAMES)


def test_model_preset_choices_are_the_preset_table():
    import typing

    from birdjepa_keras.config import PRESETS, BackboneConfig, ModelConfig
    from birdjepa_keras.models.presets import preset_kwargs

    for cls in (ModelConfig, BackboneConfig):
        assert typing.get_args(typing.get_type_hints(cls)["preset"]) == tuple(PRESETS)
    assert preset_kwargs("vit_s") == {"dim": 384, "depth": 12, "n_heads": 6}


def test_run_dir_is_output_dir_slash_name():
    from birdjepa_keras.config import BenchRecipe, RunConfig

    assert RunConfig(name="a", output_dir="/x/runs").dir == "/x/runs/a"
    assert BenchRecipe().run.dir == "runs/bench"
