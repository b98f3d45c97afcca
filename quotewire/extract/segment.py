"""Segment cleaned text into paragraphs and sentences, keeping source offsets.

Scope: English news prose. Rule-based: a sentence ends at ``.``, ``!`` or ``?`` (optionally
followed by closing quotes/brackets) when whitespace and an upper-case letter, digit or opening
quote follow, unless the token before the period is a known abbreviation ("Mr.", "U.S.") or a
single initial ("George W. Bush"). A blank line always ends a paragraph and so does a line break
(news scrapes put one paragraph per line), except in hard-wrapped text, whose lines are joined
back into paragraphs (``text_paragraphs``). Quotation marks do not stop a split: multi-sentence
quotes are rejoined by the quote stage, which works on paragraphs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from quotewire.extract.model import Sentence

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
# Why the look-behind and the possessive quantifiers: a candidate starts only at the first mark
# of a run ("?!", "..."), and a run is consumed once. Without them every mark of a run was a new
# start that rescanned the rest of the run: quadratic (120 KB of dots took minutes). The matches
# are the same: a match starting inside a run could only end where the one from its start ends.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s++(?:[\"'\u201c\u2018\[]|\(\s?)*+[A-Z0-9])")
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


# Characters that may end a paragraph's last line (sentence end, closing quote or bracket).
_LINE_END = frozenset(".!?:;\"'\u201d\u2019)]")


def _indent(text: str, s: int) -> int:
    """Spaces and tabs between the line break before ``s`` and ``s``."""
    k = s
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return s - k


def text_paragraphs(text: str) -> list[tuple[int, int]]:
    """Logical paragraphs: ``paragraphs`` with hard-wrapped lines joined back together.

    Scrapes put one paragraph per line, but wire copy and plain-text archives wrap lines at a
    fixed width ("... the drought since early\nJanuary and improving ..."), which would cut
    sentences and quotations at every line end. Two adjacent lines (no blank line between) are
    one paragraph when the first does not end a sentence and the next starts in lower case; and,
    in a document that is hard-wrapped throughout (at least a third of its line breaks fall
    mid-sentence and nine lines in ten are at most 100 characters), whenever the next line is
    flush left and either the paragraph's first line was indented (Reuters indents each
    paragraph start) or the previous line is not a short one ending a sentence. A line with
    leading blanks is never joined. Offsets are unchanged: a joined paragraph holds line breaks.
    """
    lines = list(paragraphs(text))
    if len(lines) < 2:
        return lines
    joins = [
        text.count("\n", e, s2) + text.count("\r", e, s2) - text.count("\r\n", e, s2) == 1
        for (_, e), (s2, _) in itertools.pairwise(lines)
    ]
    mid = [j and text[e - 1] not in _LINE_END for j, (_, e) in zip(joins, lines, strict=False)]
    lengths = sorted(e - s for s, e in lines)
    wrapped = (
        len(lines) >= 4 and sum(mid) >= (len(lines) - 1) / 3 and lengths[(9 * len(lengths)) // 10 - 1] <= 100
    )
    typical = lengths[len(lengths) // 2]
    out: list[tuple[int, int]] = []
    cur_s, cur_e = lines[0]
    cur_indent = _indent(text, cur_s)
    for i in range(1, len(lines)):
        s, e = lines[i]
        prev_s, prev_e = lines[i - 1]
        join = False
        if joins[i - 1]:
            # Never a line with leading blanks: the cleaner blanks a dateline ("(CNN) said ...")
            # in place, and a sentence running across it would not slice back to the source.
            flush = _indent(text, s) == 0
            if flush and mid[i - 1] and text[s].islower():
                join = True
            elif flush and wrapped:
                short_end = text[prev_e - 1] in _LINE_END and (prev_e - prev_s) < 0.75 * typical
                # A flush-left line continues an indented paragraph (Reuters indents paragraph
                # starts); in unindented text, a short line ending a sentence closes its paragraph.
                join = cur_indent > 0 or not short_end
        if join:
            cur_e = e
        else:
            out.append((cur_s, cur_e))
            cur_s, cur_e = s, e
            cur_indent = _indent(text, s)
    out.append((cur_s, cur_e))
    return out


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
    """Split ``text`` into sentences; each lies inside one paragraph (``text_paragraphs``)."""
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(text_paragraphs(text)):
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
