"""The public API for notebooks and scripts: one article in, its records out; an output folder read back.

``extract`` runs exactly what the flow runs for one article (cleaning, quotes, speakers, events,
records, schema validation) without Prefect, a server or any file. ``read_table`` and ``tables``
read an output folder written by ``quotewire run``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotewire.dataset.batch import validate_records
from quotewire.dataset.pipeline import Options, Quarantined, article_from_json_line, process_article
from quotewire.errors import QuotewireError

TABLE_NAMES = ("documents", "quotes", "speakers", "events")


class NotAnArticle(QuotewireError):
    """The text cannot be an article (empty, too long, or not text); the message says why."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """The records of one article, exactly as the flow writes them (one dict per row).

    ``rejects`` lists records that failed their JSON Schema (with the error); the flow writes
    those to ``rejects/`` instead of the tables.
    """

    documents: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    events: list[dict[str, Any]]
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{len(self.quotes)} quotes, {len(self.speakers)} speakers, {len(self.events)} events"]
        for q in self.quotes:
            lines.append(f"  [{q['type']}] {q.get('speaker') or '(unknown)'}: {_short(q['text'])}")
        return "\n".join(lines)

    def __iter__(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """``(table, rows)`` pairs, for ``dict(extraction)`` or a loop over the tables."""
        for name in TABLE_NAMES:
            yield name, getattr(self, name)


def _short(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    include_text: bool = True,
    options: Options | None = None,
) -> Extraction:
    """Quotes, speakers and dated events of one article, as records (no Prefect, no files).

    ``published`` (ISO date or datetime, or a ``date``) anchors relative dates ("on Tuesday");
    without it, the date the text states is used. The records are those ``quotewire run`` writes
    for the same text given as a JSONL line with these fields. Raises ``NotAnArticle`` when the
    text cannot be an article (empty, too long); the message says why.
    """
    # The caller's options are never changed: ``include_text=False`` makes a copy.
    opts = options or Options(include_text=include_text)
    if options is not None and not include_text:
        opts = dataclasses.replace(options, include_text=False)
    meta: dict[str, Any] = {"text": text, "id": id, "title": title, "url": url, "outlet": outlet}
    meta["published"] = published.isoformat() if isinstance(published, dt.date) else published
    line = json.dumps({k: v for k, v in meta.items() if v is not None}, ensure_ascii=False).encode("utf-8")
    source = "<extract>"
    art = article_from_json_line(line, source, 1, options=opts)
    if isinstance(art, Quarantined):
        raise NotAnArticle(art.reason.removeprefix("line 1: "))
    records = process_article(art, f"{source}:{id or ''}", opts)
    good, rejects = validate_records(records, source)
    return Extraction(good["documents"], good["quotes"], good["speakers"], good["events"], rejects)


def read_table(out: str | Path, table: str) -> Any:
    """One table of an output folder as a ``pyarrow.Table`` (``.to_pandas()``, ``polars.from_arrow``).

    Reads the committed Parquet parts only, so it sees one consistent version of the dataset.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from quotewire.dataset.query import table_files
    from quotewire.dataset.schema import arrow_schema

    files = table_files(Path(out))
    if table not in files:
        raise QuotewireError(f"found no table {table!r} in {out}, expected one of {', '.join(sorted(files))}")
    parts = [pq.read_table(p) for p in files[table]]
    if not parts:
        try:
            return arrow_schema(table).empty_table()
        except Exception:  # a table without a schema and without parts
            return pa.table({})
    return pa.concat_tables(parts, promote_options="default")


def tables(out: str | Path) -> list[str]:
    """The names of the tables of an output folder (with or without rows)."""
    from quotewire.dataset.query import table_files

    return list(table_files(Path(out)))
