"""A student's interest profile → occupations whose O*NET interest profile has the same shape.

Method (docs/assessment.md): the student's six area scores and each occupation's six O*NET interest
scores ("OI", 1-7) are compared with Pearson's correlation, which looks at the *shape* of the two
profiles (which areas are high, which are low) and ignores how generous the student was overall.
Occupations needing more preparation than fits the student (:func:`job_zone_cap`) are left out; one
occupation is kept per SOC code; the list is spread across career clusters (at most
:data:`PER_CLUSTER` from one cluster while others are left). Each match says which of the student's
top areas the occupation shares, and brings the district's CTE programs and opportunities for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import cache, interests, queries
from career_kb import models as m
from career_kb.assessment.scoring import InterestProfile, is_flat
from career_kb.queries.occupations import employment_by_soc
from career_kb.vocabulary import RIASEC

#: At most this many matches from one career cluster while other clusters still have candidates.
PER_CLUSTER = 2
#: How much lower than its best specialty a broad (``.00``) occupation may correlate and still stand
#: for its SOC code.
PARENT_MARGIN = 0.05
#: The highest job zone that fits a plan after high school (``None``: no cap).
PLAN_JOB_ZONE_CAP: dict[str, int | None] = {
    "work": 2,
    "military": 3,
    "apprenticeship": 3,
    "trade_school": 3,
    "college": None,
}


@dataclass(frozen=True)
class Match:
    """One fitting occupation: correlation, the student's top areas it shares, its cluster, and the
    district's programs and opportunities for it (filled by :func:`with_district_links`)."""

    occupation: queries.OccupationSummary
    correlation: float
    shared_areas: tuple[str, ...]
    cluster_id: str | None
    programs: tuple[queries.ProgramInfo, ...] = ()
    opportunities: tuple[queries.OpportunityInfo, ...] = ()


@dataclass(frozen=True)
class _Rated:
    code: str
    soc: str
    job_zone: int | None
    scores: tuple[float, ...]


def _rated_occupations(session: Session) -> list[_Rated]:
    stmt = select(
        m.Occupation.onet_code,
        m.Occupation.soc_code,
        m.Occupation.job_zone,
        m.Occupation.riasec_r,
        m.Occupation.riasec_i,
        m.Occupation.riasec_a,
        m.Occupation.riasec_s,
        m.Occupation.riasec_e,
        m.Occupation.riasec_c,
    ).where(m.Occupation.riasec_r.is_not(None))
    return [
        _Rated(code, soc, zone, tuple(float(v or 0.0) for v in values))
        for code, soc, zone, *values in session.execute(stmt)
    ]


def _first_clusters(session: Session) -> dict[str, str]:
    """Each occupation's first career cluster (by cluster id)."""
    first: dict[str, str] = {}
    rows = session.execute(
        select(m.PathwayOccupation.onet_code, m.CareerPathway.cluster_id)
        .join(m.CareerPathway, m.CareerPathway.id == m.PathwayOccupation.pathway_id)
        .order_by(m.PathwayOccupation.onet_code, m.CareerPathway.cluster_id)
    )
    for code, cid in rows:
        first.setdefault(code, cid)
    return first


def pearson(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Pearson's correlation of two equally long sequences; None when either is constant."""
    n = len(a)
    if n != len(b) or n < 2:
        raise ValueError("pearson needs two sequences of the same length (at least 2)")
    mean_a, mean_b = sum(a) / n, sum(b) / n
    da = [x - mean_a for x in a]
    db = [y - mean_b for y in b]
    norm = math.sqrt(sum(x * x for x in da) * sum(y * y for y in db))
    if norm < 1e-12:
        return None
    return sum(x * y for x, y in zip(da, db, strict=True)) / norm


def job_zone_cap(grade: int | None, plan: str | None = None) -> int | None:
    """The highest job zone to list: the plan's cap when the student named one, else the grade's
    (:func:`career_kb.interests.job_zone_cap_for_grade`)."""
    if plan in PLAN_JOB_ZONE_CAP:
        return PLAN_JOB_ZONE_CAP[plan]
    return interests.job_zone_cap_for_grade(grade)


def spread(ranked: Sequence[str], cluster_of: dict[str, str], limit: int, per_cluster: int = PER_CLUSTER) -> list[str]:
    """The first ``limit`` of ``ranked`` taking at most ``per_cluster`` from one cluster; when too few
    remain, the best of the rest fill up in rank order."""
    chosen: list[str] = []
    counts: dict[str, int] = {}
    for code in ranked:
        cid = cluster_of.get(code, "")
        if cid and counts.get(cid, 0) >= per_cluster:
            continue
        counts[cid] = counts.get(cid, 0) + 1
        chosen.append(code)
        if len(chosen) >= limit:
            return chosen
    rest = [c for c in ranked if c not in chosen]
    return chosen + rest[: limit - len(chosen)]


def shared_areas(student_code: str, occupation_scores: Sequence[float]) -> tuple[str, ...]:
    """The student's top two areas that are also among the occupation's three highest O*NET areas."""
    top3 = sorted(RIASEC, key=lambda a: (-occupation_scores[RIASEC.index(a)], RIASEC.index(a)))[:3]
    return tuple(a for a in student_code[:2] if a in top3)


def rank_codes(session: Session, profile: InterestProfile, cap: int | None) -> list[tuple[str, float]]:
    """Every rated occupation within job zone ``cap``, one per SOC code, by correlation (best first)."""
    if is_flat(profile):
        return []
    want = profile.vector()
    employment = cache.kb_cached(session, "national_employment", employment_by_soc)
    rated = cache.kb_cached(session, "assessment_rated_occupations", _rated_occupations)
    scored: list[tuple[float, int, str]] = []
    soc_of: dict[str, str] = {}
    for occ in rated:
        if cap is not None and (occ.job_zone is None or occ.job_zone > cap):
            continue
        r = pearson(want, occ.scores)
        if r is None:
            continue
        soc_of[occ.code] = occ.soc
        scored.append((round(r, 4), employment.get(occ.soc, 0), occ.code))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
    score_of = {c: r for r, _, c in scored}
    picked = queries.one_per_soc(
        [(c, soc_of[c]) for _, _, c in scored],
        qualifies=lambda parent, best: score_of[parent] >= score_of[best] - PARENT_MARGIN,
    )
    picked.sort(key=lambda c: (-score_of[c], -employment.get(soc_of[c], 0), c))
    return [(c, score_of[c]) for c in picked]


def match(
    session: Session, profile: InterestProfile, grade: int | None = None, plan: str | None = None, limit: int = 8
) -> list[Match]:
    """The best-fitting occupations for ``profile``, spread across clusters (see the module docstring).

    An empty list when the profile is flat (every area scored the same).
    """
    ranked = rank_codes(session, profile, job_zone_cap(grade, plan))
    clusters = cache.kb_cached(session, "assessment_first_clusters", _first_clusters)
    correlation = dict(ranked)
    codes = spread([c for c, _ in ranked], clusters, limit)
    rated = {o.code: o for o in cache.kb_cached(session, "assessment_rated_occupations", _rated_occupations)}
    return [
        Match(
            summary,
            correlation[summary.onet_code],
            shared_areas(profile.code, rated[summary.onet_code].scores),
            clusters.get(summary.onet_code),
        )
        for summary in queries.summaries(session, codes, correlation)
    ]


def with_district_links(
    session: Session,
    matches: Sequence[Match],
    grade: int | None,
    school_id: str | None,
    zip_code: str | None,
    today: dt.date,
) -> list[Match]:
    """The matches with up to two CTE programs for each occupation and one opportunity in its cluster
    (near the student's school or ZIP code, open to their grade, not over before ``today``)."""
    linked = []
    near_zip = queries.school_zip(session, school_id) or zip_code
    for item in matches:
        programs = queries.cte_programs(
            session, onet_code=item.occupation.onet_code, school_id=school_id, zip=zip_code, grade=grade
        )
        found = (
            queries.opportunities(session, cluster_id=item.cluster_id, grade=grade, zip=near_zip, on_or_after=today)
            if item.cluster_id
            else []
        )
        linked.append(
            Match(
                item.occupation,
                item.correlation,
                item.shared_areas,
                item.cluster_id,
                tuple(programs[:2]),
                tuple(found[:1]),
            )
        )
    return linked
