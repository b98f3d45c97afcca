"""Who said it, in process: speaker scores of ``quotewire.extract`` on attribution gold, with slices.

    python benchmarks/bench_speakers.py --gold ../shared/gold/ggt/dev.jsonl [--where kind=speech]
        [--eval-dir ../shared/eval] [--errors errors.tsv]

Runs the public API (the same records the flow writes) on every gold article, groups quote parts
into attributions exactly as ``run_gold.py`` does, and prints the shared scorer's content F1,
speaker accuracy (mention offsets), end-to-end F1 and ``speaker_name_acc``, then speaker-name
accuracy by the kind of gold source mention (pronoun / description / name) and the most common
wrong names. ``--errors`` writes every wrong matched speaker with its context for reading.
Seconds, not minutes: no Prefect start-up, no files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import quotewire  # noqa: E402

Doc = dict[str, Any]
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "who", "which", "its"}


def source_kind(text: str) -> str:
    words = re.findall(r"[\w'\u2019-]+", text)
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if not any(w[:1].isupper() for w in words):
        return "description"
    return "name"


def predict(gold: list[Doc], where: list[tuple[str, str]]) -> tuple[list[Doc], float]:
    preds: list[Doc] = []
    t0 = time.perf_counter()
    for g in gold:
        ex = quotewire.extract(g["text"], published=g.get("date"), id=g["id"])
        grouped: dict[tuple[Any, ...], Doc] = {}
        atts: list[Doc] = []
        for q in ex.quotes:
            if not all(k not in q or str(q[k]).lower() == v.lower() for k, v in where):
                continue
            key: tuple[Any, ...] = (q.get("cue_start"), q.get("cue_end"), q.get("speaker_mention_start"))
            if q.get("cue_start") is None:
                key = ("part", q.get("text_start"))
            span = {"start": q["text_start"], "end": q["text_end"], "text": q["text"]}
            if key in grouped:
                grouped[key]["content"].append(span)
                continue
            src = ([] if q.get("speaker_mention_start") is None else
                   [{"start": q["speaker_mention_start"], "end": q["speaker_mention_end"],
                     "text": q.get("speaker_mention") or ""}])
            cue = [] if q.get("cue_start") is None else [{"start": q["cue_start"], "end": q["cue_end"],
                                                          "text": q.get("cue") or ""}]
            att = {"content": [span], "cue": cue, "source": src, "speaker": q.get("speaker")}
            grouped[key] = att
            atts.append(att)
        preds.append({"id": g["id"], "attributions": atts})
    return preds, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(REPO.parent / "shared/gold/ggt/dev.jsonl"))
    ap.add_argument("--eval-dir", default=str(REPO.parent / "shared/eval"))
    ap.add_argument("--where", action="append", default=[], metavar="FIELD=VALUE")
    ap.add_argument("--errors", help="write the wrong matched speakers here (TSV; wrong mentions where the gold "
                    "has no resolved names)")
    a = ap.parse_args()
    sys.path.insert(0, a.eval_dir)
    import score_quotes  # type: ignore[import-not-found]

    gold = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    where = [(w.split("=", 1)[0], w.split("=", 1)[1]) for w in a.where if "=" in w]
    preds, secs = predict(gold, where)
    m = score_quotes.matching(gold, preds, 0.3)
    res: dict[str, Any] = {
        "content_f1": round(m["content_match"][2], 3),
        "content_p": round(m["content_match"][0], 3),
        "content_r": round(m["content_match"][1], 3),
        "speaker_acc": round(m["speaker_acc_on_matched"], 3),
        "e2e_f1": round(m["end_to_end"][2], 3),
        "direct_recall": round(score_quotes.direct_recall(gold, preds, 0.3), 3),
        "articles_per_s": round(len(gold) / secs, 1),
    }
    name_acc, n_named = score_quotes.name_accuracy(gold, preds, 0.3)
    if name_acc is not None:
        res["speaker_name_acc"] = round(name_acc, 3)
        res["speaker_name_items"] = n_named
    by_kind: dict[str, list[int]] = {}
    wrong: Counter[str] = Counter()
    # Mention misses where ours is the pronoun at the cue and the gold marks the antecedent name
    # (GGT's convention; PolNeAR marks the pronoun): the name accuracy judges these.
    misses = pronoun_for_name = 0
    rows: list[str] = []
    for g_doc, p_doc in zip(gold, preds, strict=True):
        _, _, matched = score_quotes._pairs(g_doc, p_doc, 0.3)
        for gat, pat in matched:
            src = " ".join(s["text"] for s in gat.get("source", []))
            kind = source_kind(src)
            ok_mention = score_quotes.same_speaker(gat, pat, "offset")
            if not ok_mention:
                misses += 1
                psrc_text = " ".join(s["text"] for s in pat.get("source", []))
                pronoun_for_name += kind == "name" and source_kind(psrc_text) == "pronoun"
            ok_name = bool(gat.get("speaker_name")) and score_quotes.same_name(gat["speaker_name"], pat.get("speaker"))
            slot = by_kind.setdefault(kind, [0, 0, 0])
            slot[0] += 1
            slot[1] += ok_mention
            slot[2] += ok_name
            # (Gold without resolved names, PolNeAR: the wrong mentions instead.)
            if (gat.get("speaker_name") and not ok_name) or (not gat.get("speaker_name") and not ok_mention):
                wrong[str(pat.get("speaker"))] += 1
                psrc = " ".join(s["text"] for s in pat.get("source", []))
                c0 = gat["content"][0]
                ctx = g_doc["text"][max(0, c0["start"] - 160):c0["end"] + 80]
                rows.append("\t".join([g_doc["id"], kind, src, gat.get("speaker_name") or "", psrc, str(pat.get("speaker")),
                                       " ".join(c0["text"].split())[:80], " ".join(ctx.split())]))
    print(json.dumps(res))
    for kind, (n, ok_m, ok_n) in sorted(by_kind.items()):
        print(f"  gold source {kind:12s} n={n:4d}  mention_acc={ok_m / n:.3f}  name_acc={ok_n / n:.3f}")
    print(f"  mention misses: {misses}, of which our pronoun at the cue for a gold name: {pronoun_for_name}")
    print("  most common wrong speakers:", ", ".join(f"{k} ({v})" for k, v in wrong.most_common(12)))
    if a.errors:
        Path(a.errors).write_text("id\tgold_kind\tgold_source\tgold_name\tpred_source\tpred_speaker\tcontent\tcontext\n"
                                  + "\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
