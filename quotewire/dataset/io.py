"""The output folder: part files, the commit protocol, side files (rejects, quarantine,
the corpus tables' files through ``derived``) and the run lock. Input discovery (``quotewire.dataset.discovery``) and the
manifest's row and table (``quotewire.dataset.manifest``) live beside it and are re-exported
here, so ``quotewire.dataset.io`` stays the one filesystem API.

Output layout (``OUT``)::

    manifest.parquet               one row per input unit: the commit point of every run
    jsonl/<table>/ingest_date=YYYY-MM-DD/part-*.jsonl      records, JSON Lines
    parquet/<table>/ingest_date=YYYY-MM-DD/part-*.parquet  records, Parquet (zstd)
    rejects/<run_id>.jsonl         records that failed their schema, with the error
    quarantine.jsonl               inputs that yielded no document, with the reason
    _staging/<run_id>/             a run's part files before they are committed
    <fmt>/.next-<table>/           a table's next version while it is built (swapped in whole)
    _foreign/<fmt>/<table>/        files found in the table folders that no run wrote (moved there)
    .lock                          held while a run writes

Commit protocol: a run writes its part files under ``_staging/<run_id>/``, then the new manifest
(which names every live part, and whose footer holds the part ledger) to staging, then replaces
``manifest.parquet`` with it: that rename is the commit point. Afterwards each table folder is
rebuilt beside itself from its live parts and the staged ones and swapped in atomically
(``swap_table``), so a reader sees one version of each table at every moment. A run killed
before the rename leaves the previous dataset untouched (its staging folder is discarded by the
next run); one killed after it is rolled forward by the next run. Either way the dataset holds
each record once.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import sys
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
    manifest_meta,
    manifest_run_id,
    manifest_table,
)
from quotewire.dataset.schema import TABLES, to_arrow
from quotewire.errors import ConfigError, DamagedOutput, OutputFailed, OutputLocked

__all__ = [
    "FAULT_ENV",
    "FOREIGN",
    "HTML_SUFFIXES",
    "INPUT_SUFFIXES",
    "MANIFEST",
    "MANIFEST_SCHEMA",
    "ROW_GROUP",
    "STAGING",
    "InputUnit",
    "ManifestRow",
    "arrow_part",
    "atomic_write_chunks",
    "atomic_write_text",
    "check_folders",
    "commit",
    "count_records",
    "dictionary_columns",
    "discover",
    "garbage_collect",
    "is_dataset_file",
    "live_parts",
    "load_manifest",
    "manifest_meta",
    "manifest_run_id",
    "manifest_table",
    "no_tmp_left",
    "parquet_files",
    "partition",
    "read_part_records",
    "read_unit",
    "recover",
    "refuse_links",
    "roll_forward",
    "run_lock",
    "set_aside_foreign",
    "stage_dir",
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


#: Rows per Parquet row group (part files and the corpus tables alike).
ROW_GROUP = 64_000
_DICT_COLS = ("doc_id", "type", "rule", "kind", "language", "encoding", "outlet", "timex_type", "published_source",
              "speaker", "pipeline_version")


def arrow_part(table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> pa.Table:
    """``rows`` as an Arrow table of ``table``'s schema with ``metadata`` added to its own."""
    tbl = to_arrow(table, rows)
    meta = dict(tbl.schema.metadata or {})
    meta.update({k.encode(): v.encode() for k, v in metadata.items()})
    return tbl.replace_schema_metadata(meta)


def dictionary_columns(tbl: pa.Table) -> list[str]:
    """The low-cardinality columns written dictionary-encoded."""
    return [c for c in _DICT_COLS if c in tbl.column_names]


def write_parquet(path: Path, table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> None:
    tbl = arrow_part(table, rows, metadata)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    with no_tmp_left(tmp):
        pq.write_table(tbl, tmp, compression="zstd", use_dictionary=dictionary_columns(tbl), row_group_size=ROW_GROUP)
        os.replace(tmp, path)


@contextlib.contextmanager
def no_tmp_left(tmp: Path) -> Iterator[None]:
    """Remove ``tmp`` when writing or renaming it fails (a full disk must not leave ``*.tmp`` behind)."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def parquet_files(d: Path) -> list[Path]:
    """The Parquet files of the table folder ``d``: the ones quotewire wrote (``is_dataset_file``).

    Names starting "." or "_" are skipped as ``pyarrow.dataset`` skips them; links and files no
    run wrote are never read (a run moves the latter away: ``set_aside_foreign``).
    """
    if not d.is_dir():
        return []
    return [f for f in sorted(d.rglob("*.parquet"))
            if not any(part.startswith((".", "_")) for part in f.relative_to(d).parts)
            and not f.is_symlink() and is_dataset_file(f.relative_to(d), "parquet", d.name)]


def count_records(out: Path, tables: Iterable[str]) -> dict[str, int]:
    """Records per table, from each Parquet file's footer (one file open at a time).

    ``pyarrow.dataset(...).count_rows()`` gave the same numbers but held every fragment's
    metadata at once (measured +17 MiB resident at 10,000 articles, growing with the parts).
    """
    return {t: sum(_num_rows(f) for f in parquet_files(out / "parquet" / t)) for t in tables}


def _num_rows(path: Path) -> int:
    """Rows of a Parquet file from its footer; a damaged footer is a ``DamagedOutput`` with advice."""
    try:
        return int(pq.read_metadata(path).num_rows)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise DamagedOutput(f"part file {path} is damaged ({exc}); run `quotewire run --full` to rebuild it") from exc


def read_part_records(out: Path, table: str, part: str) -> list[dict[str, Any]]:
    """Records of a committed part (JSONL is the lossless copy).

    Raises ``DamagedOutput`` when the file cannot be read or parsed: the caller rebuilds the
    part's documents from the inputs (or, past the commit, tells the user to run ``--full``).
    """
    p = _part_path(out, "jsonl", table, part)
    if not p.exists():
        # A part written before its table was partitioned sits elsewhere in the table folder.
        p = next((out / "jsonl" / table).rglob(f"{part}.jsonl"), p)
        if not p.exists():
            return []
    try:
        with p.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise DamagedOutput(f"part file {p} is damaged ({exc}); run `quotewire run --full` to rebuild it") from exc


def write_manifest_staged(
    out: Path, run_id: str, rows: Iterable[ManifestRow], metadata: Mapping[str, str] | None = None
) -> Path:
    """The new manifest in the run's staging folder; ``metadata`` (part ledger, settings) goes in its footer."""
    tbl = manifest_table(rows)
    meta = {k.encode(): v.encode() for k, v in (metadata or {}).items()}
    tbl = tbl.replace_schema_metadata({**meta, b"run_id": run_id.encode()})
    path = stage_dir(out, run_id) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(tbl, path, compression="zstd")
    with path.open("rb") as f:
        os.fsync(f.fileno())
    return path


def commit(out: Path, run_id: str, rows: list[ManifestRow], metadata: Mapping[str, str] | None = None) -> None:
    """Make the staged run the dataset: manifest rename (the commit point), then roll forward."""
    _fault("after-staging")
    staged = write_manifest_staged(out, run_id, rows, metadata)
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
    """Put the committed run's parts in place: each table folder is replaced as a whole.

    Why: moving part files in one by one let a reader (or a kill) see a rewritten part beside
    the part it replaces, i.e. duplicates, until the next run. Now each table folder is built
    complete beside the live one (hard links of the parts it keeps, the run's new parts) and
    swapped in with one atomic rename (``swap_table``), so a glob over ``parquet/<table>/**``
    sees the previous version or the new one, never a mix. Idempotent: a run killed anywhere in
    here is finished by the next run's ``recover`` (the staged files stay until the end).
    """
    base = stage_dir(out, run_id)
    live = live_parts(rows)
    set_aside_foreign(out)  # files no run wrote are moved to _foreign/, not dropped by the swap
    for fmt in ("jsonl", "parquet"):
        for table in TABLES:
            swap_table(out / fmt / table, base / fmt / table, fmt, table, live)
    shutil.rmtree(base, ignore_errors=True)
    with contextlib.suppress(OSError):
        (out / STAGING).rmdir()  # only when no other run's staging is left


def garbage_collect(out: Path, live: set[str]) -> None:
    """Drop part files the manifest does not name (replaced parts, crashed runs' leftovers).

    Done by rebuilding each table folder from its live parts (see ``swap_table``).
    """
    set_aside_foreign(out)
    for fmt in ("jsonl", "parquet"):
        for table in TABLES:
            swap_table(out / fmt / table, out / STAGING / ".none", fmt, table, live)


def swap_table(dst: Path, staged: Path, fmt: str, table: str, live: set[str]) -> None:
    """Replace the table folder ``dst`` by its live committed parts plus the staged ones.

    Nothing happens when the folder already holds exactly that. A table with no records still
    gets an empty file (DuckDB's ``read_json('.../**/*.jsonl')`` fails on a folder with none).
    """
    wanted: dict[str, Path] = {}  # path inside the folder -> file to link there
    if dst.is_dir():
        for p in dst.rglob(f"part-*.{fmt}"):
            if p.name[: -len(fmt) - 1] in live:
                wanted[p.relative_to(dst).as_posix()] = p
    new = {}
    if staged.is_dir():
        new = {p.relative_to(staged).as_posix(): p for p in staged.rglob(f"part-*.{fmt}")
               if p.name[: -len(fmt) - 1] in live}
    wanted.update(new)
    current = {p.relative_to(dst).as_posix() for p in dst.rglob("*") if p.is_file()} if dst.is_dir() else set()
    if not new and current == (set(wanted) or {f"empty.{fmt}"}):
        return
    nxt = _next_dir(dst)
    shutil.rmtree(nxt, ignore_errors=True)  # left by an interrupted roll-forward
    nxt.mkdir(parents=True)
    for rel, src in sorted(wanted.items()):
        target = nxt / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(src, target)
        _fault("roll-forward-file")
    if not wanted:
        if fmt == "parquet":
            write_parquet(nxt / "empty.parquet", table, [], {"note": "no records"})
        else:
            (nxt / "empty.jsonl").touch()
    _fsync_dir(nxt)
    exchange_dirs(nxt, dst)
    _fsync_dir(dst.parent)
    _fault("roll-forward-swap")
    shutil.rmtree(nxt, ignore_errors=True)  # now the previous folder


def _link_or_copy(src: Path, dst: Path) -> None:
    """A hard link (parts are never modified in place, so versions can share them); a copy where
    the filesystem has no hard links."""
    try:
        os.link(src, dst)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(src, dst)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange_dirs(new: Path, dst: Path) -> None:
    """Swap the folders ``new`` and ``dst`` (``dst`` may be missing): afterwards ``dst`` holds the
    new content and ``new`` the previous one.

    Linux: one ``renameat2(RENAME_EXCHANGE)``, atomic for every reader. Elsewhere (or on a
    filesystem without it) two renames: for that moment ``dst`` is missing (readers see no
    table, never a mix of versions).
    """
    if not dst.exists():
        os.rename(new, dst)
        return
    fn = _renameat2()
    if fn is not None and fn(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(dst), _RENAME_EXCHANGE) == 0:
        return
    old = _old_dir(dst)
    shutil.rmtree(old, ignore_errors=True)
    os.rename(dst, old)
    os.rename(new, dst)
    os.rename(old, new)


def _next_dir(dst: Path) -> Path:
    """Where a table folder's next version is built (hidden: readers and globs skip it)."""
    return dst.with_name(f".next-{dst.name}")


def _old_dir(dst: Path) -> Path:
    """Where the two-rename swap parks the previous version for a moment."""
    return dst.with_name(f".old-{dst.name}")


def _undo_interrupted_swaps(out: Path) -> None:
    """Put back a table folder a kill left parked between the two renames; drop unfinished builds."""
    for fmt in ("jsonl", "parquet"):
        for table in TABLES:
            dst = out / fmt / table
            old = _old_dir(dst)
            if old.is_dir() and not dst.exists():
                os.rename(old, dst)
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(_next_dir(dst), ignore_errors=True)


@functools.cache
def _renameat2() -> Any:
    """glibc's ``renameat2`` (None where there is none: macOS, musl, old glibc)."""
    if sys.platform != "linux":
        return None
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def recover(out: Path) -> str | None:
    """At start of a run: roll a committed-but-unfinished run forward, discard uncommitted ones."""
    _undo_interrupted_swaps(out)
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
    tmp.unlink(missing_ok=True)  # a link planted under that name must not be written through
    with no_tmp_left(tmp):
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
    refuse_links(out)
    path = out / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
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


# --- links and files no run wrote ---------------------------------------------------------------


FOREIGN = "_foreign"


def refuse_links(out: Path) -> None:
    """Refuse an output folder with a symbolic link anywhere inside it (``out`` itself may be one).

    Why: a run writes, replaces and deletes under ``out``; following a planted link made it
    overwrite a file elsewhere (``.lock -> ../victim.txt``) or delete the subfolders of another
    folder (``_staging -> folder``), and ``query`` read whatever a link pointed to.
    """
    for dirpath, dirnames, filenames in os.walk(out):  # links to folders are listed, not entered
        for name in sorted([*dirnames, *filenames]):
            p = Path(dirpath) / name
            if p.is_symlink():
                raise ConfigError(
                    f"found a symbolic link in the output folder: {p} -> {os.readlink(p)}; quotewire never "
                    "follows links inside its output folder (a run would write or delete through it): remove it"
                )


def is_dataset_file(rel: Path, fmt: str, table: str) -> bool:
    """True for a file quotewire writes in a table folder (``rel``: its path inside the folder).

    The four per-document tables hold ``part-*`` files (in ``ingest_date=`` folders) and, with no
    records, ``empty``; the corpus-wide tables one ``data`` file (``write_derived``).
    """
    if table in TABLES:
        return (rel.name.startswith("part-") and rel.suffix == f".{fmt}") or rel == Path(f"empty.{fmt}")
    return rel in (Path(f"data.{fmt}"), Path(f"empty.{fmt}"))


def set_aside_foreign(out: Path) -> list[Path]:
    """Move the files no run wrote out of the table folders into ``_foreign/``; where they went.

    Why: readers glob ``parquet/<table>/**``, so a file put there by hand or by a query
    (``COPY (...) TO 'out/parquet/documents/x.parquet'``) was part of the dataset, and every
    later run kept it. Moved, not deleted: it may be someone's work. ``*.tmp`` files are writes of
    ours in progress or left by a crash, and ``part-*`` files are the garbage collector's.
    """
    moved: list[Path] = []
    for fmt in ("jsonl", "parquet"):
        base = out / fmt
        # hidden folders (".next-<table>", a table's next version) belong to the swap, not to readers
        tables = sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink()
                        and not p.name.startswith(".")) if base.is_dir() else []
        for tdir in tables:
            for f in sorted(tdir.rglob("*")):
                rel = f.relative_to(tdir)
                if (f.is_dir() and not f.is_symlink()) or f.name.endswith(".tmp") or f.name.startswith("part-"):
                    continue
                if not f.is_symlink() and is_dataset_file(rel, fmt, tdir.name):
                    continue
                dst = out / FOREIGN / fmt / tdir.name / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(f, dst)
                log.warning("moved %s to %s: no quotewire run wrote it, and readers of %s would see it", f, dst, tdir)
                moved.append(dst)
    return moved
