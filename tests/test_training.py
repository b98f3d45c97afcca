"""The cue-role learner (training/learn_cue_roles.py) on a small gold set written here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _learner() -> Any:
    spec = importlib.util.spec_from_file_location("learn_cue_roles", REPO / "training" / "learn_cue_roles.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _doc(text: str, content: str | None) -> dict[str, Any]:
    atts = []
    if content is not None:
        a = text.index(content)
        atts.append({"content": [{"start": a, "end": a + len(content)}], "cue": [], "source": []})
    return {"id": text[:10], "text": text, "attributions": atts}


def test_learns_a_verb_the_rules_extract_well_and_drops_one_they_do_not() -> None:
    docs = [
        _doc("The senator showcased a plan to cut taxes for families.", "a plan to cut taxes for families"),
        _doc("The governor showcased a budget that closes the deficit.", "a budget that closes the deficit"),
        _doc("The mayor showcased new rules for parking downtown.", "new rules for parking downtown"),
        _doc("The senator visited a farm outside the capital city.", None),
        _doc("The governor visited a school in the northern district.", None),
        _doc("The mayor visited the flooded streets near the river.", None),
        _doc("The museum showcases art and visits schools.", None),  # other forms of both verbs
    ]
    rows = {w: (role, tp, n) for w, role, tp, n in _learner().learn(docs, 2, 0.5)}
    assert rows["showcased"][1:] == (3, 3)
    assert "visited" not in rows


def test_candidates_skip_nouns_beliefs_and_known_cues() -> None:
    text = (
        "The records show it. His records were sealed. The records are old. He records songs. "
        "He recorded it. She believed it. He believes it. He said it. They released it. It releases"
        " more. The greed and the bloodshed went on."
    )
    forms = _learner().candidates([{"text": text}])
    assert "records" not in forms  # seen after determiners more than after subjects
    assert "recorded" in forms and "released" in forms
    assert not {"believed", "believes", "said"} & forms
    assert not {"greed", "bloodshed"} & forms  # no other form of a verb: not past tenses


def test_learning_leaves_the_shipped_rates_alone() -> None:
    from quotewire.extract.quotes.lexicons import CUE_RATE

    before = dict(CUE_RATE)
    _learner().learn([_doc("The senator showcased a plan to cut taxes.", "a plan to cut taxes")], 1, 0.4)
    assert CUE_RATE == before
