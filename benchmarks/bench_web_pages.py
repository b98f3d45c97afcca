#!/usr/bin/env python3
"""Body text and page metadata of saved web pages, against the article-extraction benchmark.

    python benchmarks/bench_web_pages.py --pages ../shared/corpus/web_pages_aeb_dev [--worst N]
        [--dates N] [--raw]

Each page ``html/<id>.html.gz`` goes through what ``quotewire run`` does with a saved page
(``article_from_html``: decode, trafilatura, metadata; then ``process_article``: clean and the
records). The body is the document's ``text`` minus its ``boilerplate_spans`` (each span blanked),
scored against the page's ``articleBody`` in ``ground-truth.json``:

- the benchmark's own metric (scrapinghub/article-extraction-benchmark, ``evaluate.py``): tokens
  are ``\\w+`` runs, a page's tokens are taken as 4-token shingles (``--ngram``), true positives,
  false positives and false negatives are counted over the shingle multisets and normalized by
  their sum (every page weighs the same), then precision and recall are averaged over the pages
  and F1 is computed from the two averages;
- the same with single tokens (``ngram 1``), and the mean of per-page F1s (``macro F1``).

``--raw`` also scores trafilatura's text before cleaning (the baseline the cleaner improves on).
The worst pages by shingle F1 follow, with the first missing and extra words of each (printed
only, never stored).

Then the publication-date check: for ``--dates`` pages (sorted by id, default 30), the date the
page's own markup states is read here, independently of ``quotewire.dataset.html`` (regular
expressions over the raw HTML, in this order: JSON-LD ``datePublished``, the
``article:published_time`` family of meta tags, ``itemprop="datePublished"``, a ``<time
datetime>`` element; the first that parses to a date) and compared with the document's
``published``; mismatches are printed with the title and outlet the document got.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotewire.dataset.html import article_from_html  # noqa: E402
from quotewire.dataset.pipeline import Options, Quarantined, process_article  # noqa: E402

_TOKEN = re.compile(r"\w+")


# --- the benchmark's metric -----------------------------------------------------------------------


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (a text shorter than ``n`` is one shingle)."""
    toks = _TOKEN.findall(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def tp_fp_fn(truth: str, pred: str, n: int) -> tuple[float, float, float]:
    """Shingle multiset overlap of ``pred`` with ``truth``, normalized to sum to 1."""
    t, p = _shingles(truth, n), _shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summary(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """The benchmark's P, R (means over pages that have predicted / true text) and F1 of those means,
    plus the mean of per-page F1s."""
    p = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    macro = statistics.mean(_f1(_precision(*c), _recall(*c)) for c in counts)
    return {"precision": p, "recall": r, "f1": _f1(p, r), "macro_f1": macro}


# --- quotewire's body ---------------------------------------------------------------------------


def body_of(doc: dict[str, Any]) -> str:
    """The document's text with every boilerplate span blanked (newlines kept)."""
    text: str = doc["text"]
    out, pos = [], 0
    for sp in sorted(doc["boilerplate_spans"], key=lambda s: s["start"]):
        s, e = max(sp["start"], pos), sp["end"]
        if e <= s:
            continue
        out.append(text[pos:s])
        out.append(re.sub(r"[^\n]", " ", text[s:e]))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def run_page(data: bytes, name: str) -> tuple[str, dict[str, Any] | None]:
    """(trafilatura's text, the document record) of one page; ``("", None)`` when quarantined."""
    options = Options(today=dt.date(2030, 1, 1))
    art = article_from_html(data, name, options=options)
    if isinstance(art, Quarantined):
        return "", None
    raw = art.text
    recs = process_article(art, name, options)
    return raw, recs["documents"][0]


# --- the page's own publication date, read independently ----------------------------------------

_JSONLD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TIME = re.compile(r"<time\b[^>]*>", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORDY = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}), (\d{4})")
_WORDY_DMY = re.compile(r"(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})")
_MON = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
# Any tag whose class / id / name / itemprop mentions "publish", with a date in one of its attributes.
_PUB_TAG = re.compile(r"<[a-z]+\b[^>]*\b(?:class|id|name|itemprop)=[\"'][^\"']*publish[^>]*>", re.I)
_META_KEYS = (
    "article:published_time", "og:article:published_time", "article.published", "published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.created", "date",
)


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(tag)}


def _iso_date(value: str) -> dt.date | None:
    """The first year-month-day date in ``value`` (ISO digits, or "Nov 19, 2019"); years before 1990
    are placeholders (0001-01-01), not dates."""
    m = _ISO.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif w := _WORDY.search(value):
        y, mo, d = int(w.group(3)), _MON[w.group(1)], int(w.group(2))
    elif w := _WORDY_DMY.search(value):
        y, mo, d = int(w.group(3)), _MON[w.group(2)], int(w.group(1))
    else:
        return None
    try:
        return dt.date(y, mo, d) if y >= 1990 else None
    except ValueError:
        return None


def _ld_dates(node: Any) -> list[str]:
    if isinstance(node, list):
        return [d for x in node for d in _ld_dates(x)]
    if isinstance(node, dict):
        found = [node["datePublished"]] if isinstance(node.get("datePublished"), str) else []
        for k, v in node.items():
            if k != "datePublished":
                found += _ld_dates(v)
        return found
    return []


def markup_date(html: str) -> tuple[dt.date | None, str]:
    """The publication date the page's markup states, and where it was found."""
    for block in _JSONLD.findall(html):
        try:
            data = json.loads(block.strip().rstrip(";"))
        except ValueError:
            continue
        for v in _ld_dates(data):
            if (d := _iso_date(v)) is not None:
                return d, "json-ld"
    metas = [_attrs(t) for t in _META.findall(html)]
    for key in _META_KEYS:
        for a in metas:
            if key in (a.get("property", "").lower(), a.get("name", "").lower(), a.get("itemprop", "").lower()):
                if (d := _iso_date(a.get("content", ""))) is not None:
                    return d, f"meta {key}"
    for t in _TIME.findall(html):
        a = _attrs(t)
        if (d := _iso_date(a.get("datetime", ""))) is not None:
            return d, "time"
    for t in _PUB_TAG.findall(html):
        a = _attrs(t)
        for key in ("datetime", "content", "value"):
            if (d := _iso_date(a.get(key, ""))) is not None:
                return d, "element"
    return None, "none"


# --- main -----------------------------------------------------------------------------------------


def _diff_words(truth: str, pred: str, n: int = 12) -> tuple[str, str]:
    """The first few words missing from ``pred`` and the first few extra in it (bag of tokens)."""
    t, p = Counter(_TOKEN.findall(truth)), Counter(_TOKEN.findall(pred))
    lost, added = t - p, p - t
    missing = [w for w in _TOKEN.findall(truth) if lost[w]][:n]
    extra = [w for w in _TOKEN.findall(pred) if added[w]][:n]
    return " ".join(missing), " ".join(extra)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, required=True, help="folder with ground-truth.json and html/")
    ap.add_argument("--ngram", type=int, default=4)
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--dates", type=int, default=30, help="pages (in id order) for the date check")
    ap.add_argument("--raw", action="store_true", help="also score trafilatura's text before cleaning")
    ap.add_argument("--meta", action="store_true", help="print each sampled page's title, outlet and their sources")
    a = ap.parse_args()
    truth = json.loads((a.pages / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    shingle, token, raw_shingle, raw_token = [], [], [], []
    per_page = []
    docs: dict[str, dict[str, Any] | None] = {}
    for pid in ids:
        data = gzip.open(a.pages / "html" / f"{pid}.html.gz").read()
        raw, doc = run_page(data, f"{pid}.html")
        docs[pid] = doc
        body = body_of(doc) if doc else ""
        gold = truth[pid].get("articleBody", "")
        c = tp_fp_fn(gold, body, a.ngram)
        shingle.append(c)
        token.append(tp_fp_fn(gold, body, 1))
        if a.raw:
            raw_shingle.append(tp_fp_fn(gold, raw, a.ngram))
            raw_token.append(tp_fp_fn(gold, raw, 1))
        per_page.append((_f1(_precision(*c), _recall(*c)), pid, c, gold, body))
    rows = [(f"quotewire body, {a.ngram}-shingles", shingle), ("quotewire body, tokens", token)]
    if a.raw:
        rows += [(f"trafilatura text, {a.ngram}-shingles", raw_shingle), ("trafilatura text, tokens", raw_token)]
    print(f"pages={len(ids)}")
    for label, counts in rows:
        s = summary(counts)
        print(f"{label:<34} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
              f"(macro F1 over pages {s['macro_f1']:.3f})")
    print(f"\nworst {a.worst} pages by {a.ngram}-shingle F1:")
    for f1, pid, c, gold, body in sorted(per_page)[: a.worst]:
        missing, extra = _diff_words(gold, body)
        print(f"  {pid[:12]} F1={f1:.3f} P={_precision(*c):.3f} R={_recall(*c):.3f}")
        print(f"      missing: {missing[:110]}")
        print(f"      extra:   {extra[:110]}")

    sample = ids[: a.dates]
    ok = unmarked = 0
    print(f"\npublished date vs the page's own markup, {len(sample)} pages:")
    for pid in sample:
        html = gzip.open(a.pages / "html" / f"{pid}.html.gz").read().decode("utf-8", "replace")
        want, where = markup_date(html)
        doc = docs[pid]
        got = doc["published"] if doc else None
        if want is not None and got == want.isoformat():
            ok += 1
            continue
        src = doc["metadata_sources"]["published"] if doc else None
        if want is None:
            unmarked += 1
            print(f"  NO MARKUP DATE {pid[:12]} ours={got} ({src})")
            continue
        title = doc["title"] if doc else None
        outlet = doc["outlet"] if doc else None
        print(f"  MISMATCH {pid[:12]} markup={want} ({where}) ours={got} ({src}) title={title!r} outlet={outlet!r}")
    print(f"published_date_matches={ok}/{len(sample) - unmarked} (pages whose markup states a date); "
          f"{unmarked} state none")
    if a.meta:
        print("\ntitle | outlet | sources, first --dates pages:")
        for pid in sample:
            doc = docs[pid]
            if doc:
                print(f"  {pid[:12]} {doc['title']!r} | {doc['outlet']!r} | {doc['metadata_sources']}")


if __name__ == "__main__":
    main()
