"""Careers for a student's likes and dislikes (:class:`career_kb.likes.InterestParse`), from O*NET's own data.

* Letters: the likes' RIASEC letters (and a typed Holland code) make the student's vector; each rated
  occupation's six O*NET interest scores (``Interests.txt``, stored in the KB) are compared with it
  by cosine similarity, as :func:`career_kb.queries.occupations_for_interests` does.
* Every activity named ("fixing cars", "blood") is looked up in O*NET's titles, alternate titles and
  descriptions (the KB's full-text index, built from the O*NET files at import time), in O*NET's
  words (:data:`ONET_WORDS`): the occupations found get a boost for a like (when their interest
  profile fits too) and a penalty for a dislike. An activity the interest table doesn't know
  ("blood") gets its RIASEC letters from the found occupations' mean interest profile.
* Dislikes only ever subtract: a disliked letter costs each occupation in proportion to its own
  score on that letter, and an occupation found for a disliked activity loses a fixed amount, so no
  occupation ever scores higher because of a dislike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb import cache, queries
from career_kb.likes import InterestParse
from career_kb.queries.occupations import PARENT_SCORE_MARGIN, employment_by_soc, interest_vectors, one_per_soc
from career_kb.search import search_occupations
from career_kb.vocabulary import RIASEC

#: How many occupations found for an activity stand for it (a like; a dislike reaches further, since
#: it only ever pushes down).
ACTIVITY_HITS = 8
DISLIKE_HITS = 20
#: Students' words for an activity → the words O*NET's titles use for it ("fixing cars" → "automotive").
#: Phrases not listed are searched as they are.
ONET_WORDS = {
    "fixing cars": "automotive",
    "cars": "automotive",
    "car": "automotive",
    "engines": "mechanic",
    "mechanics": "mechanic",
    "fixing things": "repair",
    "fixing": "repair",
    "repairing": "repair",
    "building things": "build",
    "building": "build",
    "drawing": "artist",
    "painting": "artist",
    "art": "artist",
    "video game": "video game",
    "gaming": "video game",
    "game design": "video game",
    "taking care of kids": "child",
    "taking care of children": "child",
    "working with kids": "child",
    "working with children": "child",
    "babysitting": "child",
    "kids": "child",
    "children": "child",
    "cooking": "cook",
    "baking": "baker",
    "culinary": "cook",
    "animals": "animal",
    "pets": "animal",
    "sports": "sport",
    "teaching": "teach",
}
#: The least interest fit an occupation found for a liked activity needs to get the boost (so a text
#: match with an unrelated interest profile, "drawing" in "Extruding and Drawing Machine Setters", gets none).
ACTIVITY_MIN_FIT = 0.5
#: What a disliked letter costs, per unit of the occupation's normalised score on it.
DISLIKE_LETTER_WEIGHT = 0.5
#: What an occupation found for a disliked activity loses.
DISLIKE_ACTIVITY_PENALTY = 0.3
#: What an occupation found for a liked activity gains.
LIKE_ACTIVITY_BOOST = 0.25


@dataclass(frozen=True)
class ActivityLookup:
    """An activity looked up in O*NET's text: the occupations found and the letters they share."""

    phrase: str
    onet_codes: tuple[str, ...]
    letters: str  # the two highest letters of the found occupations' mean interest profile


def activity_lookup(session: Session, phrase: str, limit: int = ACTIVITY_HITS) -> ActivityLookup:
    """The occupations whose O*NET titles or description name every word of ``phrase``, and their letters."""
    hits = search_occupations(session, ONET_WORDS.get(phrase, phrase), limit=limit, any_word=False)
    vectors = {code: vec for code, _, _, vec, _ in interest_vectors(session)}
    rated = [vectors[h.onet_code] for h in hits if h.onet_code in vectors]
    letters = ""
    if rated:
        mean = [sum(v[i] for v in rated) / len(rated) for i in range(len(RIASEC))]
        order = sorted(range(len(RIASEC)), key=lambda i: (-mean[i], i))
        letters = "".join(RIASEC[i] for i in order[:2])
    return ActivityLookup(phrase, tuple(h.onet_code for h in hits), letters)


def _vector(scores: dict[str, float]) -> list[float]:
    return [scores.get(letter, 0.0) for letter in RIASEC]


def _letter_scores(session: Session, parse: InterestParse) -> tuple[dict[str, float], dict[str, float], set, set]:
    likes, dislikes = parse.like_scores(), parse.dislike_scores()
    boosted: set[str] = set()
    punished: set[str] = set()
    for items, scores, codes in ((parse.likes, likes, boosted), (parse.dislikes, dislikes, punished)):
        for item in items:
            if item.kind == "riasec":
                continue  # "social" names an interest area, not an activity to look up
            found = activity_lookup(session, item.phrase, ACTIVITY_HITS if scores is likes else DISLIKE_HITS)
            codes.update(found.onet_codes)
            if item.kind == "activity" and scores is likes:  # a table term has its letters already; a
                for weight, letter in zip((0.5, 0.25), found.letters, strict=False):  # dislike only
                    scores[letter] += weight  # costs the occupations found, never whole letters
    return likes, dislikes, boosted, punished


def interest_scores(session: Session, parse: InterestParse, job_zone_max: int | None = None) -> dict[str, float]:
    """Every rated occupation's fit to ``parse`` (see the module docstring); empty when nothing is liked."""
    likes, dislikes, boosted, punished = _letter_scores(session, parse)
    want = _vector(likes)
    want_norm = math.sqrt(sum(w * w for w in want))
    if not want_norm and not boosted:
        return {}
    against = _vector(dislikes)
    scores: dict[str, float] = {}
    for code, _soc, zone, vec, norm in interest_vectors(session):
        if job_zone_max is not None and (zone is None or zone > job_zone_max):
            continue
        fit = sum(a * b for a, b in zip(want, vec, strict=False)) / (want_norm * norm) if want_norm else 0.0
        fit += LIKE_ACTIVITY_BOOST if code in boosted and (fit >= ACTIVITY_MIN_FIT or not want_norm) else 0.0
        fit -= DISLIKE_LETTER_WEIGHT * sum(a * b for a, b in zip(against, vec, strict=False)) / norm
        fit -= DISLIKE_ACTIVITY_PENALTY if code in punished else 0.0
        scores[code] = round(fit, 4)
    return scores


def careers_for_parse(
    session: Session, parse: InterestParse, job_zone_max: int | None = None, limit: int = 10
) -> list[queries.OccupationSummary]:
    """The best-fitting occupations for ``parse``, at most one per SOC code, best first (ties: more jobs)."""
    scores = interest_scores(session, parse, job_zone_max)
    if not scores:
        return []
    employment = cache.kb_cached(session, "national_employment", employment_by_soc)
    soc_of = {code: soc for code, soc, *_ in interest_vectors(session)}
    ranked = sorted(scores, key=lambda c: (-scores[c], -employment.get(soc_of[c], 0), c))
    picked = one_per_soc(  # the broad .00 occupation when it fits nearly as well, as occupations_for_interests does
        [(c, soc_of[c]) for c in ranked],
        qualifies=lambda parent, best: scores[parent] >= scores[best] - PARENT_SCORE_MARGIN,
    )
    top = picked[: max(0, limit)]
    return queries.summaries(session, top, {c: scores[c] for c in top})
