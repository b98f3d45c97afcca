"""Bad input, files and paths, data safety: the pipeline keeps going, loses nothing, stays in its folders.

Every input of every run must end in exactly one state (processed / unchanged / duplicate /
quarantined) and the summary counts must add up to the inputs found.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import json
import os
import signal
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import quotewire.dataset.batch
import quotewire.dataset.io as qio
import quotewire.dataset.runner
from quotewire.dataset.pipeline import Options, extract
from quotewire.dataset.runner import RunSummary, run_pipeline
from quotewire.errors import ConfigError, OutputFailed, QuotewireError, RunFailed

TODAY = dt.date(2026, 11, 27)
BODY = (
    "Turkish officials accused the regime of breaking the truce on Wednesday, the agency reported.\n"
    '"Turkey will not leave the people of Aleppo alone," President Recep Tayyip Erdogan said on Tuesday.\n'
    "Lina Shamy, an activist in eastern Aleppo, said the ceasefire had collapsed less than a day after it began.\n"
)
STATES = {"processed", "quarantined", "duplicate"}


def article(tag: str) -> str:
    """A distinct small English article (distinct bytes: identical files are duplicates)."""
    return f"Report {tag}\n\n{BODY}The talks about {tag} will resume next week, officials said.\n"


def opts(**kw: Any) -> Options:
    return Options(today=TODAY, **kw)


def run(raw: Path, out: Path, **kw: Any) -> RunSummary:
    kw.setdefault("options", opts())
    return run_pipeline(raw, out, **kw)


def records(out: Path, table: str) -> list[dict[str, Any]]:
    d = out / "jsonl" / table
    rows: list[dict[str, Any]] = []
    for p in sorted(d.rglob("*.jsonl")) if d.is_dir() else []:
        rows.extend(json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def docs_by_path(out: Path) -> dict[tuple[str, int | None], dict[str, Any]]:
    return {(d["source_path"], d["source_line"]): d for d in records(out, "documents")}


def quarantine(out: Path) -> dict[str, str]:
    lines = (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(x)["unit_key"]: json.loads(x)["reason"] for x in lines if x.strip()}


def assert_accounted(s: RunSummary, out: Path) -> None:
    """Every input found is in exactly one state, in the summary and in the manifest."""
    total = s.processed + s.unchanged + s.duplicate + s.quarantined
    assert total == s.found, (
        f"summary does not add up: processed {s.processed} + unchanged {s.unchanged} + duplicate {s.duplicate} "
        f"+ quarantined {s.quarantined} = {total}, found {s.found}"
    )
    rows = qio.load_manifest(out)
    assert len(rows) == s.found, f"manifest has {len(rows)} rows for {s.found} inputs found"
    bad = {k: r.status for k, r in rows.items() if r.status not in STATES}
    assert not bad, f"inputs in no known state: {bad}"
    q = quarantine(out)
    assert set(q) == {k for k, r in rows.items() if r.status == "quarantined"}, "quarantine.jsonl != quarantined rows"
    live = {r.doc_id for r in rows.values() if r.status == "processed"}
    got = [d["doc_id"] for d in records(out, "documents")]
    assert sorted(got) == sorted(live), "documents table does not hold exactly the processed inputs"
    assert s.records.get("documents", 0) == len(got), "parquet and jsonl document counts differ"


def tree(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``root`` (not following links) with its mode and bytes."""
    out: dict[str, tuple[int, bytes]] = {}
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_mode, b"" if p.is_symlink() else p.read_bytes())
    return out


# --- one mixed raw folder, processed once per module --------------------------------------------

MAX_CHARS = 20_000
TXT_CASES: list[tuple[str, str, bytes, str, str]] = [
    # (id, file name, bytes, expected status, reason substring / expected encoding)
    ("utf-8", "utf8.txt", article("utf8 caf\u00e9").encode(), "processed", "utf-8"),
    ("utf-8-bom", "bom.txt", codecs.BOM_UTF8 + article("bom").encode(), "processed", "utf-8-sig"),
    ("utf-16-bom", "utf16.txt", codecs.BOM_UTF16_LE + article("utf16").encode("utf-16-le"), "processed", "utf-16"),
    ("cp1252", "cp1252.txt", article("cp1252 \u201ccaf\u00e9\u201d").encode("cp1252"), "processed", "cp1252"),
    ("latin-1", "latin1.txt", article("latin1 \u00a3 \u0081").encode("latin-1"), "processed", "latin-1"),
    ("mixed-encoding", "mixed.txt", article("mixed \u201cq\u201d").encode() + b" caf\xe9\n", "processed", "utf-8"),
    ("control-chars", "ctrl.txt", article("ctrl\x07\x1b").encode(), "processed", "utf-8"),
    ("rtl", "rtl.txt", ("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 " * 20).encode(), "processed", "utf-8"),
    ("cjk", "cjk.txt", ("\u5317\u4eac\u5e02\u653f\u5e9c\u5ba3\u5e03\u3002" * 20).encode(), "processed", "utf-8"),
    ("unbalanced-quotes", "unbalanced.txt", article('"' * 50 + "\u201c" * 50 + "'" * 10).encode(), "processed", "utf-8"),
    ("only-boilerplate", "boiler.txt",
     b"Headline\nJUST WATCHED\nGoodbye messages from Aleppo 01:31\nGoodbye messages from Aleppo\nReplay\n",
     "processed", "utf-8"),
    ("zero-bytes", "empty.txt", b"", "quarantined", "empty file"),
    ("only-whitespace", "blank.txt", b" \r\n\t\n   \n", "quarantined", "only whitespace"),
    ("nul-bytes", "nul.txt", b"some\x00text\x00" * 100, "quarantined", "binary data"),
    ("binary-renamed", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "quarantined", "binary data"),
    ("undecodable-utf16", "bad16.txt", codecs.BOM_UTF16_LE + b"a\x00b", "quarantined", "undecodable utf-16"),
    ("over-max-chars", "huge.txt", b"x" * (MAX_CHARS * 4 + 1), "quarantined", "file too large"),
    ("over-max-chars-text", "long.txt", b"word " * (MAX_CHARS // 5 + 10), "quarantined", "text too long"),
]
SIDECAR_CASES: list[tuple[str, bytes, dict[str, Any], str]] = [
    # (id, sidecar bytes, expected document fields, expected note substring or "")
    ("malformed-json", b'{"published": "2016-12-14",', {"published": None}, "sidecar ignored: malformed JSON"),
    ("not-an-object", b'["2016-12-14"]', {"published": None}, "expected an object"),
    ("deeply-nested", b"[" * 100_000, {"published": None}, "sidecar ignored"),
    ("impossible-date", b'{"published": "2016-02-30"}', {"published": None}, "not a valid ISO date"),
    ("future-date", b'{"published": "2031-01-05"}', {"published": "2031-01-05"}, "is in the future"),
    ("far-future-date", b'{"published": "9999-12-31"}', {"published": None}, "outside the supported years"),
    ("tz-overflow", b'{"published": "9999-12-31T23:00:00-05:00"}', {"published": None}, "outside the supported years"),
    ("year-999", b'{"published": "0999-05-01T10:00:00Z"}', {"published": None}, "outside the supported years"),
    ("tz-aware", b'{"published": "2016-12-14T23:30:00-05:00"}',
     {"published": "2016-12-14", "published_at": "2016-12-15T04:30:00Z", "published_source": "metadata"}, ""),
    ("naive-time", b'{"published": "2016-12-14T10:00:00"}', {"published_at": "2016-12-14T10:00:00Z"}, "no timezone"),
    ("wrong-types", b'{"published": 20161214, "title": 5, "id": true, "outlet": ["CNN"]}',
     {"published": None, "external_id": None, "outlet": None}, "expected an ISO date string"),
    ("bad-url", b'{"url": "http://[::1"}', {"url": None}, "url ignored"),
    ("iri-url", '{"url": "http://ex\u00e4mple.com/p\u00e4th"}'.encode(),
     {"url": "http://ex%C3%A4mple.com/p%C3%A4th"}, "percent-encoded"),
    ("not-utf8", b'{"title": "caf\xe9"}', {"title": "Report side-not-utf8"}, "sidecar ignored"),
]
JSONL_LINES: list[tuple[str, bytes, str, str]] = [
    # (id, line, expected status, reason substring / note substring)
    ("good", json.dumps({"id": "a1", "text": article("j1"), "published": "2016-12-14"}).encode(), "processed", ""),
    ("duplicate-id", json.dumps({"id": "a1", "text": article("j2")}).encode(), "processed", ""),
    ("non-object", b"[1, 2, 3]", "quarantined", "expected an object"),
    ("scalar", b'"just a string"', "quarantined", "expected an object"),
    ("missing-text", json.dumps({"id": "m", "title": "no text"}).encode(), "quarantined", "is missing"),
    ("empty-text", json.dumps({"text": "   "}).encode(), "quarantined", "is empty"),
    ("text-not-string", json.dumps({"text": 42}).encode(), "quarantined", "a int, expected a string"),
    ("not-utf8", b'{"text": "caf\xe9"}', "quarantined", "not UTF-8"),
    ("lone-surrogate-text", json.dumps({"text": "Report \ud800 " + article("sur")}).encode(), "processed",
     "lone surrogates in text replaced"),
    ("wrong-types", json.dumps({"text": article("types"), "title": 1, "url": 5, "published": [2016]}).encode(),
     "processed", "ignored"),
    ("too-long", json.dumps({"text": "w " * MAX_CHARS}).encode(), "quarantined", "too"),
    ("truncated-last", b'{"id": "t", "text": "cut in the mid', "quarantined", "invalid JSON"),
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, RunSummary, RunSummary]:
    """A raw folder holding every case above; run twice (the second run must change nothing)."""
    base = tmp_path_factory.mktemp("mixed")
    raw, out = base / "raw", base / "output"
    raw.mkdir()
    for _id, name, data, _st, _r in TXT_CASES:
        (raw / name).write_bytes(data)
    for cid, side, _f, _n in SIDECAR_CASES:
        (raw / f"side-{cid}.txt").write_text(article(f"side-{cid}"), encoding="utf-8")
        (raw / f"side-{cid}.meta.json").write_bytes(side)
    (raw / "zz-dup-copy.txt").write_bytes((raw / "utf8.txt").read_bytes())
    (raw / "feed.jsonl").write_bytes(b"\n".join(line for _i, line, _s, _r in JSONL_LINES))
    o = opts(max_chars=MAX_CHARS)
    first = run_pipeline(raw, out, options=o)
    before = tree(out)
    second = run_pipeline(raw, out, options=o)
    after = tree(out)
    changed = sorted(k for k in set(before) | set(after)
                     if before.get(k) != after.get(k) and k.split(os.sep)[0] in ("jsonl", "parquet"))
    assert not changed, f"a second run over unchanged inputs rewrote {changed}"
    return raw, out, first, second


@pytest.mark.parametrize(("name", "status", "detail"), [c[1:2] + c[3:] for c in TXT_CASES], ids=[c[0] for c in TXT_CASES])
def test_txt_input_outcome(mixed: tuple[Path, Path, RunSummary, RunSummary], name: str, status: str, detail: str) -> None:
    _raw, out, _s1, _s2 = mixed
    row = qio.load_manifest(out)[name]
    assert row.status == status, f"{name}: status {row.status} ({row.reason}), expected {status}"
    if status == "quarantined":
        assert detail in (row.reason or ""), f"{name}: reason {row.reason!r} lacks {detail!r}"
        assert quarantine(out)[name] == row.reason, f"{name}: missing from quarantine.jsonl"
    else:
        doc = docs_by_path(out)[(name, None)]
        assert doc["encoding"] == detail, f"{name}: documents.encoding {doc['encoding']!r}, expected {detail!r}"
        assert doc["text"] is not None and "\ud800" not in doc["text"]


def test_mixed_encoding_is_noted(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    doc = docs_by_path(mixed[1])[("mixed.txt", None)]
    assert doc["text"].endswith(" caf\u00e9\n") and "\u201cq\u201d" in doc["text"], "mixed bytes decoded wrongly"
    assert any("mixed encoding" in n for n in doc["notes"]), f"mixed encoding not noted: {doc['notes']}"


def test_rtl_and_cjk_languages(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    docs = docs_by_path(mixed[1])
    assert docs[("rtl.txt", None)]["language"] == "ar"
    assert docs[("cjk.txt", None)]["language"] == "zh"


@pytest.mark.parametrize(("cid", "fields", "note"), [(c[0], c[2], c[3]) for c in SIDECAR_CASES],
                         ids=[c[0] for c in SIDECAR_CASES])
def test_sidecar_outcome(mixed: tuple[Path, Path, RunSummary, RunSummary], cid: str, fields: dict[str, Any],
                         note: str) -> None:
    name = f"side-{cid}.txt"
    row = qio.load_manifest(mixed[1])[name]
    assert row.status == "processed", f"a bad sidecar lost its article {name}: {row.status} {row.reason}"
    doc = docs_by_path(mixed[1])[(name, None)]
    for k, v in fields.items():
        assert doc[k] == v, f"{name}: {k} = {doc[k]!r}, expected {v!r} (notes {doc['notes']})"
    if note:
        assert any(note in n for n in doc["notes"]), f"{name}: no note containing {note!r} in {doc['notes']}"


@pytest.mark.parametrize(("line_no", "status", "detail"), [(i + 1, c[2], c[3]) for i, c in enumerate(JSONL_LINES)],
                         ids=[c[0] for c in JSONL_LINES])
def test_jsonl_line_outcome(mixed: tuple[Path, Path, RunSummary, RunSummary], line_no: int, status: str,
                            detail: str) -> None:
    rows = [r for r in qio.load_manifest(mixed[1]).values() if r.path == "feed.jsonl" and r.line == line_no]
    assert len(rows) == 1, f"feed.jsonl line {line_no} has {len(rows)} manifest rows, expected exactly 1"
    row = rows[0]
    assert row.status == status, f"line {line_no}: status {row.status} ({row.reason}), expected {status}"
    if status == "quarantined":
        assert detail in (row.reason or ""), f"line {line_no}: reason {row.reason!r} lacks {detail!r}"
    else:
        doc = docs_by_path(mixed[1])[("feed.jsonl", line_no)]
        if detail:
            assert any(detail in n for n in doc["notes"]), f"line {line_no}: no note with {detail!r}: {doc['notes']}"


def test_lone_surrogate_replaced_in_text(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    line = next(i + 1 for i, c in enumerate(JSONL_LINES) if c[0] == "lone-surrogate-text")
    doc = docs_by_path(mixed[1])[("feed.jsonl", line)]
    assert doc["text"].startswith("Report \ufffd "), f"lone surrogate not replaced by U+FFFD: {doc['text'][:12]!r}"


def test_duplicate_ids_kept_apart(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    docs = [d for d in records(mixed[1], "documents") if d["external_id"] == "a1"]
    assert len(docs) == 2, f"two lines with id 'a1' gave {len(docs)} documents, expected 2 kept apart"
    assert len({d["doc_id"] for d in docs}) == 2, "duplicate ids collapsed into one doc_id"


def test_duplicate_ids_reported(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    doc = docs_by_path(mixed[1])[("feed.jsonl", 2)]
    assert any("a1" in n and ("duplicate" in n or "repeat" in n) for n in doc["notes"]), doc["notes"]


def test_mixed_folder_every_input_accounted(mixed: tuple[Path, Path, RunSummary, RunSummary]) -> None:
    _raw, out, first, second = mixed
    n_inputs = len(TXT_CASES) + len(SIDECAR_CASES) + 1 + len(JSONL_LINES)
    assert first.found == n_inputs, f"found {first.found} inputs, expected {n_inputs}"
    assert first.duplicate == 1, "the byte-identical copy was not reported as a duplicate"
    assert qio.load_manifest(out)["zz-dup-copy.txt"].reason == "same bytes as utf8.txt"
    assert first.rejects == 0, f"valid inputs produced {first.rejects} schema rejects"
    assert_accounted(second, out)
    assert second.found == first.found
    assert (second.processed, second.quarantined) == (0, 0), "second run over unchanged inputs reprocessed some"
    assert second.unchanged == first.processed + first.quarantined, "second run: not everything unchanged"
    assert second.duplicate == first.duplicate


# --- files that cannot be accounted for in the shared run (crash the run or need their own folder) ----


def test_jsonl_deeply_nested_line_is_quarantined(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "feed.jsonl").write_bytes(json.dumps({"text": article("n")}).encode() + b"\n" + b"[" * 100_000 + b"\n")
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert "nested too deeply" in quarantine(out_dir)["feed.jsonl#line=2"]


def test_jsonl_lone_surrogate_id(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "feed.jsonl").write_text(json.dumps({"id": "x\ud800", "text": article("s")}) + "\n", encoding="utf-8")
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert s.processed == 1


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_jsonl_is_accounted(raw_dir: Path, out_dir: Path, data: bytes) -> None:
    (raw_dir / "feed.jsonl").write_bytes(data)
    s = run(raw_dir, out_dir)
    assert s.found == 1 and s.quarantined == 1, f"empty feed.jsonl unaccounted: found {s.found}"


def test_txt_and_jsonl_keys_never_collide(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "x.jsonl").write_text(json.dumps({"id": "b.txt", "text": article("line")}) + "\n", encoding="utf-8")
    (raw_dir / "x.jsonl#id=b.txt").write_text(article("file"), encoding="utf-8")
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert s.processed == 2


def test_big_jsonl_line_quarantined_rest_goes_on(raw_dir: Path, out_dir: Path) -> None:
    big = json.dumps({"id": "big", "text": "word " * 400_000}).encode()  # 2 MB line
    (raw_dir / "feed.jsonl").write_bytes(big + b"\n" + json.dumps({"id": "ok", "text": article("ok")}).encode() + b"\n")
    s = run(raw_dir, out_dir, options=opts(max_chars=100_000))
    assert_accounted(s, out_dir)
    # Never held in memory, so its id is never read: the line key names it.
    assert "too large" in quarantine(out_dir)["feed.jsonl#line=1"]
    assert s.processed == 1


def test_fifty_megabyte_single_line_quarantined(raw_dir: Path, out_dir: Path) -> None:
    """A 50 MB one-line file over the (small) limit is quarantined fast; the rest of the run goes on."""
    with (raw_dir / "huge.txt").open("wb") as f:
        chunk = b"word " * 200_000  # 1 MB
        for _ in range(50):
            f.write(chunk)
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    t0 = time.perf_counter()
    s = run(raw_dir, out_dir, options=opts(max_chars=100_000))
    secs = time.perf_counter() - t0
    assert_accounted(s, out_dir)
    assert "file too large" in quarantine(out_dir)["huge.txt"]
    assert s.processed == 1
    assert secs < 20, f"quarantining a 50 MB file took {secs:.1f}s"


def test_oversized_file_memory_is_bounded(raw_dir: Path, out_dir: Path) -> None:
    with (raw_dir / "huge.txt").open("wb") as f:
        for _ in range(20):
            f.write(b"word " * 200_000)
    tracemalloc.start()
    try:
        run(raw_dir, out_dir, options=opts(max_chars=100_000))
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"peak memory {peak / 1e6:.0f} MB for a 20 MB file over a 0.4 MB limit"


# --- linear time ---------------------------------------------------------------------------------

PROSE = "The minister said on Monday that the talks would resume after the ceasefire collapsed. "
# (builder of an input of size n, small n, factor): the time at n*factor must stay within SLACK x linear
# growth from n. For factor 16: linear is 16x, quadratic 256x, the bound 64x (= growth exponent 1.5).
# A timeout is retried once, so a load spike on a shared machine does not fail the test; a real
# blow-up fails both attempts.
SLACK = 4
LINEAR_CASES: list[Any] = [
    pytest.param(lambda n: '"' * n, 625, 16, id="10k-bare-quote-marks"),
    pytest.param(lambda n: "\u201cWe will stay " * n, 625, 16, id="10k-unbalanced-curly-opens"),
    pytest.param(lambda n: "a" * n, 65_536, 16, id="1MB-line-no-spaces"),
    pytest.param(lambda n: "A. " * (n // 3), 65_536, 16, id="1MB-line-initials"),
    pytest.param(lambda n: "x\x07\u202e\u5317 " * (n // 5), 65_536, 16, id="1MB-line-control-rtl-cjk"),
    pytest.param(lambda n: "Goodbye messages from Aleppo 01:31\n" * (n // 35), 65_536, 16, id="1MB-boilerplate-lines"),
    pytest.param(lambda n: ("The weather was mild. " * 20 + "\n") * (n // 441), 16_384, 16, id="quote-free-prose"),
    # Were quadratic (quotes.py scanned all earlier candidates per clause; speakers.py scanned an
    # entity's mentions per quote): guards against the regression.
    pytest.param(lambda n: 'She said "' * n, 625, 16, id="10k-said-open-quote"),
    pytest.param(lambda n: '"Yes," she said. ' * (n // 2), 625, 16, id="10k-balanced-quotes"),
    pytest.param(lambda n: PROSE * (n // len(PROSE)), 65_536, 16, id="1MB-line-of-attributed-prose"),
]


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block (pure-Python loops included) after ``seconds``: a quadratic stage cannot hang."""

    def fire(_sig: int, _frame: Any) -> None:
        raise _Timeout(f"still running after {seconds:.2f}s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _best_of(k: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(k):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGALRM")
@pytest.mark.parametrize(("build", "n", "factor"), LINEAR_CASES)
def test_pathological_input_time_is_linear(build: Callable[[int], str], n: int, factor: int) -> None:
    small, big = build(n), build(n * factor)
    t_small = max(_best_of(3, lambda: extract(small, published=None)), 0.01)
    budget = SLACK * factor * t_small
    for attempt in (1, 2):
        try:
            with time_limit(budget):
                extract(big, published=None)
            return
        except _Timeout:
            if attempt == 2:
                pytest.fail(f"{len(big):,} chars took over {budget:.2f}s twice, {len(small):,} chars took "
                            f"{t_small:.3f}s: growth above {SLACK}x linear (benchmarks/bench_linear.py prints the curve)")


# --- files and paths -----------------------------------------------------------------------------


def test_symlinks_pointing_outside_raw_are_not_followed(tmp_path: Path, raw_dir: Path, out_dir: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "secret.txt").write_text(article("TOPSECRET"), encoding="utf-8")
    os.symlink(secret / "secret.txt", raw_dir / "link.txt")
    os.symlink(secret, raw_dir / "linkdir")
    (raw_dir / "inner").mkdir()
    (raw_dir / "inner" / "a.txt").write_text(article("a"), encoding="utf-8")
    os.symlink(raw_dir / "inner", raw_dir / "loop")  # inside raw: skipped silently (no loops, no doubles)
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    q = quarantine(out_dir)
    for key in ("link.txt", "linkdir"):
        assert "symlink points outside the raw folder" in q.get(key, ""), f"{key} not reported: {q}"
    assert s.processed == 1
    dump = "".join(p.read_text(encoding="utf-8") for p in (out_dir / "jsonl").rglob("*.jsonl"))
    assert "TOPSECRET" not in dump, "content from outside the raw folder reached the output"


def test_sidecar_symlink_outside_raw_not_followed(tmp_path: Path, raw_dir: Path, out_dir: Path) -> None:
    (tmp_path / "secret.json").write_text(json.dumps({"title": "TOPSECRET"}), encoding="utf-8")
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    os.symlink(tmp_path / "secret.json", raw_dir / "a.meta.json")
    run(raw_dir, out_dir)
    dump = "".join(p.read_text(encoding="utf-8") for p in (out_dir / "jsonl").rglob("*.jsonl"))
    assert "TOPSECRET" not in dump, "a sidecar outside the raw folder was read into the output"


@pytest.mark.parametrize(
    "name",
    ["with space.txt", "café 北京 قال.txt", "new\nline.txt", "tab\tand'quote\".txt",
     "sub dir/x.txt", "-leading-dash.txt", ".hidden.txt"],
    ids=["spaces", "unicode", "newline", "tab-quotes", "subdir-space", "dash", "hidden"],
)
def test_odd_file_names(raw_dir: Path, out_dir: Path, name: str) -> None:
    p = raw_dir / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(article(name), encoding="utf-8")
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert s.processed == 1, f"{name!r}: {s.quarantine}"
    assert (name, None) in docs_by_path(out_dir), f"source_path of {name!r} not recorded exactly"
    s2 = run(raw_dir, out_dir)
    assert s2.unchanged == 1, f"{name!r} was not recognized as unchanged on the second run"


def test_non_utf8_file_name(raw_dir: Path, out_dir: Path) -> None:
    with open(os.path.join(os.fsencode(raw_dir), b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write(article("latin1 name"))
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert s.processed == 1 and s.quarantined == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_chmod(raw_dir: Path, out_dir: Path) -> None:
    p = raw_dir / "secret.txt"
    p.write_text(article("x"), encoding="utf-8")
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    p.chmod(0)
    try:
        s = run(raw_dir, out_dir)
    finally:
        p.chmod(0o644)
    assert_accounted(s, out_dir)
    assert "unreadable" in quarantine(out_dir)["secret.txt"]


def test_unreadable_file_simulated(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied at read time (simulated, so it bites under root too)."""
    (raw_dir / "secret.txt").write_text(article("x"), encoding="utf-8")
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    real = quotewire.dataset.batch.read_unit

    def deny(raw: Path, unit: qio.InputUnit) -> tuple[bytes, bytes | None]:
        if unit.path == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(raw / unit.path))
        return real(raw, unit)

    monkeypatch.setattr(quotewire.dataset.batch, "read_unit", deny)
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert quarantine(out_dir)["secret.txt"] == "unreadable: Permission denied"
    assert s.processed == 1


def test_output_only_under_output_folder(tmp_path: Path, raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    (raw_dir / "a.meta.json").write_text('{"published": "2016-12-14"}', encoding="utf-8")
    (raw_dir / "feed.jsonl").write_text(json.dumps({"text": article("j")}) + "\n", encoding="utf-8")
    before = tree(tmp_path)
    run(raw_dir, out_dir)
    after = tree(tmp_path)
    outside = sorted(k for k in after if before.get(k) != after[k] and not k.startswith("output" + os.sep))
    assert not outside, f"the run wrote outside the output folder: {outside}"
    assert not [k for k in before if k not in after], "the run deleted input files"


@pytest.mark.parametrize(
    "where", ["inside", "same", "symlink-into-raw", "nested-deeper"],
)
def test_output_inside_raw_refused(tmp_path: Path, raw_dir: Path, where: str) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    out = {"inside": raw_dir / "output", "same": raw_dir, "symlink-into-raw": tmp_path / "link-out",
           "nested-deeper": raw_dir / "x" / "y"}[where]
    if where == "symlink-into-raw":
        (raw_dir / "real-out").mkdir()
        os.symlink(raw_dir / "real-out", out)
    before = tree(raw_dir)
    with pytest.raises(ConfigError, match="inside the raw folder"):
        run(raw_dir, out)
    assert tree(raw_dir) == before, "a refused run still wrote into the raw folder"


def test_missing_raw_folder_is_config_error(tmp_path: Path, out_dir: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        run(tmp_path / "nope", out_dir)


def test_read_only_output_folder_simulated(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    out_dir.mkdir()
    monkeypatch.setattr(qio.os, "access", lambda *_a, **_k: False)
    with pytest.raises(OutputFailed, match="not writable"):
        run(raw_dir, out_dir)


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: a read-only folder is still writable by root")
def test_read_only_output_folder(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        with pytest.raises(OutputFailed, match="not writable"):
            run(raw_dir, out_dir)
    finally:
        out_dir.chmod(0o755)


# --- failures while the run writes or reads ------------------------------------------------------


def _enospc(*_a: Any, **_k: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("point", ["write_parquet", "write_manifest_staged"])
def test_disk_full_leaves_previous_dataset_intact(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                  point: str) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    first = run(raw_dir, out_dir)
    committed = (out_dir / qio.MANIFEST).read_bytes()
    docs = records(out_dir, "documents")
    (raw_dir / "b.txt").write_text(article("b"), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(qio, point, _enospc)
        with pytest.raises(OutputFailed, match="No space left"):
            run(raw_dir, out_dir)
    assert (out_dir / qio.MANIFEST).read_bytes() == committed, "a failed run changed the committed manifest"
    assert records(out_dir, "documents") == docs, "a failed run changed the committed records"
    s = run(raw_dir, out_dir)  # disk has room again: the next run completes the work
    assert_accounted(s, out_dir)
    assert (s.processed, s.unchanged) == (1, first.processed)
    staging = out_dir / qio.STAGING
    assert not staging.exists() or not any(staging.iterdir()), "the failed run's staging was not cleaned up"


def test_disk_full_is_a_clear_error(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    monkeypatch.setattr(qio, "write_parquet", _enospc)
    with pytest.raises(QuotewireError):
        run(raw_dir, out_dir)


def _discover_then(action: Callable[[Path], None]) -> Callable[..., list[qio.InputUnit]]:
    real = qio.discover

    def wrapped(raw: Path, previous: Any = None, **kw: Any) -> list[qio.InputUnit]:
        units = real(raw, previous, **kw)
        action(raw)
        return units

    return wrapped


def test_file_disappears_between_discovery_and_read(raw_dir: Path, out_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (raw_dir / "gone.txt").write_text(article("gone"), encoding="utf-8")
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(quotewire.dataset.runner.qio, "discover", _discover_then(lambda raw: (raw / "gone.txt").unlink()))
        s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert quarantine(out_dir)["gone.txt"] == "file disappeared while the run read it"
    s2 = run(raw_dir, out_dir)
    assert (s2.found, s2.deleted, s2.unchanged) == (1, 1, 1), "the vanished file's row was not dropped next run"
    assert_accounted(s2, out_dir)


def test_jsonl_truncated_between_discovery_and_read(raw_dir: Path, out_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"i{k}", "text": article(str(k))}) for k in range(3)]
    (raw_dir / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(quotewire.dataset.runner.qio, "discover",
                  _discover_then(lambda raw: (raw / "feed.jsonl").write_text(lines[0] + "\n", encoding="utf-8")))
        s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert s.processed == 1 and s.quarantined == 2, f"truncated feed: {s.quarantine}"
    s2 = run(raw_dir, out_dir)
    assert_accounted(s2, out_dir)
    assert (s2.found, s2.deleted) == (1, 2)


def test_file_changes_between_discovery_and_read(raw_dir: Path, out_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    p = raw_dir / "a.txt"
    p.write_text(article("old"), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(quotewire.dataset.runner.qio, "discover", _discover_then(lambda raw: p.write_text(article("new version"))))
        run(raw_dir, out_dir)
    s2 = run(raw_dir, out_dir)  # the recorded hash is the old bytes': the change is caught next run
    assert_accounted(s2, out_dir)
    docs = records(out_dir, "documents")
    assert len(docs) == 1 and "new version" in docs[0]["text"], "the changed file is not held exactly once, new"


# --- data safety ---------------------------------------------------------------------------------


def test_quarantine_ratio_above_limit_fails_run(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    (raw_dir / "bin.txt").write_bytes(b"\x00\x01" * 100)
    (raw_dir / "empty.txt").write_bytes(b"")
    with pytest.raises(RunFailed, match=r"2 of 3 inputs quarantined \(67%\), above the limit of 50%"):
        run(raw_dir, out_dir, max_quarantine_ratio=0.5)
    assert set(quarantine(out_dir)) == {"bin.txt", "empty.txt"}, "the failed run's quarantine was not written"


def test_quarantine_ratio_at_limit_passes(raw_dir: Path, out_dir: Path) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    (raw_dir / "bin.txt").write_bytes(b"\x00\x01" * 100)
    s = run(raw_dir, out_dir, max_quarantine_ratio=0.5)
    assert (s.processed, s.quarantined) == (1, 1)


def _corrupting(table: str, field: str, value: Any) -> Callable[..., dict[str, list[dict[str, Any]]]]:
    real = quotewire.dataset.batch.process_article

    def wrapped(art: Any, key: str, *args: Any, **kwargs: Any) -> dict[str, list[dict[str, Any]]]:
        recs = real(art, key, *args, **kwargs)
        for r in recs[table]:
            r[field] = value
        return recs

    return wrapped


@pytest.mark.parametrize(
    ("table", "field", "value", "path"),
    [("quotes", "confidence", 2.0, "confidence"), ("events", "period_start", "2016-13-45", "period_start"),
     ("speakers", "kind", "alien", "kind"), ("documents", "language", "english", "language")],
    ids=["quote-confidence", "event-date", "speaker-kind", "document-language"],
)
def test_schema_failures_go_to_rejects(raw_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch, table: str,
                                       field: str, value: Any, path: str) -> None:
    (raw_dir / "a.txt").write_text(article("a"), encoding="utf-8")
    monkeypatch.setattr(quotewire.dataset.batch, "process_article", _corrupting(table, field, value))
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    files = list((out_dir / "rejects").glob("*.jsonl"))
    assert [f.stem for f in files] == [s.run_id], "rejects not written to rejects/<run_id>.jsonl"
    rej = [json.loads(x) for x in files[0].read_text(encoding="utf-8").splitlines()]
    assert rej and all(r["table"] == table and r["source"] == "a.txt" for r in rej)
    assert all(any(e.startswith(f"{path}: ") for e in r["errors"]) for r in rej), f"schema path missing: {rej[0]}"
    assert all(r["record"][field] == value for r in rej), "the rejected record was not kept as it was"
    assert s.rejects == len(rej), f"summary counts {s.rejects} rejects, file has {len(rej)}"
    if table == "documents":
        assert s.quarantined == 1 and "failed its schema" in quarantine(out_dir)["a.txt"]
    else:
        assert s.processed == 1 and s.written.get(table, 0) == 0, "invalid records were written"


def test_stage_crash_quarantines_only_that_article(raw_dir: Path, out_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (raw_dir / "boom.txt").write_text(article("boom"), encoding="utf-8")
    (raw_dir / "ok.txt").write_text(article("ok"), encoding="utf-8")
    real = quotewire.dataset.batch.process_article

    def crash(art: Any, key: str, *args: Any, **kwargs: Any) -> Any:
        if key == "boom.txt":
            raise IndexError("stage bug")
        return real(art, key, *args, **kwargs)

    monkeypatch.setattr(quotewire.dataset.batch, "process_article", crash)
    s = run(raw_dir, out_dir)
    assert_accounted(s, out_dir)
    assert quarantine(out_dir)["boom.txt"] == "extraction error: IndexError: stage bug"
    assert s.processed == 1


# Was an OverflowError in quotewire/extract/timex/ (_day_from/_shift_unit) that quarantined the article.
def test_events_survive_extreme_anchor() -> None:
    from quotewire.extract.events import extract_events
    from quotewire.extract.segment import split_sentences

    text = "The talks resume tomorrow. The talks resumed last week."
    for anchor in (dt.date.max, dt.date.min):
        extract_events(text, split_sentences(text), anchor)
