"""Corpus-level identity: people across documents, and quotations across reprints.

Scope: pure functions over the committed records of the whole output (``documents``,
``speakers``, ``quotes`` as schema-shaped dicts); no IO, no Prefect. ``build_corpus`` returns the
rows of four derived tables, each validated by its own schema in ``schemas/``:

- ``people``: one row per person or organisation, ``person_id`` a hash of its canonical key;
- ``speaker_person``: ``speaker_id`` -> ``person_id`` (null for speakers that are no name:
  pronouns, descriptions), with the rule that linked it;
- ``quotations``: one row per distinct quotation (exact normalized text, or near-duplicate
  wording for quotes of 12+ words), ``quotation_id`` a hash of its canonical key;
- ``quote_quotation``: ``quote_id`` -> ``quotation_id``.

The per-document part files are never touched: a merge that changes as documents arrive only
changes the two small link tables, rebuilt from scratch each run (a rebuild is linear in the
corpus: names are bucketed by surname, quotations by exact key and MinHash LSH bands; nothing
compares all pairs). Output is deterministic and independent of input order.

Person merge rules (each has a why-comment where it is applied):

1. titles and honorifics ("Turkish President", "Mr", "Dr", "France's") are stripped for
   matching and kept in the record (``variants`` keep the raw name, ``titles`` the stripped
   words); "Lord X" alone keeps its peerage in the key;
2. full names join on (surname, first given name); middle names may differ;
3. different first names never merge; a bare initial joins the one first name it fits (in the
   same period or outlet);
4. a surname-only mention joins a full name when that full name is in the same document; else
   only when exactly one full-name person in the corpus has the surname, the word is nobody's
   first name and no organisation's name word, that full name is corroborated (first name
   seen with another surname, two documents, or two given names), and the two are seen within
   a year (or, undated, in the same outlet). Otherwise an ambiguous bare surname stays a person
   of its own document, and a surname never given in full is one person across documents;
5. organisations and people never merge (``kind`` is part of every key); organisations and
   names of unknown kind join only on their exact normalized name (one legal-form suffix off);
   a person-kind name that is no person name ("American Express Co", a headline) is treated
   as unknown-kind;
6. a user alias (variant -> canonical name) rewrites the name before all of this.

Quotation rules: equal normalized text joins (8+ words whoever the speaker; shorter only with
the same person; short unattributed quotes stay per document); 12+-word texts also join as
near-duplicates (word-bigram Jaccard >= 0.5 or containment >= 0.9, equal numbers, compatible
speakers), found with MinHash LSH.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotewire.dataset.ids import short_hash

log = logging.getLogger(__name__)

Row = dict[str, Any]

#: The derived tables ``build_corpus`` returns, in dependency order (each has a schema).
TABLES: tuple[str, ...] = ("people", "speaker_person", "quotations", "quote_quotation")

#: Quotes of at least this many words join on equal text whoever they are attributed to.
NEAR_MIN_WORDS = 8
#: Jaccard similarity of word-bigram sets at or above which two long quotes are one quotation.
NEAR_JACCARD = 0.5
#: Quotes of at least this many words may join near-duplicates (fuzzy). Measured on Reuters +
#: BBC: 8-11-word near matches were mostly wire boilerplate reused across unrelated stories (one
#: preposition or month apart; 22/30 right, against 30/30 from 12 words), so they join only
#: exact twins.
FUZZY_MIN_WORDS = 12
#: Containment (shared bigrams / bigrams of the shorter) for a reprint that trims a quote.
NEAR_CONTAINMENT = 0.9
#: MinHash signature: BANDS bands of ROWS rows (threshold about (1/BANDS)**(1/ROWS) = 0.35).
BANDS, ROWS = 8, 2
#: LSH buckets larger than this compare neighbours only (keeps the worst case linear).
MAX_BUCKET = 64

# --- ids ----------------------------------------------------------------------------------------


# --- names --------------------------------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Titles, honorifics, roles and post-nominals, casefolded without dots. Matching only.
TITLES = _words(
    """mr mrs ms miss mx dr prof professor sir dame lord lady baron baroness rev reverend father
    fr sister brother rabbi imam sheikh sheik president vice premier chancellor minister
    secretary senator sen rep representative congressman congresswoman governor gov mayor
    king queen prince princess pope cardinal bishop archbishop general gen colonel col major maj
    captain capt lieutenant lt sergeant sgt admiral adm commander judge justice chairman
    chairwoman chair chief ceo cfo coo cto director ambassador commissioner spokesman
    spokeswoman spokesperson leader deputy mp mep msp am coach manager boss striker
    midfielder defender goalkeeper keeper skipper officer inspector detective constable
    superintendent chairperson head founder president-elect emir ayatollah justice
    undersecretary"""
)
# Weak title words: portfolios and occupations ("Exchequer Nigel Lawson", "Investor Martin
# Sosnoff"). They are stripped only before a full name, since a single word after them is as
# likely the end of an organisation's name ("Pacific Energy Cooperation").
WEAK_TITLES = _words(
    """exchequer state foreign finance trade treasury defence defense interior agriculture energy
    commerce home health education economy economics labour labor transport investor analyst
    economist dealer trader banker broker official lawyer attorney diplomat executive"""
)
# Role words that never end a person's name ("Japan's Finance Minister"); unlike "King" or
# "Major", which are surnames too.
_ROLE_ENDINGS = _words("minister president secretary spokesman spokeswoman spokesperson chairman director")
# Peerages: "Lord X" alone names a peer, whose title need not be anyone's surname.
PEERAGES = _words("lord lady baron baroness viscount earl")
# Particles that belong to the surname ("Charles de Gaulle", "Ludwig van Beethoven").
PARTICLES = _words("de da di del della der den van von le la du dos das bin ibn al el ter ten st")
# Post-nominal suffixes dropped at the end of a name ("Guy Mansfield QC", "Martin Luther King Jr").
SUFFIXES = _words("jr sr ii iii iv qc kc mp mep msp obe mbe cbe kbe phd md esq")
# Heads that make a speaker a description or pronoun, not a name ("the minister", "it").
NOT_NAME_HEADS = _words(
    """i me you he she it we they him her them his its their our this that these those the a an
    some many several other another one officials critics analysts experts sources observers
    police people"""
)
# One-word "names" that are no person: groups, institutions, places, days and months. A speaker
# of kind person with such a name ("Dealers", "England", "June") is an extraction slip.
NOT_PERSON_WORDS = _words(
    """dealers traders bankers analysts economists officials sources figures critics experts
    americans europeans investors brokers producers exporters importers farmers workers unions
    members delegates diplomats ministers leaders residents police troops rebels fans voters
    bank banks commission government ministry company companies group board court council
    committee party union agency department exchange market fund inc corp ltd plc co
    administration congress parliament senate cabinet treasury opposition
    england britain scotland wales ireland france germany italy spain china japan russia india
    europe america us usa uk canada australia brazil mexico iran iraq israel egypt turkey
    washington london tokyo paris moscow brussels beijing opec
    syria lebanon poland singapore emirates soviet korea taiwan philippines indonesia nigeria
    kenya argentina venezuela ecuador peru colombia pakistan afghanistan ukraine belgium
    netherlands sweden norway denmark finland austria switzerland greece portugal hungary libya
    kuwait saudi qatar bahrain malaysia thailand vietnam zambia zimbabwe uganda ethiopia ghana
    morocco algeria tunisia cuba
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december"""
)
# Words that make a person-kind name an organisation's ("American Express Co"): such names are
# matched exactly, like names of unknown kind, never by surname.
ORG_WORDS = _words(
    """inc incorporated ltd limited plc corp corporation co llc lp company companies group bank
    banks bancorp brands partners partnership holdings industries international association
    institute university council commission committee ministry department agency party union
    fund trust federation exchange industry service services news airlines airways motors
    systems technologies electric petroleum securities investments financial insurance resources
    foods products communications laboratories pharmaceuticals networks club observer times
    journal magazine policy office house lords commons"""
)
# Lower-case words allowed inside an organisation's name ("Bank of England").
_ORG_CONNECTORS = _words("of and for the de du des la le del on in to at &")
_ORG_SUFFIXES = _words("inc incorporated ltd limited plc corp corporation co llc lp sa ag nv spa")
_TRIM = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb,;:!?()[]{}<>*_-\u2013\u2014 "
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


@functools.lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Matching form of a word or name: NFKD without accents, casefolded, no dots, straight '."""
    s = unicodedata.normalize("NFKD", s.translate(_APOSTROPHES))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.casefold().replace(".", "")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person name split for matching: ``display`` is the name without titles."""

    display: str
    titles: str | None
    given: tuple[str, ...]
    surname: str


def _is_initial(tok: str) -> bool:
    core = tok.rstrip(".")
    return len(core) == 1 and core.isalpha()


def _clean_tokens(name: str) -> list[str]:
    """Tokens of a name with junk cut off: trailing sentence text, possessives, punctuation."""
    toks = [t.strip(_TRIM) for t in name.split()]
    toks = [t for t in toks if t]
    out: list[str] = []
    for i, tok in enumerate(toks):
        last = i == len(toks) - 1
        if re.search(r"['\u2019]s?$", tok) and not last and len(tok) > 2:
            # "France's Nathalie Dechy", "Labour's Robin Cook": a possessive before a name is a
            # descriptor; the name starts after it (kept in ``titles`` by the caller).
            out = [*out, tok, "\0"]
            continue
        abbrev = "." in tok.rstrip(".") or tok.isupper() or fold(tok) in TITLES | SUFFIXES | _ORG_SUFFIXES
        if tok.endswith(".") and not last and len(tok.rstrip(".")) >= 2 and not abbrev:
            # "Smith. While": a full stop after a word (not an initial, not "Mr.") ends
            # the sentence, so the name ends there too.
            out.append(tok.rstrip("."))
            break
        out.append(tok)
    if out and out[-1].endswith(".") and not _is_initial(out[-1]) and fold(out[-1]) not in TITLES:
        out[-1] = out[-1].rstrip(".")
    return [t for t in out if t]


def _split_possessive(toks: list[str]) -> tuple[list[str], list[str]]:
    """(descriptor tokens before the last possessive marker, name tokens after it)."""
    if "\0" not in toks:
        return [], toks
    i = len(toks) - 1 - toks[::-1].index("\0")
    return [t for t in toks[:i] if t != "\0"], toks[i + 1 :]


def _is_particle(tok: str) -> bool:
    # "al-Assad", "el Sisi" yes; "Al Breach" no: capitalised Al and El are first names.
    f = fold(tok)
    return f in PARTICLES and (tok[0].islower() or f not in ("al", "el"))


def _capitalised(tok: str) -> bool:
    """ "Blair", "O'Neill", "al-Assad" (a particle joined by a hyphen to a capitalised name)."""
    if tok[0].isupper():
        return True
    head, _, tail = tok.partition("-")
    return bool(tail) and fold(head) in PARTICLES and tail[0].isupper()


@functools.lru_cache(maxsize=1 << 16)
def parse_person_name(name: str) -> ParsedName | None:
    """Split a person name into titles, given names and surname; ``None`` if it is no name.

    "Turkish President Recep Tayyip Erdogan" -> titles "Turkish President", given
    ("recep", "tayyip"), surname "erdogan"; "Mr Blair." -> surname "blair"; "the minister" and
    "he" -> None.
    """
    pre, toks = _split_possessive(_clean_tokens(name))
    if not toks or fold(toks[0]) in NOT_NAME_HEADS:
        return None
    if len(toks) > 1 and all(t.isupper() for t in toks if len(t) > 1):
        # An all-capitals multi-word "name" comes from a headline ("ACME SETS NEW DIVIDEND").
        return None
    # Post-nominals and dangling particles at the end are no part of the name (dropped first,
    # so "Martin Luther King Jr" keeps King as the surname and not as a title).
    while len(toks) > 1 and (fold(toks[-1]) in SUFFIXES or _is_particle(toks[-1])):
        toks = toks[:-1]
    # Rule 1: titles are stripped for matching. Everything up to the last title word or
    # lowercase word ("Former Liberal Democrat MP", "Scottish National Party leader") is a
    # title, as long as a name follows it; surname particles ("de") are not titles.
    cut = 0
    for i, tok in enumerate(toks[:-1]):
        f = fold(tok)
        if f in TITLES or (f in WEAK_TITLES and len(toks) - i > 2) or (tok[0].islower() and not _is_particle(tok)):
            cut = i + 1
    titles = " ".join(pre + toks[:cut]) or None
    rest = toks[cut:]
    if len(rest) == 1 and (fold(rest[0]) in NOT_PERSON_WORDS | WEAK_TITLES or (fold(rest[0]) in TITLES and not cut)):
        return None  # "Dealers", "England", "June"; "Chancellor" alone (but "Mr Major" is a name)
    if fold(rest[-1]) in NOT_PERSON_WORDS | WEAK_TITLES | _ROLE_ENDINGS:
        return None  # "S. And Japan", "Normally Syria", "Finance Minister": no surname
    if any(fold(t) in ORG_WORDS for t in rest):
        return None  # "American Express Co", "British Phonographic Industry"
    if any(len(t) > 2 and t.isupper() and not re.fullmatch(r"[IVX]+", t) for t in rest):
        return None  # an acronym ("GATT", "USDA") names an organisation
    if not all(_capitalised(t) or _is_particle(t) for t in rest) or not _capitalised(rest[-1]):
        return None
    # The surname is the last word plus the particles before it ("de Gaulle", "van der Berg").
    j = len(rest) - 1
    while j > 0 and _is_particle(rest[j - 1]):
        j -= 1
    surname = " ".join(fold(t) for t in rest[j:])
    # "al-Assad" and "Assad" are one surname.
    surname = re.sub(r"^(?:al|el)[-\s]", "", surname)
    if j == 0 and cut and fold(toks[cut - 1]) in PEERAGES:
        # "Lord Browne" is a peerage, not the surname of Des Browne: the title is the key.
        surname = f"{fold(toks[cut - 1])} {surname}"
    given = tuple(fold(t) for t in rest[:j])
    if len(surname.replace("-", "")) < 2:
        return None  # "P" (from "S and P"): a single letter is no surname
    return ParsedName(" ".join(rest), titles, given, surname)


def org_key(name: str) -> str:
    """Matching form of an organisation (or unknown-kind) name; "" when it is no name."""
    toks = [fold(t).strip(_TRIM) for t in name.split()]
    toks = [t for t in toks if t]
    if toks and toks[0] in ("the", "a", "an"):
        toks = toks[1:]
    # One legal-form suffix goes ("ConAgra Inc" = "ConAgra"), unless a generic word would be
    # left ("International Inc" is not "International Corp"; "New York Co Inc" not "New York").
    if len(toks) > 1 and toks[-1] in _ORG_SUFFIXES:
        rest = toks[:-1]
        if (
            not (len(rest) == 1 and (rest[0] in ORG_WORDS or rest[0] in NOT_PERSON_WORDS))
            and rest[-1] not in _ORG_SUFFIXES
        ):
            toks = rest
    return " ".join(toks)


@functools.lru_cache(maxsize=1 << 16)
def is_proper(name: str) -> bool:
    """Whether a name looks like a proper name (capitalized, not a pronoun or description)."""
    toks = [t for t in _clean_tokens(name) if t != "\0"]
    if len(toks) > 1 and fold(toks[0]) == "the":
        toks = toks[1:]  # "The Electoral Commission"
    if not toks or fold(toks[0]) in NOT_NAME_HEADS or not (_capitalised(toks[0]) and _capitalised(toks[-1])):
        return False
    # Inside, only connectors may be lower-case: "Bank of England" yes, "BBC poll" no.
    return all(_capitalised(t) or fold(t) in _ORG_CONNECTORS for t in toks)


# --- people -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    speaker_id: str
    doc_id: str
    name: str
    kind: str
    descriptors: list[str]
    quote_count: int
    parsed: ParsedName | None
    aliased: bool
    match_name: str
    key: tuple[str, ...] | None = None
    rule: str = "not_a_name"


def _first_given(p: ParsedName) -> str:
    return p.given[0] if p.given else ""


def _parse_speaker(s: Mapping[str, Any], aliases: Mapping[str, str]) -> _Speaker:
    name = str(s["name"])
    target = aliases.get(fold(name).strip())
    parsed0 = parse_person_name(name)
    if target is None and parsed0 is not None:
        target = aliases.get(fold(parsed0.display))
    # Rule 6: a user alias rewrites the name used for matching (the record keeps its name).
    match_name = target if target is not None else name
    kind = str(s.get("kind") or "unknown")
    parsed = (parsed0 if target is None else parse_person_name(match_name)) if kind == "person" else None
    return _Speaker(
        speaker_id=str(s["speaker_id"]),
        doc_id=str(s["doc_id"]),
        name=name,
        kind=kind,
        descriptors=[str(d) for d in s.get("descriptors") or []],
        quote_count=int(s.get("quote_count") or 0),
        parsed=parsed,
        aliased=target is not None,
        match_name=match_name,
        key=None,
    )


def _not_a_name_word(key: str) -> bool:
    """A one-word key that names no one ("dealers", "inc", "p"): dropped, not kept as unknown."""
    return " " not in key and (
        len(key) < 2 or key in NOT_PERSON_WORDS or key in NOT_NAME_HEADS or key in TITLES or key in WEAK_TITLES
    )


#: A bare surname joins the corpus's only full name if their documents are this close in time.
SURNAME_WINDOW_DAYS = 365


@dataclass(slots=True)
class _Span:
    """When and where a full-name person was seen (for rule 4's corpus-wide case)."""

    lo: int | None = None
    hi: int | None = None
    outlets: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    long: bool = False  # seen with two or more given names ("Recep Tayyip Erdogan")

    def add(self, day: int | None, outlet: str | None) -> None:
        if day is not None:
            self.lo = day if self.lo is None else min(self.lo, day)
            self.hi = day if self.hi is None else max(self.hi, day)
        if outlet:
            self.outlets.add(outlet)

    def near(self, day: int | None, outlet: str | None) -> bool:
        """Same period (dates within the window) or, where a date is missing, same outlet."""
        if day is not None and self.lo is not None and self.hi is not None:
            return self.lo - SURNAME_WINDOW_DAYS <= day <= self.hi + SURNAME_WINDOW_DAYS
        return outlet is not None and outlet in self.outlets


def _day(doc: Mapping[str, Any] | None) -> int | None:
    v = (doc or {}).get("published")
    try:
        return dt.date.fromisoformat(str(v)[:10]).toordinal() if v else None
    except ValueError:
        return None


def _corroborated(
    key: tuple[str, ...], surnames_of_first: Mapping[str, set[str]], spans: Mapping[Any, _Span], org_words: set[str]
) -> bool:
    """Whether a full name is a person's beyond doubt enough to anchor a bare surname.

    Its first name is seen with another surname too (and is no word of an organisation's name:
    "American", "Public"), or it recurs in two documents, or it has two given names. "Since
    Poland" (a sentence start taken for a name) is none of these.
    """
    span = spans[key]
    first_ok = len(surnames_of_first.get(key[2], ())) > 1 and key[2] not in org_words
    return first_ok or len(span.docs) > 1 or span.long


def assign_people(speakers: Sequence[_Speaker], docs: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Set ``key`` and ``rule`` on every speaker (in place); ``key`` None means no person."""
    # Rule 5: kind is the first element of every key, so organisations and people never merge.
    for sp in speakers:
        if sp.kind == "person" and sp.parsed is not None:
            continue
        k = org_key(sp.match_name)
        if (
            k
            and is_proper(sp.match_name)
            and not (sp.kind == "person" and _not_a_name_word(k))
            and k not in _ORG_SUFFIXES
        ):
            # Organisations (and names of unknown kind) join on their exact matching form only.
            # So does a person-kind name that is no person name ("American Express Co", an
            # all-capitals headline): exact text is the only safe evidence for it.
            kind = "unknown" if sp.kind == "person" else sp.kind
            sp.key, sp.rule = (kind, k), "alias" if sp.aliased else kind
    persons = [sp for sp in speakers if sp.kind == "person" and sp.parsed is not None]
    # Words of organisations' names ("Campeau Corp", "Electronic Arts", "Public Utilities"): as
    # a bare surname such a word may name the company, so it never joins across documents.
    # Only names of two or more words count: a one-word "organisation" ("MIYAZAWA" from a
    # headline) is as often a person the extractor mistyped.
    org_words: set[str] = set()
    for sp in speakers:
        words = fold(sp.name).split()
        if sp.kind == "organization" and len(words) > 1:
            org_words.update(w.strip(_TRIM) for w in words)
    # Rule 2/3: full names are bucketed by surname; within a bucket the first given name is
    # the key, so middle names may differ but different first names never merge.
    docs = docs or {}
    firsts: dict[str, set[str]] = defaultdict(set)
    first_spans: dict[tuple[str, str], _Span] = defaultdict(_Span)
    for sp in persons:
        assert sp.parsed is not None
        if sp.parsed.given and len(_first_given(sp.parsed)) > 1:
            firsts[sp.parsed.surname].add(_first_given(sp.parsed))
            doc = docs.get(sp.doc_id)
            first_spans[(sp.parsed.surname, _first_given(sp.parsed))].add(_day(doc), (doc or {}).get("outlet"))
    for sp in persons:
        p = sp.parsed
        assert p is not None
        if not p.given:
            continue
        first = _first_given(p)
        rule = "alias" if sp.aliased else "full_name"
        if len(first) == 1:
            # Rule 3: "G. Bush" joins the one first name starting with G in the bucket; with
            # two candidates (George, Gordon) it stays apart, since it could be either. Like a
            # bare surname it needs the same period or source ("S. Jobs" of 1987 is no Steve).
            fits = sorted(f for f in firsts[p.surname] if f.startswith(first))
            doc = docs.get(sp.doc_id)
            if len(fits) == 1 and first_spans[(p.surname, fits[0])].near(_day(doc), (doc or {}).get("outlet")):
                first, rule = fits[0], "alias" if sp.aliased else "initial"
        sp.key, sp.rule = ("person", p.surname, first), rule
    # Rule 4: surname-only mentions. Same-document full names come first (the article itself
    # introduced the person); else the corpus decides, and only when it is unambiguous.
    doc_full: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    corpus_full: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    given_names: set[str] = set()
    surnames_of_first: dict[str, set[str]] = defaultdict(set)
    spans: dict[tuple[str, ...], _Span] = defaultdict(_Span)
    for sp in persons:
        if sp.key is not None:
            assert sp.parsed is not None
            doc = docs.get(sp.doc_id)
            spans[sp.key].add(_day(doc), (doc or {}).get("outlet"))
            spans[sp.key].docs.add(sp.doc_id)
            if len(sp.parsed.given) > 1:
                spans[sp.key].long = True
            doc_full[(sp.doc_id, sp.parsed.surname)].add(sp.key)
            if len(sp.key[2]) > 1:
                # A name with an initial for a first name ("S. Action", often the tail of
                # "U.S.") is too weak to pull in other documents' bare surnames.
                corpus_full[sp.parsed.surname].add(sp.key)
            given_names.update(g for g in sp.parsed.given if len(g) > 1)
            surnames_of_first[sp.key[2]].add(sp.parsed.surname)
    for sp in persons:
        if sp.key is not None:
            continue
        assert sp.parsed is not None
        surname = sp.parsed.surname
        same_doc = doc_full.get((sp.doc_id, surname), set())
        if len(same_doc) == 1:
            sp.key, sp.rule = next(iter(same_doc)), "surname_same_doc"
        elif (
            not same_doc
            and len(corpus_full.get(surname, ())) == 1
            and surname not in given_names
            and surname not in org_words
            and _corroborated(next(iter(corpus_full[surname])), surnames_of_first, spans, org_words)
            and spans[next(iter(corpus_full[surname]))].near(
                _day(docs.get(sp.doc_id)), (docs.get(sp.doc_id) or {}).get("outlet")
            )
        ):
            # One full name with this surname in the whole corpus, the word is nobody's first
            # name ("Paul" may be Paul Volcker's first name, not Vivek Paul's surname), that full
            # name is corroborated as a person's (_corroborated: "Since Poland" is no person),
            # the word is in no organisation's name,
            # and the documents are of the same
            # period (or, undated, the same outlet): a 1987 "Hogan" is not 2005's "Kevin Hogan".
            sp.key, sp.rule = next(iter(corpus_full[surname])), "surname_unique"
        elif same_doc or surname in corpus_full or surname in given_names:
            # Ambiguous ("Bush" with George and Jeb in the corpus): which Bush is unknown, so the
            # mention is a person of its own document only and joins nothing.
            sp.key, sp.rule = ("person", surname, "", sp.doc_id), "surname_ambiguous"
        else:
            # Never given in full anywhere ("Reagan"): the bare surname is the person.
            sp.key, sp.rule = ("person", surname, ""), "surname_only"
        if sp.aliased:
            sp.rule = "alias"


def _dated(items: Iterable[tuple[str, str | None]]) -> list[Row]:
    """[(text, date)] -> [{text, count, first_seen, last_seen}] by count desc, then text."""
    acc: dict[str, list[Any]] = {}
    for text, date in items:
        a = acc.setdefault(text, [0, None, None])
        a[0] += 1
        if date is not None:
            a[1] = date if a[1] is None or date < a[1] else a[1]
            a[2] = date if a[2] is None or date > a[2] else a[2]
    rows = [{"text": t, "count": a[0], "first_seen": a[1], "last_seen": a[2]} for t, a in acc.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["text"]))


def _canonical_name(members: Sequence[_Speaker]) -> str:
    """The fullest name form seen (most words, then most frequent, then alphabetical)."""
    counts = Counter(sp.parsed.display if sp.parsed is not None else sp.name.strip() for sp in members)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def _key_text(key: tuple[str, ...]) -> str:
    return key[0] + ":" + "|".join(key[1:])


def people_rows(
    speakers: Sequence[_Speaker], docs: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Row], list[Row], dict[str, str | None]]:
    """Rows of ``people`` and ``speaker_person``, and speaker_id -> person_id."""
    groups: dict[tuple[str, ...], list[_Speaker]] = defaultdict(list)
    for sp in speakers:
        if sp.key is not None:
            groups[sp.key].append(sp)
    people: list[Row] = []
    pid_of_key = {k: short_hash("person", list(k)) for k in groups}
    for key, members in groups.items():
        dates = [docs.get(sp.doc_id, {}).get("published") for sp in members]
        known = sorted(d for d in dates if d)
        outlets = sorted({o for sp in members if (o := docs.get(sp.doc_id, {}).get("outlet"))})
        variants = Counter(sp.name for sp in members)
        people.append(
            {
                "person_id": pid_of_key[key],
                "kind": key[0],
                "name": _canonical_name(members),
                "key": _key_text(key),
                "variants": [{"name": n, "count": c} for n, c in sorted(variants.items(), key=lambda x: (-x[1], x[0]))],
                "titles": _dated(
                    (sp.parsed.titles, d)
                    for sp, d in zip(members, dates, strict=True)
                    if sp.parsed and sp.parsed.titles
                ),
                "descriptors": _dated((t, d) for sp, d in zip(members, dates, strict=True) for t in sp.descriptors),
                "first_seen": known[0] if known else None,
                "last_seen": known[-1] if known else None,
                "doc_count": len({sp.doc_id for sp in members}),
                "speaker_count": len(members),
                "quote_count": sum(sp.quote_count for sp in members),
                "outlets": outlets,
            }
        )
    people.sort(key=lambda r: r["person_id"])
    links: list[Row] = []
    pid_of_speaker: dict[str, str | None] = {}
    for sp in speakers:
        pid = pid_of_key[sp.key] if sp.key is not None else None
        pid_of_speaker[sp.speaker_id] = pid
        links.append(
            {"speaker_id": sp.speaker_id, "doc_id": sp.doc_id, "person_id": pid, "name": sp.name, "rule": sp.rule}
        )
    links.sort(key=lambda r: r["speaker_id"])
    return people, links, pid_of_speaker


# --- quotations ---------------------------------------------------------------------------------

_QUOTE_MARKS = re.compile(
    "[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`]|(?<!\\w)['\u2018\u2019]|['\u2018\u2019](?!\\w)"
)
_EDGE_PUNCT = " \t\n.,;:!?\u2026-\u2013\u2014"


def normalize_quote(text: str) -> str:
    """Matching form of a quote: NFKC, no quote marks, casefolded, one space, no edge punctuation.

    Apostrophes inside words ("don't") stay; quote marks at word edges go.
    """
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    s = _QUOTE_MARKS.sub(" ", s)
    s = " ".join(s.casefold().split())
    return s.strip(_EDGE_PUNCT)


_WORD = re.compile(r"\w+(?:'\w+)*")
_NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
    mln bln first second third fourth fifth half quarter january february march april may june
    july august september october november december monday tuesday wednesday thursday friday
    saturday sunday"""
)


@dataclass(frozen=True, slots=True)
class QuoteText:
    """What near-duplicate matching needs of one normalized text."""

    shingles: frozenset[int]
    numbers: frozenset[str]


# A small cache: a bucket's members are compared pairwise, so recent texts recur; a cache the
# size of the corpus kept every quote's shingles alive after the rebuild (serve/watch processes).
@functools.lru_cache(maxsize=4096)
def quote_text(norm: str) -> QuoteText:
    """Word-bigram shingles (stable crc32 hashes, not ``hash()``) and the numbers of a text."""
    words = _WORD.findall(norm)
    numbers = frozenset(w for w in words if w in _NUMBER_WORDS or any(ch.isdigit() for ch in w))
    if len(words) < 2:
        return QuoteText(frozenset(zlib.crc32(w.encode()) for w in words), numbers)
    return QuoteText(frozenset(zlib.crc32(f"{a} {b}".encode()) for a, b in itertools.pairwise(words)), numbers)


def shingles(norm: str) -> frozenset[int]:
    """Word-bigram shingles of a normalized quote."""
    return quote_text(norm).shingles


_M32 = 0xFFFFFFFF
_PERMS = [((2 * zlib.crc32(f"a{i}".encode()) + 1) & _M32, zlib.crc32(f"b{i}".encode())) for i in range(BANDS * ROWS)]


def minhash(sh: frozenset[int]) -> tuple[int, ...]:
    """MinHash signature of a shingle set under BANDS*ROWS fixed odd-multiplier permutations."""
    return tuple(min(((h * a) + b) & _M32 for h in sh) for a, b in _PERMS)


def similarity(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, containment in the smaller set) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near_duplicate(a: QuoteText, b: QuoteText) -> bool:
    """Whether two long quotes are one quotation reprinted with small edits.

    Small edits: word-bigram Jaccard >= 0.5, or a trimmed reprint (containment >= 0.9 of 11+
    bigrams). The numbers must be the same: "closed at 12-1/4 dlrs" and "closed at 14-1/2
    dlrs" are two reports from one wire template, not one quotation.
    """
    if a.numbers != b.numbers:
        return False
    jac, cont = similarity(a.shingles, b.shingles)
    return jac >= NEAR_JACCARD or (
        cont >= NEAR_CONTAINMENT and min(len(a.shingles), len(b.shingles)) >= FUZZY_MIN_WORDS - 1
    )


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller text is the root, so components do not depend on input order.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def cluster_near_duplicates(
    norms: Iterable[str], persons: Mapping[str, frozenset[str]] | None = None
) -> dict[str, str]:
    """Map each long normalized text to its cluster's smallest member (itself when alone).

    LSH: texts sharing one band of their MinHash signature are candidates, and a candidate pair
    joins when ``is_near_duplicate`` holds and their speakers agree (``persons``: the person ids
    a text is attributed to; texts with none agree with anyone). Components are transitive. A
    bucket larger than MAX_BUCKET compares sorted neighbours only, so the work stays linear.
    """
    items = sorted(set(norms))
    persons = persons or {}
    uf = _UnionFind(items)
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for t in items:
        # Shingles are not kept for every text (a few KB each, O(corpus)): the candidates'
        # are recomputed below, through quote_text's small cache.
        sh = quote_text(t).shingles
        if not sh:
            continue
        sig = minhash(sh)
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS : (band + 1) * ROWS])].append(t)
    seen: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BUCKET:
            pairs: Iterable[tuple[str, str]] = itertools.combinations(members, 2)
        else:
            pairs = itertools.pairwise(members)
        for a, b in pairs:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            pa, pb = persons.get(a, frozenset()), persons.get(b, frozenset())
            # Different speakers on both sides: two people's similar sentences (or one wire
            # template filled for two companies) are not one quotation.
            if pa and pb and not pa & pb:
                continue
            if is_near_duplicate(quote_text(a), quote_text(b)):
                uf.union(a, b)
    return {t: uf.find(t) for t in items}


def _majority(values: Iterable[str | None]) -> str | None:
    c = Counter(v for v in values if v is not None)
    return min(c, key=lambda v: (-c[v], v)) if c else None


def quotation_rows(
    quotes: Sequence[Mapping[str, Any]],
    docs: Mapping[str, Mapping[str, Any]],
    pid_of_speaker: Mapping[str, str | None],
    person_names: Mapping[str, str],
) -> tuple[list[Row], list[Row]]:
    """Rows of ``quotations`` and ``quote_quotation``."""
    prepared = []
    long_persons: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        norm = normalize_quote(str(q.get("text") or ""))
        sid = q.get("speaker_id")
        pid = pid_of_speaker.get(sid) if isinstance(sid, str) else None
        is_long = len(norm.split()) >= NEAR_MIN_WORDS
        if len(norm.split()) >= FUZZY_MIN_WORDS:
            s = long_persons[norm]
            if pid is not None:
                s.add(pid)
        prepared.append((q, norm, pid, is_long))
    root = cluster_near_duplicates(long_persons, {t: frozenset(p) for t, p in long_persons.items()})
    groups: dict[tuple[str, ...], list[tuple[Mapping[str, Any], str, str | None]]] = defaultdict(list)
    for q, norm, pid, is_long in prepared:
        if is_long:
            # Long quotes are specific enough that equal wording is one quotation whoever it was
            # attributed to (a reprint may lose or change the attribution); near-equal wording
            # joins when the speakers agree (cluster_near_duplicates).
            key: tuple[str, ...] = ("text", root.get(norm, norm))
        elif norm and pid is not None:
            # Short quotes ("No comment", "We will see") recur between people: the text joins
            # only with the same person.
            key = ("short", norm, pid)
        else:
            # A short unattributed quote (or an empty one) has no evidence of identity beyond
            # its document.
            key = ("doc", str(q["doc_id"]), norm)
        groups[key].append((q, norm, pid))
    rows: list[Row] = []
    links: list[Row] = []
    for key, members in groups.items():
        qid = short_hash("quotation", list(key))
        doc_ids = sorted({str(q["doc_id"]) for q, _, _ in members})
        metas = [docs.get(d, {}) for d in doc_ids]
        dated = [str(m["published"]) for m in metas if m.get("published")]
        first = min(dated) if dated else None
        outlets = sorted({str(m["outlet"]) for m in metas if m.get("outlet")})
        first_outlets = sorted(
            {str(m["outlet"]) for m in metas if m.get("outlet") and first and m.get("published") == first}
        )
        if len(members) == 1:
            q0, _, p0 = members[0]
            canon, pid, qtype, variants = str(q0.get("text") or "").strip(), p0, str(q0.get("type")), 1
        else:
            texts = Counter(str(q.get("text") or "").strip() for q, _, _ in members)
            canon = min(texts, key=lambda t: (-texts[t], -len(t), t))
            pid = _majority(p for _, _, p in members)
            qtype = _majority(str(q.get("type")) for q, _, _ in members) or "direct"
            variants = len({n for _, n, _ in members})
        canon_norm = key[1] if key[0] == "text" else normalize_quote(canon)
        rows.append(
            {
                "quotation_id": qid,
                "text": canon,
                "normalized": canon_norm,
                "person_id": pid,
                "speaker": person_names.get(pid) if pid else None,
                "type": qtype if qtype in ("direct", "indirect", "mixed") else "direct",
                "quote_count": len(members),
                "doc_count": len(doc_ids),
                "outlet_count": len(outlets),
                "outlets": outlets,
                "variant_count": variants,
                "first_seen": first,
                "first_outlets": first_outlets,
            }
        )
        for q, norm, _ in members:
            exact = norm == canon_norm
            links.append(
                {
                    "quote_id": str(q["quote_id"]),
                    "doc_id": str(q["doc_id"]),
                    "quotation_id": qid,
                    "match": "exact" if exact else "near",
                    "similarity": 1.0 if exact else round(similarity(shingles(norm), shingles(canon_norm))[0], 4),
                }
            )
    rows.sort(key=lambda r: r["quotation_id"])
    links.sort(key=lambda r: r["quote_id"])
    return rows, links


# --- entry point --------------------------------------------------------------------------------


def build_corpus(
    documents: Iterable[Mapping[str, Any]],
    speakers: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    *,
    aliases: Mapping[str, str] | None = None,
) -> dict[str, list[Row]]:
    """Rows of ``people``, ``speaker_person``, ``quotations`` and ``quote_quotation``.

    ``documents`` need ``doc_id``, ``published`` (ISO date or None) and ``outlet``; speakers and
    quotes are schema-shaped records. ``aliases`` maps a name variant to a canonical name (a
    user's alias file) and forces that merge. The result is a function of the set of input
    records: order does not matter, and a rerun gives identical rows.
    """
    docs = {str(d["doc_id"]): d for d in documents}
    alias_map = {fold(k).strip(): v for k, v in (aliases or {}).items()}
    sps = sorted((_parse_speaker(s, alias_map) for s in speakers), key=lambda s: s.speaker_id)
    assign_people(sps, docs)
    people, links, pid_of_speaker = people_rows(sps, docs)
    names = {p["person_id"]: p["name"] for p in people}
    qs = sorted(quotes, key=lambda q: str(q["quote_id"]))
    quotations, qlinks = quotation_rows(qs, docs, pid_of_speaker, names)
    log.info(
        "corpus: %d speakers -> %d people; %d quotes -> %d quotations",
        len(sps),
        len(people),
        len(qs),
        len(quotations),
    )
    return {"people": people, "speaker_person": links, "quotations": quotations, "quote_quotation": qlinks}
