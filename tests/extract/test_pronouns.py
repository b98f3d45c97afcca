"""Hand-written table tests for pronouns.py (the shipped weights, quotewire/extract/models/pronoun_weights.json)."""

from __future__ import annotations

import re

import pytest

from quotewire.extract import pronouns
from quotewire.extract.pronouns import Candidate

SPEAKER_GAP = pytest.mark.xfail(
    reason="known gap: GUM has few news speech tags, the trained weights prefer the more recent man", strict=False)

# (text, [(name, label, entity, gender)], pronoun occurrence "word#n", expected name (the k-th occurrence "name#k"))
CASES: list[object] = [
    # she after a place and a woman's name -> the woman
    ("Maria Lopez flew to Madrid on Monday. She met the minister there.",
     [("Maria Lopez", "PER", 0, "f"), ("Madrid", "LOC", 1, "")], "She#0", "Maria Lopez#0"),
    ("Anna Berg moved from Oslo to Vienna in 2019. Since then she has run a bakery.",
     [("Anna Berg", "PER", 0, "f"), ("Oslo", "LOC", 1, ""), ("Vienna", "LOC", 2, "")], "she#0", "Anna Berg#0"),
    # she with a man in between -> the woman (gender)
    ("Laura Chen hired Tom Hale last year. She praised his work.",
     [("Laura Chen", "PER", 0, "f"), ("Tom Hale", "PER", 1, "m")], "She#0", "Laura Chen#0"),
    # he with two men: the one followed by "said" (the speaker) is preferred
    pytest.param("Tom Hale said the deal with Mark Reed was fair. He expects a vote soon.",
     [("Tom Hale", "PER", 0, "m"), ("Mark Reed", "PER", 1, "m")], "He#0", "Tom Hale#0",
                 marks=SPEAKER_GAP),
    pytest.param("Peter Brown said on Tuesday that he would meet John Walsh. He added that talks went well.",
     [("Peter Brown", "PER", 0, "m"), ("John Walsh", "PER", 1, "m")], "He#0", "Peter Brown#0",
                 marks=SPEAKER_GAP),
    # it -> the organisation, not a person or an earlier place
    ("Acme Corp hired Jane Doe in May. It said profits rose.",
     [("Acme Corp", "ORG", 0, ""), ("Jane Doe", "PER", 1, "f")], "It#0", "Acme Corp#0"),
    ("Shares of Boeing fell after John Smith resigned. It plans to name a successor.",
     [("Boeing", "ORG", 0, ""), ("John Smith", "PER", 1, "m")], "It#0", "Boeing#0"),
    # they -> the organisation
    ("The Rangers signed Tom Hale on Friday. They paid a record fee.",
     [("Rangers", "ORG", 0, ""), ("Tom Hale", "PER", 1, "m")], "They#0", "Rangers#0"),
    # pronoun right after a quote -> the nearest earlier speaker
    pytest.param('"We are ready," said Dave Martell, who met Bob Jones in Ottawa. "The plan is solid," he said.',
     [("Dave Martell", "PER", 0, "m"), ("Bob Jones", "PER", 1, "m"), ("Ottawa", "LOC", 2, "")], "he#0",
     "Dave Martell#0", marks=SPEAKER_GAP),
    pytest.param("Dave Martell spoke on Monday. “We are ready,” Martell said of Bob Jones. “It will be hard,” "
                 "he said.",
     [("Dave Martell", "PER", 0, "m"), ("Martell", "PER", 0, "m"), ("Bob Jones", "PER", 1, "m")], "he#0",
     "Martell#1", marks=SPEAKER_GAP),
]


def find(text: str, spec: str) -> tuple[int, int]:
    word, _, k = spec.partition("#")
    hits = [m.span() for m in re.finditer(r"\b" + re.escape(word) + r"\b", text)]
    return hits[int(k or 0)]


def sentences(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"[.!?][\"”]?\s+(?=[\"“A-Z])", text)]


def build(text: str, names: list[tuple[str, str, int, str]]) -> list[Candidate]:
    spans = []
    used: set[tuple[int, int]] = set()
    for name, label, ent, gender in names:
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if m.span() not in used and not any(s <= m.start() < e for s, e in used):
                used.add(m.span())
                spans.append(Candidate(m.start(), m.end(), label, ent, gender))
                break
    return sorted(spans, key=lambda c: c.start)


@pytest.mark.parametrize(("text", "names", "pron", "want"), CASES)
def test_table(text: str, names: list[tuple[str, str, int, str]], pron: str, want: str) -> None:
    ranker = pronouns.default_ranker()
    p = find(text, pron)
    cands = [c for c in build(text, names) if c.end <= p[0]]
    got = ranker.antecedent(text, p, cands, sentences(text))
    assert got is not None
    wanted = [c.entity for c in cands if (c.start, c.end) == find(text, want)]
    assert [cands[got].entity] == wanted, text[cands[got].start:cands[got].end]


def test_never_raises() -> None:
    ranker = pronouns.default_ranker()
    text = "Acme Corp said it would grow."
    c = [Candidate(0, 9, "ORG", 0, "")]
    assert ranker.antecedent(text, (15, 17), c, [0]) == 0
    assert ranker.antecedent(text, (15, 17), [], [0]) is None
    assert ranker.antecedent(text, (15, 17), c, []) == 0
    assert ranker.antecedent(text, (10, 14), c, [0]) is None  # "said" is not a pronoun
    assert ranker.antecedent(text, (500, 502), c, [0]) is None
    assert ranker.antecedent("", (0, 2), c, [0]) is None
    assert ranker.antecedent(text, (15, 17), [Candidate(0, 900, "XX", 0, "?")], [0, 5, 2]) in (0, None)


def test_feature_names_unique_and_weights_loaded() -> None:
    assert len(set(pronouns.FEATURE_NAMES)) == len(pronouns.FEATURE_NAMES)
    assert any(w != 0.0 for w in pronouns.default_ranker().weights)
