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

from quotewire.extract.quotes.lexicons import ORG_WORDS, TITLES
from quotewire.extract.speakers import first_name_genders, is_place

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
    investors traders buyers shareholders executives he she""".split()
)
# Common nouns heading a phrase that denotes a body acting as one ("The Syrian regime").
ORG_NOUNS = frozenset(
    """regime government administration company firm bank team club board court parliament
    ministry army navy military coalition alliance council committee commission agency
    opposition cabinet senate congress assembly legislature party union group bloc industry
    airline carrier maker retailer lender insurer automaker producer exporter manufacturer
    operator owner network newspaper publisher studio label league federation organization
    organisation association institute university school hospital church police""".split()
)
# Pronouns whose referent is certainly a person; "it", "they", "we" are left to coreference.
PERSON_PRONOUNS = frozenset("he she".split())
OTHER_PRONOUNS = frozenset("i we you they it me us them this that these those".split())
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019.-][A-Za-z]+)*\.?")
_CONNECTORS = frozenset("of for and the de del la van von al bin".split())
_DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())


def actor_type(phrase: str, *, opens_sentence: bool, text: str = "") -> ActorType | None:
    """The entity type of a subject phrase, or None when it is no entity (see the module).

    ``opens_sentence``: the phrase starts its sentence, so its first capital proves nothing;
    a single capitalised word there is a name only when ``text`` writes it capitalised elsewhere
    mid-sentence ("Clinton ... and Clinton said" yes, "Shares ..." no).
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
        return _name_type(content, opens_sentence=opens_sentence and words[0] == content[0], text=text)
    # A described entity: the head noun says what it is ("Her mother", "The Syrian regime").
    if head in ORG_NOUNS or head in ORG_WORDS:
        return "organization"
    if head in PERSON_NOUNS or (head in TITLES and head not in _NOT_ROLE_TITLES):
        return "person"
    return None


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


def _name_type(content: list[str], *, opens_sentence: bool, text: str) -> ActorType | None:
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
    if low[0] in first_name_genders() and len(content) >= 2:
        return "person"  # "Bilal Abdul Kareem"
    if len(content) == 1 and low[0] in PERSON_NOUNS | ORG_NOUNS:
        return "person" if low[0] in PERSON_NOUNS else "organization"  # "Officials", "Police"
    if len(content) == 1 and not (opens_sentence and not _capitalised_elsewhere(content[0], text)):
        return "person"  # a surname met mid-sentence: "Clinton"
    return None  # a capitalised run the entity layer cannot type ("Milton Roy", "Shares")


def _capitalised_elsewhere(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` capitalised after a lowercase word or a comma: a name."""
    return bool(text) and re.search(rf"[a-z,] {re.escape(word)}\b", text) is not None
