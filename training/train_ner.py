"""Train the named-entity recogniser of entities.py (a linear-chain CRF) and score it on UNER dev.

    pip install -e ".[train]"
    python training/train_ner.py --shared ../shared [--out quotewire/extract/models] [--no-gum]

Writes quotewire/extract/models/ner_model.json: labels, transitions, attribute -> per-label weights,
and the word lexicon (lower-cased word -> "cluster capital-rate"). Prints exact-span P/R/F1 on
UNER dev (en_ewt-ud-dev.iob2) in full and fast mode. UNER test is never read here (see
benchmarks/bench_ner.py --split test).

Data (licences in docs/models.md):
- UNER English-EWT train (en_ewt-ud-train.prerelease.iob2; CC BY-SA 4.0): PER/ORG/LOC in IOB2.
- GUM train, only documents whose text_licence has no NC: mentions of type person / organization /
  place whose syntactic head is PROPN, cut to UNER-style names: the run of proper nouns around the
  head (joined by "of", "de", "&", "-"), without determiners, titles or clauses; the outermost
  name wins when two overlap.
Word lexicon, from the same training texts only (UNER train + non-NC GUM train, no labels): word
clusters (k-means over an SVD of left/right neighbour counts) and how often a word is written with
a capital when it is not sentence-initial.
Learner: python-crfsuite (L-BFGS, L1 + L2), fixed order of inputs: deterministic.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gum import conllu_path, doc_ids, entity_mentions, read_conllu  # noqa: E402  (training/gum.py)

from quotewire.extract.entities import (  # noqa: E402
    TITLES,
    Tagger,
    is_first,
    pair_attributes,
    spans_from_tags,
    tag_document,
    token_attributes,
)

Sent = tuple[list[str], list[str]]  # words, IOB2 tags
TYPE_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
JOINERS = frozenset({"of", "de", "&", "-", "du", "del", "la", "von", "van"})


# ------------------------------------------------------------------------------------------ data
def read_iob2(path: str) -> list[Sent]:
    return [s for doc in read_iob2_docs(path) for s in doc]


def read_iob2_docs(path: str) -> list[list[Sent]]:
    """Documents (``# newdoc``) of sentences."""
    docs: list[list[Sent]] = []
    out: list[Sent] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc"):
                if out:
                    docs.append(out)
                out = []
            if not line:
                if words:
                    out.append((words, tags))
                words, tags = [], []
            elif not line.startswith("#"):
                cols = line.split("\t")
                words.append(cols[1])
                tags.append(cols[2])
    if words:
        out.append((words, tags))
    if out:
        docs.append(out)
    return docs


def read_gum(path: str) -> list[Sent]:
    """One GUM document as sentences with UNER-style PER/ORG/LOC tags (see the module docstring)."""
    doc = read_conllu(path)
    rows, sent_off = doc.rows, doc.sent_off
    mentions = entity_mentions(doc)
    spans: list[tuple[int, int, str]] = []
    for m in mentions:
        label = TYPE_MAP.get(str(m["etype"]))
        if label is None:
            continue
        s, e = int(m["start"]), int(m["end"])
        span = range(s, e + 1)
        minspan = [s + int(x) - 1 for x in str(m["minspan"]).split(",") if x.isdigit()]
        head = minspan[0] if minspan and minspan[0] in span else s
        for i in [j for j in minspan if j in span] + list(span):
            gov = int(rows[i][6])
            if gov == 0 or sent_off[i] + gov - 1 not in span:
                head = i
                break
        if rows[head][3] != "PROPN" or rows[head][1].lower() in TITLES:
            continue

        def propn(i: int, lo: int = s, hi: int = e, head: int = head) -> bool:
            # proper nouns, and capitalised words GUM tags otherwise ("United Kingdom", "New York")
            if not lo <= i <= hi or rows[i][1].lower() in TITLES or rows[i][3] in ("DET", "PUNCT", "PRON"):
                return False
            return rows[i][3] == "PROPN" or rows[i][1][:1].isupper() or (rows[i][3] == "NUM" and i > head)

        lo = head
        while propn(lo - 1) or (lo - 2 >= s and rows[lo - 1][1].lower() in JOINERS and propn(lo - 2)):
            lo -= 1
        hi = head
        while propn(hi + 1) or (hi + 2 <= e and rows[hi + 1][1].lower() in JOINERS and propn(hi + 2)):
            hi += 1
        if rows[lo][1].lower() in JOINERS:
            lo += 1
        spans.append((lo, hi + 1, label))
    # the outermost (longest) name wins; names never cross sentences
    tags = ["O"] * len(rows)
    for lo, hi, label in sorted(spans, key=lambda t: (-(t[1] - t[0]), t[0])):
        if any(t != "O" for t in tags[lo:hi]) or sent_off[lo] != sent_off[hi - 1]:
            continue
        tags[lo] = "B-" + label
        for i in range(lo + 1, hi):
            tags[i] = "I-" + label
    out = []
    bounds = [*sorted(set(sent_off)), len(rows)]
    for a, b in itertools.pairwise(bounds):
        out.append(([r[1] for r in rows[a:b]], tags[a:b]))
    return out


def load_gum(shared: str, split: str) -> list[Sent]:
    return [s for doc in load_gum_docs(shared, split) for s in doc]


def load_gum_docs(shared: str, split: str) -> list[list[Sent]]:
    return [read_gum(conllu_path(shared, did)) for did in doc_ids(shared, split)]


# ------------------------------------------------------------------------------------------ lexicon
def build_lexicon(sents: Sequence[list[str]], k: int, dims: int, min_count: int) -> dict[str, str]:
    """Lower-cased word -> "cluster capital-rate" from unlabelled training text.

    Clusters: k-means (fixed seed) over a truncated SVD of PPMI-weighted left/right neighbour counts
    (neighbours: the 3,000 most frequent words). Capital rate of non-initial occurrences: L < 10%,
    m < 50%, M < 90%, C >= 90%.
    """
    import numpy as np
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.cluster import KMeans  # type: ignore[import-untyped]
    from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
    from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

    freq: collections.Counter[str] = collections.Counter()
    caps: collections.Counter[str] = collections.Counter()
    mid: collections.Counter[str] = collections.Counter()
    for words in sents:
        for i, w in enumerate(words):
            lw = w.lower()
            freq[lw] += 1
            if i > 0 and not is_first(words[i - 1]) and any(c.isalpha() for c in w):
                mid[lw] += 1
                caps[lw] += w != lw
    vocab = sorted((w for w, c in freq.items() if c >= min_count), key=lambda w: (-freq[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:3000])}
    nc = len(ctx)
    counts: collections.Counter[tuple[int, int]] = collections.Counter()
    for words in sents:
        lws = ["<S>"] + [w.lower() for w in words] + ["</S>"]
        for i in range(1, len(lws) - 1):
            r = index.get(lws[i])
            if r is None:
                continue
            left, right = ctx.get(lws[i - 1]), ctx.get(lws[i + 1])
            if left is not None:
                counts[(r, left)] += 1
            if right is not None:
                counts[(r, nc + right)] += 1
    keys = sorted(counts)
    rows = np.array([a for a, _ in keys])
    cols = np.array([b for _, b in keys])
    vals = np.array([counts[t] for t in keys], dtype=float)
    m = csr_matrix((vals, (rows, cols)), shape=(len(vocab), 2 * nc))
    total = vals.sum()
    rs = np.asarray(m.sum(axis=1)).ravel()
    cs = np.asarray(m.sum(axis=0)).ravel()
    pmi = np.log(vals * total / (rs[rows] * cs[cols]))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (rows[keep], cols[keep])), shape=m.shape)
    emb = TruncatedSVD(n_components=dims, random_state=0, algorithm="arpack").fit_transform(ppmi)
    emb = normalize(emb)
    cluster = KMeans(n_clusters=k, n_init=1, random_state=0).fit_predict(emb)
    out = {}
    for w in vocab:
        n = mid[w]
        rate = "?" if n == 0 else "L" if caps[w] < 0.1 * n else "m" if caps[w] < 0.5 * n else \
            "M" if caps[w] < 0.9 * n else "C"
        out[w] = f"{cluster[index[w]]} {rate}"
    return out


# ------------------------------------------------------------------------------------------ features
def sentence_items(words: Sequence[str], lexicon: dict[str, str]) -> list[list[str]]:
    padded = ["<S>", "<S>", *words, "</S>", "</S>"]
    items = []
    for i in range(len(words)):
        p = i + 2
        attrs = token_attributes(0, padded[p], is_first(padded[p - 1]), lexicon)
        for k in (-2, -1, 1, 2):
            attrs += token_attributes(k, padded[p + k], False, lexicon)
        attrs += pair_attributes(padded[p - 1], padded[p], padded[p + 1])
        items.append(attrs)
    return items


def train(sents: Sequence[Sent], lexicon: dict[str, str], c1: float, c2: float, iters: int,
          workdir: str) -> dict[str, object]:
    import pycrfsuite  # type: ignore[import-not-found]

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sents:
        trainer.append(sentence_items(words, lexicon), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    path = os.path.join(workdir, "ner.crfsuite")
    trainer.train(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    info = tagger.info()
    weights: dict[str, list[float]] = {}
    for (attr, label), w in sorted(info.state_features.items()):
        if abs(w) >= 0.005:
            weights.setdefault(attr, [0.0] * len(LABELS))[LABELS.index(label)] = round(w, 3)
    trans = [[0.0] * len(LABELS) for _ in LABELS]
    for (a, b), w in info.transitions.items():
        trans[LABELS.index(a)][LABELS.index(b)] = round(w, 3)
    tagger.close()
    os.remove(path)
    return {"labels": LABELS, "transitions": trans, "weights": {a: weights[a] for a in sorted(weights)},
            "lexicon": lexicon}


# ------------------------------------------------------------------------------------------ scoring
def score(gold: Iterable[Sent], pred: Iterable[list[str]]) -> dict[str, tuple[int, int, int]]:
    """label -> (true positives, predicted, gold) of exact spans; "ALL" overall."""
    c: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for (_, gtags), ptags in zip(gold, pred, strict=True):
        g = set(spans_from_tags(gtags))
        p = set(spans_from_tags(ptags))
        for lab in ("PER", "ORG", "LOC"):
            gl = {s for s in g if s[2] == lab}
            pl = {s for s in p if s[2] == lab}
            for key in (lab, "ALL"):
                c[key][0] += len(gl & pl)
                c[key][1] += len(pl)
                c[key][2] += len(gl)
    return {k: (v[0], v[1], v[2]) for k, v in c.items()}


def prf(t: tuple[int, int, int]) -> tuple[float, float, float]:
    p = t[0] / t[1] if t[1] else 0.0
    r = t[0] / t[2] if t[2] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(title: str, counts: dict[str, tuple[int, int, int]]) -> str:
    lines = [title]
    for lab in ("PER", "ORG", "LOC", "ALL"):
        p, r, f = prf(counts[lab])
        lines.append(f"  {lab:<4} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {counts[lab][2]}, pred {counts[lab][1]})")
    return "\n".join(lines)


def evaluate(tagger: Tagger, docs: Sequence[Sequence[Sent]], mode: str) -> dict[str, tuple[int, int, int]]:
    """Exact-span counts of the tagger on documents (names propagated within each, as at run time)."""
    pred = [t for doc in docs for t in tag_document(tagger, [w for w, _ in doc], mode)]  # type: ignore[arg-type]
    return score([s for doc in docs for s in doc], pred)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "quotewire" / "extract" / "models"))
    ap.add_argument("--no-gum", action="store_true", help="train on UNER alone")
    ap.add_argument("--c1", type=float, default=0.02, help="L1 strength")
    ap.add_argument("--c2", type=float, default=0.1, help="L2 strength")
    ap.add_argument("--iters", type=int, default=150, help="L-BFGS iterations")
    ap.add_argument("--clusters", type=int, default=256)
    ap.add_argument("--dims", type=int, default=100)
    args = ap.parse_args(argv)
    t0 = time.time()
    uner = os.path.join(args.shared, "gold", "uner_ewt")
    train_sents = read_iob2(os.path.join(uner, "en_ewt-ud-train.prerelease.iob2"))
    gum = [] if args.no_gum else load_gum(args.shared, "train")
    dev = read_iob2_docs(os.path.join(uner, "en_ewt-ud-dev.iob2"))
    print(f"sentences: UNER train {len(train_sents)}, GUM train (no NC) {len(gum)}, UNER dev {sum(map(len, dev))}",
          file=sys.stderr)
    lexicon = build_lexicon([w for w, _ in train_sents] + [w for w, _ in load_gum(args.shared, "train")],
                            args.clusters, args.dims, 2)
    print(f"lexicon: {len(lexicon)} words ({time.time() - t0:.0f}s)", file=sys.stderr)
    model = train(train_sents + gum, lexicon, args.c1, args.c2, args.iters, args.out)
    model["meta"] = {"data": "UNER EWT train" + ("" if args.no_gum else " + GUM train (no NC)"), "c1": args.c1,
                     "c2": args.c2, "iters": args.iters, "clusters": args.clusters, "dims": args.dims}
    print(f"trained: {len(model['weights'])} attributes ({time.time() - t0:.0f}s)",  # type: ignore[arg-type]
          file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "ner_model.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB)", file=sys.stderr)
    tagger = Tagger(model)
    for mode in ("full", "fast"):
        print(report(f"UNER dev, {mode} mode", evaluate(tagger, dev, mode)))
    print(f"done in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
