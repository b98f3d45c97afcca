"""Speaker resolution within one document.

Scope: one English news article at a time; no cross-document identity. Rule-based:

* a mention is split into descriptor and name: leading titles and roles ("Turkish President Recep
  Tayyip Erdogan" -> "Turkish President" + "Recep Tayyip Erdogan"), an appositive after the name
  ("Lina Shamy, an activist in eastern Aleppo"), or a nominal before an appositive name ("Her
  mother, Fatemah");
* surnames and short names resolve to the fullest name of the document that ends with them
  ("Kareem" -> "Bilal Abdul Kareem");
* "he"/"she" resolve to the most recent compatible person named before them (outside quotes),
  gender taken from titles and descriptors when known; "they"/"it" to the latest organisation;
* organisations are speakers too ("the UN estimates", "the White House said", "a spokesman for X"
  -> X); other nominals ("a source", "officials") get an ``unknown`` speaker of their own;
* a quote without a mention (a floating quote, a participle clause) takes the previous quote's
  speaker.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from quotewire.extract.model import Attribution, Quote, Sentence, Span, Speaker
from quotewire.extract.quotes.lexicons import (
    DETERMINERS,
    FEMALE_NAMES,
    MALE_NAMES,
    NOT_PERSON_WORDS,
    ORG_WORDS,
    PRONOUN_GENDER,
    TITLES,
)

log = logging.getLogger(__name__)

Kind = Literal["person", "organization", "unknown"]

# A run of capitalised words (a name candidate). Linear: each repetition needs whitespace and a
# capital; a period only ends a known abbreviation or an initial, so runs stop at sentence ends.
_NAME_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Rev|Prof|Hon|Del|[A-Z])\.|[A-Z](?:[\u00c2\u00c3][\u0080-\u00bf]|[\w'\u2019\-])*)"
)
_NAME_RUN = re.compile(
    r"(?<![\w'\u2019])"
    + _NAME_TOKEN
    + r"(?:[ \t]+(?:"
    + _NAME_TOKEN
    + r"|(?:de|da|van|von|bin|al|el|la|le|del)(?![\w'\u2019])))*"
)
# An appositive right after a name: ", a/an/the/another ... ," up to the next comma or period.
_APPOSITIVE = re.compile(
    r",[ \t]+((?:a|an|the|another|his|her|their|its|who|which)[ \t][^,.;:\"\u201c\u201d\n]{2,160})[,.]"
)
# "a spokesman for the White House": the organisation a spokesperson speaks for.
_SPOKES = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|representative|official|aide|adviser)s?\s+(?:for|of|at)\s+(.+)$",
    re.I,
)
# Function words that may start a capitalised run without being part of the name.
_LEADING = frozenset(
    """the a an in on at but and however after before when while as if for by with from of to
    meanwhile still yet so this that these those his her their its our my mr mrs ms dr""".split()
)
_NOT_PERSON = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i we you he she it they""".split()
)
# Quote rules whose mention-less quotes continue the previous quote's speaker.
CONTINUING_RULES = frozenset({"floating_continuation", "participle"})
_FEMALE = frozenset("she her mrs ms miss woman girl mother wife daughter sister grandmother widow queen".split())
_MALE = frozenset("he his mr man boy father husband son brother grandfather king".split())


@dataclass(slots=True)
class _Entity:
    name: str
    kind: Kind
    gender: str = ""
    descriptors: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


def _strip_det(words: list[str]) -> list[str]:
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return words


def _clean_word(w: str) -> str:
    return w.lower().rstrip(".,").replace("\u2019", "'")


@functools.lru_cache(maxsize=8192)
def split_name(mention: str) -> tuple[str, str]:
    """``(descriptor, name)`` of a mention: leading titles/roles are the descriptor.

    "Turkish President Recep Tayyip Erdogan" -> ("Turkish President", "Recep Tayyip Erdogan");
    "the UN" -> ("", "UN"); "Lina Shamy" -> ("", "Lina Shamy").
    """
    words = _strip_det(mention.split())
    last_title = -1
    for i, w in enumerate(words):
        cw = _clean_word(w)
        if cw in TITLES or not w[:1].isupper():
            last_title = i
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".,")
    if 0 <= last_title < len(words) - 1:
        return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1 :])
    return "", " ".join(words)


def _kind(name: str, mention: str) -> Kind:
    words = [_clean_word(w) for w in mention.split()]
    if any(w in ORG_WORDS for w in words) or (name.isupper() and len(name) >= 2):
        return "organization"
    if not name[:1].isupper():
        return "unknown"
    return "person"


def _first_name_gender(name: str) -> str:
    first = _clean_word(name.split()[0]) if name.split() else ""
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return ""


def _gender_of(text: str) -> str:
    words = {_clean_word(w) for w in text.split()}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return ""


class _Doc:
    """Name occurrences of one document, used to expand surnames and resolve pronouns."""

    def __init__(self, text: str, quotes: Sequence[Quote]) -> None:
        self.text = text
        quoted = sorted((q.content.start, q.content.end) for q in quotes if q.type == "direct")
        self.names: list[tuple[int, int, str]] = []  # (start, end, name) of person-like runs
        self.singles: list[tuple[int, int, str]] = []  # lone capitalised words (surnames?)
        qi = 0
        for m in _NAME_RUN.finditer(text):
            while qi < len(quoted) and quoted[qi][1] <= m.start():
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= m.start() < quoted[qi][1]:
                continue
            words = m.group().split()
            s = m.start()
            while words and words[0].lower().rstrip(".") in _LEADING:
                s = text.index(words[1], s + len(words[0])) if len(words) > 1 else m.end()
                words = words[1:]
            _, name = split_name(" ".join(words))
            name = name.rstrip(".,").removesuffix("'s").removesuffix("\u2019s")
            if not name or name.lower() in _NOT_PERSON:
                continue
            nwords = name.split()
            if any(_clean_word(w) in ORG_WORDS or _clean_word(w) in NOT_PERSON_WORDS for w in nwords):
                continue
            e = text.find(name, s, m.end() + 1)
            if e < 0:
                continue
            if len(nwords) == 1 and not _APPOSITIVE.match(text, m.end()):
                # A lone capitalised word: maybe a surname of a full name (resolved later).
                self.singles.append((e, e + len(name), name))
                continue
            self.names.append((e, e + len(name), name))
        self.full: dict[str, str] = {}
        for _, _, name in self.names:
            parts = name.split()
            for k in range(1, len(parts)):
                tail = " ".join(parts[k:])
                if len(name) > len(self.full.get(tail, "")):
                    self.full[tail] = name

    def expand(self, name: str) -> str:
        """The fullest name of the document ending with ``name`` (surname -> full name)."""
        return self.full.get(name, name)


def _descriptor_after(text: str, end: int) -> str:
    m = _APPOSITIVE.match(text, end)
    if m and not m.group(1).lower().startswith(("who", "which")):
        # "a 7-year-old girl who is now known for ...": the descriptor stops at the relative clause.
        return re.split(r"\s(?:who|which|whose|that)\s", m.group(1), maxsplit=1)[0].strip()
    return ""


def _descriptor_before(text: str, start: int) -> str:
    """ "Her mother, Fatemah": the nominal before an appositive name."""
    head = text[max(0, start - 60) : start]
    m = re.search(r"(?:^|[.;:\n]\s*|\s)((?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?)\s+[a-z][\w\- ]{1,40}),\s*$", head)
    return m.group(1) if m else ""


def resolve_speakers(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> tuple[list[Speaker], list[Attribution]]:
    """Group the quotes' mentions into speakers and attach each quote to one.

    Returns one Speaker per person/organisation/nominal with all its mentions (quote mentions
    plus the other occurrences of its name), and one Attribution per quote (``speaker`` is
    ``None`` when no source could be found).
    """
    if not quotes:
        return [], []
    doc = _Doc(text, quotes)
    entities: list[_Entity] = []
    index: dict[str, int] = {}
    # Person occurrences in text order, for pronoun resolution: (start, entity index).
    history: list[tuple[int, int]] = []

    def entity(name: str, kind: Kind) -> int:
        key = name.lower()
        if key not in index:
            index[key] = len(entities)
            entities.append(_Entity(name, kind))
        return index[key]

    # Register every person-like name occurrence first, so pronouns can find antecedents.
    for s, e, name in doc.names:
        full = doc.expand(name)
        ei = entity(full, "person")
        ent = entities[ei]
        ent.mentions.append(Span.of(text, s, e))
        desc = _descriptor_after(text, e)
        if desc and desc not in ent.descriptors:
            ent.descriptors.append(desc)
        if not ent.gender:
            ent.gender = _first_name_gender(full) or _gender_of(desc + " " + text[max(0, s - 25) : s])
        history.append((s, ei))
    # Surnames alone ("Kareem", "Mr. Trump") are further mentions of the full name.
    for s, e, word in doc.singles:
        full = doc.expand(word)
        if full != word and full.lower() in index:
            ei = index[full.lower()]
            entities[ei].mentions.append(Span.of(text, s, e))
            history.append((s, ei))
    history.sort()

    def resolve_pronoun(m: Span) -> int | None:
        g = PRONOUN_GENDER.get(m.text.lower(), "")
        want_org = g in ("n", "p")
        lo, hi = 0, len(history)
        while lo < hi:  # bisect: last occurrence before the pronoun
            mid = (lo + hi) // 2
            if history[mid][0] < m.start:
                lo = mid + 1
            else:
                hi = mid
        for k in range(lo - 1, max(-1, lo - 40), -1):
            ent = entities[history[k][1]]
            if want_org:
                if ent.kind == "organization":
                    return history[k][1]
                continue
            if ent.kind != "person":
                continue
            if ent.gender and g in "mf" and ent.gender != g:
                continue
            if g in "mf" and not ent.gender:
                ent.gender = g
            return history[k][1]
        return None

    attributions: list[Attribution] = []
    last: int | None = None
    seen_mentions = {(ei, sp.start) for ei, e in enumerate(entities) for sp in e.mentions}
    for q in quotes:
        m = q.mention
        if m is None:
            # Floating quotes and participle clauses continue the previous speaker.
            attributions.append(Attribution(q, last if q.rule in CONTINUING_RULES else None))
            continue
        if m.text.lower() in PRONOUN_GENDER:
            found = resolve_pronoun(m)
            ei = entity(m.text, "unknown") if found is None else found
        elif m.text.lower() in ("who", "which"):
            # "the EU, which contended ...": the relative pronoun stands for the phrase before it.
            head = _antecedent(text, m.start)
            ei = _named(text, head, doc, entity, entities) if head is not None else entity(m.text, "unknown")
        else:
            ei = _named(text, m, doc, entity, entities)
            if entities[ei].kind in ("person", "organization"):
                bisect.insort(history, (m.start, ei))
        ent = entities[ei]
        if (ei, m.start) not in seen_mentions:  # a set: one check per quote, not a scan
            seen_mentions.add((ei, m.start))
            ent.mentions.append(m)
        attributions.append(Attribution(q, ei))
        last = ei
    speakers = [Speaker(e.name, e.kind, tuple(e.descriptors), _outer_mentions(e.mentions)) for e in entities]
    # Keep only speakers of some quote (names never quoted are not speakers), reindexing.
    used = sorted({a.speaker for a in attributions if a.speaker is not None})
    remap = {old: new for new, old in enumerate(used)}
    return [speakers[i] for i in used], [
        Attribution(a.quote, remap[a.speaker] if a.speaker is not None else None) for a in attributions
    ]


def _outer_mentions(mentions: list[Span]) -> tuple[Span, ...]:
    """Mentions in text order, dropping one nested in another ("Erdogan" inside "President ... Erdogan")."""
    out: list[Span] = []
    for m in sorted(mentions, key=lambda s: (s.start, -s.end)):
        if out and m.end <= out[-1].end:
            continue
        out.append(m)
    return tuple(out)


def _antecedent(text: str, pos: int) -> Span | None:
    """The capitalised name right before ", who"/", which" at ``pos``."""
    lo = max(0, pos - 80)
    window = text[lo:pos].rstrip()
    if not window.endswith(","):
        return None
    window = window[:-1].rstrip()
    last = None
    for m in _NAME_RUN.finditer(window):
        last = m
    if last is None or last.end() != len(window):
        return None
    return Span.of(text, lo + last.start(), lo + last.end())


def _named(text: str, m: Span, doc: _Doc, make: Callable[[str, Kind], int], entities: list[_Entity]) -> int:
    """Entity index of a named or nominal mention (creating the entity when new)."""
    desc, name = split_name(m.text)
    name = name.removesuffix("'s").removesuffix("\u2019s")
    spokes = _SPOKES.match(m.text)
    if spokes:
        org = " ".join(_strip_det(spokes.group(1).split()))
        ei = make(org, "organization")
        d = m.text[: spokes.start(1)].strip()
        if d not in entities[ei].descriptors:
            entities[ei].descriptors.append(d)
        return ei
    if not name[:1].isupper() or not name.split()[-1][:1].isupper():
        # A nominal ("a source", "officials", "Turkish officials"): its own unknown speaker.
        return make(m.text, "unknown")
    kind = _kind(name, m.text)
    full = doc.expand(name) if kind == "person" else name
    ei = make(full, kind)
    ent = entities[ei]
    for d in (desc, _descriptor_after(text, m.end), _descriptor_before(text, m.start)):
        if d and d not in ent.descriptors:
            ent.descriptors.append(d)
    if not ent.gender:
        ent.gender = _first_name_gender(full) or _gender_of(" ".join(ent.descriptors) + " " + desc)
    return ei
