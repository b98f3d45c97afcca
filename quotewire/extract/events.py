"""Dated events: temporal expressions normalized to TIMEX3 values, with their clause.

Scope: English news prose. For each DATE/TIME expression found by ``quotewire.extract.timex`` this stage
finds the event it dates, with rules only (no tagger or parser):

- the *action* is the head verb of the verb group governing the date: the nearest verb before
  it in its clause ("entered Aleppo on November 27"), or the verb right after it when the date
  opens the clause or sits between subject and verb ("Erdogan on Wednesday accused"); when the
  date modifies an event noun ("its Aug. 2 invasion", "a news conference today", "a mission in
  December") the action is that noun, and the actor is left empty;
- the *actor* is the subject of that verb group ("The Syrian regime"; through an appositive,
  a relative pronoun, an infinitive or a coordination: "Her mother, Fatemah, tweeted" -> "Her
  mother") when ``actors`` can type it as a person, an organisation or a place, else None;
- the *clause* runs between clause boundaries (";", dashes, brackets, or a comma followed by a
  subordinator/relative) around the date and its verb.

Verbs and verb groups come from ``verbgroups`` (a lexicon of word forms that TimeML annotators
marked as verbal events, ``event_verbs.tsv``, plus morphology). The tense of the verb group
("will vote", "has entered", "tweeted") chooses the past or future reading of year-less dates,
whatever their distance to the publication date; a deadline ("until Tuesday", "by Nov. 20") or
a modifier ("the Jan. 14 deadline") keeps its own nearest reading; a past verb sending someone
to a later event ("subpoenaed him to testify on Feb. 10") does not date it; a timetable present
("The talks begin Monday") is future. One Event per date mention; durations and sets are not emitted.
Datelines ("WASHINGTON, March 12 (Reuters) --") are emitted like any date, without an action.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence

from quotewire.extract.actors import ActorType, actor_type, subject
from quotewire.extract.event_words import (
    CLAUSE_PUNCT,
    CLAUSE_REACH,
    DETERMINERS,
    EVENT_NOUNS,
    GATHERINGS,
    GROUP_FILLERS,
    OBJECT_PREPOSITIONS,
    OPEN_ENDED_BEFORE,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    RANGE_BEFORE,
    SCHEDULE_VERBS,
    SCHEDULED_MOVES,
    TIMETABLE_VERBS,
)
from quotewire.extract.model import Event, Sentence, Span
from quotewire.extract.timex import Tense, Timex, find_timexes
from quotewire.extract.verbgroups import Analysis, analyse, group_at

log = logging.getLogger(__name__)


def _is_event_noun(w: str) -> bool:
    """An event noun of the lexicon, its plural, or a nominalisation ("bombings", "blasts",
    "investigation"); used only right after a date that modifies it ("the Aug. 7 bombings")."""
    return (
        w in EVENT_NOUNS
        or (w.endswith("s") and w[:-1] in EVENT_NOUNS)
        or (len(w) > 6 and w.endswith(("tion", "tions", "sion", "sions", "ings")))
    )


def _event_noun(an: Analysis, ti: int, tj: int) -> int | None:
    """Token index of an event noun the date tokens ``ti..tj-1`` modify (None when none)."""
    toks = an.tokens
    if not toks or ti >= len(toks) or tj > len(toks):
        return None
    # A date modifying an event noun dates that noun: "its Aug. 2 invasion", "the November 1995
    # assassination", "Saturday night's debate".
    possessive = tj > 0 and toks[tj - 1].low.endswith(("'s", "\u2019s"))
    # ("a scheduled Dec. 15 imposition": a participle between the determiner and the date.)
    modified = ti > 1 and toks[ti - 1].low.endswith("ed") and toks[ti - 2].low in DETERMINERS
    # (The determiner may be inside the date's own span: "its third-quarter loss".)
    if possessive or modified or toks[ti].low in DETERMINERS or (
            ti > 0 and (toks[ti - 1].low in DETERMINERS or toks[ti - 1].low in ("'s", "\u2019s"))):
        for k in (tj, tj + 1):
            if k < len(toks) and _is_event_noun(toks[k].low):
                return k
            if k < len(toks) and (an.verb_tag[k] is not None or not toks[k].low[:1].isalpha()):
                break
    # A hyphenated date used as an adjective dates the result or event noun it modifies, with
    # at most two modifiers between: "reported third-quarter net income", "compared with
    # year-earlier profit", "third-quarter results".
    if tj - ti == 1 and _ADJECTIVAL_DATE.fullmatch(toks[ti].low):
        for k in range(tj, min(len(toks), tj + 3)):
            if toks[k].low in _RESULT_NOUNS or _is_event_noun(toks[k].low):
                return k
            if an.verb_tag[k] is not None or not toks[k].low[:1].isalpha():
                break
    # An event noun right before the date, or before its preposition, is what the date dates:
    # "a news briefing today", "a mission in December", "his capture on March 26".
    k = ti - 1
    if k >= 0 and toks[k].low in _DATED_ADJECTIVES:
        return k  # "debentures due March 1, 2011", "is payable Jan. 2": the adjective is the event
    # ("for": "a net loss of $8.1 million ... for the third quarter", "earnings for the year".)
    if k >= 0 and toks[k].low in ("on", "in", "at", "during", "since", "from", "of", "for"):
        k -= 1
    if (
        k >= 0
        and toks[k].low in EVENT_NOUNS
        and (k == 0 or toks[k - 1].low != "to")
        and not _object_of_verb(an, k)
    ):
        # (A gerund of the lexicon too: TimeML dates "trading" in "rose 6 pence in early trading
        # yesterday"; measured on TimeBank+AQUAINT, event links 0.614 -> 0.618.)
        return k
    # A result and its amount: "a loss of $3 million last year", "net income of $5.5 million, or
    # 20 cents a share, for the quarter".
    x = k
    while x >= 0 and k - x <= 12 and (toks[x].low in _AMOUNT_WORDS or toks[x].low[:1].isdigit()
                                      or not toks[x].low[:1].isalnum()):
        x -= 1
    if x < k and x >= 0 and toks[x].low in _RESULT_NOUNS and toks[x + 1].low == "of":
        return x
    return None


def _predicate(an: Analysis, head: int) -> int | None:
    """The predicate a copula heads, which TimeML marks as the event: "business was weak during
    the quarter", "rates were lower than a year ago", "the notes will be due on Nov. 1"; None
    for any other verb. ("have" + a result noun was tried: "had a loss ... for the quarter" is
    annotated on "had" as often as on "loss"; event links 0.6467 -> 0.6456.)"""
    toks = an.tokens
    if toks[head].low not in _COPULAS:
        return None
    k = head + 1
    while k < len(toks) and (toks[k].low in GROUP_FILLERS or toks[k].low in _DEGREE):
        k += 1
    if k >= len(toks) or an.verb_tag[k] is not None:
        return None  # "has been", "was killed": a verb group, not a predicate
    # A bare adjective or noun right after the copula ("was weak", "is flat", "were lower"),
    # not a phrase whose head is further on ("is joint venture partner").
    t = toks[k]
    if not (t.text.isalpha() and t.text.islower()) or t.low in DETERMINERS | PREPOSITIONS | PRONOUNS | QUANTIFIERS:
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.text.isalpha() and nxt.text.islower() and nxt.low not in PREPOSITIONS | OBJECT_PREPOSITIONS | _LINKS:
        return None
    return k


_COPULAS = frozenset("is are was were be been being am".split())
# Degree words between a copula and its adjective ("much lower", "so weak").
_DEGREE = frozenset("much very so too far slightly sharply somewhat".split())
_LINKS = frozenset("and or than but".split())


def _object_of_verb(an: Analysis, k: int) -> bool:
    """Is the noun at ``k`` the object of the verb before its noun phrase ("told a news conference
    on Tuesday", "signed an economic cooperation plan Friday")? Then the date goes with the verb
    (TimeML anchors it there), not with the noun."""
    toks = an.tokens
    x = k - 1
    while x >= 0 and k - x <= 5 and an.verb_tag[x] is None and (
            toks[x].low in DETERMINERS or (toks[x].low[:1].isalpha() and toks[x].low not in PREPOSITIONS)):
        x -= 1
    return x >= 0 and an.verb_tag[x] is not None


# Financial results reported with an amount ("a loss of $3 million").
_RESULT_NOUNS = frozenset("loss losses profit profits earnings income gain gains sales revenue revenues".split())
_AMOUNT_WORDS = frozenset("of a an or million billion trillion cents cent share shares per percent us".split())
# A date written as one hyphenated adjective: "third-quarter", "year-earlier", "year-ago".
_ADJECTIVAL_DATE = re.compile(r"[a-z0-9]+-(?:quarter|half|year|month|week|earlier|ago)")
# Predicate adjectives that TimeML annotates as the event a date dates ("due", "payable").
_DATED_ADJECTIVES = frozenset("due payable effective".split())


def _to_later_event(an: Analysis, x: int) -> bool:
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


def _governing(an: Analysis, ti: int, tj: int) -> int | None:
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
    if not opens_clause and an.tokens[k].low == "that" and k > 0 and an.verb_tag[k - 1] is not None:
        # A complement clause opened by "that" after a verb: "Intel said that last week a
        # customer discovered two flaws" (the date is the customer's, not the saying's).
        opens_clause = True
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


# ---------------------------------------------------------------------------------------------
# The stage.


def _token_range(an: Analysis, s: int, e: int) -> tuple[int, int]:
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
    cache: dict[int, Analysis] = {}
    # Per date start: sentence index, action token, and the verb whose subject is the actor.
    chosen: dict[int, tuple[int, int | None, int | None]] = {}

    def sentence_of(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and sentences[k].start <= pos < sentences[k].end:
            return k
        return None

    def analysis(k: int) -> Analysis:
        an = cache.get(k)
        if an is None:
            an = cache[k] = analyse(text, sentences[k])
        return an

    def tense(s: int, e: int) -> Tense:
        k = sentence_of(s)
        if k is None:
            return "unknown"
        an = analysis(k)
        ti, tj = _token_range(an, s, e)
        head = _governing(an, ti, tj)
        noun = _event_noun(an, ti, tj)
        pred = _predicate(an, head) if noun is None and head is not None else None
        if pred is not None:
            # The predicate is the event; the copula's (or "have"'s) subject is its actor.
            chosen[s] = (k, pred, head)
        else:
            chosen[s] = (k, head if noun is None else noun, head if noun is None else noun)
        if head is None:
            return "unknown"
        t = group_at(an, head).tense
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
        if (
            t in ("present", "unknown")
            and an.tokens[head].low in TIMETABLE_VERBS | SCHEDULED_MOVES
            and group_at(an, head).first == head
        ):
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
    choice: tuple[int, int | None, int | None] | None,
    analysis: Callable[[int], Analysis],
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
    k, head, verb = choice
    an = analysis(k)
    sent = sentences[k]
    ti, tj = _token_range(an, tx.start, tx.end)
    actor: Span | None = None
    actor_kind: ActorType | None = None
    action: Span | None = None
    lo, hi = ti, tj - 1
    conf = tx.confidence
    if head is not None:
        verb = head if verb is None else verb
        group = group_at(an, verb)
        action = Span.of(text, an.tokens[head].start, an.tokens[head].end)
        lo, hi = min(lo, group.first), max(hi, head, verb)
        # A nominal event ("the Aug. 2 invasion") has no subject of its own here; a predicate
        # ("business was weak") has its copula's.
        ar = subject(an, group, (ti, tj)) if an.verb_tag[verb] is not None else None
        if ar is not None:
            # The subject is the actor only when it is an entity: never an adverb, a verb
            # fragment or a quantity (it still bounds the clause); a phrase right after a
            # preposition is its object, no subject ("vehicles for sale in the U.S. to grow").
            phrase = Span.of(text, an.tokens[ar[0]].start, an.tokens[ar[1]].end)
            after_prep = ar[0] > 0 and an.tokens[ar[0] - 1].low in PREPOSITIONS | OBJECT_PREPOSITIONS
            kind = None if after_prep else actor_type(phrase.text, text)
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
