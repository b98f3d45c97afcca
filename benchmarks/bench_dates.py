#!/usr/bin/env python3
"""Benchmark the dated-events stage against TIMEX3 gold, in process (no Prefect).

    python benchmarks/bench_dates.py [--gold PATH] [--eval-dir DIR] [--examples N]

``--gold`` is a ``tbaq.gold.jsonl``-style file (``docid``, ``dct``, ``text``, ``timexes``,
``event_anchors``) or a folder of TimeML ``*.tml`` files (WikiWars); default: the tbaq gold in
``../shared/gold/timex``. It runs ``split_sentences`` + ``extract_events`` on each text with the
publication date ``dct[:10]`` (``--no-dct`` passes None, as for narratives), builds the same
``pred``/``links`` structures as ``run_gold.py dates``, scores them with ``score_dates.py`` from
``--eval-dir`` (default ``../shared/eval`` relative to the repo), and prints the metrics, the
remaining error classes (missed spans, wrong values by kind of expression, false positives by
rule) and the stage's throughput in words per second.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotewire.extract.events import extract_events  # noqa: E402
from quotewire.extract.segment import split_sentences  # noqa: E402

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def load_tml(path: Path) -> dict[str, Any]:
    """One TimeML file -> a gold record (text without tags, TIMEX3 offsets into it)."""
    xml = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]*)"', xml)
    body_m = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
    body = body_m.group(1) if body_m else ""
    parts: list[str] = []
    pos = 0
    length = 0
    timexes = []
    open_tx: dict[str, Any] | None = None
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1):
                if open_tx is not None:
                    open_tx["end"] = length
                    timexes.append(open_tx)
                open_tx = None
            else:
                attrs = dict(ATTR.findall(m.group(3)))
                open_tx = {
                    "start": length,
                    "type": attrs.get("type"),
                    "value": attrs.get("value"),
                    "tid": attrs.get("tid"),
                }
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for t in timexes:
        t["text"] = text[t["start"] : t["end"]]
    return {
        "docid": path.stem,
        "dct": dct_m.group(1) if dct_m else None,
        "text": text,
        "timexes": timexes,
        "event_anchors": [],
    }


def load_gold(path: Path) -> list[dict[str, Any]]:
    if path.is_dir():
        return [load_tml(p) for p in sorted(path.glob("*.tml"))]
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_dates", eval_dir / "score_dates.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"found no score_dates.py in {eval_dir}, expected the shared eval folder; pass --eval-dir")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_KINDS = (
    ("weekday", r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("time", r"\b(a\.?m\.?|p\.?m\.?|noon|midnight|morning|afternoon|evening|night|tonight)\b"),
    ("month_day", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"),
    ("quarter", r"quarter|period|half"),
    ("ago_earlier", r"\b(ago|earlier|later|before)\b"),
    ("relative_unit", r"\b(this|last|next|past|coming|current)\b"),
    ("day_word", r"\b(today|yesterday|tomorrow)\b"),
    (
        "month",
        r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
        r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b",
    ),
    ("decade_century", r"\d0s\b|centur|ties\b"),
    ("year", r"\b\d{4}\b"),
    ("ref_word", r"\b(now|current|currently|recent|recently|future|soon|past|previously|already|once|then)\b"),
)


def kind(text: str) -> str:
    low = text.lower()
    for name, pat in _KINDS:
        if re.search(pat, low):
            return name
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared/gold/timex/tbaq-cleaned/tbaq.gold.jsonl")
    ap.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared/eval")
    ap.add_argument("--no-dct", action="store_true", help="pass published=None (narratives)")
    ap.add_argument("--examples", type=int, default=0, help="print N examples of each error class")
    ap.add_argument("--repeat", type=int, default=1, help="repeat the timed run N times (throughput)")
    a = ap.parse_args()
    scorer = load_scorer(a.eval_dir)
    gold = load_gold(a.gold)

    pred: dict[str, list[tuple[int, int, str]]] = {}
    links: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    rules: dict[tuple[str, int, int], str] = {}
    words = sum(len(g["text"].split()) for g in gold)
    secs = cpu = 0.0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        outputs = []
        for g in gold:
            pub = None if a.no_dct or not g.get("dct") else dt.date.fromisoformat(g["dct"][:10])
            outputs.append(extract_events(g["text"], split_sentences(g["text"]), pub))
        secs += time.perf_counter() - t0
        cpu += time.process_time() - c0
    for g, events in zip(gold, outputs, strict=True):
        pred[g["docid"]] = [(e.date.start, e.date.end, e.value) for e in events]
        links[g["docid"]] = [
            ((e.date.start, e.date.end), (e.action.start, e.action.end)) for e in events if e.action is not None
        ]
        for e in events:
            assert e.date.text == g["text"][e.date.start : e.date.end]
            rules[(g["docid"], e.date.start, e.date.end)] = e.rule
    res = scorer.score(gold, pred)
    res["event_link_acc"] = scorer.event_links(gold, links)
    # The verb/noun lexicon is learned from TimeBank: report the other sources apart.
    for source in sorted({g.get("source") for g in gold if g.get("source")}):
        part = [g for g in gold if g.get("source") == source]
        res[f"event_link_acc[{source}]"] = scorer.event_links(part, links)
        res[f"date_value_acc[{source}]"] = scorer.score(part, pred)["date_value_acc"]
    # Per core: words per CPU second of this process (wall-clock rate is printed too; it drops
    # when other processes share the machine).
    res["words_per_s"] = words * a.repeat / cpu if cpu else 0.0
    res["words_per_wall_s"] = words * a.repeat / secs if secs else 0.0
    res["documents"] = len(gold)
    res["words"] = words

    # Error classes (same greedy matching as the scorer).
    missed: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    fps: collections.Counter[str] = collections.Counter()
    matched: collections.Counter[str] = collections.Counter()
    ex: dict[str, list[str]] = collections.defaultdict(list)
    for g in gold:
        dct = g.get("dct")
        target = [t for t in g["timexes"] if t.get("type") in ("DATE", "TIME")]
        other = [t for t in g["timexes"] if t.get("type") not in ("DATE", "TIME")]
        P = sorted(set(pred.get(g["docid"], [])))
        used: set[int] = set()
        for t in target:
            best = None
            for i, p in enumerate(P):
                if i not in used and scorer._inside((t["start"], t["end"]), p):
                    if best is None or scorer._value_ok(t, p[2], dct):
                        best = i
                        if scorer._value_ok(t, p[2], dct):
                            break
            if best is None:
                k = kind(t["text"])
                missed[k] += 1
                ctx = g["text"][max(0, t["start"] - 60) : t["end"] + 30].replace("\n", " ")
                ex["missed:" + k].append(f"{t['text']!r} -> {t['value']} (dct {dct and dct[:10]}) | {ctx}")
                continue
            used.add(best)
            matched[rules.get((g["docid"], P[best][0], P[best][1]), "?")] += 1
            if not scorer._value_ok(t, P[best][2], dct):
                k = kind(t["text"])
                wrong[k] += 1
                ctx = g["text"][max(0, t["start"] - 60) : t["end"] + 30].replace("\n", " ")
                ex["wrong:" + k].append(
                    f"{t['text']!r} gold {t['value']} ours {P[best][2]} (dct {dct and dct[:10]}) | {ctx}"
                )
        for i, p in enumerate(P):
            if i in used or any(scorer._overlap((t["start"], t["end"]), p) for t in other):
                continue
            r = rules.get((g["docid"], p[0], p[1]), "?")
            fps[r] += 1
            ctx = g["text"][max(0, p[0] - 50) : p[1] + 30].replace("\n", " ")
            ex["fp:" + r].append(f"{g['text'][p[0] : p[1]]!r} = {p[2]} | {ctx}")

    # Event links that fail (same definition as score_dates.event_links).
    link_fail: collections.Counter[str] = collections.Counter()
    actions = {(g["docid"], p[0], p[1]): None for g in gold for p in pred.get(g["docid"], [])}
    for g in gold:
        for d, act in links.get(g["docid"], []):
            actions[(g["docid"], d[0], d[1])] = act  # type: ignore[assignment]
    for g in gold:
        anchored: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for an in g.get("event_anchors", []):
            if an.get("is_dct") or an.get("timex_type") != "DATE":
                continue
            t = next((t for t in g["timexes"] if t.get("tid") == an.get("tid")), None)
            if t is not None:
                anchored.setdefault((t["start"], t["end"]), []).append((an["event"]["start"], an["event"]["end"]))
        for span, evs in anchored.items():
            mine = [(k, v) for k, v in actions.items() if k[0] == g["docid"] and scorer._inside(span, (k[1], k[2]))]
            if not mine:
                kind_ = "date_not_found"
            elif any(v is not None and any(scorer._overlap(e, v) for e in evs) for _, v in mine):
                continue
            elif all(v is None for _, v in mine):
                kind_ = "no_action"
            else:
                kind_ = "other_action"
            link_fail[kind_] += 1
            if kind_ != "date_not_found":
                v = next((v for _, v in mine if v is not None), None)
                ours = g["text"][v[0] : v[1]] if v else None
                golds = "/".join(g["text"][e[0] : e[1]] for e in evs)
                ctx = g["text"][max(0, span[0] - 80) : span[1] + 40].replace("\n", " ")
                ex["link:" + kind_].append(f"{g['text'][span[0] : span[1]]!r} ours={ours!r} gold={golds!r} | {ctx}")

    print(json.dumps(res, indent=1, default=lambda x: round(x, 4)))
    print("missed spans by kind:", dict(missed.most_common()))
    print("wrong values by kind:", dict(wrong.most_common()))
    print("false positives by rule:", dict(fps.most_common()))
    print("matches by rule:", dict(matched.most_common()))
    print("event link failures:", dict(link_fail.most_common()))
    if a.examples:
        for key in sorted(ex):
            print(f"--- {key} ({len(ex[key])})")
            for line in ex[key][: a.examples]:
                print("   ", line)
    p, r, f = res["relaxed"]
    print(
        f"date_value_acc={res['date_value_acc']:.4f} relaxed_p={p:.3f} relaxed_r={r:.3f} relaxed_f1={f:.3f} "
        f"value_f1={res['value_f1']:.3f} false_pos={res['false_positives']} "
        f"event_link_acc={res['event_link_acc']:.4f} words_per_cpu_s={res['words_per_s']:.0f} "
        f"words_per_wall_s={res['words_per_wall_s']:.0f}"
    )


if __name__ == "__main__":
    main()
