"""Reported content boundaries: where the content after a cue starts, and where it ends.

Scope: the complement after a cue (``_content_forward``: past adjuncts, asides and addressees,
"said in a statement on Tuesday that ...", "told reporters ..."), whether a complement is
content at all (``_content_ok``: "said as he entered" is none), a final time adjunct of an
object ("endorsed Cruz last week"), and the per-clause cuts applied after the rules: at the next
attribution of the clause (``_cut_at_next_cue``) and at a coordinated speech verb
(``_cut_at_coordinated_cue``). The cut after a quoted characterisation is in ``mixed``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from quotewire.extract.quotes.lexicons import CUE_NOUNS, DETERMINERS, SUBJECT_PRONOUNS
from quotewire.extract.quotes.tokens import (
    _CUES,
    ADDRESSEES,
    ADJUNCT_PREPS,
    NOT_CONTENT,
    TIME_TAIL,
    TIME_WORDS,
    WEEKDAYS,
    _adjunct,
    _Cand,
    _past_modifiers,
    _Tok,
)

# Cue verbs whose content may be an infinitive ("agreed to lend", "vowed to fight").
INFINITIVE_VERBS = frozenset(
    """agreed agrees pledged pledges promised promises promising vowed vows vowing hoped hopes hoping
    threatened refused refuses declined planned plans expected wanted wants sought seeks urged asked
    continued decided offered""".split()
)
# Words opening an adjunct between a speech verb and its that-clause ("said after a lunch that").
ADJUNCT_OPENERS = frozenset("after before during at in on following while since from".split())
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
# Dashes before a second attribution ('... \u2015 Trump boasted, "..."') that end a content.
DASHES = ("\u2015", "\u2014", "\u2013", " -")


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
        if (toks[j].low in DETERMINERS and not any(toks[x].low in TIME_WORDS for x in range(j, k))
                and not (k < hi and toks[k].text in ",:")):
            # "said the memo was accurate": a determiner phrase right after the verb, with no
            # time word and no comma closing it, opens the complement; it is no adjunct.
            return j
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
        # A manner adverb may too ("suggests euphemistically that", "said repeatedly that").
        adverb = t.low.endswith("ly") and len(t.low) > 4 and t.word
        if not (_adjunct(t) or t.low in ADDRESSEES or (seen_prep and t.word) or adverb):
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


def _strip_time_tail(toks: list[_Tok], a: int, b: int) -> int:
    """End of an object phrase without a final time adjunct ("endorsed Cruz last week")."""
    if b - a >= 3 and toks[b - 1].low in TIME_TAIL and toks[b - 2].low in ("last", "this", "next", "on", "earlier"):
        return b - 2
    if b - a >= 2 and toks[b - 1].low in WEEKDAYS | {"today", "yesterday", "tonight"}:
        return b - 1 if toks[b - 2].low != "on" or b - a < 3 else b - 2
    return b


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
