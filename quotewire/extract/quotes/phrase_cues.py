"""Indirect quotes at a fixed phrase rather than a bare verb: according to, claim nouns, "as X said".

Scope: ``_according`` ("according to X, ..." / "..., according to X"), ``_claim_noun`` ("X's
claim that ...", "his criticism of ..."), ``_asked_question`` ("Asked whether ..., X said": the
question, no source), ``_as_parenthetical`` ("..., as X put it." / "As X said, ..."),
``_made_clear`` ("She made clear that ..."), ``_in_words`` ("in her words, "..."", "in the
words of X").
"""

from __future__ import annotations

from quotewire.extract.quotes.indirect import _indirect
from quotewire.extract.quotes.inverted import _np_after
from quotewire.extract.quotes.lexicons import DETERMINERS, SUBJECT_PRONOUNS
from quotewire.extract.quotes.mentions import _np_back
from quotewire.extract.quotes.tokens import ADJUNCT_PREPS, _adjunct, _Cand, _Tok

# Nouns reporting a stance with a prepositional complement ("his criticism of", "her support for").
NOUN_CUES = frozenset(
    """criticism criticisms attack attacks support opposition comments comment remarks questions
    concerns concern endorsement call calls push proposal proposals promise pledge vow warning
    warnings response defense defence praise claim claims statement statements view views position
    stance doubts skepticism characterization description assessment reference references mention
    decision complaints complaint rejection embrace demand demands""".split()
)
# Prepositions opening the complement of such a noun ("criticism of", "support for").
NOUN_CUE_PREPS = frozenset("of for on about against to over".split())
# Sentence adverbs that open an introductory phrase ("In addition, according to X, ...").
INTRO_ADVERBS = frozenset("however meanwhile still but and also now yet instead moreover furthermore indeed overall".split())
# Words opening the question put to a speaker ("Asked whether he would run, ...").
QUESTION_WORDS = frozenset("if whether about what why how who whom when where which".split())


# Prepositions that continue a source noun phrase ("a statement from X", "a survey of clubs").
SOURCE_PREPS = frozenset("of from by at in with for on".split())


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
    # The source runs to the comma that closes the phrase ("According to an Ontario Provincial
    # Police investigation of the 2014 shooting, Vickers ..."; "according to a statement from Mr
    # Spitzer's office, ..."): a noun phrase cut short before "investigation" or "from ..." would
    # leave the rest of the source as the content.
    nxt = toks[np[1]] if np[1] < n else None
    if nxt is not None and (
        nxt.low in SOURCE_PREPS
        or toks[np[1] - 1].low in SOURCE_PREPS  # "a survey of | listed clubs": cut inside its object
        # "an Ontario Provincial Police investigation": a common noun after a name-like head; not
        # a new subject ("According to Technorati the number of blogs ...").
        or (nxt.word and not nxt.cap and nxt.low not in DETERMINERS and nxt.low not in SUBJECT_PRONOUNS
            and toks[np[1] - 1].cap)
    ):
        x = np[1]
        while x < n and x - np[1] < 10 and toks[x].word and not toks[x].quoted:
            x += 1
        if x < n and toks[x].text == "," and not toks[x].quoted:
            np = (np[0], x)
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


def _made_clear(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``She made clear that ...``: the phrase "made clear" is the cue, the that-clause the content.

    The clause is read as if the cue were "said" (``_indirect``), whose content then opens at
    "clear"; the cue takes in "clear" and the content starts at "that" (rule ``say_that``).
    Without a that-clause ("made clear her plans") there is no quote.
    """
    t = toks[k]
    # "She made clear that ...": the phrase is the cue, the that-clause the content.
    cand = _indirect(toks, k, n, "said") if toks[k + 2].low == "that" else None
    if cand is not None and cand.parts[0][0] == toks[k + 1].start and len(cand.parts) == 1:
        cand.cue = (t.start, toks[k + 1].end)
        cand.parts[0] = (toks[k + 2].start, cand.parts[0][1])
        cand.rule = "say_that"
    else:
        cand = None
    return cand


# Possessors of "in X's words" that are pronouns ("in her words", "in their own words").
_POSSESSIVE_PRONOUNS = frozenset("his her their its my our".split())


def _in_words(toks: list[_Tok], k: int, n: int) -> _Cand | None:
    """``It had, in her words, become "unhealthy."`` / ``in the words of X, "..."``: the phrase
    is the cue, the possessor the source, the nearest quotation of the clause the content.

    Why: the phrase attributes the quoted words to someone as plainly as "she said" does, and
    the quotation is often a fragment inside the writer's sentence, which no verb rule reaches.
    Scope: the quotation after the phrase, else the last one before it.
    """
    if k + 1 < n and toks[k + 1].low == "of" and k >= 2 and toks[k - 1].low == "the" and toks[k - 2].low == "in":
        # "in the words of Jane Smith": the source is the name after "of".
        b = k + 2
        while b < n and toks[b].word and toks[b].cap and not toks[b].quoted and b - k < 6:
            b += 1
        if b == k + 2:
            return None
        a = k - 2
        mention = (toks[k + 2].start, toks[b - 1].end)
        cue_end, after = toks[k + 1].end, b
    else:
        o = k - 2 if toks[k - 1].low == "own" else k - 1  # "in her own words"
        a = o - 1
        if a < 0 or toks[a].low != "in":
            return None
        owner = toks[o]
        low = owner.low.replace("\u2019", "'")
        if low in _POSSESSIVE_PRONOUNS:
            mention = (owner.start, owner.end)
        elif owner.cap and low.endswith("'s") and not owner.quoted:
            mention = (owner.start, owner.end - 2)
        else:
            return None
        cue_end, after = toks[k].end, k + 1
    q = next((i for i in range(after, n) if toks[i].quoted), None)
    if q is None:
        q = next((i for i in range(a - 1, -1, -1) if toks[i].quoted), None)
        if q is None:
            return None
        while q > 0 and toks[q - 1].quoted:
            q -= 1
    e = q
    while e < n and toks[e].quoted:
        e += 1
    return _Cand("direct", [(toks[q].start, toks[e - 1].end)], (toks[a].start, cue_end), mention, 0.8, "in_words")
