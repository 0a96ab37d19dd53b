"""What the safety classifier reads: a message normalised, with shared cue features added.

:func:`prepare` turns a student's message into the text both n-gram vectorizers see:

1. lower case, accents dropped ("suicidarme" and "suicídarme" are one word), apostrophes dropped
   ("don't" -> "dont"), letters repeated three or more times squeezed to two ("sooooo" -> "soo");
2. emoji that carry meaning spelled out as words ("💊" -> "pills", "🔪" -> "knife");
3. texting forms spelled out ("wanna" -> "want to", "kms" stays "kms" and gains a cue);
4. a cue token appended for every lexicon group the message hits (``zqdeath``, ``zqmeans``, ...).
   A cue is one shared feature for many wordings: the model learns "a wish to be dead" once from
   "want to die", "not wake up", "disappear forever", "quiero morir", and a new wording that hits
   the same group gets the same push. Cue tokens are made of letters no message contains.

Nothing here keeps or logs the text.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc'`´]")
_REPEATS = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")

#: Emoji students use for what they mean, spelled out so the vectorizers see a word.
EMOJI_WORDS = {
    "💊": "pills",
    "🔪": "knife",
    "🗡": "knife",
    "🔫": "gun",
    "🪦": "grave",
    "⚰": "coffin",
    "🩸": "blood",
    "🪢": "rope",
    "🌉": "bridge",
    "😭": "crying",
    "😢": "crying",
    "💔": "heartbroken",
    "🥀": "wilted",
    "👋": "wave",
    "💀": "skull",
    "☠": "skull",
    "🙃": "upside",
    "😞": "sad",
    "😔": "sad",
    "🤕": "hurt",
    "🩹": "bandage",
    "🏠": "home",
    "🚪": "door",
}

# Texting forms (word boundaries, after lower-casing).
_SPOKEN = [
    (r"\bwanna\b", "want to"),
    (r"\bgonna\b", "going to"),
    (r"\bgotta\b", "got to"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\bim\b", "i am"),
    (r"\bive\b", "i have"),
    (r"\bidk\b", "i dont know"),
    (r"\bidc\b", "i dont care"),
    (r"\bppl\b", "people"),
    (r"\bcuz\b|\bbc\b|\bcause\b", "because"),
    (r"\bsewer ?slide\b", "suicide"),
    (r"\bun ?alive\b", "unalive"),
    (r"\bself[ -]?harm", "selfharm"),
]
_SPOKEN_RE = [(re.compile(p), r) for p, r in _SPOKEN]

#: Cue groups: each maps many wordings (English and basic Spanish) to one shared token.
CUES: dict[str, str] = {
    "death": r"\b(die|dying|died|dead|death|suicid\w*|kms|kys|ctb|unalive\w*|end (it|my life|things|everything)|"
    r"not (wake|waking) up|never wake up|(stop|not) (existing|exist|be alive|being alive|be here)|"
    r"disappear\w*|gone forever|cease to exist|no longer (be )?(here|around|alive)|rest forever|"
    r"funeral|grave|ghost|the void|take me|(want|wish|wanted) (it|this|everything) (to be|was|were) over|"
    r"kills? (myself|themselves|themself|himself|herself)|happier dead|respawn|rot in the ground|"
    r"leaving this world|euthaniz\w*|end of the road|gone by then|wasnt around|wish(ed)? it was me|"
    r"if something happens to me|at peace with it|not planning on (being|becoming)|"
    r"ojala (nunca hubiera nacido|estuviera muerto)|"
    r"morir\w*|muerto|muerta|muerte|matarme|me mato|suicidarme|desaparecer|no despertar|"
    r"quitar(me|se)? la vida|no quiero (vivir|estar|existir))\b",
    "means": r"\b(pills?|meds|medicine|tablets|overdos\w*|od|bottle of|rope|noose|hang\w*|bridge|roof|ledge|"
    r"train tracks?|jump(ing)? (off|from|in front)|gun|guns|pistol|rifle|knife|knives|blade|razor|"
    r"bleach|poison\w*|hospital|too far|access to|pastillas|puente|pistola|cuchillo|navaja|veneno)\b",
    "injury": r"\b(cut|cuts|cutting|slit|scars?|scratch\w*|burn(ing)? myself|bleed\w*|blood|bruis\w*|"
    r"hurt(ing)? myself|hit(ting)? myself|punch(ing)? (myself|walls?)|relaps\w*|clean (for|since)|"
    r"marks|lines on my|deeper|burns|carv\w*|blades?|"
    r"cortarme|me corto|cortes|sangre|hacerme dano|me hago dano|marcas)\b",
    "eating": r"\b(starv\w*|purg\w*|throw(ing)? up|threw up|puk\w*|laxatives?|skip(ping|ped)? (meals|food|eating|"
    r"lunch|breakfast|dinner)|havent eaten|not eating|calories|binge\w*|too fat|so fat|fasting|"
    r"pro ?ana|thinspo|vomit\w*|ribs|one meal|scared of food|food is|weigh\w*|no como|sin comer|"
    r"dejar de comer|laxantes|vomitar|matando de hambre|water fast|kept food down|my ed)\b",
    "goodbye": r"\b(goodbye|good bye|bye forever|last (message|time|text|post)|final (message|goodbye)|"
    r"give away|giving away|gave away|wont be (here|around)|remember me|take care of (my|him|her)|"
    r"note for|letter for|(my|a) will\b|adios|despedirme|ultima vez|ultimo mensaje)\b",
    "hopeless": r"\b(no point|pointless|hopeless|burden|trapped|no way out|cant (do this|take|go on|keep)|"
    r"give up|giving up|gave up|nothing (matters|left|to live)|worthless|better off|tired of (everything|"
    r"life|living|being)|numb|empty inside|unbearable|hate myself|hate my life|nobody (cares|would)|"
    r"no one (cares|would)|hold on|tired of (fighting|trying)|a mistake|born wrong|no exit|too late for me|"
    r"pain is too much|given up|a cage|ya no puedo|"
    r"sin sentido|no puedo mas|no aguanto|carga|odio mi vida|nadie)\b",
    "hurt_by": r"\b(hits? me|hitting me|beats? me|beat me|beating me|slaps? me|slapped me|kicks? me|kicked me|"
    r"chok\w* me|hurts? me|punche[sd]? me|threw \w+ at me|throws \w+ at me|grab\w* me|bruises?|"
    r"black eye|locks? me|locked me|no food|starving me|scared (to go|of going) home|afraid of (my|him|her)|"
    r"scared of (my|him|her)|yells?|screams?|drunk|belt|me pega|me golpea|me pegan|me golpean|"
    r"in the hospital|cps|social workers?|hungry|alone for days|check my phone|at home (is|are) bad|"
    r"hits (my|his|her)|with a (cord|belt|hanger)|(lo|la|me) quema|"
    r"miedo)\b",
    "sexual": r"\b(nudes?|naked|pics|pictures|photos|snap(chat)?|dm|dms|meet (up|in person|secretly)|"
    r"secret|older (guy|man|dude)|touch\w*|inappropriate\w*|private parts|send (him|her|them) (pics|photos)|"
    r"sextort\w*|leak|expose|groom\w*|raped?|molest\w*|hotel|private app|different app|asking me out|"
    r"be famous|modeling|fotos|desnuda|desnudo|me toca|tocarme|secreto|que vaya sola)\b",
    "violence": r"\b(shoot\w*|shot|stab\w*|kill (him|her|them|everyone|everybody|you)|hurt (him|her|them|everyone)|"
    r"bring(ing)? (a |my )?(gun|knife|weapon)|weapon|hit list|revenge|make (them|him|her) pay|"
    r"bomb|blow up|fight|beat (him|her|them) up|(put|putting|puts) (something|stuff) in|with a bat|"
    r"buy a gun|whats coming|threat\w*|plans for (the )?(people|everyone|them)|if you know you know|"
    r"cameras|that kid in the news|"
    r"matar|armas?|amenaza|vengan\w*)\b",
    "runaway": r"\b(run away|running away|ran away|runaway|kicked (me )?out|kick me out|homeless|"
    r"nowhere to (go|sleep|stay)|sleep(ing)? in (my |a |the )?(car|park|street|station)|couch surf\w*|"
    r"on the street|no place to (go|stay|sleep)|shelter|escap\w*|evicted|living in (the|a|our|my) car|"
    r"send me back|find me|for good|survive on the street|phone is (at|dying)|"
    r"sleep(ing)? (in|under|behind) (the|a) (stairwell|woods|park|bridge|bus station|tent|streets?)|"
    r"huir|me escape|me corrieron|sin casa|"
    r"calle)\b",
    "plan": r"\b((the|a) (exact )?(spot|place|day|date|time|method)|(friday|tonight|tomorrow|this week|"
    r"this weekend|monday|saturday|sunday) is the (day|night)|brave enough|courage|how and when|"
    r"(my|a|the) note|after (this|next) week|look like an accident|for real this time|el dia|its time|"
    r"carta de despedida|tell (my|her|him) \w+ (i am|im) sorry|"
    r"lo hago|esta noche)\b",
    "age_gap": r"\b(he|she|hes|shes|they|is|are) ([2-5]\d)\b.{0,40}\b(i am|im) (1[0-7]|[89])\b|"
    r"\b(i am|im) (1[0-7]|[89])\b.{0,40}\b(he|she|hes|shes|is|are|guy|man) ([2-5]\d)\b",
    "using": r"\b(using again|started using|relaps\w*|took too many|took a lot|if it kills me|"
    r"drinking (alone|every)|high every|vap\w* to|droga\w*)\b",
    "other_person": r"\b(my (friend|bestie|best friend|sister|brother|cousin|classmate|bf|gf|boyfriend|girlfriend)|"
    r"(she|he) (said|told|says|keeps)|mi (amiga|amigo|hermana|hermano))\b",
}
_CUES_RE = [(f"zq{name.replace('_', '')}", re.compile(pattern)) for name, pattern in CUES.items()]


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Lower-case, drop accents and apostrophes, spell out emoji and texting forms, squeeze repeats."""
    t = (text or "").lower()
    for emoji, word in EMOJI_WORDS.items():
        if emoji in t:
            t = t.replace(emoji, f" {word} ")
    t = _strip_accents(_APOSTROPHES.sub("", t))
    t = _REPEATS.sub(r"\1\1", t)
    t = re.sub(r"[^\w\s]+", " ", t)
    for pattern, repl in _SPOKEN_RE:
        t = pattern.sub(repl, t)
    return _SPACES.sub(" ", t).strip()


def cues(normalized: str) -> list[str]:
    """The cue tokens of the lexicon groups a normalised message hits."""
    return [token for token, pattern in _CUES_RE if pattern.search(normalized)]


def prepare(text: str) -> str:
    """The text the vectorizers read: :func:`normalize` plus the cue tokens."""
    t = normalize(text)
    found = cues(t)
    return f"{t} {' '.join(found)}" if found else t
