"""Train the pronoun -> named-mention ranker of pronouns.py on GUM (non-NC texts) and score it.

    pip install -e ".[train]"
    python training/train_pronouns.py --shared ../shared [--out quotewire/extract/models] [--test] [--C 0.3]

Writes quotewire/extract/models/pronoun_weights.json (feature name -> weight). Prints accuracy on GUM dev (and GUM test
with --test) for the model and for the baseline "most recent type- and gender-compatible named
candidate", overall, per pronoun class, and on news + interview documents alone.

Items: third-person pronouns (he/him/his/she/her/it/its/they/them/their) that are gold mentions
whose chain has a named mention (head PROPN) among the candidates: named mentions before the
pronoun, in the last 8 sentences, at most 25 (pronouns.select_window). Gold syntax only picks the
named mentions and items, as a named-entity tagger would at runtime; features use text and spans.
Deterministic: sorted inputs, liblinear with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gum import conllu_path, doc_ids, docs_table, entity_mentions, read_conllu  # noqa: E402  (training/gum.py)

from quotewire.extract.pronouns import _OFF, FEATURE_NAMES, PRONOUNS, Candidate, Ranker, candidate_features  # noqa: E402

TYPE_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
ITEM_PRONOUNS = frozenset("he him his she her it its they them their".split())
TITLE_SKIP = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. president senator sen. gov. governor sir lady "
                       "king queen prince princess saint st. st".split())
MALE_TITLES = frozenset("mr mr. sir king prince lord".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss lady queen princess dame".split())


@dataclass
class Doc:
    doc_id: str
    genre: str
    text: str
    sentence_starts: list[int]
    candidates: list[Candidate]  # named mentions in text order
    items: list[tuple[int, int, int]]  # (pronoun start, end, entity id)


# ------------------------------------------------------------------------------------------ data
def load_first_names(shared: str, min_total: int = 400) -> dict[str, str]:
    """First name -> 'f' (P(female) >= 0.9) or 'm' (<= 0.1), names with >= min_total births."""
    out: dict[str, str] = {}
    with open(os.path.join(shared, "gold", "names", "first_names_gender.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            name, fe, ma = line.rstrip("\n").split("\t")
            tot = int(fe) + int(ma)
            if tot >= min_total:
                p = int(fe) / tot
                if p >= 0.9:
                    out[name] = "f"
                elif p <= 0.1:
                    out[name] = "m"
    return out


def mention_gender(words: list[str], names: dict[str, str]) -> str:
    """Gender of a PER name from a title or its first name (the runtime gets this from its caller)."""
    for w in words:
        lw = w.lower()
        if lw in MALE_TITLES:
            return "m"
        if lw in FEMALE_TITLES:
            return "f"
        if lw in TITLE_SKIP:
            continue
        return names.get(w, "")
    return ""


def read_gum(path: str, doc_id: str, genre: str, names: dict[str, str]) -> Doc:
    """Text (words joined with SpaceAfter, paragraphs on new lines), gold sentence starts, named
    mentions (head PROPN) as candidates, and third-person pronoun mentions as items."""
    doc = read_conllu(path)
    words, sent_off, newpar_before = doc.rows, doc.sent_off, doc.newpar_before
    parts: list[str] = []
    cstart: list[int] = []
    cend: list[int] = []
    pos = 0
    for i, cols in enumerate(words):
        if i > 0:
            if i in newpar_before:
                sep = "\n"
            elif sent_off[i] == i or "SpaceAfter=No" not in words[i - 1][9]:
                sep = " "
            else:
                sep = ""
            parts.append(sep)
            pos += len(sep)
        cstart.append(pos)
        parts.append(cols[1])
        pos += len(cols[1])
        cend.append(pos)
    text = "".join(parts)
    sentence_starts = sorted({cstart[s] for s in set(sent_off)})
    raw = entity_mentions(doc)
    eids: dict[str, int] = {}
    cands: list[tuple[int, int, Candidate]] = []
    items: list[tuple[int, int, int]] = []
    egender: dict[int, str] = {}
    for m in sorted(raw, key=lambda m: (int(m["start"]), -int(m["end"]))):
        s, e = int(m["start"]), int(m["end"])
        span = range(s, e + 1)
        minspan = [s + int(x) - 1 for x in str(m["minspan"]).split(",") if x.isdigit()]
        head = minspan[0] if minspan else s
        for i in [j for j in minspan if j in span] + list(span):
            gov = int(words[i][6])
            if gov == 0 or sent_off[i] + gov - 1 not in span:
                head = i
                break
        ent = eids.setdefault(str(m["eid"]), len(eids))
        if s == e and words[s][1].lower() in ITEM_PRONOUNS and words[s][3] == "PRON":
            items.append((cstart[s], cend[s], ent))
        elif words[head][3] == "PROPN":
            label = TYPE_MAP.get(str(m["etype"]), "OTHER")
            g = ""
            if label == "PER":
                g = egender.get(ent) or mention_gender([w[1] for w in words[s:e + 1]], names)
                if g:
                    egender[ent] = g
            # NER-like span: no leading article, end at the head (+ following proper nouns), no clauses
            lo, hi = s, head
            while lo < head and words[lo][3] in ("DET", "PUNCT"):
                lo += 1
            while hi < e and words[hi + 1][3] == "PROPN":
                hi += 1
            cands.append((cstart[lo], -cend[hi], Candidate(cstart[lo], cend[hi], label, ent, g)))
    cands.sort(key=lambda t: (t[0], t[1]))
    candidates = [c for _, _, c in cands]
    # the caller knows an entity's gender for all its mentions: propagate the first known one
    candidates = [Candidate(c.start, c.end, c.label, c.entity, egender.get(c.entity, "")) if c.label == "PER"
                  else c for c in candidates]
    return Doc(doc_id, genre, text, sentence_starts, candidates, sorted(items))


def load_split(shared: str, split: str, names: dict[str, str]) -> list[Doc]:
    rows = docs_table(shared)
    return [read_gum(conllu_path(shared, did), did, rows[did]["genre"], names) for did in doc_ids(shared, split)]


# ------------------------------------------------------------------------------------------ items
@dataclass
class Item:
    doc: Doc
    pronoun: tuple[int, int]
    cls: int
    candidates: list[Candidate]  # all named mentions ending before the pronoun
    window: range
    feats: list[list[int]]
    gold: list[bool]


def collect(docs: Sequence[Doc]) -> list[Item]:
    """Pronoun items with at least one gold antecedent in the candidate window."""
    out = []
    for doc in docs:
        for s, e, ent in doc.items:
            cands = [c for c in doc.candidates if c.end <= s]
            window, feats = candidate_features(doc.text, (s, e), cands, doc.sentence_starts)
            gold = [cands[i].entity == ent for i in window]
            if any(gold):
                out.append(Item(doc, (s, e), PRONOUNS[doc.text[s:e].lower()][0], cands, window, feats, gold))
    return out


def train(items: Sequence[Item], c_value: float) -> dict[str, float]:
    rows: list[int] = []
    cols: list[int] = []
    y: list[int] = []
    for it in items:
        for f, g in zip(it.feats, it.gold, strict=True):
            cols.extend(f)
            rows.extend([len(y)] * len(f))
            y.append(int(g))
    x = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(y), len(FEATURE_NAMES)))
    clf = LogisticRegression(C=c_value, solver="liblinear", random_state=0, max_iter=1000)
    clf.fit(x, np.array(y))
    coef = clf.coef_[0]
    return {FEATURE_NAMES[i]: round(float(coef[i]), 4) for i in range(len(FEATURE_NAMES)) if abs(coef[i]) >= 1e-4}


def baseline(it: Item) -> int:
    """Most recent type- and gender-compatible candidate (compatible rank 0), else the most recent."""
    off = _OFF[it.cls][1]
    for j in range(len(it.feats) - 1, -1, -1):
        if it.feats[j][1] == off:
            return it.window[j]
    return it.window[-1]


def correct(it: Item, pred: int | None) -> bool:
    return pred is not None and pred in it.window and it.gold[pred - it.window.start]


CLASS_LABEL = ("he/she", "it", "they")


def evaluate(ranker: Ranker, items: Sequence[Item], title: str) -> None:
    def line(name: str, sel: list[Item]) -> str:
        if not sel:
            return f"  {name:<14} n=0"
        m = sum(correct(it, ranker.antecedent(it.doc.text, it.pronoun, it.candidates, it.doc.sentence_starts))
                for it in sel)
        b = sum(it.gold[baseline(it) - it.window.start] for it in sel)
        return f"  {name:<14} n={len(sel):<5} model {m / len(sel):.3f}  baseline {b / len(sel):.3f}"

    print(title)
    print(line("all", list(items)))
    for c, lab in enumerate(CLASS_LABEL):
        print(line(lab, [it for it in items if it.cls == c]))
    news = [it for it in items if it.doc.genre in ("news", "interview")]
    print(line("news+interview", news))
    for c, lab in enumerate(CLASS_LABEL):
        print(line("  n+i " + lab, [it for it in news if it.cls == c]))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "quotewire" / "extract" / "models"))
    ap.add_argument("--test", action="store_true", help="also score GUM test")
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 strength")
    args = ap.parse_args(argv)
    t0 = time.time()
    names = load_first_names(args.shared)
    tr = collect(load_split(args.shared, "train", names))
    dev = collect(load_split(args.shared, "dev", names))
    print(f"items: train {len(tr)}, dev {len(dev)} ({time.time() - t0:.1f}s)", file=sys.stderr)
    weights = train(tr, args.C)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "pronoun_weights.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "pronoun mention ranker (GUM train, non-NC)", "C": args.C, "weights": weights}, f,
                  indent=0, sort_keys=True)
        f.write("\n")
    ranker = Ranker(weights)
    evaluate(ranker, dev, "GUM dev")
    if args.test:
        evaluate(ranker, collect(load_split(args.shared, "test", names)), "GUM test")
    print(f"done in {time.time() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
