"""Run the pipeline over a raw folder: plan, process batches, commit, summarize.

No Prefect here: ``map_batches`` decides how batches run (sequentially by default; the Prefect
flow passes one that submits a task per batch to its task runner).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import pickle
import re
import shutil
import time
import uuid
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, overload

from quotewire.dataset import integrity
from quotewire.dataset import io as qio
from quotewire.dataset.batch import BatchResult, process_batch
from quotewire.dataset.derived import corpus_key as corpus_key
from quotewire.dataset.derived import derived_counts, derived_key
from quotewire.dataset.derived import rebuild_corpus as rebuild_corpus
from quotewire.dataset.pipeline import Options, changed_settings
from quotewire.dataset.plan import Plan, batch_rows, batches, make_plan, next_manifest
from quotewire.dataset.schema import TABLES, schema_version
from quotewire.dataset.workers import release_memory
from quotewire.errors import DamagedOutput, OutputFailed, RunFailed
from quotewire.extract.quotes.lexicons import DEFAULT_CUES
from quotewire.version import __version__

log = logging.getLogger(__name__)

# One batch of work: (raw, out, run_id, part, units, options, text_field).
BatchArgs = tuple[str, str, str, str, list[qio.InputUnit], Options, str]
MapBatches = Callable[[Sequence[BatchArgs]], Iterable[BatchResult]]


def _pack(objs: list[Any]) -> bytes:
    """Pickled, then compressed (level 1: 0.7 ms for 500 units; hashes in hex and repeated
    paths make 146 bytes a unit 60)."""
    return zlib.compress(pickle.dumps(objs, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(blob: bytes) -> list[Any]:
    objs: list[Any] = pickle.loads(zlib.decompress(blob))
    return objs


class PackedBatches(Sequence[BatchArgs]):
    """The run's batches, each one's units kept pickled until it is handed to ``map_batches``.

    The parent of a run holds every input's unit from the plan until its batch is done. As
    objects a unit is about 0.5-0.7 KB (the object, its key, its hash as text, its offsets):
    67 MiB at 100,000 JSONL lines, resident in the command line beside the workers for the whole
    run, since the memory freed batch by batch was refilled by the growing manifest rows rather
    than returned. Packed per batch (``_pack``) it is about 60 bytes (measured); a batch's units
    are unpacked when it is submitted (its task holds them while it runs) and once more, by
    ``done``, for its manifest rows, after which its bytes are dropped.
    """

    __slots__ = ("_blobs", "_head", "_index", "_parts", "_tail", "inputs")

    def __init__(self, head: tuple[str, str, str], tail: tuple[Options, str], parts: list[str], blobs: list[bytes],
                 inputs: int) -> None:
        self._head, self._tail = head, tail
        self._parts: list[str] = parts
        self._blobs: list[bytes | None] = list(blobs)
        self._index = {p: i for i, p in enumerate(parts)}
        self.inputs = inputs

    @classmethod
    def pack(cls, work: list[list[qio.InputUnit]], *, raw: str, out: str, run_id: str, options: Options,
             text_field: str) -> PackedBatches:
        """Pack ``work`` (emptied as it goes, so the units are freed batch by batch)."""
        parts = [f"part-{run_id}-{i:05d}" for i in range(len(work))]
        blobs, inputs = [], 0
        for i, units in enumerate(work):
            inputs += len(units)
            blobs.append(_pack(units))
            work[i] = []
        return cls((raw, out, run_id), (options, text_field), parts, blobs, inputs)

    def __len__(self) -> int:
        return len(self._parts)

    @overload
    def __getitem__(self, i: int) -> BatchArgs: ...

    @overload
    def __getitem__(self, i: slice) -> list[BatchArgs]: ...

    def __getitem__(self, i: int | slice) -> BatchArgs | list[BatchArgs]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        blob = self._blobs[i]
        if blob is None:
            raise LookupError(f"batch {self._parts[i]} is done; its units were dropped")
        raw, out, run_id = self._head
        options, text_field = self._tail
        return raw, out, run_id, self._parts[i], _unpack(blob), options, text_field

    def done(self, part: str) -> list[qio.InputUnit]:
        """The units of a finished batch, for its manifest rows; its packed bytes are dropped."""
        i = self._index.pop(part)
        blob = self._blobs[i]
        self._blobs[i] = None
        if blob is None:  # pragma: no cover - a result reported twice is a bug in map_batches
            raise LookupError(f"batch {part} reported twice")
        units: list[qio.InputUnit] = _unpack(blob)
        return units


class _PackedRows:
    """This run's manifest rows, packed batch by batch until the commit needs them (about 60
    bytes a row against about 450 as objects once the units that shared their strings are gone)."""

    __slots__ = ("_blobs",)

    def __init__(self) -> None:
        self._blobs: list[bytes] = []

    def add(self, rows: list[qio.ManifestRow]) -> None:
        self._blobs.append(_pack(rows))

    def unpack(self) -> Iterator[qio.ManifestRow]:
        """Every row in the order added; each batch's bytes are dropped once unpickled."""
        blobs, self._blobs = self._blobs, []
        blobs.reverse()
        while blobs:
            yield from _unpack(blobs.pop())


def sequential(work: Sequence[BatchArgs]) -> Iterator[BatchResult]:
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
    # Warnings and explanations the user must see (damaged parts rebuilt, why inputs were reprocessed).
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def one_line(self) -> str:
        """The run in one line (``quotewire serve`` prints one per scheduled run)."""
        return (
            f"quotewire run {self.run_id}: {self.found} found, {self.processed} processed, {self.unchanged} unchanged, "
            f"{self.quarantined} quarantined, {self.deleted} deleted; {self.records.get('documents', 0)} documents, "
            f"{self.records.get('quotes', 0)} quotes; {self.rejects} rejects; {self.seconds:.1f}s"
        )


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


class _DamagedPart(Exception):
    """A committed part that had to be read (to keep some of its records) could not be."""

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(reason)
        self.part, self.reason = part, reason


def _rewrite_parts(out: Path, run_id: str, previous: dict[str, qio.ManifestRow], drop: set[str]) -> dict[str, str | None]:
    """Rewrite committed parts that hold dropped documents; map old part -> new part (or None).

    A part none of whose documents is kept is never read: a run that drops everything
    (``--full``, a version change) cannot trip over a damaged part. A part that must be read and
    cannot be raises ``_DamagedPart``.
    """
    docs_of: defaultdict[str, set[str]] = defaultdict(set)
    for r in previous.values():
        if r.part and r.doc_id:
            docs_of[r.part].add(r.doc_id)
    affected = sorted(p for p, docs in docs_of.items() if docs & drop)
    renames: dict[str, str | None] = {}
    for i, old in enumerate(affected):
        if docs_of[old] <= drop:
            renames[old] = None
            continue
        new = f"part-{run_id}-r{i:05d}"
        try:
            kept = {
                t: [r for r in qio.read_part_records(out, t, old) if r["doc_id"] not in drop] for t in TABLES
            }
        except DamagedOutput as exc:
            raise _DamagedPart(old, str(exc)) from exc
        has_docs = any(kept.get("documents", []))
        if has_docs:
            qio.write_part(out, run_id, new, kept, {"run_id": run_id, "pipeline_version": __version__, "part": new})
        renames[old] = new if has_docs else None
    return renames


@dataclass(slots=True)
class _Start:
    """What a run builds on: the committed manifest (and its metadata) and the plan over the inputs."""

    previous: dict[str, qio.ManifestRow]
    meta: dict[str, str]
    plan: Plan
    renames: dict[str, str | None]
    scanned_ns: int


def _load_previous(out: Path, notes: list[str]) -> tuple[dict[str, qio.ManifestRow], dict[str, str]]:
    """Finish an interrupted commit, then read the committed manifest and its metadata.

    A damaged manifest is not fatal (rule: the output can always be rebuilt from the inputs):
    the run starts from an empty one, which reprocesses every input and replaces every part.
    """
    try:
        rolled = qio.recover(out)
        if rolled:
            log.warning("completed the commit of interrupted run %s", rolled)
        return qio.load_manifest(out), qio.manifest_meta(out)
    except DamagedOutput as exc:
        _warn(notes, f"{exc}; every input is reprocessed and the manifest rebuilt")
        return {}, {}


def _start(
    raw: Path, out: Path, run_id: str, opts: Options, *, full: bool, keep_deleted: bool, notes: list[str]
) -> _Start:
    """Recover, discover the inputs, check the committed parts, plan, and stage rewritten parts."""
    previous, meta = _load_previous(out, notes)
    scanned_ns = time.time_ns()
    units = qio.discover(raw, None if full else previous, max_line_bytes=opts.max_chars * 4,
                         scanned_ns=_int_or_none(meta.get("scanned_ns")))
    pv, sv = opts.pipeline_version, schema_version()
    # --full reads no committed part, so damaged ones need no check (they are all replaced).
    damaged = {} if full else integrity.damaged_parts(out, previous.values(), integrity.load_ledger(meta))
    while True:
        plan = make_plan(units, previous, pipeline_version=pv, schema_version=sv, full=full,
                         keep_deleted=keep_deleted, damaged_parts=set(damaged))
        try:
            renames = _rewrite_parts(out, run_id, previous, plan.drop_docs)
            break
        except _DamagedPart as exc:
            # Each pass adds a part (a damaged part's documents are all dropped, so it is not read again).
            damaged[exc.part] = exc.reason
    _damage_notes(damaged, previous, plan, keep_deleted, notes)
    _settings_note(previous, meta, opts, notes)
    return _Start(previous, meta, plan, renames, scanned_ns)


def _damage_notes(damaged: Mapping[str, str], previous: Mapping[str, qio.ManifestRow], plan: Plan,
                  keep_deleted: bool, notes: list[str]) -> None:
    """One warning per damaged part: what is wrong, how many documents are rebuilt, and how many
    kept records of deleted inputs (``--keep-deleted``) are lost with it."""
    gone = {r.unit_key for r in plan.deleted}
    for part, reason in sorted(damaged.items()):
        keys = [k for k, r in previous.items() if r.part == part]
        lost = sum(k in gone for k in keys) if keep_deleted else 0
        msg = f"part {part} is damaged ({reason}); its {len(keys) - lost} documents are rebuilt from the inputs"
        if lost:
            msg += f"; {lost} documents of deleted inputs kept with --keep-deleted cannot be rebuilt and are dropped"
        _warn(notes, msg)


def _settings_note(previous: Mapping[str, qio.ManifestRow], meta: Mapping[str, str], opts: Options,
                   notes: list[str]) -> None:
    """Say why inputs are reprocessed when the recorded version differs from this run's."""
    pv = opts.pipeline_version
    stale = [r for r in previous.values() if r.status in ("processed", "quarantined") and r.pipeline_version != pv]
    if not stale:
        return
    try:
        before = json.loads(meta.get("settings", "{}"))
    except ValueError:
        before = {}
    changed = changed_settings(before, opts.settings()) if isinstance(before, dict) and before else {}
    why = ("settings changed: " + ", ".join(f"{k} {a!r} -> {b!r}" for k, (a, b) in changed.items()) if changed
           else f"pipeline version changed: {stale[0].pipeline_version} -> {pv}")
    notes.append(f"{len(stale)} inputs reprocessed ({why})")


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _warn(notes: list[str], message: str) -> None:
    log.warning("%s", message)
    notes.append(message)


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
    # The text field changes the records, so it is one of the recorded settings.
    opts = replace(options or Options(), text_field=text_field)
    qio.check_folders(raw, out)
    t_start = time.perf_counter()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id)
    step = _Step()
    with qio.run_lock(out), _io_errors(out, run_id, step):
        st = _start(raw, out, run_id, opts, full=full, keep_deleted=keep_deleted, notes=summary.notes)
        plan = st.plan
        summary.found = plan.found
        summary.unchanged = len(plan.unchanged)
        summary.duplicate = len(plan.duplicates)
        summary.deleted = len(plan.deleted)
        pv, sv = opts.pipeline_version, schema_version()
        # From here the batches hold the units, packed (``PackedBatches``): the plan lets go of
        # them and the unit objects are freed before the first batch starts.
        work = PackedBatches.pack(batches(plan.to_process, size=batch_size), raw=str(raw), out=str(out),
                                  run_id=run_id, options=opts, text_field=text_field)
        plan.to_process = []
        release_memory()
        # Each result becomes its manifest rows (packed too) and running totals as it arrives and
        # is then dropped: nothing per batch is kept unpacked for the whole run (a batch's units
        # are found by its part name, so a map_batches that yields out of order is fine too).
        totals = _Totals()
        new_rows = _PackedRows()
        bar = _progress(work.inputs) if progress and work.inputs else None
        for res in (map_batches or sequential)(work):
            new_rows.add(batch_rows(res, work.done(res.part), run_id=run_id, pipeline_version=pv, schema_version=sv))
            totals.add(res)
            if bar is not None:
                bar[0].update(bar[1], advance=len(res.units))
            del res
            release_memory()
        if bar is not None:
            bar[0].stop()
        del work
        rows = next_manifest(plan, new_rows.unpack(), st.renames, run_id=run_id, pipeline_version=pv, schema_version=sv)
        # The plan's units and the previous manifest are not needed past this point; dropping
        # them before the commit and the report lowers the peak (they are O(inputs)).
        del new_rows, plan, st.plan, st.previous
        qio.write_rejects(out, run_id, totals.rejects)
        qio.commit(out, run_id, rows, _commit_metadata(out, run_id, rows, opts, st.scanned_ns))
        step.now = "quarantine.jsonl"
        qio.write_quarantine(out, rows)
        release_memory()
        totals.fill(summary)
        corpus_counts: dict[str, int] = {}
        if corpus:
            t_corpus = time.perf_counter()
            step.now = "the corpus tables (people, speaker_person, quotations, quote_quotation)"
            corpus_counts = rebuild_corpus(out, rows, aliases)
            summary.stage_seconds["corpus"] = round(time.perf_counter() - t_corpus, 3)
            summary.rejects += corpus_counts.pop("rejects", 0)
        del rows  # one object per input: not needed by the counts and the report below
        summary.records = {**qio.count_records(out, TABLES), **corpus_counts}
        release_memory()
        summary.seconds = round(time.perf_counter() - t_start, 3)
        step.now = "README.md and report.html"
        _write_side_files(out, summary)

    ratio = summary.quarantined / max(1, summary.processed + summary.quarantined)
    if summary.processed + summary.quarantined and ratio > max_quarantine_ratio:
        raise RunFailed(
            f"{summary.quarantined} of {summary.processed + summary.quarantined} inputs quarantined "
            f"({ratio:.0%}), above the limit of {max_quarantine_ratio:.0%}; see {out / 'quarantine.jsonl'}"
        )
    return summary


def _commit_metadata(out: Path, run_id: str, rows: list[qio.ManifestRow], opts: Options, scanned_ns: int) -> dict[str, str]:
    """The manifest's footer: the part ledger (checked by the next run), the settings the records
    were made with (to say why a rerun reprocesses) and when the inputs were scanned (discovery
    rehashes files modified around that time)."""
    ledger = integrity.build_ledger(out, run_id, qio.live_parts(rows))
    return {
        integrity.LEDGER_KEY: integrity.ledger_json(ledger),
        "settings": json.dumps(opts.settings(), sort_keys=True),
        "scanned_ns": str(scanned_ns),
    }


@dataclass(slots=True)
class _Step:
    """The side file the run is writing after its commit (for the message when that fails)."""

    now: str = ""


@contextlib.contextmanager
def _io_errors(out: Path, run_id: str, step: _Step) -> Iterator[None]:
    """A failing disk (full, read-only, gone) ends the run with one clear line, not a traceback.

    The line says exactly what state the output is in (``_output_state``): before the commit
    the previous dataset is intact, after it the new one is committed and the next run finishes
    what is missing.
    """
    try:
        yield
    except OSError as exc:
        raise OutputFailed(f"cannot write {out}: {exc.strerror or exc}; {_output_state(out, run_id, step)}") from exc


def _output_state(out: Path, run_id: str, step: _Step) -> str:
    """What a failed run left, found by looking at the output (it may have failed anywhere)."""
    try:
        committed = qio.manifest_run_id(out) == run_id
        staged = qio.stage_dir(out, run_id)
        if not committed:
            shutil.rmtree(staged, ignore_errors=True)  # frees the space; the next run would discard it
            return "nothing was committed: the previous dataset is unchanged; rerun when fixed"
        if staged.exists():
            return (f"run {run_id} is committed (manifest.parquet is new) but not every table was put in "
                    "place: some tables still show the previous version (each shows one version); the "
                    "next run completes them, rerun when fixed")
    except OSError:
        return "the state of the output could not be read; rerun when fixed (the next run repairs it)"
    return (f"run {run_id} is committed and its tables are in place, but {step.now or 'a side file'} could "
            "not be written and is stale until the next run; rerun when fixed")


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


@contextlib.contextmanager
def _plan_errors(out: Path) -> Iterator[None]:
    """A failing disk while only planning (nothing written): one clear line, the dataset untouched."""
    try:
        yield
    except OSError as exc:
        raise OutputFailed(f"cannot read or lock {out}: {exc.strerror or exc}; nothing was written, "
                           "the dataset is unchanged; rerun when fixed") from exc


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
    with qio.run_lock(out), _plan_errors(out):
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

            if derived_key(out, DERIVED) != corpus_key(previous.values(), aliases):
                return None, pending  # the corpus tables are missing or built for other parts or aliases
            summary.records.update(derived_counts(out, DERIVED))
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


