"""What the student tells about themselves (grade, school, ZIP), resolved against the KB and remembered,
and their career plan.

Only grade, school, ZIP/state, an interest code and the interest words are kept, under a
pseudonymous id (see :mod:`career_kb.students`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from career_kb import queries, students
from career_kb.vocabulary import parse_grade, parse_zip

#: The profile fields the conversation remembers (slots of the same names).
PROFILE_FIELDS = ("grade", "school_id", "zip", "state", "riasec_code")

#: Words that mark a message as saying a grade in plain words ("I'm a junior", "9th grade").
_GRADE_MARKERS = ("grade", "th ", "freshman", "sophomore", "junior", "senior")


@dataclass(frozen=True)
class ProfileUpdate:
    """What one message told us, resolved against the KB, and whether it was saved."""

    grade: int | None
    school: queries.SchoolInfo | None
    school_text: str | None
    zip: str | None
    state: str | None
    saved: bool

    @property
    def unknown_school(self) -> bool:
        """A school was named that the KB doesn't know."""
        return bool(self.school_text) and self.school is None


def apply_update(
    session: Session, sid: str, grade: int | None, school_text: str | None, zip_code: str | None
) -> ProfileUpdate:
    """Resolve the school and the ZIP code's state, and save what is known to the student's profile."""
    school = queries.find_school(session, school_text) if school_text else None
    if school is not None:
        zip_code = zip_code or school.zip
    state = queries.state_for_zip(session, zip_code) if zip_code else None
    fields: dict[str, Any] = {}
    if grade is not None:
        fields["grade"] = grade
    if school is not None:
        fields["school_id"] = school.school_id
    if zip_code:
        fields["zip"] = zip_code
        fields["state"] = state
    if fields:
        students.upsert_profile(session, sid, **fields)
    return ProfileUpdate(grade, school, school_text, zip_code, state, bool(fields))


def grade_in_text(text: str) -> int | None:
    """A grade said in plain words ("I'm a junior", "9th grade", "grade 7"), when NLU found none."""
    lowered = text.lower()
    if any(w in lowered for w in _GRADE_MARKERS) or lowered.strip().isdigit():
        return parse_grade(lowered if not parse_zip(lowered) else None)
    return None


def load_profile(session: Session, sender_id: str) -> tuple[str, students.Profile | None]:
    """The pseudonymous id of a channel's sender and the profile remembered for it."""
    sid = students.student_id_for(sender_id)
    return sid, students.get_profile(session, sid)


def remembered_values(profile: students.Profile | None) -> dict[str, Any]:
    """The remembered profile fields that have a value (grade as a float, as its slot holds it)."""
    if profile is None:
        return {}
    values: dict[str, Any] = {}
    if profile.grade is not None:
        values["grade"] = float(profile.grade)
    for name in ("school_id", "zip", "state", "riasec_code"):
        value = getattr(profile, name)
        if value:
            values[name] = value
    return values


def save_career(session: Session, sid: str, code: str) -> tuple[queries.OccupationDetails | None, bool]:
    """Save an occupation to the student's plan: (its details, whether it was new); (None, False) if unknown."""
    details = queries.occupation_details(session, code)
    if details is None:
        return None, False
    _, created = students.add_plan_item(session, sid, "career", details.onet_code, details.title)
    return details, created


@dataclass(frozen=True)
class Remembered:
    """Everything the KB keeps about one student ("what do you know about me?")."""

    profile: students.Profile | None
    school: queries.SchoolInfo | None
    plan: list[students.PlanItem]


def everything_remembered(session: Session, sid: str) -> Remembered:
    """The student's profile (with the school's name) and career plan."""
    remembered = students.get_profile(session, sid)
    school = queries.find_school(session, remembered.school_id) if remembered and remembered.school_id else None
    return Remembered(remembered, school, students.list_plan_items(session, sid))


def counselor_school(session: Session, school_id: str | None) -> queries.SchoolInfo | None:
    """The student's school, for where to find its counseling office."""
    return queries.find_school(session, school_id) if school_id else None
