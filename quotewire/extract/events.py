"""Dated events: temporal expressions normalized to TIMEX3 values, with their clause.

Scope: English news prose. For each DATE/TIME expression found by ``quotewire.extract.timex`` this stage
finds the event it dates, with rules only (no tagger or parser):

- the *action* is the head verb of the verb group governing the date: the nearest verb before
  it in its clause ("entered Aleppo on November 27"), or the verb right after it when the date
  opens the clause or sits between subject and verb ("Erdogan on Wednesday accused"); when the
  date modifies an event noun ("its Aug. 2 invasion", "a news conference today", "a mission in
  December") the action is that noun, and the actor is left empty;
- the *actor* is the noun phrase just before that verb group ("The Syrian regime"), skipping an
  appositive ("Her mother, Fatemah, tweeted" -> "Her mother");
- the *clause* runs between clause boundaries (";", dashes, brackets, or a comma followed by a
  subordinator/relative) around the date and its verb.

Verbs are recognised from a lexicon of word forms that TimeML annotators marked as verbal
events (``event_verbs.tsv``, built by ``training/build_verb_lexicon.py``), plus irregular past
forms and ``-ed`` morphology; a word right after a determiner is a noun. The tense of the verb
group ("will vote", "has entered", "tweeted") chooses the past or future reading of year-less
dates; a deadline ("until Tuesday", "by Nov. 20") or a modifier ("the Jan. 14 deadline") keeps
its own nearest reading. One Event per date mention; durations and sets are not emitted.
Datelines ("WASHINGTON, March 12 (Reuters) --") are emitted like any date, without an action.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from quotewire.extract.actors import ActorType, actor_type
from quotewire.extract.event_words import (
    AUX_FUTURE,
    AUX_PAST,
    AUXILIARIES,
    CLAUSE_OPENERS,
    CLAUSE_PUNCT,
    CLAUSE_REACH,
    DETERMINERS,
    EVENT_NOUNS,
    GATHERINGS,
    GROUP_FILLERS,
    INFINITIVE_BEFORE_TO,
    INTENT_BEFORE_TO,
    IRREGULAR_PAST,
    MODALS,
    NOT_VERBS,
    NP_STOP,
    OBJECT_PREPOSITIONS,
    OPEN_ENDED_BEFORE,
    PERIOD_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    RANGE_BEFORE,
    SCHEDULE_VERBS,
    TIMETABLE_VERBS,
    TOKEN,
    VERBS,
)
from quotewire.extract.model import Event, Sentence, Span
from quotewire.extract.timex import Tense, Timex, find_timexes

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Group:
    first: int  # token index of the first word of the verb group
    head: int  # token index of the main verb
    tense: Tense


@dataclass(slots=True)
class _Analysis:
    tokens: list[_Tok]
    verb_tag: list[str | None]
    clause_id: list[int]
    starts: list[int] = field(default_factory=list)  # token start offsets (for bisect)
    heads: list[int] = field(default_factory=list)  # main-verb token indices, ascending


# ---------------------------------------------------------------------------------------------
# Sentence analysis.


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN.finditer(text, start, end)]


def _may_precede_participle(t: _Tok) -> bool:
    """Whether an -ing word after ``t`` can be a verb ("was trading", "he said, adding")."""
    w = t.low
    if not w[:1].isalnum():
        return True  # punctuation: "..., adding that"
    if t.text[:1].isupper():
        return False  # "Exchange trading"
    return (
        w in AUXILIARIES
        or w in GROUP_FILLERS
        or w in PRONOUNS
        or w in ("and", "or", "but", "then", "while", "after", "before", "by", "when", "who", "which", "that")
        or w.endswith("ly")
    )


def _verb_tag(toks: list[_Tok], i: int) -> str | None:
    """Coarse verb tag of token ``i`` ("aux", "past", "pres", "base", "ing", "part") or None."""
    t = toks[i]
    w = t.low.replace("\u2019", "'")
    if not w[:1].isalpha() and w not in ("'s", "'ll", "'d"):
        return None
    prev = toks[i - 1].low if i > 0 else ""
    if w in AUXILIARIES:
        if w in ("'s", "'d"):
            return None
        if w == "may" and t.text == "May":
            return None
        return "aux"
    if w in NOT_VERBS:
        return None
    # Capitalised words inside a sentence are names ("Said", "Rose", "March").
    if t.text[:1].isupper() and i > 0 and toks[i - 1].text not in ('"', "\u201c", "(", ":"):
        return None
    if prev in DETERMINERS or prev in QUANTIFIERS or prev[:1].isdigit() or (prev == "to" and w.endswith("ed")):
        return None  # "the attack", "886 million shares", "its plans": nouns
    if w.endswith("ing") and i > 0 and not _may_precede_participle(toks[i - 1]):
        return None  # a gerund or noun: "in composite trading yesterday", "Exchange trading"
    tag = VERBS.get(w)
    if tag is not None:
        if tag == "pres" and not w.endswith("s") and w.endswith("ed"):
            return "past"
        return tag
    if w in IRREGULAR_PAST:
        return "past"
    if len(w) >= 5 and w.endswith("ed") and "-" not in w:
        return "past"
    if w in TIMETABLE_VERBS:
        return "pres" if w.endswith("s") else "base"  # "The show opens to the public on Friday"
    if prev == "to" and i >= 2 and toks[i - 2].low in INTENT_BEFORE_TO | INFINITIVE_BEFORE_TO and w not in PRONOUNS:
        return "base"  # "decided to admit", "plans to visit": an infinitive the lexicon did not know
    return None


def _analyse(text: str, sent: Sentence) -> _Analysis:
    toks = _tokens(text, sent.start, sent.end)
    tags = [_verb_tag(toks, i) for i in range(len(toks))]
    clause: list[int] = []
    cid = 0
    for i, t in enumerate(toks):
        if t.text in CLAUSE_PUNCT or (t.text == "-" and i > 0 and toks[i - 1].end < t.start):
            cid += 1
        elif t.low in CLAUSE_OPENERS and i > 0 and toks[i - 1].text == ",":
            cid += 1
        clause.append(cid)
    an = _Analysis(toks, tags, clause, [t.start for t in toks])
    an.heads = _heads(an)
    return an


def _group_at(an: _Analysis, head: int) -> _Group:
    """The verb group ending at ``head``: auxiliaries and fillers before it, and its tense."""
    toks, tags = an.tokens, an.verb_tag
    first = head
    j = head - 1
    while j >= max(0, head - 8) and (
        tags[j] == "aux" or toks[j].low in GROUP_FILLERS or toks[j].low in ("to", "going")
    ):
        if tags[j] == "aux" or toks[j].low == "to":
            first = j
        j -= 1
    words = [toks[k].low.replace("\u2019", "'") for k in range(first, head + 1)]
    tag = tags[head]
    tense: Tense
    if any(w in AUX_FUTURE for w in words) or "going" in words:
        tense = "future"
    elif "to" in words:
        # An infinitive is future only after a verb of intent or schedule ("plans to vote", "is to
        # resume"); after a past-perfect or past one ("had been due to expire") it is unknown.
        k = first + words.index("to") - 1
        while k >= 0 and toks[k].low in GROUP_FILLERS:
            k -= 1
        past_marked = any(toks[x].low in ("had", "was", "were") for x in range(max(0, k - 3), k + 1))
        tense = "future" if k >= 0 and toks[k].low in INTENT_BEFORE_TO and not past_marked else "unknown"
    elif any(w in MODALS for w in words) and "have" not in words:
        tense = "future"  # "can participate in April", "may vote on Tuesday"
    elif any(w in AUX_PAST for w in words):
        tense = "past"
    elif any(w in ("has", "have") for w in words):
        tense = "past"  # present perfect: the event is over
    elif any(w in ("is", "are", "am") for w in words) and tag == "ing":
        tense = "future"  # "is meeting on Tuesday": scheduled
    elif tag == "past" and first == head:
        tense = "past"
    elif tag == "part" and first == head:
        tense = "past"
    elif tag == "pres":
        tense = "present"
    else:
        tense = "unknown"
    return _Group(first, head, tense)


def _heads(an: _Analysis) -> list[int]:
    """Token indices of main verbs: a verb not followed (within its group) by another verb."""
    tags, toks = an.verb_tag, an.tokens
    out = []
    n = len(tags)
    for i, tag in enumerate(tags):
        if tag is None:
            continue
        if tag == "aux":
            # An auxiliary heads its group only when no verb follows it ("it was", "he did").
            j = i + 1
            while j < n and toks[j].low in GROUP_FILLERS:
                j += 1
            if j < n and tags[j] is not None:
                continue
            if j < n and toks[j].low in ("to", "going"):
                continue
            if toks[i].low in ("to",):
                continue
        if toks[i].low in ("ended", "ending") and i > 0 and toks[i - 1].low in PERIOD_NOUNS:
            continue  # "the quarter ended Sept. 30" belongs to the date, not to the event
        out.append(i)
    return out


def _is_event_noun(w: str) -> bool:
    """An event noun of the lexicon, its plural, or a nominalisation ("bombings", "blasts",
    "investigation"); used only right after a date that modifies it ("the Aug. 7 bombings")."""
    return (
        w in EVENT_NOUNS
        or (w.endswith("s") and w[:-1] in EVENT_NOUNS)
        or (len(w) > 6 and w.endswith(("tion", "tions", "sion", "sions", "ings")))
    )


def _event_noun(an: _Analysis, ti: int, tj: int) -> int | None:
    """Token index of an event noun the date tokens ``ti..tj-1`` modify (None when none)."""
    toks = an.tokens
    if not toks or ti >= len(toks) or tj > len(toks):
        return None
    # A date modifying an event noun dates that noun: "its Aug. 2 invasion", "the November 1995
    # assassination", "Saturday night's debate".
    possessive = tj > 0 and toks[tj - 1].low.endswith(("'s", "\u2019s"))
    if possessive or (ti > 0 and (toks[ti - 1].low in DETERMINERS or toks[ti - 1].low in ("'s", "\u2019s"))):
        for k in (tj, tj + 1):
            if k < len(toks) and _is_event_noun(toks[k].low):
                return k
            if k < len(toks) and (an.verb_tag[k] is not None or not toks[k].low[:1].isalpha()):
                break
    # An event noun right before the date, or before its preposition, is what the date dates:
    # "a news briefing today", "a mission in December", "his capture on March 26".
    k = ti - 1
    if k >= 0 and toks[k].low in ("on", "in", "at", "during", "since", "from", "of"):
        k -= 1
    if (
        k >= 0
        and toks[k].low in EVENT_NOUNS
        and (k == 0 or toks[k - 1].low != "to")
        and not toks[k].low.endswith("ing")
    ):
        # (A gerund here is usually a setting, not the event: "fell in composite trading yesterday".)
        return k
    return None


def _to_later_event(an: _Analysis, x: int) -> bool:
    """Whether token ``x`` is a "to" opening an infinitive ("to testify") or an event noun ("to a
    ceremony"): an event after the one the governing verb reports."""
    toks = an.tokens
    if toks[x].low != "to" or x + 1 >= len(toks):
        return False
    nxt = toks[x + 1]
    if an.verb_tag[x + 1] is not None or (
        nxt.text.isalpha() and nxt.text.islower() and nxt.low not in DETERMINERS | PRONOUNS | QUANTIFIERS
    ):
        return True  # "to testify": an infinitive (or a bare noun, which the nearest reading handles)
    return (
        nxt.low in DETERMINERS
        and x + 2 < len(toks)
        and (_is_event_noun(toks[x + 2].low) or toks[x + 2].low in GATHERINGS)
    )


def _governing(an: _Analysis, ti: int, tj: int) -> int | None:
    """Head-verb token index governing the date tokens ``ti..tj-1`` (None when none)."""
    if ti >= len(an.tokens):
        return None
    heads = an.heads
    cid = an.clause_id[ti]
    # The nearest heads on each side (bisect: linear time on very long sentences).
    p = bisect.bisect_left(heads, ti)
    q = bisect.bisect_left(heads, tj)
    left = [heads[p - 1]] if p > 0 and an.clause_id[heads[p - 1]] == cid else []
    right = [heads[q]] if q < len(heads) and an.clause_id[heads[q]] == cid else []
    # Tokens between the clause start and the date: only a preposition or punctuation means the
    # date opens the clause ("On Wednesday, the regime ...").
    k = ti - 1
    while (
        k >= max(0, ti - 12)
        and an.clause_id[k] == cid
        and (an.tokens[k].low in PREPOSITIONS or not an.tokens[k].low[:1].isalnum())
    ):
        k -= 1
    opens_clause = k < 0 or an.clause_id[k] != cid
    # A verb right after the date (fillers allowed): "Erdogan on Wednesday accused".
    j = tj
    while j < min(len(an.tokens), tj + 6) and an.tokens[j].low in GROUP_FILLERS:
        j += 1
    if right and (opens_clause or (right[0] <= j + 2 and j < len(an.tokens) and an.verb_tag[j] is not None)):
        if opens_clause or right[0] - tj <= 3:
            return right[0]
    if left:
        return left[-1]
    if right:
        return right[0]
    # No verb in the clause: fall back to the nearest verb of the sentence.
    near = [heads[x] for x in (p - 1, q) if 0 <= x < len(heads)]
    if near:
        return min(near, key=lambda h: min(abs(h - ti), abs(h - tj)))
    return None


def _opens_sentence(an: _Analysis, i: int) -> bool:
    """Whether token ``i`` opens its sentence (or a quotation or bracket inside it): its capital
    says nothing about it being a name."""
    return i == 0 or an.tokens[i - 1].text in ('"', "\u201c", "(", "[", ":", "\u2014", "-")


def _actor(an: _Analysis, group: _Group, skip: tuple[int, int]) -> tuple[int, int] | None:
    """Token range of the subject noun phrase before the verb group (None when not found)."""
    toks = an.tokens
    i = group.first - 1
    # Skip the date (and its preposition) when it sits between subject and verb.
    if skip[1] - 1 == i or (skip[0] <= i < skip[1]):
        i = skip[0] - 1
        if i >= 0 and toks[i].low in PREPOSITIONS:
            i -= 1
    while i >= 0 and toks[i].low in GROUP_FILLERS:
        i -= 1
    if i >= 0 and toks[i].text == ")":
        # "The North Atlantic Treaty Organization (NATO) has decided": skip the bracket.
        k = i - 1
        while k >= 0 and i - k <= 8 and toks[k].text != "(":
            k -= 1
        if k >= 0 and toks[k].text == "(":
            i = k - 1
    if i >= 0 and toks[i].text == ",":
        # Appositive: "Her mother, Fatemah, tweeted" -> the phrase before the first comma.
        k = i - 1
        while k >= 0 and i - k <= 8 and toks[k].text != "," and toks[k].low not in NP_STOP:
            k -= 1
        if k >= 0 and toks[k].text == ",":
            i = k - 1
        else:
            return None
    end = i
    while i >= 0:
        t = toks[i]
        if t.low in NP_STOP or (an.verb_tag[i] not in (None,) and not t.text[:1].isupper()):
            # "an official from the organization", "the mayor of Aleppo": a post-modifier.
            if not (t.low in ("of", "from") and i < end):
                break
        if not (t.low[:1].isalnum() or t.text in ("'s", "-", "&", ".", "\u2019s", "'")):
            break
        if end - i >= 10:
            break
        i -= 1
    start = i + 1
    while start <= end and (toks[start].low in ("of", "from") or not toks[start].low[:1].isalnum()):
        start += 1
    if start > end:
        return None
    return start, end


# ---------------------------------------------------------------------------------------------
# The stage.


def _token_range(an: _Analysis, s: int, e: int) -> tuple[int, int]:
    """Tokens ``ti..tj-1`` covering ``[s, e)``; a date inside a token ("17" in "1915-17") gets
    that token. Always ``0 <= ti < tj <= len(tokens)`` when there are tokens."""
    toks = an.tokens
    if not toks:
        return 0, 0
    starts = an.starts
    ti = max(0, bisect.bisect_right(starts, s) - 1)
    if toks[ti].end <= s and ti + 1 < len(toks):
        ti += 1
    tj = max(bisect.bisect_left(starts, e), ti + 1)
    return ti, min(tj, len(toks))


def extract_events(text: str, sentences: Sequence[Sentence], published: dt.date | None) -> list[Event]:
    """Find date mentions and the clauses they date, anchored on ``published``.

    One Event per DATE/TIME mention (durations and sets excluded), with the clause, the actor
    (subject noun phrase) and the action (head verb) of the event it dates; ``actor``/``action``
    are None when no verb governs the date (headlines, datelines, lists).
    """
    starts = [s.start for s in sentences]
    cache: dict[int, _Analysis] = {}
    chosen: dict[int, tuple[int, int | None]] = {}

    def sentence_of(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and sentences[k].start <= pos < sentences[k].end:
            return k
        return None

    def analysis(k: int) -> _Analysis:
        an = cache.get(k)
        if an is None:
            an = cache[k] = _analyse(text, sentences[k])
        return an

    def tense(s: int, e: int) -> Tense:
        k = sentence_of(s)
        if k is None:
            return "unknown"
        an = analysis(k)
        ti, tj = _token_range(an, s, e)
        head = _governing(an, ti, tj)
        noun = _event_noun(an, ti, tj)
        chosen[s] = (k, head if noun is None else noun)
        if head is None:
            return "unknown"
        t = _group_at(an, head).tense
        # The verb's tense says when the event happened only for an adjunct date ("on Tuesday",
        # "entered ... Nov. 27", "said Tuesday"); deadlines and modifiers ("until Nov. 20",
        # "payable Dec. 7", "the Jan. 14 deadline") keep their own, nearest reading.
        prev = an.tokens[ti - 1].low if ti > 0 else ""
        if prev in ("since", "ago"):
            return "past"
        prev2 = an.tokens[ti - 2].low if ti > 1 else ""
        if (
            prev in OPEN_ENDED_BEFORE
            or (prev2 == "ahead" and prev == "of")
            or (ti > 2 and an.tokens[ti - 3].low == "as" and prev == "as")
        ):
            if t == "past" and any(w.low == "had" for w in an.tokens[max(0, head - 4) : head]):
                return "past"  # "Until Thursday, they had not called him a suspect"
            return "deadline"  # "until Tuesday", "as early as Friday"
        if prev in RANGE_BEFORE or (prev in DETERMINERS and prev not in ("this", "that")):
            return "unknown"
        if an.tokens[head].low in SCHEDULE_VERBS:
            return "future"  # "planned a rally on Saturday", "has scheduled a news conference Thursday"
        if t in ("present", "unknown") and an.tokens[head].low in TIMETABLE_VERBS and _group_at(an, head).first == head:
            return "future"  # a timetable: "The talks begin Monday", "Voting ends Sunday"
        if t == "past" and head < ti and any(_to_later_event(an, x) for x in range(head + 1, ti - 1)):
            # The date belongs to what the past verb sets in motion, not to the verb: "subpoenaed
            # him to testify on Feb. 10", "invited them to a ceremony on March 12".
            return "unknown"
        return t

    events: list[Event] = []
    for tx in find_timexes(text, published, tense=tense):
        events.append(_event(text, sentences, tx, chosen.get(tx.start), analysis))
    return events


def _event(
    text: str,
    sentences: Sequence[Sentence],
    tx: Timex,
    choice: tuple[int, int | None] | None,
    analysis: Callable[[int], _Analysis],
) -> Event:
    date = Span.of(text, tx.start, tx.end)
    if choice is None:
        return Event(
            date,
            date,
            tx.value,
            tx.period_start,
            tx.period_end,
            None,
            None,
            round(tx.confidence * 0.7, 3),
            tx.rule,
            tx.type,
        )
    k, head = choice
    an = analysis(k)
    sent = sentences[k]
    ti, tj = _token_range(an, tx.start, tx.end)
    actor: Span | None = None
    actor_kind: ActorType | None = None
    action: Span | None = None
    lo, hi = ti, tj - 1
    conf = tx.confidence
    if head is not None:
        group = _group_at(an, head)
        action = Span.of(text, an.tokens[head].start, an.tokens[head].end)
        lo, hi = min(lo, group.first), max(hi, head)
        # A nominal event ("the Aug. 2 invasion") has no subject of its own here.
        ar = _actor(an, group, (ti, tj)) if an.verb_tag[head] is not None else None
        if ar is not None:
            # The subject is the actor only when it is an entity: never an adverb, a verb
            # fragment or a quantity (it still bounds the clause); a phrase right after a
            # preposition is its object, no subject ("vehicles for sale in the U.S. to grow").
            phrase = Span.of(text, an.tokens[ar[0]].start, an.tokens[ar[1]].end)
            after_prep = ar[0] > 0 and an.tokens[ar[0] - 1].low in PREPOSITIONS | OBJECT_PREPOSITIONS
            kind = None if after_prep else actor_type(phrase.text, opens_sentence=_opens_sentence(an, ar[0]), text=text)
            if kind is not None:
                actor, actor_kind = phrase, kind
            lo = min(lo, ar[0])
    else:
        conf *= 0.7
    # Widen to the clause boundaries around the date and its verb.
    cids = an.clause_id
    if not cids:
        return Event(
            date, date, tx.value, tx.period_start, tx.period_end, actor, action, round(conf, 3), tx.rule, tx.type,
            actor_kind,
        )
    lo, hi = min(max(lo, 0), len(cids) - 1), min(max(hi, 0), len(cids) - 1)
    c_lo, c_hi = cids[lo], cids[hi]
    # (At most CLAUSE_REACH tokens each way: a clause is short; a run-on line must stay linear.)
    stop_lo, stop_hi = max(0, lo - CLAUSE_REACH), min(len(cids) - 1, hi + CLAUSE_REACH)
    while lo > stop_lo and c_lo <= cids[lo - 1] <= c_hi and an.tokens[lo - 1].text not in CLAUSE_PUNCT:
        lo -= 1
    while hi < stop_hi and cids[hi + 1] <= c_hi and an.tokens[hi + 1].text not in CLAUSE_PUNCT:
        hi += 1
    while hi > lo and an.tokens[hi].text in (",", ".", ";", ":", "!", "?"):
        hi -= 1
    cs = an.tokens[lo].start if an.tokens else sent.start
    ce = an.tokens[hi].end if an.tokens else sent.end
    cs, ce = min(cs, tx.start), max(ce, tx.end)
    clause = Span.of(text, cs, ce)
    return Event(
        clause, date, tx.value, tx.period_start, tx.period_end, actor, action, round(conf, 3), tx.rule, tx.type,
        actor_kind,
    )


def published_from_text(text: str) -> dt.date | None:
    """A publication date stated in the text, e.g. CNN's "Updated 2034 GMT (0434 HKT) December 14,
    2016", "Published: 14 December 2016", "Posted on Dec. 14, 2016". Scope: the first 3,000
    characters; only explicit, full dates next to a publication cue."""
    head = text[:3000]
    for m in _PUBLISHED.finditer(head):
        for tx in find_timexes(head, None, start=m.end(), end=min(len(head), m.end() + 80)):
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?", tx.value):
                return dt.date.fromisoformat(tx.value[:10])
    return None


_PUBLISHED = re.compile(r"\b(?:Updated|Published|Posted|Last updated|First published|Dateline|Date)\b:?", re.IGNORECASE)
