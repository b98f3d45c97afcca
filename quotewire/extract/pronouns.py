"""Mention-ranking pronoun resolver: link he/she/it/they to one earlier NAMED mention.

Pure runtime module (standard library only). For a pronoun span in an article and the named mentions
before it (PER/ORG/LOC/OTHER, each with an entity id and an optional gender), a linear model scores
every candidate mention and the best one is returned. The model never links a pronoun to another
pronoun, so it cannot snowball into one long pronoun chain. Weights are trained on GUM by
``train_pronouns.py`` and stored as a small JSON file (feature name -> weight)::

    ranker = pronouns.load("model")                     # or pronouns.default_ranker()
    idx = ranker.antecedent(text, (s, e), candidates, sentence_starts)   # index into candidates or None

Features are integer ids (``FEATURE_NAMES[id]`` gives the name stored in the JSON file) so that the
hot loop is a sum of list look-ups; per-text work (tokens, quote and parenthesis state) and
per-mention context (neighbouring words) are cached by text.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "FEATURE_NAMES",
    "Candidate",
    "Ranker",
    "candidate_features",
    "default_ranker",
    "load",
    "pronoun_class",
    "select_window",
]

MAX_SENT: Final[int] = 8  # candidates from the pronoun's sentence and the 7 before it
MAX_CAND: Final[int] = 25  # at most this many most recent candidates


@dataclass(frozen=True, slots=True)
class Candidate:
    """An earlier named mention: character span, label (PER/ORG/LOC/OTHER), entity id, gender f/m/""."""

    start: int
    end: int
    label: str
    entity: int
    gender: str


# ---------------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------------
PRONOUNS: Final[dict[str, tuple[int, str]]] = {
    # word -> (class index: 0 he/she, 1 it, 2 they; gender)
    "he": (0, "m"), "him": (0, "m"), "his": (0, "m"), "himself": (0, "m"),
    "she": (0, "f"), "her": (0, "f"), "hers": (0, "f"), "herself": (0, "f"),
    "it": (1, ""), "its": (1, ""), "itself": (1, ""),
    "they": (2, ""), "them": (2, ""), "their": (2, ""), "theirs": (2, ""), "themselves": (2, ""),
}
CLASS_NAMES: Final[tuple[str, ...]] = ("hs", "it", "they")
SPEECH_VERBS: Final[frozenset[str]] = frozenset(
    """said says say saying told tells tell added adds according stated states explained explains noted
    notes argued argues asked asks replied replies announced announces claimed claims insisted insists
    wrote writes tweeted warned warns commented comments declared declares continued recalled recalls
    confirmed confirms denied denies acknowledged admitted admits suggested suggests urged urges stressed
    stresses testified""".split()
)
PREPOSITIONS: Final[frozenset[str]] = frozenset("of for with by at to from in on".split())
MALE_CUES: Final[frozenset[str]] = frozenset(
    """mr mr. sir lord king prince duke emperor pope father brother uncle man boy son husband
    grandfather spokesman chairman congressman businessman actor""".split()
)
FEMALE_CUES: Final[frozenset[str]] = frozenset(
    """mrs mrs. ms ms. miss lady queen princess duchess empress mother sister aunt dame madame woman girl
    daughter wife grandmother spokeswoman chairwoman congresswoman businesswoman actress""".split()
)
OPEN_QUOTES: Final[frozenset[str]] = frozenset({"“", "«", "``"})
CLOSE_QUOTES: Final[frozenset[str]] = frozenset({"”", "»", "''"})
TOGGLE_QUOTES: Final[frozenset[str]] = frozenset({'"'})
POSSESSIVE: Final[frozenset[str]] = frozenset({"'s", "’s", "'", "’"})
TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"[’']s\b|``|''|\w+(?:[-.’']\w+)*?(?=[’']s\b)|\w+(?:[-.’']\w+)*|\S")
SENT_END: Final[frozenset[str]] = frozenset({".", "!", "?", ";"})
_STATE_TOKENS: Final[frozenset[str]] = OPEN_QUOTES | CLOSE_QUOTES | TOGGLE_QUOTES | {"(", ")"}
LABELS: Final[dict[str, int]] = {"PER": 0, "ORG": 1, "LOC": 2, "OTHER": 3}

# ---------------------------------------------------------------------------------------------
# Feature space: (group, number of values); every group is conjoined with the pronoun class.
# ---------------------------------------------------------------------------------------------
GROUPS: Final[tuple[tuple[str, int], ...]] = (
    # Recency: pronouns mostly refer to something recent; rank among all candidates and among the
    # type/gender-compatible ones, sentence and token distance.
    ("rank", 7), ("crank", 5), ("sdist", 4), ("tdist", 6),
    # Agreement: he/she vs the entity's gender (match/mismatch/unknown; for it/they: gender known);
    # label per pronoun class (it -> ORG/LOC/OTHER, they -> ORG or plural); plural-looking name.
    ("gender", 4), ("label", 4), ("plural", 2),
    # Salience / grammatical role without a parser: first named mention of its sentence (subject
    # proxy), speech verb next to the mention (speaker), preposition before (object), possessive 's,
    # inside parentheses, mention count of its entity so far (salience), most recent compatible entity,
    # most recent entity whose known gender matches he/she.
    ("first", 3), ("speech", 3), ("prep", 2), ("poss", 2), ("paren", 2), ("count", 4),
    ("recent", 2), ("match_recent", 2),
    # Quotation: candidate inside/outside quotes x pronoun inside/outside (a pronoun in a quote rarely
    # refers to a name in the same quote; "he" outside after a quote is usually its speaker).
    ("quote", 4),
    # Pronoun position conjoined with candidate role: sentence-initial pronoun x subject proxy;
    # speech-tag pronoun (after a closing quote or before "said") x speech verb / quoted candidate.
    ("init_first", 6), ("tag_speech", 6), ("tag_quote", 4),
)
_BASE: dict[str, int] = {}
_names: list[str] = []
for _g, _n in GROUPS:
    _BASE[_g] = len(_names)
    for _c in CLASS_NAMES:
        _names.extend(f"{_g}:{_c}:{_v}" for _v in range(_n))
FEATURE_NAMES: Final[tuple[str, ...]] = tuple(_names)
_SIZE: Final[dict[str, int]] = dict(GROUPS)
# per class offsets: id = base + class * size + value
_OFF: Final[tuple[tuple[int, ...], ...]] = tuple(
    tuple(_BASE[g] + c * n for g, n in GROUPS) for c in range(len(CLASS_NAMES))
)
RANK_BUCKET: Final[tuple[int, ...]] = (0, 1, 2, 3, 4, 4, 5, 5, 5, 5)  # >= 10 -> 6
COUNT_BUCKET: Final[tuple[int, ...]] = (0, 0, 1, 2, 2, 2, 3)  # 1, 2, 3-5, 6+
CRANK_BUCKET: Final[tuple[int, ...]] = (0, 1, 2, 3)
SD_BUCKET: Final[tuple[int, ...]] = (0, 1, 2, 3)
TDIST_EDGES: Final[tuple[int, ...]] = (5, 10, 20, 40, 80)


def pronoun_class(word: str) -> tuple[int, str] | None:
    """(class index 0 he/she, 1 it, 2 they; pronoun gender) of a pronoun, None for other words."""
    return PRONOUNS.get(word.lower())


# ---------------------------------------------------------------------------------------------
# Tokens: TOKEN_RE's spans, found faster
_FAST_TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"[’']s\b|``|''|\w+(?:[-.’']\w+)*|\S")
_POSSESSIVE_IN: Final[re.Pattern[str]] = re.compile(r"(?<=\w)[’']s\b")


def token_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``TOKEN_RE.finditer(text)`` gives, at less than half its cost.

    Why: TOKEN_RE's lazy word alternative (a word before a possessive "'s") is retried at every
    word; the greedy pattern finds the same tokens except inside the rare word that holds "'s"
    before its end ("Trump's", "Trump's-era"), which is re-split with TOKEN_RE itself.
    """
    out: list[tuple[int, int]] = []
    for m in _FAST_TOKEN_RE.finditer(text):
        s, e = m.span()
        if e - s > 2 and _POSSESSIVE_IN.search(text, s + 1, e) is not None:
            out.extend(m2.span() for m2 in TOKEN_RE.finditer(text, s, e))
        else:
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------------
# Per-text context (cached)
# ---------------------------------------------------------------------------------------------
class _TextInfo:
    """Tokens of one text with quote/parenthesis state and lazily computed mention contexts."""

    __slots__ = ("ends", "inq", "low", "ments", "paren", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ments: dict[tuple[int, int], tuple[int, int, int, int, int, int, str, int]] = {}
        spans = token_spans(text)
        self.starts: list[int] = [s for s, _ in spans]
        self.ends: list[int] = [e for _, e in spans]
        words = [text[s:e] for s, e in spans]
        self.low: list[str] = [w.lower() for w in words]
        n = len(words)
        # Quote and parenthesis state changes only at a few tokens (marks, parentheses, the first
        # token after a line break): walk those events and fill the runs between them, instead
        # of a Python step per token. Same states as a token-by-token walk.
        resets = {bisect.bisect_left(self.starts, m.start()) for m in re.finditer("\n", text)}
        events = sorted(resets | {i for i, w in enumerate(words) if w in _STATE_TOKENS})
        self.inq: list[bool] = [False] * n  # token inside a quotation (quote marks themselves: False)
        self.paren: list[bool] = [False] * n
        inq = False
        depth = 0
        prev = 0
        for i in events:
            if i >= n:
                break
            if i > prev:
                self.inq[prev:i] = [inq] * (i - prev)
                self.paren[prev:i] = [depth > 0] * (i - prev)
            if i in resets and i > 0:
                inq = False
                depth = 0
            w = words[i]
            if w in OPEN_QUOTES:
                inq = True
                q = False
            elif w in CLOSE_QUOTES:
                inq = False
                q = False
            elif w in TOGGLE_QUOTES:
                inq = not inq
                q = False
            else:
                q = inq
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            self.inq[i] = q
            self.paren[i] = depth > 0
            prev = i + 1
        if prev < n:
            self.inq[prev:n] = [inq] * (n - prev)
            self.paren[prev:n] = [depth > 0] * (n - prev)

    def mention(self, start: int, end: int) -> tuple[int, int, int, int, int, int, str, int]:
        """(first token, speech 0/1 after/2 before, prep, poss, paren, quote, gender cue, plural-looking)."""
        key = (start, end)
        got = self.ments.get(key)
        if got is not None:
            return got
        low = self.low
        n = len(low)
        a = bisect.bisect_left(self.starts, start)
        b = max(a, bisect.bisect_left(self.starts, end) - 1)  # last token of the mention
        speech = 0  # 1: speech verb within 3 tokens after, 2: within 2 before (same sentence)
        for j in range(b + 1, min(n, b + 4)):
            if low[j] in SPEECH_VERBS:
                speech = 1
                break
            if low[j] in SENT_END:
                break
        if not speech:
            for j in range(a - 1, max(-1, a - 3), -1):
                if low[j] in SPEECH_VERBS:
                    speech = 2
                    break
                if low[j] in SENT_END:
                    break
        p = a - 1
        if p >= 0 and low[p] == "the":
            p -= 1
        prep = int(p >= 0 and low[p] in PREPOSITIONS)
        poss = int(b + 1 < n and low[b + 1] in POSSESSIVE)
        paren = int(self.paren[a]) if a < n else 0
        quote = int(self.inq[a]) if a < n else 0
        cue = ""
        for j in (a - 1, a):
            if 0 <= j < n:
                if low[j] in MALE_CUES:
                    cue = "m"
                elif low[j] in FEMALE_CUES:
                    cue = "f"
        last = low[b] if b < n else ""
        # Plural-looking: a plural noun head, or a coordination ("Tore Sohlberg and Lehla Abreder").
        plural = int((len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "es")))
                     or "and" in low[a:b])
        got = (a, speech, prep, poss, paren, quote, cue, plural)
        self.ments[key] = got
        return got


_CACHE: dict[int, _TextInfo] = {}


def _info(text: str) -> _TextInfo:
    got = _CACHE.get(id(text))
    if got is not None and got.text is text:
        return got
    if len(_CACHE) >= 8:
        _CACHE.clear()
    got = _TextInfo(text)
    _CACHE[id(text)] = got
    return got


# ---------------------------------------------------------------------------------------------
# Candidate window and features
# ---------------------------------------------------------------------------------------------
def select_window(pronoun: tuple[int, int], candidates: Sequence[Candidate], sentence_starts: Sequence[int]) -> range:
    """Indices of candidates ending before the pronoun, in its sentence or the MAX_SENT-1 before,
    at most MAX_CAND most recent (candidates are in text order)."""
    ps = pronoun[0]
    hi = len(candidates)
    while hi > 0 and candidates[hi - 1].end > ps:
        hi -= 1
    si = bisect.bisect_right(sentence_starts, ps) - 1
    lo_char = sentence_starts[si - MAX_SENT + 1] if si - MAX_SENT + 1 >= 0 else 0
    lo = max(0, hi - MAX_CAND)
    while lo < hi and candidates[lo].start < lo_char:
        lo += 1
    return range(lo, hi)


def candidate_features(text: str, pronoun: tuple[int, int], candidates: Sequence[Candidate],
                       sentence_starts: Sequence[int]) -> tuple[range, list[list[int]]]:
    """Window of candidate indices and, for each, its feature ids (empty window for a non-pronoun)."""
    window, feats, _ = _features(text, pronoun, candidates, sentence_starts, None)
    return window, feats


def _features(text: str, pronoun: tuple[int, int], candidates: Sequence[Candidate], sentence_starts: Sequence[int],
              w: list[float] | None, compatible: list[bool] | None = None,
              ) -> tuple[range, list[list[int]], list[float]]:
    """Feature ids per window candidate (w is None, for training) or linear scores (runtime: no lists).
    ``compatible``, when given, receives per window candidate whether its type and known gender
    agree with the pronoun."""
    pc = PRONOUNS.get(text[pronoun[0]:pronoun[1]].lower())
    window = select_window(pronoun, candidates, sentence_starts)
    if pc is None or not window:
        return range(0), [], []
    cls, pgender = pc
    off = _OFF[cls]
    info = _info(text)
    low = info.low
    n = len(low)
    pt = bisect.bisect_left(info.starts, pronoun[0])
    p_quote = int(pt < n and info.inq[pt])
    psent = bisect.bisect_right(sentence_starts, pronoun[0]) - 1
    sent_start_tok = bisect.bisect_left(info.starts, sentence_starts[psent]) if psent >= 0 else 0
    # sentence-initial pronoun: first token of the sentence, or only quote marks before it
    p_init = int(all(low[j] in OPEN_QUOTES or low[j] in TOGGLE_QUOTES for j in range(sent_start_tok, pt)))
    prev = low[pt - 1] if pt > 0 else ""
    nxt_speech = pt + 1 < n and low[pt + 1] in SPEECH_VERBS
    if prev in TOGGLE_QUOTES:  # a straight quote closes when the token before it was quoted
        p_tag = int(nxt_speech or (pt > 1 and info.inq[pt - 2]))
    else:
        p_tag = int(nxt_speech or prev in CLOSE_QUOTES)
    # entity-level: gender (caller's, else a title / gendered noun cue in the window), mention counts
    stop = window.stop
    lo = window.start
    before = candidates[:stop]
    counts = Counter([c.entity for c in before])
    egender = {c.entity: c.gender for c in reversed(before) if c.gender}
    ment = info.mention
    ctx = [ment(c.start, c.end) for c in before[lo:]]
    for c, m in zip(before[lo:], ctx, strict=True):
        if m[6] and c.entity not in egender:
            egender[c.entity] = m[6]
    starts = info.starts
    sents = [bisect.bisect_right(sentence_starts, c.start) - 1 for c in before[lo:]]
    # walk back from the most recent candidate: ranks, compatible rank, most recent compatible entity
    k = len(window)
    feats: list[list[int]] = [[] for _ in range(k)] if w is None else []
    scores = [0.0] * k
    compat_of = [False] * k
    seen: dict[int, int] = {}
    crank = 0
    recent_ent = -1
    match_ent = -1
    o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, o13, o14, o15, o16, o17, o18 = off
    for r in range(k):
        j = k - 1 - r
        c = before[lo + j]
        a, speech, prep, poss, paren, quote, _cue, plural = ctx[j]
        lab = LABELS.get(c.label, 3)
        g = egender.get(c.entity, "")
        if cls == 0:
            gval = 0 if not g else (1 if g == pgender else 2)
            compat = lab == 0 and gval != 2
        else:
            gval = 3 if g else 0
            compat = lab != 0 if cls == 1 else (lab != 0 or plural == 1)
        compat_of[j] = compat
        if compat:
            cr = CRANK_BUCKET[crank] if crank < 4 else 3
            crank += 1
            if recent_ent < 0:
                recent_ent = c.entity
            if match_ent < 0 and gval == 1:
                match_ent = c.entity
        else:
            cr = 4
        ent = c.entity
        sn = seen.get(ent, 0) + 1
        seen[ent] = sn
        cnt = counts[ent] - sn + 1
        csent = sents[j]
        if j == 0 or sents[j - 1] != csent:
            sst = bisect.bisect_left(starts, sentence_starts[csent]) if csent >= 0 else 0
            first = 2 if a - sst <= 2 else 1
        else:
            first = 0
        sd = psent - csent
        td = pt - a
        tb = 0 if td <= 5 else 1 if td <= 10 else 2 if td <= 20 else 3 if td <= 40 else 4 if td <= 80 else 5
        if w is None:
            feats[j] = [
                o0 + (RANK_BUCKET[r] if r < 10 else 6),
                o1 + cr,
                o2 + (SD_BUCKET[sd] if 0 <= sd < 4 else 3),
                o3 + tb,
                o4 + gval,
                o5 + lab,
                o6 + plural,
                o7 + first,
                o8 + speech,
                o9 + prep,
                o10 + poss,
                o11 + paren,
                o12 + (COUNT_BUCKET[cnt] if cnt < 7 else 3),
                o13,  # most recent compatible entity, +1 below
                o14,  # most recent gender-matching entity, +1 below
                o15 + quote * 2 + p_quote,
                o16 + p_init * 3 + first,
                o17 + p_tag * 3 + speech,
                o18 + p_tag * 2 + quote,
            ]
        else:
            scores[j] = (w[o0 + (RANK_BUCKET[r] if r < 10 else 6)] + w[o1 + cr]
                         + w[o2 + (SD_BUCKET[sd] if 0 <= sd < 4 else 3)] + w[o3 + tb] + w[o4 + gval] + w[o5 + lab]
                         + w[o6 + plural] + w[o7 + first] + w[o8 + speech] + w[o9 + prep] + w[o10 + poss]
                         + w[o11 + paren] + w[o12 + (COUNT_BUCKET[cnt] if cnt < 7 else 3)] + w[o13] + w[o14]
                         + w[o15 + quote * 2 + p_quote] + w[o16 + p_init * 3 + first] + w[o17 + p_tag * 3 + speech]
                         + w[o18 + p_tag * 2 + quote])
    for j in range(k):
        ent = before[lo + j].entity
        if w is None:
            feats[j][13] += ent == recent_ent
            feats[j][14] += ent == match_ent
        else:
            if ent == recent_ent:
                scores[j] += w[o13 + 1] - w[o13]
            if ent == match_ent:
                scores[j] += w[o14 + 1] - w[o14]
    if compatible is not None:
        compatible.extend(compat_of)
    return window, feats, scores


# ---------------------------------------------------------------------------------------------
# Ranker
# ---------------------------------------------------------------------------------------------
class Ranker:
    """Linear mention ranker; ``antecedent`` returns the index of the best candidate."""

    __slots__ = ("weights",)

    def __init__(self, weights: dict[str, float]) -> None:
        index = {name: i for i, name in enumerate(FEATURE_NAMES)}
        self.weights: list[float] = [0.0] * len(FEATURE_NAMES)
        for name, w in weights.items():
            i = index.get(name)
            if i is not None and isinstance(w, (int, float)) and math.isfinite(w):
                self.weights[i] = float(w)

    def scores(self, text: str, pronoun: tuple[int, int], candidates: Sequence[Candidate],
               sentence_starts: Sequence[int]) -> dict[int, float]:
        """Score of every candidate in the window (index into candidates -> score)."""
        window, feats = candidate_features(text, pronoun, candidates, sentence_starts)
        w = self.weights
        return {i: sum(w[x] for x in f) for i, f in zip(window, feats, strict=True)}

    def antecedent(self, text: str, pronoun: tuple[int, int], candidates: Sequence[Candidate],
                   sentence_starts: Sequence[int], *, agree: bool = False) -> int | None:
        """Index into candidates of the named mention the pronoun refers to; None if there is no
        candidate in the window (with ``agree``: none that agrees with it in type and known
        gender), or the input is unusable. Never raises.

        Why ``agree`` (the speaker stage sets it): the model scores agreement but can still prefer
        a near "Kody" (a man) for "she" when the woman was named further back, and "it" never
        names a person; None lets the caller look further back with the same constraints. The
        model's own scores (GUM) are measured without it: GUM's genders come from first names
        alone and the hard filter costs there what it gains on news."""
        try:
            if not sentence_starts:
                sentence_starts = (0,)
            ok: list[bool] = []
            window, _, scores = _features(text, pronoun, candidates, sentence_starts, self.weights, ok)
            best = None
            best_s = -math.inf
            for i, sc, good in zip(window, scores, ok, strict=True):
                if (good or not agree) and sc >= best_s:  # ties: the more recent candidate wins
                    best, best_s = i, sc
            return best
        except Exception:
            return None


def load(path: str) -> Ranker:
    """Ranker from a model directory (pronoun_weights.json inside) or the JSON file itself."""
    if os.path.isdir(path):
        path = os.path.join(path, "pronoun_weights.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    weights = data.get("weights", data) if isinstance(data, dict) else {}
    return Ranker(weights)


_DEFAULT: list[Ranker] = []


def default_ranker() -> Ranker:
    """Lazy singleton: $QUOTEWIRE_PRONOUN_MODEL or model/ beside this file."""
    if not _DEFAULT:
        path = os.environ.get("QUOTEWIRE_PRONOUN_MODEL") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                          "models", "pronoun_weights.json")
        _DEFAULT.append(load(path))
    return _DEFAULT[0]
