"""Missed families: quoted fragments attributed by "in X's words", quotes after an unlisted verb."""

from __future__ import annotations

import pytest

from quotewire.extract.quotes import extract_quotes
from quotewire.extract.segment import split_sentences


def found(text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(rule, cue, mention, content) of every quote of ``text``."""
    return [
        (q.rule, q.cue.text if q.cue else None, q.mention.text if q.mention else None, q.content.text)
        for q in extract_quotes(text, split_sentences(text))
    ]


@pytest.mark.parametrize(
    ("text", "mention", "content"),
    [
        # "in X's words" attributes the quotation next to it, a fragment inside the sentence.
        ("She kept a shrine to him. It had, in her words, become \u201cunhealthy.\u201d", "her", "\u201cunhealthy.\u201d"),
        ('The plan was, in the words of Jane Smith, "a disaster waiting to happen."', "Jane Smith",
         '"a disaster waiting to happen."'),
        ("In Trump's own words, \"nobody knew health care could be so complicated.\"", "Trump",
         '"nobody knew health care could be so complicated."'),
        ('"We lost," in his words.', "his", '"We lost,"'),
        # An unlisted past tense before a comma and a quoted sentence speaks it.
        ("Back at the party she picked it up and crowed, \u201cOh, it\u2019s my rose,\u201d which upset Tracy.", "she",
         "\u201cOh, it\u2019s my rose,\u201d"),
        ('The coach shrugged, "We will see what happens next week."', "The coach",
         '"We will see what happens next week."'),
    ],
)
def test_missed_family_found(text: str, mention: str, content: str) -> None:
    quotes = found(text)
    assert any(m == mention and c == content for _, _, m, c in quotes), quotes


@pytest.mark.parametrize(
    "text",
    [
        "He wrote the book in his own words.",  # no quotation: nothing to attribute
        'In 2016, the company moved, "quietly" as ever, to Dallas.',  # "moved" is no verb of speaking
        'She was excited, "happy" even.',  # a fragment, not a quoted sentence
    ],
)
def test_no_quote_without_the_family(text: str) -> None:
    quotes = found(text)
    assert not any(r in ("in_words", "direct_preposed") for r, _, _, _ in quotes), quotes


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # A medium noun right after the verb is the complement's subject, not an adjunct of the cue.
        ("Nunes said the memo was accurate.", "the memo was accurate"),
        ("The minister said the report was wrong on every count.", "the report was wrong on every count"),
    ],
)
def test_a_medium_noun_opening_the_complement_stays_in_it(text: str, content: str) -> None:
    assert any(c == content for _, _, _, c in found(text)), found(text)
