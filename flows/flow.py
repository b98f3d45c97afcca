"""The Prefect layer: a thin flow over the pure stages and the IO module.

One task per batch of articles (Prefect's per-task overhead is amortized over the batch); the
commit, the manifest and the run summary happen in the flow itself. This module imports Prefect
at its top; ``server`` must not (it exports the API address before Prefect reads its settings).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import PrefectFuture
from prefect.logging.handlers import APILogWorker
from prefect.task_runners import ThreadPoolTaskRunner

from quotewire.dataset import io as qio
from quotewire.dataset.batch import BatchResult, process_batch
from quotewire.dataset.pipeline import Options
from quotewire.dataset.runner import BatchArgs, RunSummary, run_options, run_pipeline
from quotewire.dataset.schema import TABLES
from quotewire.dataset.workers import process_pool, run_batch, worker_init
from quotewire.errors import ConfigError, Terminated

log = logging.getLogger(__name__)


# No cache policy: a batch is never reused from a cache (the manifest decides what is redone),
# and Prefect's default policy hashed every batch's units and options (about 5 ms a task).
@task(name="process-batch", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)
def process_batch_task(
    raw: str, out: str, run_id: str, part: str, units: list[qio.InputUnit], options: Options, text_field: str
) -> BatchResult:
    pool = _POOLS.get(run_id)
    if pool is not None:
        # The process runner: this thread records the task run, a lean worker does the work.
        return pool.submit(run_batch, (raw, out, run_id, part, units, options, text_field)).result()
    return process_batch(Path(raw), Path(out), run_id, part, units, options, text_field)


#: The worker pool of each running flow's ``PoolTaskRunner``, by run id (``_submit_all`` sets it).
_POOLS: dict[str, Executor] = {}


def _submit_all(work: Sequence[BatchArgs]) -> Iterator[BatchResult]:
    """Submit the batches with a bounded number in flight; yield results in order.

    Submitting every batch up front kept every future (and, once done, its result) referenced
    until the last batch finished: O(batches) memory for nothing. A window of twice the workers
    keeps them all busy while only a few results are alive at a time. Under a ``PoolTaskRunner``
    the worker processes live only while the batches run: they are gone before the commit.
    """
    ctx = FlowRunContext.get()
    runner = ctx.task_runner if ctx is not None else None
    if not isinstance(runner, PoolTaskRunner) or not work:
        yield from _windowed(work)
        return
    run_id = work[0][2]
    with process_pool(runner.workers, initializer=runner.initializer) as pool:
        _POOLS[run_id] = pool
        try:
            yield from _windowed(work)
        finally:
            _POOLS.pop(run_id, None)


def _windowed(work: Sequence[BatchArgs]) -> Iterator[BatchResult]:
    window = 2 * _workers()
    in_flight: deque[PrefectFuture[BatchResult]] = deque()
    for args in work:
        in_flight.append(process_batch_task.submit(*args))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


class PoolTaskRunner(ThreadPoolTaskRunner[Any]):
    """The ``process`` runner: Prefect threads record one task run per batch; a plain pool of
    ``max_workers`` spawned processes (``quotewire.dataset.workers``) does the work.

    Prefect's own ``ProcessPoolTaskRunner`` ran the task engine in every worker: each imported
    Prefect and kept an API client (measured 256 MiB resident a worker against 158 MiB for a
    lean one, and 4.7 CPU-seconds to start), and its workers lived until the flow ended.
    """

    #: Run first in every worker: Ctrl-C left to the command line, death with it on ``kill -9``.
    _initializer = staticmethod(worker_init)

    @property
    def workers(self) -> int:
        return int(self._max_workers)

    @property
    def initializer(self) -> Callable[[], None]:
        return self._initializer


def _workers() -> int:
    """Workers of the flow's task runner (threads and process pools say; Dask: a generous guess)."""
    ctx = FlowRunContext.get()
    n = getattr(ctx.task_runner, "_max_workers", None) if ctx is not None else None
    if isinstance(n, int) and 0 < n < 1 << 16:
        return n
    # A Dask cluster's size is not known here; 32 in flight keeps a large cluster fed while the
    # results alive at once stay a few MB.
    return 32


def default_workers() -> int:
    """One worker per core this process may use (its CPU affinity, not the machine's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS has no affinity call
        return os.cpu_count() or 2


def _task_runner(kind: str, dask_address: str | None, workers: int | None = None) -> Any:
    """The task runner of ``kind`` with ``workers`` workers (default: one per usable core).

    With ``dask_address`` the cluster's own size decides; ``workers`` does not apply.
    """
    if workers is not None and workers < 1:
        raise ConfigError(f"found --workers {workers}, expected a positive number")
    n = workers or default_workers()
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=n)
    if kind == "process":
        return PoolTaskRunner(max_workers=n)
    if kind == "dask":
        try:
            from prefect_dask.task_runners import DaskTaskRunner
        except ImportError as exc:  # the optional extra: say how to get it, not a traceback
            raise ConfigError(
                f'--task-runner dask needs the dask extra ({exc.name or exc} is missing): pip install -e ".[dask]"'
            ) from exc

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # One single-threaded process per worker: extraction is pure Python (GIL-bound).
        return DaskTaskRunner(cluster_kwargs={"n_workers": n, "threads_per_worker": 1, "dashboard_address": None})
    raise ConfigError(f"found task runner {kind!r}, expected threads, process or dask")


@flow(name="quotewire", log_prints=True)
def quotewire_flow(
    raw: str = "raw",
    out: str = "output",
    full: bool = False,
    keep_deleted: bool = False,
    include_text: bool = True,
    batch_size: int = 200,
    text_field: str = "text",
    max_quarantine_ratio: float = 1.0,
    progress: bool = False,
    max_chars: int = 5_000_000,
    boilerplate: list[str] | None = None,
    aliases: dict[str, str] | None = None,
    corpus: bool = True,
    cues: dict[str, list[str]] | None = None,
    announce: bool = False,
) -> dict[str, Any]:
    """Turn the raw folder into the validated dataset in the output folder (incrementally).

    ``announce``: write the run's one-line summary to stdout (``serve`` sets it: its runs happen
    in a process of their own whose output the serving terminal shows).
    """
    opts = run_options(include_text=include_text, max_chars=max_chars, boilerplate=boilerplate, cues=cues)
    summary = run_pipeline(
        Path(raw), Path(out), full=full, keep_deleted=keep_deleted, options=opts, batch_size=batch_size,
        text_field=text_field, max_quarantine_ratio=max_quarantine_ratio, progress=progress,
        map_batches=_submit_all, aliases=aliases, corpus=corpus,
    )
    _publish_artifacts(summary)
    if announce:
        # Not print(): log_prints routes print() to Prefect's logger, which the console shows at INFO only.
        sys.stdout.write(summary.one_line() + "\n")
        sys.stdout.flush()
    return summary.as_dict()


def make_flow(task_runner: str = "threads", dask_address: str | None = None, workers: int | None = None) -> Any:
    """The flow with the chosen task runner (threads, process, or dask via prefect-dask) and
    ``workers`` workers (default: one per usable core)."""
    return quotewire_flow.with_options(task_runner=_task_runner(task_runner, dask_address, workers))


def call_flow(fl: Any, **kwargs: Any) -> dict[str, Any]:
    """Run the flow; Prefect's SIGTERM exception becomes quotewire's ``Terminated``.

    While a flow runs, Prefect's own SIGTERM handler raises its ``TerminationSignal``; the
    command line knows only ``Terminated`` (it must not import Prefect), and exits 143 for it.
    """
    try:
        return dict(fl(**kwargs))
    except TerminationSignal as exc:
        raise Terminated(exc.signal) from exc
    finally:
        # Ship the run's logs now, while the run's API is still up: at interpreter exit (the
        # default) the local server is gone and every shipment fails with a traceback.
        with contextlib.suppress(Exception):
            APILogWorker.drain_all(timeout=5)


def _publish_artifacts(s: RunSummary) -> None:
    md = [
        f"# quotewire run `{s.run_id}`",
        "",
        "| inputs found | processed | unchanged | duplicate | quarantined | deleted | rejects |",
        "|---|---|---|---|---|---|---|",
        f"| {s.found} | {s.processed} | {s.unchanged} | {s.duplicate} | {s.quarantined} | {s.deleted} | {s.rejects} |",
        "",
        "| table | records in dataset | written this run |",
        "|---|---|---|",
        *[f"| {t} | {s.records.get(t, 0)} | {s.written.get(t, 0)} |" for t in TABLES],
        "",
        "Events from {} to {}".format(*s.date_range) if s.date_range else "No dated events.",
        *[f"\n**Note:** {n}" for n in s.notes],
    ]
    try:
        create_markdown_artifact("\n".join(md), key="quotewire-run", description="quotewire run summary")
        if s.top_speakers:
            create_table_artifact(
                [{"speaker": n, "quotes": c} for n, c in s.top_speakers], key="quotewire-top-speakers"
            )
        if s.quarantine:
            create_table_artifact(
                [{"input": k, "reason": r} for k, r in s.quarantine[:200]], key="quotewire-quarantine"
            )
    except Exception as exc:  # artifacts are a convenience; a run never fails for them
        log.warning("could not publish Prefect artifacts: %s", exc)
