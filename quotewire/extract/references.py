"""References across an article for the speakers stage: who a sentence is about and who keeps
speaking.

Sentence subjects (``_subject_like``), the speaker just quoted that a pronoun continues
(``_previous_speaker``), the phrase a relative "who"/"which" stands for (``_antecedent``), parties
named by their members, and lone surnames that act as subjects (``_acting_surname``). Pure
functions over the text and the stage's entities; ``speakers`` calls them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from quotewire.extract.model import Attribution, Span
from quotewire.extract.names import (
    _ADJECTIVE_END,
    _NAME_RUN,
    _NOT_PERSON,
    _Doc,
    _Entity,
    _first_name_gender,
    is_place,
)
from quotewire.extract.quotes.lexicons import PRONOUN_GENDER
from quotewire.extract.quotes.mentions import _MONTHS

# Parties and groups named by their members (capitalised plurals in political news).
_PARTY_GROUPS = frozenset("""conservatives liberals democrats republicans greens tories liberal-democrats
    socialists nationalists separatists""".split())


# Verbs that show the word before them is a clause's subject ("Mulder didn't", "Trump has").
_SUBJECT_VERB = re.compile(
    r"\s+(?:has|had|will|would|did|didn't|didn\u2019t|doesn't|doesn\u2019t|said|says|"
    r"told|added|wrote|[a-z]+ed)\b")


def _acting_surname(text: str, word: str, doc: _Doc) -> bool:
    """Is the lone capitalised ``word`` a surname: the subject of a verb somewhere in the article,
    not a common word, a place, a month (a whole word: "Martin" and "Janssen" are surnames), a demonym or a label in capitals?"""
    if len(word) < 3 or not word[:1].isupper() or word.isupper() or word.lower() in _NOT_PERSON \
            or is_place(word) or doc.common_word(word) or _ADJECTIVE_END.search(word.lower()) \
            or word.lower().rstrip(".") in _MONTHS or word.lower() in _PARTY_GROUPS or _first_name_gender(word) \
            or word.lower().endswith(("ments", "ians", "ans", "ers", "ists", "ies", "ions")):
        return False  # ("Governments", "Canadians", "Voters": plural common nouns opening a sentence)
    return word in _subjects(text)


@functools.lru_cache(maxsize=4)
def organisation_words(text: str) -> frozenset[str]:
    """Capitalised words the article writes as an organisation: "Suncor received its second
    payment", "Facebook's employees", "Google Inc.", "Suncor, which wrote off" (the subject of its relative clause: "a
    Langley SkyTrain, which a study ..." is a project).

    Why: a company is often named by one word ("Google said Thursday ...") that the name layer
    cannot tell from a surname; the way the story writes it can ("its", "which", a company's
    possessions). The caller applies it only to words the story never writes as a person's full
    name. One linear scan of the text.
    """
    return frozenset(m.group(1) for m in _ORG_CUE.finditer(text))


_ORG_CUE = re.compile(
    r"(?<![\w'\u2019.-])([A-Z][\w&-]+)(?:"
    r"\s+(?:Inc|Corp|Ltd|LLC|Plc|Co)\b"
    r"|,\s+which\s+(?!(?:a|an|the|this|that|these|those|he|she|they|we|i|you|it|its|his|her|their)\s|[A-Z])"
    r"|['\u2019]s\s+(?:shares|stock|employees|workers|staff|customers|users|board|headquarters|chief\s+executive|"
    r"CEO|spokesman|spokeswoman|spokesperson|executives|products|apps?|platform|website|operations|assets|"
    r"subsidiary|shareholders|profits?|revenue|earnings)\b"
    r"|\s+(?:said|says|told|reported|disclosed|announced|declined|received|noted|confirmed|posted|stated|"
    r"expects|plans|has|had)\b[^.!?\n\"\u201c\u201d]{0,80}?\bits\b)")


@functools.lru_cache(maxsize=4)
def _subjects(text: str) -> frozenset[str]:
    """Capitalised words written right before a verb anywhere in ``text`` (one linear scan)."""
    return frozenset(m.group(1) for m in _CAP_SUBJECT.finditer(text))


_CAP_SUBJECT = re.compile(r"(?<![\w'\u2019.-])([A-Z][\w'\u2019-]+)(?=" + _SUBJECT_VERB.pattern + ")")



# (A comma may close an appositive before the verb: "Director ... at Symantec, Kevin Haley, agreed";
# an auxiliary is a verb too: "..., Mulder didn't hesitate".)
_SPEECH_AFTER = re.compile(
    r"\s*(?:,[^,.;\"\u201c\u201d]{1,80},\s*|,\s*)?(?:has\s+|had\s+|also\s+)?(?:said|says|told|tells|added|adds|"
    r"wrote|writes|explained|noted|argued|insisted|stressed|warned|agreed|agrees|confirmed|is|was|"
    r"did|didn['\u2019]t|does|doesn['\u2019]t|has|had|will|would|won['\u2019]t|can['\u2019]t|cannot)(?![\w'\u2019])")
_SUBJECT_PREFIX = re.compile(r"(?:(?:[A-Z][\w.'\u2019-]*|the|a|an|former|then|of|and|[\"\u201c\u201d]|,)\s*)*")


def _subject_like(text: str, start: int, end: int, sentence_starts: Sequence[int]) -> bool:
    """Is the mention at ``start:end`` its sentence's subject: only a title or an opening phrase
    of capitalised words before it in the sentence, or a speech verb (or "is"/"was") after it?"""
    si = bisect.bisect_right(sentence_starts, start) - 1
    ss = sentence_starts[si] if si >= 0 else 0
    if start - ss < 80 and _SUBJECT_PREFIX.fullmatch(text, ss, start):
        return True
    return _SPEECH_AFTER.match(text, end) is not None


















_SUBJECT_PRONOUN = re.compile(r"(?<![\w'\u2019])(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)(?![\w'\u2019])")




def _previous_speaker(text: str, m: Span, attributions: list[Attribution], entities: list[_Entity],
                      spans: Sequence[tuple[int, int, int]] = (), starts: Sequence[int] = ()) -> int | None:
    """The speaker of the quote just before, when a pronoun continues that speaker's turn.

    "... said 9/11 widow Terry Strada. // She also said ...": a pronoun speaker in the next
    sentences, with no other compatible name written between, is the speaker just quoted.
    Why: news alternates quotes and their speakers; a name inside the earlier quote or an
    object ("under President Obama") is nearer but is not who goes on speaking.
    """
    g = PRONOUN_GENDER.get(m.text.lower(), "")
    for a in reversed(attributions[-3:]):
        if a.quote.rule == "orphan_quote":
            return None  # an orphan quotation's speaker is a guess: a pronoun after it is the ranker's
        if a.speaker is None or a.quote.mention is None:
            continue
        pm = a.quote.mention
        if pm.start >= m.start or m.start - max(pm.end, a.quote.content.end) > 400:
            return None
        ent = entities[a.speaker]
        if g in "mf" and g and (ent.kind != "person" or (ent.gender and ent.gender != g) or " and " in ent.name):
            return None  # "he" is not a woman, an organisation or two people ("X and Y")
        if g in ("n", "p") and ent.kind != "organization":
            return None
        # "... Stevie Wonder, who joked, "...". // Ms. LaBelle got a roar when ... she said": another
        # compatible person named in between takes over the turn (the ranker decides).
        lo = bisect.bisect_left(spans, (max(pm.end, a.quote.content.end), -1, -1))
        for s0, e0, ei in spans[lo:lo + 40]:
            if s0 >= m.start:
                break
            other = entities[ei]
            if ei != a.speaker and other.kind == "person" and g in ("m", "f") and other.gender in ("", g) \
                    and " and " not in other.name and _subject_like(text, s0, e0, starts):
                return None
        return a.speaker
    return None










_NP_STOP = frozenset(
    """of with to from for by in on at and or but as than that said says say is was are were be been has have had
    not also only who which whom whose when where while after before because if""".split()
)
_NP_DET = frozenset("the a an this that these those his her their its our another".split())
_WORD_BACK = re.compile(r"([\w'\u2019\-]+)\s*$")


_ONE_OF = re.compile(r"\s+(?:was|is|became|remains|were)\s+(?:one|among)\s+(?:of\s+)?(?:the\s+)?"
                     r"(?:[\w-]+\s+){0,3}[\w-]+$")
_PREP_BEFORE = re.compile(r"\s(?:at|of|for|with|from|in)\s+the\s+$")


def _final_name_run(window: str) -> tuple[int, int] | None:
    """``(start, end)`` of the run of capitalised words that ends ``window``, if one does."""
    last = None
    for m in _NAME_RUN.finditer(window):
        last = m
    return last.span() if last is not None and last.end() == len(window) else None


def _antecedent(text: str, pos: int) -> Span | None:
    """The phrase a relative "who"/"which" at ``pos`` stands for.

    "the EU, which contended" -> "the EU"; "Bortis who noted" -> "Bortis"; "veteran MPs who
    say" -> "veteran MPs"; "Nunes, the ferocious brawler who calls" -> "Nunes" (an appositive
    nominal stands for the name before it). Why: a relative pronoun is never a speaker itself.
    """
    lo = max(0, pos - 120)
    window = text[lo:pos].rstrip()
    if window.endswith(","):
        window = window[:-1].rstrip()
    for dash in ("--", "\u2014"):
        if window.endswith(dash):
            opening = window.rfind(dash, 0, len(window) - len(dash))
            # "95 retired generals -- most of whom had announced their support -- who cited": the
            # phrase before the parenthetical between dashes; "with Hillary Clinton \u2014 who's
            # called for ...": the phrase before a dash that opens the relative clause.
            window = window[:opening].rstrip() if opening > 0 and "\n" not in window[opening:] and \
                len(window) - opening < 100 and not _final_name_run(window[: -len(dash)].rstrip()) \
                else window[: -len(dash)].rstrip()
            break
    one_of = _ONE_OF.search(window)
    if one_of is not None and text.startswith(("who", "Who"), pos):
        # "Scott was one of three members who voted against it": the one who did is the subject.
        run = _final_name_run(window[:one_of.start()].rstrip())
        if run is not None and run[1] >= len(window[:one_of.start()].rstrip()):
            return Span.of(text, lo + run[0], lo + run[1])
    run = _final_name_run(window)
    if run is not None and text.startswith(("who", "Who"), pos) and \
            (pp := _PREP_BEFORE.search(window, 0, run[0])) is not None:
        # "John Bentel, a tech staffer at the State Department who told": "who" is a person, not
        # the institution ending the phrase; the phrase before the preposition is the antecedent.
        window = window[:pp.start()].rstrip()
        run = None
    if run is not None:
        return Span.of(text, lo + run[0], lo + run[1])
    # A common-noun phrase: up to four words back, stopping at a function word or punctuation.
    end = len(window)
    start = end
    words = 0
    while words < 4:
        wm = _WORD_BACK.search(window, 0, start)
        if wm is None or (wm.end() != start and window[wm.end():start].strip()):
            break
        w = wm.group(1).lower()
        if w in _NP_STOP:
            break
        start = wm.start()
        words += 1
        if w in _NP_DET:
            break
    if words == 0 or window[start:end].split()[-1].lower() in _NP_DET:
        return None
    # "McConnell, now the Senate majority leader, who": an adverb may open the appositive.
    before = re.sub(r"\s(?:now|then|also|still|once|currently|formerly|later)$", "", window[:start].rstrip())
    if before.endswith(","):  # "Nunes, the ferocious brawler who": the name before the appositive
        run = _final_name_run(before[:-1].rstrip())
        if run is not None:
            return Span.of(text, lo + run[0], lo + run[1])
    return Span.of(text, lo + start, lo + end)

