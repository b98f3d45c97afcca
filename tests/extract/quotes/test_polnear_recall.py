"""Session 7b families of PolNeAR attributions the rules missed (``benchmarks/quote_kinds.md``).

Each table row is a short sentence of our own for one family; every new record that reports no
words is ``stance``, so the ``speech`` records (what a user reads as quotes) are unchanged.
"""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.segment import split_sentences


def found(text: str) -> list[tuple[str | None, str | None, str, str]]:
    """(cue, mention, content, kind) of every quote of ``text``."""
    return [
        (q.cue.text if q.cue else None, q.mention.text if q.mention else None, q.content.text, q.kind)
        for q in extract_quotes(text, split_sentences(text))
    ]


@pytest.mark.parametrize(
    ("text", "cue", "mention", "content"),
    [
        ("Many farmers believe the new tariff will ruin them.", "believe", "Many farmers",
         "the new tariff will ruin them"),
        ("The coach thinks that the season is already lost.", "thinks", "The coach",
         "that the season is already lost"),
        ("Ms. Ortega suspected her deputy had leaked the memo.", "suspected", "Ms. Ortega",
         "her deputy had leaked the memo"),
        ("Local bakers feel the new rules are far too strict.", "feel", "Local bakers",
         "the new rules are far too strict"),
        ('Burton thinks that cats are "cuties".', "thinks", "Burton", 'that cats are "cuties"'),
        # Postposed, as "..., X said.": a stance too ('"The bridge stays shut," Lopez believed.').
        ("The economy will recover by spring, the minister believes.", "believes", "the minister",
         "The economy will recover by spring"),
    ],
)
def test_belief_clause_is_a_stance(text: str, cue: str, mention: str, content: str) -> None:
    assert (cue, mention, content, "stance") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody believes it anymore.",  # an object pronoun: no clause
        "She thought so too.",  # a pro-form
        "The villagers believe in miracles.",  # a preposition: a faith, no proposition
        "He was trying to think of a name for the boat.",  # no believer before the verb
        "I felt sick after the long drive home.",  # two words: no clause
        "It can be proved beyond a reasonable doubt and what most people would consider fair.",  # a noun after an adjective
    ],
)
def test_no_belief_record(text: str) -> None:
    assert [q for q in found(text) if q[0] in ("believes", "believe", "thought", "think", "felt", "believed", "doubt")] == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # A pronoun or a name as an action cue's object ends before an adjunct of the act.
        ("The union endorsed her in July.", "endorsed", "her"),
        ("The senator attacked Machado in a string of late-night posts.", "attacked", "Machado"),
        ("He backed Clinton during the primary season.", "backed", "Clinton"),
        ("Farmers opposed it \u2014 and they still do.", "opposed", "it"),
        # A longer noun phrase keeps its words; a second complement stays too.
        ("The mayor opposed a plan to widen the road in the spring.", "opposed",
         "a plan to widen the road in the spring"),
        ("The critic described him as a fraud in her column.", "described", "him as a fraud in her column"),
        ("The governor criticized Tulsa, Okla., police for the delay.", "criticized",
         "Tulsa, Okla., police for the delay"),
    ],
)
def test_short_object_ends_before_adjunct(text: str, cue: str, content: str) -> None:
    assert [q[2] for q in found(text) if q[0] == cue] == [content]


@pytest.mark.parametrize(
    ("text", "cue", "mention", "content"),
    [
        # A counted group of respondents speaks, thinks or supports.
        ("On taxes, 42% say they want change.", "say", "42%", "they want change"),
        ("But 58 percent of rural voters overall said they were less likely to vote.", "said",
         "58 percent of rural voters", "they were less likely to vote"),
        ("Many in the crowd said the mayor was the only candidate they trusted.", "said", "Many in the crowd",
         "the mayor was the only candidate they trusted"),
        ("About two-thirds of the members think the plan will fail.", "think", "About two-thirds of the members",
         "the plan will fail"),
    ],
)
def test_counted_group_as_subject(text: str, cue: str, mention: str, content: str) -> None:
    assert [(q[1], q[2]) for q in found(text) if q[0] == cue] == [(mention, content)]


@pytest.mark.parametrize(
    "text",
    [
        "Last year, 58 percent of registered voters turned out.",  # an adjective, no cue
        "In 2015, 3,000 jobs were lost in the county.",  # no cue at all
    ],
)
def test_no_counted_group_record(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The senator won with tepid rural support, and now faces a harder race.",
        "The mayor cut into the governor's support across most of the state.",
        "Her broad support among party leaders helped her.",
        "They built a base of support that carried them to victory.",
    ],
)
def test_noun_support_is_no_cue(text: str) -> None:
    assert [q for q in found(text) if q[0] and q[0].startswith("support")] == []


def test_verb_support_is_a_cue() -> None:
    assert ("support", "Most teachers", "the new charter schools", "stance") in found(
        "Most teachers support the new charter schools."
    )
