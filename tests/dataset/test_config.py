"""Configuration: quotewire.toml or [tool.quotewire], CLI flags over it, clear errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from quotewire.cli import build_parser, run_kwargs
from quotewire.dataset.config import Config, load_config
from quotewire.errors import ConfigError


def test_defaults_without_a_config(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_pyproject_section_and_cli_flags_over_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.quotewire]\nraw = "articles"\nbatch_size = 50\nmax_quarantine_ratio = 0.25\n'
        'boilerplate = ["^Sign up for"]\nno_text = true\n'
    )
    cfg = load_config(tmp_path)
    assert (cfg.raw, cfg.batch_size, cfg.max_quarantine_ratio, cfg.no_text) == ("articles", 50, 0.25, True)
    monkeypatch.chdir(tmp_path)
    args: argparse.Namespace = build_parser().parse_args(["run", "--batch-size", "7"])
    kw = run_kwargs(args)
    assert kw["raw"] == "articles" and kw["batch_size"] == 7 and kw["include_text"] is False
    assert kw["boilerplate"] == ["^Sign up for"]


def test_quotewire_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.quotewire]\nraw = "a"\n')
    (tmp_path / "quotewire.toml").write_text('raw = "b"\n')
    assert load_config(tmp_path).raw == "b"


@pytest.mark.parametrize(
    "body, message",
    [
        ("rwa = 'x'", "unknown key 'rwa'"),
        ("batch_size = 'ten'", "batch_size is 'ten', expected a int"),
        ("keep_deleted = 1", "keep_deleted is 1, expected a bool"),
        ("boilerplate = ['(unclosed']", "not a valid regular expression"),
        ("raw = ", "cannot parse the config file"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "quotewire.toml").write_text(body + "\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_config(tmp_path)


def test_extra_boilerplate_is_removed(tmp_path: Path) -> None:
    import re

    from quotewire.extract.clean import clean

    text = "Storm hits coast\n\nWINDS reached 100 km/h on Monday, officials said.\n\nHear more on Wavelength, our podcast\n"
    assert "Wavelength" in clean(text).text, "the line is prose to the built-in rules"
    cleaned = clean(text, extra_patterns=[re.compile(r"^Hear more on Wavelength")])
    assert "Wavelength" not in cleaned.text and len(cleaned.text) == len(text)
    assert "officials said" in cleaned.text


# --- extra cue words ------------------------------------------------------------------------------


def _quotes(text: str, cues: object = None) -> list[tuple[str, str, str]]:
    from quotewire.extract.quotes import extract_quotes
    from quotewire.extract.segment import split_sentences

    return [
        (q.cue.text if q.cue else "", q.mention.text if q.mention else "", q.content.text)
        for q in extract_quotes(text, split_sentences(text), cues)  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    "key, word, text, cue, mention",
    [
        ("say", "grumble", "Smith grumbled that the budget was a disaster for the city.", "grumbled", "Smith"),
        ("act", "harangue", "Jones harangued the council for its reckless spending on stadiums.", "harangued", "Jones"),
        ("claim_nouns", "rebuttal", "The mayor's rebuttal that the numbers were wrong came late.", "rebuttal", "The mayor"),
        ("tell", "reassure", "Lee reassured investors that the merger would close by June.", "reassured", "Lee"),
    ],
)
def test_extra_cue_words_find_new_quotes(key: str, word: str, text: str, cue: str, mention: str) -> None:
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    assert _quotes(text) == [], "the word must be new to the built-in lexicon for this test to mean anything"
    found = _quotes(text, DEFAULT_CUES.extended(**{key: [word]}))
    assert [(c, m) for c, m, _ in found] == [(cue, mention)]
    assert _quotes(text) == [], "a custom lexicon must not leak into later calls"


def test_not_cues_drop_a_default_cue() -> None:
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    text = "The study found that most voters distrust the council."
    assert [c for c, _, _ in _quotes(text)] == ["found"]
    assert _quotes(text, DEFAULT_CUES.extended(remove=["find", "found"])) == []


def test_custom_lexicon_in_threads_does_not_cross_over() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    text = "Smith grumbled that the budget was a disaster for the city."
    custom = DEFAULT_CUES.extended(say=["grumble"])
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda i: len(_quotes(text, custom if i % 2 else None)), range(40)))
    assert got == [i % 2 for i in range(40)]


@pytest.mark.parametrize(
    "word, forms",
    [
        ("opine", {"opine", "opines", "opined", "opining"}),
        ("decry", {"decry", "decries", "decried", "decrying"}),
        ("quip", {"quip", "quips", "quipped", "quipping"}),
        ("rebuff", {"rebuff", "rebuffs", "rebuffed", "rebuffing"}),
        ("Spoke", {"spoke", "spokes", "spoked", "spoking"}),
        ("grumbled", {"grumbled"}),
    ],
)
def test_inflections_cover_the_regular_forms(word: str, forms: set[str]) -> None:
    from quotewire.extract.quotes.lexicons import inflections

    assert forms <= inflections(word)


def test_cue_config_keys_cli_flags_and_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from quotewire.dataset.pipeline import Options
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES

    (tmp_path / "quotewire.toml").write_text('cue_verbs = ["grumble"]\ncue_nouns = ["rebuttal"]\nnot_cues = ["found"]\n')
    monkeypatch.chdir(tmp_path)
    kw = run_kwargs(build_parser().parse_args(["run", "--cue-verb", "opine", "--cue-noun", "retort"]))
    assert kw["cues"] == {"say": ["grumble", "opine"], "claim_nouns": ["rebuttal", "retort"], "remove": ["found"]}
    lex = DEFAULT_CUES.extended(**kw["cues"])
    assert {"grumbled", "opined"} <= lex.say and "found" not in lex.say and "retort" in lex.claim_nouns
    default, custom = Options(), Options(cues=lex)
    assert "+" not in default.pipeline_version
    assert custom.pipeline_version.startswith(default.pipeline_version + "+cfg.")
    assert Options(cues=DEFAULT_CUES.extended(say=["grumble"])).pipeline_version != custom.pipeline_version
    back = pickle.loads(pickle.dumps(custom))  # what process and Dask workers receive
    assert back.cues == lex and back.pipeline_version == custom.pipeline_version
    assert back.cues.search.search("she grumbled")


@pytest.mark.parametrize("body", ['cue_verbs = ["two words"]', "cue_nouns = [3]", 'not_cues = ["said;"]'])
def test_bad_cue_words_are_config_errors(tmp_path: Path, body: str) -> None:
    (tmp_path / "quotewire.toml").write_text(body + "\n")
    with pytest.raises(ConfigError, match="expected single words"):
        load_config(tmp_path)


def test_changing_cue_words_reprocesses_every_input(raw_dir: Path, out_dir: Path) -> None:
    from quotewire.dataset.pipeline import Options
    from quotewire.dataset.runner import run_pipeline
    from quotewire.extract.quotes.lexicons import DEFAULT_CUES
    from tests.helpers import rows

    (raw_dir / "a.txt").write_text("Council vote\n\nSmith grumbled that the budget was a disaster for the city.\n")
    (raw_dir / "b.txt").write_text("Weather\n\nIt rained on Monday in the valley and the river rose.\n")
    run_pipeline(raw_dir, out_dir)
    assert rows(out_dir, "quotes") == []
    opts = Options(cues=DEFAULT_CUES.extended(say=["grumble"]))
    s = run_pipeline(raw_dir, out_dir, options=opts)
    assert s.processed == 2, "a changed lexicon must reprocess everything"
    assert [q["cue"] for q in rows(out_dir, "quotes")] == ["grumbled"]
    assert {d["pipeline_version"] for d in rows(out_dir, "documents")} == {opts.pipeline_version}
    assert run_pipeline(raw_dir, out_dir, options=opts).unchanged == 2
