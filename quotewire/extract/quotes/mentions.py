"""Speaker mentions: the noun phrase that speaks, found next to a cue (token ranges, no rules).

Scope: the subject before a cue (``_subject_before``, through modifiers, time adjuncts and
appositives, on top of ``_np_back``: a pronoun, a counted group ``_np_counted``, a common noun
phrase ``_np_common``, a name run ``_np_name_run``), the speaker after an inverted cue
(``inverted._np_after``: "said Smith"), the clause's opening subject or whole initial phrase as
fallbacks (``_opening_subject``, ``_clause_subject``), the issuer of a statement ("The town
released a statement saying"), and, in ``colons``, the subject of a clause ending in a colon (``_colon_subject``).
"""

from __future__ import annotations

from quotewire.extract.quotes.lexicons import (
    DETERMINERS,
    FINITE_VERBS,
    NP_STOP,
    SPEAKER_NOUNS,
    SUBJECT_PRONOUNS,
    TITLES,
)
from quotewire.extract.quotes.tokens import (
    _CUES,
    NAME_LIKE_MODIFIERS,
    TIME_WORDS,
    WEEKDAYS,
    _abbrev_before,
    _adverb,
    _determiner,
    _modifier,
    _Tok,
)

# Adjectives that tie a source to what it knows ("people close to Clinton", "a person familiar with").
CLOSE_TO = frozenset("close familiar loyal allied connected closest".split())
# Relations that introduce a name in apposition ("Her mother, Fatemah, ...").
KIN_WORDS = frozenset(
    """mother father wife husband son daughter brother sister friend cousin uncle aunt grandmother
    grandfather partner boss colleague niece nephew widow fiancee girlfriend boyfriend""".split()
)
# Words that end a speaker phrase after an inverted cue ("said Smith while ...").
NP_AFTER_STOP = frozenset(
    """that who which and in on to when because as while after before during since if although though
    but with from about""".split()
)
# Endings of common nouns that can head a speaker phrase ("the announcer", "the businessman").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "men", "ee", "s", "ive", "ess")
# Plural endings of nouns for people ("specialists", "strategists", "researchers", "historians").
PLURAL_AGENTS = ("ists", "ers", "ors", "ians", "ants", "ents")
# Heads and modifiers of counted groups of respondents ("more than six in 10", "another").
QUANTITY_HEADS = frozenset("another others half one two three four five six seven eight nine ten most many".split())
QUANTITY_WORDS = frozenset("more than less fewer in of about nearly almost only some over under just roughly".split())
# Capitalised words that open a sentence without being a name ("Despite", "After", "While").
OPENING_FUNCTION_WORDS = frozenset(
    """despite after before while when although though since because if as with without by in on at
    for from during upon instead unlike like amid among""".split()
)
_MONTHS = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())
# Words that make a clause-initial phrase more than a noun phrase (verbs, subordinators).
CLAUSE_WORDS = frozenset(
    """that which who whom whose because when while if after before since though although is was
    were are be been has have had will would can could should may might must do does did not there
    it this these those he she they we i you""".split()
)
# Media a source issues ("released a statement saying", "sent an email arguing").
ISSUED_MEDIA = frozenset("statement statements email emails letter release memo tweet post video ad ads message".split())
# Prepositions opening a sentence-initial adjunct ("At the rally on Monday, ...").
LEADING_PREPS = frozenset("at in on during after before later earlier from with".split())
# Verbs that lead on to a colon-introduced quotation ("The email goes on to say:").
COLON_GO_VERBS = frozenset("goes went continues concludes ends begins opens reads".split())


def _np_back(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """The speaker noun phrase ending just before token ``b`` (token range), or ``None``.

    Accepts a pronoun, a capitalised name run ("Turkish President Recep Tayyip Erdogan"), or a
    short common noun phrase headed by a speaker noun ("a source", "a spokesman for X"). The
    three shapes are ``_np_counted``, ``_np_common`` and ``_np_name_run``; this function
    dispatches on the phrase's last word.
    """
    lex = _CUES.get()
    if b <= lo:
        return None
    if toks[b - 1].text == ")":
        # "Jason Chaffetz (R-Utah) said": skip a short parenthetical after the name.
        k = b - 2
        while k > lo and b - k < 8 and toks[k].text != "(":
            k -= 1
        if k > lo and toks[k].text == "(":
            r = _np_back(toks, k, lo)
            return r
        return None
    t = toks[b - 1]
    if t.text == "." and b - 2 > lo and toks[b - 2].cap and _abbrev_before(toks, b - 1):
        # "James B. Comey Jr., the director, said": a name ending in an abbreviation.
        r = _np_back(toks, b - 1, lo)
        return r if r is not None and toks[r[1] - 1].cap else None
    if t.quoted or not t.word:
        return None
    if t.low in SUBJECT_PRONOUNS or (t.low in ("who", "which") and b - 1 > lo):
        # A relative pronoun after a comma ("the EU, which contended ...") is resolved later.
        return (b - 1, b)
    if t.text.isdigit() and b - 2 > lo and toks[b - 2].low == "local" and toks[b - 2].cap:
        # "UFCW Local 832 said": a union local's number ends its name; it is no counted group.
        r = _np_back(toks, b - 1, lo)
        return (r[0], b) if r is not None else None
    if t.text[:1].isdigit() or t.low in QUANTITY_HEADS:
        return _np_counted(toks, b, lo)
    if (t.low in NP_STOP and not _name_like(toks, b - 1, lo)) or t.low in lex.verbs or t.low in DETERMINERS:
        return None
    head_ok = t.cap or t.low in SPEAKER_NOUNS or t.low.endswith(("'s", "\u2019s"))
    r = _np_name_run(toks, b, lo) if head_ok else _np_common(toks, b, lo)
    if r is not None and r[1] - r[0] > 1 and toks[r[0]].cap and toks[r[0]].low in OPENING_FUNCTION_WORDS:
        return (r[0] + 1, r[1])  # "As speakers expressed ...": the sentence's opening word is no part of it
    return r


def _name_like(toks: list[_Tok], i: int, lo: int) -> bool:
    """A capitalised "May" / "Will" before a cue is a name ("Elizabeth May said", "May said"): after
    a capitalised word, or opening the clause (the callers look back from a cue verb)."""
    return toks[i].cap and toks[i].low in NAME_LIKE_MODIFIERS and (i == lo or (toks[i - 1].cap and toks[i - 1].word))


def _np_counted(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """A counted group ending before ``b``: ``43 said``, ``More than six in 10 said``, ``another says``.

    Respondents of a poll or a count speak as a group; the phrase takes in the number and
    quantity words before the head. A bare "one" / "most" / "many" is too vague without a number.
    """
    t = toks[b - 1]
    # "43 said", "More than six in 10 said", "another says": a counted group speaks.
    a = b - 1
    while a > lo and b - a < 7 and (
        toks[a - 1].text[:1].isdigit() or toks[a - 1].low in QUANTITY_WORDS or toks[a - 1].low in QUANTITY_HEADS
    ):
        a -= 1
    if t.low in QUANTITY_HEADS and a == b - 1 and t.low not in ("another", "others"):
        return None  # a bare "one" / "most" / "many" is too vague without a number
    return (a, b)


def _np_common(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """A common noun phrase ending before ``b``: ``the New York businessman said``, ``a source said``.

    A lower-case head needs its determiner within a few words, and the head must look like an
    agent ("businessman", "letter"), so "Clinton's tax plans" is no speaker. Without a
    determiner, only a plural group opening its clause counts ("Republican opponents have said",
    "..., but security specialists say"). A phrase after a preposition ("activists on the ground
    accused") is a modifier: the head before it is the speaker.
    """
    lex = _CUES.get()
    t = toks[b - 1]
    # A common noun phrase needs its determiner within a few words ("the New York businessman").
    k = b - 1
    while (
        k > lo
        and b - k < 6
        and (toks[k - 1].word or (k < b - 1 and _adjective_comma(toks, k - 1, lo)))
        and toks[k - 1].low not in NP_STOP
        and not _determiner(toks[k - 1])
    ):
        k -= 1
    if not (k > lo and _determiner(toks[k - 1]) and toks[k - 1].low not in ("its",)):
        if (
            t.low.endswith("s")
            and len(t.low) > 4
            and k < b - 1
            and toks[k].cap
            and (k == lo or toks[k - 1].text in ",;:")
            and all(u.word and (u.cap or u.low.endswith(("al", "an", "ic", "ive", "ous"))) for u in toks[k : b - 1])
        ):
            # "In addition, Republican opponents have said": a plural group named by its
            # capitalised modifier opens the clause without a determiner.
            return (k, b)
        if (
            t.low.endswith(PLURAL_AGENTS)
            and b - k <= 3
            and (k == lo or toks[k - 1].text in ",;:" or toks[k - 1].low in ("but", "and", "while", "yet", "so"))
            and all(u.word and not u.cap and u.low not in lex.verbs for u in toks[k : b - 1])
        ):
            # "..., but security specialists say ...", "..., strategists said, ...": a bare
            # plural of people opening its clause.
            return (k, b)
        return None
    if toks[k - 1].low not in DETERMINERS and not t.low.endswith(AGENT_SUFFIXES):
        # "Clinton's tax plans": the head must look like an agent ("businessman", "letter").
        return None
    if k - 2 >= lo and toks[k - 2].low in ("on", "in", "at", "of", "for", "from", "with"):
        # "activists on the ground accused": the phrase is a modifier; the head comes before.
        # The head alone is the mention ("Trump at the time said" -> "Trump").
        head = _np_back(toks, k - 2, lo)
        if head is not None and toks[k - 3].low in CLOSE_TO:
            # "A person familiar with the negotiations says": the phrase is one description.
            return (head[0], b)
        return head
    return (k - 1, b)


def _adjective_comma(toks: list[_Tok], k: int, lo: int) -> bool:
    """Is the comma at ``k`` one between coordinate adjectives of a determiner phrase ("the lanky,
    bespectacled professor")? A lower-case word before it with a determiner at most two words back
    (the caller also wants a word between the comma and the head: "the crowd, protesters" is two
    phrases)."""
    return (
        toks[k].text == "," and k - 1 > lo and toks[k - 1].word and not toks[k - 1].cap
        and toks[k - 1].low not in NP_STOP and any(toks[x].low in ("the", "a", "an") for x in range(max(lo, k - 3), k - 1))
    )


def _np_name_run(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """A capitalised name run ending before ``b``: ``Turkish President Recep Tayyip Erdogan said``.

    Walks back over up to eight words of the name ("Mr. Morgan of the Sierra Club", "Turkish
    officials and activists"), stopping at a lower-case word of the clause, a verb, a pronoun or
    an all-caps headline; then drops a sentence-initial "But" / "However". "people close to
    Clinton say": the head before "close to" is the speaker.
    """
    lex = _CUES.get()
    a = b
    while a > lo and b - a < 8:
        u = toks[a - 1]
        if u.quoted or not (u.word or u.text in "&-."):
            break
        if (
            len(u.text) > 2
            and u.text.isupper()
            and a - 2 >= lo
            and len(toks[a - 2].text) > 2
            and toks[a - 2].text.isupper()
        ):
            break  # an all-caps headline before the name ("... ISTANBUL EXPLOSION Turkish President ...")
        if u.low in DETERMINERS:
            if u.low == "the" and a - 2 > lo and toks[a - 2].low in ("of", "for", "at", "from") and toks[a - 3].cap:
                # "Mr. Morgan of the Sierra Club": the phrase goes on before "of the".
                a -= 2
                continue
            if u.low == "the" and a - 2 > lo and toks[a - 2].low in ("of", "for"):
                d = _role_before(toks, a - 2, lo)
                if d is not None:
                    # "The former sergeant-at-arms of the House of Commons said": the role is the
                    # speaker, the body after "of" its affiliation.
                    a = d
                    break
            a -= 1
            break
        if u.low in ("of", "for", "at") and a - 1 > lo and toks[a - 2].word and a < b:
            a -= 1
            continue
        if u.low == "and" and a - 1 > lo and a < b and (toks[a - 2].cap or toks[a - 2].low in SPEAKER_NOUNS):
            # "Turkish officials and activists", "Obama and Clinton": a coordinated subject.
            a -= 1
            continue
        if (u.low in NP_STOP and not _name_like(toks, a - 1, lo)) or u.low in lex.verbs or u.low in SUBJECT_PRONOUNS:
            break
        if (
            u.word
            and not u.cap
            and toks[a].cap
            and u.low not in SPEAKER_NOUNS
            and u.low not in TITLES
            and not u.low.endswith("-based")
        ):
            # A lower-case word before a name is usually a verb or an adjective of the clause.
            break
        a -= 1
    while a < b and toks[a].low in ("of", "for", "at", "&", "-", "."):
        a += 1
    # A sentence-initial capitalised function word ("But", "However") is not part of the name,
    # nor is an opening preposition ("Despite challenging ...": the speaker comes later).
    while a < b - 1 and toks[a].low in ("but", "however", "and", "so", "yet", "meanwhile", "still"):
        a += 1
    if b - a == 1 and toks[a].low in OPENING_FUNCTION_WORDS:
        return None
    if (
        a - 2 > lo
        and toks[a - 1].low in ("to", "with")
        and toks[a - 2].low in CLOSE_TO
    ):
        # "people close to Clinton say", "sources familiar with the talks said": the head
        # before the adjective is the speaker.
        head = _np_back(toks, a - 2, lo)
        if head is not None:
            return (head[0], b)
    return (a, b) if a < b else None


def _role_before(toks: list[_Tok], of: int, lo: int) -> int | None:
    """Start of a determiner phrase opening the clause and ending in a lower-case noun just before
    the preposition at ``of`` ("The former sergeant-at-arms [of]"), or None."""
    noun = toks[of - 1]
    if not noun.word or noun.cap or noun.low in DETERMINERS or noun.low in NP_STOP or noun.low in _CUES.get().verbs:
        return None
    d = of - 1
    while d > lo and of - d <= 4 and toks[d - 1].word and not toks[d - 1].quoted:
        d -= 1
        if toks[d].low in ("the", "a", "an"):
            break
    if toks[d].low not in ("the", "a", "an") or not (d == lo or toks[d - 1].text in ",;:\u2014"):
        return None
    return d


def _appositive_head(toks: list[_Tok], b: int, lo: int) -> tuple[int, int] | None:
    """Subject before a chain of appositives ending at the comma ``b`` before a cue.

    "Marley Anderson, 21, a junior from Las Vegas, said": the chunks between commas are tried
    from the clause start on; the first one that is a whole name (or pronoun) heads the chain.
    """
    commas = [b]
    k = b - 1
    while k >= lo and b - k < 40 and len(commas) < 5:
        t = toks[k]
        if t.quoted or t.text in ";:!?" or (t.text == "." and not _abbrev_before(toks, k)):
            break
        if t.text == ",":
            commas.append(k)
        k -= 1
    first = k + 1
    if first > lo and toks[first - 1].text not in ",;:.!?":
        return None  # the chain does not start at a clause boundary
    commas.reverse()
    start = first
    for c in commas:
        while start < c and toks[start].low in ("but", "and", "however", "meanwhile", "yet", "so"):
            start += 1
        np = _np_back(toks, c, lo) if c > start else None
        if np is not None and np[0] == start and c > start:
            head = toks[np[1] - 1]
            if (head.cap or head.low in SPEAKER_NOUNS or head.low in SUBJECT_PRONOUNS) and (
                head.low not in TIME_WORDS and head.low not in WEEKDAYS
            ):
                return np
        start = c + 1
    return None


def _title_then_name(toks: list[_Tok], lo: int, k: int, chunk: list[_Tok]) -> bool:
    """Clause ``toks[lo:k]`` is an office's title ("Keeper of the Ruler's Seal", "Minister of
    Finance": capitalised, with "of"/"for", at most eight tokens) and ``chunk`` (between the
    commas) a name of two to four capitalised words."""
    head = toks[lo:k]
    return (
        0 < len(head) <= 8 and head[0].cap and any(t.low in ("of", "for") for t in head)
        and 2 <= len(chunk) <= 4 and all(t.word and t.cap for t in chunk)
    )


def _person_like(toks: list[_Tok], np: tuple[int, int], lo: int) -> bool:
    """A subject candidate that can stand alone: a pronoun, a multi-word name, or a clause opener."""
    a, b = np
    return toks[b - 1].low in SUBJECT_PRONOUNS or b - a >= 2 or a == lo


def _subject_before(toks: list[_Tok], c: int, lo: int) -> tuple[int, int] | None:
    """Subject of the cue at token ``c``: skip modifiers, then an appositive between commas."""
    b = c
    while True:
        while b > lo and (_modifier(toks[b - 1]) or _adverb(toks[b - 1])):
            b -= 1
        # "Erdogan on Wednesday accused", "Smith last week said": skip a time adjunct.
        if (
            b - 2 >= lo
            and toks[b - 1].low in TIME_WORDS
            and toks[b - 2].low in ("on", "last", "this", "earlier", "late")
        ):
            b -= 2
            continue
        if b - 2 >= lo and toks[b - 2].low in ("in", "on", "since", "until", "by") and (
            toks[b - 1].low in _MONTHS or (len(toks[b - 1].text) == 4 and toks[b - 1].text.isdigit())
        ):
            b -= 2  # "federal prosecutors in April charged", "who in 2010 said": a date adjunct
            continue
        if b - 1 > lo and (
            toks[b - 1].low in ("today", "yesterday", "tonight", "earlier")
            or (toks[b - 1].low in WEEKDAYS and not toks[b - 2].cap)
        ):
            b -= 1  # "A news report published Wednesday said"
            continue
        break
    # 'Humphrey, who calls Trump a "sociopath," said': the appositive closes on a quotation's
    # comma; the quotation inside it is the appositive's own.
    quoted_close = (
        b - 2 > lo and toks[b - 1].quoted and not toks[b - 1].word and toks[b - 2].text == "," and toks[b - 2].quoted
    )
    if quoted_close:
        b -= 1
    if b > lo and toks[b - 1].text in ",\u2014":
        # "Kareem, who has worked with CNN in the past, said": the name before the first comma
        # (or dash: "Kagan \u2014 who led the surge \u2014 supports ...").
        sep = toks[b - 1].text
        k = b - 2
        while (
            k > lo
            and (toks[k].text != sep or (quoted_close and toks[k].quoted))
            and b - k < 30
            and (quoted_close or not toks[k].quoted)
            and (toks[k].text not in ".;:" or (toks[k].text == "." and _abbrev_before(toks, k)))
        ):
            k -= 1
        if k >= lo and toks[k].text == sep and k < b - 2:
            np = _np_back(toks, k, lo)
            chunk = toks[k + 1 : b - 1]
            if (
                k > lo
                and toks[k - 1].word
                and not toks[k - 1].cap
                and (toks[k - 1].low in SPEAKER_NOUNS or toks[k - 1].low in TITLES or toks[k - 1].low in KIN_WORDS)
                and 1 <= len(chunk) <= 4
                and all(t.cap for t in chunk if t.word)
            ):
                # "Her mother, Fatemah, tweeted": the name is the appositive.
                return (k + 1, b - 1)
            if _title_then_name(toks, lo, k, chunk):
                # "Keeper of the Ruler's Seal, Syed Danial Syed Ahmad, said": the title of an
                # office opens the clause; the name in apposition is the speaker.
                return (k + 1, b - 1)
            # "Donna Rawlings, 59, of Ashton, Md., who watched ..., said": a chain of appositives;
            # the name opens the chain, a few commas further back.
            hops = 0
            while hops < 3 and np is not None and not _person_like(toks, np, lo):
                # Step back to the previous comma ("Cory James, 22, of Flint, Mich., said").
                k2 = np[0] - 1
                while k2 > lo and np[0] - k2 < 5 and toks[k2].text != ",":
                    k2 -= 1
                if k2 <= lo or toks[k2].text != ",":
                    break
                np = _np_back(toks, k2, lo)
                hops += 1
            if np and ((toks[np[0]].cap and toks[np[0]].low in TITLES) or toks[np[0]].low in ("a", "an") or (
                    # "John Dickey, the chief executive of Ora Media -- the production company -- said"
                    toks[np[0]].low == "the" and np[0] >= 2 and toks[np[0] - 1].text == "," and toks[np[0] - 2].cap)):
                # "Navdeep Bains, Minister of Innovation, Science and Economic Development, said",
                # "Sen. Debbie Stabenow, D-Mich., a member of the leadership team, said": a title or
                # an indefinite description between commas; the name opening the chain speaks.
                alt = _appositive_head(toks, b - 1, lo)
                if alt is not None and alt[0] < np[0] and toks[alt[0]].low not in TITLES:
                    return alt
            if np and (toks[np[1] - 1].cap or toks[np[1] - 1].low in SUBJECT_PRONOUNS):
                return np
            if np and chunk and chunk[0].low in ("which", "who", "whose") and toks[np[0]].low in DETERMINERS:
                # "The complaint, which was filed in court, alleged": a determiner phrase with a
                # relative clause between commas.
                return np
        return _appositive_head(toks, b - 1, lo)
    return _np_back(toks, b, lo)


# The finite verbs written as one plain word ("is", "has", "would"; not "isn't", "he's").
_FINITE = frozenset(w for w in FINITE_VERBS if w.isalpha())




def _opening_subject(toks: list[_Tok], c: int) -> tuple[int, int] | None:
    """Character span of the name or pronoun opening the clause (after an introductory phrase)."""
    b0 = 0
    while b0 < c and toks[b0].cap and toks[b0].word and not toks[b0].quoted:
        b0 += 1
    if 0 < b0 < c and toks[0].low not in OPENING_FUNCTION_WORDS and toks[0].low not in DETERMINERS \
            and toks[0].low not in ("but", "and", "however", "meanwhile", "still", "yet", "so", "then", "now") \
            and toks[0].low not in SUBJECT_PRONOUNS \
            and (toks[b0].low in _FINITE or (toks[b0].low.endswith("ed") and len(toks[b0].low) > 3)):
        # "Vern Sparkes was one of them, upset ..., calling it a "global takeover."": a sentence that
        # opens with a name and its verb has no introductory phrase to skip.
        return (toks[0].start, toks[b0 - 1].end)
    a = 0
    # Skip an introductory phrase ending in a comma ("On Thursday, Trump ...").
    for k in range(min(c - 1, 8)):
        if toks[k].text == "," and not toks[k].quoted:
            a = k + 1
            break
    if a == 0 and c > 0 and (toks[0].low in OPENING_FUNCTION_WORDS or toks[0].low == "having"):
        # "During a national security speech earlier in the day, Trump attacked ..., saying": a
        # longer fronted adjunct still ends at its comma; without one, the word opening it is a
        # preposition or subordinator, never the subject.
        a = next((k + 1 for k in range(1, c) if toks[k].text == "," and not toks[k].quoted), c)
    while a < c and toks[a].low in ("but", "and", "however", "meanwhile", "still", "yet", "so", "then"):
        a += 1
    if a >= c or toks[a].quoted:
        return None
    if toks[a].low in SUBJECT_PRONOUNS:
        return (toks[a].start, toks[a].end)
    if toks[a].low in DETERMINERS and a + 1 < c and not toks[a + 1].cap:
        # "The town mayor, calling the vote a farce, ...": a determiner phrase up to the comma.
        e = a + 1
        while e < c and e - a < 6 and toks[e].word and not toks[e].quoted and toks[e].low not in NP_STOP:
            e += 1
        if e < c and e > a + 1 and toks[e].text in ",\u2014":
            return (toks[a].start, toks[e - 1].end)
    b = a
    while b < c and (toks[b].cap or toks[b].text == ".") and not toks[b].quoted:
        b += 1
    if b == a and a > 0 and toks[a - 1].text == "," and toks[a].word and not toks[a].quoted:
        # "While there is no law ..., presidential contenders of both parties have understood that
        # it is necessary to show ...": after an opening clause, a plural noun phrase up to its
        # finite verb.
        e = a
        while e < c and e - a < 8 and toks[e].word and not toks[e].quoted and toks[e].low not in _FINITE:
            e += 1
        if e < c and e > a and toks[e].low in _FINITE and toks[a].low not in CLAUSE_WORDS \
                and (toks[e - 1].low.endswith("s") or toks[e - 1].low in SPEAKER_NOUNS) \
                and not any(t.low in CLAUSE_WORDS for t in toks[a:e]):
            return (toks[a].start, toks[e - 1].end)
        return None
    if b == a or toks[b - 1].text == ".":
        return None
    return (toks[a].start, toks[b - 1].end)


def _clause_subject(toks: list[_Tok], c: int, lo: int) -> tuple[int, int] | None:
    """Fallback subject: the whole clause-initial phrase before a nearby cue.

    "Experts on North Korea and nuclear nonproliferation said ...": when the phrase from the
    clause start to the cue is short and holds no punctuation, quote or clause word, it is the
    subject even though no single head word was recognised.
    """
    lex = _CUES.get()
    a = lo
    while a < c and (toks[a].low in ("but", "and", "however", "meanwhile", "still", "yet", "so", "now")
                     or (a == lo and toks[a].cap and toks[a].low in OPENING_FUNCTION_WORDS)):
        a += 1
    b = c
    while b > a and _modifier(toks[b - 1]):
        b -= 1
    if not 2 <= b - a <= 9:
        return None
    for t in toks[a:b]:
        if t.quoted or not t.word or t.low in CLAUSE_WORDS or t.low in lex.verbs:
            return None
    head = toks[b - 1]
    if not (head.cap or head.low in SPEAKER_NOUNS or head.low.endswith("s")) and not (
        # "A person familiar with the plans for Monday's meeting says": a speaker noun leads.
        toks[a].low in DETERMINERS and (toks[a + 1].low in SPEAKER_NOUNS or toks[a + 1].low in ("person", "man", "woman"))
    ):
        return None
    return (a, b)


def _statement_issuer(toks: list[_Tok], np: tuple[int, int]) -> tuple[int, int] | None:
    """``The town released a statement (Wednesday) saying ...``: the subject issuing the statement.

    When the noun phrase before a participle cue is a medium (statement, email, letter ...) that
    is the object of a verb, the verb's subject is the source, as PolNeAR marks it.
    """
    a, b = np
    if toks[b - 1].low not in ISSUED_MEDIA or a < 2:
        return None
    v = a - 1
    if toks[v].low in ("out", "up", "off"):
        v -= 1  # "put out a statement"
    if v < 1 or toks[v].cap or not toks[v].word or toks[v].quoted:
        return None
    return _subject_before(toks, v, 0)
