"""Configuration: ``quotewire.toml`` or ``[tool.quotewire]`` in ``pyproject.toml``; CLI flags win.

Read in one place. Unknown keys and wrong types are configuration errors with a clear message.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from flows.errors import ConfigError


@dataclass(slots=True)
class Config:
    raw: str = "raw"
    out: str = "output"
    keep_deleted: bool = False
    no_text: bool = False
    no_corpus: bool = False
    batch_size: int = 200
    text_field: str = "text"
    task_runner: str = "threads"
    max_quarantine_ratio: float = 1.0
    max_chars: int = 5_000_000
    # Extra boilerplate line patterns (regular expressions), e.g. an outlet's promo lines.
    boilerplate: list[str] = field(default_factory=list)
    # A JSON file {"variant": "canonical name"} forcing people merges across the corpus.
    people_aliases: str = ""


def _check(cfg: Config, data: dict[str, Any], source: Path) -> Config:
    known = {f.name: f for f in fields(Config)}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"{source}: unknown key {key!r}; expected one of {', '.join(sorted(known))}")
        default = getattr(Config(), name)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, type(default) if not isinstance(default, float) else (int, float)):
            raise ConfigError(f"{source}: {key} is {value!r}, expected a {type(default).__name__}")
        setattr(cfg, name, value)
    for pat in cfg.boilerplate:
        try:
            re.compile(pat)
        except re.error as exc:
            raise ConfigError(f"{source}: boilerplate pattern {pat!r} is not a valid regular expression: {exc}") from exc
    return cfg


def load_config(cwd: Path) -> Config:
    """The config of the project in ``cwd`` (defaults when there is none)."""
    own = cwd / "quotewire.toml"
    try:
        if own.is_file():
            return _check(Config(), tomllib.loads(own.read_text(encoding="utf-8")), own)
        py = cwd / "pyproject.toml"
        if py.is_file():
            data = tomllib.loads(py.read_text(encoding="utf-8"))
            return _check(Config(), data.get("tool", {}).get("quotewire", {}), py)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot parse the config file: {exc}") from exc
    return Config()


def load_aliases(path: str, base: Path) -> dict[str, str]:
    """The people alias file (JSON object of variant -> canonical name); empty when not set."""
    if not path:
        return {}
    p = (base / path) if not Path(path).is_absolute() else Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the people alias file {p}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ConfigError(f"people alias file {p} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ConfigError(f'people alias file {p}: expected a JSON object of strings, {{"variant": "canonical name"}}')
    return data
