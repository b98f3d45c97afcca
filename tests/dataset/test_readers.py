"""The output reads back in every common reader: DuckDB, Polars, pandas, pyarrow.dataset.

One pipeline run per module on a small raw folder (the seed article with its sidecar, two short
articles written here, one of them a JSONL line with an emoji before a quote, and an empty file
that is quarantined). Every table present (schemas and folders, so later tables are covered
too) is read from Parquet and JSON Lines, with and without Hive partitioning, and the tables are
joined on their keys: quotes -> speakers -> documents, events -> documents.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from quotewire.dataset.docs import schema_tables
from quotewire.dataset.runner import run_pipeline
from quotewire.dataset.schema import TABLES, arrow_schema

duckdb = pytest.importorskip("duckdb")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "raw" / "cnn-aleppo-2016-12-14.txt"

BRIDGE = (
    "SPRINGFIELD (Reuters) - The city council approved the bridge repairs on Monday, officials said.\n"
    '"This is a good day for Springfield," Mayor Jane Doe said in a statement.\n'
    'John Smith, a council member, said the plan would raise taxes. "We will fight it," Smith said.\n'
    "The bridge will reopen on March 30, 2020, the council said.\n"
)
FESTIVAL = (
    "Crowds 🙂 returned to the harbour festival on Saturday after a two-year pause.\n"
    '"We missed this so much," said Maria Lopez, who runs a food stall. '
    "She said sales were up on last year.\n"
)


def make_raw(raw: Path) -> Path:
    """The seed article with its sidecar, two short articles, and an empty (quarantined) file."""
    raw.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, raw / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), raw / (SEED.stem + ".meta.json"))
    (raw / "local" / "bridge.txt").parent.mkdir()
    (raw / "local" / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (raw / "local" / "bridge.meta.json").write_text(
        json.dumps({"id": "bridge-1", "published": "2020-03-02", "outlet": "Reuters", "title": "Bridge repairs approved",
                    "url": "https://example.org/bridge"}),
        encoding="utf-8",
    )
    line = {"id": "fest-1", "published": "2022-07-09T18:30:00+02:00", "outlet": "Harbour Times", "text": FESTIVAL}
    (raw / "feed.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    return raw


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("readers")
    out = base / "output"
    summary = run_pipeline(make_raw(base / "raw"), out)
    assert summary.processed == 3 and summary.quarantined == 1
    yield out


def tables(out: Path) -> list[str]:
    """Tables present in the output: schema order first, then any other folder."""
    present = {p.name for p in (out / "parquet").iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    return [t for t in schema_tables() if t in present] + sorted(present - set(schema_tables()))


def pq_glob(out: Path, table: str) -> str:
    return (out / "parquet" / table).as_posix() + "/**/*.parquet"


def jsonl_glob(out: Path, table: str) -> str:
    return (out / "jsonl" / table).as_posix() + "/**/*.jsonl"


def arrow(out: Path, table: str) -> pa.Table:
    """A table read whole; the hive partition key ``ingest_date`` is not a record field."""
    t = ds.dataset(out / "parquet" / table, format="parquet", partitioning="hive").to_table()
    return t.drop_columns(["ingest_date"]) if "ingest_date" in t.column_names else t


def test_parts_are_partitioned_by_ingest_date(out: Path) -> None:
    t = ds.dataset(out / "parquet" / "quotes", format="parquet", partitioning="hive").to_table()
    dates = set(t.column("ingest_date").to_pylist())
    assert len(dates) == 1 and next(iter(dates)).count("-") == 2, dates


def records(out: Path, table: str) -> list[dict[str, Any]]:
    return arrow(out, table).to_pylist()


def test_every_table_has_data_and_the_schema_types(out: Path) -> None:
    assert set(TABLES) <= set(tables(out))
    for table in tables(out):
        t = arrow(out, table)
        assert t.num_rows > 0 or table not in TABLES, table
        want = arrow_schema(table)
        assert t.schema.names == want.names
        assert [f.type for f in t.schema] == [f.type for f in want], table


def test_duckdb_parquet_and_jsonl(out: Path) -> None:
    con = duckdb.connect()
    for table in tables(out):
        n = arrow(out, table).num_rows
        for hive in ("false", "true"):
            q = f"SELECT count(*) FROM read_parquet('{pq_glob(out, table)}', union_by_name=true, hive_partitioning={hive})"
            assert con.execute(q).fetchone() == (n,), (table, hive)
            if any((out / "jsonl" / table).rglob("*.jsonl")):
                q = f"SELECT count(*) FROM read_json('{jsonl_glob(out, table)}', hive_partitioning={hive})"
                assert con.execute(q).fetchone() == (n,), (table, hive)
        q = f"DESCRIBE SELECT * FROM read_parquet('{pq_glob(out, table)}', hive_partitioning=false)"
        assert [r[0] for r in con.execute(q).fetchall()] == arrow_schema(table).names
        # With hive partitioning (DuckDB's default for key=value folders) the partition key
        # ``ingest_date`` is one more column.
        q = f"DESCRIBE SELECT * FROM read_parquet('{pq_glob(out, table)}', hive_partitioning=true)"
        extra = [r[0] for r in con.execute(q).fetchall()][len(arrow_schema(table).names) :]
        assert extra in ([], ["ingest_date"]), extra
    # Types survive: dates are dates, timestamps carry UTC, lists are lists.
    row = con.execute(
        f"SELECT published, published_at, highlights FROM read_parquet('{pq_glob(out, 'documents')}') "
        "WHERE external_id = 'fest-1'"
    ).fetchone()
    assert row is not None and str(row[0]) == "2022-07-09" and row[1].utcoffset().total_seconds() == 0
    assert row[1].hour == 16 and isinstance(row[2], list)


def test_duckdb_joins(out: Path) -> None:
    con = duckdb.connect()
    for t in tables(out):
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{pq_glob(out, t)}', union_by_name=true)")
    n_quotes = con.execute("SELECT count(*) FROM quotes").fetchone()
    joined = con.execute(
        "SELECT count(*) FROM quotes q JOIN documents d ON q.doc_id = d.doc_id "
        "LEFT JOIN speakers s ON q.speaker_id = s.speaker_id AND s.doc_id = q.doc_id"
    ).fetchone()
    assert joined == n_quotes
    orphans = con.execute(
        "SELECT count(*) FROM quotes q WHERE q.speaker_id IS NOT NULL "
        "AND q.speaker_id NOT IN (SELECT speaker_id FROM speakers)"
    ).fetchone()
    assert orphans == (0,)
    assert con.execute("SELECT count(*) FROM events e ANTI JOIN documents d USING (doc_id)").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM speakers s ANTI JOIN documents d USING (doc_id)").fetchone() == (0,)
    speakers = {r[0] for r in con.execute(
        "SELECT s.name FROM quotes q JOIN speakers s USING (speaker_id) JOIN documents d ON d.doc_id = q.doc_id"
    ).fetchall()}
    assert {"Bilal Abdul Kareem", "Maria Lopez"} <= speakers
    # Offsets are code points: DuckDB's substring agrees with Python slicing (emoji included).
    bad = con.execute(
        "SELECT count(*) FROM quotes q JOIN documents d USING (doc_id) "
        "WHERE substring(d.text, q.text_start + 1, q.text_end - q.text_start) <> q.text"
    ).fetchone()
    assert bad == (0,)


def test_polars(out: Path) -> None:
    for table in tables(out):
        n = arrow(out, table).num_rows
        assert pl.scan_parquet(pq_glob(out, table), hive_partitioning=True).collect().height == n
        files = sorted((out / "jsonl" / table).rglob("*.jsonl"))
        if files:
            assert sum(pl.read_ndjson(f).height for f in files) == n
    quotes = pl.scan_parquet(pq_glob(out, "quotes"))
    speakers = pl.scan_parquet(pq_glob(out, "speakers")).select("speaker_id", "name", "kind")
    docs = pl.scan_parquet(pq_glob(out, "documents")).select("doc_id", "outlet", "published")
    joined = quotes.join(speakers, on="speaker_id", how="left").join(docs, on="doc_id").collect()
    assert joined.height == quotes.collect().height
    assert joined.schema["published"] == pl.Date
    events = pl.scan_parquet(pq_glob(out, "events")).join(docs, on="doc_id").collect()
    assert events.height == arrow(out, "events").num_rows
    assert "Harbour Times" in set(joined["outlet"].to_list())


def test_pandas(out: Path) -> None:
    frames = {}
    for table in tables(out):
        df = pd.read_parquet(out / "parquet" / table)
        assert len(df) == arrow(out, table).num_rows
        frames[table] = df
        files = sorted((out / "jsonl" / table).rglob("*.jsonl"))
        if files:
            assert sum(len(pd.read_json(f, lines=True)) for f in files) == len(df)
    q = frames["quotes"].merge(frames["speakers"][["speaker_id", "name"]], on="speaker_id", how="left")
    q = q.merge(frames["documents"][["doc_id", "title", "outlet"]], on="doc_id", how="inner", validate="many_to_one")
    assert len(q) == len(frames["quotes"])
    e = frames["events"].merge(frames["documents"][["doc_id"]], on="doc_id", validate="many_to_one")
    assert len(e) == len(frames["events"])


def test_pyarrow_dataset_hive_and_offsets(out: Path) -> None:
    for table in tables(out):
        d = ds.dataset(out / "parquet" / table, format="parquet", partitioning="hive")
        assert d.count_rows() == len(records(out, table))
    docs = {d["doc_id"]: d for d in records(out, "documents")}
    for table in ("quotes", "events"):
        for r in records(out, table):
            text = docs[r["doc_id"]]["text"]
            assert text[r["text_start"] : r["text_end"]] == r["text"], (table, r)
    for s in records(out, "speakers"):
        for m in s["mentions"]:
            assert docs[s["doc_id"]]["text"][m["start"] : m["end"]] == m["text"]


def test_jsonl_and_parquet_hold_the_same_records(out: Path) -> None:
    for table in tables(out):
        jsonl = [json.loads(line) for p in sorted((out / "jsonl" / table).rglob("*.jsonl"))
                 for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
        key = arrow_schema(table).names[0]
        assert sorted(r[key] for r in jsonl) == sorted(r[key] for r in records(out, table))


def test_readme_is_the_data_dictionary(out: Path) -> None:
    from quotewire.dataset.docs import data_dictionary

    assert (out / "README.md").read_text(encoding="utf-8") == data_dictionary()


def test_empty_table_reads_as_empty(tmp_path: Path) -> None:
    """A table with no records: Parquet holds an empty file with the full schema; JSON Lines none.

    DuckDB's ``read_json`` over a folder with no ``.jsonl`` file fails ("No files found that
    match the pattern"); this test pins what readers see either way.
    """
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "es.txt").write_text("El alcalde dijo el lunes que el puente de la ciudad se abrirá en marzo "
                                "para todos los vecinos de la zona.\n", encoding="utf-8")
    out = tmp_path / "output"
    run_pipeline(raw, out)
    con = duckdb.connect()
    for table in ("quotes", "speakers", "events"):
        assert con.execute(f"SELECT count(*) FROM read_parquet('{pq_glob(out, table)}')").fetchone() == (0,)
        q = f"DESCRIBE SELECT * FROM read_parquet('{pq_glob(out, table)}', hive_partitioning=false)"
        assert [r[0] for r in con.execute(q).fetchall()] == arrow_schema(table).names
        # With hive partitioning (DuckDB's default for key=value folders) the partition key
        # ``ingest_date`` is one more column.
        q = f"DESCRIBE SELECT * FROM read_parquet('{pq_glob(out, table)}', hive_partitioning=true)"
        extra = [r[0] for r in con.execute(q).fetchall()][len(arrow_schema(table).names) :]
        assert extra in ([], ["ingest_date"]), extra
        assert pl.scan_parquet(pq_glob(out, table)).collect().height == 0
        assert len(pd.read_parquet(out / "parquet" / table)) == 0
        assert ds.dataset(out / "parquet" / table, format="parquet", partitioning="hive").count_rows() == 0
        if any((out / "jsonl" / table).rglob("*.jsonl")):
            assert con.execute(f"SELECT count(*) FROM read_json('{jsonl_glob(out, table)}')").fetchone() == (0,)
        else:
            with pytest.raises(duckdb.IOException, match="No files found"):
                con.execute(f"SELECT count(*) FROM read_json('{jsonl_glob(out, table)}')").fetchall()
