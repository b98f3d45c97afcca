"""Temporal expressions: find them and normalize them to TIMEX3 values.

Scope: English news and narrative prose; DATE and TIME expressions only. Durations ("two
weeks", "for three years") and sets ("every Monday") are not dates of events and are not
returned. Values follow TimeML's TIMEX3 conventions: "2016-12-14", "2016-12", "2016",
"2016-W50", "2016-W50-WE", "2016-Q3", "2016-H1", "2016-SU", "199" (the 1990s), "19" (the 20th
century), "BC0264", "2016-12-13T15:00", "2016-12-13TNI", "PRESENT_REF", "PAST_REF",
"FUTURE_REF". Without an anchor (no publication date) the anchor-relative parts stay unknown
("XXXX-11-27", "XXXX-WXX-2"); in that case a month or a day without a year takes the last
year stated earlier in the same text (narratives: "In 1939 ... on September 17").

``find_timexes`` scans the text once per pattern, resolves overlaps (longest wins), then
normalizes mentions in text order so anaphoric ones ("the quarter", "a year earlier") use the
last date mentioned before them. The tense of the governing verb chooses between the past and
the future reading of a year-less expression ("on Tuesday": the last Tuesday for "tweeted", the
next one for "will vote"); callers pass it as ``tense(start, end)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from quotewire.extract.timex import lexicon as lx

log = logging.getLogger(__name__)

# "deadline": the date bounds the event ("until Tuesday", "by Nov. 20", "as early as Friday"):
# a weekday is the next one, a month and day the nearest.
Tense = Literal["past", "present", "future", "unknown", "deadline"]
TimexType = Literal["DATE", "TIME"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: ``text == source[start:end]``, its TIMEX3 value and bounds."""

    start: int
    end: int
    text: str
    value: str
    type: TimexType
    rule: str
    confidence: float
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    rule: str
    match: re.Match[str]


@dataclass(slots=True)
class _Context:
    """What normalization needs besides the mention: the anchor and the last dates seen."""

    text: str
    anchor: dt.date | None
    tense: Tense = "unknown"
    last_year: int | None = None  # last explicitly stated year (narrative anchor)
    last_month: int | None = None  # month of the narrative's last full date
    last_quarter: tuple[int, int] | None = None
    last_value: str | None = None  # last calendar value (any granularity)


# ---------------------------------------------------------------------------------------------
# Small calendar helpers.


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y if y > 0 else 2000, m)[1]


def _year_for(anchor: dt.date, month: int, day: int | None, tense: Tense) -> int:
    """Year of a month (and day) stated without one: past -> on/before the anchor, future ->
    on/after, otherwise the nearest of last, this and next year."""
    a = anchor.year

    def key(y: int) -> dt.date:
        d = day if day is not None and _valid(y, month, day) else 1
        if day is None:
            # A month counts as "on/before" the anchor when it has started.
            return dt.date(y, month, 1)
        return dt.date(y, month, d)

    # A year-less date in news is near the publication date: when the tense's reading lies more
    # than 9 months away and the other reading within 2 months, the tense is misleading
    # ("subpoenaed him to testify on Feb. 10", written in January).
    if tense == "past":
        y = a if key(a) <= anchor else a - 1
        if day is not None and (anchor - key(y)).days > 270 and 0 <= (key(y + 1) - anchor).days <= 60:
            return y + 1
        return y
    if tense == "future":
        if day is None:
            return a if (a, month) >= (anchor.year, anchor.month) else a + 1
        y = a if key(a) >= anchor else a + 1
        if (key(y) - anchor).days > 270 and 0 <= (anchor - key(y - 1)).days <= 60:
            return y - 1
        return y

    # Unknown tense: the nearest reading, with news' bias to the past (a future reading must be
    # clearly nearer: "Jan. 14" written on Dec 14 with no verb is next month).
    bias = 0.8 if tense == "deadline" else 1.6 if day is not None else 2.0

    def cost(y: int) -> float:
        days = (key(y) - anchor).days
        if days > 0:
            return days * bias
        if day is None:
            # A past month is as far as its last day.
            days = (dt.date(y, month, calendar.monthrange(y, month)[1]) - anchor).days
        return -days

    return min((a - 1, a, a + 1), key=cost)


def _weekday_date(anchor: dt.date, wd: int, mode: str) -> dt.date:
    """The weekday ``wd`` relative to ``anchor``: past/last/this-past (on or before; "last" is
    strictly before), future/next (on or after; "next" strictly after)."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if mode == "last":
        return anchor - dt.timedelta(days=back or 7)
    if mode == "next":
        return anchor + dt.timedelta(days=fwd or 7)
    if mode == "future":
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back)


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th weekday ``wd`` of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(y, month, calendar.monthrange(y, month)[1])
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def _holiday(name: str, y: int) -> dt.date:
    n = name.lower().replace("\u2019", "'")
    if n.startswith("christmas eve"):
        return dt.date(y, 12, 24)
    if n.startswith("christmas"):
        return dt.date(y, 12, 25)
    if n == "new year's eve":
        return dt.date(y, 12, 31)
    if n.startswith("new year"):
        return dt.date(y, 1, 1)
    if n.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 3, 4)
    if n.startswith("easter"):
        return _easter(y)
    if n == "halloween":
        return dt.date(y, 10, 31)
    if n == "independence day":
        return dt.date(y, 7, 4)
    if n == "labor day":
        return _nth_weekday(y, 9, 0, 1)
    if n == "memorial day":
        return _nth_weekday(y, 5, 0, -1)
    if n.startswith("valentine"):
        return dt.date(y, 2, 14)
    if n == "boxing day":
        return dt.date(y, 12, 26)
    # Election Day: the Tuesday after the first Monday of November.
    return _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1)


def _clock(t: str) -> tuple[int, int] | None:
    t = t.lower()
    if t in ("noon", "midday"):
        return 12, 0
    if t == "midnight":
        return 24, 0
    m24 = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", t)
    if m24:
        return int(m24.group(1)), int(m24.group(2))  # a 24-hour clock with its time zone
    m = re.match(r"([0-9]{1,2})(?::([0-9]{2}))?\s?([ap])", t)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and h < 12:
        h += 12
    if m.group(3) == "a" and h == 12:
        h = 0
    return h, mi


def _month_of(name: str) -> int:
    return lx.MONTHS[name.lower().rstrip(".")]


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return lx.NUMBERS.get(w)


def _ordinal(word: str) -> int | None:
    w = word.lower().replace("-", " ")
    if w[:1].isdigit():
        return int(re.sub(r"[^0-9]", "", w))
    return lx.ORDINALS.get(w)


# ---------------------------------------------------------------------------------------------
# Periods: real dates bounding a value.


def period(value: str, anchor: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by a TIMEX3 ``value`` (``(None, None)`` when unresolved or
    outside the calendar's range); see ``_period`` for the conventions."""
    try:
        return _period(value, anchor)
    except (ValueError, OverflowError):
        return None, None


def _period(value: str, anchor: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by a TIMEX3 ``value`` (``(None, None)`` when unresolved).

    Seasons use meteorological bounds (spring Mar 1 - May 31, summer Jun 1 - Aug 31, fall
    Sep 1 - Nov 30, winter Dec 1 - end of February of the next year). PRESENT_REF is the anchor
    date; PAST_REF/FUTURE_REF and partial values ("XXXX-11-27") have no bounds.
    """
    if value == "PRESENT_REF":
        return anchor, anchor
    if "X" in value or value.endswith("_REF") or value.startswith(("P", "BC")):
        return None, None
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?", value)
    if m:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"([0-9]{4})-W([0-9]{2})(-WE)?", value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    m = re.fullmatch(r"([0-9]{4})-Q([1-4])", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        last = 3 * q
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    m = re.fullmatch(r"([0-9]{4})-H([12])", value)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    m = re.fullmatch(r"([0-9]{4})-(SP|SU|FA|WI)", value)
    if m:
        y, s = int(m.group(1)), m.group(2)
        if s == "WI":
            return dt.date(y, 12, 1), dt.date(y + 1, 3, 1) - dt.timedelta(days=1)
        first = lx.SEASON_START[s]
        return dt.date(y, first, 1), dt.date(y, first + 2, calendar.monthrange(y, first + 2)[1])
    m = re.fullmatch(r"([0-9]{1,4})", value)
    if m:
        n, k = int(value), len(value)
        if k == 4 and n >= 1:
            return dt.date(n, 1, 1), dt.date(n, 12, 31)
        if k == 3 and n >= 1:
            return dt.date(n * 10, 1, 1), dt.date(n * 10 + 9, 12, 31)
        if k == 2 and n >= 1:
            return dt.date(n * 100, 1, 1), dt.date(n * 100 + 99, 12, 31)
    return None, None


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
    if nxt[:1] == " " and nxt[1:2].isupper():
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


# ---------------------------------------------------------------------------------------------
# Normalizers: one per pattern; each returns (value, type, confidence) or None to refuse.

Result = tuple[str, TimexType, float] | None


def _ymd(y: int | None, mo: int, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    return f"{ys}-{mo:02d}" if d is None else f"{ys}-{mo:02d}-{d:02d}"


def _resolve_year(ctx: _Context, mo: int, d: int | None, end: int | None = None) -> int | None:
    """Year of a month (and day) stated without one: a year closing the same coordination
    ("April and June 1955", "May 15 to August 16, 1988"), else the anchor and tense, else (no
    anchor) the narrative's current year."""
    if end is not None:
        fy = _FOLLOWING_YEAR.match(ctx.text, end)
        if fy:
            return int(fy.group(1))
    if ctx.anchor is not None:
        return _year_for(ctx.anchor, mo, d, ctx.tense)
    return _narrative_year(ctx, mo)


def _narrative_year(ctx: _Context, mo: int) -> int | None:
    """The narrative's current year: the last one stated."""
    # (Rolling over to the next year when the month goes back was tried on WikiWars: narratives
    # jump back as often as they move on, so the last stated year is kept.)
    if ctx.last_year is not None:
        ctx.last_month = mo
    return ctx.last_year


_FOLLOWING_YEAR = re.compile(
    r"(?:[ ,]{0,3}(?:and|or|to|until|through|till|-|\u2013)[ ,]{1,3})(?:[0-9]{1,2}(?:st|nd|rd|th)?\s{1,3})?"
    + lx.MONTH_NAME
    + r"(?:\s{1,3}[0-9]{1,2}(?:st|nd|rd|th)?)?,?\s{1,3}((?:1[0-9]{3}|20[0-9]{2}))(?![0-9])"
)


def _n_iso(m: re.Match[str], ctx: _Context) -> Result:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not _valid(y, mo, d):
        return None
    ctx.last_year = y
    if m.group("H"):
        return f"{_ymd(y, mo, d)}T{m.group('H')}:{m.group('M')}", "TIME", 0.95
    return _ymd(y, mo, d), "DATE", 0.95


def _n_slash(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    mo, d = int(m.group("m")), int(m.group("d"))
    if not _valid(y, mo, d) and _valid(y, d, mo):
        mo, d = d, mo  # day first: "14/12/2016"
    if not _valid(y, mo, d):
        return None
    ctx.last_year = y
    return _ymd(y, mo, d), "DATE", 0.85


# Capitalised only because they open a sentence: "On May 5, ..." is a date, not "Theresa May 5".
_DAY_OPENERS = frozenset("on at as then when while but".split())


def _n_month_day(m: re.Match[str], ctx: _Context) -> Result:
    mo = _month_of(m.group("mon"))
    d = int(re.sub(r"[^0-9]", "", m.group("d")))
    mon = m.group("mon")
    if not m.group("y") and not m.group("wd"):
        # "May 5" is a month; but "Theresa May 5" / "the Mar. 3" need care: refuse a month word
        # right after a capitalised name.
        if (
            mon in ("May", "March")
            and _after_name(ctx.text, m.start())
            and _word_before(ctx.text, m.start()).lower() not in _DAY_OPENERS
        ):
            return None
    if m.group("y"):
        y: int | None = int(m.group("y"))
        ctx.last_year = y
    elif m.group("wd") and ctx.anchor is not None:
        # "Friday, Oct. 23": the weekday picks the year when it can.
        wd = lx.WEEKDAYS[m.group("wd").lower()]
        anchor = ctx.anchor
        cands = [
            yy
            for yy in (anchor.year - 1, anchor.year, anchor.year + 1)
            if _valid(yy, mo, d) and dt.date(yy, mo, d).weekday() == wd
        ]
        y = min(cands, key=lambda yy: abs((dt.date(yy, mo, d) - anchor).days)) if cands else _resolve_year(ctx, mo, d)
    else:
        y = _resolve_year(ctx, mo, d, m.end())
    if not _valid(y or 2000, mo, d):
        return None
    conf = 0.95 if m.group("y") else 0.85
    return _ymd(y, mo, d), "DATE", conf


def _spoken(words: str) -> int | None:
    """ "nineteen ninety-four" -> 1994 (None when the words are not a year)."""
    m = lx.SPOKEN_YEAR.fullmatch(" ".join(words.split()))
    return _spoken_year(m) if m else None


def _n_month_year(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("bc"):
        return f"BC{int(m.group('bc')):04d}-{_month_of(m.group('mon')):02d}", "DATE", 0.9
    y = int(m.group("y")) if m.group("y") else _spoken(m.group("sy"))
    if y is None:
        return None
    ctx.last_month = _month_of(m.group("mon"))
    ctx.last_year = y
    return _ymd(y, _month_of(m.group("mon")), None), "DATE", 0.9


def _n_month(m: re.Match[str], ctx: _Context) -> Result:
    mod = (m.group("mod") or "").lower()
    if not _month_word_ok(ctx.text, m, bool(mod) or bool(m.group("rel"))):
        return None
    mo = _month_of(m.group("mon"))
    rel = (m.group("rel") or "").lower().split()
    y: int | None
    fy = None if mod or rel else _FOLLOWING_YEAR.match(ctx.text, m.end())
    if m.group("that"):
        y = ctx.last_year  # "in August of that year"
    elif fy:
        y = int(fy.group(1))
    elif ctx.anchor is None:
        y = _narrative_year(ctx, mo)
    elif rel:
        y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel[0]]
    elif mod == "last" or mod == "this past":
        y = ctx.anchor.year if mo < ctx.anchor.month else ctx.anchor.year - 1
    elif mod == "next" or mod == "this coming":
        y = ctx.anchor.year if mo > ctx.anchor.month else ctx.anchor.year + 1
    elif mod == "this":
        y = ctx.anchor.year
    else:
        y = _year_for(ctx.anchor, mo, None, ctx.tense)
    return _ymd(y, mo, None), "DATE", 0.8


def _n_weekday(m: re.Match[str], ctx: _Context) -> Result:
    wd = lx.WEEKDAYS[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    pod = (m.group("pod") or "").lower()
    if not mod and _word_before(ctx.text, m.start()) in ("every", "each"):
        return None  # a set ("every Monday"), not a date
    if ctx.anchor is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        lv = ctx.last_value
        if mod in ("the previous", "the following") and lv and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lv[:10]):
            # Anaphoric: "down 4.5% from the previous Friday" is the one before the day last mentioned.
            base = dt.date.fromisoformat(lv[:10])
            value = _weekday_date(base, wd, "last" if mod == "the previous" else "next").isoformat()
            return (value + lx.PARTS_OF_DAY[pod], "TIME", 0.7) if pod else (value, "DATE", 0.7)
        if mod in ("last", "the previous", "this past"):
            mode = "last"
        elif mod in ("next", "the following", "this coming"):
            mode = "next"
        elif ctx.tense in ("future", "deadline"):
            mode = "future"
        else:
            mode = "past"
        value = _weekday_date(ctx.anchor, wd, mode).isoformat()
    if pod:
        return value + lx.PARTS_OF_DAY[pod], "TIME", 0.8
    return value, "DATE", 0.85 if mod else 0.8


def _day_from(ctx: _Context, word: str) -> dt.date | None:
    if ctx.anchor is None:
        return None
    off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this": 0, "last": -1}[word.lower()]
    return ctx.anchor + dt.timedelta(days=off)


def _n_clock(m: re.Match[str], ctx: _Context) -> Result:
    hm = _clock(m.group("t"))
    if hm is None:
        return None
    if m.group("t").isalpha() and (_after_name(ctx.text, m.start()) or _word_before(ctx.text, m.start()) == "high"):
        return None  # "High Noon", "high noon": a title and an idiom
    day: dt.date | None = None
    # A weekday with a clock time reads like a weekday alone: a deadline ("until 9 a.m.
    # Tuesday") is the next one.
    wd_mode = "future" if ctx.tense in ("future", "deadline") else "past"
    if m.group("wd"):
        day = _weekday_date(ctx.anchor, lx.WEEKDAYS[m.group("wd").lower()], wd_mode) if ctx.anchor else None
    elif m.group("rd"):
        day = _day_from(ctx, m.group("rd"))
    elif m.group("mon"):
        if not m.group("mon")[:1].isupper():
            return None
        mo, d = _month_of(m.group("mon")), int(re.sub(r"[^0-9]", "", m.group("d")))
        y = _resolve_year(ctx, mo, d)
        if y is None or not _valid(y, mo, d):
            return None
        day = dt.date(y, mo, d)
    elif on := lx.CLOCK_ON.match(ctx.text, m.end()):
        if on.group("wd"):
            day = _weekday_date(ctx.anchor, lx.WEEKDAYS[on.group("wd").lower()], wd_mode) if ctx.anchor else None
        else:
            mo, d = _month_of(on.group("mon")), int(re.sub(r"[^0-9]", "", on.group("d")))
            y = int(on.group("y")) if on.group("y") else _resolve_year(ctx, mo, d)
            day = dt.date(y, mo, d) if y is not None and _valid(y, mo, d) else None
    elif (
        ctx.last_value
        and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", ctx.last_value[:10])
        and len(ctx.last_value) >= 10
        and ctx.last_value[4] == "-"
    ):
        # A bare clock time belongs to the last day mentioned, else to the anchor's day.
        day = dt.date.fromisoformat(ctx.last_value[:10])
    else:
        day = ctx.anchor
    ds = day.isoformat() if day else "XXXX-XX-XX"
    return f"{ds}T{hm[0]:02d}:{hm[1]:02d}", "TIME", 0.85


def _n_relative_day(m: re.Match[str], ctx: _Context) -> Result:
    w = m.group("w").lower()
    after = ctx.text[m.end() : m.end() + 24].lower()
    poss = re.match(r"['\u2019]s\s+([a-z]+)", after)
    if poss and poss.group(1) in lx.GENERIC_NOUNS:
        return None  # generic: "today's youth", "today's world"
    if _word_before(ctx.text, m.start()) == "of" and not m.group("pod") and re.match(r"\s*[,.;:!?\"')]", after):
        return None  # generic: "the people of tomorrow"
    if m.group("w")[:1].isupper() and not m.group("mod") and _after_name(ctx.text, m.start()):
        return None  # a title: "VOA Today", "USA Today"
    day = _day_from(ctx, w)
    ds = day.isoformat() if day else "XXXX-XX-XX"
    pod = (m.group("pod") or "").lower()
    mod = (m.group("mod") or "").lower()
    if w == "tonight":
        return ds + "TNI", "TIME", 0.85
    if pod:
        return ds + lx.PARTS_OF_DAY[pod], "TIME", 0.85
    if mod.startswith("mid-"):
        return ds + lx.PARTS_OF_DAY[mod[4:]], "TIME", 0.8
    return ds, "DATE", 0.9


def _n_pod_alone(m: re.Match[str], ctx: _Context) -> Result:
    """ "by late afternoon": that part of the publication day (of the last day mentioned, else
    of the anchor)."""
    lv = ctx.last_value
    if lv and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lv[:10]):
        ds = lv[:10]
    else:
        ds = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return ds + lx.PARTS_OF_DAY[m.group("pod").lower()], "TIME", 0.7


def _n_pod_anaphora(m: re.Match[str], ctx: _Context) -> Result:
    """ "that afternoon", "the next morning", "in the morning": that part of the day last
    mentioned (of the day after it for "the next"); nothing when no day was mentioned."""
    lv = ctx.last_value
    if not lv or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lv[:10]):
        return None
    day = dt.date.fromisoformat(lv[:10])
    if (m.group("rel") or "").lower() in ("the next", "the following"):
        day += dt.timedelta(days=1)
    return day.isoformat() + lx.PARTS_OF_DAY[m.group("pod").lower()], "TIME", 0.6


def _n_part_of_day(m: re.Match[str], ctx: _Context) -> Result:
    w, pod = m.group("w").lower(), m.group("pod").lower()
    if w == "last" and pod != "night":
        return None  # "last morning" is not an idiom; "last evening" is rare and ambiguous
    day = _day_from(ctx, w)
    ds = day.isoformat() if day else "XXXX-XX-XX"
    return ds + lx.PARTS_OF_DAY[pod], "TIME", 0.85


_UNIT_SHIFT = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "the": 0,
    "that same": 0,
    "that": 0,
    "the same": 0,
    "last": -1,
    "the past": -1,
    "the last": -1,
    "the previous": -1,
    "this past": -1,
    "next": 1,
    "the coming": 1,
    "this coming": 1,
    "the next": 1,
    "the following": 1,
}


def _shift_unit(anchor: dt.date, unit: str, n: int) -> str:
    if unit in ("week", "weekend"):
        v = _iso_week(anchor + dt.timedelta(weeks=n))
        return v + "-WE" if unit == "weekend" else v
    if unit == "month":
        y, mo = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{mo:02d}"
    if unit == "quarter":
        y, q = divmod((anchor.year * 4 + (anchor.month - 1) // 3) + n, 4)
        return f"{y:04d}-Q{q + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}"
    return f"{anchor.year + n:04d}"


def _n_relative_unit(m: re.Match[str], ctx: _Context) -> Result:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    mod = (m.group("mod") or "").lower()
    if m.group("unit")[:1].isupper() and not m.group("unit").isupper():
        return None  # a title: ABC's "This Week"
    if (
        rel in ("the", "the current")
        and (mod or m.group("fiscal"))
        and unit in ("year", "month", "week")
        and ctx.anchor is not None
    ):
        # "the end of the month", "the fiscal year": the current one.
        return _shift_unit(ctx.anchor, unit, 0), "DATE", 0.65
    if rel in ("the", "that", "the same", "the following", "the next") and unit != "weekend":
        # Anaphoric ("that year", "the month"): only "the end of the year"-like phrases and the
        # year/quarter mentioned before are safe.
        if unit == "quarter" and (rq := _reported_quarter(ctx)) and rel != "the following" and rel != "the next":
            y, q = rq
            return f"{y:04d}-Q{q}", "DATE", 0.6
        if rel == "that" and unit == "year" and ctx.last_year is not None:
            return f"{ctx.last_year:04d}", "DATE", 0.6  # "later that year": the year last mentioned
        if (
            rel == "the"
            and unit == "year"
            and _word_before(ctx.text, m.start()) in ("for", "of", "in", "during", "through", "throughout")
            and not re.match(r"[\s,]*(?:before|after|earlier|ago|later|to\b)", ctx.text[m.end() : m.end() + 12])
        ):
            # "for the year", "the first nine months of the year": the year in focus, the
            # publication year in news (the last year stated in a narrative).
            if ctx.anchor is not None:
                return f"{ctx.anchor.year:04d}", "DATE", 0.55
            if ctx.last_year is not None:
                return f"{ctx.last_year:04d}", "DATE", 0.5
        if rel in ("the", "that") and unit == "year" and mod and ctx.anchor is not None:
            return f"{ctx.anchor.year:04d}", "DATE", 0.7
        if rel == "the" and unit == "year" and mod and ctx.last_year is not None:
            return f"{ctx.last_year:04d}", "DATE", 0.6  # a narrative's "by the end of the year"
        if rel == "that" and unit == "year" and ctx.last_year is not None:
            return f"{ctx.last_year:04d}", "DATE", 0.6
        if rel == "the following" and unit == "year" and ctx.last_year is not None:
            return f"{ctx.last_year + 1:04d}", "DATE", 0.6
        if rel == "the next" and unit == "year" and ctx.last_year is not None and ctx.anchor is None:
            return f"{ctx.last_year + 1:04d}", "DATE", 0.6
        if unit == "day":
            return _anaphoric_day(ctx, rel)
        lv = ctx.last_value
        if (
            unit == "month"
            and (rel in ("that", "the same", "that same") or (rel == "the" and mod and ctx.anchor is None))
            and lv
            and re.match(r"[0-9]{4}-[0-9]{2}", lv)
        ):
            # "later that month", "in the same month" (and in a narrative "by the end of the
            # month"): the month last mentioned.
            return lv[:7], "DATE", 0.6
        if (
            unit == "month"
            and (rel == "the following" or (rel == "the next" and ctx.anchor is None))
            and lv
            and re.match(r"[0-9]{4}-[0-9]{2}", lv)
        ):
            # "the following month" (a narrative's "the next month"): the one after the month
            # last mentioned.
            y, mo = _add_months(int(lv[:4]), int(lv[5:7]), 1)
            return f"{y:04d}-{mo:02d}", "DATE", 0.6
        return None
    if unit == "day":
        return _anaphoric_day(ctx, rel)
    if rel == "the previous" and unit == "year" and ctx.last_year is not None:
        return f"{ctx.last_year - 1:04d}", "DATE", 0.6
    if unit == "quarter" and ctx.anchor is not None:
        return _shift_unit(ctx.anchor, unit, _UNIT_SHIFT[rel]), "DATE", 0.75
    if ctx.anchor is None:
        return None
    n = _UNIT_SHIFT[rel]
    if rel in ("the last", "the past", "the next", "the coming") and unit in ("week", "month"):
        # "the past week" reads as a stretch of time ending now: the current period.
        n = 0 if rel in ("the last", "the past") else n
    if unit == "weekend" and rel in ("the", "this", "that") and ctx.tense not in ("future", "deadline"):
        # "the weekend" in a past-tense report is the weekend before the publication date.
        sat = _weekday_date(ctx.anchor, 5, "past")
        return _iso_week(sat) + "-WE", "DATE", 0.7
    if unit == "weekend" and rel in ("the", "this") and ctx.tense in ("future", "deadline"):
        sat = _weekday_date(ctx.anchor, 5, "future")
        return _iso_week(sat) + "-WE", "DATE", 0.7
    return _shift_unit(ctx.anchor, unit, n), "DATE", 0.85


def _reported_quarter(ctx: _Context) -> tuple[int, int] | None:
    """The quarter a text about quarters is reporting on: in earnings news the last completed
    calendar quarter before the publication date ("the quarter", "a year earlier" compare with
    it), unless the quarter mentioned last lies in another year."""
    if ctx.last_quarter is None or ctx.anchor is None:
        return ctx.last_quarter
    y, q = divmod(ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 - 1, 4)
    if ctx.last_quarter[0] not in (y, y + 1):
        return ctx.last_quarter
    return y, q + 1


def _n_year_ago(m: re.Match[str], ctx: _Context) -> Result:
    if (rq := _reported_quarter(ctx)) is not None:
        y, q = rq
        return f"{y - 1:04d}-Q{q}", "DATE", 0.55
    if ctx.anchor is None:
        return None
    return f"{ctx.anchor.year - 1:04d}", "DATE", 0.55


def _n_period_year_ago(m: re.Match[str], ctx: _Context) -> Result:
    if (rq := _reported_quarter(ctx)) is not None:
        y, q = rq
        return f"{y - 1:04d}-Q{q}", "DATE", 0.6
    if ctx.anchor is None:
        return None
    if (m.group("unit") or m.group("unit2")).lower() == "quarter":
        return _shift_unit(ctx.anchor, "quarter", -5), "DATE", 0.5  # the last completed one, a year before
    return f"{ctx.anchor.year - 1:04d}", "DATE", 0.5


def _anaphoric_day(ctx: _Context, rel: str) -> Result:
    """ "the next day", "that same day", "the previous day": the last day mentioned, shifted."""
    shift = {"the next": 1, "the following": 1, "next": 1, "that": 0, "the same": 0, "that same": 0, "the previous": -1}
    lv = ctx.last_value
    if rel not in shift or lv is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lv[:10]) or len(lv) < 10:
        return None
    d = dt.date.fromisoformat(lv[:10]) + dt.timedelta(days=shift[rel])
    return d.isoformat(), "DATE", 0.6


def _n_year_end(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.anchor is None:
        return (f"{ctx.last_year:04d}", "DATE", 0.5) if ctx.last_year is not None else None
    return f"{ctx.anchor.year:04d}", "DATE", 0.6


def _n_ago(m: re.Match[str], ctx: _Context) -> Result:
    nw = " ".join(m.group("n").lower().split())
    unit = m.group("unit").lower().rstrip("e") if m.group("unit").lower() == "centurie" else m.group("unit").lower()
    if unit == "centurie":
        unit = "century"
    direction = m.group("dir").lower()
    if nw in ("several", "a few", "some"):
        return ("PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF"), "DATE", 0.6
    n = _number(nw)
    if n is None:
        return None
    sign = 1 if direction in ("later", "after") else -1
    if direction == "ago":
        base = ctx.anchor
        if base is None:
            return None
    else:
        # "a year earlier" is anchored on the last date mentioned.
        if unit == "year" and (rq := _reported_quarter(ctx)) is not None and n == 1:
            y, q = rq
            return f"{y + sign:04d}-Q{q}", "DATE", 0.6
        if ctx.last_value is None or "X" in ctx.last_value or not re.match(r"[0-9]{4}(?:-|$)", ctx.last_value):
            return None
        lv = ctx.last_value
        if unit == "year":
            return f"{int(lv[:4]) + sign * n:04d}", "DATE", 0.6
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*", lv):
            base = dt.date.fromisoformat(lv[:10])
        else:
            return None
    rq = _reported_quarter(ctx)
    if direction == "ago" and unit == "year" and n == 1 and rq is not None and m.group("approx") is None:
        y, q = rq
        return f"{y - 1:04d}-Q{q}", "DATE", 0.55
    if unit == "day":
        return (base + dt.timedelta(days=sign * n)).isoformat(), "DATE", 0.8
    if unit == "week":
        return _iso_week(base + dt.timedelta(weeks=sign * n)), "DATE", 0.75
    if unit == "month":
        y, mo = _add_months(base.year, base.month, sign * n)
        return f"{y:04d}-{mo:02d}", "DATE", 0.75
    if unit == "year":
        return f"{base.year + sign * n:04d}", "DATE", 0.8
    if unit == "decade":
        return f"{base.year + sign * 10 * n:04d}", "DATE", 0.6
    return f"{(base.year + sign * 100 * n) // 100:02d}", "DATE", 0.5


def _quarter_year(ctx: _Context, q: int) -> int | None:
    if ctx.anchor is None:
        return ctx.last_year
    a = ctx.anchor
    start = dt.date(a.year, 3 * q - 2, 1)
    # A quarter that has not started yet is last year's in a past-tense report ("fourth-quarter
    # profit fell", written in February).
    if start > a and ctx.tense != "future":
        return a.year - 1
    return a.year


def _n_quarter(m: re.Match[str], ctx: _Context) -> Result:
    qw = m.group("q").lower()
    q = 4 if qw == "last" else _ordinal(qw)
    if q is None or not 1 <= q <= 4:
        return None
    det = " ".join((m.group("det") or "").lower().replace("\u2019", "'").split())
    if qw == "last" and not det:
        return None
    y: int | None
    if m.group("y1") or m.group("y2"):
        y = int(m.group("y1") or m.group("y2"))
    elif det in ("last year's",):
        y = ctx.anchor.year - 1 if ctx.anchor else None
    elif det in ("next year's", "next"):
        y = ctx.anchor.year + 1 if ctx.anchor else None
    elif det in ("this year's",):
        y = ctx.anchor.year if ctx.anchor else None
    elif "year-ago" in det or "year-earlier" in det:
        base = rq[0] if (rq := _reported_quarter(ctx)) else (ctx.anchor.year if ctx.anchor else None)
        y = base - 1 if base is not None else None
    else:
        y = _quarter_year(ctx, q)
    ys = f"{y:04d}" if y is not None else "XXXX"
    if y is not None and "year-ago" not in det and "year-earlier" not in det:
        ctx.last_quarter = (y, q)
    return f"{ys}-Q{q}", "DATE", 0.85


def _n_quarter_ref(m: re.Match[str], ctx: _Context) -> Result:
    det = m.group("det").lower()
    adj = " ".join((m.group("adj") or "").lower().split())
    unit = m.group("unit").lower()
    if unit == "period" and not adj:
        return None  # "the period" alone is too vague
    if adj and adj[:1].isdigit():
        y = int(adj)
        if rq := _reported_quarter(ctx):
            return f"{y:04d}-Q{rq[1]}", "DATE", 0.6
        return (f"{y:04d}", "DATE", 0.6) if unit == "period" else None
    if "year-ago" in adj or "year-earlier" in adj:
        if rq := _reported_quarter(ctx):
            y, q = rq
            return f"{y - 1:04d}-Q{q}", "DATE", 0.6
        return None
    if ctx.anchor is None:
        return None
    if adj in ("latest", "recent"):
        # Earnings news: the latest quarter is the last one completed.
        return _shift_unit(ctx.anchor, "quarter", -1), "DATE", 0.6
    if det == "this" and not adj and (rq := _reported_quarter(ctx)):
        y, q = rq
        return f"{y:04d}-Q{q}", "DATE", 0.55
    if (det in ("this", "its") and not adj) or adj == "current":
        return _shift_unit(ctx.anchor, "quarter", 0), "DATE", 0.6
    if det in ("last",) or adj == "previous":
        if (rq := _reported_quarter(ctx)) and det != "last":
            y, q = rq
            y, q0 = divmod(y * 4 + q - 2, 4)
            return f"{y:04d}-Q{q0 + 1}", "DATE", 0.5
        return _shift_unit(ctx.anchor, "quarter", -1), "DATE", 0.6
    if det == "next":
        return _shift_unit(ctx.anchor, "quarter", 1), "DATE", 0.6
    if unit == "period" and adj not in ("latest", "same", "comparable"):
        return None
    if rq := _reported_quarter(ctx):
        y, q = rq
        return f"{y:04d}-Q{q}", "DATE", 0.6
    # Earnings news: "the quarter"/"the latest quarter" is the last completed quarter.
    return _shift_unit(ctx.anchor, "quarter", -1), "DATE", 0.5


def _n_half(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    ctx.last_year = y
    return f"{y:04d}-H{1 if m.group('h').lower() == 'first' else 2}", "DATE", 0.85


def _n_year(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    era = (m.group("era") or "").replace(".", "").upper()
    mod = (m.group("mod") or "").lower()
    s, e = m.start("y"), m.end("y")
    if era in ("BC", "BCE"):
        return f"BC{y:04d}", "DATE", 0.9
    if not mod or mod in ("post", "pre"):
        if s > 0 and (ctx.text[s - 1].isalnum() or ctx.text[s - 1] == "_"):
            return None
        if not _bare_year_ok(ctx.text, s, e if not era else m.end()):
            return None
        if not 1000 <= y <= 2099:
            return None
    ctx.last_year = y
    return f"{y:04d}", "DATE", 0.9 if mod else 0.85


def _n_year_range_end(m: re.Match[str], ctx: _Context) -> Result:
    """ "1915-17": the second year of a range takes the century of the first."""
    first = int(ctx.text[m.start() - 5 : m.start() - 1])
    y = first // 100 * 100 + int(m.group("yy"))
    if y <= first:
        y += 100
    if y - first > 30:
        return None  # "2016-12" is a month, not a range
    return f"{y:04d}", "DATE", 0.8


def _n_era_year(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    era = m.group("era").replace(".", "").upper()
    if era in ("BC", "BCE"):
        return f"BC{y:04d}", "DATE", 0.9
    ctx.last_year = y
    return f"{y:04d}", "DATE", 0.85


# Ten to nineteen, from the shared number words (they read as a year's first half: "nineteen ...").
_TEENS = {w: n for w, n in lx.NUMBERS.items() if 10 <= n <= 19}


def _spoken_year(m: re.Match[str]) -> int | None:
    if m.group("c"):
        c = 19 if m.group("c").lower() == "nineteen" else 20
        t = m.group("t").lower()
        tens = _TEENS.get(t) or lx.NUMBERS[t]
        u = lx.NUMBERS[m.group("u").lower()] if m.group("u") else 0
        if t in _TEENS and u:
            return None
        return c * 100 + tens + u
    return 2000 + (lx.NUMBERS[m.group("u2").lower()] if m.group("u2") else 0)


def _n_spoken_year(m: re.Match[str], ctx: _Context) -> Result:
    y = _spoken_year(m)
    if y is None:
        return None
    if not m.group("c") and not m.group("u2") and not m.group().lower().startswith("the year"):
        # "two thousand" alone is usually a number ("two thousand people").
        return None
    ctx.last_year = y
    return f"{y:04d}", "DATE", 0.75


def _n_decade(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("dd"):
        return m.group("dd")[:3], "DATE", 0.9
    if not m.group("the"):
        return None  # "in his forties", "'80s music" without an article: ages and styles
    if m.group("d2"):
        century = (ctx.anchor.year // 100) if ctx.anchor else 19
        d = int(m.group("d2")[0])
        if ctx.anchor is not None and century * 100 + d * 10 > ctx.anchor.year:
            century -= 1
        return f"{century:02d}{d}", "DATE", 0.8
    d = lx.DECADE_WORDS[m.group("w").lower()]
    return f"19{d}", "DATE", 0.75


def _n_century(m: re.Match[str], ctx: _Context) -> Result:
    nw = m.group("n").lower()
    if nw in ("this", "last", "next"):
        if ctx.anchor is None:
            return None
        c = ctx.anchor.year // 100 + {"this": 0, "last": -1, "next": 1}[nw]
        return f"{c:02d}", "DATE", 0.75
    n = _ordinal(nw)
    if n is None or not 1 <= n <= 21:
        return None
    if m.group("era"):
        return f"BC{n - 1:02d}", "DATE", 0.8
    return f"{n - 1:02d}", "DATE", 0.85


def _n_season(m: re.Match[str], ctx: _Context) -> Result:
    s = lx.SEASONS[m.group("s").lower()]
    mod = " ".join((m.group("mod") or "").lower().split())
    y0 = int(m.group("y")) if m.group("y") else _spoken(m.group("sy")) if m.group("sy") else None
    if y0 is not None:
        ctx.last_year = y0
        return f"{y0:04d}-{s}", "DATE", 0.9
    prev = _word_before(ctx.text, m.start())
    if not mod and prev not in ("in", "during", "over", "by", "since", "until", "through", "throughout"):
        return None
    if s == "FA" and (not mod or mod == "the"):
        # "the fall of Saigon", "prices fall": "fall" needs "this/last/next" or a year.
        return None
    if ctx.anchor is None:
        return (f"{ctx.last_year:04d}-{s}", "DATE", 0.5) if ctx.last_year is not None else None
    a = ctx.anchor
    start_this = dt.date(a.year, lx.SEASON_START[s], 1)
    if mod in ("last", "this past"):
        # The last season of that name that has ended (or is the one before the current).
        end_this = dt.date(a.year, lx.SEASON_START[s], 1) + dt.timedelta(days=91)
        y = a.year if end_this <= a else a.year - 1
    elif mod in ("next", "this coming"):
        y = a.year if start_this > a else a.year + 1
    elif mod == "this":
        y = a.year
    elif ctx.tense == "past":
        y = a.year if start_this <= a else a.year - 1
    elif ctx.tense == "future":
        y = a.year if start_this + dt.timedelta(days=91) > a else a.year + 1
    else:
        y = a.year
    return f"{y:04d}-{s}", "DATE", 0.75


def _n_holiday(m: re.Match[str], ctx: _Context) -> Result:
    name = m.group("h")
    mod = (m.group("mod") or "").lower()
    if m.group("y"):
        y = int(m.group("y"))
    elif ctx.anchor is None:
        if name.lower().startswith(("easter", "thanks", "labor", "memorial", "election")):
            return None  # movable feasts need a year
        return f"XXXX-{_holiday(name, 2000):%m-%d}", "DATE", 0.5
    else:
        a = ctx.anchor
        this = _holiday(name, a.year)
        if mod == "last":
            y = a.year if this < a else a.year - 1
        elif mod == "next":
            y = a.year if this > a else a.year + 1
        elif mod == "this":
            y = a.year
        elif ctx.tense == "past":
            y = a.year if this <= a else a.year - 1
        elif ctx.tense == "future":
            y = a.year if this >= a else a.year + 1
        else:
            y = min((a.year - 1, a.year, a.year + 1), key=lambda yy: abs((_holiday(name, yy) - a).days))
    return _holiday(name, y).isoformat(), "DATE", 0.8


def _n_present(m: re.Match[str], ctx: _Context) -> Result:
    w = m.group().lower()
    if (
        w == "now"
        and ctx.text[m.end() : m.end() + 1] == ","
        and not _sentence_internal(ctx.text, m.start())
    ):
        return None  # a discourse marker opening a sentence ("Now, he says ..."), not a time
    return "PRESENT_REF", "DATE", 0.7


def _n_past(m: re.Match[str], ctx: _Context) -> Result:
    w = m.group().lower()
    if w == "the past":
        # "the past two years" is a duration; "the past" alone is PAST_REF.
        nxt = _word_after(ctx.text, m.end()).lower()
        if nxt and (
            nxt in lx.NUMBERS
            or nxt in ("few", "several", "couple", "decade", "century")
            or nxt.rstrip("s") in ("day", "week", "month", "year", "quarter", "hour")
        ):
            return None
    return "PAST_REF", "DATE", 0.6


def _n_future(m: re.Match[str], ctx: _Context) -> Result:
    return "FUTURE_REF", "DATE", 0.6


Normalizer = Callable[[re.Match[str], _Context], Result]

# Order matters only for ties of equal length: the more specific rule first.
RULES: tuple[tuple[str, re.Pattern[str], Normalizer], ...] = (
    ("iso_date", lx.ISO_DATE, _n_iso),
    ("slash_date", lx.SLASH_DATE, _n_slash),
    ("clock_time", lx.CLOCK_TIME, _n_clock),
    ("month_day", lx.MONTH_DAY, _n_month_day),
    ("day_month", lx.DAY_MONTH, _n_month_day),
    ("month_year", lx.MONTH_YEAR, _n_month_year),
    ("quarter", lx.QUARTER, _n_quarter),
    ("half", lx.HALF, _n_half),
    ("holiday", lx.HOLIDAY, _n_holiday),
    ("relative_day", lx.RELATIVE_DAY, _n_relative_day),
    ("part_of_day", lx.PART_OF_DAY, _n_part_of_day),
    ("pod_alone", lx.POD_ALONE, _n_pod_alone),
    ("pod_anaphora", lx.POD_ANAPHORA, _n_pod_anaphora),
    ("weekday", lx.WEEKDAY, _n_weekday),
    ("ago", lx.AGO, _n_ago),
    ("relative_unit", lx.RELATIVE_UNIT, _n_relative_unit),
    ("quarter_ref", lx.QUARTER_REF, _n_quarter_ref),
    ("year_end", lx.YEAR_END, _n_year_end),
    ("year_ago", lx.YEAR_AGO, _n_year_ago),
    ("period_year_ago", lx.PERIOD_YEAR_AGO, _n_period_year_ago),
    ("decade", lx.DECADE, _n_decade),
    ("century", lx.CENTURY, _n_century),
    ("season", lx.SEASON, _n_season),
    ("era_year", lx.ERA_YEAR, _n_era_year),
    ("year", lx.YEAR, _n_year),
    ("year_range_end", lx.YEAR_RANGE_END, _n_year_range_end),
    ("spoken_year", lx.SPOKEN_YEAR, _n_spoken_year),
    ("month", lx.MONTH_ALONE, _n_month),
    ("past_ref", lx.PAST_REF, _n_past),
    ("future_ref", lx.FUTURE_REF, _n_future),
    ("present_ref", lx.PRESENT_REF, _n_present),
)
_PRIORITY = {name: i for i, (name, _, _) in enumerate(RULES)}
# Which head-word categories (see ``timex_lexicon.TRIGGERS``) each rule needs in its window.
_NEEDS: dict[str, frozenset[str]] = {
    name: frozenset(cats.split())
    for name, cats in {
        "iso_date": "digit",
        "slash_date": "digit",
        "clock_time": "digit pod",
        "month_day": "month",
        "day_month": "month",
        "month_year": "month",
        "quarter": "unit",
        "half": "unit",
        "holiday": "holiday",
        "relative_day": "relday",
        "part_of_day": "pod",
        "pod_alone": "pod",
        "pod_anaphora": "pod",
        "weekday": "weekday",
        "ago": "ago",
        "relative_unit": "unit",
        "quarter_ref": "unit",
        "year_end": "unit",
        "year_ago": "unit",
        "period_year_ago": "unit",
        "decade": "digit decadeword",
        "century": "unit",
        "season": "season",
        "era_year": "digit",
        "year": "digit",
        "year_range_end": "digit",
        "spoken_year": "spoken",
        "month": "month",
        "past_ref": "ref",
        "future_ref": "ref",
        "present_ref": "ref",
    }.items()
}
_NORMALIZERS = {name: fn for name, _, fn in RULES}


def _windows(text: str, start: int, end: int) -> list[tuple[int, int, frozenset[str]]]:
    """Merged ``[lo, hi)`` windows around head words, with the categories of heads inside.
    Windows start and end at a space (within 32 characters) so that no expression is cut."""
    out: list[tuple[int, int, frozenset[str]]] = []
    before, after = lx.WINDOW_BEFORE, lx.WINDOW_AFTER
    triggers = lx.TRIGGERS
    for m in lx.WORD.finditer(text, start, end):
        w = m.group()
        if w[0].isdigit():
            cats = lx.DIGIT
        else:
            found = triggers.get(w.lower())
            if found is None:
                continue
            cats = found
        lo, hi = max(start, m.start() - before), min(end, m.end() + after)
        if out and lo <= out[-1][1]:
            plo, phi, pc = out[-1]
            out[-1] = (plo, max(phi, hi), pc | cats)
        else:
            out.append((lo, hi, cats))
    fixed: list[tuple[int, int, frozenset[str]]] = []
    for lo, hi, cats in out:
        stop = max(start, lo - 32)
        while lo > stop and not text[lo - 1].isspace():
            lo -= 1
        stop = min(end, hi + 32)
        while hi < stop and not text[hi].isspace():
            hi += 1
        if fixed and lo <= fixed[-1][1]:
            plo, phi, pc = fixed[-1]
            fixed[-1] = (plo, max(phi, hi), pc | cats)
        else:
            fixed.append((lo, hi, cats))
    return fixed


def _candidates(text: str, start: int, end: int) -> list[_Mention]:
    found: list[_Mention] = []
    for lo, hi, cats in _windows(text, start, end):
        for name, pattern, _ in RULES:
            if _NEEDS[name].isdisjoint(cats):
                continue
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start():
                    found.append(_Mention(m.start(), m.end(), name, m))
    # Longest first, then the earlier rule: a greedy sweep keeps non-overlapping mentions.
    found.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.rule], c.start))
    kept: list[_Mention] = []
    occupied: set[int] = set()
    for c in found:
        if any(i in occupied for i in range(c.start, c.end)):
            continue
        occupied.update(range(c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def default_tense(text: str, start: int, end: int) -> Tense:
    """A cheap tense guess from the words around a mention (used when the caller has none)."""
    window = text[max(0, start - 80) : min(len(text), end + 40)].lower()
    if re.search(r"\b(?:will|won't|shall|'ll|going to|is to|are to|plans? to|expected to|scheduled)\b", window):
        return "future"
    return "past"


# Modifiers left out of the reported span (they still shape the value): "early March" is
# reported as "March", "the end of 1990" as "1990", "February this year" as "February". The
# core expression is what annotators agree on; the modifier is where conventions differ.
_SOFT_MODS = frozenset(
    "early late mid earlier later the end of the beginning of the start of the middle of end of beginning of".split(" ")
)
_SOFT_MOD = re.compile(r"(?i:early|late|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]*$")
_SOFT_RULES = frozenset({"month", "month_year", "year", "decade", "relative_unit", "relative_day", "season", "weekday"})


def _core(c: _Mention) -> tuple[int, int]:
    s, e = c.start, c.end
    m = c.match
    if c.rule not in _SOFT_RULES:
        return s, e
    groups = m.re.groupindex
    if "mod" in groups and m.group("mod") and c.rule == "decade" and m.group("dd"):
        return m.start("dd"), e  # "the late 1980s" -> "1980s"
    if "mod" in groups and m.group("mod") and m.start("mod") == s and _SOFT_MOD.match(m.group("mod")):
        rel = m.group("rel") if "rel" in groups else None
        if not (c.rule == "relative_unit" and (rel or "").lower() in ("the", "that", "the same", "the current")):
            s = m.end("mod")
            while s < e and (m.string[s].isspace() or m.string[s] == "-"):
                s += 1
    if c.rule == "month" and m.group("rel"):
        e = m.end("mon")
    return s, e


_TRIM_END = re.compile(r"[\s.,;:'\u2019]+$")


# A computed year outside 0001..9999 ("next year" anchored on 9999-12-31).
_OUT_OF_RANGE = re.compile(r"[0-9]{5}|0000")


def _normalize(c: _Mention, ctx: _Context) -> Result:
    """Run the mention's normalizer; a date beyond the calendar's range ("tomorrow" anchored on
    9999-12-31) leaves the expression unresolved ("XXXX-XX-XX") instead of failing."""
    try:
        res = _NORMALIZERS[c.rule](c.match, ctx)
        if res is not None and res[0] is not None and _OUT_OF_RANGE.match(res[0]):
            raise OverflowError(res[0])
        return res
    except (OverflowError, ValueError):
        anchor, ctx.anchor = ctx.anchor, None
        try:
            return _NORMALIZERS[c.rule](c.match, ctx)
        except (OverflowError, ValueError):
            return None
        finally:
            ctx.anchor = anchor


def find_timexes(
    text: str,
    anchor: dt.date | None,
    *,
    start: int = 0,
    end: int | None = None,
    tense: Callable[[int, int], Tense] | None = None,
) -> list[Timex]:
    """Find DATE/TIME expressions in ``text[start:end]`` and normalize them against ``anchor``.

    ``tense(start, end)`` gives the tense of the verb governing the mention (default: a guess
    from the nearby words). Refused look-alikes (names, verbs, counts, IDs, money) and
    durations/sets are not returned.
    """
    hi = len(text) if end is None else end
    ctx = _Context(text=text, anchor=anchor)
    tense_of = tense or (lambda s, e: default_tense(text, s, e))
    out: list[Timex] = []
    for c in _candidates(text, start, hi):
        s, e = _core(c)
        ctx.tense = tense_of(s, e)
        res = _normalize(c, ctx)
        if res is None or res[0] is None:
            continue
        value, ttype, conf = res
        # Keep spans tight: a trailing period/comma is punctuation, except in "a.m."/"p.m.".
        tail = _TRIM_END.search(text, s, e)
        if (
            tail
            and not text[s:e].lower().endswith(("a.m.", "p.m."))
            and not re.search(r"\b[A-Z][a-z]{1,3}\.$", text[s:e])
        ):
            e = tail.start()
        if value[:4].isdigit() and value[4:5] in ("", "-") and "Q" not in value:
            ctx.last_value = value
        ps, pe = period(value, anchor)
        out.append(Timex(s, e, text[s:e], value, ttype, c.rule, conf, ps, pe))
    return out
