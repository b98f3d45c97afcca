"""What kind of attribution a quote is: ``speech`` (said or written) or ``stance`` (held or done).

A user opening ``quotes`` expects what people said or wrote; the rules also report beliefs,
positions, intentions and actions attributed to a source, which PolNeAR's broad notion of
attribution counts ("X signed the bill", "X supports the plan"). ``quote_kind`` tells them apart
from the cue and the rule that produced the quote, so both stay in the table and a query picks
(``WHERE kind = 'speech'``):

* ``speech``: the cue reports an utterance or a written statement (``lexicons.SPEECH_CUES``:
  said, told, wrote, tweeted, according to, asked, accused X of, a statement ...); a cue that
  reports speech only with a clause (``lexicons.CLAUSE_SPEECH_CUES``: "denied that ...",
  "..., X announced.") under a clause rule; a verbatim quotation attributed by a direct-quote
  rule ('"Go home," Smith barked'), a 'Name: ...' line, or a quotation without a cue that
  continues a speaker's quote;
* ``stance``: everything else, including the PolNeAR-learned cue forms ("released", "signed"),
  the noun-phrase complements of action verbs ("denied a request", "wrote her first cookbook"),
  a plea in court ("pleaded guilty"), negated speech ("He won't say what ..."), the topic of a
  talk ("spoke highly of Gasol", "told an audience about ..."), a finding ("a survey suggested
  that ..."), an intention ("pledged to cut
  taxes"), an expressed attitude ("expressed concern about the debt"), a cue form used as a noun ("the final say on"), an unquoted passive ("Schumer has been criticized for ...":
  its subject is the target) and a thing's name ("a program called Club Moo").
"""

from __future__ import annotations

import re

from quotewire.extract.model import QuoteKind
from quotewire.extract.quotes.lexicons import CLAUSE_SPEECH_CUES, SPEAKER_NOUNS, SPEECH_CUES

# Rules whose form is reported speech whatever the cue word: "according to X", "Asked whether
# ..., X said", a 'Name: words' headline or transcript line, an embedded tweet, and quotations
# without a cue that continue (or stand beside) a speaker's quotes.
SPEECH_RULES = frozenset(
    {"according_to", "asked_question", "name_colon", "floating_continuation", "orphan_quote", "in_words",
     "tweet_embed"}
)
# Rules whose content is a reported clause ("X denied that ...", "..., X announced."): a cue of
# ``CLAUSE_SPEECH_CUES`` reports speech there, and an act with a noun-phrase object elsewhere.
CLAUSE_RULES = frozenset(
    {
        "say_that",
        "postposed",
        "postposed_inverted",
        "parenthetical",
        "participle",
        "relative_said",
        "as_parenthetical",
        "direct_postposed",
        "direct_postposed_inverted",
        "direct_preposed",
        "direct_preposed_inverted",
    }
)
# Rules that attribute a quotation right beside its cue: when the whole content is verbatim
# (type ``direct``), words were spoken or written, whatever the manner verb ('"Go," he barked').
DIRECT_RULES = frozenset(
    {
        "direct_postposed",
        "direct_postposed_inverted",
        "direct_preposed",
        "direct_preposed_inverted",
        "direct_dash_signature",
        "colon_intro",
        "colon_block",
        "colon_previous_paragraph",
        "intro_previous_paragraph",
        "fallback_mixed",
    }
)

# A content opening with a complementiser is a reported clause whatever rule took it ("The
# ministry denied that ..." comes from the object rule of "denied").
# So is one opening with a subject pronoun or "there" ("confirmed there are no plans", "announced
# he will retire"), unlike a noun-phrase object ("announced a policy", "reported a profit").
_THAT_CLAUSE = re.compile(r"(?:that|whether|if|he|she|they|we|i|there)\b", re.IGNORECASE)


# A plea in court is a legal act, not a statement a reader wants among quotes ("pleaded guilty
# to fraud"), though "pleaded" alone reports speech ("she pleaded with them to stay").
_PLEA = re.compile(r"(?:not\s+)?(?:guilty|innocent|no\s+contest)\b", re.IGNORECASE)


# A negation or refusal right before a speech cue ("did not say", "won't say", "declined to say"),
# also across one adverb ("did not directly call for", "never publicly said").
_NEGATED = re.compile(
    r"(?:\bnot|n['\u2019]t|\bnever|\bdeclined to|\brefused to|\bdeclines to|\brefuses to)\s*(?:\w+ly\s+)?$", re.I
)

# Commitment verbs: with a to-infinitive they report an intention ("pledged to brighten up",
# "promised to continue publishing", "vowing to clean house"), a position a reader does not
# want among quotes; with a clause they report words ("vowed that he would never resign").
COMMITMENT_CUES = frozenset(
    "pledged pledges pledge pledging promised promises promise promising vowed vows vow vowing".split()
)
_INFINITIVE = re.compile(r"to\s+(?:not\s+|never\s+|\w+ly\s+)?[a-z]", re.I)
# A quotation mark, not an apostrophe ("Surrey\u2019s debt", "don't"): double marks, or a single one
# not inside a word.
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb]|(?<!\\w)[\u2018\u2019'](?=\\w)|(?<=\\w)[\u2018\u2019'](?!\\w)")
# A content that is only the topic of a talk, after at most an addressee ("told an audience about
# the first time ...", "tells us about a growing concern", "asked about the judge's criticisms"):
# the words are not reported, only what they were about (unless quoted words come with it).
# Not "about" before an amount ("said about 3,000 votes came in").
_TOPIC = re.compile(
    r"(?:(?:us|me|him|her|them|reporters|journalists|(?:an?|the|his|her|their|our)\s+[\w-]+)\s+)?"
    r"about\s+(?![\d$\u00a3\u20ac]|half\b|a\s+(?:third|quarter|dozen|hundred|thousand|million|billion)\b)",
    re.I,
)
# Inference verbs with a thing as their subject report a finding, not words: "a private survey
# suggested that manufacturing had slowed", "the website suggests that the blocking was not an
# attack" ("the minister suggested that ..." is speech).
INFERENCE_CUES = frozenset("suggest suggests suggested suggesting indicate indicates indicated indicating".split())
DATA_NOUNS = frozenset(
    """survey surveys poll polls study studies data figures evidence research analysis index website site
    results numbers statistics findings model models trend trends chart graph""".split()
)
EXPRESS_CUES = frozenset("expressed expresses expressing".split())
# Cue forms that are nouns after a determiner and an optional adjective of their noun senses
# ("the final say on", "makes the final call on", "a conference call"; not "the voters say"):
# no one is reported to say anything.
NOUN_FORMS = frozenset("say call calls".split())
_DETERMINER_BEFORE = re.compile(
    r"\b(?i:a|an|the|his|her|their|its|our|my|your|no|any)\s+"
    r"(?:(?:final|last|big|bigger|greater|real|full|much|conference|phone|close|tough|wake-up|first)\s+)?$"
)


# A passive auxiliary right before the cue ("was asked", "has been praised", "is literally called").
_PASSIVE = re.compile(r"\b(?:is|was|are|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+|also\s+|not\s+)?$", re.I)
# "called"/"dubbed"/"named" after an indefinite noun phrase names a thing ("a drug called X").
NAMING_CUES = frozenset({"called", "dubbed", "named"})
_INDEFINITE_NOUN = re.compile(r"\ban?\s+(?:[\w-]+\s+){0,2}[\w-]+\s+$", re.I)


def cue_head(cue: str | None) -> str:
    """The cue's first word, lower-cased ("According to" -> "according"; "" without a cue)."""
    if not cue:
        return ""
    words = cue.split()
    return words[0].lower().strip(".,:;\u2019'\"") if words else ""


def quote_kind(cue: str | None, rule: str, qtype: str, content: str = "", before: str = "") -> QuoteKind:
    """``speech`` or ``stance`` for a quote with cue text ``cue``, ``rule``, type ``qtype``,
    (first part's) ``content`` text and the few words ``before`` the cue."""
    head = cue_head(cue)
    if head in SPEECH_CUES | CLAUSE_SPEECH_CUES and _NEGATED.search(before):
        # "He won't say what the message is", "Facebook did not say whether ...": nothing was said.
        return "stance"
    if qtype == "indirect" and head != "quoted" and not head.endswith("ing") and _PASSIVE.search(before):
        # "Schumer has been praised, but also criticized", "Trudeau was asked what ...", "the
        # recipe is called ...": the subject of a passive cue is its target or a name, not a
        # speaker ("he was quoted as saying" aside; "have been saying" is no passive). With
        # quoted words ("was described as "basically kidnapping" in state media") someone spoke.
        return "stance"
    if head in NAMING_CUES and _INDEFINITE_NOUN.search(before) and before.split()[-1].lower() not in SPEAKER_NOUNS:
        # "a sedative called clonazepam", "a program called Club Moo": a name, not a judgement.
        return "stance"
    if head in ("pleaded", "pleads", "pled") and _PLEA.match(content):
        return "stance"
    quoted = bool(_QUOTE_MARKS.search(content))
    subject = before.split()[-1].lower().strip(",'\u2019") if before.split() else ""
    if head in INFERENCE_CUES and subject in DATA_NOUNS:
        return "stance"  # "a private survey suggested that ...": a finding
    if head in EXPRESS_CUES:
        # "expressed concern about the debt" names an attitude; "expressed "deep concern"" or
        # "expressed that ..." reports the words.
        return "speech" if quoted or _THAT_CLAUSE.match(content) or rule in CLAUSE_RULES else "stance"
    if head in COMMITMENT_CUES and _INFINITIVE.match(content) and not quoted:
        return "stance"  # "pledged to brighten up": an intention
    if rule not in DIRECT_RULES and _TOPIC.match(content) and not quoted:
        return "stance"  # "told an audience about ...": a topic, not words
    if head in NOUN_FORMS and _DETERMINER_BEFORE.search(before):
        return "stance"  # "the final say on ...", "a conference call": nouns, no speech
    # A bare colon cue is the 'Name: "words"' form: the words are the name's.
    if rule in SPEECH_RULES or head in SPEECH_CUES or (cue or "").strip() == ":":
        return "speech"
    if head in CLAUSE_SPEECH_CUES and (rule in CLAUSE_RULES or _THAT_CLAUSE.match(content)):
        return "speech"
    # A whole verbatim quotation attributed beside its cue: the source's own words.
    if qtype == "direct" and rule in DIRECT_RULES:
        return "speech"
    return "stance"
