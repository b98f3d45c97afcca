"""The data model shared by the pure stages.

Every stage works on the *source text* of one document: the decoded input (BOM removed, line
endings as in the file) or a JSONL line's ``text``. Cleaning never shortens the text: it blanks
boilerplate with spaces (newlines kept), so an offset into the cleaned text is the same offset
into the source text, and any span slices back to what was recorded.

Stage outputs are small frozen dataclasses; ``records`` turns them into schema-shaped dicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

QuoteType = Literal["direct", "indirect", "mixed"]
# What the attribution reports: an utterance or written statement, or a belief, position,
# intention or action (see ``quotes.kinds``).
QuoteKind = Literal["speech", "stance"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the source text: ``text == source[start:end]`` (Python str indices)."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``start``/``end`` into the source text, and its paragraph's index."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Output of ``clean``: the text with boilerplate blanked (same length as the source)."""

    text: str
    removed: tuple[Span, ...] = ()
    highlights: tuple[Span, ...] = ()
    outlet: str | None = None
    title: str | None = None
    # A publication date stated in the text ("Updated 2034 GMT (0434 HKT) December 14, 2016").
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation part found by ``quotes.extract_quotes``.

    ``mention`` is the speaker mention the attribution rests on ("she", "Kareem", "Lina Shamy,
    an activist in eastern Aleppo" -> the name part only); ``None`` when no source was found.
    ``group`` ties together parts of one quotation split by its attribution. ``kind`` is
    ``speech`` (said, told, wrote, ...) or ``stance`` (supports, signed, ...), from the cue and
    rule (``quotes.kinds.quote_kind``); hand-built quotes default to ``speech``.
    """

    type: QuoteType
    content: Span
    cue: Span | None
    mention: Span | None
    confidence: float
    rule: str
    group: int = 0
    kind: QuoteKind = "speech"


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker (person or organisation) of a document, with all its mentions."""

    name: str
    kind: Literal["person", "organization", "unknown"]
    descriptors: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    # The entity recogniser's type of the speaker; None for an unnamed source ("officials").
    entity_type: Literal["person", "organization"] | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote with its resolved speaker: ``speaker`` indexes the speaker list, or ``None``."""

    quote: Quote
    speaker: int | None


@dataclass(frozen=True, slots=True)
class Event:
    """A date mention with the clause it dates.

    ``value`` is a TIMEX3 value ("2016-11-27", "2016-W50", "PRESENT_REF", "XXXX-11-27").
    ``period_start``/``period_end`` bound it with real dates (``None`` when unresolved).
    """

    clause: Span
    date: Span
    value: str
    period_start: dt.date | None
    period_end: dt.date | None
    actor: Span | None
    action: Span | None
    confidence: float
    rule: str
    timex_type: Literal["DATE", "TIME"] = "DATE"
    # What the actor is (``quotewire.extract.actors``); None with no actor.
    actor_type: Literal["person", "organization", "place"] | None = None


@dataclass(slots=True)
class Analysis:
    """Everything the pure stages found in one document."""

    cleaned: Cleaned
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A decoded article with its metadata, ready for extraction."""

    text: str
    encoding: str
    source_path: str
    source_line: int | None = None
    external_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    published_source: str = "none"
    notes: list[str] = field(default_factory=list)
    # Where ``published``, ``title`` and ``outlet`` came from ("input", "json-ld", "meta:og:site_name", ...).
    meta_sources: dict[str, str] = field(default_factory=dict)
    # The page's own headline and summary (HTML pages): lines of the text repeating them at its top
    # are page furniture, which the cleaner blanks.
    furniture: tuple[str, ...] = ()
