"""Scheduled pickup: the served deployment and the watcher see a new file and write its records.

Each test starts the real CLI in its own process group on loopback, is bounded in time, and
stops the whole group with SIGINT (SIGKILL only if that fails).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.serve import parse_interval, serve_hint
from quotewire.cli import build_parser
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
    if mode == "serve":  # one summary line per scheduled run, and a hint that works from another shell
        assert re.search(r"quotewire run \S+: 1 found, 1 processed", log), log
        assert re.search(r"PREFECT_API_URL=http://127\.0\.0\.1:\d+/api prefect deployment run", log), log


def test_serve_hint_names_the_api_url() -> None:
    hint = serve_hint("http://127.0.0.1:4311/api", 900.0, None)
    assert "every 900 s" in hint and "one summary line per run" in hint
    assert "PREFECT_API_URL=http://127.0.0.1:4311/api prefect deployment run 'quotewire/quotewire-scheduled'" in hint
    assert "on cron '0 * * * *'" in serve_hint("http://h/api", None, "0 * * * *")


def test_serve_asks_for_a_summary_line_per_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    """cmd_serve's wiring, without a server: the deployment's runs announce themselves, the hint is ours."""
    import contextlib

    import flows.flow
    import flows.serve

    served: dict[str, Any] = {}

    class FakeFlow:
        def serve(self, **kw: Any) -> None:
            served.update(kw)

    @contextlib.contextmanager
    def fake_server(*_a: Any) -> Iterator[str]:
        yield "http://127.0.0.1:4999/api"

    monkeypatch.setenv("PREFECT_API_URL", "unset-after-the-test")  # cmd_serve sets it; monkeypatch restores it
    monkeypatch.setattr(flows.serve, "prefect_server", fake_server)
    monkeypatch.setattr(flows.flow, "make_flow", lambda *_a: FakeFlow())
    args = build_parser().parse_args(["serve", "--interval", "90s", "--out", str(tmp_path)])
    assert flows.serve.cmd_serve(args, {"raw": "raw", "out": str(tmp_path)}) == 0
    assert served["parameters"] == {"raw": "raw", "out": str(tmp_path), "announce": True}
    assert served["print_starting_message"] is False and served["interval"] == 90
    assert "PREFECT_API_URL=http://127.0.0.1:4999/api prefect deployment run" in capsys.readouterr().err


@pytest.mark.usefixtures("prefect_harness")
def test_an_announcing_run_prints_one_line(raw_dir: Path, out_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from flows.flow import make_flow

    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    make_flow("threads")(raw=str(raw_dir), out=str(out_dir), announce=True)
    lines = [line for line in capfd.readouterr().out.splitlines() if line.startswith("quotewire run ")]
    assert len(lines) == 1 and "1 found, 1 processed, 0 unchanged" in lines[0] and "documents" in lines[0]
