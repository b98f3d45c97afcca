"""``output/report.html``: content, escaping, no remote resources, and a headless Chromium render."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.report import render_report, timeline_bins, top_speakers, write_report
from quotewire.dataset.runner import run_pipeline

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "raw" / "cnn-aleppo-2016-12-14.txt"
EVIL = "<script>alert('x')</script> & \"Co\""
SUMMARY = {"run_id": "20261127T120000Z-abc123", "found": 3, "processed": 1, "unchanged": 0, "duplicate": 0,
           "quarantined": 2, "deleted": 0, "records": {"documents": 1, "quotes": 13}, "rejects": 0, "seconds": 1.25}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed article, an empty file and a file with markup in its name (both quarantined).

    One quote's speaker is then rewritten to markup, as a hostile input could make it.
    """
    base = tmp_path_factory.mktemp("report")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), raw / (SEED.stem + ".meta.json"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "<b>bold<i>.txt").write_bytes(b"\x00\x01\x02binary")
    out = base / "output"
    run_pipeline(raw, out)
    part = next((out / "jsonl" / "quotes").rglob("part-*.jsonl"))
    rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    rows[0]["speaker"] = EVIL
    qio.write_parquet(out / "parquet" / "quotes" / (part.stem + ".parquet"), "quotes", rows, {})
    write_report(out, SUMMARY)
    yield out


def page(out: Path) -> str:
    return (out / "report.html").read_text(encoding="utf-8")


def test_report_shows_speakers_events_outlets_and_counts(dataset: Path) -> None:
    html = page(dataset)
    for text in ("Most-quoted speakers", "Bilal Abdul Kareem", "Recep Tayyip Erdogan", "Timeline of dated events",
                 "2016-12-14", "November 27", "Quotes per outlet", "CNN", "Records per table", "documents", "events"):
        assert text in html, text
    assert "<svg" in html and "<rect" in html


def test_report_lists_quarantine_with_reasons(dataset: Path) -> None:
    html = page(dataset)
    assert "empty.txt" in html and "empty file" in html
    assert "&lt;b&gt;bold&lt;i&gt;.txt" in html and "binary data" in html


def test_report_shows_the_run_summary(dataset: Path) -> None:
    html = page(dataset)
    assert SUMMARY["run_id"] in html
    assert re.search(r"<dt>quarantined</dt><dd>2</dd>", html)
    assert "documents 1, quotes 13" in html


def test_everything_is_escaped(dataset: Path) -> None:
    html = page(dataset)
    assert "<script" not in html.lower()
    assert "<b>bold" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;" in html


def test_no_remote_resources(dataset: Path) -> None:
    html = page(dataset)
    assert "http" not in html.lower()  # no src/href/url()/@import to any server, not even a link
    targets = re.findall(r"""\b(?:src|href|srcset|action|data)\s*=\s*["']?([^"'\s>]*)""", html)
    assert targets and all(t.startswith("#") for t in targets), targets  # only in-page anchors
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_report_without_summary_or_tables(tmp_path: Path) -> None:
    html = render_report(tmp_path)
    assert "Last run" not in html
    assert "No events." in html and "No input is quarantined." in html
    path = write_report(tmp_path)
    assert path == tmp_path / "report.html" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_broken_table_does_not_break_the_report(tmp_path: Path) -> None:
    d = tmp_path / "parquet" / "events"
    d.mkdir(parents=True)
    (d / "part-x.parquet").write_bytes(b"not parquet")
    html = render_report(tmp_path)
    assert "Could not build this section" in html and "Most-quoted speakers" in html


def test_timeline_bins_pick_a_readable_unit() -> None:
    days = [dt.date(2016, 12, 1), dt.date(2016, 12, 3), dt.date(2016, 12, 3)]
    assert timeline_bins(days) == ("day", [("2016-12-01", 1), ("2016-12-02", 0), ("2016-12-03", 2)])
    unit, bins = timeline_bins([dt.date(2015, 9, 5), dt.date(2016, 2, 1)])
    assert unit == "month" and [b[0] for b in bins] == ["2015-09", "2015-10", "2015-11", "2015-12", "2016-01", "2016-02"]
    unit, bins = timeline_bins([dt.date(1990, 1, 1), dt.date(2016, 1, 1)])
    assert unit == "year" and len(bins) == 27
    assert timeline_bins([]) == ("day", [])


def test_top_speakers_counts_quotes_and_documents() -> None:
    t = pa.table({"doc_id": ["a", "a", "b", "b", "c"], "speaker": ["X", "X", "X", "Y", None]})
    assert top_speakers(t) == [("X", 3, 2), ("Y", 1, 1)]


def chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.slow
def test_report_renders_in_headless_chromium(dataset: Path, tmp_path: Path) -> None:
    exe = chromium()
    if exe is None:
        pytest.skip("no Chromium: /usr/bin/chromium, chromium or chromium-browser not found "
                    "(apt-get install -y chromium to run this test)")
    args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"]
    url = (dataset / "report.html").resolve().as_uri()
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run([*args, "--dump-dom", url], capture_output=True, text=True, timeout=120, env=env, check=False)
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = dom.stdout
    for text in ("quotewire report", "Most-quoted speakers", "Bilal Abdul Kareem", "Timeline of dated events",
                 "Quarantine", "empty file", SUMMARY["run_id"]):
        assert text in rendered, text
    assert "<script" not in rendered.lower()  # the hostile speaker name stayed text
    assert "&lt;script&gt;" in rendered
    shot = tmp_path / "report.png"
    res = subprocess.run([*args, "--window-size=1200,1800", f"--screenshot={shot}", url],
                         capture_output=True, text=True, timeout=120, env=env, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real page, not a blank one


def test_sections_summed_over_parts_equal_one_table(tmp_path: Path) -> None:
    """The report reads part files in turn; its sums must equal aggregates over the whole table."""
    import pyarrow.parquet as pq

    from quotewire.dataset.report import (
        bar_table,
        iter_parts,
        outlets_html,
        quotes_per_outlet,
        speakers_html,
        timeline_html,
    )
    from tests.helpers import article

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(7):
        (raw / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path / "out"
    run_pipeline(raw, out, batch_size=2)  # several part files per table
    assert len(list(iter_parts(out, "quotes", ["doc_id"]))) >= 3
    quotes = pa.concat_tables([pq.read_table(f, columns=["doc_id", "speaker"]) for f in (out / "parquet" / "quotes").rglob("*.parquet")])
    docs = pa.concat_tables([pq.read_table(f, columns=["doc_id", "outlet"]) for f in (out / "parquet" / "documents").rglob("*.parquet")])
    assert top_speakers(quotes) and quotes_per_outlet(quotes, docs)
    assert speakers_html(out) == bar_table(["speaker", "quotes", "documents"], top_speakers(quotes))
    assert outlets_html(out) == bar_table(["outlet", "quotes", "documents"], quotes_per_outlet(quotes, docs))
    assert "2016-12-14" in timeline_html(out)
