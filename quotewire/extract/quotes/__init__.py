"""Quote extraction (direct, indirect, mixed) with cue and speaker mention spans.

Scope: English news prose, one paragraph per line. Rule-based and linear in the text length
(marks are paired in one scan per paragraph, clauses are cut into bounded windows, every rule
looks a bounded number of tokens around a cue). Each quote carries its ``rule`` name:

* direct quotes, text between paired quotation marks (straight, curly double, curly single as
  the Daily Mail uses them, NYT-style doubled apostrophes), attributed by a cue right after the
  closing mark (``direct_postposed`` ``"...," he said``, ``direct_postposed_inverted`` ``"..."
  said Smith``, ``direct_dash_signature`` ``"..." - Name``) or right before the opening one
  (``direct_preposed`` ``X tweeted: "..."``, ``direct_preposed_inverted`` ``Said X: "..."``,
  ``name_colon`` ``Clinton: "..."``); parts split by the attribution (``"A," he said, "B."``)
  share cue, mention and group; a paragraph ending in ``X said:`` or a bare ``X tweeted on
  Wednesday.`` introduces the next quote paragraph (``colon_previous_paragraph``,
  ``intro_previous_paragraph``, ``colon_block`` for an unquoted block); a quote spanning
  paragraphs (open mark on each, close at the end) is one part;
* floating quotes: a quote paragraph without a cue right after an attributed quote (or after a
  paragraph whose last attribution names a speaker) continues that speaker
  (``floating_continuation``: no cue, the previous quote's mention);
* indirect quotes: ``X said (that) ...`` (``say_that``, ``say_clause``), ``X told reporters ...``
  (``tell_clause``), ``X accused Y of ...`` (``accuse_object``), ``..., X said.`` (``postposed``),
  ``..., said X.`` (``postposed_inverted``), ``A, X said, B`` (``parenthetical``), ``according to
  X, ...`` / ``..., according to X`` (``according_to``), ``..., adding that ...`` (``participle``),
  ``X said A and called B`` (``coordinated``), ``Y was rejected by X`` (``passive_by``), ``X's
  claim that ...`` / ``his criticism of ...`` (``claim_noun``), headlines ``Name: ...``,
  ``the fees, which officials said will rise`` (``relative_said``, two parts), ``X suggested A,
  called B "..." and left`` (``coordinated_list``), ``Asked whether ..., X said`` (``asked_question``,
  no source), ``X made clear that ...``;
* quotes after a clause ending in a colon with any verb (``colon_intro``: ``The captain
  retorted: "..."``) and after an unlisted past-tense verb (``"Go home," Smith barked``);
* mixed quotes: an indirect content holding a quoted fragment (``X said the plan was "dead."``);
  a forward content ends after a quotation closing on a comma when a writer's add-on follows
  (``X referenced the "Delta rule," a flaw in ...``);
* recall fallback (``fallback_mixed``, low confidence) for a quotation no other rule of its clause
  covers: the phrase after the nearest listed cue verb or unlisted past tense (not a belief verb,
  not a noun after a determiner) with its subject (``X warned of the "hidden costs" that ...``),
  a quote closing on a comma before a short subject and verb (``"...," an angry X retorted``), or
  a mid-sentence ``Name: "..."``.

Not extracted: scare quotes and titles (short quoted phrases without a cue, Title Case phrases),
unbalanced marks (an open mark without its close is dropped, never extended past its paragraph
run), quotes without any nearby cue, beliefs ("X thinks that ..."), nested attributions inside
another attribution's content (the outer one wins).

Content spans include the quotation marks (the PolNeAR gold convention); indirect contents run
from the complementiser ("that ...") to the end of the clause or the next coordinated cue,
without the final period. Confidences are the rules' precision on PolNeAR train
(``training/calibrate_rules.py``), blended with the cue word's train cue rate for indirect quotes.
"""

from __future__ import annotations

import bisect
import contextvars
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quotewire.extract.model import Quote, QuoteType, Sentence, Span
from quotewire.extract.quotes.lexicons import (
    CLOSE_DOUBLE,
    CLOSE_SINGLE,
    CUE_MODIFIERS,
    CUE_NOUNS,
    CUE_RATE,
    DEFAULT_CUES,
    DETERMINERS,
    NP_STOP,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    PHRASAL_CUES,
    QUOTE_CHARS,
    SPEAKER_NOUNS,
    SUBJECT_PRONOUNS,
    TITLES,
    TOKEN,
    CueLexicon,
)
from quotewire.extract.segment import ABBREVIATIONS

log = logging.getLogger(__name__)

# The cue lexicon of the current ``extract_quotes`` call. Why a context variable: the rules are
# ~40 small functions deep, and threading a lexicon argument through every one of them would
# bury the grammar under plumbing. ``extract_quotes`` sets it for the length of one call and
# resets it after, so the stage stays a pure function of its arguments, and concurrent calls
# (threads, Dask workers) each see their own value.
_CUES: contextvars.ContextVar[CueLexicon] = contextvars.ContextVar("quotewire_cues", default=DEFAULT_CUES)

# Share of each rule's predictions that match a gold attribution on PolNeAR train (content at
# 30% overlap), measured by training/calibrate_rules.py (rules with 20+ predictions re-measured
# in the third session); a quote's confidence starts from it.
RULE_PRECISION: dict[str, float] = {
    "accuse_object": 0.65,
    "as_parenthetical": 0.89,
    "say_no_subject": 0.77,
    "from_colon": 0.8,
    "say_clause": 0.80,
    "direct_postposed": 0.97,
    "say_that": 0.94,
    "direct_postposed_inverted": 0.96,
    "participle": 0.81,
    "direct_preposed": 0.95,
    "direct_preposed_inverted": 0.91,
    "direct_dash_signature": 0.95,
    "coordinated": 0.72,
    "according_to": 0.89,
    "tell_clause": 0.88,
    "postposed": 0.74,
    "parenthetical": 0.94,
    "postposed_inverted": 0.91,
    "name_colon": 0.66,
    "floating_continuation": 0.61,
    "orphan_quote": 0.58,
    "claim_noun": 0.61,
    "passive_by": 0.35,
    "colon_block": 0.62,
    "colon_previous_paragraph": 0.62,
    "intro_previous_paragraph": 0.6,
    "relative_said": 0.74,
    "colon_intro": 1.00,
    "coordinated_list": 0.72,
    "asked_question": 0.82,
    "fallback_mixed": 0.70,
}
# Endings of the text before a second attribution that make it coordinate, not nested.
COORDINATORS = (
    ",",
    ";",
    " and",
    " but",
    " or",
    " though",
    " although",
    " while",
    " even",
    "\u2014",
    " -",
    "and",
    "but",
)
# Nouns reporting a stance with a prepositional complement ("his criticism of", "her support for").
NOUN_CUES = frozenset(
    """criticism criticisms attack attacks support opposition comments comment remarks questions
    concerns concern endorsement call calls push proposal proposals promise pledge vow warning
    warnings response defense defence praise claim claims statement statements view views position
    stance doubts skepticism characterization description assessment reference references mention
    decision complaints complaint rejection embrace demand demands""".split()
)
NOUN_CUE_PREPS = frozenset("of for on about against to over".split())
# Words opening a clause that follows an object after a comma (", which ...", ", while ...").
CLAUSE_TAILS = frozenset("which who while as and but although though because after before when where".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Relations that introduce a name in apposition ("Her mother, Fatemah, ...").
KIN_WORDS = frozenset(
    """mother father wife husband son daughter brother sister friend cousin uncle aunt grandmother
    grandfather partner boss colleague niece nephew widow fiancee girlfriend boyfriend""".split()
)
# Words that end a speaker phrase after an inverted cue ("said Smith while ...").
NP_AFTER_STOP = frozenset(
    """that who which and in on to when because as while after before during since if although though
    but with from about""".split()
)
# Clauses longer than this (characters) are cut into windows (run-on text, tables).
MAX_CLAUSE_CHARS = 1500
# Recall fallback for unattributed quoted fragments: how far back a cue verb may stand, the
# prepositions between a verb and its object ("warned of"), verbs that do not report speech.
FALLBACK_WINDOW = 20
# Words opening a writer's add-on after a quoted characterisation closing on a comma.
# Finite verbs completed by an -ing cue whose subject speaks ("avoids condemning", "kept calling").
CATENATIVE_VERBS = frozenset(
    """avoids avoided avoid keeps kept keep continues continued continue began begins begin started
    starts stopped stops quit resumed resumes risked risks""".split()
)
DASHES = ("\u2015", "\u2014", "\u2013", " -")
# A transcript turn in a quoted transcript: a mark, an upper-case speaker and a colon.
TRANSCRIPT_TURN = re.compile("[\"\u201c](?=[A-Z][A-Z.'\\- ]{1,40}: )")
# Verbs that lead on to a colon-introduced quotation ("The email goes on to say:").
COLON_GO_VERBS = frozenset("goes went continues concludes ends begins opens reads".split())
# Words after a closing quotation mark that open the writer's clause ('"excited" as he faces').
# ("because" stays: the speaker's reason is part of the report, 'said it is "the best" because ...'.)
QUOTE_END_SUBORDINATORS = frozenset("as before after until while whereas although though when".split()) | WEEKDAYS
ADDON_OPENERS = frozenset("which who whom whose a an the".split())
CLOSE_MARKS = frozenset("\"\u201d\u2019'\u00bb")
FALLBACK_COLON_WORDS = 4
FALLBACK_PREPS = frozenset("of about to for on against with".split())
# Verb-particle pairs that take an object characterised with "as" ("went after Trump as a "con"").
AS_PARTICLES = frozenset("after at on against off out up down".split())
# Lower-case words ending like a verb form that are not verbs (before "OBJECT as "..."").
AS_OBJECT_PRONOUNS = frozenset("him her them it himself herself themselves itself me us".split())
AS_NOT_VERBS = frozenset(
    """is was has does this his its us plus thus as less unless bus gas yes news various previous
    serious famous obvious nervous numerous enormous was being during nothing something anything
    everything thing things king morning evening bring ring string""".split()
)
# Mental-state verbs: a belief is no quotation ('Burton believed that cats are "cuties"').
BELIEF_VERBS = frozenset(
    """believed assumed figured imagined supposed guessed realized realised considered presumed
    suspected wished liked loved hated preferred wanted needed seemed appeared""".split()
)
FALLBACK_NOT_CUES = frozenset("seemed seems appeared appears expected wants want wanted plans decided".split())
# Quotes longer than this many paragraphs are not followed further (unbalanced marks).
MAX_QUOTE_PARAGRAPHS = 8
# Quoted phrases with fewer words than this and no adjacent cue are scare quotes or titles.
MIN_FLOATING_WORDS = 6
# Words an unattributed quotation needs to be kept as a quote of unknown cue (see _orphans).
ORPHAN_MIN_WORDS = 3
# Below this many words an unattributed quotation must also look like speech (_utterance_like).
ORPHAN_PHRASE_WORDS = 8
# How far (tokens) a cue may sit from a closing mark ("..., Smith, the mayor, said on Monday").
MAX_POSTPOSED = 30
NOT_CONTENT = frozenset(
    """as when while after before during at of about on in for with to by afterward afterwards later
    earlier then goodbye hello thanks sorry again from via""".split()
)
# Endings of common nouns that can head a speaker phrase ("the announcer", "the businessman").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "men", "ee", "s", "ive", "ess")
# Words right after a cue form that show it is a noun ("Health worries have dogged ...").
NOUN_SIGNS = frozenset("have has had are is were was will would can could came come show showed".split())
# Impression verbs: "X seemed to ...", "X is expected to ..." attribute no speech to X.
SOURCELESS_VERBS = frozenset("seemed seems appeared appears expected".split())
# Cue verbs whose content may be an infinitive ("agreed to lend", "vowed to fight").
INFINITIVE_VERBS = frozenset(
    """agreed agrees pledged pledges promised promises promising vowed vows vowing hoped hopes hoping
    threatened refused refuses declined planned plans expected wanted wants sought seeks urged asked
    continued decided offered""".split()
)
# Addressees of a TELL verb ("told reporters that").
ADDRESSEES = frozenset("reporters journalists him her them me us you audience crowd supporters viewers".split())
# Double quotation marks (apostrophes in a gap do not start or end quotes).
DOUBLE_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb]')
# Capitalised words that look like cue verbs but are names in headlines ("United States").
HEADLINE_NOT_CUES = frozenset("states reports post posts times news".split())
# Words after which a cue-verb form is a noun ("the show", "his claims", "a report").
NOUN_DETERMINERS = frozenset("a an the its their our my your his".split())
# Labels before a colon that introduce no speaker ("Editor's note:", "UPDATE:").
COLON_NOT_SPEAKERS = frozenset(
    """note update updated related photo photos video watch read source sources correction
    disclosure also more why here here's breaking exclusive warning the latest bottom line editor's
    editors q summary background context analysis opinion transcript""".split()
)
# Words that make a clause-initial phrase more than a noun phrase (verbs, subordinators).
CLAUSE_WORDS = frozenset(
    """that which who whom whose because when while if after before since though although is was
    were are be been has have had will would can could should may might must do does did not there
    it this these those he she they we i you""".split()
)
# Past-tense verbs after a quote that report no speaking ('"Yes," Smith nodded' is fine, but
# '"...," he wanted ...' / '"...," it appeared' attribute nothing).
NOT_SPEECH = frozenset(
    """wanted needed appeared seemed happened used tried started seemed ended looked turned walked
    moved learned noted""".split()
)
QUESTION_WORDS = frozenset("if whether about what why how who whom when where which".split())
# Heads and modifiers of counted groups of respondents ("more than six in 10", "another").
QUANTITY_HEADS = frozenset("another others half one two three four five six seven eight nine ten most many".split())
QUANTITY_WORDS = frozenset("more than less fewer in of about nearly almost only some over under just roughly".split())
# Sentence adverbs that open an introductory phrase ("In addition, according to X, ...").
INTRO_ADVERBS = frozenset("however meanwhile still but and also now yet instead moreover furthermore indeed overall".split())
# Words that end a noun-phrase object of an action cue ("backing Clinton because ...").
OBJECT_ENDS = frozenset("because while although though since whereas unless".split())
# Prepositions opening a sentence-initial adjunct ("At the rally on Monday, ...").
LEADING_PREPS = frozenset("at in on during after before later earlier from with".split())
# Prepositions completing a cue verb ("called for", "talked about", "referred to", "railed against").
CUE_PARTICLES = frozenset("for about to of on against with".split())
# Finite verbs and auxiliaries: a reported clause holds one ("that the system is rigged").
FINITE_VERBS = frozenset(
    """is are was were has have had will would can could should must may might did does do
    isn't aren't wasn't weren't won't wouldn't can't couldn't didn't doesn't don't
    isn’t aren’t wasn’t weren’t won’t wouldn’t can’t couldn’t didn’t doesn’t don’t
    he's she's it's they're we're he’s she’s it’s they’re we’re""".split()
)
# Capitalised words that open a sentence without being a name ("Despite", "After", "While").
OPENING_FUNCTION_WORDS = frozenset(
    """despite after before while when although though since because if as with without by in on at
    for from during upon instead unlike like amid among""".split()
)
# Media a source issues ("released a statement saying", "sent an email arguing").
ISSUED_MEDIA = frozenset("statement statements email emails letter release memo tweet post video ad ads message".split())
# Words right before a speech verb that has no subject of its own ("to say", "by saying").
SAY_FRAMES = frozenset("to by while after before when in from without".split())
# Words opening a subordinate clause before the main clause ("While X condemned Y, ...").
SUBORDINATORS = frozenset("while when although though as after before since because if once whereas".split())
# Nouns closing a time adjunct after an object ("last week", "on Tuesday", "this month").
TIME_TAIL = WEEKDAYS | frozenset("week month year weekend night morning evening afternoon".split())
ADJUNCT_PREPS = frozenset("of to in on at with for during via through".split())
# Plural endings of nouns for people ("specialists", "strategists", "researchers", "historians").
PLURAL_AGENTS = ("ists", "ers", "ors", "ians", "ants", "ents")
# Words opening an adjunct between a speech verb and its that-clause ("said after a lunch that").
ADJUNCT_OPENERS = frozenset("after before during at in on following while since from".split())
# Verbs whose object is the utterance itself ("the crowd chanted "USA! USA!" as he spoke"): the
# quotation is the whole content even when the clause goes on after it.
UTTER_VERBS = frozenset(
    """chanted chant chants chanting yelled yell yells yelling shouted shout shouts shouting screamed
    scream screams screaming mouthed mouthing whispered whispering muttered muttering hollered
    sang sing sings singing cried crying""".split()
)
# A cue and its preposed quote may be separated by this many tokens of adjuncts ("said on Twitter
# on Monday, in reference to her first child, "...""); beyond it the quote is another clause's.
MAX_PREPOSED_GAP = 16
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


def _tokens(text: str, lo: int, hi: int, marks: list[_Mark]) -> list[_Tok]:
    toks = [_Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN.finditer(text, lo, hi)]
    # Marks are sorted and do not overlap: bisect to the first one that may touch [lo, hi).
    ms = _marks_in(marks, lo, hi)
    mi = 0
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
    lex = _CUES.get()
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
    if t.text == "." and b - 2 > lo and toks[b - 2].cap and _abbrev_before(toks, b - 1):
        # "James B. Comey Jr., the director, said": a name ending in an abbreviation.
        r = _np_back(toks, b - 1, lo)
        return r if r is not None and toks[r[1] - 1].cap else None
    if t.quoted or not t.word:
        return None
    if t.low in SUBJECT_PRONOUNS or (t.low in ("who", "which") and b - 1 > lo):
        # A relative pronoun after a comma ("the EU, which contended ...") is resolved later.
        return (b - 1, b)
    if t.text[:1].isdigit() or t.low in QUANTITY_HEADS:
        # "43 said", "More than six in 10 said", "another says": a counted group speaks.
        a = b - 1
        while a > lo and b - a < 7 and (
            toks[a - 1].text[:1].isdigit() or toks[a - 1].low in QUANTITY_WORDS or toks[a - 1].low in QUANTITY_HEADS
        ):
            a -= 1
        if t.low in QUANTITY_HEADS and a == b - 1 and t.low not in ("another", "others"):
            return None  # a bare "one" / "most" / "many" is too vague without a number
        return (a, b)
    if t.low in NP_STOP or t.low in lex.verbs or t.low in DETERMINERS:
        return None
    a = b
    head_ok = t.cap or t.low in SPEAKER_NOUNS or t.low.endswith(("'s", "\u2019s"))
    if not head_ok:
        # A common noun phrase needs its determiner within a few words ("the New York businessman").
        k = b - 1
        while (
            k > lo
            and b - k < 5
            and toks[k - 1].word
            and toks[k - 1].low not in NP_STOP
            and not _determiner(toks[k - 1])
        ):
            k -= 1
        if not (k > lo and _determiner(toks[k - 1]) and toks[k - 1].low not in ("its",)):
            if (
                t.low.endswith("s")
                and len(t.low) > 4
                and k < b - 1
                and toks[k].cap
                and (k == lo or toks[k - 1].text in ",;:")
                and all(u.word and (u.cap or u.low.endswith(("al", "an", "ic", "ive", "ous"))) for u in toks[k : b - 1])
            ):
                # "In addition, Republican opponents have said": a plural group named by its
                # capitalised modifier opens the clause without a determiner.
                return (k, b)
            if (
                t.low.endswith(PLURAL_AGENTS)
                and b - k <= 3
                and (k == lo or toks[k - 1].text in ",;:" or toks[k - 1].low in ("but", "and", "while", "yet", "so"))
                and all(u.word and not u.cap and u.low not in lex.verbs for u in toks[k : b - 1])
            ):
                # "..., but security specialists say ...", "..., strategists said, ...": a bare
                # plural of people opening its clause.
                return (k, b)
            return None
        if toks[k - 1].low not in DETERMINERS and not t.low.endswith(AGENT_SUFFIXES):
            # "Clinton's tax plans": the head must look like an agent ("businessman", "letter").
            return None
        if k - 2 >= lo and toks[k - 2].low in ("on", "in", "at", "of", "for", "from", "with"):
            # "activists on the ground accused": the phrase is a modifier; the head comes before.
            # The head alone is the mention ("Trump at the time said" -> "Trump").
            return _np_back(toks, k - 2, lo)
        return (k - 1, b)
    while a > lo and b - a < 8:
        u = toks[a - 1]
        if u.quoted or not (u.word or u.text in "&-."):
            break
        if (
            len(u.text) > 2
            and u.text.isupper()
            and a - 2 >= lo
            and len(toks[a - 2].text) > 2
            and toks[a - 2].text.isupper()
        ):
            break  # an all-caps headline before the name ("... ISTANBUL EXPLOSION Turkish President ...")
        if u.low in DETERMINERS:
            if u.low == "the" and a - 2 > lo and toks[a - 2].low in ("of", "for", "at", "from") and toks[a - 3].cap:
                # "Mr. Morgan of the Sierra Club": the phrase goes on before "of the".
                a -= 2
                continue
            a -= 1
            break
        if u.low in ("of", "for", "at") and a - 1 > lo and toks[a - 2].word and a < b:
            a -= 1
            continue
        if u.low == "and" and a - 1 > lo and a < b and (toks[a - 2].cap or toks[a - 2].low in SPEAKER_NOUNS):
            # "Turkish officials and activists", "Obama and Clinton": a coordinated subject.
            a -= 1
            continue
        if u.low in NP_STOP or u.low in lex.verbs or u.low in SUBJECT_PRONOUNS:
            break
        if (
            u.word
            and not u.cap
            and toks[a].cap
            and u.low not in SPEAKER_NOUNS
            and u.low not in TITLES
            and not u.low.endswith("-based")
        ):
            # A lower-case word before a name is usually a verb or an adjective of the clause.
            break
        a -= 1
    while a < b and toks[a].low in ("of", "for", "at", "&", "-", "."):
        a += 1
    # A sentence-initial capitalised function word ("But", "However") is not part of the name,
    # nor is an opening preposition ("Despite challenging ...": the speaker comes later).
    while a < b - 1 and toks[a].low in ("but", "however", "and", "so", "yet", "meanwhile", "still"):
        a += 1
    if b - a == 1 and toks[a].low in OPENING_FUNCTION_WORDS:
        return None
    if (
        a - 2 > lo
        and toks[a - 1].low in ("to", "with")
        and toks[a - 2].low in ("close", "familiar", "loyal", "allied", "connected", "closest")
    ):
        # "people close to Clinton say", "sources familiar with the talks said": the head
        # before the adjective is the speaker.
        head = _np_back(toks, a - 2, lo)
        if head is not None:
            return (head[0], b)
    return (a, b) if a < b else None


def _modifier(t: _Tok) -> bool:
    """A word between subject and cue ("also", "has", "did not"), contractions included ("didn't")."""
    return t.low in CUE_MODIFIERS or t.low.endswith(("n't", "n\u2019t"))


def _adverb(t: _Tok) -> bool:
    """A lower-case -ly adverb between subject and cue ("the state incorrectly stated")."""
    return not t.cap and len(t.low) > 4 and t.low.endswith("ly") and t.low not in ("family", "ally", "italy")


def _determiner(t: _Tok) -> bool:
    """A determiner, or a capitalised possessive acting as one ("Connecticut's tax commissioner")."""
    return t.low in DETERMINERS or (t.cap and t.low.endswith(("'s", "\u2019s")))


def _opening_subject(toks: list[_Tok], c: int) -> tuple[int, int] | None:
    """Character span of the name or pronoun opening the clause (after an introductory phrase)."""
    a = 0
    # Skip an introductory phrase ending in a comma ("On Thursday, Trump ...").
    for k in range(min(c - 1, 8)):
        if toks[k].text == "," and not toks[k].quoted:
            a = k + 1
            break
    while a < c and toks[a].low in ("but", "and", "however", "meanwhile", "still", "yet", "so", "then"):
        a += 1
    if a >= c or toks[a].quoted:
        return None
    if toks[a].low in SUBJECT_PRONOUNS:
        return (toks[a].start, toks[a].end)
    if toks[a].low in DETERMINERS and a + 1 < c and not toks[a + 1].cap:
        # "The town mayor, calling the vote a farce, ...": a determiner phrase up to the comma.
        e = a + 1
        while e < c and e - a < 6 and toks[e].word and not toks[e].quoted and toks[e].low not in NP_STOP:
            e += 1
        if e < c and e > a + 1 and toks[e].text in ",\u2014":
            return (toks[a].start, toks[e - 1].end)
    b = a
    while b < c and (toks[b].cap or toks[b].text == ".") and not toks[b].quoted:
        b += 1
    if b == a or toks[b - 1].text == ".":
        return None
    return (toks[a].start, toks[b - 1].end)


def _clause_subject(toks: list[_Tok], c: int, lo: int) -> tuple[int, int] | None:
    """Fallback subject: the whole clause-initial phrase before a nearby cue.

    "Experts on North Korea and nuclear nonproliferation said ...": when the phrase from the
    clause start to the cue is short and holds no punctuation, quote or clause word, it is the
    subject even though no single head word was recognised.
    """
    lex = _CUES.get()
    a = lo
    while a < c and toks[a].low in ("but", "and", "however", "meanwhile", "still", "yet", "so", "now"):
        a += 1
    b = c
    while b > a and _modifier(toks[b - 1]):
        b -= 1
    if not 2 <= b - a <= 9:
        return None
    for t in toks[a:b]:
        if t.quoted or not t.word or t.low in CLAUSE_WORDS or t.low in lex.verbs:
            return None
    head = toks[b - 1]
    if not (head.cap or head.low in SPEAKER_NOUNS or head.low.endswith("s")) and not (
        # "A person familiar with the plans for Monday's meeting says": a speaker noun leads.
        toks[a].low in DETERMINERS and (toks[a + 1].low in SPEAKER_NOUNS or toks[a + 1].low in ("person", "man", "woman"))
    ):
        return None
    return (a, b)


def _subject_before(toks: list[_Tok], c: int, lo: int) -> tuple[int, int] | None:
    """Subject of the cue at token ``c``: skip modifiers, then an appositive between commas."""
    b = c
    while True:
        while b > lo and (_modifier(toks[b - 1]) or _adverb(toks[b - 1])):
            b -= 1
        # "Erdogan on Wednesday accused", "Smith last week said": skip a time adjunct.
        if (
            b - 2 >= lo
            and toks[b - 1].low in TIME_WORDS
            and toks[b - 2].low in ("on", "last", "this", "earlier", "late")
        ):
            b -= 2
            continue
        if b - 1 > lo and (
            toks[b - 1].low in ("today", "yesterday", "tonight", "earlier")
            or (toks[b - 1].low in WEEKDAYS and not toks[b - 2].cap)
        ):
            b -= 1  # "A news report published Wednesday said"
            continue
        break
    # 'Humphrey, who calls Trump a "sociopath," said': the appositive closes on a quotation's
    # comma; the quotation inside it is the appositive's own.
    quoted_close = (
        b - 2 > lo and toks[b - 1].quoted and not toks[b - 1].word and toks[b - 2].text == "," and toks[b - 2].quoted
    )
    if quoted_close:
        b -= 1
    if b > lo and toks[b - 1].text in ",\u2014":
        # "Kareem, who has worked with CNN in the past, said": the name before the first comma
        # (or dash: "Kagan \u2014 who led the surge \u2014 supports ...").
        sep = toks[b - 1].text
        k = b - 2
        while (
            k > lo
            and (toks[k].text != sep or (quoted_close and toks[k].quoted))
            and b - k < 30
            and (quoted_close or not toks[k].quoted)
            and (toks[k].text not in ".;:" or (toks[k].text == "." and _abbrev_before(toks, k)))
        ):
            k -= 1
        if k >= lo and toks[k].text == sep and k < b - 2:
            np = _np_back(toks, k, lo)
            chunk = toks[k + 1 : b - 1]
            if (
                k > lo
                and toks[k - 1].word
                and not toks[k - 1].cap
                and (toks[k - 1].low in SPEAKER_NOUNS or toks[k - 1].low in TITLES or toks[k - 1].low in KIN_WORDS)
                and 1 <= len(chunk) <= 4
                and all(t.cap for t in chunk if t.word)
            ):
                # "Her mother, Fatemah, tweeted": the name is the appositive.
                return (k + 1, b - 1)
            # "Donna Rawlings, 59, of Ashton, Md., who watched ..., said": a chain of appositives;
            # the name opens the chain, a few commas further back.
            hops = 0
            while hops < 3 and np is not None and not _person_like(toks, np, lo):
                # Step back to the previous comma ("Cory James, 22, of Flint, Mich., said").
                k2 = np[0] - 1
                while k2 > lo and np[0] - k2 < 5 and toks[k2].text != ",":
                    k2 -= 1
                if k2 <= lo or toks[k2].text != ",":
                    break
                np = _np_back(toks, k2, lo)
                hops += 1
            if np and (toks[np[1] - 1].cap or toks[np[1] - 1].low in SUBJECT_PRONOUNS):
                return np
            if np and chunk and chunk[0].low in ("which", "who", "whose") and toks[np[0]].low in DETERMINERS:
                # "The complaint, which was filed in court, alleged": a determiner phrase with a
                # relative clause between commas.
                return np
        return _appositive_head(toks, b - 1, lo)
    return _np_back(toks, b, lo)


def _appositive_head(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """Subject before a chain of appositives ending at the comma ``b`` before a cue.

    "Marley Anderson, 21, a junior from Las Vegas, said": the chunks between commas are tried
    from the clause start on; the first one that is a whole name (or pronoun) heads the chain.
    """
    commas = [b]
    k = b - 1
    while k >= lo and b - k < 40 and len(commas) < 5:
        t = toks[k]
        if t.quoted or t.text in ";:!?" or (t.text == "." and not _abbrev_before(toks, k)):
            break
        if t.text == ",":
            commas.append(k)
        k -= 1
    first = k + 1
    if first > lo and toks[first - 1].text not in ",;:.!?":
        return None  # the chain does not start at a clause boundary
    commas.reverse()
    start = first
    for c in commas:
        while start < c and toks[start].low in ("but", "and", "however", "meanwhile", "yet", "so"):
            start += 1
        np = _np_back(toks, c, lo) if c > start else None
        if np is not None and np[0] == start and c > start:
            head = toks[np[1] - 1]
            if (head.cap or head.low in SPEAKER_NOUNS or head.low in SUBJECT_PRONOUNS) and (
                head.low not in TIME_WORDS and head.low not in WEEKDAYS
            ):
                return np
        start = c + 1
    return None


def _person_like(toks: list[_Tok], np: tuple[int, int], lo: int) -> bool:
    """A subject candidate that can stand alone: a pronoun, a multi-word name, or a clause opener."""
    a, b = np
    return toks[b - 1].low in SUBJECT_PRONOUNS or b - a >= 2 or a == lo


def _np_after(toks: list[_Tok], a: int, hi: int) -> tuple[int, int] | None:
    """Speaker after an inverted cue (", said Smith", "according to the UN")."""
    lex = _CUES.get()
    if a >= hi or toks[a].quoted:
        return None
    if toks[a].low in SUBJECT_PRONOUNS:
        return (a, a + 1)
    b = a
    while b < hi and b - a < 10:
        u = toks[b]
        if u.quoted or not (u.word or u.text in "&-.'\u2019"):
            break
        if u.low in NP_AFTER_STOP or (u.low in lex.verbs and not u.cap):
            break
        if b > a and u.word and not u.cap and toks[b - 1].cap and u.low not in ("of", "for", "de", "van", "von", "at"):
            break  # "said Locke while negotiations ...": a lower-case word after the name ends it
        b += 1
    # A final period ends the sentence unless it closes an initial or abbreviation.
    while (
        b > a + 1 and toks[b - 1].text in ".'\u2019" and not (toks[b - 1].text == "." and _abbrev_before(toks, b - 1))
    ):
        b -= 1
    if b == a:
        return None
    if not any(toks[k].cap or toks[k].low in SPEAKER_NOUNS for k in range(a, b)) and toks[a].low not in DETERMINERS:
        return None  # '..., said the ruling': a determiner phrase is a speaker too
    return (a, b)


def _abbrev_before(toks: list[_Tok], k: int) -> bool:
    """True when the period token ``k`` closes an initial or abbreviation ("W.", "Jr.")."""
    prev = toks[k - 1]
    return (len(prev.text) == 1 or prev.low in ABBREVIATIONS) and prev.end == toks[k].start


def _skip_cue_extension(toks: list[_Tok], c: int, hi: int, verb: str = "") -> int:
    """Index after a cue's adjuncts ("said in a statement on Tuesday", "told reporters")."""
    lex = _CUES.get()
    j = c + 1
    # "said — on Twitter, as it happens — that ...", "said, however, that ...": an aside.
    if j < hi and toks[j].text in "—–" and not toks[j].quoted:
        close = next((x for x in range(j + 1, min(hi, j + 14)) if toks[x].text == toks[j].text), -1)
        if close > j + 1 and close + 1 < hi and toks[close + 1].word and not toks[close + 1].quoted:
            return close + 1
    # "said after a lunch on Tuesday that ...": a prepositional adjunct, then "that" opens the
    # reported clause.
    if j < hi and (verb in lex.say or verb in lex.tell) and toks[j].low in ADJUNCT_OPENERS:
        for x in range(j + 1, min(hi, j + 10)):
            if toks[x].quoted or (not toks[x].word and toks[x].text != ","):
                break
            if toks[x].low == "that":
                return x
    if (
        j + 3 < hi
        and toks[j].text == ","
        and toks[j + 1].low in ("however", "though", "too", "also", "meanwhile", "moreover", "instead")
        and toks[j + 2].text == ","
    ):
        return j + 3
    # "has said for weeks he ...", "said in 2008 that ...", "said on Monday that ...": a short
    # time adjunct right after the cue.
    if j + 1 < hi and toks[j].low in ("for", "in", "on", "during", "since", "over", "last", "this", "earlier"):
        x = j + 1
        if x < hi and toks[x].low in ("the", "a", "several", "many", "recent", "past", "two", "three", "last"):
            x += 1
        if x < hi and (
            toks[x].low in TIME_TAIL
            or toks[x].low in ("weeks", "months", "years", "days", "decades", "times", "interviews")
            or (len(toks[x].text) == 4 and toks[x].text.isdigit())
        ):
            k = x + 1
            if k < hi and toks[k].text == ",":
                k += 1
            if k < hi and toks[k].word and not toks[k].quoted:
                return k
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
    if j < hi and toks[j].cap and toks[j].low.endswith(("'s", "\u2019s")):
        return j  # "criticized Clinton's email use": a possessive opens the object
    if verb in lex.act and verb not in lex.say and j < hi and toks[j].low not in TIME_WORDS:
        return j  # "endorsed Trump last week": the object comes first, not an adjunct
    k = j
    while k < hi and k - j < 8 and not toks[k].quoted:
        u = toks[k]
        if (
            u.low in TIME_WORDS
            or u.low in DETERMINERS
            or u.low in CUE_NOUNS
            or u.low in ("a", "an", "with", "his", "her", "of", "news", "press", "late", "\u2019s", "'s")
            or u.cap
        ):
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
    lex = _CUES.get()
    end = hi
    while end > c + 1 and not toks[end - 1].quoted and toks[end - 1].text in ".,;:!?)\u2014-":
        end -= 1
    j = c + 1
    # Skip to "that" when it comes within a few tokens ("told reporters on Monday that ...").
    seen_prep = False
    for k in range(c + 1, min(end, c + 10)):
        t = toks[k]
        if t.quoted or t.text in ",;:":
            break
        if t.low == "that":
            j = k
            break
        # Only adjuncts may sit between the cue and "that" ("said in a phone interview that");
        # "says it underscores that" has its content start at "it".
        seen_prep = seen_prep or t.low in ADJUNCT_PREPS
        if not (_adjunct(t) or t.low in ADDRESSEES or (seen_prep and t.word)):
            break
    else:
        k = -1
    if j == c + 1:
        j = _skip_cue_extension(toks, c, end, verb)
        if (
            verb in lex.tell
            and j == c + 1
            and j < end
            and (toks[j].cap or toks[j].low in ("reporters", "him", "her", "them", "me", "us"))
        ):
            # "told reporters X": drop a one-word addressee.
            if toks[j].low in ("reporters", "him", "her", "them", "me", "us", "cnn", "abc", "nbc", "cbs"):
                j += 1
        if verb in lex.tell and j == c + 1 and j < end and toks[j].low not in ("that", "to"):
            # "told voters he is ready", "assured host Chris Cuomo she would": an addressee of up
            # to four words, then a clause opened by a pronoun or "that".
            x = j
            while x < end and x - j < 4 and toks[x].word and not toks[x].quoted and toks[x].low not in ("that", "to"):
                if toks[x].low in SUBJECT_PRONOUNS and x > j:
                    break
                x += 1
            if x > j and x < end and (toks[x].low in SUBJECT_PRONOUNS or toks[x].low == "that"):
                if all(t.cap or t.low in ADDRESSEES or t.low in DETERMINERS or t.low.endswith("s") for t in toks[j:x]):
                    j = x
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
    return (
        k > 0 and (len(toks[k - 1].text) == 1 or toks[k - 1].low in ABBREVIATIONS) and toks[k - 1].end == toks[k].start
    )


def _cue_word(tok: _Tok) -> str:
    return tok.low.replace("\u2019", "'")


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
                and (text[ps:pe].rstrip("\"\u201d'\u2019")[-1:] != "." or len(text[s.start : s.end].split()) <= 10)
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
                if any(w.strip(".,") in lex.verbs for w in head):
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


def extract_quotes(text: str, sentences: Sequence[Sentence], cues: CueLexicon | None = None) -> list[Quote]:
    """Find the quotations of one document (cleaned text; offsets into it).

    ``sentences`` come from ``segment.split_sentences``; quotation marks are paired per paragraph
    (line), so an unbalanced mark never reaches past its paragraph run. ``cues`` replaces the
    default reporting-cue lexicon (``lexicons.DEFAULT_CUES.extended(...)`` adds a user's words).
    """
    token = _CUES.set(cues or DEFAULT_CUES)
    try:
        return _extract_quotes(text, sentences)
    finally:
        _CUES.reset(token)


def _extract_quotes(text: str, sentences: Sequence[Sentence]) -> list[Quote]:
    lex = _CUES.get()
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
        if pi != prev_para:
            prev = None
            prev_para = pi
            titles_seen: list[_Mark] = []
        # Most clauses hold neither a cue word nor a quote: skip them before tokenising.
        if (
            not lex.search.search(text, lo, hi)
            and not QUOTE_CHARS.search(text, lo, hi)
            # A paragraph opening "Name: ..." (headline, transcript) may hold neither.
            and not (lo == paras[pi][0] and text.find(":", lo, min(hi, lo + 60)) >= 0)
        ):
            continue
        toks = _tokens(text, lo, hi, marks)
        n = len(toks)
        clause_first = len(cands)
        cl_marks = [m for m in _marks_in(marks, lo, hi) if m.start >= lo]
        tk = 0  # token pointer: marks are visited in order, so the scan stays linear
        # --- direct quotes -------------------------------------------------------------
        for m in cl_marks:
            if _is_title(text, m):
                titles_seen.append(m)
                continue
            while tk < n and toks[tk].start < m.start:
                tk += 1
            first = tk
            while tk < n and toks[tk].start < m.end:
                tk += 1
            after = tk
            got = _direct_after(toks, after, n, text, m) or _direct_before(toks, first, text, m, paras[pi][0], after)
            if got is not None and prev is None and got[2].startswith("direct_postposed") and _reported_lead(text, lo, m):
                # 'DuVernay said she felt ... because "most people don't know," she said.': the
                # quotation completes a clause already reported by an earlier cue, whose mixed
                # quote it is; the indirect rules take the sentence.
                got = None
            if got is not None:
                cue, mention, rule = got
                if prev is not None and prev.cue == cue:
                    prev.parts.append((m.start, m.end))
                else:
                    start = _lead_in(text, lo, m) if rule.startswith("direct_postposed") and prev is None else m.start
                    kind: QuoteType = "direct" if start == m.start else "mixed"
                    prev = _Cand(kind, [(start, m.end)], cue, mention, 0.9, rule)
                    cands.append(prev)
                m.used = True
                used_cues.add(cue[0])
                last_attr[pi] = prev
                continue
            # "A," he said, "B." / "A," he said. "B.": a part after an attributed part.
            if prev is not None and m.words >= 2:
                gap = text[prev.parts[-1][1] : m.start]
                for tm in titles_seen:
                    if prev.parts[-1][1] <= tm.start and tm.end <= m.start:
                        # A title in the gap ('he said on "Meet the Press."') does not end the quote.
                        a0 = tm.start - prev.parts[-1][1]
                        gap = gap[:a0] + " " * (tm.end - tm.start) + gap[a0 + tm.end - tm.start :]
                tail_ok = prev.cue is not None and _attribution_tail(text, max(prev.parts[-1][1], prev.cue[1]), m.start)
                if (
                    len(gap) < 300
                    # '"B" to drive up the stock price, she said.': B's sentence has its own cue.
                    and not _OWN_POSTPOSED.match(text, m.end, hi)
                    and prev.cue is not None
                    and prev.cue[1] <= m.start
                    and (not DOUBLE_MARKS.search(gap) or (tail_ok and _short_marks_only(text, marks, prev, m)))
                    and (tail_ok or not lex.search.search(text, max(prev.parts[-1][1], prev.cue[1]), m.start))
                    # '"You winning?" she said, but Kevin was drifting off ... "how the system is
                    # rigged"': a clause with another subject in between ends the speaker's turn.
                    and not _NEW_SUBJECT.search(text, max(prev.parts[-1][1], prev.cue[1]), m.start)
                ):
                    prev.parts.append((m.start, m.end))
                    m.used = True
                    continue
            # '"A, Schiff said. "B."': a quotation opening the sentence after a postposed indirect
            # attribution in the same paragraph goes on with the same speaker.
            if prev is None and m.start == lo and m.words >= 3 and cands:
                last = cands[-1]
                if (
                    last.cue is not None
                    and last.rule in ("postposed", "postposed_inverted", "parenthetical")
                    and paras[pi][0] <= last.parts[0][0]
                    and last.cue[1] <= m.start
                    and _attribution_tail(text, last.cue[1], m.start)
                ):
                    last.parts.append((m.start, m.end))
                    m.used = True
                    continue
            # A colon-ended previous paragraph introduces this quote paragraph.
            if m.start == paras[pi][0] and pi > 0 and ci > 0:
                intro = _colon_intro(text, paras[pi - 1], marks, any_verb=True)
                if intro is not None and intro[0][0] not in used_cues:
                    cue, mention = intro
                    rule = (
                        "colon_previous_paragraph" if text[paras[pi - 1][1] - 1] == ":" else "intro_previous_paragraph"
                    )
                    c = _Cand("direct", [(m.start, m.end)], cue, mention, 0.8, rule)
                    cands.append(c)
                    m.used = True
                    last_attr[pi] = c
                    prev = c
                    continue
            # A whole quote paragraph right after an attributed quote continues its speaker.
            if m.start == paras[pi][0] and m.words >= MIN_FLOATING_WORDS and (pi - 1 in last_attr):
                # No cue of its own; the mention is the previous quote's (the speaker it continues).
                c = _Cand("direct", [(m.start, m.end)], None, last_attr[pi - 1].mention, 0.55, "floating_continuation")
                cands.append(c)
                m.used = True
                last_attr[pi] = c
                continue
        # --- "Name: content" (headlines, transcripts) -------------------------------------------
        if lo == paras[pi][0]:
            cand = _name_colon(text, toks, paras[pi][1])
            if cand is not None:
                cands.append(cand)
                used_cues.add(cand.cue[0] if cand.cue else -1)
            elif pi > 0 and text[paras[pi - 1][1] - 1] == ":" and not (toks and toks[0].quoted):
                # "Limbaugh added:" closing a paragraph, then an unquoted block: the block is his.
                intro = _colon_intro(text, paras[pi - 1], marks)
                if intro is not None and intro[0][0] not in used_cues:
                    e = paras[pi][1]
                    while e > lo and text[e - 1] in " .":
                        e -= 1
                    if len(text[lo:e].split()) >= 4:
                        cands.append(_Cand("indirect", [(lo, e)], intro[0], intro[1], 0.7, "colon_block"))
                        used_cues.add(intro[0][0])
        # --- indirect and mixed quotes ----------------------------------------------------
        # Only this clause's candidates (appended since clause_first) are looked at: linear overall.
        last_mention = next((c.mention for c in reversed(cands[clause_first:]) if c.cue and lo <= c.cue[0] < hi), None)
        title_case: bool | None = None  # computed on the first capitalised cue word only
        first_new = len(cands)
        for k in range(n):
            t = toks[k]
            if t.quoted or t.start in used_cues:
                continue
            w = _cue_word(t)
            cand = None
            if w == "according" and k + 1 < n and toks[k + 1].low == "to":
                cand = _according(toks, k, n)
            elif w == "asked" and (k == 0 or toks[k - 1].low == "when") and k + 3 < n:
                cand = _asked_question(toks, k, n)
            elif w in ("made", "make", "makes", "making") and k + 2 < n and toks[k + 1].low == "clear":
                # "She made clear that ...": the phrase is the cue, the that-clause the content.
                cand = _indirect(toks, k, n, "said") if toks[k + 2].low == "that" else None
                if cand is not None and cand.parts[0][0] == toks[k + 1].start and len(cand.parts) == 1:
                    cand.cue = (t.start, toks[k + 1].end)
                    cand.parts[0] = (toks[k + 2].start, cand.parts[0][1])
                    cand.rule = "say_that"
                else:
                    cand = None
            elif w in lex.claim_nouns:
                cand = _claim_noun(toks, k, n)
            elif (w in lex.say or (w == "put" and k + 1 < n and toks[k + 1].low == "it")) and not t.cap:
                cand = _as_parenthetical(toks, k, n)
            if (
                cand is None
                and not t.cap
                and w in PHRASAL_CUES
                and k + 1 < n
                and toks[k + 1].low in PHRASAL_CUES[w]
                and (w not in lex.verbs or w in lex.say)
            ):
                # "spoke about the need for ...", "apologized for his remarks": the verb and its
                # preposition report a stance; the object is the content.
                cand = _indirect(toks, k, n, w, object_cue=True)
                if cand is not None and w.endswith("ing") and cand.mention is None:
                    cand.mention = last_mention or _opening_subject(toks, k)
            if cand is not None or w == "according":
                pass
            elif k > 0 and toks[k - 1].low in NOUN_DETERMINERS and w not in lex.claim_nouns:
                # "the TV show", "a report", "his calls": after an article or possessive the word
                # is a noun, not a cue verb. (Demonstratives stay: "This shows that ...".)
                continue
            elif w in lex.verbs and (
                not t.cap
                or (
                    k > 0
                    and toks[k - 1].cap
                    and w not in HEADLINE_NOT_CUES
                    and (pi == 0 or (title_case := _title_case(toks) if title_case is None else title_case))
                )
            ):
                # Cue verbs are lower-case ("the United States" is no cue), except in a
                # Title Case headline ("Lindsey Graham Says Trump Could ...").
                cand = _indirect(toks, k, n, w)
                if cand is not None and (w.endswith("ing") or cand.rule == "say_no_subject") and cand.mention is None:
                    # "..., adding that ...": the participle shares the clause's last speaker, or
                    # else the clause's opening subject ("Trump revised his plan, promising ...").
                    cand.mention = last_mention or _opening_subject(toks, k)
            elif w not in lex.claim_nouns:
                continue
            if cand is not None:
                if cand.mention is None and cand.rule == "coordinated":
                    cand.mention = last_mention or _opening_subject(toks, k)
                    if cand.mention is None:
                        continue
                if cand.mention is None and cand.rule == "coordinated_list":
                    if last_mention is None:
                        continue
                    cand.mention = last_mention
                cands.append(cand)
                last_mention = cand.mention or last_mention
        _cut_at_next_cue(text, cands[first_new:], cands[clause_first:first_new])
        _cut_at_coordinated_cue(toks, cands[first_new:])
        _trim_after_quote(text, toks, cands[first_new:])
        fb = _fallback_mixed(text, toks, cl_marks, cands[clause_first:], last_mention)
        _trim_after_quote(text, toks, fb)
        if fb:
            cands.extend(fb)
        if pi not in last_attr and len(cands) > first_new and cands[-1].mention is not None:
            last_attr[pi] = cands[-1]  # a quote paragraph after "X said ..." may continue X
    _orphans(text, marks, paras, cands)
    return _finish(text, cands, marks)


def _utterance_like(text: str, m: _Mark) -> bool:
    """A quotation shaped like speech: a capitalised opening or punctuation before the close."""
    inner = text[m.start + 1 : m.end].rstrip("\"'\u201d\u2019\u00bb")
    return inner[:1].isupper() or inner[-1:] in ".,!?"


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
    for m in marks:
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


def _fallback_mixed(
    text: str,
    toks: list[_Tok],
    cl_marks: list[_Mark],
    clause_cands: list[_Cand],
    last_mention: tuple[int, int] | None,
) -> list[_Cand]:
    """Recall fallback: a quoted fragment that no attribution of its clause covers.

    ``Smith warned of the "owners of technology" who ...``: when a lower-case cue verb stands a
    few tokens before an unattributed, non-title quotation and a subject precedes the verb, the
    stretch from the verb's complement to the end of the phrase holding the quotation is a mixed
    quote. Beliefs ("thinks") are no cue verbs, and a scare quote ("the so-called "deal"") has no
    cue before it, so neither fires. One pass over the clause's marks and tokens: linear.
    """
    lex = _CUES.get()
    if not cl_marks or not toks:
        return []
    listed = lex.listed  # learned forms never attribute a quotation beside them
    spans = sorted((c.parts[0][0], c.parts[-1][1]) for c in clause_cands)
    cue_starts = {c.cue[0] for c in clause_cands if c.cue}
    out: list[_Cand] = []
    si = 0
    reach = -1  # furthest end of the spans starting at or before the current mark
    tk = 0
    n = len(toks)
    covered_to = -1  # end of the last fallback content: one quote per stretch
    for m in cl_marks:
        while si < len(spans) and spans[si][0] <= m.start:
            reach = max(reach, spans[si][1])
            si += 1
        while tk < n and toks[tk].start < m.start:
            tk += 1
        if m.used or m.start < reach or m.start < covered_to or tk >= n or _is_title(text, m):
            continue
        post = _postposed_fallback(text, toks, m, tk, n)
        if post is not None and post.cue is not None and post.cue[0] not in cue_starts:
            out.append(post)
            covered_to = m.end
            continue
        got_as = _as_characterisation(toks, tk)
        if got_as is not None and toks[got_as[0]].start not in cue_starts:
            # "Reid has gone after Trump as a "human leech"": the object and its quoted label.
            c, a = got_as
            subj = _subject_before(toks, c, 0) or _clause_subject(toks, c, 0)
            mention = (toks[subj[0]].start, toks[subj[1] - 1].end) if subj else last_mention or _opening_subject(toks, c)
            e = tk
            while e < n and toks[e].quoted and toks[e].start < m.end:
                e += 1
            if mention is not None and toks[a].start >= reach:
                cue = (toks[c].start, toks[c + 1].end if toks[c + 1].low in AS_PARTICLES else toks[c].end)
                out.append(_Cand("indirect", [(toks[a].start, toks[e - 1].end)], cue, mention, 0.3, "as_label"))
                covered_to = m.end
                continue
        # Nearest cue verb before the mark, within the same phrase.
        c = -1
        for j in range(tk - 1, max(-1, tk - 1 - FALLBACK_WINDOW), -1):
            t = toks[j]
            if t.quoted or t.text in ";:()[]\u2014\u2013" or t.low in ("so-called", "dubbed"):
                break
            if not t.cap and t.low not in FALLBACK_NOT_CUES and (t.low in listed or _verb_like(t)):
                c = j
                break
        if c < 0 and tk >= 2 and toks[tk - 1].text == ":" and m.words >= FALLBACK_COLON_WORDS:
            # 'Jane Roe: "..."' in mid-paragraph: the capitalised name right before the colon.
            b = tk - 1
            while b > 0 and tk - 1 - b < 5 and (toks[b - 1].cap or (toks[b - 1].text == "." and b > 1 and toks[b - 2].cap)):
                b -= 1
            if b < tk - 1 and toks[b].cap and toks[b].word and toks[b].start >= reach:
                cue_tok = toks[tk - 1]
                name = (toks[b].start, toks[tk - 2].end)
                out.append(_Cand("direct", [(m.start, m.end)], (cue_tok.start, cue_tok.end), name, 0.3, "fallback_mixed"))
                covered_to = m.end
            continue
        if c < 1 or toks[c].start in cue_starts or toks[c - 1].low == "so" or toks[c - 1].low in DETERMINERS:
            continue  # "its so called "deal"": a scare quote; "the show "Mornings"": a noun, no verb
        subj = _subject_before(toks, c, 0)
        if subj is None and toks[c].low not in listed:
            continue
        if subj is None and not toks[c].low.endswith("ing"):
            subj = _clause_subject(toks, c, 0)
        a = c + 1
        if a < tk and toks[a].low in FALLBACK_PREPS:
            a += 1
        while a < tk and not toks[a].word and not toks[a].quoted:
            a += 1  # 'said, "..."': the content starts at the quote, not at the comma
        if a >= n or toks[a].start < toks[c].end:
            continue
        # The phrase holding the quotation runs on to the next clause break.
        e = tk
        while e < n and (toks[e].quoted or toks[e].text not in ",;:()\u2014\u2013") and toks[e].start < m.end + 400:
            if not toks[e].quoted and e > tk and toks[e].low in CLAUSE_TAILS and toks[e - 1].text == ",":
                break
            if not toks[e].quoted and e >= tk and toks[e].low in ("and", "but") and _coordinated_cue(toks, e + 1, n):
                break  # '... to "vote your conscience" and said he ...': a second report begins
            e += 1
        while e > a and not toks[e - 1].quoted and toks[e - 1].text in ".,!?":
            e -= 1
        if e <= a or toks[e - 1].end < m.end:
            continue
        start, end = toks[a].start, toks[e - 1].end
        if reach > start:
            continue  # an attribution already covers the head of this phrase
        # No subject of its own ("..., saying it was a "joke""): the clause's last speaker.
        mention = (toks[subj[0]].start, toks[subj[1] - 1].end) if subj else last_mention or _opening_subject(toks, c)
        out.append(_Cand("indirect", [(start, end)], (toks[c].start, toks[c].end), mention, 0.3, "fallback_mixed"))
        covered_to = end
    return out


def _forward_contents(toks: list[_Tok], clause_cands: list[_Cand]) -> Iterator[tuple[_Cand, int, int, int]]:
    """The one-part contents after their cue: (candidate, start, end, index of its first token)."""
    if not clause_cands or not toks:
        return
    starts = [t.start for t in toks]
    for c in clause_cands:
        if c.cue is None or len(c.parts) != 1 or c.parts[0][0] < c.cue[1]:
            continue
        s, e = c.parts[0]
        yield c, s, e, bisect.bisect_left(starts, s)


def _cut_at_coordinated_cue(toks: list[_Tok], clause_cands: list[_Cand]) -> None:
    """End a forward content before "and"/"but" and a speech verb of the same subject.

    'She urges her husband to come out and repeatedly says, "Don't you do it,"': the second
    verb starts a report of its own even when no rule attributed it (no candidate to cut at).
    """
    lex = _CUES.get()
    for c, s, e, k in _forward_contents(toks, clause_cands):
        k += 2  # a content opening on "and" keeps it
        stop = k + 120
        while k < len(toks) and k < stop and toks[k].start < e:
            t = toks[k]
            if not t.quoted and t.low in ("and", "but"):
                j = _past_modifiers(toks, k + 1, len(toks))
                if j < len(toks) and not toks[j].cap and toks[j].low in lex.say and toks[j].low not in lex.learned:
                    end = toks[k - 1].end
                    if toks[k - 1].text == ",":
                        end = toks[k - 2].end
                    c.parts[0] = (s, end)
                    break
            k += 1


def _past_modifiers(toks: list[_Tok], j: int, n: int) -> int:
    """Index of the first token from ``j`` on that is no modifier ("also", "then", "didn't")."""
    while j < n and (_modifier(toks[j]) or toks[j].low == "then"):
        j += 1
    return j


def _coordinated_cue(toks: list[_Tok], j: int, n: int) -> bool:
    """A lower-case cue verb at ``toks[j]``, after modifiers ("and then said", "but also warned")."""
    j = _past_modifiers(toks, j, n)
    return j < n and not toks[j].cap and toks[j].low in _CUES.get().verbs


def _statement_issuer(toks: list[_Tok], np: tuple[int, int]) -> tuple[int, int] | None:
    """``The town released a statement (Wednesday) saying ...``: the subject issuing the statement.

    When the noun phrase before a participle cue is a medium (statement, email, letter ...) that
    is the object of a verb, the verb's subject is the source, as PolNeAR marks it.
    """
    a, b = np
    if toks[b - 1].low not in ISSUED_MEDIA or a < 2:
        return None
    v = a - 1
    if toks[v].low in ("out", "up", "off"):
        v -= 1  # "put out a statement"
    if v < 1 or toks[v].cap or not toks[v].word or toks[v].quoted:
        return None
    return _subject_before(toks, v, 0)


def _as_parenthetical(toks: list[_Tok], c: int, n: int) -> _Cand | None:
    """``..., as X put it.`` / ``As X said, ...`` / ``..., as X noted on Monday, "..."``.

    A comparative "as" clause attributes the clause it is attached to: the words before it
    when it closes the sentence, else the words after it. The subject between "as" and the cue
    is the source. Scope: the subject is a short noun phrase (``_np_back``); "as" must open the
    sentence or follow a comma, which keeps "such as", "as well as" and "as soon as" out.
    """
    np = _np_back(toks, c, 0)
    if np is None or np[0] < 1 or toks[np[0] - 1].low != "as":
        return None
    s_as = np[0] - 1
    e = c + 1
    if toks[c].low == "put":
        e += 1  # "put it"
    cue = (toks[c].start, toks[e - 1].end)
    # Adjuncts after the cue ("put it in a lengthy expose", "said on Monday").
    x = e
    while x < n and not toks[x].quoted and toks[x].text not in ",.;:!?" and x - e < 8:
        x += 1
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    if s_as == 0 or (x < n and toks[x].text == "," and s_as > 0 and toks[s_as - 1].text == ","):
        # Before what it attributes: "As Obama said, ..." / "seen, as X put it, "the operator.""
        if x >= n or toks[x].text != ",":
            return None
        a = x + 1
        end = n
        while end > a and not toks[end - 1].quoted and toks[end - 1].text in ".,;:!?":
            end -= 1
        if end - a < 1 or (s_as > 0 and not any(t.quoted for t in toks[a:end])):
            return None  # mid-sentence, only a quotation after the clause is clearly its
        return _Cand("indirect", [(toks[a].start, toks[end - 1].end)], cue, mention, 0.7, "as_parenthetical")
    # '..., as X put it' or '"...," as X put it' (the comma inside the closing mark).
    closing = s_as >= 2 and toks[s_as - 1].quoted and not toks[s_as - 1].word and toks[s_as - 2].text == ","
    if s_as < 2 or not (toks[s_as - 1].text == "," or closing) or (x < n and toks[x].text not in ".!?"):
        return None
    # After what it attributes: from the start of the clause that holds the comma.
    b = s_as if closing else s_as - 1
    a = b
    while a > 0 and not (toks[a - 1].text in ",;:" and not toks[a - 1].quoted and b - a >= 4):
        a -= 1
    if b - a < 3:
        return None
    return _Cand("indirect", [(toks[a].start, toks[b - 1].end)], cue, mention, 0.7, "as_parenthetical")


def _as_characterisation(toks: list[_Tok], tk: int) -> tuple[int, int] | None:
    """``VERB OBJECT as (a) "LABEL"``: (verb index, content start) for the quote at token ``tk``.

    "admires Putin as a "strong leader"", "has been pounding Trump as a "con artist"": a verb
    characterising its object with a quoted label is an attribution of the label to the verb's
    subject, whatever the verb ("admires" or "pounding" report no speech but still quote). The
    object is a short noun phrase (no verb, comma or quote); the verb is a lower-case inflected
    form, or a listed cue verb.
    """
    lex = _CUES.get()
    x = tk - 1
    if x >= 0 and toks[x].low in ("a", "an", "the"):
        x -= 1
    if x < 2 or toks[x].low != "as":
        return None
    o = x - 1  # last token of the object
    if toks[o].low in AS_OBJECT_PRONOUNS:
        a = o  # "described him as "a liar""
    else:
        # The object opens at a determiner within a few words ("the Republican leaders"), or
        # else it is a capitalised name ("Russian President Vladimir Putin").
        a = next((i for i in range(o, max(-1, o - 6), -1) if toks[i].low in DETERMINERS), -1)
        if a < 0 or any(not t.word or t.quoted for t in toks[a : o + 1]):
            a = o
            while a > 0 and o - a < 6 and toks[a - 1].cap and toks[a - 1].word and not toks[a - 1].quoted:
                a -= 1
            if not toks[a].cap or not toks[a].word:
                return None
    v = a - 1
    if v < 1:
        return None
    particle = toks[v].low in AS_PARTICLES
    if particle:
        v -= 1  # "went after", "lashed out at": the particle leaves any verb form possible
    w = toks[v]
    if w.cap or not w.word or w.quoted or w.low in AS_NOT_VERBS or w.low in BELIEF_VERBS:
        return None
    if not (
        w.low in lex.verbs
        or (len(w.low) > 3 and w.low.isalpha() and (particle or w.low.endswith(("s", "ed", "ing"))))
    ):
        return None
    if w.low.endswith("s") and w.low.endswith(("ss", "us", "is", "ous")):
        return None
    return v, a


def _trim_after_quote(text: str, toks: list[_Tok], clause_cands: list[_Cand]) -> None:
    """End a forward content after a quotation closing on a comma when an add-on clause follows.

    'She referenced the "Delta rule," a flaw in the law that ...' / '... as "Spanish," which
    is ...' / '... her "plan," promising to ...': the quoted characterisation ends the reported
    part; an appositive, relative or participle clause after it is the writer's.
    """
    for c, s, e, k in _forward_contents(toks, clause_cands):
        stop = k + 120  # a bounded look per content keeps clause work constant
        while k < len(toks) and k < stop and toks[k].start < e:
            t = toks[k]
            if t.quoted and not t.word and t.text in CLOSE_MARKS and k + 1 < len(toks):
                nxt = toks[k + 1]
                if (
                    nxt.start < e
                    and not nxt.quoted
                    and not _OPEN_MARK.search(text, nxt.start, e)
                    and (
                        (
                            text[t.start - 1 : t.start] in ",!?"
                            and (_addon_opener(nxt) or nxt.low in NOUN_SIGNS or nxt.low in _CUES.get().say)
                        )
                        # 'The town, which critics call "sleepy," is growing': the main clause
                        # resumes after the relative clause holding the report.
                        # '... he's "excited where we stand" as he faces ...', '... a "faker" and
                        # questioning how ...': a new clause or predicate after the quotation is
                        # the writer's narrative, not the report.
                        or nxt.low in QUOTE_END_SUBORDINATORS
                        or (nxt.low in ("and", "but") and k + 2 < len(toks) and _new_predicate(toks[k + 2]))
                    )
                ):
                    c.parts[0] = (s, t.end)
                    break
            k += 1


_OPEN_MARK = re.compile('["\u201c\u2018\u00ab]')


def _new_predicate(t: _Tok) -> bool:
    """A word opening a new clause or predicate after "and"/"but" ("and he", "and said", "and cast")."""
    return (
        t.low in SUBJECT_PRONOUNS
        or _modifier(t)
        or (not t.cap and t.low in _CUES.get().verbs)
        or (not t.cap and len(t.low) > 3 and t.low.endswith(("ed", "ing")))
    )


def _addon_opener(t: _Tok) -> bool:
    """A word opening a writer's add-on after a quoted characterisation (", a flaw ...")."""
    w = t.low
    return w in ADDON_OPENERS or (w.endswith("ing") and len(w) > 5 and not t.cap)


def _postposed_fallback(text: str, toks: list[_Tok], m: _Mark, tk: int, n: int) -> _Cand | None:
    """'"...," an angry Lopez retorted.': a quote ending in a comma (or ? !) and a short subject
    with a cue verb (listed, or an unlisted past tense) right after it, then the sentence end.
    """
    lex = _CUES.get()
    if m.words < 2 or text[m.end - 2 : m.end - 1] not in (",", "?", "!"):
        return None
    a = tk
    while a < n and toks[a].start < m.end:
        a += 1
    v = a
    while v < n and v - a < 7 and toks[v].word and not toks[v].quoted:
        t = toks[v]
        if (
            v > a
            and not t.cap
            and t.low not in FALLBACK_NOT_CUES
            and (t.low in lex.listed or _verb_like(t))
        ):
            break
        v += 1
    else:
        return None
    if v >= n or v == a or not any(t.cap or t.low in SUBJECT_PRONOUNS for t in toks[a:v]):
        return None
    if toks[v - 1].low in DETERMINERS or toks[v - 1].low in ("and", "or", "but", "who", "which", "that"):
        return None
    # Only an adjunct may follow the verb before the sentence ends ("... retorted on Monday.").
    e = v + 1
    while e < n and e - v < 12 and toks[e].text not in ".!?;" and not toks[e].quoted:
        e += 1
    if e < n and toks[e].text not in ".!?":
        return None
    cue = (toks[v].start, toks[v].end)
    return _Cand("direct", [(m.start, m.end)], cue, (toks[a].start, toks[v - 1].end), 0.3, "fallback_mixed")


def _verb_like(t: _Tok) -> bool:
    """An unlisted past-tense or present verb form ("mocked", "mocks") that may report a quote."""
    w = t.low
    return t.word and len(w) > 4 and w.isalpha() and w.endswith("ed") and w not in BELIEF_VERBS


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


# A postposed attribution closing the sentence after a quotation (", she said", ", Smith added").
_OWN_POSTPOSED = re.compile(
    r"[^\"\u201c\u201d.!?]{3,200},\s+(?:he|she|they|I|we|[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3})"
    r"\s+(?:said|says|added|adds|told|wrote|writes)\b"
)
_NEW_SUBJECT = re.compile(
    r",\s+(?:but|and|while|as|when|whereas)\s+(?!(?:he|she|they|I|we)\s+(?:said|says|added|adds)\b)"
    r"(?:[A-Z][a-z]+|he|she|they|we|I|(?:the|his|her|their|a|an)\s+[a-z]+)\b"
)
_SENT_BREAK = re.compile(r"[.!?][\"'\u201d\u2019]?\s+\S")


def _short_marks_only(text: str, marks: list[_Mark], prev: _Cand, m: _Mark) -> bool:
    """The quotations between ``prev``'s last part and ``m`` are short names ("NBC's "Today"")."""
    lo, hi = prev.parts[-1][1], m.start
    inner = _marks_in(marks, lo, hi)
    return len(inner) <= 3 and all(x.words <= 4 for x in inner if lo <= x.start and x.end <= hi)


def _title_case(toks: list[_Tok]) -> bool:
    """A Title Case line is a headline: its cue verbs are capitalised ("Trump Says His ...")."""
    words = [t for t in toks if t.word and t.text[:1].isalpha()]
    return len(words) >= 4 and sum(t.cap for t in words) >= 0.7 * len(words)


def _cut_at_next_cue(text: str, clause_cands: list[_Cand], direct: Sequence[_Cand] = ()) -> None:
    """End a forward content where the next attribution of the clause begins.

    "Rendell said he'd battled pneumonia and called it common": the "said" content stops before
    "and called", which is an attribution of its own; likewise before ", though she acknowledged"
    and before a direct quote's attribution after a dash ("... \u2015 Trump boasted, "...."").
    """
    for i, c in enumerate(clause_cands):
        if c.cue is None or c.parts[0][0] < c.cue[1]:
            continue  # postposed or according-to content: nothing follows it
        s, e = c.parts[0]
        cut = e
        for d in [*clause_cands[i + 1 :], *direct]:
            if d.cue is None:
                continue
            start = d.cue[0]
            if d.mention is not None and s < d.mention[0] < start:
                start = d.mention[0]
            before = text[max(s, start - 12) : start].rstrip().lower()
            # A comma inside a closing quote mark ('as "historic," telling ...') coordinates too.
            if not before.endswith(COORDINATORS) and not before.rstrip("\"\u201d\u2019'").endswith((",", *DASHES)):
                continue  # "said that activists criticized ...": a nested attribution, kept whole
            if s < start < cut:
                cut = start
        if cut < e:
            head = text[s:cut].rstrip()
            stripped = True
            while stripped:
                stripped = False
                for tail in (
                    ",",
                    ";",
                    " and",
                    " but",
                    " or",
                    " though",
                    " although",
                    " while",
                    " as",
                    " even",
                    " \u2014",
                    " \u2015",
                    " \u2013",
                    " -",
                ):
                    if head.endswith(tail):
                        head = head[: -len(tail)].rstrip()
                        stripped = True
            if len(head.split()) >= 2:
                c.parts[0] = (s, s + len(head))


# A quotation mark in a lead-in (an apostrophe inside a word, "Trump's", is none).
_LEAD_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|(?<![A-Za-z])['\u2018\u2019]|['\u2018\u2019](?![A-Za-z])")


def _runs_into(lead: str) -> bool:
    """The words before a quotation end unpunctuated, so the quotation completes their clause."""
    return lead.endswith(" ") and lead.rstrip()[-1:].isalnum()


def _reported_lead(text: str, lo: int, m: _Mark) -> bool:
    """The words before ``m`` in its sentence run into it unpunctuated and hold a speech cue."""
    lead = text[lo : m.start]
    if len(lead) > 300 or not _runs_into(lead):
        return False
    lex = _CUES.get()
    return any(h.group().lower() in lex.speech and not h.group()[0].isupper() for h in lex.search.finditer(lead))


def _lead_in(text: str, lo: int, m: _Mark) -> int:
    """Start of a mixed quote whose quotation completes the writer's clause before it.

    'Teachers who connect online are "very, very pro-Bernie," Kilfoyle said.': the speaker's
    claim is the whole clause, so the content starts at the sentence. Only an unpunctuated
    lead-in with no cue word and no other quotation counts ('In a statement, "..."' and
    'She called it "...", he said' keep the quotation alone).
    """
    lead = text[lo : m.start]
    if not _runs_into(lead):
        return m.start
    if len(lead.split()) < 2 or len(lead) > 200 or _LEAD_MARK.search(lead):
        return m.start
    lex = _CUES.get()
    if "\n" in lead or any(h.group().lower() not in lex.learned for h in lex.search.finditer(lead)):
        return m.start
    a = lo
    while a < m.start and text[a].isspace():
        a += 1
    return a


def _direct_after(
    toks: list[_Tok], a: int, n: int, text: str, m: _Mark
) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue after the closing mark: ``"...," he said`` / ``"..." said Smith`` / ``"...", Smith said``."""
    lex = _CUES.get()
    # Learned stance verbs ("signed", "embodied") attribute reported clauses, never a quotation
    # next to them: '"New York values," saying the city embodied ...' has no cue "embodied".
    speech = lex.speech
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
    # Inverted: "said Smith" / "said the mayor" (a participle is not: '"...," saying the city').
    w = _cue_word(toks[j])
    if w in speech and not w.endswith("ing"):
        np = _np_after(toks, j + 1, n)
        if np and toks[np[0]].low in SUBJECT_PRONOUNS and np[1] < n and toks[np[1]].word:
            np = None  # '..., "sociopath," said he doesn't believe ...': "he" opens the reported clause
        if np:
            return (toks[j].start, toks[j].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed_inverted"
    for c in range(j + 1, min(n, j + MAX_POSTPOSED)):
        if toks[c].quoted or toks[c].text in ";:!?" or (toks[c].text == "." and not _abbrev(toks, c)):
            break
        w = _cue_word(toks[c])
        if c <= j + 5 and w not in speech and _speech_like(text, toks, c, m):
            # '"Go back home," Smith barked': any past-tense verb right after a quote that ends
            # in a comma, "?" or "!" and a short subject is a verb of speaking, the object-taking
            # cue verbs included ('"You called women fat pigs," Kelly charged in her attack.').
            np = _subject_before(toks, c, j)
            if np and np[0] == j and np[1] == c:
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed"
            break
        if w in speech or w in ("called", "asked", "read"):
            np = _subject_before(toks, c, j)
            # "..., panel Chairman X said": up to two lower-case words may precede the name.
            if np and (
                np[0] == j
                or (np[0] - j <= 2 and all(t.word and not t.quoted and t.low not in NP_STOP for t in toks[j : np[0]]))
                or (
                    # '"...," the assailant, John Smith, told': a role, a comma, then the name.
                    np[0] - j <= 6
                    and toks[np[0] - 1].text == ","
                    and all(
                        (t.word and t.low not in NP_STOP) or t.text == "," for t in toks[j : np[0]] if not t.quoted
                    )
                    and not any(t.quoted for t in toks[j : np[0]])
                )
            ):
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed"
            break
    return None


def _speech_like(text: str, toks: list[_Tok], c: int, m: _Mark) -> bool:
    """A lower-case past-tense verb after a quote closed by ``,"`` / ``?"`` / ``!"``."""
    t = toks[c]
    if t.cap or not t.low.endswith("ed") or len(t.low) < 5 or t.low in NOT_SPEECH:
        return False
    inner = text[m.start : m.end].rstrip("\"'\u201d\u2019\u00bb")
    return inner[-1:] in (",", "?", "!") and (c + 1 >= len(toks) or toks[c + 1].text in ".,;" or toks[c + 1].word)


def _direct_before(
    toks: list[_Tok], first: int, text: str, m: _Mark, para_lo: int, after: int = -1
) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue right before the opening mark: ``X tweeted: "..."``, ``X said "..."``.

    ``after`` is the token after the closing mark: when the clause goes on with words there
    (``X said "it gets me mad" every time ...``) the quote is a fragment of a reported clause,
    left to the indirect rules as a mixed quote.
    """
    lex = _CUES.get()
    j = first
    if j > 0 and toks[j - 1].text in ":,":
        j -= 1
    if j > 0 and toks[j].text in ":," and j >= 2 and toks[0].cap and _cue_word(toks[0]) in lex.say:
        # "Said Ellis: "..."" / "Said Dorothy Poynter, who grew up with Ali, "..."": an inverted
        # attribution opening the sentence.
        np = _np_after(toks, 1, j)
        if np and (np[1] == j or (toks[np[1]].text == "," and j - np[1] < 20)):
            return (toks[0].start, toks[0].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_preposed_inverted"
    if j > 0 and toks[j].text == ":" and toks[j - 1].cap and not toks[j - 1].quoted:
        # "... - Mark Blumenthal and Jon Cohen: "Although ..."": a name and a colon sign the quote.
        a = j
        while a > 0 and j - a < 6 and (toks[a - 1].cap or toks[a - 1].low == "and") and toks[a - 1].word:
            a -= 1
        if (
            (a == 0 or toks[a - 1].text in "-\u2014\u2013")
            and j - a >= 2
            and not any(t.low in COLON_NOT_SPEAKERS for t in toks[a:j])
        ):
            return (toks[j].start, toks[j].end), (toks[a].start, toks[j - 1].end), "name_colon"
    if j > 0 and toks[j].text == ":" and not toks[j - 1].quoted:
        # "From the report: "..."" / "More from Jones: "..."": the source after "from".
        f = 1 if toks[0].low in ("more", "also", "and", "again") else 0
        if j > f + 1 and toks[f].low == "from" and all(t.word and not t.quoted for t in toks[f + 1 : j]) and j - f <= 7:
            src = toks[f + 1]
            if src.cap or src.low in DETERMINERS:
                return (toks[j].start, toks[j].end), (src.start, toks[j - 1].end), "from_colon"
    # Walk back over cue adjuncts ("said in a statement:", "told CNN:").
    for c in range(j - 1, max(-1, j - MAX_PREPOSED_GAP), -1):
        tk = toks[c]
        if tk.quoted:
            return None
        w = _cue_word(tk)
        if w in lex.listed:
            between = toks[c + 1 : j]
            prep_at = next((i for i, t in enumerate(between) if t.low in ADJUNCT_PREPS), len(between))
            # Adjuncts only; after a preposition any words ("declared in the debate spin room, "),
            # and, in a longer run, commas between adjunct phrases ("on Monday, in reference to").
            if between and not all(
                _adjunct(t) or (i > prep_at and (t.word or (t.text == "," and len(between) > 5)))
                for i, t in enumerate(between)
            ):
                return None
            if len(between) > 6 and (prep_at != 0 or any(t.low in ("that", "and", "but") for t in between)):
                return None  # a long run must be prepositional phrases from the cue on
            caps = [i for i, t in enumerate(between) if t.cap]
            if caps and w not in lex.tell and not any(t.low in ADJUNCT_PREPS for t in between[: caps[0]]):
                return None  # "says Trump's "...": a quoted fragment of a clause (mixed), not a quote
            if any(t.low.endswith(("'s", "\u2019s")) for t in between):
                return None
            if w in lex.act and c < j - 1:
                return None
            np = _subject_before(toks, c, 0)
            mention = (toks[np[0]].start, toks[np[1] - 1].end) if np is not None else None
            if np is None and c > 0 and (w.endswith("ing") or toks[c - 1].low == "to"):
                # "Trump laughed it off by interjecting, "...."", "The email goes on to say: "..."":
                # a participle or infinitive speaks for the clause's opening subject.
                mention = _opening_subject(toks, c)
                if mention is not None and toks[0].low in DETERMINERS and toks[0].end == mention[1]:
                    mention = None  # a bare "The" is no subject: the colon rule may find one
            if mention is None:
                break  # no subject for the cue word: the colon rule may hold
            if m.words < 3 and toks[first - 1].text not in ":," and not (w in lex.say and m.words == 2):
                if not (w in UTTER_VERBS and c == first - 1):
                    return None
            if w in UTTER_VERBS and c == first - 1:
                pass  # "yelled "You lie!" at the president": the utterance alone is the content
            elif toks[first - 1].text not in ":," and (
                (0 <= after < len(toks) and toks[after].word and not toks[after].quoted)
                or toks[first - 1].low in DETERMINERS
            ):
                # The clause goes on after the quote, or the quote is a noun phrase's head
                # ("noting the "kind of problems" he had"): a fragment of a mixed quote.
                return None
            return (tk.start, tk.end), mention, "direct_preposed"
    if first > 0 and toks[first - 1].text == ":" and m.words >= 3:
        # "The supporter retorted: "..."": any clause with a subject, ending in a colon.
        subj = _colon_subject(toks, first - 1)
        if subj is not None:
            return (toks[first - 1].start, toks[first - 1].end), subj, "colon_intro"
    return None


def _colon_subject(toks: list[_Tok], colon: int) -> tuple[int, int] | None:
    """Mention of the subject of the clause ending at the colon token ``colon`` (its start).

    The clause must open with a name, a pronoun or a determiner phrase, and hold a lower-case
    word (its verb) before the colon: "She then addressed the crowd again:", "The email goes on:".
    An opening adjunct ("At the town hall in Hudson, the supporter retorted:") is skipped.
    """
    if colon < 2 or colon > 40:
        return None
    if any(t.quoted or (t.text in ".!?;" and not _abbrev_before(toks, i)) for i, t in enumerate(toks[:colon])):
        return None
    a = 0
    while a < colon and toks[a].low in ("but", "and", "then", "so", "meanwhile"):
        a += 1
    if toks[a].low in LEADING_PREPS or (toks[a].low.endswith(("ed", "ing")) and len(toks[a].low) > 4):
        # "At the rally, ...", "Worried about young voters, President Obama is rolling out ...:"
        comma = next((i for i in range(a + 1, colon) if toks[i].text == ","), -1)
        if 0 < comma - a <= 16 and comma + 1 < colon and colon - comma <= 17:
            got = _colon_subject_at(toks, colon, comma + 1)
            if got is not None:
                return got
    if colon - a > 16:
        return None
    return _colon_subject_at(toks, colon, a)


def _colon_subject_at(toks: list[_Tok], colon: int, a: int) -> tuple[int, int] | None:
    """``_colon_subject`` for a clause whose subject starts at token ``a``."""
    v = a
    if toks[a].low in DETERMINERS and toks[a].low not in ("his", "her", "their", "its", "our", "my", "your"):
        # "the club captain retorted:": a determiner phrase up to the first past-tense word.
        # Also up to a listed verb or "goes on" ("The email goes on to say:", "The ad says:").
        def verb_at(t: _Tok) -> bool:
            return not t.cap and (t.low.endswith("ed") or t.low in _CUES.get().verbs or t.low in COLON_GO_VERBS)

        x = a + 1
        while x < colon and x - a <= 5 and toks[x].word and not verb_at(toks[x]):
            x += 1
        if x < colon and x - a <= 5 and verb_at(toks[x]) and x > a + 1:
            return (toks[a].start, toks[x - 1].end)
    while v < colon and (
        toks[v].cap
        or toks[v].text == "."
        or toks[v].low in DETERMINERS
        or toks[v].low in SPEAKER_NOUNS
        or (v == a and toks[v].low.endswith("-year-old"))  # "17-year-old Jared Potts echoed:"
    ):
        if toks[v].low in SUBJECT_PRONOUNS:
            v += 1
            break
        v += 1
    if v == a or v >= colon or not toks[v].word or toks[v].cap:
        return None
    if toks[a].low in DETERMINERS and not any(t.cap or t.low in SPEAKER_NOUNS for t in toks[a + 1 : v]):
        return None
    if any(
        (t.low in COLON_NOT_SPEAKERS and t.low not in DETERMINERS) or t.low in ("here", "this", "these", "following")
        for t in toks[a:v]
    ):
        return None
    if toks[v - 1].text == ".":
        return None
    return (toks[a].start, toks[v - 1].end)


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


def _adjunct(t: _Tok) -> bool:
    """A token that may sit between a cue and its quote ("says of Clinton,", "told CNN on Monday:")."""
    return t.cap or t.low in CUE_NOUNS or t.low in TIME_WORDS or t.low in DETERMINERS or t.low in ADJUNCT_PREPS


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


def _name_colon(text: str, toks: list[_Tok], para_end: int) -> _Cand | None:
    """``Clinton: I support D.C. statehood.`` / ``WALLACE: If I may, sir ...`` at a paragraph start.

    A headline or transcript line: one to four capitalised words and a colon open the paragraph;
    the rest of the paragraph is what they said.
    """
    k = 1 if toks and not toks[0].word and toks[0].text in "\"\u201c" and len(toks) > 1 else 0
    if len(toks) > 3 and toks[0].text.isupper() and len(toks[0].text) > 2 and toks[1].text in "-\u2013\u2014":
        k = 2  # "EXCLUSIVE \u2013 Jane Roe: ...": a label and a dash before the name
    j = k
    while (
        j < len(toks)
        and j - k < 6
        and (toks[j].word or (toks[j].text == "." and j > k and _abbrev_before(toks, j)))
        and (toks[j].cap or toks[j].low in ("of", "and") or toks[j].text == ".")
        and not toks[j].quoted
    ):
        j += 1
    if j == k or j >= len(toks) - 1 or toks[j].text != ":" or toks[j - 1].low in ("of", "and"):
        return None
    if any(t.low in COLON_NOT_SPEAKERS or t.text.isdigit() for t in toks[k:j]):
        return None
    s = toks[j + 1].start
    e = para_end
    while e > s and text[e - 1] in " .\"\u201d":
        e -= 1
    if len(text[s:e].split()) < 3:
        return None
    mention = (toks[k].start, toks[j - 1].end)
    return _Cand(
        "direct" if text[s] in "\"\u201c\u2018'" else "indirect",
        [(s, e)],
        (toks[j].start, toks[j].end),
        mention,
        0.7,
        "name_colon",
    )


def _claim_noun(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``Trump's claim that ...`` / ``his criticism of ...``: a possessor, a noun and its complement."""
    if k == 0 or k + 2 >= n:
        return None
    nxt = toks[k + 1].low
    if nxt != "that" and not (nxt in NOUN_CUE_PREPS and toks[k].low in NOUN_CUES):
        return None
    j = k - 1
    while (
        j > 0
        and not toks[j].cap
        and toks[j].low not in ("his", "her", "their", "its")
        and not toks[j].low.endswith(("'s", "\u2019s"))
        and toks[j].word
        and k - j < 3
    ):
        j -= 1  # "Trump's repeated claim that"
    owner = toks[j]
    if owner.low in ("his", "her", "their"):
        mention = (owner.start, owner.end)
    elif owner.cap and owner.low.endswith(("'s", "\u2019s")):
        # The possessor is the capitalised run ending in "'s" ("Donald Trump's call").
        a = j
        while a > 0 and (toks[a - 1].cap or toks[a - 1].text == ".") and toks[a - 1].end >= toks[a].start - 1:
            a -= 1
        while a < j and not toks[a].word:
            a += 1
        mention = (toks[a].start, owner.end - 2)
    elif owner.low.endswith(("'s", "\u2019s")) and j > 0 and toks[j - 1].low in ("the", "a", "this", "that"):
        # "The mayor's statement that ...": a determiner and a common-noun possessor.
        mention = (toks[j - 1].start, owner.end - 2)
    else:
        return None
    start = k + 1 if nxt == "that" else k + 2
    end = n
    if nxt != "that":
        # "his criticism of the deal, which ...": a noun's complement ends at the next comma.
        end = next((x for x in range(start, n) if toks[x].text in ",;:" and not toks[x].quoted), n)
    while end > start and toks[end - 1].text in ".,;:!?" and not toks[end - 1].quoted:
        end -= 1
    if end - start < (3 if nxt == "that" else 1):
        return None
    cue_end = toks[k].end if nxt == "that" else toks[k + 1].end
    return _Cand(
        "indirect", [(toks[start].start, toks[end - 1].end)], (toks[k].start, cue_end), mention, 0.6, "claim_noun"
    )


def _according(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``according to X, CONTENT`` / ``CONTENT, according to X``."""
    np = _np_after(toks, k + 2, n)
    if np is None:
        # "according to complete but unofficial returns": any short phrase up to the comma.
        e = k + 2
        while e < n and e - k < 10 and toks[e].text not in ",;:()" and not toks[e].quoted:
            e += 1
        while e > k + 2 and toks[e - 1].text in ".!?":
            e -= 1
        if not (k + 2 < e <= k + 9 and (e >= n - 1 or toks[e].text in ",;:.")):
            return None
        np = (k + 2, e)
    cue = (toks[k].start, toks[k + 1].end)
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    if (
        k > 2
        and toks[k - 1].text == ","
        and k <= 5
        and (toks[0].low in ADJUNCT_PREPS or toks[0].low in INTRO_ADVERBS)
        and all(t.word or t.text == "," for t in toks[:k])
    ):
        k = 0  # "In addition, according to X, ...": a short introductory phrase before the cue
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
        if end < 3 and not (end >= 1 and toks[end].text == ","):
            return None
        rng = (0, end)
    parts = [(toks[rng[0]].start, toks[rng[1] - 1].end)]
    if rng == (0, end) and np[1] < n - 3 and toks[np[1]].text == "," and toks[end].text == ",":
        # "His criticism, according to X, was ...": the content goes on after the attribution.
        tail = n
        while tail > np[1] + 1 and toks[tail - 1].text in ".;:!?" and not toks[tail - 1].quoted:
            tail -= 1
        if tail - (np[1] + 1) >= 2:
            parts.append((toks[np[1] + 1].start, toks[tail - 1].end))
    return _Cand("indirect", parts, cue, mention, 0.85, "according_to")


def _content_ok(toks: list[_Tok], rng: tuple[int, int], verb: str = "") -> bool:
    """A complement starting with an adverbial ("said as he entered") is no reported content."""
    first = toks[rng[0]]
    if first.low == "to" and verb in INFINITIVE_VERBS:
        return True  # "agreed to lend", "pledged to remain"
    if first.low == "about" and rng[0] + 1 < rng[1]:
        nxt = toks[rng[0] + 1]
        if nxt.text[:1].isdigit() or nxt.low in ("half", "a", "one", "two", "three", "four", "five", "ten", "$"):
            return True  # "said about half of the money ...": an amount, not a topic
    return first.low not in NOT_CONTENT and not (first.cap and first.low in TIME_WORDS)


def _asked_question(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``Asked whether he would run, Smith said ...``: the question put to someone, without a
    source of its own (the asker is not named); its content runs to the comma."""
    j = k + 1
    seen_prep = False
    while j < n and j - k < 6 and toks[j].low not in QUESTION_WORDS and (_adjunct(toks[j]) or (seen_prep and toks[j].word)):
        seen_prep = seen_prep or toks[j].low in ADJUNCT_PREPS
        j += 1  # "Asked on Fox News whether ..."
    if j >= n or toks[j].low not in QUESTION_WORDS:
        return None
    e = next((x for x in range(j + 1, n) if toks[x].text in ",;" and not toks[x].quoted), n)
    while e > j and toks[e - 1].text in ".!?" and not toks[e - 1].quoted:
        e -= 1
    if e - j < 3:
        return None
    return _Cand("indirect", [(toks[j].start, toks[e - 1].end)], (toks[k].start, toks[k].end), None, 0.6, "asked_question")


def _comma_at(toks: list[_Tok], x: int) -> bool:
    """A clause-ending comma at token ``x``: a bare one, or a closing mark right after a quoted
    comma ('... "expanded the party," claiming ...')."""
    t = toks[x]
    if not t.quoted:
        return t.text == ","
    return not t.word and t.text in "\"'\u201d\u2019" and x > 0 and toks[x - 1].text == "," and (
        x + 1 >= len(toks) or not toks[x + 1].quoted
    )


def _strip_time_tail(toks: list[_Tok], a: int, b: int) -> int:
    """End of an object phrase without a final time adjunct ("endorsed Cruz last week")."""
    if b - a >= 3 and toks[b - 1].low in TIME_TAIL and toks[b - 2].low in ("last", "this", "next", "on", "earlier"):
        return b - 2
    if b - a >= 2 and toks[b - 1].low in WEEKDAYS | {"today", "yesterday", "tonight"}:
        return b - 1 if toks[b - 2].low != "on" or b - a < 3 else b - 2
    return b


def _relative_said(toks: list[_Tok], c: int, n: int) -> _Cand | None:
    """``the changes, which officials said will start soon, ...``: a relative pronoun, a speaker
    and a cue, then the verb phrase the pronoun is the subject of (content in two parts)."""
    np = _subject_before(toks, c, 0)
    if np is None or np[0] == 0 or toks[np[0] - 1].low not in ("which", "what", "who", "that"):
        return None
    rel = toks[np[0] - 1]
    end = next((x for x in range(c + 1, n) if toks[x].text in ",;:\u2014()" and not toks[x].quoted), n)
    while end > c + 1 and toks[end - 1].text in ".!?" and not toks[end - 1].quoted:
        end -= 1
    if end - (c + 1) < 3:
        return None
    parts = [(rel.start, rel.end), (toks[c + 1].start, toks[end - 1].end)]
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    return _Cand("indirect", parts, (toks[c].start, toks[c].end), mention, 0.75, "relative_said")


def _indirect(toks: list[_Tok], c: int, n: int, w: str, object_cue: bool = False) -> _Cand | None:
    """``X said (that) ...`` / ``..., X said.`` / ``..., said X.`` / ``X accused Y of ...``.

    ``object_cue`` treats ``w`` as an object-taking cue (a phrasal cue: "spoke about X").
    """
    lex = _CUES.get()
    if c + 1 < n and toks[c + 1].low in NOUN_SIGNS:
        if w in lex.say:
            return _relative_said(toks, c, n)
        return None  # a noun ("his comments came", "Everything Trump says is a lie")
    if c + 1 < n and toks[c + 1].low in ("off", "away", "down", "up", "back", "into"):
        return None  # a phrasal verb of action ("backed off", "pushed up")
    if w in lex.learned and (c + 1 >= n or not toks[c + 1].word or toks[c + 1].low in CLAUSE_TAILS):
        # "Of the members polled, 57 said ...", "He laughed when asked ...": a learned form
        # with no complement of its own reports nothing.
        return None
    if w in ("appeared", "appears", "expected") and (c + 1 >= n or toks[c + 1].low != "to"):
        return None  # "appeared on a show": only "appeared to ..." reports an impression
    b = c
    while b > 0 and toks[b - 1].low in ("also", "not", "never", "later", "then", "widely", "repeatedly", "being"):
        b -= 1
    cue = (toks[c].start, toks[c].end)
    if (
        b > 1
        and toks[b - 1].low in ("is", "was", "were", "are", "been", "be")
        and c + 2 < n
        and toks[c + 1].low == "by"
    ):
        # Passive "X was rejected by the council": the agent after "by" is the source, the
        # subject before the auxiliary the content ("it was reported by X" has no content).
        np = _np_after(toks, c + 2, n)
        a = b - 1
        while a > 0 and toks[a - 1].low in ("has", "have", "had", "being", "been", "not"):
            a -= 1
        if np is None or a < 2 or (toks[0].low == "it" and a == 1):
            return None
        mention = (toks[np[0]].start, toks[np[1] - 1].end)
        return _Cand(
            "indirect", [(toks[0].start, toks[a - 1].end)], cue, mention, CUE_RATE.get(w, 0.6) * 0.8, "passive_by"
        )
    prior = CUE_RATE.get(w, 0.6)
    # Inverted postposed: "CONTENT, said X."
    if c > 2 and toks[c - 1].text == "," and w in lex.say and not w.endswith("ing"):
        np = _np_after(toks, c + 1, n)
        tail = n - np[1] if np else 0
        if np and toks[np[0]].low in DETERMINERS and np[1] - np[0] > 4:
            np = None  # "..., said the spending numbers he saw were ...": a clause, not a speaker
        if np and any(toks[x].low in NOUN_SIGNS for x in range(np[0] + 1, np[1])):
            np = None  # "..., however, said the harvest was late": a reported clause
        if np and (
            np[1] >= n - 1
            or toks[np[1]].text in ",."
            or (tail <= 7 and toks[np[1]].low in ("in", "at", "on", "of", "for", "with"))
            # "..., said a former spokesman for the ministry, Oleg Ivanov, who ...": a speaker's PP
            or (toks[np[1]].low in ("of", "for") and toks[np[0]].low in DETERMINERS)
        ):
            end = c - 1
            if end >= 3:
                mention = (toks[np[0]].start, toks[np[1] - 1].end)
                parts = [(toks[0].start, toks[end - 1].end)]
                if np[1] < n and toks[np[1]].text == "," and n - np[1] > 5:
                    # "The contrast, said Doyle and others, would be clear": the content resumes.
                    tail_end = n
                    while tail_end > np[1] + 1 and toks[tail_end - 1].text in ".;:!?" and not toks[tail_end - 1].quoted:
                        tail_end -= 1
                    parts.append((toks[np[1] + 1].start, toks[tail_end - 1].end))
                return _Cand("indirect", parts, cue, mention, prior * 0.95, "postposed_inverted")
    if w.endswith("ing") and c > 0 and (toks[c - 1].text in ",\u2014" or _comma_at(toks, c - 1)):
        # "..., adding that ...": subject is the clause's speaker (filled in by the caller).
        rng = _content_forward(toks, c, n, w)
        if rng is None or (w in lex.say and not _content_ok(toks, rng, w)):
            return None
        return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.85, "participle")
    catenative = w.endswith("ing") and c > 1 and toks[c - 1].low in CATENATIVE_VERBS
    if catenative:
        # "Trump avoids condemning Russia's invasion", "she kept criticizing the deal": the
        # -ing form completes a finite verb whose subject is the speaker.
        np = _subject_before(toks, c - 1, 0)
        catenative = np is not None
    else:
        np = _subject_before(toks, c, 0)
    issued = False
    if catenative:
        pass
    elif np is not None and w.endswith("ing") and (issuer := _statement_issuer(toks, np)) is not None:
        np, issued = issuer, True  # "The town released a statement saying ...": the town speaks
    elif np is not None and w.endswith("ing"):
        # "footage of Trump saying": the speaker is the name right before the participle.
        a = np[1] - 1
        while a > np[0] and (toks[a - 1].cap or toks[a - 1].text == "."):
            a -= 1
        np = (a, np[1]) if toks[np[1] - 1].cap else np
    elif np is None and not w.endswith("ing"):
        np = _clause_subject(toks, c, 0)
    if np is None:
        b = c
        while b > 0 and _modifier(toks[b - 1]):
            b -= 1
        if (
            b > 0
            and toks[b - 1].low in ("and", "but", "or")
            # "..., calling it "X" and asserting that ...": a coordinated participle with a clause.
            and (not w.endswith("ing") or (w in lex.say and c + 1 < n and toks[c + 1].low == "that"))
        ):
            # "X said A and called B": the subject is shared (filled in from the clause).
            rng = _content_forward(toks, c, n, w)
            if rng is None or (w in lex.say and not _content_ok(toks, rng, w)):
                return None
            return _Cand(
                "indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.85, "coordinated"
            )
        if b > 2 and toks[b - 1].text == "," and w.endswith("ed") and not (c + 1 < n and toks[c + 1].low == "by"):
            # "He suggested A, called her "third-rate" and left": a list of verb phrases sharing
            # the subject of an earlier cue in the clause (filled in by the caller).
            rng = _content_forward(toks, c, n, w)
            if rng is None or not _content_ok(toks, rng, w):
                return None
            if w in lex.act:
                # The object ends before the next verb phrase of the list ("... and left").
                end = next(
                    (
                        x
                        for x in range(rng[0] + 1, rng[1] - 1)
                        if toks[x].low in ("and", "but") and toks[x + 1].low.endswith("ed") and not toks[x].quoted
                    ),
                    rng[1],
                )
                rng = (rng[0], end)
            return _Cand(
                "indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.75, "coordinated_list"
            )
        if w in lex.say and not toks[c].cap and (b == 0 or toks[b - 1].low in SAY_FRAMES or w.endswith("ing")):
            # "rushing to TV to say he did not ...", "by saying that ...", "while saying that ...",
            # "making a pitch to voters saying a state law ...": a speech verb whose subject is
            # the clause's (or is out of reach); the complement is still the reported content.
            rng = _content_forward(toks, c, n, w)
            if rng is None or not _content_ok(toks, rng, w):
                return None
            opens = (
                toks[rng[0]].low in ("that", "how", "why", "whether", "what")
                or toks[rng[0]].low in SUBJECT_PRONOUNS
                or toks[rng[0]].low in DETERMINERS
            )
            if not opens or not any(
                t.low in FINITE_VERBS or (t.low.endswith("ed") and not t.cap) for t in toks[rng[0] + 1 : rng[1]]
            ):
                return None  # a clause must clearly open here ("to say goodbye", "saying a word")
            opening = None if w.endswith("ing") else _opening_subject(toks, c)
            return _Cand(
                "indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, opening, prior * 0.7, "say_no_subject"
            )
        return None
    progressive = catenative or (c > 0 and toks[c - 1].low in ("is", "are", "was", "were", "been", "be"))
    if (
        w.endswith("ing")
        and not progressive
        and not issued
        and not (toks[np[1] - 1].cap or toks[np[1] - 1].low in SUBJECT_PRONOUNS)
        # "with 30 percent of voters saying ...": a counted group of respondents speaks.
        and not (w in lex.say and np[0] > 0 and toks[np[0] - 1].low == "with" and toks[np[1] - 1].low in SPEAKER_NOUNS)
    ):
        return None
    mention = (toks[np[0]].start, toks[np[1] - 1].end)
    rest = [t for t in toks[c + 1 : c + 12] if t.text not in ".!?"]
    # Postposed: "CONTENT, X said (on Tuesday)."
    before = toks[np[0] - 1] if np[0] > 0 else None
    comma_before = before is not None and (
        before.text in ",\u2014" or (before.quoted and not before.word and np[0] >= 2 and toks[np[0] - 2].text == ",")
    )
    # "..., a spokesman told The Wall Street Journal.": a TELL cue with only its addressee.
    tell_only = (
        w in lex.tell
        and 0 < len(rest) <= 8
        and (rest[0].cap or rest[0].low in ADDRESSEES or rest[0].low in DETERMINERS)
        and all(
            t.cap or t.low in DETERMINERS or t.low in ADDRESSEES or t.low in TIME_WORDS or t.low in ADJUNCT_PREPS
            for t in rest
        )
        and c + 1 + len(rest) >= n - 1
    )
    if (w in lex.say or tell_only) and np[0] >= 3 and comma_before and not any(t.low == "that" for t in rest[:8]):
        # Postposed only when nothing but adjuncts follows the cue ("..., X said on Tuesday.");
        # "In Texas, voters said they were angry" has its content after the cue.
        forward = any(t.quoted for t in rest) or (
            # "..., Cruz pledged to oppose ...": an infinitive complement, not an adjunct.
            len(rest) > 1
            and rest[0].low == "to"
            and rest[1].word
            and not rest[1].cap
            and rest[1].low not in DETERMINERS
            and rest[1].low not in ADDRESSEES
            and not (rest[1].low.endswith("s") and not rest[1].low.endswith("ss"))  # "said to voters"
        )
        if not forward and (
            not rest
            or tell_only
            or rest[0].text in ",;"
            or rest[0].low in TIME_WORDS
            or rest[0].low in ADJUNCT_PREPS
        ):
            # '..., "loop-hole," she said': the closing mark after the comma stays in the content.
            end = np[0] if before is not None and before.quoted and not before.word else np[0] - 1
            start = 0
            # Content starts after an earlier cue of the same sentence, if any (not after a
            # passive inside the content: "only if he can be convinced that ..., Graham said").
            for x in range(end - 1, -1, -1):
                if (
                    not toks[x].quoted
                    and _cue_word(toks[x]) in lex.verbs
                    and x > 0
                    and toks[x - 1].low not in ("be", "been", "being", "is", "are", "was", "were")
                ):
                    start = x + 1
                    break
            after = c + 1
            while after < n and (toks[after].low in TIME_WORDS or toks[after].cap) and not toks[after].quoted:
                after += 1
            # A cue participle or a relative after the comma is a clause of the speaker's own
            # ("..., Hollande said, noting ...": its own attribution), not the content resuming
            # (a gerund subject does resume it: "..., he said, replacing her would be harder").
            inside = (
                after < n
                and toks[after].text == ","
                and n - after > 4
                and not (
                    (toks[after + 1].low.endswith("ing") and toks[after + 1].low in lex.verbs)
                    or toks[after + 1].low in CLAUSE_TAILS
                )
            )
            if end - start >= 3 or (inside and end - start >= 1):
                parts = [(toks[start].start, toks[end - 1].end)]
                rule = "postposed"
                if inside:
                    # "Though the transition was seamless, he said, replacing her would be ...":
                    # the attribution sits inside the content, which goes on after it.
                    tail = n
                    while tail > after + 1 and toks[tail - 1].text in ".;:!?" and not toks[tail - 1].quoted:
                        tail -= 1
                    parts.append((toks[after + 1].start, toks[tail - 1].end))
                    rule = "parenthetical"
                return _Cand("indirect", parts, cue, mention, prior * 0.95, rule)
            if not rest:
                return None
    if object_cue or (w in lex.act and w not in lex.say):
        if object_cue:
            # The object follows the preposition at once ("apologized for his remark that ...").
            end = n
            while end > c + 2 and not toks[end - 1].quoted and toks[end - 1].text in ".,;:!?)\u2014-":
                end -= 1
            end = next((x for x in range(c + 2, end) if toks[x].text == ";" and not toks[x].quoted), end)
            rng = (c + 1, end) if end - c >= 3 else None
        else:
            rng = _content_forward(toks, c, n, w)
        if rng is None:
            return None
        opener = 1 if toks[0].low in ("but", "and", "yet") else 0
        subordinate = c > opener and toks[opener].low in SUBORDINATORS
        # A noun-phrase complement ends at the first comma or dash ("attacked the Koch brothers
        # from the floor, making ..."): what follows is the clause's own business.
        cut = next(
            (
                x
                for x in range(rng[0] + 1, rng[1] - 1)
                if (
                    toks[x].text in ",;\u2014"
                    and not toks[x].quoted
                    and (
                        toks[x + 1].low.endswith("ing")
                        or toks[x + 1].low in CLAUSE_TAILS
                        # "who voted against it, told reporters that ...": the clause's own verb.
                        or (not toks[x + 1].cap and toks[x + 1].low in lex.say | lex.tell)
                    )
                )
                # "endorsed Trump last week and has campaigned with him": a second verb phrase.
                or (
                    toks[x].low in ("and", "but")
                    and (toks[x + 1].low in NOUN_SIGNS or (toks[x + 1].low.endswith("ed") and not toks[x + 1].quoted))
                )
                # "is backing Clinton because he worries ...": a subordinate clause of the cue's.
                or (toks[x].low in OBJECT_ENDS and not toks[x].quoted)
                # "While Clinton condemned the proposal, the groups say ...": the subordinate
                # clause holding the cue ends at its comma.
                or (subordinate and toks[x].text == "," and not toks[x].quoted)
            ),
            rng[1],
        )
        rng = (rng[0], _strip_time_tail(toks, rng[0], cut))
        if rng[0] == c + 1 and toks[c + 1].low in CUE_PARTICLES and rng[1] - rng[0] >= 2:
            # "called for a revolution", "talking about the wall": the preposition belongs to
            # the cue, its object is the content.
            cue = (toks[c].start, toks[c + 1].end)
            rng = (rng[0] + 1, rng[1])
        return _Cand(
            "indirect",
            [(toks[rng[0]].start, toks[rng[1] - 1].end)],
            cue,
            None if w in SOURCELESS_VERBS else mention,
            prior * 0.8,
            "accuse_object",
        )
    rng = _content_forward(toks, c, n, w)
    if rng is None or not _content_ok(toks, rng, w):
        return None
    # A reported clause ends before ", which ..." / ", while ..." / a trailing participle.
    cut = next(
        (
            x
            for x in range(rng[0] + 2, rng[1] - 1)
            if _comma_at(toks, x)
            and (toks[x + 1].low.endswith("ing") or toks[x + 1].low in ("which", "while", "as", "after", "before"))
        ),
        rng[1],
    )
    if cut < rng[1] and toks[cut].quoted:
        cut += 1  # '... "expanded the party," claiming ...': keep the closing mark
    opener = 1 if toks[0].low in ("but", "and", "yet") else 0
    if c > opener and toks[opener].low in SUBORDINATORS:
        # "When Clinton noted that Trump paid no tax, Trump boasted, ...": the cue sits in a
        # subordinate clause, whose content ends where the main clause's subject begins.
        main = next(
            (
                x
                for x in range(rng[0] + 3, cut - 1)
                if toks[x].text == ","
                and not toks[x].quoted
                and (toks[x + 1].cap or toks[x + 1].low in SUBJECT_PRONOUNS)
                and not toks[x + 1].quoted
            ),
            cut,
        )
        cut = main
    rng = (rng[0], cut)
    rule = "say_that" if toks[rng[0]].low == "that" else ("tell_clause" if w in lex.tell else "say_clause")
    conf = prior * (1.0 if rule == "say_that" else 0.9)
    return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, mention, conf, rule)


def _nested(cands: list[_Cand]) -> list[bool]:
    """For each candidate, whether its cue lies inside another candidate's content span."""
    # Only forward contents ("X said that ...") hold nested attributions; a content before its
    # cue ('"...," he said, according to X') does not make the attribution inside it nested.
    spans = sorted(
        (c.parts[0][0], c.parts[-1][1], i) for i, c in enumerate(cands) if c.cue and c.parts[0][0] >= c.cue[1]
    )
    starts = [s for s, _, _ in spans]
    out = [False] * len(cands)
    for i, c in enumerate(cands):
        if c.cue is None:
            continue
        p = c.cue[0]
        k = bisect.bisect_right(starts, p)
        # Contents barely overlap each other: a few neighbours before the cue suffice.
        for s, e, j in spans[max(0, k - 4) : k]:
            if j != i and s <= p < e and not (c.parts[0][0] <= s and e <= c.parts[-1][1]):
                out[i] = True
                break
    return out


def _clashes(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """``[s, e)`` overlaps an accepted part by half of either one's length."""
    # Accepted parts barely overlap each other, so a few neighbours around s suffice.
    k = bisect.bisect_left(taken, (s, e))
    for a, b in taken[max(0, k - 3) : k + 3]:
        ov = min(b, e) - max(a, s)
        if ov > 0 and (ov >= 0.5 * (e - s) or ov >= 0.5 * (b - a)):
            # One attribution per stretch of text: a nested one ("X said that Y claimed Z")
            # gives way to the outer one, which PolNeAR-style scoring matches better.
            return True
    return False


def _finish(text: str, cands: list[_Cand], marks: list[_Mark]) -> list[Quote]:
    """Resolve overlaps (best first), type mixed contents, and build the Quote records."""
    mark_starts = [m.start for m in marks]
    nested = _nested(cands)
    # Outer attributions first ("Cruz says he is tied, in a finish he said defied expectations"):
    # a candidate whose cue sits inside another one's content gives way to it.
    order = sorted(range(len(cands)), key=lambda i: (nested[i], -cands[i].confidence))
    taken: list[tuple[int, int]] = []  # accepted (start, end), sorted by start
    keep: list[_Cand] = []
    for i in order:
        c = cands[i]
        # Parts are compared, not the stretch from first to last: the gap between '"A," she
        # said, suggesting that B. "C."' holds another attribution (B) that stays.
        if any(_clashes(taken, s, e) for s, e in c.parts):
            continue
        for part in c.parts:
            bisect.insort(taken, part)
        keep.append(c)
    keep.sort(key=lambda c: c.parts[0][0])
    out: list[Quote] = []
    for g, c in enumerate(keep):
        qtype = c.type
        if qtype == "indirect":
            s, e = c.parts[0][0], c.parts[-1][1]
            k = bisect.bisect_left(mark_starts, s)
            inner = [m for m in marks[k : k + 64] if m.end <= e] if k < len(marks) else []
            if len(c.parts) == 1 and inner and inner[0].start == s and inner[0].end >= e - 1:
                qtype = "direct"  # the whole content is one quotation ("adding: 'Hair is a big deal.'")
            elif inner:
                qtype = "mixed"
        cue = Span.of(text, *c.cue) if c.cue else None
        # Calibrated-ish: the rule's precision on PolNeAR train, blended for indirect rules with
        # the cue word's own train cue rate ("said" 0.92 vs "called" 0.60).
        conf = RULE_PRECISION.get(c.rule, 0.5)
        if qtype != "direct" and cue is not None:
            conf = (conf + CUE_RATE.get(cue.text.lower(), 0.6)) / 2
        mention = Span.of(text, *c.mention) if c.mention else None
        for a, b in c.parts:
            out.append(Quote(qtype, Span.of(text, a, b), cue, mention, round(conf, 3), c.rule, g))
    return out
