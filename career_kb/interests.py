"""What students say they like → Holland (RIASEC) interest letters, and O*NET knowledge → school subjects.

Students name school subjects ("biology"), activities ("fixing cars") and plain phrases ("helping
people"). :data:`INTEREST_TERMS` is a curated table of such words with the RIASEC letters they point to,
strongest first; :func:`riasec_from_text` adds them up into a high-point code like ``"ISR"`` that
:func:`career_kb.queries.occupations_for_interests` can rank occupations by.

:data:`KNOWLEDGE_SUBJECTS` maps O*NET's 33 knowledge areas (``Knowledge.txt``) to the school subjects
and courses where a student meets them, so the assistant can say "classes that help: Biology, Chemistry".

The tables are written for this project (informed by O*NET's RIASEC keywords and basic-interest
model); a district can edit them freely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from career_kb.vocabulary import RIASEC, RIASEC_NAMES

#: A student-friendly one-line gloss of each interest area.
RIASEC_GLOSS = {
    "R": "hands-on work with tools, machines, plants or animals",
    "I": "figuring things out: science, research and problem solving",
    "A": "creating: art, music, writing, design and performance",
    "S": "helping, teaching and caring for people",
    "E": "leading, persuading, selling and starting things",
    "C": "organizing: data, records, details and procedures",
}

#: Weights of the first, second and third letter of a term.
LETTER_WEIGHTS = (1.0, 0.5, 0.25)

# phrase(s) → letters, strongest first. Phrases are lower case; a trailing plural "s" is accepted.
_TABLE: tuple[tuple[tuple[str, ...], str], ...] = (
    # --- sciences
    (("biology", "life science", "anatomy", "genetics", "zoology", "marine biology", "botany"), "IR"),
    (
        (
            "chemistry",
            "physics",
            "science",
            "earth science",
            "physical science",
            "lab",
            "experiment",
            "science fair",
            "astronomy",
            "space",
            "weather",
            "environmental science",
            "forensics",
        ),
        "IR",
    ),
    (
        (
            "research",
            "puzzle",
            "problem solving",
            "solving problems",
            "figuring things out",
            "how things work",
            "investigating",
            "discovering",
        ),
        "IR",
    ),
    (("math", "maths", "algebra", "geometry", "calculus", "statistics", "stats", "numbers"), "IC"),
    (
        (
            "computer science",
            "coding",
            "programming",
            "computer",
            "software",
            "apps",
            "web design",
            "cybersecurity",
            "hacking",
            "ai",
            "artificial intelligence",
        ),
        "ICR",
    ),
    (("video game", "gaming", "game design", "minecraft"), "IAR"),
    (("robotics", "robot", "engineering", "electronics", "circuits", "stem"), "RI"),
    (("medicine", "health science", "doctor", "medical", "hospital", "nursing"), "IS"),
    (("health", "health class", "fitness", "nutrition"), "SIR"),
    (("psychology", "sociology", "how people think", "the brain"), "SI"),
    # --- hands-on
    (
        (
            "building things",
            "building",
            "fixing things",
            "fixing cars",
            "fixing",
            "repairing",
            "cars",
            "car",
            "engines",
            "mechanics",
            "auto shop",
            "shop class",
            "shop",
            "woodworking",
            "wood shop",
            "welding",
            "construction",
            "tools",
            "working with my hands",
            "working with your hands",
            "hands-on",
            "machines",
            "taking things apart",
            "carpentry",
            "plumbing",
            "electrical",
        ),
        "R",
    ),
    (
        (
            "outdoors",
            "outside",
            "nature",
            "hiking",
            "camping",
            "fishing",
            "hunting",
            "farming",
            "agriculture",
            "ffa",
            "gardening",
            "plants",
            "forestry",
            "environment",
        ),
        "RI",
    ),
    (("animals", "animal", "pets", "dogs", "cats", "horses", "vet"), "RSI"),
    (("driving", "trucks", "flying", "planes", "airplanes", "aviation", "boats", "trains"), "R"),
    (
        (
            "sports",
            "athletics",
            "pe",
            "physical education",
            "gym",
            "working out",
            "basketball",
            "football",
            "soccer",
            "baseball",
            "softball",
            "volleyball",
            "track",
            "swimming",
            "wrestling",
        ),
        "RES",
    ),
    (("cooking", "baking", "culinary", "food", "cooking class"), "RAS"),
    (("crafts", "sewing", "making things", "jewelry", "3d printing"), "RA"),
    (
        (
            "protecting people",
            "police",
            "firefighting",
            "firefighter",
            "military",
            "law enforcement",
            "security",
            "emergency",
            "first aid",
            "jrotc",
            "rotc",
        ),
        "RSE",
    ),
    # --- arts
    (
        (
            "art",
            "arts",
            "drawing",
            "painting",
            "sculpture",
            "visual arts",
            "photography",
            "graphic design",
            "design",
            "fashion",
            "animation",
            "film",
            "movies",
            "video editing",
            "ceramics",
            "pottery",
            "interior design",
            "architecture",
        ),
        "AR",
    ),
    (("music", "band", "choir", "orchestra", "singing", "guitar", "piano", "drums", "songwriting"), "A"),
    (("theater", "theatre", "drama", "acting", "dance", "dancing", "performing"), "AE"),
    (
        (
            "writing",
            "creative writing",
            "poetry",
            "stories",
            "reading",
            "books",
            "literature",
            "english",
            "language arts",
            "ela",
        ),
        "AIS",
    ),
    (
        (
            "journalism",
            "yearbook",
            "newspaper",
            "social media",
            "youtube",
            "making videos",
            "content creation",
            "podcast",
            "media",
            "broadcasting",
        ),
        "AE",
    ),
    (
        (
            "spanish",
            "french",
            "german",
            "chinese",
            "japanese",
            "foreign language",
            "languages",
            "world language",
            "sign language",
            "asl",
        ),
        "AS",
    ),
    (("makeup", "hair", "nails", "beauty", "cosmetology"), "ASE"),
    # --- people
    (
        (
            "helping people",
            "helping others",
            "help people",
            "helping",
            "caring for people",
            "caring for others",
            "taking care of people",
            "volunteering",
            "community service",
            "listening to people",
            "making a difference",
        ),
        "S",
    ),
    (
        (
            "teaching",
            "tutoring",
            "kids",
            "children",
            "babysitting",
            "coaching",
            "mentoring",
            "working with kids",
            "working with children",
            "taking care of kids",
            "taking care of children",
        ),
        "SE",
    ),
    (("talking to people", "meeting new people", "working with people", "people", "team", "teamwork"), "SE"),
    (("history", "social studies", "archaeology", "geography"), "IAS"),
    (("civics", "government", "politics", "law", "debate", "mock trial", "model un"), "ES"),
    # --- business
    (
        (
            "business",
            "entrepreneurship",
            "starting a business",
            "selling",
            "sales",
            "marketing",
            "money",
            "investing",
            "stocks",
            "economics",
            "deca",
            "fbla",
        ),
        "EC",
    ),
    (
        (
            "leading",
            "leadership",
            "being in charge",
            "being the boss",
            "student council",
            "public speaking",
            "persuading",
            "managing",
            "planning events",
        ),
        "ES",
    ),
    # --- organizing
    (
        (
            "organizing",
            "organization",
            "planning",
            "keeping records",
            "spreadsheets",
            "excel",
            "accounting",
            "bookkeeping",
            "data",
            "details",
            "filing",
            "office",
            "schedules",
            "lists",
            "keyboarding",
            "typing",
            "paperwork",
            "desk job",
            "sitting at a desk",
        ),
        "CE",
    ),
)

#: phrase → letters (strongest first), built from the curated table above.
INTEREST_TERMS: dict[str, str] = {phrase: letters for phrases, letters in _TABLE for phrase in phrases}

#: Words that, before an interest in the same clause, mean the student does NOT like it.
NEGATIONS = (
    "not",
    "don't",
    "dont",
    "do not",
    "doesn't",
    "never",
    "hate",
    "hates",
    "dislike",
    "dislikes",
    "can't stand",
    "cant stand",
    "no",
    "bad at",
    "bored by",
    "boring",
)

_CLAUSE_SPLIT = re.compile(r"[.;!?,]|\bbut\b|\bexcept\b|\bhowever\b")
_WORD = re.compile(r"[a-z0-9'+-]+")

# Longest phrases first, so "computer science" wins over "science" and "computer".
_PHRASES_BY_LENGTH = sorted(INTEREST_TERMS, key=lambda p: (-len(p), p))
_PHRASE_PATTERNS = {
    p: re.compile(r"(?<![a-z0-9])" + re.escape(p) + r"(?:e?s)?(?![a-z0-9])") for p in _PHRASES_BY_LENGTH
}
_NEGATION_PATTERN = re.compile(r"(?<![a-z0-9'])(" + "|".join(re.escape(n) for n in NEGATIONS) + r")(?![a-z0-9'])")


@dataclass(frozen=True)
class InterestMatch:
    """One interest found in the student's words: the phrase matched and its letters."""

    phrase: str
    letters: str
    negated: bool = False


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def _fuzzy_single_word(token: str) -> str | None:
    """A single-word phrase that ``token`` is a likely typo of ("biolgy" → "biology"), if any."""
    if len(token) < 5:
        return None
    words = [p for p in INTEREST_TERMS if " " not in p and len(p) >= 5]
    best = process.extractOne(token, words, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else None


def find_interests(text: str) -> list[InterestMatch]:
    """The interests named in ``text``, in the order they appear; negated ones are flagged.

    "I like biology but hate math" → biology (liked), math (negated). Longer phrases win over the
    words inside them, and one-word typos of five letters or more are forgiven.
    """
    found: list[tuple[int, InterestMatch]] = []
    offset = 0
    for clause in _CLAUSE_SPLIT.split(_normalise(text)):
        if clause is None:
            continue
        taken = [False] * len(clause)
        negation_at = [m.start() for m in _NEGATION_PATTERN.finditer(clause)]
        for phrase in _PHRASES_BY_LENGTH:
            for m in _PHRASE_PATTERNS[phrase].finditer(clause):
                if any(taken[m.start() : m.end()]):
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                negated = any(n < m.start() for n in negation_at)
                found.append((offset + m.start(), InterestMatch(phrase, INTEREST_TERMS[phrase], negated)))
        for m in _WORD.finditer(clause):
            if any(taken[m.start() : m.end()]) or _NEGATION_PATTERN.fullmatch(m.group()):
                continue
            guess = _fuzzy_single_word(m.group())
            if guess:
                negated = any(n < m.start() for n in negation_at)
                found.append((offset + m.start(), InterestMatch(guess, INTEREST_TERMS[guess], negated)))
        offset += len(clause) + 1
    found.sort(key=lambda item: item[0])
    return [match for _, match in found]


def riasec_scores(text: str) -> dict[str, float]:
    """Summed letter weights for the interests liked in ``text`` (negated ones are left out)."""
    scores = dict.fromkeys(RIASEC, 0.0)
    for match in find_interests(text):
        if match.negated:
            continue
        for weight, letter in zip(LETTER_WEIGHTS, match.letters, strict=False):
            scores[letter] += weight
    return scores


def riasec_from_text(text: str, letters: int = 3) -> str:
    """A high-point RIASEC code for what the student says they like, e.g. "biology and helping people" → "ISR".

    Letters are ordered by score; ties go to the interest named first. Returns "" when nothing in
    the text is recognised.
    """
    scores = riasec_scores(text)
    first_seen: dict[str, int] = {}
    for i, match in enumerate(m for m in find_interests(text) if not m.negated):
        for letter in match.letters:
            first_seen.setdefault(letter, i * 10 + match.letters.index(letter))
    ranked = sorted(
        (letter for letter in RIASEC if scores[letter] > 0),
        key=lambda letter: (-scores[letter], first_seen.get(letter, 99), RIASEC.index(letter)),
    )
    return "".join(ranked[:letters])


def describe_code(code: str) -> str:
    """ "IS" → "Investigative (figuring things out: …) and Social (helping, …)"."""
    parts = [f"{RIASEC_NAMES[c]} ({RIASEC_GLOSS[c]})" for c in code if c in RIASEC_NAMES]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- knowledge areas → school subjects ----------------------------------------------------------

#: O*NET knowledge area (element name as in Knowledge.txt) → school subjects where students meet it.
KNOWLEDGE_SUBJECTS: dict[str, tuple[str, ...]] = {
    "Administration and Management": ("Business",),
    "Administrative": ("Business", "Computer applications"),
    "Economics and Accounting": ("Math", "Economics", "Accounting"),
    "Sales and Marketing": ("Marketing", "Business"),
    "Customer and Personal Service": ("Speech and communication",),
    "Personnel and Human Resources": ("Business", "Psychology"),
    "Production and Processing": ("Manufacturing technology",),
    "Food Production": ("Agriculture", "Culinary arts"),
    "Computers and Electronics": ("Computer science",),
    "Engineering and Technology": ("Engineering and technology", "Physics", "Math"),
    "Design": ("Drafting and CAD", "Art"),
    "Building and Construction": ("Construction trades", "Geometry"),
    "Mechanical": ("Automotive and mechanical technology", "Physics"),
    "Mathematics": ("Math",),
    "Physics": ("Physics",),
    "Chemistry": ("Chemistry",),
    "Biology": ("Biology",),
    "Psychology": ("Psychology",),
    "Sociology and Anthropology": ("Sociology", "Social studies"),
    "Geography": ("Geography",),
    "Medicine and Dentistry": ("Health science", "Anatomy and physiology", "Biology"),
    "Therapy and Counseling": ("Psychology", "Health science"),
    "Education and Training": ("Education and child development",),
    "English Language": ("English",),
    "Foreign Language": ("World languages",),
    "Fine Arts": ("Art", "Music", "Theater"),
    "History and Archeology": ("History",),
    "Philosophy and Theology": ("Philosophy and ethics",),
    "Public Safety and Security": ("Law, public safety and security courses",),
    "Law and Government": ("Government and civics",),
    "Telecommunications": ("Computer science", "Electronics"),
    "Communications and Media": ("English", "Journalism and media"),
    "Transportation": ("Automotive and transportation technology", "Geography"),
}


def subjects_for_knowledge(knowledge_names: Iterable[str], limit: int = 5) -> list[str]:
    """School subjects for knowledge areas given most important first; duplicates dropped, order kept."""
    subjects: list[str] = []
    for name in knowledge_names:
        for subject in KNOWLEDGE_SUBJECTS.get(name, ()):
            if subject not in subjects:
                subjects.append(subject)
            if len(subjects) >= limit:
                return subjects
    return subjects


# --- grade policy --------------------------------------------------------------------------------


def job_zone_cap_for_grade(grade: int | float | None) -> int | None:
    """The highest O*NET job zone (1-5) to suggest first when a student explores by interest.

    Middle school (6-8): up to zone 3 (careers reached with a certificate, an apprenticeship or an
    associate's degree), so the first list is concrete and near; grades 9-10: up to zone 4
    (bachelor's); grades 11-12 and unknown grade: no cap, since they are choosing what to do after
    high school. The student can always ask for more.
    """
    if grade is None:
        return None
    g = int(grade)
    if g <= 8:
        return 3
    if g <= 10:
        return 4
    return None
