"""Quote extraction (direct, indirect, mixed) with cue and speaker mention spans.

Scope: English news prose, one paragraph per line. Rule-based and linear in the text length
(marks are paired in one scan per paragraph, clauses are cut into bounded windows, every rule
looks a bounded number of tokens around a cue). Each quote carries its ``rule`` name:

* direct quotes, text between paired quotation marks (straight, curly double, curly single as
  the Daily Mail uses them, NYT-style doubled apostrophes), attributed by a cue right after the
  closing mark (``direct_postposed`` ``"...," he said``, ``direct_postposed_inverted`` ``"..."
  said Smith``, ``direct_dash_signature`` ``"..." - Name``) or right before the opening one
  (``direct_preposed`` ``X tweeted: "..."``, ``direct_preposed_inverted`` ``Said X: "..."``,
  ``name_colon`` ``Clinton: "..."``); parts split by the attribution (``"A," he said, "B."``)
  share cue, mention and group; a paragraph ending in ``X said:`` or a bare ``X tweeted on
  Wednesday.`` introduces the next quote paragraph (``colon_previous_paragraph``,
  ``intro_previous_paragraph``, ``colon_block`` for an unquoted block); a quote spanning
  paragraphs (open mark on each, close at the end) is one part;
* floating quotes: a quote paragraph without a cue right after an attributed quote (or after a
  paragraph whose last attribution names a speaker) continues that speaker
  (``floating_continuation``: no cue, the previous quote's mention);
* indirect quotes: ``X said (that) ...`` (``say_that``, ``say_clause``), ``X told reporters ...``
  (``tell_clause``), ``X accused Y of ...`` (``accuse_object``), ``..., X said.`` (``postposed``),
  ``..., said X.`` (``postposed_inverted``), ``A, X said, B`` (``parenthetical``), ``according to
  X, ...`` / ``..., according to X`` (``according_to``), ``..., adding that ...`` (``participle``),
  ``X said A and called B`` (``coordinated``), ``Y was rejected by X`` (``passive_by``), ``X's
  claim that ...`` / ``his criticism of ...`` (``claim_noun``), headlines ``Name: ...``,
  ``the fees, which officials said will rise`` (``relative_said``, two parts), ``X suggested A,
  called B "..." and left`` (``coordinated_list``), ``Asked whether ..., X said`` (``asked_question``,
  no source), ``X made clear that ...``;
* quotes after a clause ending in a colon with any verb (``colon_intro``: ``The captain
  retorted: "..."``), after an unlisted past-tense verb (``"Go home," Smith barked``) and before
  one with a comma (``she picked it up and crowed, "Oh, it's my rose"``, ``direct_preposed``);
* a quotation attributed by ``in her words`` / ``in X's own words`` / ``in the words of X``
  (``in_words``: ``It had, in her words, become "unhealthy."``);
* an embedded tweet, its text before a ``— Name (@handle) Date`` signature (``tweet_embed``);
* mixed quotes: an indirect content holding a quoted fragment (``X said the plan was "dead."``);
  a forward content ends after a quotation closing on a comma when a writer's add-on follows
  (``X referenced the "Delta rule," a flaw in ...``);
* recall fallback (``fallback_mixed``, low confidence) for a quotation no other rule of its clause
  covers: the phrase after the nearest listed cue verb or unlisted past tense (not a belief verb,
  not a noun after a determiner) with its subject (``X warned of the "hidden costs" that ...``),
  a quote closing on a comma before a short subject and verb (``"...," an angry X retorted``), or
  a mid-sentence ``Name: "..."``.

Not extracted: scare quotes and titles (short quoted phrases without a cue, Title Case phrases),
unbalanced marks (an open mark without its close is dropped, never extended past its paragraph
run), quotes without any nearby cue, nested attributions inside
another attribution's content (the outer one wins), figures and page furniture in a quote's shape
(``false_quotes``: "the S&P ASX 200 added 0.4 per cent", a market report's "ENERGY: ..." headings,
"Email: ..." lines), photo captions ("... (Steve Lawrence/CBC)") and contents that are only a
date ("statement on Sunday"). Every quote has a ``kind`` (``kinds``): ``speech`` (said, wrote, asked,
accused X of) or ``stance`` (a belief, position or action: supports, signed, released). Beliefs of a
named believer with a clause ("X thinks that ...", "X believes the plan ...") are ``stance`` records.

Content spans include the quotation marks (the PolNeAR gold convention); indirect contents run
from the complementiser ("that ...") to the end of the clause or the next coordinated cue,
without the final period. Confidences are the rules' precision on PolNeAR train
(``training/calibrate_rules.py``), blended with the cue word's train cue rate for indirect quotes.

Layout (one module per rule family; this package re-exports only the public API):

* ``extractor``: ``extract_quotes``, the driver, overlap resolution, ``RULE_PRECISION``;
* ``marks``: quotation-mark pairing; ``tokens``: clauses, tokens, candidates, shared helpers;
* ``mentions``: speaker noun phrases around a cue (``_np_back``, ``_subject_before``);
* ``content``: where a cue's reported content starts and ends;
* ``direct``: a cue right after or before a quotation, ``Name: ...`` paragraphs;
* ``indirect``: ``X said (that) ...`` and the other verb-cue forms;
* ``phrase_cues``: according to, claim nouns, asked whether, as X put it, made clear;
* ``mixed``: mixed quotes and the recall fallbacks; ``continuations``: parts, paragraphs,
  floating quotes; ``orphans``: unattributed quotations;
* ``false_quotes``: figure reports and furniture lines dropped; ``kinds``: speech or stance;
* ``lexicons`` (cue words, speaker nouns) and ``learned_cues.tsv``.
"""

from quotewire.extract.quotes.extractor import extract_quotes
from quotewire.extract.quotes.mixed import BELIEF_VERBS

__all__ = ["BELIEF_VERBS", "extract_quotes"]
