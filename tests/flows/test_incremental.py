"""Incremental reruns: new, changed, deleted, duplicate inputs, version bumps, the lock."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.runner import run_pipeline
from quotewire.errors import ConfigError, OutputLocked
from tests.helpers import article, parquet_count, rows, snapshot


def write(raw: Path, name: str, text: str) -> Path:
    p = raw / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def doc_paths(out: Path) -> list[str]:
    return sorted(d["source_path"] for d in rows(out, "documents"))


def test_first_run_then_rerun_is_unchanged(raw_dir: Path, out_dir: Path) -> None:
    for i in range(3):
        write(raw_dir, f"a{i}.txt", article(i))
    s1 = run_pipeline(raw_dir, out_dir)
    assert (s1.found, s1.processed, s1.unchanged) == (3, 3, 0)
    before = snapshot(out_dir)
    s2 = run_pipeline(raw_dir, out_dir)
    assert (s2.found, s2.processed, s2.unchanged) == (3, 0, 3)
    assert snapshot(out_dir) == before
    assert s2.records["documents"] == 3 == parquet_count(out_dir, "documents")


def test_new_file_is_the_only_one_processed(raw_dir: Path, out_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    run_pipeline(raw_dir, out_dir)
    write(raw_dir, "sub/b.txt", article(2))
    s = run_pipeline(raw_dir, out_dir)
    assert (s.processed, s.unchanged) == (1, 1)
    assert doc_paths(out_dir) == ["a.txt", "sub/b.txt"]


def test_changed_file_replaces_its_records(raw_dir: Path, out_dir: Path) -> None:
    p = write(raw_dir, "a.txt", article(1))
    write(raw_dir, "b.txt", article(2))
    run_pipeline(raw_dir, out_dir)
    old_ids = {d["doc_id"] for d in rows(out_dir, "documents") if d["source_path"] == "a.txt"}
    p.write_text(article(3), encoding="utf-8")
    os.utime(p, ns=(1, 1))  # a different mtime, as an editor would leave
    s = run_pipeline(raw_dir, out_dir)
    assert (s.processed, s.unchanged) == (1, 1)
    docs = rows(out_dir, "documents")
    assert len(docs) == 2 == parquet_count(out_dir, "documents")
    assert not old_ids & {d["doc_id"] for d in docs}, "stale document rows remain"
    assert all(q["doc_id"] not in old_ids for q in rows(out_dir, "quotes")), "stale quotes remain"
    assert any("Town 3" in d["text"] for d in docs)


def test_deleted_file_records_removed_or_kept(raw_dir: Path, out_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    b = write(raw_dir, "b.txt", article(2))
    run_pipeline(raw_dir, out_dir)
    b.unlink()
    s = run_pipeline(raw_dir, out_dir, keep_deleted=True)
    assert doc_paths(out_dir) == ["a.txt", "b.txt"]
    s = run_pipeline(raw_dir, out_dir)
    assert s.deleted == 1
    assert doc_paths(out_dir) == ["a.txt"]
    assert parquet_count(out_dir, "documents") == 1
    assert {q["doc_id"] for q in rows(out_dir, "quotes")} <= {d["doc_id"] for d in rows(out_dir, "documents")}


def test_identical_bytes_are_one_document(raw_dir: Path, out_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    write(raw_dir, "copy/a-again.txt", article(1))
    s = run_pipeline(raw_dir, out_dir)
    assert (s.found, s.processed, s.duplicate) == (2, 1, 1)
    man = qio.load_manifest(out_dir)
    assert man["copy/a-again.txt"].status == "duplicate"
    assert "a.txt" in (man["copy/a-again.txt"].reason or "")


def test_jsonl_same_text_different_ids_are_different_documents(raw_dir: Path, out_dir: Path) -> None:
    lines = [
        {"id": "wire-1", "text": article(1), "outlet": "AP"},
        {"id": "reprint-1", "text": article(1), "outlet": "Daily"},
        {"id": "wire-1", "text": article(2)},  # a duplicate id: kept apart, keyed by line
    ]
    write(raw_dir, "feed.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    s = run_pipeline(raw_dir, out_dir)
    assert s.processed == 3
    docs = rows(out_dir, "documents")
    assert len({d["doc_id"] for d in docs}) == 3
    assert sorted(d["external_id"] for d in docs) == ["reprint-1", "wire-1", "wire-1"]
    # Appending a line processes only that line.
    with (raw_dir / "feed.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "new", "text": article(9)}) + "\n")
    s = run_pipeline(raw_dir, out_dir)
    assert (s.processed, s.unchanged) == (1, 3)


def test_version_bump_and_full_reprocess_everything(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(raw_dir, "a.txt", article(1))
    write(raw_dir, "b.txt", article(2))
    run_pipeline(raw_dir, out_dir)
    before = snapshot(out_dir)
    s = run_pipeline(raw_dir, out_dir, full=True)
    assert s.processed == 2
    assert snapshot(out_dir) == before, "a full rerun must give identical records"
    import quotewire.dataset.pipeline

    monkeypatch.setattr(quotewire.dataset.pipeline, "__version__", "999.0.0")
    s = run_pipeline(raw_dir, out_dir)
    assert s.processed == 2
    assert parquet_count(out_dir, "documents") == 2


def test_concurrent_run_is_refused(raw_dir: Path, out_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    with qio.run_lock(out_dir):
        with pytest.raises(OutputLocked, match="another quotewire run"):
            run_pipeline(raw_dir, out_dir)
    assert run_pipeline(raw_dir, out_dir).processed == 1


def test_output_inside_raw_is_refused(raw_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    with pytest.raises(ConfigError, match="inside the raw folder"):
        run_pipeline(raw_dir, raw_dir / "output")


def test_uncommitted_staging_is_discarded(raw_dir: Path, out_dir: Path) -> None:
    write(raw_dir, "a.txt", article(1))
    run_pipeline(raw_dir, out_dir)
    before = snapshot(out_dir)
    junk = out_dir / "_staging" / "crashed-run" / "jsonl" / "documents" / "part-crashed-run-00000.jsonl"
    junk.parent.mkdir(parents=True)
    junk.write_text('{"doc_id": "x"}\n')
    stray = out_dir / "jsonl" / "documents" / "part-stray-00000.jsonl"
    stray.write_text('{"doc_id": "y"}\n')
    run_pipeline(raw_dir, out_dir)
    assert not (out_dir / "_staging" / "crashed-run").exists()
    assert snapshot(out_dir) == before


def test_corpus_tables_follow_the_dataset(raw_dir: Path, out_dir: Path) -> None:
    """people/quotations are rebuilt when documents change, skipped when nothing did."""
    write(raw_dir, "a.txt", article(1))
    s1 = run_pipeline(raw_dir, out_dir)
    people = rows(out_dir, "people")
    assert s1.records["people"] == len(people) >= 1
    assert any(p["name"] == "Maria Lopez" for p in people), people
    mtime = (out_dir / "parquet" / "people" / "data.parquet").stat().st_mtime_ns
    run_pipeline(raw_dir, out_dir)
    assert (out_dir / "parquet" / "people" / "data.parquet").stat().st_mtime_ns == mtime, "rebuilt for nothing"
    write(raw_dir, "b.txt", article(2))
    s3 = run_pipeline(raw_dir, out_dir)
    lopez = [p for p in rows(out_dir, "people") if p["name"] == "Maria Lopez"]
    assert len(lopez) == 1 and lopez[0]["doc_count"] == 2, lopez
    links = rows(out_dir, "speaker_person")
    assert {sp["speaker_id"] for sp in rows(out_dir, "speakers")} == {link["speaker_id"] for link in links}
    assert s3.records["quotations"] == len(rows(out_dir, "quotations"))
    # Aliases force a merge (and a changed alias map forces a rebuild).
    s4 = run_pipeline(raw_dir, out_dir, aliases={"Maria Lopez": "María López Ortega"})
    assert any(p["name"] == "María López Ortega" for p in rows(out_dir, "people")), s4


def test_runner_drops_each_batch_result_once_folded_in(raw_dir: Path, out_dir: Path) -> None:
    """Memory stays flat as the corpus grows: no BatchResult outlives the next batch."""
    import gc
    import weakref
    from dataclasses import fields

    from quotewire.dataset.batch import BatchResult
    from quotewire.dataset.runner import BatchArgs, sequential

    class Tracked(BatchResult):  # a subclass without __slots__ so it can be weakly referenced
        pass

    for i in range(5):
        write(raw_dir, f"a{i}.txt", article(i))
    alive_before_next: list[int] = []
    refs: list[weakref.ref[Tracked]] = []

    def tracking(work: list[BatchArgs]) -> Any:
        for res in sequential(work):
            gc.collect()
            alive_before_next.append(sum(r() is not None for r in refs))
            tracked = Tracked(**{f.name: getattr(res, f.name) for f in fields(BatchResult)})
            refs.append(weakref.ref(tracked))
            del res
            yield tracked
            del tracked

    s = run_pipeline(raw_dir, out_dir, batch_size=1, map_batches=tracking)
    gc.collect()
    assert s.processed == 5 and len(refs) == 5
    assert alive_before_next == [0, 0, 0, 0, 0]
    assert all(r() is None for r in refs)
    assert s.written["documents"] == 5 == parquet_count(out_dir, "documents")


def test_runner_keeps_no_unit_objects_of_waiting_or_finished_batches(raw_dir: Path, out_dir: Path) -> None:
    """The parent holds a batch's units as objects only while it runs: the others stay pickled
    (about 145 bytes an input against 670 as objects; 67 MiB at 100,000 inputs)."""
    import gc

    from quotewire.dataset.io import InputUnit
    from quotewire.dataset.runner import BatchArgs, sequential

    names = [f"unit-count-{i}.txt" for i in range(6)]  # other tests' units may still be alive
    for i, name in enumerate(names):
        write(raw_dir, name, article(i))
    alive: list[int] = []

    def counting(work: Sequence[BatchArgs]) -> Any:
        for res in sequential(work):
            gc.collect()
            alive.append(sum(isinstance(o, InputUnit) and o.path in names for o in gc.get_objects()))
            yield res

    s = run_pipeline(raw_dir, out_dir, batch_size=2, map_batches=counting)
    assert s.processed == 6 and len(alive) == 3
    assert max(alive) <= 2, alive  # the running batch's two units at most; the plan held all six
    assert sorted(r["source_path"] for r in rows(out_dir, "documents")) == names


def test_packed_batches_round_trip_and_drop_finished_batches(raw_dir: Path) -> None:
    from quotewire.dataset import io as qio
    from quotewire.dataset.pipeline import Options
    from quotewire.dataset.plan import batches
    from quotewire.dataset.runner import PackedBatches, _PackedRows

    for i in range(5):
        write(raw_dir, f"a{i}.txt", article(i))
    units = qio.discover(raw_dir, None, max_line_bytes=1 << 20)
    work = batches(list(units), size=2)
    packed = PackedBatches.pack(work, raw="raw", out="out", run_id="r1", options=Options(), text_field="text")
    assert work == [[], [], []] and len(packed) == 3 and packed.inputs == 5
    assert [a[3] for a in packed] == ["part-r1-00000", "part-r1-00001", "part-r1-00002"]
    assert [u for a in packed for u in a[4]] == units
    assert packed[1][:4] == ("raw", "out", "r1", "part-r1-00001") and packed[1][6] == "text"
    assert packed.done("part-r1-00001") == units[2:4]
    with pytest.raises(LookupError):
        packed[1]
    assert [a[3] for a in packed[::2]] == ["part-r1-00000", "part-r1-00002"]
    rows_ = _PackedRows()
    rows_.add([1, 2])  # type: ignore[list-item]
    rows_.add([3])  # type: ignore[list-item]
    assert list(rows_.unpack()) == [1, 2, 3] and list(rows_.unpack()) == []


def test_release_memory_is_safe_to_call() -> None:
    from quotewire.dataset.runner import release_memory

    release_memory()  # malloc_trim on glibc, a no-op elsewhere; must never raise


def test_arrow_allocates_from_the_system_pool_in_the_cli() -> None:
    """Arrow's C++ internals must not use mimalloc: its per-thread heaps kept freed memory."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    code = "import quotewire.cli, flows.flow, pyarrow as pa; print(pa.default_memory_pool().backend_name)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parents[2], timeout=120, check=True)
    assert res.stdout.strip() == "system"
