"""The corpus-wide tables (people, quotations and their links): rebuilt from the committed parts
and written whole, next to the per-batch part files they never touch.

The rules live in ``quotewire.dataset.corpus`` (pure functions); this module reads their inputs
from the committed parts and writes their rows, with ``io``'s atomic writers.

Memory (measured at 64,000 articles: 829 MiB before this layout): the records the rules read
are streamed one part at a time into the rules' own compact forms (a speaker's parsed name, a
quote's five fields) rather than first collected as dicts of the whole corpus; each table is
validated, written and dropped before the next; and a table's files are written in pieces (its
JSONL line by line, its Parquet one row group at a time) instead of as one string and one Arrow
table beside the rows.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from quotewire.dataset import io as qio
from quotewire.dataset.batch import validate_table
from quotewire.dataset.ids import short_hash
from quotewire.dataset.schema import schema_version
from quotewire.dataset.workers import release_memory
from quotewire.version import __version__

#: The fields the corpus rules read (a speaker's mention spans are most of its record).
DOC_FIELDS = ("doc_id", "published", "outlet")
SPEAKER_FIELDS = ("speaker_id", "doc_id", "name", "kind", "descriptors", "quote_count")
QUOTE_FIELDS = ("quote_id", "doc_id", "text", "speaker_id", "speaker", "type")


def _records(out: Path, parts: Sequence[str], table: str, fields: Sequence[str]) -> Iterator[dict[str, Any]]:
    """``fields`` of every record of ``table`` in ``parts``, one part in memory at a time.

    Ids that several records repeat (a document's id in each of its speakers and quotes, a
    speaker's in each of its quotes) are interned: one string object each, not one per record.
    """
    for part in parts:
        for r in qio.read_part_records(out, table, part):
            rec = {k: r.get(k) for k in fields}
            for k in ("doc_id", "speaker_id"):
                v = rec.get(k)
                if isinstance(v, str):
                    rec[k] = sys.intern(v)
            yield rec


def rebuild_corpus(out: Path, rows: Iterable[qio.ManifestRow], aliases: Mapping[str, str] | None) -> dict[str, int]:
    """Rebuild the corpus-wide tables (people, quotations and their links) from the committed data.

    A full rebuild: whether a bare surname is ambiguous, and which reprints cluster, depend on
    the whole corpus (measured: about 5 s of CPU at 20,000 documents; see benchmarks/README.md).
    Skipped when neither the live parts nor the aliases changed since the last rebuild. The
    per-document part files are never touched.
    """
    from quotewire.dataset.corpus import TABLES as DERIVED
    from quotewire.dataset.corpus import corpus_tables

    rows = list(rows)
    live = sorted(qio.live_parts(rows))
    key = corpus_key(rows, aliases)
    if derived_key(out, DERIVED) == key:
        return derived_counts(out, DERIVED)
    # Generators: corpus_tables reads the documents, then the speakers, then the quotes, each
    # into its compact form as it goes, so no table's dicts are alive for the whole corpus; and
    # it hands over one table at a time, written and dropped here before the next is built.
    tables = corpus_tables(_records(out, live, "documents", DOC_FIELDS), _records(out, live, "speakers", SPEAKER_FIELDS),
                           _records(out, live, "quotes", QUOTE_FIELDS), aliases=aliases)
    counts: dict[str, int] = {}
    rejects: list[dict[str, Any]] = []
    for table, rows_of_table in tables:
        good, bad = validate_table(table, rows_of_table, "corpus")
        del rows_of_table
        rejects += bad
        write_derived(out, table, good, {"corpus_key": key, "pipeline_version": __version__})
        counts[table] = len(good)
        del good
        release_memory()
    if rejects:
        qio.write_rejects(out, f"corpus-{key}", rejects)
    counts["rejects"] = len(rejects)
    return counts


def corpus_key(rows: Iterable[qio.ManifestRow], aliases: Mapping[str, str] | None) -> str:
    """What the corpus tables depend on: the live parts, the aliases and the versions."""
    live = sorted(qio.live_parts(rows))
    return short_hash("corpus", live, sorted((aliases or {}).items()), __version__, schema_version())


def write_derived(out: Path, table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> None:
    """Replace a derived, corpus-wide table (rebuilt each run) atomically in both formats.

    Derived tables (people, quotations and their link tables) live in one file each,
    ``jsonl/<table>/data.jsonl`` and ``parquet/<table>/data.parquet``, so rebuilding them never
    touches the per-batch part files of the four main tables. Both are written in pieces: at
    200,000 articles ``quote_quotation`` has 1.2 million rows, and its JSONL as one string (with
    the list joined into it) or its Parquet as one Arrow table doubled the rows' own memory.
    """
    qio.atomic_write_chunks(out / "jsonl" / table / "data.jsonl",
                            (json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n" for r in rows))
    write_parquet_groups(out / "parquet" / table / "data.parquet", table, rows, metadata)


def write_parquet_groups(path: Path, table: str, rows: list[dict[str, Any]], metadata: Mapping[str, str]) -> None:
    """``io.write_parquet`` (same schema, metadata, compression, dictionary columns and row
    groups of ``io.ROW_GROUP`` rows) with one row group's Arrow data in memory at a time."""
    if len(rows) <= qio.ROW_GROUP:
        qio.write_parquet(path, table, rows, metadata)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    with qio.no_tmp_left(tmp):
        writer: pq.ParquetWriter | None = None
        try:
            for start in range(0, len(rows), qio.ROW_GROUP):
                tbl = qio.arrow_part(table, rows[start : start + qio.ROW_GROUP], metadata)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, tbl.schema, compression="zstd",
                                              use_dictionary=qio.dictionary_columns(tbl))
                writer.write_table(tbl, row_group_size=qio.ROW_GROUP)
        finally:
            if writer is not None:
                writer.close()
        os.replace(tmp, path)


def derived_key(out: Path, tables: Iterable[str]) -> str | None:
    """The corpus key the derived tables were built for (None when any is missing or differs)."""
    keys = set()
    for table in tables:
        path = out / "parquet" / table / "data.parquet"
        if not path.exists() or not (out / "jsonl" / table / "data.jsonl").exists():
            return None
        try:
            meta = pq.read_schema(path).metadata or {}
        except (OSError, ValueError, pa.ArrowException):
            return None  # damaged: rebuilt by this run
        keys.add((meta.get(b"corpus_key") or b"").decode())
    return keys.pop() if len(keys) == 1 else None


def derived_counts(out: Path, tables: Iterable[str]) -> dict[str, int]:
    return {t: pq.ParquetFile(out / "parquet" / t / "data.parquet").metadata.num_rows for t in tables}
