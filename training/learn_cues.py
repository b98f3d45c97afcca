"""Learn reporting-cue words from PolNeAR train cues (prints candidate lexicon entries).

For every lower-cased word form, count how often it occurs in the train texts and how often it
is the head (last word, or first word for "according to"-like cues) of a gold cue. Words whose
cue rate and count pass the thresholds are printed as a Python frozenset literal, ready to paste
into ``quotewire/extract/quotes/lexicons.py`` (the lexicon is reviewed by hand, not loaded at run time).

  python training/learn_cues.py ../shared/gold/polnear/train.jsonl [--min-count 4] [--min-rate 0.35]
"""

from __future__ import annotations

import argparse
import collections
import json
import re

WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-rate", type=float, default=0.35)
    a = ap.parse_args()
    occ: collections.Counter[str] = collections.Counter()
    cue: collections.Counter[str] = collections.Counter()
    with open(a.train, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            heads: set[tuple[int, int]] = set()
            for att in doc["attributions"]:
                for s in att["cue"]:
                    words = list(WORD.finditer(text, s["start"], s["end"]))
                    for m in words:
                        heads.add((s["start"] + 0, m.start()))
            starts = {st for _, st in heads}
            for m in WORD.finditer(text):
                w = m.group().lower()
                occ[w] += 1
                if m.start() in starts:
                    cue[w] += 1
    rows = [(w, cue[w], occ[w], cue[w] / occ[w]) for w in cue if cue[w] >= a.min_count]
    rows = [r for r in rows if r[3] >= a.min_rate]
    rows.sort(key=lambda r: -r[1])
    for w, c, o, r in rows:
        print(f"{w}\t{c}\t{o}\t{r:.2f}")


if __name__ == "__main__":
    main()
