"""Instant no-op reruns: the command line plans before anything starts Prefect.

A rerun with no new, changed or deleted input prints "nothing to do" and exits 0 without a
Prefect server; any change (or a pending recovery, or stale corpus tables) goes through the flow.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotewire.cli import main
from quotewire.dataset.runner import nothing_to_do, run_pipeline
from tests.helpers import article

REPO = Path(__file__).resolve().parents[2]


def _first_run(raw: Path, out: Path, n: int = 3) -> None:
    for i in range(n):
        (raw / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    run_pipeline(raw, out)  # sequential, no Prefect


def test_nothing_to_do_after_a_run(raw_dir: Path, out_dir: Path) -> None:
    _first_run(raw_dir, out_dir)
    s = nothing_to_do(raw_dir, out_dir)
    assert s is not None and s.found == 3 and s.unchanged == 3 and s.processed == 0
    assert s.records["documents"] == 3 and "people" in s.records


@pytest.mark.parametrize("change", ["new", "changed", "deleted", "duplicate", "staged", "no-corpus-before", "aliases"])
def test_any_change_means_work(change: str, raw_dir: Path, out_dir: Path) -> None:
    _first_run(raw_dir, out_dir)
    aliases = None
    if change == "new":
        (raw_dir / "new.txt").write_text(article(7), encoding="utf-8")
    elif change == "changed":
        (raw_dir / "a1.txt").write_text(article(1) + "\nA late paragraph.", encoding="utf-8")
    elif change == "deleted":
        (raw_dir / "a2.txt").unlink()
    elif change == "duplicate":
        (raw_dir / "copy.txt").write_bytes((raw_dir / "a0.txt").read_bytes())
    elif change == "staged":
        (out_dir / "_staging" / "20990101T000000Z-abcdef").mkdir(parents=True)
    elif change == "no-corpus-before":
        run_pipeline(raw_dir, out_dir, full=True, corpus=False)
        for t in ("people", "quotations"):
            (out_dir / "parquet" / t / "data.parquet").unlink()
    elif change == "aliases":
        aliases = {"Someone": "Someone Else"}
    assert nothing_to_do(raw_dir, out_dir, aliases=aliases) is None
    if change == "duplicate":
        run_pipeline(raw_dir, out_dir)  # once recorded, the duplicate is no longer news
        s = nothing_to_do(raw_dir, out_dir)
        assert s is not None and s.duplicate == 1


def test_first_run_is_never_a_no_op(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    assert nothing_to_do(raw_dir, out_dir) is None


@contextlib.contextmanager
def _no_server(**_: object) -> Iterator[str]:
    raise AssertionError("a no-op rerun must not start Prefect")
    yield ""  # pragma: no cover


def test_cli_no_op_starts_no_server(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import flows.server

    _first_run(raw_dir, out_dir)
    monkeypatch.setattr(flows.server, "run_api", _no_server)
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir)]) == 0
    assert capsys.readouterr().out.startswith("quotewire: nothing to do: 3 unchanged")
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["nothing_to_do"] is True and s["unchanged"] == 3 and s["records"]["documents"] == 3


@pytest.mark.usefixtures("prefect_harness")
def test_cli_changed_file_still_runs_the_flow(raw_dir: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _first_run(raw_dir, out_dir)
    (raw_dir / "a1.txt").write_text(article(1) + "\nA late paragraph.", encoding="utf-8")
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir), "--json"]) == 0
    s = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "nothing_to_do" not in s and s["processed"] == 1 and s["unchanged"] == 2
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir), "--full", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["processed"] == 3


def test_no_op_in_a_fresh_process_is_fast_and_imports_no_prefect(raw_dir: Path, out_dir: Path) -> None:
    """The real command line in a new interpreter: no Prefect import, well under 2 s of work."""
    _first_run(raw_dir, out_dir, n=40)
    code = (
        "import sys, time; t = time.perf_counter(); from quotewire.cli import main; "
        "rc = main(sys.argv[1:]); print('prefect' in sys.modules, rc, round(time.perf_counter() - t, 2))"
    )
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, "run", "--raw", str(raw_dir), "--out", str(out_dir)],
                       capture_output=True, text=True, cwd=REPO, timeout=60)
    wall = time.perf_counter() - t0
    assert p.returncode == 0, p.stderr
    imported, rc, _ = p.stdout.strip().splitlines()[-1].split()
    assert (imported, rc) == ("False", "0"), p.stdout
    assert "nothing to do: 40 unchanged" in p.stdout
    # The target is 2 s on 2,000 files (benchmarks/bench_scale.py noop); 10 s here absorbs a
    # machine loaded by other jobs while still failing for a Prefect start-up (7-15 s alone).
    assert wall < 10, wall
