"""Checking the committed output before a run builds on it: the part ledger and damaged parts.

Why: a rerun keeps the records of unchanged inputs by keeping the part files that hold them. A
part file that was deleted, truncated, overwritten or that cannot be read would otherwise lose
those records silently (or crash every later run), while the manifest still calls the inputs
unchanged. So every commit records a *ledger* of the files of each live part (size and
modification time, in the manifest's metadata), and the next run compares the folder with it.
A part that does not match is *damaged*: the runner reprocesses the inputs whose records it held
(from ``raw/``) and warns. ``--full`` never reads a committed part, so it always recovers.

Reads only; the one module that writes the output folder is ``quotewire.dataset.io``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from quotewire.dataset.io import ManifestRow, stage_dir
from quotewire.dataset.schema import TABLES

LEDGER_KEY = "parts"  # manifest metadata key: {part: {"<fmt>/<table>": [size, mtime_ns]}}
FORMATS = ("jsonl", "parquet")

Ledger = dict[str, dict[str, list[int]]]


def part_files(base: Path) -> dict[str, dict[str, Path]]:
    """The part files under ``base`` (the output folder or a staging folder): part -> {"fmt/table": path}."""
    found: dict[str, dict[str, Path]] = {}
    for fmt in FORMATS:
        for table in TABLES:
            d = base / fmt / table
            if not d.is_dir():
                continue
            for p in d.rglob(f"part-*.{fmt}"):
                found.setdefault(p.name[: -len(fmt) - 1], {})[f"{fmt}/{table}"] = p
    return found


def build_ledger(out: Path, run_id: str, live: Iterable[str]) -> Ledger:
    """The ledger of the parts the run commits: its staged parts, and the committed ones it keeps."""
    staged = part_files(stage_dir(out, run_id))
    committed = part_files(out)
    ledger: Ledger = {}
    for part in sorted(live):
        files = staged.get(part) or committed.get(part) or {}
        entry: dict[str, list[int]] = {}
        for key, path in sorted(files.items()):
            try:
                st = path.stat()
            except OSError:
                continue  # gone already: the next run's check finds the part damaged
            entry[key] = [st.st_size, st.st_mtime_ns]
        ledger[part] = entry
    return ledger


def ledger_json(ledger: Ledger) -> str:
    return json.dumps(ledger, separators=(",", ":"), sort_keys=True)


def load_ledger(meta: Mapping[str, str]) -> Ledger | None:
    """The ledger in a manifest's metadata (None for a manifest written before ledgers, or unreadable)."""
    raw = meta.get(LEDGER_KEY)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def damaged_parts(out: Path, rows: Iterable[ManifestRow], ledger: Ledger | None) -> dict[str, str]:
    """Live parts whose files do not match the ledger, with the reason (empty when all are sound).

    Rule: every file the ledger lists must exist with its recorded size and modification time
    (the same "size and mtime" rule as for inputs; a check by content would read the whole
    dataset every run). A part the ledger does not know (a manifest written before ledgers)
    must have its ``documents`` file in both formats, and its Parquet footers must be readable.
    """
    live = sorted({r.part for r in rows if r.part})
    if not live:
        return {}
    present = part_files(out)
    damaged: dict[str, str] = {}
    for part in live:
        files = present.get(part, {})
        expected = (ledger or {}).get(part)
        reason = _check_recorded(files, expected) if expected is not None else _check_unrecorded(files)
        if reason:
            damaged[part] = reason
    return damaged


def _check_recorded(files: Mapping[str, Path], expected: Mapping[str, list[int]]) -> str | None:
    """Why the part's files differ from their ledger entry (None when they match)."""
    for key, rec in sorted(expected.items()):
        path = files.get(key)
        if path is None:
            return f"{key} file is missing"
        try:
            st = path.stat()
        except OSError as exc:
            return f"{key} file is unreadable ({exc.strerror or exc})"
        if [st.st_size, st.st_mtime_ns] != list(rec):
            return f"{key} file was changed after its commit (size {st.st_size}, recorded {rec[0]})"
    return None


def _check_unrecorded(files: Mapping[str, Path]) -> str | None:
    """Why a part without a ledger entry is unusable (None when it looks sound)."""
    for fmt in FORMATS:
        if f"{fmt}/documents" not in files:
            return f"{fmt}/documents file is missing"
    for key, path in sorted(files.items()):
        if key.startswith("parquet/"):
            try:
                pq.read_metadata(path)
            except (OSError, ValueError, pa.ArrowException) as exc:
                return f"{key} file is unreadable ({exc})"
        elif not os.access(path, os.R_OK):
            return f"{key} file is unreadable"
    return None
