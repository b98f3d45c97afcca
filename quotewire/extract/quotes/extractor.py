"""The ``extract_quotes`` driver: the rule families clause by clause, then overlap resolution.

Scope: per clause, the direct rules at each quotation (``_direct_quotes_of_clause``), a 'Name:'
or colon-block paragraph opening, the indirect and phrase rules at each cue word
(``_reported_quotes_of_clause``), the content cuts and the mixed fallback; per document, the
orphan quotes and ``_finish`` (overlaps resolved outer and best first, mixed types,
confidences from ``RULE_PRECISION``, ``Quote`` records).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from quotewire.extract.model import Quote, QuoteType, Sentence, Span
from quotewire.extract.quotes.content import _cut_at_coordinated_cue, _cut_at_next_cue
from quotewire.extract.quotes.continuations import (
    _colon_block,
    _continues_postposed,
    _continues_turn,
    _floating_continuation,
    _previous_paragraph_intro,
)
from quotewire.extract.quotes.direct import _direct_after, _direct_before, _name_colon, tweet_embeds
from quotewire.extract.quotes.false_quotes import drop_false_quotes
from quotewire.extract.quotes.indirect import _indirect
from quotewire.extract.quotes.kinds import quote_kind
from quotewire.extract.quotes.lexicons import CUE_RATE, DEFAULT_CUES, PHRASAL_CUES, QUOTE_CHARS, CueLexicon
from quotewire.extract.quotes.marks import _find_marks, _is_title, _Mark, _marks_in
from quotewire.extract.quotes.mentions import _opening_subject
from quotewire.extract.quotes.mixed import _fallback_mixed, _lead_in, _reported_lead, _trim_after_quote
from quotewire.extract.quotes.orphans import _orphans
from quotewire.extract.quotes.phrase_cues import (
    _according,
    _as_parenthetical,
    _asked_question,
    _claim_noun,
    _in_words,
    _made_clear,
)
from quotewire.extract.quotes.tokens import (
    _CUES,
    _Cand,
    _clauses,
    _cue_word,
    _paragraph_spans,
    _title_case,
    _Tok,
    _tokens,
)

# Share of each rule's predictions that match a gold attribution on PolNeAR train (content at
# 30% overlap), measured by training/calibrate_rules.py (rules with 20+ predictions re-measured
# in the third session); a quote's confidence starts from it.
RULE_PRECISION: dict[str, float] = {
    "accuse_object": 0.65,
    "as_parenthetical": 0.89,
    "say_no_subject": 0.77,
    "from_colon": 0.8,
    "say_clause": 0.80,
    "direct_postposed": 0.97,
    "say_that": 0.94,
    "direct_postposed_inverted": 0.96,
    "participle": 0.81,
    "direct_preposed": 0.95,
    "direct_preposed_inverted": 0.91,
    "direct_dash_signature": 0.95,
    "coordinated": 0.72,
    "according_to": 0.89,
    "tell_clause": 0.88,
    "postposed": 0.74,
    "parenthetical": 0.94,
    "postposed_inverted": 0.91,
    "name_colon": 0.66,
    "floating_continuation": 0.61,
    "orphan_quote": 0.58,
    "claim_noun": 0.61,
    "passive_by": 0.35,
    "colon_block": 0.62,
    "colon_previous_paragraph": 0.62,
    "intro_previous_paragraph": 0.6,
    "relative_said": 0.74,
    "colon_intro": 1.00,
    "coordinated_list": 0.72,
    "asked_question": 0.82,
    "fallback_mixed": 0.70,
    # Not measured on PolNeAR train (too rare there): set with the phrase rules' usual precision.
    "in_words": 0.8,
    "tweet_embed": 0.8,
}
# Capitalised words that look like cue verbs but are names in headlines ("United States").
HEADLINE_NOT_CUES = frozenset("states reports post posts times news".split())
# Words after which a cue-verb form is a noun ("the show", "his claims", "a report").
NOUN_DETERMINERS = frozenset("a an the its their our my your his".split())


def extract_quotes(text: str, sentences: Sequence[Sentence], cues: CueLexicon | None = None) -> list[Quote]:
    """Find the quotations of one document (cleaned text; offsets into it).

    ``sentences`` come from ``segment.split_sentences``; quotation marks are paired per paragraph
    (line), so an unbalanced mark never reaches past its paragraph run. ``cues`` replaces the
    default reporting-cue lexicon (``lexicons.DEFAULT_CUES.extended(...)`` adds a user's words).
    """
    token = _CUES.set(cues or DEFAULT_CUES)
    try:
        return _extract_quotes(text, sentences)
    finally:
        _CUES.reset(token)


def _extract_quotes(text: str, sentences: Sequence[Sentence]) -> list[Quote]:
    """The quotes of one document with the call's lexicon set: the rule families clause by clause.

    Per clause: direct quotes at its quotation marks (``_direct_quotes_of_clause``), a 'Name:'
    or colon-block paragraph opening, indirect and phrase cues at its words
    (``_reported_quotes_of_clause``), the content cuts, then the mixed fallback; per document,
    orphan quotes and the overlap resolution of ``_finish``.
    """
    lex = _CUES.get()
    if not sentences:
        return []
    paras = _paragraph_spans(text, sentences)
    marks = _find_marks(text, paras)
    marks.sort(key=lambda m: m.start)
    clauses = _clauses(text, sentences, marks)
    cands: list[_Cand] = []
    used_cues: set[int] = set()
    last_attr: dict[int, _Cand] = {}  # paragraph -> last attributed direct quote
    prev: _Cand | None = None
    prev_para = -1
    for ci, (lo, hi, pi) in enumerate(clauses):
        if pi != prev_para:
            prev = None
            prev_para = pi
            titles_seen: list[_Mark] = []
        # Most clauses hold neither a cue word nor a quote: skip them before tokenising.
        if (
            not lex.search.search(text, lo, hi)
            and not QUOTE_CHARS.search(text, lo, hi)
            # A paragraph opening "Name: ..." (headline, transcript) may hold neither.
            and not (lo == paras[pi][0] and text.find(":", lo, min(hi, lo + 60)) >= 0)
        ):
            continue
        toks = _tokens(text, lo, hi, marks)
        clause_first = len(cands)
        cl_marks = [m for m in _marks_in(marks, lo, hi) if m.start >= lo]
        # --- direct quotes -------------------------------------------------------------
        prev = _direct_quotes_of_clause(
            text, toks, cl_marks, marks, paras, (lo, hi, pi), ci, prev, titles_seen, cands, used_cues, last_attr
        )
        # --- "Name: content" (headlines, transcripts) -------------------------------------------
        if lo == paras[pi][0]:
            cand = _name_colon(text, toks, paras[pi][1])
            if cand is None:
                # "Limbaugh added:" closing a paragraph, then an unquoted block: the block is his.
                cand = _colon_block(text, toks, paras, pi, marks, used_cues)
            if cand is not None:
                cands.append(cand)
                used_cues.add(cand.cue[0] if cand.cue else -1)
        # --- indirect and mixed quotes ----------------------------------------------------
        # Only this clause's candidates (appended since clause_first) are looked at: linear overall.
        last_mention = next((c.mention for c in reversed(cands[clause_first:]) if c.cue and lo <= c.cue[0] < hi), None)
        first_new = len(cands)
        found, last_mention = _reported_quotes_of_clause(toks, pi, used_cues, last_mention)
        cands.extend(found)
        _cut_at_next_cue(text, cands[first_new:], cands[clause_first:first_new])
        _cut_at_coordinated_cue(toks, cands[first_new:])
        _trim_after_quote(text, toks, cands[first_new:])
        fb = _fallback_mixed(text, toks, cl_marks, cands[clause_first:], last_mention)
        _trim_after_quote(text, toks, fb)
        if fb:
            cands.extend(fb)
        if pi not in last_attr and len(cands) > first_new and cands[-1].mention is not None:
            last_attr[pi] = cands[-1]  # a quote paragraph after "X said ..." may continue X
    # An embedded tweet is one quote: it goes first, so that a verb inside it is no cue of its own.
    tweets = tweet_embeds(text)
    if tweets:
        spans = [t.parts[0] for t in tweets]
        cands = tweets + [c for c in cands if not any(a <= c.parts[0][0] < b for a, b in spans)]
    _orphans(text, marks, paras, cands)
    # Figures and page furniture in the shape of a quote go before the overlaps are resolved, so
    # a real attribution in the same paragraph ("JAPAN ECONOMY: ..., Japan said ...") can win.
    return _finish(text, drop_false_quotes(text, cands), marks)


def _direct_quotes_of_clause(
    text: str,
    toks: list[_Tok],
    cl_marks: list[_Mark],
    marks: list[_Mark],
    paras: list[tuple[int, int]],
    clause: tuple[int, int, int],
    ci: int,
    prev: _Cand | None,
    titles_seen: list[_Mark],
    cands: list[_Cand],
    used_cues: set[int],
    last_attr: dict[int, _Cand],
) -> _Cand | None:
    """Direct quotes of the clause ``(lo, hi, paragraph)``, the ``ci``-th: one rule per quotation.

    Each quotation (titles aside) takes the first rule that holds: a cue right after or before
    it (``direct``), a further part of the previous quote ('"A," he said, "B."'), a quotation
    after a postposed indirect attribution, the previous paragraph's intro ('X said:'), a
    floating continuation (``continuations``). ``prev`` is the paragraph's last attributed
    direct quote so far; the new one is returned. ``cands``, ``used_cues``, ``last_attr`` and
    ``titles_seen`` are updated in place.
    """
    lo, hi, pi = clause
    n = len(toks)
    tk = 0  # token pointer: marks are visited in order, so the scan stays linear
    for m in cl_marks:
        if _is_title(text, m):
            titles_seen.append(m)
            continue
        while tk < n and toks[tk].start < m.start:
            tk += 1
        first = tk
        while tk < n and toks[tk].start < m.end:
            tk += 1
        after = tk
        got = _direct_after(toks, after, n, text, m) or _direct_before(toks, first, text, m, paras[pi][0], after)
        if got is not None and prev is None and got[2].startswith("direct_postposed") and _reported_lead(text, lo, m):
            # 'DuVernay said she felt ... because "most people don't know," she said.': the
            # quotation completes a clause already reported by an earlier cue, whose mixed
            # quote it is; the indirect rules take the sentence.
            got = None
        if got is not None:
            cue, mention, rule = got
            if prev is not None and prev.cue == cue:
                prev.parts.append((m.start, m.end))
            else:
                start = _lead_in(text, lo, m) if rule.startswith("direct_postposed") and prev is None else m.start
                kind: QuoteType = "direct" if start == m.start else "mixed"
                prev = _Cand(kind, [(start, m.end)], cue, mention, 0.9, rule)
                cands.append(prev)
            m.used = True
            used_cues.add(cue[0])
            last_attr[pi] = prev
            continue
        # "A," he said, "B." / "A," he said. "B.": a part after an attributed part.
        if prev is not None and m.words >= 2 and _continues_turn(text, marks, prev, m, titles_seen, hi):
            prev.parts.append((m.start, m.end))
            m.used = True
            continue
        # '"A, Schiff said. "B."': a quotation opening the sentence after a postposed indirect
        # attribution in the same paragraph goes on with the same speaker.
        if (
            prev is None
            and m.start == lo
            and m.words >= 3
            and cands
            and _continues_postposed(text, cands[-1], m, paras[pi][0])
        ):
            cands[-1].parts.append((m.start, m.end))
            m.used = True
            continue
        # A colon-ended previous paragraph introduces this quote paragraph.
        if m.start == paras[pi][0] and pi > 0 and ci > 0:
            c = _previous_paragraph_intro(text, paras[pi - 1], marks, used_cues, m)
            if c is not None:
                cands.append(c)
                m.used = True
                last_attr[pi] = c
                prev = c
                continue
        # A whole quote paragraph right after an attributed quote continues its speaker.
        c = _floating_continuation(m, paras[pi][0], pi, last_attr)
        if c is not None:
            cands.append(c)
            m.used = True
            last_attr[pi] = c
            continue
    return prev


def _reported_quotes_of_clause(
    toks: list[_Tok], pi: int, used_cues: set[int], last_mention: tuple[int, int] | None
) -> tuple[list[_Cand], tuple[int, int] | None]:
    """Indirect and mixed quotes at the cue words of one clause (of paragraph ``pi``).

    Each unquoted token not already a direct quote's cue is dispatched by its word: "according
    to", "asked whether", "made clear", claim nouns, "as X said", phrasal cues ("spoke about"),
    then cue verbs (lower-case, or capitalised in a Title Case headline). Participles and shared
    subjects take the clause's last speaker. Returns the new candidates and the clause's last
    speaker mention after them.
    """
    lex = _CUES.get()
    n = len(toks)
    found: list[_Cand] = []
    title_case: bool | None = None  # computed on the first capitalised cue word only
    for k in range(n):
        t = toks[k]
        if t.quoted or t.start in used_cues:
            continue
        w = _cue_word(t)
        cand = None
        if w == "according" and k + 1 < n and toks[k + 1].low == "to":
            cand = _according(toks, k, n)
        elif w == "words" and k >= 2:
            cand = _in_words(toks, k, n)
        elif w == "asked" and (k == 0 or toks[k - 1].low == "when") and k + 3 < n:
            cand = _asked_question(toks, k, n)
        elif w in ("made", "make", "makes", "making") and k + 2 < n and toks[k + 1].low == "clear":
            cand = _made_clear(toks, k, n)
        elif w in lex.claim_nouns:
            cand = _claim_noun(toks, k, n)
        elif (w in lex.say or (w == "put" and k + 1 < n and toks[k + 1].low == "it")) and not t.cap:
            cand = _as_parenthetical(toks, k, n)
        if (
            cand is None
            and not t.cap
            and w in PHRASAL_CUES
            and k + 1 < n
            and toks[k + 1].low in PHRASAL_CUES[w]
            and (w not in lex.verbs or w in lex.say)
        ):
            # "spoke about the need for ...", "apologized for his remarks": the verb and its
            # preposition report a stance; the object is the content.
            cand = _indirect(toks, k, n, w, object_cue=True)
            if cand is not None and w.endswith("ing") and cand.mention is None:
                cand.mention = last_mention or _opening_subject(toks, k)
        if cand is not None or w == "according":
            pass
        elif k > 0 and toks[k - 1].low in NOUN_DETERMINERS and w not in lex.claim_nouns:
            # "the TV show", "a report", "his calls": after an article or possessive the word
            # is a noun, not a cue verb. (Demonstratives stay: "This shows that ...".)
            continue
        elif w in lex.verbs and (
            not t.cap
            or (
                k > 0
                and toks[k - 1].cap
                and w not in HEADLINE_NOT_CUES
                and (pi == 0 or (title_case := _title_case(toks) if title_case is None else title_case))
            )
        ):
            # Cue verbs are lower-case ("the United States" is no cue), except in a
            # Title Case headline ("Lindsey Graham Says Trump Could ...").
            cand = _indirect(toks, k, n, w)
            if cand is not None and (w.endswith("ing") or cand.rule == "say_no_subject") and cand.mention is None:
                # "..., adding that ...": the participle shares the clause's last speaker, or
                # else the clause's opening subject ("Trump revised his plan, promising ...").
                cand.mention = last_mention or _opening_subject(toks, k)
        elif w not in lex.claim_nouns:
            continue
        if cand is not None:
            if cand.mention is None and cand.rule == "coordinated":
                cand.mention = last_mention or _opening_subject(toks, k)
                if cand.mention is None:
                    continue
            if cand.mention is None and cand.rule == "coordinated_list":
                if last_mention is None:
                    continue
                cand.mention = last_mention
            found.append(cand)
            last_mention = cand.mention or last_mention
    return found, last_mention


def _finish(text: str, cands: list[_Cand], marks: list[_Mark]) -> list[Quote]:
    """Resolve overlaps (best first), type mixed contents, and build the Quote records."""
    mark_starts = [m.start for m in marks]
    nested = _nested(cands)
    # Outer attributions first ("Cruz says he is tied, in a finish he said defied expectations"):
    # a candidate whose cue sits inside another one's content gives way to it.
    order = sorted(range(len(cands)), key=lambda i: (nested[i], -cands[i].confidence))
    taken: list[tuple[int, int]] = []  # accepted (start, end), sorted by start
    keep: list[_Cand] = []
    for i in order:
        c = cands[i]
        # Parts are compared, not the stretch from first to last: the gap between '"A," she
        # said, suggesting that B. "C."' holds another attribution (B) that stays.
        if any(_clashes(taken, s, e) for s, e in c.parts):
            continue
        for part in c.parts:
            bisect.insort(taken, part)
        keep.append(c)
    keep.sort(key=lambda c: c.parts[0][0])
    out: list[Quote] = []
    for g, c in enumerate(keep):
        qtype = c.type
        if qtype == "indirect":
            s, e = c.parts[0][0], c.parts[-1][1]
            k = bisect.bisect_left(mark_starts, s)
            inner = [m for m in marks[k : k + 64] if m.end <= e] if k < len(marks) else []
            if len(c.parts) == 1 and inner and inner[0].start == s and inner[0].end >= e - 1:
                qtype = "direct"  # the whole content is one quotation ("adding: 'Hair is a big deal.'")
            elif inner:
                qtype = "mixed"
        cue = Span.of(text, *c.cue) if c.cue else None
        # Calibrated-ish: the rule's precision on PolNeAR train, blended for indirect rules with
        # the cue word's own train cue rate ("said" 0.92 vs "called" 0.60).
        conf = RULE_PRECISION.get(c.rule, 0.5)
        if qtype != "direct" and cue is not None:
            conf = (conf + CUE_RATE.get(cue.text.lower(), 0.6)) / 2
        mention = _repaired_mention(text, c.mention) if c.mention else None
        before = text[max(0, cue.start - 20) : cue.start] if cue else ""
        qkind = quote_kind(cue.text if cue else None, c.rule, qtype, text[c.parts[0][0] : c.parts[0][1]], before)
        for a, b in c.parts:
            out.append(Quote(qtype, Span.of(text, a, b), cue, mention, round(conf, 3), c.rule, g, qkind))
    return out


# One-word mentions that never name a speaker: an article alone, a sentence adverb, a subordinator.
_NOT_A_MENTION = frozenset("""the this that these those nonetheless nevertheless however meanwhile still
    finally moreover furthermore instead indeed besides also then thus hence therefore otherwise perhaps
    although though while when after before because since if as once unless until to of in on at for with from
    by""".split())
_PRONOUN_AFTER_COMMA = re.compile(r",\s+(he|she|they|we|it|I)\b")


def _repaired_mention(text: str, mention: tuple[int, int]) -> Span | None:
    """The mention, or the pronoun right after a sentence adverb taken in its place
    ("Nonetheless, she ... told Tracy"), or None when the mention is a lone article or adverb.

    Why: a rule that walks back to a clause's first capitalised word can land on "The" or
    "Nonetheless"; as a speaker either is noise, while no mention lets the speakers stage use
    the context."""
    word = text[mention[0] : mention[1]]
    if word.lower() not in _NOT_A_MENTION:
        return Span.of(text, *mention)
    after = _PRONOUN_AFTER_COMMA.match(text, mention[1])
    if after is not None:
        return Span.of(text, after.start(1), after.end(1))
    return None


def _nested(cands: list[_Cand]) -> list[bool]:
    """For each candidate, whether its cue lies inside another candidate's content span."""
    # Only forward contents ("X said that ...") hold nested attributions; a content before its
    # cue ('"...," he said, according to X') does not make the attribution inside it nested.
    spans = sorted(
        (c.parts[0][0], c.parts[-1][1], i) for i, c in enumerate(cands) if c.cue and c.parts[0][0] >= c.cue[1]
    )
    starts = [s for s, _, _ in spans]
    out = [False] * len(cands)
    for i, c in enumerate(cands):
        if c.cue is None:
            continue
        p = c.cue[0]
        k = bisect.bisect_right(starts, p)
        # Contents barely overlap each other: a few neighbours before the cue suffice.
        for s, e, j in spans[max(0, k - 4) : k]:
            if j != i and s <= p < e and not (c.parts[0][0] <= s and e <= c.parts[-1][1]):
                out[i] = True
                break
    return out


def _clashes(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """``[s, e)`` overlaps an accepted part by half of either one's length."""
    # Accepted parts barely overlap each other, so a few neighbours around s suffice.
    k = bisect.bisect_left(taken, (s, e))
    for a, b in taken[max(0, k - 3) : k + 3]:
        ov = min(b, e) - max(a, s)
        if ov > 0 and (ov >= 0.5 * (e - s) or ov >= 0.5 * (b - a)):
            # One attribution per stretch of text: a nested one ("X said that Y claimed Z")
            # gives way to the outer one, which PolNeAR-style scoring matches better.
            return True
    return False
