"""Quote extraction: rule tables (positive and negative), invariants and linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.model import Quote
from flows.quotes import extract_quotes
from flows.segment import split_sentences


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(text, split_sentences(text))


def check_spans(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        for span in (q.content, q.cue, q.mention):
            if span is not None:
                assert span.text == text[span.start : span.end]
        assert 0.0 <= q.confidence <= 1.0
        assert q.rule


# (text, type, content, cue, mention) of the single quotation expected.
SINGLE = [
    (
        'Lina Shamy, an activist in the city, tweeted: "Assad broke the ceasefire again today."',
        "direct",
        '"Assad broke the ceasefire again today."',
        "tweeted",
        "Lina Shamy",
    ),
    ('"It is over for all of us now," he said.', "direct", '"It is over for all of us now,"', "said", "he"),
    (
        '"Nobody expected the vote to pass," said Maria Lopez, a senator.',
        "direct",
        '"Nobody expected the vote to pass,"',
        "said",
        "Maria Lopez",
    ),
    (
        "\u2018We are devastated by the news,\u2019 said Mrs Smith.",
        "direct",
        "\u2018We are devastated by the news,\u2019",
        "said",
        "Mrs Smith",
    ),
    (
        "\u201cThe talks are finished,\u201d the minister told reporters on Monday.",
        "direct",
        "\u201cThe talks are finished,\u201d",
        "told",
        "the minister",
    ),
    (
        "The minister said that the talks had failed.",
        "indirect",
        "that the talks had failed",
        "said",
        "The minister",
    ),
    (
        "Officials told reporters the border would stay closed until March.",
        "indirect",
        "the border would stay closed until March",
        "told",
        "Officials",
    ),
    (
        "Turkey accused the regime of breaking the truce.",
        "indirect",
        "the regime of breaking the truce",
        "accused",
        "Turkey",
    ),
    (
        "According to the UN, about 50,000 civilians are still trapped.",
        "indirect",
        "about 50,000 civilians are still trapped",
        "According to",
        "the UN",
    ),
    (
        "The economy will recover next year, the central bank said.",
        "indirect",
        "The economy will recover next year",
        "said",
        "the central bank",
    ),
    (
        "The economy will recover next year, said Janet Hill.",
        "indirect",
        "The economy will recover next year",
        "said",
        "Janet Hill",
    ),
    (
        'Smith said the plan was "dead on arrival."',
        "mixed",
        'the plan was "dead on arrival."',
        "said",
        "Smith",
    ),
    (
        "Kareem, who has worked with CNN in the past, said rebels are ready to surrender.",
        "indirect",
        "rebels are ready to surrender",
        "said",
        "Kareem",
    ),
    (
        "Her mother, Fatemah, tweeted that the bombing had started again.",
        "indirect",
        "that the bombing had started again",
        "tweeted",
        "Fatemah",
    ),
    (
        "Turkish President Recep Tayyip Erdogan on Wednesday accused the regime of breaking the truce.",
        "indirect",
        "the regime of breaking the truce",
        "accused",
        "Turkish President Recep Tayyip Erdogan",
    ),
    (
        "Critics warned the bill would raise prices, and lawmakers denied it.",
        "indirect",
        "the bill would raise prices, and lawmakers denied it",
        "warned",
        "Critics",
    ),
]


# Further rules: (text, rule, content, cue, mention) of the first quotation.
RULES = [
    (
        "Though the transition was smooth, he said, replacing her would be much harder.",
        "parenthetical",
        "Though the transition was smooth",
        "said",
        "he",
    ),
    (
        "Clinton: I support statehood for the district.",
        "name_colon",
        "I support statehood for the district",
        ":",
        "Clinton",
    ),
    (
        "The company took steps to improve its chances in court, according to the union.",
        "according_to",
        "The company took steps to improve its chances in court",
        "according to",
        "the union",
    ),
    (
        "Trump's claim that the election was rigged drew criticism.",
        "claim_noun",
        "that the election was rigged drew criticism",
        "claim",
        "Trump",
    ),
    (
        'Her mother, Fatemah, tweeted from the account on Wednesday.\n"Dear world, why are you so silent?"',
        "intro_previous_paragraph",
        '"Dear world, why are you so silent?"',
        "tweeted",
        "Fatemah",
    ),
    (
        'Cruz continued:\n"The questions asked in this debate illustrate why people do not trust the media."',
        "colon_previous_paragraph",
        '"The questions asked in this debate illustrate why people do not trust the media."',
        "continued",
        "Cruz",
    ),
    (
        "\u201cWe can build a wall around him.\u201d \u2015 Steve Quinlan",
        "direct_dash_signature",
        "\u201cWe can build a wall around him.\u201d",
        "\u2015",
        "Steve Quinlan",
    ),
    (
        "Said Ellis: \u201cI don't get the sense she is the least bit interested in reform.\u201d",
        "direct_preposed_inverted",
        "\u201cI don't get the sense she is the least bit interested in reform.\u201d",
        "Said",
        "Ellis",
    ),
    (
        "Trump revised his plan, promising to focus its benefits on average Americans.",
        "participle",
        "to focus its benefits on average Americans",
        "promising",
        "Trump",
    ),
]


@pytest.mark.parametrize(("text", "rule", "content", "cue", "mention"), RULES)
def test_rules(text: str, rule: str, content: str, cue: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next((q for q in quotes if q.rule == rule), None)
    assert q is not None, [q.rule for q in quotes]
    assert q.content.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.mention is not None and q.mention.text == mention


@pytest.mark.parametrize(("text", "qtype", "content", "cue", "mention"), SINGLE)
def test_single_quote(text: str, qtype: str, content: str, cue: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert quotes, "no quote found"
    q = quotes[0]
    assert (q.type, q.content.text) == (qtype, content)
    assert q.cue is not None and q.cue.text == cue
    assert q.mention is not None and q.mention.text == mention


NO_QUOTE = [
    'Burton thinks that cats are "cuties".',
    'The so-called "deal" collapsed within hours.',
    'She watched "The Godfather" again last night.',
    "The United States and Canada signed the treaty.",
    "The said report was never published.",
    "",
    "   \n  \n",
    '"',
    "\u201c\u201c\u201c",
]


@pytest.mark.parametrize("text", NO_QUOTE)
def test_no_quote(text: str) -> None:
    assert quotes_of(text) == []


def test_split_quote_shares_cue_mention_and_group() -> None:
    text = '"We tried everything," she said, "but nobody listened to us."'
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [q.content.text for q in quotes] == ['"We tried everything,"', '"but nobody listened to us."']
    assert len({(q.cue, q.mention, q.group) for q in quotes}) == 1
    assert quotes[0].mention is not None and quotes[0].mention.text == "she"


def test_second_sentence_after_attribution_joins_the_quote() -> None:
    text = '"He better live," she said. "I swear he better live."'
    quotes = quotes_of(text)
    assert len(quotes) == 2 and quotes[0].group == quotes[1].group


def test_question_then_attribution() -> None:
    text = "\u201cDoes anybody know the platform?\u201d Graham asked. \u201cNeither do I.\u201d"
    quotes = quotes_of(text)
    assert quotes and quotes[0].mention is not None and quotes[0].mention.text == "Graham"


def test_quote_spanning_paragraphs_is_one_part() -> None:
    text = (
        "The senator said:\n"
        '"The first part of the speech goes on and on about the budget.\n'
        '"The second part ends the speech here."\n'
        "Then she left."
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert len(quotes) == 1
    assert quotes[0].content.text.startswith('"The first part') and quotes[0].content.text.endswith('here."')
    assert quotes[0].mention is not None and quotes[0].mention.text == "The senator"


def test_floating_quote_continues_previous_speaker() -> None:
    text = (
        '"We will win this election," Jones said.\n'
        '"There is no doubt about it, and we will keep going until the very end."'
    )
    quotes = quotes_of(text)
    assert [q.rule for q in quotes] == ["direct_postposed", "floating_continuation"]
    # No cue of its own; it rests on the previous quote's mention (the speaker it continues).
    assert quotes[1].cue is None and quotes[1].mention == quotes[0].mention


def test_speech_verb_without_content_introduces_next_paragraph() -> None:
    text = 'Her mother, Fatemah, tweeted from the account on Wednesday.\n"Dear world, why are you silent?"'
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].mention is not None and quotes[0].mention.text == "Fatemah"


def test_unbalanced_mark_never_swallows_the_article() -> None:
    text = 'He said "this quote never closes and goes on.\nThe next paragraph is plain news text about other things.'
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert all("\n" not in q.content.text for q in quotes)


def test_nested_quote_stays_inside_outer_quote() -> None:
    text = "\u201cThey called it \u2018a miracle\u2019 on television,\u201d she said."
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].content.text == "\u201cThey called it \u2018a miracle\u2019 on television,\u201d"


@pytest.mark.parametrize(
    "text",
    [
        '"' * 10_000,
        'x "y ' * 10_000,
        "\u201cab\u201d " * 5_000,
        "\u2018a \u2019" * 5_000,
        'He said "a" ' * 3_000,
        "Smith said that " * 5_000,
    ],
)
def test_linear_time_on_pathological_paragraphs(text: str) -> None:
    t0 = time.perf_counter()
    quotes = quotes_of(text)
    assert time.perf_counter() - t0 < 3.0
    check_spans(text, quotes)


PIECES = [*"ab Ce.,\"'\u201c\u201d\u2018\u2019\n:", "said ", "He ", "told ", "Smith ", "according to "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_spans_slice_back_on_any_text(text: str) -> None:
    check_spans(text, quotes_of(text))
