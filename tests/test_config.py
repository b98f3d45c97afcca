"""Configuration: quotewire.toml or [tool.quotewire], CLI flags over it, clear errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from flows.cli import build_parser, run_kwargs
from flows.config import Config, load_config
from flows.errors import ConfigError


def test_defaults_without_a_config(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_pyproject_section_and_cli_flags_over_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.quotewire]\nraw = "articles"\nbatch_size = 50\nmax_quarantine_ratio = 0.25\n'
        'boilerplate = ["^Sign up for"]\nno_text = true\n'
    )
    cfg = load_config(tmp_path)
    assert (cfg.raw, cfg.batch_size, cfg.max_quarantine_ratio, cfg.no_text) == ("articles", 50, 0.25, True)
    monkeypatch.chdir(tmp_path)
    args: argparse.Namespace = build_parser().parse_args(["run", "--batch-size", "7"])
    kw = run_kwargs(args)
    assert kw["raw"] == "articles" and kw["batch_size"] == 7 and kw["include_text"] is False
    assert kw["boilerplate"] == ["^Sign up for"]


def test_quotewire_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.quotewire]\nraw = "a"\n')
    (tmp_path / "quotewire.toml").write_text('raw = "b"\n')
    assert load_config(tmp_path).raw == "b"


@pytest.mark.parametrize(
    "body, message",
    [
        ("rwa = 'x'", "unknown key 'rwa'"),
        ("batch_size = 'ten'", "batch_size is 'ten', expected a int"),
        ("keep_deleted = 1", "keep_deleted is 1, expected a bool"),
        ("boilerplate = ['(unclosed']", "not a valid regular expression"),
        ("raw = ", "cannot parse the config file"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "quotewire.toml").write_text(body + "\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_config(tmp_path)


def test_extra_boilerplate_is_removed(tmp_path: Path) -> None:
    import re

    from flows.clean import clean

    text = "Storm hits coast\n\nWINDS reached 100 km/h on Monday, officials said.\n\nHear more on Wavelength, our podcast\n"
    assert "Wavelength" in clean(text).text, "the line is prose to the built-in rules"
    cleaned = clean(text, extra_patterns=[re.compile(r"^Hear more on Wavelength")])
    assert "Wavelength" not in cleaned.text and len(cleaned.text) == len(text)
    assert "officials said" in cleaned.text
