"""Finding temporal expressions in text: the rule table, candidate spans, overlaps, the driver.

Scope: ``RULES`` pairs each ``lexicon`` pattern with its normalizer; ``find_timexes`` scans
windows around head words with the rules they can need, resolves overlaps (longest wins, then
the earlier rule), trims soft modifiers and punctuation off the reported span, and normalizes
the mentions in text order through a shared context (so anaphoric ones see the dates before
them). ``default_tense`` is the cheap tense guess used when the caller gives none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from quotewire.extract.timex import lexicon as lx
from quotewire.extract.timex.anchors import Result, Tense, Timex, _Context, period
from quotewire.extract.timex.normalizer import (
    _n_century,
    _n_clock,
    _n_day_range_end,
    _n_day_range_start,
    _n_decade,
    _n_era_range_start,
    _n_era_year,
    _n_future,
    _n_half,
    _n_holiday,
    _n_iso,
    _n_month,
    _n_month_day,
    _n_month_year,
    _n_part_of_day,
    _n_past,
    _n_pod_alone,
    _n_pod_anaphora,
    _n_present,
    _n_relative_day,
    _n_season,
    _n_slash,
    _n_spoken_year,
    _n_weekday,
    _n_year,
    _n_year_range_end,
)
from quotewire.extract.timex.relative import (
    _n_ago,
    _n_period_year_ago,
    _n_quarter,
    _n_quarter_ref,
    _n_relative_unit,
    _n_year_ago,
    _n_year_end,
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    rule: str
    match: re.Match[str]


Normalizer = Callable[[re.Match[str], _Context], Result]

# Order matters only for ties of equal length: the more specific rule first.
RULES: tuple[tuple[str, re.Pattern[str], Normalizer], ...] = (
    ("iso_date", lx.ISO_DATE, _n_iso),
    ("slash_date", lx.SLASH_DATE, _n_slash),
    ("clock_time", lx.CLOCK_TIME, _n_clock),
    ("month_day", lx.MONTH_DAY, _n_month_day),
    ("day_month", lx.DAY_MONTH, _n_month_day),
    ("month_year", lx.MONTH_YEAR, _n_month_year),
    ("day_range_start", lx.DAY_RANGE_START, _n_day_range_start),
    ("day_range_end", lx.DAY_RANGE_END, _n_day_range_end),
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
    ("era_range_start", lx.ERA_RANGE_START, _n_era_range_start),
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
        "day_range_start": "month",
        "day_range_end": "month",
        "quarter": "unit",
        "half": "unit",
        "holiday": "holiday weekday",  # (a weekday: "Black Friday", "Good Friday")
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
        "era_range_start": "digit",
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
        year_before = ctx.last_year
        res = _normalize(c, ctx)
        if res is None or res[0] is None:
            continue
        value, ttype, conf = res
        if (
            ctx.anchor is None
            and (year_before is not None or ctx.bc_year is not None)
            and _BOUND_BEFORE.search(text, max(0, s - 50), s)
        ):
            # A date a state lasts until, or has lasted since, bounds it; it is not where the
            # narrative is ("an occupation that lasted until the fall of Budapest in February
            # 1945. By the start of July, ..." is still 1944; "part of the empire since 513 BC.
            # The following year" follows 492 BC): it moves neither the narrative's year nor
            # its month.
            ctx.last_year = year_before
        else:
            if ctx.anchor is None and (mm := _NARRATIVE_MONTH.match(value)):
                # The month a narrative is in (a narrative's winter depends on it); a bare year
                # starts with none.
                ctx.last_month = int(mm.group("m")) if mm.group("m") else None
            if re.match(r"BC[0-9]{4}", value):
                ctx.bc_year = int(value[2:6])
            elif value[:4].isdigit():
                ctx.bc_year = None
        if ctx.bc_year is not None and value.startswith("XXXX-") and c.rule in _BC_NARRATIVE_RULES:
            # Without a publication date, a month, a day or a season after a BC year is in
            # that year ("In 480 BC ... in mid-August": "BC0480-08").
            value = f"BC{ctx.bc_year:04d}{value[4:]}"
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
    return _day_parts_of_dates(text, _weekdays_beside_dates(text, out))


_BOUND_BEFORE = re.compile(r"\b(?:until|till|up to)\b[^.;()]{0,40}$|\bsince\s{1,3}$", re.I)
_NARRATIVE_MONTH = re.compile(r"(?:BC)?[0-9]{4}(?:-(?P<m>[0-9]{2}))?(?![0-9])")
_BC_NARRATIVE_RULES = frozenset({"month", "month_day", "day_month", "season"})
_DATE_RULES = frozenset({"iso_date", "slash_date", "month_day", "day_month"})
# What may separate a weekday from the date it names: "Saturday (May 18)", "May 18 (Saturday)",
# "Saturday - May 18".
_BESIDE = re.compile(r"[\s,(\[\u2013\u2014-]{0,4}")


# A part of the day written before a full date: "the night of April 18, 1775", "early in the
# morning of 29 April 1975", "the early morning hours of 30 April".
_DAY_PART_OF = re.compile(
    r"(?i:(?:early|late)\s{1,3}(?:in\s{1,3})?)?(?i:the)\s{1,3}(?i:(?:early|late)\s{1,3})?"
    r"(?P<part>(?i:morning|afternoon|evening|night))(?:\s{1,3}hours)?\s{1,3}of\s{1,3}$"
)
_FULL_DATE = re.compile(r"(?:BC)?[0-9X]{4}-[0-9]{2}-[0-9]{2}")


def _day_parts_of_dates(text: str, out: list[Timex]) -> list[Timex]:
    """A date after "the night of" is that night: the value gets the TIMEX3 part of the day
    ("the night of April 18, 1775" -> "1775-04-18TNI", a TIME), as TIMEX3 writes "Friday night".
    The span stays the date (TimeBank spans "the night of Oct. 23" as "Oct. 23" alone)."""
    for i, t in enumerate(out):
        if t.rule not in _DATE_RULES or not _FULL_DATE.fullmatch(t.value):
            continue
        m = _DAY_PART_OF.search(text, max(0, t.start - 40), t.start)
        if m is None:
            continue
        part = lx.PARTS_OF_DAY[m.group("part").lower()]
        out[i] = Timex(t.start, t.end, t.text, t.value + part, "TIME", t.rule, t.confidence, t.period_start, t.period_end)
    return out


def _weekdays_beside_dates(text: str, out: list[Timex]) -> list[Timex]:
    """A weekday written right beside an explicit calendar date names that date: the date wins
    over the weekday ("Saturday (May 18)" in a November story is May 18, not a November
    Saturday); a weekday that contradicts the date keeps the date's day with a lower confidence."""
    for i, t in enumerate(out):
        if t.rule != "weekday" or t.type != "DATE" or t.value.startswith("XXXX"):
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(out) or out[j].rule not in _DATE_RULES:
                continue
            o = out[j]
            lo, hi = (t.end, o.start) if j > i else (o.end, t.start)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", o.value) or not _BESIDE.fullmatch(text, lo, hi):
                continue
            day = dt.date.fromisoformat(o.value)
            name = next((w for w in t.text.lower().split() if w in lx.WEEKDAYS), None)
            agrees = name is not None and day.weekday() == lx.WEEKDAYS[name]
            conf = t.confidence if agrees else 0.6
            out[i] = Timex(t.start, t.end, t.text, o.value, t.type, t.rule, conf, o.period_start, o.period_end)
            break
    return out
