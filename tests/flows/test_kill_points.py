"""Killed at any step of the commit, the output shows one version per table glob (issue 17.2).

A kill is simulated in-process: every file operation of the IO module (``os.link``,
``os.rename``, ``os.replace``) counts as a step and the k-th one raises ``Killed`` instead, for
every k across the run. Right after each kill a reader globs every table in both formats and
must find exactly the previous version or the new one (no duplicate, no mix); then a rerun must
give the dataset of a clean run. The real SIGKILL at the commit points is in test_crash.py.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.runner import run_pipeline
from quotewire.dataset.schema import TABLES
from tests.helpers import article, snapshot

ID = {"documents": "doc_id", "quotes": "quote_id", "speakers": "speaker_id", "events": "event_id"}


class Killed(BaseException):
    """The simulated SIGKILL (a BaseException: nothing in the run may catch it)."""


class _KillingOs:
    """``os`` for the IO module, raising ``Killed`` at the ``kill_at``-th file operation."""

    def __init__(self, kill_at: int) -> None:
        self.kill_at, self.steps = kill_at, 0

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in ("link", "rename", "replace"):
            return real
        return self._step(real)

    def _step(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def op(*args: Any, **kwargs: Any) -> Any:
            if self.steps == self.kill_at:
                raise Killed
            self.steps += 1
            return real(*args, **kwargs)

        return op


def _ids(out: Path, fmt: str, table: str) -> list[str]:
    """The ids a reader globbing ``<fmt>/<table>/**`` sees now."""
    files = sorted((out / fmt / table).glob(f"**/*.{fmt}"))
    if fmt == "parquet":
        return [i for f in files for i in ds.dataset(f, format="parquet").to_table(columns=[ID[table]])[ID[table]].to_pylist()]
    return [json.loads(line)[ID[table]] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]


def _versions(out: Path) -> dict[tuple[str, str], list[str]]:
    return {(fmt, t): sorted(_ids(out, fmt, t)) for fmt in ("jsonl", "parquet") for t in TABLES}


def _setup(raw: Path, out: Path) -> None:
    """A committed dataset of 12 articles in 4 parts; then 2 edited (their parts are rewritten),
    1 deleted and 2 new."""
    for i in range(12):
        (raw / f"a{i:02d}.txt").write_text(article(i), encoding="utf-8")
    run_pipeline(raw, out, batch_size=3)
    for i, n in ((1, 40), (7, 41)):
        (raw / f"a{i:02d}.txt").write_text(article(n) + "Edited.\n", encoding="utf-8")
    (raw / "a05.txt").unlink()
    for i in (50, 51):
        (raw / f"b{i}.txt").write_text(article(i), encoding="utf-8")


def test_a_kill_at_every_step_shows_one_version(
    raw_dir: Path, out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(raw_dir, out_dir)
    before = _versions(out_dir)
    pristine = tmp_path / "pristine"
    shutil.copytree(out_dir, pristine, symlinks=True)
    run_pipeline(raw_dir, tmp_path / "clean", batch_size=3)
    after, clean = _versions(tmp_path / "clean"), snapshot(tmp_path / "clean")
    assert after != before

    counter = _KillingOs(kill_at=-1)  # the same run on a copy, counting its steps
    monkeypatch.setattr(qio, "os", counter)
    shutil.copytree(pristine, tmp_path / "count", symlinks=True)
    run_pipeline(raw_dir, tmp_path / "count", batch_size=3)
    total = counter.steps
    assert total >= 10, total

    # 12 kill points spread over the run, the last steps (the commit's) always among them.
    points = sorted({*range(0, total, max(1, total // 8)), *range(max(0, total - 4), total)})
    assert len(points) >= 10, points
    for k in points:
        shutil.rmtree(out_dir)
        shutil.copytree(pristine, out_dir, symlinks=True)
        monkeypatch.setattr(qio, "os", _KillingOs(kill_at=k))
        with pytest.raises(Killed):
            run_pipeline(raw_dir, out_dir, batch_size=3)
        seen = _versions(out_dir)
        for key, ids in seen.items():
            assert ids in (before[key], after[key]), f"kill at step {k}/{total}: {key} shows a mix of versions"
        monkeypatch.setattr(qio, "os", os)
        run_pipeline(raw_dir, out_dir, batch_size=3)
        assert snapshot(out_dir) == clean, f"kill at step {k}/{total}: the rerun differs from a clean run"


@pytest.mark.parametrize("atomic", [True, False])
def test_exchange_dirs_swaps_contents(atomic: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not atomic:  # macOS, musl, or a filesystem without RENAME_EXCHANGE: two renames
        monkeypatch.setattr(qio, "_renameat2", lambda: None)
    new, dst = tmp_path / ".next-t", tmp_path / "t"
    for d, name in ((new, "new"), (dst, "old")):
        d.mkdir()
        (d / f"{name}.txt").write_text(name)
    qio.exchange_dirs(new, dst)
    assert [p.name for p in dst.iterdir()] == ["new.txt"] and [p.name for p in new.iterdir()] == ["old.txt"]
    assert not (tmp_path / ".old-t").exists()


def test_a_table_parked_by_a_killed_two_rename_swap_is_put_back(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Killed between the two renames of the fallback swap: the table folder is missing, its
    previous version parked as ``.old-<table>``; the next run puts it back and completes."""
    _setup(raw_dir, out_dir)
    table = out_dir / "parquet" / "documents"
    table.rename(table.with_name(".old-documents"))
    s = run_pipeline(raw_dir, out_dir, batch_size=3)
    assert s.processed == 4 and not s.notes, "the parked parts must be used, not rebuilt"
    run_pipeline(raw_dir, tmp_path / "clean", batch_size=3)
    assert snapshot(out_dir) == snapshot(tmp_path / "clean")
    assert _versions(out_dir) == _versions(tmp_path / "clean")
    assert not list((out_dir / "parquet").glob(".*"))


RUNNER = ("import sys; from pathlib import Path; from quotewire.dataset.runner import run_pipeline; "
          "run_pipeline(Path(sys.argv[1]), Path(sys.argv[2]), batch_size=40)")


def _child(raw: Path, out: Path, seconds: float | None, code: str = RUNNER) -> float:
    """Run ``code`` in a child process; SIGKILL it (and its group) after ``seconds``. Its wall time."""
    import signal
    import subprocess
    import sys
    import time

    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code, str(raw), str(out)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=seconds if seconds is not None else 300)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return time.monotonic() - t0


@pytest.mark.slow
def test_sigkill_at_ten_times_across_a_run_of_hundreds(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """The issue's bounded kill loop: 200 inputs, SIGKILL at 10 times spread over a rerun that
    changes every part (after the child's imports); after each kill a reader finds one version
    per table glob; the rerun after it gives the clean dataset."""
    for i in range(200):
        (raw_dir / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    run_pipeline(raw_dir, out_dir, batch_size=40)
    for i in range(0, 200, 10):
        (raw_dir / f"a{i:03d}.txt").write_text(article(1000 + i) + "Edited.\n", encoding="utf-8")
    for i in range(5, 200, 30):
        (raw_dir / f"a{i:03d}.txt").unlink()
    for i in range(20):
        (raw_dir / f"new{i:02d}.txt").write_text(article(2000 + i), encoding="utf-8")
    before = _versions(out_dir)
    pristine = tmp_path / "pristine"
    shutil.copytree(out_dir, pristine)
    run_pipeline(raw_dir, tmp_path / "clean", batch_size=40)
    after, clean = _versions(tmp_path / "clean"), snapshot(tmp_path / "clean")
    startup = _child(raw_dir, tmp_path / "x", None, code="import quotewire.dataset.runner")
    shutil.copytree(pristine, tmp_path / "timed")
    duration = _child(raw_dir, tmp_path / "timed", None)
    for k in range(10):
        at = startup + (duration - startup) * (k + 0.5) / 10
        shutil.rmtree(out_dir)
        shutil.copytree(pristine, out_dir)
        _child(raw_dir, out_dir, at)
        for key, ids in _versions(out_dir).items():
            assert ids in (before[key], after[key]), f"killed at {at:.2f}s of {duration:.2f}s: {key} mixes versions"
        run_pipeline(raw_dir, out_dir, batch_size=40)
        assert snapshot(out_dir) == clean, f"killed at {at:.2f}s: the rerun differs from a clean run"
