"""Crash safety: a run killed at each commit point leaves a readable dataset; a rerun completes it.

The fault hook ``QUOTEWIRE_FAULT=<point>`` SIGKILLs the run's whole process group at that point
(the flow and, for the CLI, its Prefect server), as a power cut or an OOM kill would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from tests.helpers import article, parquet_count, rows, snapshot

POINTS = ["after-staging", "before-manifest", "after-manifest", "roll-forward-file", "roll-forward-swap"]
UNCOMMITTED = ("after-staging", "before-manifest")
RUNNER = "import sys; from pathlib import Path; from quotewire.dataset.runner import run_pipeline; run_pipeline(Path(sys.argv[1]), Path(sys.argv[2]))"


def _run(cmd: list[str], fault: str | None, timeout: float = 120) -> int:
    env = {k: v for k, v in os.environ.items() if k != "QUOTEWIRE_FAULT"}
    if fault:
        env["QUOTEWIRE_FAULT"] = fault
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=30)
        pytest.fail(f"run did not finish in {timeout}s")
    return proc.returncode


def _setup(raw: Path, out: Path) -> dict[str, list[str]]:
    """A committed dataset of two articles, then a third article and a changed one."""
    (raw / "a.txt").write_text(article(1), encoding="utf-8")
    (raw / "b.txt").write_text(article(2), encoding="utf-8")
    assert _run([sys.executable, "-c", RUNNER, str(raw), str(out)], None) == 0
    before = snapshot(out)
    (raw / "c.txt").write_text(article(3), encoding="utf-8")
    (raw / "b.txt").write_text(article(4), encoding="utf-8")
    os.utime(raw / "b.txt", ns=(5, 5))
    return before


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_commit_point_then_rerun(point: str, raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    before = _setup(raw_dir, out_dir)
    rc = _run([sys.executable, "-c", RUNNER, str(raw_dir), str(out_dir)], point)
    assert rc == -signal.SIGKILL, f"the fault hook did not fire at {point} (rc={rc})"
    # Killed before the manifest rename: the previous dataset is what readers see.
    if point in UNCOMMITTED:
        assert snapshot(out_dir) == before
    # At any point a reader finds each record once in each format (a table folder is swapped in
    # whole; JSONL may be a table ahead of Parquet until the rerun).
    for table, key in (("documents", "doc_id"), ("quotes", "quote_id")):
        in_jsonl = [r[key] for r in rows(out_dir, table)]
        in_parquet = ds.dataset(out_dir / "parquet" / table, format="parquet").to_table(columns=[key])[key].to_pylist()
        for seen in (in_jsonl, in_parquet):
            assert len(seen) == len(set(seen)), f"{table} duplicated after a kill at {point}"
    # The rerun completes the work: the same dataset as a clean run, no duplicate, no loss.
    assert _run([sys.executable, "-c", RUNNER, str(raw_dir), str(out_dir)], None) == 0
    clean_out = tmp_path / "clean"
    assert _run([sys.executable, "-c", RUNNER, str(raw_dir), str(clean_out)], None) == 0
    assert snapshot(out_dir) == snapshot(clean_out)
    assert parquet_count(out_dir, "documents") == 3 == len(rows(out_dir, "documents"))
    staging = out_dir / "_staging"
    assert not staging.exists() or not any(staging.iterdir())


@pytest.mark.slow
def test_cli_killed_with_its_prefect_server_then_rerun(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """The real CLI (flow + temporary Prefect server) killed after the manifest rename."""
    _setup(raw_dir, out_dir)
    cli = [sys.executable, "-m", "quotewire", "run", "--raw", str(raw_dir), "--out", str(out_dir)]
    assert _run(cli, "after-manifest") == -signal.SIGKILL
    assert _run(cli, None) == 0
    clean_out = tmp_path / "clean"
    assert _run([sys.executable, "-c", RUNNER, str(raw_dir), str(clean_out)], None) == 0
    assert snapshot(out_dir) == snapshot(clean_out)
