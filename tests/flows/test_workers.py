"""``--workers N`` sizes every task runner; ``watch`` retries a change that met a locked output."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quotewire.cli import build_parser
from quotewire.errors import ConfigError, OutputLocked


@pytest.mark.parametrize("kind", ["threads", "process"])
def test_workers_size_the_pool(kind: str) -> None:
    from flows.flow import _task_runner

    assert _task_runner(kind, None, 3)._max_workers == 3


def test_workers_size_a_local_dask_cluster() -> None:
    pytest.importorskip("prefect_dask")
    from flows.flow import _task_runner

    runner = _task_runner("dask", None, 3)
    assert runner.cluster_kwargs["n_workers"] == 3 and runner.cluster_kwargs["threads_per_worker"] == 1


def test_default_is_one_worker_per_usable_core() -> None:
    from flows.flow import _task_runner, default_workers

    assert _task_runner("threads", None)._max_workers == default_workers() >= 1


def test_workers_must_be_positive() -> None:
    from flows.flow import _task_runner

    with pytest.raises(ConfigError, match="expected a positive number"):
        _task_runner("process", None, -1)


@pytest.mark.parametrize("command", ["run", "serve", "watch"])
def test_every_running_command_takes_workers(command: str) -> None:
    argv = [command, "--workers", "2"] + (["--interval", "1m"] if command == "serve" else [])
    assert build_parser().parse_args(argv).workers == 2


def test_config_workers_apply_when_no_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotewire.cli import _runner_args

    (tmp_path / "quotewire.toml").write_text('workers = 3\ntask_runner = "process"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["run"])
    _runner_args(args)
    assert (args.task_runner, args.workers) == ("process", 3)
    args = build_parser().parse_args(["run", "--workers", "1"])
    _runner_args(args)
    assert args.workers == 1


def test_watch_retries_a_change_that_met_the_lock(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file dropped while another run holds the output is processed once the lock is free."""
    import watchfiles

    import flows.flow
    from flows.serve import cmd_watch

    calls: list[str] = []

    def fake_flow(**kwargs: Any) -> dict[str, Any]:
        calls.append("run")
        if len(calls) in (2, 3):  # the rerun for new.txt meets a run holding the lock, twice
            raise OutputLocked("another quotewire run is writing output (pid 1); wait for it to finish")
        return {"n": len(calls)}

    def fake_watch(*args: Any, **kwargs: Any) -> Iterator[set[tuple[int, str]]]:
        yield set()  # start-up tick: the first run
        yield {(1, str(raw_dir / "new.txt"))}  # a file dropped: locked
        yield set()  # a one-second tick: still locked
        yield set()  # next tick: free, the change is processed
        yield set()  # nothing pending: no run

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    monkeypatch.setattr(flows.flow, "make_flow", lambda *a, **k: fake_flow)
    summaries: list[dict[str, Any]] = []
    args = argparse.Namespace(task_runner="threads", dask_address=None, workers=None, debounce=0.1)
    kwargs = {"raw": str(raw_dir), "out": str(out_dir)}
    assert cmd_watch(args, kwargs, summaries.append, lambda exc: None) == 0
    assert len(calls) == 4 and summaries == [{"n": 1}, {"n": 4}]


@pytest.mark.parametrize("runner, flag, config, expected", [
    ("threads", None, None, 200), ("process", None, None, 500), ("dask", None, None, 500),
    ("process", 50, None, 50), ("process", None, 80, 80), ("threads", 30, 80, 30),
])
def test_batch_size_follows_the_runner_unless_set(runner: str, flag: int | None, config: int | None, expected: int,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotewire.cli import run_kwargs

    if config is not None:
        (tmp_path / "quotewire.toml").write_text(f"batch_size = {config}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["run", "--task-runner", runner] + (["--batch-size", str(flag)] if flag else [])
    assert run_kwargs(build_parser().parse_args(argv))["batch_size"] == expected


@pytest.mark.parametrize("setting, pending, expected", [
    ("auto", 0, "threads"), ("auto", 1999, "threads"), ("auto", 2000, "process"), ("auto", None, "threads"),
    ("threads", 10**6, "threads"), ("dask", 1, "dask"), ("process", 1, "process"),
])
def test_auto_runner_follows_the_work(setting: str, pending: int | None, expected: str) -> None:
    from quotewire.dataset.config import choose_runner

    assert choose_runner(setting, pending) == expected


@pytest.mark.parametrize("n, runner, batch", [(2, "threads", 200), (4, "process", 500)])
def test_run_sizes_auto_by_the_plan(n: int, runner: str, batch: int, raw_dir: Path, out_dir: Path,
                                    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``quotewire run`` plans, then picks threads or the process pool (threshold lowered to 3)."""
    import contextlib
    import json

    import flows.flow
    import flows.server
    import quotewire.dataset.config as qconfig
    from quotewire.cli import main
    from tests.helpers import article

    for i in range(n):
        (raw_dir / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    monkeypatch.setattr(qconfig, "AUTO_PROCESS_MIN", 3)
    monkeypatch.setattr(flows.server, "run_api", lambda **k: contextlib.nullcontext("http://test/api"))
    seen: dict[str, Any] = {}
    monkeypatch.setattr(flows.flow, "make_flow", lambda kind, address, workers: seen.setdefault("runner", kind))
    monkeypatch.setattr(flows.flow, "call_flow", lambda fl, **kw: seen.setdefault("batch", kw["batch_size"]) and {})
    monkeypatch.chdir(raw_dir.parent)
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir), "--json"]) == 0
    assert (seen["runner"], seen["batch"]) == (runner, batch)
    assert json.loads(capsys.readouterr().out) == {}


def _worker_has_prefect(_: object) -> bool:
    import sys

    return "prefect" in sys.modules


def test_pool_workers_never_import_prefect(raw_dir: Path, out_dir: Path) -> None:
    """A worker of the process runner runs a batch without Prefect (its import and API client
    cost 100 MiB and 4.7 CPU-seconds a worker) and writes the part itself."""
    from quotewire.dataset import io as qio
    from quotewire.dataset.pipeline import Options
    from quotewire.dataset.workers import process_pool, run_batch
    from tests.helpers import article

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    units = qio.discover(raw_dir, None, max_line_bytes=1 << 20)
    with process_pool(1) as pool:
        res = pool.submit(run_batch, (str(raw_dir), str(out_dir), "r1", "part-r1-00000", units, Options(), "text")).result()
        assert pool.submit(_worker_has_prefect, None).result() is False
    assert [u.status for u in res.units] == ["processed"] and res.counts["documents"] == 1
    assert list((out_dir / "_staging" / "r1").rglob("part-r1-00000.parquet"))


def _worker_has_pandas(_: object) -> bool:
    import sys

    return "pandas" in sys.modules


def test_pool_workers_write_parquet_without_pandas(raw_dir: Path, out_dir: Path) -> None:
    """pyarrow's list conversion imported pandas (47 MiB a worker) for nothing: a worker writes
    its batch's Parquet part without it, and the records are the same."""
    from quotewire.dataset import io as qio
    from quotewire.dataset.pipeline import Options
    from quotewire.dataset.workers import process_pool, run_batch
    from tests.helpers import article

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    units = qio.discover(raw_dir, None, max_line_bytes=1 << 20)
    with process_pool(1) as pool:
        res = pool.submit(run_batch, (str(raw_dir), str(out_dir), "r1", "part-r1-00000", units, Options(), "text")).result()
        assert pool.submit(_worker_has_pandas, None).result() is False
    import pyarrow.parquet as pq

    [part] = [p for p in (out_dir / "_staging" / "r1").rglob("part-r1-00000.parquet") if "documents" in p.parts]
    assert pq.read_table(part).column("doc_id").to_pylist() == [u.doc_id for u in res.units]


def test_skip_pandas_keeps_pyarrow_conversions_and_leaves_pandas_out() -> None:
    """In a fresh interpreter (this one may have pandas loaded already)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from quotewire.dataset.workers import skip_pandas\n"
        "import pyarrow as pa\n"
        "skip_pandas()\n"
        "t = pa.table({'s': pa.array(['a', None]), 'n': pa.array([1, None], pa.int64()), 'f': [1.5, 2.0]})\n"
        "assert t.to_pylist() == [{'s': 'a', 'n': 1, 'f': 1.5}, {'s': None, 'n': None, 'f': 2.0}], t\n"
        "print('pandas' in sys.modules)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "False"


def _pool_children() -> list[int]:
    """Live children of this process that are multiprocessing workers (from /proc)."""
    import os

    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{d}/cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and b"multiprocessing" in cmd and b"resource_tracker" not in cmd:
            found.append(int(d))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.usefixtures("prefect_harness")
def test_process_runner_workers_are_gone_before_the_commit(
    raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers live only while the batches run: the commit and the report (the parent's own
    peak) do not add to theirs. Each batch is still a task run of the flow."""
    import flows.flow as ff
    from quotewire.dataset import io as qio
    from tests.helpers import article

    for i in range(6):
        (raw_dir / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    at_commit: list[list[int]] = []
    real_commit = qio.commit

    def commit(*args: Any, **kwargs: Any) -> None:
        at_commit.append(_pool_children())
        real_commit(*args, **kwargs)

    monkeypatch.setattr(qio, "commit", commit)
    result = ff.make_flow("process", None, 2)(raw=str(raw_dir), out=str(out_dir), batch_size=2, corpus=False)
    assert result["processed"] == 6 and result["written"]["documents"] == 6
    assert at_commit == [[]] and not ff._POOLS
