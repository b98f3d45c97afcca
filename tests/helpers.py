"""Small helpers shared by tests (reading an output folder back)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

ARTICLE = (
    "Mayor Jane Doe said on Tuesday that the bridge would reopen in March.\n\n"
    '"We are ready," Doe told reporters. "The repairs are done."\n'
)


def article(n: int) -> str:
    """A short distinct English article."""
    return (
        f"Officials in Town {n} met on Monday to discuss the budget.\n\n"
        f'"The numbers for district {n} are better than we expected," said council leader Maria Lopez. '
        f"She said the plan would be voted on next week.\n"
    )


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    res: list[dict[str, Any]] = []
    for p in sorted((out / "jsonl" / table).glob("**/*.jsonl")):
        with p.open(encoding="utf-8") as f:
            res.extend(json.loads(line) for line in f if line.strip())
    return res


def parquet_count(out: Path, table: str) -> int:
    return ds.dataset(out / "parquet" / table, format="parquet").count_rows()


def snapshot(out: Path) -> dict[str, list[str]]:
    """Sorted JSON of every table's records (run metadata is not in records)."""
    from quotewire.dataset.schema import TABLES

    return {t: sorted(json.dumps(r, sort_keys=True) for r in rows(out, t)) for t in TABLES}
