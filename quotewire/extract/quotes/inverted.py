"""The speaker after an inverted cue ("..., said Smith", "according to the National Institute on
Drug Abuse", "said oil and gas worker Mike Wipf"): ``_np_after`` (a part of the speaker-mention
rules; ``mentions`` holds the ones before the cue).
"""

from __future__ import annotations

import re

from quotewire.extract.quotes.lexicons import DETERMINERS, SPEAKER_NOUNS, SUBJECT_PRONOUNS, TITLES
from quotewire.extract.quotes.mentions import (
    NP_AFTER_STOP,
)
from quotewire.extract.quotes.tokens import (
    _CUES,
    TIME_WORDS,
    WEEKDAYS,
    _abbrev_before,
    _Tok,
)


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
        if u.low == "on" and _on_in_name(toks, b, hi):
            b += 1  # "according to the National Institute on Drug Abuse": "on" inside a body's name
            continue
        if u.low == "and" and b > a and toks[b - 1].cap and b + 1 < hi and toks[b + 1].cap \
                and _modifiers_then_name(toks, b + 2, hi):
            b += 1  # "says Heart and Stroke senior manager Erin Kim": "and" inside the body's name
            continue
        if u.low == "and" and b > a and not toks[b - 1].cap and _modifiers_then_name(toks, b + 1, hi):
            b += 1  # "said oil and gas worker Mike Wipf": coordinated modifiers of a role noun
            continue
        if u.low in NP_AFTER_STOP or (u.low in lex.verbs and not u.cap):
            break
        if b > a and not u.cap and u.low.endswith(("'s", "\u2019s")):
            b += 1  # "according to a Michigan school's latest list": the possessor is the source
            break
        if (b > a and u.word and not u.cap and toks[b - 1].cap and u.low not in ("of", "for", "de", "van", "von", "at")
                and not (u.low in SPEAKER_NOUNS or u.low in TITLES)
                # "says Heart and Stroke senior manager Erin Kim": role words lead on to the name.
                and not _modifiers_then_name(toks, b, hi)
                # "the top British medical journal": inside a determiner phrase with a lower-case
                # modifier, a capitalised word is an adjective; the phrase goes on to its noun.
                and not (toks[a].low in DETERMINERS and any(not toks[x].cap for x in range(a + 1, b))
                         and _ADJECTIVE_LIKE.search(toks[b - 1].low) is not None)
                # "according to a Michigan school's latest list": an article and one capitalised
                # modifier before a noun (not a verb) are one noun phrase.
                and not (b == a + 2 and toks[a].low in ("a", "an") and u.low not in _NOT_NOUNS
                         and not u.low.endswith("ed"))):
            # "said Locke while negotiations ...": a lower-case word after the name ends it, but a
            # role noun goes on ("a senior Democratic aide", "former Bank of Canada governor David
            # Dodge"): the capitals were the role's modifiers.
            break
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


_NOT_NOUNS = frozenset("""would will is was are were has had have could should may might can must does did
    says said told""".split())
# Capitalised adjectives of nationality, party or religion ("British", "Democratic", "Chinese").
_ADJECTIVE_LIKE = re.compile(r"(?:an|ish|ese|ic|ican|ian)$")


def _modifiers_then_name(toks: list[_Tok], k: int, hi: int) -> bool:
    """Do one to four lower-case words from ``k`` lead to a capitalised name ("gas worker Mike")?"""
    for x in range(k, min(hi, k + 5)):
        t = toks[x]
        if t.cap:
            return x > k
        if not t.word or t.quoted or t.low in NP_AFTER_STOP or t.low in ("at", "of", "for", "by") \
                or (t.low.endswith("ed") and len(t.low) > 4):
            return False  # (a preposition or a verb: "a speech Mrs. Clinton delivered at New York University")
    return False


# Bodies whose names go on with "on" ("Council on Foreign Relations", "Institute on Drug Abuse").
ON_BODIES = frozenset("institute committee subcommittee council commission center centre panel forum force".split())


def _on_in_name(toks: list[_Tok], k: int, hi: int) -> bool:
    """Is the "on" at token ``k`` inside a name: after a body noun, before a capitalised word that
    is no date ("the Senate Committee on Finance", not "Smith on Monday")?"""
    return (
        k > 0 and k + 1 < hi and toks[k - 1].cap and toks[k - 1].low in ON_BODIES
        and toks[k + 1].cap and toks[k + 1].low not in TIME_WORDS and toks[k + 1].low not in WEEKDAYS
    )
