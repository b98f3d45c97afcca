"""Quotes continued across sentences and paragraphs, and quote paragraphs introduced before them.

Scope: a further part of an attributed quote ('"A," he said. "B."': ``_continues_turn``, with
``_attribution_tail``), a quotation after a postposed indirect attribution
(``_continues_postposed``), a quote paragraph introduced by the previous one ('X said:' / 'X
tweeted on Wednesday.': ``_previous_paragraph_intro``, ``_colon_intro``), an unquoted block
after 'X added:' (``_colon_block``), a whole quote paragraph after an attributed one
(``_floating_continuation``). Quotations nothing attributes are in ``orphans``.
"""

from __future__ import annotations

import re

from quotewire.extract.quotes.colons import _colon_subject
from quotewire.extract.quotes.marks import _Mark, _marks_in
from quotewire.extract.quotes.mentions import _subject_before
from quotewire.extract.quotes.tokens import _CUES, NOT_CONTENT, TIME_WORDS, _abbrev, _Cand, _cue_word, _Tok, _tokens
from quotewire.extract.segment import ABBREVIATIONS

# Quoted phrases with fewer words than this and no adjacent cue are scare quotes or titles.
MIN_FLOATING_WORDS = 6
# Double quotation marks (apostrophes in a gap do not start or end quotes).
DOUBLE_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb]')
# A postposed attribution closing the sentence after a quotation (", she said", ", Smith added").
_OWN_POSTPOSED = re.compile(
    r"[^\"\u201c\u201d.!?]{3,200},\s+(?:he|she|they|I|we|[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})"
    r"\s+(?:said|says|added|adds|told|wrote|writes)\b"
)
# An attribution right after a quotation ('"B," said X', '"B," X said'): the quotation's own.
_OWN_ADJACENT = re.compile(
    r"\s*(?:(?:he|she|they|I|we|[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})\s+"
    r"(?:said|says|added|adds|told|wrote|writes)\b|(?:said|says|added|adds|wrote|writes)\s+\S)"
)
# A clause with a subject of its own between two quotations (', but Kevin was drifting off').
_NEW_SUBJECT = re.compile(
    r",\s+(?:but|and|while|as|when|whereas)\s+(?!(?:he|she|they|I|we)\s+(?:said|says|added|adds)\b)"
    r"(?:[A-Z][a-z]+|he|she|they|we|I|(?:the|his|her|their|a|an)\s+[a-z]+)\b"
)
# A sentence break in an attribution tail (checked against abbreviations).
_SENT_BREAK = re.compile(r"[.!?][\"'\u201d\u2019]?\s+\S")


def _continues_turn(text: str, marks: list[_Mark], prev: _Cand, m: _Mark, titles_seen: list[_Mark], hi: int) -> bool:
    """``"A," he said, "B."`` / ``"A," he said. "B."``: quotation ``m`` is a further part of ``prev``.

    The gap after the previous part must be the rest of its attribution (no other cue, no
    other quotation but short names, no clause with a new subject: '"You winning?" she said,
    but Kevin was ...'), and ``m``'s own sentence must not carry its own cue ('"B" to drive up
    the stock price, she said.'). Titles in the gap ('he said on "Meet the Press."') are
    blanked out first. ``hi`` is the end of the clause.
    """
    lex = _CUES.get()
    gap = text[prev.parts[-1][1] : m.start]
    for tm in titles_seen:
        if prev.parts[-1][1] <= tm.start and tm.end <= m.start:
            # A title in the gap ('he said on "Meet the Press."') does not end the quote.
            a0 = tm.start - prev.parts[-1][1]
            gap = gap[:a0] + " " * (tm.end - tm.start) + gap[a0 + tm.end - tm.start :]
    tail_ok = prev.cue is not None and _attribution_tail(text, max(prev.parts[-1][1], prev.cue[1]), m.start)
    return (
        len(gap) < 300
        # '"B" to drive up the stock price, she said.': B's sentence has its own cue.
        and not _OWN_POSTPOSED.match(text, m.end, hi)
        # '"A!" "B," said X.': B is X's, not a further part of A.
        and not (prev.type == "direct" and _OWN_ADJACENT.match(text, m.end, hi))
        and prev.cue is not None
        and prev.cue[1] <= m.start
        and (not DOUBLE_MARKS.search(gap) or (tail_ok and _short_marks_only(text, marks, prev, m)))
        and (tail_ok or not lex.search.search(text, max(prev.parts[-1][1], prev.cue[1]), m.start))
        # '"You winning?" she said, but Kevin was drifting off ... "how the system is
        # rigged"': a clause with another subject in between ends the speaker's turn.
        and not _NEW_SUBJECT.search(text, max(prev.parts[-1][1], prev.cue[1]), m.start)
    )


def _continues_postposed(text: str, last: _Cand, m: _Mark, para_lo: int) -> bool:
    """``..., Schiff said. "B."``: the quotation ``m`` goes on with the postposed indirect ``last``.

    A quotation opening the sentence after a postposed (or parenthetical) indirect attribution
    in the same paragraph (starting at ``para_lo``), with only the rest of that attribution
    sentence between them, continues the same speaker.
    """
    return (
        last.cue is not None
        and last.rule in ("postposed", "postposed_inverted", "parenthetical")
        and para_lo <= last.parts[0][0]
        and last.cue[1] <= m.start
        and _attribution_tail(text, last.cue[1], m.start)
    )


def _previous_paragraph_intro(
    text: str, prev_para: tuple[int, int], marks: list[_Mark], used_cues: set[int], m: _Mark
) -> _Cand | None:
    """A quote paragraph introduced by the previous one: ``Cruz continued:`` / ``X tweeted on Wednesday.``

    The previous paragraph ending in a colon (``colon_previous_paragraph``) or in a speech
    verb without content (``intro_previous_paragraph``) gives the cue and speaker of the
    quotation ``m`` that opens this paragraph, unless its cue is already used.
    """
    intro = _colon_intro(text, prev_para, marks, any_verb=True)
    if intro is None or intro[0][0] in used_cues:
        return None
    cue, mention = intro
    rule = "colon_previous_paragraph" if text[prev_para[1] - 1] == ":" else "intro_previous_paragraph"
    return _Cand("direct", [(m.start, m.end)], cue, mention, 0.8, rule)


def _floating_continuation(m: _Mark, para_lo: int, pi: int, last_attr: dict[int, _Cand]) -> _Cand | None:
    """A whole quote paragraph right after an attributed quote continues its speaker.

    The quotation ``m`` opens paragraph ``pi`` (at ``para_lo``), is no short phrase, and the
    previous paragraph's last attribution is in ``last_attr``: no cue of its own
    (``floating_continuation``), the mention is the previous quote's.
    """
    if m.start == para_lo and m.words >= MIN_FLOATING_WORDS and (pi - 1 in last_attr):
        # No cue of its own; the mention is the previous quote's (the speaker it continues).
        return _Cand("direct", [(m.start, m.end)], None, last_attr[pi - 1].mention, 0.55, "floating_continuation")
    return None


def _colon_block(
    text: str, toks: list[_Tok], paras: list[tuple[int, int]], pi: int, marks: list[_Mark], used_cues: set[int]
) -> _Cand | None:
    """``Limbaugh added:`` closing a paragraph, then an unquoted block: the block is his (``colon_block``).

    For paragraph ``pi`` (tokens ``toks``) opening with no quotation mark after a paragraph
    ending in a colon whose clause has a speech cue and subject not used yet; the block needs
    four words or more.
    """
    lo = paras[pi][0]
    if not (pi > 0 and text[paras[pi - 1][1] - 1] == ":" and not (toks and toks[0].quoted)):
        return None
    intro = _colon_intro(text, paras[pi - 1], marks)
    if intro is not None and intro[0][0] not in used_cues:
        e = paras[pi][1]
        while e > lo and text[e - 1] in " .":
            e -= 1
        if len(text[lo:e].split()) >= 4:
            return _Cand("indirect", [(lo, e)], intro[0], intro[1], 0.7, "colon_block")
    return None


def _attribution_tail(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` is the rest of one attribution sentence that ends right before a quote.

    ``"A," Cruz said in response to a question on Monday. "B."``: after the cue, the sentence
    runs on without a second sentence (a cue word in it, "response", "statement", "suggesting
    that ...", does not start another attribution), so "B" continues the same speaker.
    """
    lex = _CUES.get()
    if b - a > 300:
        return False
    tail = text[a:b].strip()
    if not tail or len(tail) > 250 or tail[-1] not in ".,:" or "\n" in tail:
        return False
    for h in lex.search.finditer(tail):
        w = h.group().lower()
        if w not in lex.say and w not in lex.tell:
            continue
        before = tail[: h.start()].rstrip().lower()
        # "..., suggesting that ..." and "... when asked about ..." are the same speaker's: the
        # quote after them goes on with it. A finite cue ("and Smith said ...") starts another.
        # ("..., adding, "B"": the quote is the participle's own complement, a separate report.)
        if not (
            (w.endswith("ing") and before.endswith(",") and tail.endswith("."))
            or before.endswith(("when", "after being", "if"))
        ):
            return False
    for mt in _SENT_BREAK.finditer(tail, 0, len(tail) - 1):
        word = tail[: mt.start()].rsplit(None, 1)[-1:] or [""]
        w = word[0].strip("(\"'\u201c\u201d\u2018\u2019")
        if not (w.lower() in ABBREVIATIONS or w.lower() + "." in ABBREVIATIONS or (len(w) == 1 and w.isupper())):
            return False
    return True


def _short_marks_only(text: str, marks: list[_Mark], prev: _Cand, m: _Mark) -> bool:
    """The quotations between ``prev``'s last part and ``m`` are short names ("NBC's "Today"")."""
    lo, hi = prev.parts[-1][1], m.start
    inner = _marks_in(marks, lo, hi)
    return len(inner) <= 3 and all(x.words <= 4 for x in inner if lo <= x.start and x.end <= hi)


def _colon_intro(
    text: str, para: tuple[int, int], marks: list[_Mark], any_verb: bool = False
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and mention introducing the next paragraph's quote.

    Either the paragraph ends with ``Cruz continued:``, or its last sentence is a speech verb
    without content (``Her mother, Fatemah, tweeted from the account on Wednesday.``).
    """
    lex = _CUES.get()
    lo, hi = para
    colon = text[hi - 1] == ":"
    toks = _tokens(text, max(lo, hi - 300), hi, marks)
    n = len(toks)
    start = 0
    for k in range(n - 2, -1, -1):
        if toks[k].text in ".!?" and not _abbrev(toks, k):
            start = k + 1
            break
    # A colon lets the cue sit further back ("the committee said about its inclusion of ... in
    # the latest draft of its platform:"); a sentence without one must end on its cue.
    reach = 30 if colon else 12
    for c in range(n - 2, max(start - 1, n - reach), -1):
        w = _cue_word(toks[c])
        if toks[c].quoted:
            return None
        if (w in lex.say or w in lex.tell) and not toks[c].cap:
            if not colon:
                rest = toks[c + 1 : n - 1]
                if rest and rest[0].low not in NOT_CONTENT and rest[0].low not in TIME_WORDS:
                    return None
            np = _subject_before(toks, c, start)
            if np:
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end)
            return None
    if any_verb and colon and n - start >= 3:
        # "She then addressed the crowd again:": any clause with a subject, ending in a colon.
        subj = _colon_subject(toks[start:], n - 1 - start)
        if subj is not None:
            return (toks[n - 1].start, toks[n - 1].end), subj
    return None
