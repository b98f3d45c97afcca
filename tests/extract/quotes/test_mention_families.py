"""Speaker mentions: a preposition, subordinator or date adjunct is never the mention."""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.segment import split_sentences


def mentions(text: str) -> list[str | None]:
    return [q.mention.text if q.mention else None for q in extract_quotes(text, split_sentences(text))]


@pytest.mark.parametrize(("text", "mention"), [
    # A fronted adjunct longer than a few words still ends at its comma; the subject follows it.
    ("During a national security speech earlier in the day on Monday, Trump attacked Clinton for her record, "
     "saying, \"She's trigger-happy and very unstable.\"", "Trump"),
    # A date adjunct between the subject and the cue is skipped.
    ("Federal prosecutors in April charged two developers with fraud, saying they misled investors.",
     "Federal prosecutors"),
    ("An arbitration panel in 2001 found that the United States was in breach of the agreement.",
     "An arbitration panel"),
])
def test_the_subject_behind_an_adjunct(text: str, mention: str) -> None:
    assert mention in mentions(text)


@pytest.mark.parametrize("text", [
    # No comma closes the fronted phrase: its first word is a preposition or subordinator, no speaker.
    "While there is no law requiring it, candidates of both parties have understood that it is necessary "
    "to show that they have nothing to hide.",
    "In a widely read column two writers implored her to bring it back, arguing that it agitated Trump.",
    "After saying her foot was swollen she was sent to the hospital for tests.",
    # A sentence-opening subordinator is no part of the subject either.
    "As speakers expressed their complaints to the crowd, the police watched.",
])
def test_an_opening_function_word_is_never_the_mention(text: str) -> None:
    assert not any(m and m.split()[0] in ("While", "In", "After", "During", "As") for m in mentions(text))


@pytest.mark.parametrize(("text", "content", "mention"), [
    # A quotation followed by its own inverted attribution is that speaker's, not a further part of
    # the quotation before it.
    ("Protesters chanted \u201cTrudeau must go!\u201d \u201cOur energy allies are laughing at us,\u201d said oil and "
     "gas worker Mike Wipf.", "\u201cOur energy allies are laughing at us,\u201d", "oil and gas worker Mike Wipf"),
    # Coordinated modifiers of a role noun stay in the inverted speaker.
    ("\u201cWe lost the vote,\u201d said oil and gas worker Mike Wipf.", "\u201cWe lost the vote,\u201d",
     "oil and gas worker Mike Wipf"),
    # A name with an appositive between commas before a colon introduces the quotation.
    ("Martell, the addictions doctor on the South Shore, is more blunt: \u201cI think they are going to uncover "
     "things that are horrifying.\u201d", "\u201cI think they are going to uncover things that are horrifying.\u201d",
     "Martell"),
])
def test_quotes_with_their_own_speaker(text: str, content: str, mention: str) -> None:
    got = [(q.content.text, q.mention.text if q.mention else None) for q in extract_quotes(text, split_sentences(text))]
    assert (content, mention) in got, got


@pytest.mark.parametrize(("text", "mention", "content"), [
    # A period before a comma ends no sentence: the state abbreviation of a hometown appositive.
    ("Johnnie Wilson, of Springfield, Va., said he had fought in Vietnam.", "Johnnie Wilson",
     "he had fought in Vietnam"),
    ("Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony, said the event brought back "
     "memories.", "Donna Sampson Rawlings", "the event brought back memories"),
    # Two hyphens are a dash; a name, its description and a parenthetical between dashes.
    ("John Dickey, the chief executive of Ora Media -- the production company -- said the firm was a "
     "content provider.", "John Dickey", "the firm was a content provider"),
    # A determiner phrase ending in a past tense after "said" is the reported clause, no speaker.
    ("The mayor, the city's top official, said the plan failed.", "The mayor", "the plan failed"),
])
def test_appositive_chains_before_the_cue(text: str, mention: str, content: str) -> None:
    got = [(q.mention.text if q.mention else None, q.content.text) for q in extract_quotes(text, split_sentences(text))]
    assert (mention, content) in got, got


@pytest.mark.parametrize(("text", "mention", "content_start"), [
    # A sentence of a name, its appositive and a cue with only adjuncts signs the quotation before it.
    ("\u201cToday what matters most is the trade talks.\u201d Michael Every, a senior strategist for Rabobank, "
     "said in a commentary.", "Michael Every", "\u201cToday"),
    # A section label in capitals before a colon is no speaker.
    ("Shares fell.\n\nANALYST'S VIEWPOINT: \u201cToday what matters most is that we get day two of the talks.\u201d",
     None, "\u201cToday"),
    # The possessor after "according to" is the source.
    ("Parents joined the rally, according to a Michigan school's latest list.", "a Michigan school's",
     "Parents"),
])
def test_signatures_labels_and_possessors(text: str, mention: str | None, content_start: str) -> None:
    got = [(q.mention.text if q.mention else None, q.content.text) for q in extract_quotes(text, split_sentences(text))]
    assert any(m == mention and c.startswith(content_start) for m, c in got), got


def test_a_plural_subject_after_an_opening_clause() -> None:
    text = ("While there is no law requiring candidates to disclose their taxes, presidential contenders of both "
            "parties have understood that it is necessary to show that they have nothing to hide.")
    assert "presidential contenders of both parties" in mentions(text)


@pytest.mark.parametrize(("text", "mention"), [
    # A lone article or preposition is no mention (the speakers stage then uses the context).
    ("The most popular punching bag in golf finally said \u201cno mas.\u201d", None),
    ("To jog your memory we have a clip of a sleepy Dan in bed talking about being \u201csuper excited\u201d about "
     "the trip, in which the group will share stories.", None),
    # A sentence adverb taken as the subject gives way to the pronoun after its comma.
    ("Nonetheless, she played nice by tracking down Tracy in the bedroom where she had gone to cry and, without "
     "meaning a word of it, told Tracy she was \u201cone of the most amazing women I have ever met.\u201d", "she"),
])
def test_lone_articles_and_sentence_adverbs_are_no_mentions(text: str, mention: str | None) -> None:
    got = mentions(text)
    assert got and got[0] == mention, got


def test_a_long_role_with_its_institution_before_a_postposed_name() -> None:
    text = ("But observers say there may be a method to his messages.\n\n\u201cThere is a tried-and-true method in "
            "Canadian politics,\u201d University of the Fraser Valley political scientist Hamish Telford said.")
    assert "Hamish Telford" in mentions(text)


def test_a_sentence_opening_with_a_name_and_its_verb_has_no_introduction() -> None:
    text = ("Hundreds of protesters rallied on Saturday.\n\nVern Sparkes was one of them, upset there was not a "
            "referendum on the pact, calling it a \u201cglobal takeover.\u201d")
    assert "Vern Sparkes" in mentions(text)


@pytest.mark.parametrize(("text", "mention"), [
    # An organisation's name with "and" and role words lead on to the inverted speaker's name.
    ("Results are \u201cvery exciting,\u201d says Heart and Stroke senior manager Erin Kim, who leads the project.",
     "Heart and Stroke senior manager Erin Kim"),
    ("\u201cPence did all the things right,\u201d said MSNBC host Chris Matthews.", "MSNBC host Chris Matthews"),
])
def test_inverted_speakers_with_organisations_and_roles(text: str, mention: str) -> None:
    assert mention in mentions(text)
