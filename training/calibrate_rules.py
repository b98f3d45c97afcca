"""Calibrate quote confidences: per-rule precision of the extractor on PolNeAR train.

Runs segment + quotes + speakers on each train article, matches predictions to gold with the
scorer's rules (``score_quotes._pairs`` at 0.3), and prints, per quote rule, how many
predictions there were and which share matched a gold attribution (content) and also had the
right speaker. The content precision is pasted into ``quotewire/extract/quotes/`` as ``RULE_PRECISION``
(the confidence of a quote is its rule's precision, scaled by the cue word's prior).

  python training/calibrate_rules.py ../shared/gold/polnear/train.jsonl [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_quotes import run, to_attributions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("--eval-dir", default=str(REPO.parent / "shared/eval"))
    a = ap.parse_args()
    sys.path.insert(0, a.eval_dir)
    import score_quotes as sq

    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    spk: collections.Counter[str] = collections.Counter()
    cue_tp: collections.Counter[str] = collections.Counter()
    cue_n: collections.Counter[str] = collections.Counter()
    with open(a.train, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            _, atts = run(g["text"])
            quotes = [x.quote for x in atts]
            rule_at = {q.content.start: q.rule for q in quotes}
            pred = {"id": g["id"], "attributions": to_attributions(quotes)}
            _, P, matched = sq._pairs(g, pred, 0.3)
            gold_of = {id(p): gg for gg, p in matched}
            for p in P:
                rule = rule_at.get(p["content"][0]["start"], "?")
                word = p["cue"][0]["text"].lower() if p["cue"] else "-"
                cue_n[word] += 1
                cue_tp[word] += id(p) in gold_of
                if id(p) in gold_of:
                    tp[rule] += 1
                    spk[rule] += sq.same_speaker(gold_of[id(p)], p, "offset")
                else:
                    fp[rule] += 1
    for rule in sorted(set(tp) | set(fp), key=lambda r: -(tp[r] + fp[r])):
        n = tp[rule] + fp[rule]
        print(f'    "{rule}": {tp[rule] / n:.2f},  # n={n}, speaker right on {spk[rule] / max(1, tp[rule]):.2f}')
    print("# cue words with at least 8 predictions and precision below 0.45:")
    for word in sorted(cue_n, key=lambda w: cue_tp[w] / cue_n[w]):
        if cue_n[word] >= 8 and cue_tp[word] / cue_n[word] < 0.45:
            print(f"#   {word}: {cue_tp[word] / cue_n[word]:.2f} of {cue_n[word]}")


if __name__ == "__main__":
    main()
