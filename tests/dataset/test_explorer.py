"""The report's quote explorer without a browser: its embedded data, the cap, offsets, people, timeline."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotewire.dataset.explorer import (
    DOC_ROW,
    QUOTE_ROW,
    Explorer,
    build_explorer,
    explorer_script,
    people_html,
    top_people,
)
from quotewire.dataset.report import axis_range, people_section, render_report, timeline_html
from quotewire.dataset.runner import run_pipeline
from tests.conftest import SEED
from tests.helpers import article

EMOJI_ARTICLE = (
    "Transit news \U0001F68C\U0001F68C\n\n"
    '"The new line opens in May," said transport director Helen Okafor. She said fares would not rise.\n'
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article (2016), three dated short articles and one with emoji before its quotes."""
    base = tmp_path_factory.mktemp("explorer")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), raw / (SEED.stem + ".meta.json"))
    for i, day in enumerate(("2021-05-01", "2022-07-09", "2023-01-30")):
        (raw / f"town-{day}.txt").write_text(article(i), encoding="utf-8")
    (raw / "transit-2024-02-02.txt").write_text(EMOJI_ARTICLE, encoding="utf-8")
    run_pipeline(raw, base / "output")
    return base / "output"


def test_js_reads_the_rows_python_writes() -> None:
    """explorer.js indexes the rows by position: its names must match DOC_ROW and QUOTE_ROW."""
    js = explorer_script()
    doc_line = re.search(r"var (T = 0,.*?);", js)
    quote_line = re.search(r"var (DOC = 0,.*?);", js, re.S)
    assert doc_line and quote_line
    js_doc = {n: int(i) for n, i in re.findall(r"(\w+) = (\d+)", doc_line.group(1))}
    js_quote = {n: int(i) for n, i in re.findall(r"(\w+) = (\d+)", quote_line.group(1))}
    doc_names = {"T": "title", "O": "outlet", "U": "url", "DT": "date", "X": "text"}
    quote_names = {"DOC": "doc", "WHO": "who", "TYPE": "type", "CONF": "confidence", "S": "start", "E": "end",
                   "CS": "cue_start", "CE": "cue_end", "MS": "mention_start", "ME": "mention_end", "TEXT": "text",
                   "CUE": "cue", "MEN": "mention"}
    assert {DOC_ROW[i]: n for n, i in js_doc.items()} == {v: k for k, v in doc_names.items()}
    assert {QUOTE_ROW[i]: n for n, i in js_quote.items()} == {v: k for k, v in quote_names.items()}
    assert len(js_doc) == len(DOC_ROW) and len(js_quote) == len(QUOTE_ROW)


def test_newest_articles_first_and_quote_spans_slice_their_text(out: Path) -> None:
    data = build_explorer(out).data
    dates = [d[DOC_ROW.index("date")] for d in data["docs"]]
    assert dates == sorted(dates, reverse=True) and dates[-1] == "2016-12-14"
    assert data["articles"] == data["embedded"] == 5 and data["quotes"]
    q_doc, q_start, q_end = (QUOTE_ROW.index(k) for k in ("doc", "start", "end"))
    for q in data["quotes"]:
        text = data["docs"][q[q_doc]][DOC_ROW.index("text")]
        # In the page the quote text is sliced from the article (UTF-16 offsets); nothing else carries it.
        assert q[QUOTE_ROW.index("text")] is None
        utf16 = text.encode("utf-16-le")[2 * q[q_start] : 2 * q[q_end]].decode("utf-16-le")
        assert utf16.strip()
    docs_by_date = [d[q_doc] for d in data["quotes"]]
    assert docs_by_date == sorted(docs_by_date)  # quotes newest article first


def test_offsets_after_an_emoji_count_utf16_units(out: Path) -> None:
    """JavaScript slices strings in UTF-16 units; two emoji before the quote shift it by two."""
    data = build_explorer(out).data
    doc = next(i for i, d in enumerate(data["docs"]) if d[0] and d[0].startswith("Transit news"))
    text = data["docs"][doc][DOC_ROW.index("text")]
    q = next(q for q in data["quotes"] if q[0] == doc and q[QUOTE_ROW.index("type")] == "direct")
    start, end = q[QUOTE_ROW.index("start")], q[QUOTE_ROW.index("end")]
    units = text.encode("utf-16-le")
    assert units[2 * start : 2 * end].decode("utf-16-le") == '"The new line opens in May,"'
    assert text[start:end] != '"The new line opens in May,"'  # code-point offsets would be off by two
    ms, me = q[QUOTE_ROW.index("mention_start")], q[QUOTE_ROW.index("mention_end")]
    assert units[2 * ms : 2 * me].decode("utf-16-le") == q[QUOTE_ROW.index("mention")]


def test_speakers_are_merged_people_where_linked(out: Path) -> None:
    ex = build_explorer(out)
    who = [w[0] for w in ex.data["who"]]
    assert "Bilal Abdul Kareem" in who and "Kareem" not in who  # the variant is the person's name
    assert len(who) == len(set(who)) and len(ex.data["who_counts"]) == len(who)
    counts = Counter(q[1] for q in ex.data["quotes"] if q[1] >= 0)
    assert [counts[i] for i in range(len(who))] == ex.data["who_counts"]
    assert ex.who_of_person and all(ex.data["who"][w][1] for w in ex.who_of_person.values())  # kind from people


def test_cap_keeps_the_newest_articles_and_says_so(out: Path) -> None:
    ex = build_explorer(out, limit=2)
    assert ex.data["embedded"] == 2 and ex.data["articles"] == 5
    assert [d[3] for d in ex.data["docs"]] == ["2024-02-02", "2023-01-30"]
    from quotewire.dataset.explorer import explorer_html

    assert "the newest 2 of 5 articles (at most 2 are embedded" in explorer_html(ex)


def test_script_json_cannot_close_its_element() -> None:
    ex = Explorer(data={"t": "</script><!-- & \u2028 -->"})
    s = ex.script_json()
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == ex.data


def test_people_lists_persons_only_and_links_to_the_explorer(tmp_path: Path) -> None:
    d = tmp_path / "parquet" / "people"
    d.mkdir(parents=True)
    rows = [
        {"person_id": "a" * 16, "kind": "person", "name": "Ada <b>Lovelace</b>", "quote_count": 5, "doc_count": 2,
         "variants": [{"name": "Lovelace", "count": 1}], "first_seen": dt.date(2020, 1, 2),
         "last_seen": dt.date(2021, 3, 4), "outlets": ["BBC"]},
        {"person_id": "b" * 16, "kind": "organization", "name": "The Board", "quote_count": 9, "doc_count": 3,
         "variants": [], "first_seen": None, "last_seen": None, "outlets": []},
        {"person_id": "c" * 16, "kind": "unknown", "name": "They", "quote_count": 40, "doc_count": 9,
         "variants": [], "first_seen": None, "last_seen": None, "outlets": []},
    ]
    pq.write_table(pa.Table.from_pylist(rows), d / "data.parquet")
    assert [r["name"] for r in top_people(tmp_path) or []] == ["Ada <b>Lovelace</b>"]
    html = people_html(tmp_path, {"a" * 16: 7})
    assert '<button type="button" class="qw-link" data-who="7">Ada &lt;b&gt;Lovelace&lt;/b&gt;</button>' in html
    assert "The Board" not in html and "They" not in html
    assert "Lovelace" in html and "2020-01-02 to 2021-03-04" in html


def test_people_without_a_people_table_falls_back_to_names(tmp_path: Path) -> None:
    assert top_people(tmp_path) is None
    assert people_html(tmp_path, {}) is None
    assert "--no-corpus" in people_section(tmp_path, Explorer(data={}))


def test_axis_spans_the_news_and_leaves_outliers_out() -> None:
    per_day = Counter({dt.date(1851, 1, 1): 1, dt.date(2030, 1, 1): 2})
    per_day.update({dt.date(2016, 12, 1) + dt.timedelta(days=i): 3 for i in range(40)})
    news = (dt.date(2016, 12, 1), dt.date(2017, 1, 9))
    assert axis_range(per_day, (dt.date(2016, 12, 14), dt.date(2016, 12, 20))) == news
    assert axis_range(per_day) == news  # no publication dates: Tukey's far fences
    steady = Counter({dt.date(2000 + y, 6, 1): 1 for y in range(20)})
    assert axis_range(steady) == (dt.date(2000, 6, 1), dt.date(2019, 6, 1))  # a steady archive keeps every year
    assert axis_range(Counter({dt.date(1900, 1, 1): 1}), news) == (dt.date(1900, 1, 1), dt.date(1900, 1, 1))


def test_timeline_lists_newest_first_and_counts_outliers(out: Path) -> None:
    html = timeline_html(out)
    dates = re.findall(r'<tr><td class="d">(\d{4}-\d\d-\d\d)</td>', html)
    assert dates and dates == sorted(dates, reverse=True)
    assert "per month from" in html


def test_outliers_stay_off_the_axis_and_out_of_the_table(tmp_path: Path) -> None:
    """The issue's report: an axis from 1851 to 2030 and "by 2030" heading the newest events."""
    days = [dt.date(1851, 1, 1), *[dt.date(2016, 12, d) for d in (1, 3, 5, 9, 12)], dt.date(2030, 1, 1)]
    events = pa.table({
        "doc_id": ["d"] * len(days), "period_start": pa.array(days, pa.date32()),
        "date_value": [d.isoformat() for d in days], "date_text": [f"text {d}" for d in days],
        "text": [f"clause {d}" for d in days],
    })
    (tmp_path / "parquet" / "events").mkdir(parents=True)
    pq.write_table(events, tmp_path / "parquet" / "events" / "part-1.parquet")
    (tmp_path / "parquet" / "documents").mkdir(parents=True)
    docs = pa.table({"doc_id": ["d"], "published": pa.array([dt.date(2016, 12, 14)], pa.date32()), "title": ["T"]})
    pq.write_table(docs, tmp_path / "parquet" / "documents" / "part-1.parquet")
    html = timeline_html(tmp_path)
    assert "per day from 2016-12-01 to 2016-12-12" in html
    assert "1 earlier (from 1851-01-01) and 1 later (to 2030-01-01)" in html
    listed = re.findall(r'<tr><td class="d">(\d{4}-\d\d-\d\d)</td>', html)
    assert listed == ["2016-12-12", "2016-12-09", "2016-12-05", "2016-12-03", "2016-12-01"]


def test_explorer_of_a_no_text_no_corpus_dataset(tmp_path: Path) -> None:
    """Without text the quotes carry their own; without the people table speakers keep their names."""
    from quotewire.dataset.pipeline import Options

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    run_pipeline(raw, tmp_path / "out", options=Options(include_text=False), corpus=False)
    ex = build_explorer(tmp_path / "out")
    assert ex.data["docs"][0][DOC_ROW.index("text")] is None
    assert all(q[QUOTE_ROW.index("text")] for q in ex.data["quotes"])  # the page cannot slice them out
    assert ["Bilal Abdul Kareem", ""] in ex.data["who"] and not ex.who_of_person


def test_render_report_with_the_explorer(out: Path) -> None:
    html = render_report(out)
    assert html.index('id="quotes"') < html.index('id="people"') < html.index('id="timeline"')
    assert "5 articles, newest first" in html and "Helen Okafor" in html
