"""Property tests (hypothesis): no stage raises, offsets slice back, records validate, IO round-trips.

Example counts are modest so the file runs in well under 30 s; ``benchmarks/fuzz.py`` runs the same
properties for a chosen time budget.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotewire.dataset import io as qio
from quotewire.dataset.pipeline import (
    Options,
    Quarantined,
    article_from_bytes,
    article_from_json_line,
    extract,
    parse_published,
    process_article,
)
from quotewire.dataset.schema import TABLES, validator
from quotewire.extract.clean import clean
from quotewire.extract.decode import decode
from quotewire.extract.model import Article
from quotewire.extract.segment import split_sentences

TODAY = dt.date(2026, 11, 27)
OPTS = Options(today=TODAY)

# Pieces of news text (quotes, cues, names, dates, boilerplate, odd characters) so random text
# reaches the quote/speaker/event rules instead of being called "und" and skipped.
PIECES = [
    "said", "told reporters", "added", "according to", "tweeted:", "he", "she", "they", "The minister", "Lina Shamy",
    "Recep Tayyip Erdogan", "Mr.", "U.S.", "officials", "the city", "that", "on Monday", "yesterday", "last week",
    "December 14, 2016", "Nov. 27", "in 2017", "next year", "tomorrow", "(CNN)", "WASHINGTON (Reuters) -",
    "Story highlights", "\u2022", "01:31", "JUST WATCHED", "Updated 2034 GMT (0434 HKT) December 14, 2016",
    '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", ":", ",", ".", "?", "!", "\u2014", "-",
    "(", ")", "\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "\x00", "\x07", "\u202e", "\u200f", "\ufeff", "\ufffd",
    "\u5317\u4eac", "\u0642\u0627\u0644", "caf\u00e9", "\U0001f600", "the", "of", "and", "to", "in", "is", "was",
    "for", "people", "ceasefire", "Aleppo", "A", "I", "We", "will", "not", "leave", "alone",
]
SEP = st.sampled_from([" ", " ", " ", "", "\n", ", "])
news_text = st.lists(st.tuples(st.sampled_from(PIECES) | st.text(max_size=4), SEP), max_size=80).map(
    lambda parts: "".join(a + b for a, b in parts)
)
any_text = news_text | st.text(max_size=300)
valid_unicode = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


def check_offsets(source: str, recs: dict[str, list[dict[str, Any]]]) -> None:
    """Every ``*_start``/``*_end`` pair lies inside ``source`` and slices to the recorded text."""
    for table, rows in recs.items():
        for rec in rows:
            for key, start in rec.items():
                base = key[: -len("_start")]
                if not key.endswith("_start") or base not in rec:  # period_start is a date, not an offset
                    continue
                end = rec[f"{base}_end"]
                if start is None:
                    assert end is None and rec[base] is None, f"{table}.{base}: half-null span {rec}"
                    continue
                assert 0 <= start <= end <= len(source), f"{table}.{base}: [{start}, {end}) outside 0..{len(source)}"
                assert source[start:end] == rec[base], f"{table}.{base}: slice {source[start:end]!r} != {rec[base]!r}"
            for m in rec.get("mentions", []):
                assert 0 <= m["start"] <= m["end"] <= len(source), f"{table}.mentions: {m} outside the text"
                assert source[m["start"] : m["end"]] == m["text"], f"{table}.mentions: {m} does not slice back"


@FAST
@given(st.binary(max_size=2000))
def test_decode_never_raises_and_yields_valid_utf8(data: bytes) -> None:
    d = decode(data)
    d.text.encode("utf-8")  # no lone surrogates: Parquet needs valid UTF-8
    assert d.problem is not None or d.text.strip(), "usable text with nothing in it"


@FAST
@given(st.binary(max_size=1000), st.one_of(st.none(), st.binary(max_size=200)))
def test_article_from_bytes_never_raises(data: bytes, sidecar: bytes | None) -> None:
    art = article_from_bytes(data, "a.txt", sidecar, options=OPTS)
    assert isinstance(art, (Article, Quarantined))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
json_objects = st.fixed_dictionaries(
    {},
    optional={"text": any_text | json_values, "id": json_values, "published": st.text(max_size=30) | json_values,
              "url": st.text(max_size=30) | json_values, "title": json_values, "outlet": json_values},
)


@FAST
@given(json_objects | json_values, st.integers(min_value=1, max_value=3))
def test_article_from_json_line_never_raises(obj: Any, line_no: int) -> None:
    line = json.dumps(obj).encode()
    art = article_from_json_line(line, "f.jsonl", line_no, options=OPTS)
    assert isinstance(art, (Article, Quarantined))
    if isinstance(art, Article):
        art.text.encode("utf-8")


@FAST
@given(st.binary(max_size=300))
def test_article_from_json_line_on_garbage_bytes(line: bytes) -> None:
    assert isinstance(article_from_json_line(line, "f.jsonl", 1, options=OPTS), (Article, Quarantined))


@FAST
@given(st.text(max_size=40) | st.dates().map(str) | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()))
def test_parse_published_never_raises(value: str) -> None:
    notes: list[str] = []
    d, at = parse_published(value, notes, TODAY)
    if d is None:
        assert at is None
    if at is not None:
        assert at.tzinfo is not None and at.utcoffset() == dt.timedelta(0), "published_at is not UTC"
        assert 1000 <= at.year <= 9000


@FAST
@given(any_text)
def test_clean_keeps_length_and_is_idempotent(text: str) -> None:
    c = clean(text)
    assert len(c.text) == len(text), "clean changed the length: offsets would shift"
    assert all(a == b or b == " " for a, b in zip(text, c.text, strict=True)), "clean did more than blank"
    assert clean(c.text).text == c.text, "clean(clean(x)) != clean(x)"
    for span in (*c.removed, *c.highlights):
        assert text[span.start : span.end] == span.text


@FAST
@given(any_text)
def test_split_sentences_spans_are_ordered_and_inside(text: str) -> None:
    from quotewire.extract.segment import paragraphs, text_paragraphs

    paras = text_paragraphs(text)
    lines = list(paragraphs(text))
    # Logical paragraphs are runs of whole consecutive lines, in order.
    assert [p[0] for p in paras] == sorted(p[0] for p in paras)
    assert {s for s, _ in paras} <= {s for s, _ in lines} and {e for _, e in paras} <= {e for _, e in lines}
    prev_end = 0
    for s in split_sentences(text):
        assert prev_end <= s.start < s.end <= len(text), f"sentence {s} out of order or outside the text"
        ps, pe = paras[s.paragraph]
        assert ps <= s.start and s.end <= pe, "a sentence leaves its paragraph"
        assert not re.search(r"\n[ \t\r]*\n", text[s.start : s.end]), "a sentence crosses a blank line"
        prev_end = s.end


@FAST
@given(any_text, st.one_of(st.none(), st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31))))
def test_extract_never_raises(text: str, published: dt.date | None) -> None:
    extract(text, published=published)


@SLOW
@given(news_text, st.sampled_from([None, "2016-12-14", "2016-12-14T23:30:00-05:00"]))
def test_records_offsets_slice_back_and_validate(text: str, published: str | None) -> None:
    art = article_from_json_line(
        json.dumps({"text": "Aleppo " + text, "published": published, "id": "x"}).encode(), "f.jsonl", 1, options=OPTS
    )
    if isinstance(art, Quarantined):
        return
    recs = process_article(art, "f.jsonl#id=x", OPTS)
    check_offsets(art.text, recs)
    assert recs["documents"][0]["text_length"] == len(art.text)
    for table in TABLES:
        for rec in recs[table]:
            errs = validator(table).errors(rec)
            assert not errs, f"{table} record fails its schema: {[str(e) for e in errs]}"


def _doc(text: str, title: str) -> dict[str, Any]:
    return {
        "doc_id": "0123456789abcdef", "external_id": title, "source_path": "a b\n\u00e9.txt", "source_line": None,
        "source_sha256": "0" * 64, "encoding": "utf-8", "language": "en", "title": title, "outlet": None, "url": None,
        "published": None, "published_at": None, "published_source": "none", "text": text, "text_length": len(text),
        "highlights": [text[:10]], "boilerplate_chars": 0, "boilerplate_spans": [{"start": 0, "end": 1}],
        "metadata_sources": {"published": None, "title": "input", "outlet": None},
        "notes": ['quote " and \\ backslash'],
        "pipeline_version": "0",
    }


@SLOW
@given(st.lists(st.tuples(valid_unicode, valid_unicode), min_size=1, max_size=3))
def test_jsonl_and_parquet_round_trip_text_exactly(tmp_path_factory: Any, texts: list[tuple[str, str]]) -> None:
    out: Path = tmp_path_factory.mktemp("rt")
    rows = [_doc(t + '"\n\r\u2028\u0085\x00', title) for t, title in texts]
    for r in rows:
        assert not validator("documents").errors(r)
    counts = qio.write_part(out, "run", "part-x", {"documents": rows}, {"run_id": "run"})
    assert counts == {"documents": len(rows)}
    base = qio.stage_dir(out, "run")
    jl = next((base / "jsonl" / "documents").rglob("part-x.jsonl")).read_text(encoding="utf-8")
    back = [json.loads(line) for line in jl.split("\n") if line]
    assert back == rows, "JSON Lines did not round-trip the records exactly"
    pt = pq.read_table(next((base / "parquet" / "documents").rglob("part-x.parquet"))).to_pylist()
    for r, p in zip(rows, pt, strict=True):
        for k in ("text", "title", "source_path", "highlights", "notes"):
            assert p[k] == r[k], f"Parquet changed {k}: {p[k]!r} != {r[k]!r}"


def test_spans_never_cross_a_blanked_line_bare_cr() -> None:
    art = article_from_json_line(json.dumps({"text": "on Monday \r0\r said \r0 ", "published": "2016-12-14"}).encode(),
                                 "f.jsonl", 1, options=OPTS)
    assert isinstance(art, Article)
    check_offsets(art.text, process_article(art, "f.jsonl#line=1", OPTS))


@pytest.mark.parametrize(
    "text",
    [
        # Found by benchmarks/fuzz.py: a line ending mid-sentence, then a line whose dateline the
        # cleaner blanks; joining them would make an event's clause run over the blanked "(CNN)".
        "said\n(CNN) said Updated 2034 GMT (0434 HKT) December 14, 2016 ",
        "Officials said on\n(CNN) said the talks would resume on Monday, officials said.",
    ],
)
def test_spans_never_run_over_a_blanked_dateline(text: str) -> None:
    art = article_from_json_line(json.dumps({"text": text, "published": "2016-12-14"}).encode(), "f.jsonl", 1,
                                 options=OPTS)
    assert isinstance(art, Article)
    check_offsets(art.text, process_article(art, "f.jsonl#line=1", OPTS))
