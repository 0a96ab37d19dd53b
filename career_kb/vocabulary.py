"""The product's fixed vocabularies, one copy each.

US states, grades, the RIASEC interest areas, work-based-learning types, the routes after high school,
and the everyday names of the 16 career clusters. The KB importers, the query API, the answers layer
and the tests all read them from here; the NLU data (``data/nlu/lookups.yml``) produces only these
values (a test checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- places ---------------------------------------------------------------------------------------

#: The 50 states and the District of Columbia (postal codes).
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
#: U.S. territories with postal codes (BLS publishes Puerto Rico and the Virgin Islands; districts may be anywhere).
TERRITORIES = frozenset("AS GU MP PR VI".split())
#: Every postal code a district, a ZIP code or the ``state`` entity may name.
STATE_CODES = US_STATES | TERRITORIES

_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")


def parse_state(value: object) -> str | None:
    """A postal code ("TX", " tx ") → "TX"; None unless it is a state, DC or a territory."""
    if value is None:
        return None
    code = str(value).strip().upper()
    return code if code in STATE_CODES else None


def parse_zip(value: object) -> str | None:
    """The five-digit ZIP code in ``value`` ("30301", "30301-1234", "my zip is 30301"), or None."""
    if value is None:
        return None
    found = _ZIP.search(str(value))
    return found.group(1) if found else None


# --- grades ---------------------------------------------------------------------------------------

#: The grades the assistant serves: middle school (6-8) and high school (9-12).
MIN_GRADE, MAX_GRADE = 6, 12
GRADES = tuple(range(MIN_GRADE, MAX_GRADE + 1))
#: The last middle-school grade.
LAST_MIDDLE_SCHOOL_GRADE = 8

#: Words for grades ("ninth", "a junior"); the NLU's grade synonyms give the same numbers.
GRADE_WORDS = {
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "freshman": 9,
    "freshmen": 9,
    "sophomore": 10,
    "junior": 11,
    "senior": 12,
}
_DIGITS = re.compile(r"(?<!\d)\d{1,2}(?!\d)")  # a grade has one or two digits (never int() of a long run)


def parse_grade(value: object) -> int | None:
    """ "9", "9th", "ninth", "9.0", "freshman", 9.0 → 9; None unless it is a grade 6-12."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        grade = int(value)
    else:
        text = str(value).strip().lower()
        digits = _DIGITS.search(text)
        if digits:
            grade = int(digits.group())
        else:
            words = (g for word, g in GRADE_WORDS.items() if re.search(rf"\b{word}\b", text))
            found = next(words, None)
            if found is None:
                return None
            grade = found
    return grade if MIN_GRADE <= grade <= MAX_GRADE else None


# --- interests ------------------------------------------------------------------------------------

#: The RIASEC letters in O*NET's order.
RIASEC = ("R", "I", "A", "S", "E", "C")
#: O*NET's names of the six interest areas.
RIASEC_NAMES = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}

# --- work-based learning and events ---------------------------------------------------------------

#: Work-based learning and career events a district can list.
OPPORTUNITY_TYPES = (
    "job_shadow",
    "internship",
    "apprenticeship",
    "pre_apprenticeship",
    "mentoring",
    "guest_speaker",
    "field_trip",
    "career_fair",
)
#: The opportunity types that are one-off events rather than ongoing placements.
EVENT_TYPES = ("guest_speaker", "field_trip", "career_fair")
#: The opportunity types that are work-based learning.
WBL_TYPES = tuple(t for t in OPPORTUNITY_TYPES if t not in EVENT_TYPES)

#: Other ways the ``opportunity_type`` value may arrive (the NLU synonyms normally give the type).
OPPORTUNITY_TYPE_WORDS = {
    "job_shadowing": "job_shadow",
    "shadowing": "job_shadow",
    "internships": "internship",
    "apprenticeships": "apprenticeship",
    "preapprenticeship": "pre_apprenticeship",
    "pre_apprenticeships": "pre_apprenticeship",
    "mentor": "mentoring",
    "mentorship": "mentoring",
    "speaker": "guest_speaker",
    "guest_speakers": "guest_speaker",
    "field_trips": "field_trip",
    "career_fairs": "career_fair",
    "job_fair": "career_fair",
}


def parse_opportunity_type(value: object) -> str | None:
    """ "Job shadowing", "internships", "career_fair" → the type's name; None for anything else."""
    if value is None:
        return None
    key = str(value).lower().strip().replace("-", "_").replace(" ", "_")
    key = OPPORTUNITY_TYPE_WORDS.get(key, key)
    return key if key in OPPORTUNITY_TYPES else None


# --- after high school ----------------------------------------------------------------------------

#: The routes after high school, in the order answers list them (values of ``postsecondary_option``).
POSTSECONDARY_OPTIONS = ("college", "trade_school", "apprenticeship", "military", "work")


def parse_postsecondary_option(value: object) -> str | None:
    """ "trade school", "Military" → "trade_school", "military"; None for anything else."""
    if value is None:
        return None
    key = str(value).lower().strip().replace(" ", "_")
    return key if key in POSTSECONDARY_OPTIONS else None


# --- career clusters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterNames:
    """How students name one career cluster.

    ``phrases`` are never job titles: the KB entity ruler (``bot/spacy_kb.py``) tags exactly these
    as ``cluster``, and :func:`career_kb.queries.find_cluster` matches them first, so every tagged
    phrase resolves to its cluster. ``words`` are looser (space-separated words and short phrases
    such as "build houses"), matched only after the phrases and the official names.
    """

    phrases: tuple[str, ...]
    words: str


#: Cluster id → its everyday names.
CLUSTER_NAMES: dict[str, ClusterNames] = {
    "agriculture-food-and-natural-resources": ClusterNames(
        ("agriculture", "farming", "natural resources", "agriculture and food"),
        "agriculture ag farming farm farms animals animal plants food science natural resources environment outdoors "
        "forestry ffa",
    ),
    "architecture-and-construction": ClusterNames(
        ("construction", "architecture", "the trades", "building trades"),
        "construction building buildings architecture trades skilled trades carpentry build houses building trades",
    ),
    "arts-audio-video-technology-and-communications": ClusterNames(
        ("arts", "the arts", "arts and communications", "media", "communications", "audio video", "av"),
        "arts art av audio video film music design media communications journalism graphic design theater",
    ),
    "business-management-and-administration": ClusterNames(
        ("business", "business management", "management"),
        "business management administration office entrepreneurship",
    ),
    "education-and-training": ClusterNames(
        ("education", "teaching and training"),
        "education teaching teachers training school",
    ),
    "finance": ClusterNames(
        ("banking", "money and finance"),
        "finance money banking bank accounting investing insurance",
    ),
    "government-and-public-administration": ClusterNames(
        ("government", "public administration"),
        "government public administration politics public service military",
    ),
    "health-science": ClusterNames(
        ("health", "health care", "healthcare", "medical", "medicine", "the medical field", "health sciences"),
        "health healthcare health care medicine medical hospital nursing doctors health science",
    ),
    "hospitality-and-tourism": ClusterNames(
        ("hospitality", "tourism", "hotels and restaurants"),
        "hospitality tourism cooking culinary food service restaurants restaurant hotels travel chef culinary arts",
    ),
    "human-services": ClusterNames(
        ("social services",),
        "human services helping people counseling social work childcare cosmetology beauty",
    ),
    "information-technology": ClusterNames(
        ("IT", "tech", "computers", "computer science", "information tech"),
        "it information technology computers computer tech coding programming software cybersecurity networking "
        "technology",
    ),
    "law-public-safety-corrections-and-security": ClusterNames(
        ("law", "public safety", "law enforcement", "criminal justice", "law and public safety", "security"),
        "law public safety law enforcement police fire firefighting security legal corrections criminal justice "
        "emergency services",
    ),
    "manufacturing": ClusterNames(
        ("factories", "production"),
        "manufacturing welding factory production machining",
    ),
    "marketing": ClusterNames(
        ("sales", "marketing and sales", "advertising"),
        "marketing sales advertising retail",
    ),
    "science-technology-engineering-and-mathematics": ClusterNames(
        ("STEM", "engineering", "science and engineering"),
        "stem science engineering math mathematics technology engineering research",
    ),
    "transportation-distribution-and-logistics": ClusterNames(
        ("transportation", "logistics", "trucking", "shipping"),
        "transportation logistics trucking automotive cars aviation distribution warehouse shipping",
    ),
}
