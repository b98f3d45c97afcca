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

from quotewire.errors import DamagedOutput

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
        # Added in 0.3.1 (a manifest written before lacks them: read as "" and 0, which makes the
        # next run hash those files once): the hash of the file's own bytes (the duplicate rule
        # compares files, never sidecars) and the file's status-change time (see discovery).
        ("file_sha256", pa.string()),
        ("ctime_ns", pa.int64()),
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
    file_sha256: str = ""
    ctime_ns: int = 0


_DEFAULTS = {"file_sha256": "", "ctime_ns": 0}


def load_manifest(out: Path) -> dict[str, ManifestRow]:
    """The committed manifest by unit key ({} when there is none).

    Raises ``DamagedOutput`` when the file exists but cannot be read (truncated, overwritten):
    the caller decides how to recover (the runner rebuilds everything from the inputs).
    """
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        # ``ParquetFile`` rather than ``pq.read_table``: the latter imports pyarrow.dataset and with
        # it pandas (1.5 s of a no-op rerun's 2.5 s); one file needs neither.
        table = pq.ParquetFile(path).read()
        missing = [f.name for f in MANIFEST_SCHEMA if f.name not in table.column_names]
        if missing and set(missing) - set(_DEFAULTS):
            raise ValueError(f"columns {', '.join(missing)} are missing")
        rows = table.to_pylist()
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise DamagedOutput(f"{path} is damaged ({exc})") from exc
    for r in rows:
        for k, default in _DEFAULTS.items():
            if r.get(k) is None:
                r[k] = default
    return {r["unit_key"]: ManifestRow(**r) for r in rows}


def manifest_meta(out: Path) -> dict[str, str]:
    """The committed manifest's metadata (run id, part ledger, settings); {} when absent or unreadable."""
    path = out / MANIFEST
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, ValueError, pa.ArrowException):
        return {}
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in meta.items()}


def manifest_table(rows: Iterable[ManifestRow]) -> pa.Table:
    # Column by column: no per-row dict copies of a 100,000-row manifest.
    rows = list(rows)
    return pa.table({f.name: pa.array([getattr(r, f.name) for r in rows], type=f.type) for f in MANIFEST_SCHEMA},
                    schema=MANIFEST_SCHEMA)


def manifest_run_id(out: Path) -> str | None:
    """The run that committed the manifest (None when absent or unreadable: nothing to roll forward)."""
    return manifest_meta(out).get("run_id") or None
