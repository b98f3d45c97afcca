"""Quote extraction: rule tables (positive and negative), invariants and linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.extract.model import Quote
from quotewire.extract.quotes import extract_quotes
from quotewire.extract.quotes.lexicons import CueLexicon
from quotewire.extract.segment import split_sentences


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(text, split_sentences(text))


def quote_with(text: str, content: str) -> Quote:
    """The quote of ``text`` whose content is ``content`` (all spans checked on the way)."""
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next((q for q in quotes if q.content.text == content), None)
    assert q is not None, [(q.rule, q.content.text) for q in quotes]
    return q


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


# Rules added for recall; each with sentences written for the table (not from any corpus).
MORE_RULES = [
    (
        "Dana Kim, 34, a nurse from Ohio, said the clinic had closed early.",
        "say_clause",
        "the clinic had closed early",
        "said",
        "Dana Kim",
    ),
    (
        "Mayor Ann Lee of Leeds, the No. 1 critic of the plan, said the road would never be built.",
        "say_clause",
        "the road would never be built",
        "said",
        "Mayor Ann Lee of Leeds",
    ),
    (
        "Farmers and U.S. officials, however, said the harvest was late.",
        "say_clause",
        "the harvest was late",
        "said",
        "Farmers and U.S. officials",
    ),
    (
        "Jones however said the bridge would reopen in May.",
        "say_clause",
        "the bridge would reopen in May",
        "said",
        "Jones",
    ),
    (
        "The agency said about half of the money was spent.",
        "say_clause",
        "about half of the money was spent",
        "said",
        "The agency",
    ),
    (
        'Reyes is noting the "sort of trouble" the team had at home.',
        "say_clause",
        'the "sort of trouble" the team had at home',
        "noting",
        "Reyes",
    ),
    (
        "Baker criticized Lee's travel plan as wasteful.",
        "accuse_object",
        "Lee's travel plan as wasteful",
        "criticized",
        "Baker",
    ),
    (
        "''We hear it every day, 'this is a special case,''' Mr. Petrov said.",
        "direct_postposed",
        "''We hear it every day, 'this is a special case,'''",
        "said",
        "Mr. Petrov",
    ),
    (
        "''It was luck,'' Paul Ford Jr., the head of the local school board, said on Monday.",
        "direct_postposed",
        "''It was luck,''",
        "said",
        "Paul Ford Jr",
    ),
    (
        '"We will be back," the coach, Mia Hart, told the local paper.',
        "direct_postposed",
        '"We will be back,"',
        "told",
        "Mia Hart",
    ),
    (
        "The team had lost twice in a row, a club spokesman told The Daily Planet.",
        "postposed",
        "The team had lost twice in a row",
        "told",
        "a club spokesman",
    ),
    (
        "Turnout rose, with 40 percent saying they trust the council.",
        "say_clause",
        "they trust the council",
        "saying",
        "40 percent",
    ),
    (
        "Mayor Diaz is congratulating the winners of the race.",
        "accuse_object",
        "the winners of the race",
        "congratulating",
        "Mayor Diaz",
    ),
    (
        "Nolan endorsed Perez last week and has raised money for him.",
        "accuse_object",
        "Perez",
        "endorsed",
        "Nolan",
    ),
    (
        "Grant is backing Ortiz because he trusts her judgment.",
        "accuse_object",
        "Ortiz",
        "backing",
        "Grant",
    ),
    (
        "Polls show the race is tied.",
        "say_clause",
        "the race is tied",
        "show",
        "Polls",
    ),
    (
        "Dr. Ada Kent: The new clinic will open in June.",
        "name_colon",
        "The new clinic will open in June",
        ":",
        "Dr. Ada Kent",
    ),
    (
        "EXCLUSIVE \u2013 Ada Kent: The new clinic will open in June.",
        "name_colon",
        "The new clinic will open in June",
        ":",
        "Ada Kent",
    ),
    (
        "In addition, according to the ministry, nearly two million homes lack power.",
        "according_to",
        "nearly two million homes lack power",
        "according to",
        "the ministry",
    ),
    (
        "The ferry was running late, according to early harbour records.",
        "according_to",
        "The ferry was running late",
        "according to",
        "early harbour records",
    ),
    (
        'Okafor said "it makes me angry" every time the bus is late.',
        "say_clause",
        '"it makes me angry" every time the bus is late',
        "said",
        "Okafor",
    ),
]


@pytest.mark.parametrize(("text", "rule", "content", "cue", "mention"), MORE_RULES)
def test_more_rules(text: str, rule: str, content: str, cue: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next((q for q in quotes if q.rule == rule), None)
    assert q is not None, [q.rule for q in quotes]
    assert q.content.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.mention is not None and q.mention.text == mention


@pytest.mark.parametrize(
    ("text", "parts", "mention"),
    [
        ("The new fees, which officials said will start in spring, were not popular.", ["which", "will start in spring"], "officials"),
        ("Shops sold what the owner said was the best bread in town.", ["what", "was the best bread in town"], "the owner"),
        ("It is a trade that many farmers say is dying out.", ["that", "is dying out"], "many farmers"),
    ],
)
def test_relative_said_content_has_two_parts(text: str, parts: list[str], mention: str) -> None:
    quotes = quotes_of(text)
    assert [q.content.text for q in quotes] == parts
    assert {q.rule for q in quotes} == {"relative_said"}
    assert len({q.group for q in quotes}) == 1
    assert quotes[0].mention is not None and quotes[0].mention.text == mention


def test_outer_attribution_wins_over_nested_one() -> None:
    text = "Lopez says she is tied for first place, in a race that she said surprised everyone."
    quotes = quotes_of(text)
    assert quotes and quotes[0].cue is not None and quotes[0].cue.text == "says"
    assert quotes[0].content.text.startswith("she is tied for first place")


def test_quote_with_its_own_cue_is_not_pulled_into_next_sentence() -> None:
    text = 'Gov. Ross called the plan "reckless." Sen. Ann Park called the plan "a disgrace."'
    quotes = quotes_of(text)
    by_content = {q.content.text: q for q in quotes}
    first = next(q for c, q in by_content.items() if "reckless" in c)
    assert first.mention is not None and first.mention.text == "Gov. Ross"


def test_nyt_title_is_not_a_second_quote_part() -> None:
    quotes = quotes_of("''It was luck,'' the coach, Mia Hart, told the show ''Good Morning Town'' later.")
    assert [q.content.text for q in quotes] == ["''It was luck,''"]


MORE_NO_QUOTE = [
    "Everything the mayor says is a lie.",
    "His comments came late on Friday.",
]


@pytest.mark.parametrize("text", MORE_NO_QUOTE)
def test_more_no_quote(text: str) -> None:
    assert quotes_of(text) == []


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
    'The so-called "deal" collapsed within hours.',
    'She watched "The Godfather" again last night.',
    "The United States and Canada met in Ottawa on Monday.",  # "States" is no cue
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


def test_according_to_inside_the_content_splits_it() -> None:
    quotes = quotes_of("The plan, according to two aides, was dropped in March.")
    assert [q.content.text for q in quotes] == ["The plan", "was dropped in March"]
    assert {q.rule for q in quotes} == {"according_to"}


def test_according_to_after_a_clause_is_not_an_intro() -> None:
    quotes = quotes_of("Taxes are too high, according to Moreno, because of waste.")
    assert quotes and quotes[0].content.text == "Taxes are too high"


@pytest.mark.parametrize(
    ("text", "rule", "content", "cue", "mention"),
    [
        ("Ms. Lund made clear that the school would stay open.", "say_that", "that the school would stay open", "made clear", "Ms. Lund"),
        ("The coach told fans he would stay another year.", "tell_clause", "he would stay another year", "told", "The coach"),
        ("The council's claim that the park was closed surprised few.", "claim_noun", "that the park was closed surprised few", "claim", "The council"),
    ],
)
def test_phrase_cues(text: str, rule: str, content: str, cue: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next((q for q in quotes if q.rule == rule), None)
    assert q is not None, [q.rule for q in quotes]
    assert (q.content.text, q.cue and q.cue.text, q.mention and q.mention.text) == (content, cue, mention)


@pytest.mark.parametrize("text", ["She made clear her plans for the summer.", "The rules were made clear to everyone."])
def test_made_clear_needs_a_that_clause(text: str) -> None:
    assert all(q.cue is None or q.cue.text != "made clear" for q in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "content", "cue", "mention"),
    [
        ('"Get out of my office," Mr. Vance barked.', '"Get out of my office,"', "barked", "Mr. Vance"),
        ('"Is that all?" she wondered.', '"Is that all?"', "wondered", "she"),
        (
            'Then the club captain retorted: "We have never lost a final at home."',
            '"We have never lost a final at home."',
            ":",
            "the club captain",
        ),
        (
            'She then thanked the volunteers again:\n"Without you none of this would have been possible."',
            '"Without you none of this would have been possible."',
            ":",
            "She",
        ),
    ],
)
def test_quotes_after_unlisted_verbs(text: str, content: str, cue: str, mention: str) -> None:
    q = quote_with(text, content)
    assert q.cue is not None and q.cue.text == cue
    assert q.mention is not None and q.mention.text == mention


@pytest.mark.parametrize(
    "text",
    [
        'The latest news: "there is a storm coming over the hills."',
        'Here is the list: "bread, milk, eggs and butter."',
        '"Get out," it seemed.',
    ],
)
def test_colons_and_verbs_without_a_speaker(text: str) -> None:
    assert all(q.mention is None or q.mention.text not in ("The", "Here", "it") for q in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('\u201cThey told us "never again" and left,\u201d she said.', '\u201cThey told us "never again" and left,\u201d'),
        ("\u201cWe were not ready\u201c at all, the coach said.", "\u201cWe were not ready\u201c at all"),
    ],
)
def test_nested_and_miscurled_marks_pair_whole(text: str, content: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert quotes and quotes[0].content.text == content


def test_reported_clause_ends_at_a_comma_inside_the_quote() -> None:
    text = 'Ruiz said that the team is "the best in the league," adding that the coach deserves credit.'
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.rule, q.content.text) for q in quotes] == [
        ("say_that", 'that the team is "the best in the league,"'),
        ("participle", "that the coach deserves credit"),
    ]
    assert quotes[1].mention is not None and quotes[1].mention.text == "Ruiz"


def test_verb_list_shares_the_earlier_subject() -> None:
    text = 'Mr. Olsen suggested the budget was too small, called it "a joke" and walked out.'
    quotes = quotes_of(text)
    q = next(q for q in quotes if q.rule == "coordinated_list")
    assert q.content.text == 'it "a joke"'
    assert q.mention is not None and q.mention.text == "Mr. Olsen"


def test_comma_verb_without_an_earlier_cue_is_no_quote() -> None:
    assert quotes_of('The old mill, renovated in spring, opened "to great applause" again.') == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked whether the bridge would reopen, the engineer shrugged.", "whether the bridge would reopen"),
        ("Asked on local radio why prices rose, Ms. Hale blamed the weather.", "why prices rose"),
        ("He laughed when asked how long the strike would last.", "how long the strike would last"),
    ],
)
def test_asked_question_has_no_source(text: str, content: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next(q for q in quotes if q.rule == "asked_question")
    assert q.content.text == content and q.mention is None


def test_asked_to_is_not_a_question() -> None:
    assert all(q.rule != "asked_question" for q in quotes_of("Asked to leave the hall, the fans refused."))


def test_participle_after_a_determiner_subject() -> None:
    quotes = quotes_of('The club owner, calling the offer "an insult," hung up.')
    assert quotes and quotes[0].mention is not None and quotes[0].mention.text == "The club owner"


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("Of the members polled, 57 said the fee was too high.", "the fee was too high", "57"),
        ("Nearly four in 10 said they would move abroad.", "they would move abroad", "Nearly four in 10"),
        ("One shop sells bread, while another says the bakery is closing.", "the bakery is closing", "another"),
        ("Rents will keep rising, housing experts say; in 2020 they fell.", "Rents will keep rising", "housing experts"),
        (
            "Clinton\u2019s team says she\u2019ll continue her march toward Election Day later this week.",
            "she\u2019ll continue her march toward Election Day later this week",
            "Clinton\u2019s team",
        ),
        ("The city council said the budget would be cut.", "the budget would be cut", "The city council"),
        (
            "Trump avoids condemning Russia\u2019s invasion of Ukraine, including its annexation of Crimea.",
            "Russia\u2019s invasion of Ukraine",
            "Trump",
        ),
        ("She kept criticizing the deal for weeks.", "the deal for weeks", "She"),
        (
            "Ham went on to explain how cuts to military spending left his hands tied.",
            "how cuts to military spending left his hands tied",
            "Ham",
        ),
        (
            "Humphrey, who calls Trump a \u201csociopath,\u201d said he doesn\u2019t believe the effort needs an alternative.",
            "he doesn\u2019t believe the effort needs an alternative",
            "Humphrey",
        ),
        (
            "Such tactics would be unusual, but security specialists say it is a realistic extension of them.",
            "it is a realistic extension of them",
            "security specialists",
        ),
        (
            "The priority is whether she can play someone voters trust, people close to Clinton say.",
            "The priority is whether she can play someone voters trust",
            "people close to Clinton",
        ),
        (
            "Sen. Jack Reed (D-R.I.) said after a lunch on Tuesday that he had not read the plan.",
            "that he had not read the plan",
            "Sen. Jack Reed",
        ),
    ],
)
def test_speaker_mention_before_the_cue(text: str, content: str, mention: str) -> None:
    # Counted groups, semicolons, organisations, catenatives, wh-clauses, appositives holding a
    # quotation, bare plurals of people, "people close to X", adjuncts before a that-clause.
    q = quote_with(text, content)
    assert q.mention is not None and q.mention.text == mention


def test_bare_quantity_word_is_no_speaker() -> None:
    assert all(q.mention is None or q.mention.text != "Most" for q in quotes_of("Most said no to the plan."))


def test_quote_paragraph_after_indirect_attribution_continues_its_speaker() -> None:
    text = (
        "Mayor Ruth Akers said the bridge would be rebuilt by the end of the year.\n"
        '"We owe it to every family that crosses the river each morning to get this right."'
    )
    quotes = quotes_of(text)
    assert [q.rule for q in quotes] == ["say_clause", "floating_continuation"]
    assert quotes[1].cue is None and quotes[1].mention == quotes[0].mention


# Recall fallback for quoted fragments no other rule attributes: (text, content, cue, mention).
@pytest.mark.parametrize(
    ("text", "content", "cue", "mention"),
    [
        (
            'The council member fretted about the "hidden costs" that residents would face.',
            'the "hidden costs" that residents would face',
            "fretted",
            "The council member",
        ),
        (
            'Ms. Reyes berated the board for its "careless habits" in a long letter.',
            'the board for its "careless habits" in a long letter',
            "berated",
            "Ms. Reyes",
        ),
    ],
)
def test_fallback_mixed_quote(text: str, content: str, cue: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.type, q.rule, q.content.text) for q in quotes] == [("mixed", "fallback_mixed", content)]
    assert quotes[0].cue is not None and quotes[0].cue.text == cue
    assert quotes[0].mention is not None and quotes[0].mention.text == mention


@pytest.mark.parametrize(
    "text",
    [
        'Burton believed the plan was "a joke".',  # a belief, not a quotation
        'Smith knows the "experts" are wrong.',  # an unlisted present-tense verb: no cue
        'The town hall sits next to the so called "museum" of old tractors.',  # scare quote
        'The kids watched "Winter Harbor Lights" on Sunday.',  # a title
        'Fans loved the show "Mornings" at the fair.',  # a cue word after a determiner is a noun
    ],
)
def test_fallback_mixed_negatives(text: str) -> None:
    assert [q.rule for q in quotes_of(text) if q.rule == "fallback_mixed"] == []


@pytest.mark.parametrize(
    "tail",
    [
        "Ms. Cole said in response to a question from a pupil.",
        "Ms. Cole said in a statement on Monday.",
        "Ms. Cole told the radio program \u201cMornings\u201d on Monday.",
    ],
)
def test_quote_after_a_long_attribution_sentence_continues(tail: str) -> None:
    text = f'"We will rebuild," {tail} "The school is our home."'
    quotes = quotes_of(text)
    assert [q.content.text for q in quotes] == ['"We will rebuild,"', '"The school is our home."']
    assert len({q.group for q in quotes}) == 1


def test_same_speakers_participle_in_the_gap_keeps_the_continuation() -> None:
    # The participle is Ms. Cole's own report; the quotation after the full stop is still hers
    # (PolNeAR joins both quotation parts into one attribution), and the participle stays too.
    text = '"We will rebuild," Ms. Cole said, suggesting that the town would pay. "The school is our home."'
    quotes = quotes_of(text)
    assert sorted((q.rule, q.content.text) for q in quotes) == [
        ("direct_postposed", '"The school is our home."'),
        ("direct_postposed", '"We will rebuild,"'),
        ("participle", "that the town would pay"),
    ]
    first, second = (q for q in quotes if q.rule == "direct_postposed")
    assert first.group == second.group


def test_participle_taking_the_quote_as_its_complement_is_a_report_of_its_own() -> None:
    text = '"We will rebuild," Ms. Cole said, adding later, "The school is our home."'
    quotes = quotes_of(text)
    assert len({q.group for q in quotes}) == 2


def test_finite_cue_in_the_gap_stops_the_continuation() -> None:
    text = '"We will rebuild," Ms. Cole said, and the mayor said the town would pay. "The school is our home."'
    quotes = quotes_of(text)
    cole = next(q for q in quotes if q.content.text == '"We will rebuild,"')
    assert not any("school" in q.content.text and q.group == cole.group for q in quotes)


def test_comma_inside_closing_mark_coordinates_the_next_participle() -> None:
    text = "The coach has hailed the win as \u201chistoric,\u201d adding that it was \u201ca night to remember.\u201d"
    quotes = quotes_of(text)
    assert [(q.rule, q.content.text) for q in quotes] == [
        ("accuse_object", "the win as \u201chistoric,\u201d"),
        ("participle", "that it was \u201ca night to remember.\u201d"),
    ]


def test_coordinated_participle_with_that_clause() -> None:
    text = "Jones met the press, calling the game \u201ca mess\u201d and asserting that the referees were \u201casleep.\u201d"
    quotes = quotes_of(text)
    q = next(q for q in quotes if q.cue is not None and q.cue.text == "asserting")
    assert q.content.text == "that the referees were \u201casleep.\u201d"
    assert q.mention is not None and q.mention.text == "Jones"
    assert [q.rule for q in quotes_of("She met with the mayor and saying hello was hard.")] == []


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Ms. Park refers to the new road as \u201ca gift to commuters.\u201d", "the new road as \u201ca gift to commuters.\u201d", "refers to"),
        ("The judge characterized the appeal as \u201cthin at best.\u201d", "the appeal as \u201cthin at best.\u201d", "characterized"),
    ],
)
def test_as_complement_cues(text: str, content: str, cue: str) -> None:
    quotes = quotes_of(text)
    assert [(q.type, q.content.text) for q in quotes] == [("mixed", content)]
    assert quotes[0].cue is not None and quotes[0].cue.text == cue


def test_fallback_name_colon_inside_a_sentence() -> None:
    text = (
        "The board met twice in May, and the chair had one more word for staff, Jane Roe: "
        '"We will not pay for the new bridge this year."'
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.type, q.rule) for q in quotes] == [("direct", "fallback_mixed")]
    assert quotes[0].content.text == '"We will not pay for the new bridge this year."'
    assert quotes[0].cue is not None and quotes[0].cue.text == ":"
    assert quotes[0].mention is not None and quotes[0].mention.text == "Jane Roe"
    # A lower-case word before the colon, or a short quoted phrase, is no attribution.
    assert quotes_of('Note the menu - soup: "a cold bowl with beans and corn".') == []
    assert quotes_of('The board met in May, and the chair had a word for staff, Jane Roe: "No way."') == []


@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        ("\u201cThe bridge stays shut,\u201d an angry Lopez snapped.", "an angry Lopez", "snapped"),
        ("\u201cWe called him before he left,\u201d his cousin Tom el Amin added.", "his cousin Tom el Amin", "added"),
    ],
)
def test_fallback_postposed_quote(text: str, mention: str, cue: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.type, q.rule) for q in quotes] == [("direct", "fallback_mixed")]
    assert quotes[0].cue is not None and quotes[0].cue.text == cue
    assert quotes[0].mention is not None and quotes[0].mention.text == mention


@pytest.mark.parametrize(
    "text",
    [
        "\u201cThe bridge stays shut,\u201d Lopez believed.",  # a belief
        "\u201cThe bridge stays shut,\u201d the sign and the banner stood in the square.",  # no verb form
        "\u201cThe bridge stays shut\u201d was printed on the sign.",  # no comma: a name, not a quote
    ],
)
def test_fallback_postposed_negatives(text: str) -> None:
    assert [q.rule for q in quotes_of(text) if q.rule == "fallback_mixed"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("She also referenced the \u201cDelta rule,\u201d a flaw in the law that let him buy a gun.", "the \u201cDelta rule,\u201d"),
        ("Smith called the mayor \u201ca fraud,\u201d which is what his rivals say.", "the mayor \u201ca fraud,\u201d"),
    ],
)
def test_writer_addon_after_a_quoted_characterisation_is_cut(text: str, content: str) -> None:
    assert [q.content.text for q in quotes_of(text)] == [content]


def test_reason_after_a_quoted_characterisation_stays() -> None:
    text = 'Ruiz said that the team is "the best in the league," because the coach is good.'
    assert [q.content.text for q in quotes_of(text)] == ['that the team is "the best in the league," because the coach is good']


@pytest.mark.parametrize(
    ("text", "rule", "content"),
    [
        (
            "Soon after the ferry was delayed at the dock in Tampa, Ruiz wrote to his readers, "
            "\u201cWe are stuck here until noon,\u201d and went home.",
            "direct_preposed",
            "\u201cWe are stuck here until noon,\u201d",
        ),
        (
            "And in a turn that surprised his aides, Mr. Ruiz pledged to oppose the bill \u201cat every single step.\u201d",
            "say_clause",
            "to oppose the bill \u201cat every single step.\u201d",
        ),
    ],
)
def test_opening_adjunct_is_not_a_postposed_content(text: str, rule: str, content: str) -> None:
    assert [(q.rule, q.content.text) for q in quotes_of(text)] == [(rule, content)]


@pytest.mark.parametrize("tail", ["said to reporters.", "said to voters in Ohio.", "said to me.", "said on Monday."])
def test_postposed_with_an_addressee_stays_postposed(tail: str) -> None:
    quotes = quotes_of(f"The plan will fail, Ruiz {tail}")
    assert [(q.rule, q.content.text) for q in quotes] == [("postposed", "The plan will fail")]


def test_fallback_participle_takes_the_clause_speaker() -> None:
    text = 'Ms. Cole spoke for an hour, cautioning about the "hidden costs" that residents would face.'
    q = next(q for q in quotes_of(text) if q.rule == "fallback_mixed")
    assert q.content.text == 'the "hidden costs" that residents would face'
    assert q.cue is not None and q.cue.text == "cautioning"
    assert q.mention is not None and q.mention.text == "Ms. Cole"


# Utterance verbs, long preposed adjuncts, object-taking verbs after a quote, "as" labels.
SESSION2_RULES = [
    (
        "The crowd chanted \u201cLock her up!\u201d as the governor spoke.",
        "direct_preposed", "\u201cLock her up!\u201d", "chanted", "The crowd",
    ),
    (
        "The congressman yelled \u201cYou lie!\u201d at the president during the address.",
        "direct_preposed", "\u201cYou lie!\u201d", "yelled", "The congressman",
    ),
    (
        "Clinton said on Twitter on Monday, in reference to her first child, \u201cNext summer, Charlotte is"
        " going to be a big sister!\u201d",
        "direct_preposed",
        "\u201cNext summer, Charlotte is going to be a big sister!\u201d",
        "said",
        "Clinton",
    ),
    (
        "\u201cYou have called women fat pigs and slobs,\u201d Kelly charged in her opening question.",
        "direct_postposed", "\u201cYou have called women fat pigs and slobs,\u201d", "charged", "Kelly",
    ),
    (
        "Trump openly admires Russian President Vladimir Putin as a \u201cstrong leader,\u201d comparing him to Obama.",
        "as_label", "Russian President Vladimir Putin as a \u201cstrong leader,\u201d", "admires", "Trump",
    ),
    (
        "In recent weeks, Reid has gone after Trump as a \u201chuman leech who will bleed the country.\u201d",
        "as_label", "Trump as a \u201chuman leech who will bleed the country.\u201d", "gone after", "Reid",
    ),
    (
        'The main test of the program is a "lawful source of income," as a Homeland Security memo put it.',
        "as_parenthetical", 'The main test of the program is a "lawful source of income,"', "put it",
        "a Homeland Security memo",
    ),
    (
        "At the town hall meeting in Hudson, the club captain retorted: \u201cThere is a special place in hell"
        " for quitters.\u201d",
        "colon_intro", "\u201cThere is a special place in hell for quitters.\u201d", ":", "the club captain",
    ),
    (
        "More from the report: \u201cSamples with longer field periods produced more accurate results.\u201d",
        "from_colon", "\u201cSamples with longer field periods produced more accurate results.\u201d", ":",
        "the report",
    ),
    (
        "As the mayor said on Monday, the city will not back down.",
        "as_parenthetical", "the city will not back down", "said", "the mayor",
    ),
    (
        "He has been seen, as The New Yorker put it in a long profile, \u201cthe operator.\u201d",
        "as_parenthetical", "\u201cthe operator.\u201d", "put it", "The New Yorker",
    ),
]


@pytest.mark.parametrize(("text", "rule", "content", "cue", "mention"), SESSION2_RULES)
def test_utterance_adjunct_and_label_rules(text: str, rule: str, content: str, cue: str, mention: str) -> None:
    q = quote_with(text, content)
    assert q.rule == rule
    assert q.cue is not None and q.cue.text == cue
    assert q.mention is not None and q.mention.text == mention


@pytest.mark.parametrize(
    "text",
    [
        # A label after a passive or a copula has no speaker in the sentence.
        "The proposal was seen as a \u201clifeboat\u201d by nobody in particular.",
        "He is known as \u201cthe Donald\u201d in New York.",
        # "as" after a plain noun phrase with no verb before it.
        "Such a plan as \u201cthe grand bargain\u201d never came to a vote.",
        # "as well as", "such ... as": no parenthetical attribution.
        "It was a good year for the firm, as well as a profitable one, the report said nothing else.",
        "Such leaders as Obama said little about it.",
        # Mid-sentence with no quotation after it: not clearly the clause's source.
        "The council, as the mayor said, will vote on the budget next week.",
    ],
)
def test_as_label_needs_a_verb_and_subject(text: str) -> None:
    assert [q for q in quotes_of(text) if q.rule in ("as_label", "as_parenthetical")] == []


def test_participle_after_a_postposed_cue_is_not_the_content_resuming() -> None:
    text = "The plan is a disgrace, Hollande said on Tuesday in Paris, noting the nominee\u2019s remarks."
    quotes = quotes_of(text)
    said = [q for q in quotes if q.cue is not None and q.cue.text == "said"]
    assert [q.content.text for q in said] == ["The plan is a disgrace"]
    noting = [q for q in quotes if q.cue is not None and q.cue.text == "noting"]
    assert noting and noting[0].mention is not None and noting[0].mention.text == "Hollande"


def test_colon_intro_with_a_long_adjunct_after_the_cue() -> None:
    text = (
        "Budget talks\n\nThe finance committee said about its inclusion of the new levy in the latest draft"
        " of its spending plan for next year:\n\n\u201cThe levy goes further than any earlier plan on housing"
        " and it will be paid by the largest landlords.\u201d\n"
    )
    quotes = quotes_of(text)
    q = next(q for q in quotes if q.content.text.startswith("\u201cThe levy"))
    assert q.mention is not None and q.mention.text == "The finance committee"
    assert q.cue is not None and q.cue.text == "said"


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention"),
    [
        ("Hunter has spoken about the need for tighter border control.", "spoken about",
         "the need for tighter border control", "Hunter"),
        ("Ted Cruz apologized for his campaign's suggestion that Carson was quitting.", "apologized for",
         "his campaign's suggestion that Carson was quitting", "Ted Cruz"),
        ("Sanders called for a political revolution to fix the economy.", "called for",
         "a political revolution to fix the economy", "Sanders"),
    ],
)
def test_verb_and_preposition_cues(text: str, cue: str, content: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.cue.text if q.cue else None, q.content.text, q.mention.text if q.mention else None) for q in quotes] == [
        (cue, content, mention)
    ]


@pytest.mark.parametrize(
    "text",
    ["She spoke at the rally on Monday.", "The senator lobbied in the capital all week.", "They campaigned in Ohio all week."],
)
def test_phrasal_verbs_need_their_preposition(text: str) -> None:
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("Cruz has said for weeks he is the only candidate who can beat Trump.",
         "he is the only candidate who can beat Trump", "Cruz"),
        ("Obama said in 2008 that the war was a mistake.", "that the war was a mistake", "Obama"),
        ("His chairman Paul Manafort said \u2014 on Twitter, as it happens \u2014 that they raised $4 million.",
         "that they raised $4 million", "His chairman Paul Manafort"),
        ("The mayor said, however, that the budget would not change.", "that the budget would not change", "The mayor"),
        ("In addition, Republican opponents have said that the server exposed secrets.",
         "that the server exposed secrets", "Republican opponents"),
    ],
)
def test_asides_between_cue_and_content(text: str, content: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [(q.content.text, q.mention.text if q.mention else None) for q in quotes] == [(content, mention)]


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention"),
    [
        ("Sanders has soared in the polls by saying that the system is rigged for the rich.", "saying",
         "that the system is rigged for the rich", "Sanders"),
        ("He went out of his way to say that the economy had hit bottom this year.", "say",
         "that the economy had hit bottom this year", "He"),
    ],
)
def test_speech_verbs_without_their_own_subject(text: str, cue: str, content: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next(q for q in quotes if q.cue is not None and q.cue.text == cue)
    assert q.content.text == content
    assert q.mention is not None and q.mention.text == mention


@pytest.mark.parametrize(
    "text", ["She stopped to say goodbye to the guests.", "He left without saying a word to anyone."]
)
def test_subjectless_speech_verb_needs_a_clause(text: str) -> None:
    assert [q for q in quotes_of(text) if q.rule == "say_no_subject"] == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The town released a statement Wednesday saying the mayor would resign.", "The town"),
        ("His office put out a statement saying the state cannot vet every refugee.", "His office"),
        ("The complaint, which was filed in federal court, alleged that the party failed to act.", "The complaint"),
        ("Despite challenging the leader, Cruz said he could work with him.", "Cruz"),
    ],
)
def test_speaker_behind_a_statement_relative_or_opening_phrase(text: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert mention in [q.mention.text for q in quotes if q.mention is not None]
    assert all(q.mention is None or q.mention.text not in ("a statement", "Despite") for q in quotes)


def test_quotation_after_a_postposed_indirect_attribution_continues_it() -> None:
    text = (
        "The city may delay the vote until the audit is done, Schiff said. \"The other factor is whether"
        " the council would look like it was tipping the scales.\""
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    said = [q for q in quotes if q.cue is not None and q.cue.text == "said"]
    assert len(said) == 2 and len({q.group for q in said}) == 1
    assert said[1].content.text.startswith('"The other factor')
    assert all(q.mention is not None and q.mention.text == "Schiff" for q in said)


def test_subordinate_clause_content_ends_before_the_main_clause() -> None:
    text = "When Clinton noted that Trump had paid no federal income tax, Trump boasted, \u201cThat makes me smart.\u201d"
    quotes = quotes_of(text)
    check_spans(text, quotes)
    by_cue = {q.cue.text: q for q in quotes if q.cue is not None}
    assert by_cue["noted"].content.text == "that Trump had paid no federal income tax"
    assert by_cue["boasted"].content.text == "\u201cThat makes me smart.\u201d"
    assert by_cue["boasted"].mention is not None and by_cue["boasted"].mention.text == "Trump"


def test_colon_intro_after_an_opening_participle_phrase() -> None:
    text = (
        "Worried about a lack of passion among young voters, President Obama is rolling out a new"
        ' campaign message: "It is about me."'
    )
    q = quote_with(text, '"It is about me."')
    assert q.mention is not None and q.mention.text == "President Obama"


def test_another_subject_ends_the_speakers_turn() -> None:
    text = (
        "\u201cYou winning?\u201d she said, but Kevin was drifting off again, and as the candidate went on"
        " about \u201chow the whole system is rigged against us,\u201d the room fell quiet."
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    said = next(q for q in quotes if q.cue is not None and q.cue.text == "said")
    assert all("rigged" not in q.content.text for q in quotes if q.group == said.group)


def test_participle_after_a_quote_is_not_an_inverted_cue() -> None:
    text = (
        "Donald Trump has delivered an impassioned defense of \u201cNew York values,\u201d saying the city embodied"
        " the \u201cbravery, heart and soul of America.\u201d"
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert all(q.mention is None or q.mention.text != "the city" for q in quotes)
    assert any(q.cue is not None and q.cue.text == "saying" and q.mention is not None
               and q.mention.text == "Donald Trump" for q in quotes)


# --- third session: boundaries and attributions found on PolNeAR train -----------------------


def test_mojibake_name_is_one_speaker_mention() -> None:
    # UTF-8 read as Latin-1 ("Fran\u00c3\u00a7ois"): the name must not break at the "\u00a7".
    text = '"Europe must defend itself," French President Fran\u00c3\u00a7ois Hollande said Friday.'
    q = quote_with(text, '"Europe must defend itself,"')
    assert q.mention is not None and q.mention.text.endswith("Fran\u00c3\u00a7ois Hollande")


def test_closing_mark_opening_a_paragraph_opens_the_quote() -> None:
    text = "\u201d \u2026 he delivered a mix of orthodoxy and rejoinders with polish,\u201d Barabak wrote."
    q = quote_with(text, text[: text.index("Barabak") - 1])
    assert q.cue is not None and q.cue.text == "wrote"


def test_quote_opened_mid_paragraph_runs_to_its_end_before_a_continuing_paragraph() -> None:
    text = (
        "\u201cOne I would describe as casual hate,\u201d Sexton said. \u201cTrump events are outlets for anger.\n"
        "\u201cThere\u2019s another side that is darker.\u201d\n"
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    part = quote_with(text, "\u201cTrump events are outlets for anger.")
    first = quote_with(text, "\u201cOne I would describe as casual hate,\u201d")
    assert part.group == first.group and part.mention is not None and part.mention.text == "Sexton"


def test_dangling_mark_without_a_continuing_paragraph_is_not_a_quote() -> None:
    # An unclosed mark whose next paragraph opens no quote is a typo: nothing is swallowed.
    text = "\u201cWe won,\u201d Sexton said. \u201cIt was close.\nThe vote was held on Monday in the town hall.\n"
    assert all("vote" not in q.content.text and "close" not in q.content.text for q in quotes_of(text))


def test_quotation_completing_the_writers_clause_is_a_mixed_quote() -> None:
    text = "Teachers who connect online are \u201cvery, very pro-Bernie,\u201d Kilfoyle said."
    q = quote_with(text, "Teachers who connect online are \u201cvery, very pro-Bernie,\u201d")
    assert q.type == "mixed" and q.mention is not None and q.mention.text == "Kilfoyle"


@pytest.mark.parametrize(
    "text",
    [
        'In a statement, "We are proud of the team," Smith said.',  # punctuation ends the lead-in
        'She called it "a disgrace," Smith said.',  # a cue in the lead-in: its own attribution
    ],
)
def test_lead_in_that_is_not_part_of_the_quotation(text: str) -> None:
    assert not any(q.content.start == 0 and q.rule == "direct_postposed" for q in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The BATs didn\u2019t endorse a candidate.", "The BATs"),
        ("Trump hasn't criticized Putin for the attack.", "Trump"),
        ("Smith doesn't support the plan.", "Smith"),
    ],
)
def test_contracted_negation_between_subject_and_cue(text: str, mention: str) -> None:
    quotes = quotes_of(text)
    assert [q.mention.text for q in quotes if q.mention] == [mention]


def test_fallback_phrase_stops_at_a_coordinated_cue() -> None:
    text = 'Cruz exhorted Republicans to "vote your conscience" and said he was standing on principle.'
    quote_with(text, 'Republicans to "vote your conscience"')
    said = quote_with(text, "he was standing on principle")
    assert said.mention is not None and said.mention.text == "Cruz"


@pytest.mark.parametrize("noun", ["the report", "a show", "their calls", "the shows"])
def test_cue_verb_form_after_an_article_is_a_noun(noun: str) -> None:
    text = f"Critics watched {noun} closely that the network aired on Monday."
    assert all(q.cue is None or q.cue.text != noun.split()[1] for q in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Jeb Bush says he\u2019s \u201cexcited where we stand\u201d as he faces a critical test in South Carolina.",
            "he\u2019s \u201cexcited where we stand\u201d",
        ),
        (
            "He held his fire on Carson, calling him a \u201cnice guy\u201d and he left Kasich alone at all.",
            "him a \u201cnice guy\u201d",
        ),
        (
            "She escalated her criticism, telling CNN that Trump is a \u201cfaker\u201d and questioning his taxes.",
            "that Trump is a \u201cfaker\u201d",
        ),
        (
            "Clinton supporters responded with chants of \u201cI\u2019m with her\u201d until Clinton herself spoke up.",
            "chants of \u201cI\u2019m with her\u201d",
        ),
    ],
)
def test_report_ends_at_the_quotation_when_the_writers_clause_follows(text: str, content: str | None) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    if content is not None:
        quote_with(text, content)
    # Nothing past the closing mark belongs to a report ending in a quotation.
    for q in quotes:
        assert not q.content.text.endswith(("South Carolina", "his taxes", "spoke up", "at all"))


def test_quotation_inside_a_report_keeps_its_continuation() -> None:
    # No new clause after the mark: "on Monday" is still the report's.
    text = "Smith said the plan was \u201cdead on arrival\u201d in the Senate on Monday."
    quote_with(text, "the plan was \u201cdead on arrival\u201d in the Senate on Monday")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Trump tried to laugh it off by interjecting, \u201cWe will see what happens next.\u201d", "Trump"),
        ("The email goes on to say: \u201cTrump wants to write racism into our law books.\u201d", "The email"),
        ("17-year-old Jared Potts echoed:\n\n\u201cHe speaks his mind, and that is what the country needs.\u201d", "17-year-old Jared Potts"),
    ],
)
def test_preposed_quote_speaker_from_the_clause(text: str, mention: str) -> None:
    quotes = quotes_of(text)
    check_spans(text, quotes)
    assert [q.mention.text for q in quotes if q.mention] == [mention]
    assert quotes[0].type == "direct"


# --- unattributed quotations and learned cues -------------------------------------------------


def test_long_unattributed_quotation_is_kept_at_low_confidence() -> None:
    text = (
        "Transcript as follows:\n\n"
        '"Tonight we arrived in Cleveland, and we went to a restaurant to grab a quick meal."\n'
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    q = next(q for q in quotes if q.content.text.startswith('"Tonight'))
    cued = quote_with('"We went to a restaurant to grab a quick meal," Kasich said.', '"We went to a restaurant to grab a quick meal,"')
    assert q.type == "direct" and q.rule == "orphan_quote" and q.confidence < cued.confidence


def test_unattributed_quotation_takes_the_paragraphs_last_speaker() -> None:
    text = (
        'Smith said the deal was done. The room was quiet for a while after that. '
        '"Nobody in this town will ever forget what happened on that night in June."'
    )
    q = quote_with(text, '"Nobody in this town will ever forget what happened on that night in June."')
    assert q.rule == "orphan_quote" and q.cue is None
    assert q.mention is not None and q.mention.text == "Smith"


@pytest.mark.parametrize(
    "text",
    [
        'Note the menu - soup: "a cold bowl with beans and corn".',  # a label, not speech
        'The word "deal" was everywhere.',  # a scare quote
        'She starred in "The Man Who Knew Too Much" in 1956.',  # a title
    ],
)
def test_short_or_title_quotation_is_not_an_orphan(text: str) -> None:
    assert not any(q.rule == "orphan_quote" for q in quotes_of(text))


def _with_learned(say: str = "", act: str = "") -> CueLexicon:
    """The default lexicon with ``say``/``act`` forms added as learned ones (retraining-proof)."""
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    extra_say, extra_act = frozenset(say.split()), frozenset(act.split())
    return CueLexicon(
        say=DEFAULT_CUES.say | extra_say,
        tell=DEFAULT_CUES.tell,
        act=DEFAULT_CUES.act | extra_act,
        claim_nouns=DEFAULT_CUES.claim_nouns,
        learned=DEFAULT_CUES.learned | extra_say | extra_act,
    )


def test_learned_cue_attributes_a_reported_object() -> None:
    text = "The New York Times unearthed portions of the tax returns from 1995 on Sunday."
    assert extract_quotes(text, split_sentences(text)) == []  # not a cue by default
    quotes = extract_quotes(text, split_sentences(text), _with_learned(act="unearthed"))
    assert [(q.cue.text if q.cue else None, q.mention.text if q.mention else None) for q in quotes] == [
        ("unearthed", "The New York Times")
    ]
    assert quotes[0].content.text.startswith("portions of the tax returns")


@pytest.mark.parametrize(
    "text",
    [
        'He defended "New York values," saying the city embodied the "bravery, heart and soul of America."',
        'The old mill, renovated in spring, embodied "to great applause" again.',
    ],
)
def test_learned_cue_never_attributes_a_quotation_beside_it(text: str) -> None:
    quotes = extract_quotes(text, split_sentences(text), _with_learned(say="embodied", act="embodied"))
    assert all(q.cue is None or q.cue.text != "embodied" for q in quotes)


def test_shipped_learned_cues_load_with_their_train_precision() -> None:
    from quotewire.extract.quotes.lexicons import CUE_RATE, DEFAULT_CUES, LEARNED_RATE

    assert len(DEFAULT_CUES.learned) > 100
    assert DEFAULT_CUES.learned <= DEFAULT_CUES.say | DEFAULT_CUES.act
    # A learned form has train predictions behind it; hand-measured rates are never overridden.
    assert all(0.0 <= r <= 1.0 for r in LEARNED_RATE.values())
    assert CUE_RATE["said"] == 0.92


def test_a_learned_form_the_user_names_is_a_full_cue() -> None:
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    lex = DEFAULT_CUES.extended(say=["embody"])
    assert "embodied" not in lex.learned and "embodied" in lex.say
    assert lex.fingerprint() != ""


def test_learned_form_without_a_complement_is_no_cue() -> None:
    text = "Of the members polled, 57 said the fee was too high."
    assert [q.cue.text for q in quotes_of(text) if q.cue] == ["said"]


def test_forward_content_stops_at_a_coordinated_speech_verb() -> None:
    text = 'She urges her husband to come out of the car and repeatedly says, "Don\'t you do it," until it ends.'
    urge = quote_with(text, "husband to come out of the car")
    says = quote_with(text, '"Don\'t you do it,"')
    assert urge.mention is not None and says.mention is not None and says.mention.text == "She"


def test_call_with_a_plural_subject() -> None:
    text = 'When attacks happen, Obama and Clinton call them "lone wolves" and describe them as criminals.'
    q = quote_with(text, 'them "lone wolves"')
    assert q.mention is not None and q.mention.text == "Obama and Clinton"


def test_report_in_a_relative_clause_ends_where_the_main_clause_resumes() -> None:
    text = 'The town, which critics call "sleepy," is growing.'
    q = quote_with(text, '"sleepy,"')
    assert q.mention is not None and q.mention.text == "critics"


def test_quoted_transcript_turns_are_attributed_to_their_speakers() -> None:
    # A transcript quoted paragraph by paragraph: every paragraph opens with a mark, the turn's
    # speaker and colon come first, and an aside paragraph ("(CROSSTALK.)") sits between.
    text = (
        'Here is the exchange:\n\n'
        '"WALLACE: Let me ask you about the debate tomorrow night. Will she be there?\n\n'
        '"(CROSSTALK.)\n\n'
        '"PENCE: She will not be attending the debate tomorrow night, Chris.\n\n'
        '"WALLACE: Do you really see those two as equivalent?"\n'
    )
    quotes = quotes_of(text)
    check_spans(text, quotes)
    turns = [(q.mention.text, q.content.text) for q in quotes if q.mention is not None and q.rule == "name_colon"]
    assert turns == [
        ("WALLACE", "Let me ask you about the debate tomorrow night. Will she be there?"),
        ("PENCE", "She will not be attending the debate tomorrow night, Chris"),
        ("WALLACE", "Do you really see those two as equivalent?"),
    ]


def test_forward_content_stops_before_a_dash_and_a_direct_attribution() -> None:
    text = (
        "He noted that Trump has not paid federal income taxes \u2015 as was true for the few years his"
        " returns were public \u2015 Trump boasted, \u201cThat makes me smart.\u201d"
    )
    noted = quote_with(text, "that Trump has not paid federal income taxes \u2015 as was true for the few years his returns were public")
    boast = quote_with(text, "\u201cThat makes me smart.\u201d")
    assert noted.cue is not None and boast.mention is not None and boast.mention.text == "Trump"


def test_passive_cue_inside_a_postposed_content_is_part_of_it() -> None:
    text = (
        "Trump could embrace a clean energy policy, but only if he can be convinced that it is a good"
        " business decision, Sen. Lindsey Graham told The Huffington Post."
    )
    q = quote_with(
        text,
        "Trump could embrace a clean energy policy, but only if he can be convinced that it is a good business decision",
    )
    assert q.mention is not None and q.mention.text == "Sen. Lindsey Graham"


@pytest.mark.parametrize(
    ("headline", "quote"),
    [
        ("Black Lawmakers Rip Donald Trump As A \u2018Disgusting Fraud.\u2019", "\u2018Disgusting Fraud.\u2019"),
        ("Frustrated Parents Rally Nationwide To \u2018Reclaim Our Schools.\u2019", "\u2018Reclaim Our Schools.\u2019"),
    ],
)
def test_single_quoted_headline_quotation_is_a_quote(headline: str, quote: str) -> None:
    text = f"{headline}\n\nWASHINGTON \u2015 The story goes on here with more words.\n"
    q = quote_with(text, quote)
    assert q.type == "direct"
    # In the body a Title Case quotation is still a title.
    body = "The story goes on.\n\nShe starred in \u2018The Man Who Knew Too Much.\u2019\n"
    assert quotes_of(body) == []


def test_quote_with_its_own_postposed_cue_does_not_continue_the_previous_one() -> None:
    text = (
        "\u201cThis just isn\u2019t right,\u201d Warren said. \u201cYou squeezed employees to the breaking point\u201d"
        " to drive up the stock price, she said."
    )
    first = quote_with(text, "\u201cThis just isn\u2019t right,\u201d")
    second = quote_with(text, "\u201cYou squeezed employees to the breaking point\u201d to drive up the stock price")
    assert second.group != first.group and second.mention is not None and second.mention.text == "she"


def test_quotation_completing_an_already_reported_clause_is_a_mixed_quote() -> None:
    text = (
        "DuVernay said she felt the amendment was worth examining because \u201cmost people don\u2019t know"
        " about that loop-hole,\u201d she said."
    )
    q = quote_with(
        text, "she felt the amendment was worth examining because \u201cmost people don\u2019t know about that loop-hole,\u201d"
    )
    assert q.type == "mixed" and q.mention is not None


def test_object_of_a_relative_clause_ends_before_the_main_verb() -> None:
    text = "Councilman Tom Becker, who voted against it, told reporters that the city had no way to pay."
    told = quote_with(text, "that the city had no way to pay")
    assert told.mention is not None and told.mention.text == "Councilman Tom Becker"
    assert all("told" not in q.content.text for q in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Trump\'s misinformation may be "strategic," said Jeffery Hemsley, an assistant professor.',
            'Trump\'s misinformation may be "strategic,"',
        ),
        (
            'Gore tried to distance himself from Clinton, and in doing so he "made a strategic mistake," Lichtman said.',
            'Gore tried to distance himself from Clinton, and in doing so he "made a strategic mistake,"',
        ),
    ],
)
def test_lead_in_with_apostrophes_and_commas_is_part_of_the_mixed_quote(text: str, content: str) -> None:
    assert quote_with(text, content).type == "mixed"


def test_another_subject_between_two_quotations_ends_the_first_speakers_turn() -> None:
    text = (
        "\u201cTell her I promised you a picture,\u201d Ebeling said, and her husband cut in."
        " \u201cDon\u2019t forget Tom, I\u2019ve been friends with her since high school.\u201d"
    )
    first = quote_with(text, "\u201cTell her I promised you a picture,\u201d")
    second = quote_with(text, "\u201cDon\u2019t forget Tom, I\u2019ve been friends with her since high school.\u201d")
    assert first.group != second.group


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('Trump praised his campaign manager as a "very decent man" Tuesday, hours after the arrest.', 'his campaign manager as a "very decent man"'),
        ('He called Palin a "clown" when commenting on her speech.', 'Palin a "clown"'),
    ],
)
def test_report_ends_at_the_quotation_before_a_time_or_when_clause(text: str, content: str) -> None:
    quote_with(text, content)


def test_pronoun_after_said_that_opens_a_clause_is_no_inverted_speaker() -> None:
    text = 'Critics called it a "sham," said he was wrong and left.'
    assert all(q.rule != "direct_postposed_inverted" for q in quotes_of(text))
    assert [q.rule for q in quotes_of('"We will win," said he.')] == ["direct_postposed_inverted"]


def test_bare_plural_of_things_is_no_speaker() -> None:
    assert quotes_of("The numbers rose, and oil prices said nothing.") == []
