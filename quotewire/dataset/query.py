"""``quotewire query "SQL"``: DuckDB over the output folder, every table a view by name.

Scope: read-only convenience for exploring a dataset. Tables are discovered from the schemas
(``schemas/*.schema.json``) and from the folders present under ``<out>/parquet/``, so tables
added later (``people``, ``quotations``, ...) need no change here. A table whose folder holds
Parquet files is a view over them; a table that has a schema but no files yet is an empty view
with its schema's columns (queries stay valid); a folder with neither is skipped. ``manifest``
and ``quarantine`` are views too, when their files exist and no table has those names.

Read-only: the views read the Parquet files quotewire wrote (``qio.parquet_files``) through
Arrow, then DuckDB's file access is switched off and locked, so SQL can neither write a file
nor read one outside the dataset; an output folder holding a symbolic link is refused.

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


def _parquet_dataset(files: list[Path], base: Path) -> Any:
    """``files`` as one Arrow dataset (columns united by name, ``ingest_date`` from the folders).

    DuckDB scans it through Arrow and so never opens a file itself: that is what lets ``connect``
    switch DuckDB's file access off.
    """
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    schemas = []
    for f in files:
        try:
            schemas.append(pq.read_schema(f))
        except (pa.ArrowException, OSError) as exc:  # a damaged part: say which, not a traceback
            raise ConfigError(f"cannot read {f}: {exc}") from exc
    schema = pa.unify_schemas(schemas, promote_options="permissive")
    hive = None
    if any(part.startswith("ingest_date=") for f in files for part in f.relative_to(base).parts[:-1]):
        hive = ds.partitioning(pa.schema([("ingest_date", pa.date32())]), flavor="hive")
        schema = schema.append(pa.field("ingest_date", pa.date32()))
    return ds.dataset([f.as_posix() for f in files], schema=schema, format="parquet", partitioning=hive,
                      partition_base_dir=base.as_posix())


def _lock_down(con: Any) -> None:
    """No file access from SQL any more, and no way to turn it back on.

    Why: ``query`` is for reading. ``COPY (...) TO 'out/parquet/documents/x.parquet'`` added a
    document to the dataset, and ``ATTACH``, ``read_text('/etc/...')`` or ``INSTALL`` reached
    outside it. The views read through Arrow (``_parquet_dataset``), so they keep working.
    """
    con.execute("SET python_enable_replacements = false")  # no Python variables as tables either
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def connect(out: Path) -> tuple[Any, list[str]]:
    """An in-memory DuckDB connection with a view per table of ``out``; and the view names.

    The connection reads the dataset and nothing else: it writes no file and opens no file
    outside the tables, the manifest and the quarantine (``_lock_down``).
    """
    duckdb = _import_duckdb()
    if not out.is_dir() or not has_dataset(out):
        raise ConfigError(
            f"found no quotewire dataset in {out} (expected {out / 'parquet'}/<table>/*.parquet); "
            "run `quotewire run --out DIR` first, or pass --out DIR"
        )
    qio.refuse_links(out)
    con = duckdb.connect(":memory:")
    views: list[str] = []
    for table, files in table_files(out).items():
        if files:
            con.register(f"_files_{table}", _parquet_dataset(files, out / "parquet" / table))
            con.execute(f"CREATE VIEW {_ident(table)} AS SELECT * FROM {_ident('_files_' + table)}")
        else:
            empty = _empty_table(table)
            if empty is None:
                continue
            con.register(f"_empty_{table}", empty)
            con.execute(f"CREATE VIEW {_ident(table)} AS SELECT * FROM {_ident('_empty_' + table)}")
        views.append(table)
    manifest = out / "manifest.parquet"
    if manifest.is_file() and "manifest" not in views:
        con.register("_manifest", _parquet_dataset([manifest], out))
        con.execute("CREATE VIEW manifest AS SELECT * FROM _manifest")
        views.append("manifest")
    quarantine = out / "quarantine.jsonl"
    if quarantine.is_file() and "quarantine" not in views:
        con.register("_quarantine", _quarantine_table(quarantine))
        con.execute("CREATE VIEW quarantine AS SELECT * FROM _quarantine")
        views.append("quarantine")
    _lock_down(con)
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
        except duckdb.PermissionException as exc:
            raise ConfigError(
                f"SQL error: {exc}\n  quotewire query only reads the dataset: it writes no file and reads none outside it"
            ) from exc
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
