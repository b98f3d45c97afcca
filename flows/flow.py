"""The Prefect layer: a thin flow over the pure stages and the IO module.

One task per batch of articles (Prefect's per-task overhead is amortized over the batch); the
commit, the manifest and the run summary happen in the flow itself. This is the only module that
imports Prefect.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from quotewire.dataset import io as qio
from quotewire.dataset.batch import BatchResult, process_batch
from quotewire.dataset.pipeline import Options
from quotewire.dataset.runner import BatchArgs, RunSummary, run_pipeline
from quotewire.dataset.schema import TABLES
from quotewire.errors import ConfigError
from quotewire.extract.quotes.lexicons import DEFAULT_CUES

log = logging.getLogger(__name__)


@task(name="process-batch", retries=1, retry_delay_seconds=1)
def process_batch_task(
    raw: str, out: str, run_id: str, part: str, units: list[qio.InputUnit], options: Options, text_field: str
) -> BatchResult:
    return process_batch(Path(raw), Path(out), run_id, part, units, options, text_field)


def _submit_all(work: list[BatchArgs]) -> Iterator[BatchResult]:
    """Submit the batches with a bounded number in flight; yield results in order.

    Submitting every batch up front kept every future (and, once done, its result) referenced
    until the last batch finished: O(batches) memory for nothing. A window of twice the workers
    keeps them all busy while only a few results are alive at a time.
    """
    window = 2 * _workers()
    in_flight: deque[PrefectFuture[BatchResult]] = deque()
    for args in work:
        in_flight.append(process_batch_task.submit(*args))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def _workers() -> int:
    """Workers of the flow's task runner (threads and process pools say; Dask: a generous guess)."""
    ctx = FlowRunContext.get()
    n = getattr(ctx.task_runner, "_max_workers", None) if ctx is not None else None
    if isinstance(n, int) and 0 < n < 1 << 16:
        return n
    # A Dask cluster's size is not known here; 32 in flight keeps a large cluster fed while the
    # results alive at once stay a few MB.
    return 32


def _task_runner(kind: str, dask_address: str | None) -> Any:
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2)
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=os.cpu_count() or 2)
    if kind == "dask":
        try:
            from prefect_dask.task_runners import DaskTaskRunner
        except ImportError as exc:  # the optional extra: say how to get it, not a traceback
            raise ConfigError(
                f'--task-runner dask needs the dask extra ({exc.name or exc} is missing): pip install -e ".[dask]"'
            ) from exc

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 2, "threads_per_worker": 1})
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
    opts = Options(
        include_text=include_text,
        max_chars=max_chars,
        extra_boilerplate=tuple(re.compile(p) for p in boilerplate or ()),
        cues=DEFAULT_CUES.extended(**cues) if cues else DEFAULT_CUES,
    )
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


def make_flow(task_runner: str = "threads", dask_address: str | None = None) -> Any:
    """The flow with the chosen task runner (threads, process, or dask via prefect-dask)."""
    return quotewire_flow.with_options(task_runner=_task_runner(task_runner, dask_address))


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
