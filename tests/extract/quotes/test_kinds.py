"""``kind`` of a quote: ``speech`` (said, wrote) or ``stance`` (holds, did), from cue and rule."""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.quotes.kinds import quote_kind
from quotewire.extract.segment import split_sentences


def kinds_of(text: str) -> dict[str, str]:
    """Each quote's cue text (or rule when it has none) -> its kind."""
    return {(q.cue.text if q.cue else q.rule): q.kind for q in extract_quotes(text, split_sentences(text))}


# (text, cue, kind): short hand-written cases, one per family.
CASES = [
    ("The mayor said the bridge would reopen in May.", "said", "speech"),
    ("Smith told reporters that the plan was dead.", "told", "speech"),
    ('"We will win," she wrote on Facebook.', "wrote", "speech"),
    ("According to the police, two men were arrested.", "According to", "speech"),
    ("The senator accused the governor of lying about the budget.", "accused", "speech"),
    ('"Go home," Smith barked at the crowd.', "barked", "speech"),
    ("The ministry denied that any soldiers had crossed the border.", "denied", "speech"),
    ("In a blog post, she wrote that the plan had failed.", "wrote", "speech"),
    # Stances and actions: a user who wants quotes does not want these.
    ("She wrote her first cookbook in 1991 in Paris.", "wrote", "stance"),
    # A passive cue's subject is its target, or a thing's name; quoted words were still spoken.
    ("Schumer has been praised, but also criticized, for not forcing his senators to vote.", "praised", "stance"),
    ("Trudeau was asked twice what the government is doing to protect the jobs.", "asked", "stance"),
    ("Alberta Milk has a program called Club Moo that encourages schools to offer milk.", "called", "stance"),
    ("An activist called the decision a betrayal of the whole city.", "called", "speech"),
    ("The arrest was described as \u201cbasically kidnapping\u201d in state media.", "described", "speech"),
    ("Researchers have for years been saying that governments need to act.", "saying", "speech"),
    # Speaking about a topic reports no words ("spoke highly of", "spoke about").
    ("Raptors guard Fred VanVleet spoke highly of Gasol shortly before the game in Atlanta.", "spoke", "stance"),
    # Nothing was said.
    ("Facebook did not say whether it agreed to the conditions.", "say", "stance"),
    ("He won't say what the message on the board is.", "say", "stance"),
    ("The governor signed the bill into law on Tuesday.", "signed", "stance"),
    ("The company released a plan to cut emissions by half.", "released", "stance"),
    ("The province denied a request by the school district to replace the building.", "denied", "stance"),
    ("The union supports the proposal to raise wages for nurses.", "supports", "stance"),
]


@pytest.mark.parametrize(("text", "cue", "kind"), CASES)
def test_kind_of_quote(text: str, cue: str, kind: str) -> None:
    found = kinds_of(text)
    assert found.get(cue) == kind, found


@pytest.mark.parametrize(
    ("cue", "rule", "qtype", "kind"),
    [
        ("said", "say_clause", "indirect", "speech"),
        ("announced", "say_that", "indirect", "speech"),  # "announced that ..."
        ("announced", "say_clause", "indirect", "stance"),  # "announced a policy ..."
        ("reported", "accuse_object", "indirect", "stance"),  # "reported a profit"
        (None, "floating_continuation", "direct", "speech"),
        (":", "fallback_mixed", "direct", "speech"),  # 'ANALYST VIEWPOINT: "..."'
        ("looking for", "accuse_object", "indirect", "stance"),
        ("hopes", "say_that", "indirect", "stance"),  # a belief, not an utterance
    ],
)
def test_quote_kind_table(cue: str | None, rule: str, qtype: str, kind: str) -> None:
    assert quote_kind(cue, rule, qtype) == kind


@pytest.mark.parametrize(
    ("cue", "content", "kind"),
    [("pleaded", "guilty to criminal charges in connection with a fraud probe", "stance"),
     ("pleaded", "not guilty to all counts", "stance"),
     ("pleaded", "with the council to keep the library open", "speech"),
     # A clause-reporting cue with a clause (subject pronoun, "there") reports speech.
     ("confirmed", "there are no plans to do this", "speech"),
     ("announced", "he will step down in June", "speech"),
     ("announced", "a policy that diverged sharply from its rivals'", "stance")],
)
def test_kind_depends_on_the_content(cue: str, content: str, kind: str) -> None:
    assert quote_kind(cue, "say_clause", "indirect", content) == kind
