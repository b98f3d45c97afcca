"""``output/report.html``: a self-contained overview of the committed dataset.

Scope: one HTML file a person opens in a browser, offline: inline CSS and inline SVG, no
scripts, fonts or images from anywhere (not even a link to an article's URL). It shows the run
summary (when given), records per table, a timeline of dated events, the most-quoted speakers,
quotes per outlet, and the quarantine with reasons. Tables are read with ``pyarrow.dataset``
(DuckDB is optional) and discovered from the schemas and the folders present. Every piece of
text from the data is escaped with ``html.escape``. A section whose table cannot be read shows
the error instead of failing the whole report.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotewire.dataset import io as qio
from quotewire.dataset.query import table_files

log = logging.getLogger(__name__)

REPORT = "report.html"
TOP_SPEAKERS = 25
TOP_OUTLETS = 25
MAX_EVENTS_LISTED = 300
MAX_QUARANTINE_LISTED = 500
SUMMARY_KEYS = (
    "run_id",
    "found",
    "processed",
    "unchanged",
    "duplicate",
    "quarantined",
    "deleted",
    "records",
    "rejects",
    "seconds",
)

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2a44;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c8d0e0}main{padding:8px 28px 40px;max-width:1200px}
section{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:14px 18px;margin:16px 0}
h2{font-size:17px;margin:0 0 10px}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef2;vertical-align:top}
th{background:#f0f2f6;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#4a78c2;height:12px;border-radius:2px;min-width:1px}.muted{color:#687085}
.err{color:#a12020}td.d{white-space:nowrap}nav a{color:#c8d0e0;margin-right:14px}dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}
dl.kv dt{color:#687085}dl.kv dd{margin:0;font-variant-numeric:tabular-nums}svg text{font-size:11px;fill:#4b5366}
"""


def esc(value: object) -> str:
    """Any value as escaped HTML text (``None`` -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


# --- reading ------------------------------------------------------------------------------------


def iter_parts(out: Path, table: str, columns: Sequence[str]) -> Iterator[tuple[str, pa.Table]]:
    """``(part name, columns of that part file)`` one file at a time.

    Why not a dataset scan: a scanner over hundreds of part files keeps every file's footer and
    reads ahead several files; measured at 100,000 articles (500 parts), +41 MiB for one date
    column against +5 MiB reading the files in turn. Every part holds whole documents, so sums
    of per-part aggregates (counts, distinct documents) are the dataset's.
    """
    for f in table_files(out).get(table) or []:
        pf = pq.ParquetFile(f)
        cols = [c for c in columns if c in pf.schema_arrow.names]
        yield f.stem, pf.read(columns=cols)


def read_quarantine(out: Path) -> list[dict[str, Any]]:
    """The entries of ``quarantine.jsonl`` (none when the file is missing); bad lines skipped."""
    path = out / "quarantine.jsonl"
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                rows.append(obj)
    return rows


# --- aggregates ---------------------------------------------------------------------------------


def top_speakers(quotes: pa.Table, n: int | None = TOP_SPEAKERS) -> list[tuple[str, int, int]]:
    """``(speaker, quotes, documents)`` for the most-quoted speaker names."""
    if "speaker" not in quotes.column_names:
        return []
    t = quotes.filter(pc.is_valid(quotes["speaker"]))
    if t.num_rows == 0:
        return []
    g = t.group_by("speaker").aggregate([("speaker", "count"), ("doc_id", "count_distinct")])
    rows = [
        (str(s), int(c), int(d))
        for s, c, d in zip(
            g["speaker"].to_pylist(),
            g["speaker_count"].to_pylist(),
            g["doc_id_count_distinct"].to_pylist(),
            strict=True,
        )
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:n]


def quotes_per_outlet(quotes: pa.Table, documents: pa.Table, n: int | None = TOP_OUTLETS) -> list[tuple[str, int, int]]:
    """``(outlet, quotes, documents)``; documents without an outlet count as "(unknown)"."""
    per_doc = quotes.group_by("doc_id").aggregate([("doc_id", "count")])
    docs = documents.select(["doc_id", "outlet"])
    outlets = pc.fill_null(docs["outlet"], "(unknown)")
    docs = docs.set_column(1, "outlet", outlets)
    joined = docs.join(per_doc, "doc_id", join_type="left outer")
    joined = joined.set_column(
        joined.schema.get_field_index("doc_id_count"), "n", pc.fill_null(joined["doc_id_count"], 0)
    )
    g = joined.group_by("outlet").aggregate([("n", "sum"), ("doc_id", "count")])
    rows = [
        (str(o), int(q), int(d))
        for o, q, d in zip(g["outlet"].to_pylist(), g["n_sum"].to_pylist(), g["doc_id_count"].to_pylist(), strict=True)
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:n]


def timeline_bins(dates: Sequence[dt.date]) -> tuple[str, list[tuple[str, int]]]:
    """Counts of dates per day, month or year (whichever gives a readable number of bins)."""
    return timeline_bins_counts(Counter(dates))


def _fill_bins(unit: str, lo: dt.date, hi: dt.date, counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Every bin from ``lo`` to ``hi`` (empty ones too), so gaps show as gaps."""
    keys: list[str] = []
    if unit == "day":
        keys = [(lo + dt.timedelta(days=i)).isoformat() for i in range((hi - lo).days + 1)]
    elif unit == "month":
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        keys = [f"{y:04d}" for y in range(lo.year, hi.year + 1)]
    return [(k, counts.get(k, 0)) for k in keys]


# --- HTML pieces --------------------------------------------------------------------------------


def svg_timeline(unit: str, bins: Sequence[tuple[str, int]], width: int = 1000, height: int = 170) -> str:
    """An inline SVG bar chart of ``bins`` (hover a bar for its label and count)."""
    if not bins:
        return '<p class="muted">No dated events.</p>'
    top = max(c for _, c in bins) or 1
    pad_l, pad_b, pad_t = 34, 22, 8
    plot_w, plot_h = width - pad_l - 6, height - pad_b - pad_t
    step = plot_w / len(bins)
    bar_w = max(step * 0.85, 0.8)
    parts = [
        f'<svg role="img" aria-label="dated events per {esc(unit)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
    ]
    parts.append(f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 6}" y2="{pad_t + plot_h}" stroke="#9aa3b5"/>')
    parts.append(f'<text x="{pad_l - 4}" y="{pad_t + 9}" text-anchor="end">{top}</text>')
    parts.append(f'<text x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end">0</text>')
    for i, (label, count) in enumerate(bins):
        h = plot_h * count / top
        x = pad_l + i * step
        parts.append(
            f'<rect x="{x:.1f}" y="{pad_t + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="#4a78c2"><title>{esc(label)}: {count}</title></rect>'
        )
    n_labels = min(len(bins), 8)
    for j in range(n_labels):
        i = round(j * (len(bins) - 1) / max(n_labels - 1, 1))
        x = pad_l + i * step + bar_w / 2
        anchor = "start" if j == 0 and n_labels > 1 else "end" if j == n_labels - 1 and n_labels > 1 else "middle"
        x = pad_l if anchor == "start" else min(x + bar_w / 2, width - 6) if anchor == "end" else x
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}">{esc(bins[i][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (), nowrap: Sequence[int] = ()
) -> str:
    """An HTML table; every cell escaped (``numeric`` columns right-aligned, ``nowrap`` ones unbroken)."""

    def cell(tag: str, i: int, v: object) -> str:
        cls = ' class="n"' if i in numeric else ' class="d"' if i in nowrap else ""
        return f"<{tag}{cls}>{esc(v)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bar_table(headers: Sequence[str], rows: Sequence[tuple[str, int, int]]) -> str:
    """A ranking table with a proportional bar beside the first count."""
    if not rows:
        return '<p class="muted">None.</p>'
    top = max(r[1] for r in rows) or 1
    body = "".join(
        f'<tr><td>{esc(name)}</td><td class="n">{a}</td><td class="n">{b}</td>'
        f'<td style="width:40%"><div class="bar" style="width:{100 * a / top:.1f}%"></div></td></tr>'
        for name, a, b in rows
    )
    head = (
        f'<tr><th>{esc(headers[0])}</th><th class="n">{esc(headers[1])}</th>'
        f'<th class="n">{esc(headers[2])}</th><th></th></tr>'
    )
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{esc(anchor)}"><h2>{esc(title)}</h2>{body}</section>'


def _guarded(title: str, build: Callable[[], str]) -> str:
    """``build()``, or an error note when the data cannot be read (the report still renders)."""
    try:
        return build()
    except Exception as exc:
        log.warning("report: %s failed: %s", title, exc, exc_info=True)
        return f'<p class="err">Could not build this section: {esc(type(exc).__name__)}: {esc(exc)}</p>'


# --- sections -----------------------------------------------------------------------------------


def summary_html(summary: Mapping[str, Any]) -> str:
    items = []
    for key in SUMMARY_KEYS:
        if key not in summary:
            continue
        v = summary[key]
        if isinstance(v, Mapping):
            v = ", ".join(f"{k} {n}" for k, n in v.items())
        elif isinstance(v, float):
            v = f"{v:.1f}"
        items.append(f"<dt>{esc(key)}</dt><dd>{esc(v)}</dd>")
    return f'<dl class="kv">{"".join(items)}</dl>'


def records_html(out: Path) -> str:
    counts = qio.count_records(out, table_files(out))
    return html_table(["table", "records"], list(counts.items()), numeric=[1])


def timeline_html(out: Path) -> str:
    """Per-day counts from the date column alone, then only the earliest events' text.

    Two passes over the part files keep the memory flat in the size of the dataset: the first
    reads one date column (per-day counts); the second keeps, part by part, the earliest
    MAX_EVENTS_LISTED events; titles are read for those documents only.
    """
    files = table_files(out).get("events") or []
    if not files:
        return '<p class="muted">No events.</p>'
    names = pq.ParquetFile(files[0]).schema_arrow.names
    if "period_start" not in names:
        return '<p class="muted">The events table has no period_start column.</p>'
    cols = [c for c in ["doc_id", "period_start", "date_value", "date_text", "text"] if c in names]
    per_day: Counter[dt.date] = Counter()
    total = 0
    for _, part in iter_parts(out, "events", ["period_start"]):
        total += part.num_rows
        vc = pc.value_counts(part["period_start"].drop_null())
        per_day.update(dict(zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist(), strict=True)))
    best: pa.Table | None = None
    if per_day:
        seen, cutoff = 0, max(per_day)
        for day in sorted(per_day):
            seen += per_day[day]
            if seen >= MAX_EVENTS_LISTED:
                cutoff = day
                break
        for _, part in iter_parts(out, "events", cols):
            early = part.filter(pc.less_equal(part["period_start"], pa.scalar(cutoff, pa.date32())))
            if early.num_rows == 0:
                continue
            merged = early if best is None else pa.concat_tables([best, early])
            order = pc.sort_indices(merged, sort_keys=[("period_start", "ascending")])
            best = merged.take(order[:MAX_EVENTS_LISTED])
    if total == 0:
        return '<p class="muted">No events.</p>'
    n_dated = sum(per_day.values())
    unit, bins = timeline_bins_counts(per_day)
    parts = [
        f"<p>{n_dated} of {total} events carry a calendar date "
        f"({total - n_dated} unresolved); per {esc(unit)}:</p>",
        svg_timeline(unit, bins),
    ]
    listed = best.to_pylist() if best is not None else []
    titles = _doc_titles(out, {r.get("doc_id") or "" for r in listed})
    rows = [
        (r.get("period_start"), r.get("date_value"), r.get("date_text"), r.get("text"),
         titles.get(r.get("doc_id") or "", ""))
        for r in listed
    ]
    parts.append(html_table(["date", "TIMEX3 value", "date text", "clause", "document"], rows, nowrap=[0, 1]))
    if n_dated > MAX_EVENTS_LISTED:
        parts.append(f'<p class="muted">First {MAX_EVENTS_LISTED} of {n_dated} dated events by date.</p>')
    return "".join(parts)


def timeline_bins_counts(per_day: Counter[dt.date]) -> tuple[str, list[tuple[str, int]]]:
    """``timeline_bins`` over per-date counts (the bins, without a list of every date)."""
    if not per_day:
        return "day", []
    lo, hi = min(per_day), max(per_day)
    span = (hi - lo).days
    keyf: Callable[[dt.date], str]
    if span <= 92:
        unit, keyf = "day", lambda d: d.isoformat()
    elif span <= 366 * 12:
        unit, keyf = "month", lambda d: f"{d.year:04d}-{d.month:02d}"
    else:
        unit, keyf = "year", lambda d: f"{d.year:04d}"
    counts: Counter[str] = Counter()
    for d, n in per_day.items():
        counts[keyf(d)] += n
    return unit, _fill_bins(unit, lo, hi, counts)


def _doc_titles(out: Path, wanted: set[str]) -> dict[str, str]:
    """Title (else source path) of the ``wanted`` documents, reading the part files in turn."""
    if not wanted:
        return {}
    keys = pa.array(sorted(wanted), pa.string())
    titles: dict[str, str] = {}
    for _, part in iter_parts(out, "documents", ["doc_id", "title", "source_path"]):
        t = part.filter(pc.is_in(part["doc_id"], value_set=keys))
        if t.num_rows == 0:
            continue
        names = t["title"].to_pylist() if "title" in t.column_names else [None] * t.num_rows
        paths = t["source_path"].to_pylist() if "source_path" in t.column_names else [None] * t.num_rows
        for d, ti, p in zip(t["doc_id"].to_pylist(), names, paths, strict=True):
            titles[str(d)] = str(ti or p or d)
    return titles


def speakers_html(out: Path) -> str:
    quotes_n: Counter[str] = Counter()
    docs_n: Counter[str] = Counter()
    seen = False
    for _, part in iter_parts(out, "quotes", ["doc_id", "speaker"]):
        seen = True
        # Per part, then summed: a document's quotes all live in one part file.
        for name, q, d in top_speakers(part, n=None):
            quotes_n[name] += q
            docs_n[name] += d
    if not seen:
        return '<p class="muted">No quotes.</p>'
    rows = sorted(((s, q, docs_n[s]) for s, q in quotes_n.items()), key=lambda r: (-r[1], r[0]))[:TOP_SPEAKERS]
    return bar_table(["speaker", "quotes", "documents"], rows)


def outlets_html(out: Path) -> str:
    quotes_by_part = dict(iter_parts(out, "quotes", ["doc_id"]))
    q_n: Counter[str] = Counter()
    d_n: Counter[str] = Counter()
    seen = False
    for name, docs in iter_parts(out, "documents", ["doc_id", "outlet"]):
        if "outlet" not in docs.column_names:
            return '<p class="muted">No documents.</p>'
        seen = True
        quotes = quotes_by_part.pop(name, None)
        if quotes is None:
            quotes = pa.table({"doc_id": pa.array([], pa.string())})
        for outlet, q, d in quotes_per_outlet(quotes, docs, n=None):
            q_n[outlet] += q
            d_n[outlet] += d
    if not seen:
        return '<p class="muted">No documents.</p>'
    rows = sorted(((o, q, d_n[o]) for o, q in q_n.items()), key=lambda r: (-r[1], r[0]))[:TOP_OUTLETS]
    return bar_table(["outlet", "quotes", "documents"], rows)


def quarantine_html(out: Path) -> str:
    rows = read_quarantine(out)
    if not rows:
        return '<p class="muted">No input is quarantined.</p>'
    listed = [
        (r.get("path") or r.get("unit_key"), r.get("line"), r.get("reason"), r.get("run_id"))
        for r in rows[:MAX_QUARANTINE_LISTED]
    ]
    more = (
        f'<p class="muted">First {MAX_QUARANTINE_LISTED} of {len(rows)}; see quarantine.jsonl.</p>'
        if len(rows) > MAX_QUARANTINE_LISTED
        else ""
    )
    return (
        f"<p>{len(rows)} inputs yielded no document:</p>"
        + html_table(["input", "line", "reason", "run"], listed)
        + more
    )


def render_report(out: Path, summary: Mapping[str, Any] | None = None) -> str:
    """The whole report as one HTML string."""
    sections: list[tuple[str, str, Callable[[], str]]] = []
    if summary:
        sections.append(("run", "Last run", lambda: summary_html(summary)))
    sections += [
        ("records", "Records per table", lambda: records_html(out)),
        ("timeline", "Timeline of dated events", lambda: timeline_html(out)),
        ("speakers", "Most-quoted speakers", lambda: speakers_html(out)),
        ("outlets", "Quotes per outlet", lambda: outlets_html(out)),
        ("quarantine", "Quarantine", lambda: quarantine_html(out)),
    ]
    nav = "".join(f'<a href="#{esc(a)}">{esc(t)}</a>' for a, t, _ in sections)
    body = "".join(section(a, t, _guarded(t, f)) for a, t, f in sections)
    run = f" · run {esc(summary.get('run_id'))}" if summary and summary.get("run_id") else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>quotewire report</title><style>{_CSS}</style></head><body>"
        f"<header><h1>quotewire report</h1><p>{esc(out.name)}{run}</p><nav>{nav}</nav></header>"
        f"<main>{body}</main></body></html>\n"
    )


def write_report(out: Path, summary: dict[str, Any] | None = None) -> Path:
    """Write ``out/report.html`` atomically from the committed dataset; return its path."""
    path = out / REPORT
    qio.atomic_write_text(path, render_report(out, summary))
    return path
