"""The manifest: one row per input unit, the commit point of every run.

Scope: ``MANIFEST`` (its file name in the output folder), ``ManifestRow`` and its Arrow
schema, reading the committed manifest (``load_manifest``, ``manifest_run_id``) and building
its table (``manifest_table``). Writing it to staging and the rename that commits a run are
in ``quotewire.dataset.io``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.parquet"


MANIFEST_SCHEMA = pa.schema(
    [
        ("unit_key", pa.string()),
        ("path", pa.string()),
        ("line", pa.int64()),
        ("kind", pa.string()),
        ("sha256", pa.string()),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("status", pa.string()),  # processed | quarantined | duplicate
        ("reason", pa.string()),
        ("doc_id", pa.string()),
        ("part", pa.string()),
        ("pipeline_version", pa.string()),
        ("schema_version", pa.string()),
        ("run_id", pa.string()),
    ]
)


@dataclass(slots=True)
class ManifestRow:
    unit_key: str
    path: str
    line: int | None
    kind: str
    sha256: str
    size: int
    mtime_ns: int
    status: str
    reason: str | None
    doc_id: str | None
    part: str | None
    pipeline_version: str
    schema_version: str
    run_id: str


def load_manifest(out: Path) -> dict[str, ManifestRow]:
    path = out / MANIFEST
    if not path.exists():
        return {}
    # ``ParquetFile`` rather than ``pq.read_table``: the latter imports pyarrow.dataset and with
    # it pandas (1.5 s of a no-op rerun's 2.5 s); one file needs neither.
    table = pq.ParquetFile(path).read()
    return {r["unit_key"]: ManifestRow(**r) for r in table.to_pylist()}


def manifest_table(rows: Iterable[ManifestRow]) -> pa.Table:
    # Column by column: no per-row dict copies of a 100,000-row manifest.
    rows = list(rows)
    return pa.table({f.name: pa.array([getattr(r, f.name) for r in rows], type=f.type) for f in MANIFEST_SCHEMA},
                    schema=MANIFEST_SCHEMA)


def manifest_run_id(out: Path) -> str | None:
    path = out / MANIFEST
    if not path.exists():
        return None
    meta = pq.read_schema(path).metadata or {}
    v = meta.get(b"run_id")
    return v.decode() if v else None
