"""Remove scraper boilerplate while keeping every offset valid.

Scope: the boilerplate web scrapes of news pages carry: repeated headline and video-title lines,
video durations ("Goodbye messages from Aleppo 01:31"), "Story highlights" bullets (kept as
highlights, not body), promo and call-to-action lines, page furniture ("JUST WATCHED",
"Replay"), HTML leftovers, "Updated ... GMT" stamps (their date is kept as the stated
publication date) and leading datelines ("(CNN)", "WASHINGTON (Reuters) -") whose outlet is kept;
the headline repeated as the body's first line (in any case or punctuation), links to other
stories ("RELATED: ...", "SEE MORE: ...", a "Related Stories" heading and the titles under it)
and inline related-stories widgets ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ... MORE (D-Minn.)").
Saved web pages add their furniture: the page's own headline and standfirst at the top of the
text (given as ``furniture``, from the page's markup), newsletter, share and comment prompts,
"DON'T MISS" link lists, credit and contact lines at the foot ("Reporting by ...", "... contributed
to this report.", "Write to ... at"), date stamps and reading times, photo credits ("Getty."),
separator rules and style-sheet leftovers. Every removed region is returned in ``removed``
(sorted, disjoint): the documents' ``boilerplate_spans``.

The cleaned text has the same length as the source: removed characters become spaces and
newlines stay, so offsets into it are offsets into the source. ``clean`` is idempotent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from quotewire.extract.model import Cleaned, Span
from quotewire.extract.segment import paragraphs

# A trailing video duration: "Goodbye messages from Aleppo 01:31".
_DURATION_LINE = re.compile(r"^(?P<title>\S.{0,150}?)\s+\d{1,2}:\d{2}(?::\d{2})?$")
_HIGHLIGHTS_HEAD = re.compile(r"^(story highlights|highlights|key points|what you need to know)\s*:?$", re.I)
_BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u00b7*\u2013-]\s*(?P<body>\S.*)$")
# Call-to-action and promo lines. Anchored at the line start so that a sentence merely
# mentioning these words is kept; each pattern names a phrase that is never article prose.
_PROMO = re.compile(
    r"^(?:"
    r"CNN'?s Impact Your World\b|Please visit\b|Click here\b|Sign up\b|Subscribe\b|Follow (?:us|@)|"
    r"Read more\s*:|Read More$|Watch\s*:|RELATED\s*:|Related\s*:|Join the conversation|Share this\b|"
    r"Email to a friend|Copyright\b|\u00a9|All rights reserved|Chat with us in Facebook Messenger|"
    r"JUST WATCHED$|MUST WATCH$|Replay$|More Videos|Hide Caption$|Photos?\s*:|"
    r"Image copyright|Image caption|Media playback is unsupported|Breaking News$|Toggle Search$|"
    r"Advertisement$|(?:Story|Article) continue[sd]? below|Continue reading|Download the .{1,40} app|Getty Images$|"
    # Links to other stories: "[Related: ...]", "Related post:", "SEE MORE: ...", "MORE: ...".
    r"\[?Related(?: (?:posts?|stor(?:y|ies)|articles?|coverage|content|links?|reading|videos?))?\s*:|"
    r"(?:See|Read) (?:more|also)\s*:|More\s*:|MORE (?:FROM|ON)\b|Also on [\w.-]+\.[a-z]{2,}\b|"
    # Newsletter and share prompts: the page's subscription box and share bar, never the story.
    r"Thanks for signing up|Keep an eye on your inbox|There was an error processing your subscription|"
    r"Like this story\?|Share (?:it|this (?:story|article)) with|Get the .{1,40} newsletter|"
    # Comment, tag and print furniture, and the reprint notice under a paywalled story.
    r"Comments?$|\d+ Comments?$|Filed under\s*:|Tags?\s*:|Explore further$|SOURCE\s*:.{0,40}$|"
    r"(?:[-\u2022]\s*)?(?:Order Reprints|Print Article|Print this (?:article|page))$|"
    r"This copy is for your personal, non-commercial use|"
    # Credits at the foot of a story (bylines' family): "Reporting by ...; Editing by ...".
    r"(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Research) by\b|"
    # Contact lines: "Write to Al Root at ...", "Reach the reporters on Twitter at ...".
    r"(?:Write to|Reach the reporters?|Contact the reporters?|Follow [A-Z][\w.]*(?: [A-Z][\w.]*)? on (?:Twitter|Instagram|Facebook))\b"
    r")",
    re.I,
)
# Whole lines that are only contact details: an e-mail address, a bare URL or a social handle.
_CONTACT = re.compile(r"^(?:\S+@\S+\.\w+|twitter\.com/\w+|@\w{2,30})$", re.I)
# "Keith Bradsher contributed reporting from Hong Kong.", "AP writers X and Y contributed to this report."
_CONTRIBUTED = re.compile(r"^.{3,300}\bcontributed (?:reporting|to this (?:report|story|article))\b[^.]{0,80}\.?$")
# A call to action closing a line: "... 12 issues for £11.99. Click here for more information."
# Why sentence-initial only: "users who click here and there" is prose.
_CLICK_HERE = re.compile(r"(?:^|[.!?]\s+)(?:Click|Tap) here\b[^.!?]*[.!?]?$|\bBY CLICKING HERE$")
# A line that is only a date stamp, or a labelled date or time stamp: "- Published 18 November
# 2019", "November 20, 2019 - 11:28 AMT", "Updated at 1:23 p.m.". A bare time ("9:15 p.m.") is
# not one: in a live blog it heads the entry it times.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_STAMP_DATE = rf"(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_STAMP_TIME = r"\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?"
_STAMP_LABEL = r"(?:Published|Updated|Posted|Last updated|Modified)\b:?\s*(?:at |on )?"
_STAMP = re.compile(
    rf"^[-\u2022]?\s*(?:{_STAMP_LABEL}(?:{_STAMP_DATE}|{_STAMP_TIME})(?:\s*[-,|\u2013]?\s*(?:at )?(?:{_STAMP_DATE}|{_STAMP_TIME}))?"
    rf"|{_STAMP_DATE}(?:\s*[-,|\u2013]?\s*(?:at )?{_STAMP_TIME})?)\s*$",
    re.I,
)
# Photo credits standing alone under a picture: "Getty.", "Getty Images/Instagram", "AP Photo".
_CREDIT = re.compile(
    r"^(?:(?:Photo|Image|Picture)s?(?: credit)?\s*:\s*)?(?:Getty(?: Images)?|AP(?: Photo)?|Reuters|AFP|EPA|"
    r"Shutterstock|Instagram|Twitter|Facebook|Netflix)(?:\s*/\s*[\w .]{1,30}){0,2}\.?$",
    re.I,
)
# Separator rules ("***", "---", "~~~") and style-sheet leftovers (".image-wrap {", "width:100%;", "}").
# An underscore rule ("___") stays: wire copy uses it inside the body between the story and its
# sidebar paragraphs, and tokenizers (``\w``) count it as a word of the body.
_RULE_OR_CSS = re.compile(r"^(?:[*=~#-]{2,}\.?|[.#]?[\w-]+(?: [.#]?[\w-]+)* ?\{|\}\.?|[\w-]+ ?: ?[^;:]{1,40};)$")
# Reading-time labels: "4 min read", "Reading time: 2 minutes", "Tempo de leitura: 1 minuto".
_READING_TIME = re.compile(r"^(?:\d{1,3} ?min(?:ute)?s? read|(?:reading time|read time|tempo de leitura|temps de lecture|lesezeit)\s*:?\s*\d{1,3}\s*\w*)$", re.I)
# Newsletter boxes' titles ("Pick Six Newsletter"): a short line naming a newsletter, no sentence.
_NEWSLETTER = re.compile(r"^(?:\S+ ){0,5}Newsletters?$", re.I)
_HTML = re.compile(r"^<[a-zA-Z/!][^>]*>.*$")
_UPDATED = re.compile(
    r"^(?:Updated|Posted|Published|Last updated)\b.{0,60}?\b(?:GMT|UTC|ET|EST|EDT|BST|CET|HKT)\b.*$", re.I
)
_STATED_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s+(\d{4})\b"
)
_MIN_YEAR, _MAX_YEAR = 1000, 9000  # as quotewire.dataset.pipeline.MIN_YEAR/MAX_YEAR
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "January February March April May June July August September October November December".split()
    )
}
# A leading dateline: optional place in capitals, the outlet in parentheses, optional dash.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*)?"
    r"\((?P<outlet>CNN(?: ?Money| Business| Politics)?|Reuters|AP|AFP|UPI|Bloomberg|EFE|dpa|ANSA|Xinhua)\)"
    r"\s*(?:[-\u2013\u2014]{1,2}\s*)?"
)
# "By Angela Dewan and Laura Smith-Spark, CNN": names, then co-authors and the outlet.
_DATELINE_AT = re.compile(_DATELINE.pattern.removeprefix("^"))  # for match(line, pos)
_BYLINE = re.compile(r"^By [A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){0,3}(?:(?:,| and) [\w .,'\u2019-]{1,60})?$")
_MAX_TITLE_WORDS = 15
_VIDEO_COUNT = re.compile(r"^\((\d{1,3}) Videos\)$")
_PROSE_END = re.compile(r"[.!\"\u201d]$")
# The heading of a related-stories list inside a body; the short title lines under it are links.
_LINK_LIST_HEAD = re.compile(
    r"^(?:(?:related|more|recommended|latest|trending|top|popular)\s+"
    r"(?:stories|articles|coverage|content|news|links|reading|videos|from\b.{1,40})|"
    r"you (?:may|might) also (?:like|be interested in)|read next|also read|most (?:read|popular)|"
    r"recommended(?: for you)?|don'?t miss|editor'?s picks?|more on this story|read more)\s*:?$",
    re.I,
)
_MAX_LINK_LIST = 12
# An inline related-stories widget (The Hill): after a person's name, the name again glued to it
# ("Ilhan OmarIlhan Omar"), the person's latest headlines, then "MORE" before the sentence goes on.
_GLUED = re.compile(r"(?<=[a-z])(?=([A-Z][\w'\u2019-]+))")
_WIDGET_END = re.compile(r" MORE\b")
_MAX_WIDGET = 1000


_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` but CR/LF turned into a space (linear time)."""
    parts: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e <= s:
            continue
        parts.append(text[pos:s])
        parts.append(_NOT_NEWLINE.sub(" ", text[s:e]))
        pos = e
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, empty ones dropped, overlapping or touching ones joined (a widget inside a
    removed line is one span with it): the documents' ``boilerplate_spans`` never overlap."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inline_widgets(text: str) -> list[tuple[int, int]]:
    """Spans of inline related-stories widgets: a name glued to its own repeat ("Ilhan OmarIlhan
    Omar"), headlines, and the closing " MORE", all on one line (``_GLUED``)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _GLUED.search(text, pos)) is not None:
        g = m.start()
        pos = g + 1
        # The glued word repeats one of the few words just before it (the name's first word).
        if m.group(1) not in text[max(0, g - 60) : g].split()[-4:-1]:
            continue
        line_end = text.find("\n", g)
        end = _WIDGET_END.search(text, g, min(g + _MAX_WIDGET, line_end if line_end >= 0 else len(text)))
        if end is not None:
            spans.append((g, end.end()))
            pos = end.end()
    return spans


def _echo_key(line: str) -> str:
    """A line's words, lower-cased, without punctuation: a headline and its repeat compare equal."""
    return " ".join(re.findall(r"[^\W_]+", line.lower()))


def _stated_date(line: str) -> dt.date | None:
    """The date of an "Updated 2034 GMT (0434 HKT) December 14, 2016" stamp (None if invalid)."""
    d = _STATED_DATE.search(line)
    # Years outside the window are typos, and overflow date arithmetic downstream.
    if not d or not _MIN_YEAR <= int(d.group(3)) <= _MAX_YEAR:
        return None
    try:
        return dt.date(int(d.group(3)), _MONTHS[d.group(1)], int(d.group(2)))
    except ValueError:
        return None


def _line_tables(
    text: str, lines: list[tuple[int, int]], bare: list[int]
) -> tuple[set[str], list[tuple[str, int]], Counter[str]]:
    """Video titles, each line's ``_norm`` and the counts of short normalized lines.

    ``bare[i]`` is where line ``i`` starts once its leading dateline is blanked.
    """
    # Rule: a line ending in a video duration is a video title; its title, wherever it repeats
    # (with or without the duration), is player furniture, not prose.
    titles: set[str] = set()
    for b, (_s, e) in zip(bare, lines, strict=True):
        m = _DURATION_LINE.match(text[b:e])
        if m and _is_short_title(m.group("title")):
            titles.add(" ".join(m.group("title").split()))
    # Rule: a short line repeated verbatim in the page is a headline/video-title echo.
    # Only short lines can be echoes; long ones are not counted (nor split into all their words).
    norms = [_norm(text[b:e]) for b, (_s, e) in zip(bare, lines, strict=True)]
    counts = Counter(n for n, w in norms if w <= _MAX_TITLE_WORDS)
    return titles, norms, counts


def _is_short_title(line: str) -> bool:
    return 0 < len(line.split(None, _MAX_TITLE_WORDS)) <= _MAX_TITLE_WORDS


def _norm(line: str) -> tuple[str, int]:
    """``line`` whitespace-normalized if it is short enough to be a title (else as is), and its word
    count capped at ``_MAX_TITLE_WORDS + 1``: long lines are never split into all their words."""
    words = line.split(None, _MAX_TITLE_WORDS)
    if len(words) > _MAX_TITLE_WORDS:
        return line, len(words)
    return " ".join(words), len(words)


def _dateline_end(line: str) -> tuple[int, str | None]:
    """Length of the leading dateline(s) of ``line`` ("WASHINGTON (Reuters) - (CNN) ...") and the first
    outlet named; ``(0, None)`` when there is none or nothing follows it."""
    pos, outlet = 0, None
    while (m := _DATELINE_AT.match(line, pos)) and m.end() < len(line):
        outlet = outlet or m.group("outlet")
        pos = m.end()
    return pos, outlet


def _is_furniture(line: str, keys: Sequence[str]) -> bool:
    """``line`` repeats one of the page's own headline / summary ``keys`` (``_echo_key`` form).

    A trafilatura text may carry the headline slightly cut or extended (a kicker, a trailing
    site name): equal keys, or one containing the other at >= 80% of its length, count.
    """
    k = _echo_key(line)
    if not k:
        return False
    for f in keys:
        if k == f:
            return True
        short, long_ = sorted((k, f), key=len)
        if len(short) >= 20 and short in long_ and len(short) >= 0.8 * len(long_):
            return True
    return False


def _foot_line(line: str) -> bool:
    """Contact, credit, stamp, call-to-action, photo-credit, rule and style lines (``_CONTACT`` ... ``_RULE_OR_CSS``)."""
    stripped = line.strip()
    return bool(
        _CONTACT.match(stripped) or _CONTRIBUTED.match(stripped) or _CLICK_HERE.search(stripped)
        or _STAMP.match(stripped) or _READING_TIME.match(stripped) or _NEWSLETTER.match(stripped)
        or _CREDIT.match(stripped) or _RULE_OR_CSS.match(stripped)
    )


def clean(text: str, *, extra_patterns: Sequence[re.Pattern[str]] = (), furniture: Sequence[str] = ()) -> Cleaned:
    """Blank the boilerplate of ``text``; return it with highlights, outlet and stated date.

    ``extra_patterns`` are user-configured line patterns (per outlet) removed like promo lines.
    ``furniture`` is the page's own headline and summary (from its markup, for HTML pages): a line
    repeating one before the body starts is blanked.

    Idempotence: every rule sees a line as the next call would, once this call has blanked. So
    lines are compared (echo counts, video titles) by a key that ignores a leading dateline, a
    stripped dateline's remainder goes through all the rules, and positions count kept lines only
    ("the first line" is the first line not blanked).
    """
    source = text
    # Rule: inline related-stories widgets go first; every later rule sees the text without them.
    widgets = _inline_widgets(source)
    text = _blank(source, widgets)
    # The same lines as the segmenter's paragraphs, so a span never crosses a blanked line.
    lines = list(paragraphs(text))
    removed: list[tuple[int, int]] = list(widgets)
    highlights: list[Span] = []
    outlet: str | None = None
    published: dt.date | None = None

    # Each line without its leading dateline(s): what the line is once a dateline is blanked.
    bare = [s + _dateline_end(text[s:e])[0] for s, e in lines]
    titles, norms, counts = _line_tables(text, lines, bare)
    title: str | None = None
    if lines and len(text[lines[0][0] : lines[0][1]]) <= 250:
        title = text[lines[0][0] : lines[0][1]]

    # The headline's key, then the summary's: a summary counts only right after the headline (a
    # standfirst); elsewhere it is usually the body's own first paragraph, which pages reuse as
    # their description.
    furniture_keys = [k for f in furniture if (k := _echo_key(f))]
    after_headline = False
    header: set[str] = set()  # short lines seen before the body starts
    prose_seen = False  # a kept line of 12 words or more was seen (the body has started)
    in_highlights = False
    body_seen = 0
    video_list = link_list = 0
    first_key = ""  # the first kept line (the headline), compared as ``_echo_key``
    kept = 0  # lines kept so far (whole or after their dateline)
    for idx, (s0, e) in enumerate(lines):
        s = s0
        norm, n_words = norms[idx]
        short = 0 < n_words <= _MAX_TITLE_WORDS
        if body_seen == 0 and kept > 0 and bare[idx] > s0:
            # Rule: datelines open the story's first prose paragraph only; later "(AP)" is prose.
            # The rest of the line then goes through every rule below.
            outlet = outlet or _dateline_end(text[s0:e])[1]
            s = bare[idx]
        line = text[s:e]
        if video_list and short and not _PROSE_END.search(norm):
            # Rule: the N lines after CNN's "(16 Videos)" marker are the player's title list.
            video_list -= 1
            removed.append((s0, e))
            continue
        video_list = 0
        if link_list and short and not _PROSE_END.search(norm):
            # Rule: the short title lines under a "Related stories" heading are links.
            link_list -= 1
            removed.append((s0, e))
            continue
        link_list = 0
        if in_highlights:
            # Rule: bullets under "Story highlights" are the highlights, kept apart from the body.
            bm = _BULLET.match(line)
            if bm:
                highlights.append(Span.of(text, s + bm.start("body"), e))
                removed.append((s0, e))
                continue
            in_highlights = False
        if _HIGHLIGHTS_HEAD.match(line):
            in_highlights = True
            removed.append((s0, e))
            continue
        dm = _DURATION_LINE.match(line)
        if norm in titles or (dm and " ".join(dm.group("title").split()) in titles):
            removed.append((s0, e))
            continue
        # Rule: a short line repeated verbatim is a headline / video-title echo, but only around the
        # page's header: before the body starts, or repeating a line of the header. Short lines
        # repeated inside the body are its own structure (a table's rows, a recipe's steps).
        if short and counts[norm] >= 2 and kept > 0 and (not prose_seen or norm in header):
            removed.append((s0, e))
            continue
        if not prose_seen and short:
            header.add(norm)
        if not prose_seen and furniture_keys and _is_furniture(line, furniture_keys[:1] + furniture_keys[1:] * after_headline):
            # Rule: the page's headline and summary (standfirst) repeated at the top of the text
            # are page furniture: the page's markup states them apart from the body.
            after_headline = True
            removed.append((s0, e))
            continue
        after_headline = False
        if kept == 1 and _echo_key(line) == first_key:
            # Rule: the headline repeated as the body's first line, in any case or punctuation.
            removed.append((s0, e))
            continue
        if _LINK_LIST_HEAD.match(line):
            link_list = _MAX_LINK_LIST
            removed.append((s0, e))
            continue
        vm = _VIDEO_COUNT.match(line)
        if vm:
            video_list = int(vm.group(1))
            removed.append((s0, e))
            continue
        if (_PROMO.match(line) or _HTML.match(line) or _foot_line(line)
                or any(p.search(line) for p in extra_patterns)):
            removed.append((s0, e))
            continue
        if _UPDATED.match(line):
            # Rule: "Updated 2034 GMT (0434 HKT) December 14, 2016" states the publication date.
            published = published or _stated_date(line)
            removed.append((s0, e))
            continue
        if _BYLINE.match(line) and body_seen == 0:
            removed.append((s0, e))
            continue
        if s > s0:
            removed.append((s0, s))
        if kept > 0 and n_words >= 12:
            body_seen += 1
        prose_seen = prose_seen or n_words >= 12
        if kept == 0:
            first_key = _echo_key(line)
        kept += 1

    cleaned = _blank(source, removed)
    return Cleaned(
        text=cleaned,
        removed=tuple(Span.of(source, s, e) for s, e in _merged(removed)),
        highlights=tuple(highlights),
        outlet=outlet,
        title=title,
        published=published,
    )
