"""The JSON Schemas in ``schemas/`` are the single source of truth for record shape.

This module loads them, validates records against them (``jsonschema-rs`` when installed,
otherwise ``jsonschema``; both with format checks, and a test keeps them in agreement), and
derives the Arrow schema of each table from them, so no column is typed twice.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from quotewire.errors import SchemaError

TABLES: tuple[str, ...] = ("documents", "quotes", "speakers", "events")


def schema_dir() -> Path:
    """Where the schemas live: the repo's ``schemas/`` (editable install) or the package copy."""
    here = Path(__file__).resolve().parents[1]  # the quotewire package
    for cand in (here.parent / "schemas", here / "schemas"):
        if (cand / "documents.schema.json").is_file():
            return cand
    raise SchemaError(f"found no schemas beside {here}, expected schemas/documents.schema.json; reinstall quotewire")


@functools.cache
def load_schema(table: str) -> dict[str, Any]:
    path = schema_dir() / f"{table}.schema.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaError(f"cannot read schema {path}: {exc}") from exc
    return data


def schema_version() -> str:
    """A version string for the whole set of schemas: their ``x-version`` values joined."""
    return ".".join(str(load_schema(t).get("x-version", 1)) for t in TABLES)


def columns(table: str) -> list[str]:
    """The table's columns, in schema order."""
    return list(load_schema(table)["properties"])


@dataclass(frozen=True, slots=True)
class Violation:
    """Why a record failed its schema: the JSON path of the field and the message."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Validator:
    """A compiled validator for one table (compile once, validate many)."""

    def __init__(self, table: str, *, engine: str = "auto") -> None:
        self.table = table
        schema = load_schema(table)
        self.engine = engine
        if engine == "auto":
            try:
                import jsonschema_rs

                self.engine = "jsonschema-rs"
            except ImportError:
                self.engine = "jsonschema"
        if self.engine == "jsonschema-rs":
            import jsonschema_rs

            self._rs = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        else:
            import jsonschema

            cls = jsonschema.validators.validator_for(schema)
            self._py = cls(schema, format_checker=cls.FORMAT_CHECKER)

    def errors(self, record: Mapping[str, Any]) -> list[Violation]:
        """All violations of ``record`` (empty when valid), sorted by path."""
        out: list[Violation] = []
        if self.engine == "jsonschema-rs":
            if self._rs.is_valid(record):
                return out
            for err in self._rs.iter_errors(record):
                path = "/".join(str(p) for p in err.instance_path) or "(record)"
                out.append(Violation(path, err.message))
        else:
            for e in self._py.iter_errors(record):
                path = "/".join(str(p) for p in e.absolute_path) or "(record)"
                out.append(Violation(path, e.message))
        return sorted(out, key=lambda v: (v.path, v.message))


@functools.cache
def validator(table: str) -> Validator:
    return Validator(table)


# --- Arrow schema derived from JSON Schema -----------------------------------------------------


def _arrow_type(prop: Mapping[str, Any]) -> tuple[pa.DataType, bool]:
    """Map one JSON Schema property to ``(arrow type, nullable)``."""
    types = prop.get("type", "string")
    if isinstance(types, str):
        types = [types]
    nullable = "null" in types
    kinds = [t for t in types if t != "null"]
    if len(kinds) != 1:
        raise SchemaError(f"found types {types}, expected one type (plus null); simplify the schema")
    kind = kinds[0]
    fmt = prop.get("format")
    if kind == "string":
        if fmt == "date":
            return pa.date32(), nullable
        if fmt == "date-time":
            return pa.timestamp("us", tz="UTC"), nullable
        return pa.string(), nullable
    if kind == "integer":
        return pa.int64(), nullable
    if kind == "number":
        return pa.float64(), nullable
    if kind == "boolean":
        return pa.bool_(), nullable
    if kind == "array":
        item, _ = _arrow_type(prop.get("items", {"type": "string"}))
        return pa.list_(item), nullable
    if kind == "object":
        req = set(prop.get("required", []))
        fields = []
        for name, sub in prop.get("properties", {}).items():
            t, n = _arrow_type(sub)
            fields.append(pa.field(name, t, nullable=n or name not in req))
        return pa.struct(fields), nullable
    raise SchemaError(f"found JSON type {kind!r}, expected string/integer/number/boolean/array/object")


@functools.cache
def arrow_schema(table: str) -> pa.Schema:
    """The Parquet/Arrow schema of ``table``, derived from its JSON Schema."""
    schema = load_schema(table)
    req = set(schema.get("required", []))
    fields = []
    for name, prop in schema["properties"].items():
        t, nullable = _arrow_type(prop)
        meta = {"description": prop.get("description", "")}
        fields.append(pa.field(name, t, nullable=nullable or name not in req, metadata=meta))
    return pa.schema(fields, metadata={"table": table, "schema_version": str(schema.get("x-version", 1))})


def to_arrow(table: str, records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Build an Arrow table from JSON-shaped records (dates as ISO strings are converted)."""
    sch = arrow_schema(table)
    cols: dict[str, list[Any]] = {f.name: [] for f in sch}
    for r in records:
        for f in sch:
            cols[f.name].append(r.get(f.name))
    arrays = []
    for f in sch:
        vals = cols[f.name]
        if pa.types.is_date32(f.type) or pa.types.is_timestamp(f.type):
            arrays.append(pa.array(vals, type=pa.string()).cast(f.type) if vals else pa.array([], type=f.type))
        else:
            arrays.append(pa.array(vals, type=f.type))
    return pa.Table.from_arrays(arrays, schema=sch)
