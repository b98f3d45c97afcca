"""The pure stages on one article's text: clean -> segment -> quotes -> speakers -> events.

Scope: text in, an ``Analysis`` (spans into the text) out; no records, no IO, no Prefect. The
dataset layer (``quotewire.dataset.pipeline``) turns an ``Analysis`` into schema-shaped records.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence

from quotewire.extract.clean import clean
from quotewire.extract.decode import detect_language
from quotewire.extract.events import extract_events
from quotewire.extract.model import Analysis
from quotewire.extract.quotes import extract_quotes
from quotewire.extract.quotes.lexicons import DEFAULT_CUES, CueLexicon
from quotewire.extract.segment import split_sentences
from quotewire.extract.speakers import resolve_speakers

# A date written in a path: 2016/12/14, 2016-12-14, 2016_12_14.
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")


def path_date(source_path: str) -> dt.date | None:
    """A publication date written in the input's path (``2016/12/14/``, ``2016-12-14``)."""
    m = _PATH_DATE.search(source_path)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def analyse(
    text: str,
    *,
    published: dt.date | None,
    source_path: str = "",
    cues: CueLexicon = DEFAULT_CUES,
    extra_boilerplate: Sequence[re.Pattern[str]] = (),
    furniture: Sequence[str] = (),
    timings: dict[str, float] | None = None,
) -> Analysis:
    """Run the pure stages on one source text. Text in another language gets no quotes or events.

    Relative dates anchor on ``published``, else on the date the text states, else on a date in
    ``source_path``. ``furniture`` is the page's own headline and summary (see ``clean``).
    ``timings``, when given, accumulates seconds per stage (for benchmarks).
    """
    clock = time.perf_counter
    t0 = clock()
    cleaned = clean(text, extra_patterns=extra_boilerplate, furniture=furniture)
    language = detect_language(cleaned.text)
    ex = Analysis(cleaned=cleaned, language=language)
    t1 = clock()
    # Analysis runs unless the text is known to be another language: short or tabular English
    # ("Qtly div 25 cts ... Pay April 30") is often too thin to be told apart, and still has dates.
    if language in ("en", "und"):
        body = cleaned.text
        ex.sentences = split_sentences(body)
        t2 = clock()
        quotes = extract_quotes(body, ex.sentences, cues)
        t3 = clock()
        ex.speakers, ex.attributions = resolve_speakers(body, ex.sentences, quotes)
        t4 = clock()
        anchor = published or cleaned.published or path_date(source_path)
        ex.events = extract_events(body, ex.sentences, anchor)
        t5 = clock()
    else:
        t2 = t3 = t4 = t5 = t1
    if timings is not None:
        for stage, secs in (("clean", t1 - t0), ("segment", t2 - t1), ("quotes", t3 - t2),
                            ("speakers", t4 - t3), ("events", t5 - t4)):
            timings[stage] = timings.get(stage, 0.0) + secs
    return ex
