"""Names in an article: runs of capitalised words, their forms and kinds (the speakers stage's
name layer).

Full names, surnames and first names, titles split off (``split_name``), known places
(``data/places.txt``), first-name genders (``data/first_names.tsv``), organisation short forms, and
``_Doc``: every name occurrence of one document with the indexes that expand a surname or a first
name to its full name. A surname two people share is told apart by the cues in ``name_cues``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from quotewire.extract.model import Quote, Span
from quotewire.extract.name_cues import (
    _GENDER_TITLES,
    _opens_clause,
    _pronoun_gender_near,
    _title_before,
    _title_fits,
    _two_people,
)

# (re-exported: other stages read first-name genders and the word cleaner from the name layer)
from quotewire.extract.name_cues import (
    _clean_word as _clean_word,
)
from quotewire.extract.name_cues import (
    _first_name_gender as _first_name_gender,
)
from quotewire.extract.name_cues import (
    first_name_genders as first_name_genders,
)
from quotewire.extract.quotes.lexicons import (
    DETERMINERS,
    NOT_PERSON_WORDS,
    ORG_WORDS,
    TITLES,
)

# "place": a known place (data/places.txt). It may speak for its government ("China said") and is
# written out as an organisation, but it is never the antecedent of a pronoun or a description.
Kind = Literal["person", "organization", "place", "unknown"]


# A run of capitalised words (a name candidate). Linear: each repetition needs whitespace and a
# capital; a period only ends a known abbreviation or an initial, so runs stop at sentence ends.
_NAME_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Rev|Prof|Hon|Del)\.|(?:[A-Z]\.)+|[A-Z](?:[\u00c2\u00c3][\u0080-\u00bf]|[\w'\u2019\-])*)"
)


# Longest run of capitalised words read as one name (with its titles: "Former Turkish Prime
# Minister Recep Tayyip Erdogan" is 7).
MAX_NAME_WORDS = 10


_NAME_RUN = re.compile(
    r"(?<![\w'\u2019])"
    + _NAME_TOKEN
    + r"(?:[ \t]+(?:"
    + _NAME_TOKEN
    + r"|(?:de|da|van|von|bin|al|el|la|le|del)(?![\w'\u2019])))*"
)


# The rest of a body's name after its organisation word ("Commission| on Presidential Debates").
_ORG_TAIL = re.compile(r"[ \t]+(?:on|of|for)[ \t]+(?:the[ \t]+)?"
                       r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)"
                       + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r"){0,4}")
# The words before "and" that open an organisation's name: "Securities and Exchange Commission",
# "House Oversight and Government Reform Committee" (not "The", initials or a possessive: "the UN's").
_ORG_HEAD = re.compile(r"(?<![\w'\u2019])((?:(?!(?:The|A|An|[A-Z]{2,})\s)[A-Z][\w-]*[ \t]+)?"
                       r"[A-Z][\w'\u2019-]*[ \t]+(?:and|&)[ \t]+)$")


# An appositive right after a name: ", a/an/the/another ... ," up to the next comma or period.
_APPOSITIVE = re.compile(
    r",[ \t]+((?:a|an|the|another|his|her|their|its|who|which)[ \t][^,.;:\"\u201c\u201d\n]{2,160})[,.]"
)


# Function words that may start a capitalised run without being part of the name.
_LEADING = frozenset(
    """the a an in on at but and however after before when while as if for by with from of to
    meanwhile still yet so this that these those his her their its our my mr mrs ms dr
    although though perhaps besides nonetheless nevertheless finally later earlier similarly likewise moreover furthermore also instead indeed
    now then even unlike like despite during since until once unless because thus hence therefore
    otherwise both either neither each every all many most some several few such only just already
    again here there today tonight yesterday tomorrow last next thanks according including following
    against among amid around behind beyond into over under through throughout toward towards upon within without
    would could should does did
    amid among across against toward towards without within beyond upon via per plus about over under
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


_NOT_PERSON = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i we you he she it they""".split()
)


_PREPOSITIONS = frozenset("of for at with from in on by to".split())


# Lower-case words that join the parts of one name ("Council on Foreign Relations").
_NAME_CONNECTORS = frozenset("of on for and de del la van von".split())


_FEMALE = frozenset("she her mrs ms miss woman girl mother wife daughter sister grandmother widow queen".split())


_MALE = frozenset("he his mr man boy father husband son brother grandfather king".split())


@dataclass(slots=True)
class _Entity:
    name: str
    kind: Kind
    gender: str = ""
    descriptors: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


def _strip_det(words: list[str]) -> list[str]:
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return words


@functools.lru_cache(maxsize=8192)
def split_name(mention: str) -> tuple[str, str]:
    """``(descriptor, name)`` of a mention: leading titles/roles are the descriptor.

    "Turkish President Recep Tayyip Erdogan" -> ("Turkish President", "Recep Tayyip Erdogan");
    "the UN" -> ("", "UN"); "Lina Shamy" -> ("", "Lina Shamy").
    """
    words = _strip_det(mention.split())
    while len(words) > 1 and words[0].lower().rstrip(",") in _LEADING and _clean_word(words[0]) not in TITLES \
            and words[0].lower().rstrip(".") not in ("mr", "mrs", "ms", "dr"):
        words = words[1:]  # "Finally Demi", "Nonetheless Tracy": a sentence adverb is no part of a name
    last_title = -1
    for i, w in enumerate(words):
        cw = _clean_word(w)
        # A possessive before a name is the name's organisation: "NBC's Dante Chinni".
        possessive = cw.endswith("'s") and i < len(words) - 2
        if cw in _NAME_CONNECTORS and 0 < i < len(words) - 1 and words[i - 1][:1].isupper() \
                and words[i + 1][:1].isupper() and _clean_word(words[i - 1]) not in TITLES and last_title < i - 1:
            # "National Institute on Drug Abuse", "Bank of Canada": a connector inside one name.
            continue
        if cw in TITLES and i + 1 < len(words) and _org_name_rest(words[i + 1:]):
            continue  # "National Institute", "House Intelligence Committee": a title word opens an org's name
        # "Vice-President", "ex-minister", "Co-founder": a hyphenated title is a title.
        hyphen_title = "-" in cw and cw.rsplit("-", 1)[-1] in TITLES
        # "Osama bin Laden", "Bill de Blasio": a particle between capitalised words is part of the name.
        particle = cw in _PARTICLES and 0 < i < len(words) - 1 and words[i + 1][:1].isupper() \
            and words[i - 1][:1].isupper() and _clean_word(words[i - 1]) not in TITLES
        if cw in TITLES or hyphen_title or (not w[:1].isupper() and not particle) or possessive:
            last_title = i
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".,")
    if 0 <= last_title < len(words) - 1:
        return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1 :])
    return "", " ".join(words)


@functools.cache
def place_names() -> frozenset[str]:
    """Lower-cased names of countries, states, provinces, regions and large cities
    (``data/places.txt``, hand-written; names that are also common first names left out)."""
    lines = (Path(__file__).parent / "data" / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def is_place(name: str) -> bool:
    """Is ``name`` (determiner and possessive dropped) a known place? "the United States" -> True."""
    words = _strip_det(name.split())
    key = " ".join(words).removesuffix("'s").removesuffix("\u2019s").lower()
    return key in place_names()


def _org_name_rest(words: list[str]) -> bool:
    """Do ``words`` finish an organisation's name: capitalised (or connectors) up to an
    organisation word ("Intelligence Committee", "Institute on Drug Abuse")?"""
    cleaned = [_clean_word(w) for w in words]
    return any(c in ORG_WORDS for c in cleaned) and all(
        w[:1].isupper() or c in _NAME_CONNECTORS for w, c in zip(words, cleaned, strict=True))


# First words of capitalised runs that open no person's name.
_NOT_A_PERSON_LEAD = frozenset("new u.s. u.n. u.k. e.u. us un uk eu".split())
# Plural group nouns that end the names of bodies, never of a person.
_GROUP_NOUNS = frozenset("""women men workers families democrats republicans conservatives liberals americans
    canadians employees teachers nurses doctors veterans parents students citizens voters friends
    partners associates investors holdings industries systems services resources""".split())


def _names_a_body(name: str) -> bool:
    """Does a capitalised run of two or more words name a body, a publication or a demonym ("U.N.
    Women", "New Yorker", "Animal Protection Services"), never a he or a she?"""
    parts = name.split()
    return len(parts) >= 2 and (parts[0].lower() in _NOT_A_PERSON_LEAD or _clean_word(parts[-1]) in _GROUP_NOUNS)


_QUESTION_OPENERS = frozenset("would could should can does did is are was were do have has".split())


def _kind(name: str, mention: str) -> Kind:
    words = [_clean_word(w) for w in mention.split()]
    if "I" in name.split() or name.split()[0].lower() in _QUESTION_OPENERS:
        return "unknown"  # "Would I rather ...": a question opening, not a name
    # A place that speaks ("China said", "Ottawa says") is its government; it is never a person a
    # later "she" could refer to.
    if is_place(name):
        return "place"
    parts = name.split()
    if len(parts) >= 2 and parts[0].lower() in first_name_genders() and not any(
            _clean_word(w) in ORG_WORDS for w in parts):
        # "Manhattan Supreme Court Justice Frank Nervo": the organisation words are the title's;
        # a name opening with a first name is a person.
        return "person"
    if any(w in ORG_WORDS for w in words) or (name.isupper() and len(name) >= 2):
        return "organization"
    if _names_a_body(name):
        # "U.N. Women", "New Yorker", "Teamsters for Working Families": a country's initials, "New"
        # or a plural group noun make a body, a publication or a demonym, never a he or a she.
        return "organization"
    if not name[:1].isupper():
        return "unknown"
    return "person"


def _gender_of(text: str) -> str:
    """Gender from the role words right before a name or in its descriptors ("her son Kody" -> m).

    The nearest gendered noun or title wins, read right to left; possessive pronouns are skipped
    because they name someone else ("her son": the son is male).
    """
    for w in reversed(text.split()):
        cw = _clean_word(w)
        if cw in ("her", "his", "their", "its", "he", "she"):
            continue
        if cw in _FEMALE:
            return "f"
        if cw in _MALE:
            return "m"
    return ""


class _Doc:
    """Name occurrences of one document, used to expand surnames and resolve pronouns."""

    def __init__(self, text: str, quotes: Sequence[Quote]) -> None:
        self.text = text
        quoted = sorted((q.content.start, q.content.end) for q in quotes if q.type == "direct")
        self.names: list[tuple[int, int, str]] = []  # (start, end, name) of person-like runs
        self.singles: list[tuple[int, int, str]] = []  # lone capitalised words (surnames?)
        self.orgs: list[tuple[int, int, str]] = []  # (start, end, name) of organisation names
        self._from_runs(quoted)
        self._index()
        self.org_full = self._org_forms()
        self._lower: frozenset[str] | None = None

    def _org_forms(self) -> dict[str, str]:
        """Short forms of organisation names -> the full name: an acronym defined in parentheses
        ("Export Development Canada (EDC)" -> EDC) and the first word of a multi-word organisation
        name ("Suncor" -> "Suncor Energy").

        Why: an organisation is introduced in full and then quoted by its short form; without the
        link the speaker is "EDC" in one record and "Export Development Canada" in the next.
        """
        forms: dict[str, str] = {}
        for _, _, name in self.orgs:
            words = name.split()
            first = _clean_word(words[0]) if words else ""
            if len(words) > 1 and words[0][:1].isupper() and first not in _LEADING and first not in ORG_WORDS \
                    and first not in TITLES and not _ADJECTIVE_END.search(first) and not is_place(words[0]):
                forms.setdefault(words[0], name)
        # "the International Monetary Fund ... The IMF said": initials of a name of three or more
        # capitalised words written in the article (one name per set of initials, else none).
        by_initials: dict[str, set[str]] = {}
        for _, _, name in [*self.orgs, *self.names]:
            words = [w for w in _strip_det(name.split()) if w[:1].isupper()]
            if len(words) >= 3 and not any(w.endswith(".") for w in words):
                by_initials.setdefault("".join(w[0] for w in words), set()).add(" ".join(_strip_det(name.split())))
        for initials, names in by_initials.items():
            if len(names) == 1:
                forms.setdefault(initials, next(iter(names)))
        for m in _ACRONYM_DEF.finditer(self.text):
            words, acr = m.group(1).split(), m.group(2).replace("&", "").upper()
            # The run may start with words that are not part of the name ("Members of the
            # Alliance to Reclaim Our Schools (AROS)"): the longest tail whose initials match.
            for k in range(len(words)):
                tail = _strip_det(words[k:])
                if tail and tail[0][:1].isupper() and "".join(w[0] for w in tail if w[:1].isupper()).upper() == acr:
                    forms[m.group(2)] = " ".join(tail)
                    break
        return forms

    def _headline_people(self, start: int, words: list[str]) -> None:
        if len(words) > 25:
            return  # a headline is short; a longer run is garbage (and a scan per word would be quadratic)
        pos = start
        for k, w in enumerate(words):
            pos = self.text.index(w, pos)
            if k + 1 < len(words) and _clean_word(w) in first_name_genders() and w[:1].isupper():
                nxt = words[k + 1].rstrip(".,:;").removesuffix("'s").removesuffix("\u2019s")
                if len(nxt) > 2 and nxt[:1].isupper() and nxt.lower() not in _LEADING \
                        and self.text.count(nxt) >= 2:
                    e = self.text.index(nxt, pos + len(w))
                    self.names.append((pos, e + len(nxt), f"{w} {nxt}"))

    def _from_runs(self, quoted: list[tuple[int, int]]) -> None:
        """Names from runs of capitalised words outside direct quotations: persons (full names
        and lone words that may be surnames) and organisation names (with an organisation word)."""
        text = self.text
        qi = 0
        org_until = -1  # the end of an organisation name extended over a connector
        for m in _NAME_RUN.finditer(text):
            if m.start() < org_until:
                continue  # "Presidential Debates" inside "Commission on Presidential Debates"
            while qi < len(quoted) and quoted[qi][1] <= m.start():
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= m.start() < quoted[qi][1]:
                continue
            words = m.group().split()
            if len(words) > MAX_NAME_WORDS:
                # A run of a dozen capitalised words is a Title Case headline or garbage, not a
                # name; skipping it also keeps the tail index below linear in the run's length.
                # The people it names are kept: a first name and the surname after it, when the
                # story writes that surname again ("Hillary Clinton Goes After Donald Trump As The
                # New Mitt Romney" ... "Clinton leaned in"), so the surname finds its full name.
                self._headline_people(m.start(), words)
                continue
            if len(words) >= 4 and any(w in _TITLE_CASE_FUNCTION for w in words[1:]):
                # A shorter Title Case headline ("Hillary Clinton Slams Donald Trump On Taxes"): its
                # people as above, and the run itself is no name.
                self._headline_people(m.start(), words)
                continue
            s = m.start()
            # (and a location modifier: "Calgary-based Suncor Energy")
            while words and (words[0].lower().rstrip(".") in _LEADING or words[0].lower().endswith(_LOCATED)):
                s = text.index(words[1], s + len(words[0])) if len(words) > 1 else m.end()
                words = words[1:]
            for k, w in enumerate(words[:-1]):
                if w.endswith(("'s", "\u2019s")) and k > 0 and _clean_word(words[0]) in first_name_genders():
                    # "Andrew Scheer's Conservatives", "Elizabeth May's Greens": a person's name ends
                    # at its possessive; what follows is something of theirs.
                    words = words[:k + 1]
                    break
            _, name = split_name(" ".join(words))
            name = name.rstrip(".,").removesuffix("'s").removesuffix("\u2019s")
            if not name or name.lower() in _NOT_PERSON:
                continue
            nwords = name.split()
            cleaned = [_clean_word(w) for w in nwords]
            # "UFCW Local 832": a union local is named by its number.
            local = len(nwords) > 1 and cleaned[-1] == "local" and _LOCAL_NUMBER.match(text, m.end()) is not None
            # "the City of Surrey", "the Town of Banff": a municipality named with "of" is a body.
            civic = len(nwords) == 1 and cleaned[0] in _CIVIC and re.match(r"[ \t]+of[ \t]+[A-Z]", text[m.end():m.end() + 6])
            if local or civic or any(w in ORG_WORDS for w in cleaned):
                e0 = text.find(name, s, m.end() + 1)
                e1 = e0 + len(name)
                if (civic or _clean_word(nwords[-1]) in ORG_WORDS) and (after := _ORG_TAIL.match(text, e1)) is not None:
                    # "Commission on Presidential Debates", "Association of Flight Attendants": the
                    # body's name goes on over "on"/"of"/"for" with another capitalised run.
                    e1 = org_until = after.end()
                    if (again := _ORG_TAIL.match(text, e1)) is not None:
                        e1 = org_until = again.end()  # "Court of Appeals for the Sixth Circuit"
                if local and (num := _LOCAL_NUMBER.match(text, e1)) is not None:
                    e1 = org_until = num.end()
                if (before := _ORG_HEAD.search(text, max(0, e0 - 40), e0)) is not None:
                    e0 = before.start(1)  # "Securities and Exchange Commission"
                if e1 - e0 > len(name) or len(nwords) > 1:
                    # "Suncor Energy", "BC Hydro": an organisation, antecedent of "it" and "the company".
                    self.orgs.append((e0, e1, text[e0:e1]))
                continue
            if len(nwords) > 1 and all(w.isupper() and len(w) > 2 for w in nwords):
                continue  # "MIDWAY ATOLL", "FULL TEXT": a dateline or heading in capitals names no person
            if any(c in _CREDIT_WORDS for c in cleaned) or (
                    nwords[-1] in ("I", "II", "III", "IV") and cleaned[0] not in first_name_genders()):
                continue  # "Getty Images Kevin Vickers" (a photo credit), "Phase I" (a numbered stage)
            if any(w.lower().endswith(("n't", "n\u2019t")) or (len(nwords) > 1 and w.isupper() and len(w) > 3)
                   for w in nwords):
                # "Blacks Don't Rally" (a headline), "THE BORROWING Back" (a heading run into the
                # next sentence): a verb form or a word in capitals in a mixed run is no name.
                continue
            skip_first = len(cleaned) > 1 and cleaned[0] in first_name_genders()  # "Bill de Blasio", not "the Bill"
            if len(nwords) > 1 and not skip_first and _demonym(cleaned[-1]) and _LOWER_NEXT.match(text, m.end()):
                continue  # "Prominent Canadian examples include": a demonym before a noun modifies it
            if any(w in NOT_PERSON_WORDS for w in cleaned[int(skip_first):]):
                continue
            e = text.find(name, s, m.end() + 1)
            if e < 0 or _in_furniture(text, m.start()) or _place_like(text, m.start(), m.group()):
                continue
            if len(nwords) == 1 and not _APPOSITIVE.match(text, m.end()):
                # A lone capitalised word: maybe a surname of a full name (resolved later).
                self.singles.append((e, e + len(name), name))
                continue
            self.names.append((e, e + len(name), name))
        # A word taken back into an organisation's name ("Securities" of "Securities and Exchange
        # Commission") is no surname of its own.
        starts = sorted((s0, e0) for s0, e0, _ in self.orgs if s0 >= 0)
        def inside(a: int) -> bool:
            k = bisect.bisect_right(starts, (a, 1 << 62)) - 1
            return k >= 0 and starts[k][0] <= a < starts[k][1]
        self.singles = [x for x in self.singles if not inside(x[0])]
        self.names = [x for x in self.names if not inside(x[0])]

    def _index(self) -> None:
        # Full names by their tails ("Kareem" -> "Bilal Abdul Kareem") and by their first word
        # ("Elizabeth" -> "Elizabeth May"), each with the offsets where the full name is written.
        self.by_tail: dict[str, list[tuple[int, str]]] = {}
        self.by_head: dict[str, list[tuple[int, str]]] = {}
        self.canonical: dict[str, str] = {}
        self._tail_names: dict[str, dict[str, None]] = {}  # tail -> distinct full names, in order
        for s, _, name in self.names:
            if name not in self.canonical:  # once per distinct name: the variant search is a scan
                self.canonical[name] = self._variant_of(name)
            name = self.canonical[name]
            parts = name.split()
            for k in range(1, len(parts)):
                tail = " ".join(parts[k:])
                self.by_tail.setdefault(_key(tail), []).append((s, name))
                self._tail_names.setdefault(_key(tail), {})[name] = None
            if len(parts) > 1:
                self.by_head.setdefault(_key(parts[0]), []).append((s, name))

    def _variant_of(self, name: str) -> str:
        """A spelling variant of a name seen before ("Jodie" / "Jody Wilson-Raybould") is that name.

        Why: news copy misspells first names; two spellings with one surname and first names one
        or two letters apart (same initial) are one person, not two speakers.
        """
        parts = name.split()
        if len(parts) < 2 or len(parts[0]) < 3:
            return name
        for other in self._tail_names.get(_key(parts[-1]), ()):
            o = other.split()
            if len(o) == len(parts) and o[1:] == parts[1:] and o[0] != parts[0] and o[0][0] == parts[0][0] \
                    and len(o[0]) >= 3 and _edit_distance(o[0].lower(), parts[0].lower()) <= 2:
                return other
        return name

    def expand(self, name: str, pos: int = -1) -> str:
        """The fullest name of the document for ``name`` (surname or first name -> full name).

        Two people may share a surname (Dorie and Michael Greenspan). A title before ``pos`` picks
        the full name written with it, a pronoun written with the surname picks by gender
        (``name_cues``), and otherwise the surname is the last full name written as a clause's
        subject before ``pos``, else the person introduced first.
        """
        name = self.canonical.get(name, name)
        cands = self.by_tail.get(_key(name))
        if not cands and " " not in name:
            # (A demonym or adjective opens no name: "American cookbook author ..." is not the
            # "American History" of a museum's name.)
            cands = (None if _ADJECTIVE_END.search(name.lower()) and not _first_name_gender(name)
                     else self.by_head.get(_key(name))) or self._misspelt_tail(name)
        if not cands:
            return name
        if pos >= 0:
            title = _title_before(self.text, pos)
            if (gt := _GENDER_TITLES.get(title, "")) and cands[0][0] > pos and \
                    not any(_first_name_gender(c[1]) in ("", gt) for c in cands[:200]):
                # "Mr. Obama" in a story that writes "Michelle Obama" in full only later: not her. (A
                # person introduced in full before keeps the name: "Lakshmi Mittal ... Mr Mittal".)
                return name
            several = len({c[1] for c in cands[:50]}) > 1
            if several and title:
                # "President Obama" with Barack and Michelle Obama in the story: the full name
                # written with the same title ("President Barack Obama"), or of its gender ("Mrs.").
                same = [c for c in cands[:200] if _title_fits(title, self.text, c)]
                if len({c[1] for c in same}) == 1:
                    return same[0][1]
            if several and (g := _pronoun_gender_near(self.text, pos)):
                # "In her 2003 book, Clinton noted", "Clinton leaned in ... She started": with Bill
                # and Hillary Clinton in the story, the pronoun that goes with the surname says which.
                same = [c for c in cands[:200] if _first_name_gender(c[1]) == g]
                if same:
                    cands = same
            # cands are in text order (names are indexed as written): bisect, not a scan per mention
            i = bisect.bisect_left(cands, (pos,))
            if not _two_people(cands[:50]):
                return cands[i - 1][1] if i > 0 else cands[0][1]
            # Shared by two people: the last one written in full as a clause's subject before it
            # ("Michael Greenspan wrote ... Dorie Greenspan wrote ... Greenspan said"), not one
            # written as an object in passing ("accused Rafael Cruz", "a photo of Heidi Cruz"),
            # else the one the story introduced first.
            for k in range(i - 1, max(-1, i - 50), -1):
                if _opens_clause(self.text, cands[k][0]):
                    return cands[k][1]
            return cands[0][1]
        return max(cands, key=lambda c: len(c[1]))[1]


    def common_word(self, word: str) -> bool:
        """Is ``word`` also written in lower case in the document ("Delegates questioned ..." and
        "the delegates"), so a common noun opening a sentence, not a surname?"""
        if self._lower is None:
            self._lower = frozenset(re.findall(r"(?<![\w'\u2019.-])[a-z][a-z'\u2019-]+", self.text))
        return word.lower() in self._lower and word.lower() not in first_name_genders()

    def fullest(self, name: str, pos: int) -> str:
        """``expand`` for a surname or first name; a written full name expands only as a compound
        surname ("Guajardo Villarreal" -> "Ildefonso Guajardo Villarreal", "Van Voorhis").

        Why: a name that opens with a first name is already full; the longer runs ending with it
        carry a title or a headline's words ("Premier Doug Ford", "File Photo Chris Helgren").
        """
        if " " not in name:
            return self.expand(name, pos)
        same = self.canonical.get(name, name)
        if name.split()[0].lower() in first_name_genders():
            return same
        longer = self.expand(name, pos)
        # ("Bin Laden" -> "Osama bin Laden": a surname opening with a particle, written in lower
        # case inside the full name, is a compound surname whatever the first name.)
        particle = name.split()[0].lower() in _PARTICLES and f" {name.split()[0].lower()} " in f" {longer} "
        # ("Suu Kyi" -> "Aung San Suu Kyi": a longer name with no title or heading word in front,
        # whatever the first-name table knows.)
        plain = longer != same and not any(_clean_word(w) in TITLES or _clean_word(w) in _LEADING
                                           or _clean_word(w) in _CREDIT_WORDS for w in longer.split()[:-len(name.split())])
        return longer if longer.split()[0].lower() in first_name_genders() or particle or plain else same

    def _misspelt_tail(self, word: str) -> list[tuple[int, str]] | None:
        """The full name whose surname is ``word`` misspelt by one letter ("Wines" / "Leslie Wimes",
        "McLenney" / "Tyresha McClenney"), when exactly one such name exists.

        Why: copy editors miss a letter in a surname as often as in a first name; the unexpanded
        surname becomes a second speaker with no first name.
        """
        key = _key(word)
        if len(key) < 5 or len(self.by_tail) > 400:
            return None  # (bounded: a list of hundreds of names is no story with a misspelt source)
        hits = [t for t in self.by_tail if " " not in t and t[0] == key[0] and abs(len(t) - len(key)) <= 1
                and _edit_distance(t, key) == 1]
        names = {n for t in hits for _, n in self.by_tail[t]}
        return self.by_tail[hits[0]] if len(names) == 1 else None


# Words of photo credits run into a caption's name ("Getty Images Kevin Vickers").
_CREDIT_WORDS = frozenset("images photo photos photograph photographer getty".split())
# Particles of compound surnames ("bin Laden", "de Blasio", "van Koeverden").
_PARTICLES = frozenset("bin ibn al el de da del della di du van von der den la le st".split())
# Function words a Title Case headline capitalises ("... Goes After Donald Trump As The New ...").
_TITLE_CASE_FUNCTION = frozenset("On After As The Of To In For With At By From Over Into About Is Are Was".split())
@functools.lru_cache(maxsize=4096)
def _demonym(word: str) -> bool:
    """Is ``word`` a people's adjective of a known place ("canadian", "european", "chinese"), not a
    surname with the same ending ("Qishan", "Maran")?"""
    for suffix in ("ian", "an", "ese", "ish"):
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and any(p.startswith(stem) for p in place_names()):
            return True
    return False


_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")
_CIVIC = frozenset("city town county municipality village township district region".split())
_LOCATED = ("-based", "-owned", "-backed", "-headquartered", "-listed")
_LOCAL_NUMBER = re.compile(r"[ \t]+\d{1,5}(?![\w.,]?\d)")
def _key(name: str) -> str:
    """Index key of a name part: case and apostrophe style do not matter ("De Blasio" / "de Blasio",
    "O'Neill" / "O\u2019Neill")."""
    return name.lower().replace("\u2019", "'")


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words (first names)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _descriptor_after(text: str, end: int) -> str:
    m = _APPOSITIVE.match(text, end)
    if m and not m.group(1).lower().startswith(("who", "which")):
        # "a 7-year-old girl who is now known for ...": the descriptor stops at the relative clause.
        return re.split(r"\s(?:who|which|whose|that)\s", m.group(1), maxsplit=1)[0].strip()
    return ""


def _descriptor_before(text: str, start: int) -> str:
    """ "Her mother, Fatemah": the nominal before an appositive name."""
    head = text[max(0, start - 60) : start]
    m = re.search(r"(?:^|[.;:\n]\s*|\s)((?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?)\s+[a-z][\w\- ]{1,40}),\s*$", head)
    return m.group(1) if m else ""


# "Export Development Canada (EDC)": a name of capitalised words and its acronym in parentheses.
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'\u2019&.-]*)(?:\s+(?:of|and|for|the|on|de|to|in|at|&)?\s*[A-Z][\w'\u2019&.-]*){1,7})\s+\(([A-Z][A-Za-z&]{1,8})\)")


_ADJECTIVE_END = re.compile(r"(?:an|ese|ish|ic)$")


_LOWER_WORD = re.compile(r"(?<![\w'\u2019])(?!(?:the|of|and|a|an|in|on|at|for|to|by|de|van|von|if|as|with|from|into|"
                         r"over|after|vs|up|out|about)\b)[a-z][a-z'\u2019]+")


_PLACE_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an|in|at|near|across|outside|inside|throughout)\s+$")


def _place_like(text: str, start: int, run: str) -> bool:
    """A run after a lower-case determiner or a place preposition names no person: "visited the
    Lower Mainland", "in New Brunswick", "at Stella's Cafe".

    Why: without it, places and businesses were the nearest "person" before a "she" or "he".
    A possessive run ("in Smith's view") is kept: it names the possessor.
    """
    if run.endswith(("'s", "\u2019s")):
        return False
    return _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None


def _in_furniture(text: str, pos: int) -> bool:
    """Is ``pos`` in page furniture: a byline or title-case headline line ("Jeff Karoub, The
    Associated Press"), or a parenthesised credit ("(Steve Lawrence/CBC)")?

    Why: names there are never the "he" or "she" of the story's next paragraphs; taking them
    as antecedents gave quotes to photographers and wire reporters. Only a short window around
    ``pos`` is read, so the cost per name is bounded on any input.
    """
    lo = max(0, pos - 200)
    ls = text.rfind("\n", lo, pos) + 1 or lo
    le = text.find("\n", pos, pos + 200)
    if le < 0 and pos + 200 >= len(text):
        le = len(text)
    if (ls > lo or lo == 0) and le >= 0:
        line = text[ls:le]
        # A headline may end with a period (some archives add one), never with a quotation.
        if len(line.split()) <= 14 and not _LOWER_WORD.search(line) and not line.rstrip().endswith(('"', "\u201d")) \
                and (not line.rstrip().endswith(".") or len(line.split()) >= 5):
            return True
    op = text.rfind("(", max(0, pos - 60), pos)
    if op < 0 or text.find(")", op, pos) >= 0:
        return False
    close = text.find(")", pos, op + 80)
    return close >= 0 and "\n" not in text[op:close]


_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow january february
    march april june july august september october november december""".split()
)


def _no_speaker(text: str, m: Span) -> bool:
    """Mentions that never name a speaker: numbers and dates ("2016", "Wednesday"), and section
    labels in capitals whose words the article also writes in lower case ("ANALYST'S TAKE",
    "EARNINGS"; an acronym such as "NATO" is kept).

    Why: the quote rules take the phrase before a cue as its source; in market reports and
    labelled sections that phrase is a heading or a figure, and a wrong speaker is worse than none.
    """
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*|\d+", m.text)
    if not words or all(w.isdigit() for w in words):
        return True
    if len(words) == 1 and (words[0].lower() in _DATE_WORDS or words[0].lower() in _LEADING):
        return True  # "Wednesday", "Nonetheless", "While": a date or a sentence opener names no one
    if m.text.isupper() and len(m.text) > 4:
        lowered = [w.lower().removesuffix("'s").removesuffix("\u2019s") for w in words]
        if all(re.search(rf"\b{re.escape(w)}\b", text) for w in lowered if len(w) > 2):
            return True
        if len(words) > 1 and any(w.endswith(("'S", "\u2019S")) for w in words):
            return True
        if len(words) > 1 and all(len(w) > 3 for w in words) and not any(w.lower() in ORG_WORDS for w in words):
            return True  # "KEEPING SCORE", "FULL TEXT": a heading, not a body ("UNITED NATIONS" has an org word)
    return False


_AFFILIATION = re.compile(r"\s(?:at|of|from|with|for)\s(?:the\s)?[A-Z]")


# Two capitalised words before an affiliation (an article is not one: "The University of X").
_TWO_CAPS = re.compile(r"(?<![\w'\u2019.-])(?!(?:The|A|An)\s)[A-Z][\w'\u2019.-]*\s+[A-Z][\w'\u2019-]*$")


def _cut_affiliation(m: Span) -> Span:
    """The person before an affiliation: "professor Kent Moore at the University of Toronto" ->
    "professor Kent Moore". Why: the speaker is the person; the institution after "at"/"of"/
    "from" is where they work. Cut only after a name of two capitalised words, so "Bank of
    Canada" or "Minister of Innovation" stay whole.
    """
    a = _AFFILIATION.search(m.text)
    if a is None or not _TWO_CAPS.search(m.text, 0, a.start()):
        return m
    return Span(m.start, m.start + a.start(), m.text[: a.start()])


def _name_span(m: Span) -> Span:
    """The name inside a mention: "UFCW Local 832 president Jeff Traeger" -> "Jeff Traeger".

    Why: the speaker mention points at who speaks; titles and roles before the name are the
    speaker's ``descriptors``. A mention that is all name, or whose name part cannot be found
    verbatim, is kept whole.
    """
    desc, name = split_name(m.text)
    name = name.removesuffix("'s").removesuffix("\u2019s")
    if not desc or not name or desc.split()[-1].lower() in _PREPOSITIONS:
        # "a lawyer for Animal Protection Services": the mention is the lawyer, not the org.
        return m
    at = m.text.rfind(name)
    if at <= 0:
        return m
    return Span(m.start + at, m.start + at + len(name), name)
