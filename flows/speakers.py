"""Speaker resolution within one document."""

from __future__ import annotations

from collections.abc import Sequence

from flows.model import Attribution, Quote, Sentence, Speaker


def resolve_speakers(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> tuple[list[Speaker], list[Attribution]]:
    """Group the quotes' mentions into speakers and attach each quote to one."""
    return [], [Attribution(q, None) for q in quotes]
