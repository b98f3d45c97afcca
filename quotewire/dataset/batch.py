"""Process one batch of input units: read, extract, validate, stage a part file.

This is the unit of work a Prefect task wraps (one task per batch amortizes task overhead). It
never raises for bad input: every unit comes back with a status (processed or quarantined) and
every invalid record goes to the rejects with its schema error.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotewire.dataset.io import InputUnit, read_unit, write_part
from quotewire.dataset.pipeline import Options, Quarantined, article_from_bytes, article_from_json_line, process_article
from quotewire.dataset.schema import TABLES, validator
from quotewire.extract.model import Article

log = logging.getLogger(__name__)


@dataclass(slots=True)
class UnitResult:
    key: str
    status: str  # processed | quarantined
    reason: str | None = None
    doc_id: str | None = None


@dataclass(slots=True)
class BatchResult:
    part: str
    units: list[UnitResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    top_speakers: Counter[str] = field(default_factory=Counter)
    event_dates: list[str] = field(default_factory=list)  # the earliest and latest only


def load_article(raw: Path, unit: InputUnit, options: Options, text_field: str = "text") -> Article | Quarantined:
    """Read and decode one unit (IO errors become quarantine reasons)."""
    if unit.problem:
        return Quarantined(unit.problem)
    if unit.kind != "jsonl":
        # Refused before reading: a 50 MB file never enters memory (its sidecar does not count).
        try:
            size = (raw / unit.path).stat().st_size
        except OSError:
            size = 0  # read_unit below says what is wrong
        if size > options.max_chars * 4:
            return Quarantined(f"file too large: {size} bytes, limit {options.max_chars * 4} (max_chars)")
    try:
        data, sidecar = read_unit(raw, unit)
    except FileNotFoundError:
        return Quarantined("file disappeared while the run read it")
    except OSError as exc:
        return Quarantined(f"unreadable: {exc.strerror or exc}")
    art: Article | Quarantined
    if unit.kind == "jsonl":
        art = article_from_json_line(data, unit.path, unit.line or 0, options=options, text_field=text_field)
    elif unit.kind == "html":
        from quotewire.dataset.html import article_from_html

        art = article_from_html(data, unit.path, options=options, sidecar=sidecar)
    else:
        art = article_from_bytes(data, unit.path, sidecar, options=options)
    if unit.note and isinstance(art, Article):
        art.notes.append(unit.note)
    return art


def validate_table(
    table: str, rows: list[dict[str, Any]], source: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split one table's rows into valid ones and rejects (with the failing field and message)."""
    v = validator(table)
    good: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for rec in rows:
        errs = v.errors(rec)
        if errs:
            rejects.append({"table": table, "source": source, "errors": [str(e) for e in errs], "record": rec})
        else:
            good.append(rec)
    return good, rejects


def validate_records(
    records: dict[str, list[dict[str, Any]]], source: str
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Split records into valid ones and rejects (with the failing field and message)."""
    good: dict[str, list[dict[str, Any]]] = {}
    rejects: list[dict[str, Any]] = []
    for table in TABLES:
        good[table], bad = validate_table(table, records.get(table, []), source)
        rejects.extend(bad)
    return good, rejects


def process_batch(
    raw: Path,
    out: Path,
    run_id: str,
    part: str,
    units: list[InputUnit],
    options: Options,
    text_field: str = "text",
) -> BatchResult:
    """Process ``units`` into one staged part; see the module docstring."""
    res = BatchResult(part=part)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    secs: defaultdict[str, float] = defaultdict(float)
    seen_docs: set[str] = set()
    for unit in units:
        t0 = time.perf_counter()
        art = load_article(raw, unit, options, text_field)
        t1 = time.perf_counter()
        secs["read"] += t1 - t0
        if isinstance(art, Quarantined):
            res.units.append(UnitResult(unit.key, "quarantined", art.reason))
            continue
        try:
            recs = process_article(art, unit.key, options, secs)
        except Exception as exc:  # a bug on one article must not lose the batch
            log.exception("extraction failed on %s", unit.key)
            res.units.append(UnitResult(unit.key, "quarantined", f"extraction error: {type(exc).__name__}: {exc}"))
            continue
        t2 = time.perf_counter()
        good, rejects = validate_records(recs, unit.key)
        secs["validate"] += time.perf_counter() - t2
        res.rejects.extend(rejects)
        if not good["documents"]:
            res.units.append(UnitResult(unit.key, "quarantined", "document record failed its schema (see rejects)"))
            continue
        doc_id = good["documents"][0]["doc_id"]
        if doc_id in seen_docs:
            res.units.append(UnitResult(unit.key, "quarantined", "same document twice in one batch"))
            continue
        seen_docs.add(doc_id)
        for t in TABLES:
            tables[t].extend(good[t])
        for q in good["quotes"]:
            if q["speaker"]:
                res.top_speakers[q["speaker"]] += 1
        dates = [e["period_start"] for e in good["events"] if e["period_start"]] + res.event_dates
        res.event_dates = [min(dates), max(dates)] if dates else []
        res.units.append(UnitResult(unit.key, "processed", None, doc_id))
    t3 = time.perf_counter()
    meta = {"run_id": run_id, "pipeline_version": options.pipeline_version, "part": part}
    res.counts = write_part(out, run_id, part, tables, meta)
    secs["write"] += time.perf_counter() - t3
    res.seconds = dict(secs)
    return res
