"""Shared ground of all rule families: the lexicon in use, clauses, tokens and candidates.

Scope: ``_CUES`` (the cue lexicon of the current ``extract_quotes`` call), paragraph spans and
``_clauses`` (sentences merged where a quotation crosses their boundary, bounded in length),
the token type ``_Tok`` and tokenizer ``_tokens`` (tokens inside a quotation are ``quoted``),
the candidate attribution ``_Cand`` every rule returns, the small token predicates several
families use (``_modifier``, ``_abbrev``, ``_adjunct``, ``_coordinated_cue`` ...), and the
word lists read by more than one family (time words, adjunct prepositions, addressees ...).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotewire.extract.model import QuoteType, Sentence
from quotewire.extract.quotes.lexicons import CUE_MODIFIERS, CUE_NOUNS, DEFAULT_CUES, DETERMINERS, TOKEN, CueLexicon
from quotewire.extract.quotes.marks import _Mark, _marks_in
from quotewire.extract.segment import ABBREVIATIONS

# The cue lexicon of the current ``extract_quotes`` call. Why a context variable: the rules are
# ~40 small functions deep, and threading a lexicon argument through every one of them would
# bury the grammar under plumbing. ``extract_quotes`` sets it for the length of one call and
# resets it after, so the stage stays a pure function of its arguments, and concurrent calls
# (threads, Dask workers) each see their own value.
_CUES: contextvars.ContextVar[CueLexicon] = contextvars.ContextVar("quotewire_cues", default=DEFAULT_CUES)

# Word lists read by more than one rule family (each family keeps its own lists beside its rules).
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words of a time adjunct around a cue ("said on Monday", "Smith last week said", "later").
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier
    later last this on in at during after before while when late early recently""".split()
)
# Nouns closing a time adjunct after an object ("last week", "on Tuesday", "this month").
TIME_TAIL = WEEKDAYS | frozenset("week month year weekend night morning evening afternoon".split())
# Prepositions opening an adjunct between a cue and its content ("said in a statement that").
ADJUNCT_PREPS = frozenset("of to in on at with for during via through".split())
# First words of a complement that make it an adjunct, not reported content ("said as he left").
NOT_CONTENT = frozenset(
    """as when while after before during at of about on in for with to by afterward afterwards later
    earlier then goodbye hello thanks sorry again from via""".split()
)
# Words opening a clause that follows an object after a comma (", which ...", ", while ...").
CLAUSE_TAILS = frozenset("which who while as and but although though because after before when where".split())
# Words right after a cue form that show it is a noun ("Health worries have dogged ...").
NOUN_SIGNS = frozenset("have has had are is were was will would can could came come show showed".split())
# Addressees of a TELL verb ("told reporters that").
ADDRESSEES = frozenset("reporters journalists him her them me us you audience crowd supporters viewers".split())
# Labels before a colon that introduce no speaker ("Editor's note:", "UPDATE:").
COLON_NOT_SPEAKERS = frozenset(
    """note update updated related photo photos video watch read source sources correction
    disclosure also more why here here's breaking exclusive warning the latest bottom line editor's
    editors q summary background context analysis opinion transcript""".split()
)
# Clauses longer than this (characters) are cut into windows (run-on text, tables).
MAX_CLAUSE_CHARS = 1500


@dataclass(slots=True)
class _Tok:
    """A word or punctuation token: character offsets, text, lower case, inside a quotation or not."""

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
class _Cand:
    """A candidate attribution found by a rule: content parts, cue and mention spans, rule name.

    ``confidence`` orders candidates that overlap (the best one wins in ``extractor._finish``).
    """

    type: QuoteType
    parts: list[tuple[int, int]]
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    confidence: float
    rule: str


def _paragraph_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, from its first sentence's start to its last one's end."""
    spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (min(a, s.start), max(b, s.end))
    return [spans[k] for k in sorted(spans)]


def _attribution_only(sentence: str, verbs: frozenset[str] | set[str]) -> bool:
    """Is ``sentence`` a name with its appositive and a cue with only adjuncts after it ("Michael
    Every, a senior strategist for Rabobank, said in a commentary.")? Such a sentence signs the
    quotation before it."""
    words = sentence.split()
    if len(words) > 18 or not words[0][:1].isupper() or "," not in sentence:
        return False
    for i, w in enumerate(words[:14]):
        if w.strip(".,").lower() in verbs:
            return len(words) - i <= 5 and i >= 2
    return False


def _clauses(text: str, sentences: Sequence[Sentence], marks: list[_Mark]) -> list[tuple[int, int, int]]:
    """Sentences merged where a quotation crosses their boundary: ``(start, end, paragraph)``.

    Also merged: a sentence ending in ``?"``/``!"`` and the short attribution after it
    (``"Why?" Graham asked.``), which the splitter cuts apart.
    """
    lex = _CUES.get()
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
            if (
                pe - ps > 2
                and text[pe - 1] in "\"\u201d'\u2019"
                and text[ps:pe].rstrip("\"\u201d'\u2019")[-1:] in ("?", "!", ".")
                and text[s.start] not in "\"\u201c'\u2018"
                and (text[ps:pe].rstrip("\"\u201d'\u2019")[-1:] != "." or len(text[s.start : s.end].split()) <= 10
                     or _attribution_only(text[s.start : s.end], lex.verbs))
                and not (
                    mi > 0
                    and marks[mi - 1].end >= pe - 1
                    and marks[mi - 1].start > ps
                    and lex.search.search(text, ps, marks[mi - 1].start)
                )
            ):
                # Not when the quote already has a cue before it ('X called Trump "unhinged."').

                # '"...?" Graham asked.' / '"... for good." Smith said.': a short attribution
                # sentence right after a closed quote belongs to it.
                head = text[s.start : min(s.end, s.start + 60)].lower().split()[:6]
                if any(w.strip(".,") in lex.verbs for w in head) or _attribution_only(text[s.start : s.end], lex.verbs):
                    out[-1] = (ps, s.end, pp)
                    continue
        out.append((s.start, s.end, s.paragraph))
    # Bound clause length: a run-on "sentence" (lists, scraped tables) is cut into windows so
    # that per-cue scans stay constant-time.
    bounded: list[tuple[int, int, int]] = []
    for a, b, p in out:
        while b - a > MAX_CLAUSE_CHARS:
            cut = text.rfind(" ", a + MAX_CLAUSE_CHARS // 2, a + MAX_CLAUSE_CHARS)
            cut = cut if cut > a else a + MAX_CLAUSE_CHARS
            bounded.append((a, cut, p))
            a = cut
        bounded.append((a, b, p))
    return bounded


def _tokens(text: str, lo: int, hi: int, marks: list[_Mark]) -> list[_Tok]:
    """The tokens of ``text[lo:hi]``, those inside a paired quotation (``marks``) flagged ``quoted``."""
    # A two-hyphen dash reads as the dash it stands for (rules test for "\u2014").
    toks = [_Tok(m.start(), m.end(), g, g.lower()) if (g := m.group()) != "--" else _Tok(m.start(), m.end(), "\u2014", "\u2014")
            for m in TOKEN.finditer(text, lo, hi)]
    # Marks are sorted and do not overlap: bisect to the first one that may touch [lo, hi).
    ms = _marks_in(marks, lo, hi)
    mi = 0
    for t in toks:
        while mi < len(ms) and ms[mi].end <= t.start:
            mi += 1
        if mi < len(ms) and ms[mi].start <= t.start and t.end <= ms[mi].end:
            t.quoted = True
    return toks


def _cue_word(tok: _Tok) -> str:
    """The token as the lexicon spells it: lower case, curly apostrophe straightened ("Trump\u2019s")."""
    return tok.low.replace("\u2019", "'")


_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z]{1,9}$")


def _abbrev_before(toks: list[_Tok], k: int) -> bool:
    """True when the period token ``k`` closes an initial or abbreviation ("W.", "Jr.")."""
    prev = toks[k - 1]
    if prev.end != toks[k].start:
        return False
    if len(prev.text) == 1 or prev.low in ABBREVIATIONS:
        return True
    if k + 1 < len(toks) and toks[k + 1].text == "," and prev.cap and len(prev.text) <= 5:
        return True  # "of Springfield, Va., said": a period before a comma ends no sentence
    # "D-Mich.," / "R-Texas.,": a party-state label; a comma right after shows the sentence goes on.
    return _PARTY_STATE.match(prev.text) is not None and k + 1 < len(toks) and toks[k + 1].text == ","


def _abbrev(toks: list[_Tok], k: int) -> bool:
    """True when the period token ``k`` does not end a sentence ("Mr.", "G.K.", "(D-Md.)")."""
    if k + 1 < len(toks) and not (toks[k + 1].start > toks[k].end and (toks[k + 1].cap or toks[k + 1].quoted)):
        return True
    return (
        k > 0 and (len(toks[k - 1].text) == 1 or toks[k - 1].low in ABBREVIATIONS) and toks[k - 1].end == toks[k].start
    )


# Modifiers that are also names when capitalised.
NAME_LIKE_MODIFIERS = frozenset("may will long".split())


def _modifier(t: _Tok) -> bool:
    """A word between subject and cue ("also", "has", "did not"), contractions included ("didn't")."""
    if t.cap and t.low in NAME_LIKE_MODIFIERS:
        return False  # "Elizabeth May said", "Will said": a capitalised "May" or "Will" is a name
    return t.low in CUE_MODIFIERS or t.low.endswith(("n't", "n\u2019t"))


def _adverb(t: _Tok) -> bool:
    """A lower-case -ly adverb between subject and cue ("the state incorrectly stated")."""
    return not t.cap and len(t.low) > 4 and t.low.endswith("ly") and t.low not in ("family", "ally", "italy")


def _determiner(t: _Tok) -> bool:
    """A determiner, or a capitalised possessive acting as one ("Connecticut's tax commissioner")."""
    return t.low in DETERMINERS or (t.cap and t.low.endswith(("'s", "\u2019s")))


def _adjunct(t: _Tok) -> bool:
    """A token that may sit between a cue and its quote ("says of Clinton,", "told CNN on Monday:")."""
    return t.cap or t.low in CUE_NOUNS or t.low in TIME_WORDS or t.low in DETERMINERS or t.low in ADJUNCT_PREPS


def _past_modifiers(toks: list[_Tok], j: int, n: int) -> int:
    """Index of the first token from ``j`` on that is no modifier ("also", "then", "didn't")."""
    while j < n and (_modifier(toks[j]) or toks[j].low == "then"):
        j += 1
    return j


def _coordinated_cue(toks: list[_Tok], j: int, n: int) -> bool:
    """A lower-case cue verb at ``toks[j]``, after modifiers ("and then said", "but also warned")."""
    j = _past_modifiers(toks, j, n)
    return j < n and not toks[j].cap and toks[j].low in _CUES.get().verbs


def _title_case(toks: list[_Tok]) -> bool:
    """A Title Case line is a headline: its cue verbs are capitalised ("Trump Says His ...")."""
    words = [t for t in toks if t.word and t.text[:1].isalpha()]
    return len(words) >= 4 and sum(t.cap for t in words) >= 0.7 * len(words)
