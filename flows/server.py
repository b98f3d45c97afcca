"""One Prefect API for a whole run: the user's ``PREFECT_API_URL``, else one loopback server.

Left to itself, every process that imports Prefect without ``PREFECT_API_URL`` starts its own
temporary server: a process-pool or Dask worker included, so a run with W workers had W + 1
servers on one SQLite database (most of the run's memory, a third of its throughput), and on a
real cluster every machine recorded its task runs in a private database nobody saw. So the
command line starts one server here *before* Prefect is imported, and exports its address in
``PREFECT_API_URL``, which the flow and every worker it spawns inherit.

Nothing in this module imports Prefect: the server is a subprocess, and the address must be in
the environment before Prefect reads its settings (at import).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from quotewire.dataset.workers import die_with_parent
from quotewire.errors import QuotewireError

# uvicorn's exit status when its port is taken (another process won the race for it).
_PORT_TAKEN = 3


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers ``/health`` at ``url`` (``http://host:port/api``)."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def free_port() -> int:
    """A loopback port nobody listens on now (the server retries if it loses a race for it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 10.0) -> None:
    """Stop a server subprocess: ``sig`` to its process group, SIGKILL after ``grace`` seconds."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _start_uvicorn(port: int, log_path: Path | None) -> subprocess.Popen[bytes]:
    """Prefect's API app under uvicorn on loopback, as Prefect's own temporary server runs it.

    Its own process group: a Ctrl-C in the terminal reaches the command line, which then stops
    the server itself after the flow has recorded how it ended (a server stopped first made the
    flow's last API calls fail with tracebacks).
    """
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",  # no UI for a one-run server: less start-up and memory
        "PREFECT__SERVER_EPHEMERAL": "1",  # migrate the database on start, run no background services
        "PREFECT__SERVER_FINAL": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    stdout: int | object = subprocess.DEVNULL
    logf = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        logf = log_path.open("ab")
        stdout = logf
    try:
        return subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.STDOUT,  # type: ignore[arg-type]
                                process_group=0, preexec_fn=die_with_parent)
    finally:
        if logf is not None:
            logf.close()


def _wait_healthy(proc: subprocess.Popen[bytes], url: str, timeout: float) -> bool:
    """True once the server answers; False if it exited because its port was taken."""
    deadline = time.monotonic() + timeout
    while not healthy(url, timeout=1.0):
        code = proc.poll()
        if code == _PORT_TAKEN:
            return False
        if code is not None:
            raise QuotewireError(f"the local Prefect server exited with {code} while starting")
        if time.monotonic() > deadline:
            stop_process(proc)
            raise QuotewireError(f"the local Prefect server did not answer within {timeout:.0f} s")
        time.sleep(0.1)
    return True


def configured_api_url() -> str | None:
    """The API the user configured: ``PREFECT_API_URL``, else the active Prefect profile's.

    Read without importing Prefect (its settings are fixed at import, before which the local
    server's address must be exported). When Prefect is already imported (a test harness, a
    notebook), its current settings say.
    """
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return PREFECT_API_URL.value() or None
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    try:
        data = tomllib.loads((home / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    name = os.environ.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    url = data.get("profiles", {}).get(name, {}).get("PREFECT_API_URL")
    return url if isinstance(url, str) and url else None


@contextlib.contextmanager
def run_api(
    log_path: Path | None = None, timeout: float = 120.0, while_starting: Callable[[], object] | None = None
) -> Iterator[str]:
    """The one Prefect API of a run, exported in ``PREFECT_API_URL`` while the block runs.

    An API configured (``configured_api_url``): that server (nothing is started). Otherwise one
    loopback server is started, used by the flow and inherited by every worker the run spawns,
    and stopped (SIGTERM, so it closes its database cleanly) when the block exits, whatever the
    reason; a ``kill -9`` of this process stops it too (``die_with_parent``).
    ``while_starting`` runs while the server starts (importing Prefect and the flow: seconds
    that overlap the server's own start-up); the address is already exported then.
    """
    existing = configured_api_url()
    if existing:
        if while_starting is not None:
            while_starting()
        yield existing
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    os.environ["PREFECT_API_URL"] = url
    proc = _start_uvicorn(port, log_path)
    try:
        if while_starting is not None:
            while_starting()
        # A first run on a fresh machine migrates the database: the timeout leaves room for that.
        if not _wait_healthy(proc, url, timeout):
            # Prefect has read the address already, so another port cannot be tried in this run.
            raise QuotewireError(f"port {port} was taken while the local Prefect server started; run again")
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        stop_process(proc)
