"""The seed article end to end: expectations written by hand from reading it, not saved output.

CNN, "'Dear world, why are you silent?': Desperate pleas from inside Aleppo", 14 December 2016
(a Wednesday). Runs the pure pipeline in-process (no Prefect).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from quotewire.dataset.pipeline import Options, process_article
from quotewire.extract.model import Article
from tests.conftest import SEED

BOILERPLATE = ["Goodbye messages from Aleppo", "Story highlights", "01:31", "01:28",
               "Why is Aleppo so important", "Impact Your World", "CNN.com/impact", "(CNN)"]

# (a piece of the quotation, its type, the mention it rests on, the resolved speaker)
QUOTES = [
    ("Assad & Iranians broke the ceasefire", "direct", "Lina Shamy", "Lina Shamy"),
    ("Civilians are stuck in the city again", "direct", "she", "Lina Shamy"),
    ("the shelling had not stopped", "indirect", "Bilal Abdul Kareem", "Bilal Abdul Kareem"),
    ("regime forces are intensely shelling the Aleppo", "direct", "he", "Bilal Abdul Kareem"),
    ("rebels are ready to surrender", "indirect", "Kareem", "Bilal Abdul Kareem"),
    ("shelling and bombardment are back", "direct", "Salah Ashkar", "Salah Ashkar"),
    ("This is my last moment to either live or die", "direct", "she", "Bana"),
    ("Fear is killing me & my kids", "direct", None, "Fatemah"),
    ("Turkey will not leave the people of Aleppo alone", "direct", "he", "Recep Tayyip Erdogan"),
    ("A humanitarian corridor should be open", "direct", None, "Recep Tayyip Erdogan"),
    ("the regime of breaking the truce", "indirect", None, "Recep Tayyip Erdogan"),
]
DESCRIPTORS = {
    "Lina Shamy": "an activist in eastern Aleppo",
    "Bilal Abdul Kareem": "a Syria-based journalist for On the Ground News",
    "Salah Ashkar": "another activist in Aleppo",
    "Recep Tayyip Erdogan": "Turkish President",
    "Fatemah": "Her mother",
}
# (date text, value, a word of the action, a piece of the actor or None)
EVENTS = [
    ("November 27", "2016-11-27", "entered", "The Syrian regime"),
    ("Tuesday", "2016-12-13", "tweeted", None),
    ("Wednesday", "2016-12-14", "tweeted", "Her mother"),  # "Her mother, Fatemah, tweeted ..."
    ("Wednesday", "2016-12-14", "accused", "Erdogan"),
]


@pytest.fixture(scope="module")
def seed() -> tuple[str, dict[str, list[dict[str, Any]]]]:
    text = SEED.read_text(encoding="utf-8")
    art = Article(text=text, encoding="utf-8", source_path=SEED.name, published=dt.date(2016, 12, 14),
                  published_source="metadata", outlet=None)
    return text, process_article(art, SEED.name, Options())


@pytest.mark.parametrize("piece, qtype, mention, speaker", QUOTES, ids=[q[0][:30] for q in QUOTES])
def test_quote_found_with_its_speaker(seed: Any, piece: str, qtype: str, mention: str | None, speaker: str) -> None:
    _, rec = seed
    hits = [q for q in rec["quotes"] if piece in q["text"]]
    assert hits, f"quote {piece!r} not found"
    q = hits[0]
    assert q["speaker"] == speaker, q
    assert q["type"] == qtype, q
    if mention is not None:
        assert q["speaker_mention"] == mention, q


def test_speakers_and_descriptors(seed: Any) -> None:
    _, rec = seed
    by_name = {s["name"]: s for s in rec["speakers"]}
    for name, desc in DESCRIPTORS.items():
        assert name in by_name, f"speaker {name} missing: {sorted(by_name)}"
        assert desc in by_name[name]["descriptors"], by_name[name]
    kareem = by_name["Bilal Abdul Kareem"]
    assert {"he", "Kareem"} <= {m["text"] for m in kareem["mentions"]}
    assert kareem["quote_count"] >= 3
    # One speaker record per person in the document.
    assert len(by_name) == len(rec["speakers"])


@pytest.mark.parametrize("date_text, value, action, actor", EVENTS, ids=[f"{e[1]}-{e[2]}" for e in EVENTS])
def test_dated_events(seed: Any, date_text: str, value: str, action: str, actor: str | None) -> None:
    _, rec = seed
    hits = [e for e in rec["events"] if e["date_text"] == date_text and e["date_value"] == value
            and e["action"] and action in e["action"] and (actor is None or actor in (e["actor"] or ""))]
    assert hits, f"{date_text} -> {value} ({action}) missing: {[(e['date_text'], e['date_value'], e['actor'], e['action']) for e in rec['events']]}"
    assert hits[0]["period_start"] == hits[0]["period_end"] == value


def test_no_boilerplate_in_records_and_highlights_kept(seed: Any) -> None:
    _, rec = seed
    for table, field in (("quotes", "text"), ("events", "text"), ("speakers", "name")):
        for r in rec[table]:
            for b in BOILERPLATE:
                assert b not in r[field], f"boilerplate {b!r} in {table}: {r[field]!r}"
    doc = rec["documents"][0]
    assert doc["outlet"] == "CNN"
    assert doc["highlights"] == [
        "Tens of thousands of civilians are still trapped in eastern Aleppo",
        "A ceasefire collapsed less than a day after it was implemented",
    ]


def test_boilerplate_spans_cover_the_furniture_and_nothing_comes_from_them(seed: Any) -> None:
    """Every piece of furniture lies inside a ``boilerplate_spans`` entry; no quote, cue, mention,
    date or event clause overlaps one (the spans are what the cleaner blanked)."""
    text, rec = seed
    spans = [(s["start"], s["end"]) for s in rec["documents"][0]["boilerplate_spans"]]
    for b in BOILERPLATE:
        pos = 0
        while (i := text.find(b, pos)) >= 0:
            assert any(s <= i and i + len(b) <= e for s, e in spans), f"{b!r} at {i} outside every span"
            pos = i + 1
    for table, keys in (("quotes", ("text", "cue", "speaker_mention")), ("events", ("text", "date_text", "action"))):
        for r in rec[table]:
            for k in keys:
                if r[f"{k}_start"] is not None:
                    assert not any(s < r[f"{k}_end"] and r[f"{k}_start"] < e for s, e in spans), (table, k, r[k])


def test_offsets_slice_the_source(seed: Any) -> None:
    text, rec = seed
    for table in ("quotes", "events"):
        for r in rec[table]:
            for f in ("text", "cue", "speaker_mention", "date_text", "actor", "action"):
                if r.get(f"{f}_start") is not None:
                    assert text[r[f"{f}_start"] : r[f"{f}_end"]] == r[f], (table, f, r)
