"""Cues that tell people apart by name (the name layer's identity cues).

First-name genders (``data/first_names.tsv``, from public-domain US Social Security counts), the
title written before a name ("Mr.", "President"), the pronouns written with a name in its sentence,
and whether a name opens its clause. Why a module of its own: ``names`` expands a surname two
people share with these, and other stages read first-name genders without the name index.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from quotewire.extract.quotes.lexicons import FEMALE_NAMES, MALE_NAMES, TITLES


def _clean_word(w: str) -> str:
    return w.lower().rstrip(".,").replace("\u2019", "'")


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


_GENDER_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _title_before(text: str, pos: int) -> str:
    """The title word written right before ``pos`` ("President" in "President Obama"), or ""."""
    m = re.search(r"([A-Z][a-z]+)\.?\s+$", text[max(0, pos - 20):pos])
    if m is None:
        return ""
    word = m.group(1).lower()
    return word if word in TITLES or word in _GENDER_TITLES else ""


def _title_fits(title: str, text: str, cand: tuple[int, str]) -> bool:
    """Is the full name ``cand`` (offset, name) written with ``title`` before it, or, for Mr./Mrs.,
    a first name of that gender?"""
    if title in _GENDER_TITLES:
        return _first_name_gender(cand[1]) == _GENDER_TITLES[title]
    return title in text[max(0, cand[0] - 30):cand[0]].lower()


_GENDERED_PRONOUN = re.compile(r"(?<![\w'\u2019])([Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)(?![\w'\u2019])")
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
_SENTENCE_STOP = re.compile(r"[.!?][\"\u201d']?(?:\s|$)")
_NEXT_SUBJECT_PRONOUN = re.compile(r"\s*([Hh]e|[Ss]he)\s")


def _two_people(cands: Sequence[tuple[int, str]]) -> bool:
    """Do the full names sharing a surname have two different first names ("Bill" and "Hillary"
    Clinton)? "Loretta E. Lynch" / "Loretta Lynch" and "De Blasio" / "Bill de Blasio" are one person."""
    firsts = {_clean_word(name.split()[0]) for _, name in cands if _first_name_gender(name)}
    return len(firsts) > 1


def _opens_clause(text: str, start: int) -> bool:
    """Is the name at ``start`` written where a clause begins (after its title words, at a
    sentence or paragraph start, after punctuation or "and"/"but"), not after a verb or preposition?"""
    before = text[max(0, start - 80):start].split()
    while before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
        before.pop()  # title and office words: "Homeland Security Secretary Jeh Johnson"
    if not before:
        return True
    last = before[-1]
    return last[-1:] in ".!?:;,\"\u201c\u201d)(" or last.lower() in ("and", "but", "___")


def _pronoun_gender_near(text: str, pos: int) -> str:
    """The gender of the third-person pronouns that go with a name at ``pos``: those of its own
    sentence, outside quotations ("In her book, Clinton noted", "Clinton said he ..."), else a
    pronoun opening the next sentence ("Clinton leaned in. She started ..."); "" when there are
    none or they disagree.

    Why: a surname two people share (Bill and Hillary Clinton) is told apart by the pronoun the
    writer uses with it; a quotation's pronouns are the speaker's, about someone else.
    """
    lo = max(text.rfind(". ", max(0, pos - 300), pos) + 2, text.rfind("\n", 0, pos) + 1, pos - 300)
    stop = _SENTENCE_STOP.search(text, pos, pos + 400)
    hi = stop.end() if stop else min(len(text), pos + 400)
    found = set()
    for m in _GENDERED_PRONOUN.finditer(text, lo, hi):
        if len(_QUOTE_MARKS.findall(text, lo, m.start())) % 2:
            continue  # inside a quotation
        found.add("f" if m.group(1).lower() in ("she", "her", "herself") else "m")
    if not found:
        nxt = _NEXT_SUBJECT_PRONOUN.match(text, hi, hi + 8)
        if nxt:
            found.add("f" if nxt.group(1).lower() == "she" else "m")
    return found.pop() if len(found) == 1 else ""
