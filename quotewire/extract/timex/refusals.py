"""Refusal checks for temporal-expression candidates: look-alikes that are not dates.

Scope: the word before/after a position, sentence position, and the checks that refuse a
four-digit number that is no year (money, counts, IDs, names, addresses) or a month name that
is no month ("Theresa May", "June Carter"). Each is a known false positive in news text; the
normalizers call them before returning a value.
"""

from __future__ import annotations

import re

from quotewire.extract.timex import lexicon as lx

# ---------------------------------------------------------------------------------------------
# Refusal checks (why: each is a known false positive in news text).

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)[\s,]*$")
_WORD_AFTER = re.compile(r"^[\s,]*([A-Za-z][A-Za-z'-]*)")


def _word_before(text: str, i: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, i - 30), i)
    return m.group(1).lower().rstrip(".") if m else ""


def _raw_word_before(text: str, i: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, i - 30), i)
    return m.group(1) if m else ""


def _word_after(text: str, i: int) -> str:
    m = _WORD_AFTER.match(text[i : i + 30])
    return m.group(1) if m else ""


_RANGE_BEFORE = re.compile(r"(?:1[0-9]{3}|20[0-9]{2})[-\u2013]$")
_RANGE_AFTER = re.compile(r"[-\u2013](?:1[0-9]{3}|20[0-9]{2}|[0-9]{2})(?![0-9])(?![-/.][0-9])")


def _bare_year_ok(text: str, s: int, e: int) -> bool:
    """Refuse four-digit numbers that are not years: money, counts, IDs, phone and street
    numbers, model names ("$1990", "1990 people", "555-1990", "1600 Pennsylvania Avenue",
    "Boeing 747")."""
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    # A year range ("1939-1945", "1915-17") is fine; a hyphenated ID or phone number is not.
    range_before = _RANGE_BEFORE.search(text, max(0, s - 5), s) is not None
    range_after = _RANGE_AFTER.match(text, e) is not None
    if before[-1:] in ("$", "#", "\u00a3", "\u20ac", "\u00a5", "+", "/", ":", "."):
        return False
    if before[-1:].isalnum() or (before[-1:] in ("-", ",", "\u2013") and before[:1].isdigit() and not range_before):
        return False
    if after[:1] in ("%", "/") or (after[:1] in (":", "-", ".", ",", "\u2013") and after[1:2].isdigit()):
        if not range_after:
            return False
    if before[-1:] == "-" and not range_before and _word_before(text, s - 1) not in lx.YEAR_PREFIXES:
        return False  # "BC-RUBBER-1645" (an ID); "mid-1990"/"post-1959" are read with their prefix
    if before[-1:] == '"' and after[:1] == '"':
        return False  # a quoted attribute value: NEWID="2083"
    # Table cells and quantities: a number right before or after ("1455 UP 2", "1296 1287").
    near_before = text[max(0, s - 4) : s].rstrip()
    near_after = text[e : e + 4].lstrip()
    if (near_before[-1:].isdigit() and not range_before) or (near_after[:1].isdigit() and not range_after):
        return False
    nxt_word = _word_after(text, e).lower()
    if nxt_word in lx.NOT_YEAR_AFTER:
        return False  # a clock time: "at 1130 hrs GMT", "1400 gmt"
    prev = _word_before(text, s)
    if prev in lx.NOT_YEAR_BEFORE:
        return False
    if (
        not range_after
        and _after_name(text, s)
        and not text[max(0, s - 4) : s].rstrip().endswith(("'s", "\u2019s"))
        and prev not in lx.MONTHS
        and _sentence_internal(text, s - len(prev) - 1)
    ):
        return False  # a name or model: "Orion 1980", "Windows 2000"
    nxt = _word_after(text, e)
    low = nxt.lower()
    if low in lx.COUNT_NOUNS and text[e : e + 1] == " ":
        return False
    if nxt[:1].isupper() and text[e : e + 1] == " ":
        # "1600 Pennsylvania Avenue": a capitalised run ending in a street word.
        m = re.match(r"(?:\s+[A-Z][a-z]*\.?){1,3}", text[e : e + 60])
        if m and m.group().split()[-1].lower().rstrip(".") in lx.STREET_WORDS:
            return False
    return True


# Prepositions that make the month after them a date whatever follows it.
_TIME_PREPOSITIONS = frozenset("in since until till by during throughout before after".split())


def _month_word_ok(text: str, m: re.Match[str], has_mod: bool) -> bool:
    """A month name standing alone must read as a month: "May"/"March" need a licensing
    preposition ("in May"); any month followed by a capitalised word is a name ("June Carter",
    "Theresa May" is refused by the capitalised word before it)."""
    mon = m.group("mon")
    s, e = m.start("mon"), m.end("mon")
    if has_mod:
        return True
    prev = _raw_word_before(text, s).lower().rstrip(".")
    if _after_name(text, s):
        return False
    nxt = text[e : e + 2]
    if nxt[:1] == " " and nxt[1:2].isupper() and prev not in _TIME_PREPOSITIONS:
        # (After a preposition of time the month is a date even before a name: "in April Nixon
        # appointed", "by November Saddam ordered".)
        return False
    if mon.lower().rstrip(".") in ("may", "march", "mar") or mon.isupper():
        return prev in lx.MONTH_LICENSE
    if mon.endswith(".") or len(mon) <= 3:
        return prev in lx.MONTH_LICENSE
    return True


def _after_name(text: str, i: int) -> bool:
    """True when a capitalised name word ends one space before ``i`` ("Theresa May", "VOA Today")
    inside a sentence; an all-capitals dateline ("WASHINGTON, March 12") does not count."""
    if i < 2 or text[i - 1] != " " or not text[i - 2].isalpha():
        return False
    m = _WORD_BEFORE.search(text, max(0, i - 30), i)
    if not m:
        return False
    w = m.group(1)
    if not w[:1].isupper() or w.isupper() or w.lower().rstrip(".") in lx.MONTH_LICENSE:
        return False
    return True


def _sentence_internal(text: str, i: int) -> bool:
    """True when the word at ``i`` does not open a sentence, a line or a quotation."""
    j = i - 1
    while j >= 0 and i - j < 40 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] not in '.!?\n"\u201c\u2018(`:'
