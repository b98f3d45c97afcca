"""Definite descriptions and statements that stand for an entity of the article (the speakers
stage's description layer).

"the company", "the GOP nominee", "the former sergeant-at-arms of the House of Commons": the head
noun (``_description_head``), the most salient compatible entity before it
(``_resolve_description``) or the unnamed person introduced with the same head
(``_indefinite_intro``); "her statement" / "the statement" and their author (``_medium_author``).
"""

from __future__ import annotations

import bisect
import re

from quotewire.extract.model import Attribution, Span
from quotewire.extract.names import _Entity
from quotewire.extract.quotes.lexicons import TITLES

# Head nouns of definite descriptions that point back to one named person or organisation
# ("the senator", "the company"). Plural and group nouns are left out: "the officials" is no one.
_PERSON_HEADS = frozenset(
    """senator mayor president minister official spokesman spokeswoman spokesperson governor chairman
    chairwoman chair director chief executive ceo founder leader premier chancellor secretary ambassador
    diplomat judge justice lawyer attorney prosecutor defendant suspect victim officer detective soldier
    general commander captain colonel player coach manager star singer actor actress artist author writer
    journalist reporter editor professor researcher scientist doctor nurse patient teacher student worker
    employee man woman boy girl father mother son daughter husband wife brother sister candidate voter
    nominee businessman businesswoman congressman congresswoman representative lawmaker legislator
    speaker host anchor commissioner superintendent principal economist analyst activist organizer
    veteran strategist pollster adviser advisor aide owner resident witness widow mogul billionaire
    republican democrat lady""".split()
)


_ORG_HEADS = frozenset(
    """company firm agency government administration ministry department organisation organization party
    bank university school college institute institution council committee commission board court team
    club union association federation league network corporation business airline manufacturer retailer
    maker giant startup charity foundation army military navy regime parliament congress senate assembly
    cabinet authority office bureau service newspaper paper magazine channel broadcaster station studio
    label publisher hospital center centre laboratory museum church campaign utility group alliance
    coalition district city province state fund panel""".split()
)


# Organisation nouns that fit any company ("the company said" -> the company most written about).
_GENERIC_ORG_HEADS = frozenset("""company firm group organisation organization business corporation giant maker
    retailer manufacturer startup airline utility station network broadcaster channel publisher label studio
    chain operator provider insurer lender bank""".split())
# Words in an organisation's name that an organisation noun also refers to ("the agency" -> "...
# Department", "the union" -> "Association of Flight Attendants").
ORG_NAME_HEADS = {"panel": ("panel", "committee", "subcommittee", "commission"),
                  "union": ("union", "association", "federation", "workers", "local"),
                  "agency": ("agency", "office", "administration", "bureau", "department", "service"),
                  "city": ("city", "town", "municipality", "village"),
                  "government": ("government", "ministry", "department", "administration")}


# Title words that name no office of one person ("the national ...", "the former ...").
_NOT_ROLE_TITLES = frozenset("""acting campaign defence defense del democrat democratic federal finance foreign former
    gop house interior miss mr mrs ms national presidential press prime republican retired senate state vice
    dr rev gen gov rep reps sen sens""".split())


# News organisations by name, and the description heads that may refer to one.
_MEDIA_NAME = re.compile(
    r"\b(?:News|Press|Times|Post|Globe|Journal|Tribune|Herald|Gazette|Reuters|Bloomberg|CNN|CBC|CTV|BBC|NPR|"
    r"MSNBC|CNBC|ABC|NBC|CBS|Fox|Radio|Television|TV|Magazine|Newspaper|Broadcasting)\b")


_MEDIA_HEADS = frozenset("newspaper paper network broadcaster channel station magazine publication outlet".split())


# A statement speaking for its author: "her statement said", "The statement added".
_MEDIUM = re.compile(r"^([Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[Tt]hat|[Tt]his)\s+(?:[a-z][\w-]*\s+)?"
                     r"(statement|email|e-mail|letter|release|memo|tweet|post|message|note|report|study|column|blog)$")


_OF_BODY = re.compile(r"\s(?:of|for|at)\s")


_AGE_RE = re.compile(r"^\d+-year-old$")


_FEMALE_HEADS = frozenset("lady woman mother wife daughter sister actress chairwoman spokeswoman businesswoman congresswoman girl".split())


_MALE_HEADS = frozenset("man father husband son brother actor chairman spokesman businessman congressman boy".split())


# Title abbreviations written before names that a role description may refer back to.
_TITLE_OF = {"senator": ("sen.", "senator"), "governor": ("gov.", "governor"), "representative": ("rep.",),
             "congressman": ("rep.",), "congresswoman": ("rep.",), "general": ("gen.",), "president": ("president",)}


def _description_head(mention: str) -> str | None:
    """The head noun of a definite description that refers back to a named entity, or None.

    "the company" -> "company"; "The GOP nominee" -> "nominee"; "the former secretary of state"
    -> "secretary"; "the 56-year-old" -> "56-year-old". Plural and indefinite nominals ("officials",
    "a source") are not descriptions of one earlier entity.
    """
    words = mention.split()
    if len(words) < 2 or words[0].lower() not in ("the", "this", "that"):
        return None
    body: list[str] = []
    for w in words[1:]:
        if w.lower() in ("of", "for", "at", "with", "in", "and", "who", "which", ","):
            break
        body.append(w.strip(",.").lower().removesuffix("'s").removesuffix("\u2019s"))  # "the union's release"
    if not body:
        return None
    head = body[-1]
    rest = words[1 + len(body):]
    if words[len(body)][:1].isupper() and len(rest) > 1 and rest[0].lower() in ("of", "for", "at", "on") \
            and rest[1][:1].isupper():
        return None  # "the University of California at Berkeley": a name with its article, no description
    if len(body) > 1 and all(w[:1].isupper() for w in words[1:1 + len(body)]):
        # "the Parliamentary Budget Officer": a capitalised office is its holder's name, no anaphor.
        return None
    if head in _ORG_HEADS and any(w[:1].isupper() for w in words[1:len(body)]):
        # "The Canadian government", "the U.S. State Department": a capitalised modifier names the
        # body itself; it points back to no earlier organisation.
        return None
    if head in _PERSON_HEADS or head in _ORG_HEADS or _AGE_RE.match(head):
        return head
    # "the former sergeant-at-arms of the House of Commons": a title (its first part when
    # hyphenated) names one person's office.
    first = head.split("-")[0]
    if first in _PERSON_HEADS or (first in TITLES and first not in _NOT_ROLE_TITLES):
        return first
    return None


# An indefinite phrase: "a"/"an"/"one", up to three modifiers (no function words), then {head}.
_INDEFINITE = (r"(?<![\w'\u2019])(?:[Aa]n?|[Oo]ne)\s+"
               r"(?:(?!(?:the|a|an|his|her|their|its|for|of|to|with|and|or|in|on|at|by|from)\s)[\w-]+\s+){{0,3}}?"
               r"{head}(?![\w'\u2019-])")


def _indefinite_intro(text: str, pos: int, head: str) -> Span | None:
    """The last indefinite phrase with the same head noun in the 1,500 characters before ``pos``
    ("a justice official", "a senior official" for "the official"; not "a question for the
    president" for "the president"), or None."""
    lo = max(0, pos - 1500)
    found = None
    for m in re.finditer(_INDEFINITE.format(head=re.escape(head)), text[lo:pos]):
        found = m
    return Span.of(text, lo + found.start(), lo + found.end()) if found is not None else None


def _last_mention_before(spans: list[tuple[int, int, int]], ei: int, pos: int) -> int:
    """Start of the last named mention of entity ``ei`` before ``pos`` (-1 if none)."""
    k = bisect.bisect_left(spans, (pos, -1, -1))
    for s, _, e in reversed(spans[max(0, k - 200):k]):
        if e == ei:
            return s
    return -1


# Modifiers that say nothing about which entity is meant ("the former senator", "the top official").
_BLAND = frozenset("the this that a an of for at in and former current new top then now also one two".split())


# Spellings of one party label: "the GOP nominee" is the "Republican nominee Donald Trump".
_PARTY = {"gop": "republican", "republicans": "republican", "democrat": "democratic", "democrats": "democratic"}


_LEFT_CUT = re.compile(r"[,;:.()\n\"\u201c\u201d]")


# Words that end a name's premodifiers going leftwards ("the race between | Republican Donald Trump").
_PREMOD_STOP = frozenset("""the a an and or of in on at for to with by from between as than against about after
    before said says told is was are were has had have who which that""".split())


def _premodifiers(text: str, start: int) -> set[str]:
    """The words written just before a name, up to a function word or punctuation: "Democrat" in
    "between Republican Donald Trump and Democrat Hillary Clinton"."""
    out: list[str] = []
    for w in reversed(_LEFT_CUT.split(text[max(0, start - 60):start])[-1].split()):
        if w.lower() in _PREMOD_STOP or len(out) == 5:
            break
        out.append(w)
    return _words(" ".join(out))


_CONTRARY = {"democratic": "republican", "republican": "democratic", "liberal": "conservative",
             "conservative": "liberal", "female": "male", "male": "female"}


def _words(text: str) -> set[str]:
    return {_PARTY.get(w, w) for w in re.findall(r"[a-z][a-z'\u2019-]*", text.lower())} - _BLAND


def _resolve_description(
    text: str, m: Span, head: str, spans: list[tuple[int, int, int]], entities: list[_Entity]
) -> int | None:
    """The named entity a definite description refers to: the most salient compatible one before it.

    Why these rules: in news a role description ("the senator", "the Democratic nominee") points
    back to a person already named, usually the article's main actor; an organisation noun ("the
    company", "the commission") to an organisation, preferably one whose name holds the noun.
    Compatible: a person for a person noun (gender from "woman"/"man"), an organisation for an
    organisation noun; a title written before the name ("Sen. Graham" for "the senator") wins, and
    among candidates, the one the article describes with more of the description's words ("the
    Democratic presidential nominee" -> the person introduced as "Democratic nominee X", not the
    Republican one who is named more often).
    """
    want = "organization" if head in _ORG_HEADS else "person"
    gender = "f" if head in _FEMALE_HEADS else "m" if head in _MALE_HEADS else ""
    count: dict[int, int] = {}
    recent: dict[int, int] = {}
    titled: set[int] = set()
    named: set[int] = set()
    described: dict[int, set[str]] = {}
    wanted = _words(m.text) - {head}
    titles = _TITLE_OF.get(head, (head,))
    for s, _, ei in spans:
        if s >= m.start:
            continue
        ent = entities[ei]
        if ent.kind != want or (gender and ent.gender and ent.gender != gender):
            continue
        if want == "organization" and head not in _MEDIA_HEADS and _MEDIA_NAME.search(ent.name):
            # "The company said" is not the wire service or broadcaster credited in the story
            # ("told CTV News", "(The Associated Press)"), however often it is named.
            continue
        count[ei] = count.get(ei, 0) + 1
        recent[ei] = max(recent.get(ei, -1), s)
        left = text[max(0, s - 40):s].lower()
        if any(tt in left.split() or tt in left for tt in titles) or any(head in d.lower() for d in ent.descriptors):
            titled.add(ei)
        if ei not in described:
            described[ei] = _words(" ".join(ent.descriptors))
        # Only the words in front of this name describe it: "between Republican Donald Trump and
        # Democrat Hillary Clinton" gives Clinton "Democrat", not "Republican".
        described[ei] |= _premodifiers(text, s)
        if want == "organization" and any(h in ent.name.lower() for h in ORG_NAME_HEADS.get(head, (head,))):
            named.add(ei)
    if not count:
        return None
    def fit(ei: int) -> int:
        # A contrary label ("Republican" for "the Democratic nominee") rules a candidate out more
        # surely than a shared word ("presidential") rules one in.
        words = described[ei]
        if head not in words and any(w in _PERSON_HEADS for w in words):
            # Described by another role ("Justice Minister David Lametti" for "the justice
            # official"): shared modifiers say nothing.
            return -2 * sum(1 for w in wanted if _CONTRARY.get(w) in words)
        return len(wanted & words) - 2 * sum(1 for w in wanted if _CONTRARY.get(w) in words)
    if want == "organization" and head not in _GENERIC_ORG_HEADS:
        # "the police department", "the agency": a specific institution is one whose name or
        # description says so, not whichever organisation the story names most.
        count = {ei: n for ei, n in count.items() if ei in named or ei in titled or fit(ei) > 0}
        if not count:
            return None
    def rank(ei: int) -> tuple[int, int, int, int, int]:
        return (ei in named, fit(ei), ei in titled, count[ei], recent[ei])
    return max(count, key=rank)


def _medium_author(text: str, m: Span, noun: str, attributions: list[Attribution]) -> int | None:
    """Author of "the statement" (``noun``): the speaker of the last attribution when its sentence,
    within 600 characters, names such a medium ("X said in a statement ... The statement added")."""
    for a in reversed(attributions[-3:]):
        pm = a.quote.mention
        if a.speaker is None or pm is None or pm.start >= m.start:
            continue
        lo = min(pm.start, a.quote.content.start)
        # ("the company's blog post": up to two words, possessives too, between determiner and noun)
        if m.start - lo <= 600 and re.search(rf"\b(?:a|an|the|its|his|her|their)\s+(?:[\w'\u2019-]+\s+){{0,2}}{noun}\b",
                                             text[max(0, lo - 200):m.start], re.I):
            return a.speaker
        return None
    return None
