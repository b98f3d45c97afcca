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

from flows import timex_lexicon as lx

log = logging.getLogger(__name__)

Tense = Literal["past", "present", "future", "unknown"]
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

    if tense == "past":
        return a if key(a) <= anchor else a - 1
    if tense == "future":
        if day is None:
            return a if (a, month) >= (anchor.year, anchor.month) else a + 1
        return a if key(a) >= anchor else a + 1
    best = min((a - 1, a, a + 1), key=lambda y: abs((key(y) - anchor).days))
    return best


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


def _bare_year_ok(text: str, s: int, e: int) -> bool:
    """Refuse four-digit numbers that are not years: money, counts, IDs, phone and street
    numbers, model names ("$1990", "1990 people", "555-1990", "1600 Pennsylvania Avenue",
    "Boeing 747")."""
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    if before[-1:] in ("$", "#", "\u00a3", "\u20ac", "\u00a5", "+", "/", ":", "."):
        return False
    if before[-1:].isalnum() or (before[-1:] in ("-", ",") and before[:1].isdigit()):
        return False
    if after[:1] in ("%", "/", ":") or (after[:1] in ("-", ".", ",") and after[1:2].isdigit()):
        # A year range "1939-1945" is fine; a hyphenated ID or a decimal is not.
        if not (after[:1] == "-" and re.match(r"-(?:1[0-9]{3}|20[0-9]{2})(?![0-9])", text[e : e + 6])):
            return False
    if before[-1:] == "-" and not re.search(r"(?:1[0-9]{3}|20[0-9]{2})-$", text[max(0, s - 5) : s]):
        if not before[:1].isalpha():
            return False
    prev = _word_before(text, s)
    if prev in lx.NOT_YEAR_BEFORE:
        return False
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
    prev_raw = _raw_word_before(text, s)
    prev = prev_raw.lower().rstrip(".")
    gap = text[max(0, s - 2) : s]
    # "Theresa May": a capitalised word right before (not sentence-initial).
    if prev_raw[:1].isupper() and prev not in lx.MONTH_LICENSE and not gap.strip(" ") and _sentence_internal(text, s):
        return False
    nxt = text[e : e + 2]
    if nxt[:1] == " " and nxt[1:2].isupper():
        return False
    if mon.lower().rstrip(".") in ("may", "march", "mar") or mon.isupper():
        return prev in lx.MONTH_LICENSE
    if mon.endswith(".") or len(mon) <= 3:
        return prev in lx.MONTH_LICENSE
    return True


def _sentence_internal(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    while j >= 0 and (text[j].isalpha() or text[j] in ".'"):
        j -= 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and text[j] not in ".!?\n\"\u201c"


# ---------------------------------------------------------------------------------------------
# Normalizers: one per pattern; each returns (value, type, confidence) or None to refuse.

Result = tuple[str, TimexType, float] | None


def _ymd(y: int | None, mo: int, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    return f"{ys}-{mo:02d}" if d is None else f"{ys}-{mo:02d}-{d:02d}"


def _resolve_year(ctx: _Context, mo: int, d: int | None) -> int | None:
    if ctx.anchor is not None:
        return _year_for(ctx.anchor, mo, d, ctx.tense)
    return ctx.last_year


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
    if not _valid(y, mo, d):
        return None
    ctx.last_year = y
    return _ymd(y, mo, d), "DATE", 0.85


def _n_month_day(m: re.Match[str], ctx: _Context) -> Result:
    mo = _month_of(m.group("mon"))
    d = int(re.sub(r"[^0-9]", "", m.group("d")))
    mon = m.group("mon")
    if not m.group("y") and not m.group("wd"):
        # "May 5" is a month; but "Theresa May 5" / "the Mar. 3" need care: refuse a month word
        # right after a capitalised name.
        prev = _raw_word_before(ctx.text, m.start())
        if mon in ("May", "March") and prev[:1].isupper() and _sentence_internal(ctx.text, m.start()) \
                and prev.lower() not in lx.MONTH_LICENSE:
            return None
    if m.group("y"):
        y: int | None = int(m.group("y"))
        ctx.last_year = y
    elif m.group("wd") and ctx.anchor is not None:
        # "Friday, Oct. 23": the weekday picks the year when it can.
        wd = lx.WEEKDAYS[m.group("wd").lower()]
        cands = [yy for yy in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
                 if _valid(yy, mo, d) and dt.date(yy, mo, d).weekday() == wd]
        y = min(cands, key=lambda yy: abs((dt.date(yy, mo, d) - ctx.anchor).days)) if cands \
            else _resolve_year(ctx, mo, d)  # type: ignore[operator]
    else:
        y = _resolve_year(ctx, mo, d)
    if not _valid(y or 2000, mo, d):
        return None
    conf = 0.95 if m.group("y") else 0.85
    return _ymd(y, mo, d), "DATE", conf


def _n_month_year(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    ctx.last_year = y
    return _ymd(y, _month_of(m.group("mon")), None), "DATE", 0.9


def _n_month(m: re.Match[str], ctx: _Context) -> Result:
    mod = (m.group("mod") or "").lower()
    if not _month_word_ok(ctx.text, m, bool(mod) or bool(m.group("rel"))):
        return None
    mo = _month_of(m.group("mon"))
    rel = (m.group("rel") or "").lower().split()
    y: int | None
    if ctx.anchor is None:
        y = ctx.last_year
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
    if ctx.anchor is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        if mod in ("last", "the previous", "this past"):
            mode = "last"
        elif mod in ("next", "the following", "this coming"):
            mode = "next"
        elif ctx.tense == "future":
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
    day: dt.date | None = None
    if m.group("wd"):
        day = _weekday_date(ctx.anchor, lx.WEEKDAYS[m.group("wd").lower()],
                            "future" if ctx.tense == "future" else "past") if ctx.anchor else None
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
    elif ctx.last_value and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", ctx.last_value[:10]) \
            and len(ctx.last_value) >= 10 and ctx.last_value[4] == "-":
        # A bare clock time belongs to the last day mentioned, else to the anchor's day.
        day = dt.date.fromisoformat(ctx.last_value[:10])
    else:
        day = ctx.anchor
    ds = day.isoformat() if day else "XXXX-XX-XX"
    return f"{ds}T{hm[0]:02d}:{hm[1]:02d}", "TIME", 0.85


def _n_relative_day(m: re.Match[str], ctx: _Context) -> Result:
    w = m.group("w").lower()
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


def _n_part_of_day(m: re.Match[str], ctx: _Context) -> Result:
    w, pod = m.group("w").lower(), m.group("pod").lower()
    if w == "last" and pod != "night":
        return None  # "last morning" is not an idiom; "last evening" is rare and ambiguous
    day = _day_from(ctx, w)
    ds = day.isoformat() if day else "XXXX-XX-XX"
    return ds + lx.PARTS_OF_DAY[pod], "TIME", 0.85


_UNIT_SHIFT = {
    "this": 0, "current": 0, "the current": 0, "the": 0, "that": 0, "the same": 0,
    "last": -1, "the past": -1, "the last": -1, "the previous": -1, "this past": -1,
    "next": 1, "the coming": 1, "this coming": 1, "the next": 1, "the following": 1,
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
    if rel in ("the", "that", "the same", "the following", "the next") and unit != "weekend":
        # Anaphoric ("that year", "the month"): only "the end of the year"-like phrases and the
        # year/quarter mentioned before are safe.
        if unit == "quarter" and ctx.last_quarter and rel != "the following" and rel != "the next":
            y, q = ctx.last_quarter
            return f"{y:04d}-Q{q}", "DATE", 0.6
        if rel in ("the", "that") and unit == "year" and mod and ctx.anchor is not None:
            return f"{ctx.anchor.year:04d}", "DATE", 0.7
        if rel == "that" and unit == "year" and ctx.last_year is not None:
            return f"{ctx.last_year:04d}", "DATE", 0.6
        if rel in ("the following", "the next") and unit == "year" and ctx.last_year is not None \
                and ctx.anchor is None:
            return f"{ctx.last_year + 1:04d}", "DATE", 0.6
        return None
    if unit == "quarter" and ctx.anchor is not None:
        return _shift_unit(ctx.anchor, unit, _UNIT_SHIFT[rel]), "DATE", 0.75
    if ctx.anchor is None:
        return None
    n = _UNIT_SHIFT[rel]
    if rel in ("the last", "the past", "the next", "the coming") and unit in ("week", "month"):
        # "the past week" reads as a stretch of time ending now: the current period.
        n = 0 if rel in ("the last", "the past") else n
    if unit == "weekend" and rel in ("the", "this", "that") and ctx.tense != "future":
        # "the weekend" in a past-tense report is the weekend before the publication date.
        sat = _weekday_date(ctx.anchor, 5, "past")
        return _iso_week(sat) + "-WE", "DATE", 0.7
    if unit == "weekend" and rel in ("the", "this") and ctx.tense == "future":
        sat = _weekday_date(ctx.anchor, 5, "future")
        return _iso_week(sat) + "-WE", "DATE", 0.7
    return _shift_unit(ctx.anchor, unit, n), "DATE", 0.85


def _n_year_end(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.anchor is None:
        return None
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
        if unit == "year" and ctx.last_quarter is not None and n == 1:
            y, q = ctx.last_quarter
            return f"{y + sign:04d}-Q{q}", "DATE", 0.6
        if ctx.last_value is None or "X" in ctx.last_value or not ctx.last_value[:4].isdigit():
            return None
        lv = ctx.last_value
        if unit == "year":
            return f"{int(lv[:4]) + sign * n:04d}", "DATE", 0.6
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*", lv):
            base = dt.date.fromisoformat(lv[:10])
        else:
            return None
    if direction == "ago" and unit == "year" and n == 1 and ctx.last_quarter is not None \
            and m.group("approx") is None:
        y, q = ctx.last_quarter
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
        base = ctx.last_quarter[0] if ctx.last_quarter else (ctx.anchor.year if ctx.anchor else None)
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
        if ctx.last_quarter:
            return f"{y:04d}-Q{ctx.last_quarter[1]}", "DATE", 0.6
        return (f"{y:04d}", "DATE", 0.6) if unit == "period" else None
    if "year-ago" in adj or "year-earlier" in adj:
        if ctx.last_quarter:
            y, q = ctx.last_quarter
            return f"{y - 1:04d}-Q{q}", "DATE", 0.6
        return None
    if ctx.anchor is None:
        return None
    if (det in ("this", "its") and not adj) or adj == "current":
        return _shift_unit(ctx.anchor, "quarter", 0), "DATE", 0.6
    if det in ("last",) or adj == "previous":
        if ctx.last_quarter and det != "last":
            y, q = ctx.last_quarter
            y, q0 = divmod(y * 4 + q - 2, 4)
            return f"{y:04d}-Q{q0 + 1}", "DATE", 0.5
        return _shift_unit(ctx.anchor, "quarter", -1), "DATE", 0.6
    if det == "next":
        return _shift_unit(ctx.anchor, "quarter", 1), "DATE", 0.6
    if unit == "period" and adj not in ("latest", "same", "comparable"):
        return None
    if ctx.last_quarter:
        y, q = ctx.last_quarter
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


def _n_era_year(m: re.Match[str], ctx: _Context) -> Result:
    y = int(m.group("y"))
    era = m.group("era").replace(".", "").upper()
    if era in ("BC", "BCE"):
        return f"BC{y:04d}", "DATE", 0.9
    ctx.last_year = y
    return f"{y:04d}", "DATE", 0.85


_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


def _n_spoken_year(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("c"):
        c = 19 if m.group("c").lower() == "nineteen" else 20
        t = m.group("t").lower()
        tens = _TEENS.get(t) or lx.NUMBERS[t]
        u = lx.NUMBERS[m.group("u").lower()] if m.group("u") else 0
        if t in _TEENS and u:
            return None
        y = c * 100 + tens + u
    else:
        y = 2000 + (lx.NUMBERS[m.group("u2").lower()] if m.group("u2") else 0)
        if not m.group().lower().startswith("the year") and not m.group("u2"):
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
    if m.group("y"):
        y = int(m.group("y"))
        ctx.last_year = y
        return f"{y:04d}-{s}", "DATE", 0.9
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
    return "PRESENT_REF", "DATE", 0.7


def _n_past(m: re.Match[str], ctx: _Context) -> Result:
    w = m.group().lower()
    if w == "the past":
        # "the past two years" is a duration; "the past" alone is PAST_REF.
        nxt = _word_after(ctx.text, m.end()).lower()
        if nxt and (nxt in lx.NUMBERS or nxt in ("few", "several", "couple", "decade", "century")
                    or nxt.rstrip("s") in ("day", "week", "month", "year", "quarter", "hour")):
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
    ("weekday", lx.WEEKDAY, _n_weekday),
    ("ago", lx.AGO, _n_ago),
    ("relative_unit", lx.RELATIVE_UNIT, _n_relative_unit),
    ("quarter_ref", lx.QUARTER_REF, _n_quarter_ref),
    ("year_end", lx.YEAR_END, _n_year_end),
    ("decade", lx.DECADE, _n_decade),
    ("century", lx.CENTURY, _n_century),
    ("season", lx.SEASON, _n_season),
    ("era_year", lx.ERA_YEAR, _n_era_year),
    ("year", lx.YEAR, _n_year),
    ("spoken_year", lx.SPOKEN_YEAR, _n_spoken_year),
    ("month", lx.MONTH_ALONE, _n_month),
    ("past_ref", lx.PAST_REF, _n_past),
    ("future_ref", lx.FUTURE_REF, _n_future),
    ("present_ref", lx.PRESENT_REF, _n_present),
)
_PRIORITY = {name: i for i, (name, _, _) in enumerate(RULES)}
_NORMALIZERS = {name: fn for name, _, fn in RULES}


def _candidates(text: str, start: int, end: int) -> list[_Mention]:
    found: list[_Mention] = []
    for name, pattern, _ in RULES:
        for m in pattern.finditer(text, start, end):
            if m.end() > m.start():
                found.append(_Mention(m.start(), m.end(), name, m))
    # Longest first, then the earlier rule: a greedy sweep keeps non-overlapping mentions.
    found.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.rule], c.start))
    taken: list[tuple[int, int]] = []
    kept: list[_Mention] = []
    occupied = bytearray(end - start)
    for c in found:
        if any(occupied[c.start - start : c.end - start]):
            continue
        occupied[c.start - start : c.end - start] = b"\x01" * (c.end - c.start)
        kept.append(c)
        taken.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    return kept


def default_tense(text: str, start: int, end: int) -> Tense:
    """A cheap tense guess from the words around a mention (used when the caller has none)."""
    window = text[max(0, start - 80) : min(len(text), end + 40)].lower()
    if re.search(r"\b(?:will|won't|shall|'ll|going to|is to|are to|plans? to|expected to|scheduled)\b", window):
        return "future"
    return "past"


_TRIM_END = re.compile(r"[\s.,;:'\u2019]+$")


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
        ctx.tense = tense_of(c.start, c.end)
        res = _NORMALIZERS[c.rule](c.match, ctx)
        if res is None or res[0] is None:
            continue
        value, ttype, conf = res
        s, e = c.start, c.end
        # Keep spans tight: a trailing period/comma is punctuation, except in "a.m."/"p.m.".
        tail = _TRIM_END.search(text, s, e)
        if tail and not text[s:e].lower().endswith(("a.m.", "p.m.")) and not re.search(
            r"\b[A-Z][a-z]{1,3}\.$", text[s:e]
        ):
            e = tail.start()
        if value[:4].isdigit() and value[4:5] in ("", "-") and "Q" not in value:
            ctx.last_value = value
        ps, pe = period(value, anchor)
        out.append(Timex(s, e, text[s:e], value, ttype, c.rule, conf, ps, pe))
    return out
