"""Build ``quotewire/extract/data/first_names.tsv``: first names whose gender is clear, for pronoun agreement.

    python training/build_first_names.py ../shared/gold/names/first_names_gender.tsv

Source: US Social Security Administration baby-name counts 1880-2023 (public domain, see
``../shared/gold/names/README.md``). A name is kept when it was given at least ``--min-count``
times and at least ``--min-share`` of those births were of one sex; the table holds ``name`` and
``f`` or ``m``. Why a threshold: "Kody", "Wendy" are clear; "Jordan", "Taylor" are not, and a
wrong prior is worse than none (the resolver then leans on titles and earlier pronouns).
Deterministic: rows sorted by name.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "quotewire" / "extract" / "data" / "first_names.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", help="first_names_gender.tsv (name, female, male)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=300)
    ap.add_argument("--min-share", type=float, default=0.9)
    a = ap.parse_args()
    rows: list[tuple[str, str]] = []
    with open(a.names, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            fem, male = int(r["female"]), int(r["male"])
            total = fem + male
            if total < a.min_count:
                continue
            if fem / total >= a.min_share:
                rows.append((r["name"], "f"))
            elif male / total >= a.min_share:
                rows.append((r["name"], "m"))
    rows.sort()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("# first name -> f/m: SSA baby names 1880-2023 (public domain); built by training/build_first_names.py\n")
        for name, g in rows:
            f.write(f"{name}\t{g}\n")
    print(f"{len(rows)} names -> {a.out} ({a.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
