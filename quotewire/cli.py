"""The ``quotewire`` command line: the edge where domain errors become clear messages.

Parses flags (over the config file), starts the flow, runs queries and writes the report; every
``QuotewireError`` becomes one line on stderr and an exit code (``exit_code``; the table is in
``MAIN_HELP`` and the README).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

# Prefect reads these at import: no telemetry (offline it logs errors and can lock SQLite).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
# Dask logs every worker start and stop at INFO: noise in a command's output.
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
# A first run on a fresh machine migrates the temporary server's database: give it time.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from quotewire.dataset.config import choose_runner, cue_words, default_batch_size, load_aliases, load_config
from quotewire.errors import QuotewireError, Terminated
from quotewire.version import __version__

MAIN_HELP = """News articles in; a validated dataset of quotations, their speakers and dated events out.

  quotewire run [--raw DIR] [--out DIR] [--full] ...   process raw/ into output/ (incremental)
  quotewire serve --interval 15m | --cron "0 * * * *"  rerun on a schedule (Prefect deployment)
  quotewire watch                                      rerun when files appear in raw/
  quotewire query "SQL"                                DuckDB over the output tables
  quotewire report [--out DIR]                         rewrite output/report.html (the quote explorer)

`quotewire COMMAND --help` lists a command's options. A failure prints one line, `quotewire:
<what went wrong>`, and nothing else (--verbose adds the details after it); the exit code says
which kind:
  0  done
  2  configuration error (a bad option, config file or SQL; a missing folder)
  3  more inputs were quarantined than --max-quarantine-ratio allows
  4  another run holds the output folder
  5  the output folder cannot be written (disk full, read-only, no permission)
"""


def _add_run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", default=None, help="input folder, searched recursively (default: raw)")
    p.add_argument("--out", default=None, help="output folder (default: output)")
    p.add_argument("--full", action="store_true", help="reprocess every input, not only new or changed ones")
    p.add_argument("--keep-deleted", action="store_true", help="keep the records of inputs deleted from raw/")
    p.add_argument("--no-text", action="store_true", help="leave article text out of the documents table")
    p.add_argument("--text-field", default=None, help="JSONL field holding the article text (default: text)")
    p.add_argument("--batch-size", type=int, default=None, help="articles per task (default: 200 with threads, 500 with process or dask)")
    p.add_argument("--task-runner", choices=["auto", "threads", "process", "dask"], default=None,
                   help="Prefect task runner (default auto: the process pool for 2,000 inputs or more, else threads)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="workers of the task runner, any runner (default: one per usable core)")
    p.add_argument("--dask-address", default=None, help="scheduler address tcp://host:port (with --task-runner dask)")
    p.add_argument("--max-quarantine-ratio", type=float, default=None,
                   help="fail the run (exit 3) when more than this share of inputs is quarantined (default: 1.0)")
    p.add_argument("--people-aliases", default=None,
                   help='JSON file {"variant": "canonical name"} forcing merges in the people table')
    p.add_argument("--no-corpus", action="store_true",
                   help="skip rebuilding the corpus-wide people and quotations tables (their memory grows with the corpus)")
    p.add_argument("--cue-verb", action="append", default=None, metavar="VERB",
                   help='extra reporting verb, "X VERB (that) ..." (repeatable; adds to cue_verbs in the config)')
    p.add_argument("--cue-noun", action="append", default=None, metavar="NOUN",
                   help='extra reporting noun, "X\'s NOUN that ..." (repeatable; adds to cue_nouns)')
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_verbose(p)


def _add_verbose(p: argparse.ArgumentParser) -> None:
    p.add_argument("--verbose", action="store_true",
                   help="show Prefect's and Dask's logs, and a failure's traceback after its one-line message")


def build_parser() -> argparse.ArgumentParser:
    raw_doc = argparse.RawDescriptionHelpFormatter
    ap = argparse.ArgumentParser(prog="quotewire", description=MAIN_HELP, formatter_class=raw_doc)
    ap.add_argument("--version", action="version", version=f"quotewire {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="process the raw folder into the output folder", formatter_class=raw_doc,
                         description=_RUN_DOC)
    _add_run_args(run)
    serve = sub.add_parser("serve", help="serve the flow as a Prefect deployment that reruns on a schedule",
                           description=_SERVE_DOC, formatter_class=raw_doc)
    _add_run_args(serve)
    g = serve.add_mutually_exclusive_group()
    g.add_argument("--interval", default=None, help="rerun interval: 90s, 15m, 1h (default: 15m)")
    g.add_argument("--cron", default=None, help='cron schedule, e.g. "0 * * * *"')
    serve.add_argument("--port", type=int, default=4200, help="port of the loopback Prefect server (default 4200)")
    serve.add_argument("--retention-days", type=int, default=7, help="prune flow runs older than this (default 7)")
    watch = sub.add_parser("watch", help="rerun when files appear or change in the raw folder",
                           description="Run once, then rerun (embedded, no server) within seconds of files "
                           "appearing or changing in the raw folder. Stop with Ctrl-C.")
    _add_run_args(watch)
    watch.add_argument("--debounce", type=float, default=2.0, help="seconds of quiet before a rerun (default 2)")
    query = sub.add_parser("query", help="run SQL over the output tables with DuckDB (tables are views by name)",
                           description=_QUERY_DOC, formatter_class=raw_doc)
    query.add_argument("sql", help='the SQL, e.g. "SELECT speaker, count(*) FROM quotes GROUP BY 1"')
    query.add_argument("--out", default=None, help="output folder (default: output)")
    _add_verbose(query)
    report = sub.add_parser("report", help="rewrite report.html (the quote explorer) from an output folder",
                            description=_REPORT_DOC, formatter_class=raw_doc)
    report.add_argument("--out", default=None, help="output folder (default: output)")
    _add_verbose(report)
    return ap


_RUN_DOC = """Process the raw folder into the output folder: only new or changed inputs (--full: all).

Ends with a summary (inputs processed / unchanged / duplicate / quarantined, records per table,
rejects) and writes output/report.html. Options given here win over quotewire.toml and
[tool.quotewire] in pyproject.toml."""
_SERVE_DOC = """Serve the flow as a Prefect deployment that reruns on a schedule (--interval or --cron).

Without PREFECT_API_URL a loopback Prefect server is started (--port) and stopped on exit;
with it, that server is used. Stop with Ctrl-C."""
_QUERY_DOC = """Run SQL over the output tables with DuckDB; every table is a view by its name
(documents, quotes, speakers, events, people, speaker_person, quotations, quote_quotation,
manifest, quarantine).

  quotewire query "DESCRIBE quotes"
  quotewire query "SELECT speaker, count(*) AS n FROM quotes GROUP BY 1 ORDER BY n DESC LIMIT 10"
"""
_REPORT_DOC = """Rewrite OUT/report.html from the dataset in the output folder (no rerun): the quotes
(search, filters, each opens its article with the quote, speaker and cue highlighted), the
most-quoted people, the timeline of dated events, quotes per outlet and the quarantine. It
opens offline in any browser; the quotes of the newest 10,000 articles are embedded."""


def run_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Flow parameters from the config file with CLI flags over it."""
    cfg = load_config(Path.cwd())
    return {
        "raw": args.raw or cfg.raw,
        "out": args.out or cfg.out,
        "full": args.full,
        "keep_deleted": args.keep_deleted or cfg.keep_deleted,
        "include_text": not (args.no_text or cfg.no_text),
        "batch_size": args.batch_size or cfg.batch_size or default_batch_size(args.task_runner or cfg.task_runner),
        "text_field": args.text_field or cfg.text_field,
        "max_chars": cfg.max_chars,
        "boilerplate": list(cfg.boilerplate),
        "cues": cue_words(cfg, args.cue_verb, args.cue_noun),
        "corpus": not (args.no_corpus or cfg.no_corpus),
        "aliases": load_aliases(args.people_aliases or cfg.people_aliases, Path.cwd()),
        "max_quarantine_ratio": (
            args.max_quarantine_ratio if args.max_quarantine_ratio is not None else cfg.max_quarantine_ratio
        ),
    }


def cmd_run(args: argparse.Namespace) -> int:
    """Plan first; start Prefect (one API for the flow and every worker) only when there is work."""
    kwargs = run_kwargs(args)
    if args.task_runner == "dask":
        _require_dask()  # before planning: a missing extra leaves no trace (no output folder, no lock)
    idle, pending = _preview(kwargs, full=args.full)
    if idle is not None:
        print_nothing(idle, as_json=args.json)
        return 0
    runner = choose_runner(args.task_runner, pending)
    if runner != args.task_runner and not (args.batch_size or load_config(Path.cwd()).batch_size):
        kwargs["batch_size"] = default_batch_size(runner)
    from flows.server import run_api

    # Prefect and the flow are imported (and their logs quieted) while the local server starts.
    with run_api(while_starting=functools.partial(quiet_logs, bool(getattr(args, "verbose", False)))):
        from flows.flow import call_flow, make_flow

        fl = make_flow(runner, args.dask_address, args.workers)
        result = call_flow(fl, **kwargs, progress=sys.stderr.isatty())
    print_summary(result, as_json=args.json)
    return 0


def _require_dask() -> None:
    """The dask extra is installed, else one clear line (found without importing it: no Prefect start)."""
    import importlib.util

    from quotewire.errors import ConfigError

    try:
        found = importlib.util.find_spec("prefect_dask") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ConfigError('--task-runner dask needs the dask extra (prefect_dask is missing): pip install -e ".[dask]"')


def _runner_args(args: argparse.Namespace) -> None:
    """The task runner and its worker count: flags over the config (0 workers: one per core)."""
    cfg = load_config(Path.cwd())
    args.task_runner = args.task_runner or cfg.task_runner
    if args.command != "run":
        # serve and watch rerun small increments: threads, which start no worker processes.
        args.task_runner = choose_runner(args.task_runner, None)
    args.workers = args.workers or cfg.workers or None


def _preview(kwargs: dict[str, Any], *, full: bool) -> tuple[dict[str, Any] | None, int]:
    """The no-op summary (or None) and the inputs to process, planned without Prefect."""
    from quotewire.dataset.runner import preview, run_options

    opts = run_options(include_text=kwargs["include_text"], max_chars=kwargs["max_chars"],
                       boilerplate=kwargs["boilerplate"], cues=kwargs["cues"])
    s, pending = preview(Path(kwargs["raw"]), Path(kwargs["out"]), full=full, keep_deleted=kwargs["keep_deleted"],
                         options=opts, corpus=kwargs["corpus"], aliases=kwargs["aliases"])
    return (None if s is None else {**s.as_dict(), "nothing_to_do": True}), pending


def print_nothing(s: dict[str, Any], *, as_json: bool = False) -> None:
    """The no-op summary: the dataset of the last run is current."""
    if as_json:
        print(json.dumps(s, default=str))
        return
    extra = f", {s['duplicate']} duplicate" if s["duplicate"] else ""
    print(f"quotewire: nothing to do: {s['unchanged']} unchanged{extra} (dataset of run {s['run_id']} is current)")
    print("  records: " + ", ".join(f"{t} {n}" for t, n in s["records"].items()))


def print_summary(s: dict[str, Any], *, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps(s, default=str))
        return
    lines = [
        f"quotewire run {s['run_id']} in {s['seconds']:.1f}s",
        f"  inputs: {s['found']} found, {s['processed']} processed, {s['unchanged']} unchanged, "
        f"{s['duplicate']} duplicate, {s['quarantined']} quarantined, {s['deleted']} deleted",
        "  records: " + ", ".join(f"{t} {n}" for t, n in s["records"].items())
        + f" (this run wrote {sum(s['written'].values())}); rejects {s['rejects']}",
    ]
    for note in s.get("notes", []):
        lines.append(f"  note: {note}")
    for key, reason in s["quarantine"][:10]:
        lines.append(f"  quarantined {key}: {reason}")
    if len(s["quarantine"]) > 10:
        lines.append(f"  ... and {len(s['quarantine']) - 10} more (see quarantine.jsonl)")
    print("\n".join(lines))


def cmd_report(out: Path) -> int:
    """Rewrite ``out/report.html`` from the committed dataset and print its path."""
    from quotewire.dataset.query import has_dataset
    from quotewire.dataset.report import write_report
    from quotewire.errors import ConfigError, OutputFailed

    if not has_dataset(out):
        raise ConfigError(f"found no dataset in {out}; run `quotewire run --out {out}` first, or pass --out DIR")
    try:
        path = write_report(out)
    except OSError as exc:
        raise OutputFailed(f"cannot write {out / 'report.html'}: {exc.strerror or exc}") from exc
    print(f"wrote {path}")
    return 0


class _HideDomainErrors(logging.Filter):
    """Drops log records about a quotewire error (Prefect logs a failed flow's exception with its
    traceback); the CLI prints that error as one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, QuotewireError)


def quiet_logs(verbose: bool) -> None:
    """Keep the terminal to the summary or the one-line failure (``--verbose``: Prefect's and Dask's logs too).

    A failure's traceback is never logged by Prefect before the one line: ``--verbose`` prints
    it after the line instead. Why here: Prefect sets up its log handlers when it is imported,
    so the filter goes on them after importing the flow layer; Dask reads its log level from the
    environment when it starts, in this process and in its workers.
    """
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    else:
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        logging.getLogger("distributed").setLevel(logging.WARNING)
    import flows.flow  # noqa: F401  (imports Prefect, which sets up its handlers)

    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _HideDomainErrors) for f in handler.filters):
            handler.addFilter(_HideDomainErrors())


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated(signum)


def install_signal_handlers() -> None:
    """SIGTERM (a service manager, ``kill``) takes Ctrl-C's path: the same clean-up, exit 143.
    SIGINT raises KeyboardInterrupt even when the parent started us with it ignored.

    Why the second: a shell starts background jobs (``quotewire watch &``, a script's ``cmd &``)
    with SIGINT ignored, and Python then keeps it ignored: ``kill -INT`` did nothing and the run
    went on to exit 0. Only the main thread may set handlers (tests call ``main`` from others).
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    install_signal_handlers()
    try:
        if args.command in ("run", "serve", "watch"):
            _runner_args(args)
            if argv is None:
                # The installed command (console script, ``python -m``): a process that runs only
                # quotewire and Prefect, so pyarrow need not load pandas (47 MiB; see skip_pandas).
                # A caller passing argv (tests, a script) keeps its own process as it is.
                from quotewire.dataset.workers import skip_pandas

                skip_pandas()
            if args.command == "serve":  # run and watch import Prefect while their local server starts
                quiet_logs(verbose)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "serve":
            from flows.serve import cmd_serve

            return cmd_serve(args, run_kwargs(args))
        if args.command == "watch":
            from flows.serve import cmd_watch
            from flows.server import run_api

            # One API for every rerun and every worker (as for run), stopped when the watch ends.
            with run_api(while_starting=functools.partial(quiet_logs, verbose)):
                return cmd_watch(args, run_kwargs(args), print_summary, _print_error)
        if args.command == "query":
            from quotewire.dataset.query import cmd_query

            return cmd_query(args.sql, Path(args.out or load_config(Path.cwd()).out))
        if args.command == "report":
            return cmd_report(Path(args.out or load_config(Path.cwd()).out))
    except QuotewireError as exc:
        _print_error(exc, verbose)
        if verbose:
            traceback.print_exception(exc, file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        # The commit protocol keeps the previous dataset readable; the next run finishes or
        # discards what this one staged.
        print("quotewire: interrupted; the output folder holds the last committed dataset", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    return 2


def _print_error(exc: QuotewireError, verbose: bool = False) -> None:
    """One line, ``quotewire: <message>``; a message's further lines only with ``--verbose``."""
    first, _, rest = str(exc).strip().partition("\n")
    print(f"quotewire: {first}", file=sys.stderr)
    if verbose and rest:
        print(rest, file=sys.stderr)


def exit_code(exc: QuotewireError) -> int:
    """The exit code of a failure (the table in the module docstring and the README)."""
    from quotewire.errors import OutputFailed, OutputLocked, RunFailed

    if isinstance(exc, OutputLocked):
        return 4
    # Before RunFailed, its base: a disk to fix is not a quarantine limit to review.
    if isinstance(exc, OutputFailed):
        return 5
    if isinstance(exc, RunFailed):
        return 3
    return 2


if __name__ == "__main__":
    sys.exit(main())
