"""``output/report.html``: content, escaping, no remote resources, and the quote explorer in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from quotewire.dataset import io as qio
from quotewire.dataset.report import render_report, timeline_bins, top_speakers, write_report
from quotewire.dataset.runner import run_pipeline

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "raw" / "cnn-aleppo-2016-12-14.txt"
EVIL = "<script>alert('x')</script> & \"Co\""
# An article whose quote, title, outlet and URL are markup: all of it must stay text on the page.
HOSTILE_TEXT = (
    "City council rejects budget \U0001F600\n\n"
    'Mayor Ana Ruiz said on Monday: "The <img src=x onerror=alert(1)> plan </script><script>alert(2)</script> '
    'is not a plan, and we will vote against it." She added that the council would meet again next week.\n'
)
HOSTILE_META = {"published": "2024-03-15", "title": "<i>Budget</i> </script>", "outlet": EVIL,
                "url": "javascript://x/%0Aalert(3)"}
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
    (raw / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (raw / "hostile.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    out = base / "output"
    run_pipeline(raw, out)
    part = next((out / "jsonl" / "quotes").rglob("part-*.jsonl"))
    rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    rows[0]["speaker"] = EVIL
    qio.write_parquet(next((out / "parquet" / "quotes").rglob(part.stem + ".parquet")), "quotes", rows, {})
    write_report(out, SUMMARY)
    yield out


def page(out: Path) -> str:
    return (out / "report.html").read_text(encoding="utf-8")


def test_report_shows_people_quotes_events_outlets_and_counts(dataset: Path) -> None:
    html = page(dataset)
    for text in ("Quotes", "qw-search", "Most-quoted people", "Bilal Abdul Kareem", "Recep Tayyip Erdogan", "Timeline of dated events",
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


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)


def test_everything_is_escaped(dataset: Path) -> None:
    html = page(dataset)
    # Exactly the page's own two scripts (the data and the explorer); nothing from the data opens one.
    assert html.lower().count("<script") == 2 and html.lower().count("</script") == 2
    assert "<b>bold" not in html and "<img" not in html and "<i>Budget" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;" in html  # the outlet table
    data = json.loads(_scripts(html)[0])  # the embedded data decodes back to the untrusted text
    assert HOSTILE_TEXT in [d[4] for d in data["docs"]]
    assert [EVIL, ""] in data["who"] and EVIL in [d[1] for d in data["docs"]]


def test_no_remote_resources(dataset: Path) -> None:
    html = page(dataset)
    data, code = _scripts(html)
    markup = html.replace(data, "").replace(code, "")
    assert "http" not in markup.replace('http-equiv="Content-Security-Policy"', "").lower()
    targets = re.findall(r"""\b(?:src|href|srcset|action|data)\s*=\s*["']?([^"'\s>]*)""", markup + code)
    assert targets and all(t.startswith("#") for t in targets), targets  # only in-page anchors
    assert "<link" not in html and "@import" not in html and "url(" not in html
    for api in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "innerHTML", "http", "eval("):
        assert api not in code, api  # the explorer loads nothing and writes data only as text
    assert "default-src &#x27;none&#x27;" in html  # the policy: no network, only the page's own script


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
    assert "Could not build this section" in html and "Most-quoted people" in html


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


def _browser(tmp_path: Path) -> Any:
    """A headless Chromium driven by selenium, or a skip saying what is missing."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e \".[dev]\")")
    exe = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
    driver = next((shutil.which(n) for n in ("chromedriver", "chromium-driver") if shutil.which(n)), None)
    if exe is None or driver is None:
        pytest.skip("no Chromium or chromedriver (Debian: apt-get install -y chromium chromium-driver, as .ci/run does)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = exe
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,1500", f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=opts)


@pytest.mark.slow
def test_quote_explorer_in_headless_chromium(dataset: Path, tmp_path: Path) -> None:
    """Load the page, search, filter by speaker, open a quote: what a person sees, in a real browser."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser = _browser(tmp_path)
    try:
        browser.get((dataset / "report.html").resolve().as_uri())
        find, find_all = browser.find_element, browser.find_elements
        total = len(json.loads(_scripts(page(dataset))[0])["quotes"])
        assert find(By.ID, "qw-count").text == f"{total} of {total} quotes"  # the script ran under the page's CSP
        assert not find(By.ID, "qw-nojs").is_displayed()
        find(By.ID, "qw-search").send_keys("shelling")
        shown = [r.text for r in find_all(By.CSS_SELECTOR, "#qw-rows tr")]
        assert shown and all("shelling" in r.lower() for r in shown)
        find(By.ID, "qw-search").clear()
        Select(find(By.ID, "qw-speaker")).select_by_visible_text("Bilal Abdul Kareem (3)")
        rows = find_all(By.CSS_SELECTOR, "#qw-rows tr")
        assert len(rows) == 3 and all("Bilal Abdul Kareem" in r.text for r in rows)
        assert find(By.ID, "qw-count").text == f"3 of {total} quotes"
        rows[0].click()
        panel = find(By.ID, "qw-article")
        assert panel.is_displayed() and "Aleppo" in find(By.ID, "qw-a-title").text
        marks = {m.get_attribute("class"): m.text for m in find_all(By.CSS_SELECTOR, "#qw-a-text mark")}
        assert marks["m"] == "Bilal Abdul Kareem" and marks["c"] == "confirmed"
        assert marks["q"] == "that the shelling had not stopped"
        (dataset / "shots").mkdir(exist_ok=True)
        assert browser.save_screenshot(str(dataset / "shots" / "report-quote.png"))
        # The hostile article: its markup is shown as text, its spans still line up after an emoji.
        find(By.ID, "qw-close").click()
        Select(find(By.ID, "qw-speaker")).select_by_index(0)
        find(By.ID, "qw-search").send_keys("onerror")
        find_all(By.CSS_SELECTOR, "#qw-rows tr")[0].click()
        text = find(By.ID, "qw-a-text").text
        assert "<img src=x onerror=alert(1)>" in text and "</script><script>alert(2)</script>" in text
        assert find(By.CSS_SELECTOR, "#qw-a-text mark.m").text == "Ana Ruiz"  # not shifted by the emoji
        assert find(By.CSS_SELECTOR, "#qw-a-text mark.q").text.startswith('"The <img')
        # A javascript: URL is dropped at ingestion (only http(s) URLs are kept), and no URL is a link.
        assert find(By.ID, "qw-a-url").text == "(no URL)" and not find_all(By.CSS_SELECTOR, "#qw-article a")
        assert not find_all(By.CSS_SELECTOR, "main img")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018
        assert browser.save_screenshot(str(dataset / "shots" / "report-hostile.png"))
    finally:
        browser.quit()
    shot = (dataset / "shots" / "report-quote.png").read_bytes()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000  # a real page, not a blank one


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
