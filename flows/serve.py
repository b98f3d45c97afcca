"""Scheduled and file-triggered reruns: ``quotewire serve`` and ``quotewire watch``.

``serve`` turns the flow into a Prefect deployment (``flow.serve``) that reruns on an interval or
a cron schedule. Prefect's temporary server cannot schedule, so without ``PREFECT_API_URL``
``serve`` starts ``prefect server start`` on loopback itself, with run retention bounded by
Prefect's database vacuum, and stops it with SIGINT on exit. With ``PREFECT_API_URL`` it uses
that server. ``watch`` reruns the flow (embedded mode) when inputs appear or change in raw/.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from flows.server import healthy
from quotewire.dataset.workers import die_with_parent
from quotewire.errors import ConfigError, OutputLocked, QuotewireError

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
INPUT_SUFFIXES = (".txt", ".jsonl", ".meta.json", ".html", ".htm")
DEPLOYMENT = "quotewire-scheduled"


def parse_interval(text: str) -> float:
    """``"90s"``, ``"15m"``, ``"1h"``, ``"1d"`` or plain seconds, as seconds."""
    m = _INTERVAL.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"found interval {text!r}, expected a positive number with s, m, h or d (e.g. 15m)")
    return float(m.group(1)) * _UNIT[m.group(2)]


@contextlib.contextmanager
def prefect_server(port: int, retention_days: int, log_path: Path) -> Iterator[str]:
    """The API URL to use: ``PREFECT_API_URL`` if set, else a loopback server started here."""
    existing = os.environ.get("PREFECT_API_URL")
    if existing:
        yield existing
        return
    url = f"http://127.0.0.1:{port}/api"
    if healthy(url):
        raise ConfigError(f"something already serves {url}; set PREFECT_API_URL={url} to use it, or pass --port")
    env = dict(os.environ)
    env.update(
        {
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": env.get("PREFECT_UI_ENABLED", "true"),
            # Bounded database: Prefect's vacuum deletes old flow runs and events.
            "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
            "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": str(max(1, retention_days) * 86400),
            "PREFECT_SERVER_EVENTS_RETENTION_PERIOD": f"P{max(1, retention_days)}D",
        }
    )
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as logf:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=logf,
            stderr=subprocess.STDOUT,
            # Its own process group (a Ctrl-C reaches serve, which stops it after the runner),
            # and it dies with serve on a kill -9 (no orphan holding the port and database).
            process_group=0,
            preexec_fn=die_with_parent,
        )
    try:
        deadline = time.monotonic() + 90
        while not healthy(url):
            if proc.poll() is not None:
                raise QuotewireError(f"the Prefect server exited with {proc.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise QuotewireError(f"the Prefect server did not start within 90 s; see {log_path}")
            time.sleep(0.5)
        print(f"quotewire: Prefect server on {url[:-4]} (UI), stopped when serve exits", file=sys.stderr)
        yield url
    finally:
        # SIGINT lets Prefect's server shut down its services and database cleanly.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def cmd_serve(args: argparse.Namespace, kwargs: dict[str, Any]) -> int:
    """Serve the flow on a schedule until interrupted."""
    interval = parse_interval(args.interval or "15m") if not args.cron else None
    out = Path(kwargs["out"])
    with prefect_server(args.port, args.retention_days, out / "prefect-server.log") as url:
        os.environ["PREFECT_API_URL"] = url
        from flows.flow import make_flow

        fl = make_flow(args.task_runner or "threads", args.dask_address, args.workers)
        print(serve_hint(url, interval, args.cron), file=sys.stderr, flush=True)
        # Every serve run processes only what is new: the manifest makes reruns incremental.
        fl.serve(
            name=DEPLOYMENT,
            interval=interval,
            cron=args.cron,
            parameters={**kwargs, "announce": True},  # one summary line per scheduled run
            description="quotewire: raw/ into output/, incremental",
            pause_on_shutdown=False,
            limit=1,  # one run at a time: a slow run is never overlapped by the next tick
            # Prefect's own message suggests `prefect deployment run` without the API URL, which
            # from another shell reaches a temporary server that knows no deployment.
            print_starting_message=False,
        )
    return 0


def serve_hint(url: str, interval: float | None, cron: str | None) -> str:
    """What ``serve`` prints when it starts: the schedule and how to trigger a run from another shell."""
    every = f"on cron {cron!r}" if cron else f"every {interval:g} s"
    return (
        f"quotewire: serving deployment 'quotewire/{DEPLOYMENT}' {every}; one summary line per run below "
        "(Ctrl-C to stop)\n"
        f"quotewire: to run it now from another shell: PREFECT_API_URL={url} prefect deployment run "
        f"'quotewire/{DEPLOYMENT}'"
    )


def _is_input(path: str) -> bool:
    return path.endswith(INPUT_SUFFIXES)


def cmd_watch(
    args: argparse.Namespace,
    kwargs: dict[str, Any],
    on_summary: Callable[[dict[str, Any]], None],
    on_error: Callable[[QuotewireError], None],
) -> int:
    """Run once, then rerun whenever inputs appear or change in the raw folder (debounced).

    ``on_summary`` and ``on_error`` come from the command line, which owns what a user sees: a
    failed rerun is reported there and the watch goes on.
    """
    from watchfiles import watch

    from flows.flow import call_flow, make_flow

    raw, out = Path(kwargs["raw"]), Path(kwargs["out"])
    if not raw.is_dir():
        raise ConfigError(f"raw folder {raw} does not exist; create it or pass --raw DIR")
    fl = make_flow(args.task_runner or "threads", args.dask_address, args.workers)

    def run_once(waiting: bool) -> bool:
        """One run; False when another run holds the output folder (try again shortly)."""
        try:
            on_summary(call_flow(fl, **kwargs))
        except OutputLocked as exc:
            if not waiting:
                print(f"quotewire: {exc}; the watch runs again when it is free", file=sys.stderr)
            return False
        except QuotewireError as exc:
            on_error(exc)
        sys.stdout.flush()
        return True

    print(f"quotewire: watching {raw} (Ctrl-C to stop)", file=sys.stderr)
    out_abs = out.resolve()
    pending, waiting = True, False
    # The watcher starts before the first run, so files dropped during a run are not missed;
    # ``yield_on_timeout`` gives the first (empty) batch that triggers the initial run, and a
    # tick every second. A change seen while another run holds the lock stays pending and is
    # retried on the next tick: dropping it lost that file until some later change.
    for changes in watch(
        raw, debounce=int(args.debounce * 1000), raise_interrupt=False, yield_on_timeout=True, rust_timeout=1000
    ):
        if any(_is_input(p) and out_abs not in Path(p).resolve().parents for _, p in changes):
            pending = True
        if pending:
            pending = waiting = not run_once(waiting)
    return 0
