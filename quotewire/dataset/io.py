"""The output folder: part files, the commit protocol, side files (rejects, quarantine,
derived tables) and the run lock. Input discovery (``quotewire.dataset.discovery``) and the
manifest's row and table (``quotewire.dataset.manifest``) live beside it and are re-exported
here, so ``quotewire.dataset.io`` stays the one filesystem API.

Output layout (``OUT``)::

    manifest.parquet               one row per input unit: the commit point of every run
    jsonl/<table>/ingest_date=YYYY-MM-DD/part-*.jsonl      records, JSON Lines
    parquet/<table>/ingest_date=YYYY-MM-DD/part-*.parquet  records, Parquet (zstd)
    rejects/<run_id>.jsonl         records that failed their schema, with the error
    quarantine.jsonl               inputs that yielded no document, with the reason
    _staging/<run_id>/             a run's part files before they are committed
    .lock                          held while a run writes

Commit protocol: a run writes its part files under ``_staging/<run_id>/``, then the new manifest
(which names every live part) to staging, then replaces ``manifest.parquet`` with it: that rename
is the commit point. Afterwards the staged parts are moved into place and parts the manifest no
longer names are deleted. A run killed before the rename leaves the previous dataset untouched
(its staging folder is discarded by the next run); one killed after it is rolled forward by the
next run. Either way the dataset holds each record once.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa  # the allocator is chosen in flows/__init__.py
import pyarrow.parquet as pq

from quotewire.dataset.discovery import HTML_SUFFIXES, INPUT_SUFFIXES, InputUnit, check_folders, discover, read_unit
from quotewire.dataset.manifest import (
    MANIFEST,
    MANIFEST_SCHEMA,
    ManifestRow,
    load_manifest,
    manifest_run_id,
    manifest_table,
)
from quotewire.dataset.schema import TABLES, to_arrow
from quotewire.errors import OutputFailed, OutputLocked

__all__ = [
    "FAULT_ENV",
    "HTML_SUFFIXES",
    "INPUT_SUFFIXES",
    "MANIFEST",
    "MANIFEST_SCHEMA",
    "STAGING",
    "InputUnit",
    "ManifestRow",
    "atomic_write_text",
    "check_folders",
    "commit",
    "count_records",
    "derived_counts",
    "derived_key",
    "discover",
    "garbage_collect",
    "live_parts",
    "load_manifest",
    "manifest_run_id",
    "manifest_table",
    "parquet_files",
    "partition",
    "read_part_records",
    "read_unit",
    "recover",
    "roll_forward",
    "run_lock",
    "stage_dir",
    "write_derived",
    "write_manifest_staged",
    "write_parquet",
    "write_part",
    "write_quarantine",
    "write_rejects",
]

log = logging.getLogger(__name__)

# When pyarrow was imported before this module (the variable came too late), this still puts the
# allocations pyarrow makes for us on the system allocator.
pa.set_memory_pool(pa.system_memory_pool())

STAGING = "_staging"
FAULT_ENV = "QUOTEWIRE_FAULT"


def _fault(point: str) -> None:
    """Test hook: ``QUOTEWIRE_FAULT=<point>`` kills the process (and its group) at ``point``."""
    if os.environ.get(FAULT_ENV) == point:
        log.error("fault injected at %s", point)
        os.killpg(os.getpgid(0), 9)


# --- part files ---------------------------------------------------------------------------------


_RUN_DATE = re.compile(r"^part-(\d{4})(\d{2})(\d{2})T")


def partition(part: str) -> str:
    """The hive partition of a part: the UTC date of the run that wrote it (``ingest_date=...``).

    New data lands in the newest partition, so a reader can take one day's additions, and a
    rerun never rewrites the partitions of unchanged documents.
    """
    m = _RUN_DATE.match(part)
    return f"ingest_date={m.group(1)}-{m.group(2)}-{m.group(3)}" if m else "ingest_date=unknown"


def _part_path(base: Path, fmt: str, table: str, part: str) -> Path:
    return base / fmt / table / partition(part) / f"{part}.{fmt}"


def stage_dir(out: Path, run_id: str) -> Path:
    return out / STAGING / run_id


def write_part(
    out: Path, run_id: str, part: str, records: Mapping[str, list[dict[str, Any]]], metadata: Mapping[str, str]
) -> dict[str, int]:
    """Write one part (every table with records) to the run's staging folder; counts per table."""
    base = stage_dir(out, run_id)
    counts: dict[str, int] = {}
    for table in TABLES:
        rows = records.get(table) or []
        if not rows:
            continue
        jp = _part_path(base, "jsonl", table, part)
        jp.parent.mkdir(parents=True, exist_ok=True)
        with jp.open("w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                # A real JSON encoder, one record a line; non-ASCII kept as UTF-8.
                f.write(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        write_parquet(_part_path(base, "parquet", table, part), table, rows, metadata)
        counts[table] = len(rows)
    return counts


def write_parquet(path: Path, table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> None:
    tbl = to_arrow(table, rows)
    meta = dict(tbl.schema.metadata or {})
    meta.update({k.encode(): v.encode() for k, v in metadata.items()})
    tbl = tbl.replace_schema_metadata(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    dict_cols = [c for c in ("doc_id", "type", "rule", "kind", "language", "encoding", "outlet", "timex_type",
                             "published_source", "speaker", "pipeline_version") if c in tbl.column_names]
    pq.write_table(tbl, tmp, compression="zstd", use_dictionary=dict_cols, row_group_size=64_000)
    os.replace(tmp, path)


def parquet_files(d: Path) -> list[Path]:
    """The Parquet files under ``d`` that a ``pyarrow.dataset`` reads (it skips names starting "." or "_")."""
    if not d.is_dir():
        return []
    return [f for f in sorted(d.rglob("*.parquet"))
            if not any(part.startswith((".", "_")) for part in f.relative_to(d).parts)]


def count_records(out: Path, tables: Iterable[str]) -> dict[str, int]:
    """Records per table, from each Parquet file's footer (one file open at a time).

    ``pyarrow.dataset(...).count_rows()`` gave the same numbers but held every fragment's
    metadata at once (measured +17 MiB resident at 10,000 articles, growing with the parts).
    """
    return {t: sum(pq.read_metadata(f).num_rows for f in parquet_files(out / "parquet" / t)) for t in tables}


def read_part_records(out: Path, table: str, part: str) -> list[dict[str, Any]]:
    """Records of a committed part (JSONL is the lossless copy)."""
    p = _part_path(out, "jsonl", table, part)
    if not p.exists():
        # A part written before its table was partitioned sits elsewhere in the table folder.
        p = next((out / "jsonl" / table).rglob(f"{part}.jsonl"), p)
        if not p.exists():
            return []
    with p.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_manifest_staged(out: Path, run_id: str, rows: Iterable[ManifestRow]) -> Path:
    tbl = manifest_table(rows)
    tbl = tbl.replace_schema_metadata({b"run_id": run_id.encode()})
    path = stage_dir(out, run_id) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(tbl, path, compression="zstd")
    with path.open("rb") as f:
        os.fsync(f.fileno())
    return path


def commit(out: Path, run_id: str, rows: list[ManifestRow]) -> None:
    """Make the staged run the dataset: manifest rename (the commit point), then roll forward."""
    _fault("after-staging")
    staged = write_manifest_staged(out, run_id, rows)
    _fault("before-manifest")
    os.replace(staged, out / MANIFEST)
    _fsync_dir(out)
    _fault("after-manifest")
    roll_forward(out, run_id, rows)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def live_parts(rows: Iterable[ManifestRow]) -> set[str]:
    return {r.part for r in rows if r.part}


def roll_forward(out: Path, run_id: str, rows: list[ManifestRow]) -> None:
    """Move the committed run's staged parts into place and delete parts no longer live."""
    base = stage_dir(out, run_id)
    live = live_parts(rows)
    for fmt in ("jsonl", "parquet"):
        for table in TABLES:
            src_dir = base / fmt / table
            if not src_dir.is_dir():
                continue
            for src in sorted(src_dir.rglob(f"*.{fmt}")):
                if src.name.split(".", 1)[0] in live:
                    dst = out / fmt / table / src.relative_to(src_dir)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dst)
    garbage_collect(out, live)
    shutil.rmtree(base, ignore_errors=True)
    with contextlib.suppress(OSError):
        (out / STAGING).rmdir()  # only when no other run's staging is left
    _ensure_readable_tables(out)


def garbage_collect(out: Path, live: set[str]) -> None:
    """Delete part files the manifest does not name (replaced parts, crashed runs' leftovers)."""
    for fmt in ("jsonl", "parquet"):
        for table in TABLES:
            d = out / fmt / table
            if not d.is_dir():
                continue
            for p in list(d.rglob("part-*")):
                if p.is_file() and p.name.split(".", 1)[0] not in live:
                    p.unlink()
            for sub in d.iterdir():
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()


def _ensure_readable_tables(out: Path) -> None:
    """A table with no records still gets an empty part in each format, so globs and readers work.

    (DuckDB's ``read_json('.../**/*.jsonl')`` fails on a folder with no file at all.)
    """
    for table in TABLES:
        for fmt in ("parquet", "jsonl"):
            d = out / fmt / table
            d.mkdir(parents=True, exist_ok=True)
            empty = d / f"empty.{fmt}"
            if any(d.rglob(f"part-*.{fmt}")):
                empty.unlink(missing_ok=True)
            elif not empty.exists():
                if fmt == "parquet":
                    write_parquet(empty, table, [], {"note": "no records"})
                else:
                    empty.touch()


def recover(out: Path) -> str | None:
    """At start of a run: roll a committed-but-unfinished run forward, discard uncommitted ones."""
    st = out / STAGING
    if not st.is_dir():
        return None
    committed = manifest_run_id(out)
    rolled = None
    for d in sorted(st.iterdir()):
        if d.name == committed:
            rows = list(load_manifest(out).values())
            roll_forward(out, d.name, rows)
            rolled = d.name
        else:
            shutil.rmtree(d, ignore_errors=True)
    return rolled


# --- side files ---------------------------------------------------------------------------------


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_chunks(path, [text])


def atomic_write_chunks(path: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` (UTF-8) to ``path`` through a temporary file and a rename: never half a file.

    Pieces, so that a large side file (the report) is never one string in memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(chunk)
    os.replace(tmp, path)


def write_rejects(out: Path, run_id: str, rejects: list[dict[str, Any]]) -> None:
    if not rejects:
        return
    path = out / "rejects" / f"{run_id}.jsonl"
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rejects))


def write_quarantine(out: Path, rows: Iterable[ManifestRow]) -> None:
    """The current quarantine: every input that yielded no document, with its reason."""
    lines = [
        json.dumps({"path": r.path, "line": r.line, "unit_key": r.unit_key, "reason": r.reason, "run_id": r.run_id},
                   ensure_ascii=False)
        for r in rows
        if r.status == "quarantined"
    ]
    atomic_write_text(out / "quarantine.jsonl", "".join(line + "\n" for line in lines))


# --- lock ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold the output folder's lock; a second run fails at once with a clear message."""
    out.mkdir(parents=True, exist_ok=True)
    if not os.access(out, os.W_OK):
        raise OutputFailed(f"output folder {out} is not writable; choose another --out or fix its permissions")
    path = out / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
                raise OutputLocked(
                    f"another quotewire run is writing {out} ({holder or 'pid unknown'}); wait for it to finish"
                ) from exc
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)


def write_derived(out: Path, table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> None:
    """Replace a derived, corpus-wide table (rebuilt each run) atomically in both formats.

    Derived tables (people, quotations and their link tables) are small and live in one file
    each, ``jsonl/<table>/data.jsonl`` and ``parquet/<table>/data.parquet``, so rebuilding them
    never touches the per-batch part files of the four main tables.
    """
    jp = out / "jsonl" / table / "data.jsonl"
    atomic_write_text(jp, "".join(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n" for r in rows))
    write_parquet(out / "parquet" / table / "data.parquet", table, rows, metadata)


def derived_key(out: Path, tables: Iterable[str]) -> str | None:
    """The corpus key the derived tables were built for (None when any is missing or differs)."""
    keys = set()
    for table in tables:
        path = out / "parquet" / table / "data.parquet"
        if not path.exists() or not (out / "jsonl" / table / "data.jsonl").exists():
            return None
        meta = pq.read_schema(path).metadata or {}
        keys.add((meta.get(b"corpus_key") or b"").decode())
    return keys.pop() if len(keys) == 1 else None


def derived_counts(out: Path, tables: Iterable[str]) -> dict[str, int]:
    return {t: pq.ParquetFile(out / "parquet" / t / "data.parquet").metadata.num_rows for t in tables}
