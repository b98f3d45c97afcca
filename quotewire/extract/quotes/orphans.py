"""Orphan quotes: quotations no rule attributed, kept at low confidence (``orphan_quote``).

Scope: a quotation of a few words or more that looks like speech and no candidate covers; its
speaker is the last one named in its paragraph or the previous one, else unknown. Titles and
short scare quotes stay out; single-quoted quotations in a headline count.
"""

from __future__ import annotations

import bisect
import re

from quotewire.extract.quotes.marks import _is_title, _Mark
from quotewire.extract.quotes.tokens import _Cand

# Words an unattributed quotation needs to be kept as a quote of unknown cue (see _orphans).
ORPHAN_MIN_WORDS = 3
# Below this many words an unattributed quotation must also look like speech (_utterance_like).
ORPHAN_PHRASE_WORDS = 8


def _orphans(text: str, marks: list[_Mark], paras: list[tuple[int, int]], cands: list[_Cand]) -> None:
    """Quotations no rule attributed: a long one is still somebody's words, kept at low confidence.

    On PolNeAR train, 87% of the unattributed quotations of 8+ words (62% of 4-7) lie in a gold
    quotation: speech whose cue is unusual ("Transcript as follows:") or far away. Titles and
    short scare quotes ("so-called "deal"") stay out. The speaker is the last one named in this or
    the previous paragraph, else unknown.
    """
    if not marks:
        return
    spans = sorted(p for c in cands for p in c.parts)
    starts = [a for a, _ in spans]
    para_starts = [lo for lo, _ in paras]
    by_para: dict[int, _Cand] = {}
    for c in cands:
        if c.mention is not None:
            by_para[bisect.bisect_right(para_starts, c.parts[0][0]) - 1] = c
    listed = _listed_marks(text, marks)
    for i, m in enumerate(marks):
        if i in listed:
            continue  # 'signs reading "Build pipelines," "The UN is a scam"': items of a list
        # Headlines quote in single marks ("Lawmakers Rip Trump As A 'Disgusting Fraud.'"): there
        # a Title Case quotation is still a quotation, not a title.
        headline = m.paragraph == 0 and text[m.start] in "'\u2018" and _utterance_like(text, m)
        if m.used or m.words < (2 if headline else ORPHAN_MIN_WORDS) or (_is_title(text, m) and not headline):
            continue
        if m.words < ORPHAN_PHRASE_WORDS and not _utterance_like(text, m):
            continue  # 'soup: "a cold bowl with beans and corn"': a short quoted phrase is a label
        k = bisect.bisect_right(starts, m.start)
        covered = 0
        for a, b in spans[max(0, k - 3) : k + 3]:
            covered += max(0, min(b, m.end) - max(a, m.start))
        if covered > 0.3 * (m.end - m.start):
            continue
        prev = by_para.get(m.paragraph) or by_para.get(m.paragraph - 1)
        mention = prev.mention if prev is not None and prev.parts[0][0] < m.start else None
        cands.append(_Cand("direct", [(m.start, m.end)], None, mention, 0.3, "orphan_quote"))


# What separates the items of a list of quotations: a comma, "and"/"or", spaces.
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?")
# Items of a list are short terms, not sentences.
LIST_ITEM_WORDS = 8


def _list_gap(text: str, a: _Mark, b: _Mark) -> bool:
    """Are quotations ``a`` and ``b`` neighbours in a list: short, and apart by a comma (inside or
    outside the closing mark) or "and"/"or"? Quoted sentences one after another are no list."""
    gap = text[a.end : b.start]
    if a.words > LIST_ITEM_WORDS or b.words > LIST_ITEM_WORDS or not _LIST_GAP.fullmatch(gap):
        return False
    return bool(gap.strip()) or text[a.end - 2 : a.end - 1] == ","


def _listed_marks(text: str, marks: list[_Mark]) -> set[int]:
    """Indexes of quotations in a run of three or more separated only by commas and "and"/"or".

    Why: a run of quotations is a list of terms, titles or signs ('the words to make the list are
    "wrap my head around," "grapple," "optics" and "eschew"'; 'signs reading "Quebec please
    separate," "Build pipelines" and "The UN is a scam"'), not one speaker's words.
    """
    out: set[int] = set()
    run = [0] if marks else []
    for i in range(1, len(marks) + 1):
        if i < len(marks) and _list_gap(text, marks[i - 1], marks[i]):
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [i]
    return out


def _utterance_like(text: str, m: _Mark) -> bool:
    """A quotation shaped like speech: a capitalised opening or punctuation before the close."""
    inner = text[m.start + 1 : m.end].rstrip("\"'\u201d\u2019\u00bb")
    return inner[:1].isupper() or inner[-1:] in ".,!?"
