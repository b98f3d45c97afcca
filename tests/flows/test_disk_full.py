"""A disk that fails (full, read-only) at any stage: the message says exactly what state the
output is in, no ``*.tmp`` is left, and the next run repairs it (issue 17.6)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.runner import run_pipeline
from quotewire.errors import RunFailed
from tests.helpers import article, rows, snapshot

FULL = OSError(errno.ENOSPC, "No space left on device")


def _setup(raw: Path, out: Path) -> dict[str, list[str]]:
    (raw / "a.txt").write_text(article(1), encoding="utf-8")
    run_pipeline(raw, out)
    before = snapshot(out)
    (raw / "b.txt").write_text(article(2), encoding="utf-8")
    return before


def _no_leftovers(out: Path) -> None:
    assert not list(out.rglob("*.tmp")), "a .tmp file was left behind"


def _same_as_clean(raw: Path, out: Path, tmp_path: Path) -> None:
    run_pipeline(raw, out)
    run_pipeline(raw, tmp_path / "clean")
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert rows(out, "people") == rows(tmp_path / "clean", "people")


def test_failure_before_the_commit(raw_dir: Path, out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _setup(raw_dir, out_dir)

    def full(*args: Any, **kwargs: Any) -> Any:
        raise FULL

    monkeypatch.setattr(qio, "write_manifest_staged", full)
    with pytest.raises(RunFailed, match="nothing was committed: the previous dataset is unchanged"):
        run_pipeline(raw_dir, out_dir)
    assert snapshot(out_dir) == before
    assert not (out_dir / qio.STAGING).exists() or not any((out_dir / qio.STAGING).iterdir())
    _no_leftovers(out_dir)
    monkeypatch.undo()
    _same_as_clean(raw_dir, out_dir, tmp_path)


def test_failure_while_tables_are_put_in_place(
    raw_dir: Path, out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(raw_dir, out_dir)
    real, calls = qio.swap_table, []

    def fails_third(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise FULL
        real(*args)

    monkeypatch.setattr(qio, "swap_table", fails_third)
    with pytest.raises(RunFailed, match=r"is committed \(manifest.parquet is new\) but not every table was put in place"):
        run_pipeline(raw_dir, out_dir)
    _no_leftovers(out_dir)
    monkeypatch.undo()
    _same_as_clean(raw_dir, out_dir, tmp_path)


def test_failure_after_the_tables_names_what_is_stale(
    raw_dir: Path, out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus tables failed on a full disk: the message said 'the previous dataset is
    unchanged' (wrong: the new one was committed) and ``people/data.jsonl.tmp`` stayed."""
    _setup(raw_dir, out_dir)

    class FullOnCorpus:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        def replace(self, src: Any, dst: Any) -> None:
            if Path(dst).name == "data.jsonl":
                raise FULL
            os.replace(src, dst)

    monkeypatch.setattr(qio, "os", FullOnCorpus())
    with pytest.raises(RunFailed, match=r"is committed and its tables are in place, but the corpus tables .* stale"):
        run_pipeline(raw_dir, out_dir)
    _no_leftovers(out_dir)
    assert len(rows(out_dir, "documents")) == 2
    monkeypatch.undo()
    _same_as_clean(raw_dir, out_dir, tmp_path)
