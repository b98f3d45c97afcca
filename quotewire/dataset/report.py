"""``output/report.html``: a self-contained page to explore the committed dataset.

Scope: one HTML file a person opens in a browser, offline: inline CSS, inline SVG and one
inline script (the quote explorer, ``explorer.js``), nothing loaded from anywhere; a Content
Security Policy in the page allows only that script (by its hash) and no network at all. It
shows the run summary (when given), the quotes (search, filters, a click opens the article with
the spans highlighted; ``explorer.py``), the most-quoted people (the ``people`` table, persons
only), a timeline of dated events, quotes per outlet, the quarantine with reasons and records
per table. Tables are read part file by part file with pyarrow (not DuckDB: flat memory) and
discovered from the schemas and the folders present. Text from the data reaches the page only
escaped (``html.escape``), as JSON with ``<``, ``>`` and ``&`` escaped, or through the DOM's
``textContent``; an article's URL is shown as text, never as a link. A section whose table
cannot be read shows the error instead of failing the whole report.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
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
from quotewire.dataset.explorer import (
    DATA_MARK,
    EXPLORER_CSS,
    Explorer,
    build_explorer,
    explorer_html,
    explorer_script,
    people_html,
)
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


def axis_range(per_day: Mapping[dt.date, int], published: tuple[dt.date, dt.date] | None = None) -> tuple[dt.date, dt.date]:
    """The dates the timeline's axis spans: where the news is, far outliers left out.

    Why: a news corpus dates most events near its articles, but a few clauses resolve to 1851
    or 2030 ("since 1851", "by 2030"); an axis over all of them squeezes the news into one bar.
    With publication dates, the axis covers the events within a year of the first and last
    article (a year keeps "last year" and "next year"); without any, Tukey's far fences over
    the event dates (quartiles -/+ 3 interquartile ranges, at least a month each). The events
    left off the axis are counted in words (``_outliers_note``).
    """
    days = sorted(per_day)
    if published is not None:
        lo, hi = published[0] - dt.timedelta(days=366), published[1] + dt.timedelta(days=366)
    else:
        total = sum(per_day.values())

        def quantile(f: float) -> dt.date:
            seen = 0
            for d in days:
                seen += per_day[d]
                if seen >= f * total:
                    return d
            return days[-1]

        q1, q3 = quantile(0.25), quantile(0.75)
        spread = dt.timedelta(days=3 * max((q3 - q1).days, 31))
        lo, hi = q1 - spread, q3 + spread
    inside = [d for d in days if lo <= d <= hi]
    # Every event outside a year of the articles: better a stretched axis than an empty one.
    return (inside[0], inside[-1]) if inside else (days[0], days[-1])


def published_range(out: Path) -> tuple[dt.date, dt.date] | None:
    """The first and last publication dates of the documents (``None`` when none is dated)."""
    lo: dt.date | None = None
    hi: dt.date | None = None
    for _, part in iter_parts(out, "documents", ["published"]):
        if "published" not in part.column_names:
            continue
        mm = pc.min_max(part["published"]).as_py()
        if mm["min"] is not None:
            lo = mm["min"] if lo is None else min(lo, mm["min"])
            hi = mm["max"] if hi is None else max(hi, mm["max"])
    return (lo, hi) if lo is not None and hi is not None else None


def _outliers_note(per_day: Mapping[dt.date, int], lo: dt.date, hi: dt.date) -> str:
    """One sentence on the dated events left off the axis (empty when there are none)."""
    before = [d for d in per_day if d < lo]
    after = [d for d in per_day if d > hi]
    notes = []
    if before:
        notes.append(f"{sum(per_day[d] for d in before)} earlier (from {min(before).isoformat()})")
    if after:
        notes.append(f"{sum(per_day[d] for d in after)} later (to {max(after).isoformat()})")
    if not notes:
        return ""
    return f'<p class="muted">Outliers, off the axis and out of the table: {" and ".join(notes)}.</p>'


def _newest_events(
    out: Path, cols: list[str], per_day: Mapping[dt.date, int], lo: dt.date, hi: dt.date
) -> list[dict[str, Any]]:
    """The newest MAX_EVENTS_LISTED dated events on the axis (``lo`` to ``hi``), newest first.

    On the axis only: "by 2050" is not the latest news, and would head the table. The part
    files are read in turn, keeping the newest events seen so far.
    """
    seen, cutoff = 0, lo
    for day in sorted((d for d in per_day if lo <= d <= hi), reverse=True):
        seen += per_day[day]
        if seen >= MAX_EVENTS_LISTED:
            cutoff = day
            break
    best: pa.Table | None = None
    for _, part in iter_parts(out, "events", cols):
        start = part["period_start"]
        late = part.filter(pc.and_(pc.greater_equal(start, pa.scalar(cutoff, pa.date32())),
                                   pc.less_equal(start, pa.scalar(hi, pa.date32()))))
        if late.num_rows == 0:
            continue
        merged = late if best is None else pa.concat_tables([best, late])
        order = pc.sort_indices(merged, sort_keys=[("period_start", "descending")])
        best = merged.take(order[:MAX_EVENTS_LISTED])
    return best.to_pylist() if best is not None else []


def timeline_html(out: Path) -> str:
    """Per-day counts from the date column alone, then only the newest events' text.

    Two passes over the part files keep the memory flat in the size of the dataset: the first
    reads one date column (per-day counts); the second keeps, part by part, the newest
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
    if total == 0:
        return '<p class="muted">No events.</p>'
    n_dated = sum(per_day.values())
    parts = [f"<p>{n_dated} of {total} events carry a calendar date ({total - n_dated} unresolved)"]
    if not per_day:
        return parts[0] + ".</p>"
    lo, hi = axis_range(per_day, published_range(out))
    unit, bins = timeline_bins_counts(Counter({d: n for d, n in per_day.items() if lo <= d <= hi}))
    parts[0] += f"; per {esc(unit)} from {lo.isoformat()} to {hi.isoformat()}:</p>"
    parts += [svg_timeline(unit, bins), _outliers_note(per_day, lo, hi)]
    listed = _newest_events(out, cols, per_day, lo, hi)
    titles = _doc_titles(out, {r.get("doc_id") or "" for r in listed})
    rows = [
        (r.get("period_start"), r.get("date_value"), r.get("date_text"), r.get("text"),
         titles.get(r.get("doc_id") or "", ""))
        for r in listed
    ]
    parts.append(html_table(["date", "TIMEX3 value", "date text", "clause", "document"], rows, nowrap=[0, 1]))
    on_axis = sum(n for d, n in per_day.items() if lo <= d <= hi)
    if on_axis > len(listed):
        parts.append(f'<p class="muted">The newest {len(listed)} of the {on_axis} events on the axis.</p>')
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
    # Newest first: quarantine.jsonl is appended run after run, so its last lines are the latest.
    latest = rows[::-1][:MAX_QUARANTINE_LISTED]
    listed = [(r.get("path") or r.get("unit_key"), r.get("line"), r.get("reason"), r.get("run_id")) for r in latest]
    more = (
        f'<p class="muted">The newest {MAX_QUARANTINE_LISTED} of {len(rows)}; see quarantine.jsonl.</p>'
        if len(rows) > MAX_QUARANTINE_LISTED
        else ""
    )
    return (
        f"<p>{len(rows)} inputs yielded no document (newest first):</p>"
        + html_table(["input", "line", "reason", "run"], listed)
        + more
    )


def people_section(out: Path, ex: Explorer) -> str:
    """The most-quoted people; without a people table (``--no-corpus``), speaker names as written."""
    table = people_html(out, ex.who_of_person)
    if table is not None:
        return table
    return (
        '<p class="muted">No people table (the run skipped it with --no-corpus); speaker names as the '
        "articles give them:</p>" + speakers_html(out)
    )


def _content_policy() -> str:
    """A Content Security Policy allowing the page's own script (by hash) and inline styles only.

    Why: the page embeds untrusted article text; even if some of it escaped its escaping, the
    browser would run no other script and fetch nothing (``default-src 'none'``).
    """
    digest = base64.b64encode(hashlib.sha256(explorer_script().encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"


def render_report(out: Path, summary: Mapping[str, Any] | None = None) -> str:
    """The whole report as one HTML string."""
    return "".join(report_chunks(out, summary))


def report_chunks(out: Path, summary: Mapping[str, Any] | None = None) -> Iterator[str]:
    """The report in pieces: the page around the explorer's data, and the data a few hundred rows at a time."""
    ex = Explorer(data={})
    try:
        ex = build_explorer(out)
    except Exception as exc:
        log.warning("report: the quote explorer failed: %s", exc, exc_info=True)
        ex.data["error"] = f"{type(exc).__name__}: {exc}"

    def quotes() -> str:
        if "error" in ex.data:
            raise RuntimeError(ex.data["error"])
        return explorer_html(ex) if ex.data["quotes"] else '<p class="muted">No quotes.</p>'

    sections: list[tuple[str, str, Callable[[], str]]] = []
    if summary:
        sections.append(("run", "Last run", lambda: summary_html(summary)))
    sections += [
        ("quotes", "Quotes", quotes),
        ("people", "Most-quoted people", lambda: people_section(out, ex)),
        ("timeline", "Timeline of dated events", lambda: timeline_html(out)),
        ("outlets", "Quotes per outlet", lambda: outlets_html(out)),
        ("quarantine", "Quarantine", lambda: quarantine_html(out)),
        ("records", "Records per table", lambda: records_html(out)),
    ]
    nav = "".join(f'<a href="#{esc(a)}">{esc(t)}</a>' for a, t, _ in sections)
    body = "".join(section(a, t, _guarded(t, f)) for a, t, f in sections)
    run = f" · run {esc(summary.get('run_id'))}" if summary and summary.get("run_id") else ""
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_content_policy())}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>quotewire report</title><style>{_CSS}{EXPLORER_CSS}</style></head><body>"
        f"<header><h1>quotewire report</h1><p>{esc(out.name)}{run}</p><nav>{nav}</nav></header>"
        f"<main>{body}</main></body></html>\n"
    )
    before, mark, after = page.partition(DATA_MARK)
    yield before
    if mark:
        yield from ex.script_json_chunks()
    yield after


def write_report(out: Path, summary: dict[str, Any] | None = None) -> Path:
    """Write ``out/report.html`` atomically from the committed dataset; return its path."""
    path = out / REPORT
    qio.atomic_write_chunks(path, report_chunks(out, summary))
    return path
