"""The data behind the report's quote explorer: who said what, when, embedded in the page.

Scope: read the committed tables and return one JSON-ready payload (``Explorer.data``) that
``explorer.js`` renders in the browser: the newest ``MAX_ARTICLES`` documents (title, outlet,
URL, date, text), their quotes (spans as offsets into the text) and the speakers the quotes name,
merged through the ``people`` table where it exists; and the People section (``people_html``:
the most-quoted persons, each name a button that filters the explorer). Nothing here writes a
file.

Why a cap: the page embeds every article's text so that a click can show it offline; 10,000
news articles are about 30-40 MB of text, which a browser still opens in a second or two. Larger
datasets keep their newest articles and the page says how many it holds.

Why UTF-16 offsets: the dataset's offsets count code points (Python strings); JavaScript strings
count UTF-16 units, so an article with a character outside the BMP (an emoji) would shift every
later span by one. Offsets are converted here, once, only for the documents that need it.
"""

from __future__ import annotations

import html
import json
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotewire.dataset.query import table_files

MAX_ARTICLES = 10_000
# Where the page's data goes (``explorer_html`` leaves it for the writer to stream in): a tag
# that no escaped text can contain, since escaping turns every "<" of the data into "&lt;".
DATA_MARK = "<qw-data-here>"
TOP_PEOPLE = 50
DOC_COLUMNS = ("doc_id", "title", "outlet", "url", "published", "text")
# The layout of the embedded rows; explorer.js names the same positions (a test compares them).
DOC_ROW = ("title", "outlet", "url", "date", "text")
QUOTE_ROW = ("doc", "who", "type", "confidence", "start", "end", "cue_start", "cue_end",
             "mention_start", "mention_end", "text", "cue", "mention")


@dataclass(slots=True)
class Explorer:
    """The embedded payload, and the speaker index of each person (for the People section)."""

    data: dict[str, Any]
    who_of_person: dict[str, int] = field(default_factory=dict)

    def script_json(self) -> str:
        """``data`` as JSON that is safe inside ``<script type="application/json">``."""
        return "".join(self.script_json_chunks())

    def script_json_chunks(self, rows_per_chunk: int = 500) -> Iterator[str]:
        """``script_json`` in pieces of a few hundred rows, so that a page is written without
        holding all of its data as one string (at 10,000 articles, 14 MB and its copies)."""
        big = [k for k in ("docs", "quotes") if k in self.data]
        head = json.dumps({k: v for k, v in self.data.items() if k not in big}, **_JSON)
        yield _script_safe(head[:-1])
        for n, key in enumerate(big):
            rows = self.data[key]
            yield f'{"," if n or head != "{}" else ""}"{key}":['
            for i in range(0, len(rows), rows_per_chunk):
                piece = ",".join(json.dumps(r, **_JSON) for r in rows[i : i + rows_per_chunk])
                yield ("," if i else "") + _script_safe(piece)
            yield "]"
        yield "}"


# ASCII (non-ASCII as \u escapes, U+2028/9 included): the string stays one byte a character in
# memory whatever the articles' scripts, and the page's encoding cannot matter.
_JSON: dict[str, Any] = {"ensure_ascii": True, "separators": (",", ":")}


def _script_safe(text: str) -> str:
    """JSON text with "<", ">" and "&" as escapes: raw, they could end the <script> element or
    open a comment; escaped, they decode to the same string and cannot."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _parts(out: Path, table: str, columns: Sequence[str]) -> Iterator[pa.Table]:
    """The ``columns`` (those present) of each part file of ``table``, one file at a time."""
    for f in table_files(out).get(table) or []:
        pf = pq.ParquetFile(f)
        cols = [c for c in columns if c in pf.schema_arrow.names]
        yield pf.read(columns=cols)


def newest_documents(out: Path, limit: int = MAX_ARTICLES) -> tuple[list[str], int]:
    """The ids of the newest ``limit`` documents (undated ones last) and the number of documents.

    Reads two small columns first so that the text is read for the chosen documents only.
    """
    keyed: list[tuple[int, str]] = []
    for part in _parts(out, "documents", ["doc_id", "published"]):
        ids = part["doc_id"].to_pylist()
        if "published" in part.column_names:
            days = pc.cast(part["published"], pa.int32()).to_pylist()
        else:
            days = [None] * len(ids)
        # Undated documents sort after every dated one (newest first), then by id for a stable page.
        keyed += [(-(d if d is not None else -(1 << 30)), str(i)) for i, d in zip(ids, days, strict=True)]
    keyed.sort()
    return [i for _, i in keyed[:limit]], len(keyed)


def _utf16_offsets(text: str) -> list[int] | None:
    """Sorted code-point positions of the characters outside the BMP (``None`` when there are none)."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def _to_utf16(pos: int | None, astral: list[int] | None) -> int | None:
    """A code-point offset as a UTF-16 offset (each astral character before it counts twice)."""
    if pos is None or astral is None:
        return pos
    return pos + bisect_left(astral, pos)


def _read_documents(out: Path, wanted: list[str]) -> tuple[list[list[Any]], dict[str, int], dict[str, list[int] | None]]:
    """The wanted documents as ``[title, outlet, url, date, text]`` rows in ``wanted`` order."""
    order = {d: i for i, d in enumerate(wanted)}
    rows: list[list[Any] | None] = [None] * len(wanted)
    astral: dict[str, list[int] | None] = {}
    keys = pa.array(wanted, pa.string())
    for part in _parts(out, "documents", DOC_COLUMNS):
        t = part.filter(pc.is_in(part["doc_id"], value_set=keys))
        for r in t.to_pylist():
            text = r.get("text")
            astral[r["doc_id"]] = _utf16_offsets(text) if isinstance(text, str) else None
            published = r.get("published")
            rows[order[r["doc_id"]]] = [
                r.get("title"), r.get("outlet"), r.get("url"),
                published.isoformat() if published is not None else None, text,
            ]
    return [r if r is not None else [None] * 5 for r in rows], order, astral


def _persons(out: Path, speaker_ids: set[str]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """``speaker_id -> person_id`` for the given speakers, and ``person_id -> (name, kind)``."""
    link: dict[str, str] = {}
    if speaker_ids:
        keys = pa.array(sorted(speaker_ids), pa.string())
        for part in _parts(out, "speaker_person", ["speaker_id", "person_id"]):
            t = part.filter(pc.and_(pc.is_in(part["speaker_id"], value_set=keys), pc.is_valid(part["person_id"])))
            link.update(zip(t["speaker_id"].to_pylist(), t["person_id"].to_pylist(), strict=True))
    people: dict[str, tuple[str, str]] = {}
    wanted = pa.array(sorted(set(link.values())), pa.string())
    for part in _parts(out, "people", ["person_id", "name", "kind"]):
        t = part.filter(pc.is_in(part["person_id"], value_set=wanted))
        for pid, name, kind in zip(t["person_id"].to_pylist(), t["name"].to_pylist(), t["kind"].to_pylist(), strict=True):
            people[pid] = (str(name), str(kind))
    return link, people


QUOTE_COLUMNS = (
    "doc_id", "speaker_id", "speaker", "type", "confidence", "text", "text_start", "text_end",
    "cue", "cue_start", "cue_end", "speaker_mention", "speaker_mention_start", "speaker_mention_end",
)


@dataclass(slots=True)
class _QuoteRows:
    """The page's quote rows (``QUOTE_ROW``, speaker index still unset) and each row's speaker."""

    rows: list[list[Any]] = field(default_factory=list)
    speaker_ids: list[str | None] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)

    def add_part(self, t: pa.Table, order: Mapping[str, int], texts: set[str],
                 astral: Mapping[str, list[int] | None]) -> None:
        """The rows of one part file's quotes (already filtered to the chosen documents).

        Rows are built column by column, part by part: holding every quote as a dict first cost
        about 40 MB more at 10,000 articles (43,000 quotes).
        """
        c = {k: t[k].to_pylist() if k in t.column_names else [None] * t.num_rows for k in QUOTE_COLUMNS}
        for i, doc in enumerate(c["doc_id"]):
            a = astral.get(doc)
            self.rows.append([
                order[doc], -1, c["type"][i], c["confidence"][i],
                _to_utf16(c["text_start"][i], a), _to_utf16(c["text_end"][i], a),
                _to_utf16(c["cue_start"][i], a), _to_utf16(c["cue_end"][i], a),
                _to_utf16(c["speaker_mention_start"][i], a), _to_utf16(c["speaker_mention_end"][i], a),
                None if doc in texts else c["text"][i], c["cue"][i], c["speaker_mention"][i],
            ])
        self.speaker_ids += c["speaker_id"]
        self.speakers += c["speaker"]

    def sort(self) -> None:
        """Document order (newest first), then position in the article."""
        idx = sorted(range(len(self.rows)), key=lambda k: (self.rows[k][0], self.rows[k][4] or 0, self.rows[k][5] or 0))
        self.rows = [self.rows[k] for k in idx]
        self.speaker_ids = [self.speaker_ids[k] for k in idx]
        self.speakers = [self.speakers[k] for k in idx]


def _read_quotes(out: Path, order: Mapping[str, int], texts: set[str],
                 astral: Mapping[str, list[int] | None]) -> _QuoteRows:
    """The quotes of the chosen documents as page rows, sorted.

    A quote's own text is kept only where its document has none (``texts``: the documents
    whose text the page holds and slices the quotes from).
    """
    keys = pa.array(list(order), pa.string())
    quotes = _QuoteRows()
    for part in _parts(out, "quotes", QUOTE_COLUMNS):
        quotes.add_part(part.filter(pc.is_in(part["doc_id"], value_set=keys)), order, texts, astral)
    quotes.sort()
    return quotes


def _who(quotes: _QuoteRows, out: Path) -> tuple[list[list[str]], dict[str, int]]:
    """The speakers of the quotes as ``who`` rows (each row's index set in the quote rows), and persons' indexes.

    Merged variants ("Erdogan", "Turkish President Recep Tayyip Erdogan") show as the person's
    canonical name; an unlinked speaker keeps the name the article gives.
    """
    link, people = _persons(out, {s for s in quotes.speaker_ids if s})
    who: list[list[str]] = []
    index: dict[tuple[str, str], int] = {}
    for row, sid, name in zip(quotes.rows, quotes.speaker_ids, quotes.speakers, strict=True):
        pid = link.get(sid or "")
        key = ("p", pid) if pid in people else ("s", name) if name else None
        if key is not None:
            if key not in index:
                index[key] = len(who)
                who.append(list(people[key[1]]) if key[0] == "p" else [key[1], ""])
            row[1] = index[key]
    return who, {k[1]: i for k, i in index.items() if k[0] == "p"}


def build_explorer(out: Path, limit: int = MAX_ARTICLES) -> Explorer:
    """The explorer's payload for the output folder ``out``.

    ``docs`` rows follow ``DOC_ROW``; ``who`` rows are ``[name, kind]`` (kind is empty for a
    speaker name no person record covers); ``quotes`` rows follow ``QUOTE_ROW``, with ``who``
    -1 when no speaker was found and ``text`` null when the document text holds it (the page
    slices it out).
    """
    wanted, total = newest_documents(out, limit)
    docs, order, astral = _read_documents(out, wanted)
    quotes = _read_quotes(out, order, {d for d, i in order.items() if docs[i][4] is not None}, astral)
    who, who_of_person = _who(quotes, out)
    counts = Counter(row[1] for row in quotes.rows if row[1] >= 0)
    data = {
        "limit": limit, "articles": total, "embedded": len(docs),
        "docs": docs, "who": who, "quotes": quotes.rows,
        "who_counts": [counts[i] for i in range(len(who))],
    }
    return Explorer(data=data, who_of_person=who_of_person)


# --- people -------------------------------------------------------------------------------------


def esc(value: object) -> str:
    """Any value as escaped HTML text (``None`` -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def top_people(out: Path, n: int = TOP_PEOPLE) -> list[dict[str, Any]] | None:
    """The ``n`` most-quoted persons of the ``people`` table (``None`` when it has no file).

    Persons only: organisations and names of unknown kind ("They", "The statement" once came
    out on top of a list of speaker names) are not people; merged variants are one row.
    """
    files = table_files(out).get("people") or []
    if not files:
        return None
    cols = ["person_id", "kind", "name", "variants", "quote_count", "doc_count", "first_seen", "last_seen", "outlets"]
    best: list[dict[str, Any]] = []
    for part in _parts(out, "people", cols):
        persons = part.filter(pc.equal(part["kind"], "person"))
        order = pc.sort_indices(persons, sort_keys=[("quote_count", "descending"), ("name", "ascending")])
        best = sorted(best + persons.take(order[:n]).to_pylist(), key=lambda r: (-r["quote_count"], r["name"]))[:n]
    return best


def people_html(out: Path, who_of_person: Mapping[str, int]) -> str | None:
    """The most-quoted people (``None`` without a people table); a name with quotes on the page
    filters the quote explorer."""
    people = top_people(out)
    if people is None:
        return None
    if not people:
        return '<p class="muted">No person is quoted.</p>'
    rows = []
    for r in people:
        w = who_of_person.get(r["person_id"])
        name = (
            f'<button type="button" class="qw-link" data-who="{w}">{esc(r["name"])}</button>'
            if w is not None else esc(r["name"])
        )
        others = [v["name"] for v in r.get("variants") or [] if v.get("name") != r["name"]]
        seen = " to ".join(dict.fromkeys(str(d) for d in (r.get("first_seen"), r.get("last_seen")) if d))
        rows.append(
            f'<tr><td>{name}</td><td class="n">{r["quote_count"]}</td><td class="n">{r["doc_count"]}</td>'
            f'<td>{esc(", ".join(others[:5]))}</td><td>{esc(", ".join((r.get("outlets") or [])[:4]))}</td>'
            f'<td class="d">{esc(seen)}</td></tr>'
        )
    head = ('<tr><th>person</th><th class="n">quotes</th><th class="n">documents</th><th>also named</th>'
            "<th>outlets</th><th>seen</th></tr>")
    return (
        "<p>People merged across articles and name variants (the <code>people</code> table); click a name "
        "to see their quotes.</p>" + f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


# --- the page -----------------------------------------------------------------------------------

EXPLORER_CSS = """
.qw-controls{display:flex;flex-wrap:wrap;gap:6px 12px;margin:0 0 8px}.qw-controls label{display:flex;flex-direction:column;font-size:12px;color:#687085}
.qw-controls input,.qw-controls select{font:inherit;padding:3px 5px;border:1px solid #c5cbd6;border-radius:4px;max-width:260px}
#qw-search{width:260px}tr.qw-row{cursor:pointer}tr.qw-row:hover,tr.qw-row:focus{background:#eef3fb}
.qw-pager{display:flex;gap:10px;align-items:center;margin:8px 0}
#qw-article{position:fixed;top:0;right:0;bottom:0;width:min(720px,100%);background:#fff;border-left:1px solid #c5cbd6;
box-shadow:-4px 0 16px rgba(0,0,0,.12);padding:14px 20px;overflow:auto;z-index:5}
#qw-a-head{position:sticky;top:-14px;background:#fff;padding-top:4px;border-bottom:1px solid #eceef2}
#qw-a-text{white-space:pre-wrap;line-height:1.6}#qw-a-url{word-break:break-all;user-select:all}
mark.q{background:#fff1a8}mark.m{background:#cfe3ff;outline:1px solid #6d9be0}mark.c{background:#ffd6cc;outline:1px solid #e07a5f}
.qw-legend mark{padding:0 4px;margin-right:6px}button.qw-link{background:none;border:0;padding:0;color:#2457a6;cursor:pointer;font:inherit;text-align:left}
"""


def _script_path() -> Path:
    return Path(__file__).with_name("explorer.js")


def explorer_script() -> str:
    """The explorer's JavaScript (shipped beside this module, inlined into the page)."""
    return _script_path().read_text(encoding="utf-8")


def explorer_html(ex: Explorer) -> str:
    """The Quotes section: filters, a paged table, the article panel, the data and the script.

    The data is left as ``DATA_MARK`` (``ex.script_json_chunks()`` goes there). Without
    JavaScript the section says that it needs it; every other section is plain HTML.
    """
    d = ex.data
    cap = ""
    if d["articles"] > d["embedded"]:
        cap = (f'<p class="muted" id="qw-cap">This page holds the quotes of the newest {d["embedded"]:,} of '
               f'{d["articles"]:,} articles (at most {d["limit"]:,} are embedded, to keep it fast to open); '
               "query the rest with <code>quotewire query</code>.</p>")
    controls = (
        '<div class="qw-controls">'
        '<label>search<input id="qw-search" type="search" placeholder="words in quote, speaker, cue, title"></label>'
        '<label>speaker<select id="qw-speaker"><option value="">all speakers</option></select></label>'
        '<label>outlet<select id="qw-outlet"><option value="*">all outlets</option></select></label>'
        '<label>from<input id="qw-from" type="date"></label><label>to<input id="qw-to" type="date"></label>'
        '<label>kind<select id="qw-kind"><option value="">all kinds</option><option value="direct">direct</option>'
        '<option value="indirect">indirect</option><option value="mixed">mixed</option></select></label>'
        '<label>min confidence<input id="qw-conf" type="number" min="0" max="1" step="0.05" value="0"></label>'
        "</div>"
    )
    table = (
        '<table id="qw-table"><thead><tr><th>date</th><th>speaker</th><th>cue</th><th>quote</th><th>outlet</th>'
        '<th>kind</th><th class="n">confidence</th></tr></thead><tbody id="qw-rows"></tbody></table>'
        '<div class="qw-pager"><button id="qw-prev" type="button">previous</button>'
        '<button id="qw-next" type="button">next</button><span id="qw-count" class="muted"></span></div>'
    )
    panel = (
        '<aside id="qw-article" hidden><div id="qw-a-head">'
        '<button id="qw-close" type="button" style="float:right">close</button>'
        '<h3 id="qw-a-title"></h3><p id="qw-a-meta" class="muted"></p><p>URL: <span id="qw-a-url"></span></p>'
        '<p class="qw-legend"><mark class="q">quote</mark><mark class="m">speaker mention</mark>'
        '<mark class="c">cue</mark></p></div><div id="qw-a-text"></div></aside>'
    )
    return (
        f'<p>{len(d["quotes"]):,} quotes from {d["embedded"]:,} articles, newest first. Click a quote to read '
        "its article with the quote, the speaker mention and the cue highlighted.</p>"
        f'{cap}<p id="qw-nojs" class="muted">The quote explorer needs JavaScript.</p>'
        f'<div id="qw-explorer" hidden>{controls}{table}</div>{panel}'
        f'<script type="application/json" id="qw-data">{DATA_MARK}</script>'
        f"<script>{explorer_script()}</script>"
    )
