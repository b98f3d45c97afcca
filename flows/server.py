"""One Prefect API for a whole run: the user's ``PREFECT_API_URL``, else one loopback server.

Left to itself, every process that imports Prefect without ``PREFECT_API_URL`` starts its own
temporary server: a process-pool or Dask worker included, so a run with W workers had W + 1
servers on one SQLite database (most of the run's memory, a third of its throughput), and on a
real cluster every machine recorded its task runs in a private database nobody saw. So the
command line starts one server here *before* Prefect reads its settings, and exports its
address in ``PREFECT_API_URL``, which the flow and every worker it spawns inherit.

The server runs in a thread of the command line's own process, not in a process of its own:
a second interpreter with Prefect's server loaded was 233-275 MiB resident, a third of a run's
memory at W=2, while in the same process the server's code adds about 80 MiB to the Prefect
client already there (measured). A ``kill -9`` of the command line cannot leave it running.
Prefect is imported here only once the address is exported.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotewire.errors import QuotewireError


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers ``/health`` at ``url`` (``http://host:port/api``)."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _bind_loopback() -> socket.socket:
    """A listening socket on a free loopback port: bound before the address is exported, so no
    other process can take the port between choosing it and serving on it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass(slots=True)
class _ThreadServer:
    """Prefect's API app under uvicorn in a daemon thread of this process."""

    server: Any
    thread: threading.Thread

    def wait_started(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise QuotewireError("the local Prefect server stopped while starting (see the messages above)")
            if time.monotonic() > deadline:
                self.stop()
                raise QuotewireError(f"the local Prefect server did not answer within {timeout:.0f} s")
            time.sleep(0.05)

    def stop(self, grace: float = 10.0) -> None:
        """Let uvicorn finish the requests in progress and close the database; force it after ``grace``."""
        self.server.should_exit = True
        self.thread.join(timeout=grace)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout=5)


def _start_in_thread(sock: socket.socket) -> _ThreadServer:
    """Prefect's API app (ephemeral: no UI, no background services; the database migrated on
    start, as Prefect's own temporary server runs it) served on ``sock`` from a daemon thread.

    Imported here, in the calling thread, once ``PREFECT_API_URL`` is exported: Prefect reads
    its settings at import, and importing one package from two threads at once can deadlock.
    ``log_config=None``: uvicorn must not reconfigure the command line's logging.
    """
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    import uvicorn
    from prefect.server.api.server import create_app

    app = create_app(ephemeral=True, final=True)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="on", log_config=None)
    server = uvicorn.Server(config)
    # uvicorn installs no signal handlers outside the main thread: Ctrl-C and SIGTERM stay the
    # command line's, which stops this server after the flow has recorded how it ended.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="prefect-api", daemon=True)
    thread.start()
    return _ThreadServer(server, thread)


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
def run_api(timeout: float = 120.0, while_starting: Callable[[], object] | None = None) -> Iterator[str]:
    """The one Prefect API of a run, exported in ``PREFECT_API_URL`` while the block runs.

    An API configured (``configured_api_url``): that server (nothing is started). Otherwise one
    loopback server is started in this process (``_start_in_thread``), used by the flow and by
    every worker the run spawns, and stopped (uvicorn's shutdown, so it closes its database
    cleanly) when the block exits, whatever the reason; a ``kill -9`` takes it with the process.
    ``while_starting`` runs while the server starts (importing Prefect and the flow: seconds
    that overlap the server's own start-up); the address is already exported then.
    """
    existing = configured_api_url()
    if existing:
        if while_starting is not None:
            while_starting()
        yield existing
        return
    sock = _bind_loopback()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
    os.environ["PREFECT_API_URL"] = url
    srv: _ThreadServer | None = None
    try:
        srv = _start_in_thread(sock)
        if while_starting is not None:
            while_starting()
        # A first run on a fresh machine migrates the database: the timeout leaves room for that.
        srv.wait_started(timeout)
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if srv is not None:
            srv.stop()
        sock.close()
