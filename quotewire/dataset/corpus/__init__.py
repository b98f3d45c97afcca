"""Corpus-level identity: people across documents, and quotations across reprints.

Scope: pure functions over the committed records of the whole output (``documents``,
``speakers``, ``quotes`` as schema-shaped dicts); no IO, no Prefect. ``build_corpus`` returns the
rows of four derived tables, each validated by its own schema in ``schemas/``:

- ``people``: one row per person or organisation, ``person_id`` a hash of its canonical key;
- ``speaker_person``: ``speaker_id`` -> ``person_id`` (null for speakers that are no name:
  pronouns, descriptions), with the rule that linked it;
- ``quotations``: one row per distinct quotation (exact normalized text, or near-duplicate
  wording for quotes of 12+ words), ``quotation_id`` a hash of its canonical key;
- ``quote_quotation``: ``quote_id`` -> ``quotation_id``.

The per-document part files are never touched: a merge that changes as documents arrive only
changes the two small link tables, rebuilt from scratch each run (a rebuild is linear in the
corpus: names are bucketed by surname, quotations by exact key and MinHash LSH bands; nothing
compares all pairs). Output is deterministic and independent of input order.

The package: ``names`` (matching forms of names), ``people`` (``people`` and
``speaker_person``, with the person merge rules), ``quotations`` (``quotations`` and
``quote_quotation``, with the quotation rules); ``build_corpus`` here runs them in order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from quotewire.dataset.corpus.names import Row, fold, parse_person_name
from quotewire.dataset.corpus.people import _parse_speaker, assign_people, people_rows
from quotewire.dataset.corpus.quotations import QuoteIn, cluster_near_duplicates, normalize_quote, quotation_rows

__all__ = ["TABLES", "build_corpus", "cluster_near_duplicates", "corpus_tables", "normalize_quote", "parse_person_name"]

log = logging.getLogger(__name__)

#: The derived tables ``build_corpus`` returns, in dependency order (each has a schema).
TABLES: tuple[str, ...] = ("people", "speaker_person", "quotations", "quote_quotation")


def build_corpus(
    documents: Iterable[Mapping[str, Any]],
    speakers: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    *,
    aliases: Mapping[str, str] | None = None,
) -> dict[str, list[Row]]:
    """Rows of ``people``, ``speaker_person``, ``quotations`` and ``quote_quotation``.

    ``documents`` need ``doc_id``, ``published`` (ISO date or None) and ``outlet``; speakers and
    quotes are schema-shaped records. ``aliases`` maps a name variant to a canonical name (a
    user's alias file) and forces that merge. The result is a function of the set of input
    records: order does not matter, and a rerun gives identical rows.
    """
    return dict(corpus_tables(documents, speakers, quotes, aliases=aliases))


def corpus_tables(
    documents: Iterable[Mapping[str, Any]],
    speakers: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    *,
    aliases: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, list[Row]]]:
    """``build_corpus``'s tables one at a time, in ``TABLES`` order, for a caller that writes
    and drops each before the next (``rebuild_corpus``).

    Each input is read once, in the order documents, speakers, quotes, and any may be a
    generator: the speakers are read (into their parsed, compact form) only when the people
    tables are built, and dropped before the quotes are read; only each speaker's person id
    and each person's name carry over to the quotations.
    """
    docs = {str(d["doc_id"]): d for d in documents}
    alias_map = {fold(k).strip(): v for k, v in (aliases or {}).items()}
    sps = sorted((_parse_speaker(s, alias_map) for s in speakers), key=lambda s: s.speaker_id)
    assign_people(sps, docs)
    people, links, pid_of_speaker = people_rows(sps, docs)
    n_speakers, n_people = len(sps), len(people)
    del sps
    names = {p["person_id"]: p["name"] for p in people}
    yield "people", people
    del people
    yield "speaker_person", links
    del links
    qs = sorted((QuoteIn.of(q) for q in quotes), key=lambda q: q.quote_id)
    quotations, qlinks = quotation_rows(qs, docs, pid_of_speaker, names)
    log.info("corpus: %d speakers -> %d people; %d quotes -> %d quotations", n_speakers, n_people, len(qs),
             len(quotations))
    del qs
    yield "quotations", quotations
    del quotations
    yield "quote_quotation", qlinks
