"""Sentence and paragraph segmentation: offsets, abbreviations, initials, paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotewire.extract.segment import paragraphs, split_sentences


def sentence_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
        ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
        ("The U.S. economy grew. Prices fell.", ["The U.S. economy grew.", "Prices fell."]),
        # A photo credit in spaced parentheses opens a new sentence after a full stop.
        ("Purdy lost weight. ( Richard Lautens / Toronto Star ) Farinloye says he is happy.",
         ["Purdy lost weight.", "( Richard Lautens / Toronto Star ) Farinloye says he is happy."]),
        ("It rose. (Reuters) It fell.", ["It rose.", "(Reuters) It fell."]),
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


def test_sentences_never_cross_a_blank_line() -> None:
    text = 'He said "it goes on\n\nand on."'
    assert all("\n" not in t for t in sentence_texts(text))


def test_a_soft_wrap_inside_a_sentence_is_joined() -> None:
    # The line ends mid-sentence and the next starts in lower case: one paragraph, one sentence.
    text = 'He said "it goes on\nand on."'
    assert sentence_texts(text) == [text]


def test_one_paragraph_per_line_stays_so() -> None:
    text = "Storm Hits Coast\nWinds reached 100 km/h on Monday, officials said.\nSchools closed early.\n"
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 2]


REUTERS = (
    "Showers continued throughout the week in\n"
    "the Bahia cocoa zone, alleviating the drought since early\n"
    "January and improving prospects for the coming temporao,\n"
    "Comissaria Smith said in its weekly review.\n"
    "    The dry period means the temporao will be late this year.\n"
    "    Arrivals for the week ended February 22 were 155,221 bags\n"
    "of 60 kilos making a cumulative total for the season of 5.93\n"
    "mln against 5.81 at the same stage last year, the company said.\n"
)


def test_hard_wrapped_wire_copy_is_joined_into_paragraphs() -> None:
    from quotewire.extract.segment import text_paragraphs

    paras = [REUTERS[s:e] for s, e in text_paragraphs(REUTERS)]
    assert len(paras) == 3
    assert paras[0].startswith("Showers") and paras[0].endswith("weekly review.")
    assert paras[1] == "The dry period means the temporao will be late this year."
    assert paras[2].startswith("Arrivals") and paras[2].endswith("the company said.")
    sents = sentence_texts(REUTERS)
    assert sents[0].endswith("Comissaria Smith said in its weekly review.")


def test_hard_wrapped_attribution_is_one_quote() -> None:
    from quotewire.extract.quotes import extract_quotes

    quotes = extract_quotes(REUTERS, split_sentences(REUTERS))
    company = [q for q in quotes if q.mention is not None and q.mention.text == "the company"]
    assert company and company[0].content.text.startswith("Arrivals for the week")
    assert "\n" in company[0].content.text  # the content runs across the wrapped lines


@given(st.text(alphabet=st.sampled_from(list('Ab .?!"\u201c\u201d\n Mr.U.S')), max_size=200))
def test_offsets_slice_back(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        prev_end = s.end


@pytest.mark.parametrize("run", [".", "!", "?", "?!.", ". "])
def test_runs_of_terminal_punctuation_split_in_linear_time(run: str) -> None:
    # Issue 17, item 10: every mark of a run used to start a match that rescanned the rest of
    # the run (30,000 dots: about 20 s; 120 KB: minutes). Linear now: milliseconds.
    import time

    text = "It began. " + run * (30_000 // len(run)) + " and it ended."
    t0 = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - t0 < 1.0
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
