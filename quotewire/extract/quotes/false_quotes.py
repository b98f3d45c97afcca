"""Candidates that have the shape of a quote but report no one: dropped before overlap resolution.

Scope: market reports, whose figures take the reporting forms of speech ("Australia's S&P ASX
200 added 0.4 per cent to 5,835.20" reads as "X added ..." with the speaker "200"; "ENERGY:
Benchmark U.S. crude oil fell 42 cents" reads as a 'Name: words' headline), and 'Label: ...'
lines of contact and link furniture ("Email: jdoe@example.com", "Earlier: Audrey Parker pushed
...") and participles inside an adjunct ("In a statement issued Tuesday, ..."); photo captions
("... (Steve Lawrence/CBC)") and contents that are only a date ("statement on Sunday").
"""

from __future__ import annotations

import re

from quotewire.extract.quotes.tokens import _Cand

# "add" also means "increase": with an amount as its object it reports a figure moving.
ADD_FORMS = frozenset({"add", "added", "adds", "adding"})
# An amount that moves: "0.4 per cent", "42 cents", "$1.65", "12 points", "3%" (not "40 per cent
# of voters", a share, which someone may well have said).
_MOVE = r"[-+]?[$\u00a3\u20ac]?\d[\d,.]*\s*(?:per\s?cent|percent|%|points?|cents?|basis points|yen|bps)"
_AMOUNT = re.compile(rf"^{_MOVE}(?!\s+of\b)|^[$\u00a3\u20ac]\d", re.IGNORECASE)
# Market-report prose: a figure moving ("fell 42 cents to $51.69", "rose 0.3 per cent to 4,960").
_FIGURE = re.compile(
    rf"\b(?:rose|fell|gained|lost|added|slipped|dropped|climbed|edged|jumped|strengthened|weakened|"
    rf"declined|advanced|shed|slid|sank|surged)\b[^.;]{{0,40}}?{_MOVE}|\bto\s+[$\u00a3\u20ac]?\d[\d,]*\.\d",
    re.IGNORECASE,
)
# 'Label:' lines of page furniture, not speakers: contact lines and links to other stories.
FURNITURE_LABELS = frozenset(
    """email e-mail twitter facebook instagram phone tel contact earlier previously related
    recommended trending listen podcast newsletter""".split()
)
_CONTACT = re.compile(r"\S@\S|https?://|www\.")


def is_figure_report(cue_word: str, content: str) -> bool:
    """Is "X added <content>" a figure moving ("added 0.4 per cent to 5,835.20"), not speech?"""
    return cue_word.lower() in ADD_FORMS and bool(_AMOUNT.match(content.lstrip()))


def _all_caps(label: str) -> bool:
    """A label in capitals of two letters or more ("ENERGY"; "Q" and "A" of an interview are not)."""
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_market_heading(label: str, content: str) -> bool:
    """Is 'LABEL: content' a market report's section heading ("ENERGY: crude oil fell 42 cents")?

    An all-capitals label whose paragraph reports figures moving: a transcript speaker in
    capitals ("WALLACE: If I may, sir") does not read out closing prices.
    """
    return _all_caps(label) and bool(_FIGURE.search(content))


def is_furniture_label(label: str, content: str) -> bool:
    """Is 'Label: content' a contact or link line ("Email: jdoe@...", "Earlier: <headline>")?"""
    return label.strip().lower() in FURNITURE_LABELS or bool(_CONTACT.search(content))


# Prepositions that make the noun phrase before a participle an adjunct ("In a statement issued").
_ADJUNCT_PREPS = frozenset("in from by with through on under via to according".split())
_IRREGULAR_PARTICIPLES = frozenset("sent written put made given shown seen".split())
_MEDIA_NOUNS = frozenset("""statement statements report reports release letter memo email e-mail paper study
    interview speech column article book post tweet video ad filing document documents message note""".split())
_QUOTE_MARK = re.compile("[\"\u201c\u201d]")
_PREP_BEFORE = re.compile(r"(?:^|[\s(])([A-Za-z]+)\s+$")


def is_reduced_relative(text: str, cand: _Cand) -> bool:
    """Is the cue a participle modifying a medium inside an adjunct ("In a statement issued
    Tuesday, Clinton said ...", "according to a report released Monday") or followed by its agent
    ("A statement issued by the ministry said ..."), not a verb with a subject?

    Why: the adjunct names the medium of the main clause's speech; taken as "a statement issued
    <content>", it swallows the real attribution that follows as its content.
    """
    if cand.cue is None or cand.mention is None or cand.rule == "passive_by":
        return False
    cue = text[cand.cue[0] : cand.cue[1]].lower()
    if not (cue.endswith("ed") or cue in _IRREGULAR_PARTICIPLES):
        return False
    content = text[cand.parts[0][0] : cand.parts[0][1]]
    if content.lower().startswith("by ") and not _QUOTE_MARK.search(content):
        # "A statement issued by the ministry said ...": a passive participle, no speech. With a
        # quotation after it ("deemed by nominators as \"too much\""), the agent's words are reported.
        return True
    if text[cand.mention[1] : cand.cue[0]].strip():
        return False
    mention = text[cand.mention[0] : cand.mention[1]]
    if not re.match(r"(?:an?|the|its|his|her|their)\s", mention, re.IGNORECASE) or (
            mention.split()[-1].lower() not in _MEDIA_NOUNS):
        return False
    before = _PREP_BEFORE.search(text, max(0, cand.mention[0] - 20), cand.mention[0])
    return before is not None and before.group(1).lower() in _ADJUNCT_PREPS


# A photo caption: a paragraph ending in a credit "(Steve Lawrence/CBC)", "(AP Photo/Evan Vucci)".
_CAPTION = re.compile(
    r"^[^\n]*\((?:[A-Z][\w.'\u2019&-]*\s?){1,4}/\s?[A-Z][^()\n/]{1,50}\)[ \t]*$", re.MULTILINE
)
# Content that is only a day or a date ("In her statement on Sunday, ..." read as "statement on
# <content>"): it reports nothing.
_ONLY_DATE = re.compile(
    r"(?:(?:on|last|this|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2})"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """The photo captions of ``text``: paragraphs that end in a photographer/outlet credit.

    Why: a caption restates the story under a picture ("Golden said she looked for the co-worker
    ... (Steve Lawrence/CBC)"); the body reports the same words, and attribution gold (GGT) counts
    only the body. Page furniture, like the boilerplate the cleaner removes.
    """
    return [(m.start(), m.end()) for m in _CAPTION.finditer(text)]


def is_date_only(content: str) -> bool:
    """Is the content just a day or a date ("Sunday", "on Dec. 21")?"""
    return bool(_ONLY_DATE.fullmatch(content.strip(" ,.")))


def drop_false_quotes(text: str, cands: list[_Cand]) -> list[_Cand]:
    """``cands`` without the figure reports, market headings and furniture lines (see module).

    Why per document: a market report's headings are one format; once one all-capitals label
    heads figures ("ENERGY: ... fell 42 cents"), the others are headings too ("BREXIT VOTE: British
    Prime Minister Theresa May suffered ..."), not speakers.
    """
    labels = [
        (c, text[c.mention[0] : c.mention[1]], text[c.parts[0][0] : c.parts[-1][1]])
        for c in cands
        if c.rule == "name_colon" and c.mention is not None
    ]
    market = any(is_market_heading(label, content) for _, label, content in labels)
    dropped = {
        id(c)
        for c, label, content in labels
        if (market and _all_caps(label)) or is_furniture_label(label, content)
    }
    captions = caption_spans(text)
    kept = []
    for c in cands:
        cue = text[c.cue[0] : c.cue[1]] if c.cue else ""
        content = text[c.parts[0][0] : c.parts[-1][1]]
        if (id(c) in dropped or is_figure_report(cue, content) or is_reduced_relative(text, c)
                or is_date_only(content) or any(a <= c.parts[0][0] < b for a, b in captions)):
            continue
        kept.append(c)
    return kept
