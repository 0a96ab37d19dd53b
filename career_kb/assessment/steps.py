"""Next steps for a career plan, from the student's grade and the district's data.

Four kinds, each with a ``ref`` the plan stores it under (so a step is saved once and its status kept):

* ``course:<program id>`` — the next course of a CTE program in the student's cluster (the course
  their grade reaches in the sequence; the first course, and the grade it opens, when not yet open);
* ``apply:<type>:<opportunity id>`` — a work-based-learning opportunity or event with the nearest
  deadline still ahead ("... by 2027-01-22" in its how-to-apply text, else its start date);
* ``class:<program id>`` — a career class to try in another fitting cluster (middle school: an
  exploring class at that level);
* ``counselor`` — a meeting with the school counselor (where their office is, when known).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb import queries

_DEADLINE = re.compile(r"\bby (\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class PlanStep:
    """A next step: ``key`` names its wording, ``ref`` identifies it in the plan, ``values`` fill it."""

    key: str
    ref: str
    values: dict[str, Any] = field(default_factory=dict)


def deadline(opportunity: queries.OpportunityInfo) -> dt.date | None:
    """The date to apply by: the first "by YYYY-MM-DD" in how to apply, else the start date."""
    found = _DEADLINE.search(opportunity.how_to_apply or "")
    if found:
        try:
            return dt.date.fromisoformat(found.group(1))
        except ValueError:
            pass
    return opportunity.start_date


def next_course(program: queries.ProgramInfo, grade: int) -> tuple[str | None, int | None]:
    """The course of ``program`` a student in ``grade`` takes next, and the grade it opens in when the
    program is not open to them yet (else None)."""
    if not program.course_sequence:
        return None, None
    if grade < program.grade_low:
        return program.course_sequence[0], program.grade_low
    index = min(grade - program.grade_low, len(program.course_sequence) - 1)
    return program.course_sequence[index], None


def _course_step(programs: Sequence[queries.ProgramInfo], grade: int) -> PlanStep | None:
    for program in programs:
        if program.grade_high < grade:
            continue
        course, opens = next_course(program, grade)
        if course:
            return PlanStep(
                "course",
                f"course:{program.program_id}",
                {"course": course, "program": program.name, "school": program.school_name, "opens": opens},
            )
    return None


def _apply_step(found: Sequence[queries.OpportunityInfo], today: dt.date) -> PlanStep | None:
    dated = [(d, o) for o in found if (d := deadline(o)) is not None and d >= today]
    if not dated:
        return None
    when, opp = min(dated, key=lambda pair: (pair[0], pair[1].title))
    return PlanStep(
        "apply",
        f"apply:{opp.type}:{opp.opportunity_id}"[:40],
        {"title": opp.title, "type": opp.type, "deadline": when.isoformat()},
    )


def _class_step(programs: Sequence[queries.ProgramInfo], grade: int, skip: str | None) -> PlanStep | None:
    for program in programs:
        if program.program_id == skip or not program.grade_low <= grade <= program.grade_high:
            continue
        if program.course_sequence:
            return PlanStep(
                "career_class",
                f"class:{program.program_id}",
                {"course": program.course_sequence[0], "program": program.name, "school": program.school_name},
            )
    return None


def suggest(
    session: Session,
    grade: int,
    clusters: Sequence[str],
    school_id: str | None,
    zip_code: str | None,
    today: dt.date,
    wbl_types: Sequence[str] = (),
) -> list[PlanStep]:
    """The next steps for a student in ``grade`` whose fitting clusters are ``clusters`` (best first);
    the opportunity to apply for is of a kind in ``wbl_types`` when one is open, else any kind."""
    steps: list[PlanStep] = []
    by_cluster = {
        cid: queries.cte_programs(session, cluster_id=cid, school_id=school_id, zip=zip_code) for cid in clusters
    }
    first = [p for cid in clusters[:1] for p in by_cluster[cid]]
    course = _course_step(first, grade) if grade >= 9 else None
    if course:
        steps.append(course)
    near_zip = queries.school_zip(session, school_id) or zip_code
    found = [
        o
        for cid in clusters
        for o in queries.opportunities(session, cluster_id=cid, grade=grade, zip=near_zip, on_or_after=today)
    ]
    wanted = [o for o in found if o.type in wbl_types]
    apply = _apply_step(wanted, today) or _apply_step(found, today)
    if apply:
        steps.append(apply)
    others = [p for cid in (clusters[1:] if grade >= 9 else clusters) for p in by_cluster[cid]]
    if grade <= 8:
        others += queries.cte_programs(session, grade=grade, school_id=school_id, zip=zip_code)
    career_class = _class_step(others, grade, course.ref.split(":", 1)[1] if course else None)
    if career_class:
        steps.append(career_class)
    school = session.get(m.School, school_id) if school_id else None
    office = school.counselor_office if school else None
    steps.append(PlanStep("counselor", "counselor", {"office": office}))
    return steps
