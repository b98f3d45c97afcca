"""Benchmark the quote and speaker stages in-process on PolNeAR-style gold.

  python benchmarks/bench_quotes.py [--gold PATH] [--eval-dir DIR] [--labels PATH] [--corpus GLOB]

Runs ``segment.split_sentences`` + ``quotes.extract_quotes`` + ``speakers.resolve_speakers`` on
each gold text (no Prefect), groups the quotes into attributions the way ``run_gold.py quotes``
groups records (parts sharing cue and mention offsets form one attribution), scores them with
``score_quotes`` from ``--eval-dir``, prints slices (direct / indirect / mixed gold; pronoun vs
named gold source), resolution accuracy on ``--labels``, and the throughput of the two stages on
the BBC corpus.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quotewire.extract.model import Attribution, Quote, Speaker  # noqa: E402
from quotewire.extract.quotes import extract_quotes  # noqa: E402
from quotewire.extract.quotes.lexicons import PRONOUNS  # noqa: E402
from quotewire.extract.segment import split_sentences  # noqa: E402
from quotewire.extract.speakers import resolve_speakers  # noqa: E402

Doc = dict[str, Any]
QUOTE_MARKS = set('"\u201c\u201d\u2018\u2019\u00ab\u00bb')


def load(path: str) -> list[Doc]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(text: str) -> tuple[list[Speaker], list[Attribution]]:
    sentences = split_sentences(text)
    quotes = extract_quotes(text, sentences)
    return resolve_speakers(text, sentences, quotes)


def _span(s: Any) -> list[dict[str, Any]]:
    return [] if s is None else [{"start": s.start, "end": s.end, "text": s.text}]


def to_attributions(quotes: list[Quote]) -> list[dict[str, Any]]:
    """Group quote parts exactly as run_gold.quotes groups output records."""
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for q in quotes:
        cs = q.cue.start if q.cue else None
        ce = q.cue.end if q.cue else None
        ms = q.mention.start if q.mention else None
        key: tuple[Any, ...] = (cs, ce, ms) if cs is not None else ("part", q.content.start)
        if key in grouped:
            grouped[key]["content"] += _span(q.content)
            continue
        att = {"content": _span(q.content), "cue": _span(q.cue), "source": _span(q.mention), "_type": q.type}
        grouped[key] = att
        out.append(att)
    return out


def gold_type(att: Doc) -> str:
    text = "".join(s["text"] for s in att["content"]).strip()
    if not any(ch in QUOTE_MARKS for ch in text):
        return "indirect"
    if text[:1] in QUOTE_MARKS and text.rstrip(".,;:!? ")[-1:] in QUOTE_MARKS:
        return "direct"
    return "mixed"


# A curly apostrophe inside or after a word ("don\u2019t", "voters\u2019") is in QUOTE_MARKS, so the
# scorer's direct set (``is_direct``) holds indirect contents that only have apostrophes.
APOSTROPHE = re.compile(r"(?<=\w)[\u2019'](?=\w)|(?<=s)\u2019(?=\s|$)")


def has_real_mark(att: Doc) -> bool:
    """Whether the content holds a quotation mark other than an apostrophe."""
    text = APOSTROPHE.sub("", "".join(s["text"] for s in att["content"]))
    return any(ch in QUOTE_MARKS for ch in text)


def source_kind(att: Doc) -> str:
    words = " ".join(s["text"] for s in att["source"]).lower().split()
    if not words:
        return "none"
    return "pronoun" if len(words) == 1 and words[0] in PRONOUNS else "named"


def sliced(gold: list[Doc], pred: list[Doc], sq: ModuleType, pick: Any) -> dict[str, Any]:
    """Recall/speaker accuracy on the gold attributions selected by ``pick``; all predictions stay."""
    found = total = spk = 0
    for g_doc, p_doc in zip(gold, pred, strict=True):
        G, _, matched = sq._pairs(g_doc, p_doc, 0.3)
        sel = [g for g in G if pick(g)]
        total += len(sel)
        for g, p in matched:
            if pick(g):
                found += 1
                spk += sq.same_speaker(g, p, "offset")
    return {"n": total, "recall": found / total if total else 0.0, "speaker_acc": spk / found if found else 0.0}


def _norm_name(name: str) -> str:
    """Lower-case name without initials and punctuation ("Loretta E. Lynch" == "Loretta Lynch")."""
    words = [w.strip(".,").lower() for w in name.split()]
    return " ".join(w for w in words if len(w) > 1)


def resolution_accuracy(gold: list[Doc], labels_path: str, errors: str | None = None) -> dict[str, Any]:
    """Share of labelled mentions whose resolved speaker name equals the labelled full name, overall
    and by the label's ``kind`` (pronoun / description / name) when the labels carry one."""
    labels = load(labels_path)
    by_id = {g["id"]: g for g in gold}
    cache: dict[str, tuple[list[Speaker], list[Attribution]]] = {}
    quotes_of: dict[str, list[Quote]] = {}
    right = n = found = found_right = 0
    kinds: dict[str, list[int]] = {}
    rows: list[str] = []
    for lab in labels:
        doc = by_id.get(lab["doc_id"])
        if doc is None:
            continue
        if lab["doc_id"] not in cache:
            cache[lab["doc_id"]] = run(doc["text"])
            quotes_of[lab["doc_id"]] = [a.quote for a in cache[lab["doc_id"]][1]]
        speakers, _ = cache[lab["doc_id"]]
        n += 1
        name = None
        for sp in speakers:
            if any(m.start < lab["end"] and lab["start"] < m.end for m in sp.mentions):
                name = sp.name
                break
        ok = name is not None and _norm_name(name) == _norm_name(lab["name"])
        right += ok
        # Resolution apart from detection: the mention is some found quote's speaker mention.
        in_found = any(q.mention is not None and q.mention.start < lab["end"] and lab["start"] < q.mention.end
                       for q in quotes_of[lab["doc_id"]])
        if in_found:
            found += 1
            found_right += ok
        slot = kinds.setdefault(lab.get("kind", "all"), [0, 0])
        slot[0] += 1
        slot[1] += ok
        if not ok:
            context = doc["text"][max(0, lab["start"] - 300):lab["end"] + 150].replace("\n", " ").replace("\t", " ")
            rows.append(f"{lab['doc_id']}\t{lab.get('kind')}\t{doc['text'][lab['start']:lab['end']]}\t{lab['name']}"
                        f"\t{name}\t{'found' if in_found else 'unfound'}\t{context}")
    if errors:
        Path(errors).write_text("\n".join(rows) + "\n", encoding="utf-8")
    out: dict[str, Any] = {"accuracy": round(right / n, 3) if n else 0.0, "n": n,
                           "mentions_in_found_quotes": found,
                           "accuracy_in_found_quotes": round(found_right / found, 3) if found else 0.0}
    if len(kinds) > 1:
        out["by_kind"] = {k: {"n": v[0], "accuracy": round(v[1] / v[0], 3)} for k, v in sorted(kinds.items())}
    return out


def throughput(pattern: str, limit: int) -> tuple[float, float, int]:
    """Articles per second of the quote + speaker stages on up to ``limit`` corpus files.

    Returns the rate per CPU second of this (single-threaded) process, i.e. per core, and the
    wall-clock rate, which a busy machine lowers.
    """
    texts = []
    for p in sorted(glob.glob(pattern, recursive=True))[:limit]:
        texts.append(Path(p).read_text(encoding="utf-8", errors="replace"))
    if not texts:
        return 0.0, 0.0, 0
    sents = [split_sentences(t) for t in texts]
    t0, c0 = time.perf_counter(), time.process_time()
    for t, s in zip(texts, sents, strict=True):
        resolve_speakers(t, s, extract_quotes(t, s))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return len(texts) / cpu, len(texts) / wall, len(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(REPO.parent / "shared/gold/polnear/dev.jsonl"))
    ap.add_argument("--eval-dir", default=str(REPO.parent / "shared/eval"))
    ap.add_argument("--labels", nargs="*", default=[str(REPO / "benchmarks/resolution_labels.jsonl"),
                                                    str(REPO / "benchmarks/resolution_labels_hard.jsonl")])
    ap.add_argument("--resolution-errors", help="write the wrong resolutions here (TSV)")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus/bbc_fulltext/**/*.txt"))
    ap.add_argument("--limit", type=int, default=100000, help="max corpus files for throughput")
    ap.add_argument("--no-throughput", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.eval_dir)
    import score_quotes as sq

    gold = load(a.gold)
    pred: list[Doc] = []
    for g in gold:
        _, atts = run(g["text"])
        pred.append({"id": g["id"], "attributions": to_attributions([x.quote for x in atts])})
    m = sq.matching(gold, pred, 0.3)
    cit = sq.citron(gold, pred)
    out: dict[str, Any] = {
        "content_f1@0.3": m["content_match"],
        "content_char_overlap": cit["content_overlap"],
        "speaker_acc_on_matched": m["speaker_acc_on_matched"],
        "end_to_end": m["end_to_end"],
        "match@0.8": sq.matching(gold, pred, 0.8)["content_match"],
        "direct_recall@0.3": sq.direct_recall(gold, pred, 0.3),
        "cue_exact": cit["cue_exact"],
    }
    for t in ("direct", "mixed", "indirect"):
        out[f"gold_{t}"] = sliced(gold, pred, sq, lambda g, t=t: gold_type(g) == t)
    # The scorer's direct set split: a real quotation mark vs apostrophes only (not quotes at all).
    out["direct_set_real_marks"] = sliced(gold, pred, sq, lambda g: gold_type(g) != "indirect" and has_real_mark(g))
    out["direct_set_apostrophe_only"] = sliced(
        gold, pred, sq, lambda g: gold_type(g) != "indirect" and not has_real_mark(g)
    )
    for k in ("pronoun", "named", "none"):
        out[f"source_{k}"] = sliced(gold, pred, sq, lambda g, k=k: source_kind(g) == k)
    npred = sum(len(p["attributions"]) for p in pred)
    out["predicted"] = npred
    for labels in a.labels:
        if Path(labels).exists():
            out[f"resolution_accuracy:{Path(labels).stem}"] = resolution_accuracy(gold, labels, a.resolution_errors)
    if not a.no_throughput:
        per_core, wall, n = throughput(a.corpus, a.limit)
        out["throughput"] = {"articles": n, "articles_per_cpu_s": per_core, "articles_per_wall_s": wall}
    print(json.dumps(out, indent=1, default=lambda x: round(x, 4)))
    c = m["content_match"]
    print(
        f"content_f1@0.3={c[2]:.3f} (p={c[0]:.3f} r={c[1]:.3f}) content_char_p={cit['content_overlap'][0]:.3f} "
        f"speaker_acc={m['speaker_acc_on_matched']:.3f} e2e_f1={m['end_to_end'][2]:.3f} "
        f"direct_recall={out['direct_recall@0.3']:.3f}"
    )


if __name__ == "__main__":
    main()
