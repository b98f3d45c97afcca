"""Quotation marks: pairing the marks of each paragraph into quotations (``_Mark``).

Scope: straight, curly double, curly single (as the Daily Mail uses them) and NYT-style doubled
apostrophes, paired in one linear scan per paragraph (only the outermost quote is tracked, so
nested quotes of the other kind cannot confuse the pairing); a quote spanning paragraphs (an
open mark on each, the close at the end) is one mark; a quoted transcript turn ('"WALLACE: ...')
opens no quotation. Also the lookups on the sorted marks (``_marks_in``) and the title test
(``_is_title``: a short Title Case quotation such as "Face the Nation" names a work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotewire.extract.quotes.lexicons import CLOSE_DOUBLE, CLOSE_SINGLE, OPEN_DOUBLE, OPEN_SINGLE, QUOTE_CHARS

# A transcript turn in a quoted transcript: a mark, an upper-case speaker and a colon.
TRANSCRIPT_TURN = re.compile("[\"\u201c](?=[A-Z][A-Z.'\\- ]{1,40}: )")
# Quotes longer than this many paragraphs are not followed further (unbalanced marks).
MAX_QUOTE_PARAGRAPHS = 8


@dataclass(slots=True)
class _Mark:
    """A paired quotation: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    paragraph: int
    words: int
    used: bool = False


def _is_open(text: str, i: int, lo: int) -> bool:
    """A straight or ambiguous mark opens when it starts a word (space or start before it)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014-/:;,") and not after.isspace()


def _is_close(text: str, i: int, hi: int) -> bool:
    """A single mark closes when no letter or digit follows it ("'Yes,' he said", not "don't")."""
    after = text[i + 1] if i + 1 < hi else " "
    return not after.isalnum()


def _pair_marks(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the outermost quotation marks of one paragraph in one linear scan.

    Returns the closed ``(start, end)`` pairs and the offset of a final open mark left unclosed
    (a quote going on in the next paragraph). Only the outermost quote is tracked: marks of the
    other kind inside it (nested quotes) are skipped, so nesting cannot confuse the pairing.
    """
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    kind = ""
    nested_straight = False
    skip = -1
    # Visit only the quotation-mark characters (one regex scan), not every character.
    for qm in QUOTE_CHARS.finditer(text, lo, hi):
        i = qm.start()
        if i <= skip:
            continue
        ch = text[i]
        if ch == "'" and i + 1 < hi and text[i + 1] == "'":
            # Two apostrophes stand for a double mark in some archives (NYT): treat as '"'.
            if open_at is None and _is_open(text, i, lo):
                open_at, kind = i, "d"
            elif open_at is not None and kind == "d":
                if i + 2 < hi and text[i + 2] == "'":
                    # "''... 'a special case,'''": a nested single quote closes with the double.
                    pairs.append((open_at, i + 3))
                    skip = i + 2
                    open_at = None
                    continue
                pairs.append((open_at, i + 2))
                open_at = None
            skip = i + 1
            continue
        if open_at is None:
            if ch in OPEN_DOUBLE or (ch == '"' and _is_open(text, i, lo)):
                open_at, kind = i, "d"
            elif ch in CLOSE_DOUBLE and (
                (_is_open(text, i, lo) and text[i + 1 : i + 2].isalnum()) or (i == lo and text[i + 1 : i + 2] == " ")
            ):
                # A closing mark typed as an opener ("\u201dMr. Trump's performance ...", or opening
                # a paragraph: "\u201d \u2026 he delivered a mix ...").
                open_at, kind = i, "d"
            elif ch in OPEN_SINGLE or (ch == "'" and _is_open(text, i, lo) and text[i + 1 : i + 2].isalpha()):
                open_at, kind = i, "s"
        elif kind == "d":
            if nested_straight:
                if ch == '"':
                    nested_straight = False  # the close of a straight quote nested in a curly one
                elif ch in CLOSE_DOUBLE:
                    nested_straight = False
                    pairs.append((open_at, i + 1))
                    open_at = None
                continue
            if ch == '"' and text[open_at] in OPEN_DOUBLE and _is_open(text, i, lo) and i > open_at + 1:
                # “He said "no" to me”: a straight quote opening inside a curly one.
                nested_straight = True
                continue
            if ch in CLOSE_DOUBLE or ch == '"':
                pairs.append((open_at, i + 1))
                open_at = None
            elif ch in OPEN_DOUBLE and text[i - 1].isalnum() and not text[i + 1 : i + 2].isalnum():
                # '“If Trump Wins“ that ...': a closing mark typed as an opening one.
                pairs.append((open_at, i + 1))
                open_at = None
            elif ch in OPEN_DOUBLE and i > open_at + 1 and text[i - 1].isspace() and text[i - 2] in ".!?,":
                # A new open mark after a finished sentence: the previous one was never closed.
                open_at = i
            elif ch in OPEN_DOUBLE and i > open_at + 1 and text[i - 1] in ".!?," and not _is_open(text, i, lo):
                # An opening mark typed as the closer (',\u201c said Jim Clyburn').
                pairs.append((open_at, i + 1))
                open_at = None
        else:
            if (ch in CLOSE_SINGLE or ch == "'") and i > open_at + 1 and _is_close(text, i, hi):
                prev = text[i - 1]
                # "students' union": an apostrophe after s followed by a word is not a close.
                if prev.isalnum() or prev in ".,!?":
                    if not (prev == "s" and i + 2 < hi and text[i + 1] == " " and text[i + 2].islower()):
                        pairs.append((open_at, i + 1))
                        open_at = None
            elif ch in OPEN_DOUBLE or (ch == '"' and _is_open(text, i, lo)):
                # Double marks inside a single-quoted stretch: a Daily Mail nested quote; keep going.
                pass
    return pairs, open_at


def _same_kind(a: str, b: str) -> bool:
    """Two opening marks of one kind (a quote going on in the next paragraph opens with it)."""
    return a == b or (a in "\u201c\u00ab" and b in "\u201c\u00ab")


def _find_marks(text: str, paras: list[tuple[int, int]]) -> list[_Mark]:
    """The quotations of the document, paragraph by paragraph (``_pair_marks``).

    A mark left open at a paragraph's end either runs to that end (the next paragraph opens a
    quote of its own) or, when every following paragraph opens with the same kind of mark, joins
    them into one multi-paragraph quotation closed in the last (at most ``MAX_QUOTE_PARAGRAPHS``).
    """
    marks: list[_Mark] = []
    pi = 0
    while pi < len(paras):
        lo, hi = paras[pi]
        # '"WALLACE: If I may, sir, ...': a quoted transcript whose paragraphs each open with a
        # mark; the turn's speaker and colon come first, so the mark opens no quotation here.
        turn = TRANSCRIPT_TURN.match(text, lo, hi) is not None
        pairs, dangling = _pair_marks(text, lo + 1 if turn else lo, hi)
        for a, b in pairs:
            marks.append(_Mark(a, b, pi, len(text[a:b].split())))
        nxt = pi + 1
        if dangling is not None and dangling > lo:
            # '"A," he said. "B ...' with the next paragraph opening on a mark: B runs to the end
            # of its paragraph (the next paragraph is a quote of its own, often a continuation).
            nlo, nhi = paras[pi + 1] if pi + 1 < len(paras) else (0, 0)
            if nhi > nlo and _same_kind(text[dangling], text[nlo]) and not TRANSCRIPT_TURN.match(text, nlo, nhi):
                e = hi
                while e > dangling and text[e - 1].isspace():
                    e -= 1
                marks.append(_Mark(dangling, e, pi, len(text[dangling:e].split())))
        elif dangling is not None:
            # Multi-paragraph quote: every paragraph opens with a mark, only the last one closes.
            d = dangling
            pj = pi + 1
            while pj < len(paras) and pj - pi < MAX_QUOTE_PARAGRAPHS:
                plo, phi = paras[pj]
                if not _same_kind(text[d], text[plo]) or TRANSCRIPT_TURN.match(text, plo, phi):
                    break  # the continuing paragraph opens with the same kind of mark (not a turn)
                sub, dang2 = _pair_marks(text, plo, phi)
                if sub and sub[0][0] == plo:
                    end = sub[0][1]
                    marks.append(_Mark(d, end, pi, len(text[d:end].split())))
                    for a, b in sub[1:]:
                        marks.append(_Mark(a, b, pj, len(text[a:b].split())))
                    nxt = pj + 1
                    break
                if dang2 != plo:
                    break
                pj += 1
        pi = nxt
    return marks


def _bisect_end(marks: list[_Mark], pos: int) -> int:
    """Index of the first mark ending after ``pos`` (marks sorted by start, not overlapping)."""
    lo, hi = 0, len(marks)
    while lo < hi:
        mid = (lo + hi) // 2
        if marks[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _marks_in(marks: list[_Mark], lo: int, hi: int) -> list[_Mark]:
    """The marks touching ``[lo, hi)``, found by bisection (no copy of the whole list)."""
    out = []
    i = _bisect_end(marks, lo)
    while i < len(marks) and marks[i].start < hi:
        out.append(marks[i])
        i += 1
    return out


def _is_title(text: str, m: _Mark) -> bool:
    """A short quoted phrase in Title Case is a name of a work or show ("Face the Nation")."""
    if m.words > 6:
        return False
    inner = text[m.start : m.end].strip(" ,.!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
    words = [w for w in inner.split() if w[:1].isalpha()]
    small = {"the", "of", "a", "an", "and", "in", "on", "to", "for", "with", "at", "by"}
    return (
        bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w in small for w in words) and len(words) >= 2
    )
