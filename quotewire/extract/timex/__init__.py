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

The work is split by concern: ``lexicon`` (word lists and patterns), ``tagger`` (the rule table,
candidate spans and ``find_timexes``), ``normalizer`` (calendar expressions -> values),
``relative`` (relative units, "ago", quarters), ``refusals`` (look-alikes that are not dates)
and ``anchors`` (types and calendar arithmetic: tense and direction, holidays, ``period``).
"""

from quotewire.extract.timex.anchors import Tense, Timex, TimexType, period
from quotewire.extract.timex.tagger import default_tense, find_timexes

__all__ = ["Tense", "Timex", "TimexType", "default_tense", "find_timexes", "period"]
