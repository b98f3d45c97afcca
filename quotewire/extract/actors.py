"""Actors of dated events: keep the subject of a dated clause only when it is an entity.

Scope: the noun phrase the events stage found before the verb group ("The Syrian regime",
"Turkish President Recep Tayyip Erdogan", "she"). It is kept, with its type, when the entity
layer of the speakers stage (``speakers.is_place``, first names, titles and organisation words)
or a short list of nouns for people and bodies says what it is:

- ``person``: a person or a group of people ("she", "Erdogan", "Her mother", "the rebels");
- ``organization``: a named or described body ("NATO", "The Syrian regime", "the company");
- ``place``: a place acting as a state ("Turkey", "the United States").

Anything else is no actor (``None``): an adverb ("completely"), a verb fragment ("pick the
winning"), a quantity or a mass ("10 percent", "a mix of"), a thing ("The rally", "Shares"),
an unresolved pronoun ("it", "they"), or a capitalised word that may only open the sentence.
When unsure, ``None``: a wrong actor misleads more than a missing one.
"""

from __future__ import annotations

import re
from typing import Literal

from quotewire.extract.event_words import APPOSITIVE_INNER, GROUP_FILLERS, NP_STOP, PREPOSITIONS
from quotewire.extract.names import first_name_genders, is_place
from quotewire.extract.quotes.lexicons import ORG_WORDS, TITLES
from quotewire.extract.verbgroups import Analysis, Group, group_at, is_adverb

ActorType = Literal["person", "organization", "place"]

# Common nouns heading a phrase that denotes people ("Her mother", "the rebels", "Officials").
PERSON_NOUNS = frozenset(
    """people person man men woman women boy boys girl girls child children mother father son
    daughter wife husband brother sister family families parents friend friends rebels rebel
    fighters fighter militants militant troops soldier soldiers forces police policeman officers
    officer protesters protester demonstrators residents resident civilians civilian voters
    lawmakers lawmaker legislators officials investigators prosecutors prosecutor judges jurors
    jury doctors doctor nurses workers worker employees employee students student teachers
    players player fans leaders members member volunteers refugees migrants victims victim
    survivors witnesses witness suspect suspects gunman gunmen attackers attacker passengers
    pilots pilot crew inspectors negotiators diplomats diplomat analysts economists
    scientists researchers experts authorities critics supporters activists citizens farmers
    investors traders buyers shareholders executives visitors tourists spectators he she""".split()
)
# Common nouns heading a phrase that denotes a body acting as one ("The Syrian regime").
ORG_NOUNS = frozenset(
    """regime government administration company firm bank team club board court parliament
    ministry army navy military coalition alliance council committee commission agency
    opposition cabinet senate congress assembly legislature party union group bloc industry
    airline carrier maker retailer lender insurer automaker producer exporter manufacturer
    operator owner network newspaper publisher studio label league federation organization
    organisation association institute university school hospital church police giant""".split()
)
# Pronouns whose referent is certainly a person; "it", "they", "we" are left to coreference.
PERSON_PRONOUNS = frozenset("he she".split())
OTHER_PRONOUNS = frozenset("i we you they it me us them this that these those".split())
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019.-][A-Za-z]+)*\.?")
_CONNECTORS = frozenset("of for and the de del la van von al bin".split())
_DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())


def actor_type(phrase: str, text: str = "") -> ActorType | None:
    """The entity type of a subject phrase, or None when it is no entity (see the module).

    A capital proves nothing (a sentence opens with one): a single capitalised word is a person
    only when ``text`` introduces it after a first name or a title ("Hillary Clinton ... Clinton
    said" yes; "Shares", "Dragonfly" no).
    """
    words = _WORD.findall(phrase)
    if not words or any(w[:1].isdigit() for w in phrase.split()[:1]):
        return None  # a quantity: "10 percent", "3,000"
    low = [w.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s") for w in words]
    if len(low) == 1 and low[0] in PERSON_PRONOUNS:
        return "person"
    if low[0] in OTHER_PRONOUNS:
        return None  # "I", "we", "it", "they": left to coreference, which this stage does not do
    if is_place(phrase):
        return "place"
    content = [w for w, lw in zip(words, low, strict=True) if lw not in _DETERMINERS]
    if not content:
        return None
    head = content[-1].lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s")
    named = [w for w in content if w[:1].isupper() and w.lower() not in _CONNECTORS]
    if named and _is_name_run(content):
        return _name_type(content, text)
    # A described entity: the head noun says what it is ("Her mother", "The Syrian regime").
    if head in ORG_NOUNS or head in ORG_WORDS:
        return "organization"
    if head in PERSON_NOUNS or (head in TITLES and head not in _NOT_ROLE_TITLES):
        return "person"
    if content[-1][:1].isupper() and head.endswith(("ans", "ese")) and len(head) > 5:
        return "person"  # a people by its nationality: "nearly 150 Indians", "Americans"
    tail = _capitalised_tail(content)
    if len(tail) >= 2:
        return _name_type(tail, text)  # a name after its description: "Veteran actress Kate Henshaw"
    return None


def _capitalised_tail(content: list[str]) -> list[str]:
    """The capitalised words ending a phrase ("Veteran actress Kate Henshaw" -> Kate Henshaw)."""
    k = len(content)
    while k > 0 and content[k - 1][:1].isupper():
        k -= 1
    return content[k:]


# Title words that are no role on their own ("state", "house", "national", "former").
_NOT_ROLE_TITLES = frozenset(
    """vice state foreign defense defence interior finance house senate democratic republican gop
    national federal presidential campaign press former acting retired del del. rev rep reps sen
    sens gen gov""".split()
)


def _is_name_run(content: list[str]) -> bool:
    """Every word capitalised (or a connector), or a lowercase title before a name."""
    caps = [w[:1].isupper() or w.lower() in _CONNECTORS for w in content]
    return all(caps) or (content[-1][:1].isupper() and all(caps[1:]))


def _name_type(content: list[str], text: str) -> ActorType | None:
    """Type of a capitalised name ("NATO", "Recep Tayyip Erdogan", "The Washington Post")."""
    low = [w.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s") for w in content]
    name = " ".join(content)
    if is_place(name):
        return "place"
    if any(w in ORG_WORDS for w in low) or low[-1] in ORG_NOUNS:
        return "organization"
    if len(content) == 1 and content[0].isupper() and len(content[0]) >= 2:
        return "organization"  # an acronym: "NATO", "OPEC"
    if any(w in TITLES and w not in _NOT_ROLE_TITLES for w in low[:-1]) or low[0] in ("mr", "mrs", "ms", "dr"):
        return "person"  # "President Erdogan", "Mr. Smith"
    if any(w in first_name_genders() for w in low[:-1]) and len(content) >= 2:
        return "person"  # "Bilal Abdul Kareem", "Browns DL Sheldon Richardson"
    if len(content) == 1 and low[0] in PERSON_NOUNS | ORG_NOUNS:
        return "person" if low[0] in PERSON_NOUNS else "organization"  # "Officials", "Police"
    if len(content) == 1 and _is_surname(content[0], text):
        return "person"  # a surname the text introduced with a first name or a title: "Clinton"
    return None  # a capitalised run the entity layer cannot type ("Milton Roy", "Shares", "Dragonfly")


def _is_surname(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` after a known first name or a title ("Hillary Clinton",
    "Mr. Clinton", "coach Bruce Boudreau"): then the word alone names that person."""
    for m in re.finditer(rf"\b([A-Z][a-z]+\.?) {re.escape(word)}\b", text):
        w = m.group(1).lower().rstrip(".")
        if w in first_name_genders() or w in ("mr", "mrs", "ms", "dr") or (w in TITLES and w not in _NOT_ROLE_TITLES):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Finding the subject.


def subject(an: Analysis, group: Group, skip: tuple[int, int]) -> tuple[int, int] | None:
    """Token range of the subject noun phrase before the verb group (None when not found)."""
    toks = an.tokens
    i = group.first - 1
    # Skip the date (and its preposition) when it sits between subject and verb.
    if skip[1] - 1 == i or (skip[0] <= i < skip[1]):
        i = skip[0] - 1
        if i >= 0 and toks[i].low in PREPOSITIONS:
            i -= 1
    if i > 0 and toks[i].text == "," and skip[1] == i:
        i = skip[0] - 1  # "who in 2008, won"
        if i >= 0 and toks[i].low in PREPOSITIONS:
            i -= 1
    i = _matrix_end(an, i)
    found = _subject_end(an, i)
    if found is None:
        return None
    i = found
    end = i
    while i >= 0:
        t = toks[i]
        if t.low in NP_STOP or (an.verb_tag[i] not in (None,) and not t.text[:1].isupper()):
            # "an official from the organization", "the mayor of Aleppo": a post-modifier.
            if not (t.low in ("of", "from") and i < end):
                break
        if not (t.low[:1].isalnum() or t.text in ("'s", "-", "&", ".", "\u2019s", "'")):
            break
        if end - i >= 10:
            break
        i -= 1
    start = i + 1
    while start <= end and (toks[start].low in ("of", "from") or not toks[start].low[:1].isalnum()):
        start += 1
    if start > end:
        return None
    return start, end


def _matrix_end(an: Analysis, i: int) -> int:
    """Skip back over the verb group that governs an infinitive ("The giant is set | to announce")
    or the first verb of a coordination ("was convicted and | sentenced"): they share a subject."""
    toks, tags = an.tokens, an.verb_tag
    if (i + 1 < len(toks) and toks[i + 1].low == "to") or (i > 0 and toks[i].low in ("and", "or") and tags[i - 1]):
        j = i - 1 if toks[i].low in ("and", "or") else i
        while j >= 0 and toks[j].low in GROUP_FILLERS:
            j -= 1
        if j >= 0 and tags[j] is not None and not toks[j].text[:1].isupper():
            return group_at(an, j).first - 1
    return i


def _subject_end(an: Analysis, i: int) -> int | None:
    """Index of the subject's last word at or before token ``i``: adverbs, a bracket, an
    appositive and a relative pronoun are skipped; None when the phrase is no subject."""
    toks = an.tokens
    while i >= 0 and (toks[i].low in GROUP_FILLERS or is_adverb(toks[i])):
        i -= 1
    if i > 0 and (toks[i].low == "who" or (toks[i].low == "which" and toks[i - 1].text == ",")):
        # A relative clause: its subject is the antecedent ("Cam Heyward, who openly lobbied",
        # "Kate Henshaw, who in 2008 won").
        i -= 2 if toks[i - 1].text == "," else 1
    if i >= 0 and toks[i].text == ")":
        # "The North Atlantic Treaty Organization (NATO) has decided": skip the bracket.
        k = i - 1
        while k >= 0 and i - k <= 8 and toks[k].text != "(":
            k -= 1
        if k >= 0 and toks[k].text == "(":
            i = k - 1
    if i >= 0 and toks[i].text == ",":
        # Appositive: "Her mother, Fatemah, tweeted", "Mayer, Disney's chairman of X, said" ->
        # the phrase before the first comma. A verb inside means it was no appositive.
        k = i - 1
        while (
            k >= 0
            and i - k <= 14
            and toks[k].text != ","
            and (toks[k].low not in NP_STOP or toks[k].low in APPOSITIVE_INNER)
            and not (an.verb_tag[k] is not None and not toks[k].text[:1].isupper())
        ):
            k -= 1
        if k >= 0 and toks[k].text == ",":
            i = k - 1
        else:
            return None
    return i
