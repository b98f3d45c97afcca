"""The pieces of one-API-per-run that need no server: which API is configured, and the process
hygiene (children die with the command line; pool workers leave Ctrl-C to it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.server import configured_api_url

REPO = Path(__file__).resolve().parents[2]


def test_env_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    assert configured_api_url() == "http://prefect.example:4200/api"


def test_profile_url_is_read_without_importing_prefect(tmp_path: Path) -> None:
    """A fresh interpreter (Prefect not imported): the active profile's URL is found."""
    (tmp_path / "profiles.toml").write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://team:4200/api"\n[profiles.local]\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILE")}
    code = "import sys; from flows.server import configured_api_url as c; print(c(), 'prefect' in sys.modules)"
    for profile, expected in ((None, "http://team:4200/api False"), ("local", "None False")):
        e = {**env, "PREFECT_HOME": str(tmp_path), **({"PREFECT_PROFILE": profile} if profile else {})}
        p = subprocess.run([sys.executable, "-c", code], env=e, cwd=REPO, capture_output=True, text=True, timeout=60)
        assert p.stdout.strip() == expected, p.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_a_child_dies_with_its_parent_on_kill_9(tmp_path: Path) -> None:
    """What keeps a ``kill -9`` of the command line from leaving its Prefect server running."""
    pidfile = tmp_path / "child.pid"
    parent = (
        "import subprocess, sys, time; from quotewire.dataset.workers import die_with_parent; "
        "c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], preexec_fn=die_with_parent); "
        f"open({str(pidfile)!r}, 'w').write(str(c.pid)); time.sleep(60)"
    )
    p = subprocess.Popen([sys.executable, "-c", parent], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pidfile.read_text())
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the child outlived its killed parent"
    finally:
        if p.poll() is None:
            p.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_process_workers_ignore_ctrl_c_and_die_with_the_cli() -> None:
    """A terminal's Ctrl-C reached the pool's workers too: they died mid-batch and the broken
    pool hung the command line's shutdown (measured: killed after 60 s instead of exit 130)."""
    from flows.flow import _task_runner, worker_init

    assert _task_runner("process", None, 2)._initializer is worker_init
    code = "import signal; from flows.flow import worker_init; worker_init(); print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"
    p = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() == "True", p.stderr
