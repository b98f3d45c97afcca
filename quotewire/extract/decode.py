"""Decode input bytes to the document's source text, and detect its language.

Scope: the encodings news scrapes come in. A BOM decides (UTF-8, UTF-16, UTF-32); otherwise
strict UTF-8; otherwise, when the valid UTF-8 multi-byte sequences outnumber the invalid bytes,
UTF-8 with each stray byte read as Windows-1252 (a mixed file: a UTF-8 page with pasted legacy
bytes; noted); otherwise Windows-1252 (a superset of Latin-1's printable range, and what legacy
English news almost always is); Latin-1 only for bytes cp1252 leaves undefined. Line endings are
kept exactly as in the file (no CRLF translation), so offsets match the bytes a user has.

Bad input is a value, not an exception: ``decode`` returns a ``Decoded`` with ``problem`` set
(binary data, empty file) and the caller quarantines it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# BOMs, longest first: UTF-32-LE's BOM starts with UTF-16-LE's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Bytes cp1252 leaves undefined: their presence means the text is not cp1252.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# C0 controls other than tab, LF, VT, FF, CR: text has almost none of them, binary has many.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes that are not UTF-8, as ``surrogateescape`` decoding leaves them (U+DC80..U+DCFF).
_ESCAPED = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The source text, the encoding used, and a problem that makes the input unusable."""

    text: str
    encoding: str
    problem: str | None = None
    notes: tuple[str, ...] = ()


def decode(data: bytes) -> Decoded:
    """Decode ``data``; never raises. ``problem`` is set for empty or binary input."""
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as exc:
                return Decoded("", name, f"undecodable {name} bytes at offset {exc.start + len(bom)}")
    if not data.strip():
        return Decoded("", "utf-8", "empty file" if not data else "only whitespace")
    if b"\x00" in data[:4096]:
        # NUL bytes without a BOM: binary data renamed .txt (UTF-16 without BOM is too rare in
        # news to guess at, and guessing wrong would emit garbage records).
        return Decoded("", "utf-8", "binary data (NUL bytes) in a text input")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    good = len(_NON_ASCII.findall(escaped))
    if good and good >= bad:
        text = _ESCAPED.sub(lambda m: _legacy_char(ord(m.group()) - 0xDC00), escaped)
        return _checked(text, "utf-8", (f"mixed encoding: {bad} bytes are not UTF-8; read as cp1252",))
    if not _CP1252_UNDEFINED.search(data):
        return _checked(data.decode("cp1252"), "cp1252")
    return _checked(data.decode("latin-1"), "latin-1")


def _legacy_char(byte: int) -> str:
    """One non-UTF-8 byte as cp1252 (Latin-1 for the five bytes cp1252 leaves undefined)."""
    b = bytes((byte,))
    return b.decode("latin-1") if _CP1252_UNDEFINED.match(b) else b.decode("cp1252")


def _checked(text: str, encoding: str, notes: tuple[str, ...] = ()) -> Decoded:
    if not text.strip():
        return Decoded(text, encoding, "only whitespace")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        return Decoded("", encoding, f"binary data: too many control characters for {encoding} text")
    return Decoded(text, encoding, None, notes)


def repair_surrogates(text: str) -> tuple[str, bool]:
    """Replace lone surrogates (from JSON ``"\\ud800"``) by U+FFFD; Parquet needs valid UTF-8."""
    if not _SURROGATE.search(text):
        return text, False
    return _SURROGATE.sub("\ufffd", text), True


# --- language -----------------------------------------------------------------------------------

# The most frequent function words of each language; English is scored against the others so
# that a Spanish or German article is not called English for sharing "a" or "de".
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for it was on with as he his by at be this are from have said".split()),
    "es": frozenset("el la de que y en los del las por un una para con se su al es lo como".split()),
    "fr": frozenset("le la les de des et en du un une est que pour dans qui au sur pas par ce".split()),
    "de": frozenset("der die und das den von zu mit sich des auf ist im nicht ein eine dem als auch".split()),
    "it": frozenset("il di che la e per un una del della non sono con le gli si da nel".split()),
    "pt": frozenset("o a de que e do da em um uma para os com no na por se as dos".split()),
    "nl": frozenset("de het een van en in is dat op te zijn voor met niet die ook als".split()),
}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)


_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)
_NON_LATIN = re.compile("[" + "".join(p.pattern[1:-1] for _, p in _SCRIPTS) + "]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``und`` when there is too little to tell.

    Scope: tells English reliably from the languages news archives mix in; other Latin-script
    languages are named only among es/fr/de/it/pt/nl. Non-Latin scripts are named by script.
    """
    sample = text[:5000]
    words = _WORD.findall(sample)
    n_letters = sum(len(w) for w in words)
    if n_letters < 20:
        return "und"
    if not sample.isascii():
        # One pass for all non-Latin scripts, then name the script of the majority.
        other = _NON_LATIN.findall(sample)
        if len(other) > n_letters * 0.3:
            joined = "".join(other)
            return max(_SCRIPTS, key=lambda sp: len(sp[1].findall(joined)))[0]
    words = [w.lower() for w in words]
    if len(words) < 5:
        return "und"
    scores = dict.fromkeys(_STOPWORDS, 0)
    for w in words:
        for lang in _LANGS_OF.get(w, ()):
            scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < max(2, len(words) * 0.05):
        return "und"
    return best
