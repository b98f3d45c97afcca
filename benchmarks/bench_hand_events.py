#!/usr/bin/env python3
"""Score the dated events against a hand check: true value and actor written by a reader.

    python benchmarks/bench_hand_events.py [--labels TSV] [--pages DIR] [--rows]

``--labels`` (default ``benchmarks/hand_check_events.tsv``) holds one row per date mention of
a saved web page of ``../shared/corpus/web_pages_aeb_dev``: the page id (first 12 hex digits),
the date's offsets in the page's true article body, the true TIMEX3 value (``NOT_A_DATE`` for a
look-alike), the true actor (``-``: none, the subject is no entity) and a note; ``|`` separates
accepted alternatives. The script runs ``quotewire.extract`` on each body with the page's
publication date (its HTML metadata, read by trafilatura, as ``quotewire run`` does), and prints
value accuracy, "actor right or null" (our actor is null, or it names the true actor: one
contains the other), "actor exact" (null where the truth is none, else the true actor) and how
many true entity actors we name. ``--rows`` prints each row with ours.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

import quotewire  # noqa: E402


def _same_actor(ours: str, truth: str) -> bool:
    a, b = ours.lower().strip(), truth.lower().strip()
    return bool(a) and bool(b) and (a in b or b in a)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=REPO / "benchmarks" / "hand_check_events.tsv")
    ap.add_argument("--pages", type=Path, default=REPO.parent / "shared" / "corpus" / "web_pages_aeb_dev")
    ap.add_argument("--rows", action="store_true")
    a = ap.parse_args()
    truth = json.loads((a.pages / "ground-truth.json").read_text(encoding="utf-8"))
    full = {k[:12]: k for k in truth}
    cache: dict[str, dict[tuple[int, int], dict[str, object]]] = {}
    n = value_ok = actor_ok = actor_strict = typed = entity_rows = entity_found = 0
    with a.labels.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            doc = full[row["doc"]]
            if doc not in cache:
                html = gzip.open(a.pages / "html" / f"{doc}.html.gz").read().decode("utf-8", "replace")
                meta = trafilatura.extract_metadata(html)
                pub = meta.date[:10] if meta and meta.date else None
                ex = quotewire.extract(truth[doc]["articleBody"], published=pub)
                cache[doc] = {(e["date_text_start"], e["date_text_end"]): e for e in ex.events}
            ev = cache[doc].get((int(row["start"]), int(row["end"])))
            ours_value = str(ev["date_value"]) if ev else "NOT_A_DATE"
            ours_actor = str(ev["actor"]) if ev and ev["actor"] else ""
            values = row["true_value"].split("|")
            actors = [x for x in row["true_actor"].split("|") if x != "-"]
            n += 1
            v_ok = ours_value in values
            a_ok = not ours_actor or any(_same_actor(ours_actor, t) for t in actors)
            value_ok += v_ok
            actor_ok += a_ok
            actor_strict += (not ours_actor and not actors) or any(_same_actor(ours_actor, t) for t in actors)
            typed += bool(ours_actor)
            entity_rows += bool(actors)
            entity_found += any(_same_actor(ours_actor, t) for t in actors)
            if a.rows:
                mark = ("" if v_ok else " VALUE") + ("" if a_ok else " ACTOR")
                print(f"{row['doc']} {row['start']:>5} {row['true_value']:>16} {ours_value:>16} | "
                      f"{row['true_actor'][:30]:30} | {ours_actor[:30]:30}{mark}")
    print(f"events={n} value_acc={value_ok / n:.3f} actor_right_or_null={actor_ok / n:.3f} "
          f"actor_exact={actor_strict / n:.3f} actors_given={typed} "
          f"entity_actors_found={entity_found}/{entity_rows}")


if __name__ == "__main__":
    main()
