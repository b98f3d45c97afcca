"""Mixed quotes (a report holding a quotation) and the recall fallbacks for unattributed quotations.

Scope: a quotation that completes the writer's clause ('Teachers ... are "very pro-Bernie,"
Kilfoyle said': ``_lead_in``, ``_reported_lead``); the end of a forward content after a quoted
characterisation closing on a comma ('the "Delta rule," a flaw in ...': ``_trim_after_quote``);
and ``_fallback_mixed`` (low confidence) for a quotation no rule of its clause covers: a quote
closing on a comma before a short subject and verb (``_postposed_fallback``), a verb labelling
its object with a quotation (``_as_label``: 'went after Trump as a "con artist"'), a
mid-sentence 'Name: "..."' (``_fallback_name_colon``), the phrase after the nearest cue verb
(``_fallback_phrase``). ``BELIEF_VERBS`` (no quotation) is public: training reads it.
"""

from __future__ import annotations

import re

from quotewire.extract.quotes.content import _forward_contents
from quotewire.extract.quotes.lexicons import DETERMINERS, SUBJECT_PRONOUNS
from quotewire.extract.quotes.marks import _is_title, _Mark
from quotewire.extract.quotes.mentions import _clause_subject, _opening_subject, _subject_before
from quotewire.extract.quotes.tokens import (
    _CUES,
    CLAUSE_TAILS,
    NOUN_SIGNS,
    WEEKDAYS,
    _Cand,
    _coordinated_cue,
    _modifier,
    _Tok,
)

# Mental-state verbs: a belief is no quotation ('Burton believed that cats are "cuties"').
BELIEF_VERBS = frozenset(
    """believed assumed figured imagined supposed guessed realized realised considered presumed
    suspected wished liked loved hated preferred wanted needed seemed appeared""".split()
)
# Words after a closing quotation mark that open the writer's clause ('"excited" as he faces').
# ("because" stays: the speaker's reason is part of the report, 'said it is "the best" because ...'.)
QUOTE_END_SUBORDINATORS = frozenset("as before after until while whereas although though when".split()) | WEEKDAYS
# Words opening a writer's add-on after a quoted characterisation closing on a comma.
ADDON_OPENERS = frozenset("which who whom whose a an the".split())
# Closing quotation marks: a forward content may be cut right after one.
CLOSE_MARKS = frozenset("\"\u201d\u2019'\u00bb")
# Recall fallback for unattributed quoted fragments: how far back a cue verb may stand, the
# prepositions between a verb and its object ("warned of"), verbs that do not report speech.
FALLBACK_WINDOW = 20
FALLBACK_PREPS = frozenset("of about to for on against with".split())
FALLBACK_NOT_CUES = frozenset("seemed seems appeared appears expected wants want wanted plans decided".split())
# Words a quotation after a mid-sentence 'Name:' needs to be that name's (_fallback_name_colon).
FALLBACK_COLON_WORDS = 4
# Verb-particle pairs that take an object characterised with "as" ("went after Trump as a "con"").
AS_PARTICLES = frozenset("after at on against off out up down".split())
# Lower-case words ending like a verb form that are not verbs (before "OBJECT as "..."").
AS_OBJECT_PRONOUNS = frozenset("him her them it himself herself themselves itself me us".split())
AS_NOT_VERBS = frozenset(
    """is was has does this his its us plus thus as less unless bus gas yes news various previous
    serious famous obvious nervous numerous enormous was being during nothing something anything
    everything thing things king morning evening bring ring string""".split()
)
# A quotation mark in a lead-in (an apostrophe inside a word, "Trump's", is none).
_LEAD_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|(?<![A-Za-z])['\u2018\u2019]|['\u2018\u2019](?![A-Za-z])")
# An opening quotation mark: a second quotation ahead keeps a content whole (_trim_after_quote).
_OPEN_MARK = re.compile('["\u201c\u2018\u00ab]')


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
    Per quotation, the first rule that holds: ``_postposed_fallback``, ``_as_label``,
    ``_fallback_name_colon`` (after a colon with no cue verb), ``_fallback_phrase``.
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
        label = _as_label(toks, tk, m, reach, cue_starts, last_mention)
        if label is not None:
            out.append(label)
            covered_to = m.end
            continue
        c = _fallback_cue(toks, tk, listed)
        if c < 0 and tk >= 2 and toks[tk - 1].text == ":" and m.words >= FALLBACK_COLON_WORDS:
            colon = _fallback_name_colon(toks, tk, m, reach)
            if colon is not None:
                out.append(colon)
                covered_to = m.end
            continue
        phrase = _fallback_phrase(toks, tk, m, c, reach, cue_starts, listed, last_mention)
        if phrase is not None:
            out.append(phrase)
            covered_to = phrase.parts[0][1]
    return out


def _as_label(
    toks: list[_Tok],
    tk: int,
    m: _Mark,
    reach: int,
    cue_starts: set[int],
    last_mention: tuple[int, int] | None,
) -> _Cand | None:
    """``Reid has gone after Trump as a "human leech"``: a verb, its object and a quoted label.

    The label (``_as_characterisation`` finds the verb) is attributed to the verb's subject, or
    the clause's last speaker; the content runs from the object to the end of the quotation
    starting at token ``tk`` (rule ``as_label``). Not when an attribution already covers it.
    """
    n = len(toks)
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
            return _Cand("indirect", [(toks[a].start, toks[e - 1].end)], cue, mention, 0.3, "as_label")
    return None


def _fallback_cue(toks: list[_Tok], tk: int, listed: frozenset[str]) -> int:
    """Index of the nearest cue verb before the mark at token ``tk``, within its phrase, or -1.

    A listed cue or an unlisted past tense ("mocked"), lower-case, not an impression verb;
    the search stops at a quote, a clause break or "so-called" / "dubbed" (a scare quote).
    """
    # Nearest cue verb before the mark, within the same phrase.
    c = -1
    for j in range(tk - 1, max(-1, tk - 1 - FALLBACK_WINDOW), -1):
        t = toks[j]
        if t.quoted or t.text in ";:()[]\u2014\u2013" or t.low in ("so-called", "dubbed"):
            break
        if not t.cap and t.low not in FALLBACK_NOT_CUES and (t.low in listed or _verb_like(t)):
            c = j
            break
    return c


def _fallback_name_colon(toks: list[_Tok], tk: int, m: _Mark, reach: int) -> _Cand | None:
    """``Jane Roe: "..."`` in mid-paragraph: the capitalised name right before the colon speaks.

    Only for a quotation of a few words or more after a colon with no cue verb before it.
    """
    b = tk - 1
    while b > 0 and tk - 1 - b < 5 and (toks[b - 1].cap or (toks[b - 1].text == "." and b > 1 and toks[b - 2].cap)):
        b -= 1
    label = [t.text for t in toks[b : tk - 1] if t.word]
    if len(label) >= 2 and all(w.isupper() for w in label):
        return None  # "ANALYST'S VIEWPOINT: "..."": a section label in capitals is no speaker
    if b < tk - 1 and toks[b].cap and toks[b].word and toks[b].start >= reach:
        cue_tok = toks[tk - 1]
        name = (toks[b].start, toks[tk - 2].end)
        return _Cand("direct", [(m.start, m.end)], (cue_tok.start, cue_tok.end), name, 0.3, "fallback_mixed")
    return None


def _fallback_phrase(
    toks: list[_Tok],
    tk: int,
    m: _Mark,
    c: int,
    reach: int,
    cue_starts: set[int],
    listed: frozenset[str],
    last_mention: tuple[int, int] | None,
) -> _Cand | None:
    """``X warned of the "hidden costs" that ...``: the phrase after the cue verb ``c`` holding the quote.

    The content runs from the verb's complement ("of" skipped) to the next clause break, a
    relative clause or a coordinated second cue; its subject is the verb's, else the clause's
    last speaker ("..., saying it was a "joke""). A verb after a determiner is a noun ("the show
    "Mornings""), after "so" a scare quote; learned forms need a subject of their own.
    """
    n = len(toks)
    if c < 1 or toks[c].start in cue_starts or toks[c - 1].low == "so" or toks[c - 1].low in DETERMINERS:
        return None  # "its so called "deal"": a scare quote; "the show "Mornings"": a noun, no verb
    subj = _subject_before(toks, c, 0)
    if subj is None and toks[c].low not in listed:
        return None
    if subj is None and not toks[c].low.endswith("ing"):
        subj = _clause_subject(toks, c, 0)
    a = c + 1
    if a < tk and toks[a].low in FALLBACK_PREPS:
        a += 1
    while a < tk and not toks[a].word and not toks[a].quoted:
        a += 1  # 'said, "..."': the content starts at the quote, not at the comma
    if a >= n or toks[a].start < toks[c].end:
        return None
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
        return None
    start, end = toks[a].start, toks[e - 1].end
    if reach > start:
        return None  # an attribution already covers the head of this phrase
    # No subject of its own ("..., saying it was a "joke""): the clause's last speaker.
    mention = (toks[subj[0]].start, toks[subj[1] - 1].end) if subj else last_mention or _opening_subject(toks, c)
    return _Cand("indirect", [(start, end)], (toks[c].start, toks[c].end), mention, 0.3, "fallback_mixed")


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


def _verb_like(t: _Tok) -> bool:
    """An unlisted past-tense or present verb form ("mocked", "mocks") that may report a quote."""
    w = t.low
    return t.word and len(w) > 4 and w.isalpha() and w.endswith("ed") and w not in BELIEF_VERBS
