"""Incremental planning: which inputs to process, which records to drop, the next manifest.

Pure functions over the discovered units and the previous manifest (no IO): a rerun processes
only new or changed inputs; a changed or deleted input's records are dropped (deleted ones are
kept with ``keep_deleted``); a file whose bytes equal another's is processed once and the rest
are ``duplicate``; a new pipeline or schema version (or ``full``) reprocesses everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, replace

from quotewire.dataset.batch import BatchResult
from quotewire.dataset.io import InputUnit, ManifestRow


@dataclass(slots=True)
class Plan:
    to_process: list[InputUnit] = field(default_factory=list)
    unchanged: list[ManifestRow] = field(default_factory=list)
    duplicates: list[tuple[InputUnit, str]] = field(default_factory=list)
    deleted: list[ManifestRow] = field(default_factory=list)
    kept_deleted: list[ManifestRow] = field(default_factory=list)
    drop_docs: set[str] = field(default_factory=set)  # doc_ids whose records must go
    found: int = 0


def make_plan(
    units: Iterable[InputUnit],
    previous: Mapping[str, ManifestRow],
    *,
    pipeline_version: str,
    schema_version: str,
    full: bool = False,
    keep_deleted: bool = False,
    damaged_parts: Set[str] = frozenset(),
) -> Plan:
    """What this run does with each input (see the module docstring).

    ``damaged_parts`` are committed parts whose files are missing or unreadable: an input whose
    records they held is reprocessed although unchanged (rule: records are never lost while
    their input is there), and a deleted input kept with ``keep_deleted`` in such a part is
    dropped, since nothing can rebuild it.
    """
    plan = Plan()
    first_by_file: dict[tuple[str, str], str] = {}  # (kind, file hash) -> first path
    seen_keys: set[str] = set()
    for u in units:
        plan.found += 1
        seen_keys.add(u.key)
        prev = previous.get(u.key)
        if u.kind != "invalid" and u.file_sha256:
            first = first_by_file.setdefault((u.kind, u.file_sha256), u.path)
            if first != u.path:
                # Rule: identical bytes are one input; the first path (sorted) is the one processed.
                plan.duplicates.append((u, first))
                if prev is not None and prev.doc_id:
                    plan.drop_docs.add(prev.doc_id)
                continue
        same = (
            prev is not None
            and not full
            and prev.sha256 == u.sha256
            and u.kind != "invalid"
            and prev.status in ("processed", "quarantined")
            and prev.pipeline_version == pipeline_version
            and prev.schema_version == schema_version
            and prev.part not in damaged_parts
        )
        if same and prev is not None:
            # The row keeps its records but takes the input's current stat and file hash, so an
            # input hashed because it was in doubt is trusted again next run.
            plan.unchanged.append(replace(prev, size=u.size, mtime_ns=u.mtime_ns, ctime_ns=u.ctime_ns,
                                          file_sha256=u.file_sha256 or prev.file_sha256))
            continue
        if prev is not None and prev.doc_id:
            plan.drop_docs.add(prev.doc_id)
        plan.to_process.append(u)
    for key, row in previous.items():
        if key in seen_keys:
            continue
        if keep_deleted and row.status == "processed" and row.part not in damaged_parts:
            plan.kept_deleted.append(row)
        else:
            plan.deleted.append(row)
            if row.doc_id:
                plan.drop_docs.add(row.doc_id)
    return plan


def batches(units: list[InputUnit], *, size: int, max_bytes: int = 64 << 20) -> list[list[InputUnit]]:
    """Split units into batches of at most ``size`` units and about ``max_bytes`` bytes."""
    out: list[list[InputUnit]] = []
    cur: list[InputUnit] = []
    cur_bytes = 0
    for u in units:
        if cur and (len(cur) >= size or cur_bytes + u.size > max_bytes):
            out.append(cur)
            cur, cur_bytes = [], 0
        cur.append(u)
        cur_bytes += u.size
    if cur:
        out.append(cur)
    return out


def batch_rows(
    res: BatchResult, units: Iterable[InputUnit], *, run_id: str, pipeline_version: str, schema_version: str
) -> list[ManifestRow]:
    """The manifest rows of one processed batch (built as it completes, so its result can go)."""
    by_key = {u.key: u for u in units}
    rows: list[ManifestRow] = []
    for ur in res.units:
        u = by_key[ur.key]
        rows.append(
            ManifestRow(
                unit_key=u.key, path=u.path, line=u.line, kind=u.kind, sha256=u.sha256, size=u.size,
                mtime_ns=u.mtime_ns, status=ur.status, reason=ur.reason, doc_id=ur.doc_id,
                part=res.part if ur.status == "processed" else None,
                pipeline_version=pipeline_version, schema_version=schema_version, run_id=run_id,
                file_sha256=u.file_sha256, ctime_ns=u.ctime_ns,
            )
        )
    return rows


def next_manifest(
    plan: Plan,
    new_rows: Iterable[ManifestRow],
    part_renames: Mapping[str, str | None],
    *,
    run_id: str,
    pipeline_version: str,
    schema_version: str,
) -> list[ManifestRow]:
    """The manifest after this run: unchanged rows (parts renamed by rewrites), this run's rows
    (from ``batch_rows``) and the duplicates."""
    rows: list[ManifestRow] = []

    def carried(r: ManifestRow) -> ManifestRow:
        if r.part and r.part in part_renames:
            r.part = part_renames[r.part]
        return r

    rows.extend(carried(r) for r in plan.unchanged)
    rows.extend(carried(r) for r in plan.kept_deleted)
    rows.extend(new_rows)
    for u, first in plan.duplicates:
        rows.append(
            ManifestRow(
                unit_key=u.key, path=u.path, line=u.line, kind=u.kind, sha256=u.sha256, size=u.size,
                mtime_ns=u.mtime_ns, status="duplicate", reason=f"same bytes as {first}", doc_id=None, part=None,
                pipeline_version=pipeline_version, schema_version=schema_version, run_id=run_id,
                file_sha256=u.file_sha256, ctime_ns=u.ctime_ns,
            )
        )
    rows.sort(key=lambda r: r.unit_key)
    return rows
