"""``quotewire query``: DuckDB views over the output, printed results, clear errors."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotewire.cli import main
from quotewire.dataset.query import cmd_query, connect
from quotewire.dataset.runner import run_pipeline
from quotewire.errors import ConfigError

pytest.importorskip("duckdb")

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "raw" / "cnn-aleppo-2016-12-14.txt"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("query")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), raw / (SEED.stem + ".meta.json"))
    (raw / "empty.txt").write_bytes(b"")
    out = base / "output"
    run_pipeline(raw, out)
    yield out


@pytest.fixture
def out(dataset: Path, tmp_path: Path) -> Path:
    """A private copy of the dataset (tests may add or remove tables)."""
    dst = tmp_path / "output"
    shutil.copytree(dataset, dst)
    return dst


def test_query_prints_a_table(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY n DESC, speaker"
    assert cmd_query(sql, dataset) == 0
    printed = capsys.readouterr().out
    assert "Bilal Abdul Kareem" in printed and "speaker" in printed and "│" in printed


def test_views_join_on_their_keys(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = (
        "SELECT d.outlet, count(*) AS quotes FROM quotes q JOIN speakers s USING (speaker_id) "
        "JOIN documents d ON d.doc_id = q.doc_id GROUP BY d.outlet"
    )
    assert cmd_query(sql, dataset) == 0
    assert "CNN" in capsys.readouterr().out
    assert cmd_query("SELECT count(*) AS dated FROM events e JOIN documents d USING (doc_id) "
                     "WHERE e.period_start IS NOT NULL", dataset) == 0


def test_manifest_and_quarantine_are_views(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_query("SELECT path, reason FROM quarantine", dataset) == 0
    printed = capsys.readouterr().out
    assert "empty.txt" in printed and "empty file" in printed
    assert cmd_query("SELECT status, count(*) FROM manifest GROUP BY status ORDER BY status", dataset) == 0
    assert "processed" in capsys.readouterr().out


def test_every_schema_table_is_a_view_even_without_files(out: Path) -> None:
    shutil.rmtree(out / "parquet" / "events")
    con, views = connect(out)
    try:
        assert {"documents", "quotes", "speakers", "events"} <= set(views)
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
        assert "period_start" in cols
    finally:
        con.close()


def test_a_table_added_later_is_discovered(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = out / "parquet" / "extra_table"
    d.mkdir(parents=True)
    pq.write_table(pa.table({"k": ["a", "b"]}), d / "data.parquet")
    assert cmd_query("SELECT count(*) AS n_extra FROM extra_table", out) == 0
    assert "n_extra" in capsys.readouterr().out


def test_statement_without_result(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_query("CREATE TEMP TABLE t AS SELECT 1 AS x", dataset) == 0
    capsys.readouterr()


def test_sql_error_is_clear(dataset: Path) -> None:
    with pytest.raises(ConfigError, match="SQL error") as exc:
        cmd_query("SELECT * FROM no_such_table", dataset)
    assert "quotes" in str(exc.value)  # lists the views
    with pytest.raises(ConfigError, match="SQL error"):
        cmd_query("SELEC oops", dataset)


def test_no_dataset_is_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no quotewire dataset"):
        cmd_query("SELECT 1", tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="no quotewire dataset"):
        cmd_query("SELECT 1", tmp_path / "empty")


def test_missing_duckdb_is_clear(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb -> ImportError
    with pytest.raises(ConfigError, match=r"pip install -e \."):
        cmd_query("SELECT 1", dataset)


def test_cli(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT count(*) AS n_docs FROM documents", "--out", str(dataset)]) == 0
    assert "n_docs" in capsys.readouterr().out
    assert main(["query", "SELECT * FROM nope", "--out", str(dataset)]) == 2
    assert "SQL error" in capsys.readouterr().err


def test_query_reads_the_dataset_only(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 17, item 9: COPY ... TO wrote a document into the dataset; ATTACH and read_text
    # reached outside it. File access is off once the views are made (and cannot be turned on).
    outside = tmp_path / "secret.txt"
    outside.write_text("TOPSECRET", encoding="utf-8")
    evil = out / "parquet" / "documents" / "evil.parquet"
    refused = [
        f"COPY (SELECT * FROM documents) TO '{evil}' (FORMAT parquet)",
        f"ATTACH '{tmp_path / 'x.duckdb'}' AS x",
        f"SELECT * FROM read_text('{outside}')",
        f"SELECT * FROM read_parquet('{out / 'manifest.parquet'}')",
        "SET enable_external_access = true",
        "INSTALL httpfs",
    ]
    for sql in refused:
        with pytest.raises(ConfigError, match="SQL error"):
            cmd_query(sql, out)
    with pytest.raises(ConfigError, match="only reads the dataset"):
        cmd_query(refused[0], out)
    assert not evil.exists() and not (tmp_path / "x.duckdb").exists()
    assert "TOPSECRET" not in capsys.readouterr().out
    assert cmd_query("SELECT count(*) AS n_docs, min(ingest_date) IS NOT NULL AS dated FROM documents", out) == 0
    assert "n_docs" in capsys.readouterr().out


def test_query_ignores_files_no_run_wrote(out: Path) -> None:
    # Item 9: a file put into a table folder by hand was a view's row too.
    docs = out / "parquet" / "documents"
    part = next(docs.rglob("part-*.parquet"))
    con, _ = connect(out)
    n = con.execute("SELECT count(*) FROM documents").fetchone()
    con.close()
    shutil.copy(part, docs / "evil.parquet")
    shutil.copy(part, part.parent / "data.parquet")
    con, _ = connect(out)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == n
    finally:
        con.close()


def test_query_refuses_a_link_in_the_output(out: Path, tmp_path: Path) -> None:
    # Item 21: a link in the output folder is never followed (here: a part pointing elsewhere).
    part = next((out / "parquet" / "quotes").rglob("part-*.parquet"))
    shutil.move(part, tmp_path / "moved.parquet")
    part.symlink_to(tmp_path / "moved.parquet")
    with pytest.raises(ConfigError, match="symbolic link"):
        cmd_query("SELECT count(*) FROM quotes", out)


def test_a_damaged_part_is_a_clear_error(out: Path) -> None:
    # The views are made over the files' schemas: a truncated part names itself, no traceback.
    part = next((out / "parquet" / "quotes").rglob("part-*.parquet"))
    part.write_bytes(part.read_bytes()[:100])
    with pytest.raises(ConfigError, match=re.escape(f"cannot read {part}")):
        cmd_query("SELECT count(*) FROM quotes", out)
