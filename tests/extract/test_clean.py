"""Table tests for the boilerplate rules of ``quotewire.extract.clean``: what goes, and prose that must stay.

Every case also checks the module's contract: the cleaned text has the source's length, newlines
stay where they were, removed and highlight spans slice back to the source, and ``clean`` is
idempotent.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from quotewire.extract.clean import clean
from quotewire.extract.model import Cleaned

PROSE = "Around 50,000 civilians are still trapped inside the rebel-held zone, the UN estimates today."


def kept_lines(c: Cleaned) -> list[str]:
    """The non-blank lines left in the cleaned text, whitespace-normalized."""
    return [" ".join(line.split()) for line in c.text.splitlines() if line.strip()]


def check_contract(source: str, c: Cleaned) -> None:
    assert len(c.text) == len(source), "cleaning changed the text length: offsets would be wrong"
    assert [i for i, ch in enumerate(c.text) if ch in "\r\n"] == [i for i, ch in enumerate(source) if ch in "\r\n"], (
        "cleaning moved or removed a line break"
    )
    for span in (*c.removed, *c.highlights):
        assert source[span.start : span.end] == span.text, f"span {span} does not slice back to the source"
    for i, (a, b) in enumerate(zip(source, c.text, strict=True)):
        assert a == b or b == " ", f"character {i} changed from {a!r} to {b!r}: only blanking is allowed"
    again = clean(c.text)
    assert again.text == c.text, "clean is not idempotent"


# (id, source, lines that must be removed, lines that must stay)
REMOVED_CASES = [
    (
        "repeated-video-title",
        "Headline of the story\n\nGoodbye messages from Aleppo\nGoodbye messages from Aleppo\n"
        f"    Goodbye messages from Aleppo\n{PROSE}\n",
        ["Goodbye messages from Aleppo"],
        [PROSE],
    ),
    (
        "video-duration-and-its-echoes",
        f"Headline of the story\nWhy is Aleppo so important in Syria?\n{PROSE}\n"
        "Why is Aleppo so important in Syria? 01:28\n",
        ["Why is Aleppo so important in Syria?", "Why is Aleppo so important in Syria? 01:28"],
        [PROSE],
    ),
    (
        "duration-hh-mm-ss",
        f"Headline of the story\n{PROSE}\nGoodbye messages from Aleppo 1:01:31\n",
        ["Goodbye messages from Aleppo 1:01:31"],
        [PROSE],
    ),
    (
        "promo-impact-your-world",
        f"Headline of the story\n{PROSE}\n"
        "CNN's Impact Your World team has ways viewers/readers can help Syrians. Please visit CNN.com/impact\n",
        ["CNN's Impact Your World team has ways viewers/readers can help Syrians. Please visit CNN.com/impact"],
        [PROSE],
    ),
    (
        "page-furniture",
        f"Headline of the story\nJUST WATCHED\nReplay\nMore Videos ...\n{PROSE}\nHide Caption\n",
        ["JUST WATCHED", "Replay", "More Videos ...", "Hide Caption"],
        [PROSE],
    ),
    (
        "html-leftover",
        f'Headline of the story\n<div class="video">\n{PROSE}\n',
        ['<div class="video">'],
        [PROSE],
    ),
    (
        "video-list",
        f"Headline of the story\n(3 Videos)\nFirst clip\nSecond clip\nThird clip\n{PROSE}\n",
        ["(3 Videos)", "First clip", "Second clip", "Third clip"],
        [PROSE],
    ),
    (
        "updated-stamp",
        f"Headline of the story\nUpdated 2034 GMT (0434 HKT) December 14, 2016\n{PROSE}\n",
        ["Updated 2034 GMT (0434 HKT) December 14, 2016"],
        [PROSE],
    ),
    (
        "byline-before-body",
        f"Headline of the story\nBy Angela Dewan and Laura Smith-Spark, CNN\n{PROSE}\n",
        ["By Angela Dewan and Laura Smith-Spark, CNN"],
        [PROSE],
    ),
    (
        "headline-repeated-as-body-first-line",
        "Trudeau says Canada will not back down on steel tariffs, despite pressure from the White House\n\n"
        "TRUDEAU SAYS CANADA WILL NOT BACK DOWN ON STEEL TARIFFS, DESPITE PRESSURE FROM THE WHITE HOUSE.\n"
        f"{PROSE}\n",
        ["TRUDEAU SAYS CANADA WILL NOT BACK DOWN ON STEEL TARIFFS, DESPITE PRESSURE FROM THE WHITE HOUSE."],
        ["Trudeau says Canada will not back down on steel tariffs, despite pressure from the White House", PROSE],
    ),
    (
        "related-link-lines",
        f"Headline of the story\n{PROSE}\nRELATED: Trump says the wall is needed\n[Related: Salesforce keynote]\n"
        "Related post: Pickled Brussels Sprouts Recipe\nSEE MORE: Hong Kong protests go on\n"
        "MORE: The ten best phones of the year\n",
        ["RELATED: Trump says the wall is needed", "[Related: Salesforce keynote]",
         "Related post: Pickled Brussels Sprouts Recipe", "SEE MORE: Hong Kong protests go on",
         "MORE: The ten best phones of the year"],
        [PROSE],
    ),
    (
        "related-stories-list",
        f"Headline of the story\n{PROSE}\nRelated Stories\nProgressives oppose funding bill\n"
        "Senators call for 5G security coordinator\nThe talks resumed on Friday, officials said.\n",
        ["Related Stories", "Progressives oppose funding bill", "Senators call for 5G security coordinator"],
        [PROSE, "The talks resumed on Friday, officials said."],
    ),
    (
        "crlf-line-endings",
        f"Headline of the story\r\nJUST WATCHED\r\n{PROSE}\r\n",
        ["JUST WATCHED"],
        [PROSE],
    ),
]


@pytest.mark.parametrize(("source", "gone", "stay"), [c[1:] for c in REMOVED_CASES], ids=[c[0] for c in REMOVED_CASES])
def test_boilerplate_removed(source: str, gone: list[str], stay: list[str]) -> None:
    c = clean(source)
    check_contract(source, c)
    lines = kept_lines(c)
    for g in gone:
        assert g not in lines, f"boilerplate line {g!r} survived cleaning: {lines}"
    for s in stay:
        assert s in lines, f"prose line {s!r} was removed: {lines}"


# Prose that looks like boilerplate but must survive: (id, line)
PROSE_CASES = [
    ("mentions-click-here-midline", "Officials said users who click here and there would see the warning."),
    ("mentions-subscribe-midline", "Millions of people subscribe to the channel, the company said on Tuesday."),
    ("time-of-day-in-sentence", "The ceasefire started at 10:30 and collapsed in the afternoon, officials said."),
    ("score-at-end", "The final score of the match between the two sides was 2:1"),
    ("long-line-ending-in-time", "The train left the station, crossed the river and reached the capital at " * 3 + "11:45"),
    ("later-dateline-is-prose", "He told reporters (AP) had confirmed the story before it ran on Monday night."),
    ("quote-with-by", '"By God, we will rebuild this city," the mayor said on Wednesday.'),
    ("copyright-midline", "The lawsuit says the photos were used without copyright permission, lawyers said."),
    ("unicode-prose", "Le président a déclaré « nous ne céderons pas », selon l’agence, mardi soir à Paris."),
]


@pytest.mark.parametrize("line", [c[1] for c in PROSE_CASES], ids=[c[0] for c in PROSE_CASES])
def test_prose_survives(line: str) -> None:
    source = f"Headline of the story\n{PROSE}\n{line}\n"
    c = clean(source)
    check_contract(source, c)
    assert " ".join(line.split()) in kept_lines(c), f"prose line was blanked as boilerplate: {line!r}"


def test_repeated_short_prose_line_first_occurrence_is_title() -> None:
    """A headline line repeated later is an echo; the first line itself is kept as the title."""
    source = f"Aleppo falls\n{PROSE}\nAleppo falls\n"
    c = clean(source)
    check_contract(source, c)
    assert c.title == "Aleppo falls", f"title not taken from the first line: {c.title!r}"


STORY_HIGHLIGHTS = (
    "Headline of the story\n\nStory highlights\n\n"
    "  \u2022 Tens of thousands of civilians are still trapped in eastern Aleppo\n"
    "  \u2022 A ceasefire collapsed less than a day after it was implemented\n\n"
    f"(CNN){PROSE}\n"
)


def test_story_highlights_kept_as_highlights_not_body() -> None:
    c = clean(STORY_HIGHLIGHTS)
    check_contract(STORY_HIGHLIGHTS, c)
    assert [h.text for h in c.highlights] == [
        "Tens of thousands of civilians are still trapped in eastern Aleppo",
        "A ceasefire collapsed less than a day after it was implemented",
    ], "highlight bullets not kept as highlights"
    body = kept_lines(c)
    assert not any("Tens of thousands" in line for line in body), f"highlights leaked into the body: {body}"
    assert "Story highlights" not in body, "the 'Story highlights' heading stayed in the body"


def test_highlights_end_at_first_non_bullet() -> None:
    source = f"Headline\nStory highlights\n- First point of the story here\n{PROSE}\n- A dash line later in the body text\n"
    c = clean(source)
    check_contract(source, c)
    assert [h.text for h in c.highlights] == ["First point of the story here"], (
        f"bullets after the body started were taken as highlights: {c.highlights}"
    )


# (id, first prose line, expected outlet, expected remaining text of the line)
DATELINE_CASES = [
    ("cnn-glued", f"(CNN){PROSE}", "CNN", PROSE),
    ("place-reuters-dash", f"WASHINGTON (Reuters) - {PROSE}", "Reuters", PROSE),
    ("place-country-ap-emdash", f"KABUL, Afghanistan (AP) \u2014 {PROSE}", "AP", PROSE),
    ("cnn-money", f"(CNN Money) {PROSE}", "CNN Money", PROSE),
]


@pytest.mark.parametrize(("line", "outlet", "rest"), [c[1:] for c in DATELINE_CASES], ids=[c[0] for c in DATELINE_CASES])
def test_dateline_gives_outlet(line: str, outlet: str, rest: str) -> None:
    source = f"Headline of the story\n{line}\n"
    c = clean(source)
    check_contract(source, c)
    assert c.outlet == outlet, f"dateline outlet: got {c.outlet!r}, expected {outlet!r}"
    assert rest in kept_lines(c), f"the dateline took prose with it: {kept_lines(c)}"


def test_dateline_only_on_first_paragraph() -> None:
    source = f"Headline of the story\n{PROSE} {PROSE}\n(AP) {PROSE}\n"
    c = clean(source)
    check_contract(source, c)
    assert c.outlet is None, f"a later '(AP)' was taken as a dateline: {c.outlet!r}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 2034 GMT (0434 HKT) December 14, 2016", dt.date(2016, 12, 14)),
        ("Updated 2034 GMT (0434 HKT) February 30, 2016", None),
        ("Updated 2034 GMT (0434 HKT) December 31, 9999", None),
        ("Posted 10:00 ET, no date given", None),
    ],
    ids=["valid", "impossible-date", "year-out-of-range", "no-date"],
)
def test_updated_stamp_states_date(line: str, expected: dt.date | None) -> None:
    source = f"Headline of the story\n{line}\n{PROSE}\n"
    c = clean(source)
    check_contract(source, c)
    assert c.published == expected, f"stated date of {line!r}: got {c.published}, expected {expected}"


def test_extra_patterns_remove_configured_lines() -> None:
    import re

    source = f"Headline of the story\n{PROSE}\nDownload our podcast on all platforms\n"
    c = clean(source, extra_patterns=[re.compile(r"^Download our podcast")])
    check_contract(source, c)
    assert "Download our podcast on all platforms" not in kept_lines(c), "configured boilerplate pattern ignored"


# Idempotence regressions found by benchmarks/fuzz.py: a blanked dateline's remainder used to be
# judged again (as an echo of another line, a byline, a promo) by the next call.
@pytest.mark.parametrize(
    "source",
    ["said\n(CNN) said ", "(CNN)\n(CNN) (CNN) ", "Title\n(CNN) Click here to read\n",
     "Title\n(AP) one two three\n(CNN) four five\nBy John Smith\n",
     "JUST WATCHED\nA line that has twelve words in it so it counts as body text\nBy John Smith\n",
     "Title\n(CNN) Goodbye messages from Aleppo 01:31\nGoodbye messages from Aleppo\n"],
    ids=["dateline-remainder-echo", "repeated-datelines", "dateline-then-promo", "second-dateline",
         "first-line-removed", "dateline-video-title"],
)
def test_clean_idempotent_regressions(source: str) -> None:
    c = clean(source)
    check_contract(source, c)


@pytest.mark.parametrize(
    "source",
    ["", "\n\n\n", "   ", "x", "\u2022", "Story highlights", "(CNN)", "01:31", " 01:31\n01:31", "\r\r\n\n"],
    ids=["empty", "newlines", "spaces", "one-char", "bullet", "heading-only", "dateline-only", "duration-only",
         "durations", "bare-cr"],
)
def test_degenerate_inputs(source: str) -> None:
    c = clean(source)
    check_contract(source, c)


HILL_WIDGET = (
    "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan OmarIlhan OmarHillicon Valley: "
    "Progressives oppose funding bill over surveillance authority | Senators call for 5G security coordinator "
    "MORE (D-Minn.), the U.S. Attorney's Office announced Monday.\n"
)


def test_inline_related_widget_blanked() -> None:
    """The Hill's widget after a name (the name glued to its repeat, headlines, "MORE") goes; the
    sentence around it stays, so no quote or speaker ("Progressives", "MORE") comes from it."""
    source = f"Headline of the story\n{HILL_WIDGET}"
    c = clean(source)
    check_contract(source, c)
    body = " ".join(c.text.split())
    assert "Rep. Ilhan Omar (D-Minn.), the U.S. Attorney's Office announced Monday." in body, body
    assert "Progressives" not in body and "MORE" not in body


@pytest.mark.parametrize(
    "line",
    ["McDonald's said its McFlurry sales rose MORE than expected, the company said.",
     "More than 200 people were hurt, officials said: more are missing."],
)
def test_widget_and_more_rules_leave_prose(line: str) -> None:
    source = f"Headline of the story\n{PROSE}\n{line}\n"
    c = clean(source)
    check_contract(source, c)
    assert " ".join(line.split()) in kept_lines(c)


# --- web page furniture (issue #16): each family with a hand-written example --------------------
# (id, source, lines that must be removed, lines that must stay)
WEB_CASES = [
    (
        "newsletter-box",
        f"Headline of the story\n{PROSE}\nMorning Brief Newsletter\nThanks for signing up!\n"
        "Keep an eye on your inbox for the latest news.\nThere was an error processing your subscription.\n"
        "Get the Morning Brief newsletter in your inbox\n",
        ["Morning Brief Newsletter", "Thanks for signing up!", "Keep an eye on your inbox for the latest news.",
         "There was an error processing your subscription.", "Get the Morning Brief newsletter in your inbox"],
        [PROSE],
    ),
    (
        "share-prompts",
        f"Headline of the story\n{PROSE}\nLike this story? Share it with a friend!\nShare this article with your friends\n",
        ["Like this story? Share it with a friend!", "Share this article with your friends"],
        [PROSE],
    ),
    (
        "related-headings-and-site-links",
        f"Headline of the story\n{PROSE}\nDON'T MISS\nCity fines landlord over mould [INSIGHT]\n"
        "Ferry fares to rise in spring [VIDEO]\nAlso on example.com Harbour traffic doubles in a year\n",
        ["DON'T MISS", "City fines landlord over mould [INSIGHT]", "Ferry fares to rise in spring [VIDEO]",
         "Also on example.com Harbour traffic doubles in a year"],
        [PROSE],
    ),
    (
        "credits-at-the-foot",
        f"Headline of the story\n{PROSE}\nReporting by Ann Lee; additional reporting by Bo Chan; Editing by Cy Dunn\n"
        "Additional reporting by Dee Fox\nEd Gray contributed reporting from Lisbon.\n"
        "Staff writers Fay Hill and Gus Ives contributed to this report.\n",
        ["Reporting by Ann Lee; additional reporting by Bo Chan; Editing by Cy Dunn", "Additional reporting by Dee Fox",
         "Ed Gray contributed reporting from Lisbon.", "Staff writers Fay Hill and Gus Ives contributed to this report."],
        [PROSE],
    ),
    (
        "contact-lines",
        f"Headline of the story\n{PROSE}\nWrite to Ann Lee at ann.lee@example.com\nann.lee@example.com\n"
        "twitter.com/annlee\n@annlee\nReach the reporters on Twitter at example\nFollow Ann Lee on Twitter for more.\n",
        ["Write to Ann Lee at ann.lee@example.com", "ann.lee@example.com", "twitter.com/annlee", "@annlee",
         "Reach the reporters on Twitter at example", "Follow Ann Lee on Twitter for more."],
        [PROSE],
    ),
    (
        "date-stamps-and-reading-time",
        f"Headline of the story\n- Published 9 November 2021\nNovember 9, 2021 - 11:28 AMT\nUpdated at 1:23 p.m.\n"
        f"4 min read\nReading time: 2 minutes\n{PROSE}\n",
        ["- Published 9 November 2021", "November 9, 2021 - 11:28 AMT", "Updated at 1:23 p.m.", "4 min read",
         "Reading time: 2 minutes"],
        [PROSE],
    ),
    (
        "comments-tags-print-tools",
        f"Headline of the story\n{PROSE}\nComments\n12 comments\nFiled under: Harbour\nTags: bridge, council\n"
        "Explore further\n- Order Reprints\n- Print Article\n"
        "This copy is for your personal, non-commercial use only. To order copies visit our site.\n",
        ["Comments", "12 comments", "Filed under: Harbour", "Tags: bridge, council", "Explore further",
         "- Order Reprints", "- Print Article",
         "This copy is for your personal, non-commercial use only. To order copies visit our site."],
        [PROSE],
    ),
    (
        "photo-credits-rules-and-style-leftovers",
        f"Headline of the story\n{PROSE}\nGetty.\nGetty Images/Instagram\nAP Photo\n***\n---\n.image-wrap {{\n"
        "width:100%;\n}\nArticle continued below\n",
        ["Getty.", "Getty Images/Instagram", "AP Photo", "***", "---", ".image-wrap {", "width:100%;", "}",
         "Article continued below"],
        [PROSE],
    ),
    (
        "click-here-call-to-action",
        f"Headline of the story\n{PROSE}\nGet the magazine every month. 12 issues for 10 pounds. Click here for more.\n"
        "GET THE APP ON THE GO BY CLICKING HERE\n",
        ["Get the magazine every month. 12 issues for 10 pounds. Click here for more.",
         "GET THE APP ON THE GO BY CLICKING HERE"],
        [PROSE],
    ),
]


@pytest.mark.parametrize(("source", "gone", "stay"), [c[1:] for c in WEB_CASES], ids=[c[0] for c in WEB_CASES])
def test_web_furniture_removed(source: str, gone: list[str], stay: list[str]) -> None:
    test_boilerplate_removed(source, gone, stay)


WEB_PROSE = [
    ("mentions-newsletter", "The council's newsletter said the bridge would reopen in two years, officials said."),
    ("comments-in-sentence", "Comments from residents were mostly positive, the mayor said at the meeting."),
    ("contributed-money", "Local firms contributed money to the repair fund, according to the city."),
    ("date-in-sentence", "The bridge closed on November 9, 2021 after engineers found corrosion."),
    ("follow-in-sentence", "Follow-up inspections will take place every month, the engineers said."),
    ("url-in-list", "https://example.com/report.pdf"),
    # A live blog's entry time heads the entry: kept (only a labelled time is a stamp).
    ("bare-time-heading", "9:15 p.m."),
    ("underscore-rule", "___"),
]


@pytest.mark.parametrize("line", [c[1] for c in WEB_PROSE], ids=[c[0] for c in WEB_PROSE])
def test_web_prose_survives(line: str) -> None:
    test_prose_survives(line)


def test_repeated_short_lines_inside_the_body_are_kept() -> None:
    """A table's or a recipe's rows repeat inside the body; only repeats around the header are echoes."""
    rows = "Breakfast\nEat within an hour of waking\nLunch\nEat within an hour of waking\n"
    source = f"Headline of the story\n{PROSE}\n{rows}The talks resumed on Friday, officials said.\n"
    c = clean(source)
    check_contract(source, c)
    assert kept_lines(c).count("Eat within an hour of waking") == 2


HEADLINE = "Council votes to close harbour bridge"
STANDFIRST = "The crumbling crossing will shut for two years while engineers replace its supports."


@pytest.mark.parametrize(
    ("source", "gone", "stay"),
    [
        # The page's headline at the top, in another case, and its standfirst right after it.
        (f"{HEADLINE.upper()}\n{STANDFIRST}\n{PROSE}\n", [HEADLINE.upper(), STANDFIRST], [PROSE]),
        # A summary that is not right after the headline is the body's own first paragraph: kept.
        (f"{STANDFIRST}\n{PROSE}\n", [], [STANDFIRST, PROSE]),
        # The headline repeated later in the body is prose there (a quote of it, a caption): kept.
        (f"{PROSE} {PROSE}\n{HEADLINE}\n", [], [HEADLINE]),
    ],
    ids=["headline-and-standfirst", "summary-is-the-lead", "headline-after-body"],
)
def test_page_headline_and_standfirst_at_the_top(source: str, gone: list[str], stay: list[str]) -> None:
    c = clean(source, furniture=(HEADLINE, STANDFIRST))
    assert clean(c.text, furniture=(HEADLINE, STANDFIRST)).text == c.text, "not idempotent"
    lines = kept_lines(c)
    assert not [g for g in gone if g in lines] and all(s in lines for s in stay), lines


def test_removed_spans_are_exact_sorted_and_disjoint() -> None:
    source = f"{HEADLINE}\n\nADVERTISEMENT\n{PROSE}\nThanks for signing up!\n"
    c = clean(source, furniture=(HEADLINE,))
    starts = [source.index(x) for x in (HEADLINE, "ADVERTISEMENT", "Thanks for signing up!")]
    assert [(s.start, s.end) for s in c.removed] == [
        (starts[0], starts[0] + len(HEADLINE)), (starts[1], starts[1] + 13), (starts[2], starts[2] + 22)]
    for span in c.removed:
        assert source[span.start : span.end] == span.text


def test_widget_inside_a_removed_line_is_one_span() -> None:
    line = "RELATED: Rep. Ann OmarAnn OmarBudget talks stall | Ferry fares rise MORE (D-Minn.) speaks"
    source = f"Headline of the story\n{PROSE}\n{line}\n"
    c = clean(source)
    check_contract(source, c)
    start = source.index(line)
    assert (start, start + len(line)) in [(s.start, s.end) for s in c.removed]
    assert all(a.end < b.start for a, b in pairwise(c.removed))
