"""Pseudonymous student profiles and career-plan items; everything about a student deleted on request.

Students are minors, so the assistant keeps as little as it can:

* the key is :func:`student_id_for` — an HMAC-SHA256 of the chat channel's sender id under a secret,
  so the stored id cannot be turned back into the channel's id without the secret;
* a profile holds only grade, school, ZIP, state, an interest code and the interest words the student
  named; never a name, e-mail address or phone number;
* :func:`delete_student` removes the profile, every plan item, the career plan, the interest-quiz
  answers and the student's hand-off tickets.

The secret comes from ``STUDENT_ID_SECRET``. Without it, a random secret is created once per install in
``var/student_id_secret`` (mode 0600; ``CAREER_KB_VAR_DIR`` moves ``var/``) and reused, so a student is
recognised across sessions and restarts. Changing or losing the secret makes every stored profile
unreachable (students simply start fresh); keep it out of version control and backups of chat logs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from career_kb import alerts, settings
from career_kb.local_secrets import local_secret
from career_kb.models import AssessmentAnswer, CareerPlan, CareerPlanItem, StudentProfile

#: The kinds of career-plan item a student can save.
PLAN_KINDS = ("career", "program", "opportunity", "step")

_SECRET_FILE = "student_id_secret"
_ZIP = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Profile:
    """What the assistant remembers about one student (no ORM object leaks out of the session)."""

    student_id: str
    grade: int | None = None
    school_id: str | None = None
    zip: str | None = None
    state: str | None = None
    riasec_code: str | None = None
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanItem:
    """One saved entry of a student's career plan."""

    id: int
    kind: str
    ref: str | None
    note: str | None
    done: bool


def secret_path() -> Path:
    """Where the per-install secret is kept when ``STUDENT_ID_SECRET`` is not set."""
    return settings.get().var_dir / _SECRET_FILE


def student_id_secret() -> bytes:
    """The HMAC key: ``STUDENT_ID_SECRET`` or the per-install random secret (created on first use)."""
    return local_secret(_SECRET_FILE, settings.get().student_id_secret)


def student_id_for(sender_id: str, secret: bytes | str | None = None) -> str:
    """The pseudonymous id of a channel's sender: hex HMAC-SHA256 of ``sender_id`` (64 characters).

    ``secret`` defaults to :func:`student_id_secret`. The same sender and secret always give the same id.
    """
    if secret is None:
        secret = student_id_secret()
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(secret, str(sender_id).encode("utf-8"), hashlib.sha256).hexdigest()


def _to_profile(row: StudentProfile) -> Profile:
    interests = tuple(i for i in (row.interests or "").split("; ") if i)
    return Profile(row.student_id, row.grade, row.school_id, row.zip, row.state, row.riasec_code, interests)


def get_profile(session: Session, student_id: str) -> Profile | None:
    """The stored profile of ``student_id``, or None if the student never shared anything."""
    row = session.get(StudentProfile, student_id)
    return _to_profile(row) if row else None


_UNSET = object()


def upsert_profile(
    session: Session,
    student_id: str,
    *,
    grade=_UNSET,
    school_id=_UNSET,
    zip=_UNSET,  # the column's name
    state=_UNSET,
    riasec_code=_UNSET,
    add_interests: tuple[str, ...] | list[str] = (),
) -> Profile:
    """Create or update a profile; only the fields passed change (pass None to clear one).

    Grade must be 6-12 and ZIP five digits: anything else raises ``ValueError`` so nothing odd (or
    personal) is written by mistake. ``add_interests`` appends interest words, without duplicates.
    """
    if grade is not _UNSET and grade is not None:
        grade = int(grade)
        if not 6 <= grade <= 12:
            raise ValueError("grade must be between 6 and 12")
    if zip is not _UNSET and zip is not None and not _ZIP.match(str(zip)):
        raise ValueError("zip must be five digits")
    if state is not _UNSET and state is not None and not re.fullmatch(r"[A-Z]{2}", str(state)):
        raise ValueError("state must be a two-letter postal code")
    if riasec_code is not _UNSET and riasec_code is not None and not re.fullmatch(r"[RIASEC]{1,3}", str(riasec_code)):
        raise ValueError("riasec_code must be up to three RIASEC letters")
    row = session.get(StudentProfile, student_id)
    if row is None:
        row = StudentProfile(student_id=student_id)
        session.add(row)
    for name, value in (
        ("grade", grade),
        ("school_id", school_id),
        ("zip", zip),
        ("state", state),
        ("riasec_code", riasec_code),
    ):
        if value is not _UNSET:
            setattr(row, name, value)
    if add_interests:
        current = [i for i in (row.interests or "").split("; ") if i]
        for interest in add_interests:
            interest = re.sub(r"\s+", " ", str(interest)).strip().lower()[:60]
            if interest and interest not in current:
                current.append(interest)
        row.interests = "; ".join(current)[:1000] or None
    session.flush()
    return _to_profile(row)


def add_plan_item(
    session: Session, student_id: str, kind: str, ref: str | None = None, note: str | None = None
) -> tuple[PlanItem, bool]:
    """Save an item to the student's plan (creating an empty profile if needed).

    Returns ``(item, created)``; saving the same kind and ref twice returns the existing item with
    ``created=False``.
    """
    if kind not in PLAN_KINDS:
        raise ValueError(f"kind must be one of {PLAN_KINDS}")
    if session.get(StudentProfile, student_id) is None:
        session.add(StudentProfile(student_id=student_id))
        session.flush()
    if ref is not None:
        existing = (
            session.execute(
                select(CareerPlanItem).where(
                    CareerPlanItem.student_id == student_id, CareerPlanItem.kind == kind, CareerPlanItem.ref == ref
                )
            )
            .scalars()
            .first()
        )
        if existing is not None:
            return _to_item(existing), False
    item = CareerPlanItem(student_id=student_id, kind=kind, ref=ref, note=(note or None) and note[:500])
    session.add(item)
    session.flush()
    return _to_item(item), True


def _to_item(row: CareerPlanItem) -> PlanItem:
    return PlanItem(row.id, row.kind, row.ref, row.note, bool(row.done))


def list_plan_items(session: Session, student_id: str) -> list[PlanItem]:
    """The student's plan items, oldest first."""
    rows = session.execute(
        select(CareerPlanItem).where(CareerPlanItem.student_id == student_id).order_by(CareerPlanItem.id)
    ).scalars()
    return [_to_item(r) for r in rows]


def delete_student(session: Session, student_id: str) -> int:
    """Delete everything stored about ``student_id`` (hand-off tickets with their notes and replies,
    interest-quiz answers, the career plan and its items, then the profile); returns rows deleted.

    The student's safety alerts stay for the counselors' record, with the student id blanked
    (:func:`career_kb.alerts.scrub_student`), so nothing left links them to the student.
    """
    from career_kb.counselor.tickets import delete_for_student

    alerts.scrub_student(session, student_id)
    tickets = delete_for_student(session, student_id)
    items = 0
    for table in (AssessmentAnswer, CareerPlan, CareerPlanItem):
        items += session.execute(delete(table).where(table.student_id == student_id)).rowcount or 0
    profiles = session.execute(delete(StudentProfile).where(StudentProfile.student_id == student_id)).rowcount or 0
    session.flush()
    return tickets + items + profiles
