""" "What should I do next?": steps fitted to the grade and the student's school.

Middle school (6-8) explores: interests, electives, career events, clubs, and in 8th grade planning
high school. High school (9-12) acts: a CTE course sequence, a certification, dual credit,
work-based learning, then the step after high school that fits the grade. Programs and
opportunities are those fitting the student's occupation, cluster or interests first (see
:func:`student_clusters`), then anything near them.

:func:`plan` returns :class:`Step` values: a key the wording file words, and the values it needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from career_kb import interests, queries
from career_kb.answers.places import first_found
from career_kb.vocabulary import EVENT_TYPES, LAST_MIDDLE_SCHOOL_GRADE, WBL_TYPES


@dataclass(frozen=True)
class Step:
    """One next step: ``key`` names its wording; ``values`` fill it."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    """What the steps are built from: the occupation, programs and opportunities near the student."""

    details: queries.OccupationDetails | None
    programs: list[queries.ProgramInfo]
    opportunities: list[queries.OpportunityInfo]


def is_middle_school(grade: int) -> bool:
    """Grades 6-8."""
    return grade <= LAST_MIDDLE_SCHOOL_GRADE


def student_clusters(
    session: Session, details: queries.OccupationDetails | None, cluster_id: str | None, riasec: str | None, grade: int
) -> list[str]:
    """Clusters that fit the student, best first: their current occupation's, else the cluster they
    looked at, else the clusters of the careers that fit their interests."""
    if details and details.clusters:
        return list(dict.fromkeys(c.cluster_id for c in details.clusters))
    if cluster_id:
        return [cluster_id]
    if riasec:
        cap = interests.job_zone_cap_for_grade(grade)
        careers = queries.occupations_for_interests(session, riasec, job_zone_max=cap, limit=10)
        return queries.clusters_for_occupations(session, [o.onet_code for o in careers])[:3]
    return []


def gather(
    session: Session,
    grade: int,
    code: str | None,
    cluster_id: str | None,
    riasec: str | None,
    school_id: str | None,
    zip_code: str | None,
    today: dt.date,
) -> Facts:
    """The occupation, programs and opportunities behind the next steps."""
    details = queries.occupation_details(session, code) if code else None
    if not (school_id or zip_code):
        return Facts(details, [], [])
    clusters = student_clusters(session, details, cluster_id, riasec, grade)
    near_zip = queries.school_zip(session, school_id) or zip_code

    def opportunities(types: tuple[str, ...]):
        return lambda cid: queries.opportunities(
            session, cluster_id=cid, types=list(types), grade=grade, zip=near_zip, on_or_after=today
        )

    if is_middle_school(grade):
        return Facts(details, [], list(first_found(opportunities(EVENT_TYPES), clusters)))

    def programs(cid: str | None) -> list[queries.ProgramInfo]:
        return queries.cte_programs(session, cluster_id=cid, school_id=school_id, zip=zip_code, grade=grade)

    found = (
        queries.cte_programs(session, onet_code=code, school_id=school_id, zip=zip_code, grade=grade) if code else []
    )
    return Facts(
        details, found or list(first_found(programs, clusters)), list(first_found(opportunities(WBL_TYPES), clusters))
    )


def _middle_school(grade: int, facts: Facts, riasec: str | None) -> list[Step]:
    steps = [Step("explore_interests", {"code": riasec[:2]}) if riasec else Step("find_interests")]
    subjects = (
        interests.subjects_for_knowledge([k.name for k in facts.details.knowledge], limit=3) if facts.details else []
    )
    if facts.details and subjects:
        steps.append(Step("electives_for", {"title": facts.details.title, "subjects": subjects}))
    elif not facts.details:
        steps.append(Step("try_electives"))
    events = facts.opportunities
    steps.append(Step("career_event", {"event": events[0]}) if events else Step("career_events"))
    steps.append(Step("plan_high_school") if grade == LAST_MIDDLE_SCHOOL_GRADE else Step("join_a_club"))
    return steps


def _high_school(grade: int, facts: Facts) -> list[Step]:
    programs, steps = facts.programs, []
    if programs:
        steps.append(Step("cte_sequence", {"program": programs[0]}))
        certs = [c for p in programs[:3] for c in p.certifications]
        if certs:
            steps.append(Step("certification", {"certification": certs[0]}))
        dual = next((p for p in programs if p.dual_credit), None)
        if dual:
            steps.append(Step("dual_credit", {"program": dual}))
    else:
        steps.append(Step("cte_courses"))
    wbl = facts.opportunities
    steps.append(Step("work_based_learning", {"opportunity": wbl[0]}) if wbl else Step("try_work_based_learning"))
    p = facts.details.projection if facts.details else None
    goal = {"title": facts.details.title, "projection": p} if facts.details and p and p.entry_education else {}
    after = "plan_classes" if grade <= 10 else "compare_options" if grade == 11 else "apply"
    steps.append(Step(after, goal))
    return steps


def plan(grade: int, facts: Facts, riasec: str | None) -> list[Step]:
    """The next steps for ``grade`` (middle-school exploring or high-school acting)."""
    return _middle_school(grade, facts, riasec) if is_middle_school(grade) else _high_school(grade, facts)
