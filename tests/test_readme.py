"""The README documents every command and option, and its two commands are what CI runs."""

from __future__ import annotations

import argparse
import re
from dataclasses import fields
from pathlib import Path

from quotewire.cli import build_parser
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
