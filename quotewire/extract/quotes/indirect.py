"""Indirect quotes at a cue verb: ``X said (that) ...`` and its postposed, passive and shared-subject forms.

Scope: ``_indirect`` and the rule functions it tries in order: ``_passive_by`` ("was rejected
by X"), ``_postposed_inverted`` ("..., said X."), ``_participle`` ("..., adding that ..."),
``_subjectless`` (``_coordinated`` "X said A and called B", ``_coordinated_list`` "X suggested
A, called B and left", ``_say_no_subject`` "by saying that ..."), ``_postposed`` ("..., X
said." and the ``parenthetical`` "A, X said, B"), ``_accuse_object`` ("X accused Y of ...",
"X endorsed Trump"), ``_say_clause`` ("X said that ...", "X told reporters ..."); also
``_relative_said`` ("the fees, which officials said will rise"). Cues that are fixed phrases
("according to", "X's claim that") are in ``phrase_cues``.
"""

from __future__ import annotations

from quotewire.extract.quotes.content import _content_forward, _content_ok, _strip_time_tail
from quotewire.extract.quotes.inverted import _np_after
from quotewire.extract.quotes.lexicons import (
    AS_VERBS,
    BELIEF_VERBS,
    CUE_RATE,
    DETERMINERS,
    FINITE_VERBS,
    SPEAKER_NOUNS,
    SUBJECT_PRONOUNS,
)
from quotewire.extract.quotes.mentions import (
    _clause_subject,
    _opening_subject,
    _statement_issuer,
    _subject_before,
)
from quotewire.extract.quotes.tokens import (
    _CUES,
    ADDRESSEES,
    ADJUNCT_PREPS,
    CLAUSE_TAILS,
    NOT_CONTENT,
    NOUN_SIGNS,
    TIME_WORDS,
    _Cand,
    _cue_word,
    _modifier,
    _Tok,
)

# Finite verbs completed by an -ing cue whose subject speaks ("avoids condemning", "kept calling").
CATENATIVE_VERBS = frozenset(
    """avoids avoided avoid keeps kept keep continues continued continue began begins begin started
    starts stopped stops quit resumed resumes risked risks""".split()
)
# Impression verbs: "X seemed to ...", "X is expected to ..." attribute no speech to X.
SOURCELESS_VERBS = frozenset("seemed seems appeared appears expected".split())
# Words right before a speech verb that has no subject of its own ("to say", "by saying").
SAY_FRAMES = frozenset("to by while after before when in from without".split())
# Words that end a noun-phrase object of an action cue ("backing Clinton because ...").
OBJECT_ENDS = frozenset("because while although though since whereas unless".split())
# Words opening a subordinate clause before the main clause ("While X condemned Y, ...").
SUBORDINATORS = frozenset("while when although though as after before since because if once whereas".split())
# Prepositions completing a cue verb ("called for", "talked about", "referred to", "railed against").
CUE_PARTICLES = frozenset("for about to of on against with".split())


def _indirect(toks: list[_Tok], c: int, n: int, w: str, object_cue: bool = False) -> _Cand | None:
    """``X said (that) ...`` / ``..., X said.`` / ``..., said X.`` / ``X accused Y of ...``.

    ``object_cue`` treats ``w`` as an object-taking cue (a phrasal cue: "spoke about X").
    The rules below are tried in this order, the first whose shape holds decides: noun and
    phrasal-verb guards, ``_passive_by``, ``_postposed_inverted``, ``_participle``, then the
    cue's subject (``_cue_subject``; none: ``_subjectless``), ``_postposed`` /
    parenthetical, ``_accuse_object`` for object-taking cues, else ``_say_clause``.
    """
    lex = _CUES.get()
    if c + 1 < n and toks[c + 1].low in NOUN_SIGNS:
        if w in lex.say:
            return _relative_said(toks, c, n)
        return None  # a noun ("his comments came", "Everything Trump says is a lie")
    if c + 1 < n and toks[c + 1].low in ("off", "away", "down", "up", "back", "into"):
        return None  # a phrasal verb of action ("backed off", "pushed up")
    if c + 2 < n and toks[c + 1].low in ("it", "them") and toks[c + 2].low in ("off", "away", "down", "up", "back", "out"):
        return None  # the same with a pronoun object ("picked it up and crowed, ...")
    if w in lex.learned and (c + 1 >= n or not toks[c + 1].word or toks[c + 1].low in CLAUSE_TAILS):
        # "Of the members polled, 57 said ...", "He laughed when asked ...": a learned form
        # with no complement of its own reports nothing.
        return None
    if w in NOUN_VERB_FORMS and c > 0 and _noun_use(toks, c, n):
        return None  # "Obama's support across Florida", "her broad support among ...": a noun
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
        return _passive_by(toks, c, n, w, b, cue)
    prior = CUE_RATE.get(w, 0.6)
    # Inverted postposed: "CONTENT, said X."
    if c > 2 and toks[c - 1].text == "," and w in lex.say and not w.endswith("ing"):
        cand = _postposed_inverted(toks, c, n, cue, prior)
        if cand is not None:
            return cand
    if w.endswith("ing") and c > 0 and (toks[c - 1].text in ",\u2014" or _comma_at(toks, c - 1)):
        # "..., adding that ...": subject is the clause's speaker (filled in by the caller).
        return _participle(toks, c, n, w, cue, prior)
    np, catenative, issued = _cue_subject(toks, c, w)
    if (np is None or (np[0] > 0 and toks[np[0] - 1].low == "of")) and not w.endswith("ing") and w not in lex.learned:
        # Not a learned form: after a count it is mostly an adjective ("58% of registered voters").
        # A count before "of" heads the subject ("two-thirds of the members think ...").
        count = _quantity_subject(toks, c)
        if count is not None and (np is None or count[0] < np[0] <= count[1]):
            np = count
    if w in BELIEF_VERBS and np is None:
        return None  # "to think that ...", "by believing ...": a belief needs its believer
    if w in BELIEF_VERBS and toks[c - 1].low.endswith(_ADJECTIVE_ENDINGS) and not toks[c - 1].cap:
        return None  # "beyond a reasonable doubt": after an adjective the word is a noun
    if np is None:
        return _subjectless(toks, c, n, w, cue, prior)
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
    # A "that" of the cue's own complement blocks the postposed reading; one inside a participle
    # clause after a comma ("..., Lohmar said, adding that more charges are possible") does not.
    own = rest[:8]
    for k in range(len(own) - 1):
        if own[k].text == "," and own[k + 1].low.endswith("ing") and own[k + 1].low in lex.verbs:
            own = own[:k]
            break
    if (w in lex.say or tell_only) and np[0] >= 3 and comma_before and not any(t.low == "that" for t in own):
        cand = _postposed(toks, c, n, np, mention, cue, prior, rest, before, tell_only)
        if cand is not None or not rest:
            return cand  # nothing after the cue: no forward content to report either
    if object_cue or (w in lex.act and w not in lex.say):
        return _accuse_object(toks, c, n, w, cue, mention, prior, object_cue)
    if w in BELIEF_VERBS and not _belief_clause(toks, c, n):
        # A belief is attributed as a clause ("Economists believe this provides ..."): "People
        # believe it", "thinks of X", "felt sick" report no held proposition.
        return None
    return _say_clause(toks, c, n, w, cue, mention, prior)


_ADJECTIVE_ENDINGS = ("able", "ible", "ous", "ful", "ive", "ical", "less")


# Words after a belief verb that open no reported clause: an object pronoun ("believe it"; not
# "her", also a possessive: "suspected her deputy had ..."), a degree or manner word ("think
# so", "thought otherwise").
_NO_BELIEF_CLAUSE = frozenset("it him them me us so otherwise again twice hard".split())
# Words that open a clause's subject ("thinks this provides", "believe those who ...").
_SUBJECT_OPENERS = frozenset("this these those there".split())


def _belief_clause(toks: list[_Tok], c: int, n: int) -> bool:
    """Whether the belief verb at ``c`` takes a clause: "that ...", or three or more words whose
    first opens a subject (a name, a pronoun, a determiner) or with a finite verb among the next
    five ("thinks Trump will win", "believe costs will rise"; not "believes in God", "thought
    so", "believe it", "felt sick after the drive")."""
    rest = [t for t in toks[c + 1 : c + 7] if t.word]
    if not rest or rest[0].low in _NO_BELIEF_CLAUSE or rest[0].low in NOT_CONTENT or rest[0].low.endswith("ly"):
        return False
    if rest[0].low == "that":
        return True
    first = rest[0]
    opens = first.cap or first.text[:1].isdigit() or first.low in SUBJECT_PRONOUNS | DETERMINERS | _SUBJECT_OPENERS
    return len(rest) >= 3 and (opens or any(t.low in FINITE_VERBS for t in rest[1:5]))


# Words that open a counted group of respondents ("42% say", "58 percent of Latino voters
# said", "Many in the crowd said", "All but two said", "a majority of voters supported").
QUANTITY_HEADS = frozenset(
    """percent per % majority plurality minority half third thirds quarter quarters fourths fifths
    most many some few all none""".split()
)
# Words that may come before a quantity in its phrase ("about two-thirds", "more than half").
QUANTITY_LEAD = frozenset("about nearly almost roughly only just more less than over under a an the fully".split())
# Words after which a quantity opens the cue's clause ("..., and 26% say", "But 58 percent said").
CLAUSE_OPENERS = frozenset(", ; : \u2014 and but while whereas yet".split())


def _is_quantity(t: _Tok) -> bool:
    """A quantity word, also as the last part of a compound ("most", "percent", "two-thirds")."""
    return t.low in QUANTITY_HEADS or t.low.rsplit("-", 1)[-1] in QUANTITY_HEADS


def _quantity_subject(toks: list[_Tok], c: int) -> tuple[int, int] | None:
    """A counted group of people as the subject of the cue at ``c`` ("26% say they are
    conservative", "75 percent of Democrats said yes", "Many in the crowd said ...").

    Polls report what shares of respondents say, think or support; the subject finder reads
    names and noun phrases, not "42%" or "All but two". The phrase runs from the clause opening
    (sentence start, a comma, "and", "but") to the cue, holds a quantity word or a number among
    its first three words, and no verb-like word of its own (at most 10 words, no quotation).
    """
    b = c
    while b > 0 and (_modifier(toks[b - 1]) or toks[b - 1].low in ("overall", "polled", "surveyed", "asked")):
        b -= 1
    a = b
    while a > 0 and b - a < 10 and toks[a - 1].text not in CLAUSE_OPENERS and toks[a - 1].low not in CLAUSE_OPENERS:
        if toks[a - 1].quoted or toks[a - 1].text in ".!?()":
            break
        a -= 1
    if a == b or b - a > 10 or (a > 0 and toks[a - 1].text not in CLAUSE_OPENERS and toks[a - 1].low not in CLAUSE_OPENERS):
        return None
    head = [t for t in toks[a : min(b, a + 4)] if t.low not in QUANTITY_LEAD]
    if not head:
        return None
    first = head[0]
    if b - a == 1 and not first.text[:1].isdigit():
        return None  # "Most said no": a bare quantity word names no one
    if toks[a].low == "the" and first.low not in ("majority", "plurality", "minority"):
        return None  # "The most popular punching bag in golf said": a superlative, no count
    if not (first.text[:1].isdigit() or any(_is_quantity(t) for t in head[:3])):
        return None
    if first.cap and not _is_quantity(first) and not any(t.low in ("percent", "%") for t in head[:3]):
        return None  # "Republican majority leaders said": a name's phrase, not a count
    if any(t.low in FINITE_VERBS or t.low in _CUES.get().verbs for t in toks[a:b]):
        return None
    return (a, b)


# Cue forms that are also nouns ("support", "plans"): no cue after a possessor or "of", or
# before a preposition of their noun sense ("broad support among", "Latino support, faces").
NOUN_VERB_FORMS = frozenset("support supports plan plans".split())
POSSESSIVES = frozenset("his her their its our my your of".split())
NOUN_PREPS = frozenset("among across from within behind , . ;".split())


def _noun_use(toks: list[_Tok], c: int, n: int) -> bool:
    """Whether the cue form at ``c`` is a noun: after a possessive or "of" ("Trump's support",
    "base of support"), or before a preposition or punctuation of its noun sense ("tepid Latino
    support, faces ...", "her broad support among the party's power brokers")."""
    prev = toks[c - 1]
    if prev.low in POSSESSIVES or prev.low.endswith(("'s", "\u2019s")):
        return True
    return c + 1 < n and (toks[c + 1].low in NOUN_PREPS or toks[c + 1].text in NOUN_PREPS)


def _passive_by(toks: list[_Tok], c: int, n: int, w: str, b: int, cue: tuple[int, int]) -> _Cand | None:
    """``The plan was rejected by the council``: a passive cue (auxiliary before ``b``) with "by".

    The agent after "by" is the source, the subject before the auxiliary the content; "it was
    reported by X" has no content. PolNeAR marks these as attributions, at low precision.
    """
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


def _postposed_inverted(toks: list[_Tok], c: int, n: int, cue: tuple[int, int], prior: float) -> _Cand | None:
    """``CONTENT, said X.``: an inverted speech cue after a comma, its speaker after it.

    The speaker phrase must end the sentence or be followed by a comma or a short prepositional
    phrase ("said a spokesman for the ministry"); a determiner phrase longer than four words or
    one holding a verb is a reported clause ("..., said the harvest was late"), not a speaker.
    "The contrast, said Doyle and others, would be clear": the content resumes after it. Returns
    ``None`` when the shape does not hold (the other rules are tried next).
    """
    np = _np_after(toks, c + 1, n)
    tail = n - np[1] if np else 0
    if np and toks[np[0]].low in DETERMINERS and np[1] - np[0] > 4:
        np = None  # "..., said the spending numbers he saw were ...": a clause, not a speaker
    if np and any(toks[x].low in NOUN_SIGNS for x in range(np[0] + 1, np[1])):
        np = None  # "..., however, said the harvest was late": a reported clause
    if np and toks[np[0]].low in DETERMINERS and np[1] - np[0] > 2 and not toks[np[1] - 1].cap \
            and toks[np[1] - 1].low.endswith("ed"):
        np = None  # "The mayor, the city's top official, said the plan failed": a clause, not a speaker
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
    return None


def _participle(toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], prior: float) -> _Cand | None:
    """``..., adding that ...``: an -ing cue after a comma or dash reports for the clause's speaker.

    The content is the complement after the cue; the speaker (the clause's last one, or its
    opening subject) is filled in by the caller, so the mention is left empty here.
    """
    lex = _CUES.get()
    rng = _content_forward(toks, c, n, w)
    if rng is None or (w in lex.say and not _content_ok(toks, rng, w)):
        return None
    return _Cand("indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.85, "participle")


def _cue_subject(toks: list[_Tok], c: int, w: str) -> tuple[tuple[int, int] | None, bool, bool]:
    """The subject of the cue at ``c``: ``(token range or None, catenative, issued)``.

    "Trump avoids condemning ..." (catenative: the finite verb's subject speaks), "The town
    released a statement saying ..." (issued: the statement's issuer speaks), "footage of Trump
    saying ..." (the name right before a participle), else the noun phrase before the cue, or
    for a finite cue the whole clause-initial phrase (``_clause_subject``).
    """
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
    return np, catenative, issued


def _subjectless(toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], prior: float) -> _Cand | None:
    """A cue with no subject of its own: one of the three rules below, or no quote.

    ``X said A and called B`` (``_coordinated``), ``He suggested A, called B and left``
    (``_coordinated_list``), ``by saying that ...`` (``_say_no_subject``); the speaker is
    shared with an earlier cue of the clause, filled in by the caller.
    """
    lex = _CUES.get()
    b = c
    while b > 0 and _modifier(toks[b - 1]):
        b -= 1
    if (
        b > 0
        and toks[b - 1].low in ("and", "but", "or")
        # "..., calling it "X" and asserting that ...": a coordinated participle with a clause.
        and (not w.endswith("ing") or (w in lex.say and c + 1 < n and toks[c + 1].low == "that"))
    ):
        # "X said A and called B": the subject is shared (filled in from the clause). A learned
        # form after a speech cue's clause continues that clause ("Police said Emery abandoned
        # his pickup and tried to steal a car"): no attribution of its own.
        if w in lex.learned and any(_cue_word(t) in lex.speech for t in toks[max(0, b - 40) : b - 1]):
            return None
        return _coordinated(toks, c, n, w, cue, prior)
    if b > 2 and toks[b - 1].text == "," and w.endswith("ed") and not (c + 1 < n and toks[c + 1].low == "by"):
        # "He suggested A, called her "third-rate" and left": a list of verb phrases sharing
        # the subject of an earlier cue in the clause (filled in by the caller).
        return _coordinated_list(toks, c, n, w, cue, prior)
    if w in lex.say and not toks[c].cap and (b == 0 or toks[b - 1].low in SAY_FRAMES or w.endswith("ing")):
        # "rushing to TV to say he did not ...", "by saying that ...", "while saying that ...",
        # "making a pitch to voters saying a state law ...": a speech verb whose subject is
        # the clause's (or is out of reach); the complement is still the reported content.
        return _say_no_subject(toks, c, n, w, cue, prior)
    return None


def _coordinated(toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], prior: float) -> _Cand | None:
    """``X said A and called B``: a cue after "and" / "but" / "or" shares the earlier subject.

    Also "..., calling it "X" and asserting that ...": a coordinated participle with a clause.
    The content is the complement after the cue; the caller fills in the clause's speaker.
    """
    lex = _CUES.get()
    rng = _content_forward(toks, c, n, w)
    if rng is None or (w in lex.say and not _content_ok(toks, rng, w)):
        return None
    return _Cand(
        "indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, None, prior * 0.85, "coordinated"
    )


def _coordinated_list(toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], prior: float) -> _Cand | None:
    """``He suggested A, called her "third-rate" and left``: a past-tense cue after a comma.

    A list of verb phrases shares the subject of an earlier cue in the clause (filled in by the
    caller, which drops the candidate when the clause has none); an action cue's object ends
    before the next verb phrase of the list ("... and left").
    """
    lex = _CUES.get()
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


def _say_no_subject(toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], prior: float) -> _Cand | None:
    """``rushing to TV to say he did not ...`` / ``by saying that ...``: a speech verb without a subject.

    Its subject is the clause's (or out of reach); the complement is still the reported content,
    but only when a clause clearly opens there ("to say goodbye", "saying a word" are none).
    """
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
    # The clause ends before ", which ..." as after a subject's cue ("Attempts to confirm that
    # there were problems, which could raise costs, were stymied as staff said ...").
    rng = (rng[0], _clause_tail_cut(toks, rng))
    return _Cand(
        "indirect", [(toks[rng[0]].start, toks[rng[1] - 1].end)], cue, opening, prior * 0.7, "say_no_subject"
    )


def _postposed(
    toks: list[_Tok],
    c: int,
    n: int,
    np: tuple[int, int],
    mention: tuple[int, int],
    cue: tuple[int, int],
    prior: float,
    rest: list[_Tok],
    before: _Tok | None,
    tell_only: bool,
) -> _Cand | None:
    """``CONTENT, X said (on Tuesday).``: the content before a subject and cue after a comma.

    Postposed only when nothing but adjuncts follows the cue ("In Texas, voters said they were
    angry" has its content after the cue). The content starts after an earlier cue of the
    sentence, if any. ``A, he said, B`` (``parenthetical``): the attribution sits inside the
    content, which goes on after it. ``None`` when the shape does not hold.
    """
    lex = _CUES.get()
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
        # "..., Garland explained from Winnipeg.": where the speaker spoke from.
        or rest[0].low == "from"
    ):
        # '..., "loop-hole," she said': the closing mark after the comma stays in the content.
        end = np[0] if before is not None and before.quoted and not before.word else np[0] - 1
        start = 0
        # Content starts after an earlier cue of the same sentence, if any (not after a
        # passive inside the content: "only if he can be convinced that ..., Graham said"). A
        # learned form is no such cue: it is an ordinary verb or adjective of the content far
        # more often ("in the home they all shared, police said"; "a limited set of uses, he said").
        for x in range(end - 1, -1, -1):
            if (
                not toks[x].quoted
                and _cue_word(toks[x]) in lex.listed
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
    return None


def _accuse_object(
    toks: list[_Tok],
    c: int,
    n: int,
    w: str,
    cue: tuple[int, int],
    mention: tuple[int, int],
    prior: float,
    object_cue: bool,
) -> _Cand | None:
    """``X accused Y of ...`` / ``X endorsed Trump``: an action cue whose object is the content.

    A noun-phrase complement ends at the first comma or dash before a clause of its own, at a
    second verb phrase, a subordinate clause, or a final time adjunct; a preposition belonging
    to the cue ("called for a revolution") joins the cue. Phrasal cues (``object_cue``: "spoke
    about the need for ...") take the object right after their preposition.
    """
    lex = _CUES.get()
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
    if not object_cue and w not in SMALL_CLAUSE_CUES and w not in AS_VERBS:
        rng = (rng[0], _short_object_end(toks, rng[0], rng[1]))
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


# Object pronouns that are a whole noun phrase ("endorsed her", "opposed it").
OBJECT_PRONOUNS = frozenset("it him them me us her".split())
# Words opening an adjunct after a short object ("endorsed her in July", "attacked Machado in
# early-morning tweets"), or a dash aside; not a comma ("criticized Tulsa, Okla., police officer
# ...") and not "as" ("described him as a fraud" is one complement).
ADJUNCT_OPENERS = frozenset(
    """on in at during by after before from since over through via last this next yesterday today
    tonight earlier later again repeatedly twice monday tuesday wednesday thursday friday saturday
    sunday \u2014 \u2013 --""".split()
)
# Cues whose object takes a second complement ("called them "anchors"", "pressed him on taxes").
SMALL_CLAUSE_CUES = frozenset(
    """called calls calling call dubbed dubs labeled labelled branded named described describes
    describing pressed presses pressing urged urges thanked thanks praised praises criticized
    criticised criticizes accused accuses blamed blames credited""".split()
)


def _short_object_end(toks: list[_Tok], a: int, b: int) -> int:
    """Where an action cue's object ends when it is a pronoun or a name: before an adjunct.

    PolNeAR's content of "endorsed her in July", "supported Democrats during his time on MSNBC",
    "supported Trump by a wide margin" is the object alone ("her", "it", "Trump"): the adjunct says when, how or where
    the act happened. A longer noun phrase keeps its words ("a plan to cut taxes in July").
    """
    t = toks[a]
    if t.quoted:
        return b
    if t.low in OBJECT_PRONOUNS:
        e = a + 1
    elif t.cap and t.word:
        e = a + 1
        while e < b and toks[e].cap and toks[e].word and not toks[e].quoted:
            e += 1
    else:
        return b
    if e < b and (toks[e].low in ADJUNCT_OPENERS or toks[e].text in ADJUNCT_OPENERS):
        return e
    return b


def _clause_tail_cut(toks: list[_Tok], rng: tuple[int, int]) -> int:
    """Where a reported clause ends: before ", which ..." / ", while ..." / a trailing participle."""
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
    return cut


def _say_clause(
    toks: list[_Tok], c: int, n: int, w: str, cue: tuple[int, int], mention: tuple[int, int], prior: float
) -> _Cand | None:
    """``X said (that) ...`` / ``X told reporters ...``: the reported clause after the cue.

    It ends before ", which ..." / ", while ..." / a trailing participle, and, when the cue sits
    in a subordinate clause ("When Clinton noted that ..., Trump boasted"), where the main
    clause's subject begins. Rules ``say_that``, ``tell_clause``, ``say_clause``.
    """
    lex = _CUES.get()
    rng = _content_forward(toks, c, n, w)
    if rng is None or not _content_ok(toks, rng, w):
        return None
    if w.startswith("advis") and not any(t.low in ("to", "that", "against") for t in toks[rng[0] : rng[1]]):
        return None  # "she advises the president": counsel as a job, no advice reported
    cut = _clause_tail_cut(toks, rng)
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


def _comma_at(toks: list[_Tok], x: int) -> bool:
    """A clause-ending comma at token ``x``: a bare one, or a closing mark right after a quoted
    comma ('... "expanded the party," claiming ...')."""
    t = toks[x]
    if not t.quoted:
        return t.text == ","
    return not t.word and t.text in "\"'\u201d\u2019" and x > 0 and toks[x - 1].text == "," and (
        x + 1 >= len(toks) or not toks[x + 1].quoted
    )
