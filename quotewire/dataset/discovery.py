"""Input discovery: the input units under the raw folder, and reading their bytes.

Scope: ``check_folders`` (refuse an output inside the inputs), ``discover`` (walk the raw
folder: ``.txt``/``.html`` files with their ``.meta.json`` sidecars, one unit per JSONL line,
symlinks and unreadable or oversized inputs turned into invalid units with a reason; unchanged
files reuse the previous manifest's hash) and ``read_unit``. Reads only; nothing here writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from quotewire.dataset.manifest import ManifestRow
from quotewire.errors import ConfigError
from quotewire.extract.decode import repair_surrogates

HTML_SUFFIXES = (".html", ".htm")
INPUT_SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES)
# Ends the key of an input whose file name is not UTF-8 ("caf\xe9.txt#name-not-utf-8"). Why: its
# escaped spelling can be the real name of another file ("caf\xe9.txt" typed literally), and two
# inputs sharing a key was a document reprocessed every run. No file's key ends this way: file
# keys end with an input suffix, JSONL line keys with "#line=N", and an id ending this way is
# not used as a key (``_jsonl_units``).
NOT_UTF8_MARK = "#name-not-utf-8"
# A sidecar holds a few metadata fields (hundreds of bytes). Why a limit: it is read whole, so a
# 3 GB one took 6.4 GB of memory; a larger one is ignored with a note and its article kept.
MAX_SIDECAR_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class InputUnit:
    """One input: a ``.txt`` file (with its sidecar) or one line of a ``.jsonl`` file."""

    key: str  # identity across runs: "a/b.txt", "feed.jsonl#id=42" or "feed.jsonl#line=7"
    path: str  # relative to the raw folder
    kind: str  # "txt" | "jsonl" | "invalid"
    sha256: str  # hash of what the unit's records depend on (bytes, sidecar bytes)
    size: int
    line: int | None = None
    offset: int = 0  # byte offset of a JSONL line
    length: int = 0
    mtime_ns: int = 0
    file_sha256: str = ""  # hash of the whole file (duplicate detection)
    problem: str | None = None  # set for inputs that cannot even be read
    note: str | None = None  # something about the input the document should say (e.g. a repeated id)
    ctime_ns: int = 0  # status-change time (the later of file and sidecar); see ``_trusted``


def check_folders(raw: Path, out: Path) -> None:
    """Refuse output folders that would write into the inputs."""
    if not raw.is_dir():
        raise ConfigError(f"raw folder {raw} does not exist; create it or pass --raw DIR")
    try:
        r, o = raw.resolve(), out.resolve()
    except RuntimeError as exc:  # Python 3.11/3.12: a symlink loop (an OSError on 3.13)
        raise ConfigError(f"{exc}; the raw and output folders must be real folders or links to them") from exc
    if o == r or r in o.parents:
        raise ConfigError(f"output folder {out} is inside the raw folder {raw}; choose an output outside it")


def _walk(raw: Path) -> Iterator[tuple[Path, str | None]]:
    """Input files under ``raw`` (sorted), with a problem for ones that must not be read."""
    root = raw.resolve()
    for dirpath, dirnames, filenames in os.walk(raw, followlinks=False):
        dirnames.sort()
        d = Path(dirpath)
        for name in list(dirnames):
            p = d / name
            if p.is_symlink():
                dirnames.remove(name)
                if problem := _link_problem(p, root):
                    yield p, problem
        for name in sorted(filenames):
            p = d / name
            if not name.endswith(INPUT_SUFFIXES):
                continue
            if p.is_symlink() and (problem := _link_problem(p, root)):
                yield p, problem
                continue
            yield p, None


def _link_problem(p: Path, root: Path) -> str | None:
    """Why the symlink ``p`` is not followed (None for a link to a place inside the raw folder)."""
    try:
        target = p.resolve()
    except (OSError, RuntimeError):
        # Python 3.11 and 3.12 raise RuntimeError on a symlink loop: one such link used to crash
        # every run; it is one invalid input instead.
        return "symlink loop (or a link that cannot be resolved); not followed"
    if target == root or root in target.parents:
        return None
    return "symlink points outside the raw folder; not followed"


def _inside(p: Path, root: Path) -> bool:
    """True for a link that resolves to a place inside the raw folder."""
    return _link_problem(p, root) is None


def discover(
    raw: Path,
    previous: Mapping[str, ManifestRow] | None = None,
    *,
    max_line_bytes: int = 20_000_000,
    scanned_ns: int | None = None,
) -> list[InputUnit]:
    """Every input unit under ``raw``. JSONL files are streamed in bounded chunks.

    ``previous`` lets an unchanged ``.txt`` file skip hashing (``_trusted`` says when);
    ``scanned_ns`` is when the run that wrote it scanned the inputs. A JSONL line longer than
    ``max_line_bytes`` is never held in memory: it becomes an invalid unit with the reason.
    """
    units: list[InputUnit] = []
    prev = previous or {}
    root = raw.resolve()
    for p, problem in _walk(raw):
        rel = p.relative_to(raw).as_posix()
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            # A file name that is not valid UTF-8 cannot go into Parquet; keep it visible, escaped.
            shown = escaped_name(rel)
            units.append(InputUnit(shown + NOT_UTF8_MARK, shown, "invalid", "", 0,
                                   problem="file name is not valid UTF-8; rename it"))
            continue
        if problem:
            units.append(InputUnit(rel, rel, "invalid", "", 0, problem=problem))
            continue
        try:
            st = p.stat()
            if not stat.S_ISREG(st.st_mode):
                units.append(InputUnit(rel, rel, "invalid", "", 0, problem="not a regular file"))
                continue
            if rel.endswith(".jsonl"):
                units.extend(_jsonl_units(p, rel, st.st_mtime_ns, max_line_bytes))
            else:
                units.append(_txt_unit(p, rel, st, prev.get(rel), root, scanned_ns))
        except OSError as exc:
            units.append(InputUnit(rel, rel, "invalid", "", 0, problem=f"unreadable: {exc.strerror or exc}"))
    return units


def escaped_name(rel: str) -> str:
    r"""A path that is not valid UTF-8, spelled in UTF-8: each undecodable byte as ``\xNN``.

    A literal backslash is doubled, so that two different names never share one spelling
    (the bytes ``\xe9`` + 0xE9 and 0xE9 + ``\xe9`` would otherwise both read ``\xe9\xe9``).
    """
    return os.fsencode(rel).replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def _sidecar(p: Path) -> Path:
    """``a.txt`` / ``a.html`` -> ``a.meta.json``."""
    return p.with_name(p.name.rsplit(".", 1)[0] + ".meta.json")


def _sidecar_of(p: Path, root: Path) -> tuple[Path | None, str | None]:
    """The usable sidecar of ``p`` (None when absent or refused) and a note when refused."""
    side = _sidecar(p)
    if not side.is_file():
        return None, None
    if side.is_symlink() and not _inside(side, root):
        return None, "sidecar ignored: it is a symlink pointing outside the raw folder"
    size = side.stat().st_size
    if size > MAX_SIDECAR_BYTES:
        return None, _sidecar_too_large(size)
    return side, None


def _sidecar_too_large(size: int) -> str:
    """The note on a document whose sidecar is over the limit."""
    return f"sidecar ignored: {size} bytes, limit {MAX_SIDECAR_BYTES}"


def read_sidecar(side: Path) -> bytes | None:
    """A sidecar's bytes, never more than ``MAX_SIDECAR_BYTES`` in memory (None when it has more).

    The size was checked when the input was found; reading at most one byte past the limit keeps
    a sidecar that grew since then bounded too.
    """
    with side.open("rb") as f:
        data = f.read(MAX_SIDECAR_BYTES + 1)
    return None if len(data) > MAX_SIDECAR_BYTES else data


# Files modified this close to the previous scan (or after it) are hashed again: a write in the
# same timestamp tick as the scan can leave size and mtime unchanged (git's "racily clean" case).
RACY_NS = 3_000_000_000


def _trusted(prev: ManifestRow | None, kind: str, size: int, mtime: int, ctime: int, scanned_ns: int | None) -> bool:
    """Whether the recorded hash of an input still holds without reading it.

    Rule (as git's index does): size, modification time and status-change time all as recorded,
    and the modification older than the previous scan by more than ``RACY_NS``. ``touch -r``
    restores an mtime but cannot restore the ctime, which every write, chmod or rename moves;
    a false alarm costs one hash. ``--full`` rehashes everything.
    """
    return (
        prev is not None
        and prev.kind == kind
        and prev.size == size
        and prev.mtime_ns == mtime
        and prev.ctime_ns == ctime
        and bool(prev.file_sha256)
        and scanned_ns is not None
        and mtime < scanned_ns - RACY_NS
    )


def _txt_unit(
    p: Path, rel: str, st: os.stat_result, prev: ManifestRow | None, root: Path, scanned_ns: int | None = None
) -> InputUnit:
    kind = "html" if rel.endswith(HTML_SUFFIXES) else "txt"
    side, note = _sidecar_of(p, root)
    side_st = side.stat() if side is not None else None
    mtime = max(st.st_mtime_ns, side_st.st_mtime_ns if side_st else 0)
    ctime = max(st.st_ctime_ns, side_st.st_ctime_ns if side_st else 0)
    size = st.st_size + (side_st.st_size if side_st else 0)
    if prev is not None and _trusted(prev, kind, size, mtime, ctime, scanned_ns):
        # The file's own hash is recorded apart from the unit's (which covers the sidecar too):
        # reusing the unit's hash as the file's made a copy with a sidecar stop being a duplicate.
        return InputUnit(rel, rel, kind, prev.sha256, size, mtime_ns=mtime, file_sha256=prev.file_sha256, note=note,
                         ctime_ns=ctime)
    h = hashlib.sha256()
    fh = hashlib.sha256()
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            fh.update(chunk)
    file_sha = fh.hexdigest()
    if side is not None:
        side_bytes = read_sidecar(side)
        h.update(b"\0sidecar\0" + side_bytes if side_bytes is not None else b"\0sidecar too large\0")
    return InputUnit(rel, rel, kind, h.hexdigest(), size, mtime_ns=mtime, file_sha256=file_sha, note=note,
                     ctime_ns=ctime)


def _jsonl_units(p: Path, rel: str, mtime: int, max_line_bytes: int) -> list[InputUnit]:
    """One unit per non-blank line; the key uses the record's ``id`` when it is unique.

    A repeated id keeps the line key and is noted on its document; an id that would make the
    key look like a file path (``x.jsonl#id=b.txt``) uses the line key, so keys never collide.
    """
    out: list[InputUnit] = []
    first_line: dict[str, int] = {}
    fh = hashlib.sha256()
    offset = 0
    n = 0
    with p.open("rb") as f:
        while True:
            chunk = f.readline(max_line_bytes)
            if not chunk:
                break
            n += 1
            start, length = offset, len(chunk)
            fh.update(chunk)
            h = hashlib.sha256(chunk)
            oversized = False
            while len(chunk) == max_line_bytes and not chunk.endswith(b"\n"):
                # The line goes on past the limit: hash the rest without keeping it.
                oversized = True
                chunk = f.readline(max_line_bytes)
                length += len(chunk)
                fh.update(chunk)
                h.update(chunk)
            offset += length
            if oversized:
                out.append(InputUnit(f"{rel}#line={n}", rel, "invalid", h.hexdigest(), length, line=n,
                                     mtime_ns=mtime, problem=f"line {n}: too large ({length} bytes, limit {max_line_bytes})"))
                continue
            line = chunk
            if not line.strip():
                continue
            rid = _peek_id(line)
            key, note = f"{rel}#line={n}", None
            if rid is not None:
                if rid in first_line:
                    note = f"id {rid!r} repeats line {first_line[rid]} of {rel}; kept as a separate document"
                elif not rid.endswith((*INPUT_SUFFIXES, NOT_UTF8_MARK)):
                    first_line[rid] = n
                    key = f"{rel}#id={rid}"
                else:
                    first_line[rid] = n
            # The line number and the note are part of the hash: both are in the document
            # (``source_line``, ``notes``), so a line moved by an insertion or a deletion above it
            # is reprocessed (its key, the id, stays), never left with a stale line number.
            sha = hashlib.sha256(f"{n}\0{note or ''}\0".encode() + line.rstrip(b"\r\n")).hexdigest()
            out.append(InputUnit(key, rel, "jsonl", sha, length, line=n, offset=start, length=length,
                                 mtime_ns=mtime, note=note))
    if not out:
        return [InputUnit(rel, rel, "invalid", fh.hexdigest(), offset, mtime_ns=mtime,
                          problem="empty JSONL file (no non-blank line)")]
    file_sha = fh.hexdigest()
    # In place: a second list of 100,000 units beside the first was the peak of a big file's discovery.
    for i, u in enumerate(out):
        out[i] = replace(u, file_sha256=file_sha)
    return out


def _peek_id(line: bytes) -> str | None:
    # Only the id is needed here; a full parse happens in the batch. Cheap enough (~µs/line).
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(obj, dict):
        v = obj.get("id")
        if isinstance(v, (str, int)) and not isinstance(v, bool):
            # Lone surrogates ("\ud800") cannot be stored in Parquet: repaired, as in the text.
            return repair_surrogates(str(v))[0]
    return None


def read_unit(raw: Path, unit: InputUnit) -> tuple[bytes, bytes | None]:
    """The unit's bytes (and a ``.txt`` file's sidecar bytes, if any)."""
    p = raw / unit.path
    if unit.kind == "jsonl":
        with p.open("rb") as f:
            f.seek(unit.offset)
            return f.read(unit.length), None
    data = p.read_bytes()
    side, _ = _sidecar_of(p, raw.resolve())
    return data, (read_sidecar(side) if side is not None else None)
