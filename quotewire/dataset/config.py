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

from quotewire.errors import ConfigError


@dataclass(slots=True)
class Config:
    raw: str = "raw"
    out: str = "output"
    keep_deleted: bool = False
    no_text: bool = False
    no_corpus: bool = False
    batch_size: int = 0  # articles per task; 0: by task runner (``default_batch_size``)
    text_field: str = "text"
    task_runner: str = "auto"  # auto | threads | process | dask (auto: ``choose_runner``)
    workers: int = 0  # workers of the task runner; 0: one per usable core
    max_quarantine_ratio: float = 1.0
    max_chars: int = 5_000_000
    # Extra boilerplate line patterns (regular expressions), e.g. an outlet's promo lines.
    boilerplate: list[str] = field(default_factory=list)
    # A JSON file {"variant": "canonical name"} forcing people merges across the corpus.
    people_aliases: str = ""
    # Extra reporting cues, in base form or as word forms (regular forms are added):
    # "X <verb> (that) ..." verbs, verbs taking an addressee first ("X assured voters ..."),
    # verbs taking an object ("X excoriated Y for ..."), nouns ("X's rebuttal that ..."), and
    # default cue words to drop.
    cue_verbs: list[str] = field(default_factory=list)
    cue_tell_verbs: list[str] = field(default_factory=list)
    cue_object_verbs: list[str] = field(default_factory=list)
    cue_nouns: list[str] = field(default_factory=list)
    not_cues: list[str] = field(default_factory=list)


#: Config keys holding cue words -> the ``CueLexicon.extended`` argument they feed.
CUE_KEYS = {"cue_verbs": "say", "cue_tell_verbs": "tell", "cue_object_verbs": "act", "cue_nouns": "claim_nouns",
            "not_cues": "remove"}
_CUE_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


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
    for key in CUE_KEYS:
        for word in getattr(cfg, key):
            if not isinstance(word, str) or not _CUE_WORD.fullmatch(word):
                raise ConfigError(f"{source}: {key} holds {word!r}; expected single words (letters, ' or -)")
    for pat in cfg.boilerplate:
        try:
            re.compile(pat)
        except re.error as exc:
            raise ConfigError(f"{source}: boilerplate pattern {pat!r} is not a valid regular expression: {exc}") from exc
    return cfg


def cue_words(cfg: Config, extra_verbs: list[str] | None = None, extra_nouns: list[str] | None = None) -> dict[str, list[str]]:
    """The cue-word settings as ``CueLexicon.extended`` arguments (CLI words added to the config's)."""
    cues = {arg: list(getattr(cfg, key)) for key, arg in CUE_KEYS.items() if getattr(cfg, key)}
    for arg, words in (("say", extra_verbs), ("claim_nouns", extra_nouns)):
        for w in words or ():
            if not _CUE_WORD.fullmatch(w):
                raise ConfigError(f"cue word {w!r}: expected a single word (letters, ' or -)")
            cues.setdefault(arg, []).append(w)
    return cues


def default_batch_size(task_runner: str) -> int:
    """Articles per task when neither flag nor config says: 200 in threads, 500 in processes.

    A task in a process-pool or Dask worker costs about 0.1 CPU-second of Prefect bookkeeping,
    a fifth of a 200-article batch's work; at 500 the process runner went from 0.51 to 0.77 of
    a plain pool's rate and Dask from 0.50 to 0.84 (W=2, benchmarks/README.md). Threads pay
    far less a task, and smaller batches keep their progress and memory finer.
    """
    return 500 if task_runner in ("process", "dask") else 200  # "auto" resolves before a run


#: With ``auto``, a run with at least this many inputs to process uses the process pool.
AUTO_PROCESS_MIN = 2000


def choose_runner(task_runner: str, to_process: int | None) -> str:
    """The task runner ``auto`` stands for: threads for small runs, the process pool for large.

    Measured on the 2-core machine, W=2, 12,000 articles: the process pool 429 articles/s,
    threads 255 (GIL-bound: one core). But each process worker first spends about 4.7
    CPU-seconds importing Prefect, as long as about 2,000 articles of work, so a small
    incremental run finishes sooner in threads.
    """
    if task_runner != "auto":
        return task_runner
    return "process" if to_process is not None and to_process >= AUTO_PROCESS_MIN else "threads"


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
