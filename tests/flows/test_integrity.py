"""Damaged output state never loses data: missing, truncated or corrupted parts and manifests
are detected, warned about and rebuilt from the inputs; ``--full`` always recovers (issue 17)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.runner import run_pipeline
from tests.helpers import article, parquet_count, rows, snapshot


def _corpus(raw: Path, n: int = 9) -> None:
    for i in range(n):
        (raw / f"a{i}.txt").write_text(article(i), encoding="utf-8")


def _part_file(out: Path, fmt: str, table: str, holding: str) -> Path:
    """The committed ``fmt`` file of ``table`` of the part that holds input ``holding``."""
    part = qio.load_manifest(out)[holding].part
    assert part
    return next((out / fmt / table).rglob(f"{part}.{fmt}"))


def _clean(raw: Path, tmp: Path) -> dict[str, list[str]]:
    run_pipeline(raw, tmp / "clean", batch_size=3)
    return snapshot(tmp / "clean")


def _edit(raw: Path, name: str, n: int) -> None:
    p = raw / name
    p.write_text(article(n), encoding="utf-8")
    os.utime(p, ns=(7, 7))


def test_deleted_jsonl_part_is_rebuilt_with_a_warning(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Issue 17.4: a deleted part plus an edit elsewhere lost the part's unchanged documents."""
    _corpus(raw_dir)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    _part_file(out_dir, "jsonl", "documents", "a0.txt").unlink()
    _edit(raw_dir, "a8.txt", 20)
    s = run_pipeline(raw_dir, out_dir, batch_size=3)
    assert s.processed == 4 and s.unchanged == 5, s
    assert any("damaged" in n and "jsonl/documents file is missing" in n and "3 documents" in n for n in s.notes), s.notes
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)
    assert parquet_count(out_dir, "documents") == 9 == len(rows(out_dir, "documents"))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_truncated_or_overwritten_part_is_rebuilt(fmt: str, raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Issue 17.15/16: a corrupted part crashed every incremental run (``--full`` too)."""
    _corpus(raw_dir, 6)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    victim = _part_file(out_dir, fmt, "quotes", "a0.txt")
    victim.write_bytes(victim.read_bytes()[:40] + b"\x00garbage")
    s = run_pipeline(raw_dir, out_dir, batch_size=3)
    assert s.processed == 3 and any("changed after its commit" in n for n in s.notes), s.notes
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)
    assert parquet_count(out_dir, "quotes") == len(rows(out_dir, "quotes"))
    assert not run_pipeline(raw_dir, out_dir, batch_size=3).notes, "the rebuilt part must be sound"


def test_undetectable_damage_is_found_when_the_part_is_read(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Garbage of the same size and mtime escapes the ledger; reading the part for a rewrite finds it."""
    _corpus(raw_dir, 6)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    victim = _part_file(out_dir, "jsonl", "documents", "a0.txt")
    st = victim.stat()
    victim.write_bytes(b"\xff" * st.st_size)
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    _edit(raw_dir, "a1.txt", 30)  # a1 shares the part with a0 and a2: the part is rewritten
    s = run_pipeline(raw_dir, out_dir, batch_size=3)
    assert s.processed == 3 and any("damaged" in n for n in s.notes), s.notes
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)


def test_full_recovers_from_any_damaged_part(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    _corpus(raw_dir, 6)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    for fmt in ("jsonl", "parquet"):
        p = _part_file(out_dir, fmt, "documents", "a0.txt")
        st = p.stat()
        p.write_bytes(b"\xff" * st.st_size)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    s = run_pipeline(raw_dir, out_dir, batch_size=3, full=True)
    assert s.processed == 6
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)
    assert parquet_count(out_dir, "documents") == 6


@pytest.mark.parametrize("full", [False, True])
def test_truncated_manifest_is_rebuilt_with_a_warning(full: bool, raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Issue 17.14: a truncated manifest.parquet crashed every run, ``--full`` too."""
    _corpus(raw_dir, 4)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    man = out_dir / qio.MANIFEST
    man.write_bytes(man.read_bytes()[:100])
    s = run_pipeline(raw_dir, out_dir, batch_size=3, full=full)
    assert s.processed == 4 and any("manifest.parquet is damaged" in n for n in s.notes), s.notes
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)
    assert parquet_count(out_dir, "documents") == 4
    assert run_pipeline(raw_dir, out_dir, batch_size=3).unchanged == 4


def test_damaged_corpus_table_is_rebuilt(raw_dir: Path, out_dir: Path) -> None:
    _corpus(raw_dir, 2)
    s1 = run_pipeline(raw_dir, out_dir)
    (out_dir / "parquet" / "people" / "data.parquet").write_bytes(b"PAR1 not really")
    s2 = run_pipeline(raw_dir, out_dir)
    assert s2.records == s1.records


def test_manifest_without_ledger_still_checks_parts(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """An output written before ledgers: a part without its documents file is rebuilt too."""
    import pyarrow.parquet as pq

    _corpus(raw_dir, 6)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    man = out_dir / qio.MANIFEST
    tbl = pq.read_table(man)
    pq.write_table(tbl.replace_schema_metadata({b"run_id": (tbl.schema.metadata or {})[b"run_id"]}), man)
    _part_file(out_dir, "parquet", "documents", "a3.txt").unlink()
    s = run_pipeline(raw_dir, out_dir, batch_size=3)
    assert s.processed == 3 and any("parquet/documents file is missing" in n for n in s.notes), s.notes
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)
    assert parquet_count(out_dir, "documents") == 6


def test_cli_summary_prints_the_notes(capsys: pytest.CaptureFixture[str]) -> None:
    from quotewire.cli import print_summary
    from quotewire.dataset.runner import RunSummary

    print_summary(RunSummary("r1", notes=["part p is damaged (x); its 3 documents are rebuilt from the inputs"]).as_dict())
    assert "  note: part p is damaged (x); its 3 documents are rebuilt" in capsys.readouterr().out


def test_damage_that_escapes_every_check_gets_one_line_of_advice(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """A Parquet footer garbled in place (size and mtime kept) is found when the run counts the
    records: a DamagedOutput naming the file and ``--full``, not a traceback; ``--full`` repairs it."""
    from quotewire.errors import DamagedOutput

    _corpus(raw_dir, 3)
    run_pipeline(raw_dir, out_dir)
    victim = _part_file(out_dir, "parquet", "quotes", "a0.txt")
    st = victim.stat()
    victim.write_bytes(victim.read_bytes()[:-12] + b"\xff" * 12)
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(DamagedOutput, match=r"is damaged .*quotewire run --full"):
        run_pipeline(raw_dir, out_dir)
    run_pipeline(raw_dir, out_dir, full=True)
    assert snapshot(out_dir) == _clean(raw_dir, tmp_path)


def test_kept_deleted_records_in_a_damaged_part_are_reported_lost(raw_dir: Path, out_dir: Path) -> None:
    _corpus(raw_dir, 3)
    run_pipeline(raw_dir, out_dir, batch_size=3)
    (raw_dir / "a1.txt").unlink()
    run_pipeline(raw_dir, out_dir, batch_size=3, keep_deleted=True)
    _part_file(out_dir, "jsonl", "documents", "a0.txt").unlink()
    s = run_pipeline(raw_dir, out_dir, batch_size=3, keep_deleted=True)
    assert any("its 2 documents are rebuilt" in n and "1 documents of deleted inputs" in n for n in s.notes), s.notes
    assert sorted(d["source_path"] for d in rows(out_dir, "documents")) == ["a0.txt", "a2.txt"]
