"""The ``quotations`` and ``quote_quotation`` tables: quotes across reprints joined into quotations.

Scope: ``normalize_quote`` (the matching form of a quote), word-bigram shingles, MinHash LSH
and ``cluster_near_duplicates`` for near-duplicate wording, and ``quotation_rows``. Pure
functions over schema-shaped quote and document records (``build_corpus`` in the package calls
them with the speakers' person ids).

Quotation rules: equal normalized text joins (8+ words whoever the speaker; shorter only with
the same person; short unattributed quotes stay per document); 12+-word texts also join as
near-duplicates (word-bigram Jaccard >= 0.5 or containment >= 0.9, equal numbers, compatible
speakers), found with MinHash LSH.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from quotewire.dataset.corpus.names import _APOSTROPHES, Row, _words
from quotewire.dataset.ids import short_hash

#: Quotes of at least this many words join on equal text whoever they are attributed to.
NEAR_MIN_WORDS = 8
#: Jaccard similarity of word-bigram sets at or above which two long quotes are one quotation.
NEAR_JACCARD = 0.5
#: Quotes of at least this many words may join near-duplicates (fuzzy). Measured on Reuters +
#: BBC: 8-11-word near matches were mostly wire boilerplate reused across unrelated stories (one
#: preposition or month apart; 22/30 right, against 30/30 from 12 words), so they join only
#: exact twins.
FUZZY_MIN_WORDS = 12
#: Containment (shared bigrams / bigrams of the shorter) for a reprint that trims a quote.
NEAR_CONTAINMENT = 0.9
#: MinHash signature: BANDS bands of ROWS rows (threshold about (1/BANDS)**(1/ROWS) = 0.35).
BANDS, ROWS = 8, 2
#: LSH buckets larger than this compare neighbours only (keeps the worst case linear).
MAX_BUCKET = 64


_QUOTE_MARKS = re.compile(
    "[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`]|(?<!\\w)['\u2018\u2019]|['\u2018\u2019](?!\\w)"
)
_EDGE_PUNCT = " \t\n.,;:!?\u2026-\u2013\u2014"


def normalize_quote(text: str) -> str:
    """Matching form of a quote: NFKC, no quote marks, casefolded, one space, no edge punctuation.

    Apostrophes inside words ("don't") stay; quote marks at word edges go.
    """
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    s = _QUOTE_MARKS.sub(" ", s)
    s = " ".join(s.casefold().split())
    return s.strip(_EDGE_PUNCT)


_WORD = re.compile(r"\w+(?:'\w+)*")
_NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
    mln bln first second third fourth fifth half quarter january february march april may june
    july august september october november december monday tuesday wednesday thursday friday
    saturday sunday"""
)


@dataclass(frozen=True, slots=True)
class QuoteText:
    """What near-duplicate matching needs of one normalized text."""

    shingles: frozenset[int]
    numbers: frozenset[str]


# A small cache: a bucket's members are compared pairwise, so recent texts recur; a cache the
# size of the corpus kept every quote's shingles alive after the rebuild (serve/watch processes).
@functools.lru_cache(maxsize=4096)
def quote_text(norm: str) -> QuoteText:
    """Word-bigram shingles (stable crc32 hashes, not ``hash()``) and the numbers of a text."""
    words = _WORD.findall(norm)
    numbers = frozenset(w for w in words if w in _NUMBER_WORDS or any(ch.isdigit() for ch in w))
    if len(words) < 2:
        return QuoteText(frozenset(zlib.crc32(w.encode()) for w in words), numbers)
    return QuoteText(frozenset(zlib.crc32(f"{a} {b}".encode()) for a, b in itertools.pairwise(words)), numbers)


def shingles(norm: str) -> frozenset[int]:
    """Word-bigram shingles of a normalized quote."""
    return quote_text(norm).shingles


_M32 = 0xFFFFFFFF
_PERMS = [((2 * zlib.crc32(f"a{i}".encode()) + 1) & _M32, zlib.crc32(f"b{i}".encode())) for i in range(BANDS * ROWS)]


def minhash(sh: frozenset[int]) -> tuple[int, ...]:
    """MinHash signature of a shingle set under BANDS*ROWS fixed odd-multiplier permutations."""
    return tuple(min(((h * a) + b) & _M32 for h in sh) for a, b in _PERMS)


def similarity(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, containment in the smaller set) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near_duplicate(a: QuoteText, b: QuoteText) -> bool:
    """Whether two long quotes are one quotation reprinted with small edits.

    Small edits: word-bigram Jaccard >= 0.5, or a trimmed reprint (containment >= 0.9 of 11+
    bigrams). The numbers must be the same: "closed at 12-1/4 dlrs" and "closed at 14-1/2
    dlrs" are two reports from one wire template, not one quotation.
    """
    if a.numbers != b.numbers:
        return False
    jac, cont = similarity(a.shingles, b.shingles)
    return jac >= NEAR_JACCARD or (
        cont >= NEAR_CONTAINMENT and min(len(a.shingles), len(b.shingles)) >= FUZZY_MIN_WORDS - 1
    )


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller text is the root, so components do not depend on input order.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def cluster_near_duplicates(
    norms: Iterable[str], persons: Mapping[str, frozenset[str]] | None = None
) -> dict[str, str]:
    """Map each long normalized text to its cluster's smallest member (itself when alone).

    LSH: texts sharing one band of their MinHash signature are candidates, and a candidate pair
    joins when ``is_near_duplicate`` holds and their speakers agree (``persons``: the person ids
    a text is attributed to; texts with none agree with anyone). Components are transitive. A
    bucket larger than MAX_BUCKET compares sorted neighbours only, so the work stays linear.
    """
    items = sorted(set(norms))
    persons = persons or {}
    uf = _UnionFind(items)
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for t in items:
        # Shingles are not kept for every text (a few KB each, O(corpus)): the candidates'
        # are recomputed below, through quote_text's small cache.
        sh = quote_text(t).shingles
        if not sh:
            continue
        sig = minhash(sh)
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS : (band + 1) * ROWS])].append(t)
    seen: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BUCKET:
            pairs: Iterable[tuple[str, str]] = itertools.combinations(members, 2)
        else:
            pairs = itertools.pairwise(members)
        for a, b in pairs:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            pa, pb = persons.get(a, frozenset()), persons.get(b, frozenset())
            # Different speakers on both sides: two people's similar sentences (or one wire
            # template filled for two companies) are not one quotation.
            if pa and pb and not pa & pb:
                continue
            if is_near_duplicate(quote_text(a), quote_text(b)):
                uf.union(a, b)
    return {t: uf.find(t) for t in items}


def _majority(values: Iterable[str | None]) -> str | None:
    c = Counter(v for v in values if v is not None)
    return min(c, key=lambda v: (-c[v], v)) if c else None


class QuoteIn(NamedTuple):
    """The fields of a quote record the quotation rules read (a tuple: a dict per quote of the
    whole corpus cost about four times as much, and the rebuild keeps every quote)."""

    quote_id: str
    doc_id: Any
    text: Any
    speaker_id: Any
    type: Any

    @classmethod
    def of(cls, q: Mapping[str, Any]) -> QuoteIn:
        return cls(str(q["quote_id"]), q["doc_id"], q.get("text"), q.get("speaker_id"), q.get("type"))


def quotation_rows(
    quotes: Sequence[QuoteIn],
    docs: Mapping[str, Mapping[str, Any]],
    pid_of_speaker: Mapping[str, str | None],
    person_names: Mapping[str, str],
) -> tuple[list[Row], list[Row]]:
    """Rows of ``quotations`` and ``quote_quotation``."""
    prepared = []
    long_persons: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        norm = normalize_quote(str(q.text or ""))
        sid = q.speaker_id
        pid = pid_of_speaker.get(sid) if isinstance(sid, str) else None
        is_long = len(norm.split()) >= NEAR_MIN_WORDS
        if len(norm.split()) >= FUZZY_MIN_WORDS:
            s = long_persons[norm]
            if pid is not None:
                s.add(pid)
        prepared.append((q, norm, pid, is_long))
    root = cluster_near_duplicates(long_persons, {t: frozenset(p) for t, p in long_persons.items()})
    groups: dict[tuple[str, ...], list[tuple[QuoteIn, str, str | None]]] = defaultdict(list)
    for q, norm, pid, is_long in prepared:
        if is_long:
            # Long quotes are specific enough that equal wording is one quotation whoever it was
            # attributed to (a reprint may lose or change the attribution); near-equal wording
            # joins when the speakers agree (cluster_near_duplicates).
            key: tuple[str, ...] = ("text", root.get(norm, norm))
        elif norm and pid is not None:
            # Short quotes ("No comment", "We will see") recur between people: the text joins
            # only with the same person.
            key = ("short", norm, pid)
        else:
            # A short unattributed quote (or an empty one) has no evidence of identity beyond
            # its document.
            key = ("doc", str(q.doc_id), norm)
        groups[key].append((q, norm, pid))
    # The groups hold all that the rows need: the per-quote tuples, the texts' persons and the
    # cluster map go before the rows are built (at 100,000 articles, tens of MiB at the peak).
    del prepared, long_persons, root
    rows: list[Row] = []
    links: list[Row] = []
    for key, members in groups.items():
        qid = short_hash("quotation", list(key))
        doc_ids = sorted({str(q.doc_id) for q, _, _ in members})
        metas = [docs.get(d, {}) for d in doc_ids]
        dated = [str(m["published"]) for m in metas if m.get("published")]
        first = min(dated) if dated else None
        outlets = sorted({str(m["outlet"]) for m in metas if m.get("outlet")})
        first_outlets = sorted(
            {str(m["outlet"]) for m in metas if m.get("outlet") and first and m.get("published") == first}
        )
        if len(members) == 1:
            q0, _, p0 = members[0]
            canon, pid, qtype, variants = str(q0.text or "").strip(), p0, str(q0.type), 1
        else:
            texts = Counter(str(q.text or "").strip() for q, _, _ in members)
            canon = min(texts, key=lambda t: (-texts[t], -len(t), t))
            pid = _majority(p for _, _, p in members)
            qtype = _majority(str(q.type) for q, _, _ in members) or "direct"
            variants = len({n for _, n, _ in members})
        canon_norm = key[1] if key[0] == "text" else normalize_quote(canon)
        rows.append(
            {
                "quotation_id": qid,
                "text": canon,
                "normalized": canon_norm,
                "person_id": pid,
                "speaker": person_names.get(pid) if pid else None,
                "type": qtype if qtype in ("direct", "indirect", "mixed") else "direct",
                "quote_count": len(members),
                "doc_count": len(doc_ids),
                "outlet_count": len(outlets),
                "outlets": outlets,
                "variant_count": variants,
                "first_seen": first,
                "first_outlets": first_outlets,
            }
        )
        for q, norm, _ in members:
            exact = norm == canon_norm
            links.append(
                {
                    "quote_id": q.quote_id,
                    "doc_id": str(q.doc_id),
                    "quotation_id": qid,
                    "match": "exact" if exact else "near",
                    "similarity": 1.0 if exact else round(similarity(shingles(norm), shingles(canon_norm))[0], 4),
                }
            )
    rows.sort(key=lambda r: r["quotation_id"])
    links.sort(key=lambda r: r["quote_id"])
    return rows, links
