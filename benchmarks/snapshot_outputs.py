"""Snapshot the full output of ``quotewire run`` on fixed input sets (prints timings; asserts nothing).

  python benchmarks/snapshot_outputs.py --shared ../shared --inputs /work/snap_inputs --out DIR \
      [--quotewire CMD] [--sets raw,polnear_dev,...]

Builds each input set once under ``--inputs`` (a set whose folder exists is reused as it is), then
runs ``CMD run --raw INPUTS/SET --out DIR/SET --full`` for each set (``CMD`` defaults to the
``quotewire`` on PATH). Compare two snapshot folders with ``benchmarks/compare_outputs.py``.

Input sets (outside the repo; shared data is never copied into it):
- ``polnear_dev``, ``polnear_train``, ``ggt_dev``: one ``gold.jsonl`` of ``{"id", "text", "published"}``
  built from the gold file exactly as ``shared/eval/run_gold.py quotes`` builds its input.
- ``tbaq``: the same from ``tbaq.gold.jsonl`` as ``run_gold.py dates`` builds it.
- ``bbc``: the BBC corpus text files (``bbc_fulltext/<category>/NNN.txt``), copied with their structure.
- ``raw``: the repo's ``raw/`` folder (the shipped examples), copied.

Each run starts in an empty working folder (no ``quotewire.toml`` is picked up) with Prefect's
analytics off; its stdout/stderr go to ``DIR/_logs/SET.log`` and the timings to ``DIR/_timings.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ALL_SETS = ["raw", "polnear_dev", "ggt_dev", "tbaq", "bbc", "polnear_train"]


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _write_gold(dest: Path, docs: Iterable[dict[str, Any]]) -> None:
    # Same serialisation as run_gold.run_pipeline: one JSON object a line, ensure_ascii=False.
    with (dest / "gold.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def _quotes_docs(gold: Path) -> Callable[[Path], None]:
    """run_gold.py quotes: id <- id, published <- date."""

    def build(dest: Path) -> None:
        _write_gold(dest, ({"id": g["id"], "text": g["text"], "published": g.get("date")} for g in _load(gold)))

    return build


def _dates_docs(gold: Path) -> Callable[[Path], None]:
    """run_gold.py dates: id <- docid, published <- dct[:10]."""

    def build(dest: Path) -> None:
        _write_gold(dest, ({"id": g["docid"], "text": g["text"], "published": g["dct"][:10] if g.get("dct") else None}
                           for g in _load(gold)))

    return build


def _bbc(corpus: Path) -> Callable[[Path], None]:
    def build(dest: Path) -> None:
        files = sorted(corpus.glob("*/*.txt"))
        if not files:
            raise SystemExit(f"no BBC text files under {corpus}")
        for p in files:
            target = dest / p.parent.name / p.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)

    return build


def _copy_tree(src: Path) -> Callable[[Path], None]:
    def build(dest: Path) -> None:
        shutil.copytree(src, dest, dirs_exist_ok=True)

    return build


def builders(shared: Path, raw: Path) -> dict[str, Callable[[Path], None]]:
    gold = shared / "gold"
    return {
        "polnear_dev": _quotes_docs(gold / "polnear" / "dev.jsonl"),
        "polnear_train": _quotes_docs(gold / "polnear" / "train.jsonl"),
        "ggt_dev": _quotes_docs(gold / "ggt" / "dev.jsonl"),
        "tbaq": _dates_docs(gold / "timex" / "tbaq-cleaned" / "tbaq.gold.jsonl"),
        "bbc": _bbc(shared / "corpus" / "bbc_fulltext"),
        "raw": _copy_tree(raw),
    }


def build_inputs(inputs: Path, sets: list[str], make: dict[str, Callable[[Path], None]]) -> None:
    """Build each missing set into a temporary folder, then rename it into place (no half-built set)."""
    inputs.mkdir(parents=True, exist_ok=True)
    for name in sets:
        dest = inputs / name
        if dest.exists():
            print(f"inputs: {name} exists, reused ({dest})")
            continue
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=inputs))
        make[name](tmp)
        tmp.rename(dest)
        n = sum(1 for p in dest.rglob("*") if p.is_file())
        print(f"inputs: {name} built ({n} files) in {dest}")


def _clear_output(path: Path) -> None:
    """Remove a previous snapshot of one set (only a quotewire output folder, or an empty one)."""
    if not path.exists():
        return
    if not (path / "manifest.parquet").exists() and any(path.iterdir()):
        raise SystemExit(f"{path} exists and is not a quotewire output folder; not removing it")
    shutil.rmtree(path)


def run_set(cmd: list[str], inputs: Path, out: Path, name: str) -> dict[str, Any]:
    dest = out / name
    _clear_output(dest)
    logs = out / "_logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    argv = [*cmd, "run", "--raw", str(inputs / name), "--out", str(dest), "--full"]
    with tempfile.TemporaryDirectory(prefix="qw-snap-cwd-") as cwd:
        t0 = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
        secs = time.perf_counter() - t0
    (logs / f"{name}.log").write_text(f"$ {shlex.join(argv)}\n{proc.stdout}\n--- stderr ---\n{proc.stderr}",
                                      encoding="utf-8")
    summary = [line for line in proc.stdout.splitlines() if line.strip()][-3:]
    return {"set": name, "command": shlex.join(argv), "rc": proc.returncode, "seconds": round(secs, 1),
            "summary": summary}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="the shared data folder (read only)")
    ap.add_argument("--inputs", required=True, help="where the input sets are built (outside the repo)")
    ap.add_argument("--out", required=True, help="snapshot folder: one output folder per set")
    ap.add_argument("--quotewire", default="quotewire", help="the command to run (default: quotewire on PATH)")
    ap.add_argument("--raw", default=str(REPO / "raw"), help="the folder copied as the `raw` set (default: repo raw/)")
    ap.add_argument("--sets", default=",".join(ALL_SETS), help=f"comma-separated subset of {','.join(ALL_SETS)}")
    a = ap.parse_args()

    sets = [s.strip() for s in a.sets.split(",") if s.strip()]
    unknown = sorted(set(sets) - set(ALL_SETS))
    if unknown:
        ap.error(f"unknown set(s): {', '.join(unknown)}")
    inputs, out = Path(a.inputs).resolve(), Path(a.out).resolve()
    if inputs.is_relative_to(REPO) or out.is_relative_to(REPO):
        ap.error("--inputs and --out must lie outside the repository")
    build_inputs(inputs, sets, builders(Path(a.shared).resolve(), Path(a.raw).resolve()))

    out.mkdir(parents=True, exist_ok=True)
    cmd = shlex.split(a.quotewire)
    timings_path = out / "_timings.json"
    timings: dict[str, Any] = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    failed = 0
    for name in sets:
        res = run_set(cmd, inputs, out, name)
        timings[name] = res
        timings_path.write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
        status = "ok" if res["rc"] == 0 else f"FAILED rc={res['rc']} (see {out / '_logs' / (name + '.log')})"
        print(f"{name:14s} {res['seconds']:7.1f} s  {status}")
        for line in res["summary"]:
            print(f"    {line}")
        failed += res["rc"] != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
