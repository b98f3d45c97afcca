"""Hand-written table tests for entities.py (the shipped model, quotewire/extract/models/ner_model.json)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.extract import entities
from quotewire.extract.entities import Entity, recognize_entities, tokenize
from quotewire.extract.segment import split_sentences


def names(text: str, mode: str = "fast") -> list[tuple[str, str]]:
    found = recognize_entities(text, split_sentences(text), mode=mode)  # type: ignore[arg-type]
    return [(text[e.start:e.end], e.label) for e in found]


# (text, names that must be found with their label, strings that must not be a name or part of one)
CASES: list[tuple[str, list[tuple[str, str]], list[str]]] = [
    # titles stay outside the person's span
    ("President Barack Obama met Prime Minister Justin Trudeau in Ottawa on Monday.",
     [("Barack Obama", "person"), ("Justin Trudeau", "person"), ("Ottawa", "place")], ["President", "Minister"]),
    ("Dr. Sarah Mitchell said the results were encouraging.", [("Sarah Mitchell", "person")], ["Dr."]),
    # a company speaking
    ("Facebook said on Tuesday that it would hire more staff.", [("Facebook", "organization")], []),
    # a two-word place
    ("Floods closed roads across New Brunswick on Sunday.", [("New Brunswick", "place")], []),
    # an organisation with "of"; the person before it ends at the name
    ("Kent Moore, a professor at the University of Toronto, said the trend would continue.",
     [("Kent Moore", "person"), ("University of Toronto", "organization")], []),
    # a sentence adverb before a name is not part of it
    ("Although Trump said he would sign the bill, aides were unsure.", [("Trump", "person")], ["Although"]),
    ("Meanwhile, Angela Merkel flew to Paris.", [("Angela Merkel", "person"), ("Paris", "place")], ["Meanwhile"]),
    # the possessive is outside the name
    ("Germany's economy grew faster than expected.", [("Germany", "place")], ["'s"]),
    # lower-case words are not names
    ("the company said it would cut jobs at the plant next year.", [], ["company", "plant"]),
]


@pytest.mark.parametrize(("text", "expected", "absent"), CASES)
def test_names_and_labels(text: str, expected: list[tuple[str, str]], absent: list[str]) -> None:
    found = names(text)
    for item in expected:
        assert item in found
    for word in absent:
        assert not any(word in name.split() or name == word for name, _ in found)


@pytest.mark.parametrize(("text", "expected", "absent"), CASES)
def test_full_mode_agrees_on_cased_text(text: str, expected: list[tuple[str, str]], absent: list[str]) -> None:
    assert names(text, "full") == names(text, "fast")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("He didn't see Trump's plane.", ["He", "did", "n't", "see", "Trump", "'s", "plane", "."]),
        ("The U.S. and Mr. O'Brien", ["The", "U.S.", "and", "Mr.", "O'Brien"]),
        ("Jody Wilson-Raybould spoke.", ["Jody", "Wilson", "-", "Raybould", "spoke", "."]),
        ("It cost $4.5 million, she said.", ["It", "cost", "$", "4.5", "million", ",", "she", "said", "."]),
    ],
)
def test_tokenize_like_ewt(text: str, tokens: list[str]) -> None:
    assert [text[s:e] for s, e in tokenize(text)] == tokens


def test_offsets_are_exact_within_a_longer_text() -> None:
    text = "Markets fell.\n\n  The mayor, Doug McCallum, spoke in Surrey.  Jody Wilson-Raybould agreed."
    found = recognize_entities(text, split_sentences(text))
    spans = [text[e.start:e.end] for e in found]
    assert "Doug McCallum" in spans and "Jody Wilson-Raybould" in spans
    for e in found:
        assert isinstance(e, Entity)
        assert text[e.start:e.end] == text[e.start:e.end].strip()


def test_model_loads_once_and_output_is_deterministic() -> None:
    text = "Ottawa police said Maria Lopez left Google in May."
    first = recognize_entities(text, split_sentences(text))
    assert entities._tagger() is entities._tagger()
    entities._tagger()._cache.clear()
    assert recognize_entities(text, split_sentences(text)) == first


def test_no_sentences_no_entities() -> None:
    assert recognize_entities("", []) == []
    assert recognize_entities("nothing here in lower case.", split_sentences("nothing here in lower case.")) == []


WORDS = st.sampled_from(["Trump", "said", "the", "New", "York", "Times", "of", "Toronto", "'s", ",", ".", "\n",
                         "Mr.", "she", "U.S.", "Google", "Wilson-Raybould", "\"", "(", "ÉCOLE", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=40), st.sampled_from(["fast", "full"]))
def test_spans_inside_text_sorted_and_disjoint(words: list[str], mode: str) -> None:
    text = " ".join(words)
    found = recognize_entities(text, split_sentences(text), mode=mode)  # type: ignore[arg-type]
    prev_end = 0
    for e in found:
        assert 0 <= prev_end <= e.start < e.end <= len(text)
        assert e.label in ("person", "organization", "place")
        assert text[e.start:e.end].strip() == text[e.start:e.end]
        prev_end = e.end
