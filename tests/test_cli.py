"""The command line's edges: one-line failures with their exit codes, `quotewire report`, complete help."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import pytest

from quotewire.cli import MAIN_HELP, build_parser, exit_code, main
from quotewire.dataset import io as qio
from quotewire.errors import ConfigError, OutputFailed, OutputLocked, QuotewireError, RunFailed
from tests.conftest import REPO, SEED
from tests.helpers import article


def _one_line(capfd: pytest.CaptureFixture[str]) -> str:
    """What the CLI wrote to stderr (all of it: Prefect's console handler included), as one line."""
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("quotewire: "), err
    return lines[0]


@pytest.fixture
def raw_with_empty(raw_dir: Path) -> Path:
    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    (raw_dir / "empty.txt").write_bytes(b"")
    return raw_dir


@pytest.mark.usefixtures("prefect_harness")
def test_quarantine_limit_is_one_line_and_exit_3(raw_with_empty: Path, out_dir: Path,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    rc = main(["run", "--raw", str(raw_with_empty), "--out", str(out_dir), "--max-quarantine-ratio", "0.1"])
    assert rc == 3
    assert "1 of 2 inputs quarantined (50%), above the limit of 10%" in _one_line(capfd)


@pytest.mark.usefixtures("prefect_harness")
def test_locked_output_is_one_line_and_exit_4(raw_with_empty: Path, out_dir: Path,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    with qio.run_lock(out_dir):
        assert main(["run", "--raw", str(raw_with_empty), "--out", str(out_dir)]) == 4
    assert "another quotewire run" in _one_line(capfd)


@pytest.mark.usefixtures("prefect_harness")
def test_unwritable_output_is_one_line_and_exit_5(raw_with_empty: Path, out_dir: Path,
                                                  capfd: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir.mkdir()
    monkeypatch.setattr(qio.os, "access", lambda *_a, **_k: False)
    assert main(["run", "--raw", str(raw_with_empty), "--out", str(out_dir)]) == 5
    assert "is not writable" in _one_line(capfd)


@pytest.mark.usefixtures("prefect_harness")
def test_verbose_prints_the_line_first_then_the_traceback(raw_with_empty: Path, out_dir: Path,
                                                          capfd: pytest.CaptureFixture[str]) -> None:
    rc = main(["run", "--raw", str(raw_with_empty), "--out", str(out_dir), "--max-quarantine-ratio", "0.1",
               "--verbose"])
    err = capfd.readouterr().err
    assert rc == 3
    failure = err.index("quotewire: 1 of 2 inputs quarantined")
    assert "Traceback" in err[failure:] and "Traceback" not in err[:failure], err


def test_dask_without_its_extra_is_one_line(raw_with_empty: Path, out_dir: Path, capfd: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "prefect_dask", None)  # as if the extra were not installed
    monkeypatch.setitem(sys.modules, "prefect_dask.task_runners", None)
    assert main(["run", "--raw", str(raw_with_empty), "--out", str(out_dir), "--task-runner", "dask"]) == 2
    assert 'needs the dask extra' in _one_line(capfd) and not out_dir.exists()


def test_dask_and_prefect_stay_quiet_unless_verbose(monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from quotewire.cli import quiet_logs

    monkeypatch.delenv("DASK_LOGGING__DISTRIBUTED", raising=False)
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "WARNING")
    quiet_logs(verbose=False)
    assert os.environ["DASK_LOGGING__DISTRIBUTED"] == "warning"  # read by Dask and its worker processes
    assert logging.getLogger("distributed").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger().handlers and all(
        any(type(f).__name__ == "_HideDomainErrors" for f in h.filters) for h in logging.getLogger().handlers
    )
    monkeypatch.delenv("DASK_LOGGING__DISTRIBUTED")
    quiet_logs(verbose=True)
    assert "DASK_LOGGING__DISTRIBUTED" not in os.environ and os.environ["PREFECT_LOGGING_LEVEL"] == "INFO"


@pytest.mark.parametrize(
    ("error", "code"),
    [(ConfigError("x"), 2), (RunFailed("x"), 3), (OutputLocked("x"), 4), (OutputFailed("x"), 5), (QuotewireError("x"), 2)],
)
def test_exit_codes(error: QuotewireError, code: int) -> None:
    assert exit_code(error) == code
    assert f"  {code}  " in MAIN_HELP  # the help's table lists it


def test_exit_codes_are_documented_in_the_readme() -> None:
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    for text in ("2 for a configuration error", "3 when more inputs were quarantined", "4 when another run",
                 "5 when the output folder cannot be written"):
        assert text in readme, text


def test_report_command_rewrites_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quotewire.dataset.runner import run_pipeline

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path / "out"
    run_pipeline(raw, out)
    (out / "report.html").unlink()
    assert main(["report", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out / 'report.html'}"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="qw-data"' in html and "Bilal Abdul Kareem" in html


def test_report_command_without_a_dataset(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--out", str(tmp_path / "nothing")]) == 2
    assert "found no dataset in" in _one_line(capfd)


def test_report_command_cannot_write(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from quotewire.dataset import report

    (tmp_path / "manifest.parquet").write_bytes(b"")

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.qio, "atomic_write_chunks", full)
    assert main(["report", "--out", str(tmp_path)]) == 5
    assert "No space left on device" in _one_line(capfd)


def test_sql_errors_are_one_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from quotewire.dataset.runner import run_pipeline

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(article(1), encoding="utf-8")
    run_pipeline(raw, tmp_path / "out")
    capfd.readouterr()
    assert main(["query", "SELECT * FROM quotess", "--out", str(tmp_path / "out")]) == 2
    line = _one_line(capfd)
    assert "SQL error: Catalog Error: Table with name quotess does not exist!" in line
    assert 'Did you mean "quotes"' in line and "tables (views): documents, quotes" in line


def test_a_message_of_several_lines_shows_its_first_unless_verbose(capfd: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import quotewire.dataset.query as query

    def fails(*_a: object) -> int:
        raise ConfigError("first line\nsecond line")

    monkeypatch.setattr(query, "cmd_query", fails)
    assert main(["query", "SELECT 1"]) == 2
    assert _one_line(capfd) == "quotewire: first line"
    assert main(["query", "SELECT 1", "--verbose"]) == 2
    err = capfd.readouterr().err
    assert err.startswith("quotewire: first line\nsecond line\n") and "Traceback" in err


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_help_is_complete() -> None:
    """Every command has a description and is listed with a line in the top-level help; every option has help."""
    top = build_parser().format_help()
    for name, parser in _subparsers().items():
        assert f"quotewire {name}" in top and parser.description, name
        for action in parser._actions:
            assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.dest} has no help"
        assert "--verbose" in parser.format_help(), name
    assert "report" in _subparsers()


def test_sigint_interrupts_even_when_the_parent_ignored_it() -> None:
    # Issue #17 items 17/18: a background job inherits SIGINT ignored; `kill -INT` then did nothing.
    import signal
    import subprocess

    code = ("import signal; from quotewire.cli import install_signal_handlers; install_signal_handlers(); "
            "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, "
            "signal.getsignal(signal.SIGTERM).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)).stdout.split()
    assert out == ["True", "_on_sigterm"]


@pytest.mark.parametrize("from_sys_argv", [True, False])
def test_only_the_installed_command_leaves_pandas_out(
    from_sys_argv: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``quotewire run`` as the command (argv from sys.argv) keeps pyarrow from loading pandas
    (47 MiB); a caller passing argv, such as a test or a script, keeps its process as it is."""
    import quotewire.dataset.workers as workers

    calls: list[bool] = []
    monkeypatch.setattr(workers, "skip_pandas", lambda: calls.append(True))
    argv = ["run", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]
    monkeypatch.setattr(sys, "argv", ["quotewire", *argv])
    assert main(None if from_sys_argv else argv) == exit_code(ConfigError("x"))
    assert calls == ([True] if from_sys_argv else [])
