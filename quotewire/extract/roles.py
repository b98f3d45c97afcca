"""Roles that stand for a person the story names elsewhere (the speakers stage's role layer).

"A spokeswoman for Trudeau said ... '...,' said Eleanore Catenaro" (``_spokesperson_named_next``) and
"Pagliano's lawyer" / "An attorney for Pagliano, Mark MacDougall" (``_possessive_role_name``).
"""

from __future__ import annotations

import re

from quotewire.extract.model import Attribution, Span
from quotewire.extract.names import _Entity

_SPOKES_INTRO = re.compile(r"^(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+)?spokes(man|woman|person)\b")


def _spokesperson_named_next(entities: list[_Entity], attributions: list[Attribution], k: int) -> int | None:
    """The person quoted next, when attribution ``k`` is to an unnamed spokesperson (whom the
    stage otherwise counts as the body they speak for).

    "A spokeswoman for Trudeau said he would not shy away ... "Canadians clearly rejected ...,"
    said Eleanore Catenaro.": news introduces a spokesperson by role and names them at their next
    quote. Only the very next attribution, within 600 characters, to a named person first named
    there whose known gender fits the role word.
    """
    mention = attributions[k].quote.mention
    intro = _SPOKES_INTRO.match(mention.text) if mention is not None else None
    if intro is None or k + 1 >= len(attributions):
        return None
    nxt = attributions[k + 1]
    if nxt.speaker is None or nxt.quote.mention is None or nxt.speaker == attributions[k].speaker:
        return None
    cand = entities[nxt.speaker]
    gender = {"man": "m", "woman": "f"}.get(intro.group(1), "")
    if cand.kind != "person" or " " not in cand.name or " and " in cand.name or cand.name.isupper() or (gender and cand.gender and cand.gender != gender) \
            or nxt.quote.content.start - attributions[k].quote.content.end > 600:
        return None
    # Named there for the first time: a person the story introduced before is someone else.
    first = min((sp.start for sp in cand.mentions), default=nxt.quote.mention.start)
    return nxt.speaker if first >= attributions[k].quote.content.start else None


# Role nouns and the words a story varies them with ("Pagliano's lawyer" / "an attorney for Pagliano").
_ROLE_SYNONYMS = {
    **dict.fromkeys(("lawyer", "attorney", "counsel"), "lawyer|attorney|counsel"),
    **dict.fromkeys(("spokesman", "spokeswoman", "spokesperson"), "spokesman|spokeswoman|spokesperson"),
    **dict.fromkeys(("wife", "husband", "spouse"), "wife|husband|spouse"),
    **dict.fromkeys(("doctor", "physician"), "doctor|physician"),
    **dict.fromkeys(("aide", "adviser", "advisor"), "aide|adviser|advisor"),
}
_POSSESSIVE_ROLE = re.compile(r"^(?:[A-Z][\w.-]*\s+)*([A-Z][\w.-]+)['\u2019]s\s+(?:[a-z-]+\s+)?(\w+)$")
_PERSON_NAME = r"([A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){1,2})"


def _possessive_role_name(text: str, mention: str) -> Span | None:
    """Where the story names the holder of a possessive role ("Pagliano's lawyer"): "An attorney for
    Pagliano, Mark MacDougall", "Pagliano's lawyer, Mark MacDougall", "Mark MacDougall, a lawyer for
    Pagliano"; None when it never does.

    Why: news introduces a role holder by name once and later writes only the role with its
    possessor; the name is the speaker, not the unnamed description.
    """
    m = _POSSESSIVE_ROLE.match(mention)
    if m is None or m.group(2).lower() not in _ROLE_SYNONYMS:
        return None
    who, roles = re.escape(m.group(1)), _ROLE_SYNONYMS[m.group(2).lower()]
    for pattern in (
        rf"\b(?:[Aa]n?|[Tt]he)\s+(?:[a-z-]+\s+)?(?:{roles})\s+(?:for|of|to)\s+(?:[A-Z][\w.-]*\s+)?{who},\s+{_PERSON_NAME}",
        rf"\b{who}['\u2019]s\s+(?:[a-z-]+\s+)?(?:{roles}),?\s+{_PERSON_NAME}",
        rf"{_PERSON_NAME},\s+(?:[Aa]n?|[Tt]he)\s+(?:[a-z-]+\s+)?(?:{roles})\s+(?:for|of|to)\s+(?:[A-Z][\w.-]*\s+)?{who}\b",
        rf"{_PERSON_NAME},\s+{who}['\u2019]s\s+(?:[a-z-]+\s+)?(?:{roles})\b",
    ):
        found = re.search(pattern, text)
        if found is not None:
            return Span.of(text, found.start(1), found.end(1))
    return None
