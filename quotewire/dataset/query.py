"""``quotewire query "SQL"``: DuckDB over the output folder, every table a view by name.

Scope: read-only convenience for exploring a dataset. Tables are discovered from the schemas
(``schemas/*.schema.json``) and from the folders present under ``<out>/parquet/``, so tables
added later (``people``, ``quotations``, ...) need no change here. A table whose folder holds
Parquet files is a view over them; a table that has a schema but no files yet is an empty view
with its schema's columns (queries stay valid); a folder with neither is skipped. ``manifest``
and ``quarantine`` are views too, when their files exist and no table has those names.

DuckDB is a dependency (``pip install -e .`` installs it); its absence (a broken environment),
a folder with no dataset, and SQL errors all become a ``ConfigError`` with a clear message.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa

from quotewire.dataset import io as qio
from quotewire.dataset.docs import schema_tables
from quotewire.dataset.schema import arrow_schema
from quotewire.errors import ConfigError

log = logging.getLogger(__name__)

QUARANTINE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("line", pa.int64()),
        ("unit_key", pa.string()),
        ("reason", pa.string()),
        ("run_id", pa.string()),
    ]
)


def _sql_str(value: str) -> str:
    """``value`` as a SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def table_files(out: Path) -> dict[str, list[Path]]:
    """Every table of the output (schema or folder) with its Parquet files (maybe none)."""
    base = out / "parquet"
    names = list(schema_tables())
    if base.is_dir():
        names += sorted(
            p.name for p in base.iterdir() if p.is_dir() and p.name not in names and not p.name.startswith(("_", "."))
        )
    return {t: qio.parquet_files(base / t) for t in names}


def has_dataset(out: Path) -> bool:
    """True when ``out`` holds at least one table's Parquet file or a manifest."""
    return (out / "manifest.parquet").is_file() or any(table_files(out).values())


def _import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:
        raise ConfigError(
            'quotewire query needs DuckDB, a dependency missing from this environment: pip install -e . (or pip install duckdb)'
        ) from exc
    return duckdb


def _quarantine_table(path: Path) -> pa.Table:
    """``quarantine.jsonl`` as an Arrow table (empty file -> empty table with the columns)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in QUARANTINE_SCHEMA} for r in rows], schema=QUARANTINE_SCHEMA
    )


def _empty_table(table: str) -> pa.Table | None:
    try:
        return arrow_schema(table).empty_table()
    except Exception:  # a folder without a usable schema: nothing to show
        log.debug("no schema for table %s; skipped", table, exc_info=True)
        return None


def connect(out: Path) -> tuple[Any, list[str]]:
    """An in-memory DuckDB connection with a view per table of ``out``; and the view names."""
    duckdb = _import_duckdb()
    if not out.is_dir() or not has_dataset(out):
        raise ConfigError(
            f"found no quotewire dataset in {out} (expected {out / 'parquet'}/<table>/*.parquet); "
            "run `quotewire run --out DIR` first, or pass --out DIR"
        )
    con = duckdb.connect(":memory:")
    views: list[str] = []
    for table, files in table_files(out).items():
        if files:
            glob = (out / "parquet" / table).resolve().as_posix() + "/**/*.parquet"
            con.execute(
                f"CREATE VIEW {_ident(table)} AS SELECT * FROM read_parquet({_sql_str(glob)}, union_by_name = true)"
            )
        else:
            empty = _empty_table(table)
            if empty is None:
                continue
            con.register(f"_empty_{table}", empty)
            con.execute(f"CREATE VIEW {_ident(table)} AS SELECT * FROM {_ident('_empty_' + table)}")
        views.append(table)
    manifest = out / "manifest.parquet"
    if manifest.is_file() and "manifest" not in views:
        con.execute(f"CREATE VIEW manifest AS SELECT * FROM read_parquet({_sql_str(manifest.resolve().as_posix())})")
        views.append("manifest")
    quarantine = out / "quarantine.jsonl"
    if quarantine.is_file() and "quarantine" not in views:
        con.register("_quarantine", _quarantine_table(quarantine))
        con.execute("CREATE VIEW quarantine AS SELECT * FROM _quarantine")
        views.append("quarantine")
    return con, views


def sql_message(exc: Exception) -> str:
    """DuckDB's error as one line: its sentences, without the echoed query and the caret under it.

    Why: the CLI prints a failure as one line; DuckDB's "Did you mean ..." hint is worth keeping.
    """
    lines = [line.strip() for line in str(exc).splitlines()]
    kept = [line for line in lines if line and not line.startswith("LINE ") and set(line) != {"^"}]
    return " ".join(kept) or type(exc).__name__


def cmd_query(sql: str, out: Path) -> int:
    """Run ``sql`` over the dataset in ``out`` and print the result as a table; 0 on success."""
    duckdb = _import_duckdb()
    con, views = connect(out)
    try:
        try:
            rel = con.sql(sql)
        except duckdb.Error as exc:
            raise ConfigError(
                f"SQL error: {sql_message(exc)}; tables (views): {', '.join(views)}; "
                'columns: `quotewire query "DESCRIBE quotes"`'
            ) from exc
        if rel is None:
            print("OK")
            return 0
        width = shutil.get_terminal_size((160, 40)).columns
        try:
            rel.show(max_width=width, max_rows=100)
        except duckdb.Error as exc:  # errors at execution time (casts, missing files) surface here
            raise ConfigError(f"SQL error: {sql_message(exc)}") from exc
        return 0
    finally:
        con.close()
