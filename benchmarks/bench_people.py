"""Benchmark corpus-level identity (``quotewire.dataset.corpus.build_corpus``) on BBC + Reuters-21578.

  python benchmarks/bench_people.py --corpus-dir ../shared/corpus [--cache /tmp/people_records.jsonl]
                                    [--sizes 2000,20000] [--sample 50] [--seed 7] [--workers 2]

Converts the BBC corpus (``bbc_fulltext/<category>/*.txt``, first line the title) and the
Reuters-21578 bodies (``reuters21578/reut2-*.sgm``; records without BODY skipped) to in-memory
``Article`` values, runs the pure extraction in-process (``quotewire.dataset.pipeline.process_article``, no
Prefect, no files written), then ``build_corpus`` on the first 2k and 20k documents (BBC first,
then Reuters in file order) and prints: people count, the top 20 people by quotes with their name
variants, the largest quotation clusters, a fixed-seed sample of merges (two different name
strings in one person, names and ids only) and the build time and peak memory (tracemalloc) per
size. ``--cache`` keeps the extracted records (outside the repo!) so reruns skip extraction; the
extraction itself is another engineer's moving target, so only the record shapes matter here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import html
import json
import os
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quotewire.dataset.corpus import build_corpus  # noqa: E402
from quotewire.dataset.pipeline import Options, process_article  # noqa: E402
from quotewire.extract.model import Article  # noqa: E402

Rows = dict[str, list[dict[str, Any]]]
_REUTERS = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})")
_MONTHS = {
    m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)
}


def _tag(block: str, name: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return html.unescape(m.group(1)) if m else None


def bbc_articles(root: Path) -> Iterator[tuple[str, Article]]:
    """BBC 2004-05 articles: ``<category>/NNN.txt``, headline on line 1, no dates, outlet BBC."""
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        title = text.split("\n", 1)[0].strip() or None
        rel = f"bbc_fulltext/{path.parent.name}/{path.name}"
        yield rel, Article(text=text, encoding="utf-8", source_path=rel, title=title, outlet="BBC")


def reuters_articles(root: Path) -> Iterator[tuple[str, Article]]:
    """Reuters-21578 stories with a BODY (latin-1 SGML, entities unescaped), outlet Reuters."""
    for sgm in sorted(root.glob("reut2-*.sgm")):
        raw = sgm.read_bytes().decode("latin-1")
        for m in _REUTERS.finditer(raw):
            block = m.group(2)
            body = _tag(block, "BODY")
            if body is None or not body.strip():
                continue
            title = _tag(block, "TITLE")
            d = _DATE.search(block)
            published = dt.date(int(d.group(3)), _MONTHS[d.group(2)], int(d.group(1))) if d else None
            rel = f"reuters21578/{sgm.name}#NEWID={m.group(1)}"
            text = (title.strip() + "\n\n" if title else "") + body.replace("\x03", "").strip() + "\n"
            art = Article(text=text, encoding="latin-1", source_path=rel, title=title, outlet="Reuters")
            art.published, art.published_source = published, "metadata" if published else "none"
            yield rel, art


def _extract(item: tuple[str, Article]) -> Rows | None:
    key, art = item
    try:
        rec = process_article(art, key, Options(include_text=False))
    except Exception as exc:  # the extractor is someone else's moving target: count, go on
        print(f"extraction failed on {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    doc = rec["documents"][0]
    return {
        "documents": [{k: doc[k] for k in ("doc_id", "source_path", "published", "outlet")}],
        "speakers": rec["speakers"],
        "quotes": [
            {k: q[k] for k in ("quote_id", "doc_id", "text", "speaker_id", "speaker", "type", "attribution_id")}
            for q in rec["quotes"]
        ],
    }


def extract_all(corpus_dir: Path, limit: int, workers: int) -> list[Rows]:
    items = list(bbc_articles(corpus_dir / "bbc_fulltext"))
    items += list(reuters_articles(corpus_dir / "reuters21578"))
    items = items[: limit + limit // 50]  # a few spare for extractor failures
    t = time.perf_counter()
    with Pool(workers) as pool:
        got = pool.map(_extract, items, chunksize=50)
    out = [r for r in got if r is not None]
    print(
        f"extracted {len(out)} documents in {time.perf_counter() - t:.1f}s with {workers} workers "
        f"({len(got) - len(out)} failed in the extractor and are left out)",
        file=sys.stderr,
    )
    return out


def load_records(args: argparse.Namespace, limit: int) -> list[Rows]:
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        with cache.open(encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        if len(recs) >= limit:
            return recs[:limit]
    recs = extract_all(Path(args.corpus_dir), limit, args.workers)
    if cache:
        with cache.open("w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


def flatten(recs: list[Rows]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    docs = [d for r in recs for d in r["documents"]]
    speakers = [s for r in recs for s in r["speakers"]]
    quotes = [q for r in recs for q in r["quotes"]]
    return docs, speakers, quotes


def timed_build(recs: list[Rows]) -> tuple[Rows, float, float, float]:
    """Build 3 times for wall and CPU seconds (best of 3; the machine is shared), once more
    under tracemalloc for peak memory."""
    docs, speakers, quotes = flatten(recs)
    best = cpu = float("inf")
    result: Rows = {}
    for _ in range(3):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        result = build_corpus(docs, speakers, quotes)
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    gc.collect()
    tracemalloc.start()
    build_corpus(docs, speakers, quotes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, best, cpu, peak / 2**20


def merges(result: Rows, docs_of: dict[str, str]) -> list[dict[str, Any]]:
    """Every pair (canonical name, other variant) joined into one person, with example speakers."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for link in result["speaker_person"]:
        if link["person_id"] is not None:
            by_person.setdefault(link["person_id"], []).append(link)
    out = []
    for p in result["people"]:
        links = by_person.get(p["person_id"], [])
        names = sorted({lk["name"] for lk in links})
        if len(names) < 2:
            continue
        canon = next((lk for lk in links if lk["name"] == p["name"]), links[0])
        for n in names:
            if n == canon["name"]:
                continue
            other = next(lk for lk in links if lk["name"] == n)
            out.append(
                {
                    "person_id": p["person_id"],
                    "kind": p["kind"],
                    "canonical": p["name"],
                    "a": canon["name"],
                    "a_speaker_id": canon["speaker_id"],
                    "a_doc": docs_of[canon["doc_id"]],
                    "b": n,
                    "b_speaker_id": other["speaker_id"],
                    "b_doc": docs_of[other["doc_id"]],
                    "rule": other["rule"],
                }
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus-dir", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--cache", default=None, help="JSONL of extracted records (keep it outside the repo)")
    ap.add_argument("--sizes", default="2000,20000")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--near-sample", type=int, default=30, help="near-duplicate quote links to print")
    ap.add_argument("--merges-out", default=None, help="write the sampled merges as JSONL here")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    recs = load_records(args, max(sizes))
    timings = []
    result: Rows = {}
    for n in sizes:
        sub = recs[:n]
        result, secs, cpu, peak = timed_build(sub)
        docs, speakers, quotes = flatten(sub)
        timings.append(
            (len(sub), len(speakers), len(quotes), secs, cpu, peak, len(result["people"]), len(result["quotations"]))
        )
    docs, _, _ = flatten(recs[: max(sizes)])
    docs_of = {d["doc_id"]: d["source_path"] for d in docs}

    people = result["people"]
    print(
        f"people: {len(people)} ({sum(p['kind'] == 'person' for p in people)} person, "
        f"{sum(p['kind'] == 'organization' for p in people)} organization, {sum(p['kind'] == 'unknown' for p in people)} unknown)"
    )
    linked = sum(lk["person_id"] is not None for lk in result["speaker_person"])
    print(
        f"speaker links: {len(result['speaker_person'])}, {linked} to a person; quotations: {len(result['quotations'])}"
    )
    print("\n## top 20 people (kind person) by quotes")
    persons = [p for p in people if p["kind"] == "person"]
    for p in sorted(persons, key=lambda p: (-p["quote_count"], p["name"]))[:20]:
        variants = ", ".join(f"{v['name']} ({v['count']})" for v in p["variants"][:8])
        print(f"{p['quote_count']:5d} q {p['doc_count']:4d} d  {p['name']} [{p['person_id']}]  variants: {variants}")
    print("\n## top 5 organisations / unknown-kind names by quotes")
    for p in sorted((p for p in people if p["kind"] != "person"), key=lambda p: (-p["quote_count"], p["name"]))[:5]:
        print(f"{p['quote_count']:5d} q {p['doc_count']:4d} d  {p['kind']:12s} {p['name']} [{p['person_id']}]")
    order = sorted(result["quotations"], key=lambda q: (-q["doc_count"], -q["quote_count"], q["quotation_id"]))
    for title, rows in (
        ("largest quotation clusters", order),
        ("largest quotation clusters of 8+ words", [q for q in order if len(q["normalized"].split()) >= 8]),
    ):
        print(f"\n## {title}")
        for q in rows[:10]:
            print(
                f"{q['quote_count']:4d} q {q['doc_count']:4d} d {q['outlet_count']} outlets  variants={q['variant_count']}  "
                f"[{q['quotation_id']}] {q['speaker']!s:.25s}: {q['text'][:80]!r}"
            )
    near_links = [lk for lk in result["quote_quotation"] if lk["match"] == "near"]
    canon = {q["quotation_id"]: q["normalized"] for q in result["quotations"]}
    texts = {q["quote_id"]: q["text"] for q in flatten(recs[: max(sizes)])[2]}
    nrng = random.Random(args.seed)
    print(
        f"\n## {min(args.near_sample, len(near_links))} sampled near-duplicate links of {len(near_links)} (seed {args.seed})"
    )
    for lk in nrng.sample(near_links, min(args.near_sample, len(near_links))):
        print(
            f"  [{lk['quotation_id']}] sim={lk['similarity']}\n     {canon[lk['quotation_id']][:150]!r}\n     {texts[lk['quote_id']][:150]!r}"
        )
    near = [q for q in result["quotations"] if q["variant_count"] > 1]
    print(f"quotations with near-duplicate variants: {len(near)}")
    all_merges = merges(result, docs_of)
    rng = random.Random(args.seed)
    sample = rng.sample(all_merges, min(args.sample, len(all_merges)))
    print(f"\n## {len(sample)} sampled merges of {len(all_merges)} (seed {args.seed})")
    for i, m in enumerate(sample, 1):
        print(f"{i:2d}. [{m['person_id']}] {m['a']!r} ({m['a_doc']}) <- {m['b']!r} ({m['b_doc']}) rule={m['rule']}")
    if args.merges_out:
        with open(args.merges_out, "w", encoding="utf-8") as f:
            for m in sample:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
    print("\n## build_corpus time and memory")
    print("docs  speakers  quotes  wall_s  cpu_s  peak_MiB  people  quotations")
    for n, ns, nq, secs, cpu, peak, npeople, nquot in timings:
        print(f"{n:5d} {ns:8d} {nq:7d} {secs:7.2f} {cpu:6.2f} {peak:9.1f} {npeople:7d} {nquot:10d}")


if __name__ == "__main__":
    main()
