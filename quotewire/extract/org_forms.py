"""Short forms of organisation names and their full names (the speakers stage's organisation layer).

"the Times" -> "New York Times" (``_longer_org``), "U.N. Security Council" beside "United Nations
Security Council" (``_initials_of``), "The U.N." -> "United Nations" (``_spelled_out``).
"""

from __future__ import annotations

import re

from quotewire.extract.names import _strip_det

# Up to four capitalised words (or dotted initials) ending right where a name begins.
_CAP_PREFIX = re.compile(r"((?:[A-Z][\w'\u2019&-]*(?:\.[A-Z][\w'\u2019&-]*)*\.?[ \t]+){1,4})$")
_NAME_CHAR = re.compile(r"[\w'\u2019-]")
_SENTENCE_IN_RUN = re.compile(r"[a-z]{2,}\.[ \t]")


def _longer_org(text: str, name: str) -> str | None:
    """The one capitalised name written in ``text`` that ends with ``name`` and is longer, or None."""
    found = set()
    i = text.find(name)
    while i >= 0:
        # (One search back from each occurrence with a precompiled pattern, not a pattern per name.)
        end = i + len(name)
        f = _CAP_PREFIX.search(text, max(0, i - 160), i) if end == len(text) or not _NAME_CHAR.match(text, end) else None
        if f is not None and not _SENTENCE_IN_RUN.search(f.group(1)):  # never across a sentence end ("Meng. The U.S")
            found.add(" ".join([*_strip_det(f.group(1).split()), name]))
        i = text.find(name, i + 1)
    # (Title Case headline words are no name: "Members Of The Alliance ...".)
    found = {f for f in found if f != name and not re.search(r"\s(?:Of|The|And|For|To|In)\s", f)}
    # "U.N. Security Council" beside "United Nations Security Council": one body, the spelled-out name.
    found = {f for f in found if not any(g != f and _initials_of(f, g) for g in found)}
    return found.pop() if len(found) == 1 else None


def _initials_of(short: str, long: str) -> bool:
    """Is ``short`` ``long`` with its first words written as dotted initials ("U.N. Security Council",
    "United Nations Security Council")?"""
    s_words, l_words = short.split(), long.split()
    if not s_words or not re.fullmatch(r"(?:[A-Z]\.){2,5}", s_words[0]):
        return False
    letters = s_words[0].replace(".", "")
    head = [w for w in l_words[:len(l_words) - len(s_words) + 1] if w not in ("and", "of", "for", "&")]
    return l_words[len(l_words) - len(s_words) + 1:] == s_words[1:] and "".join(w[0] for w in head) == letters


def _spelled_out(text: str, initials: str) -> str | None:
    """The one capitalised name in ``text`` whose words (and/of/for aside) begin with the letters of
    ``initials`` ("U.N." -> "United Nations"), or None."""
    letters = initials.replace(".", "")
    if not 2 <= len(letters) <= 5:
        return None
    pattern = r"(?:\s+(?:and|of|for|&)\s+|\s+)".join(rf"{c}[a-z]+" for c in letters)
    found = {m.group() for m in re.finditer(rf"(?<![\w.-]){pattern}(?![\w-])", text)}
    return found.pop() if len(found) == 1 else None
