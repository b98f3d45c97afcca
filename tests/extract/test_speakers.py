"""Speaker resolution: the seed article (golden, written by hand) and rule tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotewire.extract.model import Attribution, Quote, Span, Speaker
from quotewire.extract.names import _kind
from quotewire.extract.quotes import extract_quotes
from quotewire.extract.references import organisation_words
from quotewire.extract.segment import split_sentences
from quotewire.extract.speakers import resolve_speakers, split_name

SEED = Path(__file__).resolve().parents[2] / "raw" / "cnn-aleppo-2016-12-14.txt"
# Lines the clean stage blanks in the seed article (page furniture, not prose).
BOILERPLATE = (
    "Goodbye messages from Aleppo",
    "Story highlights",
    "\u2022",
    "Why is Aleppo so important",
    "CNN's Impact",
)


def blank_seed() -> str:
    """The seed article as the clean stage hands it over: boilerplate lines blanked with spaces."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        if i == 0 or s.startswith(BOILERPLATE) or s == "The broken truce":
            line = " " * len(line)
        out.append(line)
    return "\n".join(out).replace("(CNN)", "     ")


def run(text: str) -> tuple[list[Speaker], list[Attribution]]:
    sentences = split_sentences(text)
    return resolve_speakers(text, sentences, extract_quotes(text, sentences))


def speaker_of(speakers: list[Speaker], atts: list[Attribution], content_start: str) -> Speaker | None:
    for a in atts:
        if a.quote.content.text.lstrip("\"\u201c'\u2018").startswith(content_start):
            return speakers[a.speaker] if a.speaker is not None else None
    raise AssertionError(f"no quote starting with {content_start!r}")


# Read off the article by hand: quote opening -> (speaker name, quote type, mention text).
SEED_EXPECTED = [
    ("Around 50,000 civilians", "UN", "indirect", "the UN"),
    ("the Syrian regime and other forces", None, "indirect", None),
    ("Assad & Iranians broke the ceasefire", "Lina Shamy", "direct", "Lina Shamy"),
    ("Civilians are stuck in the city", "Lina Shamy", "direct", "she"),
    ("that the shelling had not stopped", "Bilal Abdul Kareem", "indirect", "Bilal Abdul Kareem"),
    ("After an agreement was reached", "Bilal Abdul Kareem", "direct", "he"),
    ("rebels are ready to surrender", "Bilal Abdul Kareem", "indirect", "Kareem"),
    ("shelling and bombardment are back", "Salah Ashkar", "direct", "Salah Ashkar"),
    ("I am talking to the world", "Bana", "direct", "she"),
    ("Dear world, there's intense bombing", "Fatemah", "direct", "Fatemah"),
    ("the regime of breaking the truce", "Recep Tayyip Erdogan", "indirect", None),
    ("Turkey will not leave the people", "Recep Tayyip Erdogan", "direct", "he"),
    ("I call all parties", "Recep Tayyip Erdogan", "direct", None),
]


@pytest.mark.parametrize(("start", "name", "qtype", "mention"), SEED_EXPECTED)
def test_seed_article(start: str, name: str | None, qtype: str, mention: str | None) -> None:
    text = blank_seed()
    speakers, atts = run(text)
    for a in atts:
        q = a.quote
        assert q.content.text == text[q.content.start : q.content.end]
    sp = speaker_of(speakers, atts, start)
    quote = next(a.quote for a in atts if a.quote.content.text.lstrip('"\u201c').startswith(start))
    assert quote.type == qtype
    if mention is not None:
        assert quote.mention is not None and quote.mention.text == mention
    if name is not None:
        assert sp is not None and sp.name == name


def test_seed_speakers_and_descriptors() -> None:
    speakers, atts = run(blank_seed())
    by_name = {s.name: s for s in speakers}
    assert by_name["Lina Shamy"].descriptors == ("an activist in eastern Aleppo",)
    assert by_name["Bilal Abdul Kareem"].descriptors == ("a Syria-based journalist for On the Ground News",)
    assert "Turkish President" in by_name["Recep Tayyip Erdogan"].descriptors
    assert by_name["Fatemah"].descriptors == ("Her mother",)
    assert by_name["UN"].kind == "organization"
    assert {m.text for m in by_name["Bilal Abdul Kareem"].mentions} >= {"Bilal Abdul Kareem", "he", "Kareem"}
    # One speaker per person: no two speakers share a name.
    assert len(by_name) == len(speakers)
    # Erdogan, not the news agency he is quoted through.
    assert "Anadolu" not in by_name
    assert len(atts) == 13


@pytest.mark.parametrize(
    ("mention", "descriptor", "name"),
    [
        ("Turkish President Recep Tayyip Erdogan", "Turkish President", "Recep Tayyip Erdogan"),
        ("Lina Shamy", "", "Lina Shamy"),
        ("the UN", "", "UN"),
        ("Sen. Claire McCaskill", "Sen.", "Claire McCaskill"),
        ("Stein spokeswoman Melezia Figueroa", "Stein spokeswoman", "Melezia Figueroa"),
        ("Mr. Barrett", "Mr.", "Barrett"),
        ("Councilman Tom Becker", "Councilman", "Tom Becker"),
        ("Superintendent Maria Chen", "Superintendent", "Maria Chen"),
        ("head coach Ana Silva", "head coach", "Ana Silva"),
        ("Coach", "", "Coach"),
    ],
)
def test_split_name(mention: str, descriptor: str, name: str) -> None:
    assert split_name(mention) == (descriptor, name)


@pytest.mark.parametrize(
    ("text", "content_start", "name", "kind"),
    [
        (
            'Bilal Abdul Kareem, a journalist, confirmed it.\n"We are leaving now," he tweeted.',
            "We are",
            "Bilal Abdul Kareem",
            "person",
        ),
        ("Mary Jones arrived early.\nJones said the vote was rigged.", "the vote", "Mary Jones", "person"),
        ("Around 50,000 civilians are trapped, the UN estimates.", "Around", "UN", "organization"),
        ("The White House said the meeting was cancelled.", "the meeting", "White House", "organization"),
        (
            "A spokesman for the White House said the meeting was cancelled.",
            "the meeting",
            "White House",
            "organization",
        ),
        ("A source said the deal was off.", "the deal", "A source", "unknown"),
        (
            'Don Fowler met Elaine Kamarck in Boston.\n"It is a sensible plan for the party," she said.',
            "It is",
            "Elaine Kamarck",
            "person",
        ),
        (
            'Elaine Kamarck met Don Fowler in Boston.\n"It is a sensible plan for the party," he said.',
            "It is",
            "Don Fowler",
            "person",
        ),
    ],
)
def test_resolution(text: str, content_start: str, name: str, kind: str) -> None:
    speakers, atts = run(text)
    sp = speaker_of(speakers, atts, content_start)
    assert sp is not None and (sp.name, sp.kind) == (name, kind)


def test_quote_without_mention_has_no_speaker() -> None:
    text = "Nobody knows who wrote this line at all."
    q = Quote("direct", Span.of(text, 0, 12), None, None, 0.5, "test_rule")
    speakers, atts = resolve_speakers(text, split_sentences(text), [q])
    assert speakers == [] and atts == [Attribution(q, None)]


def test_unresolvable_pronoun_gets_no_speaker_but_keeps_its_mention() -> None:
    speakers, atts = run('"We are leaving the city tonight," she said.')
    assert atts[0].speaker is None and speakers == []
    assert atts[0].quote.mention is not None and atts[0].quote.mention.text == "she"


@pytest.mark.parametrize(
    "text",
    [
        "ANALYST'S TAKE: Markets will fall, the analyst's take says. Analysts take a dim view.",
        'EARNINGS said "profits fell" as quarterly earnings were weak.',
        '"Prices rose," 2016 said.',
    ],
)
def test_labels_figures_and_dates_are_never_speakers(text: str) -> None:
    speakers, _atts = run(text)
    assert all(sp.name not in ("ANALYST'S TAKE", "EARNINGS", "2016") for sp in speakers)


# Who said it: one case per family of failures seen on real articles (hand-written sentences).
@pytest.mark.parametrize(
    "text, content_start, name",
    [
        # A sentence adverb or a weekday before a name is not part of it.
        ("Although Trump said the wall would be built, nothing happened.", "the wall", "Trump"),
        ('Perhaps Tracy Nguyen put it best: "We are done."\n"We will not return," Nguyen said.', "We will", "Tracy Nguyen"),
        # The person, not the university they work at.
        ("Atmospheric physics professor Kent Moore at the University of Toronto says the winters are warmer.",
         "the winters", "Kent Moore"),
        # "she" after a place and a woman's name is the woman.
        ('Moyra Baxter visited the Lower Mainland on Friday.\n"The schools are full," she said.', "The schools",
         "Moyra Baxter"),
        # "the company said" after a named company is that company.
        ("Suncor Energy reported a loss on Wednesday. The company said output fell in the quarter.", "output",
         "Suncor Energy"),
        # Two people sharing a surname stay apart: the surname is the one named last.
        ('Michael Greenspan wrote the first book. Dorie Greenspan wrote the second.\n'
         '"I bake every day," Greenspan said.', "I bake", "Dorie Greenspan"),
        # ... and the pronoun that goes with a shared surname says which of the two it is.
        ('Hillary Clinton spoke on Monday. Bill Clinton campaigned for his wife on Tuesday.\n'
         'In her 2003 book, Clinton noted that the clot was serious.', "that the clot", "Hillary Clinton"),
        ('Bill Clinton spoke first. Hillary Clinton spoke at a rally in Ohio.\n'
         'Clinton said that he had always backed the plan.', "that he had", "Bill Clinton"),
        # A relative written in full as an object in passing does not take over the surname.
        ('Sen. Ted Cruz endorsed the nominee on Friday.\nTrump once accused Rafael Cruz of plotting.\n'
         '"It was personal," Cruz said.', "It was", "Ted Cruz"),
        # A middle initial or a compound surname is no second person.
        ('Loretta E. Lynch spoke on Monday. Loretta Lynch was named in 2015. Bill de Blasio agreed.\n'
         'Lynch said the law was clear.', "the law", "Loretta Lynch"),
        # A publication named by a capitalised run is no "he" ("The New Yorker put it ... He has ...").
        ('Mehmet Oz hosts a show. His critics are many, as The New Yorker put it, "the operator."\n\n'
         'For years, Oz has faced charges. He said that the claims are false.', "that the claims", "Mehmet Oz"),
        # "which" is never a person: the body it follows is no antecedent of a later "he".
        ('Ban Ki-moon took office in 2007. It was under Mr. Ban\'s watch that the assembly set up '
         'U.N. Women, which is dedicated to equality. He said he backed the idea.', "he backed", "Ban Ki-moon"),
        # Dotted initials stand for the name the story spells out; a short form with the initials
        # and the spelled-out form of one body are one name.
        ('The United Nations Security Council met on Friday.\nThe U.N. said that the test was a violation.',
         "that the test", "United Nations"),
        ('The United Nations Security Council met. Talks at the U.N. Security Council went on.\n'
         'The Security Council said that the test was a violation.', "that the test",
         "United Nations Security Council"),
        # A union local is named by its number, and "the union" is that local.
        ('Cooks at the diner voted on Friday. A statement from Teamsters Local 987 said the vote passed.\n'
         'The union will bargain for all staff, according to the union\'s release.', "The union will",
         "Teamsters Local 987"),
        ('Cooks at the diner voted on Friday. Teamsters Local 987 said the vote passed.', "the vote",
         "Teamsters Local 987"),
        # A company named by one word is the organisation "the company" and "it" refer to.
        ('Calgary-based Suncor Energy was paid $300 million. Suncor received its second payment in May.\n'
         'The company said the sum might have to be repaid.', "the sum", "Suncor Energy"),
        ('Google said Thursday it had fixed its certificate. Apple said Google broke the rules.\n'
         'The company said that no users were hurt.', "that no users", "Google"),
        ('In a memo, Facebook told employees its engineers work with Apple to restore access. It also said that '
         'the consumer apps work.', "that the consumer", "Facebook"),
        # A person's name ends at its possessive: "Andrew Scheer's Conservatives" are a party, "they".
        ("Andrew Scheer's Conservatives won seats in 2015.\n\nThe Conservatives believe they'll win; they say "
         "that the tax is unpopular.", "that the tax", "Conservatives"),
        # A spokesperson introduced by role and named at the next quote is that person.
        ('A spokeswoman for the mayor said that the plan was sound.\n\n"We stand by it," said Jane Mertz.',
         "that the plan", "Jane Mertz"),
        # A spelling variant of a first name is the same person.
        ('Jody Wilson-Raybould resigned on Tuesday. Jodie Wilson-Raybould said she had no regrets.', "she had",
         "Jody Wilson-Raybould"),
        # Title and role before the name are descriptors; the speaker is the name.
        ('"We respect the vote," UFCW Local 832 president Jeff Traeger said.', "We respect", "Jeff Traeger"),
        # A relative pronoun stands for the name before it.
        ("The case was raised by Megan Bortis, who noted that the dogs were pets.", "that the dogs", "Megan Bortis"),
        # ... "one of the N X who": the one is the subject.
        ("Bobby Scott was one of three members who said that the act went too far.", "that the act", "Bobby Scott"),
        # ... and "who" after an institution in an appositive is the person, not the institution.
        ("Among them is John Bentel, a tech staffer at the State Department who told aides that the "
         "server was fine.", "that the server", "John Bentel"),
        # A pronoun continues the speaker just quoted, not a name inside the quote.
        ('"Hillary Clinton cannot win the state," said analyst Henry Crespo.\n'
         '"Nobody is writing songs for her," he said.', "Nobody", "Henry Crespo"),
    ],
)
def test_who_said_it(text: str, content_start: str, name: str) -> None:
    speakers, atts = run(text)
    sp = speaker_of(speakers, atts, content_start)
    assert sp is not None and sp.name == name


def test_words_inside_a_quotation_are_never_a_speaker() -> None:
    text = '"Ask Justin Trudeau and Jagmeet Singh," she said. "They know."\nLater he said the vote was close.'
    speakers, _ = run(text)
    assert not {sp.name for sp in speakers} & {"Justin Trudeau", "Jagmeet Singh", "Ask Justin Trudeau"}


@pytest.mark.xfail(strict=True, reason="a place named as the subject of a cue needs an entity recogniser; the "
                   "shipped one (entities.py) is not wired in: in the stage it gained 5 GGT items for about 40% "
                   "of its time (docs/models.md)")
def test_a_place_is_never_a_speaker() -> None:
    speakers, _ = run('Voters in British Columbia were angry.\n"It is unfair," said British Columbia.')
    assert all(sp.entity_type in ("person", "organization", None) for sp in speakers)
    assert "British Columbia" not in {sp.name for sp in speakers}


def speaker_name_of(text: str, content_word: str) -> str | None:
    """The resolved speaker name of the quote whose content holds ``content_word``."""
    speakers, atts = run(text)
    for a in atts:
        if content_word in a.quote.content.text:
            return speakers[a.speaker].name if a.speaker is not None else None
    raise AssertionError(f"no quote holds {content_word!r}: {[a.quote.content.text for a in atts]}")


@pytest.mark.parametrize("text, word, expected", [
    # "she" skips the nearer men (a first name and a titled man) for the woman named earlier.
    ("Maria Gonzalez runs the shelter in Halifax. Her son Kevin moved away in May. Kevin met Mr. Tom "
     "Reed there. Reed hired him. Kevin stayed for a year.\n\n\"We miss him every day,\" she said.",
     "miss", "Maria Gonzalez"),
    # "it" never names a person.
    ("Acme Corp. hired Premier Doug Ford's adviser. Ford was pleased.\n\n\"We are growing,\" it said.",
     "growing", "Acme Corp"),
])
def test_a_pronoun_agrees_with_its_antecedent(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


@pytest.mark.parametrize("text, word, expected", [
    # A quote paragraph after sentences about one person, with no cue of its own: that person.
    ("Carole Laurin had to give up her career after the stroke. There was also the blow to her pride.\n\n"
     "\"It took me two years to grieve the loss of not ever being able to work again.\"", "grieve",
     "Carole Laurin"),
    # ... also when the closest sentence refers to her by a pronoun only.
    ("Wendy Golden lost her son in 2015. She now speaks at schools across the province.\n\n"
     "\"You don't know what that person took earlier, and the combination can be lethal.\"", "lethal",
     "Wendy Golden"),
    # No person in the sentences before: unattributed, not the last name in the article.
    ("Dan Smith left in June. The storm hit the coast on Friday. Roads were closed for days.\n\n"
     "\"We're going to have to shovel more often than anyone expected this year.\"", "shovel", None),
])
def test_an_orphan_quote_belongs_to_the_person_just_written_about(text: str, word: str, expected: str | None) -> None:
    assert speaker_name_of(text, word) == expected


def test_a_place_is_not_a_pronoun_antecedent() -> None:
    text = ("Ana Lopez moved to Winnipeg last year. Winnipeg was cold, and New Brunswick was far.\n\n"
            "\"I do not regret it at all,\" she said.")
    assert speaker_name_of(text, "regret") == "Ana Lopez"


@pytest.mark.parametrize("text, word, expected", [
    # A role noun after capitalised modifiers continues the phrase after "according to".
    ("The deal was done in secret, according to a senior Democratic aide who spoke on condition of anonymity.",
     "deal", "a senior Democratic aide"),
    ("The stimulus was mislabelled, according to former Bank of Canada governor David Dodge.",
     "stimulus", "David Dodge"),
    # "on" inside a body's name; a title word opening an organisation's name stays in it.
    ("Prices rose sharply last year, according to the National Institute on Drug Abuse.",
     "Prices", "National Institute on Drug Abuse"),
    ("The House Intelligence Committee said on Monday that the talks with the agency had failed.", "talks",
     "House Intelligence Committee"),
])
def test_role_and_organisation_phrases_keep_their_words(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


@pytest.mark.parametrize("text, word, expected", [
    # A title between commas after the name: the name speaks, not "Innovation".
    ("Navdeep Bains, Minister of Innovation, Science and Economic Development, said on Thursday that the "
     "policy was broad.", "policy", "Navdeep Bains"),
    # An office's title opens the clause, the name stands in apposition.
    ("Keeper of the Ruler's Seal, Syed Danial Syed Ahmad, said the council held a meeting on Monday.",
     "council", "Syed Danial Syed Ahmad"),
    # A role "of" a body, with no one named before: the role itself, not the body.
    ("The former sergeant-at-arms of the House of Commons said Monday he is considering a run.",
     "considering", "The former sergeant-at-arms of the House of Commons"),
    # "familiar with" belongs to the source's description.
    ("A person familiar with the negotiations says Stauskas has been traded to Indiana.", "traded",
     "A person familiar with the negotiations"),
    # A section label in capitals is no speaker; the quote's own attribution is.
    ("Markets slid. Analysts gave their take on the slide.\n\nANALYST'S TAKE: \"Will the bank acknowledge the "
     "darkening clouds today? Lowering growth may be a sell signal,\" Hussein Sayed, chief strategist at FXTM, said in a commentary.", "clouds",
     "Hussein Sayed"),
])
def test_appositions_titles_and_labels(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


def test_a_transcript_name_in_capitals_still_speaks() -> None:
    text = "The debate ran late.\n\nWALLACE: If I may, sir, let me ask about the economy tonight."
    assert speaker_name_of(text, "economy") == "WALLACE"


def test_the_company_is_not_the_news_agency_that_reported_it() -> None:
    text = ("Northwind Corp. shut its plant on Monday, The Associated Press reported. Workers told The "
            "Associated Press they were surprised. The Associated Press could not reach the union.\n\n"
            "The company said the closure was temporary and that staff would be paid.")
    assert speaker_name_of(text, "closure") == "Northwind Corp"


def test_a_speaking_pronoun_continues_the_subject_not_a_possessor() -> None:
    text = ("Audrey Parker asked for the law to change before she died. Her plea moved many readers.\n\n"
            "Given his views, Shanaaz Gokool, president of a patients' group, is hopeful the minister will "
            "heed Parker's plea.\n\n\"Our hope is that the new minister follows through on what he knows,\" she said.")
    assert speaker_name_of(text, "Our hope") == "Shanaaz Gokool"


def test_name_indexing_work_grows_with_distinct_names_not_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue #17 item 11: 'Said Smith Smith ... told reporters' and long articles repeating one
    # name were superlinear (a variant search per mention over every earlier mention).
    from quotewire.extract import speakers as sp_mod

    calls: list[str] = []
    real = sp_mod._Doc._variant_of

    def counting(self: object, name: str) -> str:
        calls.append(name)
        return real(self, name)  # type: ignore[arg-type]

    monkeypatch.setattr(sp_mod._Doc, "_variant_of", counting)
    run('John Smith said "we will go on with the plan now." ' * 300 + 'Jon Smith said "no, we will not go."')
    assert sorted(set(calls)) == sorted(calls) == ["John Smith", "Jon Smith"]


def test_a_run_of_thousands_of_capitalised_words_is_no_name() -> None:
    speakers, _ = run("Said " + "Smith " * 3000 + 'told reporters "yes, we are ready to go."')
    assert all(len(sp.name.split()) <= 10 for sp in speakers)


@pytest.mark.parametrize("text, word, expected", [
    # A capitalised "May" after a first name is a surname, not a modal verb.
    ("Elizabeth May, leader of the Green Party, said the plan was not enough to meet the targets.", "plan",
     "Elizabeth May"),
    ("Elizabeth May said the plan was not enough to meet the targets.", "plan", "Elizabeth May"),
    # A party-state label does not end the sentence; the name opening the chain speaks.
    ("Sen. Debbie Stabenow, D-Mich., a member of the leadership team, said Schumer has a way of listening.",
     "Schumer", "Debbie Stabenow"),
])
def test_names_that_look_like_other_words(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


def mention_of(text: str, content_word: str) -> str | None:
    """The speaker mention of the quote whose content holds ``content_word``."""
    _, atts = run(text)
    for a in atts:
        if content_word in a.quote.content.text:
            return a.quote.mention.text if a.quote.mention is not None else None
    raise AssertionError(f"no quote holds {content_word!r}: {[a.quote.content.text for a in atts]}")


@pytest.mark.parametrize("text, word, expected", [
    # A tell verb's addressee and adjuncts before the colon.
    ("The team is back in Atlanta.\n\nValanciunas told reporters in Atlanta on Thursday morning: \"I am really "
     "excited to be playing again.\"", "excited", "Valanciunas"),
    # Coordinate adjectives with a comma inside a description.
    ("The plant opened in May.\n\n\u201cI don\u2019t know any carmaker that makes money in this "
     "category,\u201d the lanky, bespectacled professor said.", "carmaker", "the lanky, bespectacled professor"),
    # ... but an object and the next subject are two phrases.
    ('As speakers addressed the crowd, protesters chanted "Trudeau must go now, and take his plan!"', "Trudeau",
     "protesters"),
])
def test_cue_phrases_with_addressees_and_adjectives(text: str, word: str, expected: str) -> None:
    assert mention_of(text, word) == expected


@pytest.mark.parametrize("text, word, expected, etype", [
    # An acronym defined in parentheses, and the first word of an organisation's name, are that
    # organisation.
    ("Export Development Canada (EDC) insured the deal last year. EDC said it respects its clients' privacy.",
     "respects", "Export Development Canada", "organization"),
    ("Suncor Energy Inc. built the plant in 2010. Suncor said it was proud of the work its crews had done.",
     "proud", "Suncor Energy Inc", "organization"),
    # A capitalised modifier names the body itself: no earlier organisation is meant.
    ("The Canadian Beverage Association objects to the plan. The Canadian government said the tax will pass.",
     "tax", "The Canadian government", "organization"),
])
def test_organisation_short_forms_and_named_bodies(text: str, word: str, expected: str, etype: str) -> None:
    speakers, atts = run(text)
    a = next(a for a in atts if word in a.quote.content.text)
    assert a.speaker is not None
    assert (speakers[a.speaker].name, speakers[a.speaker].entity_type) == (expected, etype)


def test_they_refers_to_two_people_named_together() -> None:
    text = ("In a statement, the cafe's owners Tore Sohlberg and Lehla Abreder said they respected the vote.\n\n"
            "\"Our priority is a safe workplace for everyone who works here,\" they said.")
    assert speaker_name_of(text, "priority") == "Tore Sohlberg and Lehla Abreder"


def test_one_pronoun_mention_is_one_speaker_for_both_parts() -> None:
    text = ("Kevin Vickers said he wants to carry on his father's legacy.\n\n"
            "He said the dairy, along with a credit union run by his father's friend, Martin Legere, helped the "
            "province.\n\n\"They brought a lot of jobs to the towns of the province,\" he said. \"There's that legacy "
            "that I look at every day.\"")
    speakers, atts = run(text)
    names = {a.quote.content.text[:12]: speakers[a.speaker].name for a in atts if a.speaker is not None}
    assert names.get("\"They brough") == names.get("\"There's tha") == "Kevin Vickers"


def test_he_is_never_two_people() -> None:
    text = ("Owners Tore Sohlberg and Lehla Abreder said they respected the outcome of the vote.\n\n"
            "\"Do you want to eat a cheaper dinner off the backs of workers who struggle?\" he said.")
    assert speaker_name_of(text, "cheaper") != "Tore Sohlberg and Lehla Abreder"


def test_a_description_goes_back_to_the_unnamed_person_introduced_last() -> None:
    text = ("Justice Minister John Smith met reporters on Monday.\n\nA justice official told reporters that most "
            "requests succeed.\n\n\"It is pretty likely that the request will go through,\" the official said.")
    speakers, atts = run(text)
    a = next(a for a in atts if "pretty likely" in a.quote.content.text)
    assert a.speaker is not None and speakers[a.speaker].name == "A justice official"


@pytest.mark.parametrize("text, word, expected", [
    # A possessive medium speaks for its owner.
    ("Jody Wilson-Raybould resigned from cabinet on Tuesday.\n\n\"It has always been my view that the office must "
     "be non-partisan,\" her statement said.", "non-partisan", "Jody Wilson-Raybould"),
    # "The statement" goes back to whoever was just quoted in a statement.
    ("The Canadian Beverage Association said in a statement that juice is a source of vitamins for Canadians.\n\n"
     "The statement also said that removing it from the diet could have serious consequences.", "removing",
     "Canadian Beverage Association"),
])
def test_a_statement_speaks_for_its_author(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


def test_a_pronoun_does_not_continue_an_orphan_quotations_guessed_speaker() -> None:
    text = ("Dr. Robert Strang says the drugs have been overused for years. They have a limited set of uses, he says.\n\n"
            "Dave Martell, the addictions doctor on the South Shore, is more blunt: \"I think they are going to "
            "uncover things that are horrifying and ignored.\"\n\nHe says in his area a drug bust is often followed "
            "by a flood of people to emergency rooms.")
    assert speaker_name_of(text, "drug bust") == "Dave Martell"


@pytest.mark.parametrize("text, word, expected", [
    # Initials of a name written in full earlier, with or without dots.
    ("The International Monetary Fund cut its forecast on Tuesday.\n\nThe IMF said growth would slow to 3 per "
     "cent next year.", "growth", "International Monetary Fund"),
    ("The Congressional Budget Office released its estimate.\n\nThe CBO said the plan would raise the deficit.",
     "deficit", "Congressional Budget Office"),
    # A dotted acronym stays one word of the name.
    ("U.N. Women chief Phumzile Mlambo-Ngcuka spoke on Monday.\n\nU.N. Women said the funding gap was growing.",
     "funding", "U.N. Women"),
    # A surname written with another case of its particle is the same person.
    ("Mayor Bill de Blasio met the union on Friday.\n\nDe Blasio said the city would hire more teachers.",
     "teachers", "Bill de Blasio"),
])
def test_short_forms_of_written_names(text: str, word: str, expected: str) -> None:
    assert speaker_name_of(text, word) == expected


def test_a_heading_or_dateline_in_capitals_is_nobody() -> None:
    text = ("MIDWAY ATOLL \u2014 President Barack Obama toured the reef on Thursday.\n\nKEEPING SCORE: The bank "
            "said it would keep rates where they are.\n\n\"We have to act now on the oceans,\" he said.")
    speakers, _ = run(text)
    assert not {"MIDWAY ATOLL", "KEEPING SCORE"} & {sp.name for sp in speakers}
    assert speaker_name_of(text, "oceans") == "Barack Obama"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("U.N. Women", "organization"),  # a country's or body's initials open no person's name
        ("New Yorker", "organization"),  # "New" opens places, parties and publications
        ("Teamsters Workers", "organization"),  # a plural group noun ends a body's name
        ("Animal Protection Services", "organization"),
        ("Audrey Parker", "person"),
        ("Gokool", "person"),
    ],
)
def test_kind_of_a_name(name: str, kind: str) -> None:
    assert _kind(name, name) == kind


@pytest.mark.parametrize(
    "text, orgs",
    [
        ("Suncor received its second payment.", {"Suncor"}),  # "its" goes with a company
        ("Heineken, which also owns Amstel, cut jobs.", {"Heineken"}),  # the subject of "which ..."
        ("Nike's shares rose. Acme Inc. fell.", {"Nike", "Acme"}),  # a company's possessions, its suffix
        ("Mulder said his team won.", set()),  # a person: "his"
        ("A Langley SkyTrain, which a study costed, is planned.", set()),  # "which" as an object: a project
    ],
)
def test_words_written_as_organisations(text: str, orgs: set[str]) -> None:
    assert organisation_words(text) == orgs


@pytest.mark.parametrize("between, continues", [
    # A paragraph of figures between a speaker's quotations does not change who speaks ...
    ("The financial fallout from a stroke was the largest, with a 31 per cent drop in earnings.", True),
    # ... a person named between them may be the one speaking now.
    ("Heart surgeon Maria Lopez has studied the data for years.", False),
])
def test_an_unattributed_quotation_and_the_last_speaker(between: str, continues: bool) -> None:
    text = ('"People who survived had greater losses in earnings," Allan Garland said.\n\n' + between
            + '\n\n"And if you looked at the average annual earnings, it was $14,000."')
    assert (speaker_name_of(text, "And if you") == "Allan Garland") is continues
