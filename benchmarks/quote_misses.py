"""Unmatched gold contents (misses) and unmatched predictions (false quotes), with context.

    python benchmarks/quote_misses.py --gold ../shared/gold/ggt/dev.jsonl [--where kind=speech]
        [--eval-dir ../shared/eval] [--out misses.tsv]

Uses ``bench_speakers.predict`` (the same records and grouping as ``run_gold.py``) and the shared
scorer's one-to-one matching. Each unmatched item gets a coarse family, so the largest families
can be read first:

- gold (FN): ``covered`` (a prediction overlaps it but is too long or too short for the scorer's
  covers), ``overlap-used`` (the overlapping prediction is matched to another gold),
  ``unfound`` (no prediction touches it); ``+direct`` when it holds a quotation mark;
- pred (FP): ``overlaps-gold`` (touches a gold content) or ``no-gold``; with the record's kind
  and cue.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import bench_speakers  # noqa: E402

import quotewire  # noqa: E402


def one_line(text: str) -> str:
    return " ".join(text.split())


def cue_word(p: dict[str, Any]) -> str:
    """A prediction's cue head: its cue's last word, lower-cased ("has repeatedly said" -> "said")."""
    words = " ".join(s["text"] for s in p.get("cue", [])).lower().split()
    return words[-1].strip(".,:;\u2019'\"") if words else "-"


def rules_by_content(gold: list[dict[str, Any]], where: list[tuple[str, str]]) -> dict[tuple[str, int], str]:
    """(article id, content start) -> the record's rule and kind, to read false quotes by rule."""
    out: dict[tuple[str, int], str] = {}
    for g in gold:
        for q in quotewire.extract(g["text"], published=g.get("date"), id=g["id"]).quotes:
            if all(k not in q or str(q[k]).lower() == v.lower() for k, v in where):
                out[(g["id"], q["text_start"])] = f"{q.get('rule')}/{q.get('kind')}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--eval-dir", default=str(REPO.parent / "shared/eval"))
    ap.add_argument("--where", action="append", default=[], metavar="FIELD=VALUE")
    ap.add_argument("--out", help="write every unmatched item here (TSV)")
    ap.add_argument("--by-cue", type=int, default=0, metavar="N",
                    help="also print the N most frequent predicted cue words with their matched share "
                         "(the train precision of a cue family)")
    a = ap.parse_args()
    sys.path.insert(0, a.eval_dir)
    import score_quotes  # type: ignore[import-not-found]

    gold = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    where = [(w.split("=", 1)[0], w.split("=", 1)[1]) for w in a.where if "=" in w]
    preds, _ = bench_speakers.predict(gold, where)
    rules = rules_by_content(gold, where)
    families: Counter[str] = Counter()
    cue_tp: Counter[str] = Counter()
    cue_n: Counter[str] = Counter()
    rows: list[str] = []
    for g_doc, p_doc in zip(gold, preds, strict=True):
        text = g_doc["text"]
        G, P, matched = score_quotes._pairs(g_doc, p_doc, 0.3)
        used_g = {id(g) for g, _ in matched}
        used_p = {id(p) for _, p in matched}
        for p in P:
            head = cue_word(p)
            cue_n[head] += 1
            cue_tp[head] += id(p) in used_p
        for g in G:
            if id(g) in used_g:
                continue
            touching = [p for p in P if g["_c"] & p["_c"]]
            fam = ("unfound" if not touching else
                   "overlap-used" if all(id(p) in used_p for p in touching) else "covered")
            if score_quotes.is_direct(g):
                fam += "+direct"
            families["FN " + fam] += 1
            c0 = g["content"][0]
            pred_txt = " || ".join(one_line(s["text"]) for p in touching for s in p["content"])
            cue = " ".join(s["text"] for s in g.get("cue", []))
            ctx = text[max(0, c0["start"] - 120):g["content"][-1]["end"] + 60]
            rows.append("\t".join(["FN", fam, g_doc["id"], cue,
                                   " | ".join(one_line(s["text"]) for s in g["content"]),
                                   pred_txt, one_line(ctx)]))
        for p in P:
            if id(p) in used_p:
                continue
            fam = "overlaps-gold" if any(g["_c"] & p["_c"] for g in G) else "no-gold"
            families["FP " + fam] += 1
            c0 = p["content"][0]
            cue = " ".join(s["text"] for s in p.get("cue", []))
            ctx = text[max(0, c0["start"] - 120):p["content"][-1]["end"] + 60]
            rule = rules.get((p_doc["id"], c0["start"]), "")
            rows.append("\t".join(["FP", fam + " " + rule, p_doc["id"], cue,
                                   " | ".join(one_line(s["text"]) for s in p["content"]), "",
                                   one_line(ctx)]))
    for fam, n in sorted(families.items()):
        print(f"{fam:28s} {n}")
    for head, n in cue_n.most_common(a.by_cue):
        print(f"cue {head:24s} matched {cue_tp[head]:5d} of {n:5d}  ({cue_tp[head] / n:.2f})")
    if a.out:
        Path(a.out).write_text("side\tfamily\tid\tcue\tcontent\tpred\tcontext\n" + "\n".join(rows) + "\n",
                               encoding="utf-8")


if __name__ == "__main__":
    main()
