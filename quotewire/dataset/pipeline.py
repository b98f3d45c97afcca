"""The pure pipeline for one article: source text in, extraction and schema-shaped records out.

decode -> clean -> segment -> quotes -> speakers -> events -> records. No IO and no Prefect here:
``quotewire.dataset.io`` reads the bytes, ``flows.flow`` orchestrates. Bad input never raises: it comes back
as a ``Quarantined`` value with a reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quotewire.dataset.ids import short_hash
from quotewire.dataset.records import build_records
from quotewire.dataset.schema import load_schema, validator
from quotewire.extract.decode import Decoded, decode, repair_surrogates
from quotewire.extract.model import Analysis, Article
from quotewire.extract.pipeline import analyse, path_date
from quotewire.extract.quotes.lexicons import DEFAULT_CUES, CueLexicon
from quotewire.version import __version__

META_FIELDS = ("id", "published", "url", "title", "outlet")
# Publication years outside this window are metadata garbage (year 0999, 9999-12-31): dates there
# overflow date arithmetic downstream ("tomorrow" of 9999-12-31) and cannot be written as RFC 3339.
MIN_YEAR, MAX_YEAR = 1000, 9000


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that yields no document, and why."""

    reason: str


@dataclass(slots=True)
class Options:
    """What a user tunes (config file and CLI flags end up here)."""

    include_text: bool = True
    extra_boilerplate: Sequence[re.Pattern[str]] = ()
    max_chars: int = 5_000_000
    today: dt.date | None = None  # for "future date" notes; None means the real today
    cues: CueLexicon = DEFAULT_CUES  # reporting cues (config ``cue_verbs``, ``cue_nouns``, ``not_cues``)
    # The JSONL field holding the text. The runner sets it from its ``text_field`` argument (the
    # one the readers are given), so that it is part of the recorded version below.
    text_field: str = "text"

    def settings(self) -> dict[str, Any]:
        """Every setting that changes the records, as JSON values (recorded in the manifest)."""
        return {
            "include_text": self.include_text,
            "max_chars": self.max_chars,
            "text_field": self.text_field,
            "boilerplate": [p.pattern for p in self.extra_boilerplate],
            "cues": self.cues.fingerprint(),
        }

    @property
    def pipeline_version(self) -> str:
        """``__version__``, plus a local part when the settings change what is extracted.

        Why: every setting that changes the records (extra boilerplate patterns, cue words,
        ``--no-text``, ``--text-field``, ``max_chars``) is part of the version the manifest
        records, so a rerun with a changed setting reprocesses every input, exactly as a code
        upgrade does ("1.2.0+cfg.3f9a0c1b2d"). Default settings add nothing.
        """
        changed = changed_settings(_default_settings(), self.settings())
        if not changed:
            return __version__
        extra = [p.pattern for p in self.extra_boilerplate]
        fp = self.cues.fingerprint()
        others = sorted((k, now) for k, (_, now) in changed.items() if k not in ("boilerplate", "cues"))
        # Boilerplate and cues alone hash as they did before 0.3.1, so those outputs are kept.
        return f"{__version__}+cfg.{short_hash('options', extra, fp, *([others] if others else []))}"


@functools.cache
def _default_settings_json() -> str:
    return json.dumps(Options().settings(), sort_keys=True)


def _default_settings() -> dict[str, Any]:
    return dict(json.loads(_default_settings_json()))


def changed_settings(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The settings that differ, as ``{name: (before, after)}`` (a missing one counts as changed)."""
    return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}


# --- metadata -----------------------------------------------------------------------------------


def parse_published(value: object, notes: list[str], today: dt.date) -> tuple[dt.date | None, dt.datetime | None]:
    """``published`` as (calendar date as stated, UTC instant when a time is given).

    Impossible dates ("2016-02-30") and non-strings are dropped with a note; future dates are
    kept (the source says so) with a note; a timezone-aware time is converted to UTC for
    ``published_at`` while ``published`` keeps the date the source states.
    """
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        notes.append(f"published ignored: found {type(value).__name__}, expected an ISO date string")
        return None, None
    v = value.strip()
    try:
        naive = False
        if len(v) == 10:
            d = dt.date.fromisoformat(v)
            at = None
        else:
            at_local = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
            naive = at_local.tzinfo is None
            d = at_local.date()
            at = at_local.astimezone(dt.UTC) if at_local.tzinfo else at_local.replace(tzinfo=dt.UTC)
    except ValueError:
        notes.append(f"published ignored: {v!r} is not a valid ISO date or datetime")
        return None, None
    except OverflowError:  # a timezone shift past year 1 or 9999 ("9999-12-31T23:00:00-05:00")
        notes.append(f"published ignored: {v!r} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")
        return None, None
    if not MIN_YEAR <= d.year <= MAX_YEAR or (at is not None and not MIN_YEAR <= at.year <= MAX_YEAR):
        notes.append(f"published ignored: {v!r} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")
        return None, None
    if naive:
        notes.append("published time has no timezone; taken as UTC")
    if d > today + dt.timedelta(days=1):
        notes.append(f"published date {d.isoformat()} is in the future")
    return d, at


def _meta_str(meta: Mapping[str, Any], key: str, notes: list[str]) -> str | None:
    v = meta.get(key)
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool) and key == "id":
        return str(v)
    if not isinstance(v, str):
        notes.append(f"{key} ignored: found {type(v).__name__}, expected a string")
        return None
    v, fixed = repair_surrogates(v.strip())
    if fixed:
        notes.append(f"lone surrogates in {key} replaced by U+FFFD")
    return v or None


@functools.cache
def _url_checker() -> Callable[[str], bool]:
    """True for a URL the documents schema accepts (same engine and format rules as the validator)."""
    schema = load_schema("documents")["properties"]["url"]
    if validator("documents").engine == "jsonschema-rs":
        import jsonschema_rs

        rs = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        return lambda url: bool(rs.is_valid(url))
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    py = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return lambda url: bool(py.is_valid(url))


def _checked_url(url: str | None, notes: list[str]) -> str | None:
    """``url`` if it is http(s) and the schema accepts it, percent-encoded if that makes it valid (IRIs), else None."""
    if not url:
        return None
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://\S+$", url)
    if not m:
        notes.append("url ignored: not an absolute URI")
        return None
    if m.group(1).lower() not in ("http", "https"):
        # A document's URL is where the article lives on the web; readers and the report turn it
        # into a link, so "javascript://%0Aalert(1)", data: or file: URLs must never be stored.
        notes.append(f"url ignored: only http(s) URLs are kept, found {m.group(1).lower()!r}")
        return None
    ok = _url_checker()
    if ok(url):
        return url
    quoted = urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    if ok(quoted):
        notes.append("url percent-encoded to a valid URI")
        return quoted
    # A document must not be lost (rejected by its schema) over a malformed URL.
    notes.append("url ignored: not a valid URI")
    return None


def apply_meta(article: Article, meta: Mapping[str, Any], today: dt.date) -> None:
    """Copy sidecar/JSONL metadata onto ``article`` (bad fields become notes, never errors)."""
    article.external_id = _meta_str(meta, "id", article.notes)
    article.title = _meta_str(meta, "title", article.notes)
    article.outlet = _meta_str(meta, "outlet", article.notes)
    article.url = _checked_url(_meta_str(meta, "url", article.notes), article.notes)
    d, at = parse_published(meta.get("published"), article.notes, today)
    if d is not None:
        article.published, article.published_at, article.published_source = d, at, "metadata"
    for key in ("published", "title", "outlet"):
        if getattr(article, key) is not None:
            article.meta_sources[key] = "input"


def decode_input(data: bytes, options: Options) -> Decoded | Quarantined:
    """Decode a file's bytes, or say why it cannot be an article (too large, binary, empty)."""
    if len(data) > options.max_chars * 4:
        return Quarantined(f"file too large: {len(data)} bytes, limit {options.max_chars * 4} (max_chars)")
    dec = decode(data)
    if dec.problem:
        return Quarantined(dec.problem)
    return dec


def article_from_bytes(
    data: bytes, source_path: str, sidecar: bytes | None, *, options: Options
) -> Article | Quarantined:
    """A ``.txt`` input (with optional ``.meta.json`` sidecar bytes) as an article."""
    dec = decode_input(data, options)
    if isinstance(dec, Quarantined):
        return dec
    if len(dec.text) > options.max_chars:
        return Quarantined(f"text too long: {len(dec.text)} characters, limit {options.max_chars} (max_chars)")
    art = Article(text=dec.text, encoding=dec.encoding, source_path=source_path, notes=list(dec.notes))
    if sidecar is not None:
        try:
            meta = json.loads(sidecar.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            # RecursionError: JSON nested thousands deep ("[[[[...").
            # A bad sidecar does not lose the article: it runs without metadata, noted.
            art.notes.append(f"sidecar ignored: malformed JSON ({exc})")
            meta = {}
        if not isinstance(meta, dict):
            art.notes.append(f"sidecar ignored: found {type(meta).__name__}, expected an object")
            meta = {}
        apply_meta(art, meta, options.today or dt.date.today())
    return art


def article_from_json_line(
    line: bytes, source_path: str, line_no: int, *, options: Options, text_field: str = "text"
) -> Article | Quarantined:
    """One line of a ``.jsonl`` input as an article."""
    if len(line) > options.max_chars * 4:
        return Quarantined(f"line {line_no}: too large ({len(line)} bytes, limit {options.max_chars * 4})")
    try:
        obj = json.loads(line.decode("utf-8-sig" if line_no == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        return Quarantined(f"line {line_no}: not UTF-8 ({exc.reason} at byte {exc.start})")
    except ValueError as exc:
        return Quarantined(f"line {line_no}: invalid JSON ({exc})")
    except RecursionError:
        return Quarantined(f"line {line_no}: invalid JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return Quarantined(f"line {line_no}: found a JSON {type(obj).__name__}, expected an object")
    text = obj.get(text_field)
    if not isinstance(text, str):
        kind = "missing" if text is None else f"a {type(text).__name__}"
        return Quarantined(f"line {line_no}: field {text_field!r} is {kind}, expected a string")
    if not text.strip():
        return Quarantined(f"line {line_no}: field {text_field!r} is empty")
    if len(text) > options.max_chars:
        return Quarantined(f"line {line_no}: text too long ({len(text)} characters, limit {options.max_chars})")
    text, fixed = repair_surrogates(text)
    art = Article(text=text, encoding="utf-8", source_path=source_path, source_line=line_no)
    if fixed:
        art.notes.append("lone surrogates in text replaced by U+FFFD")
    apply_meta(art, obj, options.today or dt.date.today())
    return art


# --- extraction ---------------------------------------------------------------------------------


def extract(
    text: str,
    *,
    published: dt.date | None,
    source_path: str = "",
    options: Options | None = None,
    timings: dict[str, float] | None = None,
    furniture: Sequence[str] = (),
) -> Analysis:
    """The pure stages on one source text, with the user's options (see ``extract.pipeline.analyse``)."""
    opts = options or Options()
    return analyse(text, published=published, source_path=source_path, cues=opts.cues,
                   extra_boilerplate=opts.extra_boilerplate, furniture=furniture, timings=timings)


def process_article(
    article: Article, unit_key: str, options: Options, timings: dict[str, float] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Extract and build the records of one article (not yet validated)."""
    ex = extract(article.text, published=article.published, source_path=article.source_path, options=options,
                 timings=timings, furniture=article.furniture)
    if article.published is None:
        if ex.cleaned.published is not None:
            article.published, article.published_source = ex.cleaned.published, "text"
            article.meta_sources["published"] = "text"
        elif (d := path_date(article.source_path)) is not None:
            article.published, article.published_source = d, "path"
            article.meta_sources["published"] = "path"
    t0 = time.perf_counter()
    recs = build_records(article, ex, unit_key=unit_key, version=options.pipeline_version, include_text=options.include_text)
    if timings is not None:
        timings["records"] = timings.get("records", 0.0) + time.perf_counter() - t0
    return recs
