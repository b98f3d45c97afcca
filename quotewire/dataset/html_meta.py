"""A saved page's own metadata: publication date, headline, site name and summary from its markup.

Scope: the markup news pages state their metadata in, read from the raw HTML string (no parser
state, no network): JSON-LD (``<script type="application/ld+json">``: ``datePublished``,
``headline``, ``publisher.name``), meta tags (``article:published_time``, ``og:title``,
``og:site_name``, ``description``, ...), ``<time datetime>`` and ``<title>``. Each value comes
with where it was found (``json-ld``, ``meta:<name>``, ``time``, ``title-tag``), which the
document records in ``metadata_sources``.

Dates are read as the markup writes them: ISO 8601 first (year, month, day in that order, so a
``datetime="2016-10-04"`` is 4 October and never 10 April), then a month written as a word
("November 19, 2019, 07:47 PM EST"), then numeric dates only when the day cannot be a month
("19/11/2019"); an ambiguous numeric date ("04/10/2016") is skipped, never guessed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The markup lives in the head and at the top of the body; a page's text and scripts can be MBs.
_HEAD_CHARS = 400_000
_JSONLD = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", re.S | re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TIME = re.compile(r"<time\b[^>]*>", re.I)
# Any other element whose class, id, name or itemprop says "published" (a hidden
# <input class="published_date" value="2019-11-18 23:41:18">, a <span itemprop="datePublished" content=...>).
_PUBLISHED_ELEMENT = re.compile(
    r"<(?:input|span|div|p|abbr|meta)\b[^>]*(?:class|id|name|itemprop)\s*=\s*[\"'][^\"']*(?:publish|pubdate)[^>]*>", re.I
)
# A visible publication stamp: ">Published: Monday, November 18th, 2019 at 11:08 a.m.<".
_PUBLISHED_STAMP = re.compile(r">\s*(?:Published|Posted)(?: on)?:?\s+([^<>]{6,80}?)\s*<", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")

# Meta tags naming the publication instant, most specific first. Why this order: Open Graph's
# article:published_time and schema.org's datePublished are standards a CMS fills from the
# article's record; the others are analytics or Dublin Core conventions, read when those are absent.
_DATE_METAS = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "published_time", "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)
_TITLE_METAS = ("og:title", "twitter:title")
_SITE_METAS = ("og:site_name", "application-name", "twitter:app:name:iphone")
_SUMMARY_METAS = ("og:description", "description", "twitter:description")
# schema.org types whose datePublished / headline are the page's article (not a video or image on it).
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|Blog|NewsArticle|WebPage", re.I)

_MIN_YEAR, _MAX_YEAR = 1000, 9000  # as quotewire.dataset.pipeline.MIN_YEAR/MAX_YEAR
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_MONTHS = {m[:3].lower(): i + 1 for i, m in enumerate(
    "January February March April May June July August September October November December".split())}
_WORD_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_WORD_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_ISO_INSTANT = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$"
)

# Separators between a headline and the site's name in <title> and og:title ("Headline | Site").
_CHROME_SEP = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u00b7)\s+")
# Brand decorations left in a title by a logo's alt text ("POLITICO Politico Logo").
_LOGO = re.compile(r"\s+[\w&.'-]+ logo\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """One metadata value and where it was found (``json-ld``, ``meta:og:title``, ``time``, ...)."""

    value: str
    source: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page's markup states about itself (None where it states nothing usable)."""

    published: Found | None = None  # ISO date or datetime string, as ``parse_published`` reads it
    title: Found | None = None
    outlet: Found | None = None
    summary: Found | None = None


def _attrs(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(tag):
        val = next((g for g in m.groups()[1:] if g is not None), "")
        out.setdefault(m.group(1).lower(), html.unescape(val))
    return out


def _clean_str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    v = " ".join(html.unescape(_TAG.sub(" ", value)).split())
    return v or None


def _jsonld_nodes(page: str) -> Iterator[dict[str, Any]]:
    """Every object of the page's JSON-LD blocks (``@graph`` and lists flattened), in page order."""
    for block in _JSONLD.findall(page):
        try:
            data = json.loads(block.strip().removesuffix(";"))
        except (ValueError, RecursionError):
            continue  # a broken block is skipped; the page's other markup still counts
        stack: list[Any] = [data]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack[:0] = node
            elif isinstance(node, dict):
                yield node
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph


def _is_article(node: dict[str, Any]) -> bool:
    t = node.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and _ARTICLE_TYPES.search(x) for x in types)


def _publisher_name(node: dict[str, Any]) -> str | None:
    pub = node.get("publisher")
    if isinstance(pub, list) and pub:
        pub = pub[0]
    if isinstance(pub, dict):
        return _clean_str(pub.get("name"))
    return _clean_str(pub)


def markup_date(value: str) -> str | None:
    """``value`` as an ISO date or datetime string, or None when it is no date or is ambiguous."""
    return _plausible(_markup_date(value))


def _markup_date(value: str) -> str | None:
    v = value.strip()
    if _ISO_INSTANT.match(v):
        s = v.replace(" ", "T", 1) if len(v) > 10 else v
        # "+0000" -> "+00:00" (fromisoformat before 3.11 and some writers differ on the colon).
        s = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", s)
        try:
            if len(s) == 10:
                dt.date.fromisoformat(s)
            else:
                dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
            return s
        except ValueError:
            return None
    if m := _ISO_DATE.match(v):
        return _date_str(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _WORD_MDY.search(v):
        month = _MONTHS.get(m.group(1)[:3].lower())
        if month:
            return _date_str(int(m.group(3)), month, int(m.group(2)))
    if m := _WORD_DMY.search(v):
        month = _MONTHS.get(m.group(2)[:3].lower())
        if month:
            return _date_str(int(m.group(3)), month, int(m.group(1)))
    if m := _NUMERIC.match(v):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        # Rule: a numeric date is read only when one of its numbers cannot be a month; "04/10/2016"
        # is April 10 in the US and 4 October elsewhere, and a swapped date shifts every weekday.
        if a > 12 >= b:
            return _date_str(year, b, a)
        if b > 12 >= a:
            return _date_str(year, a, b)
    return None


def _date_str(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _plausible(iso: str | None) -> str | None:
    """``iso`` unless its year is a placeholder ("0001-01-01T00:00:00Z" stands for "no date")."""
    return iso if iso is not None and _MIN_YEAR <= int(iso[:4]) <= _MAX_YEAR else None


def strip_title_chrome(title: str, site: str | None) -> str:
    """``title`` without the site's name around it ("Headline | Site Name" -> "Headline").

    Rule: a segment before or after a separator (" | ", " - ", " – ", ...) is chrome when it
    names the site (the site's name contains it or it contains the site's name); failing that, a
    last segment of at most four words after " | " is chrome too (sites append their name, section
    or slogan that way; headlines almost never contain " | "). A logo's alt text at the end
    ("POLITICO Politico Logo") goes as well.
    """
    t = _LOGO.sub("", title).strip() or title
    pieces = _CHROME_SEP.split(t)
    seps = _CHROME_SEP.findall(t)
    site_key = _key(site) if site else ""

    def is_site(seg: str) -> bool:
        # A headline may name the site ("The Guardian view on ..."): only a short segment can be chrome.
        k = _key(seg)
        return bool(k and site_key) and (k in site_key or (site_key in k and len(seg.split()) <= 4))

    lo, hi = 0, len(pieces)
    while hi - lo > 1 and is_site(pieces[hi - 1]):
        hi -= 1
    while hi - lo > 1 and is_site(pieces[lo]):
        lo += 1
    if (lo, hi) == (0, len(pieces)) and hi > 1 and seps[-1].strip() == "|" and len(pieces[-1].split()) <= 4:
        hi -= 1
    out = pieces[lo]
    for i in range(lo + 1, hi):
        out += seps[i - 1] + pieces[i]
    return out.strip()


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _first_meta(metas: list[dict[str, str]], names: tuple[str, ...]) -> Found | None:
    for name in names:
        for a in metas:
            if name in (a.get("property", "").lower(), a.get("name", "").lower(), a.get("itemprop", "").lower()):
                value = _clean_str(a.get("content", ""))
                if value:
                    return Found(value, f"meta:{name}")
    return None


def _published(page: str, nodes: list[dict[str, Any]], articles: list[dict[str, Any]],
               metas: list[dict[str, str]]) -> Found | None:
    """The publication date the markup states (see ``read_page_meta``)."""
    # Rule: JSON-LD's datePublished of the page's article first (then of any other node: a fact
    # check's ClaimReview), then the meta tags, then a <time datetime> element (the first one in
    # the page is the article's own stamp), then an element whose class says "published".
    for node in articles + [n for n in nodes if not any(n is a for a in articles)]:
        if isinstance(node.get("datePublished"), str) and (d := markup_date(node["datePublished"])):
            return Found(d, "json-ld")
    for name in _DATE_METAS:
        f = _first_meta(metas, (name,))
        if f and (d := markup_date(f.value)):
            return Found(d, f.source)
    body = page[: _HEAD_CHARS * 2]
    for tag in _TIME.findall(body):
        if (v := _attrs(tag).get("datetime")) and (d := markup_date(v)):
            return Found(d, "time")
    for tag in _PUBLISHED_ELEMENT.findall(body):
        a = _attrs(tag)
        if (v := a.get("datetime") or a.get("content") or a.get("value")) and (d := markup_date(v)):
            return Found(d, "element")
    # Rule: last, a visible "Published: <date>" stamp; its date still needs a month in words or
    # an unambiguous form (``markup_date``), so a bare "04/10/2016" stays unread.
    for m in _PUBLISHED_STAMP.finditer(body):
        if d := markup_date(m.group(1)):
            return Found(d, "stamp")
    return None


def _outlet(articles: list[dict[str, Any]], metas: list[dict[str, str]]) -> Found | None:
    """The site's name (see ``read_page_meta``)."""
    # Rule: the site's own name (og:site_name) first: JSON-LD's publisher is often the wire service
    # ("Associated Press") or the platform ("Blogger") rather than the site the page is on.
    outlet = _first_meta(metas, _SITE_METAS[:1])
    if outlet is None:
        outlet = next((Found(p, "json-ld") for n in articles if (p := _publisher_name(n))), None)
    if outlet is None:
        outlet = _first_meta(metas, _SITE_METAS[1:])
    if outlet is not None and " | " in outlet.value:
        # "LinkNaija | Nigeria's popular news platform": the name, not its tagline.
        outlet = Found(outlet.value.split(" | ")[0].strip(), outlet.source)
    return outlet


def _title(head: str, articles: list[dict[str, Any]], metas: list[dict[str, str]], site: str | None) -> Found | None:
    """The headline (see ``read_page_meta``)."""
    # Rule: the headline from JSON-LD, then og:title / twitter:title, then <title>, each without the
    # site's chrome; a <title> that is only the site's name (a home page's or a logo's) is skipped.
    candidates = [Found(h, "json-ld") for n in articles if (h := _clean_str(n.get("headline")))][:1]
    candidates += [f for name in _TITLE_METAS if (f := _first_meta(metas, (name,)))]
    if (m := _TITLE.search(head)) and (t := _clean_str(m.group(1))):
        candidates.append(Found(t, "title-tag"))
    for cand in candidates:
        stripped = strip_title_chrome(cand.value, site)
        if _key(stripped) and (cand.source != "title-tag" or _key(stripped) != _key(site or "")):
            return Found(stripped, cand.source)
    return None


def read_page_meta(page: str) -> PageMeta:
    """The publication date, headline, site name and summary a page's markup states."""
    head = page[:_HEAD_CHARS]
    nodes = list(_jsonld_nodes(page))
    articles = [n for n in nodes if _is_article(n)] or nodes
    metas = [_attrs(t) for t in _META.findall(head)]
    outlet = _outlet(articles, metas)
    title = _title(head, articles, metas, outlet.value if outlet else None)
    # Rule: the outlet is never the headline (a page whose site-name tag repeats its title).
    if outlet is not None and title is not None and _key(outlet.value) == _key(title.value):
        outlet = None
    return PageMeta(published=_published(page, nodes, articles, metas), title=title, outlet=outlet,
                    summary=_first_meta(metas, _SUMMARY_METAS))
