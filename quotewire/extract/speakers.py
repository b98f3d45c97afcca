"""Speaker resolution within one document.

Scope: one English news article at a time; no cross-document identity. Rules and one trained model:

* a mention is split into descriptor and name: leading titles and roles ("Turkish President Recep
  Tayyip Erdogan" -> "Turkish President" + "Recep Tayyip Erdogan"), an appositive after the name
  ("Lina Shamy, an activist in eastern Aleppo"), or a nominal before an appositive name ("Her
  mother, Fatemah");
* surnames and short names resolve to the fullest name of the document that ends with them
  ("Kareem" -> "Bilal Abdul Kareem");
* a surname is the full name written last before it (two Greenspans stay apart); spelling
  variants of a first name are one person;
* "he"/"she"/"it"/"they" go to the named mention a trained ranker picks (``pronouns``, GUM),
  else to the most recent compatible one, unless they continue the speaker just quoted; gender
  from first names (SSA table), titles and role words; descriptions ("the company", "the
  senator") go to the most salient compatible entity;
* organisations are speakers too ("the UN estimates", "the White House said", "a spokesman for X"
  -> X); other nominals ("a source", "officials") get an ``unknown`` speaker of their own;
* a quote without a mention (a floating quote, a participle clause) takes the previous quote's
  speaker.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from quotewire.extract import pronouns
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

# "place": a known place (data/places.txt). It may speak for its government ("China said") and is
# written out as an organisation, but it is never the antecedent of a pronoun or a description.
Kind = Literal["person", "organization", "place", "unknown"]

# A run of capitalised words (a name candidate). Linear: each repetition needs whitespace and a
# capital; a period only ends a known abbreviation or an initial, so runs stop at sentence ends.
_NAME_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Rev|Prof|Hon|Del)\.|(?:[A-Z]\.)+|[A-Z](?:[\u00c2\u00c3][\u0080-\u00bf]|[\w'\u2019\-])*)"
)
# Longest run of capitalised words read as one name (with its titles: "Former Turkish Prime
# Minister Recep Tayyip Erdogan" is 7).
MAX_NAME_WORDS = 10
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
    meanwhile still yet so this that these those his her their its our my mr mrs ms dr
    although though perhaps besides nonetheless nevertheless finally later earlier similarly likewise moreover furthermore also instead indeed
    now then even unlike like despite during since until once unless because thus hence therefore
    otherwise both either neither each every all many most some several few such only just already
    again here there today tonight yesterday tomorrow last next thanks according including following
    amid among across against toward towards without within beyond upon via per plus about over under
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_NOT_PERSON = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i we you he she it they""".split()
)
# Kinds as written in the speakers table (kind, entity_type): a place speaks for its government.
_OUT_KIND: dict[Kind, Literal["person", "organization", "unknown"]] = {
    "person": "person", "organization": "organization", "place": "organization", "unknown": "unknown"}
_OUT_TYPE: dict[Kind, Literal["person", "organization"] | None] = {
    "person": "person", "organization": "organization", "place": "organization", "unknown": None}
# Entity kinds as the pronoun ranker's candidate labels.
_RANKER_LABEL = {"person": "PER", "organization": "ORG"}
_CONTRACTION = re.compile(r"['\u2019](?:s|ve|d|ll|re|m)$", re.I)
_PREPOSITIONS = frozenset("of for at with from in on by to".split())
# Lower-case words that join the parts of one name ("Council on Foreign Relations").
_NAME_CONNECTORS = frozenset("of on for and de del la van von".split())
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
    while len(words) > 1 and words[0].lower().rstrip(",") in _LEADING and _clean_word(words[0]) not in TITLES \
            and words[0].lower().rstrip(".") not in ("mr", "mrs", "ms", "dr"):
        words = words[1:]  # "Finally Demi", "Nonetheless Tracy": a sentence adverb is no part of a name
    last_title = -1
    for i, w in enumerate(words):
        cw = _clean_word(w)
        # A possessive before a name is the name's organisation: "NBC's Dante Chinni".
        possessive = cw.endswith("'s") and i < len(words) - 2
        if cw in _NAME_CONNECTORS and 0 < i < len(words) - 1 and words[i - 1][:1].isupper() \
                and words[i + 1][:1].isupper() and _clean_word(words[i - 1]) not in TITLES and last_title < i - 1:
            # "National Institute on Drug Abuse", "Bank of Canada": a connector inside one name.
            continue
        if cw in TITLES and i + 1 < len(words) and _org_name_rest(words[i + 1:]):
            continue  # "National Institute", "House Intelligence Committee": a title word opens an org's name
        if cw in TITLES or not w[:1].isupper() or possessive:
            last_title = i
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".,")
    if 0 <= last_title < len(words) - 1:
        return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1 :])
    return "", " ".join(words)


@functools.cache
def place_names() -> frozenset[str]:
    """Lower-cased names of countries, states, provinces, regions and large cities
    (``data/places.txt``, hand-written; names that are also common first names left out)."""
    lines = (Path(__file__).parent / "data" / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def is_place(name: str) -> bool:
    """Is ``name`` (determiner and possessive dropped) a known place? "the United States" -> True."""
    words = _strip_det(name.split())
    key = " ".join(words).removesuffix("'s").removesuffix("\u2019s").lower()
    return key in place_names()


def _org_name_rest(words: list[str]) -> bool:
    """Do ``words`` finish an organisation's name: capitalised (or connectors) up to an
    organisation word ("Intelligence Committee", "Institute on Drug Abuse")?"""
    cleaned = [_clean_word(w) for w in words]
    return any(c in ORG_WORDS for c in cleaned) and all(
        w[:1].isupper() or c in _NAME_CONNECTORS for w, c in zip(words, cleaned, strict=True))


def _kind(name: str, mention: str) -> Kind:
    words = [_clean_word(w) for w in mention.split()]
    # A place that speaks ("China said", "Ottawa says") is its government; it is never a person a
    # later "she" could refer to.
    if is_place(name):
        return "place"
    if any(w in ORG_WORDS for w in words) or (name.isupper() and len(name) >= 2):
        return "organization"
    if not name[:1].isupper():
        return "unknown"
    return "person"


@functools.cache
def first_name_genders() -> dict[str, str]:
    """First name -> "f"/"m" for names whose gender is clear (``data/first_names.tsv``).

    Built from US Social Security baby-name counts (public domain) by
    ``training/build_first_names.py``; loaded once per process. The hand lists in the lexicons
    (names common in the news but rare in the US records) take precedence.
    """
    table: dict[str, str] = {}
    for line in (Path(__file__).parent / "data" / "first_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, g = line.split("\t")
            table[name.lower()] = g
    table.update({n: "f" for n in FEMALE_NAMES})
    table.update({n: "m" for n in MALE_NAMES})
    return table


def _first_name_gender(name: str) -> str:
    words = name.split()
    first = _clean_word(words[0]) if words else ""
    return first_name_genders().get(first, "") if len(words) > 1 or first in FEMALE_NAMES or first in MALE_NAMES else ""


def _gender_of(text: str) -> str:
    """Gender from the role words right before a name or in its descriptors ("her son Kody" -> m).

    The nearest gendered noun or title wins, read right to left; possessive pronouns are skipped
    because they name someone else ("her son": the son is male).
    """
    for w in reversed(text.split()):
        cw = _clean_word(w)
        if cw in ("her", "his", "their", "its", "he", "she"):
            continue
        if cw in _FEMALE:
            return "f"
        if cw in _MALE:
            return "m"
    return ""


class _Doc:
    """Name occurrences of one document, used to expand surnames and resolve pronouns."""

    def __init__(self, text: str, quotes: Sequence[Quote]) -> None:
        self.text = text
        quoted = sorted((q.content.start, q.content.end) for q in quotes if q.type == "direct")
        self.names: list[tuple[int, int, str]] = []  # (start, end, name) of person-like runs
        self.singles: list[tuple[int, int, str]] = []  # lone capitalised words (surnames?)
        self.orgs: list[tuple[int, int, str]] = []  # (start, end, name) of organisation names
        self._from_runs(quoted)
        self._index()
        self.org_full = self._org_forms()

    def _org_forms(self) -> dict[str, str]:
        """Short forms of organisation names -> the full name: an acronym defined in parentheses
        ("Export Development Canada (EDC)" -> EDC) and the first word of a multi-word organisation
        name ("Suncor" -> "Suncor Energy").

        Why: an organisation is introduced in full and then quoted by its short form; without the
        link the speaker is "EDC" in one record and "Export Development Canada" in the next.
        """
        forms: dict[str, str] = {}
        for _, _, name in self.orgs:
            words = name.split()
            first = _clean_word(words[0]) if words else ""
            if len(words) > 1 and words[0][:1].isupper() and first not in _LEADING and first not in ORG_WORDS \
                    and first not in TITLES and not _ADJECTIVE_END.search(first) and not is_place(words[0]):
                forms.setdefault(words[0], name)
        # "the International Monetary Fund ... The IMF said": initials of a name of three or more
        # capitalised words written in the article (one name per set of initials, else none).
        by_initials: dict[str, set[str]] = {}
        for _, _, name in [*self.orgs, *self.names]:
            words = [w for w in _strip_det(name.split()) if w[:1].isupper()]
            if len(words) >= 3 and not any(w.endswith(".") for w in words):
                by_initials.setdefault("".join(w[0] for w in words), set()).add(" ".join(_strip_det(name.split())))
        for initials, names in by_initials.items():
            if len(names) == 1:
                forms.setdefault(initials, next(iter(names)))
        for m in _ACRONYM_DEF.finditer(self.text):
            full, acr = m.group(1), m.group(2)
            initials = "".join(w[0] for w in _strip_det(full.split()) if w[:1].isupper())
            if initials.upper() == acr.replace("&", "").upper():
                forms[acr] = " ".join(_strip_det(full.split()))
        return forms

    def _from_runs(self, quoted: list[tuple[int, int]]) -> None:
        """Names from runs of capitalised words outside direct quotations: persons (full names
        and lone words that may be surnames) and organisation names (with an organisation word)."""
        text = self.text
        qi = 0
        for m in _NAME_RUN.finditer(text):
            while qi < len(quoted) and quoted[qi][1] <= m.start():
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= m.start() < quoted[qi][1]:
                continue
            words = m.group().split()
            if len(words) > MAX_NAME_WORDS:
                # A run of a dozen capitalised words is a Title Case headline or garbage, not a
                # name; skipping it also keeps the tail index below linear in the run's length.
                continue
            s = m.start()
            while words and words[0].lower().rstrip(".") in _LEADING:
                s = text.index(words[1], s + len(words[0])) if len(words) > 1 else m.end()
                words = words[1:]
            _, name = split_name(" ".join(words))
            name = name.rstrip(".,").removesuffix("'s").removesuffix("\u2019s")
            if not name or name.lower() in _NOT_PERSON:
                continue
            nwords = name.split()
            cleaned = [_clean_word(w) for w in nwords]
            if any(w in ORG_WORDS for w in cleaned):
                if len(nwords) > 1:
                    # "Suncor Energy", "BC Hydro": an organisation, antecedent of "it" and "the company".
                    self.orgs.append((e0 := text.find(name, s, m.end() + 1), e0 + len(name), name))
                continue
            if len(nwords) > 1 and all(w.isupper() and len(w) > 2 for w in nwords):
                continue  # "MIDWAY ATOLL", "FULL TEXT": a dateline or heading in capitals names no person
            skip_first = len(cleaned) > 1 and cleaned[0] in first_name_genders()  # "Bill de Blasio", not "the Bill"
            if any(w in NOT_PERSON_WORDS for w in cleaned[int(skip_first):]):
                continue
            e = text.find(name, s, m.end() + 1)
            if e < 0 or _in_furniture(text, m.start()) or _place_like(text, m.start(), m.group()):
                continue
            if len(nwords) == 1 and not _APPOSITIVE.match(text, m.end()):
                # A lone capitalised word: maybe a surname of a full name (resolved later).
                self.singles.append((e, e + len(name), name))
                continue
            self.names.append((e, e + len(name), name))

    def _index(self) -> None:
        # Full names by their tails ("Kareem" -> "Bilal Abdul Kareem") and by their first word
        # ("Elizabeth" -> "Elizabeth May"), each with the offsets where the full name is written.
        self.by_tail: dict[str, list[tuple[int, str]]] = {}
        self.by_head: dict[str, list[tuple[int, str]]] = {}
        self.canonical: dict[str, str] = {}
        self._tail_names: dict[str, dict[str, None]] = {}  # tail -> distinct full names, in order
        for s, _, name in self.names:
            if name not in self.canonical:  # once per distinct name: the variant search is a scan
                self.canonical[name] = self._variant_of(name)
            name = self.canonical[name]
            parts = name.split()
            for k in range(1, len(parts)):
                tail = " ".join(parts[k:])
                self.by_tail.setdefault(_key(tail), []).append((s, name))
                self._tail_names.setdefault(_key(tail), {})[name] = None
            if len(parts) > 1:
                self.by_head.setdefault(_key(parts[0]), []).append((s, name))

    def _variant_of(self, name: str) -> str:
        """A spelling variant of a name seen before ("Jodie" / "Jody Wilson-Raybould") is that name.

        Why: news copy misspells first names; two spellings with one surname and first names one
        or two letters apart (same initial) are one person, not two speakers.
        """
        parts = name.split()
        if len(parts) < 2 or len(parts[0]) < 3:
            return name
        for other in self._tail_names.get(_key(parts[-1]), ()):
            o = other.split()
            if len(o) == len(parts) and o[1:] == parts[1:] and o[0] != parts[0] and o[0][0] == parts[0][0] \
                    and len(o[0]) >= 3 and _edit_distance(o[0].lower(), parts[0].lower()) <= 2:
                return other
        return name

    def expand(self, name: str, pos: int = -1) -> str:
        """The fullest name of the document for ``name`` (surname or first name -> full name).

        Two people may share a surname (Dorie and Michael Greenspan): a surname is the full name
        written last before ``pos`` (else the first one after it), not the longest one.
        """
        name = self.canonical.get(name, name)
        cands = self.by_tail.get(_key(name))
        if not cands and " " not in name:
            cands = self.by_head.get(_key(name))
        if not cands:
            return name
        if pos >= 0:
            # cands are in text order (names are indexed as written): bisect, not a scan per mention
            i = bisect.bisect_left(cands, (pos,))
            return cands[i - 1][1] if i > 0 else cands[0][1]
        return max(cands, key=lambda c: len(c[1]))[1]


def _key(name: str) -> str:
    """Index key of a name part: case and apostrophe style do not matter ("De Blasio" / "de Blasio",
    "O'Neill" / "O\u2019Neill")."""
    return name.lower().replace("\u2019", "'")


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words (first names)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


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
    spans: list[tuple[int, int, int]] = []  # (start, end, entity index) of every named mention

    def entity(name: str, kind: Kind) -> int:
        key = name.lower()
        if key not in index:
            index[key] = len(entities)
            entities.append(_Entity(name, kind))
        return index[key]

    # Register every person-like name occurrence first, so pronouns can find antecedents.
    for s, e, name in doc.names:
        # A lone surname with an appositive ("Martell, the addictions doctor") is still a surname.
        full = doc.expand(name, s) if " " not in name else doc.canonical.get(name, name)
        ei = entity(full, "place" if is_place(full) else "person")
        ent = entities[ei]
        ent.mentions.append(Span.of(text, s, e))
        desc = _descriptor_after(text, e)
        if desc and desc not in ent.descriptors:
            ent.descriptors.append(desc)
        if not ent.gender:
            ent.gender = _first_name_gender(full) or _gender_of(desc + " " + text[max(0, s - 25) : s])
        history.append((s, ei))
        spans.append((s, e, ei))
    # Surnames alone ("Kareem", "Mr. Trump") are further mentions of the full name.
    for s, e, word in doc.singles:
        full = doc.expand(word, s)
        if full != word and full.lower() in index:
            ei = index[full.lower()]
            entities[ei].mentions.append(Span.of(text, s, e))
            history.append((s, ei))
            spans.append((s, e, ei))
    # Organisation names: antecedents of "it", "they" and "the company".
    for s, e, name in doc.orgs:
        if s < 0:
            continue
        oi = entity(name, "organization")
        if entities[oi].kind == "organization":
            entities[oi].mentions.append(Span.of(text, s, e))
            history.append((s, oi))
            spans.append((s, e, oi))
    history.sort()
    spans.sort()
    starts = [s.start for s in sentences]

    def rank_pronoun(m: Span) -> int | None:
        """The trained mention ranker over the named mentions before the pronoun."""
        # The ranker looks at most 25 named mentions back: hand it the last 60 (bounded cost).
        hi = bisect.bisect_left(spans, (m.start, -1, -1))
        singular = m.text.lower() not in ("they", "them", "their")  # "he" is never "X and Y"
        cands = [
            pronouns.Candidate(s, e, _RANKER_LABEL.get(entities[ei].kind, "OTHER"), ei, entities[ei].gender)
            for s, e, ei in spans[max(0, hi - 60):hi]
            if e <= m.start and entities[ei].kind != "place" and not (singular and " and " in entities[ei].name)
        ]
        best = pronouns.default_ranker().antecedent(text, (m.start, m.end), cands, starts, agree=True)
        if best is None:
            return None
        si = bisect.bisect_right(starts, m.start) - 1
        prev_start = starts[max(0, si - 1)] if si >= 0 else 0
        best_subject = _subject_like(text, cands[best].start, cands[best].end, starts)
        if not best_subject or cands[best].start < prev_start:
            # "he"/"she" continues a subject ("Gokool ... is hopeful Lametti might heed Parker's
            # plea. "...," she said"): when the ranker picks an object or possessor, or a mention
            # older than the previous sentence, the most recent compatible subject of the last two
            # sentences wins (measured: GGT dev pronoun sources 0.822 -> 0.832, hard labels +1).
            g = PRONOUN_GENDER.get(m.text.lower(), "")
            lo_pos = prev_start
            for c in reversed(cands):
                if c.start < lo_pos or (best_subject and c.start <= cands[best].start):
                    break
                ent = entities[c.entity]
                if g in ("m", "f") and ent.kind == "person" and ent.gender in ("", g) \
                        and _subject_like(text, c.start, c.end, starts):
                    return c.entity
        return cands[best].entity

    def resolve_pronoun(m: Span) -> int | None:
        g = PRONOUN_GENDER.get(m.text.lower(), "")
        want_org = g in ("n", "p")
        lo = bisect.bisect_left(history, (m.start, -1))  # the last occurrence before the pronoun
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
    pronoun_at: dict[tuple[int, int], int | None] = {}  # pronoun mention span -> its resolution
    last: int | None = None
    seen_mentions = {(ei, sp.start) for ei, e in enumerate(entities) for sp in e.mentions}
    for q in quotes:
        m = q.mention
        if m is None:
            # Floating quotes and participle clauses continue the previous speaker; an orphan
            # quotation is the person the sentences just before it are about.
            if q.rule in CONTINUING_RULES:
                attributions.append(Attribution(q, last))
            else:
                attributions.append(Attribution(q, _context_person(text, q.content.start, sentences, spans,
                                                                   entities, rank_pronoun)))
            continue
        who: int | None
        bare = _CONTRACTION.sub("", m.text)
        if bare != m.text and (bare.lower() in PRONOUN_GENDER or bare.lower() in ("who", "which")):
            # "he's", "who's", "I've": the pronoun without its contracted verb.
            m = Span(m.start, m.start + len(bare), bare)
            q = dataclasses.replace(q, mention=m)
        if (m.start, m.end) in pronoun_at:
            # One pronoun mention for two quote parts ('"A," he said. "B."'): one speaker.
            who = pronoun_at[(m.start, m.end)]
        elif m.text.lower() in PRONOUN_GENDER:
            # An unresolved pronoun is no speaker ("it" never names anyone).
            who = rank_pronoun(m)
            if who is None:
                who = resolve_pronoun(m)  # no named mention in the ranker's window: look further back
            prev = _previous_speaker(text, m, attributions, entities)
            if prev is not None:
                who = prev
            pronoun_at[(m.start, m.end)] = who
        elif m.text.lower() in ("who", "which"):
            # "the EU, which contended ...": the relative pronoun stands for the phrase before it.
            head = _antecedent(text, m.start)
            who = _named(text, head, doc, entity, entities) if head is not None else None
        elif _no_speaker(text, m):
            who = None
        elif (medium := _MEDIUM.match(m.text)) is not None:
            # "her statement said": whoever issued it; "the statement said": the speaker just quoted
            # (news introduces a statement with its author first: "X said in a statement ...").
            if medium.group(1).lower() in ("his", "her", "their", "its"):
                who = rank_pronoun(Span(m.start, m.start + len(medium.group(1)), medium.group(1)))
            else:
                who = _medium_author(text, m, medium.group(2), attributions)
                if who is None:
                    who = _named(text, m, doc, entity, entities)
        elif (noun := _description_head(m.text)) is not None:
            # "the company said", "the GOP nominee said": the entity the description stands for.
            who = _resolve_description(text, m, noun, spans, entities)
            intro = _indefinite_intro(text, m.start, noun)
            if intro is not None and (who is None or _last_mention_before(spans, who, m.start) < intro.start):
                # "a justice official told reporters ... The official said": the description goes
                # back to the unnamed person introduced after the last mention of any named one.
                who = entity(intro.text, "unknown")
            elif who is None:
                # Unresolved, the description is its own speaker: "the former sergeant-at-arms of the
                # House of Commons" is not "Commons".
                who = entity(m.text, "unknown") if _OF_BODY.search(m.text) else _named(text, m, doc, entity, entities)
            elif m.text not in entities[who].descriptors:
                entities[who].descriptors.append(m.text)
        else:
            who = _named(text, m, doc, entity, entities)
            if who is not None and entities[who].kind in ("person", "organization", "place"):
                bisect.insort(history, (m.start, who))
                bisect.insort(spans, (m.start, m.end, who))
                named = _name_span(_cut_affiliation(m))
                if named != m:
                    m = named
                    q = dataclasses.replace(q, mention=m)
        if who is not None and (who, m.start) not in seen_mentions:  # a set: one check per quote, not a scan
            seen_mentions.add((who, m.start))
            entities[who].mentions.append(m)
        attributions.append(Attribution(q, who))
        last = who
    speakers = [
        Speaker(e.name, _OUT_KIND[e.kind], tuple(e.descriptors), _outer_mentions(e.mentions),
                entity_type=_OUT_TYPE[e.kind])
        for e in entities
    ]
    # Keep only speakers of some quote (names never quoted are not speakers), reindexing.
    used = sorted({a.speaker for a in attributions if a.speaker is not None})
    remap = {old: new for new, old in enumerate(used)}
    return [speakers[i] for i in used], [
        Attribution(a.quote, remap[a.speaker] if a.speaker is not None else None) for a in attributions
    ]


_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow january february
    march april june july august september october november december""".split()
)


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
    veteran strategist pollster adviser advisor aide owner resident witness widow mogul billionaire""".split()
)
_ORG_HEADS = frozenset(
    """company firm agency government administration ministry department organisation organization party
    bank university school college institute institution council committee commission board court team
    club union association federation league network corporation business airline manufacturer retailer
    maker giant startup charity foundation army military navy regime parliament congress senate assembly
    cabinet authority office bureau service newspaper paper magazine channel broadcaster station studio
    label publisher hospital center centre laboratory museum church campaign utility group alliance
    coalition district city province state""".split()
)
# Title words that name no office of one person ("the national ...", "the former ...").
_NOT_ROLE_TITLES = frozenset("""acting campaign defence defense del democrat democratic federal finance foreign former
    gop house interior miss mr mrs ms national presidential press prime republican retired senate state vice
    dr rev gen gov rep reps sen sens""".split())
# News organisations by name, and the description heads that may refer to one.
_MEDIA_NAME = re.compile(
    r"\b(?:News|Press|Times|Post|Globe|Journal|Tribune|Herald|Gazette|Reuters|Bloomberg|CNN|CBC|CTV|BBC|NPR|"
    r"MSNBC|CNBC|ABC|NBC|CBS|Fox|Radio|Television|TV|Magazine|Newspaper|Broadcasting)\b")
_MEDIA_HEADS = frozenset("newspaper paper network broadcaster channel station magazine publication outlet".split())
# "Export Development Canada (EDC)": a name of capitalised words and its acronym in parentheses.
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'\u2019&.-]*)(?:\s+(?:of|and|for|the|on|de|&)?\s*[A-Z][\w'\u2019&.-]*){1,7})\s+\(([A-Z][A-Za-z&]{1,8})\)")
_ADJECTIVE_END = re.compile(r"(?:an|ese|ish|ic)$")
# A statement speaking for its author: "her statement said", "The statement added".
_MEDIUM = re.compile(r"^([Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[Tt]hat|[Tt]his)\s+(?:[a-z][\w-]*\s+)?"
                     r"(statement|email|e-mail|letter|release|memo|tweet|post|message|note)$")
_OF_BODY = re.compile(r"\s(?:of|for|at)\s")
_AGE_RE = re.compile(r"^\d+-year-old$")
_FEMALE_HEADS = frozenset("woman mother wife daughter sister actress chairwoman spokeswoman businesswoman congresswoman girl".split())
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
        body.append(w.strip(",.").lower())
    if not body:
        return None
    head = body[-1]
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


_SPEECH_AFTER = re.compile(
    r"\s*(?:,[^,.;\"\u201c\u201d]{1,80},\s*)?(?:has\s+|had\s+|also\s+)?(?:said|says|told|tells|added|adds|"
    r"wrote|writes|explained|noted|argued|insisted|stressed|warned|is|was)\b")
_SUBJECT_PREFIX = re.compile(r"(?:(?:[A-Z][\w.'\u2019-]*|the|a|an|former|then|of|and|[\"\u201c\u201d]|,)\s*)*")


def _subject_like(text: str, start: int, end: int, sentence_starts: Sequence[int]) -> bool:
    """Is the mention at ``start:end`` its sentence's subject: only a title or an opening phrase
    of capitalised words before it in the sentence, or a speech verb (or "is"/"was") after it?"""
    si = bisect.bisect_right(sentence_starts, start) - 1
    ss = sentence_starts[si] if si >= 0 else 0
    if start - ss < 80 and _SUBJECT_PREFIX.fullmatch(text, ss, start):
        return True
    return _SPEECH_AFTER.match(text, end) is not None


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


def _resolve_description(
    text: str, m: Span, head: str, spans: list[tuple[int, int, int]], entities: list[_Entity]
) -> int | None:
    """The named entity a definite description refers to: the most salient compatible one before it.

    Why these rules: in news a role description ("the senator", "the Democratic nominee") points
    back to a person already named, usually the article's main actor; an organisation noun ("the
    company", "the commission") to an organisation, preferably one whose name holds the noun.
    Compatible: a person for a person noun (gender from "woman"/"man"), an organisation for an
    organisation noun; a title written before the name ("Sen. Graham" for "the senator") wins.
    """
    want = "organization" if head in _ORG_HEADS else "person"
    gender = "f" if head in _FEMALE_HEADS else "m" if head in _MALE_HEADS else ""
    count: dict[int, int] = {}
    recent: dict[int, int] = {}
    titled: set[int] = set()
    named: set[int] = set()
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
        if want == "organization" and head in ent.name.lower():
            named.add(ei)
    if not count:
        return None
    def rank(ei: int) -> tuple[int, int, int, int]:
        return (ei in named, ei in titled, count[ei], recent[ei])
    return max(count, key=rank)


_LOWER_WORD = re.compile(r"(?<![\w'\u2019])(?!(?:the|of|and|a|an|in|on|at|for|to|by|de|van|von)\b)[a-z][a-z'\u2019]+")


_PLACE_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an|in|at|near|across|outside|inside|throughout)\s+$")


def _place_like(text: str, start: int, run: str) -> bool:
    """A run after a lower-case determiner or a place preposition names no person: "visited the
    Lower Mainland", "in New Brunswick", "at Stella's Cafe".

    Why: without it, places and businesses were the nearest "person" before a "she" or "he".
    A possessive run ("in Smith's view") is kept: it names the possessor.
    """
    if run.endswith(("'s", "\u2019s")):
        return False
    return _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None


def _in_furniture(text: str, pos: int) -> bool:
    """Is ``pos`` in page furniture: a byline or title-case headline line ("Jeff Karoub, The
    Associated Press"), or a parenthesised credit ("(Steve Lawrence/CBC)")?

    Why: names there are never the "he" or "she" of the story's next paragraphs; taking them
    as antecedents gave quotes to photographers and wire reporters. Only a short window around
    ``pos`` is read, so the cost per name is bounded on any input.
    """
    lo = max(0, pos - 200)
    ls = text.rfind("\n", lo, pos) + 1 or lo
    le = text.find("\n", pos, pos + 200)
    if le < 0 and pos + 200 >= len(text):
        le = len(text)
    if (ls > lo or lo == 0) and le >= 0:
        line = text[ls:le]
        if len(line.split()) <= 14 and not _LOWER_WORD.search(line) \
                and not line.rstrip().endswith((".", '"', "\u201d")):
            return True
    op = text.rfind("(", max(0, pos - 60), pos)
    if op < 0 or text.find(")", op, pos) >= 0:
        return False
    close = text.find(")", pos, op + 80)
    return close >= 0 and "\n" not in text[op:close]


_SUBJECT_PRONOUN = re.compile(r"(?<![\w'\u2019])(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)(?![\w'\u2019])")


def _context_person(
    text: str, pos: int, sentences: Sequence[Sentence], spans: list[tuple[int, int, int]],
    entities: list[_Entity], rank_pronoun: Callable[[Span], int | None],
) -> int | None:
    """The person an unattributed quotation at ``pos`` belongs to: the last person named, or
    referred to by he/she/his/her, in the two sentences before it (same or previous paragraph).

    "Laurin lost 40 per cent of her income. And there was the blow. "It took me two years ...""
    Why: news writes a quote paragraph right after the sentences about its speaker (the Gender
    Gap Tracker annotates these "floating" quotes with that person). Organisations and places are
    not taken, and nothing is taken across more than two sentences or 600 characters, so a
    quotation with no such context stays unattributed.
    """
    si = bisect.bisect_right([s.start for s in sentences], pos) - 1
    if si < 1:
        return None
    lo_s = sentences[max(0, si - 2)]
    if sentences[si].paragraph - lo_s.paragraph > 1:
        lo_s = sentences[si - 1]
        if sentences[si].paragraph - lo_s.paragraph > 1:
            return None
    lo = max(lo_s.start, pos - 600)
    best_pos, best = -1, None
    k = bisect.bisect_left(spans, (pos, -1, -1))
    for s, e, ei in reversed(spans[:k]):
        if s < lo:
            break
        if e <= pos and entities[ei].kind == "person":
            best_pos, best = s, ei
            break
    for pm in _SUBJECT_PRONOUN.finditer(text, max(lo, best_pos + 1), pos):
        who = rank_pronoun(Span(pm.start(), pm.end(), pm.group()))
        if who is not None and entities[who].kind == "person":
            best = who  # a later pronoun: the person the closest sentence is about
    return best


def _medium_author(text: str, m: Span, noun: str, attributions: list[Attribution]) -> int | None:
    """Author of "the statement" (``noun``): the speaker of the last attribution when its sentence,
    within 600 characters, names such a medium ("X said in a statement ... The statement added")."""
    for a in reversed(attributions[-3:]):
        pm = a.quote.mention
        if a.speaker is None or pm is None or pm.start >= m.start:
            continue
        lo = min(pm.start, a.quote.content.start)
        if m.start - lo <= 600 and re.search(rf"\b(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+)?{noun}\b",
                                             text[max(0, lo - 200):m.start], re.I):
            return a.speaker
        return None
    return None


def _previous_speaker(text: str, m: Span, attributions: list[Attribution], entities: list[_Entity]) -> int | None:
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
        return a.speaker
    return None


def _no_speaker(text: str, m: Span) -> bool:
    """Mentions that never name a speaker: numbers and dates ("2016", "Wednesday"), and section
    labels in capitals whose words the article also writes in lower case ("ANALYST'S TAKE",
    "EARNINGS"; an acronym such as "NATO" is kept).

    Why: the quote rules take the phrase before a cue as its source; in market reports and
    labelled sections that phrase is a heading or a figure, and a wrong speaker is worse than none.
    """
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*|\d+", m.text)
    if not words or all(w.isdigit() for w in words):
        return True
    if len(words) == 1 and (words[0].lower() in _DATE_WORDS or words[0].lower() in _LEADING):
        return True  # "Wednesday", "Nonetheless", "While": a date or a sentence opener names no one
    if m.text.isupper() and len(m.text) > 4:
        lowered = [w.lower().removesuffix("'s").removesuffix("\u2019s") for w in words]
        if all(re.search(rf"\b{re.escape(w)}\b", text) for w in lowered if len(w) > 2):
            return True
        if len(words) > 1 and any(w.endswith(("'S", "\u2019S")) for w in words):
            return True
        if len(words) > 1 and all(len(w) > 3 for w in words) and not any(w.lower() in ORG_WORDS for w in words):
            return True  # "KEEPING SCORE", "FULL TEXT": a heading, not a body ("UNITED NATIONS" has an org word)
    return False


_AFFILIATION = re.compile(r"\s(?:at|of|from|with|for)\s(?:the\s)?[A-Z]")
_TWO_CAPS = re.compile(r"[A-Z][\w'\u2019.-]*\s+[A-Z][\w'\u2019-]*$")


def _cut_affiliation(m: Span) -> Span:
    """The person before an affiliation: "professor Kent Moore at the University of Toronto" ->
    "professor Kent Moore". Why: the speaker is the person; the institution after "at"/"of"/
    "from" is where they work. Cut only after a name of two capitalised words, so "Bank of
    Canada" or "Minister of Innovation" stay whole.
    """
    a = _AFFILIATION.search(m.text)
    if a is None or not _TWO_CAPS.search(m.text, 0, a.start()):
        return m
    return Span(m.start, m.start + a.start(), m.text[: a.start()])


def _name_span(m: Span) -> Span:
    """The name inside a mention: "UFCW Local 832 president Jeff Traeger" -> "Jeff Traeger".

    Why: the speaker mention points at who speaks; titles and roles before the name are the
    speaker's ``descriptors``. A mention that is all name, or whose name part cannot be found
    verbatim, is kept whole.
    """
    desc, name = split_name(m.text)
    name = name.removesuffix("'s").removesuffix("\u2019s")
    if not desc or not name or desc.split()[-1].lower() in _PREPOSITIONS:
        # "a lawyer for Animal Protection Services": the mention is the lawyer, not the org.
        return m
    at = m.text.rfind(name)
    if at <= 0:
        return m
    return Span(m.start + at, m.start + at + len(name), name)


def _outer_mentions(mentions: list[Span]) -> tuple[Span, ...]:
    """Mentions in text order, dropping one nested in another ("Erdogan" inside "President ... Erdogan")."""
    out: list[Span] = []
    for m in sorted(mentions, key=lambda s: (s.start, -s.end)):
        if out and m.end <= out[-1].end:
            continue
        out.append(m)
    return tuple(out)


_NP_STOP = frozenset(
    """of with to from for by in on at and or but as than that said says say is was are were be been has have had
    not also only who which whom whose when where while after before because if""".split()
)
_NP_DET = frozenset("the a an this that these those his her their its our another".split())
_WORD_BACK = re.compile(r"([\w'\u2019\-]+)\s*$")


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
    run = _final_name_run(window)
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
    before = window[:start].rstrip()
    if before.endswith(","):  # "Nunes, the ferocious brawler who": the name before the appositive
        run = _final_name_run(before[:-1].rstrip())
        if run is not None:
            return Span.of(text, lo + run[0], lo + run[1])
    return Span.of(text, lo + start, lo + end)


def _named(
    text: str, m: Span, doc: _Doc, make: Callable[[str, Kind], int], entities: list[_Entity]
) -> int | None:
    """Entity index of a named or nominal mention (creating the entity when new); None for a place."""
    m = _cut_affiliation(m)
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
        # A nominal ("a source", "officials", "Turkish officials"): its own unknown speaker; with an
        # organisation head and a capitalised modifier ("The Canadian government") an organisation.
        words = m.text.split()
        named_body = len(words) > 1 and words[-1].lower() in _ORG_HEADS and any(w[:1].isupper() for w in words[1:-1])
        return make(m.text, "organization" if named_body else "unknown")
    bare = name.replace(".", "") if name.replace(".", "").isupper() else name  # "U.N." -> "UN"
    if bare in doc.org_full:  # "EDC", "Suncor", "IMF": the organisation's full name written in the article
        name = doc.org_full[bare]
        kind: Kind = "organization"
    else:
        kind = _kind(name, m.text)
    full = doc.expand(name, m.start) if kind == "person" else name
    ei = make(full, kind)
    ent = entities[ei]
    for d in (desc, _descriptor_after(text, m.end), _descriptor_before(text, m.start)):
        if d and d not in ent.descriptors:
            ent.descriptors.append(d)
    if not ent.gender:
        ent.gender = _first_name_gender(full) or _gender_of(" ".join(ent.descriptors) + " " + desc)
    return ei
