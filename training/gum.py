"""Reading GUM (``../shared/gold/gum/``) for the training scripts: one reader for both models.

``doc_ids`` lists a split's documents whose ``text_licence`` has no NC (the only ones we may train
on); ``read_conllu`` reads a document's word rows (multi-word and empty tokens skipped), the entity
annotation's field names, each row's sentence start and the rows that open a paragraph;
``entity_mentions`` turns the bracketed ``Entity=`` annotation into mentions. ``train_ner.py`` and
``train_pronouns.py`` read the same files this way and differ only in what they keep.
"""

from __future__ import annotations

import collections
import os
import re
from dataclasses import dataclass, field

# One item of an Entity= value: "(single)", "(opening" or "closing)".
ENTITY_ITEM = re.compile(r"\(([^()]+)\)|\(([^()]+)|([^()]+)\)")


def docs_table(shared: str) -> dict[str, dict[str, str]]:
    """``docs.tsv``: document id -> its row (split, genre, text_licence, ...)."""
    path = os.path.join(shared, "gold", "gum", "docs.tsv")
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return {r["doc_id"]: r for r in (dict(zip(header, line.rstrip("\n").split("\t"), strict=False)) for line in f)}


def doc_ids(shared: str, split: str) -> list[str]:
    """The split's documents we may train on (no NC licence), sorted: a deterministic order."""
    return sorted(d for d, r in docs_table(shared).items() if r["split"] == split and "NC" not in r["text_licence"])


def conllu_path(shared: str, doc_id: str) -> str:
    return os.path.join(shared, "gold", "gum", "dep", doc_id + ".conllu")


@dataclass
class Conllu:
    fields: list[str] = field(default_factory=list)  # the Entity annotation's field names
    rows: list[list[str]] = field(default_factory=list)  # word rows (10 columns)
    sent_off: list[int] = field(default_factory=list)  # per row: the row index its sentence starts at
    newpar_before: set[int] = field(default_factory=set)  # rows that open a paragraph


def read_conllu(path: str) -> Conllu:
    doc = Conllu()
    pending_par = False
    cur_start = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# global.Entity"):
                doc.fields = line.split("=", 1)[1].strip().split("-")
            elif line.startswith("# newpar"):
                pending_par = True
            elif line.startswith("#") or not line:
                continue
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                if cols[0] == "1":
                    cur_start = len(doc.rows)
                    if pending_par:
                        doc.newpar_before.add(len(doc.rows))
                        pending_par = False
                doc.rows.append(cols)
                doc.sent_off.append(cur_start)
    return doc


def entity_mentions(doc: Conllu) -> list[dict[str, str | int]]:
    """Mentions in the order they close: ``eid``, ``etype``, ``start``/``end`` (row indices,
    inclusive), ``minspan`` (1-based offsets within the mention, comma-separated)."""
    opened: dict[str, list[dict[str, str | int]]] = collections.defaultdict(list)
    mentions: list[dict[str, str | int]] = []
    for i, cols in enumerate(doc.rows):
        value = next((kv[7:] for kv in cols[9].split("|") if kv.startswith("Entity=")), "")
        for single, opening, closing in ENTITY_ITEM.findall(value):
            if single or opening:
                a = dict(zip(doc.fields, (single or opening).split("-"), strict=False))
                m: dict[str, str | int] = {"eid": a.get("GRP", ""), "etype": a.get("etype", ""), "start": i,
                                           "minspan": a.get("minspan", "1")}
                if single:
                    m["end"] = i
                    mentions.append(m)
                else:
                    opened[a["GRP"]].append(m)
            elif opened[closing]:
                m = opened[closing].pop()
                m["end"] = i
                mentions.append(m)
    return mentions
