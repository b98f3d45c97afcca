"""Normalizers for relative and anaphoric expressions: units shifted from an anchor.

Scope: "this/last/next week|month|year|...", "the following day", "two years ago", "a year
earlier" (anchored on the last date mentioned), "year-end", "a year ago", quarters ("the
third quarter", "the latest quarter", "the year-ago period") with the earnings-news reading of
the reported quarter. Each returns ``(value, type, confidence)`` or None to refuse.
"""

from __future__ import annotations

import datetime as dt
import re

from quotewire.extract.timex.anchors import (
    Result,
    _add_months,
    _Context,
    _iso_week,
    _number,
    _ordinal,
    _weekday_date,
)
from quotewire.extract.timex.refusals import _word_before

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
    if (
        ctx.anchor is None
        and ctx.bc_year is not None
        and unit == "year"
        and rel in ("the following", "the next", "the previous")
    ):
        # A narrative before Christ counts its years down: "The following year" after 492 BC
        # is 491 BC.
        return f"BC{ctx.bc_year - (1 if rel != 'the previous' else -1):04d}", "DATE", 0.6
    if rel in ("the", "that", "the same", "the following", "the next") and unit != "weekend":
        # Anaphoric ("that year", "the month"): only "the end of the year"-like phrases and the
        # year/quarter mentioned before are safe.
        if unit == "quarter" and (rq := _reported_quarter(ctx)) and rel != "the following" and rel != "the next":
            y, q = rq
            return f"{y:04d}-Q{q}", "DATE", 0.6
        if rel in ("that", "the same") and unit == "year" and ctx.last_year is not None:
            # "later that year", "in the same year": the year last mentioned.
            return f"{ctx.last_year:04d}", "DATE", 0.6
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
    if m.group("month"):
        # "at month's end": the month last mentioned (a narrative's), else the publication month.
        lv = ctx.last_value
        if lv and re.match(r"[0-9]{4}-[0-9]{2}", lv):
            return lv[:7], "DATE", 0.6
        return (f"{ctx.anchor.year:04d}-{ctx.anchor.month:02d}", "DATE", 0.55) if ctx.anchor else None
    if ctx.anchor is None:
        return (f"{ctx.last_year:04d}", "DATE", 0.5) if ctx.last_year is not None else None
    return f"{ctx.anchor.year:04d}", "DATE", 0.6


# The unknown finer parts of a value whose year alone is known ("1915-XX-XX").
_UNKNOWN_PART = {"day": "-XX-XX", "week": "-WXX", "month": "-XX"}


def _n_ago(m: re.Match[str], ctx: _Context) -> Result:
    nw = " ".join((m.group("n") or "one").lower().split())
    unit = (m.group("unit") or m.group("unit1")).lower()
    if unit == "centurie":
        unit = "century"
    direction = (m.group("dir") or m.group("dir1")).lower()
    if nw in ("several", "a few", "some"):
        return ("PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF"), "DATE", 0.6
    n = _number(nw)
    if n is None:
        return None
    sign = 1 if direction in ("later", "after") else -1
    if direction == "ago" and ctx.anchor is not None:
        base = ctx.anchor
    else:
        # "a year earlier" is anchored on the last date mentioned; so is "two years ago" in a
        # narrative without a publication date (a history's "now" is the date it has reached).
        # "a year earlier" is anchored on the last date mentioned.
        if unit == "year" and (rq := _reported_quarter(ctx)) is not None and n == 1:
            y, q = rq
            return f"{y + sign:04d}-Q{q}", "DATE", 0.6
        if ctx.last_value is None or "X" in ctx.last_value or not re.match(r"[0-9]{4}(?:-|$)", ctx.last_value):
            return None
        lv = ctx.last_value
        if unit == "year":
            return f"{int(lv[:4]) + sign * n:04d}", "DATE", 0.6
        if unit == "decade":
            return f"{(int(lv[:4]) + sign * 10 * n) // 10:03d}", "DATE", 0.55  # a decade: "194"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*", lv):
            base = dt.date.fromisoformat(lv[:10])
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}", lv) and unit == "month":
            y, mo = _add_months(int(lv[:4]), int(lv[5:7]), sign * n)
            return f"{y:04d}-{mo:02d}", "DATE", 0.6
        elif unit in ("day", "week", "month") and re.fullmatch(r"[0-9]{4}(?:-[0-9]{2})?", lv):
            # "four days later" after "in 1915": the year is known, the day is not.
            return f"{lv[:4]}{_UNKNOWN_PART[unit]}", "DATE", 0.5
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
        # A count of decades names a decade, in TimeML's three digits ("more than two decades
        # ago" in 2019 is "199", not the single year 1999).
        return f"{(base.year + sign * 10 * n) // 10:03d}", "DATE", 0.6
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
