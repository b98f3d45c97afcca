"""Word lists of the events stage: verb forms, auxiliaries, clause openers and cue words.

Scope: resources only (no logic besides loading ``event_verbs.tsv``); ``quotewire.extract.events``
explains how each list is used, and every list says why it exists.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*|[0-9]+(?:[.,:/-][0-9]+)*|[^\sA-Za-z0-9]")


def _load_verbs() -> dict[str, str]:
    path = Path(__file__).with_name("event_verbs.tsv")
    verbs: dict[str, str] = {}
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                form, tag, _count = line.split("\t")
                verbs[form] = tag
    except FileNotFoundError:
        log.warning("verb lexicon %s is missing; falling back to morphology", path)
    return verbs


# Irregular past forms: frequent in news and invisible to "-ed" morphology.
IRREGULAR_PAST = frozenset(
    """said told took made went came gave found saw knew thought got left met held brought began
    became fell rose won lost sold paid sent spent built bought fought led kept struck hit put set
    cut ran shot wrote spoke broke chose drove flew grew threw stood understood fled hung sought
    taught caught drew forbade froze hid laid lay lent meant quit rode rang sang sank slid stole
    stuck swore swept swam tore woke wore withdrew overtook undertook sat shut spread bled dealt
    felt heard read tore bore shook arose awoke beat bit blew dug drank ate forgave froze knelt lit
    mistook overcame overthrew sank shone shrank slept slung sped spun sprang stung strode swung
    underwent upheld withheld wound wrung ground bound""".split()
)
AUX_PAST = frozenset("was were had did".split())
AUX_PRESENT = frozenset("is are am has have does do 's".split())
AUX_FUTURE = frozenset("will shall 'll won't wo".split())
# Modals read forward; "would" too: in reported speech it is the future of the past ("said the
# team would travel on Thursday"), and "would have" is excluded where the tense is chosen.
MODALS = frozenset("can may might should must would".split())
AUX_OTHER = frozenset("be been being would could should might must can may cannot 'd having".split())
AUXILIARIES = AUX_PAST | AUX_PRESENT | AUX_FUTURE | AUX_OTHER
# Adverbs and particles that may sit inside a verb group ("has also said", "did not attend").
GROUP_FILLERS = frozenset(
    """not n't never also still already just reportedly allegedly apparently finally then
    further again only now recently previously formally officially yet even""".split()
)
DETERMINERS = frozenset(
    """the a an this that these those its his her their our my your some any no each every
    another such which whose what""".split()
)
# After these a word is a noun ("886 million shares", "many plans").
QUANTIFIERS = frozenset(
    """'s million billion trillion thousand hundred percent many few several more most other all both own
    new first last next""".split()
)
# Words that never head a verb group even if the lexicon or morphology says so.
NOT_VERBS = frozenset(
    """red bed hundred need seed feed speed breed bred shed sled sacred naked wicked kindred
    united based related limited alleged so-called according including following concerned
    interested""".split()
)
# Tokens that end a subject noun phrase when walking left from the verb.
NP_STOP = frozenset(
    """that which who whom whose when where while after before because since although though if
    as than and but or nor so then said says say told to for with in on at by from into about
    over under between against during without within through is are was were has have had will
    would could should can may might must be been being do does did""".split()
)
# After a comma, these open a new clause ("..., which killed 12 people on Monday").
CLAUSE_OPENERS = frozenset(
    """which who whom whose where while when after before because although though since as but
    and so whereas unless until if""".split()
)
CLAUSE_PUNCT = frozenset(';:()[]\u2014\u2013"\u201c\u201d')
# Before a date, these make it a deadline or a modifier: its year is not the verb's tense.
OPEN_ENDED_BEFORE = frozenset("""until till by payable effective""".split())
# Before a date, these make it one end of a range: its own nearest reading.
RANGE_BEFORE = frozenset("""to through from starting beginning of""".split())
# Verbs after which "to" + a word is an infinitive ("decided to admit").
INFINITIVE_BEFORE_TO = frozenset(
    """decided agreed tried sought vowed promised refused declined voted moved threatened asked
    wanted needed began continued failed managed offered pledged urged called helped allowed
    ordered forced invited""".split()
)
PRONOUNS = frozenset("me him her us them it you this that these those".split())
# Period nouns that a participle like "ended" attaches to ("the quarter ended Sept. 30").
PERIOD_NOUNS = frozenset("quarter quarters year years period periods month months week weeks half".split())
# Verbs whose object is a future event whatever their own tense.
SCHEDULE_VERBS = frozenset("planned plans plan scheduled schedules slated expected expects".split())
# Verbs after which an infinitive refers to the future ("plans to vote on Tuesday").
INTENT_BEFORE_TO = frozenset(
    """plan plans planned planning expect expects expected scheduled set due is are was were will
    intend intends intended hope hopes hoped want wants wanted aim aims going likely able""".split()
)
# Verbs whose simple present states a timetable, i.e. the future ("The offer expires Monday").
TIMETABLE_VERBS = frozenset(
    """begin begins start starts end ends open opens close closes expire expires resume resumes
    kick kicks launch launches""".split()
)
# Verbs of a scheduled move or meeting: in the present with a date they are timetabled ("Arafat
# and Netanyahu meet separately Monday", "The president leaves Friday for Tokyo").
SCHEDULED_MOVES = frozenset("meet meets visit visits arrive arrives leave leaves travel travels return returns".split())
# Scheduled gatherings a past verb may send people to ("invited them to a ceremony on March 12").
GATHERINGS = frozenset("ceremony summit conference meeting hearing trial rally celebration funeral".split())
# How far (tokens) a clause reaches beyond the date, its verb and its actor.
CLAUSE_REACH = 40
# Words inside an appositive title that do not end it ("Disney's chairman of sales and
# marketing", "a spokesman for the ministry").
APPOSITIVE_INNER = frozenset("of for and in at on".split())
# Nouns ending in "-ly" that are no adverbs ("the family", "an ally").
LY_NOUNS = frozenset("family ally rally assembly supply italy july monopoly anomaly reply belly bully".split())
# Participles used as adjectives: the word after "the winning" is a noun ("the winning design").
# (A list, not "-ing" morphology: "the king met", "the building collapsed".)
ING_MODIFIERS = frozenset(
    """winning opening closing leading ruling governing remaining existing upcoming ongoing growing
    rising missing founding""".split()
)
# Prepositions whose object is never the subject of the next verb ("in the U.S. to grow").
OBJECT_PREPOSITIONS = frozenset("into onto with without across against toward towards among than via".split())
PREPOSITIONS = frozenset("on in at by since until till during from for before after of around about".split())

_LEXICON = _load_verbs()
VERBS = {w: t for w, t in _LEXICON.items() if t != "noun"}
# Nominal events ("invasion", "cease-fire", "briefing"), from the same TimeML annotations.
EVENT_NOUNS = frozenset(w for w, t in _LEXICON.items() if t == "noun")
