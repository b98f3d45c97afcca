"""The subject of a clause ending in a colon ("The supporter retorted:", "Martell, the addictions
doctor, is more blunt:"): ``_colon_subject`` (a part of the speaker-mention rules in ``mentions``).
"""

from __future__ import annotations

from quotewire.extract.quotes.lexicons import DETERMINERS, SPEAKER_NOUNS, SUBJECT_PRONOUNS
from quotewire.extract.quotes.mentions import (
    COLON_GO_VERBS,
    LEADING_PREPS,
)
from quotewire.extract.quotes.tokens import (
    _CUES,
    COLON_NOT_SPEAKERS,
    _abbrev_before,
    _Tok,
)


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
    if v > a and v < colon and toks[v].text == "," and toks[v - 1].cap and toks[a].cap:
        # "Martell, the addictions doctor on the South Shore, is more blunt:": a name, its
        # appositive between commas, then the clause's verb.
        close = next((i for i in range(v + 2, min(colon, v + 14)) if toks[i].text == ","), -1)
        if close > 0 and close + 1 < colon and toks[close + 1].word and not toks[close + 1].cap \
                and all(t.word or t.text in ".-'\u2019" for t in toks[v + 1 : close]):
            return (toks[a].start, toks[v - 1].end)
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
