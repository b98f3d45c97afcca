"""Scheduled pickup: the served deployment and the watcher see a new file and write its records.

Each test starts the real CLI in its own process group on loopback, is bounded in time, and
stops the whole group with SIGINT (SIGKILL only if that fails).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.serve import parse_interval
from quotewire.errors import ConfigError
from tests.helpers import article, rows


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("15m", 900), ("1h", 3600), ("2d", 172800), ("30", 30)])
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "-5m", "15 minutes", "m"])
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ConfigError, match="expected a positive number"):
        parse_interval(text)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(pred: object, timeout: float, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():  # type: ignore[operator]
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.5)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> str:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        out, _ = proc.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
    except ProcessLookupError:
        out, _ = proc.communicate(timeout=10)
    return out.decode(errors="replace")[-3000:]


def _docs(out: Path) -> set[str]:
    try:
        return {d["source_path"] for d in rows(out, "documents")}
    except (OSError, ValueError):
        return set()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["watch", "serve"])
def test_new_file_is_picked_up(mode: str, raw_dir: Path, out_dir: Path, tmp_path: Path) -> None:
    (raw_dir / "first.txt").write_text(article(1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    cmd = [sys.executable, "-m", "quotewire", mode, "--raw", str(raw_dir), "--out", str(out_dir)]
    if mode == "serve":
        cmd += ["--interval", "5s", "--port", str(_free_port())]
    else:
        cmd += ["--debounce", "0.5"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    first = second = False
    try:
        first = _wait_for(lambda: "first.txt" in _docs(out_dir), 150, proc)
        if first:
            (raw_dir / "second.txt").write_text(article(2), encoding="utf-8")
            second = _wait_for(lambda: "second.txt" in _docs(out_dir), 120, proc)
    finally:
        log = _stop(proc)
    assert first, f"first run never wrote its records:\n{log}"
    assert second, f"the new file was not picked up:\n{log}"
    assert _docs(out_dir) == {"first.txt", "second.txt"}, log
