"""One Prefect API for a whole run, and the run's processes ended by signals.

The real command line runs in its own session; the test lists that session's processes from
/proc (Linux) while the run works, then signals it. Before the fix every process-pool worker
started its own temporary Prefect server (W + 1 servers), and a ``kill -9`` of the command line
left its server running. Now the one local server runs in the command line's own process (a
thread): no process of the session is a server, and the workers never import Prefect.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quotewire.dataset.runner import run_pipeline
from tests.helpers import article, snapshot

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")]

SERVER_MARKS = ("prefect.server.api.server", "prefect server start")


def _session(sid: int) -> list[str]:
    """Command lines of the live processes in session ``sid``."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(Path(f"/proc/{d}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, IndexError, ValueError):
            pass
    return found


def _servers(cmds: list[str]) -> int:
    return sum(any(m in c for m in SERVER_MARKS) for c in cmds)


def _cli(raw: Path, out: Path, env: dict[str, str], tmp: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "quotewire", "run", "--raw", str(raw), "--out", str(out),
           "--task-runner", "process", "--workers", "2", "--batch-size", "2", "--json"]
    return subprocess.Popen(cmd, env=env, cwd=tmp, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def _corpus(raw: Path, n: int) -> None:
    for i in range(n):
        (raw / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")


def _watch_until_staged(proc: subprocess.Popen[bytes], out: Path, timeout: float = 150,
                        seen: list[list[str]] | None = None) -> list[int]:
    """Server counts seen in the CLI's session until its workers have staged a part file
    (``seen`` collects the session's command lines at each look)."""
    counts: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        cmds = _session(proc.pid)
        counts.append(_servers(cmds))
        if seen is not None:
            seen.append(cmds)
        if any((out / "_staging").glob("*/parquet/documents/*")):
            return counts
        time.sleep(0.3)
    return counts


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


def test_given_api_serves_the_flow_and_every_worker(raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """With PREFECT_API_URL set, nothing starts a server and the workers' task runs land there."""
    from flows.server import run_api

    _corpus(raw_dir, 6)
    saved = os.environ.pop("PREFECT_API_URL", None)
    # The session's database holds other tests' task runs: only this run's count.
    since = dt.datetime.now(dt.UTC).isoformat()
    try:
        with run_api() as url:
            proc = _cli(raw_dir, out_dir, {**_env(), "PREFECT_API_URL": url}, tmp_path)
            counts = _watch_until_staged(proc, out_dir)
            out, _ = proc.communicate(timeout=120)
            assert proc.returncode == 0, out.decode(errors="replace")[-3000:]
            req = urllib.request.Request(
                f"{url}/task_runs/filter", method="POST", headers={"Content-Type": "application/json"},
                data=json.dumps({"task_runs": {"name": {"like_": "process-batch"}, "start_time": {"after_": since}}}).encode(),
            )
            with urllib.request.urlopen(req, timeout=30) as r:
                runs = json.load(r)
    finally:
        if saved is not None:
            os.environ["PREFECT_API_URL"] = saved
    assert counts and max(counts) == 0, f"the run started its own server(s): {counts}"
    assert json.loads(out.decode().strip().splitlines()[-1])["processed"] == 6
    assert len(runs) == 3 and {r["state"]["type"] for r in runs} == {"COMPLETED"}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_one_local_server_gone_after_a_signal(sig: int, raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    """Without an API: one server, in the CLI's own process, for the CLI and its 2 workers (no
    process of the run is a server); SIGTERM exits 143 in seconds, and after SIGTERM or kill -9
    nothing of the run is left; the rerun completes."""
    _corpus(raw_dir, 40)
    proc = _cli(raw_dir, out_dir, _env(), tmp_path)
    seen: list[list[str]] = []
    try:
        counts = _watch_until_staged(proc, out_dir, seen=seen)
        assert proc.poll() is None, proc.communicate()[0].decode(errors="replace")[-3000:]
        t0 = time.monotonic()
        os.kill(proc.pid, sig)
        code = proc.wait(timeout=30)
        stopped = time.monotonic() - t0
        deadline = time.monotonic() + 15
        while _session(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        left = _session(proc.pid)
    finally:
        if proc.poll() is None or _session(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    assert counts and max(counts) == 0, f"server processes seen during the run: {counts}"
    # The CLI, its 2 workers and multiprocessing's resource tracker: nothing else.
    assert max(len(c) for c in seen) <= 4, seen[-1]
    assert code == (143 if sig == signal.SIGTERM else -signal.SIGKILL)
    assert stopped < 15, stopped
    assert not left, f"left running: {left}"
    # The previous (empty) dataset is intact; the next run completes the work like a clean run.
    run_pipeline(raw_dir, out_dir)
    clean = tmp_path / "clean"
    run_pipeline(raw_dir, clean)
    assert snapshot(out_dir) == snapshot(clean)
