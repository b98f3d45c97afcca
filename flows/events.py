"""Dated events: temporal expressions normalized to TIMEX3 values, with their clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flows.model import Event, Sentence


def extract_events(text: str, sentences: Sequence[Sentence], published: dt.date | None) -> list[Event]:
    """Find date mentions and the clauses they date, anchored on ``published``."""
    return []
