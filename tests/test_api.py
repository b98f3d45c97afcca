"""The public API: ``quotewire.extract`` gives what the flow writes for one article; an output reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quotewire
from quotewire.dataset.runner import run_pipeline
from tests.conftest import REPO, SEED


def test_extract_on_the_seed_names_its_speakers() -> None:
    ex = quotewire.extract(SEED.read_text(encoding="utf-8"), published="2016-12-14")
    speakers = {q["speaker"] for q in ex.quotes}
    assert {"Lina Shamy", "Bilal Abdul Kareem", "Recep Tayyip Erdogan"} <= speakers
    assert ex.documents[0]["published"] == "2016-12-14"
    assert not ex.rejects
    assert "Lina Shamy" in str(ex)  # the notebook view lists quotes with their speakers
    assert dict(ex).keys() == {"documents", "quotes", "speakers", "events"}
    text = ex.documents[0]["text"]
    for q in ex.quotes:  # offsets slice back to the recorded text
        assert text[q["text_start"]:q["text_end"]] == q["text"]


def test_extract_equals_what_the_run_writes(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    line = {"id": "seed", "text": text, "published": "2016-12-14", "title": "Aleppo"}
    (raw / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    run_pipeline(raw, tmp_path / "out", corpus=False)
    ex = quotewire.extract(text, published="2016-12-14", title="Aleppo", id="seed")
    for table in ("quotes", "speakers", "events"):
        written = quotewire.read_table(tmp_path / "out", table).to_pylist()
        mine = ex.__getattribute__(table)
        # Ids depend on the input's path; everything else is the same record.
        drop = {"doc_id", "quote_id", "speaker_id", "event_id", "attribution_id"}
        def strip(rows: list[dict[str, object]], drop: set[str] = drop) -> list[str]:
            return sorted(json.dumps({k: v for k, v in r.items() if k not in drop}, sort_keys=True, default=str)
                          for r in rows)
        assert strip(written) == strip(mine), table
    assert "quotes" in quotewire.tables(tmp_path / "out")


def test_read_table_names_the_tables_it_has(tmp_path: Path) -> None:
    with pytest.raises(quotewire.errors.QuotewireError, match="expected one of"):
        quotewire.read_table(tmp_path, "nope")


@pytest.mark.parametrize("text, reason", [("", "empty"), ("   \n", "empty")])
def test_extract_refuses_what_is_no_article(text: str, reason: str) -> None:
    with pytest.raises(quotewire.NotAnArticle, match=reason):
        quotewire.extract(text)


def test_readme_api_example_runs() -> None:
    """The README's Python example is run as written (from the repository root)."""
    import re
    import subprocess
    import sys

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(import quotewire\n.*?)```", readme, re.S)
    assert block, "README has no public API example starting with `import quotewire`"
    proc = subprocess.run([sys.executable, "-c", block.group(1)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Lina Shamy" in proc.stdout


def test_extract_leaves_the_callers_options_alone() -> None:
    from quotewire.dataset.pipeline import Options

    opts = Options()
    ex = quotewire.extract(SEED.read_text(encoding="utf-8"), options=opts, include_text=False)
    assert ex.documents[0]["text"] is None
    assert opts.include_text is True
