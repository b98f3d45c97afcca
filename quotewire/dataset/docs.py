"""The data dictionary: Markdown generated from the JSON Schemas in ``schemas/``.

Scope: one page that tells a user of ``output/`` what every table and column means (type as
stored in Parquet, nullability, meaning, an example), how offsets work, how the tables join, and
how to load them with DuckDB, pandas, Polars, pyarrow and Spark. The output is deterministic (no
dates, no versions of the code), so ``docs/data-dictionary.md`` in the repo can be checked
against it: regenerate that file with ``python -m quotewire.dataset.docs > docs/data-dictionary.md``.

Tables are discovered from ``schemas/*.schema.json``: a schema added later is documented with no
change here. The runner writes the same text to ``output/README.md`` on each run.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from quotewire.dataset.schema import TABLES, arrow_schema, load_schema, schema_dir

# "(documents.doc_id)" in a description marks a column as a key into another table.
_REF = re.compile(r"\(([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\)")
_EXAMPLE_MAX = 100


def schema_tables(directory: Path | None = None) -> list[str]:
    """Every table with a schema: the core tables first (pipeline order), then the others sorted."""
    d = directory or schema_dir()
    found = {p.name[: -len(".schema.json")] for p in d.glob("*.schema.json")}
    return [t for t in TABLES if t in found] + sorted(found - set(TABLES))


def _cell(text: str) -> str:
    """Text fit for one Markdown table cell (no newlines, pipes escaped)."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """``text`` as a Markdown code span (a longer fence when it holds backticks)."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _example(prop: dict[str, Any]) -> str:
    """The first example of a property as compact JSON, shortened when long."""
    examples = prop.get("examples") or []
    if not examples:
        return ""
    text = json.dumps(examples[0], ensure_ascii=False, separators=(", ", ": "))
    if len(text) > _EXAMPLE_MAX:
        text = text[: _EXAMPLE_MAX - 1] + "…"
    return _code(_cell(text))


def _allowed(prop: dict[str, Any]) -> str:
    """Allowed values (``enum``) or range of a property, as a short suffix for its meaning."""
    if "enum" in prop:
        return " One of: " + ", ".join(_code(str(v)) for v in prop["enum"] if v is not None) + "."
    lo, hi = prop.get("minimum"), prop.get("maximum")
    if lo is not None and hi is not None:
        return f" Range {lo}..{hi}."
    return ""


def _files_line(table: str, version: object) -> str:
    """Where a table's files are: part files for per-batch tables, one file for corpus-level ones."""
    if table in TABLES:
        return (
            f"Files: `jsonl/{table}/ingest_date=*/part-*.jsonl`, `parquet/{table}/ingest_date=*/part-*.parquet` "
            f"(schema version {version})."
        )
    return (
        f"Files: `jsonl/{table}/data.jsonl`, `parquet/{table}/data.parquet`, one file each, rebuilt "
        f"from the whole dataset on each run (schema version {version})."
    )


def table_section(table: str) -> str:
    """The Markdown section of one table: its description and a row per column."""
    schema = load_schema(table)
    arrow = arrow_schema(table)
    props: dict[str, Any] = schema["properties"]
    lines = [
        f"### `{table}`",
        "",
        _cell(schema.get("description", "")),
        "",
        _files_line(table, schema.get("x-version", 1)),
        "",
        "| column | type (Arrow / Parquet) | nullable | meaning | example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field in arrow:
        prop = props[field.name]
        meaning = _cell(prop.get("description", "")) + _allowed(prop)
        nullable = "yes" if field.nullable else "no"
        lines.append(f"| `{field.name}` | {_code(str(field.type))} | {nullable} | {meaning} | {_example(prop)} |")
    return "\n".join(lines) + "\n"


def join_keys(tables: list[str]) -> list[tuple[str, str, str, str]]:
    """``(table, column, referenced table, referenced column)`` read from the descriptions.

    A key is an ``*_id`` column whose description names another table's ``*_id`` column, as in
    "The document (documents.doc_id)"; other references (copied names) are not keys.
    """
    keys = []
    for table in tables:
        for name, prop in load_schema(table)["properties"].items():
            for ref_table, ref_col in _REF.findall(prop.get("description", "")):
                is_key = name.endswith("_id") and ref_col.endswith("_id")
                if is_key and ref_table in tables and ref_table != table:
                    keys.append((table, name, ref_table, ref_col))
    return keys


_LAYOUT = """\
## Layout of the output folder

```
manifest.parquet               one row per input (file, or line of a .jsonl file): status, reason, part
jsonl/<table>/ingest_date=YYYY-MM-DD/part-*.jsonl      records as JSON Lines (UTF-8, one object a line)
parquet/<table>/ingest_date=YYYY-MM-DD/part-*.parquet  the same records as Parquet (zstd); types below
quarantine.jsonl               inputs that yielded no document, with the reason
rejects/<run_id>.jsonl         records that failed their schema, with the errors
report.html                    the quote explorer and an overview (open it in a browser; works offline)
README.md                      this data dictionary
```

Each run commits atomically: readers see the previous dataset or the new one, never a mix.
Part files are named `part-<run_id>-<n>`; a table with no records holds one empty Parquet file
(`empty.parquet`, with the full schema) so that globs and readers still work, and its JSONL folder
is empty. Corpus-level tables live in one file each (`jsonl/<table>/data.jsonl`,
`parquet/<table>/data.parquet`). Always read a table as the set of files in its folder (a glob or
a dataset), never a single file.
"""

_OFFSETS = """\
## Offsets

Every `*_start` / `*_end` pair is a span of the document's source text (`documents.text`):
Python `str` indices, that is Unicode **code points** (not bytes, not UTF-16 units), start
inclusive and end **exclusive**, so `text[start:end]` gives the span's own column back, e.g.
`documents.text[quotes.text_start:quotes.text_end] == quotes.text`. The source text is the
decoded input with a BOM removed and line endings kept as in the file (a `\\r\\n` counts as two);
for a `.jsonl` input it is the line's text field; for a saved web page (`.html`) it is the
article text extracted from the page. `documents.text_length` is its length in code points.

With `--no-text` the `text` column is null: the offsets then point into your own copies of the
inputs, decoded the same way (so keep the `.txt` files; for web pages keep the text as well,
since it is the extraction's output, not the file). In languages that index strings otherwise,
convert: in Java/JavaScript (UTF-16) use code-point functions (`String.offsetByCodePoints`,
`Array.from(text)`), or spans after astral characters (emoji) shift; DuckDB's
`substring(text, start + 1, end - start)` counts code points as Python does.
"""

_LOADING = """\
## Loading the output

Paths below assume the output folder is `output/`. The four main tables are Hive-partitioned by
`ingest_date` (the UTC date of the run that wrote a part; a rerun adds to the newest partition and
never rewrites the partitions of unchanged documents): with `hive_partitioning` /
`partitioning="hive"` it is one more column, `ingest_date`; without it, the columns are exactly the
schema's. Use a recursive `**` glob or the table's folder.

**quotewire** (DuckDB, installed with quotewire): every table is a view by name, and so are
`manifest` and `quarantine`; a table with no records yet is an empty view with its columns.

```sh
quotewire query "SELECT speaker, count(*) AS n FROM quotes WHERE kind = 'speech' GROUP BY speaker ORDER BY n DESC LIMIT 10"
```

**DuckDB** (SQL or Python):

```sql
SELECT q.text, s.name, d.title, d.published
FROM read_parquet('output/parquet/quotes/**/*.parquet', union_by_name = true) q
JOIN read_parquet('output/parquet/speakers/**/*.parquet', union_by_name = true) s USING (speaker_id)
JOIN read_parquet('output/parquet/documents/**/*.parquet', union_by_name = true) d ON d.doc_id = q.doc_id;
-- JSON Lines: read_json('output/jsonl/quotes/**/*.jsonl', format = 'newline_delimited')
```

**pandas**:

```python
import pandas as pd
quotes = pd.read_parquet("output/parquet/quotes")            # the folder: every part file
docs = pd.read_parquet("output/parquet/documents", columns=["doc_id", "title", "outlet", "published"])
df = quotes.merge(docs, on="doc_id")
# JSON Lines, one file: pd.read_json(path, lines=True)
```

**Polars**:

```python
import polars as pl
quotes = pl.scan_parquet("output/parquet/quotes/**/*.parquet")
docs = pl.scan_parquet("output/parquet/documents/**/*.parquet")
df = quotes.join(docs, on="doc_id").collect()
# JSON Lines: pl.scan_ndjson("output/jsonl/quotes/**/part-*.jsonl")
```

**pyarrow**:

```python
import pyarrow.dataset as ds
quotes = ds.dataset("output/parquet/quotes", format="parquet", partitioning="hive").to_table()
```

**Spark** (PySpark):

```python
quotes = spark.read.parquet("output/parquet/quotes")
docs = spark.read.parquet("output/parquet/documents")
quotes.join(docs, "doc_id").groupBy("outlet").count().show()
# JSON Lines: spark.read.json("output/jsonl/quotes")
```

Dates (`date32`) and UTC timestamps (`timestamp[us, tz=UTC]`) load as native date and time types
in all of these; in JSON Lines they are ISO-8601 strings (`2016-12-14`, `2016-12-14T20:34:00Z`).
"""


def data_dictionary() -> str:
    """The whole data dictionary as Markdown (deterministic for a given set of schemas)."""
    tables = schema_tables()
    parts = [
        "# quotewire output: data dictionary\n",
        "Generated from the JSON Schemas in `schemas/` (the single source of truth for every "
        "record); do not edit by hand. Every record is validated against its table's schema "
        "before it is written.\n",
        "## Tables\n",
        "| table | one record is |\n| --- | --- |\n"
        + "".join(f"| [`{t}`](#{t}) | {_cell(load_schema(t).get('description', ''))} |\n" for t in tables),
        _LAYOUT,
        "## Keys and joins\n",
    ]
    keys = join_keys(tables)
    if keys:
        parts.append(
            "| column | refers to |\n| --- | --- |\n"
            + "".join(f"| `{t}.{c}` | `{rt}.{rc}` |\n" for t, c, rt, rc in keys)
        )
    parts.append(
        "Ids are deterministic hashes (16 hex digits): rerunning on the same input gives the same "
        "ids. A foreign key is null where nothing was resolved (e.g. a quote without a speaker).\n"
    )
    parts.append(_OFFSETS)
    parts.append("## Columns\n")
    parts.extend(table_section(t) for t in tables)
    parts.append(_LOADING)
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


if __name__ == "__main__":
    sys.stdout.write(data_dictionary())
