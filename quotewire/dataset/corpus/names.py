"""Matching forms of speaker names, shared by the corpus tables.

Scope: the word lists (titles, weak titles, particles, suffixes, words that name no person,
organisation words), ``fold`` (the accent- and case-free matching form), ``parse_person_name``
(titles, given names and surname of a person name; rule 1 of ``people``), ``org_key`` (the
matching form of an organisation's name) and ``is_proper``. Pure functions, no IO.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

#: A row of a derived table (schema-shaped dict).
Row = dict[str, Any]



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
