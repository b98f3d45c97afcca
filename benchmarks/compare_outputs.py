"""Compare two snapshot folders of quotewire output record by record (prints a report; exit 1 on any difference).

  python benchmarks/compare_outputs.py OLD_DIR NEW_DIR

OLD_DIR and NEW_DIR hold one output folder per input set (as ``benchmarks/snapshot_outputs.py``
writes them); sets present in both are compared. Within a set, every table is compared as a
multiset of records keyed by its id columns:
- ``jsonl/<table>/**/*.jsonl`` for every table present (documents, quotes, speakers, events,
  people, speaker_person, quotations, quote_quotation, and any other);
- ``parquet/<table>/**/*.parquet`` the same way (each part file read with pyarrow, the rows
  compared as sorted lists of dicts), plus the Arrow schema of the parts (names and types);
- ``manifest.parquet``, ``quarantine.jsonl`` and ``rejects/*.jsonl``.
Only the fields in ``IGNORED_FIELDS`` are left out. Only the standard library and pyarrow.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

# Fields that are run-specific, not extraction output, and so differ between any two runs or
# versions of the same code. They are dropped wherever they occur (top level and nested, e.g.
# the record inside a reject). Found in schemas/*.schema.json, flows/io.py and actual output:
IGNORED_FIELDS = frozenset({
    "pipeline_version",  # documents, manifest (and rejects' records): the code version, "0.2.0[+cfg.<hash>]"
    "run_id",  # manifest, quarantine: "<UTC timestamp>-<random>" of the run
    "part",  # manifest: part file name "part-<run_id>-NNNNN"
    "mtime_ns",  # manifest: modification time of the input file (a property of the input copy, not the run)
    "ingest_date",  # hive partition "ingest_date=<run date>" (in paths only; never read as a column here)
})

# Id columns per table; other tables are keyed by their "*_id" columns (or by the whole record).
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "quotes": ("quote_id",),
    "speakers": ("speaker_id",),
    "events": ("event_id",),
    "people": ("person_id",),
    "speaker_person": ("speaker_id",),
    "quotations": ("quotation_id",),
    "quote_quotation": ("quote_id", "quotation_id"),
    "manifest": ("unit_key",),
    "quarantine": ("unit_key",),
    "rejects": ("table", "source"),
}

Record = dict[str, Any]
MAX_SHOWN = 3


def strip(value: Any) -> Any:
    """The value without the ignored fields, at any depth."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in IGNORED_FIELDS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def canon(value: Any) -> str:
    # repr for dates, timestamps, decimals and bytes keeps their Python type in the comparison.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def read_jsonl(paths: Iterable[Path]) -> list[Record]:
    rows: list[Record] = []
    for p in paths:
        with p.open(encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def read_parquet(paths: Iterable[Path]) -> tuple[list[Record], set[str]]:
    """Rows of every part file (read one by one, so hive partition values are not added) and their schemas."""
    rows: list[Record] = []
    schemas: set[str] = set()
    for p in paths:
        tbl = pq.read_table(p, partitioning=None)
        schemas.add(str(tbl.schema.remove_metadata()))
        rows.extend(tbl.to_pylist())
    return rows, schemas


def key_of(table: str, rec: Record) -> tuple[Any, ...]:
    cols = KEYS.get(table) or tuple(sorted(k for k in rec if k.endswith("_id")))
    return tuple(canon(rec.get(c)) for c in cols)


def diff_records(table: str, old: list[Record], new: list[Record]) -> list[str]:
    """Up to MAX_SHOWN differences between two multisets of records (empty when they are equal)."""
    old_c = Counter(canon(strip(r)) for r in old)
    new_c = Counter(canon(strip(r)) for r in new)
    if old_c == new_c:
        return []
    only_old = old_c - new_c
    only_new = new_c - old_c
    by_key_old: dict[tuple[Any, ...], list[Record]] = {}
    by_key_new: dict[tuple[Any, ...], list[Record]] = {}
    for c in only_old.elements():
        rec = json.loads(c)
        by_key_old.setdefault(key_of(table, rec), []).append(rec)
    for c in only_new.elements():
        rec = json.loads(c)
        by_key_new.setdefault(key_of(table, rec), []).append(rec)
    out: list[str] = [f"{sum(only_old.values())} record(s) only in old, {sum(only_new.values())} only in new"]
    for key in sorted(set(by_key_old) | set(by_key_new)):
        if len(out) > MAX_SHOWN:
            break
        a, b = by_key_old.get(key, []), by_key_new.get(key, [])
        label = ", ".join(str(json.loads(k)) for k in key) or "(no key)"
        if len(a) == 1 and len(b) == 1:
            fields = sorted(f for f in set(a[0]) | set(b[0]) if canon(a[0].get(f)) != canon(b[0].get(f)))
            parts = [f"{f}: {_short(a[0].get(f, '<absent>'))} -> {_short(b[0].get(f, '<absent>'))}" for f in fields]
            out.append(f"[{label}] changed: " + "; ".join(parts))
        elif a and not b:
            out.append(f"[{label}] only in old ({len(a)}x): {_short(a[0])}")
        elif b and not a:
            out.append(f"[{label}] only in new ({len(b)}x): {_short(b[0])}")
        else:
            out.append(f"[{label}] {len(a)} old vs {len(b)} new differing records, first old: {_short(a[0])}")
    return out


def _short(value: Any, limit: int = 200) -> str:
    s = canon(value)
    return s if len(s) <= limit else s[:limit] + "..."


def tables(base: Path, kind: str) -> set[str]:
    root = base / kind
    return {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()


def compare_set(old: Path, new: Path) -> bool:
    """Print the comparison of one set's output folders; True when everything is identical."""
    same = True

    def report(name: str, n_old: int | None, n_new: int | None, diffs: list[str]) -> None:
        nonlocal same
        counts = f"{'-' if n_old is None else n_old} / {'-' if n_new is None else n_new}"
        if n_old is None or n_new is None:
            diffs = diffs or [f"missing in {'old' if n_old is None else 'new'}"]
        print(f"  {name:28s} rows old/new {counts:>15s}  {'identical' if not diffs else 'DIFFERENT'}")
        for d in diffs[: MAX_SHOWN + 1]:
            print(f"      {d}")
        same = same and not diffs

    for table in sorted(tables(old, "jsonl") | tables(new, "jsonl")):
        po = sorted((old / "jsonl" / table).glob("**/*.jsonl"))
        pn = sorted((new / "jsonl" / table).glob("**/*.jsonl"))
        ro, rn = read_jsonl(po), read_jsonl(pn)
        present_o = (old / "jsonl" / table).is_dir()
        present_n = (new / "jsonl" / table).is_dir()
        report(f"jsonl/{table}", len(ro) if present_o else None, len(rn) if present_n else None,
               diff_records(table, ro, rn) if present_o and present_n else [])

    for table in sorted(tables(old, "parquet") | tables(new, "parquet")):
        present_o = (old / "parquet" / table).is_dir()
        present_n = (new / "parquet" / table).is_dir()
        ro, so = read_parquet(sorted((old / "parquet" / table).glob("**/*.parquet")))
        rn, sn = read_parquet(sorted((new / "parquet" / table).glob("**/*.parquet")))
        diffs = diff_records(table, ro, rn) if present_o and present_n else []
        if present_o and present_n and so != sn:
            diffs.append(f"Arrow schema differs: old {sorted(so)} new {sorted(sn)}")
        report(f"parquet/{table}", len(ro) if present_o else None, len(rn) if present_n else None, diffs)

    mo, mn = old / "manifest.parquet", new / "manifest.parquet"
    if mo.exists() or mn.exists():
        ro, so = read_parquet([mo] if mo.exists() else [])
        rn, sn = read_parquet([mn] if mn.exists() else [])
        diffs = diff_records("manifest", ro, rn) if mo.exists() and mn.exists() else []
        if mo.exists() and mn.exists() and so != sn:
            diffs.append("Arrow schema differs")
        report("manifest.parquet", len(ro) if mo.exists() else None, len(rn) if mn.exists() else None, diffs)

    qo, qn = old / "quarantine.jsonl", new / "quarantine.jsonl"
    if qo.exists() or qn.exists():
        ro, rn = read_jsonl([qo] if qo.exists() else []), read_jsonl([qn] if qn.exists() else [])
        report("quarantine.jsonl", len(ro) if qo.exists() else None, len(rn) if qn.exists() else None,
               diff_records("quarantine", ro, rn) if qo.exists() and qn.exists() else [])

    # rejects/<run_id>.jsonl: file names carry the run id, so all files of a set are one table.
    ro = read_jsonl(sorted((old / "rejects").glob("*.jsonl")))
    rn = read_jsonl(sorted((new / "rejects").glob("*.jsonl")))
    report("rejects", len(ro), len(rn), diff_records("rejects", ro, rn))
    return same


def is_output(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith(("_", ".")) and (
        (path / "manifest.parquet").exists() or (path / "jsonl").is_dir())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old", type=Path, help="snapshot folder of the reference run")
    ap.add_argument("new", type=Path, help="snapshot folder to check against it")
    a = ap.parse_args()
    old_sets = {p.name for p in a.old.iterdir() if is_output(p)} if a.old.is_dir() else set()
    new_sets = {p.name for p in a.new.iterdir() if is_output(p)} if a.new.is_dir() else set()
    common = sorted(old_sets & new_sets)
    if not common:
        print(f"no output set present in both {a.old} and {a.new}")
        return 1
    for name in sorted(old_sets ^ new_sets):
        print(f"note: set {name} only in {'old' if name in old_sets else 'new'} (not compared)")
    print(f"ignored fields: {', '.join(sorted(IGNORED_FIELDS))}")
    failed = []
    for name in common:
        print(f"{name}:")
        if not compare_set(a.old / name, a.new / name):
            failed.append(name)
    print(f"RESULT: {'identical' if not failed else 'DIFFERENT in ' + ', '.join(failed)} ({len(common)} set(s) compared)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
