"""Tables for the rule functions, one module of ``quotewire.extract.quotes`` at a time.

Each row calls one named rule function (or the dispatcher that reaches it) on a sentence
written for the table, not taken from any corpus; the end-to-end cases are in test_quotes.py.
"""

from __future__ import annotations

import pytest

from quotewire.extract.model import Quote
from quotewire.extract.quotes import extract_quotes
from quotewire.extract.quotes.indirect import (
    _coordinated,
    _coordinated_list,
    _cue_subject,
    _indirect,
    _participle,
    _postposed_inverted,
    _say_no_subject,
)
from quotewire.extract.quotes.marks import _find_marks, _Mark
from quotewire.extract.quotes.mentions import _np_back, _np_common, _np_counted, _np_name_run
from quotewire.extract.quotes.mixed import (
    _as_label,
    _fallback_cue,
    _fallback_mixed,
    _fallback_name_colon,
    _fallback_phrase,
)
from quotewire.extract.quotes.phrase_cues import _made_clear
from quotewire.extract.quotes.tokens import _CUES, _Cand, _cue_word, _Tok, _tokens
from quotewire.extract.segment import split_sentences


def toks_of(text: str) -> tuple[list[_Tok], list[_Mark]]:
    """Tokens and paired quotations of a one-paragraph text."""
    marks = _find_marks(text, [(0, len(text))])
    return _tokens(text, 0, len(text), marks), marks


def at(toks: list[_Tok], word: str) -> int:
    """Index of the first token spelled ``word`` (lower case)."""
    return next(i for i, t in enumerate(toks) if t.low == word)


def shown(text: str, c: _Cand | None) -> tuple[str, list[str], str | None, str | None] | None:
    """(rule, content parts, cue, mention) of a candidate as text."""
    if c is None:
        return None
    cue = text[c.cue[0] : c.cue[1]] if c.cue else None
    mention = text[c.mention[0] : c.mention[1]] if c.mention else None
    return c.rule, [text[a:b] for a, b in c.parts], cue, mention


# --- indirect: the rule functions _indirect tries, reached through it ---------------------------
# (text, cue word, rule, content parts, mention); the mention of a participle or shared-subject
# rule is left to the caller (None here).
INDIRECT = [
    ("The proposal was rejected by the city council on Monday.", "rejected", "passive_by",
     ["The proposal"], "the city council"),
    ("The plan is dead, said Senator Jane Smith.", "said", "postposed_inverted",
     ["The plan is dead"], "Senator Jane Smith"),
    ("The contrast between them, said Doyle, would be clear to every voter.", "said", "postposed_inverted",
     ["The contrast between them", "would be clear to every voter"], "Doyle"),
    ("He spoke for an hour, adding that the plan was dead.", "adding", "participle",
     ["that the plan was dead"], None),
    ("Smith said the plan was dead and called the vote a farce.", "called", "coordinated",
     ["the vote a farce"], None),
    ("He praised the deal, criticized her plan and walked out.", "criticized", "coordinated_list",
     ["her plan"], None),
    ("She went on television to say that the plan was dead.", "say", "say_no_subject",
     ["that the plan was dead"], "She"),
    ("The plan is dead, Smith said on Tuesday.", "said", "postposed", ["The plan is dead"], "Smith"),
    ("Though the transition was seamless, he said, replacing her would be harder.", "said", "parenthetical",
     ["Though the transition was seamless", "replacing her would be harder"], "he"),
    ("Smith accused the mayor of lying about the budget.", "accused", "accuse_object",
     ["the mayor of lying about the budget"], "Smith"),
    ("Trump avoids condemning the invasion of Ukraine.", "condemning", "accuse_object",
     ["the invasion of Ukraine"], "Trump"),
    ("Smith said that the plan was dead.", "said", "say_that", ["that the plan was dead"], "Smith"),
    ("Smith told reporters the plan was dead.", "told", "tell_clause", ["the plan was dead"], "Smith"),
    ("Smith said the plan was dead.", "said", "say_clause", ["the plan was dead"], "Smith"),
    ("The town released a statement saying the plan was dead.", "saying", "say_clause",
     ["the plan was dead"], "The town"),
    ("The fees, which officials said will rise next year, are high.", "said", "relative_said",
     ["which", "will rise next year"], "officials"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "rule", "parts", "mention"), INDIRECT)
def test_indirect_rules(text: str, cue: str, rule: str, parts: list[str], mention: str | None) -> None:
    toks, _ = toks_of(text)
    k = at(toks, cue)
    got = shown(text, _indirect(toks, k, len(toks), _cue_word(toks[k])))
    assert got == (rule, parts, cue, mention)


@pytest.mark.parametrize(
    "text",
    [
        "His comments came after the vote.",  # a noun: "comments came"
        "He backed off from the plan.",  # a phrasal verb of action
        "She appeared on a show on Monday.",  # only "appeared to ..." reports an impression
        "It was reported by the agency.",  # a passive without content
    ],
)
def test_indirect_guards(text: str) -> None:
    toks, _ = toks_of(text)
    k = next(i for i, t in enumerate(toks) if t.low in ("comments", "backed", "appeared", "reported"))
    assert _indirect(toks, k, len(toks), _cue_word(toks[k])) is None


# The rule functions called directly: (function, text, cue word, content parts or None).
DIRECT_CALLS = [
    (_participle, "He spoke for an hour, adding that the plan was dead.", "adding", ["that the plan was dead"]),
    (_participle, "He left the room, saying goodbye.", "saying", None),  # "goodbye" is no content
    (_coordinated, "Smith said the plan was dead and called the vote a farce.", "called", ["the vote a farce"]),
    (_coordinated_list, "He praised the deal, criticized her plan and walked out.", "criticized", ["her plan"]),
    (_say_no_subject, "She went on television to say that the plan was dead.", "say", ["that the plan was dead"]),
    (_say_no_subject, "She went home to say goodbye.", "say", None),  # no clause opens after "say"
]


@pytest.mark.parametrize(("rule", "text", "cue", "parts"), DIRECT_CALLS)
def test_rule_functions_called_directly(rule: object, text: str, cue: str, parts: list[str] | None) -> None:
    toks, _ = toks_of(text)
    c = at(toks, cue)
    got = rule(toks, c, len(toks), cue, (toks[c].start, toks[c].end), 1.0)  # type: ignore[operator]
    assert (None if got is None else [text[a:b] for a, b in got.parts]) == parts


@pytest.mark.parametrize(
    ("text", "parts", "mention"),
    [
        ("The plan is dead, said Senator Jane Smith.", ["The plan is dead"], "Senator Jane Smith"),
        ("The plan is dead, said the spending numbers he saw were low.", None, None),  # a clause, no speaker
        ("Ah, said Smith.", None, None),  # too short a content before the cue
    ],
)
def test_postposed_inverted(text: str, parts: list[str] | None, mention: str | None) -> None:
    toks, _ = toks_of(text)
    c = at(toks, "said")
    got = shown(text, _postposed_inverted(toks, c, len(toks), (toks[c].start, toks[c].end), 1.0))
    assert ((got[1], got[3]) if got else (None, None)) == (parts, mention)


@pytest.mark.parametrize(
    ("text", "cue", "subject", "catenative", "issued"),
    [
        ("Smith said the plan was dead.", "said", "Smith", False, False),
        ("Trump avoids condemning the invasion.", "condemning", "Trump", True, False),
        ("The town released a statement saying the plan was dead.", "saying", "The town", False, True),
        ("Several experts on the region said it was over.", "said", "Several experts", False, False),
        ("Meanwhile, saying the plan was dead, he left.", "saying", None, False, False),
    ],
)  # fmt: skip
def test_cue_subject(text: str, cue: str, subject: str | None, catenative: bool, issued: bool) -> None:
    toks, _ = toks_of(text)
    np, cat, iss = _cue_subject(toks, at(toks, cue), cue)
    assert (text[toks[np[0]].start : toks[np[1] - 1].end] if np else None, cat, iss) == (subject, catenative, issued)


# --- mentions: the three shapes of _np_back ----------------------------------------------------
# (function, text, the word the phrase ends before, expected phrase or None)
MENTIONS = [
    (_np_back, "More than six in 10 said they would vote.", "said", "More than six in 10"),
    (_np_back, "The New York businessman said the plan is dead.", "said", "The New York businessman"),
    (_np_back, "Turkish President Recep Tayyip Erdogan said it.", "said", "Turkish President Recep Tayyip Erdogan"),
    (_np_back, "Jason Chaffetz (R-Utah) said the plan is dead.", "said", "Jason Chaffetz"),
    (_np_back, "Clinton's tax plan said nothing.", "said", None),
    (_np_counted, "More than six in 10 said they would vote.", "said", "More than six in 10"),
    (_np_counted, "Another says the plan is dead.", "says", "Another"),
    (_np_counted, "Most said the plan is dead.", "said", None),  # a bare "most" is too vague
    (_np_common, "The New York businessman said the plan is dead.", "said", "The New York businessman"),
    (_np_common, "In addition, Republican opponents have said so.", "have", "Republican opponents"),
    (_np_common, "Activists on the ground accused the army.", "accused", "Activists"),
    (_np_common, "Clinton's tax plan said nothing.", "said", None),  # "plan" is no agent
    (_np_name_run, "Mr. Morgan of the Sierra Club said the plan is dead.", "said", "Mr. Morgan of the Sierra Club"),
    (_np_name_run, "People close to Clinton say the plan is dead.", "say", "People close to Clinton"),
    (_np_name_run, "But Smith said the plan is dead.", "said", "Smith"),
]


@pytest.mark.parametrize(("shape", "text", "before", "phrase"), MENTIONS)
def test_speaker_noun_phrases(shape: object, text: str, before: str, phrase: str | None) -> None:
    toks, _ = toks_of(text)
    np = shape(toks, at(toks, before), 0)  # type: ignore[operator]
    assert (text[toks[np[0]].start : toks[np[1] - 1].end] if np else None) == phrase


# --- phrase cues -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She made clear that the plan was dead.", ("say_that", ["that the plan was dead"], "made clear", "She")),
        ("She made clear her plans for the summer.", None),
    ],
)
def test_made_clear(text: str, expected: tuple[str, list[str], str, str] | None) -> None:
    toks, _ = toks_of(text)
    assert shown(text, _made_clear(toks, at(toks, "made"), len(toks))) == expected


# --- mixed: the recall fallbacks ---------------------------------------------------------------
# (text, rule, content, cue, mention) of the one fallback quote; None: no fallback.
FALLBACKS = [
    ('Smith warned of the "hidden costs of technology" that nobody sees.',
     ("fallback_mixed", ['the "hidden costs of technology" that nobody sees'], "warned", "Smith")),
    ('Reid has gone after Trump as a "human leech" for years.',
     ("as_label", ['Trump as a "human leech"'], "gone after", "Reid")),
    ('"You are a disgrace to the party," an angry Lopez retorted.',
     ("fallback_mixed", ['"You are a disgrace to the party,"'], "retorted", "an angry Lopez")),
    ('The list went on. Jane Roe: "We will never give up on this."',
     ("fallback_mixed", ['"We will never give up on this."'], ":", "Jane Roe")),
    ('He bought the so-called "miracle cure for everything" online.', None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FALLBACKS)
def test_fallback_mixed(text: str, expected: tuple[str, list[str], str, str] | None) -> None:
    toks, marks = toks_of(text)
    got = [shown(text, c) for c in _fallback_mixed(text, toks, marks, [], None)]
    assert got == ([expected] if expected else [])


def _first_mark(text: str) -> tuple[list[_Tok], _Mark, int]:
    toks, marks = toks_of(text)
    return toks, marks[0], next(i for i, t in enumerate(toks) if t.start >= marks[0].start)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('Smith warned of the "hidden costs of technology" that nobody sees.', "warned"),
        ('Smith mocked the "hidden costs of technology" that nobody sees.', "mocked"),  # unlisted past tense
        ('Smith seemed to like the "hidden costs of technology" that nobody sees.', None),
        ('He bought the so-called "miracle cure for everything" online.', None),
    ],
)
def test_fallback_cue(text: str, cue: str | None) -> None:
    toks, _, tk = _first_mark(text)
    c = _fallback_cue(toks, tk, _CUES.get().listed)
    assert (toks[c].low if c >= 0 else None) == cue


def test_as_label_name_colon_and_phrase_called_directly() -> None:
    text = 'Reid has gone after Trump as a "human leech" for years.'
    toks, m, tk = _first_mark(text)
    assert shown(text, _as_label(toks, tk, m, -1, set(), None)) == (
        "as_label",
        ['Trump as a "human leech"'],
        "gone after",
        "Reid",
    )
    assert _as_label(toks, tk, m, -1, {toks[at(toks, "gone")].start}, None) is None  # its cue is taken

    text = 'The list went on. Jane Roe: "We will never give up on this."'
    toks, m, tk = _first_mark(text)
    assert shown(text, _fallback_name_colon(toks, tk, m, -1)) == (
        "fallback_mixed",
        ['"We will never give up on this."'],
        ":",
        "Jane Roe",
    )

    text = 'Smith warned of the "hidden costs of technology" that nobody sees.'
    toks, m, tk = _first_mark(text)
    listed = _CUES.get().listed
    c = at(toks, "warned")
    assert shown(text, _fallback_phrase(toks, tk, m, c, -1, set(), listed, None)) == (
        "fallback_mixed",
        ['the "hidden costs of technology" that nobody sees'],
        "warned",
        "Smith",
    )
    assert _fallback_phrase(toks, tk, m, c, len(text), set(), listed, None) is None  # covered already


# --- continuations: parts, paragraphs and floating quotes, end to end --------------------------
def rules_of(text: str) -> list[tuple[str, int, str]]:
    quotes: list[Quote] = extract_quotes(text, split_sentences(text))
    return [(q.rule, q.group, q.content.text) for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # _continues_turn: a second part after the attribution sentence.
        ('"We are ready," he said. "The team has worked hard for this."',
         [("direct_postposed", 0, '"We are ready,"'),
          ("direct_postposed", 0, '"The team has worked hard for this."')]),
        # _continues_postposed: a quotation after a postposed indirect attribution.
        ('The plan is dead, Schiff said. "We will not vote for it again."',
         [("postposed", 0, "The plan is dead"), ("postposed", 0, '"We will not vote for it again."')]),
        # _previous_paragraph_intro, both forms.
        ('Cruz continued:\n"We will fight this plan in every court in the land."',
         [("colon_previous_paragraph", 0, '"We will fight this plan in every court in the land."')]),
        ('Her mother, Fatemah, tweeted from the account on Wednesday.\n"We are so proud of her and all she has done."',
         [("intro_previous_paragraph", 0, '"We are so proud of her and all she has done."')]),
        # _colon_block: an unquoted block after "X added:".
        ("Limbaugh added:\nThe plan is dead, and everyone in Washington says so.",
         [("colon_block", 0, "The plan is dead, and everyone in Washington says so")]),
        # _floating_continuation: a whole quote paragraph after an attributed quote.
        ('"We are ready for the vote," Smith said.\n"The team has worked hard for this moment and we will win."',
         [("direct_postposed", 0, '"We are ready for the vote,"'),
          ("floating_continuation", 1, '"The team has worked hard for this moment and we will win."')]),
    ],
)  # fmt: skip
def test_continuation_rules(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert rules_of(text) == expected
