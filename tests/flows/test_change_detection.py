"""Reruns see every change that matters and nothing else (issue 17 items 1, 3, 5, 7)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from quotewire.dataset import discovery
from quotewire.dataset import io as qio
from quotewire.dataset.manifest import ManifestRow
from quotewire.dataset.pipeline import Options
from quotewire.dataset.runner import run_pipeline
from tests.helpers import article, rows, snapshot

OLD_NS = 1_600_000_000 * 10**9  # 2020-09-13: far older than any scan


def _old(*paths: Path) -> None:
    for p in paths:
        os.utime(p, ns=(OLD_NS, OLD_NS))


def _hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the whole-file hashes discovery computes (JSONL lines excluded)."""
    calls: list[int] = []
    orig_open = Path.open

    def counting_open(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "rb" and self.suffix == ".txt":
            calls.append(1)
        return orig_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", counting_open)
    return calls


def test_copy_with_sidecar_stays_a_duplicate(raw_dir: Path, out_dir: Path) -> None:
    """Item 1: the manifest's unit hash (with the sidecar) was reused as the file's hash."""
    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    shutil.copy(raw_dir / "a.txt", raw_dir / "b.txt")
    (raw_dir / "b.meta.json").write_text('{"title": "B"}', encoding="utf-8")
    _old(*raw_dir.iterdir())
    s1 = run_pipeline(raw_dir, out_dir)
    s2 = run_pipeline(raw_dir, out_dir)
    assert (s1.processed, s1.duplicate) == (1, 1)
    assert (s2.processed, s2.unchanged, s2.duplicate) == (0, 1, 1), s2
    assert len(rows(out_dir, "documents")) == 1


@pytest.mark.parametrize("sidecar_newer", [False, True])
def test_same_size_and_mtime_new_content_is_seen(sidecar_newer: bool, raw_dir: Path, out_dir: Path) -> None:
    """Item 7: ``touch -r`` after an edit of the same size hid the edit (also with a newer sidecar)."""
    p = raw_dir / "a.txt"
    p.write_text(article(1), encoding="utf-8")
    _old(p)
    if sidecar_newer:
        side = raw_dir / "a.meta.json"
        side.write_text('{"title": "A"}', encoding="utf-8")
        os.utime(side, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    run_pipeline(raw_dir, out_dir)
    p.write_text(article(2), encoding="utf-8")  # same length, other content
    _old(p)  # touch -r: mtime restored
    s = run_pipeline(raw_dir, out_dir)
    assert s.processed == 1, s
    assert "Town 2" in rows(out_dir, "documents")[0]["text"]


def test_unchanged_rerun_hashes_nothing_and_doubt_is_hashed_once(
    raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        (raw_dir / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    _old(*raw_dir.iterdir())
    run_pipeline(raw_dir, out_dir)
    os.chmod(raw_dir / "a0.txt", 0o600)  # moves the ctime: in doubt, hashed, found unchanged
    calls = _hashes(monkeypatch)
    s = run_pipeline(raw_dir, out_dir)
    assert (s.processed, s.unchanged, len(calls)) == (0, 3, 1)
    calls.clear()
    assert run_pipeline(raw_dir, out_dir).unchanged == 3
    assert calls == [], "an input found unchanged after a hash must be trusted again"


def _row(**kw: object) -> ManifestRow:
    base: dict[str, object] = dict(unit_key="a.txt", path="a.txt", line=None, kind="txt", sha256="s", size=10,
                                   mtime_ns=OLD_NS, status="processed", reason=None, doc_id="d", part="p",
                                   pipeline_version="v", schema_version="v", run_id="r", file_sha256="f",
                                   ctime_ns=OLD_NS)
    base.update(kw)
    return ManifestRow(**base)  # type: ignore[arg-type]


SCAN = OLD_NS + 100 * 10**9


@pytest.mark.parametrize(
    "row, size, mtime, ctime, scanned, trusted",
    [
        (_row(), 10, OLD_NS, OLD_NS, SCAN, True),
        (_row(), 11, OLD_NS, OLD_NS, SCAN, False),  # size changed
        (_row(), 10, OLD_NS + 1, OLD_NS, SCAN, False),  # mtime changed
        (_row(), 10, OLD_NS, OLD_NS + 1, SCAN, False),  # ctime changed: touch -r, chmod, rename
        (_row(), 10, OLD_NS, OLD_NS, OLD_NS + 10**9, False),  # modified 1 s before the last scan
        (_row(), 10, OLD_NS, OLD_NS, None, False),  # no scan time recorded (older manifest)
        (_row(file_sha256=""), 10, OLD_NS, OLD_NS, SCAN, False),  # no file hash recorded
        (_row(kind="html"), 10, OLD_NS, OLD_NS, SCAN, False),
    ],
)
def test_when_the_recorded_hash_is_trusted(
    row: ManifestRow, size: int, mtime: int, ctime: int, scanned: int | None, trusted: bool
) -> None:
    assert discovery._trusted(row, "txt", size, mtime, ctime, scanned) is trusted


def _feed(raw: Path, n: int, field: str = "text") -> None:
    lines = [json.dumps({"id": f"n{i}", field: article(i)}) for i in range(n)]
    (raw / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_text_field_change_reprocesses_and_says_why(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Item 3: ``--text-field body`` on an existing output reported everything unchanged."""
    _feed(raw_dir, 3, field="body")
    s1 = run_pipeline(raw_dir, out_dir)
    assert s1.quarantined == 3
    s2 = run_pipeline(raw_dir, out_dir, text_field="body")
    assert (s2.processed, s2.quarantined, s2.unchanged) == (3, 0, 0), s2
    assert any("text_field 'text' -> 'body'" in n for n in s2.notes), s2.notes
    assert (out_dir / "quarantine.jsonl").read_text() == ""
    run_pipeline(raw_dir, tmp_path / "clean", text_field="body")
    assert snapshot(out_dir) == snapshot(tmp_path / "clean")


def test_no_text_and_max_chars_are_recorded(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    (raw_dir / "long.txt").write_text(article(2) + "More words follow here. " * 40, encoding="utf-8")
    s = run_pipeline(raw_dir, out_dir, options=Options(max_chars=400))
    assert (s.processed, s.quarantined) == (1, 1)
    s = run_pipeline(raw_dir, out_dir, options=Options(max_chars=400, include_text=False))
    assert s.processed == 1 and all(d["text"] is None for d in rows(out_dir, "documents"))
    assert any("include_text True -> False" in n for n in s.notes), s.notes
    s = run_pipeline(raw_dir, out_dir)
    assert (s.processed, s.quarantined) == (2, 0), "raising max_chars must let the long input in"
    assert all(d["text"] for d in rows(out_dir, "documents"))
    assert run_pipeline(raw_dir, out_dir).unchanged == 2


def test_source_line_follows_inserted_and_deleted_lines(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Item 5: an id-keyed line that moved kept its old ``source_line``."""
    _feed(raw_dir, 4)
    run_pipeline(raw_dir, out_dir)
    lines = (raw_dir / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(1, json.dumps({"id": "new", "text": article(9)}))
    del lines[3]  # n2
    (raw_dir / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_pipeline(raw_dir, out_dir)
    got = {d["external_id"]: d["source_line"] for d in rows(out_dir, "documents")}
    assert got == {"n0": 1, "new": 2, "n1": 3, "n3": 4}
    man = qio.load_manifest(out_dir)
    assert man["feed.jsonl#id=n3"].line == 4
    run_pipeline(raw_dir, tmp_path / "clean")
    assert snapshot(out_dir) == snapshot(tmp_path / "clean")
