"""Sentence and paragraph segmentation: offsets, abbreviations, initials, paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.segment import paragraphs, split_sentences


def sentence_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
        ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
        ("The U.S. economy grew. Prices fell.", ["The U.S. economy grew.", "Prices fell."]),
        ('"We won," he said. "Again."', ['"We won," he said.', '"Again."']),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("the genocide. the end", ["the genocide. the end"]),
        ("It was 3.5 percent. Then 4.", ["It was 3.5 percent.", "Then 4."]),
        ("No final stop", ["No final stop"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_paragraphs_are_lines_stripped_of_blanked_boilerplate() -> None:
    text = "First line.\n      \n   Second line.   \n\nThird."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second line.", "Third."]


def test_sentences_carry_their_paragraph_index() -> None:
    text = "One. Two.\n\nThree."
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1]


def test_sentences_never_cross_a_line() -> None:
    text = 'He said "it goes on\nand on."'
    assert all("\n" not in t for t in sentence_texts(text))


@given(st.text(alphabet=st.sampled_from(list('Ab .?!"\u201c\u201d\n Mr.U.S')), max_size=200))
def test_offsets_slice_back(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        prev_end = s.end
