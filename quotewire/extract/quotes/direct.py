"""Direct quotes: a quotation attributed by a cue right after or right before its marks.

Scope: ``_direct_after`` (``direct_postposed`` '"...," he said', ``direct_postposed_inverted``
'"..." said Smith', ``direct_dash_signature`` '"..." - Name', and an unlisted past tense after
a quote closing on a comma: '"Go home," Smith barked'); ``_direct_before``
(``direct_preposed`` 'X tweeted: "..."', ``direct_preposed_inverted`` 'Said X: "..."',
``name_colon`` '- Name: "..."', ``from_colon`` 'From the report: "..."', ``colon_intro`` 'The
captain retorted: "..."', an unlisted past tense before a comma: 'she crowed, "Oh, ..."'); ``_name_colon``: a paragraph opening 'Clinton: ...' or 'WALLACE: ...'
(headlines, transcripts); ``tweet_embeds``: an embedded tweet as a page's text gives it ('Damage is
unprecedented. pic.twitter.com/x — BC Hydro (@bchydro) December 22, 2018'). Parts, paragraphs and
floating quotes are in ``continuations``.
"""

from __future__ import annotations

import re

from quotewire.extract.quotes.colons import _colon_subject
from quotewire.extract.quotes.inverted import _np_after
from quotewire.extract.quotes.lexicons import DETERMINERS, NP_STOP, SUBJECT_PRONOUNS
from quotewire.extract.quotes.marks import _Mark
from quotewire.extract.quotes.mentions import _opening_subject, _subject_before
from quotewire.extract.quotes.tokens import (
    _CUES,
    ADJUNCT_PREPS,
    COLON_NOT_SPEAKERS,
    _abbrev,
    _abbrev_before,
    _adjunct,
    _Cand,
    _cue_word,
    _Tok,
)

# How far (tokens) a cue may sit from a closing mark ("..., Smith, the mayor, said on Monday").
MAX_POSTPOSED = 30
# Past-tense verbs after a quote that report no speaking ('"Yes," Smith nodded' is fine, but
# '"...," he wanted ...' / '"...," it appeared' attribute nothing).
NOT_SPEECH = frozenset(
    """wanted needed appeared seemed happened used tried started seemed ended looked turned walked
    moved learned noted""".split()
)
# Subject pronouns that speak ("it", "you" are more often objects: "picked it up and crowed").
_PERSON_SUBJECTS = frozenset("he she they we i".split())
# A cue and its preposed quote may be separated by this many tokens of adjuncts ("said on Twitter
# on Monday, in reference to her first child, "...""); beyond it the quote is another clause's.
MAX_PREPOSED_GAP = 16
# Verbs whose object is the utterance itself ("the crowd chanted "USA! USA!" as he spoke"): the
# quotation is the whole content even when the clause goes on after it.
UTTER_VERBS = frozenset(
    """chanted chant chants chanting yelled yell yells yelling shouted shout shouts shouting screamed
    scream screams screaming mouthed mouthing whispered whispering muttered muttering hollered
    sang sing sings singing cried crying""".split()
)


def _direct_after(
    toks: list[_Tok], a: int, n: int, text: str, m: _Mark
) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue after the closing mark: ``"...," he said`` / ``"..." said Smith`` / ``"...", Smith said``."""
    lex = _CUES.get()
    # Learned stance verbs ("signed", "embodied") attribute reported clauses, never a quotation
    # next to them: '"New York values," saying the city embodied ...' has no cue "embodied".
    speech = lex.speech
    j = a
    if j < n and toks[j].text in "\u2015\u2014" and j + 1 < n and toks[j + 1].cap:
        # '"..." \u2015 Steve Quinlan': a dash and a bare name sign a quote (reader comments).
        np = _np_after(toks, j + 1, n)
        if np and np[1] >= n - 1:
            return (toks[j].start, toks[j].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_dash_signature"
    if j < n and toks[j].text in ",\u2014-":
        j += 1
    if j >= n or toks[j].quoted:
        return None
    # Inverted: "said Smith" / "said the mayor" (a participle is not: '"...," saying the city').
    w = _cue_word(toks[j])
    if w in speech and not w.endswith("ing"):
        np = _np_after(toks, j + 1, n)
        if np and toks[np[0]].low in SUBJECT_PRONOUNS and np[1] < n and toks[np[1]].word:
            np = None  # '..., "sociopath," said he doesn't believe ...': "he" opens the reported clause
        if np:
            return (toks[j].start, toks[j].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed_inverted"
    for c in range(j + 1, min(n, j + MAX_POSTPOSED)):
        if toks[c].quoted or toks[c].text in ";:!?" or (toks[c].text == "." and not _abbrev(toks, c)):
            break
        w = _cue_word(toks[c])
        if c <= j + 5 and w not in speech and _speech_like(text, toks, c, m):
            # '"Go back home," Smith barked': any past-tense verb right after a quote that ends
            # in a comma, "?" or "!" and a short subject is a verb of speaking, the object-taking
            # cue verbs included ('"You called women fat pigs," Kelly charged in her attack.').
            np = _subject_before(toks, c, j)
            if np and np[0] == j and np[1] == c:
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed"
            break
        if w in speech or w in ("called", "asked", "read"):
            np = _subject_before(toks, c, j)
            # "..., panel Chairman X said": up to two lower-case words may precede the name.
            if np and (
                np[0] == j
                or (np[0] - j <= 2 and all(t.word and not t.quoted and t.low not in NP_STOP for t in toks[j : np[0]]))
                # '"...," University of the Fraser Valley political scientist Hamish Telford said': a
                # longer role with its institution, capitalised or a connector, then lower-case role words.
                or (np[0] - j <= 9 and toks[j].cap and toks[np[0] - 1].word and not toks[np[0] - 1].cap
                    and all(t.word and not t.quoted and (t.cap or t.low in ("of", "the", "for", "and", "at")
                                                         or not (t.low in NP_STOP or t.low in lex.verbs))
                            for t in toks[j : np[0]]))
                or (
                    # '"...," the assailant, John Smith, told': a role, a comma, then the name.
                    np[0] - j <= 6
                    and toks[np[0] - 1].text == ","
                    and all(
                        (t.word and t.low not in NP_STOP) or t.text == "," for t in toks[j : np[0]] if not t.quoted
                    )
                    and not any(t.quoted for t in toks[j : np[0]])
                )
            ):
                return (toks[c].start, toks[c].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_postposed"
            break
    return None


def _speech_like(text: str, toks: list[_Tok], c: int, m: _Mark) -> bool:
    """A lower-case past-tense verb after a quote closed by ``,"`` / ``?"`` / ``!"``."""
    t = toks[c]
    if t.cap or not t.low.endswith("ed") or len(t.low) < 5 or t.low in NOT_SPEECH:
        return False
    inner = text[m.start : m.end].rstrip("\"'\u201d\u2019\u00bb")
    return inner[-1:] in (",", "?", "!") and (c + 1 >= len(toks) or toks[c + 1].text in ".,;" or toks[c + 1].word)


def _preposed_speech_like(text: str, toks: list[_Tok], c: int, m: _Mark) -> bool:
    """A lower-case past-tense verb at token ``c``, before a comma and a quoted sentence (an
    opening capital, two words or more)."""
    t = toks[c]
    if t.quoted or t.cap or not t.low.endswith("ed") or len(t.low) < 5 or t.low in NOT_SPEECH:
        return False
    inner = text[m.start + 1 : m.end].lstrip("\"'\u201c\u2018\u00ab ")
    return m.words >= 2 and inner[:1].isupper()


def _direct_before(
    toks: list[_Tok], first: int, text: str, m: _Mark, para_lo: int, after: int = -1
) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """Cue right before the opening mark: ``X tweeted: "..."``, ``X said "..."``.

    ``after`` is the token after the closing mark: when the clause goes on with words there
    (``X said "it gets me mad" every time ...``) the quote is a fragment of a reported clause,
    left to the indirect rules as a mixed quote.
    """
    lex = _CUES.get()
    j = first
    if j > 0 and toks[j - 1].text in ":,":
        j -= 1
    if j > 0 and toks[j].text in ":," and j >= 2 and toks[0].cap and _cue_word(toks[0]) in lex.say:
        # "Said Ellis: "..."" / "Said Dorothy Poynter, who grew up with Ali, "..."": an inverted
        # attribution opening the sentence.
        np = _np_after(toks, 1, j)
        if np and (np[1] == j or (toks[np[1]].text == "," and j - np[1] < 20)):
            return (toks[0].start, toks[0].end), (toks[np[0]].start, toks[np[1] - 1].end), "direct_preposed_inverted"
    if j > 0 and toks[j].text == ":" and toks[j - 1].cap and not toks[j - 1].quoted:
        # "... - Mark Blumenthal and Jon Cohen: "Although ..."": a name and a colon sign the quote.
        a = j
        while a > 0 and j - a < 6 and (toks[a - 1].cap or toks[a - 1].low == "and") and toks[a - 1].word:
            a -= 1
        if (
            (a == 0 or toks[a - 1].text in "-\u2014\u2013")
            and j - a >= 2
            and not any(t.low in COLON_NOT_SPEAKERS for t in toks[a:j])
            and not _caps_label(text, toks[a:j])
        ):
            return (toks[j].start, toks[j].end), (toks[a].start, toks[j - 1].end), "name_colon"
    if j > 0 and toks[j].text == ":" and not toks[j - 1].quoted:
        # "From the report: "..."" / "More from Jones: "..."": the source after "from".
        f = 1 if toks[0].low in ("more", "also", "and", "again") else 0
        if j > f + 1 and toks[f].low == "from" and all(t.word and not t.quoted for t in toks[f + 1 : j]) and j - f <= 7:
            src = toks[f + 1]
            if src.cap or src.low in DETERMINERS:
                return (toks[j].start, toks[j].end), (src.start, toks[j - 1].end), "from_colon"
    # Walk back over cue adjuncts ("said in a statement:", "told CNN:").
    for c in range(j - 1, max(-1, j - MAX_PREPOSED_GAP), -1):
        tk = toks[c]
        if tk.quoted:
            return None
        w = _cue_word(tk)
        if w in lex.listed:
            between = toks[c + 1 : j]
            prep_at = next((i for i, t in enumerate(between) if t.low in ADJUNCT_PREPS), len(between))
            # "told reporters in Atlanta on Thursday morning:": a tell verb's addressee (up to three
            # words, before the first preposition) may precede the adjuncts when a colon follows.
            addressee = (prep_at if w in lex.tell and prep_at <= 3 and toks[j].text == ":"
                         and all(t.word and t.low not in ("that", "and", "but") for t in between[:prep_at]) else 0)
            # Adjuncts only; after a preposition any words ("declared in the debate spin room, "),
            # and, in a longer run, commas between adjunct phrases ("on Monday, in reference to").
            if between and not all(
                i < addressee or _adjunct(t) or (i > prep_at and (t.word or (t.text == "," and len(between) > 5)))
                for i, t in enumerate(between)
            ):
                return None
            if len(between) > 6 and (prep_at != addressee or any(t.low in ("that", "and", "but") for t in between)):
                return None  # a long run must be prepositional phrases from the cue on
            caps = [i for i, t in enumerate(between) if t.cap]
            if caps and w not in lex.tell and not any(t.low in ADJUNCT_PREPS for t in between[: caps[0]]):
                return None  # "says Trump's "...": a quoted fragment of a clause (mixed), not a quote
            if any(t.low.endswith(("'s", "\u2019s")) for t in between):
                return None
            if w in lex.act and c < j - 1:
                return None
            np = _subject_before(toks, c, 0)
            mention = (toks[np[0]].start, toks[np[1] - 1].end) if np is not None else None
            if np is None and c > 0 and (w.endswith("ing") or toks[c - 1].low == "to"):
                # "Trump laughed it off by interjecting, "...."", "The email goes on to say: "..."":
                # a participle or infinitive speaks for the clause's opening subject.
                mention = _opening_subject(toks, c)
                if mention is not None and toks[0].low in DETERMINERS and toks[0].end == mention[1]:
                    mention = None  # a bare "The" is no subject: the colon rule may find one
            if mention is None:
                break  # no subject for the cue word: the colon rule may hold
            if m.words < 3 and toks[first - 1].text not in ":," and not (w in lex.say and m.words == 2):
                if not (w in UTTER_VERBS and c == first - 1):
                    return None
            if w in UTTER_VERBS and c == first - 1:
                pass  # "yelled "You lie!" at the president": the utterance alone is the content
            elif toks[first - 1].text not in ":," and (
                (0 <= after < len(toks) and toks[after].word and not toks[after].quoted)
                or toks[first - 1].low in DETERMINERS
            ):
                # The clause goes on after the quote, or the quote is a noun phrase's head
                # ("noting the "kind of problems" he had"): a fragment of a mixed quote.
                return None
            return (tk.start, tk.end), mention, "direct_preposed"
    if first > 1 and toks[first - 1].text == "," and _preposed_speech_like(text, toks, first - 2, m):
        # 'She picked it up and crowed, "Oh, it's my rose,"': as after a quote ('"Go," Smith
        # barked'), an unlisted past tense before a comma and a quoted sentence is a verb of
        # speaking; its subject, or a coordinated clause's opening subject, is the speaker.
        c = first - 2
        mention = None
        if toks[c - 1].low == "and":
            # "she picked it up and crowed": the pronoun subject of the first verb, a few words back.
            p = next((i for i in range(c - 2, max(-1, c - 8), -1) if toks[i].low in _PERSON_SUBJECTS), None)
            mention = (toks[p].start, toks[p].end) if p is not None else None
            if mention is None and c >= 3 and toks[c - 2].low.endswith("ed") and not toks[c - 2].cap:
                # "Colton laughed and stuttered, ...": the subject right before the first verb.
                np = _subject_before(toks, c - 2, 0)
                if np is not None and np[1] == c - 2:
                    mention = (toks[np[0]].start, toks[np[1] - 1].end)
        else:
            np = _subject_before(toks, c, 0)
            mention = (toks[np[0]].start, toks[np[1] - 1].end) if np is not None and np[1] == c else None
        if mention is not None:
            return (toks[c].start, toks[c].end), mention, "direct_preposed"
    if first > 0 and toks[first - 1].text == ":" and m.words >= 3:
        # "The supporter retorted: "..."": any clause with a subject, ending in a colon.
        subj = _colon_subject(toks, first - 1)
        if subj is not None:
            return (toks[first - 1].start, toks[first - 1].end), subj, "colon_intro"
    return None


def _caps_label(text: str, run: list[_Tok]) -> bool:
    """Is ``run`` a section label in capitals ("ANALYST'S TAKE", "EARNINGS", "ECB WATCH") rather
    than a name ("WALLACE", "NATO")? All capitals, and a possessive or every word also written in
    lower case in the article.

    Why: market reports and live blogs open paragraphs with labels; taken as names they became
    speakers, and the quote's own attribution after it ("..., Hussein Sayed said") was lost.
    """
    words = [t.text for t in run if t.word and t.low not in ("and", "of")]
    if not words or not all(w.isupper() and len(w) > 1 for w in words):
        return False
    if any(w.endswith(("'S", "\u2019S")) for w in words):
        return True
    return all(re.search(rf"(?<![\w'\u2019]){re.escape(w.lower())}(?![\w'\u2019])", text) for w in words)


# A speech cue with a subject before it inside a paragraph ("Wang said", "the minister told").
_OWN_SAY = re.compile(r"\b(?:[A-Z][\w'\u2019-]+|he|she|they)\s+(?:said|says|told|added|noted|wrote)\b")


def _name_colon(text: str, toks: list[_Tok], para_end: int) -> _Cand | None:
    """``Clinton: I support D.C. statehood.`` / ``WALLACE: If I may, sir ...`` at a paragraph start.

    A headline or transcript line: one to four capitalised words and a colon open the paragraph;
    the rest of the paragraph is what they said.
    """
    k = 1 if toks and not toks[0].word and toks[0].text in "\"\u201c" and len(toks) > 1 else 0
    if len(toks) > 3 and toks[0].text.isupper() and len(toks[0].text) > 2 and toks[1].text in "-\u2013\u2014":
        k = 2  # "EXCLUSIVE \u2013 Jane Roe: ...": a label and a dash before the name
    j = k
    while (
        j < len(toks)
        and j - k < 6
        and (toks[j].word or (toks[j].text == "." and j > k and _abbrev_before(toks, j)))
        and (toks[j].cap or toks[j].low in ("of", "and") or toks[j].text == ".")
        and not toks[j].quoted
    ):
        j += 1
    if j == k or j >= len(toks) - 1 or toks[j].text != ":" or toks[j - 1].low in ("of", "and"):
        return None
    if any(t.low in COLON_NOT_SPEAKERS or t.text.isdigit() for t in toks[k:j]) or _caps_label(text, toks[k:j]):
        return None
    s = toks[j + 1].start
    e = para_end
    while e > s and text[e - 1] in " .\"\u201d":
        e -= 1
    if len(text[s:e].split()) < 3:
        return None
    label = [t.text for t in toks[k:j] if t.word]
    if len(label) >= 2 and all(w.isupper() for w in label) and _OWN_SAY.search(text, s, e):
        # "CHINA TALK: Chinese Vice-President Wang Qishan took aim ... Wang said that ...": a
        # section label in capitals over a paragraph with its own attribution is a heading.
        return None
    mention = (toks[k].start, toks[j - 1].end)
    return _Cand(
        "direct" if text[s] in "\"\u201c\u2018'" else "indirect",
        [(s, e)],
        (toks[j].start, toks[j].end),
        mention,
        0.7,
        "name_colon",
    )


# An embedded tweet as extracted page text: the tweet, an optional link, then the signature
# "— Name (@handle) Month Day, Year" closing the paragraph.
_TWEET = re.compile(
    r"^(?P<body>[^\n]*?\S)\s*(?:(?:https?://)?(?:t\.co|pic\.twitter\.com)/\w+\s*)*"
    r"[\u2014\u2013-]{1,2}\s*(?P<name>[^\n()\u2014]{1,60}?)\s*\(@\w{1,30}\)"
    r"(?:\s*[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?[ \t]*$",
    re.MULTILINE,
)
# Hashtags run into the end of a tweet ("... several more days. #BCStorm") are labels, not words.
_TRAILING_TAGS = re.compile(r"(?:\s*#\w+)+$")


def tweet_embeds(text: str) -> list[_Cand]:
    """Embedded tweets: the paragraph before a "— Name (@handle) Date" signature is Name's words.

    Why: news pages embed tweets as blockquotes whose extracted text is the tweet and its
    signature; no cue word attributes it, so the other rules miss it or read a verb inside it as
    a cue of its own. The content ends before the link and trailing hashtags.
    """
    out: list[_Cand] = []
    if "(@" not in text:
        return out  # (no signature: skip the line-by-line scan, a fifth of a millisecond a story)
    for m in _TWEET.finditer(text):
        body = _TRAILING_TAGS.sub("", m.group("body"))
        words = len(body.split())
        if words < 3 or len(m.group("name").split()) > 6:
            continue
        a = m.start("body")
        out.append(_Cand("direct", [(a, a + len(body))], None, (m.start("name"), m.end("name")), 0.9, "tweet_embed"))
    return out
