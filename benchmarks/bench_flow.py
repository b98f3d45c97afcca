"""Throughput and memory of quotewire on a real corpus (prints numbers; asserts nothing).

  python benchmarks/bench_flow.py extract [--corpus-dir ../shared/corpus] [--limit N]
  python benchmarks/bench_flow.py flow    [--corpus-dir ...] [--runners threads,process,dask]
  python benchmarks/bench_flow.py memory  [--corpus-dir ...] [--sizes 1000,10000,100000]

The corpus is the BBC News files and the Reuters-21578 bodies (about 21,000 articles) converted
to one JSONL input in a temporary folder; larger sizes repeat it with changed ids and text, and
the unique count is printed.

- ``extract``: the pure stages in-process on one core: articles/s, MB/s, the split per stage.
- ``flow``: ``quotewire run`` end to end (validation and writing included) with each task
  runner; Prefect's fixed start-up (a run on an empty folder) is measured and reported apart.
- ``memory``: peak RSS of ``quotewire run`` on growing inputs (the curve should stay flat).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_REUTERS = re.compile(rb"<REUTERS.*?</REUTERS>", re.S)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>".encode(), re.S) for k in ("DATE", "TITLE", "BODY")}
_MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def reuters(corpus: Path) -> Iterator[dict[str, str | None]]:
    """Reuters-21578 records with a BODY, as article dicts."""
    for sgm in sorted((corpus / "reuters21578").glob("reut2-*.sgm")):
        data = sgm.read_bytes()
        for n, m in enumerate(_REUTERS.finditer(data)):
            rec = m.group(0)
            body = _FIELD["BODY"].search(rec)
            if not body:
                continue
            title = _FIELD["TITLE"].search(rec)
            date = _FIELD["DATE"].search(rec)
            published = None
            if date:
                dm = re.match(rb"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", date.group(1))
                if dm and dm.group(2).decode() in _MONTHS:
                    published = f"{int(dm.group(3)):04d}-{_MONTHS[dm.group(2).decode()]:02d}-{int(dm.group(1)):02d}"
            text = html.unescape(body.group(1).decode("latin-1")).replace("\x03", "").strip()
            yield {"id": f"reuters/{sgm.stem}/{n}", "text": text, "published": published, "outlet": "Reuters",
                   "title": html.unescape(title.group(1).decode("latin-1")) if title else None}


def bbc(corpus: Path) -> Iterator[dict[str, str | None]]:
    for p in sorted((corpus / "bbc_fulltext").glob("*/*.txt")):
        text = p.read_bytes().decode("latin-1")
        yield {"id": f"bbc/{p.parent.name}/{p.stem}", "text": text, "published": None, "outlet": "BBC",
               "title": text.split("\n", 1)[0]}


def corpus_articles(corpus: Path) -> list[dict[str, str | None]]:
    return list(bbc(corpus)) + list(reuters(corpus))


def write_jsonl(path: Path, articles: list[dict[str, str | None]], size: int) -> int:
    """Write ``size`` articles, repeating the corpus with changed ids and text; unique count."""
    seen = set()
    with path.open("w", encoding="utf-8") as f:
        for i in range(size):
            a = dict(articles[i % len(articles)])
            rep = i // len(articles)
            if rep:
                a["id"] = f"{a['id']}#r{rep}"
                a["text"] = f"{a['text']}\n\n(Copy {rep}.)"
            seen.add(a["text"])
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return len(seen)


def cmd_extract(args: argparse.Namespace) -> None:
    from quotewire.dataset.pipeline import Options, process_article
    from quotewire.extract.model import Article

    arts = corpus_articles(Path(args.corpus_dir))[: args.limit or None]
    opts = Options()
    timings: dict[str, float] = {}
    mb = sum(len((a["text"] or "").encode()) for a in arts) / 1e6
    t0 = time.perf_counter()
    for i, a in enumerate(arts):
        art = Article(text=a["text"] or "", encoding="utf-8", source_path=f"bench.jsonl#{i}")
        process_article(art, art.source_path, opts, timings)
    secs = time.perf_counter() - t0
    words = sum(len((a["text"] or "").split()) for a in arts)
    print(f"extraction stages, one core: {len(arts)} articles, {mb:.1f} MB, {words} words in {secs:.1f} s")
    print(f"  {len(arts) / secs:.0f} articles/s   {mb / secs:.2f} MB/s   {words / secs:,.0f} words/s")
    quote_speaker = timings.get("quotes", 0) + timings.get("speakers", 0) + timings.get("segment", 0)
    print(f"  quotes+speakers (with segmentation): {len(arts) / quote_speaker:.0f} articles/s")
    print(f"  events: {words / max(timings.get('events', 1e-9), 1e-9):,.0f} words/s")
    for k, v in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {k:10s} {v:7.2f} s  {100 * v / secs:5.1f}%")
    _validation(arts[:500], opts)


def _validation(arts: list[dict[str, str | None]], opts: object) -> None:
    """Validation cost per record with each engine, on the same records (results must agree)."""
    from quotewire.dataset.pipeline import Options, process_article
    from quotewire.dataset.schema import TABLES, Validator
    from quotewire.extract.model import Article

    assert isinstance(opts, Options)
    recs: dict[str, list[dict[str, object]]] = {t: [] for t in TABLES}
    for i, a in enumerate(arts):
        art = Article(text=a["text"] or "", encoding="utf-8", source_path=f"v.jsonl#{i}")
        for t, rows in process_article(art, art.source_path, opts).items():
            recs[t].extend(rows)
    n = sum(len(v) for v in recs.values())
    verdicts = {}
    for engine in ("jsonschema-rs", "jsonschema"):
        vals = {t: Validator(t, engine=engine) for t in TABLES}
        t0 = time.perf_counter()
        verdicts[engine] = [not vals[t].errors(r) for t in TABLES for r in recs[t]]
        us = (time.perf_counter() - t0) / n * 1e6
        print(f"  validation with {engine:13s}: {us:7.1f} us/record over {n} records")
    print(f"  engines agree on every record: {verdicts['jsonschema-rs'] == verdicts['jsonschema']}")


def _run_cli(raw: Path, out: Path, extra: list[str]) -> tuple[float, int, dict[str, object]]:
    """Seconds, peak RSS (KiB, the CLI and its children) and summary of one ``quotewire run``."""
    code = (
        "import resource, subprocess, sys, json;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(json.dumps({'rc': p.returncode, 'rss': r, 'out': p.stdout[-4000:], 'err': p.stderr[-2000:]}))"
    )
    cmd = [sys.executable, "-c", code, sys.executable, "-m", "quotewire", "run", "--raw", str(raw), "--out", str(out),
           "--json", *extra]
    t0 = time.perf_counter()
    res = json.loads(subprocess.run(cmd, capture_output=True, text=True, cwd=REPO).stdout)
    secs = time.perf_counter() - t0
    if res["rc"] != 0:
        raise SystemExit(f"quotewire run failed: {res['err']}")
    summary = json.loads(res["out"].strip().splitlines()[-1])
    return secs, int(res["rss"]), summary


def cmd_flow(args: argparse.Namespace) -> None:
    arts = corpus_articles(Path(args.corpus_dir))
    size = args.limit or len(arts)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "empty").mkdir()
        base, _, _ = _run_cli(t / "empty", t / "out-empty", [])
        print(f"Prefect fixed start-up (run on an empty folder): {base:.1f} s")
        raw = t / "raw"
        raw.mkdir()
        uniq = write_jsonl(raw / "corpus.jsonl", arts, size)
        mb = (raw / "corpus.jsonl").stat().st_size / 1e6
        print(f"input: {size} articles ({uniq} unique texts), {mb:.1f} MB JSONL")
        for runner in args.runners.split(","):
            out = t / f"out-{runner}"
            secs, rss, s = _run_cli(raw, out, ["--task-runner", runner, "--batch-size", str(args.batch_size)])
            work = max(secs - base, 1e-9)
            print(f"{runner:8s} {secs:6.1f} s total, {work:6.1f} s after start-up: {size / work:6.0f} articles/s "
                  f"({size / secs:.0f}/s with start-up), {mb / work:.2f} MB/s, peak RSS {rss / 1024:.0f} MiB, "
                  f"records {s['records']}")
            stages = s.get("stage_seconds", {})
            if isinstance(stages, dict):
                tot = sum(stages.values()) or 1
                print("         stage split (summed over workers): "
                      + ", ".join(f"{k} {100 * v / tot:.0f}%" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
            secs2, _, s2 = _run_cli(raw, out, ["--task-runner", runner])
            print(f"         rerun with nothing new: {secs2:.1f} s ({s2['unchanged']} unchanged)")


def cmd_memory(args: argparse.Namespace) -> None:
    """Peak RSS per size; the curve's slope (KiB per extra article) says what still grows."""
    arts = corpus_articles(Path(args.corpus_dir))
    variants = [("no corpus tables", ["--no-corpus"])]
    if not args.no_corpus_tables:
        variants.append(("with corpus tables", []))
    curve: dict[str, list[tuple[int, int]]] = {label: [] for label, _ in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(x) for x in args.sizes.split(",")):
            raw = Path(tmp) / f"raw{size}"
            raw.mkdir()
            uniq = write_jsonl(raw / "corpus.jsonl", arts, size)
            for label, extra in variants:
                secs, rss, s = _run_cli(raw, Path(tmp) / f"out{size}-{len(extra)}", ["--task-runner", args.runner, *extra])
                curve[label].append((size, rss))
                print(f"{size:7d} articles ({uniq} unique), {label:18s}: {secs:7.1f} s, {size / secs:6.0f} articles/s, "
                      f"peak RSS {rss / 1024:6.0f} MiB, documents {s['records']['documents']}", flush=True)
    for label, points in curve.items():
        if len(points) > 1:
            (n0, r0), (n1, r1) = points[0], points[-1]
            print(f"{label}: {(r1 - r0) * 1024 / max(n1 - n0, 1):.0f} bytes of peak RSS per extra article "
                  f"({n0} -> {n1})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["extract", "flow", "memory"])
    ap.add_argument("--corpus-dir", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--runners", default="threads,process,dask")
    ap.add_argument("--runner", default="threads", help="task runner of the memory mode (default: threads)")
    ap.add_argument("--no-corpus-tables", action="store_true", help="memory mode: only runs with --no-corpus")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    {"extract": cmd_extract, "flow": cmd_flow, "memory": cmd_memory}[args.mode](args)
    _ = resource  # imported for the child's use in _run_cli's code string


if __name__ == "__main__":
    main()
