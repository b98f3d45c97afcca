"""Named-entity recogniser (quotewire/extract/entities.py): exact-span scores and speed.

    python benchmarks/bench_ner.py --shared ../shared [--split dev|test] [--mode full|fast] [--gum] [-n 500]

Prints per-label and overall exact-span P/R/F1 on UNER English-EWT (gold tokens; ``--split test``
is the final, once-only measurement), optionally on GUM (``--gum``: named person / organization /
place mentions of the non-NC documents of the same split, converted as in training), and the speed
of ``recognize_entities`` on N BBC articles (tokenising and sentence splitting included, model
loaded beforehand): ms per article and articles per second, one core, beside the time of
``quotewire.extract`` (which does not run NER yet) on the same articles, since absolute timings on a
shared machine vary.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from train_ner import evaluate, load_gum_docs, read_iob2_docs, report  # noqa: E402

import quotewire  # noqa: E402
from quotewire.extract import entities  # noqa: E402
from quotewire.extract.segment import split_sentences  # noqa: E402


def bbc_texts(shared: Path, n: int) -> list[str]:
    paths = sorted((shared / "corpus" / "bbc_fulltext").glob("*/*.txt"))
    step = max(1, len(paths) // n)  # spread over the five categories
    return [p.read_bytes().decode("latin-1") for p in paths[::step][:n]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--mode", choices=("full", "fast", "both"), default="both")
    ap.add_argument("--gum", action="store_true", help="also score GUM (non-NC) of the same split")
    ap.add_argument("-n", type=int, default=500, help="BBC articles for the speed measurement")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    tagger = entities._tagger()
    modes = ("full", "fast") if args.mode == "both" else (args.mode,)
    uner = read_iob2_docs(str(shared / "gold" / "uner_ewt" / f"en_ewt-ud-{args.split}.iob2"))
    gum = load_gum_docs(str(shared), args.split) if args.gum else []
    for mode in modes:
        print(report(f"UNER {args.split}, {mode} mode ({sum(map(len, uner))} sentences)", evaluate(tagger, uner, mode)))
        if gum:
            print(report(f"GUM {args.split} (no NC), {mode} mode ({sum(map(len, gum))} sentences)", evaluate(tagger, gum, mode)))
    texts = bbc_texts(shared, args.n)
    words = sum(len(t.split()) for t in texts)
    # the extraction stage on the same articles and machine, for scale (timings on a shared machine vary)
    for text in texts[:20]:
        quotewire.extract(text)
    t0 = time.perf_counter()
    for text in texts:
        quotewire.extract(text)
    base = time.perf_counter() - t0
    print(f"BBC, quotewire.extract (without NER), for scale: {1000 * base / len(texts):.2f} ms/article, "
          f"{len(texts) / base:.0f} articles/s")
    for mode in modes:
        tagger._cache.clear()
        tagger._pairs.clear()
        tagger._cases.clear()
        found = 0
        t0 = time.perf_counter()
        for text in texts:
            found += len(entities.recognize_entities(text, split_sentences(text), mode=mode))  # type: ignore[arg-type]
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        seg = 0.0
        for text in texts:
            s0 = time.perf_counter()
            sents = split_sentences(text)
            seg += time.perf_counter() - s0
            entities.recognize_entities(text, sents, mode=mode)  # type: ignore[arg-type]
        warm = time.perf_counter() - t0 - seg
        print(f"BBC, {mode} mode: {len(texts)} articles, {words / len(texts):.0f} words/article, {found} entities; "
              f"first pass {1000 * cold / len(texts):.2f} ms/article (empty cache, sentence splitting included); "
              f"second pass {1000 * warm / len(texts):.2f} ms/article, {len(texts) / warm:.0f} articles/s "
              f"(NER alone; {100 * warm / base:.0f}% of quotewire.extract's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
