"""The README documents every command and option, and its two commands are what CI runs."""

from __future__ import annotations

import argparse
import re
from dataclasses import fields
from pathlib import Path

import pytest

from quotewire.cli import build_parser, run_kwargs
from quotewire.dataset.config import Config, load_config
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_documented() -> None:
    for name in _subparsers():
        assert f"quotewire {name}" in README, f"README does not show `quotewire {name}`"


def test_every_option_is_documented() -> None:
    for name, parser in _subparsers().items():
        for action in parser._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"README does not mention {opt} of `quotewire {name}`"


def test_the_two_commands_are_in_readme_and_ci() -> None:
    install_run = "pip install -e . && quotewire run"
    tests = 'pip install -e ".[dev]" && pytest'
    assert install_run in README and tests in README
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^pip install -e \"\.\[dev\]\" && pytest$", ci, re.M), "CI must run the README's test command"


def test_config_example_parses_and_covers_every_key(tmp_path: Path) -> None:
    block = re.search(r"```toml\n(\[tool\.quotewire\]\n.*?)```", README, re.S)
    assert block, "README has no [tool.quotewire] example"
    (tmp_path / "pyproject.toml").write_text(block.group(1), encoding="utf-8")
    cfg = load_config(tmp_path)  # raises ConfigError on an unknown key or a wrong type
    documented = set(re.findall(r"^(\w+) =", block.group(1), re.M))
    missing = {f.name for f in fields(Config)} - documented
    assert not missing, f"README config example lacks {sorted(missing)}"
    assert cfg.cue_verbs, "the example's cue words must reach the config"


def _works_as_written(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The flow parameters `quotewire run` builds in ``folder`` (raises what the CLI would report)."""
    monkeypatch.chdir(folder)
    return run_kwargs(build_parser().parse_args(["run"]))


def test_pyproject_example_works_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only parsed: `quotewire run` starts with it (a named alias file that is missing would stop it)."""
    block = re.search(r"```toml\n(\[tool\.quotewire\]\n.*?)```", README, re.S)
    assert block
    (tmp_path / "pyproject.toml").write_text(block.group(1), encoding="utf-8")
    kwargs = _works_as_written(tmp_path, monkeypatch)
    assert kwargs["raw"] == "raw" and kwargs["aliases"] == {} and kwargs["max_quarantine_ratio"] == 0.5


def test_quotewire_toml_example_works_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"```toml\n(# quotewire\.toml\n.*?)```", README, re.S)
    assert block, "README has no quotewire.toml example"
    assert "[" not in block.group(1).split("\n", 1)[1].split("=")[0], "quotewire.toml keys are top-level"
    (tmp_path / "quotewire.toml").write_text(block.group(1), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.quotewire]\nraw = "ignored"\n', encoding="utf-8")
    kwargs = _works_as_written(tmp_path, monkeypatch)
    assert (kwargs["raw"], kwargs["out"], kwargs["corpus"]) == ("articles", "dataset", False)
    assert kwargs["cues"] == {"say": ["grumble"]}


def test_query_needs_no_extra() -> None:
    """The README runs `quotewire query` after `pip install -e .`: DuckDB must be a core dependency."""
    import tomllib

    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "quotewire query" in README and any(re.match(r"duckdb\b", d) for d in deps), deps
