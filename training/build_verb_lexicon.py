#!/usr/bin/env python3
"""Build ``quotewire/extract/event_verbs.tsv``: the verb forms (and event nouns) TimeML annotators marked as events.

Reads TimeML files (TimeBank / AQUAINT, ``*.tml``), pairs each ``<EVENT>`` with its
``<MAKEINSTANCE>`` (``pos``, ``tense``), and keeps the word forms annotated as verbs in most of
their occurrences, with their most frequent tense. The artifact holds word forms and counts only
(no text), so it ships inside the package; ``quotewire.extract.events`` combines it with morphology so that
verbs never seen in training are still found.

    python training/build_verb_lexicon.py ../shared/gold/timex/tbaq-cleaned --out quotewire/extract/event_verbs.tsv
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

EVENT = re.compile(r'<EVENT eid="(e\d+)"[^>]*>([^<]*)</EVENT>')
INSTANCE = re.compile(r"<MAKEINSTANCE\b[^>]*>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
# TimeML tense names -> the lexicon's coarse tags.
TAGS = {
    "PAST": "past",
    "PRESENT": "pres",
    "FUTURE": "base",
    "INFINITIVE": "base",
    "PRESPART": "ing",
    "PASTPART": "part",
    "NONE": "part",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder searched recursively for *.tml")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "quotewire" / "extract" / "event_verbs.tsv")
    ap.add_argument("--min-count", type=int, default=1)
    a = ap.parse_args()
    pos_count: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    tense_count: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted(a.corpus.rglob("*.tml")):
        xml = path.read_text(encoding="utf-8")
        words = {m.group(1): m.group(2).strip().lower() for m in EVENT.finditer(xml)}
        for m in INSTANCE.finditer(xml):
            attrs = dict(ATTR.findall(m.group()))
            word = words.get(attrs.get("eventID", ""))
            if not word or " " in word or not word.replace("-", "").isalpha():
                continue
            pos_count[word][attrs.get("pos", "")] += 1
            if attrs.get("pos") == "VERB":
                tense = attrs.get("tense", "NONE")
                tag = TAGS.get(tense, "part")
                # A NONE-tense verb ending in -ing is a gerund/participle, not a past participle.
                if tense == "NONE" and word.endswith("ing"):
                    tag = "ing"
                tense_count[word][tag] += 1
    rows = []
    for word, pos in pos_count.items():
        verb, noun = pos["VERB"], pos["NOUN"]
        if verb >= a.min_count and verb * 2 >= sum(pos.values()):
            rows.append((word, tense_count[word].most_common(1)[0][0], verb))
        elif noun >= 2 and noun * 2 >= sum(pos.values()):
            # Nominal events ("invasion", "cease-fire"): what a date modifies in "the Aug. 2 invasion".
            rows.append((word, "noun", noun))
    rows.sort()
    with a.out.open("w", encoding="utf-8") as f:
        f.write("# form\ttag\tcount  (built by training/build_verb_lexicon.py from TimeML EVENT annotations)\n")
        for word, tag, n in rows:
            f.write(f"{word}\t{tag}\t{n}\n")
    print(f"{len(rows)} forms ({sum(r[1] == 'noun' for r in rows)} event nouns) -> {a.out}")


if __name__ == "__main__":
    main()
