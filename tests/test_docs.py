"""The data dictionary: generated from the schemas, checked in as docs/data-dictionary.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quotewire.dataset.docs import data_dictionary, join_keys, schema_tables
from quotewire.dataset.schema import arrow_schema, load_schema, schema_dir

REPO = Path(__file__).resolve().parent.parent

REGENERATE = "regenerate it: python -m quotewire.dataset.docs > docs/data-dictionary.md"


def test_checked_in_dictionary_is_current() -> None:
    path = REPO / "docs" / "data-dictionary.md"
    assert path.is_file(), f"docs/data-dictionary.md is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == data_dictionary(), (
        f"docs/data-dictionary.md differs from what the schemas generate; {REGENERATE}"
    )


def test_every_table_and_column_is_documented() -> None:
    text = data_dictionary()
    tables = schema_tables()
    assert {p.name.split(".")[0] for p in schema_dir().glob("*.schema.json")} == set(tables)
    for table in tables:
        assert f"### `{table}`" in text
        for field in arrow_schema(table):
            row = re.search(rf"^\| `{re.escape(field.name)}` \| `([^`]+)` \| (yes|no) \|", text, re.M)
            assert row, f"{table}.{field.name} has no row"
        assert load_schema(table)["description"] in text


def test_types_follow_arrow_and_examples_appear() -> None:
    text = data_dictionary()
    assert "| `published` | `date32[day]` | yes |" in text
    assert "| `published_at` | `timestamp[us, tz=UTC]` | yes |" in text
    assert json.dumps(load_schema("quotes")["properties"]["rule"]["examples"][0]) in text


def test_offsets_loading_and_keys() -> None:
    text = data_dictionary()
    assert "exclusive" in text and "code points" in text and "--no-text" in text
    for snippet in ("read_parquet(", "pd.read_parquet(", "pl.scan_parquet(", "ds.dataset(", "spark.read.parquet("):
        assert snippet in text
    assert ("quotes", "speaker_id", "speakers", "speaker_id") in join_keys(schema_tables())
    assert ("events", "doc_id", "documents", "doc_id") in join_keys(schema_tables())


def test_deterministic() -> None:
    assert data_dictionary() == data_dictionary()
