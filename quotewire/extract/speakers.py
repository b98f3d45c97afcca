"""Speaker resolution within one document.

Scope: one English news article at a time; no cross-document identity. Rules and one trained model:

* a mention is split into descriptor and name: leading titles and roles ("Turkish President Recep
  Tayyip Erdogan" -> "Turkish President" + "Recep Tayyip Erdogan"), an appositive after the name
  ("Lina Shamy, an activist in eastern Aleppo"), or a nominal before an appositive name ("Her
  mother, Fatemah");
* surnames and short names resolve to the fullest name of the document that ends with them
  ("Kareem" -> "Bilal Abdul Kareem");
* a surname two people share goes by the pronoun written with it, else by the last full name
  written as a subject, else by the person introduced first (``names``); spelling variants of a
  first name and middle initials are one person;
* companies named by one word are organisations when the story writes them so ("its", "Inc.",
  ``references.organisation_words``); short forms and initials of organisations take the full name
  the story writes (``org_forms``); roles with possessors or spokespeople named at the next quote
  take the person's name (``roles``);
* "he"/"she"/"it"/"they" go to the named mention a trained ranker picks (``pronouns``, GUM),
  else to the most recent compatible one, unless they continue the speaker just quoted; gender
  from first names (SSA table), titles and role words; descriptions ("the company", "the
  senator") go to the most salient compatible entity;
* organisations are speakers too ("the UN estimates", "the White House said", "a spokesman for X"
  -> X); other nominals ("a source", "officials") get an ``unknown`` speaker of their own;
* a quote without a mention (a floating quote, a participle clause) takes the previous quote's
  speaker; an unattributed quotation takes the person the sentences before it are about, else the
  person quoted last when nobody else is named between.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Callable, Sequence
from typing import Literal

from quotewire.extract import pronouns
from quotewire.extract.descriptions import (
    _MEDIA_NAME,
    _MEDIUM,
    _OF_BODY,
    _ORG_HEADS,
    _PERSON_HEADS,
    ORG_NAME_HEADS,
    _description_head,
    _indefinite_intro,
    _last_mention_before,
    _medium_author,
    _premodifiers,
    _resolve_description,
)
from quotewire.extract.model import Attribution, Quote, Sentence, Span, Speaker
from quotewire.extract.names import (  # noqa: F401  (re-exported: the stage's name layer)
    _ACRONYM_DEF,
    _ADJECTIVE_END,
    _APPOSITIVE,
    _FEMALE,
    _LEADING,
    _LOWER_WORD,
    _MALE,
    _NAME_CONNECTORS,
    _NAME_RUN,
    _NOT_PERSON,
    _PLACE_BEFORE,
    _PREPOSITIONS,
    MAX_NAME_WORDS,
    Kind,
    _clean_word,
    _cut_affiliation,
    _descriptor_after,
    _descriptor_before,
    _Doc,
    _edit_distance,
    _Entity,
    _first_name_gender,
    _gender_of,
    _in_furniture,
    _key,
    _kind,
    _name_span,
    _names_a_body,
    _no_speaker,
    _org_name_rest,
    _place_like,
    _strip_det,
    first_name_genders,
    is_place,
    place_names,
    split_name,
)
from quotewire.extract.org_forms import _longer_org, _spelled_out
from quotewire.extract.quotes.lexicons import (
    ORG_WORDS,
    PRONOUN_GENDER,
)
from quotewire.extract.references import (
    _PARTY_GROUPS,
    _SUBJECT_PRONOUN,
    _acting_surname,
    _antecedent,
    _previous_speaker,
    _subject_like,
    organisation_words,
)
from quotewire.extract.roles import _possessive_role_name, _spokesperson_named_next

log = logging.getLogger(__name__)


# "a spokesman for the White House": the organisation a spokesperson speaks for.
_SPOKES = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|representative|official|aide|adviser)s?\s+(?:for|of|at)\s+(.+)$",
    re.I,
)
# Kinds as written in the speakers table (kind, entity_type): a place speaks for its government.
_OUT_KIND: dict[Kind, Literal["person", "organization", "unknown"]] = {
    "person": "person", "organization": "organization", "place": "organization", "unknown": "unknown"}
_OUT_TYPE: dict[Kind, Literal["person", "organization"] | None] = {
    "person": "person", "organization": "organization", "place": "organization", "unknown": None}
# Entity kinds as the pronoun ranker's candidate labels.
_RANKER_LABEL = {"person": "PER", "organization": "ORG"}
_CONTRACTION = re.compile(r"['\u2019](?:s|ve|d|ll|re|m)$", re.I)
# Quote rules whose mention-less quotes continue the previous quote's speaker.
CONTINUING_RULES = frozenset({"floating_continuation", "participle"})


































# An indefinite description and its head noun: "A New York judge", "A union representing flight
# attendants" (the head before the first function word or participle).
_INDEFINITE_HEAD = re.compile(
    r"^(?:[Aa]n?|[Oo]ne)\s+(?:[\w'\u2019.-]+\s+){0,4}?([a-z][\w-]*)(?=$|\s+(?:of|for|at|in|with|who|that|"
    r"representing|familiar|close|from|on)\b)")
# Titles a person noun may stand for ("a judge" -> "Justice Frank Nervo").
_PERSON_TITLES = {"judge": ("judge", "justice"), "lawmaker": ("lawmaker", "senator", "sen", "rep", "representative")}


def resolve_speakers(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> tuple[list[Speaker], list[Attribution]]:
    """Group the quotes' mentions into speakers and attach each quote to one.

    Returns one Speaker per person/organisation/nominal with all its mentions (quote mentions
    plus the other occurrences of its name), and one Attribution per quote (``speaker`` is
    ``None`` when no source could be found).
    """
    if not quotes:
        return [], []
    r = _Resolver(text, sentences, quotes)
    attributions: list[Attribution] = []
    last: int | None = None
    for q in quotes:
        if q.mention is None:
            # Floating quotes and participle clauses continue the previous speaker; an orphan
            # quotation is the person the sentences just before it are about.
            if q.rule in CONTINUING_RULES:
                attributions.append(Attribution(q, last))
            else:
                who = r.context_person(q.content.start)
                if who is None and q.type == "direct":
                    who = r.last_quoted(q.content.start, attributions)
                attributions.append(Attribution(q, who))
            continue
        q, who = r.resolve(q, attributions)
        attributions.append(Attribution(q, who))
        last = who
    for k, a in enumerate(attributions):
        if a.speaker is not None and a.quote.mention is not None:
            named = r.named_later(a.speaker, a.quote.mention)
            if named is None:
                named = _spokesperson_named_next(r.entities, attributions, k)
            if named is not None:
                attributions[k] = Attribution(a.quote, named)
                if (named, a.quote.mention.start) not in r.seen_mentions:
                    r.seen_mentions.add((named, a.quote.mention.start))
                    r.entities[named].mentions.append(a.quote.mention)
    speakers = [
        Speaker(e.name, _OUT_KIND[e.kind], tuple(e.descriptors), _outer_mentions(e.mentions),
                entity_type=_OUT_TYPE[e.kind])
        for e in r.entities
    ]
    # Keep only speakers of some quote (names never quoted are not speakers), reindexing.
    used = sorted({a.speaker for a in attributions if a.speaker is not None})
    remap = {old: new for new, old in enumerate(used)}
    return [speakers[i] for i in used], [
        Attribution(a.quote, remap[a.speaker] if a.speaker is not None else None) for a in attributions
    ]


class _Resolver:
    """The entities of one article and the resolution of its quotes' mentions to them."""

    def __init__(self, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> None:
        self.text = text
        self.doc = _Doc(text, quotes)
        self.entities: list[_Entity] = []
        self.index: dict[str, int] = {}
        # Person occurrences in text order, for pronoun resolution: (start, entity index).
        self.history: list[tuple[int, int]] = []
        self.spans: list[tuple[int, int, int]] = []  # (start, end, entity index) of every named mention
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.pronoun_at: dict[tuple[int, int], int | None] = {}  # pronoun mention span -> its resolution
        self.acting: set[int] = set()  # lone surnames taken as persons because they act as subjects
        self._register()
        self.seen_mentions = {(ei, sp.start) for ei, e in enumerate(self.entities) for sp in e.mentions}

    def entity(self, name: str, kind: Kind) -> int:
        """The index of the entity named ``name`` (case aside), created with ``kind`` when new."""
        key = name.lower()
        if key not in self.index:
            self.index[key] = len(self.entities)
            self.entities.append(_Entity(name, kind))
        return self.index[key]

    def _add(self, s: int, e: int, ei: int) -> None:
        self.entities[ei].mentions.append(Span.of(self.text, s, e))
        self.history.append((s, ei))
        self.spans.append((s, e, ei))

    def _register(self) -> None:
        """Every name occurrence, before any quote: pronouns and descriptions need antecedents."""
        text, doc, entities = self.text, self.doc, self.entities
        for s, e, name in doc.names:
            # A lone surname with an appositive ("Martell, the addictions doctor") is still a surname.
            full = doc.fullest(name, s)
            # ("New Yorker", "U.N. Women", "... Workers": a capitalised run that names a body.)
            ei = self.entity(full, "place" if is_place(full) else
                             "organization" if _names_a_body(full) else "person")
            ent = entities[ei]
            desc = _descriptor_after(text, e)
            if desc and desc not in ent.descriptors:
                ent.descriptors.append(desc)
            if not ent.gender:
                ent.gender = _gender_of(desc + " " + text[max(0, s - 25) : s]) or _first_name_gender(full)
            self._add(s, e, ei)
        # Surnames alone ("Kareem", "Mr. Trump") are further mentions of the full name.
        orgish = organisation_words(text)
        first_single: dict[str, int] = {}
        for s, _, word in doc.singles:
            first_single.setdefault(word, s)
        for s, e, word in doc.singles:
            full = doc.expand(word, s)
            if full == word and word in orgish:
                full = doc.org_full.get(word, word)  # "Suncor" -> the organisation "Suncor Energy"
            if word in orgish and (full == word or full.split()[0] == word) and not _first_name_gender(full) \
                    and not is_place(word):
                # "Suncor received its second payment", "Google said ... its": a company named by
                # one word, the antecedent of "it" and "the company"; by the longer name it opens
                # when the story introduced it so ("Calgary-based Suncor Energy ... Suncor"), not
                # by a product or unit named later ("an app called Facebook Research").
                if full != word and text.find(full) > first_single[word]:
                    full = word
                oi = self.entity(full, "organization")
                entities[oi].kind = "organization"
                self._add(s, e, oi)
            elif full != word and full.lower() in self.index:
                self._add(s, e, self.index[full.lower()])
            elif full == word and _acting_surname(text, word, doc):
                # "Mulder didn't hesitate. "It's this for sure," he said": a surname the story never
                # writes in full, as the subject of a verb, is a person a pronoun may refer to.
                ei = self.entity(word, "person")
                if entities[ei].kind == "person":
                    self._add(s, e, ei)
                    self.acting.add(ei)
            elif word.lower() in _PARTY_GROUPS:
                # "The Conservatives believe they'll ...": a party named by its members is a group
                # that "they" refers to.
                self._add(s, e, self.entity(word, "organization"))
        # Organisation names: antecedents of "it", "they" and "the company".
        for s, e, name in doc.orgs:
            if s < 0:
                continue
            oi = self.entity(name, "organization")
            if entities[oi].kind == "organization":
                self._add(s, e, oi)
        # Their short forms too ("Export Development Canada (EDC) ... EDC declined to answer. "...,"
        # it said"): the acronym is the subject "it" continues.
        for short, full in doc.org_full.items():
            if f"({short})" not in text:
                continue  # only acronyms the article defines: first words and initials can mislead
            oi = self.entity(full, "organization")
            if entities[oi].kind != "organization":
                continue
            # (Not twice where a mention of the organisation already covers the acronym.)
            covered = [(s, e) for s, e, ei in self.spans if ei == oi]
            for sm in re.finditer(rf"(?<![\w.-]){re.escape(short)}(?![\w-])", text):
                if not any(s <= sm.start() < e for s, e in covered):
                    self._add(sm.start(), sm.end(), oi)
        self.history.sort()
        self.spans.sort()

    def rank_pronoun(self, m: Span) -> int | None:
        """The trained mention ranker over the named mentions before the pronoun."""
        text, entities, starts, spans = self.text, self.entities, self.starts, self.spans
        # The ranker looks at most 25 named mentions back: hand it the last 60 (bounded cost).
        hi = bisect.bisect_left(spans, (m.start, -1, -1))
        singular = m.text.lower() not in ("they", "them", "their")  # "he" is never "X and Y"
        # A news organisation credited in the story ("(The Associated Press)", "told CTV News") is
        # not the "it" or "they" of its sentences.
        cands = [
            pronouns.Candidate(s, e, _RANKER_LABEL.get(entities[ei].kind, "OTHER"), ei, entities[ei].gender)
            for s, e, ei in spans[max(0, hi - 60):hi]
            if e <= m.start and entities[ei].kind != "place"
            and not (singular and (" and " in entities[ei].name or entities[ei].name.lower() in _PARTY_GROUPS))
            and not (entities[ei].kind == "organization" and _MEDIA_NAME.search(entities[ei].name))
        ]
        best = pronouns.default_ranker().antecedent(text, (m.start, m.end), cands, starts, agree=True)
        if best is None:
            return None
        si = bisect.bisect_right(starts, m.start) - 1
        prev_start = starts[max(0, si - 1)] if si >= 0 else 0
        best_subject = _subject_like(text, cands[best].start, cands[best].end, starts)
        if not best_subject or cands[best].start < prev_start:
            # "he"/"she" continues a subject ("Gokool ... is hopeful Lametti might heed Parker's
            # plea. "...," she said"): when the ranker picks an object or possessor, or a mention
            # older than the previous sentence, the most recent compatible subject of the last two
            # sentences wins (measured: GGT dev pronoun sources 0.822 -> 0.832, hard labels +1).
            g = PRONOUN_GENDER.get(m.text.lower(), "")
            # (A subject of unknown gender named once does not displace a pick whose gender is
            # known to fit: "The Gap Goes On: It was under Mr. Ban's watch ... He has championed".)
            sure = entities[cands[best].entity].gender == g
            for c in reversed(cands):
                if c.start < prev_start or (best_subject and c.start <= cands[best].start):
                    break
                ent = entities[c.entity]
                if sure and not ent.gender and len(ent.mentions) < 2 and not _full_name_like(ent.name) \
                        and c.entity not in self.acting:
                    continue
                if g in ("m", "f") and ent.kind == "person" and ent.gender in ("", g) \
                        and _subject_like(text, c.start, c.end, starts):
                    return c.entity
                if g == "n" and m.text.lower() == "it" and ent.kind == "organization" \
                        and _subject_like(text, c.start, c.end, starts):
                    # "Facebook told employees it is working with Apple ... It also told workers":
                    # "it" continues the organisation that was the subject, not one in an object.
                    return c.entity
        return cands[best].entity

    def resolve_pronoun(self, m: Span) -> int | None:
        """The last compatible named entity before ``m``, looking up to 40 mentions back."""
        g = PRONOUN_GENDER.get(m.text.lower(), "")
        want_org = g in ("n", "p")
        history = self.history
        lo = bisect.bisect_left(history, (m.start, -1))  # the last occurrence before the pronoun
        for k in range(lo - 1, max(-1, lo - 40), -1):
            ent = self.entities[history[k][1]]
            if want_org:
                if ent.kind == "organization" and not _MEDIA_NAME.search(ent.name) \
                        and not (g == "n" and ent.name.lower() in _PARTY_GROUPS):  # "it" is not "the Greens"
                    return history[k][1]
                continue
            if ent.kind != "person":
                continue
            if ent.gender and g in "mf" and ent.gender != g:
                continue
            if g in "mf" and not ent.gender:
                ent.gender = g
            return history[k][1]
        return None

    def named_later(self, ei: int, m: Span) -> int | None:
        """The entity a description at the top of the story introduces before naming it, or None.

        "A New York judge rejected the request ... Justice Frank Nervo wrote": news leads with a
        description in the headline or first paragraph and names the source soon after. An
        indefinite description ("a/an/one ...") there, unresolved, is the first entity named in
        the next 1,500 characters whose name holds its head noun (an organisation) or whose
        title or description does (a person).
        """
        ent = self.entities[ei]
        intro = _INDEFINITE_HEAD.match(ent.name)
        if intro is None or (ent.kind != "unknown" and not (ent.kind == "organization" and len(ent.mentions) <= 1)):
            return None  # ("A House panel" is an organisation noun with a capitalised modifier: still a description)
        si = bisect.bisect_right(self.starts, m.start) - 1
        if si < 0 or self.sentences[si].paragraph > 1:
            return None
        head = intro.group(1).lower()
        org = head in _ORG_HEADS
        if not org and head not in _PERSON_HEADS:
            return None
        names = ORG_NAME_HEADS.get(head, (head,)) if org else _PERSON_TITLES.get(head, (head,))
        k = bisect.bisect_left(self.spans, (m.end, -1, -1))
        for s, _, other in self.spans[k:k + 60]:
            if s - m.end > 1500:
                break
            cand = self.entities[other]
            if org and cand.kind == "organization" and any(h in cand.name.lower().split() for h in names):
                return other
            if not org and cand.kind == "person" and any(
                    h in _premodifiers(self.text, s) or any(h in d.lower().split() for d in cand.descriptors)
                    for h in names):
                if ent.name not in cand.descriptors:
                    cand.descriptors.append(ent.name)
                return other
        return None

    def context_person(self, pos: int) -> int | None:
        """The person an unattributed quotation at ``pos`` belongs to: the last person named, or
        referred to by he/she/his/her, in the two sentences before it (same or previous paragraph).

        "Laurin lost 40 per cent of her income. And there was the blow. "It took me two years ...""
        Why: news writes a quote paragraph right after the sentences about its speaker (the Gender
        Gap Tracker annotates these "floating" quotes with that person). Organisations and places
        are not taken, and nothing is taken across more than two sentences or 600 characters, so
        a quotation with no such context stays unattributed.
        """
        sentences, spans, entities = self.sentences, self.spans, self.entities
        si = bisect.bisect_right(self.starts, pos) - 1
        if si < 1:
            return None
        lo_s = sentences[max(0, si - 2)]
        if sentences[si].paragraph - lo_s.paragraph > 1:
            lo_s = sentences[si - 1]
            if sentences[si].paragraph - lo_s.paragraph > 1:
                return None
        lo = max(lo_s.start, pos - 600)
        best_pos, best = -1, None
        k = bisect.bisect_left(spans, (pos, -1, -1))
        while k > 0 and spans[k - 1][0] >= lo:  # back from pos, no copy of the list
            k -= 1
            s, e, ei = spans[k]
            if e <= pos and entities[ei].kind == "person":
                best_pos, best = s, ei
                break
        for pm in _SUBJECT_PRONOUN.finditer(self.text, max(lo, best_pos + 1), pos):
            who = self.rank_pronoun(Span(pm.start(), pm.end(), pm.group()))
            if who is not None and entities[who].kind == "person":
                best = who  # a later pronoun: the person the closest sentence is about
        return best

    def last_quoted(self, pos: int, attributions: list[Attribution]) -> int | None:
        """The person quoted last, for an unattributed quotation at ``pos`` whose nearby sentences
        name nobody: within 1,200 characters and three paragraphs, with no other person named
        between that quote and this one.

        "..., Garland said. // "The loss in earnings was substantial ..." // The financial fallout
        from suffering a stroke was the most significant ... // "And if you looked at ...": a
        paragraph of figures between a speaker's quotes does not change who is speaking.
        """
        prev = next((a for a in reversed(attributions) if a.speaker is not None), None)
        if prev is None or prev.speaker is None or self.entities[prev.speaker].kind != "person":
            return None
        end = prev.quote.content.end
        if pos - end > 1200 or self.text.count("\n\n", end, pos) > 3:
            return None
        k = bisect.bisect_left(self.spans, (end, -1, -1))
        for s0, _, ei in self.spans[k:k + 40]:
            if s0 >= pos:
                break
            if ei != prev.speaker and self.entities[ei].kind == "person":
                return None
        return prev.speaker

    def resolve(self, q: Quote, attributions: list[Attribution]) -> tuple[Quote, int | None]:
        """The speaker of a quote with a mention (and the quote, its mention narrowed when needed)."""
        m = q.mention
        assert m is not None
        text = self.text
        bare = _CONTRACTION.sub("", m.text)
        if bare != m.text and (bare.lower() in PRONOUN_GENDER or bare.lower() in ("who", "which")):
            # "he's", "who's", "I've": the pronoun without its contracted verb.
            m = Span(m.start, m.start + len(bare), bare)
            q = dataclasses.replace(q, mention=m)
        who: int | None
        if (m.start, m.end) in self.pronoun_at:
            # One pronoun mention for two quote parts ('"A," he said. "B."'): one speaker.
            who = self.pronoun_at[(m.start, m.end)]
        elif m.text.lower() in PRONOUN_GENDER:
            who = self._pronoun_speaker(m, attributions)
        elif m.text.lower() in ("who", "which"):
            # "the EU, which contended ...": the relative pronoun stands for the phrase before it.
            head = _antecedent(text, m.start)
            who = _named(text, head, self.doc, self.entity, self.entities) if head is not None else None
            if who is not None and m.text.lower() == "which" and self.entities[who].kind == "person" \
                    and not self.entities[who].mentions:
                # "X, which is dedicated to ...": "which" is never a person, so a name first met
                # here is a body (a person named before keeps their kind: the rule is then wrong).
                self.entities[who].kind = "organization"
        elif _no_speaker(text, m):
            who = None
        elif (medium := _MEDIUM.match(m.text)) is not None:
            # "her statement said": whoever issued it; "the statement said": the speaker just quoted
            # (news introduces a statement with its author first: "X said in a statement ...").
            if medium.group(1).lower() in ("his", "her", "their", "its"):
                who = self.rank_pronoun(Span(m.start, m.start + len(medium.group(1)), medium.group(1)))
            else:
                who = _medium_author(text, m, medium.group(2), attributions)
                if who is None:
                    who = _named(text, m, self.doc, self.entity, self.entities)
        elif (noun := _description_head(m.text)) is not None:
            who = self._description_speaker(m, noun)
        elif (agent := _possessive_role_name(text, m.text)) is not None:
            # "Pagliano's lawyer has said ...": the person the story names in that role.
            who = _named(text, agent, self.doc, self.entity, self.entities)
        else:
            who = _named(text, m, self.doc, self.entity, self.entities)
            if who is not None and self.entities[who].kind in ("person", "organization", "place"):
                bisect.insort(self.history, (m.start, who))
                bisect.insort(self.spans, (m.start, m.end, who))
                named = _name_span(_cut_affiliation(m))
                if named != m:
                    m = named
                    q = dataclasses.replace(q, mention=m)
        if who is not None and (who, m.start) not in self.seen_mentions:  # a set: one check per quote
            self.seen_mentions.add((who, m.start))
            self.entities[who].mentions.append(m)
        return q, who

    def _pronoun_speaker(self, m: Span, attributions: list[Attribution]) -> int | None:
        """A pronoun speaker: the ranker's antecedent, else the last compatible name further back,
        unless it continues the speaker just quoted. An unresolved pronoun is no speaker."""
        who = self.rank_pronoun(m)
        if who is None:
            who = self.resolve_pronoun(m)  # no named mention in the ranker's window: look further back
        prev = _previous_speaker(self.text, m, attributions, self.entities, self.spans, self.starts)
        if prev is not None:
            who = prev
        self.pronoun_at[(m.start, m.end)] = who
        return who

    def _description_speaker(self, m: Span, noun: str) -> int | None:
        """"the company said", "the GOP nominee said": the entity the description stands for."""
        text, entities = self.text, self.entities
        who = _resolve_description(text, m, noun, self.spans, entities)
        intro = _indefinite_intro(text, m.start, noun)
        if intro is not None and (who is None or _last_mention_before(self.spans, who, m.start) < intro.start):
            # "a justice official told reporters ... The official said": the description goes
            # back to the unnamed person introduced after the last mention of any named one.
            return self.entity(intro.text, "unknown")
        if who is None:
            # Unresolved, the description is its own speaker: "the former sergeant-at-arms of the
            # House of Commons" is not "Commons".
            if _OF_BODY.search(m.text):
                return self.entity(m.text, "unknown")
            return _named(text, m, self.doc, self.entity, entities)
        if m.text not in entities[who].descriptors:
            entities[who].descriptors.append(m.text)
        return who








# Initials with full stops ("U.N.", "S.E.C."; the name layer drops a final stop: "U.N").
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,5}|[A-Z]\.(?:[A-Z]\.?){1,4}")


_FUNCTION_WORDS = frozenset("on of the in at for and or to whether if as by with from up out".split())


def _full_name_like(name: str) -> bool:
    """Two or more words and no function word: "Shanaaz Gokool", not "Gap Goes On" or "Video"."""
    words = name.split()
    return len(words) >= 2 and not any(w.lower() in _FUNCTION_WORDS for w in words)


def _outer_mentions(mentions: list[Span]) -> tuple[Span, ...]:
    """Mentions in text order, dropping one nested in another ("Erdogan" inside "President ... Erdogan")."""
    out: list[Span] = []
    for m in sorted(mentions, key=lambda s: (s.start, -s.end)):
        if out and m.end <= out[-1].end:
            continue
        out.append(m)
    return tuple(out)


def _named(
    text: str, m: Span, doc: _Doc, make: Callable[[str, Kind], int], entities: list[_Entity]
) -> int | None:
    """Entity index of a named or nominal mention (creating the entity when new); None for a place."""
    m = _cut_affiliation(m)
    words = _strip_det(m.text.split())
    if len(words) > 2 and _clean_word(words[0]) in ORG_WORDS and words[1] in ("of", "for", "on") \
            and words[-1][:1].isupper():
        # "The University of California at Berkeley": an institution's whole name is its name.
        return make(" ".join(words), "organization")
    desc, name = split_name(m.text)
    name = name.removesuffix("'s").removesuffix("\u2019s")
    spokes = _SPOKES.match(m.text)
    if spokes:
        org = " ".join(_strip_det(spokes.group(1).split()))
        ei = make(org, "organization")
        d = m.text[: spokes.start(1)].strip()
        if d not in entities[ei].descriptors:
            entities[ei].descriptors.append(d)
        return ei
    if not name[:1].isupper() or not name.split()[-1][:1].isupper():
        # A nominal ("a source", "officials", "Turkish officials"): its own unknown speaker; with an
        # organisation head and a capitalised modifier ("The Canadian government") an organisation.
        words = m.text.split()
        named_body = len(words) > 1 and words[-1].lower() in _ORG_HEADS and any(w[:1].isupper() for w in words[1:-1])
        return make(m.text, "organization" if named_body else "unknown")
    bare = name.replace(".", "") if name.replace(".", "").isupper() else name  # "U.N." -> "UN"
    at = m.start + max(0, m.text.rfind(name))  # where the name itself is written (its title before it)
    person_tail = " " not in name and (longer := doc.fullest(name, at)) != name \
        and longer.split()[0].lower() in first_name_genders()
    if person_tail:
        # "PENCE:" in a transcript, "Trump" beside "Trump University": a surname of a person the
        # article names in full is that person, in capitals or not, before any organisation's
        # first word.
        return _person(text, m, longer, desc, make, entities)
    if bare in doc.org_full:  # "EDC", "Suncor", "IMF": the organisation's full name written in the article
        name = doc.org_full[bare]
        kind: Kind = "organization"
    else:
        kind = _kind(name, m.text)
        if kind == "person" and " " not in name and doc.common_word(name):
            # "Delegates questioned how ...", with "the delegates" elsewhere: a common noun that
            # opens a sentence is a group, never a "he" or "she" to resolve.
            kind = "unknown"
    full = doc.fullest(name, at) if kind == "person" else name
    if kind == "organization" and bare not in doc.org_full \
            and _DOTTED_INITIALS.fullmatch(name if name.endswith(".") else name + "."):
        # "The U.N." / "the S.E.C.": dotted initials stand for the one name the story spells out
        # whose words begin with those letters ("United Nations", "Securities and Exchange Commission").
        spelled = _spelled_out(text, name)
        if spelled is not None:
            return _person(text, m, spelled, desc, make, entities, "organization")
    if full == name and bare not in doc.org_full and (kind == "organization" or _MEDIA_NAME.fullmatch(name)):
        # "the Times" -> "The New York Times", "the Tax Policy Center" -> "Urban-Brookings Tax
        # Policy Center": an organisation's short form is the one longer name ending with it.
        longer_org = _longer_org(text, name)
        if longer_org is not None:
            full, kind = longer_org, "organization"
    return _person(text, m, full, desc, make, entities, kind)


def _person(text: str, m: Span, full: str, desc: str, make: Callable[[str, Kind], int], entities: list[_Entity],
            kind: Kind = "person") -> int:
    """The entity named ``full`` (created as ``kind``), with the mention's descriptors and gender."""
    ei = make(full, kind)
    ent = entities[ei]
    for d in (desc, _descriptor_after(text, m.end), _descriptor_before(text, m.start)):
        if d and d not in ent.descriptors:
            ent.descriptors.append(d)
    if not ent.gender:
        ent.gender = _gender_of(" ".join(ent.descriptors) + " " + desc) or _first_name_gender(full)
    return ei
