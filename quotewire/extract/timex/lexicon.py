"""Lexicons and compiled patterns for temporal expressions (resource module of ``quotewire.extract.timex``).

Scope: English news and narrative prose. Every pattern here is compiled once at import, is
anchored on a word boundary and uses only bounded repetitions, so a scan stays linear in the
length of the text (no nested quantifiers: a 1 MB line is scanned in one pass per pattern).
Names and verbs that look like dates ("Theresa May", "march on", "Sun", "sat") are refused by
the checks in ``quotewire.extract.timex``, not here.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "febr": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a couple of": 2,
    "a hundred": 100,
    "one hundred": 100,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
    "last": 4,
}
# Spoken decades ("the nineties") -> the decade digit.
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
# TIMEX3 season codes; periods use meteorological seasons (see ``timex.period``).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# TIMEX3 parts of the day.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "TMO",
    "afternoon": "TAF",
    "evening": "TEV",
    "night": "TNI",
    "overnight": "TNI",
}

# Words after a bare four-digit number that make it a count, not a year ("1990 people").
COUNT_NOUNS = frozenset(
    """people persons men women children troops soldiers police officers workers employees jobs
    residents students voters votes seats shares units cars vehicles homes houses tons tonnes
    miles kilometres kilometers km meters metres feet yards acres hectares barrels pounds ounces
    dollars euros yen pesos rupees points degrees calories words pages copies passengers flights
    planes tanks guns rifles rockets missiles bombs prisoners refugees civilians casualties deaths
    members delegates staff customers patients cases beds rooms hours minutes seconds days weeks
    months years""".split()
)
# Words before a bare four-digit number that make it a name or a quantity ("Boeing 747",
# "Flight 1990", "No. 2000", "Route 1776").
NOT_YEAR_BEFORE = frozenset(
    """boeing airbus flight route highway interstate room suite apt apartment no number nos
    page pages chapter article section resolution model windows version rule code unit
    channel gate platform bus line box lot exit district precinct pier dock terminal
    some nearly almost approximately roughly than least tons miles""".split()
)
# Prefixes glued to a year by a hyphen ("mid-1990", "post-1959").
YEAR_PREFIXES = frozenset("mid pre post early late circa".split())
# Words after a four-digit number that make it a clock time ("1130 hrs GMT", "1400 gmt").
NOT_YEAR_AFTER = frozenset("hrs hours hour gmt utc est edt cst cdt pst pdt bst cet hkt local".split())
# Nouns after "today's" that make it generic ("today's youth"), not a date.
GENERIC_NOUNS = frozenset(
    """world youth society generation children kids families teens teenagers students computers
    technology economy standards culture media music politics women men people families""".split()
)
# Words that end an address after a number ("1600 Pennsylvania Avenue").
STREET_WORDS = frozenset(
    """street st avenue ave road rd boulevard blvd lane ln drive dr way place pl court ct
    square sq parkway pkwy highway terrace""".split()
)
# Prepositions/modifiers that license a bare "May"/"March" as a month ("in May", "since March").
MONTH_LICENSE = frozenset(
    """in since until till by during through from of early late mid last next this before after
    throughout around between and to or end beginning start middle""".split()
)
# Function words after which a capitalised month-like word is a name ("Theresa May").
TIME_ZONES = r"(?:CEST|[ECMP][SD]T|GMT|UTC|ET|CT|PT|BST|CET|HKT)"
# Fixed UTC offsets of the zones above, kept in the value ("02:00 GMT" -> "T02:00Z"): the same
# clock time in two zones is two instants. "ET" (and "CT", "PT") name a region whose offset
# follows daylight saving: ``anchors._zone_offset`` looks it up for the date.
ZONE_OFFSETS = {
    "GMT": "Z", "UTC": "Z", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00", "HKT": "+08:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
}
ZONE_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "PT": "America/Los_Angeles"}

# ---------------------------------------------------------------------------------------------
# Pattern pieces. Month names must be capitalised (or all capitals): lower-case "may"/"march"
# are verbs. "Mar." needs its period ("Mar" alone is a name).
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|Jan\.?|Feb\.?|Febr\.|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![A-Za-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_NUM = (
    r"(?:[0-9]{1,3}|a couple of|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|several|some)"
)
_ORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty[- ]first|[0-9]{1,2}(?:st|nd|rd|th))"
)
_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_POD = r"(?:morning|afternoon|evening|night)"
_CLOCK = (
    r"(?:(?:1[0-2]|0?[1-9])(?::[0-5][0-9])?\s?[ap]\.?m(?![A-Za-z])\.?"
    r"|(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s?[ap]\.?m(?![A-Za-z])\.?"
    r"|(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?=\s?(?:GMT|UTC|ET|EST|EDT|BST|CET|HKT|PST|PDT|CST|CDT)\b)"
    # A 24-hour clock after "at" ("at 18:38"): "at" rules out scores and ratios ("won 6:4").
    r"|(?<=\bat )(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![0-9:])"
    r"|noon|midnight|midday)"
)

# A year said in words ("nineteen ninety-four", "two thousand one"), as in broadcast transcripts.
_SPOKEN = (
    r"(?i:(?:nineteen|twenty)\s{1,3}(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?(?![A-Za-z])|two\s{1,3}thousand(?:\s{1,3}(?:and\s{1,3})?(?:one|two|three|four|five|six|seven"
    r"|eight|nine))?(?![A-Za-z]))"
)

I = re.IGNORECASE
MONTH_NAME = _MONTH
# The second half of a year range: "1915-17" (the "17").
YEAR_RANGE_END = re.compile(
    r"(?<=[12][0-9]{3}[-\u2013])(?<![0-9/.-][12][0-9]{3}[-\u2013])(?P<yy>[0-9]{2})(?![0-9])(?![-/.][0-9])"
)

# Day ranges: each day of "23-28 March 1951", "April 6-7", "May 4 and 5" is a date of its own
# (TimeML annotates both ends). The first day of "23-28 March": the month (and year) follow
# the second day; the span is the first day alone.
DAY_RANGE_START = re.compile(
    rf"(?<![0-9A-Za-z.,:/$-])(?P<d>{_DAY})(?=\s?(?:[-\u2013]|\s(?:to|and|or)\s)\s?(?:the\s)?{_DAY}\s{{1,3}}(?:of\s{{1,3}})?"
    rf"(?P<mon>{_MONTH})(?:,?\s{{1,3}}(?P<y>{_YEAR}))?)"
)
# The second day of "April 6-7", "May 4 and 5", "March 5-9, 1918": the month (and any year
# written after it) of the first.
# (Not after a year: "(1915-16)" is a year range, whose end a day range must not take.)
DAY_RANGE_END = re.compile(
    rf"(?:(?<=[0-9][-\u2013])|(?<=[0-9] and )|(?<=[0-9] to ))(?<![0-9]{{4}}[-\u2013])(?P<d>{_DAY})(?![-\u2013/.:][0-9])"
    rf"(?:,?\s{{1,3}}(?P<y>{_YEAR}))?"
)
# The first year of an era range: "492-490 BC", "from 499 to 493 BC" (the era follows the second).
ERA_RANGE_START = re.compile(
    r"(?<![0-9,.$])\b(?P<y>[1-9][0-9]{0,3})(?=\s?(?:[-\u2013]|\s(?:to|and)\s)\s?(?P<y2>[1-9][0-9]{0,3})\s{1,3}"
    r"(?P<era>BC|B\.C\.?|BCE)(?![A-Za-z]))"
)

# Full and partial calendar dates.
ISO_DATE = re.compile(
    r"(?<![0-9-/])(?P<y>1[0-9]{3}|20[0-9]{2})(?P<sep>[-/])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12][0-9]|3[01])"
    r"(?:T(?P<H>[01][0-9]|2[0-3]):(?P<M>[0-5][0-9])(?::[0-5][0-9])?)?(?![0-9-])"
)
# "12/14/2016" (US order), "14/12/2016" when the first number cannot be a month.
SLASH_DATE = re.compile(r"(?<![0-9/.])(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9/])")
MONTH_DAY = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s{{1,3}})?(?P<mon>{_MONTH})\s{{1,3}}(?P<d>{_DAY})(?!,[0-9]|:[0-9])"
    rf"(?:(?:,\s{{0,3}}|\s{{1,3}})(?P<y>{_YEAR}))?"
)
DAY_MONTH = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s{{1,3}})?(?:the\s{{1,3}})?(?P<d>{_DAY})(?:\s{{1,3}}of)?\s{{1,3}}(?P<mon>{_MONTH})"
    rf"(?:,?\s{{1,3}}(?P<y>{_YEAR}))?"
)
MONTH_YEAR = re.compile(
    rf"\b(?:(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]{{1,3}})?"
    rf"(?P<mon>{_MONTH}),?\s{{1,3}}(?:of\s{{1,3}})?(?:(?P<y>{_YEAR})|(?P<sy>{_SPOKEN})"
    r"|(?P<bc>[0-9]{1,4})\s{1,3}(?:BC|B\.C\.|BCE)(?![A-Za-z]))",
)
MONTH_ALONE = re.compile(
    rf"(?:\b(?P<mod>(?i:early|late|mid|last|next|this|this past|this coming"
    rf"|the end of|the beginning of|the start of|the middle of))[\s-]{{1,3}})?"
    rf"\b(?P<mon>{_MONTH})(?!\.?\s{{1,3}}[0-9])(?:\s{{1,3}}(?P<rel>(?i:this|last|next)\s{{1,3}}year)"
    rf"|\s{{1,3}}of\s{{1,3}}(?P<that>that|the same)\s{{1,3}}year)?"
)
WEEKDAY = re.compile(
    rf"(?:\b(?P<mod>(?i:last|next|this|this past|this coming|the previous|the following|early|late"
    rf"))\s{{1,3}})?\b(?P<wd>{_WEEKDAY})(?:\s{{1,3}}(?P<pod>{_POD})(?![A-Za-z]))?"
)
CLOCK_TIME = re.compile(
    rf"(?<![0-9:.,$])\b(?P<t>{_CLOCK})(?:\s{{1,3}}(?P<tz>{TIME_ZONES})(?![A-Za-z]))?"
    rf"(?:,?\s{{1,3}}(?:(?P<wd>{_WEEKDAY})(?:,?\s{{1,3}}(?P<wmon>{_MONTH})\s{{1,3}}(?P<wdd>{_DAY}))?"
    rf"|(?P<rd>(?i:today|yesterday|tomorrow))(?![A-Za-z])"
    rf"|(?P<mon>{_MONTH})\s{{1,3}}(?P<d>{_DAY})))?",
    I,
)
# "at 5 a.m. on October 3, 1935": the day a clock time is "on" (read ahead, reported apart).
# An explicit date after the weekday wins over it: "at 6:38 p.m. on Saturday, May 18".
CLOCK_ON = re.compile(
    rf"\s{{1,3}}on\s{{1,3}}(?:(?P<wd>{_WEEKDAY}),?\s{{0,3}})?"
    rf"(?:(?P<mon>{_MONTH})\s{{1,3}}(?P<d>{_DAY})(?:,?\s{{1,3}}(?P<y>{_YEAR}))?)?"
)
# "today", "late yesterday", "yesterday afternoon", "last night", "this morning".
RELATIVE_DAY = re.compile(
    rf"\b(?:(?P<mod>early|late|earlier|later|mid-afternoon|mid-morning)\s{{1,3}})?"
    rf"(?P<w>yesterday|today|tomorrow|tonight)(?![A-Za-z0-9])(?!-[A-Za-z])"
    rf"(?:\s{{1,3}}(?P<pod>{_POD})(?![A-Za-z]))?",
    I,
)
PART_OF_DAY = re.compile(
    rf"\b(?:(?P<mod>early|late|later|earlier)\s{{1,3}})?(?P<w>this|last|yesterday|tomorrow)\s{{1,3}}"
    rf"(?P<pod>{_POD})(?![A-Za-z])",
    I,
)
# "by late afternoon", "in mid-morning": a part of the publication day.
POD_ALONE = re.compile(
    r"(?:(?<=\bby )|(?<=\bin )|(?<=\buntil )|(?<=\bduring )|(?<=\bat )|(?<=\bfrom )|(?<=\bsince )"
    r"|(?<=\bbefore )|(?<=\bafter ))(?P<mod>early|late|mid)[\s-]{1,3}"
    r"(?P<pod>morning|afternoon|evening)(?![A-Za-z])",
    I,
)
# "that afternoon", "early the next morning", "in the morning": a part of the day last mentioned.
POD_ANAPHORA = re.compile(
    r"\b(?:(?P<mod>early|late)\s{1,3})?(?:(?P<rel>that|the next|the following|the same)"
    r"|(?<=\bin )the|(?<=\bduring )the|(?<=\bby )the|(?<=\bthrough )the|(?<=\bthroughout )the)"
    r"\s{1,3}(?P<pod>morning|afternoon|evening|night)(?![A-Za-z'\u2019-])(?!\s{1,3}of\b)",
    I,
)
# "last week", "earlier this month", "the past year", "next year", "the end of the year".
RELATIVE_UNIT = re.compile(
    r"\b(?:(?P<mod>early|late|earlier|later|mid|the end of|the beginning of|the start of"
    r"|the middle of|end of|beginning of)[\s-]{1,3})?"
    r"(?P<rel>this past|this coming|the past|the last|the previous|the coming|the current"
    r"|the following|the next|this|last|next|current|the|that same|that|the same)\s{1,3}(?:(?P<fiscal>fiscal)\s{1,3})?"
    r"(?P<unit>week|weekend|month|year|quarter|decade|century|day)(?![A-Za-z0-9])(?!-[A-Za-z])",
    I,
)
# "year-ago levels", "year-earlier results": the same period a year before.
YEAR_AGO = re.compile(r"\byear-(?:ago|earlier)(?![A-Za-z])", I)
# "the same period last year", "the quarter a year ago", "last year's quarter": the period
# reported on, a year before (one expression, as TimeML tags it).
PERIOD_YEAR_AGO = re.compile(
    r"\b(?:(?:the|that)\s{1,3}(?:(?:same|corresponding|comparable)\s{1,3})?(?P<unit>quarter|period)"
    r"\s{1,3}(?:of\s{1,3})?(?:last\s{1,3}year|a\s{1,3}year\s{1,3}(?:ago|earlier))"
    r"|last\s{1,3}year['\u2019]s\s{1,3}(?:(?:same|corresponding|comparable)\s{1,3})?(?P<unit2>quarter|period))"
    r"(?![A-Za-z'\u2019-])",
    I,
)
# "year-end", "the full year", "later in the year", "the year ended Sept. 30": the current year.
YEAR_END = re.compile(
    r"\b(?:year[\s-]end|year['\u2019]s end|the full year|(?<=earlier in )the year|(?<=later in )the year"
    r"|the year(?= end(?:ed|ing)\b)|(?P<month>month['\u2019]s end))(?![A-Za-z])",
    I,
)
# "three years ago", "a year earlier", "two days later".
AGO = re.compile(
    rf"\b(?:(?P<approx>about|almost|nearly|some|more than|roughly|just|over|only)\s{{1,3}})?"
    rf"(?P<n>{_NUM})\s{{1,3}}(?P<unit>day|week|month|year|decade|century|centurie)s?"
    rf"(?:\s{{1,3}}or\s{{1,3}}so)?\s{{1,3}}(?P<dir>ago|earlier|later|before(?=\s{{0,3}}[,.;])|after(?=\s{{0,3}}[,.;]))(?![A-Za-z])"
    # "The day before, ...", "the year after.": one unit from the date last mentioned (only as
    # an adverb; "the day before the vote" is anchored on an event, not on a date).
    rf"|\b(?i:the)\s{{1,3}}(?P<unit1>day|week|month|year)\s{{1,3}}(?P<dir1>before|after)(?=\s{{0,3}}[,.;])",
    I,
)
QUARTER = re.compile(
    rf"\b(?:(?P<det>the|its|a|this|last|next|this year['\u2019]s|last year['\u2019]s|next year['\u2019]s"
    rf"|the year-ago|the year-earlier|the comparable|the same|year-ago|year-earlier)\s{{1,3}})?"
    rf"(?:(?:fiscal|calendar)[\s-]{{1,3}})?(?:(?P<y1>{_YEAR})\s{{1,3}})?(?:(?:fiscal|calendar)[\s-]{{1,3}})?"
    rf"(?P<q>{_QORD})[\s-]{{1,3}}quarter(?![A-Za-z])"
    rf"(?:\s{{1,3}}of\s{{1,3}}(?:(?:fiscal|calendar)\s{{1,3}})?(?P<y2>{_YEAR}))?",
    I,
)
QUARTER_REF = re.compile(
    rf"\b(?P<det>the|this|that|last|next|its)\s{{1,3}}(?:(?P<adj>latest|current|previous|same|recent"
    rf"|comparable|year-ago|year-earlier|comparable year-ago|comparable year-earlier|{_YEAR})\s{{1,3}})?"
    rf"(?P<unit>quarter|period)(?![A-Za-z])(?!-[A-Za-z])",
    I,
)
HALF = re.compile(
    rf"\b(?:the\s{{1,3}})?(?P<h>first|second|last)\s{{1,3}}half\s{{1,3}}of\s{{1,3}}"
    rf"(?:(?:fiscal|calendar)\s{{1,3}})?(?P<y>{_YEAR})",
    I,
)
YEAR = re.compile(
    rf"(?:\b(?P<mod>(?i:early|late|mid|the end of|the beginning of|the start of|the middle of|fiscal year"
    rf"|fiscal|calendar|the year|FY|post|pre))[\s-]{{1,3}})?(?<![0-9])(?P<y>{_YEAR})"
    r"(?:\s{1,3}(?P<era>BC|B\.C\.|BCE|AD|A\.D\.)(?![A-Za-z]))?"
)
ERA_YEAR = re.compile(r"(?<![0-9,.$])\b(?P<y>[1-9][0-9]{0,3})\s{1,3}(?P<era>BC|B\.C\.?|BCE|AD|A\.D\.)(?![A-Za-z])")
SPOKEN_YEAR = re.compile(
    r"\b(?:the\s{1,3}year\s{1,3})?(?P<c>nineteen|twenty)\s{1,3}(?P<t>ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?P<u>one|two|three|four|five|six|seven|eight|nine))?(?![A-Za-z])"
    r"|\b(?:the\s{1,3}year\s{1,3})?two\s{1,3}thousand(?:\s{1,3}(?:and\s{1,3})?(?P<u2>one|two|three|four|five|six|seven"
    r"|eight|nine))?(?![A-Za-z])",
    I,
)
DECADE = re.compile(
    r"\b(?:(?P<the>the)\s{1,3})?(?:(?P<mod>early|mid|late)[\s-]{1,3})?"
    r"(?:(?P<bcd>[1-9][0-9]{0,2}0)s\s{1,3}(?:BC|B\.C\.?|BCE)(?![A-Za-z])"
    r"|(?P<dd>1[0-9]{2}0|20[0-9]0)['\u2019]?s(?![A-Za-z])|['\u2019](?P<d2>[0-9]0)['\u2019]?s(?![A-Za-z])"
    r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![A-Za-z]))",
    I,
)
CENTURY = re.compile(
    rf"\b(?:the\s{{1,3}})?(?:(?P<mod>early|mid|late)[\s-]{{1,3}})?(?P<n>{_ORD}|this|last|next)[\s-]{{1,3}}"
    r"century(?![A-Za-z])(?:\s{1,3}(?P<era>BC|B\.C\.|BCE)(?![A-Za-z]))?",
    I,
)
SEASON = re.compile(
    rf"\b(?:(?P<mod>this past|this coming|this|last|next|the middle of|the early|the late|the"
    rf"|early|late|mid)[\s-]{{1,3}})?"
    rf"(?P<s>{_SEASON})(?![A-Za-z])(?:,?\s{{1,3}}(?:of\s{{1,3}})?(?:(?P<y>{_YEAR})|(?P<sy>{_SPOKEN})"
    r"|(?P<bc>[1-9][0-9]{0,3})\s{1,3}(?:BC|B\.C\.|BCE)(?![A-Za-z])))?",
    I,
)
# A season coordinated with a later one that has its year: "the summer and autumn of 481 BC",
# "the spring and early summer of 1943" (the year of the second is the year of both).
FOLLOWING_SEASON_YEAR = re.compile(
    rf"\s{{1,3}}(?:and|or|to)\s{{1,3}}(?:(?:the\s{{1,3}})?(?:early|late|mid)[\s-]{{1,3}})?(?:the\s{{1,3}})?{_SEASON},?\s{{1,3}}"
    rf"(?:of\s{{1,3}})?(?:(?P<y>{_YEAR})|(?P<bc>[1-9][0-9]{{0,3}})\s{{1,3}}(?:BC|B\.C\.|BCE)(?![A-Za-z]))",
    I,
)
HOLIDAY = re.compile(
    rf"\b(?:(?P<mod>(?i:last|next|this))\s{{1,3}})?(?P<h>Christmas Eve|Christmas Day|Christmas|New Year['\u2019]s Eve"
    r"|New Year['\u2019]s Day|New Year['\u2019]s|Thanksgiving Day|Thanksgiving|Easter Sunday|Easter|Halloween"
    r"|Independence Day|Labor Day|Memorial Day|Valentine['\u2019]s Day|Election Day|Boxing Day"
    r"|Black Friday|Cyber Monday|Good Friday|Palm Sunday|Ash Wednesday)(?![A-Za-z])"
    rf"(?:,?\s{{1,3}}(?P<y>{_YEAR}))?"
)
# Capitalised words that make a weekday the name of a day with no calendar rule here ("Super
# Tuesday", "Bloody Sunday"): not a date of the publication week.
NAMED_DAY_PREFIXES = frozenset("Super Bloody Fat Shrove Maundy Holy Giving Small Manic Blue".split())
PRESENT_REF = re.compile(
    r"\b(?:right now|now|currently|nowadays|these days|at present|at the moment)(?![A-Za-z])",
    I,
)
PAST_REF = re.compile(
    r"\b(?:more recently|recently|the past|lately"
    r"|recent (?:years|months|weeks|days)|past years|several (?:years|months|weeks|days) ago"
    r"|a few (?:years|months|weeks|days) ago|some (?:years|months|weeks|days) ago)(?![A-Za-z])",
    I,
)
FUTURE_REF = re.compile(
    r"\b(?:the (?:near |distant )?future|the near term|the short term|a later date|coming (?:days|weeks|months"
    r"|years|quarters)|future (?:years|quarters|months))(?![A-Za-z])",
    I,
)

# Cheap first pass: every temporal expression contains one of these head words (or a digit).
# The rule patterns only run in windows around them, and only the rules whose category of head
# word is present, which keeps the scan fast on long texts.
WORD = re.compile(r"[A-Za-z]+|[0-9]+")
_TRIGGERS: dict[str, str] = {}
for _cat, _words in {
    "month": "january february march april may june july august september october november december "
    "jan feb febr mar apr jun jul aug sep sept oct nov dec",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "unit": "year years week weeks weekend month months day days quarter quarters century centuries decade "
    "decades period half",
    "ago": "ago earlier later before after",
    "ref": "now currently nowadays these present moment recently lately past recent future term coming later",
    "relday": "today yesterday tomorrow tonight",
    "pod": "morning afternoon evening night overnight noon midnight midday",
    "season": "spring summer fall autumn winter",
    "holiday": "christmas new thanksgiving easter halloween independence labor memorial valentine election boxing",
    "spoken": "nineteen twenty two thousand",
    "decadeword": "twenties thirties forties fifties sixties seventies eighties nineties",
}.items():
    for _w in _words.split():
        _TRIGGERS[_w] = _TRIGGERS.get(_w, "") + " " + _cat if _w in _TRIGGERS else _cat
TRIGGERS: dict[str, frozenset[str]] = {w: frozenset(c.split()) for w, c in _TRIGGERS.items()}
DIGIT = frozenset({"digit"})
# Characters a window extends before and after a head word (longer than any modifier or tail).
WINDOW_BEFORE = 48
WINDOW_AFTER = 40
