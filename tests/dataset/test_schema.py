"""The schemas are tight, validate records, and drive the Arrow schema."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from quotewire.dataset.schema import TABLES, Validator, arrow_schema, columns, load_schema, to_arrow

GOOD_QUOTE = {
    "quote_id": "0123456789abcdef", "doc_id": "0123456789abcdef", "attribution_id": "0123456789abcdef",
    "type": "direct", "kind": "speech", "text": "We are ready", "text_start": 1, "text_end": 13,
    "cue": "said", "cue_start": 20, "cue_end": 24, "speaker_mention": "Doe",
    "speaker_mention_start": 15, "speaker_mention_end": 18, "speaker": "Jane Doe",
    "speaker_id": "fedcba9876543210", "confidence": 0.9, "rule": "direct.postposed",
}


@pytest.mark.parametrize("table", TABLES)
def test_schemas_are_tight(table: str) -> None:
    s = load_schema(table)
    assert s["additionalProperties"] is False
    assert set(s["required"]) == set(s["properties"])
    for name, prop in s["properties"].items():
        assert prop.get("description"), f"{table}.{name} has no description"
        assert "examples" in prop, f"{table}.{name} has no example"


@pytest.mark.parametrize("engine", ["jsonschema", "jsonschema-rs"])
@pytest.mark.parametrize(
    "change, field",
    [
        ({"type": "quoted"}, "type"),
        ({"kind": "belief"}, "kind"),
        ({"confidence": 1.5}, "confidence"),
        ({"text_start": -1}, "text_start"),
        ({"quote_id": "not-hex"}, "quote_id"),
        ({"extra": 1}, "(record)"),
    ],
)
def test_wrong_record_is_rejected_naming_the_field(engine: str, change: dict[str, object], field: str) -> None:
    v = Validator("quotes", engine=engine)
    assert v.errors(GOOD_QUOTE) == []
    errs = v.errors({**GOOD_QUOTE, **change})
    assert errs and errs[0].path == field, errs


@pytest.mark.parametrize("engine", ["jsonschema", "jsonschema-rs"])
def test_missing_field_and_bad_date_rejected(engine: str) -> None:
    v = Validator("quotes", engine=engine)
    bad = dict(GOOD_QUOTE)
    del bad["rule"]
    assert any("rule" in e.message for e in v.errors(bad))
    ev = Validator("events", engine=engine)
    rec = {
        "event_id": "0123456789abcdef", "doc_id": "0123456789abcdef", "text": "x", "text_start": 0, "text_end": 1,
        "date_text": "x", "date_text_start": 0, "date_text_end": 1, "date_value": "2016-02-30", "timex_type": "DATE",
        "period_start": "2016-02-30", "period_end": None, "resolved": True, "actor": None, "actor_start": None,
        "actor_end": None, "actor_type": None, "action": None, "action_start": None, "action_end": None, "confidence": 1, "rule": "r",
    }
    assert [e.path for e in ev.errors(rec)] == ["period_start"]


def test_arrow_schema_has_real_types() -> None:
    d = arrow_schema("documents")
    assert d.field("published").type == pa.date32()
    assert d.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert d.field("highlights").type == pa.list_(pa.string())
    assert d.field("source_line").type == pa.int64() and d.field("source_line").nullable
    assert not d.field("doc_id").nullable
    s = arrow_schema("speakers")
    assert pa.types.is_struct(s.field("mentions").type.value_type)
    assert arrow_schema("quotes").field("confidence").type == pa.float64()
    for t in TABLES:
        assert arrow_schema(t).names == columns(t)


def test_to_arrow_round_trip() -> None:
    tbl = to_arrow("quotes", [GOOD_QUOTE])
    assert tbl.to_pylist() == [GOOD_QUOTE]
    assert json.loads(json.dumps(tbl.to_pylist()[0])) == GOOD_QUOTE


def test_both_validators_agree_on_real_and_broken_records() -> None:
    """jsonschema-rs (fast, the default) and jsonschema must accept and reject the same records."""
    import datetime as dt
    import random

    from quotewire.dataset.pipeline import Options, process_article
    from quotewire.extract.model import Article
    from tests.conftest import SEED

    art = Article(text=SEED.read_text(encoding="utf-8"), encoding="utf-8", source_path="seed.txt",
                  published=dt.date(2016, 12, 14), published_source="metadata")
    recs = process_article(art, "seed.txt", Options())
    rng = random.Random(7)
    checked = 0
    for table in TABLES:
        rs, py = Validator(table, engine="jsonschema-rs"), Validator(table, engine="jsonschema")
        for rec in recs[table]:
            variants = [rec]
            for _ in range(5):
                bad = dict(rec)
                key = rng.choice(sorted(bad))
                choice = rng.randrange(4)
                if choice == 0:
                    del bad[key]
                elif choice == 1:
                    bad[key] = -1
                elif choice == 2:
                    bad[key] = "2016-02-30"
                else:
                    bad[key] = None
                variants.append(bad)
            for v in variants:
                assert (rs.errors(v) == []) == (py.errors(v) == []), (table, v)
                checked += 1
    assert checked > 100
