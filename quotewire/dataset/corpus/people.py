"""The ``people`` and ``speaker_person`` tables: speakers across documents merged into people.

Scope: ``assign_people`` gives every speaker its person key and the rule that linked it;
``people_rows`` turns the keys into rows. Pure functions over schema-shaped speaker and
document records (``build_corpus`` in the package calls them).

Person merge rules (each has a why-comment where it is applied):

1. titles and honorifics ("Turkish President", "Mr", "Dr", "France's") are stripped for
   matching and kept in the record (``variants`` keep the raw name, ``titles`` the stripped
   words); "Lord X" alone keeps its peerage in the key;
2. full names join on (surname, first given name); middle names may differ;
3. different first names never merge; a bare initial joins the one first name it fits (in the
   same period or outlet);
4. a surname-only mention joins a full name when that full name is in the same document; else
   only when exactly one full-name person in the corpus has the surname, the word is nobody's
   first name and no organisation's name word, that full name is corroborated (first name
   seen with another surname, two documents, or two given names), and the two are seen within
   a year (or, undated, in the same outlet). Otherwise an ambiguous bare surname stays a person
   of its own document, and a surname never given in full is one person across documents;
5. organisations and people never merge (``kind`` is part of every key); organisations and
   names of unknown kind join only on their exact normalized name (one legal-form suffix off);
   a person-kind name that is no person name ("American Express Co", a headline) is treated
   as unknown-kind;
6. a user alias (variant -> canonical name) rewrites the name before all of this.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotewire.dataset.corpus.names import (
    _ORG_SUFFIXES,
    _TRIM,
    NOT_NAME_HEADS,
    NOT_PERSON_WORDS,
    TITLES,
    WEAK_TITLES,
    ParsedName,
    Row,
    fold,
    is_proper,
    org_key,
    parse_person_name,
)
from quotewire.dataset.ids import short_hash


@dataclass(slots=True)
class _Speaker:
    speaker_id: str
    doc_id: str
    name: str
    kind: str
    descriptors: list[str]
    quote_count: int
    parsed: ParsedName | None
    aliased: bool
    match_name: str
    key: tuple[str, ...] | None = None
    rule: str = "not_a_name"


def _first_given(p: ParsedName) -> str:
    return p.given[0] if p.given else ""


def _parse_speaker(s: Mapping[str, Any], aliases: Mapping[str, str]) -> _Speaker:
    name = str(s["name"])
    target = aliases.get(fold(name).strip())
    parsed0 = parse_person_name(name)
    if target is None and parsed0 is not None:
        target = aliases.get(fold(parsed0.display))
    # Rule 6: a user alias rewrites the name used for matching (the record keeps its name).
    match_name = target if target is not None else name
    kind = str(s.get("kind") or "unknown")
    parsed = (parsed0 if target is None else parse_person_name(match_name)) if kind == "person" else None
    return _Speaker(
        speaker_id=str(s["speaker_id"]),
        doc_id=str(s["doc_id"]),
        name=name,
        kind=kind,
        descriptors=[str(d) for d in s.get("descriptors") or []],
        quote_count=int(s.get("quote_count") or 0),
        parsed=parsed,
        aliased=target is not None,
        match_name=match_name,
        key=None,
    )


def _not_a_name_word(key: str) -> bool:
    """A one-word key that names no one ("dealers", "inc", "p"): dropped, not kept as unknown."""
    return " " not in key and (
        len(key) < 2 or key in NOT_PERSON_WORDS or key in NOT_NAME_HEADS or key in TITLES or key in WEAK_TITLES
    )


#: A bare surname joins the corpus's only full name if their documents are this close in time.
SURNAME_WINDOW_DAYS = 365


@dataclass(slots=True)
class _Span:
    """When and where a full-name person was seen (for rule 4's corpus-wide case)."""

    lo: int | None = None
    hi: int | None = None
    outlets: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    long: bool = False  # seen with two or more given names ("Recep Tayyip Erdogan")

    def add(self, day: int | None, outlet: str | None) -> None:
        if day is not None:
            self.lo = day if self.lo is None else min(self.lo, day)
            self.hi = day if self.hi is None else max(self.hi, day)
        if outlet:
            self.outlets.add(outlet)

    def near(self, day: int | None, outlet: str | None) -> bool:
        """Same period (dates within the window) or, where a date is missing, same outlet."""
        if day is not None and self.lo is not None and self.hi is not None:
            return self.lo - SURNAME_WINDOW_DAYS <= day <= self.hi + SURNAME_WINDOW_DAYS
        return outlet is not None and outlet in self.outlets


def _day(doc: Mapping[str, Any] | None) -> int | None:
    v = (doc or {}).get("published")
    try:
        return dt.date.fromisoformat(str(v)[:10]).toordinal() if v else None
    except ValueError:
        return None


def _corroborated(
    key: tuple[str, ...], surnames_of_first: Mapping[str, set[str]], spans: Mapping[Any, _Span], org_words: set[str]
) -> bool:
    """Whether a full name is a person's beyond doubt enough to anchor a bare surname.

    Its first name is seen with another surname too (and is no word of an organisation's name:
    "American", "Public"), or it recurs in two documents, or it has two given names. "Since
    Poland" (a sentence start taken for a name) is none of these.
    """
    span = spans[key]
    first_ok = len(surnames_of_first.get(key[2], ())) > 1 and key[2] not in org_words
    return first_ok or len(span.docs) > 1 or span.long


def assign_people(speakers: Sequence[_Speaker], docs: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Set ``key`` and ``rule`` on every speaker (in place); ``key`` None means no person."""
    # Rule 5: kind is the first element of every key, so organisations and people never merge.
    for sp in speakers:
        if sp.kind == "person" and sp.parsed is not None:
            continue
        k = org_key(sp.match_name)
        if (
            k
            and is_proper(sp.match_name)
            and not (sp.kind == "person" and _not_a_name_word(k))
            and k not in _ORG_SUFFIXES
        ):
            # Organisations (and names of unknown kind) join on their exact matching form only.
            # So does a person-kind name that is no person name ("American Express Co", an
            # all-capitals headline): exact text is the only safe evidence for it.
            kind = "unknown" if sp.kind == "person" else sp.kind
            sp.key, sp.rule = (kind, k), "alias" if sp.aliased else kind
    persons = [sp for sp in speakers if sp.kind == "person" and sp.parsed is not None]
    # Words of organisations' names ("Campeau Corp", "Electronic Arts", "Public Utilities"): as
    # a bare surname such a word may name the company, so it never joins across documents.
    # Only names of two or more words count: a one-word "organisation" ("MIYAZAWA" from a
    # headline) is as often a person the extractor mistyped.
    org_words: set[str] = set()
    for sp in speakers:
        words = fold(sp.name).split()
        if sp.kind == "organization" and len(words) > 1:
            org_words.update(w.strip(_TRIM) for w in words)
    # Rule 2/3: full names are bucketed by surname; within a bucket the first given name is
    # the key, so middle names may differ but different first names never merge.
    docs = docs or {}
    firsts: dict[str, set[str]] = defaultdict(set)
    first_spans: dict[tuple[str, str], _Span] = defaultdict(_Span)
    for sp in persons:
        assert sp.parsed is not None
        if sp.parsed.given and len(_first_given(sp.parsed)) > 1:
            firsts[sp.parsed.surname].add(_first_given(sp.parsed))
            doc = docs.get(sp.doc_id)
            first_spans[(sp.parsed.surname, _first_given(sp.parsed))].add(_day(doc), (doc or {}).get("outlet"))
    for sp in persons:
        p = sp.parsed
        assert p is not None
        if not p.given:
            continue
        first = _first_given(p)
        rule = "alias" if sp.aliased else "full_name"
        if len(first) == 1:
            # Rule 3: "G. Bush" joins the one first name starting with G in the bucket; with
            # two candidates (George, Gordon) it stays apart, since it could be either. Like a
            # bare surname it needs the same period or source ("S. Jobs" of 1987 is no Steve).
            fits = sorted(f for f in firsts[p.surname] if f.startswith(first))
            doc = docs.get(sp.doc_id)
            if len(fits) == 1 and first_spans[(p.surname, fits[0])].near(_day(doc), (doc or {}).get("outlet")):
                first, rule = fits[0], "alias" if sp.aliased else "initial"
        sp.key, sp.rule = ("person", p.surname, first), rule
    # Rule 4: surname-only mentions. Same-document full names come first (the article itself
    # introduced the person); else the corpus decides, and only when it is unambiguous.
    doc_full: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    corpus_full: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    given_names: set[str] = set()
    surnames_of_first: dict[str, set[str]] = defaultdict(set)
    spans: dict[tuple[str, ...], _Span] = defaultdict(_Span)
    for sp in persons:
        if sp.key is not None:
            assert sp.parsed is not None
            doc = docs.get(sp.doc_id)
            spans[sp.key].add(_day(doc), (doc or {}).get("outlet"))
            spans[sp.key].docs.add(sp.doc_id)
            if len(sp.parsed.given) > 1:
                spans[sp.key].long = True
            doc_full[(sp.doc_id, sp.parsed.surname)].add(sp.key)
            if len(sp.key[2]) > 1:
                # A name with an initial for a first name ("S. Action", often the tail of
                # "U.S.") is too weak to pull in other documents' bare surnames.
                corpus_full[sp.parsed.surname].add(sp.key)
            given_names.update(g for g in sp.parsed.given if len(g) > 1)
            surnames_of_first[sp.key[2]].add(sp.parsed.surname)
    for sp in persons:
        if sp.key is not None:
            continue
        assert sp.parsed is not None
        surname = sp.parsed.surname
        same_doc = doc_full.get((sp.doc_id, surname), set())
        if len(same_doc) == 1:
            sp.key, sp.rule = next(iter(same_doc)), "surname_same_doc"
        elif (
            not same_doc
            and len(corpus_full.get(surname, ())) == 1
            and surname not in given_names
            and surname not in org_words
            and _corroborated(next(iter(corpus_full[surname])), surnames_of_first, spans, org_words)
            and spans[next(iter(corpus_full[surname]))].near(
                _day(docs.get(sp.doc_id)), (docs.get(sp.doc_id) or {}).get("outlet")
            )
        ):
            # One full name with this surname in the whole corpus, the word is nobody's first
            # name ("Paul" may be Paul Volcker's first name, not Vivek Paul's surname), that full
            # name is corroborated as a person's (_corroborated: "Since Poland" is no person),
            # the word is in no organisation's name,
            # and the documents are of the same
            # period (or, undated, the same outlet): a 1987 "Hogan" is not 2005's "Kevin Hogan".
            sp.key, sp.rule = next(iter(corpus_full[surname])), "surname_unique"
        elif same_doc or surname in corpus_full or surname in given_names:
            # Ambiguous ("Bush" with George and Jeb in the corpus): which Bush is unknown, so the
            # mention is a person of its own document only and joins nothing.
            sp.key, sp.rule = ("person", surname, "", sp.doc_id), "surname_ambiguous"
        else:
            # Never given in full anywhere ("Reagan"): the bare surname is the person.
            sp.key, sp.rule = ("person", surname, ""), "surname_only"
        if sp.aliased:
            sp.rule = "alias"


def _dated(items: Iterable[tuple[str, str | None]]) -> list[Row]:
    """[(text, date)] -> [{text, count, first_seen, last_seen}] by count desc, then text."""
    acc: dict[str, list[Any]] = {}
    for text, date in items:
        a = acc.setdefault(text, [0, None, None])
        a[0] += 1
        if date is not None:
            a[1] = date if a[1] is None or date < a[1] else a[1]
            a[2] = date if a[2] is None or date > a[2] else a[2]
    rows = [{"text": t, "count": a[0], "first_seen": a[1], "last_seen": a[2]} for t, a in acc.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["text"]))


def _canonical_name(members: Sequence[_Speaker]) -> str:
    """The fullest name form seen (most words, then most frequent, then alphabetical)."""
    counts = Counter(sp.parsed.display if sp.parsed is not None else sp.name.strip() for sp in members)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def _key_text(key: tuple[str, ...]) -> str:
    return key[0] + ":" + "|".join(key[1:])


def people_rows(
    speakers: Sequence[_Speaker], docs: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Row], list[Row], dict[str, str | None]]:
    """Rows of ``people`` and ``speaker_person``, and speaker_id -> person_id."""
    groups: dict[tuple[str, ...], list[_Speaker]] = defaultdict(list)
    for sp in speakers:
        if sp.key is not None:
            groups[sp.key].append(sp)
    people: list[Row] = []
    pid_of_key = {k: short_hash("person", list(k)) for k in groups}
    for key, members in groups.items():
        dates = [docs.get(sp.doc_id, {}).get("published") for sp in members]
        known = sorted(d for d in dates if d)
        outlets = sorted({o for sp in members if (o := docs.get(sp.doc_id, {}).get("outlet"))})
        variants = Counter(sp.name for sp in members)
        people.append(
            {
                "person_id": pid_of_key[key],
                "kind": key[0],
                "name": _canonical_name(members),
                "key": _key_text(key),
                "variants": [{"name": n, "count": c} for n, c in sorted(variants.items(), key=lambda x: (-x[1], x[0]))],
                "titles": _dated(
                    (sp.parsed.titles, d)
                    for sp, d in zip(members, dates, strict=True)
                    if sp.parsed and sp.parsed.titles
                ),
                "descriptors": _dated((t, d) for sp, d in zip(members, dates, strict=True) for t in sp.descriptors),
                "first_seen": known[0] if known else None,
                "last_seen": known[-1] if known else None,
                "doc_count": len({sp.doc_id for sp in members}),
                "speaker_count": len(members),
                "quote_count": sum(sp.quote_count for sp in members),
                "outlets": outlets,
            }
        )
    people.sort(key=lambda r: r["person_id"])
    links: list[Row] = []
    pid_of_speaker: dict[str, str | None] = {}
    for sp in speakers:
        pid = pid_of_key[sp.key] if sp.key is not None else None
        pid_of_speaker[sp.speaker_id] = pid
        links.append(
            {"speaker_id": sp.speaker_id, "doc_id": sp.doc_id, "person_id": pid, "name": sp.name, "rule": sp.rule}
        )
    links.sort(key=lambda r: r["speaker_id"])
    return people, links, pid_of_speaker
