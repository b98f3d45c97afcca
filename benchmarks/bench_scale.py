"""Scale-out: each Prefect task runner against a plain process pool at the same worker count.

  python benchmarks/bench_scale.py runners [--corpus-dir ../shared/corpus] [--limit 4000]
                                           [--workers 1,2] [--runners threads,process,dask] [--repeat 2]
  python benchmarks/bench_scale.py noop    [--files 2000]
  python benchmarks/bench_scale.py corpus  [--corpus-dir ...] [--base N] [--sizes 21000,64000,200000]
  python benchmarks/bench_scale.py rebuild --dataset OUT [--sizes 20000,64000] [--copy-to DIR]
  python benchmarks/bench_scale.py tree    [--corpus-dir ...] [--limit 100000] [--workers 2]
                                           [--runners threads,process] [--inputs DIR]

- ``runners``: the same ``run_pipeline`` (plan, batches, commit; ``--no-corpus``) with its
  batches mapped by a plain ``multiprocessing.Pool`` over ``process_batch`` and by the flow
  under each task runner, all against one Prefect API started once (Prefect's start-up is
  not counted; a runner's own start-up, such as spawning its workers, is). Prints articles/s
  of each (best of ``--repeat``, and the pipeline's own seconds) and the runner/pool ratio.
- ``noop``: wall time of ``quotewire run`` with nothing new on ``--files`` ``.txt`` files.
- ``rebuild``: the real ``rebuild_corpus`` (reading the committed parts, building, validating
  and writing the four tables) on the first parts of a processed dataset ``--dataset`` (made
  with ``--no-corpus``) holding about each size's documents, in a fresh process: seconds and
  peak RSS. With ``--copy-to DIR`` the tables are written under ``DIR/<size>`` (the manifest
  and part folders linked, not copied) for ``compare_outputs.py``.
- ``tree``: peak memory of the whole process tree of ``quotewire run --no-corpus --full`` (the
  command line with its Prefect API, the workers and any helper process), sampled from /proc
  every 0.5 s: the peak of the summed RSS (what the issue's target counts) and of the summed
  PSS (shared pages counted once), each process's share at the RSS peak, and the series.
- ``corpus``: time and peak memory of the corpus-wide ``people``/``quotations`` build alone
  (``build_corpus`` on the fields ``rebuild_corpus`` reads) at growing sizes: a base dataset is
  processed once, and its records are repeated with new ids up to each size.

The corpus is bench_flow's: BBC News + Reuters-21578 bodies as one JSONL input (about 21,000
articles; larger sizes repeat it with changed ids and text).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_flow import corpus_articles, write_jsonl  # noqa: E402

from quotewire.dataset.batch import BatchResult, process_batch  # noqa: E402
from quotewire.dataset.runner import BatchArgs, run_pipeline  # noqa: E402


def _one_batch(args: BatchArgs) -> BatchResult:
    raw, out, run_id, part, units, options, text_field = args
    return process_batch(Path(raw), Path(out), run_id, part, units, options, text_field)


def _pool_map(workers: int) -> Any:
    def run(work: Sequence[BatchArgs]) -> Iterator[BatchResult]:
        with multiprocessing.Pool(workers) as pool:
            yield from pool.imap_unordered(_one_batch, work, chunksize=1)
    return run


def _one_run(name: str, w: int, raw: Path, out: Path, batch_size: int, make_flow: Any) -> tuple[float, dict[str, Any]]:
    """Wall seconds and summary of one run: the plain pool (``name == "pool"``) or a runner."""
    t0 = time.perf_counter()
    if name == "pool":
        s = run_pipeline(raw, out, batch_size=batch_size, corpus=False, map_batches=_pool_map(w)).as_dict()
    else:
        s = make_flow(name, None, w)(raw=str(raw), out=str(out), batch_size=batch_size, corpus=False)
    return time.perf_counter() - t0, s


def cmd_runners(args: argparse.Namespace) -> None:
    arts = corpus_articles(Path(args.corpus_dir))
    size = args.limit or len(arts)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        raw = t / "raw"
        raw.mkdir()
        write_jsonl(raw / "corpus.jsonl", arts, size)
        print(f"input: {size} articles, batch size {args.batch_size}, {os.cpu_count()} cores "
              f"(load average now {os.getloadavg()[0]:.1f})")
        from flows.server import run_api

        with run_api() as url:
            from flows.flow import make_flow

            print(f"one Prefect API for every run: {url}")
            for w in (int(x) for x in args.workers.split(",")):
                results: dict[str, tuple[float, float]] = {}
                for name in ["pool", *args.runners.split(",")]:
                    best: tuple[float, float] | None = None
                    for rep in range(args.repeat):
                        wall, s = _one_run(name, w, raw, t / f"out-{name}-{w}-{rep}", args.batch_size, make_flow)
                        assert s["processed"] + s["quarantined"] == size, s
                        if best is None or wall < best[0]:
                            best = (wall, float(s["seconds"]))
                    assert best is not None
                    results[name] = best
                    ratio = results["pool"][0] / best[0]
                    print(f"W={w} {name:8s} {size / best[0]:7.0f} articles/s ({best[0]:6.1f} s wall, pipeline "
                          f"{best[1]:6.1f} s: {size / best[1]:5.0f}/s)  vs pool: {ratio:4.2f}", flush=True)


def cmd_noop(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(REPO))
    from tests.helpers import article

    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        for i in range(args.files):
            (raw / f"a{i:05d}.txt").write_text(article(i), encoding="utf-8")
        run_pipeline(raw, out, corpus=True)
        cmd = [sys.executable, "-m", "quotewire", "run", "--raw", str(raw), "--out", str(out)]
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
            print(f"quotewire run, nothing new, {args.files} files: {time.perf_counter() - t0:.2f} s wall, "
                  f"exit {p.returncode}: {p.stdout.splitlines()[0] if p.stdout else p.stderr[-300:]}")
        (raw / "a00001.txt").write_text(article(1) + "\nA late paragraph.", encoding="utf-8")
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        print(f"one file changed: {time.perf_counter() - t0:.1f} s wall (Prefect started), exit {p.returncode}: "
              f"{p.stdout.splitlines()[1] if p.stdout else p.stderr[-300:]}")


_CORPUS_CHILD = """
import json, resource, sys, time
from pathlib import Path
from quotewire.dataset import io as qio
from quotewire.dataset.corpus import build_corpus
out, size = Path(sys.argv[1]), int(sys.argv[2])
rows = list(qio.load_manifest(out).values())
base = {"documents": [], "speakers": [], "quotes": []}
fields = {"documents": ("doc_id", "published", "outlet"),
          "speakers": ("speaker_id", "doc_id", "name", "kind", "descriptors", "quote_count"),
          "quotes": ("quote_id", "doc_id", "text", "speaker_id", "speaker", "type")}
for part in sorted(qio.live_parts(rows)):
    for t, keep in fields.items():
        base[t] += [{k: r.get(k) for k in keep} for r in qio.read_part_records(out, t, part)]
n_base = len(base["documents"])
ids = ("doc_id", "speaker_id", "quote_id")
recs = {t: [] for t in base}
for k in range(-(-size // n_base)):
    take = min(n_base, size - k * n_base)
    keep_docs = {d["doc_id"] for d in base["documents"][:take]}
    for t, rs in base.items():
        for r in rs:
            if r["doc_id"] in keep_docs:
                recs[t].append({f: (f"{v}#r{k}" if k and f in ids and v else v) for f, v in r.items()})
del base
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
derived = build_corpus(recs["documents"], recs["speakers"], recs["quotes"])
secs = time.perf_counter() - t0
print(json.dumps({"docs": len(recs["documents"]), "speakers": len(recs["speakers"]), "quotes": len(recs["quotes"]),
                  "seconds": secs, "loaded": loaded, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "counts": {t: len(v) for t, v in derived.items()}}))
"""


_REBUILD_CHILD = """
import json, resource, sys, time
from pathlib import Path
from quotewire.dataset import io as qio
from quotewire.dataset.runner import rebuild_corpus
out, size = Path(sys.argv[1]), int(sys.argv[2])
rows = sorted(qio.load_manifest(out).values(), key=lambda r: (r.part or "", r.unit_key))
keep, parts = [], set()
for r in rows:
    if r.part and (r.part in parts or len(keep) < size):
        parts.add(r.part)
        keep.append(r)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
counts = rebuild_corpus(out, keep, None)
print(json.dumps({"docs": len(keep), "parts": len(parts), "seconds": time.perf_counter() - t0, "before": before,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "counts": counts}))
"""


def _linked_copy(src: Path, dst: Path) -> None:
    """``dst`` sees ``src``'s manifest and part folders (symlinks); its corpus tables are its own."""
    from quotewire.dataset.corpus import TABLES as DERIVED

    dst.mkdir(parents=True, exist_ok=True)
    (dst / "manifest.parquet").symlink_to(src / "manifest.parquet")
    for fmt in ("jsonl", "parquet"):
        (dst / fmt).mkdir(exist_ok=True)
        for d in (src / fmt).iterdir():
            if d.name not in DERIVED:
                (dst / fmt / d.name).symlink_to(d)


def cmd_rebuild(args: argparse.Namespace) -> None:
    """``rebuild_corpus`` alone on growing slices of a processed dataset, each in a fresh process."""
    src = Path(args.dataset)
    for size in (int(x) for x in args.sizes.split(",")):
        out = src
        if args.copy_to:
            out = Path(args.copy_to) / str(size)
            shutil.rmtree(out, ignore_errors=True)
            _linked_copy(src, out)
        p = subprocess.run([sys.executable, "-c", _REBUILD_CHILD, str(out), str(size)], capture_output=True, text=True,
                           cwd=REPO)
        if p.returncode:
            raise SystemExit(p.stderr[-2000:])
        r = json.loads(p.stdout.strip().splitlines()[-1])
        print(f"{r['docs']:7d} documents in {r['parts']} parts: rebuild_corpus {r['seconds']:6.1f} s, peak RSS "
              f"{r['peak'] / 1024:6.0f} MiB (before the rebuild {r['before'] / 1024:.0f} MiB), {r['counts']}", flush=True)


def cmd_corpus(args: argparse.Namespace) -> None:
    """The corpus rebuild at sizes beyond one processed corpus: records of a base dataset
    repeated with new ids (as ``write_jsonl`` repeats articles), the tables built in a child."""
    arts = corpus_articles(Path(args.corpus_dir))
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        write_jsonl(raw / "corpus.jsonl", arts, args.base or len(arts))
        t0 = time.perf_counter()
        run_pipeline(raw, out, batch_size=500, corpus=False, map_batches=_pool_map(args.build_workers))
        print(f"base dataset: {args.base or len(arts)} articles built in {time.perf_counter() - t0:.0f} s", flush=True)
        for size in (int(x) for x in args.sizes.split(",")):
            p = subprocess.run([sys.executable, "-c", _CORPUS_CHILD, str(out), str(size)], capture_output=True,
                               text=True, cwd=REPO)
            if p.returncode:
                raise SystemExit(p.stderr[-2000:])
            r = json.loads(p.stdout.strip().splitlines()[-1])
            print(f"{r['docs']:7d} documents ({r['speakers']} speakers, {r['quotes']} quotes): build_corpus "
                  f"{r['seconds']:6.1f} s, peak RSS {r['peak'] / 1024:6.0f} MiB (records loaded: "
                  f"{r['loaded'] / 1024:.0f} MiB), {r['counts']}", flush=True)


def _session_procs(sid: int) -> list[int]:
    """Live processes of session ``sid`` (the run and every process it started, however deep)."""
    pids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[3]) == sid and fields[0] != "Z":
                    pids.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def _mem_kib(pid: int) -> tuple[int, int, str]:
    """(RSS, PSS) in KiB and a short role of a process, from /proc (0s when it just ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rss = int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        pss = int(rollup.split("\nPss:")[1].split()[0]) if "\nPss:" in rollup else rss
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, IndexError, ValueError):
        return 0, 0, "?"
    role = ("server" if "uvicorn" in cmd or "prefect.server" in cmd else "tracker" if "resource_tracker" in cmd
            else "worker" if "multiprocessing" in cmd or "distributed" in cmd else "cli" if "quotewire" in cmd
            else cmd[:40])
    return rss, pss, role


def tree_peak(cmd: list[str], cwd: Path, every: float = 0.5) -> dict[str, Any]:
    """Run ``cmd`` in a session of its own; sample its processes' memory until it exits."""
    proc = subprocess.Popen(cmd, cwd=cwd, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak_rss, peak_pss, at_peak, series = 0, 0, {}, []
    t0 = time.perf_counter()
    while proc.poll() is None:
        snap = {pid: _mem_kib(pid) for pid in _session_procs(proc.pid)}
        rss, pss = sum(m[0] for m in snap.values()), sum(m[1] for m in snap.values())
        if rss > peak_rss:
            peak_rss, at_peak = rss, {f"{m[2]}:{pid}": m[0] >> 10 for pid, m in snap.items()}
        peak_pss = max(peak_pss, pss)
        series.append((round(time.perf_counter() - t0), rss >> 10, len(snap)))
        time.sleep(every)
    out = proc.communicate()[0].decode(errors="replace")
    return {"rc": proc.returncode, "wall": time.perf_counter() - t0, "peak_rss": peak_rss >> 10,
            "peak_pss": peak_pss >> 10, "at_peak": at_peak, "series": series, "output": out}


def cmd_tree(args: argparse.Namespace) -> None:
    """Peak memory of the whole process tree of ``quotewire run`` for each runner at ``--workers``."""
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        t = Path(tmp)
        raw = Path(args.inputs) if args.inputs else t / "raw"
        if not args.inputs:
            raw.mkdir()
            write_jsonl(raw / "corpus.jsonl", corpus_articles(Path(args.corpus_dir)), args.limit)
        print(f"input: {raw}; {os.cpu_count()} cores (load average now {os.getloadavg()[0]:.1f})", flush=True)
        for runner, w in ((r, w) for w in args.workers.split(",") for r in args.runners.split(",")):
            out = t / f"out-{runner}"
            cmd = [sys.executable, "-m", "quotewire", "run", "--raw", str(raw), "--out", str(out), "--no-corpus",
                   "--full", "--task-runner", runner, "--workers", w]
            r = tree_peak(cmd, t)
            if r["rc"]:
                raise SystemExit(f"{runner}: exit {r['rc']}\n{r['output'][-3000:]}")
            step = max(1, len(r["series"]) // 12)
            print(f"{runner:8s} W={w}: peak tree RSS {r['peak_rss']} MiB, peak tree PSS {r['peak_pss']} MiB, "
                  f"{r['wall']:.0f} s wall; at the RSS peak {r['at_peak']}\n  series (s, MiB RSS, processes): "
                  f"{r['series'][::step]}", flush=True)
            shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["runners", "noop", "corpus", "tree", "rebuild"])
    ap.add_argument("--dataset", default=None, help="rebuild mode: a dataset made with --no-corpus")
    ap.add_argument("--copy-to", default=None, help="rebuild mode: write the tables under DIR/<size>")
    ap.add_argument("--corpus-dir", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=4000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--runners", default="threads,process,dask")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--sizes", default="21000,64000,200000")
    ap.add_argument("--base", type=int, default=0, help="corpus mode: articles processed for real (default: all)")
    ap.add_argument("--build-workers", type=int, default=2)
    ap.add_argument("--inputs", default=None, help="tree mode: a raw folder to use instead of the corpus")
    ap.add_argument("--tmp", default=None, help="where the scratch folders go (default: the system's)")
    args = ap.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    {"runners": cmd_runners, "noop": cmd_noop, "corpus": cmd_corpus, "tree": cmd_tree,
     "rebuild": cmd_rebuild}[args.mode](args)
    _ = resource


if __name__ == "__main__":
    main()
