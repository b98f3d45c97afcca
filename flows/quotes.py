"""Quote extraction (direct, indirect, mixed) with cue and speaker mention spans.

Scope: English news prose, one paragraph per line. Rule-based and linear in the text length:

* direct quotes: text between paired quotation marks (straight, curly double, curly single as
  the Daily Mail uses them), attributed by a cue right after the closing mark
  (``"...," he said``, ``"..." said Smith``) or right before the opening one (``X tweeted: "..."``,
  ``X said "..."``); parts split by the attribution (``"A," he said, "B."``) share cue, mention and
  group; a paragraph ending in ``X said:`` introduces the quote paragraph(s) that follow; quotes
  spanning paragraphs (open mark on each, close at the end) are one part;
* floating quotes: a quote paragraph without a cue right after an attributed quote continues that
  speaker (cue and mention ``None``, rule ``floating_continuation``);
* indirect quotes: ``X said (that) ...``, ``X told reporters ...``, ``X accused Y of ...``,
  ``..., X said.``, ``..., said X.``, ``according to X, ...``, ``..., according to X``;
* mixed quotes: an indirect clause holding a quoted fragment (``X said the plan was "dead."``).

Not extracted: scare quotes and titles (short quoted phrases without a cue), unbalanced marks
(an open mark without its close is dropped, never extended past its paragraph run), quotes
without any nearby cue, nominal attributions ("X's claim that ..."), passives ("it was reported").

Content spans include the quotation marks (the PolNeAR gold convention); indirect contents run
from the complementiser ("that ...") to the end of the clause, without the final period.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from flows.lexicons import (
    ACT_VERBS,
    CLOSE_DOUBLE,
    CLOSE_SINGLE,
    CUE_MODIFIERS,
    CUE_NOUNS,
    CUE_RATE,
    CUE_VERBS,
    DETERMINERS,
    NP_STOP,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    QUOTE_CHARS,
    SAY_VERBS,
    SPEAKER_NOUNS,
    SUBJECT_PRONOUNS,
    TELL_VERBS,
    TOKEN,
)
from flows.model import Quote, QuoteType, Sentence, Span
from flows.segment import ABBREVIATIONS

log = logging.getLogger(__name__)

# Quotes longer than this many paragraphs are not followed further (unbalanced marks).
MAX_QUOTE_PARAGRAPHS = 8
# Quoted phrases with fewer words than this and no adjacent cue are scare quotes or titles.
MIN_FLOATING_WORDS = 6
# How far (tokens) a cue may sit from a closing mark ("..., Smith, the mayor, said on Monday").
MAX_POSTPOSED = 14
NOT_CONTENT = frozenset(
    """as when while after before during at of about on in for with to by afterward afterwards later
    earlier then goodbye hello so too yes no thanks sorry again more less""".split()
)
ADJUNCT_PREPS = frozenset("of to in on at with for during via through".split())
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier
    later last this on in at during after before while when late early recently""".split()
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    quoted: bool = False

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(slots=True)
class _Mark:
    """A paired quotation: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    paragraph: int
    words: int
    used: bool = False


@dataclass(slots=True)
class _Cand:
    type: QuoteType
    parts: list[tuple[int, int]]
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    confidence: float
    rule: str
    marks: list[_Mark] = field(default_factory=list)


def _paragraph_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (min(a, s.start), max(b, s.end))
    return [spans[k] for k in sorted(spans)]


def _is_open(text: str, i: int, lo: int) -> bool:
    """A straight or ambiguous mark opens when it starts a word (space or start before it)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014-/:;,") and not after.isspace()


def _is_close(text: str, i: int, hi: int) -> bool:
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
    i = lo
    while i < hi:
        ch = text[i]
        if ch == "'" and i + 1 < hi and text[i + 1] == "'":
            # Two apostrophes stand for a double mark in some archives (NYT): treat as '"'.
            if open_at is None and _is_open(text, i, lo):
                open_at, kind = i, "d"
            elif open_at is not None and kind == "d":
                pairs.append((open_at, i + 2))
                open_at = None
            i += 2
            continue
        if open_at is None:
            if ch in OPEN_DOUBLE or (ch == '"' and _is_open(text, i, lo)):
                open_at, kind = i, "d"
            elif ch in OPEN_SINGLE or (ch == "'" and _is_open(text, i, lo) and text[i + 1 : i + 2].isalpha()):
                open_at, kind = i, "s"
        elif kind == "d":
            if ch in CLOSE_DOUBLE or ch == '"':
                pairs.append((open_at, i + 1))
                open_at = None
            elif ch in OPEN_DOUBLE and i > open_at + 1 and text[i - 1].isspace() and text[i - 2] in ".!?,":
                # A new open mark after a finished sentence: the previous one was never closed.
                open_at = i
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
        i += 1
    return pairs, open_at


def _find_marks(text: str, paras: list[tuple[int, int]]) -> list[_Mark]:
    marks: list[_Mark] = []
    pi = 0
    while pi < len(paras):
        lo, hi = paras[pi]
        pairs, dangling = _pair_marks(text, lo, hi)
        for a, b in pairs:
            marks.append(_Mark(a, b, pi, len(text[a:b].split())))
        nxt = pi + 1
        if dangling is not None and dangling == lo:
            # Multi-paragraph quote: every paragraph opens with a mark, only the last one closes.
            pj = pi + 1
            while pj < len(paras) and pj - pi < MAX_QUOTE_PARAGRAPHS:
                plo, phi = paras[pj]
                if text[plo] not in "\"'\u201c\u2018\u00ab":
                    break
                sub, dang2 = _pair_marks(text, plo, phi)
                if sub and sub[0][0] == plo:
                    end = sub[0][1]
                    marks.append(_Mark(lo, end, pi, len(text[lo:end].split())))
                    for a, b in sub[1:]:
                        marks.append(_Mark(a, b, pj, len(text[a:b].split())))
                    nxt = pj + 1
                    break
                if dang2 != plo:
                    break
                pj += 1
        pi = nxt
    return marks


def _tokens(text: str, lo: int, hi: int, marks: list[_Mark]) -> list[_Tok]:
    toks = [_Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN.finditer(text, lo, hi)]
    mi = 0
    ms = [m for m in marks if m.end > lo and m.start < hi]
    for t in toks:
        while mi < len(ms) and ms[mi].end <= t.start:
            mi += 1
        if mi < len(ms) and ms[mi].start <= t.start and t.end <= ms[mi].end:
            t.quoted = True
    return toks


def _np_back(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """The speaker noun phrase ending just before token ``b`` (token range), or ``None``.

    Accepts a pronoun, a capitalised name run ("Turkish President Recep Tayyip Erdogan"), or a
    short common noun phrase headed by a speaker noun ("a source", "a spokesman for X").
    """
    if b <= lo:
        return None
    if toks[b - 1].text == ")":
        # "Jason Chaffetz (R-Utah) said": skip a short parenthetical after the name.
        k = b - 2
        while k > lo and b - k < 8 and toks[k].text != "(":
            k -= 1
        if k > lo and toks[k].text == "(":
            r = _np_back(toks, k, lo)
            return r
        return None
    t = toks[b - 1]
    if t.quoted or not t.word:
        return None
    if t.low in SUBJECT_PRONOUNS:
        return (b - 1, b)
    if t.low in NP_STOP or t.low in CUE_VERBS or t.low in DETERMINERS:
        return None
    a = b
    head_ok = t.cap or t.low in SPEAKER_NOUNS or t.low.endswith(("'s", "\u2019s"))
    if not head_ok:
        # A common noun phrase needs its determiner within a few words ("the New York businessman").
        k = b - 1
        while k > lo and b - k < 5 and toks[k - 1].word and toks[k - 1].low not in NP_STOP and toks[k - 1].low not in DETERMINERS:
            k -= 1
        if not (k > lo and toks[k - 1].low in DETERMINERS and toks[k - 1].low not in ("its",)):
            return None
        return (k - 1, b)
    while a > lo and b - a < 8:
        u = toks[a - 1]
        if u.quoted or not (u.word or u.text in "&-."):
            break
        if u.low in DETERMINERS:
            a -= 1
            break
        if u.low in ("of", "for", "at") and a - 1 > lo and toks[a - 2].word and a < b:
            a -= 1
            continue
        if u.low in NP_STOP or u.low in CUE_VERBS or u.low in SUBJECT_PRONOUNS:
            break
        if u.word and not u.cap and toks[a].cap and u.low not in SPEAKER_NOUNS and not u.low.endswith("-based"):
            # A lower-case word before a name is usually a verb or an adjective of the clause.
            break
        a -= 1
    while a < b and toks[a].low in ("of", "for", "at", "&", "-", "."):
        a += 1
    # A sentence-initial capitalised function word ("But", "However") is not part of the name.
    while a < b - 1 and toks[a].low in ("but", "however", "and", "so", "yet", "meanwhile", "still"):
        a += 1
    return (a, b) if a < b else None


def _subject_before(toks: list[_Tok], c: int, lo: int) -> tuple[int, int] | None:
    """Subject of the cue at token ``c``: skip modifiers, then an appositive between commas."""
    b = c
    while b > lo and toks[b - 1].low in CUE_MODIFIERS:
        b -= 1
    if b > lo and toks[b - 1].text == ",":
        # "Kareem, who has worked with CNN in the past, said": the name before the first comma.
        k = b - 2
        while k > lo and toks[k].text != "," and b - k < 30 and not toks[k].quoted and toks[k].text not in ".;:":
            k -= 1
        if k >= lo and toks[k].text == "," and k < b - 2:
            np = _np_back(toks, k, lo)
            if np and (toks[np[1] - 1].cap or toks[np[1] - 1].low in SUBJECT_PRONOUNS):
                return np
        return None
    return _np_back(toks, b, lo)


def _np_after(toks: list[_Tok], a: int, hi: int) -> tuple[int, int] | None:
    """Speaker after an inverted cue (", said Smith", "according to the UN")."""
    if a >= hi or toks[a].quoted:
        return None
    if toks[a].low in SUBJECT_PRONOUNS:
        return (a, a + 1)
    b = a
    while b < hi and b - a < 10:
        u = toks[b]
        if u.quoted or not (u.word or u.text in "&-.'\u2019"):
            break
        if u.low in ("that", "who", "which", "and", "in", "on", "to", "when", "because", "as"):
            break
        b += 1
    if b == a:
        return None
    if not any(toks[k].cap or toks[k].low in SPEAKER_NOUNS for k in range(a, b)):
        return None
    return (a, b)


def _skip_cue_extension(toks: list[_Tok], c: int, hi: int) -> int:
    """Index after a cue's adjuncts ("said in a statement on Tuesday", "told reporters")."""
    j = c + 1
    # "said in a phone interview", "wrote on his blog": a preposition, then words up to a cue noun.
    if j < hi and toks[j].low in ADJUNCT_PREPS:
        last = -1
        for x in range(j + 1, min(hi, j + 7)):
            if not toks[x].word or toks[x].quoted:
                break
            if toks[x].low in CUE_NOUNS:
                last = x
        if last > 0:
            k = last + 1
            while k < hi and (toks[k].low in TIME_WORDS or toks[k].cap) and not toks[k].quoted:
                k += 1
            return k + 1 if k < hi and toks[k].text in ",:" else k
    # "said in a statement", "wrote on Twitter", "said Tuesday": up to 8 tokens of adjuncts.
    k = j
    while k < hi and k - j < 8 and not toks[k].quoted:
        u = toks[k]
        if u.low in TIME_WORDS or u.low in DETERMINERS or u.low in CUE_NOUNS or u.low in ("a", "an", "with", "his", "her", "of", "news", "press", "late", "\u2019s", "'s") or u.cap:
            k += 1
            continue
        break
    if k > j and any(toks[x].low in CUE_NOUNS or toks[x].low in TIME_WORDS for x in range(j, k)):
        if k < hi and toks[k].text in ",:":
            return k + 1
        return k
    return j


def _content_forward(toks: list[_Tok], c: int, hi: int, verb: str) -> tuple[int, int] | None:
    """Token range of the complement after the cue at ``c``, to the end of the clause."""
    end = hi
    while end > c + 1 and not toks[end - 1].quoted and toks[end - 1].text in ".,;:!?)\u2014-":
        end -= 1
    j = c + 1
    # Skip to "that" when it comes within a few tokens ("told reporters on Monday that ...").
    for k in range(c + 1, min(end, c + 10)):
        if toks[k].quoted or toks[k].text in ",;:":
            break
        if toks[k].low == "that":
            j = k
            break
    else:
        k = -1
    if j == c + 1:
        j = _skip_cue_extension(toks, c, end)
        if verb in TELL_VERBS and j == c + 1 and j < end and (toks[j].cap or toks[j].low in ("reporters", "him", "her", "them", "me", "us")):
            # "told reporters X": drop a one-word addressee.
            if toks[j].low in ("reporters", "him", "her", "them", "me", "us", "cnn", "abc", "nbc", "cbs"):
                j += 1
    while j < end and toks[j].text in ",:" and not toks[j].quoted:
        j += 1
    # Stop at a semicolon or at a dash closing the clause.
    for k in range(j, end):
        if toks[k].text == ";" and not toks[k].quoted:
            end = k
            break
    if end - j < 2:
        return None
    return (j, end)


def _abbrev(toks: list[_Tok], k: int) -> bool:
    """True when the period token ``k`` does not end a sentence ("Mr.", "G.K.", "(D-Md.)")."""
    if k + 1 < len(toks) and not (toks[k + 1].start > toks[k].end and (toks[k + 1].cap or toks[k + 1].quoted)):
        return True
    return k > 0 and (len(toks[k - 1].text) == 1 or toks[k - 1].low in ABBREVIATIONS) and toks[k - 1].end == toks[k].start


def _cue_word(tok: _Tok) -> str:
    return tok.low.replace("\u2019", "'")


def _clauses(text: str, sentences: Sequence[Sentence], marks: list[_Mark]) -> list[tuple[int, int, int]]:
    """Sentences merged where a quotation crosses their boundary: ``(start, end, paragraph)``.

    Also merged: a sentence ending in ``?"``/``!"`` and the short attribution after it
    (``"Why?" Graham asked.``), which the splitter cuts apart.
    """
    out: list[tuple[int, int, int]] = []
    mi = 0
    for s in sentences:
        if out and out[-1][2] == s.paragraph:
            ps, pe, pp = out[-1]
            while mi < len(marks) and marks[mi].end <= pe:
                mi += 1
            # Merge when a quote starts before the boundary and ends after it.
            if mi < len(marks) and marks[mi].start < pe and marks[mi].end > pe:
                out[-1] = (ps, s.end, pp)
                continue
            if pe - ps > 2 and text[pe - 2] in "?!" and text[pe - 1] in "\"\u201d'\u2019" and text[s.start] not in "\"\u201c'\u2018":
                head = text[s.start : min(s.end, s.start + 60)].lower().split()[:6]
                if any(w.strip(".,") in CUE_VERBS for w in head):
                    out[-1] = (ps, s.end, pp)
                    continue
        out.append((s.start, s.end, s.paragraph))
    return out


def extract_quotes(text: str, sentences: Sequence[Sentence]) -> list[Quote]:
    """Find the quotations of one document (cleaned text; offsets into it).

    ``sentences`` come from ``segment.split_sentences``; quotation marks are paired per paragraph
    (line), so an unbalanced mark never reaches past its paragraph run.
    """
    if not sentences:
        return []
    paras = _paragraph_spans(text, sentences)
    marks = _find_marks(text, paras)
    marks.sort(key=lambda m: m.start)
    clauses = _clauses(text, sentences, marks)
    cands: list[_Cand] = []
    used_cues: set[int] = set()
    last_attr: dict[int, _Cand] = {}  # paragraph -> last attributed direct quote
    prev: _Cand | None = None
    prev_para = -1
    for ci, (lo, hi, pi) in enumerate(clauses):
        toks = _tokens(text, lo, hi, marks)
        n = len(toks)
        cl_marks = [m for m in marks if lo <= m.start < hi]
        # --- direct quotes -------------------------------------------------------------
        if pi != prev_para:
            prev = None
            prev_para = pi
        for m in cl_marks:
            first = next((k for k in range(n) if toks[k].start >= m.start), n)
            after = next((k for k in range(first, n) if toks[k].start >= m.end), n)
            got = _direct_after(toks, after, n, text, m) or _direct_before(toks, first, text, m, paras[pi][0])
            if got is not None:
                cue, mention, rule = got
                if prev is not None and prev.cue == cue:
                    prev.parts.append((m.start, m.end))
                    prev.marks.append(m)
                else:
                    prev = _Cand("direct", [(m.start, m.end)], cue, mention, 0.9, rule, [m])
                    cands.append(prev)
                m.used = True
                for k in range(n):
                    if toks[k].start == cue[0]:
                        used_cues.add(toks[k].start)
                last_attr[pi] = prev
                continue
            # "A," he said, "B." / "A," he said. "B.": a part after an attributed part.
            if prev is not None and m.words >= 2:
                gap = text[prev.parts[-1][1] : m.start]
                if len(gap) < 300 and prev.cue is not None and prev.cue[1] <= m.start and not QUOTE_CHARS.search(gap):
                    prev.parts.append((m.start, m.end))
                    prev.marks.append(m)
                    m.used = True
                    continue
            # A colon-ended previous paragraph introduces this quote paragraph.
            if m.start == paras[pi][0] and pi > 0 and ci > 0:
                intro = _colon_intro(text, paras[pi - 1], marks)
                if intro is not None:
                    cue, mention = intro
                    c = _Cand("direct", [(m.start, m.end)], cue, mention, 0.8, "colon_previous_paragraph", [m])
                    cands.append(c)
                    m.used = True
                    last_attr[pi] = c
                    prev = c
                    continue
            # A whole quote paragraph right after an attributed quote continues its speaker.
            if (
                m.start == paras[pi][0]
                and m.words >= MIN_FLOATING_WORDS
                and (pi - 1 in last_attr)
            ):
                c = _Cand("direct", [(m.start, m.end)], None, None, 0.55, "floating_continuation", [m])
                cands.append(c)
                m.used = True
                last_attr[pi] = c
                continue
        # --- indirect and mixed quotes ----------------------------------------------------
        last_mention = next((c.mention for c in reversed(cands) if c.cue and lo <= c.cue[0] < hi), None)
        for k in range(n):
            t = toks[k]
            if t.quoted or t.start in used_cues:
                continue
            w = _cue_word(t)
            if w == "according" and k + 1 < n and toks[k + 1].low == "to":
                cand = _according(toks, k, n)
            elif w in CUE_VERBS and not t.cap:
                # Cue verbs are lower-case: "the United States" is no cue.
                cand = _indirect(toks, k, n, w)
                if cand is not None and w.endswith("ing") and cand.mention is None:
                    # "..., adding that ...": the participle shares the clause's last speaker.
                    cand.mention = last_mention
            else:
                continue
            if cand is not None:
                cands.append(cand)
                last_mention = cand.mention or last_mention
    return _finish(text, cands)


def _direct_after(toks: list[_Tok], a: int, n: int, text: str, m: _Mark) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue after the closing mark: ``"...," he said`` / ``"..." said Smith`` / ``"...", Smith said``."""
    j = a
    if j < n and toks[j].text in "\u2015\u2014" and j + 1 < n and toks[j + 1].cap:
        # '"..." \u2015 Steve Quinlan': a dash and a bare name sign a quote (reader comments).
        np = _np_after(toks, j + 1, n)
        if np and np[1] >= n - 1:
            return (toks[j].start, toks[j].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_dash_signature"
    if j < n and toks[j].text in ",\u2014-":
        j += 1
    if j >= n or toks[j].quoted:
        return None
    # Inverted: "said Smith" / "said the mayor".
    w = _cue_word(toks[j])
    if w in SAY_VERBS or w in TELL_VERBS:
        np = _np_after(toks, j + 1, n)
        if np:
            return (toks[j].start, toks[j].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed_inverted"
    for c in range(j + 1, min(n, j + MAX_POSTPOSED)):
        if toks[c].quoted or toks[c].text in ";:!?" or (toks[c].text == "." and not _abbrev(toks, c)):
            break
        w = _cue_word(toks[c])
        if w in SAY_VERBS or w in TELL_VERBS or w in ("called", "asked"):
            np = _subject_before(toks, c, j)
            if np and np[0] == j:
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed"
            break
    return None


def _direct_before(toks: list[_Tok], first: int, text: str, m: _Mark, para_lo: int) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue right before the opening mark: ``X tweeted: "..."``, ``X said "..."``."""
    j = first
    if j > 0 and toks[j - 1].text in ":,":
        j -= 1
    # Walk back over cue adjuncts ("said in a statement:", "told CNN:").
    for c in range(j - 1, max(-1, j - 7), -1):
        tk = toks[c]
        if tk.quoted:
            return None
        w = _cue_word(tk)
        if w in SAY_VERBS or w in TELL_VERBS or w in ACT_VERBS:
            if c < j - 1 and not all(_adjunct(toks[x]) for x in range(c + 1, j)):
                return None
            if w in ACT_VERBS and c < j - 1:
                return None
            np = _subject_before(toks, c, 0)
            if np is None:
                return None
            if m.words < 3 and toks[first - 1].text not in ":,":
                return None
            return (tk.start, tk.end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_preposed"
    return None


def _adjunct(t: _Tok) -> bool:
    """A token that may sit between a cue and its quote ("says of Clinton,", "told CNN on Monday:")."""
    return t.cap or t.low in CUE_NOUNS or t.low in TIME_WORDS or t.low in DETERMINERS or t.low in ADJUNCT_PREPS


def _colon_intro(text: str, para: tuple[int, int], marks: list[_Mark]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``Cruz continued:`` ending the previous paragraph: cue and mention of the next quote."""
    lo, hi = para
    if text[hi - 1] != ":":
        return None
    toks = _tokens(text, max(lo, hi - 200), hi, marks)
    n = len(toks)
    for c in range(n - 2, max(-1, n - 9), -1):
        w = _cue_word(toks[c])
        if toks[c].quoted:
            return None
        if w in SAY_VERBS or w in TELL_VERBS:
            np = _subject_before(toks, c, 0)
            if np:
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end)
            return None
    return None


def _according(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``according to X, CONTENT`` / ``CONTENT, according to X``."""
    np = _np_after(toks, k + 2, n)
    if np is None:
        return None
    cue = (toks[k].start, toks[k + 1].end)
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    if k <= 2:
        j = np[1]
        while j < n and toks[j].text in ",":
            j += 1
        end = n
        while end > j and toks[end - 1].text in ".;:!?" and not toks[end - 1].quoted:
            end -= 1
        if end - j < 3:
            return None
        rng = (j, end)
    else:
        end = k
        while end > 0 and toks[end - 1].text in ",\u2014-(" and not toks[end - 1].quoted:
            end -= 1
        if end < 3 or any(t.low in CUE_VERBS and not t.quoted for t in toks[:end]):
            return None
        rng = (0, end)
    parts = [(toks[rng[0]].start, toks[rng[1] - 1].end)]
    return _Cand("indirect", parts, cue, mention, 0.85, "according_to")


def _content_ok(toks: list[_Tok], rng: tuple[int, int]) -> bool:
    """A complement starting with an adverbial ("said as he entered") is no reported content."""
    first = toks[rng[0]]
    return first.low not in NOT_CONTENT and not (first.cap and first.low in TIME_WORDS)


def _indirect(toks: list[_Tok], c: int, n: int, w: str) -> _Cand | None:
    """``X said (that) ...`` / ``..., X said.`` / ``..., said X.`` / ``X accused Y of ...``."""
    cue = (toks[c].start, toks[c].end)
    prior = CUE_RATE.get(w, 0.6)
    # Inverted postposed: "CONTENT, said X."
    if c > 2 and toks[c - 1].text == "," and (w in SAY_VERBS):
        np = _np_after(toks, c + 1, n)
        if np and (np[1] >= n - 1 or toks[np[1]].text in ",."):
            end = c - 1
            if end >= 3:
                mention = (toks[np[0]].start, toks[np[1] - 1].end)
                return _Cand("indirect", [(toks[0].start, toks[end - 1].end)], cue, mention, prior * 0.95, "postposed_inverted")
    if w.endswith("ing") and c > 0 and toks[c - 1].text in ",\u2014":
        # "..., adding that ...": subject is the clause's speaker (filled in by the caller).
        rng = _content_forward(toks, c, n, w)
        if rng is None or (w in SAY_VERBS and not _content_ok(toks, rng)):
            return None
        return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.85, "participle")
    np = _subject_before(toks, c, 0)
    if np is None:
        return None
    if w.endswith("ing") and not (toks[np[1] - 1].cap or toks[np[1] - 1].low in SUBJECT_PRONOUNS):
        return None
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    rest = [t for t in toks[c + 1 :] if t.text not in ".!?"]
    # Postposed: "CONTENT, X said (on Tuesday)."
    if w in SAY_VERBS and np[0] >= 3 and toks[np[0] - 1].text in ",\u2014" and not any(t.low == "that" for t in rest[:8]):
        if len(rest) <= 5 or rest[0].text == "," or rest[0].low in TIME_WORDS:
            end = np[0] - 1
            start = 0
            # Content starts after an earlier cue of the same sentence, if any.
            for x in range(end - 1, -1, -1):
                if not toks[x].quoted and _cue_word(toks[x]) in CUE_VERBS and x > 0:
                    start = x + 1
                    break
            if end - start >= 3:
                return _Cand("indirect", [(toks[start].start, toks[end - 1].end)], cue, mention, prior * 0.95, "postposed")
            return None
    if w in ACT_VERBS and w not in SAY_VERBS:
        rng = _content_forward(toks, c, n, w)
        if rng is None:
            return None
        return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, mention, prior * 0.8, "accuse_object")
    rng = _content_forward(toks, c, n, w)
    if rng is None or not _content_ok(toks, rng):
        return None
    rule = "say_that" if toks[rng[0]].low == "that" else ("tell_clause" if w in TELL_VERBS else "say_clause")
    conf = prior * (1.0 if rule == "say_that" else 0.9)
    return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, mention, conf, rule)


def _finish(text: str, cands: list[_Cand]) -> list[Quote]:
    """Resolve overlaps (best first), type mixed contents, and build the Quote records."""
    order = sorted(range(len(cands)), key=lambda i: -cands[i].confidence)
    taken: list[tuple[int, int]] = []
    keep: list[_Cand] = []
    for i in order:
        c = cands[i]
        s, e = c.parts[0][0], c.parts[-1][1]
        clash = False
        for a, b in taken:
            ov = min(b, e) - max(a, s)
            if ov > 0 and (ov >= 0.5 * (e - s) or ov >= 0.5 * (b - a)):
                clash = True
                break
        if clash:
            continue
        taken.append((s, e))
        keep.append(c)
    keep.sort(key=lambda c: c.parts[0][0])
    out: list[Quote] = []
    for g, c in enumerate(keep):
        qtype = c.type
        if qtype == "indirect":
            body = text[c.parts[0][0] : c.parts[-1][1]]
            if any(ch in body for ch in "\"\u201c\u201d"):
                qtype = "mixed"
        cue = Span.of(text, *c.cue) if c.cue else None
        mention = Span.of(text, *c.mention) if c.mention else None
        for a, b in c.parts:
            out.append(Quote(qtype, Span.of(text, a, b), cue, mention, round(c.confidence, 3), c.rule, g))
    return out
