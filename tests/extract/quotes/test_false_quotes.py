"""False-quote families: figures in market reports and 'Label:' furniture are no quotes."""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.segment import split_sentences


def quotes_of(text: str) -> list[tuple[str | None, str]]:
    """(speaker mention, content) of every quote of ``text``."""
    return [
        (q.mention.text if q.mention else None, q.content.text) for q in extract_quotes(text, split_sentences(text))
    ]


MARKET_REPORT = (
    "Asian shares were mixed on Wednesday.\n\n"
    "Australia's S&P ASX 200 added 0.4 per cent to 5,835.20 while Shanghai's Composite index was flat.\n\n"
    "ENERGY: Benchmark U.S. crude oil fell 42 cents to $51.69 per barrel in electronic trading.\n\n"
    "BREXIT VOTE: British Prime Minister Theresa May suffered a major setback on Tuesday when lawmakers "
    "rejected her plan.\n\n"
    "CURRENCIES: The dollar rose to 108.78 yen from 108.69 late Tuesday.\n"
)


@pytest.mark.parametrize(
    ("text", "not_a_speaker"),
    [
        # A figure moving is no speech, and a number is no speaker.
        ("South Korea's Kospi added 0.4 per cent to 2,106.10 on Friday.", "South Korea's Kospi"),
        (MARKET_REPORT, "200"),
        # Section headings of a market report, with figures under them or not.
        (MARKET_REPORT, "ENERGY"),
        (MARKET_REPORT, "BREXIT VOTE"),
        (MARKET_REPORT, "CURRENCIES"),
        # Contact and link lines.
        ("The vote is on Monday.\n\nEmail: jsnyder@example.com | Twitter: jesse_snyder\n", "Email"),
        ("The vote is on Monday.\n\nEarlier: Audrey Parker pushed Liberals to change the dying law\n", "Earlier"),
    ],
)
def test_false_quote_family_is_dropped(text: str, not_a_speaker: str) -> None:
    found = quotes_of(text)
    assert not_a_speaker not in {m for m, _ in found}, found


@pytest.mark.parametrize(
    ("text", "speaker", "content_start"),
    [
        # Said, with figures: still speech ("40 per cent of" is a share, not a figure moving).
        ("Smith added 40 per cent of voters back the plan.", "Smith", "40 per cent"),
        ("The minister said prices rose 3 per cent to $4.10 last year.", "The minister", "prices rose"),
        # A transcript speaker in capitals is a speaker when no market heading is around.
        ("WALLACE: If I may, sir, I would like to ask about the debt.\n", "WALLACE", "If I may"),
        ("Clinton: I support D.C. statehood and always have.\n", "Clinton", "I support"),
        # An interview's "A:" answers are no market headings, figures or not.
        ("Q: How was the year?\n\nA: Sales rose 3 per cent to $4.10 a share and we hired more.\n", "A", "Sales rose"),
    ],
)
def test_real_quotes_stay(text: str, speaker: str, content_start: str) -> None:
    found = quotes_of(text)
    assert any(m == speaker and c.startswith(content_start) for m, c in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A participle modifying a medium inside an adjunct is no cue; the main clause speaks.
        ("In a statement issued later, Mr. Hemming said his group intended to use the addresses.",
         ("Mr. Hemming", "his group intended to use the addresses")),
        ("In a report released Monday, the agency said the economy was growing.",
         ("the agency", "the economy was growing")),
        # A passive participle followed by its agent is no cue either.
        ("A statement issued by the ministry said the talks had failed.", ("the ministry", "the talks had failed")),
    ],
)
def test_a_participle_in_an_adjunct_is_no_cue(text: str, expected: tuple[str, str]) -> None:
    quotes = quotes_of(text)
    assert expected in quotes
    assert not any(m and m.split()[-1] in ("statement", "report") for m, _ in quotes), quotes


def test_a_passive_with_a_quotation_keeps_its_agents_words() -> None:
    text = 'The term was deemed by nominators as "too much of a shorthand" for the attacks.'
    assert any("shorthand" in c for _, c in quotes_of(text))
