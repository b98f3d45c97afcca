"""Normalizers for calendar expressions: a matched span -> its TIMEX3 value.

Scope: one function per pattern of ``lexicon`` for dates and times stated on the calendar or
the clock (ISO and slash dates, month and day, month and year, a month alone, weekdays, clock
times, today/tomorrow and parts of the day, years, decades, centuries, seasons, holidays,
PRESENT_REF/PAST_REF/FUTURE_REF). Each returns ``(value, type, confidence)`` or None to refuse,
anchored on the publication date with the governing verb's tense choosing the direction (see
``anchors``). Relative and anaphoric units ("last week", "a year ago", quarters) are in
``relative``; the rule table that pairs patterns with normalizers is in ``tagger``.
"""

from __future__ import annotations

import datetime as dt
import re

from quotewire.extract.timex import lexicon as lx
from quotewire.extract.timex.anchors import (
    Result,
    _clock,
    _Context,
    _holiday,
    _month_of,
    _ordinal,
    _season_start,
    _valid,
    _weekday_date,
    _year_for,
    _zone_offset,
)
from quotewire.extract.timex.refusals import (
    _after_name,
    _bare_year_ok,
    _month_word_ok,
    _raw_word_before,
    _sentence_internal,
    _word_after,
    _word_before,
)

# ---------------------------------------------------------------------------------------------
# Normalizers: one per pattern; each returns (value, type, confidence) or None to refuse.


def _ymd(y: int | None, mo: int, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    return f"{ys}-{mo:02d}" if d is None else f"{ys}-{mo:02d}-{d:02d}"


def _resolve_year(ctx: _Context, mo: int, d: int | None, end: int | None = None) -> int | None:
    """Year of a month (and day) stated without one: a year closing the same coordination
    ("April and June 1955", "May 15 to August 16, 1988"), else the anchor and tense, else (no
    anchor) the narrative's current year."""
    if end is not None:
        fy = _FOLLOWING_YEAR.match(ctx.text, end) or _RANGE_YEAR.match(ctx.text, end)
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


# The year closing a day range: "March 5-9, 1918".
_RANGE_YEAR = re.compile(r"\s?[-\u2013]\s?(?:3[01]|[12][0-9]|0?[1-9])(?![0-9]),?\s{1,3}((?:1[0-9]{3}|20[0-9]{2}))(?![0-9])")
_FOLLOWING_YEAR = re.compile(
    r"(?:[ ,]{0,3}(?:and|or|to|until|through|till)[ ,]{1,3}|[ ,]{0,3}[-\u2013][ ,]{0,3})(?:[0-9]{1,2}(?:st|nd|rd|th)?\s{1,3})?"
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


# How far (days) from the publication date a weekday may pick the year of a year-less date.
_WEEKDAY_YEAR_REACH = 366

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
        # Only a year within about a year of the publication date: otherwise the explicit date
        # wins and the weekday that contradicts it is noted by a lower confidence ("Saturday,
        # May 18" in a November 2020 story is 2020-05-18, a Monday, not 2019-05-18).
        cands = [
            yy
            for yy in (anchor.year - 1, anchor.year, anchor.year + 1)
            if _valid(yy, mo, d)
            and dt.date(yy, mo, d).weekday() == wd
            and abs((dt.date(yy, mo, d) - anchor).days) <= _WEEKDAY_YEAR_REACH
        ]
        y = min(cands, key=lambda yy: abs((dt.date(yy, mo, d) - anchor).days)) if cands else _resolve_year(ctx, mo, d)
        if not cands and y is not None and _valid(y, mo, d):
            return _ymd(y, mo, d), "DATE", 0.6
    else:
        y = _resolve_year(ctx, mo, d, m.end())
    if not _valid(y or 2000, mo, d):
        return None
    conf = 0.95 if m.group("y") else 0.85
    return _ymd(y, mo, d), "DATE", conf


def _n_day_range_start(m: re.Match[str], ctx: _Context) -> Result:
    """The first day of "23-28 March 1951": the month and year written after the second day."""
    mo, d = _month_of(m.group("mon")), int(re.sub(r"[^0-9]", "", m.group("d")))
    y = int(m.group("y")) if m.group("y") else _resolve_year(ctx, mo, d)
    if not _valid(y or 2000, mo, d):
        return None
    return _ymd(y, mo, d), "DATE", 0.8


# What a range's second day needs before it: the month and first day ("April 6-", "May 4 and ").
_RANGE_FIRST_DAY = re.compile(
    r"(?P<mon>" + lx.MONTH_NAME + r")\s{1,3}(?P<d0>[0-9]{1,2})(?:st|nd|rd|th)?\s?(?:[-\u2013]|\s(?:and|to)\s)$"
)


def _n_day_range_end(m: re.Match[str], ctx: _Context) -> Result:
    """The second day of "April 6-7", "May 4 and 5", "March 5-9, 1918": the first day's month
    (and year); refused without a month right before ("won 6-7", "1915-17")."""
    first = _RANGE_FIRST_DAY.search(ctx.text, max(0, m.start() - 24), m.start())
    if first is None:
        return None
    mo, d = _month_of(first.group("mon")), int(re.sub(r"[^0-9]", "", m.group("d")))
    if d <= int(first.group("d0")):
        return None  # a range runs forward; "May 30-1" is not one
    lv = ctx.last_value
    y: int | None
    if m.group("y"):
        y = int(m.group("y"))
    elif lv and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lv) and int(lv[5:7]) == mo:
        y = int(lv[:4])  # the first day's year, as just resolved
    else:
        y = _resolve_year(ctx, mo, d)
    if not _valid(y or 2000, mo, d):
        return None
    return _ymd(y, mo, d), "DATE", 0.8


def _n_era_range_start(m: re.Match[str], ctx: _Context) -> Result:
    """The first year of "492-490 BC": the era written after the second, counting down."""
    y, y2 = int(m.group("y")), int(m.group("y2"))
    if y < y2:
        return None  # "1-3 BC" read upwards is not a range of BC years
    return f"BC{y:04d}", "DATE", 0.8


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
    if not mod and _raw_word_before(ctx.text, m.start()) in lx.NAMED_DAY_PREFIXES:
        return None  # the name of a day ("Super Tuesday", "Bloody Sunday"), not a weekday near the anchor
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
    if m.group("wmon"):
        # "6:38 p.m. Saturday, May 18": the explicit date wins over the weekday beside it.
        mo, d = _month_of(m.group("wmon")), int(re.sub(r"[^0-9]", "", m.group("wdd")))
        y = _resolve_year(ctx, mo, d)
        day = dt.date(y, mo, d) if y is not None and _valid(y, mo, d) else None
    elif m.group("wd"):
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
    elif (on := lx.CLOCK_ON.match(ctx.text, m.end())) and (on.group("wd") or on.group("mon")):
        if on.group("mon"):
            # An explicit date wins over the weekday written beside it ("on Saturday, May 18").
            mo, d = _month_of(on.group("mon")), int(re.sub(r"[^0-9]", "", on.group("d")))
            y = int(on.group("y")) if on.group("y") else _resolve_year(ctx, mo, d)
            day = dt.date(y, mo, d) if y is not None and _valid(y, mo, d) else None
        else:
            day = _weekday_date(ctx.anchor, lx.WEEKDAYS[on.group("wd").lower()], wd_mode) if ctx.anchor else None
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
    # A written time zone is kept as its UTC offset ("02:00 GMT" -> "T02:00Z"): a departure from
    # TimeBank, whose values drop it, documented in the data dictionary.
    zone = _zone_offset(m.group("tz"), day) if m.group("tz") and day else ""
    return f"{ds}T{hm[0]:02d}:{hm[1]:02d}{zone}", "TIME", 0.85


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
    if m.group("w")[:1].isupper() and re.search(r"(?<![A-Za-z])[A-Z]{2,4} $", ctx.text[max(0, m.start() - 6) : m.start()]):
        return None  # a title after an acronym: "USA Today", "BBC Today" (a dateline has its comma)
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
    if not _aside(ctx.text, s, e) and not (ctx.anchor is None and ctx.tense == "future"):
        # (A narrative's year in a future clause is a plan, not where the story is: "the coast
        # would be exposed for a planned campaign in 1976. ... On 11 March" is 1975.)
        ctx.last_year = y
    return f"{y:04d}", "DATE", 0.9 if mod else 0.85


# A year in brackets is an aside ("the Reign of Terror (1793-1794)", "a history of war (2003)"):
# it dates what it follows, not the narrative, so it does not move the narrative's year.
_ASIDE = re.compile(r"\([^()]{0,12}$")


def _aside(text: str, s: int, e: int) -> bool:
    return _ASIDE.search(text, max(0, s - 12), s) is not None and ")" in text[e : e + 12]


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
    if m.group("bcd"):
        return f"BC{int(m.group('bcd')) // 10:03d}", "DATE", 0.85  # "the 470s BC" -> "BC047"
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
    if m.group("bc"):
        return f"BC{int(m.group('bc')):04d}-{s}", "DATE", 0.9  # "the spring of 480 BC"
    if y0 is not None:
        ctx.last_year = y0
        return f"{y0:04d}-{s}", "DATE", 0.9
    if fs := lx.FOLLOWING_SEASON_YEAR.match(ctx.text, m.end()):
        # "the summer and autumn of 481 BC": the year closing the coordination.
        if fs.group("bc"):
            return f"BC{int(fs.group('bc')):04d}-{s}", "DATE", 0.85
        return f"{int(fs.group('y')):04d}-{s}", "DATE", 0.85
    if not mod and ctx.last_year is not None and _SAME_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        # "that same spring": the year last stated (the span is the season, as annotated).
        return f"{ctx.last_year:04d}-{s}", "DATE", 0.6
    prev = _word_before(ctx.text, m.start())
    if not mod and (act := _SEASON_ACTIVITY.match(ctx.text, m.end())):
        # A season naming a campaign ("their main summer offensive", "the Spring Offensive of
        # 1918", "Meade's fall campaign"): the season of the year written after it, else of
        # the narrative's year (with a publication date: by tense, below).
        if act.group("y"):
            return f"{int(act.group('y')):04d}-{s}", "DATE", 0.75
        if ctx.anchor is None:
            return (f"{ctx.last_year:04d}-{s}", "DATE", 0.5) if ctx.last_year is not None else None
    elif not mod and prev not in ("in", "during", "over", "by", "since", "until", "through", "throughout"):
        return None
    elif s == "FA" and (not mod or mod == "the"):
        # "the fall of Saigon", "prices fall": "fall" needs "this/last/next" or a year.
        return None
    if ctx.anchor is None:
        # A narrative's season: the year last stated (unknown before any: "XXXX-WI").
        # "The next spring" is the one after the narrative's year, "last winter" the one before.
        shift = 1 if mod in ("next", "this coming") else -1 if mod in ("last", "this past") else 0
        if s == "WI" and mod in ("", "the") and (ctx.last_month is None or ctx.last_month >= 7):
            # A winter reached by a narrative in the second half of a year (or in a year with no
            # month yet) is the one that begins in its December, written with the year of its
            # January as narratives annotate it ("December 1914 ... in winter" -> "1915-WI").
            shift = 1
        if ctx.last_year is None:
            if ctx.bc_year is not None and shift:
                # Years before Christ count down: the winter after 481 BC is "BC0480-WI".
                return f"BC{ctx.bc_year - shift:04d}-{s}", "DATE", 0.5
            return f"XXXX-{s}", "DATE", 0.5
        return f"{ctx.last_year + shift:04d}-{s}", "DATE", 0.5
    a = ctx.anchor
    # The season of that name whose months hold the anchor or come next ("this winter" on
    # Dec 14, 2016 is the winter of 2016-17, "2017-WI").
    cur = a.year + 1 if s == "WI" and a.month == 12 else a.year
    start_this = _season_start(cur, s)
    if mod in ("last", "this past"):
        # The last season of that name that has ended (or is the one before the current).
        y = cur if start_this + dt.timedelta(days=91) <= a else cur - 1
    elif mod in ("next", "this coming"):
        y = cur if start_this > a else cur + 1
    elif mod == "this":
        y = cur
    elif ctx.tense == "past":
        y = cur if start_this <= a else cur - 1
    elif ctx.tense == "future":
        y = cur if start_this + dt.timedelta(days=91) > a else cur + 1
    else:
        y = cur
    return f"{y:04d}-{s}", "DATE", 0.75


_SAME_BEFORE = re.compile(r"\b(?:that|the same|that same)\s{1,3}$", re.I)
# Nouns of a campaign that a season before them dates ("summer offensive", "fall campaign").
_SEASON_ACTIVITY = re.compile(
    r"[\s-]{1,3}(?i:counter-?)?(?i:offensives?|campaigns?)(?![A-Za-z])"
    r"(?:\s{1,3}of\s{1,3}(?P<y>(?:1[0-9]{3}|20[0-9]{2}))(?![0-9]))?"
)


def _n_holiday(m: re.Match[str], ctx: _Context) -> Result:
    name = m.group("h")
    mod = (m.group("mod") or "").lower()
    if m.group("y"):
        y = int(m.group("y"))
    elif ctx.anchor is None:
        if name.lower().startswith(("easter", "thanks", "labor", "memorial", "election", "black", "cyber", "good", "palm", "ash")):
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
