"""Turn one article's extraction into schema-shaped records with deterministic ids.

Ids are hashes of the document's identity and content and of each record's offsets, so a rerun
over the same input gives identical records. Field names come from the schemas' shape; the
validator checks every record before it is written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from quotewire.dataset.ids import short_hash
from quotewire.extract.model import Analysis, Article, Span


def _span(name: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {name: None, f"{name}_start": None, f"{name}_end": None}
    return {name: span.text, f"{name}_start": span.start, f"{name}_end": span.end}


def _sources(article: Article, ex: Analysis) -> dict[str, str | None]:
    """Where the document's ``published``, ``title`` and ``outlet`` came from (None: absent)."""
    src = dict(article.meta_sources)
    if article.title is None and ex.cleaned.title is not None:
        src["title"] = "text"
    if article.outlet is None and ex.cleaned.outlet is not None:
        src["outlet"] = "text"
    title = article.title or ex.cleaned.title
    outlet = article.outlet or ex.cleaned.outlet
    return {
        "published": src.get("published") if article.published is not None else None,
        "title": src.get("title") if title is not None else None,
        "outlet": src.get("outlet") if outlet is not None else None,
    }


def doc_id_for(unit_key: str, text_sha: str) -> str:
    """The document id: its input identity (path, JSONL id or line) and its content."""
    return short_hash("doc", unit_key, text_sha)


def build_records(
    article: Article, ex: Analysis, *, unit_key: str, version: str, include_text: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Records of all four tables for one article."""
    text_sha = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    doc_id = doc_id_for(unit_key, text_sha)
    removed = sum(len(s.text.strip()) for s in ex.cleaned.removed)
    document = {
        "doc_id": doc_id,
        "external_id": article.external_id,
        "source_path": article.source_path,
        "source_line": article.source_line,
        "source_sha256": text_sha,
        "encoding": article.encoding,
        "language": ex.language,
        "title": article.title or ex.cleaned.title,
        "outlet": article.outlet or ex.cleaned.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_at": (
            article.published_at.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
            if article.published_at is not None
            else None
        ),
        "published_source": article.published_source,
        "text": article.text if include_text else None,
        "text_length": len(article.text),
        "highlights": [h.text for h in ex.cleaned.highlights],
        "boilerplate_chars": removed,
        "boilerplate_spans": [{"start": sp.start, "end": sp.end} for sp in ex.cleaned.removed],
        "metadata_sources": _sources(article, ex),
        "notes": list(article.notes),
        "pipeline_version": version,
    }

    speaker_ids = [short_hash("speaker", doc_id, sp.name, i) for i, sp in enumerate(ex.speakers)]
    quote_counts = [0] * len(ex.speakers)
    quotes = []
    for att in ex.attributions:
        q = att.quote
        sid = speaker_ids[att.speaker] if att.speaker is not None else None
        if att.speaker is not None:
            quote_counts[att.speaker] += 1
        cue_key = (q.cue.start if q.cue else None, q.mention.start if q.mention else None, q.group)
        quotes.append(
            {
                "quote_id": short_hash("quote", doc_id, q.content.start, q.content.end),
                "doc_id": doc_id,
                "attribution_id": short_hash("attribution", doc_id, cue_key if q.cue else q.content.start),
                "type": q.type,
                "kind": q.kind,
                **_span("text", q.content),
                **_span("cue", q.cue),
                **_span("speaker_mention", q.mention),
                "speaker": ex.speakers[att.speaker].name if att.speaker is not None else None,
                "speaker_id": sid,
                "confidence": round(float(q.confidence), 4),
                "rule": q.rule,
            }
        )
    speakers = [
        {
            "speaker_id": speaker_ids[i],
            "doc_id": doc_id,
            "name": sp.name,
            "kind": sp.kind,
            "entity_type": sp.entity_type,
            "descriptors": list(sp.descriptors),
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in sp.mentions],
            "quote_count": quote_counts[i],
        }
        for i, sp in enumerate(ex.speakers)
    ]
    events = []
    for ev in ex.events:
        events.append(
            {
                "event_id": short_hash("event", doc_id, ev.date.start, ev.date.end, ev.clause.start, ev.clause.end),
                "doc_id": doc_id,
                **_span("text", ev.clause),
                **_span("date_text", ev.date),
                "date_value": ev.value,
                "timex_type": ev.timex_type,
                "period_start": ev.period_start.isoformat() if ev.period_start else None,
                "period_end": ev.period_end.isoformat() if ev.period_end else None,
                "resolved": ev.period_start is not None,
                **_span("actor", ev.actor),
                "actor_type": ev.actor_type,
                **_span("action", ev.action),
                "confidence": round(float(ev.confidence), 4),
                "rule": ev.rule,
            }
        )
    return {"documents": [document], "quotes": quotes, "speakers": speakers, "events": events}
