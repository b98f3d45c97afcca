"""Table tests for ``quotewire.extract.decode``: encodings recorded, bad bytes are values (never exceptions)."""

from __future__ import annotations

import codecs

import pytest

from quotewire.extract.decode import decode, detect_language, repair_surrogates

TEXT = "Caf\u00e9 owners said \u201cwe will stay\u201d \u2014 na\u00efve or brave, on Tuesday."
LATIN = "Caf\u00e9 owners said they will stay, na\u00efve or brave, on Tuesday. \u00a3 5"

# (id, bytes, expected text, expected encoding)
GOOD_CASES = [
    ("utf-8", TEXT.encode("utf-8"), TEXT, "utf-8"),
    ("utf-8-bom", codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, "utf-16"),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16"),
    ("utf-32-le-bom", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT, "utf-32"),
    ("cp1252-smart-quotes", TEXT.encode("cp1252"), TEXT, "cp1252"),
    ("latin-1", LATIN.encode("latin-1"), LATIN, "cp1252"),  # cp1252 is a superset of Latin-1's printables
    ("latin-1-c1-undefined", b"Price \x81 of caf\xe9 in the city center", "Price \x81 of caf\u00e9 in the city center",
     "latin-1"),
    ("crlf-kept", b"Line one of text\r\nLine two of text\r\n", "Line one of text\r\nLine two of text\r\n", "utf-8"),
    ("bare-cr-kept", b"Line one of text\rLine two", "Line one of text\rLine two", "utf-8"),
    ("cjk", "\u5317\u4eac\u5e02\u653f\u5e9c\u5ba3\u5e03".encode(), "\u5317\u4eac\u5e02\u653f\u5e9c\u5ba3\u5e03", "utf-8"),
    ("rtl-arabic", "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631".encode(),
     "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631", "utf-8"),
    ("bidi-controls", "He said \u202ethis\u202c and \u200fthat\u200e.".encode(), "He said \u202ethis\u202c and \u200fthat\u200e.",
     "utf-8"),
    ("few-control-chars", b"Some text\x07 with a bell\x1b and escape in it", "Some text\x07 with a bell\x1b and escape in it",
     "utf-8"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), [c[1:] for c in GOOD_CASES], ids=[c[0] for c in GOOD_CASES])
def test_decodes_and_records_encoding(data: bytes, text: str, encoding: str) -> None:
    d = decode(data)
    assert d.problem is None, f"decodable input reported as a problem: {d.problem}"
    assert d.text == text, f"decoded text differs: {d.text!r}"
    assert d.encoding == encoding, f"encoding recorded as {d.encoding!r}, expected {encoding!r}"


def test_mixed_encoding_keeps_utf8_and_reads_stray_bytes_as_cp1252() -> None:
    """A UTF-8 page with pasted cp1252 bytes: the UTF-8 part is not turned into mojibake."""
    data = TEXT.encode("utf-8") + b" And caf\xe9 \x93quoted\x94."
    d = decode(data)
    assert d.problem is None
    assert d.text == TEXT + " And caf\u00e9 \u201cquoted\u201d.", f"mixed bytes decoded wrongly: {d.text!r}"
    assert d.encoding == "utf-8"
    assert any("mixed encoding: 3 bytes" in n for n in d.notes), f"mixed encoding not noted: {d.notes}"


def test_mostly_legacy_with_accidental_utf8_pair_stays_cp1252() -> None:
    data = "caf\u00e9 na\u00efve r\u00e9sum\u00e9 fa\u00e7ade".encode("cp1252") + b" \xc3\xa9"
    d = decode(data)
    assert d.encoding == "cp1252", f"legacy text taken as UTF-8: {d.encoding} {d.text!r}"


# (id, bytes, expected problem substring)
BAD_CASES = [
    ("empty", b"", "empty file"),
    ("whitespace", b" \n\t\r\n  ", "only whitespace"),
    ("bom-only", codecs.BOM_UTF8, "only whitespace"),
    ("bom-and-whitespace", codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), "only whitespace"),
    ("nul-bytes", b"text\x00with\x00nuls" * 10, "binary data"),
    ("png-renamed", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary data"),
    ("control-chars-no-nul", bytes(range(1, 32)) * 50, "binary data"),
    ("utf-16-bom-odd-length", codecs.BOM_UTF16_LE + b"a\x00b", "undecodable utf-16"),
    ("utf-16-lone-surrogate", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00", "undecodable utf-16"),
    ("utf-32-out-of-range", codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", "undecodable utf-32"),
]


@pytest.mark.parametrize(("data", "problem"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_bytes_are_a_problem_not_an_exception(data: bytes, problem: str) -> None:
    d = decode(data)
    assert d.problem is not None and problem in d.problem, f"expected problem {problem!r}, got {d.problem!r}"


@pytest.mark.parametrize(
    "data",
    [b"\xed\xa0\x80 encoded surrogate", b"\xc0\xaf overlong", b"\xf4\x90\x80\x80 past U+10FFFF", b"\xff\xfe\xfd"],
    ids=["cesu-surrogate", "overlong", "past-max", "invalid-start-bytes"],
)
def test_invalid_utf8_never_yields_surrogates(data: bytes) -> None:
    d = decode(data)
    d.text.encode("utf-8")  # raises if a lone surrogate got through (Parquet needs valid UTF-8)


@pytest.mark.parametrize(
    ("text", "fixed", "changed"),
    [("ok", "ok", False), ("a\ud800b", "a\ufffdb", True), ("\udfff\ud800", "\ufffd\ufffd", True),
     ("\U0001f600", "\U0001f600", False)],
    ids=["clean", "lone-high", "reversed-pair", "astral-ok"],
)
def test_repair_surrogates(text: str, fixed: str, changed: bool) -> None:
    assert repair_surrogates(text) == (fixed, changed)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said that the talks would resume on Monday and that he was hopeful for the deal.", "en"),
        ("El ministro dijo que las conversaciones se reanudar\u00e1n el lunes y que es optimista para la paz.", "es"),
        ("\u5317\u4eac\u5e02\u653f\u5e9c\u5ba3\u5e03\u4e86\u65b0\u7684\u653f\u7b56\uff0c\u5e02\u6c11\u8868\u793a\u652f\u6301"
         "\u8fd9\u9879\u63aa\u65bd\u3002", "zh"),
        ("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u0645\u062d\u0627\u062f\u062b"
         "\u0627\u062a \u0633\u062a\u0633\u062a\u0623\u0646\u0641 \u064a\u0648\u0645 \u0627\u0644\u0627\u062b\u0646\u064a\u0646", "ar"),
        ("\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8 \u05e9\u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05d9\u05d9\u05de\u05e9\u05db\u05d5 "
         "\u05d1\u05d9\u05d5\u05dd \u05e9\u05e0\u05d9 \u05d4\u05d1\u05d0", "he"),
        ("ok", "und"),
        ("", "und"),
    ],
    ids=["english", "spanish", "cjk", "arabic-rtl", "hebrew-rtl", "too-short", "empty"],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
