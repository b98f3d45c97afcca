"""Deterministic ids: reruns over the same input give the same ids."""

from __future__ import annotations

import hashlib
import json


def short_hash(*parts: object) -> str:
    """16 hex digits of the SHA-256 of ``parts`` as sort-keyed JSON."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]
