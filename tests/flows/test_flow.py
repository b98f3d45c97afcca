"""The Prefect flow in-process under the session's test harness, and the CLI edge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotewire.cli import build_parser, main
from tests.helpers import article, rows


@pytest.mark.usefixtures("prefect_harness")
def test_flow_runs_and_summarizes(seed_raw: Path, out_dir: Path) -> None:
    from flows.flow import make_flow

    (seed_raw / "bad.jsonl").write_text('{"id": 1, "text": "x"\n{"text": ""}\n', encoding="utf-8")
    (seed_raw / "empty.txt").write_bytes(b"")
    result = make_flow("threads")(raw=str(seed_raw), out=str(out_dir))
    assert result["found"] == 4
    assert result["processed"] == 1 and result["quarantined"] == 3
    assert result["processed"] + result["quarantined"] + result["unchanged"] + result["duplicate"] == result["found"]
    reasons = {json.loads(line)["unit_key"]: json.loads(line)["reason"] for line in
               (out_dir / "quarantine.jsonl").read_text().splitlines()}
    assert "invalid JSON" in reasons["bad.jsonl#line=1"] and "line 1" in reasons["bad.jsonl#line=1"]
    assert "empty" in reasons["bad.jsonl#line=2"]
    assert reasons["empty.txt"] == "empty file"
    docs = rows(out_dir, "documents")
    assert docs[0]["published"] == "2016-12-14" and docs[0]["outlet"] == "CNN"
    assert (out_dir / "README.md").is_file()


@pytest.mark.usefixtures("prefect_harness")
def test_cli_main_in_process(raw_dir: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (raw_dir / "a.txt").write_text(article(1), encoding="utf-8")
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir)]) == 0
    text = capsys.readouterr().out
    assert "1 found, 1 processed" in text and "quarantined" in text
    assert main(["run", "--raw", str(raw_dir), "--out", str(out_dir), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["unchanged"] == 1


def test_cli_errors_are_one_line_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quotewire: raw folder") and "does not exist" in err


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[attr-defined]
        assert p.format_help(), name
        assert p.description or sub._choices_actions, name  # type: ignore[attr-defined]
    assert set(sub.choices) >= {"run", "serve", "watch", "query"}  # type: ignore[attr-defined]


def test_submit_all_keeps_a_bounded_window_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches are submitted a few at a time, not all up front (each future holds its result)."""
    import flows.flow as ff

    in_flight: list[int] = []
    peak = [0]

    class Future:
        def __init__(self, n: int) -> None:
            self.n = n
            in_flight.append(n)
            peak[0] = max(peak[0], len(in_flight))

        def result(self) -> int:
            in_flight.remove(self.n)
            return self.n

    class Task:
        @staticmethod
        def submit(*args: object) -> Future:
            return Future(int(str(args[0])))

    monkeypatch.setattr(ff, "process_batch_task", Task)
    monkeypatch.setattr(ff, "_workers", lambda: 2)
    work = [(str(i), "", "", "", [], None, "") for i in range(50)]
    assert list(ff._submit_all(work)) == list(range(50))  # type: ignore[arg-type]
    assert peak[0] == 4 and not in_flight
