"""Lexicons and compiled patterns for the quote and speaker stages (one place for all of them).

The reporting-cue forms were learned from the PolNeAR train cues with
``training/learn_cues.py`` (word forms whose cue rate in train is high enough), then reviewed by
hand and grouped by the complement they take; British spellings were added by hand. Verbs PolNeAR
rarely marks but the rules extract well with are added from ``learned_cues.tsv``, written by
``training/learn_cue_roles.py``. The numbers in ``CUE_RATE`` are the train cue rates, used as
priors for a quote's confidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Belief verbs ("thinks", "believes", "feels") are absent here: a belief is not a quotation
# ('Burton thinks that cats are "cuties".' has no speech quote); ``BELIEF_VERBS`` below adds
# them as cues of a reported clause only, whose records are ``stance`` (PolNeAR marks them).
# Verbs whose complement is the reported clause ("X said (that) ...", "..., X said").
SAY_VERBS = _words(
    """said says say saying wrote writes write writing added adds adding noted notes noting
    announced announces announcing suggested suggests suggesting argued argues arguing argue
    tweeted tweeting explained explains explaining acknowledged acknowledges acknowledging
    declared declares declaring claimed claims claiming insisted insists insisting insist stated
    stating warned warns warning cautioned predicted predicts predicting recalled recalls
    recalling reiterated reiterates repeated conceded concedes conceding asserted asserts asserting
    contended contends remarked remarking observed replied replies responded responds answered
    confirmed confirms confirming revealed reveals disclosed indicated indicates hinted hints
    admitted admits admitting stressed stressing emphasized emphasised emphasizing emphasising
    joked jokes complained complains lamented laments bemoaned speculated wondered mused opined
    boasted boasts bragged vowed vows vowing pledged pledges pledging promised promises promising
    estimated estimates estimate reported reports reporting concluded concludes
    posted retweeted emailed shouted yelled chanted interjected quipped elaborated clarified
    alleged alleges alleging countered continued agreed agrees admitted
    reckons reckoned feared fears hoped hopes hoping worried worries doubted doubts announces
    acknowledge confirm deny explain reads commented
    found finds show shows showed suggest indicate reveal announce declare predict emphasize mention
    mentions remembered recounted forecast warn conclude proclaimed implied implying signaled
    signalled pleaded yells yelling shouts shouting screamed screams sang sings singing chanting
    answering bemoaning boasting bragging cautioning commenting complaining concluding contending
    countering disclosing doubting elaborating emailing estimating fearing hinting indicating
    interjecting joking lamenting musing observing opining pleading proclaiming quipping reckoning
    recounting reiterating remembering responding retweeting revealing screaming signaling
    signalling speculating wondering
    confessed confesses confess confessing maintained maintains maintaining"""
)

# Verbs taking an addressee before the reported clause ("X told reporters (that) ...").
TELL_VERBS = _words(
    """told tells telling assured assures reminded reminds reminding informed informs urged urges
    urging asked asks asking warned briefed assuring informing urge advised advises advising"""
)

# Verbs whose complement is a noun phrase or an accusation ("X accused Y of ...", "X denied ...").
ACT_VERBS = _words(
    """accused accuses accusing blamed blames blaming criticized criticised criticizes criticizing
    criticising praised praises praising denied denies denying rejected rejects rejecting dismissed
    dismisses dismissing denounced denounces denouncing condemned condemns condemning defended
    defends defending endorsed endorses endorsing described describes describing blasted blasts
    blasting slammed slams slamming attacked mocked mocking decried decrying derided lambasted
    assailed rebuked chided questioned questioning cited cites citing touted touts touting hailed
    welcomed thanked thanking credited demanded called calling calls likened compared dubbed
    labeled labelled branded referred referring referencing mentioned mentioning highlighted
    proposed recommended predicted
    expected declined expressed pointed supported offered sought seeks refused refuses opposed
    discuss discussed talked issued pushed backed ordered echoed listed challenged voiced sounded
    railed portrayed referenced sided invoked balked lashed distanced detailing rebuffed advocated
    outlined praise criticize express seemed seems appeared appears quoted applauded championed
    congratulated unveiled knocked weighed wants want wanted plans support supports oppose
    opposes endorse endorses talked talking talks spoke speaks focused focuses voted
    pointing charged sees learned identified nominated deemed requested discussing expecting
    encouraged pressed refusing threatened convinced projected highlighting repeating presented
    proposing portray ruled named
    supporting seeking considered backing decided respond expect pushing offering blame
    prefer prefers preferred describe embraced approved promote offer fear agree promise
    remember planning intended
    advocating applauding approving assailing attacking balking branding challenging championing
    charging chiding comparing congratulating convincing crediting deciding declining deeming
    demanding deriding distancing dubbing echoing embracing encouraging expressing focusing hailing
    intending invoking issuing knocking labeling labelling lambasting likening naming nominating
    opposing outlining portraying preferring presenting projecting quoting railing rebuffing
    rebuking recommending requesting threatening unveiling voicing wanting welcoming"""
)

# Verbs taking an object and an "as"-complement or small clause that often holds a quoted
# characterisation ("X refers to it as "...", "X characterized the bill as "..."", "X dubs it "...""),
# added by hand to the learned forms above.
AS_VERBS = _words(
    """refers refer characterized characterizes characterizing characterize termed hails dubs call"""
)
ACT_VERBS = ACT_VERBS | AS_VERBS

# The hand-made lists above, before the learned forms are added (what the learner starts from).
HAND_SAY_VERBS, HAND_ACT_VERBS = SAY_VERBS, ACT_VERBS


def _learned_cues(path: Path) -> tuple[frozenset[str], frozenset[str], dict[str, float]]:
    """The (say, act) verb forms in ``learned_cues.tsv`` (form, role, train tp, train n) and
    each form's smoothed train precision."""
    say: set[str] = set()
    act: set[str] = set()
    rate: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, role, tp, n = line.split("\t")[:4]
            (say if role == "say" else act).add(form)
            # Smoothed as in the learner: two right of two is 0.83, not 1.0.
            rate[form] = round((int(tp) + 0.5) / (int(n) + 1), 2)
    return frozenset(say), frozenset(act), rate


# Unlisted verbs the rules extract well with, learned from PolNeAR train by
# training/learn_cue_roles.py ("released", "published", "demurred"): each form's role is the one
# where its train precision was higher, kept at 0.37 or more, F1's break-even (see the script). They are
# PolNeAR-style stance cues ("X signed the bill" is one there), so their quotes carry their train
# precision into the confidence (see CUE_RATE) and can be filtered on it.
LEARNED_SAY_VERBS, LEARNED_ACT_VERBS, LEARNED_RATE = _learned_cues(Path(__file__).with_name("learned_cues.tsv"))
SAY_VERBS = SAY_VERBS | LEARNED_SAY_VERBS
ACT_VERBS = (ACT_VERBS | LEARNED_ACT_VERBS) - SAY_VERBS

# Belief verbs with a reported clause ("Economists believe this provides an incentive", "He
# thinks that reducing the deficit is more important"): PolNeAR attributes the clause to the
# believer, a stance, not words (``kinds`` makes them ``stance``). Cues of a clause only, never
# of a quotation beside them ('"The bridge stays shut," Lopez believed'; see ``CueLexicon``).
BELIEF_VERBS = _words(
    """believe believes believed think thinks thought feel feels felt know knows doubt doubts suspect
    suspects suspected"""
)
SAY_VERBS = SAY_VERBS | BELIEF_VERBS

CUE_VERBS = SAY_VERBS | TELL_VERBS | ACT_VERBS

# Verbs that report a stance only with their preposition ("spoke about X", "apologized for X",
# "pointed to X"): cues when the preposition follows, never alone ("she spoke", "he pointed").
# Gathered by hand from the verb + preposition cues PolNeAR train marks that the lists above lack.
PHRASAL_CUES: dict[str, frozenset[str]] = {
    form: frozenset(preps.split())
    for forms, preps in (
        ("spoke speak speaks speaking spoken", "about of against"),
        ("apologized apologised apologizes apologises apologizing apologising apologize", "for"),
        ("boasted boasting boast boasts bragged bragging brag brags", "of about"),
        ("alluded alluding allude alludes", "to"),
        ("point points pointed pointing", "to"),
        ("complained complaining complain complains", "about of"),
        ("warned warning warn warns", "of about against"),
        ("campaigned campaigning campaign campaigns", "on against for"),
        ("argued arguing argue argues", "for against"),
        ("lobbied lobbying lobby lobbies", "for against"),
        ("advocated advocating advocate advocates", "for"),
        ("joked joking joke jokes", "about"),
        ("bragged", "about"),
        ("testified testifying testify testifies", "about on"),
        ("vouched vouching vouch vouches", "for"),
        ("hinted hinting hint hints", "at"),
        ("objected objecting object objects", "to"),
        ("insisted insisting insist insists", "on"),
        ("commented commenting comment comments", "on about"),
        ("reflected reflecting reflect reflects", "on"),
        ("cautioned cautioning caution cautions", "against about"),
        ("pleaded pleading plead pleads", "for with"),
    )
    for form in forms.split()
}

# Nouns that report speech when a possessor and a that-clause go with them ("X's claim that").
CLAIM_NOUNS = _words(
    """claim claims assertion assertions statement statements suggestion argument allegation
    allegations accusation accusations warning promise pledge insistence contention announcement
    remark remarks comment comments charge prediction admission acknowledgment acknowledgement
    declaration boast vow criticism criticisms attack attacks support opposition concerns concern
    endorsement call calls push proposal proposals praise view views position stance doubts
    skepticism characterization description assessment reference references mention decision
    complaints complaint rejection embrace demand demands questions defense defence response"""
)

# What makes a quote record ``speech`` rather than ``stance`` (``kinds.quote_kind``). Written by
# hand: a user opening ``quotes`` wants what people said or wrote, while the cue lists above (and
# the PolNeAR-learned forms) also hold stances and actions ("supports", "signed", "released").
# Cue words that report an utterance or a written statement whatever their complement: saying,
# telling, writing, asking, answering, and the verbal acts of accusing, praising, urging.
SPEECH_CUES = _words(
    """said says say saying tell told tells telling tweeted
    tweets tweet tweeting according added adds add adding noted notes noting explained explains
    explaining stated declared declares claimed claims claiming argued argues argue arguing insisted
    insists insisting warned warns warning cautioned acknowledged acknowledges acknowledging admitted
    admits conceded concedes asserted asserts contended contends remarked replied replies responded
    responds answered stressed stressing emphasized emphasised emphasizing emphasising joked jokes
    joking quipped complained complains lamented shouted yelled chanted screamed interjected
    elaborated clarified recalled recalls recounted reiterated reiterates repeated vowed vows
    vowing pledged pledges promise promised promises predicted assured assures reminded reminds
    quoted voiced retorted predicts commented comment comments
    mentioned mentions emailed texted asked asks asking urged urges urging urge advised advises
    advising pleaded accused accuses
    accusing alleged alleges alleging criticized criticised criticizes criticizing praised praises
    praising condemned condemns denounced denounces decried blasted slammed lambasted thanked
    called calls calling call described describes describing dubbed labeled labelled branded
    characterized termed boasted bragged confessed confesses confess confessing
    statement statements remark remarks comment interview announcement allegation allegations
    accusation accusations warning testimony speech tweet letter email"""
)
# Cue words that report an utterance when they introduce a reported clause ("X denied that ...",
# ", X announced."), and an act or a finding otherwise ("denied a request", "announced a policy",
# "reported a profit", "wrote her first cookbook", "expressed concern about the debt" (an
# attitude named, not words), "maintained the road"): speech only with the clause rules
# (``kinds.CLAUSE_RULES``) or a content that opens a clause.
CLAUSE_SPEECH_CUES = _words(
    """denied denies denying confirmed confirms confirming announced announces announcing announce
    reported reports revealed reveals disclosed suggested suggests suggesting indicated indicates
    continued hinted observed posted wondered speculated estimated conceded countered wrote writes
    write writing written testified testifies
    expressed expresses maintained maintains maintaining"""
)

# Train cue rates of the most frequent cue forms (share of occurrences that are gold cues).
CUE_RATE: dict[str, float] = {
    "said": 0.92,
    "says": 0.86,
    "told": 0.84,
    "according": 0.93,
    "say": 0.5,
    "wrote": 0.89,
    "asked": 0.75,
    "called": 0.6,
    "saying": 0.67,
    "added": 0.83,
    "reported": 0.74,
    "noted": 0.97,
    "announced": 0.82,
    "suggested": 0.87,
    "calling": 0.67,
    "argued": 0.89,
    "tweeted": 0.87,
    "continued": 0.58,
    "endorsed": 0.71,
    "described": 0.82,
    "accused": 0.74,
    "calls": 0.48,
    "adding": 0.72,
    "responded": 0.67,
    "declared": 0.73,
    "telling": 0.51,
    "explained": 0.84,
    "acknowledged": 0.84,
    "agreed": 0.62,
    "claimed": 0.85,
    "warned": 0.89,
    "cited": 0.84,
    "defended": 0.92,
    "noting": 0.95,
    "vowed": 0.95,
    "stated": 0.81,
    "praised": 0.87,
    "promised": 0.79,
    "recalled": 0.92,
    "tells": 0.74,
    "hopes": 0.55,
    "insisted": 0.86,
    "rejected": 0.83,
    "citing": 0.91,
    "denied": 0.63,
    "confirmed": 0.61,
    "posted": 0.52,
    "mentioned": 0.62,
    "proposed": 0.47,
    "estimates": 0.41,
    "estimated": 0.36,
    "thinks": 0.39,
    "believes": 0.31,
    "reports": 0.5,
    "hoped": 0.52,
    "fears": 0.4,
    "worried": 0.45,
}

# The learned forms' train precision as their cue rate (hand-measured rates win).
HAND_CUE_RATE = dict(CUE_RATE)
CUE_RATE.update({w: r for w, r in LEARNED_RATE.items() if w not in CUE_RATE})

# Words after a cue that still belong to the cue ("said in a statement", "told reporters").
CUE_NOUNS = _words(
    """statement interview email e-mail tweet post message speech letter release remarks report
    press conference briefing call video op-ed editorial column memo note filing testimony rally
    appearance news radio television broadcast podcast blog facebook twitter instagram"""
)

# Personal pronouns that can be a speaker mention, with the gender they carry.
PRONOUN_GENDER: dict[str, str] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "p",
    "them": "p",
    "we": "p",
    "i": "s",
    "you": "s",
    "it": "n",
}
PRONOUNS = frozenset(PRONOUN_GENDER)
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it"})

# Words that may sit between a speaker and its cue ("he also said", "Smith has repeatedly said").
CUE_MODIFIERS = _words(
    """also has have had later then would will could might may once again previously repeatedly
    publicly privately recently reportedly further flatly simply only just even still already
    never not did does do is was were are be been being first last often frequently quickly
    immediately angrily bluntly loudly openly explicitly pointedly frankly candidly calmly
    initially originally subsequently separately similarly essentially effectively basically
    n't long consistently often always now since both all each himself herself themselves itself
    however"""
)

# Words that end a backward walk for a subject noun phrase (clause connectives, prepositions).
NP_STOP = _words(
    """that which who whom whose and but or because when while as if after before since though
    although so than where whether said says say told tells to in on at by from with about into
    over under during against between through without within is was were are be been has have
    had not do does did will would can could should may might must also then there here this
    these those it its it's what how why"""
)
# Determiners that open a noun phrase (included in a speaker mention: "a source", "the agency").
DETERMINERS = _words("""a an the his her their its our my your some many several other another
    two three four both most few one""")

# Titles and roles kept apart from a name as descriptors ("Turkish President Recep Tayyip Erdogan").
TITLES = _words(
    """president vice prime minister secretary senator sen. sen rep. rep representative governor
    gov. gov mayor chancellor king queen prince princess pope general gen. gen colonel col.
    captain capt. lieutenant lt. sergeant sgt. admiral adm. judge justice chairman chairwoman
    chair ceo director spokesman spokeswoman spokesperson ambassador commissioner chief leader
    speaker leader candidate nominee dr. dr mr. mr mrs. mrs ms. ms miss professor prof. rev.
    reverend sheriff attorney counsel adviser advisor aide activist journalist reporter analyst
    officer official minister deputy former acting retired state foreign defense defence interior
    finance house senate democratic republican gop democrat national federal presidential
    campaign manager chairman founder executive economist strategist pollster lawyer sens sens. press
    economist scholar historian
    reps reps. rev del. del lt. gov sec. secretary-general
    councilman councilwoman councillor councilor alderman superintendent inspector detective
    constable commander coach"""
)

# Head words of capitalised runs that name things or places, not people ("the Cold War").
NOT_PERSON_WORDS = _words(
    """war act survey grants states americans jersey york city county street avenue park island
    islands river day week month year law bill plan prize award school center centre hall times
    street square mountain valley beach coast sea ocean lake road bridge airport station church
    mosque hotel tower building stadium arena museum library hospital prison airlines airways
    fund index program programme project summit conference convention debate forum festival
    championship cup league games olympics series show tv radio magazine newspaper book report
    amendment constitution treaty accord agreement deal era revolution crisis republic kingdom
    union empire province state region district valley north south east west northern southern
    eastern western america europe asia africa china russia iran iraq syria mexico canada"""
)

# Words that make a capitalised noun phrase an organisation ("the UN", "the White House").
ORG_WORDS = _words(
    """un nato eu who fbi cia nsa pentagon kremlin white house department ministry agency
    government administration committee commission council party campaign office bureau
    police army military court congress senate parliament union association institute
    foundation university college company corp corporation inc ltd group network news times
    post journal press reuters ap afp cnn bbc fox nbc abc cbs msnbc politico breitbart
    anadolu tass xinhua league organization organisation authority authorities service
    board bank fund center centre coalition alliance movement agency federation
    energy resources holdings systems technologies airlines motors capital partners industries
    pharmaceuticals media communications telecom hydro power mining foods brands entertainment
    studios solutions insurance financial investments realty transit railway utilities"""
)

# Common nouns that can head an unnamed speaker ("officials said", "a spokesman for X").
SPEAKER_NOUNS = _words(
    """source sources official officials spokesman spokeswoman spokesperson aide aides adviser
    advisers advisor advisors analyst analysts expert experts critic critics supporter supporters
    activist activists witness witnesses resident residents lawyer lawyers attorney attorneys
    police officer officers investigators prosecutors authorities leader leaders lawmaker
    lawmakers republicans democrats voters people observers report reports poll polls survey
    study statement group groups campaign administration government ministry agency
    organization organisation committee president minister senator governor mayor judge
    spokesmen representative representatives members member insiders allies friends percent
    polling data documents filings records results figures numbers
    team camp office staff family company firm department party council board panel commission
    network newspaper paper magazine website union court foundation coalition association
    institute center centre university hospital spokespeople"""
)

# Tokens: words (with inner apostrophes, hyphens, periods of initials) or single punctuation.
# A letter, or a mojibake pair standing for one (UTF-8 read as Latin-1: "FranÃ§ois" is "François"),
# so a mis-decoded name stays one word ("\u00a7" alone is punctuation).
_LETTER = r"(?:[\u00c2\u00c3][\u0080-\u00bf]|[A-Za-z0-9\u00c0-\u024f])"
# "--" is one token: typewriter copy writes a dash as two hyphens ("John Dickey -- the chief -- said").
# Zero-width characters (a web page's "Traeger\u200b said") are no tokens: they are invisible,
# and as tokens they would part a subject from its cue.
TOKEN = re.compile(rf"{_LETTER}+(?:[.'\u2019\-]{_LETTER}+)*|--|[^\s\u200b\u200c\u200d\u2060\ufeff]")
# Quotation marks the quote stage pairs.
OPEN_DOUBLE = frozenset("\u201c\u00ab")
CLOSE_DOUBLE = frozenset("\u201d\u00bb")
OPEN_SINGLE = frozenset("\u2018")
CLOSE_SINGLE = frozenset("\u2019")
QUOTE_CHARS = re.compile("[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]")


def _trie_pattern(words: frozenset[str]) -> str:
    """A regex alternation factored by common prefixes (fast: no backtracking over 400 words)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return walk(trie)


# Any cue word (a cheap pre-filter: clauses without one and without quotes are skipped).
_ALWAYS_SEARCHED = frozenset({"according", "clear"}) | frozenset(PHRASAL_CUES)


def _cue_search(words: frozenset[str]) -> re.Pattern[str]:
    """A whole-word, case-insensitive search for any of ``words`` and the always-searched cues."""
    return re.compile(
        r"(?<![A-Za-z])(?:" + _trie_pattern(words | _ALWAYS_SEARCHED) + r")(?![A-Za-z])", re.IGNORECASE
    )


CUE_SEARCH = _cue_search(CUE_VERBS | CLAIM_NOUNS)


def inflections(word: str) -> frozenset[str]:
    """A verb's regular forms (``opine`` -> opine, opines, opined, opining), or the word alone.

    Why: users list cue verbs as they think of them, usually the base form, while the rules match
    word forms. Irregular forms ("spoke", "wrote") must be listed as they are; an extra spurious
    form ("speaked") costs nothing because it never occurs. Words that already look inflected
    (``-ed``, ``-ing``, ``-s`` after a consonant other than s) are kept as given, plus nothing else.
    """
    w = word.strip().lower()
    if not w or not w.isalpha():
        return frozenset({w}) if w else frozenset()
    if w.endswith(("ed", "ing")) or (w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return frozenset({w})
    if w.endswith("e"):
        stem = w[:-1]
        return frozenset({w, w + "s", w + "d", stem + "ing"})
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return frozenset({w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"})
    forms = {w, w + ("es" if w.endswith(("s", "sh", "ch", "x", "z")) else "s")}
    forms |= {w + "ed", w + "ing"}
    # One-syllable consonant-vowel-consonant verbs double the last letter ("quip" -> "quipped").
    if re.fullmatch(r"(?:qu|[^aeiou])*[aeiou][^aeiouwxy]", w):
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return frozenset(forms)


@dataclass(frozen=True)
class CueLexicon:
    """The reporting cues the quote rules use, grouped by the complement they take.

    ``say``: "X said (that) ...", "..., X said"; ``tell``: an addressee first ("X told reporters
    ..."); ``act``: a noun-phrase or accusation complement ("X accused Y of ..."); ``claim_nouns``:
    "X's claim that ...". The default is built from the learned lexicons above; ``extended`` adds a
    user's words (config ``cue_verbs``/``cue_nouns``) and removes ``not_cues``. Picklable, so
    process and Dask workers get the same lexicon as the flow.
    """

    say: frozenset[str] = SAY_VERBS
    tell: frozenset[str] = TELL_VERBS
    act: frozenset[str] = ACT_VERBS
    claim_nouns: frozenset[str] = CLAIM_NOUNS
    #: Forms from ``learned_cues.tsv``: cues of reported clauses and objects only, never of a
    #: quotation beside them (the direct-quote rules skip them).
    learned: frozenset[str] = LEARNED_SAY_VERBS | LEARNED_ACT_VERBS
    verbs: frozenset[str] = field(init=False)
    #: The verbs that may attribute a quotation beside them (all but the learned forms).
    listed: frozenset[str] = field(init=False, repr=False, compare=False)
    #: The speech verbs among them ("said", "told"): postposed and inverted direct quotes.
    speech: frozenset[str] = field(init=False, repr=False, compare=False)
    search: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        verbs = self.say | self.tell | self.act
        object.__setattr__(self, "verbs", verbs)
        # Derived once here: the quote rules ask per quotation mark.
        # Belief verbs attribute clauses, never a quotation beside them ('"Stay," Lopez believed').
        object.__setattr__(self, "listed", verbs - self.learned - BELIEF_VERBS)
        object.__setattr__(self, "speech", (self.say | self.tell) - self.learned - BELIEF_VERBS)
        if verbs == CUE_VERBS and self.claim_nouns == CLAIM_NOUNS:
            search = CUE_SEARCH  # the default: compiled once at import
        else:
            search = _cue_search(verbs | self.claim_nouns)
        object.__setattr__(self, "search", search)

    def extended(
        self,
        *,
        say: Iterable[str] = (),
        tell: Iterable[str] = (),
        act: Iterable[str] = (),
        claim_nouns: Iterable[str] = (),
        remove: Iterable[str] = (),
    ) -> CueLexicon:
        """A copy with extra verbs (regular forms added, see ``inflections``), nouns and removals."""
        gone = frozenset().union(*(inflections(w) for w in remove))

        def more(base: frozenset[str], words: Iterable[str], *, verbs: bool = True) -> frozenset[str]:
            extra: frozenset[str] = frozenset().union(
                *((inflections(w) if verbs else frozenset({w.strip().lower()})) for w in words)
            )
            return (base | extra) - gone

        added = more(frozenset(), [*say, *tell, *act])
        return CueLexicon(
            say=more(self.say, say),
            tell=more(self.tell, tell),
            act=more(self.act, act),
            claim_nouns=more(self.claim_nouns, claim_nouns, verbs=False),
            learned=self.learned - added - gone,  # a word the user names is a full cue
        )

    def fingerprint(self) -> str:
        """Empty for the default lexicon, else a short hash of the words (part of the pipeline version)."""
        if self == DEFAULT_CUES:
            return ""
        blob = "|".join(",".join(sorted(s)) for s in (self.say, self.tell, self.act, self.claim_nouns, self.learned))
        return hashlib.sha256(blob.encode()).hexdigest()[:10]


DEFAULT_CUES = CueLexicon()
# The hand-made lexicon alone: the starting point of training/learn_cue_roles.py.
HAND_CUES = CueLexicon(say=HAND_SAY_VERBS, act=HAND_ACT_VERBS, learned=frozenset())

# Common first names with their usual gender: pronoun agreement ("she" never resolves to a
# "Don Fowler") and a person cue for two-word capitalised runs.
FEMALE_NAMES = _words(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
    hilary chelsea melania ivanka kellyanne huma loretta nikki nancy elaine condoleezza sonia
    ruth elena jill tulsi kamala theresa angela marine christine federica hope sheryl
    valerie susana debbie katie kate claire jeanne minyon vanita liz margarita rakeyia jo-renee
    connie betty terry lily malkia keyia melanie jo leslie jane"""
)
MALE_NAMES = _words(
    """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny barack bill bernie mitt mike ted marco
    jeb chris rand ben newt rudy reince sean mitch harry al joe tim rick jim jon lindsey
    vladimir xi recep bashar francois emmanuel boris benjamin shinzo rodrigo justin enrique
    hassan ali mohammed muhammad ahmed omar abdul kerr jimmy lester norman robby pat ed
    howard don steve ban maury adam trey stephen tom len leonard fred chad luis bilal salah
    reuben cornell elijah derek jorge carlos"""
)

# Finite verbs and auxiliaries: a reported clause holds one ("that the system is rigged").
FINITE_VERBS = frozenset(
    """is are was were has have had will would can could should must may might did does do
    isn't aren't wasn't weren't won't wouldn't can't couldn't didn't doesn't don't
    isn’t aren’t wasn’t weren’t won’t wouldn’t can’t couldn’t didn’t doesn’t don’t
    he's she's it's they're we're he’s she’s it’s they’re we’re""".split()
)
