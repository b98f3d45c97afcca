"""Types and calendar arithmetic that anchor a TIMEX3 value on a date.

Scope: the ``Timex`` record, ``Tense``, the normalization context (``_Context``: anchor, tense,
last dates seen) and the result type the normalizers return; pure calendar helpers (ISO weeks,
month arithmetic, the year of a year-less date and the weekday relative to an anchor under a
tense or direction, Easter and other holidays, clock times, number and month words); and
``period``, the first and last day a TIMEX3 value covers. No text scanning here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from quotewire.extract.timex import lexicon as lx

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
class _Context:
    """What normalization needs besides the mention: the anchor and the last dates seen."""

    text: str
    anchor: dt.date | None
    tense: Tense = "unknown"
    last_year: int | None = None  # last explicitly stated year (narrative anchor)
    last_month: int | None = None  # month of the narrative's last full date
    last_quarter: tuple[int, int] | None = None
    last_value: str | None = None  # last calendar value (any granularity)
    bc_year: int | None = None  # the BC year a narrative is in ("480 BC ... in mid-August")


# What a normalizer returns: (value, type, confidence), or None to refuse.
Result = tuple[str, TimexType, float] | None


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

    if tense == "past":
        # A past tense is trusted even when the date lies most of a year back: the date's own
        # clause decides ("was formed on Jan. 5" in a November story is this January); a past
        # verb that governs a later event ("invited him to a ceremony on March 12") is read as
        # "unknown" by the events stage.
        return a if key(a) <= anchor else a - 1
    if tense == "future":
        if day is None:
            return a if (a, month) >= (anchor.year, anchor.month) else a + 1
        # A future tense is trusted too ("will play on Oct. 5" in a November story is next
        # October): the clause says otherwise than the nearest reading.
        return a if key(a) >= anchor else a + 1

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


def _season_start(y: int, s: str) -> dt.date:
    """First day of the season ``s`` written with year ``y`` (a winter begins the December before)."""
    return dt.date(y - 1, 12, 1) if s == "WI" else dt.date(y, lx.SEASON_START[s], 1)


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
    # Days fixed by Thanksgiving or Easter: the shopping days after the one, the feasts before the other.
    if n == "black friday":
        return _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=1)
    if n == "cyber monday":
        return _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=4)
    if n == "good friday":
        return _easter(y) - dt.timedelta(days=2)
    if n == "palm sunday":
        return _easter(y) - dt.timedelta(days=7)
    if n == "ash wednesday":
        return _easter(y) - dt.timedelta(days=46)
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


def _zone_offset(zone: str, day: dt.date) -> str:
    """The UTC offset of a written time zone on ``day`` ("GMT" -> "Z", "EST" -> "-05:00", "ET" in
    July -> "-04:00"); "" when unknown (the value then stays a local time, as TimeML writes it)."""
    z = zone.upper()
    if z in lx.ZONE_OFFSETS:
        return lx.ZONE_OFFSETS[z]
    region = lx.ZONE_REGIONS.get(z)
    if region is None:
        return ""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - the standard library has it from 3.9
        return ""
    try:
        off = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(region)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError, OverflowError):
        return ""  # no time zone database on this machine, or a date outside its range
    if off is None:
        return ""
    minutes = int(off.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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
    Sep 1 - Nov 30, winter Dec 1 of the year before - end of February: "2015-WI" is the winter
    of 2014-15). PRESENT_REF is the anchor
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
            # A winter is written with the year of its January, as narratives annotate it
            # ("December 1914 ... in winter" is "1915-WI").
            return dt.date(y - 1, 12, 1), dt.date(y, 3, 1) - dt.timedelta(days=1)
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
