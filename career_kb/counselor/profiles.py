"""The student's profile and career plan as a counselor reads them (names instead of codes)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb import students
from career_kb.models import CteProgram, Occupation, Opportunity, School


@dataclass(frozen=True)
class PlanLine:
    """One item of the student's plan: its kind, what it is, a note, whether it is done."""

    kind: str
    title: str
    note: str | None
    done: bool


@dataclass(frozen=True)
class StudentCard:
    """What the assistant remembers about a student (nothing that names them)."""

    student_id: str
    grade: int | None
    school: str | None
    zip: str | None
    state: str | None
    riasec_code: str | None
    interests: tuple[str, ...]
    plan: tuple[PlanLine, ...]


_TITLES = {"career": (Occupation, "title"), "program": (CteProgram, "name"), "opportunity": (Opportunity, "title")}


def _title(session: Session, kind: str, ref: str | None) -> str:
    model_and_field = _TITLES.get(kind)
    if model_and_field is None or ref is None:
        return ref or ""
    model, field = model_and_field
    row = session.get(model, ref)
    return getattr(row, field) if row is not None else ref


def student_card(session: Session, student_id: str) -> StudentCard:
    """The student's card (empty fields when the student shared nothing)."""
    profile = students.get_profile(session, student_id) or students.Profile(student_id)
    school = session.get(School, profile.school_id) if profile.school_id else None
    plan = tuple(
        PlanLine(item.kind, _title(session, item.kind, item.ref), item.note, item.done)
        for item in students.list_plan_items(session, student_id)
    )
    return StudentCard(
        student_id,
        profile.grade,
        school.name if school else None,
        profile.zip,
        profile.state,
        profile.riasec_code,
        profile.interests,
        plan,
    )
