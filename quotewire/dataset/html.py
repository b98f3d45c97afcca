"""Saved news pages (``*.html``) as articles: the article text extracted with trafilatura.

Scope: one saved page in, one ``Article`` (or a ``Quarantined`` reason) out; no IO, no network.
The page is decoded with ``quotewire.extract.decode.decode`` (BOM, UTF-8, then Windows-1252, as browsers
treat pages labelled Latin-1), its main text is extracted with trafilatura (boilerplate,
navigation and comments dropped) and that text becomes the document's *source text*: every
offset of the page's records points into it (``documents.text`` keeps it). The page's metadata
(title, publication date, site name -> outlet, canonical URL) becomes the document's metadata:
what the page's own markup states first (``html_meta``), trafilatura's guesses where it states
nothing; ``metadata_sources`` records where each came from. A ``.meta.json`` sidecar, when
given, overrides it field by field. The page's headline and summary are handed to the cleaner,
which blanks their repeats at the top of the text. The author has no column in
the documents schema yet, so it is kept as a note (``author: ...``).

trafilatura works on the given string only: it fetches nothing (``fetch_url`` is never called)
and its date finder (htmldate) reads the parsed page. Its version is part of the extraction:
a different trafilatura may extract a slightly different text (so other offsets and doc ids).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
import threading
from typing import Any

from quotewire.dataset.html_meta import read_page_meta, strip_title_chrome
from quotewire.dataset.pipeline import Options, Quarantined, apply_meta, decode_input
from quotewire.extract.model import Article

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
# Fewer letters than this is a menu or a caption that the extractor fell back to, not an article.
MIN_LETTERS = 40
# A larger page is quarantined unread. Why: trafilatura's time grows faster than the page (on
# the 2-core development machine: 1 MB 0.9 s, 2 MB 2.4 s, 4 MB 9.5-18 s, 7.5 MB 22-96 s), while a
# news article's page is well under this (its text is tens of KB; the rest is markup and scripts).
MAX_HTML_BYTES = 5_000_000
# The longest trafilatura may work on one page. Why: a pathological page under the size limit
# must not hold up its batch. Overrunning pages are quarantined; the extraction is left to finish
# in a background thread. Unlike every other rule this one depends on the machine's speed, so it
# is set far above what a normal page takes (tens of milliseconds).
HTML_SECONDS = 30.0
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Labels that browsers decode as Windows-1252 (WHATWG Encoding Standard), as decode() does.
_CP1252_LABELS = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii"})


_COPYRIGHT = re.compile(r"^(?:copyright\b|\u00a9|\(c\)\s)", re.I)


def extractor_version() -> str:
    """The installed trafilatura version (empty when it is missing)."""
    try:
        import trafilatura  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return ""
    return str(getattr(trafilatura, "__version__", ""))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag (normalized codec name), if any."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name.replace("-", "_")
    except LookupError:
        return None


def extract_page(html_text: str) -> dict[str, Any] | None:
    """trafilatura's text and metadata of a page, or ``None`` when it finds no main text."""
    import trafilatura  # type: ignore[import-not-found, unused-ignore]

    doc = trafilatura.bare_extraction(
        html_text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return dict(data)


def _extract_within(html_text: str, seconds: float) -> dict[str, Any] | None:
    """``extract_page`` with a time limit: ``TimeoutError`` when it takes longer than ``seconds``.

    It runs in a daemon thread (Python cannot stop a thread), which is abandoned on overrun: it
    finishes in the background and never delays the end of the process.
    """
    result: list[tuple[dict[str, Any] | None, BaseException | None]] = []

    def work() -> None:
        try:
            result.append((extract_page(html_text), None))
        except BaseException as exc:  # handed to the caller, which decides what it means
            result.append((None, exc))

    worker = threading.Thread(target=work, name="quotewire-trafilatura", daemon=True)
    worker.start()
    worker.join(seconds)
    if not result:
        raise TimeoutError(f"trafilatura took longer than {seconds:g} s")
    page, error = result[0]
    if error is not None:
        raise error
    return page


def page_meta(page: dict[str, Any], html_text: str = "") -> tuple[dict[str, Any], dict[str, str]]:
    """The page's metadata in the sidecar's shape (``title``, ``published``, ``outlet``, ``url``,
    ``summary``) and where each came from.

    Rule: what the page's own markup states (``read_page_meta``: JSON-LD, meta tags, ``<time>``)
    wins over trafilatura's metadata (``extractor``), which guesses: its date finder may read a
    date from the text or the URL, and its title and site name may carry a logo's alt text.
    """
    meta: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, src in (("title", "title"), ("published", "date"), ("outlet", "sitename"), ("url", "url"),
                     ("summary", "description")):
        v = page.get(src)
        if isinstance(v, str) and v.strip():
            meta[key], sources[key] = v.strip(), "extractor"
    own = read_page_meta(html_text)
    for key, found in (("published", own.published), ("title", own.title), ("outlet", own.outlet),
                       ("summary", own.summary)):
        if found is not None:
            meta[key], sources[key] = found.value, found.source
    if "title" in meta and sources["title"] == "extractor":
        meta["title"] = strip_title_chrome(meta["title"], meta.get("outlet"))
        if meta["title"].casefold() == meta.get("outlet", "").casefold():
            # trafilatura's title was the site's chrome ("POLITICO Politico Logo"): no headline.
            del meta["title"]
    # Rule: the outlet is never the headline (trafilatura falls back to the title for a site name),
    # nor a copyright notice (its fallback on pages that name no site: "Copyright 2014").
    outlet = meta.get("outlet", "")
    if outlet and (outlet.casefold() == meta.get("title", "").casefold() or _COPYRIGHT.match(outlet)):
        del meta["outlet"]
    return meta, sources


def _sidecar_meta(sidecar: bytes, notes: list[str]) -> dict[str, Any]:
    """A ``.meta.json`` sidecar's fields (a bad sidecar is noted and ignored)."""
    try:
        meta = json.loads(sidecar.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        notes.append(f"sidecar ignored: malformed JSON ({exc})")
        return {}
    if not isinstance(meta, dict):
        notes.append(f"sidecar ignored: found {type(meta).__name__}, expected an object")
        return {}
    return {k: v for k, v in meta.items() if v is not None}


def article_from_html(
    data: bytes, source_path: str, *, options: Options, sidecar: bytes | None = None
) -> Article | Quarantined:
    """A saved web page as an article whose source text is the page's extracted main text."""
    if len(data) > MAX_HTML_BYTES:
        return Quarantined(f"HTML page too large: {len(data)} bytes, limit {MAX_HTML_BYTES} (trafilatura slows down "
                           "faster than pages grow)")
    dec = decode_input(data, options)
    if isinstance(dec, Quarantined):
        return dec
    notes = list(dec.notes)
    declared = declared_charset(data)
    if dec.encoding in ("cp1252", "latin-1") and declared and declared not in _CP1252_LABELS:
        if declared == "utf_8":
            notes.append(f"page declares charset utf-8 but is not valid UTF-8; decoded as {dec.encoding}")
        else:
            notes.append(f"page declares charset {declared}, which is not decoded; decoded as {dec.encoding}")
    try:
        page = _extract_within(dec.text, HTML_SECONDS)
    except TimeoutError:
        log.warning("HTML extraction of %s took longer than %g s; quarantined", source_path, HTML_SECONDS)
        return Quarantined(f"HTML extraction took longer than {HTML_SECONDS:g} s (limit); the page was not extracted")
    except ImportError as exc:
        # Say what failed to import: a missing dependency of trafilatura looks the same otherwise.
        return Quarantined(f'HTML input needs trafilatura ({exc}): pip install -e . (or "trafilatura>=2.0,<3")')
    except Exception as exc:  # a parser failure on one page must not stop the batch
        log.warning("HTML extraction failed on %s", source_path, exc_info=True)
        return Quarantined(f"HTML extraction failed: {type(exc).__name__}: {exc}")
    text = page.get("text") if page else None
    if page is None or not isinstance(text, str) or not text.strip():
        return Quarantined("no article text found in the HTML page (trafilatura extracted nothing)")
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS:
        return Quarantined(f"no article text found in the HTML page (trafilatura extracted only {text.strip()[:60]!r})")
    if len(text) > options.max_chars:
        return Quarantined(f"text too long: {len(text)} characters, limit {options.max_chars} (max_chars)")
    art = Article(text=text, encoding=dec.encoding, source_path=source_path, notes=notes)
    art.notes.append(f"source text extracted from HTML by trafilatura {extractor_version()}".rstrip())
    author = page.get("author")
    if isinstance(author, str) and author.strip():
        art.notes.append(f"author: {author.strip()}")
    meta, sources = page_meta(page, dec.text)
    art.furniture = tuple(meta[k] for k in ("title", "summary") if k in meta)
    meta.pop("summary", None)
    if sidecar is not None:
        side = _sidecar_meta(sidecar, art.notes)
        meta.update(side)
        for key in side:
            sources[key] = "input"
    apply_meta(art, meta, options.today or dt.date.today())
    for key in ("published", "title", "outlet"):
        if getattr(art, key) is not None and key in sources:
            art.meta_sources[key] = sources[key]
    return art
