"""Print the time curve of the pure pipeline on growing pathological inputs.

  python benchmarks/bench_linear.py [--sizes 1000,2000,4000,8000] [--budget 20] [--only NAME]

For each pathological input (10,000 quote marks in one paragraph, 1 MB lines, unbalanced quote
marks, ...) the input is built at growing sizes and run through ``quotewire.dataset.pipeline.extract`` (decode
and clean included via ``article_from_bytes`` for the byte-level cases). Each row prints the size,
seconds, microseconds per unit and the growth exponent against the previous size (1.0 = linear,
2.0 = quadratic). A curve stops early once one size exceeds ``--budget`` seconds, so a quadratic
stage cannot hang the benchmark.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quotewire.dataset.pipeline import Options, article_from_bytes, extract  # noqa: E402
from quotewire.extract.clean import clean  # noqa: E402
from quotewire.extract.decode import decode  # noqa: E402
from quotewire.extract.segment import split_sentences  # noqa: E402

PROSE = "The minister said on Monday that the talks would resume after the ceasefire collapsed. "

# name -> (unit, builder of the input text at size n)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "bare quote marks": ("marks", lambda n: '"' * n),
    "said-quote (She said \")": ("marks", lambda n: 'She said "' * n),
    "balanced short quotes": ("marks", lambda n: '"Yes," she said. ' * (n // 2)),
    "curly unbalanced opens": ("marks", lambda n: "\u201cWe will stay " * n),
    "quote then cue, one paragraph": ("marks", lambda n: '"We will stay," he said, ' * (n // 2)),
    "colon cues": ("marks", lambda n: 'Officials said: "no" ' * (n // 2)),
    "prose one line (chars)": ("chars", lambda n: PROSE * max(1, n // len(PROSE))),
    "no spaces one line (chars)": ("chars", lambda n: "a" * n),
    "dates one line (chars)": ("chars", lambda n: "On Monday, December 14, 2016 he said it. " * max(1, n // 41)),
    "capitalized names (chars)": ("chars", lambda n: "Mr. John Smith Jones, " * max(1, n // 22)),
    "periods (chars)": ("chars", lambda n: "A. " * max(1, n // 3)),
    "boilerplate lines (lines)": ("lines", lambda n: "Goodbye messages from Aleppo 01:31\n" * n),
    "highlight bullets (lines)": ("lines", lambda n: "Story highlights\n" + "\u2022 A point of the story\n" * n),
}


def _time(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def curve(name: str, sizes: list[int], budget: float) -> list[tuple[int, float]]:
    unit, build = CASES[name]
    rows: list[tuple[int, float]] = []
    print(f"\n{name}")
    print(f"  {unit:>10} {'chars':>10} {'seconds':>9} {'us/unit':>9} {'exponent':>8}")
    for n in sizes:
        text = build(n)
        secs = _time(lambda text=text: extract(text, published=None))  # type: ignore[misc]
        exp = ""
        if rows and rows[-1][1] > 0.005:
            exp = f"{math.log(secs / rows[-1][1]) / math.log(n / rows[-1][0]):.2f}"
        rows.append((n, secs))
        print(f"  {n:>10} {len(text):>10} {secs:>9.3f} {secs / n * 1e6:>9.1f} {exp:>8}")
        if secs > budget:
            print(f"  stopped: {secs:.1f}s exceeds the budget of {budget}s")
            break
    return rows


def megabyte_lines(mb: list[int]) -> None:
    """Byte-level: decode + clean + segment of files made of one huge line."""
    print("\n1 MB lines (decode, clean, segment; whole article_from_bytes + extract)")
    print(f"  {'MB':>4} {'decode':>8} {'clean':>8} {'segment':>8} {'extract':>8}")
    opts = Options(max_chars=200_000_000)
    for m in mb:
        data = (PROSE * (m * 1_000_000 // len(PROSE))).encode()
        td = _time(lambda data=data: decode(data))  # type: ignore[misc]
        text = data.decode()
        tc = _time(lambda text=text: clean(text))  # type: ignore[misc]
        ts = _time(lambda text=text: split_sentences(text))  # type: ignore[misc]
        art = article_from_bytes(data, "big.txt", None, options=opts)
        assert not hasattr(art, "reason")
        te = _time(lambda text=text: extract(text, published=None))  # type: ignore[misc]
        print(f"  {m:>4} {td:>8.3f} {tc:>8.3f} {ts:>8.3f} {te:>8.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1250,2500,5000,10000,20000", help="comma-separated sizes (marks/chars/lines)")
    ap.add_argument("--char-scale", type=int, default=20, help="chars cases use size * this many characters")
    ap.add_argument("--budget", type=float, default=20.0, help="stop a curve after a size slower than this")
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    ap.add_argument("--mb", default="1,2,4", help="sizes of the one-line files in MB ('' to skip)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    for name, (unit, _) in CASES.items():
        if args.only and args.only not in name:
            continue
        curve(name, [s * args.char_scale for s in sizes] if unit == "chars" else sizes, args.budget)
    if args.mb and not args.only:
        megabyte_lines([int(m) for m in args.mb.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
