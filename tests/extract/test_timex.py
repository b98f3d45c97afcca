"""Table tests for ``quotewire.extract.timex``: one row per TIMEX3 convention and per refused look-alike.

All sentences are written for these tests. The anchor is Wednesday 2016-12-14 unless a row says
otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from quotewire.extract.timex import find_timexes, period

WED = dt.date(2016, 12, 14)


def values(text: str, anchor: dt.date | None = WED, tense: str | None = None) -> list[tuple[str, str]]:
    fn = None if tense is None else (lambda s, e: tense)
    out = find_timexes(text, anchor, tense=fn)  # type: ignore[arg-type]
    for t in out:
        assert text[t.start : t.end] == t.text
    return [(t.text, t.value) for t in out]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Full dates in their usual spellings.
        ("It opened on December 14, 2016, in Paris.", [("December 14, 2016", "2016-12-14")]),
        ("It opened on 14 Dec 2016 in Paris.", [("14 Dec 2016", "2016-12-14")]),
        ("It opened on the 14th of December 2016.", [("the 14th of December 2016", "2016-12-14")]),
        ("The filing is dated 2016-12-14 in the register.", [("2016-12-14", "2016-12-14")]),
        ("The filing is dated 12/14/2016 in the register.", [("12/14/2016", "2016-12-14")]),
        ("The filing is dated 14/12/2016 in the register.", [("14/12/2016", "2016-12-14")]),
        ("The filing is dated 2016/12/14 in the register.", [("2016/12/14", "2016-12-14")]),
        ("The polls closed at 19:00 GMT on Tuesday.", [("19:00 GMT", "2016-12-13T19:00Z"), ("Tuesday", "2016-12-13")]),
        ("Sales fell in November 2015, the firm said.", [("November 2015", "2015-11")]),
        ("He was born on Friday, Oct. 23, 1998.", [("Friday, Oct. 23, 1998", "1998-10-23")]),
        # Month and day without a year: the publication year, by tense.
        ("The army entered the city on November 27.", [("November 27", "2016-11-27")]),
        ("The talks will resume on January 9.", [("January 9", "2017-01-09")]),
        # Weekdays: past for past-tense verbs, next for future ones, the day itself on that day.
        ("She tweeted on Tuesday.", [("Tuesday", "2016-12-13")]),
        ("Her mother tweeted on Wednesday.", [("Wednesday", "2016-12-14")]),
        ("The vote will take place on Tuesday.", [("Tuesday", "2016-12-20")]),
        ("He left last Friday.", [("last Friday", "2016-12-09")]),
        ("He arrives next Monday.", [("next Monday", "2016-12-19")]),
        # Months, years, decades, centuries, seasons, quarters, halves.
        ("Prices rose in March.", [("March", "2016-03")]),
        ("Prices rose in 1998.", [("1998", "1998")]),
        ("Prices rose in the 1990s.", [("the 1990s", "199")]),
        ("Prices rose in the early 1990s.", [("1990s", "199")]),
        # A count of decades back or on names a decade, not a single year.
        ("Scientists found it more than two decades ago.", [("more than two decades ago", "199")]),
        ("It was built in the 19th century.", [("the 19th century", "18")]),
        ("It was built in the summer of 2012.", [("the summer of 2012", "2012-SU")]),
        ("Profit fell in the third quarter.", [("the third quarter", "2016-Q3")]),
        ("Third-quarter profit fell.", [("Third-quarter", "2016-Q3")]),
        ("Profit fell in the first half of 2015.", [("the first half of 2015", "2015-H1")]),
        ("In fiscal 2015 the unit lost money.", [("fiscal 2015", "2015")]),
        ("The war ended in 241 BC after a siege.", [("241 BC", "BC0241")]),
        # Relative to the publication date.
        ("He resigned yesterday.", [("yesterday", "2016-12-13")]),
        ("He resigns today.", [("today", "2016-12-14")]),
        ("He resigns tomorrow.", [("tomorrow", "2016-12-15")]),
        ("The match is tonight.", [("tonight", "2016-12-14TNI")]),
        ("A deal was reached last night.", [("last night", "2016-12-13TNI")]),
        ("He spoke this morning.", [("this morning", "2016-12-14TMO")]),
        ("But by late afternoon, it had not taken place.", [("late afternoon", "2016-12-14TAF")]),
        ("He spoke last week.", [("last week", "2016-W49")]),
        ("He spoke last month.", [("last month", "2016-11")]),
        # Soft modifiers shape the value but stay out of the span.
        ("He spoke earlier this month.", [("this month", "2016-12")]),
        ("He came in early March.", [("March", "2016-03")]),
        ("It closes at the end of 2017.", [("2017", "2017")]),
        ("Sales grew this year.", [("this year", "2016")]),
        ("Sales will grow next year.", [("next year", "2017")]),
        ("Sales fell last year.", [("last year", "2015")]),
        ("He left three days ago.", [("three days ago", "2016-12-11")]),
        ("He left two weeks ago.", [("two weeks ago", "2016-W48")]),
        ("He left five years ago.", [("five years ago", "2011")]),
        ("He left a month ago.", [("a month ago", "2016-11")]),
        # Times with a day.
        ("The blast hit at 3 p.m. Tuesday.", [("3 p.m. Tuesday", "2016-12-13T15:00")]),
        ("The blast hit at 10:30 a.m. yesterday.", [("10:30 a.m. yesterday", "2016-12-13T10:30")]),
        # Reference points.
        ("Prices are now falling.", [("now", "PRESENT_REF")]),
        ("Prices are currently falling.", [("currently", "PRESENT_REF")]),
        ("Prices fell recently.", [("recently", "PAST_REF")]),
        ("It happened in the past.", [("the past", "PAST_REF")]),
        ("It will happen in the future.", [("the future", "FUTURE_REF")]),
        # Holidays.
        ("They met on Christmas Day.", [("Christmas Day", "2015-12-25")]),
        ("They met on Thanksgiving.", [("Thanksgiving", "2016-11-24")]),
    ],
)
def test_conventions(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the plan would work.",
        "You may leave whenever you want.",
        "Protesters march on the capital.",
        "We sat on the porch in the Sun.",
        "The score was 3-2 after 48 minutes.",
        "The video runs 01:31 and ends abruptly.",
        "The ring cost $1990 at the auction.",
        "Call 555-1990 for tickets.",
        "The order number is 19901234.",
        "He lives at 1600 Pennsylvania Avenue.",
        "The airline flies a Boeing 747 to Sydney.",
        "He finished second in the race.",
        "The firm hired 1990 people.",
        "The talks lasted two weeks.",
        "He served for three years.",
        "They meet every Monday.",
        "Stocks fall when rates rise.",
        "The fall of Saigon changed everything.",
        "In his forties he took up running.",
        "Ticket ID 2016-12-14-0042 was void.",
        "June Carter sang that night.",
        "The loan closes at 1400 GMT on the exchange.",
        "Lead rose to 1455 1460 in late dealing.",
        "The wire slug was BC-RUBBER-1645 that day.",
    ],
)
def test_refused(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Without an anchor, anchor-relative parts stay unknown.
        ("The army entered the city on November 27.", [("November 27", "XXXX-11-27")]),
        ("She tweeted on Tuesday.", [("Tuesday", "XXXX-WXX-2")]),
        # A narrative's own year anchors later year-less dates.
        (
            "In 1939 the war began. On September 17, Soviet troops invaded.",
            [("1939", "1939"), ("September 17", "1939-09-17")],
        ),
        ("He resigned yesterday.", [("yesterday", "XXXX-XX-XX")]),
    ],
)
def test_without_anchor(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, None) == expected


@pytest.mark.parametrize(
    "value, start, end",
    [
        ("2016-11", dt.date(2016, 11, 1), dt.date(2016, 11, 30)),
        ("2016-11-27", dt.date(2016, 11, 27), dt.date(2016, 11, 27)),
        ("2016-12-13T15:00", dt.date(2016, 12, 13), dt.date(2016, 12, 13)),
        ("2016-W50", dt.date(2016, 12, 12), dt.date(2016, 12, 18)),
        ("2016-W50-WE", dt.date(2016, 12, 17), dt.date(2016, 12, 18)),
        ("2016-Q3", dt.date(2016, 7, 1), dt.date(2016, 9, 30)),
        ("2016-H1", dt.date(2016, 1, 1), dt.date(2016, 6, 30)),
        ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
        ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("19", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
        ("2012-SU", dt.date(2012, 6, 1), dt.date(2012, 8, 31)),
        # A winter is written with the year of its January: "2016-WI" is the winter of 2015-16.
        ("2016-WI", dt.date(2015, 12, 1), dt.date(2016, 2, 29)),
        ("PRESENT_REF", WED, WED),
        ("PAST_REF", None, None),
        ("FUTURE_REF", None, None),
        ("XXXX-11-27", None, None),
    ],
)
def test_period(value: str, start: dt.date | None, end: dt.date | None) -> None:
    assert period(value, WED) == (start, end)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the same period last year", "the quarter a year ago", "last year's quarter": one
        # expression, the quarter reported on a year before...
        (
            "Net fell in the third quarter from the same period last year.",
            [("the third quarter", "2016-Q3"), ("the same period last year", "2015-Q3")],
        ),
        (
            "Net fell in the third quarter. Sales for last year's quarter were higher.",
            [("the third quarter", "2016-Q3"), ("last year's quarter", "2015-Q3")],
        ),
        # ... without a quarter mentioned, the last completed quarter a year before...
        ("For the quarter a year ago, it lost $3 million.", [("the quarter a year ago", "2015-Q3")]),
        # ... and not when "last year" stands alone.
        ("Last year, the quarter was weak.", [("Last year", "2015")]),
    ],
)
def test_period_a_year_ago(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # "for/of/in the year": the year in focus, the publication year in news...
        ("For the year, sales rose 4%.", WED, [("the year", "2016")]),
        ("Profit for the first nine months of the year fell.", WED, [("the year", "2016")]),
        # ... and the last year stated in a narrative without a publication date.
        ("In 1940 the front held. Later in the year, the attack began.", None, [("1940", "1940"), ("the year", "1940")]),
        # Not: a year anaphoric to another date, or with no preposition governing it.
        ("Sales had risen 4% in the year before.", WED, []),
        ("The year was a hard one.", WED, []),
    ],
)
def test_the_year(text: str, anchor: dt.date | None, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Now," opening a sentence is a discourse marker, not a time (TimeML leaves it
        # untagged); inside a sentence, or without the comma, it is PRESENT_REF, and so is
        # "Currently," (never a discourse marker).
        ("Now, he says, the plan has failed.", []),
        ('"Now, let us look at the facts," he said.', []),
        ("Currently, organs are rationed by region.", [("Currently", "PRESENT_REF")]),
        ("The firm now holds 12% of the shares.", [("now", "PRESENT_REF")]),
        ("Now the alliance has 19 members.", [("Now", "PRESENT_REF")]),
        ("The group, currently, holds 12% of the shares.", [("currently", "PRESENT_REF")]),
        ("Right now, the market is calm.", [("Right now", "PRESENT_REF")]),
    ],
)
def test_present_ref_discourse_marker(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text, anchor, tense, expected",
    [
        # "Friday" written on a Friday is that day, whatever the tense.
        ("They vote on Friday.", dt.date(2016, 12, 16), "past", "2016-12-16"),
        ("They vote on Friday.", dt.date(2016, 12, 16), "future", "2016-12-16"),
        # A past-tense month not yet reached this year is last year's.
        ("Sales peaked in October.", dt.date(2016, 3, 1), "past", "2015-10"),
        ("Sales will peak in October.", dt.date(2016, 3, 1), "future", "2016-10"),
        # A quarter that has not started is last year's in a past-tense report.
        ("Fourth-quarter profit fell.", dt.date(2016, 2, 1), "past", "2015-Q4"),
        # A weekday with a clock time follows the weekday's own convention: a deadline is the
        # next one, a past-tense report the last one.
        ("They have until 9 a.m. Tuesday to sign.", WED, "deadline", "2016-12-20T09:00"),
        ("They have until 9 a.m. Tuesday to sign.", WED, "future", "2016-12-20T09:00"),
        ("They signed at 9 a.m. Tuesday.", WED, "past", "2016-12-13T09:00"),
        ("They must reply by noon Friday.", WED, "deadline", "2016-12-16T12:00"),
    ],
)
def test_tense_and_anchor(text: str, anchor: dt.date, tense: str, expected: str) -> None:
    assert [v for _, v in values(text, anchor, tense)] == [expected]


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # Year ranges, spelled-out years, BC months and narrative anaphora (no publication date).
        ("The war lasted from 1939-1945 in Europe.", None, [("1939", "1939"), ("1945", "1945")]),
        ("Throughout 1915-17, the armies were stuck.", None, [("1915", "1915"), ("17", "1917")]),
        (
            "In the winter of nineteen ninety-four prices fell.",
            WED,
            [("the winter of nineteen ninety-four", "1994-WI")],
        ),
        ("The army crossed in April 480 BC.", None, [("April 480 BC", "BC0480-04")]),
        (
            "In 1940 the front held. In August of that year, the attack began.",
            None,
            [("1940", "1940"), ("August of that year", "1940-08")],
        ),
        (
            "On May 10, 1940, he resigned. The next day, the army moved.",
            None,
            [("May 10, 1940", "1940-05-10"), ("The next day", "1940-05-11")],
        ),
        (
            "Diem moved in April and June 1955 against the sects.",
            None,
            [("April", "1955-04"), ("June 1955", "1955-06")],
        ),
        (
            "He crossed at 5 a.m. on October 3, 1935.",
            None,
            [("5 a.m.", "1935-10-03T05:00"), ("October 3, 1935", "1935-10-03")],
        ),
        # "that month", "the same month": the month of the date last mentioned (none: not a date).
        (
            "On May 10, 1940, he resigned. Later that month, the army moved.",
            None,
            [("May 10, 1940", "1940-05-10"), ("Later that month", "1940-05")],
        ),
        ("In June 1962 the truce held. In the same month, talks began.", None, [("June 1962", "1962-06"), ("the same month", "1962-06")]),
        ("In 1962 the truce held. In the same month, talks began.", None, [("1962", "1962")]),
        # A narrative's "the end of the month/year": the month or year last mentioned.
        (
            "On May 10, 1940, they attacked. By the end of the month, the army had fled.",
            None,
            [("May 10, 1940", "1940-05-10"), ("the end of the month", "1940-05")],
        ),
        ("In 1940 the front held. By the end of the year, it broke.", None, [("1940", "1940"), ("the end of the year", "1940")]),
        # "the following month" is the one after the month last mentioned, with or without a
        # publication date; "the next month" only in a narrative (in news it is a stretch of time).
        (
            "In March 1989 it rejected the bid. The following month, it was sold.",
            WED,
            [("March 1989", "1989-03"), ("The following month", "1989-04")],
        ),
        (
            "In March 1920 it fell. During the next month they moved east.",
            None,
            [("March 1920", "1920-03"), ("the next month", "1920-04")],
        ),
        ("Prices will rise over the next month.", WED, []),
        # "that afternoon", "the next morning", "in the morning": that part of the day last
        # mentioned (the day after for "the next"); without a day mentioned, nothing.
        (
            "On April 14, 1865, he was shot. He died early the next morning.",
            None,
            [("April 14, 1865", "1865-04-14"), ("early the next morning", "1865-04-15TMO")],
        ),
        (
            "Stocks fell Friday. Dealers placed orders in the morning.",
            dt.date(2016, 12, 19),
            [("Friday", "2016-12-16"), ("the morning", "2016-12-16TMO")],
        ),
        ("In the morning he runs. He reads the morning paper.", WED, []),
        # "The night of March 4": the date's value gets the part of the day (the span stays the date).
        ("On March 3 it rained. The night of March 4 was calm.", WED, [("March 3", "2016-03-03"), ("March 4", "2016-03-04TNI")]),
        ("He left early in the morning of 29 April 1975.", None, [("29 April 1975", "1975-04-29TMO")]),
        ("In the early morning hours of 30 April 1975, they flew out.", None, [("30 April 1975", "1975-04-30TMO")]),
        # "On May 6" opening a sentence is a date; a name before "May 5" still refuses it.
        ("On May 6, he was charged.", WED, [("May 6", "2016-05-06")]),
        ("At March 3 prices, it was cheap.", WED, [("March 3", "2016-03-03")]),
        ("Voters backed Theresa May 5 to 1.", WED, []),
        # With a publication date, "the end of the month" is the publication month.
        ("He will decide by the end of the month.", WED, [("the end of the month", "2016-12")]),
        # "the previous Friday" is the one before the Friday last mentioned.
        (
            "Stocks fell Friday, down 4% from the previous Friday.",
            dt.date(2016, 12, 19),
            [("Friday", "2016-12-16"), ("the previous Friday", "2016-12-09")],
        ),
    ],
)
def test_narrative_and_ranges(text: str, anchor: dt.date | None, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize("anchor", [dt.date.max, dt.date.min])
def test_extreme_anchor_leaves_values_unresolved(anchor: dt.date) -> None:
    # Past the calendar's ends a value stays partial (or the mention is dropped) instead of
    # raising OverflowError; every period is a real date or None.
    text = "The talks resume tomorrow. They resumed last week in March, a year ago, next year."
    out = find_timexes(text, anchor)
    assert "tomorrow" in [t.text for t in out]
    assert all(t.period_start is None or t.period_start <= t.period_end for t in out)  # type: ignore[operator]


def test_linear_on_a_long_line() -> None:
    # A 1 MB line of digits and month-like words must scan quickly (no backtracking blow-up).
    line = ("May 1990 $1990 3-2 Sun Wed 2016-12-14 " * 30000)[:1_000_000]
    out = find_timexes(line, WED)
    assert out and all(line[t.start : t.end] == t.text for t in out)


# Issue 20: the date written beside a weekday, and clock times with their time zone. The anchor
# is Friday 2020-11-20 (a November story); May 18, 2020 is a Monday, May 18, 2019 a Saturday.
NOV = dt.date(2020, 11, 20)


@pytest.mark.parametrize(
    "text, expected",
    [
        # The explicit date wins over the weekday beside it, and its year is the nearest one
        # (not the year, 18 months back, in which May 18 fell on a Saturday).
        ("The rally took place on Saturday, May 18.", [("Saturday, May 18", "2020-05-18")]),
        ("The rally took place on Saturday 18 May.", [("Saturday 18 May", "2020-05-18")]),
        # A weekday written apart from its date names that date.
        ("The rally took place Saturday (May 18).", [("Saturday", "2020-05-18"), ("May 18", "2020-05-18")]),
        ("The rally took place May 18 (Saturday).", [("May 18", "2020-05-18"), ("Saturday", "2020-05-18")]),
        # A clock time "on" a weekday and a date takes the date.
        (
            "It began at 6:38 p.m. on Saturday, May 18.",
            [("6:38 p.m.", "2020-05-18T18:38"), ("Saturday, May 18", "2020-05-18")],
        ),
        # Written time zones are kept as UTC offsets; "ET" follows daylight saving.
        ("The quake struck at 02:00 GMT on May 18.", [("02:00 GMT", "2020-05-18T02:00Z"), ("May 18", "2020-05-18")]),
        ("Trading opens at 9:30 a.m. ET on July 6.", [("9:30 a.m. ET", "2020-07-06T09:30-04:00"), ("July 6", "2020-07-06")]),
        ("Polls close at 8 p.m. EST Tuesday.", [("8 p.m. EST Tuesday", "2020-11-17T20:00-05:00")]),
        ("It began at 6:38 p.m. Saturday, May 18.", [("6:38 p.m. Saturday, May 18", "2020-05-18T18:38")]),
        # A 24-hour clock after "at" takes the day mentioned with it; a score does not.
        ("The quake struck on May 18, 2019 at 18:38.", [("May 18, 2019", "2019-05-18"), ("18:38", "2019-05-18T18:38")]),
        ("The polls closed at 20:00 on Sunday.", [("20:00", "2020-11-15T20:00"), ("Sunday", "2020-11-15")]),
        ("He won 6:4 at the final.", []),
        # A time without a zone stays a local time (TimeML).
        ("He arrived at 6:38 p.m. on May 18.", [("6:38 p.m.", "2020-05-18T18:38"), ("May 18", "2020-05-18")]),
    ],
)
def test_explicit_date_beside_weekday_and_zones(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, NOV, "past") == expected


def test_newspaper_title_is_no_date() -> None:
    # "USA Today" is a newspaper, not the publication day.
    assert values("Richardson, via USA Today, said he was right.", NOV, "past") == []


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        # Named days are no weekdays of the publication week: computed when a calendar rule
        # fixes them, refused otherwise.
        ("Shoppers will line up on Black Friday.", "future", [("Black Friday", "2019-11-29")]),
        ("Stores will open on Cyber Monday.", "future", [("Cyber Monday", "2019-12-02")]),
        ("They prayed on Good Friday.", "past", [("Good Friday", "2019-04-19")]),
        ("Candidates won on Super Tuesday.", "past", []),
        ("The march on Bloody Sunday ended.", "past", []),
    ],
)
def test_named_days(text: str, tense: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, dt.date(2019, 11, 18), tense) == expected


def test_weekday_contradicting_its_date_is_noted() -> None:
    # May 18, 2020 is a Monday: the date stands, the contradiction lowers the confidence.
    (t,) = find_timexes("The rally took place on Saturday, May 18.", NOV, tense=lambda s, e: "past")
    (ok,) = find_timexes("The rally took place on Monday, May 18.", NOV, tense=lambda s, e: "past")
    assert (t.value, ok.value) == ("2020-05-18", "2020-05-18")
    assert t.confidence < ok.confidence


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        # The tense of the clause decides the direction even most of a year away.
        ("The band was formed on Jan. 5.", "past", "2020-01-05"),
        ("The band played on Dec. 29.", "past", "2019-12-29"),
        ("The band will play on Oct. 5.", "future", "2021-10-05"),
        ("The festival will be held on May 18.", "future", "2021-05-18"),
        # Without a tense, the reading within about six months of the publication date (with
        # news' lean to the past).
        ("The Jan. 14 deadline.", "unknown", "2021-01-14"),
        ("The June 3 vote.", "unknown", "2020-06-03"),
        ("The April 2 vote.", "unknown", "2021-04-02"),
    ],
)
def test_tense_decides_direction_of_month_days(text: str, tense: str, expected: str) -> None:
    assert values(text, NOV, tense)[0][1] == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # Each day of a day range is a date: the first day takes the month (and year) written
        # after the second, the second day the month (and year) of the first.
        (
            "The offensive ran from 23-28 March 1951 near the river.",
            None,
            [("23", "1951-03-23"), ("28 March 1951", "1951-03-28")],
        ),
        (
            "Talks were held from 15 to 22 February in Geneva.",
            WED,
            [("15", "2016-02-15"), ("22 February", "2016-02-22")],
        ),
        ("The summit meets on April 24 and 25 in Washington.", WED, [("April 24", "2016-04-24"), ("25", "2016-04-25")]),
        (
            "Talks took place on March 5-9, 1918 in Bucharest.",
            None,
            [("March 5", "1918-03-05"), ("9, 1918", "1918-03-09")],
        ),
        # Look-alikes: a score, a year range and a range running backwards are not day ranges.
        ("The home side won 6-7 in overtime.", WED, []),
        ("On May 30-1 the line held.", WED, [("May 30", "2016-05-30")]),
        # The first year of a BC range counts down to the era written after the second.
        ("The Ionian Revolt (499-493 BC) failed.", None, [("499", "BC0499"), ("493 BC", "BC0493")]),
        ("It lasted from 264 to 241 BC in Sicily.", None, [("264", "BC0264"), ("241 BC", "BC0241")]),
        ("Pages 12-15 BC and 1-3 BC are lost.", None, [("15 BC", "BC0015"), ("3 BC", "BC0003")]),
        # A decade before Christ keeps TimeML's three digits: "the 470s BC" is "BC047".
        ("Throughout the 470s BC, the League campaigned.", None, [("the 470s BC", "BC047")]),
        # "B.C" without its last period is still the era.
        ("The Third Punic War (149 B.C to 146 B.C) ended Carthage.", None, [("149 B.C", "BC0149"), ("146 B.C", "BC0146")]),
        # A year range's end is no day of a range, even with a month nearby.
        (
            "After the Siege of Kut (1915-16), forces reorganised in March 1917.",
            None,
            [("1915", "1915"), ("16", "1916"), ("March 1917", "1917-03")],
        ),
    ],
)
def test_day_and_era_ranges(text: str, anchor: dt.date | None, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # A season with a BC year, and a season coordinated with a later one that has its year.
        ("They met again in the spring of 480 BC at Corinth.", None, [("the spring of 480 BC", "BC0480-SP")]),
        (
            "The army gathered in the summer and autumn of 481 BC.",
            None,
            [("the summer", "BC0481-SU"), ("autumn of 481 BC", "BC0481-FA")],
        ),
        (
            "Both sides spent the spring and early summer of 1943 preparing.",
            dt.date(2009, 12, 19),
            [("the spring", "1943-SP"), ("summer of 1943", "1943-SU")],
        ),
        # Without a publication date, a month or a season after a BC year is in that year; a
        # winter reached after August is the one that ends the next year (BC years count down).
        (
            "In 480 BC Xerxes marched. The Persians arrived in mid-August. They passed the winter there.",
            None,
            [("480 BC", "BC0480"), ("August", "BC0480-08"), ("the winter", "BC0479-WI")],
        ),
        (
            "In 480 BC Xerxes marched. The Persians arrived in mid-August. They passed the spring there.",
            None,
            [("480 BC", "BC0480"), ("August", "BC0480-08"), ("the spring", "BC0480-SP")],
        ),
        # ... until a year of our era is stated again.
        (
            "In 480 BC Xerxes marched. In 1940 the front held. In August, the attack began.",
            None,
            [("480 BC", "BC0480"), ("1940", "1940"), ("August", "1940-08")],
        ),
        # Years before Christ count down: "The following year" after 492 BC is 491 BC.
        (
            "In 492 BC Mardonius sailed. The following year, Darius sent envoys.",
            None,
            [("492 BC", "BC0492"), ("The following year", "BC0491")],
        ),
        # A season in a narrative before any year is stated is still a season.
        ("Over the winter, the armies rested.", None, [("the winter", "XXXX-WI")]),
        # A narrative's winter after its second half-year is written with the next year (the year
        # of its January); after a January it is the winter that month is in.
        (
            "The front held until December 1914. In winter, the attack failed.",
            None,
            [("December 1914", "1914-12"), ("winter", "1915-WI")],
        ),
        (
            "The battle ended on January 3, 1777. Throughout the winter, raids went on.",
            None,
            [("January 3, 1777", "1777-01-03"), ("the winter", "1777-WI")],
        ),
        ("In 481 BC Xerxes gathered his army. He passed the winter at Sardis.", None, [("481 BC", "BC0481"), ("the winter", "BC0480-WI")]),
        # With a publication date, "this winter" in December is the winter of that December and
        # the next January; in February it is the one ending then.
        ("They expect snow this winter.", WED, [("this winter", "2017-WI")]),
        ("They expect snow this winter.", dt.date(2016, 2, 10), [("this winter", "2016-WI")]),
        ("It snowed a lot last winter.", WED, [("last winter", "2016-WI")]),
    ],
)
def test_seasons_and_bc_narratives(text: str, anchor: dt.date | None, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A year in brackets is an aside: it does not move a narrative's year.
        (
            "On 10 March 1975 the attack began, long before the campaign (1976). On 11 March, Ban Me Thuot fell.",
            [("10 March 1975", "1975-03-10"), ("1976", "1976"), ("11 March", "1975-03-11")],
        ),
        (
            "In 1793 the Terror began (1793-1794). In September, the Law of Suspects passed.",
            [("1793", "1793"), ("1793", "1793"), ("1794", "1794"), ("September", "1793-09")],
        ),
        # ... and a count of decades from the narrative's year names a decade.
        ("It began in 1945. Almost two decades later, it ended.", [("1945", "1945"), ("Almost two decades later", "196")]),
        # The date a state lasts until is its end, not where the narrative is.
        (
            "In September 1944 the siege began and lasted until the fall of the city in February 1945. By the start of July, the front had moved.",
            [("September 1944", "1944-09"), ("February 1945", "1945-02"), ("July", "1944-07")],
        ),
        # So is the date a state has lasted since.
        (
            "In 492 BC Mardonius took Thrace, part of the empire since 513 BC. The following year, envoys came.",
            [("492 BC", "BC0492"), ("513 BC", "BC0513"), ("The following year", "BC0491")],
        ),
        (
            "In 1941 the army held the city, German since 1939. In May, it fell.",
            [("1941", "1941"), ("1939", "1939"), ("May", "1941-05")],
        ),
        # ... but before any year it is the narrative's first.
        ("The truce lasted until May 1950. In June, war broke out.", [("May 1950", "1950-05"), ("June", "1950-06")]),
        # A year outside brackets still does.
        ("In 1940 the front held. In 1941 it broke. In May, they retreated.", [("1940", "1940"), ("1941", "1941"), ("May", "1941-05")]),
        # A month range closed by a year, with no space around the dash.
        ("Operation Glory (July-November 1954) returned the dead.", [("July", "1954-07"), ("November 1954", "1954-11")]),
    ],
)
def test_narrative_year_asides(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, None) == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        # A season naming a campaign dates it: the year written after it, else the narrative's.
        ("In 1942 they launched their main summer offensive.", None, [("1942", "1942"), ("summer", "1942-SU")]),
        ("The German Spring Offensive of 1918 failed.", None, [("Spring", "1918-SP"), ("1918", "1918")]),
        ("In 1863, after Meade's fall campaign, Lincoln waited.", None, [("1863", "1863"), ("fall", "1863-FA")]),
        # A season word that names no campaign and has no preposition is still refused.
        ("Prices fall in a winter storm.", None, []),
        ("A summer camp opened.", WED, []),
    ],
)
def test_season_naming_a_campaign(text: str, anchor: dt.date | None, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Without a publication date, "ago" counts back from the date the narrative has reached.
        (
            "On 10 March 1975 Thieu spoke: the treaty was signed two years ago.",
            [("10 March 1975", "1975-03-10"), ("two years ago", "1973")],
        ),
        # "The day before," / "Two years before," as adverbs: one unit from the last date.
        (
            "It fell on 23 February 1918. The day before, the army embarked.",
            [("23 February 1918", "1918-02-23"), ("The day before", "1918-02-22")],
        ),
        ("In 1948 it ended. Two years before, the French had refused.", [("1948", "1948"), ("Two years before", "1946")]),
        # "before the vote" is anchored on an event, not a date: not resolved.
        ("He left on May 3, 2016, two days before the vote.", [("May 3, 2016", "2016-05-03")]),
        # With only the year known, "four days later" keeps the year and leaves the day unknown.
        ("In 1915 the offensive began; four days later the Bulgarians joined.", [("1915", "1915"), ("four days later", "1915-XX-XX")]),
        # After a preposition of time a month is a date even before a name.
        ("In 1973 the reaction was cool, and in April Nixon appointed Martin.", [("1973", "1973"), ("April", "1973-04")]),
        ("Singer June Carter sang.", []),
    ],
)
def test_narrative_anaphora(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the same year", "that same spring", "at month's end": the year or month last mentioned.
        ("In 1949 the war ended. In the same year, France granted independence.", [("1949", "1949"), ("the same year", "1949")]),
        ("In 1975 Laos fell to Communist troops that same spring.", [("1975", "1975"), ("spring", "1975-SP")]),
        ("They took the city on 19 October 1950. At month's end, they held it.", [("19 October 1950", "1950-10-19"), ("month's end", "1950-10")]),
        ("In 1919 the Reds grew, and by the middle of summer they led.", [("1919", "1919"), ("summer", "1919-SU")]),
        # "The next spring" after the narrative's year is the one after it.
        ("In 1777 the army suffered. The next spring, it emerged.", [("1777", "1777"), ("next spring", "1778-SP")]),
        # Without a month mentioned, "month's end" is not resolved in a narrative.
        ("In 1919 it began. At month's end, it stopped.", [("1919", "1919")]),
    ],
)
def test_same_year_and_month_end(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, None) == expected
