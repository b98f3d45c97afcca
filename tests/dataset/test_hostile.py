"""Hostile inputs and output folders (issue 17): each case runs, stays bounded and stays in its folder.

Input side: symlink loops, non-UTF-8 file names, huge sidecars and pages, non-http(s) URLs.
Output side: links planted inside the output folder are never followed, and files a run did not
write are kept out of the tables.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from quotewire.dataset.discovery import discover
from quotewire.dataset.pipeline import Options, article_from_bytes
from quotewire.dataset.runner import RunSummary, run_pipeline
from quotewire.extract.model import Article
from tests.helpers import article

TODAY = dt.date(2026, 11, 27)


def run(raw: Path, out: Path, **kw: Any) -> RunSummary:
    kw.setdefault("options", Options(today=TODAY))
    return run_pipeline(raw, out, corpus=False, **kw)


def quarantine(out: Path) -> dict[str, str]:
    lines = (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["unit_key"]: r["reason"] for r in map(json.loads, lines)}


def documents(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for p in sorted((out / "jsonl" / "documents").rglob("*.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- raw folder ----------------------------------------------------------------------------------


def test_symlink_loop_in_raw_is_one_invalid_input(raw_dir: Path, out_dir: Path) -> None:
    # Item 13: resolving a loop raised RuntimeError (not OSError) and crashed every run.
    os.symlink("loop.txt", raw_dir / "loop.txt")
    os.symlink("b.txt", raw_dir / "a.txt")
    os.symlink("a.txt", raw_dir / "b.txt")
    (raw_dir / "ok.txt").write_text(article(1), encoding="utf-8")
    s = run(raw_dir, out_dir)
    assert (s.processed, s.quarantined) == (1, 3)
    q = quarantine(out_dir)
    assert all("symlink loop" in q[k] for k in ("loop.txt", "a.txt", "b.txt")), q


# --- metadata ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("javascript://%0Aalert(13)", None),
        ("JavaScript://%0Aalert(13)", None),
        ("javascript:alert(13)", None),
        ("data://text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("ftp://example.com/a.txt", None),
        ("http://example.com/a", "http://example.com/a"),
        ("HTTPS://example.com/a?b=1", "HTTPS://example.com/a?b=1"),
    ],
)
def test_only_http_urls_are_kept(url: str, kept: str | None) -> None:
    # Item 22: readers and the report turn the URL into a link; javascript: URLs were stored.
    art = article_from_bytes(article(1).encode(), "a.txt", json.dumps({"url": url}).encode(),
                             options=Options(today=TODAY))
    assert isinstance(art, Article)
    assert art.url == kept
    if kept is None:
        assert any(n.startswith("url ignored") for n in art.notes), art.notes


def test_non_utf8_file_name_and_its_escaped_spelling_are_two_inputs(raw_dir: Path, out_dir: Path) -> None:
    # Item 8: b"caf\xe9.txt" (not UTF-8) was keyed by its escaped spelling, the very name of the
    # literal file "caf\xe9.txt": one manifest key for two inputs, a document reprocessed every run.
    try:
        with open(os.path.join(os.fsencode(raw_dir), b"caf\xe9.txt"), "w", encoding="utf-8") as f:
            f.write(article(1))
    except OSError:
        pytest.skip("this filesystem refuses file names that are not UTF-8")
    (raw_dir / "caf\\xe9.txt").write_text(article(2), encoding="utf-8")
    with open(os.path.join(os.fsencode(raw_dir), b"\\xe9\xe9.txt"), "w", encoding="utf-8") as f:
        f.write(article(3))
    with open(os.path.join(os.fsencode(raw_dir), b"\xe9\\xe9.txt"), "w", encoding="utf-8") as f:
        f.write(article(4))
    keys = [u.key for u in discover(raw_dir)]
    assert len(set(keys)) == len(keys) == 4, keys
    s1 = run(raw_dir, out_dir)
    assert (s1.processed, s1.quarantined) == (1, 3)
    s2 = run(raw_dir, out_dir)
    assert (s2.processed, s2.unchanged, s2.quarantined) == (0, 1, 3), s2
    assert [d["source_path"] for d in documents(out_dir)] == ["caf\\xe9.txt"]


def test_sidecar_over_the_limit_is_ignored_with_a_note(raw_dir: Path, out_dir: Path) -> None:
    # Item 19: a sidecar was read whole (a 3 GB one took 6.4 GB of memory). Over the limit it is
    # not read at all: the article is kept without its metadata, and says why.
    from quotewire.dataset.discovery import MAX_SIDECAR_BYTES

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    big = json.dumps({"published": "2016-12-14", "title": "T" * MAX_SIDECAR_BYTES}).encode()
    (raw_dir / "a.meta.json").write_bytes(big)
    s = run(raw_dir, out_dir)
    assert s.processed == 1
    (doc,) = documents(out_dir)
    assert doc["published_source"] != "metadata" and not (doc["title"] or "").startswith("TTT")
    assert f"sidecar ignored: {len(big)} bytes, limit {MAX_SIDECAR_BYTES}" in doc["notes"]
    # A sidecar brought under the limit is read on the next run.
    (raw_dir / "a.meta.json").write_text('{"published": "2016-12-14", "title": "Small"}', encoding="utf-8")
    assert run(raw_dir, out_dir).processed == 1
    (doc,) = documents(out_dir)
    assert (doc["title"], doc["published_source"]) == ("Small", "metadata")


# --- output folder -------------------------------------------------------------------------------


def test_a_file_no_run_wrote_is_moved_out_of_the_tables(raw_dir: Path, out_dir: Path) -> None:
    # Item 9: a Parquet file added to parquet/documents/ (by hand, or by a query's COPY ... TO)
    # was a document of the dataset for every reader, and survived every later run.
    from quotewire.dataset.io import FOREIGN

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    run(raw_dir, out_dir)
    part = next((out_dir / "parquet" / "documents").rglob("part-*.parquet"))
    jpart = next((out_dir / "jsonl" / "documents").rglob("part-*.jsonl"))
    planted = [out_dir / "parquet" / "documents" / "evil.parquet", part.parent / "data.parquet",
               out_dir / "jsonl" / "documents" / "sub" / "evil.jsonl"]
    for src, dst in zip([part, part, jpart], planted, strict=True):
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    s = run(raw_dir, out_dir)
    assert s.records["documents"] == 1
    assert not [p for p in planted if p.exists()]
    kept = sorted(p.relative_to(out_dir / FOREIGN).as_posix() for p in (out_dir / FOREIGN).rglob("*") if p.is_file())
    assert kept == sorted(p.relative_to(out_dir).as_posix() for p in planted)
    import pyarrow.dataset as ds

    assert ds.dataset(out_dir / "parquet" / "documents", format="parquet").count_rows() == 1


@pytest.mark.parametrize("where", [".lock", "_staging", "parquet", "rejects", "quarantine.jsonl.tmp"])
def test_a_link_inside_the_output_is_never_followed(tmp_path: Path, raw_dir: Path, out_dir: Path, where: str) -> None:
    # Item 21: out/.lock -> ../victim.txt overwrote the victim; out/_staging -> folder deleted that
    # folder's subfolders. The run refuses to start and says which link to remove.
    from quotewire.errors import ConfigError

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    (raw_dir / "b.txt").write_text(article(2), encoding="utf-8")
    run(raw_dir, out_dir)
    victim_file = tmp_path / "victim.txt"
    victim_file.write_text("precious", encoding="utf-8")
    victim_dir = tmp_path / "victim"
    (victim_dir / "sub").mkdir(parents=True)
    (victim_dir / "sub" / "keep.txt").write_text("precious", encoding="utf-8")
    target = victim_dir if where in ("_staging", "parquet", "rejects") else victim_file
    link = out_dir / where
    if link.is_dir():
        link.rename(tmp_path / "moved-aside")
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    (raw_dir / "b.txt").write_text(article(3), encoding="utf-8")  # something to write
    with pytest.raises(ConfigError, match="symbolic link"):
        run(raw_dir, out_dir)
    assert victim_file.read_text(encoding="utf-8") == "precious"
    assert sorted(p.relative_to(victim_dir).as_posix() for p in victim_dir.rglob("*")) == ["sub", "sub/keep.txt"]


def test_output_folder_that_is_a_symlink_loop_is_a_clear_error(tmp_path: Path, raw_dir: Path) -> None:
    # Item 13: resolving the output folder raised RuntimeError (a traceback) on a loop.
    from quotewire.errors import ConfigError

    os.symlink("out", tmp_path / "out")
    with pytest.raises(ConfigError, match=r"[Ss]ymlink loop"):
        run(raw_dir, tmp_path / "out")
