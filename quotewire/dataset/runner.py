"""Run the pipeline over a raw folder: plan, process batches, commit, summarize.

No Prefect here: ``map_batches`` decides how batches run (sequentially by default; the Prefect
flow passes one that submits a task per batch to its task runner).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import logging
import re
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, cast

from quotewire.dataset import io as qio
from quotewire.dataset.batch import BatchResult, process_batch, validate_table
from quotewire.dataset.ids import short_hash
from quotewire.dataset.pipeline import Options
from quotewire.dataset.plan import Plan, batch_rows, batches, make_plan, next_manifest
from quotewire.dataset.schema import TABLES, schema_version
from quotewire.errors import RunFailed
from quotewire.extract.quotes.lexicons import DEFAULT_CUES
from quotewire.version import __version__

log = logging.getLogger(__name__)

# One batch of work: (raw, out, run_id, part, units, options, text_field).
BatchArgs = tuple[str, str, str, str, list[qio.InputUnit], Options, str]
MapBatches = Callable[[list[BatchArgs]], Iterable[BatchResult]]


def sequential(work: list[BatchArgs]) -> Iterator[BatchResult]:
    """Run batches one after another in this process (tests, benchmarks, no Prefect)."""
    for raw, out, run_id, part, units, options, text_field in work:
        yield process_batch(Path(raw), Path(out), run_id, part, units, options, text_field)


@dataclass(slots=True)
class RunSummary:
    """What a run did; printed at the end and published as a Prefect artifact."""

    run_id: str
    found: int = 0
    processed: int = 0
    unchanged: int = 0
    duplicate: int = 0
    quarantined: int = 0
    deleted: int = 0
    records: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    rejects: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    quarantine: list[tuple[str, str]] = field(default_factory=list)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    date_range: tuple[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True)
class _Totals:
    """Running totals of the batch results, folded in as each batch completes.

    Keeping every ``BatchResult`` until the end made the run hold per-batch speaker counters,
    unit results and dates for the whole corpus; the totals are all the summary needs.
    """

    processed: int = 0
    quarantine: list[tuple[str, str]] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)
    stage: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    speakers: Counter[str] = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def add(self, res: BatchResult) -> None:
        for ur in res.units:
            if ur.status == "processed":
                self.processed += 1
            else:
                self.quarantine.append((ur.key, ur.reason or ""))
        for t, n in res.counts.items():
            self.written[t] = self.written.get(t, 0) + n
        for k, v in res.seconds.items():
            self.stage[k] += v
        self.speakers.update(res.top_speakers)
        if res.event_dates:
            lo, hi = min(res.event_dates), max(res.event_dates)
            self.first_date = lo if self.first_date is None else min(self.first_date, lo)
            self.last_date = hi if self.last_date is None else max(self.last_date, hi)
        self.rejects += res.rejects

    def fill(self, summary: RunSummary) -> None:
        summary.processed = self.processed
        summary.quarantined = len(self.quarantine)
        summary.quarantine = self.quarantine
        summary.written = self.written
        summary.rejects = len(self.rejects)
        summary.stage_seconds = {k: round(v, 3) for k, v in self.stage.items()}
        summary.top_speakers = self.speakers.most_common(10)
        if self.first_date is not None and self.last_date is not None:
            summary.date_range = (self.first_date, self.last_date)


def release_memory() -> None:
    """Hand freed heap memory back to the OS (glibc only; a no-op elsewhere).

    glibc keeps freed memory in its arenas (one per thread that allocated: the task runner's
    workers, Arrow's IO threads), so after a batch's records and Arrow buffers are freed the
    resident size stays at its high-water mark and creeps up with fragmentation over hundreds of
    batches. ``malloc_trim(0)`` returns the free pages of every arena; it costs ~1 ms.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if sys.platform != "linux":
        return None
    try:
        libc = ctypes.CDLL(None)
        return cast(Callable[[int], int], libc.malloc_trim)
    except (OSError, AttributeError):  # musl and other libcs have no malloc_trim
        return None


def run_options(
    *,
    include_text: bool = True,
    max_chars: int = 5_000_000,
    boilerplate: Iterable[str] | None = None,
    cues: Mapping[str, list[str]] | None = None,
) -> Options:
    """The pipeline options of a run from its (JSON-friendly) flow parameters.

    One place, so the flow and the command line's no-op check compute the same pipeline
    version (extra boilerplate and cue words are part of it).
    """
    return Options(
        include_text=include_text,
        max_chars=max_chars,
        extra_boilerplate=tuple(re.compile(p) for p in boilerplate or ()),
        cues=DEFAULT_CUES.extended(**cues) if cues else DEFAULT_CUES,
    )


def new_run_id() -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{now}-{uuid.uuid4().hex[:6]}"


def _rewrite_parts(out: Path, run_id: str, previous: dict[str, qio.ManifestRow], drop: set[str]) -> dict[str, str | None]:
    """Rewrite committed parts that hold dropped documents; map old part -> new part (or None)."""
    affected = sorted({r.part for r in previous.values() if r.part and r.doc_id in drop})
    renames: dict[str, str | None] = {}
    for i, old in enumerate(affected):
        new = f"part-{run_id}-r{i:05d}"
        kept = {
            t: [r for r in qio.read_part_records(out, t, old) if r["doc_id"] not in drop] for t in TABLES
        }
        has_docs = any(kept.get("documents", []))
        if has_docs:
            qio.write_part(out, run_id, new, kept, {"run_id": run_id, "pipeline_version": __version__, "part": new})
        renames[old] = new if has_docs else None
    return renames


def run_pipeline(
    raw: Path,
    out: Path,
    *,
    full: bool = False,
    keep_deleted: bool = False,
    options: Options | None = None,
    batch_size: int = 200,
    text_field: str = "text",
    max_quarantine_ratio: float = 1.0,
    progress: bool = False,
    map_batches: MapBatches | None = None,
    aliases: Mapping[str, str] | None = None,
    corpus: bool = True,
) -> RunSummary:
    """The body of the flow (callable under any Prefect task runner set by the flow)."""
    opts = options or Options()
    qio.check_folders(raw, out)
    t_start = time.perf_counter()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id)
    with qio.run_lock(out), _io_errors(out):
        rolled = qio.recover(out)
        if rolled:
            log.warning("completed the commit of interrupted run %s", rolled)
        previous = qio.load_manifest(out)
        units = qio.discover(raw, None if full else previous, max_line_bytes=opts.max_chars * 4)
        pv, sv = opts.pipeline_version, schema_version()
        plan = make_plan(units, previous, pipeline_version=pv, schema_version=sv, full=full, keep_deleted=keep_deleted)
        del units  # the plan holds the ones still needed (to process, duplicates)
        summary.found = plan.found
        summary.unchanged = len(plan.unchanged)
        summary.duplicate = len(plan.duplicates)
        summary.deleted = len(plan.deleted)
        work = batches(plan.to_process, size=batch_size)
        args: list[BatchArgs] = [
            (str(raw), str(out), run_id, f"part-{run_id}-{i:05d}", b, opts, text_field) for i, b in enumerate(work)
        ]
        del work
        # Each result becomes its manifest rows and running totals as it arrives and is then
        # dropped: nothing per batch is kept for the whole run (the units of a batch are found by
        # its part name, so a map_batches that yields out of order is fine too).
        pending = {a[3]: a[4] for a in args}
        totals = _Totals()
        new_rows: list[qio.ManifestRow] = []
        bar = _progress(len(plan.to_process)) if progress and plan.to_process else None
        for res in (map_batches or sequential)(args):
            new_rows += batch_rows(res, pending.pop(res.part), run_id=run_id, pipeline_version=pv, schema_version=sv)
            totals.add(res)
            if bar is not None:
                bar[0].update(bar[1], advance=len(res.units))
            del res
            release_memory()
        if bar is not None:
            bar[0].stop()
        del args, pending
        renames = _rewrite_parts(out, run_id, previous, plan.drop_docs)
        rows = next_manifest(plan, new_rows, renames, run_id=run_id, pipeline_version=pv, schema_version=sv)
        # The plan's units and the previous manifest are not needed past this point; dropping
        # them before the commit and the report lowers the peak (they are O(inputs)).
        del new_rows, plan, previous
        qio.write_rejects(out, run_id, totals.rejects)
        qio.commit(out, run_id, rows)
        qio.write_quarantine(out, rows)
        release_memory()
        totals.fill(summary)
        corpus_counts: dict[str, int] = {}
        if corpus:
            t_corpus = time.perf_counter()
            corpus_counts = rebuild_corpus(out, rows, aliases)
            summary.stage_seconds["corpus"] = round(time.perf_counter() - t_corpus, 3)
            summary.rejects += corpus_counts.pop("rejects", 0)
        del rows  # one object per input: not needed by the counts and the report below
        summary.records = {**qio.count_records(out, TABLES), **corpus_counts}
        release_memory()
        summary.seconds = round(time.perf_counter() - t_start, 3)
        _write_side_files(out, summary)

    ratio = summary.quarantined / max(1, summary.processed + summary.quarantined)
    if summary.processed + summary.quarantined and ratio > max_quarantine_ratio:
        raise RunFailed(
            f"{summary.quarantined} of {summary.processed + summary.quarantined} inputs quarantined "
            f"({ratio:.0%}), above the limit of {max_quarantine_ratio:.0%}; see {out / 'quarantine.jsonl'}"
        )
    return summary


@contextlib.contextmanager
def _io_errors(out: Path) -> Iterator[None]:
    """A failing disk (full, read-only, gone) ends the run with a clear message, not a traceback.

    The commit protocol guarantees the previous dataset is intact when this happens.
    """
    try:
        yield
    except OSError as exc:
        raise RunFailed(
            f"cannot write {out}: {exc.strerror or exc}; the previous dataset is unchanged, rerun when fixed"
        ) from exc


def rebuild_corpus(out: Path, rows: list[qio.ManifestRow], aliases: Mapping[str, str] | None) -> dict[str, int]:
    """Rebuild the corpus-wide tables (people, quotations and their links) from the committed data.

    A full rebuild: whether a bare surname is ambiguous, and which reprints cluster, depend on
    the whole corpus (measured: about 5 s of CPU at 20,000 documents; see benchmarks/README.md).
    Skipped when neither the live parts nor the aliases changed since the last rebuild. The
    per-document part files are never touched.
    """
    from quotewire.dataset.corpus import TABLES as DERIVED
    from quotewire.dataset.corpus import build_corpus

    live = sorted(qio.live_parts(rows))
    key = corpus_key(rows, aliases)
    if qio.derived_key(out, DERIVED) == key:
        return qio.derived_counts(out, DERIVED)
    docs: list[dict[str, Any]] = []
    speakers: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    for part in live:
        docs += [
            {k: d.get(k) for k in ("doc_id", "published", "outlet")}
            for d in qio.read_part_records(out, "documents", part)
        ]
        # Only the fields the corpus reads: a speaker's mention spans are most of its record.
        speakers += [
            {k: s.get(k) for k in ("speaker_id", "doc_id", "name", "kind", "descriptors", "quote_count")}
            for s in qio.read_part_records(out, "speakers", part)
        ]
        quotes += [
            {k: q.get(k) for k in ("quote_id", "doc_id", "text", "speaker_id", "speaker", "type")}
            for q in qio.read_part_records(out, "quotes", part)
        ]
    derived = build_corpus(docs, speakers, quotes, aliases=aliases)
    counts: dict[str, int] = {}
    rejects: list[dict[str, Any]] = []
    for table in DERIVED:
        good, bad = validate_table(table, derived[table], "corpus")
        rejects += bad
        qio.write_derived(out, table, good, {"corpus_key": key, "pipeline_version": __version__})
        counts[table] = len(good)
    if rejects:
        qio.write_rejects(out, f"corpus-{key}", rejects)
    counts["rejects"] = len(rejects)
    return counts


def corpus_key(rows: Iterable[qio.ManifestRow], aliases: Mapping[str, str] | None) -> str:
    """What the corpus tables depend on: the live parts, the aliases and the versions."""
    live = sorted(qio.live_parts(rows))
    return short_hash("corpus", live, sorted((aliases or {}).items()), __version__, schema_version())


def nothing_to_do(
    raw: Path,
    out: Path,
    *,
    keep_deleted: bool = False,
    options: Options | None = None,
    corpus: bool = True,
    aliases: Mapping[str, str] | None = None,
) -> RunSummary | None:
    """The summary of a rerun that would change nothing, or None when there is work to do.

    Planning costs a directory walk (unchanged ``.txt`` files are not even hashed) while a run
    through Prefect costs its start-up (7-15 s here): so the command line asks this first and
    starts Prefect only when some input is new, changed or deleted, a duplicate is not yet
    recorded, an interrupted run awaits recovery, or the corpus tables are stale. It reads
    under the run lock (a second run still exits 4 while one is writing) and writes nothing.
    """
    return preview(raw, out, keep_deleted=keep_deleted, options=options, corpus=corpus, aliases=aliases)[0]


def preview(
    raw: Path,
    out: Path,
    *,
    full: bool = False,
    keep_deleted: bool = False,
    options: Options | None = None,
    corpus: bool = True,
    aliases: Mapping[str, str] | None = None,
) -> tuple[RunSummary | None, int]:
    """``nothing_to_do``'s answer and the number of inputs a run would process (all of them
    with ``full``; the command line sizes its task runner by it)."""
    opts = options or Options()
    qio.check_folders(raw, out)
    first = not (out / qio.MANIFEST).is_file()
    with qio.run_lock(out), _io_errors(out):
        previous = {} if first else qio.load_manifest(out)
        units = qio.discover(raw, None if full else previous, max_line_bytes=opts.max_chars * 4)
        plan = make_plan(units, previous, pipeline_version=opts.pipeline_version, schema_version=schema_version(),
                         full=full, keep_deleted=keep_deleted)
        del units
        pending = len(plan.to_process)
        if first or full:
            return None, pending  # a first run creates the folder layout and side files
        if (out / qio.STAGING).is_dir() and any((out / qio.STAGING).iterdir()):
            return None, pending  # an interrupted run: the real run recovers it
        if plan.to_process or plan.deleted or plan.drop_docs or not _duplicates_recorded(plan, previous):
            return None, pending
        summary = RunSummary(run_id=qio.manifest_run_id(out) or "", found=plan.found,
                             unchanged=len(plan.unchanged), duplicate=len(plan.duplicates))
        summary.records = qio.count_records(out, TABLES)
        if corpus:
            from quotewire.dataset.corpus import TABLES as DERIVED

            if qio.derived_key(out, DERIVED) != corpus_key(previous.values(), aliases):
                return None, pending  # the corpus tables are missing or built for other parts or aliases
            summary.records.update(qio.derived_counts(out, DERIVED))
    return summary, pending


def _duplicates_recorded(plan: Plan, previous: Mapping[str, qio.ManifestRow]) -> bool:
    """Whether every duplicate input is already in the manifest as the same duplicate."""
    for u, first in plan.duplicates:
        prev = previous.get(u.key)
        if prev is None or prev.status != "duplicate" or prev.sha256 != u.sha256 or prev.reason != f"same bytes as {first}":
            return False
    return True


def _write_side_files(out: Path, summary: RunSummary) -> None:
    """Files generated from the committed dataset (data dictionary); never part of the commit."""
    try:
        from quotewire.dataset.docs import data_dictionary

        qio.atomic_write_text(out / "README.md", data_dictionary())
    except ImportError:
        pass
    try:
        from quotewire.dataset.report import write_report

        write_report(out, summary.as_dict())
    except Exception:  # the run is committed: a report that cannot be written must not fail it
        log.warning("could not write %s", out / "report.html", exc_info=True)


def _progress(total: int) -> tuple[Any, Any] | None:
    try:
        from rich.progress import Progress
    except ImportError:
        return None
    p = Progress(transient=False)
    p.start()
    return p, p.add_task("articles", total=total)


