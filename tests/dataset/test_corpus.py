"""Corpus-level identity (quotewire.dataset.corpus): merge and non-merge rules on small hand-written corpora."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.dataset.corpus import (
    build_corpus,
    cluster_near_duplicates,
    normalize_quote,
    parse_person_name,
)
from quotewire.dataset.ids import short_hash
from quotewire.dataset.schema import Validator, to_arrow

Row = dict[str, Any]
TABLES = ("people", "speaker_person", "quotations", "quote_quotation")


def doc(n: int, published: str | None = "2016-12-14", outlet: str | None = "Reuters") -> Row:
    return {"doc_id": short_hash("doc", n), "published": published, "outlet": outlet}


def speaker(d: int, name: str, kind: str = "person", descriptors: list[str] | None = None, quotes: int = 1) -> Row:
    return {
        "speaker_id": short_hash("speaker", d, name, kind),
        "doc_id": short_hash("doc", d),
        "name": name,
        "kind": kind,
        "descriptors": descriptors or [],
        "mentions": [{"text": name, "start": 0, "end": len(name)}],
        "quote_count": quotes,
    }


def quote(d: int, text: str, sp: Row | None, n: int = 0, type_: str = "direct") -> Row:
    return {
        "quote_id": short_hash("quote", d, n, text),
        "doc_id": short_hash("doc", d),
        "text": text,
        "speaker_id": sp["speaker_id"] if sp else None,
        "speaker": sp["name"] if sp else None,
        "type": type_,
    }


def corpus(*names: tuple[int, str] | tuple[int, str, str]) -> tuple[list[Row], list[Row]]:
    """(doc number, name[, kind]) -> documents and speakers."""
    docs = [doc(n) for n in sorted({x[0] for x in names})]
    sps = [speaker(x[0], x[1], *x[2:]) for x in names]
    return docs, sps


def person_of(result: dict[str, list[Row]], sp: Row) -> str | None:
    link = next(lk for lk in result["speaker_person"] if lk["speaker_id"] == sp["speaker_id"])
    pid: str | None = link["person_id"]
    return pid


def rule_of(result: dict[str, list[Row]], sp: Row) -> str:
    link = next(lk for lk in result["speaker_person"] if lk["speaker_id"] == sp["speaker_id"])
    rule: str = link["rule"]
    return rule


# --- name parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "titles", "given", "surname"),
    [
        ("Turkish President Recep Tayyip Erdogan", "Turkish President", ("recep", "tayyip"), "erdogan"),
        ("Recep Tayyip Erdogan", None, ("recep", "tayyip"), "erdogan"),
        ("Erdogan", None, (), "erdogan"),
        ("Mr Blair.", "Mr", (), "blair"),
        ("Mr. Blair", "Mr.", (), "blair"),
        ("Dr. José Álvarez", "Dr.", ("jose",), "alvarez"),
        ("Former Liberal Democrat MP Jackie Ballard", "Former Liberal Democrat MP", ("jackie",), "ballard"),
        ("Scottish National Party leader Alex Salmond", "Scottish National Party leader", ("alex",), "salmond"),
        ("Charles de Gaulle", None, ("charles",), "de gaulle"),
        ("de Gaulle", None, (), "de gaulle"),
        ("Bashar al-Assad", None, ("bashar",), "assad"),
        ("Guy Mansfield QC", None, ("guy",), "mansfield"),
        ("Martin Luther King Jr.", None, ("martin", "luther"), "king"),
        ("John Major", None, ("john",), "major"),
        ("George W. Bush", None, ("george", "w"), "bush"),
        ("Smith-Jones. While", None, (), "smith-jones"),
        ("France's Nathalie Dechy", "France's", ("nathalie",), "dechy"),
        ("Labour's Robin Cook", "Labour's", ("robin",), "cook"),
        ("Home Secretary David Blunkett", "Home Secretary", ("david",), "blunkett"),
    ],
)
def test_parse_person_name(name: str, titles: str | None, given: tuple[str, ...], surname: str) -> None:
    p = parse_person_name(name)
    assert p is not None
    assert (p.titles, p.given, p.surname) == (titles, given, surname)


@pytest.mark.parametrize(
    "name",
    [
        "he",
        "She",
        "the prime minister",
        "The Tories",
        "a spokesman",
        "it",
        "...",
        "",
        "Dealers",  # a group
        "England",  # a place (a team)
        "June",  # a month
        "American Express Co",  # an organisation's name
        "ACME SETS NEW DIVIDEND",  # a headline
        "P",  # a single letter
        "GATT",  # an acronym
        "Chancellor",  # a title alone
        "Japan's Finance Minister",  # a title is no surname
        "Normally Syria",  # a place is no surname
    ],
)
def test_parse_person_name_rejects_non_names(name: str) -> None:
    assert parse_person_name(name) is None


# --- person merge rules --------------------------------------------------------------------------

# (speakers as (doc, name[, kind]), index pairs that must be one person, pairs that must not)
MERGE_CASES: list[tuple[str, list[tuple[Any, ...]], list[tuple[int, int]], list[tuple[int, int]]]] = [
    (
        "titles stripped for matching",
        [(1, "Turkish President Recep Tayyip Erdogan"), (2, "Recep Tayyip Erdogan"), (3, "President Recep Erdogan")],
        [(0, 1), (1, 2)],
        [],
    ),
    ("honorific and trailing full stop", [(1, "Tony Blair"), (2, "Mr Blair."), (3, "Tony Blair")], [(0, 1)], []),
    (
        "an uncorroborated full name pulls in no bare surname",
        [(1, "Rocky Mountain"), (2, "Mountain")],
        [],
        [(0, 1)],
    ),
    (
        "a first name seen with another surname corroborates",
        [(1, "Jorge Marcano"), (2, "Jorge Sampaio"), (3, "Marcano")],
        [(0, 2)],
        [(1, 2)],
    ),
    ("surname-only joins an unambiguous surname", [(1, "Recep Tayyip Erdogan"), (2, "Erdogan")], [(0, 1)], []),
    (
        "surname-only joins the full name of its own document even when ambiguous",
        [(1, "George Bush"), (1, "Bush"), (2, "Jeb Bush")],
        [(0, 1)],
        [(1, 2), (0, 2)],
    ),
    (
        "surname-only stays apart when ambiguous in the corpus",
        [(1, "George Bush"), (2, "Jeb Bush"), (3, "Bush")],
        [],
        [(0, 1), (0, 2), (1, 2)],
    ),
    ("different first names never merge", [(1, "Tony Blair"), (2, "Cherie Blair")], [], [(0, 1)]),
    ("middle names may differ", [(1, "George W. Bush"), (2, "George Bush")], [(0, 1)], []),
    ("an initial joins the one first name it fits", [(1, "George Bush"), (2, "G. Bush")], [(0, 1)], []),
    (
        "an initial fitting two first names stays apart",
        [(1, "George Bush"), (2, "Gordon Bush"), (3, "G. Bush")],
        [],
        [(0, 2), (1, 2), (0, 1)],
    ),
    (
        "organisations and people never merge",
        [(1, "Ford", "organization"), (2, "Harrison Ford"), (2, "Ford"), (4, "Harrison Ford")],
        [(1, 2)],
        [(0, 1), (0, 2)],
    ),
    (
        "organisations merge on their normalized name",
        [(1, "The Electoral Commission", "organization"), (2, "Electoral Commission", "organization")],
        [(0, 1)],
        [],
    ),
    (
        "surname particles",
        [(1, "Charles de Gaulle"), (2, "de Gaulle"), (3, "General de Gaulle"), (4, "Charles de Gaulle")],
        [(0, 1), (0, 2)],
        [],
    ),
    ("accents fold", [(1, "José Álvarez"), (2, "Jose Alvarez")], [(0, 1)], []),
    ("same surname-only string in two docs", [(1, "Smith"), (2, "Smith")], [(0, 1)], []),
    (
        "a peer is not a namesake",
        [(1, "Des Browne"), (2, "Lord Browne"), (3, "Des Browne"), (4, "Lord Browne")],
        [(1, 3)],
        [(0, 1)],
    ),
    (
        "a bare word that names an organisation too stays apart",
        [(1, "Robert Campeau"), (2, "Robert Campeau"), (3, "Campeau Corp", "organization"), (4, "Campeau")],
        [(0, 1)],
        [(0, 3), (2, 3)],
    ),
    (
        "a one-word organisation (a mistyped headline) does not block a surname",
        [(1, "Kiichi Miyazawa"), (2, "Kiichi Miyazawa"), (3, "MIYAZAWA", "organization"), (4, "Miyazawa")],
        [(0, 3)],
        [(2, 3)],
    ),
    ("an initial-only name pulls in no bare surname", [(1, "S. Action"), (2, "Action")], [], [(0, 1)]),
    ("capitalised Al is a first name", [(1, "Gerry Breach"), (2, "Al Breach")], [], [(0, 1)]),
    (
        "a bare word that is also a first name stays apart",
        [(1, "Vivek Paul"), (2, "Paul Volcker"), (3, "Paul")],
        [],
        [(0, 2), (1, 2)],
    ),
    ("unknown kind never joins a person", [(1, "Comissaria Smith", "unknown"), (2, "Comissaria Smith")], [], [(0, 1)]),
]


@pytest.mark.parametrize(("label", "names", "same", "apart"), MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_merge_rules(
    label: str, names: list[tuple[Any, ...]], same: list[tuple[int, int]], apart: list[tuple[int, int]]
) -> None:
    docs, sps = corpus(*names)
    result = build_corpus(docs, sps, [])
    pids = [person_of(result, s) for s in sps]
    assert all(p is not None for p in pids), label
    for a, b in same:
        assert pids[a] == pids[b], f"{label}: {names[a]} and {names[b]} should be one person"
    for a, b in apart:
        assert pids[a] != pids[b], f"{label}: {names[a]} and {names[b]} should stay apart"


def test_rules_are_recorded() -> None:
    docs, sps = corpus(
        (1, "George Bush"), (1, "Bush"), (2, "Jeb Bush"), (3, "Bush"), (4, "Erdogan"), (5, "Recep Tayyip Erdogan")
    )
    result = build_corpus(docs, sps, [])
    assert [rule_of(result, s) for s in sps] == [
        "full_name",
        "surname_same_doc",
        "full_name",
        "surname_ambiguous",
        "surname_unique",
        "full_name",
    ]


@pytest.mark.parametrize(
    ("full", "bare", "joins"),
    [
        (("2016-12-14", "Reuters"), ("2017-06-01", "BBC"), True),  # within a year, any outlet
        (("1987-03-02", "Reuters"), ("2005-01-10", "BBC"), False),  # 18 years apart
        ((None, "BBC"), (None, "BBC"), True),  # undated, same outlet
        ((None, "BBC"), ("1987-03-02", "Reuters"), False),  # undated, other outlet
    ],
)
def test_surname_unique_needs_the_same_period_or_source(
    full: tuple[str | None, str], bare: tuple[str | None, str], joins: bool
) -> None:
    docs = [doc(1, *full), doc(2, *bare)]
    sps = [speaker(1, "Kevin Hogan"), speaker(2, "Hogan"), speaker(1, "Kevin Keegan")]
    result = build_corpus(docs, sps, [])
    assert (person_of(result, sps[0]) == person_of(result, sps[1])) is joins


def test_weak_titles_strip_only_before_a_full_name() -> None:
    assert parse_person_name("Exchequer Nigel Lawson") == parse_person_name("Nigel Lawson").__class__(
        "Nigel Lawson", "Exchequer", ("nigel",), "lawson"
    )
    p = parse_person_name("Pacific Energy Cooperation")
    assert p is not None and p.given == ("pacific", "energy")


def test_person_record_keeps_titles_variants_and_dates() -> None:
    docs = [doc(1, "2016-12-14", "Reuters"), doc(2, "2017-01-02", "BBC"), doc(3, None, "AP")]
    sps = [
        speaker(1, "Turkish President Recep Tayyip Erdogan", descriptors=["Turkey's leader"], quotes=2),
        speaker(2, "Erdogan", quotes=3),
        speaker(3, "Recep Tayyip Erdogan", quotes=0),
    ]
    result = build_corpus(docs, sps, [])
    (p,) = result["people"]
    assert p["name"] == "Recep Tayyip Erdogan"
    assert p["key"] == "person:erdogan|recep"
    assert p["person_id"] == short_hash("person", ["person", "erdogan", "recep"])
    assert {v["name"] for v in p["variants"]} == {s["name"] for s in sps}
    assert p["titles"] == [
        {"text": "Turkish President", "count": 1, "first_seen": "2016-12-14", "last_seen": "2016-12-14"}
    ]
    assert p["descriptors"][0]["text"] == "Turkey's leader"
    assert (p["first_seen"], p["last_seen"]) == ("2016-12-14", "2017-01-02")
    assert (p["doc_count"], p["speaker_count"], p["quote_count"]) == (3, 3, 5)
    assert p["outlets"] == ["AP", "BBC", "Reuters"]


@pytest.mark.parametrize("name", ["he", "the minister", "They", "A Labour Party spokesman"])
def test_non_names_get_no_person(name: str) -> None:
    docs, sps = corpus((1, name), (2, name, "unknown"))
    result = build_corpus(docs, sps, [])
    assert result["people"] == []
    assert {lk["rule"] for lk in result["speaker_person"]} == {"not_a_name"}
    assert all(lk["person_id"] is None for lk in result["speaker_person"])


def test_alias_forces_a_merge() -> None:
    docs, sps = corpus((1, "Recep Tayyip Erdogan"), (2, "Tayyip Erdogan"))
    apart = build_corpus(docs, sps, [])
    assert person_of(apart, sps[0]) != person_of(apart, sps[1])  # different first given names
    merged = build_corpus(docs, sps, [], aliases={"Tayyip Erdogan": "Recep Tayyip Erdogan"})
    assert person_of(merged, sps[0]) == person_of(merged, sps[1])
    assert rule_of(merged, sps[1]) == "alias"
    (p,) = merged["people"]
    assert p["name"] == "Recep Tayyip Erdogan"
    assert {v["name"] for v in p["variants"]} == {"Recep Tayyip Erdogan", "Tayyip Erdogan"}


def test_alias_resolves_an_ambiguous_surname() -> None:
    docs, sps = corpus((1, "George Bush"), (2, "Jeb Bush"), (3, "Bush"))
    result = build_corpus(docs, sps, [], aliases={"bush": "George Bush"})
    assert person_of(result, sps[2]) == person_of(result, sps[0])


def test_person_id_is_a_function_of_the_key_only() -> None:
    """A new document may add a person or re-link a surname; other people keep their ids."""
    docs, sps = corpus((1, "Tony Blair"), (2, "Gordon Brown"))
    before = {p["name"]: p["person_id"] for p in build_corpus(docs, sps, [])["people"]}
    docs2, sps2 = corpus(
        (1, "Tony Blair"), (2, "Gordon Brown"), (3, "Mr Brown"), (4, "Cherie Blair"), (5, "Gordon Brown")
    )
    after = {p["name"]: p["person_id"] for p in build_corpus(docs2, sps2, [])["people"]}
    assert before["Tony Blair"] == after["Tony Blair"]
    assert before["Gordon Brown"] == after["Gordon Brown"]
    assert len(after) == 3


def test_surname_link_changes_when_a_namesake_arrives() -> None:
    """ "Blair" joins Tony while he is the only Blair; with Cherie in the corpus it stands alone."""
    docs, sps = corpus((1, "Tony Blair"), (2, "Blair"), (4, "Tony Blair"))
    one = build_corpus(docs, sps, [])
    assert person_of(one, sps[1]) == person_of(one, sps[0])
    docs2, sps2 = corpus((1, "Tony Blair"), (2, "Blair"), (3, "Cherie Blair"), (4, "Tony Blair"))
    two = build_corpus(docs2, sps2, [])
    assert person_of(two, sps2[1]) not in (person_of(two, sps2[0]), person_of(two, sps2[2]))
    assert person_of(two, sps2[0]) == person_of(one, sps[0])


# --- quotations ----------------------------------------------------------------------------------

REPRINT = "We will not allow the ceasefire to collapse while civilians are still trapped in the city"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“We will not stop.”", '"we will NOT   stop"'),
        ("It is over...", "it is over"),
        ("'Don't go,'", "don't go"),
    ],
)
def test_normalize_quote_equal(a: str, b: str) -> None:
    assert normalize_quote(a) == normalize_quote(b)


@pytest.mark.parametrize(("a", "b"), [("It is over", "It is not over"), ("we won", "we win")])
def test_normalize_quote_different(a: str, b: str) -> None:
    assert normalize_quote(a) != normalize_quote(b)


def test_reprint_with_small_edits_clusters_and_other_quotes_do_not() -> None:
    docs = [
        doc(1, "2016-12-14", "Reuters"),
        doc(2, "2016-12-15", "BBC"),
        doc(3, "2016-12-14", "AP"),
        doc(4, None, "CNN"),
    ]
    sps = [speaker(d, "Recep Tayyip Erdogan") for d in (1, 2, 3, 4)]
    qs = [
        quote(1, f"“{REPRINT}.”", sps[0]),
        quote(2, REPRINT.replace("city", "town") + ",", sps[1]),  # one word edited
        quote(3, REPRINT.upper(), sps[2]),  # case only
        quote(4, "We will not stop the ceasefire talks just because the opposition walked out of the room", sps[3]),
        quote(1, "Turkey has opened its border to people fleeing the fighting in the east of the city", sps[0], n=1),
    ]
    result = build_corpus(docs, sps, qs)
    qid = {lk["quote_id"]: lk["quotation_id"] for lk in result["quote_quotation"]}
    assert qid[qs[0]["quote_id"]] == qid[qs[1]["quote_id"]] == qid[qs[2]["quote_id"]]
    assert qid[qs[3]["quote_id"]] != qid[qs[0]["quote_id"]]
    assert qid[qs[4]["quote_id"]] not in (qid[qs[0]["quote_id"]], qid[qs[3]["quote_id"]])
    reprint = next(q for q in result["quotations"] if q["quotation_id"] == qid[qs[0]["quote_id"]])
    assert (reprint["quote_count"], reprint["doc_count"], reprint["outlet_count"], reprint["variant_count"]) == (
        3,
        3,
        3,
        2,
    )
    assert reprint["first_seen"] == "2016-12-14"
    assert reprint["first_outlets"] == ["AP", "Reuters"]
    assert reprint["speaker"] == "Recep Tayyip Erdogan"
    assert reprint["person_id"] == result["people"][0]["person_id"]
    near = next(lk for lk in result["quote_quotation"] if lk["quote_id"] == qs[1]["quote_id"])
    assert near["match"] == "near" and 0.5 <= near["similarity"] < 1


def test_template_sentences_with_other_numbers_do_not_cluster() -> None:
    docs = [doc(1), doc(2)]
    qs = [
        quote(1, "Shares of the company closed at 12-1/4 dlrs after the board approved the merger plan", None),
        quote(2, "Shares of the company closed at 14-1/2 dlrs after the board approved the merger plan", None),
    ]
    assert len(build_corpus(docs, [], qs)["quotations"]) == 2


def test_near_duplicates_by_different_people_do_not_cluster() -> None:
    docs = [doc(1), doc(2)]
    a, b = speaker(1, "Tony Blair"), speaker(2, "Gordon Brown")
    qs = [quote(1, REPRINT, a), quote(2, REPRINT.replace("city", "town"), b)]
    assert len(build_corpus(docs, [a, b], qs)["quotations"]) == 2


def test_trimmed_reprint_clusters() -> None:
    docs = [doc(1), doc(2)]
    qs = [quote(1, REPRINT, None), quote(2, REPRINT.split(" while")[0] + " while civilians are still trapped", None)]
    result = build_corpus(docs, [], qs)
    assert len(result["quotations"]) == 1


@pytest.mark.parametrize(
    ("same_person", "expect_one"),
    [(True, True), (False, False)],
)
def test_short_quotes_join_only_with_the_same_person(same_person: bool, expect_one: bool) -> None:
    docs = [doc(1), doc(2)]
    a = speaker(1, "Tony Blair")
    b = speaker(2, "Tony Blair" if same_person else "Gordon Brown")
    result = build_corpus(docs, [a, b], [quote(1, "No comment.", a), quote(2, '"No comment"', b)])
    assert (len(result["quotations"]) == 1) is expect_one


def test_short_unattributed_quotes_stay_per_document() -> None:
    docs = [doc(1), doc(2)]
    result = build_corpus(docs, [], [quote(1, "No comment.", None), quote(2, "No comment.", None)])
    assert len(result["quotations"]) == 2


def test_large_lsh_bucket_is_bounded_and_still_clusters() -> None:
    base = "the minister said the plan would cut waiting times across the whole country by next year"
    tails = ["".join(t) for t in itertools.product("abcdefgh", repeat=3)][:200]
    texts = [f"{base} {tail}" for tail in tails]
    roots = cluster_near_duplicates(texts)
    assert len(set(roots.values())) == 1


# --- schemas, determinism ------------------------------------------------------------------------


def sample_corpus() -> tuple[list[Row], list[Row], list[Row]]:
    docs = [doc(1, "2016-12-14", "Reuters"), doc(2, "2016-12-15", "BBC"), doc(3, None, None)]
    sps = [
        speaker(1, "Turkish President Recep Tayyip Erdogan", descriptors=["Turkey's leader"]),
        speaker(1, "he", "unknown"),
        speaker(2, "Erdogan"),
        speaker(2, "United Nations", "organization"),
        speaker(3, "Vladimir Putin"),
        speaker(3, "Mr Putin"),
    ]
    qs = [
        quote(1, REPRINT, sps[0]),
        quote(1, "No comment", sps[1], n=1),
        quote(2, REPRINT + "!", sps[2]),
        quote(2, "Aid convoys must be allowed in", sps[3], n=1, type_="indirect"),
        quote(3, "We are not going to leave", sps[4]),
        quote(3, "We are not going to leave", sps[5], n=1),
    ]
    return docs, sps, qs


def test_rows_validate_and_convert_to_arrow() -> None:
    result = build_corpus(*sample_corpus())
    for table in TABLES:
        v = Validator(table)
        assert result[table], table
        for row in result[table]:
            assert v.errors(row) == [], (table, row)
        assert to_arrow(table, result[table]).num_rows == len(result[table])


def test_write_derived_round_trip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from quotewire.dataset.derived import write_derived

    result = build_corpus(*sample_corpus())
    for table in TABLES:
        write_derived(tmp_path, table, result[table], {"test": "1"})
        assert pq.read_table(tmp_path / "parquet" / table / "data.parquet").num_rows == len(result[table])


def test_derived_tables_written_a_row_group_at_a_time_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus tables' Parquet written one row group at a time (one group's Arrow data in
    memory) holds what one ``write_parquet`` of all rows holds, in row groups of the same size;
    the JSONL, written line by line, is the rows."""
    import json

    import pyarrow.parquet as pq

    from quotewire.dataset import io as qio
    from quotewire.dataset.derived import write_derived

    result = build_corpus(*sample_corpus())
    monkeypatch.setattr(qio, "ROW_GROUP", 2)
    for table in TABLES:
        rows = result[table]
        assert len(rows) > 2, table
        write_derived(tmp_path / "grouped", table, rows, {"corpus_key": "k"})
        qio.write_parquet(tmp_path / "whole" / f"{table}.parquet", table, rows, {"corpus_key": "k"})
        grouped = pq.ParquetFile(tmp_path / "grouped" / "parquet" / table / "data.parquet")
        whole = pq.ParquetFile(tmp_path / "whole" / f"{table}.parquet")
        assert grouped.read().equals(whole.read()) and grouped.schema_arrow.metadata == whole.schema_arrow.metadata
        assert grouped.metadata.num_row_groups == whole.metadata.num_row_groups == -(-len(rows) // 2)
        lines = (tmp_path / "grouped" / "jsonl" / table / "data.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == json.loads(json.dumps(rows))


def test_build_reads_generators_once(tmp_path: Path) -> None:
    """``rebuild_corpus`` streams the records from the parts: generators give the same rows."""
    docs, sps, qs = sample_corpus()
    assert build_corpus(iter(docs), (s for s in sps), (q for q in qs)) == build_corpus(docs, sps, qs)


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_build_is_deterministic_and_order_independent(rnd: random.Random) -> None:
    docs, sps, qs = sample_corpus()
    expected = build_corpus(docs, sps, qs)
    for xs in (docs, sps, qs):
        rnd.shuffle(xs)
    assert build_corpus(docs, sps, qs) == expected


NAMES = ["Tony Blair", "Blair", "Mr Blair", "Cherie Blair", "G. Brown", "Gordon Brown", "Brown", "BBC", "he"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.sampled_from(NAMES)), min_size=1, max_size=12, unique=True))
def test_random_corpora_are_order_independent_and_valid(names: list[tuple[int, str]]) -> None:
    named = [(d, n, "organization" if n == "BBC" else "person") for d, n in names]
    docs, sps = corpus(*named)
    result = build_corpus(docs, sps, [])
    assert build_corpus(list(reversed(docs)), list(reversed(sps)), []) == result
    v = Validator("people")
    assert all(v.errors(p) == [] for p in result["people"])
    # Different first names never share a person, whatever else is in the corpus.
    by_pid: dict[str | None, set[str]] = {}
    for lk in result["speaker_person"]:
        by_pid.setdefault(lk["person_id"], set()).add(lk["name"])
    for members in by_pid.values():
        assert not {"Tony Blair", "Cherie Blair"} <= members
        assert not {"BBC", "Brown"} <= members
