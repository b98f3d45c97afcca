"""Segment cleaned text into paragraphs and sentences, keeping source offsets.

Scope: English news prose. Rule-based: a sentence ends at ``.``, ``!`` or ``?`` (optionally
followed by closing quotes/brackets) when whitespace and an upper-case letter, digit or opening
quote follow, unless the token before the period is a known abbreviation ("Mr.", "U.S.") or a
single initial ("George W. Bush"). A blank line or a line break always ends a paragraph (news
scrapes put one paragraph per line). Quotation marks do not stop a split: multi-sentence quotes
are rejoined by the quote stage, which works on paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flows.model import Sentence

# Abbreviations that end with a period but rarely end a sentence in news text.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres
    supt insp det cpl pvt messrs mmes mme mlle no nos vol vs etc inc ltd corp co bros dept univ
    assn ave blvd rd mt ft jan feb mar apr jun jul aug sep sept oct nov dec fig approx est
    a.m p.m u.s u.k u.n e.g i.e d.c l.a n.y""".split()
)

# A bare CR ends a line too (old Mac files), exactly as in ``clean``.
_PARAGRAPH = re.compile(r"[^\r\n]+")
# A candidate boundary: terminal punctuation, optional closers, then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each non-blank line, stripped of surrounding whitespace."""
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield s, e


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at ``end`` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower()
    # A lone capital letter is an initial ("W." in "George W. Bush").
    if len(word) == 1:
        return True
    return word in ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each lies inside one paragraph (line)."""
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        start = ps
        for m in _BOUNDARY.finditer(text, ps, pe):
            end = m.end()
            if (
                text[m.start()] == "."
                and m.group().rstrip("\"'\u201d\u2019)]") == "."
                and _is_abbreviation(text, m.start() + 1)
            ):
                continue
            out.append(Sentence(start, end, pi))
            start = end
            while start < pe and text[start].isspace():
                start += 1
        if start < pe:
            out.append(Sentence(start, pe, pi))
    return out
