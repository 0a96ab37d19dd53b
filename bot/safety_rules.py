"""Curated patterns that spot self-harm, abuse and violence in a student's message.

This module has no Rasa import: :func:`classify` takes plain text and returns a :class:`SafetyHit`
(the category and the id of the rule that matched) or ``None``. The Rasa component
``bot.nlu.safety.SafetyRuleClassifier`` is a thin wrapper around it, so every message is checked
by these rules whatever the intent classifier predicts.

How a message is checked:

1. :func:`normalize` lower-cases it, drops apostrophes ("don't" -> "dont", "I'm" -> "im"), turns
   punctuation into spaces and spells out a few spoken forms ("wanna" -> "want to").
2. Idioms that only *sound* dangerous are blanked out: "dying to be a vet", "killer resume",
   "kill it at the interview", "my feet are killing me", "shoot me an email", "nail gun"...
3. **Strong** rules (first-person statements, reports about a person hurting the student, threats)
   are tried first; they fire even when the message also talks about careers, because "I want to
   kill myself, what does a nurse make" is a crisis first.
4. **Keyword** rules ("suicide", "abuse", "school shooting") fire only when the message has no
   occupational context ("suicide prevention hotline worker", "child abuse investigator",
   "domestic violence advocate" are careers, not disclosures).

Nothing here logs or stores the text; a hit only names its category and rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The categories a hit can have.
SELF_HARM = "self_harm"
ABUSE = "abuse"
VIOLENCE = "violence"
CATEGORIES = (SELF_HARM, ABUSE, VIOLENCE)


@dataclass(frozen=True)
class SafetyHit:
    """A message matched a safety rule: which category, and which rule (never the text)."""

    category: str
    rule: str
    strong: bool


@dataclass(frozen=True)
class _Rule:
    category: str
    rule: str
    pattern: re.Pattern[str]
    strong: bool


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc'`´]")
_NON_WORD = re.compile(r"[^a-z0-9\s]+")
_SPACES = re.compile(r"\s+")

# Spoken / texting forms, applied on word boundaries after punctuation is gone.
_SPOKEN = [
    (r"\bwanna\b", "want to"),
    (r"\bgonna\b", "going to"),
    (r"\bgotta\b", "got to"),
    (r"\bwant ta\b", "want to"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\br\b", "are"),
    (r"\bppl\b", "people"),
    (r"\bsum1\b", "someone"),
    (r"\bsome1\b", "someone"),
    (r"\bno1\b", "no one"),
    (r"\bnoone\b", "no one"),
    (r"\bnobody\b", "no one"),
    (r"\bcuz\b", "because"),
    (r"\bstep (dad|mom|father|mother|brother|sister|parent)\b", r"step\1"),
    (r"\bself harm(ing)?\b", r"selfharm\1"),
    (r"\bsewer slide\b", "sewerslide"),
    (r"\bun alive\b", "unalive"),
]
_SPOKEN_RE = [(re.compile(p), r) for p, r in _SPOKEN]


def normalize(text: str) -> str:
    """Lower-case ``text``, drop apostrophes, replace punctuation with spaces, expand slang."""
    t = _APOSTROPHES.sub("", (text or "").lower())
    t = t.replace("-", " ")
    t = _NON_WORD.sub(" ", t)
    t = _SPACES.sub(" ", t).strip()
    for pattern, repl in _SPOKEN_RE:
        t = pattern.sub(repl, t)
    return _SPACES.sub(" ", t).strip()


# --------------------------------------------------------------------------------------------
# Idioms that are blanked out before any rule runs
# --------------------------------------------------------------------------------------------

_IDIOMS = [
    # "I'm dying to be a vet", "dying for a summer job", "I'd die for that internship"
    r"\b(dying|die|died) (to|for)\b(?! (real|reals|sure|good|now|today|tonight))",
    r"\b(die|dying|died) (of|from) (boredom|laughter|laughing|embarrassment|cringe|curiosity)\b",
    r"\b(im|i am) dead\b(?! serious)",  # "lol im dead" (laughing)
    # "killer resume", "this job sounds killer", "a killer app"
    r"\bkiller\b(?! (is|was|will|wants|said|told|came|has|had))",
    # "kill it at the interview", "killing it", "killed it", "crush it"
    r"\b(kill|kills|killing|killed) (it|this|that|the (interview|test|exam|game|presentation|audition))\b",
    # "my feet are killing me", "this homework is killing me", "the suspense is killing me"
    r"\b(is|are|was|were|its|it s) (literally |totally |so )?killing me\b",
    r"\b(homework|school|class|test|exam|final|math|chemistry|algebra|work|job|schedule|commute)\b"
    r"[a-z ]{0,20}\b(kill|murder)(s|ing|ed)? me\b",
    # "take a stab at the cover letter"
    r"\btake a stab at\b",
    r"\bmurder (mystery|mysteries|podcast|podcasts|documentary|documentaries)\b",
    # "shoot me an email", "photo shoot", "shoot hoops", "shooting guard", "shoot for the stars"
    r"\bshoot (me )?(an? )?(email|text|message|dm|note|line)\b",
    r"\b(photo|video|film|movie|fashion) (shoot|shoots|shooting)\b",
    r"\bshoot(ing)? (hoops|baskets|a film|a video|a movie|photos|pictures|for the (stars|moon))\b",
    r"\bshooting (guard|star|stars|range instructor)\b",
    # tools and trades: "nail gun", "glue gun", "spray gun", "gunsmith"
    r"\b(nail|glue|staple|spray|paint|heat|caulk|caulking|grease|radar|water|nerf) guns?\b",
    r"\bgunsmith(s|ing)?\b",
    r"\b(blow|blew|blown) (up )?(my|your|his|her|their) (phone|mind|notifications)\b",
    r"\bblow (their|the|your) minds?\b",
    r"\b(knock|knocked) (it|them) (out of the park|dead)\b",
    r"\b(a |the )?bomb (resume|interview|job|party|pizza)\b",
    r"\b(that|this|it) (was|is) (the )?bomb\b",
]
_IDIOMS_RE = [re.compile(p) for p in _IDIOMS]

# Occupational / study context: keyword rules are silenced when a message has one of these.
_OCCUPATIONAL = re.compile(
    r"\b("
    r"careers?|jobs?|occupations?|professions?|professionals?|salary|salaries|wages?|pay|paid|earn|earns|"
    r"make|makes|hiring|hire|internships?|apprenticeships?|degrees?|majors?|majoring|courses?|classes|"
    r"class|study|studying|studies|college|university|certification|certificate|training|program|"
    r"programs|become|becoming|work as|working as|work in|working in|works|"
    r"counselors?|counsellors?|workers?|investigators?|advocates?|specialists?|therapists?|"
    r"officers?|detectives?|agents?|nurses?|doctors?|psychologists?|psychiatrists?|social work|"
    r"prevention|awareness|research|researchers?|scientists?|science|forensics?|criminology|"
    r"criminal justice|law enforcement|journalis[mt]s?|reporters?|historians?|history|"
    r"essay|report|project|presentation|book|novel|movie|film|documentary|podcast|game|video game"
    r")\b"
)


def _blank_idioms(text: str) -> str:
    for pattern in _IDIOMS_RE:
        text = pattern.sub(" ~ ", text)
    return text


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_I = (
    r"(i|im|i am|ive|i have|ive been|i have been|i keep|i kinda|i kind of|i really|i just|i sometimes|"
    r"i honestly|i think i|i feel like i|i feel like|sometimes i|honestly i|i might)"
)
_WANT = (
    r"(want|wants|wanted|wanting|need|going|plan|planning|planned|thinking about|think about|"
    r"thought about|thinking of|gonna|about|ready|trying|tried|try|decided|deserve)"
)
_PEOPLE = (
    r"(dad|father|mom|mother|mum|stepdad|stepmom|stepfather|stepmother|stepbrother|stepsister|"
    r"parents?|brother|sister|uncle|aunt|auntie|cousin|grandpa|grandfather|grandma|grandmother|"
    r"boyfriend|girlfriend|bf|gf|ex|coach|teacher|tutor|babysitter|foster (mom|dad|parent|parents)|"
    r"guardian|neighbou?r|boss|manager|family|moms boyfriend|dads girlfriend|someone|somebody|"
    r"some guy|a guy|a man|an adult|a grown up|he|she|they|people|kids|students|classmates)"
)
_HURT_VERB = (
    r"(hits|hit|hitting|beats|beat|beating|punches|punched|punching|slaps|slapped|slapping|kicks|"
    r"kicked|kicking|chokes|choked|choking|strangles|strangled|burns|burned|burnt|hurts|hurt|"
    r"hurting|abuses|abused|abusing|touches|touched|touching|molests|molested|molesting|rapes|raped|"
    r"raping|assaults|assaulted|threatens|threatened|threatening|whips|whipped|shoves|shoved|"
    r"starves|starved|bullies|"
    r"bullied|bullying|harasses|harassed|harassing|stalks|stalked|stalking)"
)
_VICTIM_TARGET = (
    r"(him|her|them|someone|somebody|everyone|everybody|people|my (dad|mom|father|mother|stepdad|"
    r"stepmom|brother|sister|teacher|coach|classmates?|friends?|ex|boss|family|parents)|"
    r"that (guy|girl|kid|teacher|boy)|this (guy|girl|kid|teacher|boy)|the (teacher|principal|kids|"
    r"bullies|bully)|a teacher|all of them|those (kids|people|guys))"
)
_WEAPON = r"(gun|guns|rifle|pistol|knife|knives|weapon|weapons|bomb|explosives?|ar 15|ar15|glock)"
_SCHOOL = r"(school|class|campus|the bus|my school|our school|the school|homeroom|prom|the game)"

_NOT = r"(?!dont |do not |never |wouldnt |would never |didnt |did not |dont want )"

_STRONG = [
    # ---- self-harm / suicide ---------------------------------------------------------------
    (
        SELF_HARM,
        "kill_myself",
        r"\b(kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|"
        r"hang|hanging|shoot|shooting|drown|drowning|starve|starving|poison|poisoning|unalive|unaliving|off)"
        r" (my ?self|myself)\b(?! (shaving|cooking|by accident|accidentally|on (a|the|my)|in the kitchen|"
        r"at work))",
    ),
    (SELF_HARM, "kms", r"(?<![0-9] )\b(kms|ctb)\b"),
    (SELF_HARM, "unalive", r"\b(unalive|sewerslide)\b"),
    (
        SELF_HARM,
        "want_to_die",
        rf"\b{_I} {_NOT}(\w+ )?{_WANT} to (die(?! (if|when|of|from|laughing|alone|old|happy|rich|someday|one day|"
        r"before))|be dead|not (be alive|exist|live|wake up|be here)|"
        r"stop (living|existing|being alive)|end it all|end it(?! with| here| early| now)|end everything|"
        r"end my life|disappear forever|take my (own )?life|sleep (forever|and never wake up))\b",
    ),
    (SELF_HARM, "end_my_life", r"\b(end|ending|take|taking) (my|my own) life\b"),
    (
        SELF_HARM,
        "suicidal_self",
        rf"\b{_I} {_NOT}(\w+ )?(feel |feeling |am |been |was |get |getting )?"
        r"(suicidal|like (dying|killing myself|ending it|ending my life))\b",
    ),
    (
        SELF_HARM,
        "commit_suicide",
        r"\b(commit|committing|committed|attempt|attempted|attempting|tried|"
        r"try|trying|considering|considered|contemplating|planning|plan) (to commit )?suicide\b|"
        rf"\b{_I} (\w+ )?(thinking|thought|think|thinkin|keep thinking) (about|of) (suicide|ending it|"
        r"killing myself|dying|death|ending (it|things|everything|my life)|not waking up)\b",
    ),
    (
        SELF_HARM,
        "something_to_myself",
        r"\b(do|doing|did) something (bad |stupid |dangerous )?to "
        r"(myself|my self)\b",
    ),
    (
        SELF_HARM,
        "wish_dead",
        r"\bi (wish|wished) (i (was|were) (dead|gone|not alive|never born)|"
        r"i (could|would|can) (just )?(die|disappear)|i (had|hadnt) never been born|i wasnt (alive|born|here)|"
        r"to die)\b|\bwish i (was|were) never born\b",
    ),
    (
        SELF_HARM,
        "nobody_would_miss",
        r"\bno one (would|will|is going to|gonna|even|really|ever|would even|will even) (\w+ )?"
        r"(miss|care|notice|cry|care about) (me|if i (died|was gone|were gone|disappeared|was dead|killed|"
        r"left|wasnt here))\b",
    ),
    (
        SELF_HARM,
        "nobody_cares_if_die",
        r"\bno one (\w+ ){0,3}if i (died|was dead|were dead|"
        r"killed myself|was gone|disappeared)\b",
    ),
    (
        SELF_HARM,
        "better_off_without",
        r"\b(everyone|everybody|people|my (family|friends|parents|mom|dad)|the world|they|you all|"
        r"yall)( all)? (would|will|d) be (better|happier) (off )?(without me|if i (was|were) (gone|dead)|"
        r"if i (died|wasnt here|werent here|disappeared)|when im gone)\b",
    ),
    (
        SELF_HARM,
        "better_off_dead",
        r"\b(better off dead|rather be dead|would rather die|id rather die)\b"
        r"(?! than)",
    ),
    (
        SELF_HARM,
        "no_reason_to_live",
        r"\b(no|nothing|no one) (reason |point |left )?(to|worth) "
        r"(live|living|live for|be alive|stay alive|go on)\b(?! with)|\bno (reason|point) (to|in) (live|"
        r"living|being alive|going on|staying alive)\b|\bwhats the point (of|in) (living|life|being alive|"
        r"going on)\b|\blife (isnt|is not|aint) worth (living|it)\b",
    ),
    (
        SELF_HARM,
        "dont_want_to_live",
        r"\b(dont|do not|no longer|dont even) (want|wish) to "
        r"(live|be alive|exist|be here anymore|wake up|go on)\b(?! (in|with|at|near|on|far|there|alone))",
    ),
    (
        SELF_HARM,
        "cant_go_on",
        r"\b(cant|cannot|can not) (go on (anymore|like this|living)|keep living|"
        r"take (it|this|life) anymore|do (this|life) anymore|live like this)\b",
    ),
    (
        SELF_HARM,
        "i_selfharm",
        rf"\b({_I}|been|started|keep|kept|back to|stop|relapsed|relapse) (\w+ )?"
        r"(selfharm|selfharming)\b|\b(been|started|keep|kept|back to|relapsed and|im) cutting( again)?\b"
        r"(?! (class|classes|school|hair|grass|wood|metal|vegetables|paper|onions|coupons|costs|back))",
    ),
    (
        SELF_HARM,
        "cut_body",
        r"\b(cut|cutting|cuts|slit|slitting|scratch|scratching|burn|burning) (my|your) "
        r"(wrists?|arms?|legs?|thighs?|skin)\b",
    ),
    (
        SELF_HARM,
        "overdose",
        rf"\b{_I} {_NOT}(\w+ )?{_WANT} to (overdose|od)\b|\b{_I} (overdosed|od d)\b|"
        r"\b(take|took|swallow|swallowed|taking) (all|a bunch|a lot|a whole bottle|the whole bottle|"
        r"too many) (of )?(my |the )?(pills|meds|medicine|medication|tablets)\b",
    ),
    (SELF_HARM, "jump_off", rf"\b{_I} {_NOT}(\w+ )?{_WANT} to (jump|throw myself) (off|in front of|from)\b"),
    (SELF_HARM, "suicide_note", r"\bsuicide (note|letter|plan)\b"),
    (SELF_HARM, "hate_being_alive", r"\b(hate|hating) (being alive|that im alive|existing)\b"),
    (
        SELF_HARM,
        "tired_of_living",
        r"\b(tired|sick) of (living|being alive|life|existing)\b"
        r"(?! (in|at|with|here|there|near|so far|on))",
    ),
    (
        SELF_HARM,
        "kill_yourself",
        r"\b(kys|kill yourself|kill yourselves|go die|you should die|"
        r"should just die)\b",
    ),
    # ---- abuse ------------------------------------------------------------------------------
    (
        ABUSE,
        "person_hurts_me",
        rf"\b(my )?{_PEOPLE} (\w+ ){{0,2}}?{_HURT_VERB} me\b"
        r"(?! up\b| back\b| with (an? )?(offer|question|email|text|call))",
    ),
    (
        ABUSE,
        "someone_hurting_me",
        r"\b(someone|somebody|a person|an adult|he|she|they)( \w+){0,3} "
        r"(is|are|has been|have been|keeps|keep) (hurting|hitting|touching|abusing|beating|threatening|"
        r"bullying|harassing|following|stalking) me\b",
    ),
    (
        ABUSE,
        "being_abused",
        rf"\b{_I} (\w+ )?(am |was |been |being |getting |got )?(being )?(abused|"
        r"molested|raped|sexually assaulted|assaulted|beat up|beaten (up|by)|groomed|trafficked|bullied|"
        r"cyberbullied|harassed|neglected|touched inappropriately|hurt by (my|him|her|them|someone))\b",
    ),
    (
        ABUSE,
        "touches_me",
        r"\btouch(es|ed|ing)? me (inappropriately|down there|where i dont want|in a "
        r"bad way|when i dont want)\b|"
        r"\b(makes|made|making|forces|forced|forcing) me (do|to do) (things|stuff|sexual)\b|"
        r"\b(locks|locked|locking) me (in|up) (my|the|a|his|her|their) (room|closet|basement|house)\b",
    ),
    (
        ABUSE,
        "unsafe_home",
        r"\b(not|dont feel|dont|never feel|never) (feel )?safe (at home|in my "
        r"house|in my home|at my house|with my (dad|mom|stepdad|stepmom|parents|family|uncle|brother))\b|"
        r"\b(scared|afraid|terrified|frightened) (to go|of going|to be) (back )?home\b|"
        r"\b(scared|afraid|terrified|frightened) of my (dad|mom|father|mother|stepdad|stepmom|parents|"
        r"uncle|brother|boyfriend|girlfriend|coach)\b",
    ),
    (
        ABUSE,
        "bruises",
        r"\b(left|leaves|gave me|giving me|got) (bruises|marks|a black eye)\b|\bbruises "
        r"from my\b",
    ),
    (
        ABUSE,
        "abuse_at_home",
        r"\b(abuse|abusive|violence|hitting|beating) (at|in) (my )?(home|house)\b|"
        r"\bmy (dad|mom|father|mother|stepdad|stepmom|parents?|boyfriend|girlfriend|family|home) (is|are) "
        r"(abusive|violent)\b",
    ),
    (
        ABUSE,
        "sextortion",
        r"\b(asked|asking|made|make|forcing|forced|pressuring|pressured|wants) me (to )?"
        r"(send|sending) (nudes|pics|pictures|photos)\b|\bthreatening to (post|share|leak) my\b",
    ),
    # ---- violence / threats -----------------------------------------------------------------
    (
        VIOLENCE,
        "weapon_to_school",
        rf"\b(bring|bringing|brought|take|taking|carry|carrying|sneak|"
        rf"sneaking|have|has|had|got) (a |my |his |her |their |the |some )?(dads |moms |\w+s )?{_WEAPON} "
        rf"(to|into|in|at) {_SCHOOL}\b",
    ),
    (
        VIOLENCE,
        "shoot_up",
        r"\b(shoot|shooting|shot) up (the|my|our|this|a|his|her|their) ?(\w+ )?"
        r"(school|class|place|mall|church|party|building|campus)\b",
    ),
    (VIOLENCE, "school_shooting", r"\b(school|mass) shoot(ing|er)\b"),
    (
        VIOLENCE,
        "attack_threat",
        r"\b(bomb|blow up|blowing up|burn down|burning down|set fire to|attack|"
        r"attacking) (the|my|our|this) (\w+ )?(school|class|building|campus|house|gym|cafeteria)\b",
    ),
    (
        VIOLENCE,
        "i_will_hurt",
        rf"\b{_I} {_NOT}(\w+ )?{_WANT} to (kill|shoot|stab|murder|hurt|beat up|attack|strangle|choke|"
        rf"poison|jump|punch|fight) {_VICTIM_TARGET}\b",
    ),
    (
        VIOLENCE,
        "i_will_hurt_short",
        rf"\b(im|i am|i will|ill|im going to|i am going to) "
        rf"(kill|shoot|stab|murder|hurt|beat up|attack) {_VICTIM_TARGET}\b",
    ),
    (
        VIOLENCE,
        "threatened_me",
        r"\b(threatened|threatening|threatens|said (hed|shed|theyd|he would|"
        r"she would|they would|they will|he will|she will|hes going to|shes going to|theyre going to)) "
        r"(to )?(kill|shoot|stab|hurt|jump|beat up|beat|attack) (me|us|my)\b",
    ),
    (
        VIOLENCE,
        "someone_has_weapon",
        r"\b(someone|somebody|(a|some|this|that|one) (kid|student|guy|boy|girl|man|person))"
        rf"( \w+){{0,3}} "
        rf"(has|had|brought|is carrying|was carrying|showed me) (a |his |her |their )?{_WEAPON}\b|"
        rf"\b(he|she|they) (has|had|have|brought|is carrying|was carrying) (a |his |her |their )?{_WEAPON} "
        r"(at school|in (his|her|their) (bag|backpack|locker|car)|on (him|her|them))\b",
    ),
    (
        VIOLENCE,
        "i_have_weapon",
        rf"\b(i have|ive got|i got|i bought|i found|im bringing|i brought|"
        rf"i can get) (a |my |my dads |my moms |some )?{_WEAPON}\b(?=.*\b(kill|hurt|shoot|stab|revenge|"
        r"use it on|make them pay|bring it to school)\b)",
    ),
    (
        VIOLENCE,
        "make_them_pay",
        r"\b(make (them|him|her|everyone) (pay|suffer)|get revenge on|"
        r"revenge on (them|him|her|everyone|the school))\b",
    ),
    (VIOLENCE, "hit_list", r"\b(hit list|kill list)\b"),
    (
        VIOLENCE,
        "fight_planned",
        r"\b(fight|jump|jumping) (planned|after school|me after school)\b|"
        r"\bgoing to jump me\b|\bfight(ing|s)? with (a |some |real )?(gun|guns|knife|knives|weapons?|bats)\b",
    ),
    (
        VIOLENCE,
        "scared_of_someone",
        r"\b(im|i am) (scared|afraid|terrified) (someone|somebody|he|she|"
        r"they) (will|is going to|might|are going to) (hurt|kill|shoot|attack|beat)\b",
    ),
]

# Keyword rules: only when the message has no occupational/study context.
_KEYWORD = [
    (SELF_HARM, "kw_suicide", r"\b(suicide|suicidal|selfharm|cutting myself)\b"),
    (SELF_HARM, "kw_die", r"\b(want|wanna) (to )?die\b|\bi want death\b"),
    (
        ABUSE,
        "kw_abuse",
        r"\b(abuse|abused|abusing|abusive|molest\w*|rape|raped|incest|neglected|"
        r"grooming|groomed|domestic violence|trafficking)\b",
    ),
    (ABUSE, "kw_bullying", r"\b(bullied|bullying|cyberbullied|cyberbullying|bullies me)\b"),
    (VIOLENCE, "kw_violence", r"\b(shooter|stab|stabbing|murder|kill (him|her|them|everyone))\b"),
]


def _compile(rules: Iterable[tuple[str, str, str]], strong: bool) -> list[_Rule]:
    return [_Rule(cat, rid, re.compile(pat), strong) for cat, rid, pat in rules]


STRONG_RULES: list[_Rule] = _compile(_STRONG, strong=True)
KEYWORD_RULES: list[_Rule] = _compile(_KEYWORD, strong=False)

# Career phrases that contain a keyword but are a job or a topic, removed before keyword rules run.
_OCCUPATIONAL_PHRASES = re.compile(
    r"\b(suicide|crisis|abuse|substance abuse|drug abuse|child abuse|domestic violence|violence|"
    r"sexual assault|bullying|self harm|selfharm|victim|victims)( prevention| awareness| "
    r"counselor| counsellor| counseling| advocate| investigator| specialist| worker| workers| research| "
    r"program| services| unit| shelter)+\b"
)


def occupational_context(normalized_text: str) -> bool:
    """True when the (normalised) message talks about a career, a course of study or a topic."""
    return bool(_OCCUPATIONAL.search(normalized_text) or _OCCUPATIONAL_PHRASES.search(normalized_text))


def classify(text: str) -> SafetyHit | None:
    """The first safety rule ``text`` matches, or ``None`` for ordinary career talk.

    Strong rules win regardless of context; keyword rules only count when the message has no
    occupational context. The returned hit names the category and rule, never the text.
    """
    t = _blank_idioms(normalize(text))
    if not t.strip(" ~"):
        return None
    for rule in STRONG_RULES:
        if rule.pattern.search(t):
            return SafetyHit(rule.category, rule.rule, True)
    if occupational_context(t):
        return None
    for rule in KEYWORD_RULES:
        if rule.pattern.search(t):
            return SafetyHit(rule.category, rule.rule, False)
    return None
