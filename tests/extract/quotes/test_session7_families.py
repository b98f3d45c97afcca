"""Session 7 families of issue 16: stances kept as speech, captions, and missed postposed quotes.

Each table row is a short sentence of our own for one family (see ``benchmarks/quote_kinds.md``).
"""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.quotes.false_quotes import caption_spans, is_date_only
from quotewire.extract.segment import split_sentences


def found(text: str) -> list[tuple[str, str | None, str | None, str, str]]:
    """(rule, cue, mention, content, kind) of every quote of ``text``."""
    return [
        (q.rule, q.cue.text if q.cue else None, q.mention.text if q.mention else None, q.content.text, q.kind)
        for q in extract_quotes(text, split_sentences(text))
    ]


def kind_at(text: str, cue: str) -> str | None:
    """The kind of the quote whose cue is ``cue`` (None when no quote has it)."""
    return next((k for _, c, _, _, k in found(text) if c == cue), None)


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        # An intention: a commitment verb with a to-infinitive; with a clause it reports words.
        ("The Conservatives pledged to brighten up by the next campaign.", "pledged", "stance"),
        ("The new owner promised to continue publishing all of the titles.", "promised", "stance"),
        ("The leader is vowing to clean house in his own party.", "vowing", "stance"),
        ("The mayor vowed that she would never resign.", "vowed", "speech"),
        # The topic of a talk, not its words.
        ("Later, Colton told an audience about the first time he met her.", "told", "stance"),
        ("The reporter tells us about a growing concern in the city.", "tells", "stance"),
        ("The clerk said about 3,000 votes came in through the website.", "said", "speech"),  # an amount
        # An attitude named ("expressed concern about") vs quoted words.
        ("McCallum expressed serious concern about the city's debt.", "expressed", "stance"),
        ("McCallum expressed \u201cdeep concern\u201d about the debt.", "expressed", "speech"),
        # A cue form used as a noun, and a negation across an adverb.
        ("The commissioner has the final say on any tournament regulations.", "say", "stance"),
        ("She did not directly call for the release of the two detainees.", "call", "stance"),
        ("The voters say the plan is dead.", "say", "speech"),
        # A finding: an inference verb with a thing as its subject.
        ("On Thursday, a private survey suggested that manufacturing had slowed in January.", "suggested", "stance"),
        ("The minister suggested that taxes would rise next year.", "suggested", "speech"),
        # Speech verbs the lexicon lacked.
        ("Hannah confessed that she had wanted to wait until marriage.", "confessed", "speech"),
        ("She maintains that she has always been more of a home cook.", "maintains", "speech"),
    ],
)
def test_kind_family(text: str, cue: str, kind: str) -> None:
    assert kind_at(text, cue) == kind, found(text)


CAPTIONED = (
    "Golden said she looked for the co-worker who sold the pills to her son. (Steve Lawrence/CBC)\n\n"
    "Golden said the police never called her back.\n"
)


def test_caption_is_no_quote() -> None:
    contents = [c for _, _, _, c, _ in found(CAPTIONED)]
    assert contents == ["the police never called her back"], contents


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("A caption under a picture. (Steve Lawrence/CBC)\n\nBody text.", 1),
        ("A caption. (AP Photo/Evan Vucci)", 1),
        ("He works for the CBC (in Winnipeg) now.", 0),
        ("Prices rose (see chart/table below) again.", 0),
    ],
)
def test_caption_spans(text: str, n: int) -> None:
    assert len(caption_spans(text)) == n


@pytest.mark.parametrize(
    ("content", "only_date"),
    [("Sunday", True), ("on Dec. 21", True), ("Tuesday night", True), ("Sunday was a good day for us", False)],
)
def test_date_only_content(content: str, only_date: bool) -> None:
    assert is_date_only(content) is only_date


def test_statement_on_a_day_is_no_content() -> None:
    quotes = found("In her statement on Sunday, Payne said she has every confidence in the courts.")
    assert all(c != "Sunday" for _, _, _, c, _ in quotes), quotes
    assert any(c == "she has every confidence in the courts" for _, _, _, c, _ in quotes), quotes


@pytest.mark.parametrize(
    ("text", "cue", "mention", "content"),
    [
        # A learned cue form inside the content does not start it ("shared", "limited").
        ("A man shot his girlfriend in the home they all shared, authorities said Saturday.", "said",
         "authorities", "A man shot his girlfriend in the home they all shared"),
        ("The drugs have a limited set of uses, he says.", "says", "he", "The drugs have a limited set of uses"),
        # A participle clause after the cue keeps the postposed reading.
        ("Each charge carries a penalty of 30 years in prison, Lohmar said, adding that more are possible.",
         "said", "Lohmar", "Each charge carries a penalty of 30 years in prison"),
        # Where the speaker spoke from is an adjunct.
        ("Such deficits could mean a worker can no longer use a computer, Garland explained from Winnipeg.",
         "explained", "Garland", "Such deficits could mean a worker can no longer use a computer"),
        # A learned form coordinated inside a reported clause is no attribution of its own.
        ("Authorities said Emery, 46, abandoned his pickup and tried unsuccessfully to steal a car.", "said",
         "Authorities", "Emery, 46, abandoned his pickup and tried unsuccessfully to steal a car"),
        # A zero-width space between the subject and its cue.
        ("Traeger\u200b said he expects the union to help employees.", "said", "Traeger",
         "he expects the union to help employees"),
        # A phrasal action verb with a pronoun object before a coordinated verb of speaking.
        ("She picked it up and crowed, \u201cOh, it\u2019s my rose,\u201d which upset Tracy.", "crowed", "She",
         "\u201cOh, it\u2019s my rose,\u201d"),
        ("Colton laughed and stuttered, \u201cI don't know what to say.\u201d", "stuttered", "Colton",
         "\u201cI don't know what to say.\u201d"),
        # A subjectless cue's clause ends before ", which ...", so a later attribution is its own.
        ("Attempts to confirm that the soil was bad, which could raise costs, were stymied as city staff said "
         "they could not talk.", "said", "city staff", "they could not talk"),
        # advise / urge report advice.
        ("It advised people never to use a portable generator indoors.", "advised", "It",
         "people never to use a portable generator indoors"),
        # A manner adverb between the cue and "that".
        ("The ministry suggests euphemistically that Canadians use available resources.", "suggests",
         "The ministry", "that Canadians use available resources"),
        # The source of a preposed "according to" runs to its comma.
        ("According to an Ontario Provincial Police investigation of the shooting, Vickers hid behind a pillar.",
         "According to", "an Ontario Provincial Police investigation of the shooting", "Vickers hid behind a pillar"),
        ("The result, according to a survey of listed clubs by CTV News, is 352 players.", "according to",
         "a survey of listed clubs by CTV News", "The result"),
        # ... but not into a new subject when no comma follows the source.
        ("According to blog firm Technorati the number of blogs, the blogosphere, has doubled.", "According to",
         "blog firm Technorati", "the number of blogs, the blogosphere, has doubled"),
    ],
)
def test_missed_form_found(text: str, cue: str, mention: str, content: str) -> None:
    quotes = found(text)
    assert any(q[1] == cue and q[2] == mention and q[3] == content for q in quotes), quotes


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("She advises President Htin Kyaw on foreign policy.", "advises"),  # counsel as a job
        ("She picked it up and put it back on the shelf.", "picked"),  # a phrasal action
    ],
)
def test_no_quote_at(text: str, cue: str) -> None:
    quotes = found(text)
    assert all(q[1] != cue for q in quotes), quotes


@pytest.mark.parametrize(
    ("text", "mention", "content"),
    [
        ("Damage is unprecedented on the island. Crews are out. pic.twitter.com/W0IkInjjSH \u2014 BC Hydro "
         "(@bchydro) December 22, 2018", "BC Hydro", "Damage is unprecedented on the island. Crews are out."),
        ("Bring it, but you won\u2019t. Chicken. https://t.co/oI5iCg4bU3 \u2014 Michelle Rempel (@MichelleRempel) "
         "December 18, 2018", "Michelle Rempel", "Bring it, but you won\u2019t. Chicken."),
        ("Some areas will be without power for days. #BCStorm \u2014 BC Hydro (@bchydro)", "BC Hydro",
         "Some areas will be without power for days."),
    ],
)
def test_tweet_embed(text: str, mention: str, content: str) -> None:
    quotes = found(text)
    assert [(q[0], q[2], q[3], q[4]) for q in quotes] == [("tweet_embed", mention, content, "speech")], quotes


def test_no_tweet_without_a_signature() -> None:
    text = "He wrote about it on Twitter - the post drew 200 replies (as of Monday) and was shared widely."
    assert all(q[0] != "tweet_embed" for q in found(text))


@pytest.mark.parametrize(
    ("text", "n_quotes"),
    [
        # A list of quoted terms or signs is no one's words (speech records counted).
        ('The words to make the list are "wrap my head around," "grapple," "optics," "eschew" and "thought leader."',
         0),
        ("Protesters carried signs reading \u201cQuebec please separate,\u201d \u201cBuild pipelines\u201d and "
         "\u201cThe UN is a scam,\u201d in the rain.", 0),
        # Quoted sentences one after another are not a list.
        ('"We will win the vote." "We always win the vote." "They never do."', 3),
    ],
)
def test_quoted_list_is_no_quote(text: str, n_quotes: int) -> None:
    speech = [q for q in found(text) if q[4] == "speech"]
    assert len(speech) == n_quotes, found(text)
