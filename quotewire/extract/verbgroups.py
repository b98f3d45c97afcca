"""Sentence analysis for the events stage: tokens, coarse verb tags and verb groups with their tense.

Scope: one sentence at a time, rules only (no tagger or parser). Verbs are recognised from a
lexicon of word forms that TimeML annotators marked as verbal events (``event_verbs.tsv``), plus
irregular past forms and ``-ed`` morphology; a word right after a determiner is a noun. A verb
group is the main verb with the auxiliaries, fillers and manner adverbs before it ("has also
said", "was completely destroyed", "will vote"); its tense chooses the past or future reading of
year-less dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotewire.extract.event_words import (
    AUX_FUTURE,
    AUX_PAST,
    AUXILIARIES,
    CLAUSE_OPENERS,
    CLAUSE_PUNCT,
    DETERMINERS,
    GROUP_FILLERS,
    INFINITIVE_BEFORE_TO,
    ING_MODIFIERS,
    INTENT_BEFORE_TO,
    IRREGULAR_PAST,
    LY_NOUNS,
    MODALS,
    NOT_VERBS,
    PERIOD_NOUNS,
    PRONOUNS,
    QUANTIFIERS,
    SCHEDULED_MOVES,
    TIMETABLE_VERBS,
    TOKEN,
    VERBS,
)
from quotewire.extract.model import Sentence
from quotewire.extract.timex import Tense

# Words after which "last" belongs to a date, not to the verb "to last".
_PERIOD_WORDS = frozenset(
    """year week month night weekend spring summer fall autumn winter quarter time january february
    march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday""".split()
)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class Group:
    first: int  # token index of the first word of the verb group
    head: int  # token index of the main verb
    tense: Tense


@dataclass(slots=True)
class Analysis:
    tokens: list[Tok]
    verb_tag: list[str | None]
    clause_id: list[int]
    starts: list[int] = field(default_factory=list)  # token start offsets (for bisect)
    heads: list[int] = field(default_factory=list)  # main-verb token indices, ascending


# ---------------------------------------------------------------------------------------------
# Sentence analysis.


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN.finditer(text, start, end)]


def _may_precede_participle(t: Tok) -> bool:
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


def _verb_tag(toks: list[Tok], i: int) -> str | None:
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
    if w in ("last", "next") and i + 1 < len(toks) and toks[i + 1].low in _PERIOD_WORDS:
        return None  # part of a date: "in July last year", "June last year"
    # Capitalised words inside a sentence are names ("Said", "Rose", "March").
    if t.text[:1].isupper() and i > 0 and toks[i - 1].text not in ('"', "\u201c", "(", ":"):
        return None
    # A relative "which" after a comma opens a clause whose verb follows ("the stock, which
    # closed Friday at $71.75"); elsewhere "which" is a determiner ("which company").
    relative = prev in ("which", "that") and i >= 2 and toks[i - 2].text == ","
    if (
        (prev in DETERMINERS and not relative)
        or (prev in QUANTIFIERS and not _adverbial_first(toks, i))
        or (prev[:1].isdigit() and not _reduced_relative(toks, i) and not _after_day_of_month(toks, i))
        or (prev == "to" and w.endswith("ed"))
    ):
        return None  # "the attack", "886 million shares", "its plans": nouns
    if i >= 2 and prev in ING_MODIFIERS and toks[i - 2].low in DETERMINERS:
        return None  # "the winning design", "the opening ceremony": a noun after a participle
    if w.endswith("ing") and i > 0 and not _may_precede_participle(toks[i - 1]):
        return None  # a gerund or noun: "in composite trading yesterday", "Exchange trading"
    tag = VERBS.get(w)
    if tag in ("base", "pres") and prev in ("'s", "\u2019s"):
        return None  # a noun after a possessive: "Sunday's visit", "the firm's plan"
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
    if w in SCHEDULED_MOVES and w.endswith("s"):
        return "pres"  # "The president leaves Friday for Tokyo" (a noun would follow a determiner)
    if prev == "to" and i >= 2 and toks[i - 2].low in INTENT_BEFORE_TO | INFINITIVE_BEFORE_TO and w not in PRONOUNS:
        return "base"  # "decided to admit", "plans to visit": an infinitive the lexicon did not know
    return None


# Month names before a day number ("as of Sept. 30 fell": the number is a day, not a count).
_MONTH_WORDS = frozenset(
    """jan january feb february mar march apr april may june jun july jul aug august sep sept
    september oct october nov november dec december""".split()
)


def _adverbial_first(toks: list[Tok], i: int) -> bool:
    """ "first" used as an adverb before a past verb ("the leader first raised those worries"),
    not as an ordinal after a determiner ("the first reported case")."""
    w = toks[i].low
    return (
        toks[i - 1].low == "first"
        and (i < 2 or toks[i - 2].low not in DETERMINERS)
        and (w in IRREGULAR_PAST or (len(w) >= 5 and w.endswith("ed")))
    )


def _after_day_of_month(toks: list[Tok], i: int) -> bool:
    """Whether the number before token ``i`` is the day of a month-day ("Sept. 30 fell")."""
    j = i - 2
    if j >= 1 and toks[j].text == ".":
        j -= 1  # "Sept" "." "30"
    return j >= 0 and toks[j].text[:1].isupper() and toks[j].low.rstrip(".") in _MONTH_WORDS


def _reduced_relative(toks: list[Tok], i: int) -> bool:
    """A past participle after a count and before a preposition: "254,200 bought from Sept. 14",
    "300 arrested in the raid" (the count's verb, not a noun it counts)."""
    w = toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    past = w in IRREGULAR_PAST or VERBS.get(w) == "past" or (len(w) >= 5 and w.endswith("ed"))
    return past and nxt in ("from", "in", "on", "at", "since", "by", "during", "between")


def analyse(text: str, sent: Sentence) -> Analysis:
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
    an = Analysis(toks, tags, clause, [t.start for t in toks])
    an.heads = _heads(an)
    return an


def group_at(an: Analysis, head: int) -> Group:
    """The verb group ending at ``head``: auxiliaries and fillers before it, and its tense."""
    toks, tags = an.tokens, an.verb_tag
    first = head
    j = head - 1
    while j >= max(0, head - 8) and (
        tags[j] == "aux"
        or toks[j].low in GROUP_FILLERS
        or toks[j].low in _FREQUENCY
        or toks[j].low in ("to", "going")
        or is_adverb(toks[j])
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
    return Group(first, head, tense)


def _heads(an: Analysis) -> list[int]:
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
            # (Manner and frequency adverbs too: "has often claimed", "is indefinitely suspending".)
            while j < n and (toks[j].low in GROUP_FILLERS or toks[j].low in _FREQUENCY or is_adverb(toks[j])):
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


# Frequency adverbs that may sit inside a verb group ("has often claimed").
_FREQUENCY = frozenset("often always usually sometimes seldom rarely".split())


def is_adverb(t: Tok) -> bool:
    """A manner adverb inside a clause ("openly", "completely"): never part of the subject."""
    return t.text.islower() and len(t.low) > 4 and t.low.endswith("ly") and t.low not in LY_NOUNS
