"""Hand-off tickets: opened by the assistant (or the safety layer), worked by counselors.

A ticket names the student only by the pseudonymous id and the channel's conversation id (needed to
read the transcript and to deliver a reply), and carries a structured summary: grade, school, saved
careers and the last turns. An unresolved ticket of the same student and category is refreshed
instead of opening a second one. Counselors see the tickets of their own district; a ticket whose
district is unknown (the student told no school and the KB holds several districts) is shown to
admins only. :func:`delete_for_student` removes everything when the student asks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from career_kb.counselor import audit
from career_kb.counselor.clock import utcnow
from career_kb.counselor.staff import Staff
from career_kb.counselor.vocabulary import CATEGORIES, DEFAULT_URGENCY, URGENCY_NAMES, URGENT
from career_kb.models import (
    CareerPlanItem,
    District,
    Occupation,
    OutboxMessage,
    School,
    StaffAccount,
    StudentProfile,
    Ticket,
    TicketNote,
)

#: How many of the last turns a summary keeps, and how long each may be.
LAST_TURNS = 6
TURN_CHARS = 500


class TicketError(LookupError):
    """No such ticket for this counselor, or a change it cannot take."""


@dataclass(frozen=True)
class Turn:
    """One turn of the conversation: who spoke ("student" or "assistant") and what was said."""

    who: str
    text: str


@dataclass(frozen=True)
class Summary:
    """What a counselor needs to act: grade, school, saved careers, the last turns."""

    grade: int | None
    school: str | None
    saved_careers: tuple[str, ...]
    last_turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Note:
    """A counselor's note."""

    username: str | None
    body: str
    created_at: datetime


@dataclass(frozen=True)
class TicketInfo:
    """A ticket as the dashboard shows it."""

    id: int
    student_id: str
    conversation_id: str
    district_id: str | None
    channel: str
    category: str
    urgency: int
    status: str
    summary: Summary
    alert_ref: str | None
    claimed_by: str | None
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    notes: tuple[Note, ...] = ()

    @property
    def category_label(self) -> str:
        """The category as counselors read it."""
        return CATEGORIES.get(self.category, self.category)

    @property
    def urgency_name(self) -> str:
        """``urgent``, ``high`` or ``normal``."""
        return URGENCY_NAMES.get(self.urgency, str(self.urgency))


def student_district(session: Session, student_id: str) -> str | None:
    """The district of the student's school; the only district when the KB has one; else None."""
    school_id = session.execute(
        select(StudentProfile.school_id).where(StudentProfile.student_id == student_id)
    ).scalar_one_or_none()
    if school_id:
        district = session.execute(select(School.district_id).where(School.id == school_id)).scalar_one_or_none()
        if district:
            return district
    districts = session.execute(select(District.id).limit(2)).scalars().all()
    return districts[0] if len(districts) == 1 else None


def build_summary(session: Session, student_id: str, last_turns: Sequence[tuple[str, str]] = ()) -> Summary:
    """The summary of ``student_id``'s profile and plan, with the last turns (``(who, text)`` pairs)."""
    profile = session.get(StudentProfile, student_id)
    school = session.get(School, profile.school_id) if profile is not None and profile.school_id else None
    careers = session.execute(
        select(Occupation.title)
        .join(CareerPlanItem, CareerPlanItem.ref == Occupation.onet_code)
        .where(CareerPlanItem.student_id == student_id, CareerPlanItem.kind == "career")
        .order_by(CareerPlanItem.id)
    ).scalars()
    turns = tuple(Turn(who, text[:TURN_CHARS]) for who, text in list(last_turns)[-LAST_TURNS:] if text)
    return Summary(profile.grade if profile else None, school.name if school else None, tuple(careers), turns)


def _summary_json(summary: Summary) -> str:
    return json.dumps(
        {
            "grade": summary.grade,
            "school": summary.school,
            "saved_careers": list(summary.saved_careers),
            "last_turns": [{"who": t.who, "text": t.text} for t in summary.last_turns],
        }
    )


def _summary_from(text: str) -> Summary:
    data = json.loads(text or "{}")
    turns = tuple(Turn(t.get("who", ""), t.get("text", "")) for t in data.get("last_turns") or [])
    return Summary(data.get("grade"), data.get("school"), tuple(data.get("saved_careers") or ()), turns)


def _to_info(session: Session, row: Ticket, with_notes: bool = False) -> TicketInfo:
    claimed = session.get(StaffAccount, row.claimed_by) if row.claimed_by else None
    notes: tuple[Note, ...] = ()
    if with_notes:
        rows = session.execute(
            select(StaffAccount.username, TicketNote.body, TicketNote.created_at)
            .outerjoin(StaffAccount, StaffAccount.id == TicketNote.staff_id)
            .where(TicketNote.ticket_id == row.id)
            .order_by(TicketNote.id)
        ).all()
        notes = tuple(Note(*r) for r in rows)
    return TicketInfo(
        row.id,
        row.student_id,
        row.conversation_id,
        row.district_id,
        row.channel,
        row.category,
        row.urgency,
        row.status,
        _summary_from(row.summary),
        row.alert_ref,
        claimed.username if claimed else None,
        row.created_at,
        row.updated_at,
        row.resolved_at,
        notes,
    )


def open_ticket(
    session: Session,
    *,
    student_id: str,
    conversation_id: str,
    channel: str,
    category: str,
    last_turns: Sequence[tuple[str, str]] = (),
    urgency: int | None = None,
    alert_ref: str | None = None,
) -> tuple[TicketInfo, bool]:
    """Open a ticket (or refresh the student's unresolved one of the same category); ``(ticket, created)``."""
    if category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}")
    level = urgency if urgency is not None else DEFAULT_URGENCY[category]
    if level not in URGENCY_NAMES:
        raise ValueError(f"urgency must be one of {sorted(URGENCY_NAMES)}")
    summary = _summary_json(build_summary(session, student_id, last_turns))
    now = utcnow()
    row = session.execute(
        select(Ticket).where(Ticket.student_id == student_id, Ticket.category == category, Ticket.status != "resolved")
    ).scalar_one_or_none()
    created = row is None
    if row is None:
        row = Ticket(
            student_id=student_id,
            category=category,
            status="open",
            created_at=now,
            urgency=level,
            district_id=student_district(session, student_id),
        )
        session.add(row)
    row.conversation_id, row.channel, row.summary, row.updated_at = conversation_id[:255], channel[:20], summary, now
    row.urgency = max(row.urgency, level)
    row.alert_ref = alert_ref or row.alert_ref
    session.flush()
    return _to_info(session, row), created


def open_urgent_for_alert(
    session: Session,
    *,
    student_id: str,
    conversation_id: str,
    channel: str,
    alert_ref: str,
    last_turns: Sequence[tuple[str, str]] = (),
) -> TicketInfo:
    """The hook for the safety layer: a crisis alert lands in the queue as an urgent ``crisis`` ticket.

    Call it right after the alert is written (``alert_ref`` names the alert, e.g. ``"alert:17"``);
    a second alert for the same student while the ticket is unresolved refreshes that ticket.
    """
    ticket, _created = open_ticket(
        session,
        student_id=student_id,
        conversation_id=conversation_id,
        channel=channel,
        category="crisis",
        last_turns=last_turns,
        urgency=URGENT,
        alert_ref=alert_ref,
    )
    return ticket


def _visible(viewer: Staff):
    if viewer.is_admin:
        return or_(Ticket.district_id == viewer.district_id, Ticket.district_id.is_(None))
    return Ticket.district_id == viewer.district_id


def queue(session: Session, viewer: Staff, include_resolved: bool = False) -> list[TicketInfo]:
    """The tickets ``viewer`` may see: most urgent first, then oldest first."""
    query = select(Ticket).where(_visible(viewer))
    if not include_resolved:
        query = query.where(Ticket.status != "resolved")
    rows = session.execute(query.order_by(Ticket.urgency.desc(), Ticket.created_at, Ticket.id)).scalars()
    return [_to_info(session, r) for r in rows]


def _row(session: Session, ticket_id: int, viewer: Staff) -> Ticket:
    row = session.execute(select(Ticket).where(Ticket.id == ticket_id, _visible(viewer))).scalar_one_or_none()
    if row is None:
        raise TicketError("no such ticket")
    return row


def get_ticket(session: Session, ticket_id: int, viewer: Staff) -> TicketInfo:
    """One ticket with its notes; :class:`TicketError` if ``viewer`` may not see it."""
    return _to_info(session, _row(session, ticket_id, viewer), with_notes=True)


def claim(session: Session, ticket_id: int, viewer: Staff) -> TicketInfo:
    """``viewer`` takes the ticket (an unresolved one)."""
    row = _row(session, ticket_id, viewer)
    if row.status == "resolved":
        raise TicketError("this ticket is already resolved")
    row.status, row.claimed_by, row.updated_at = "claimed", viewer.id, utcnow()
    audit.record(session, viewer.id, "ticket_claim", f"ticket:{row.id}")
    return _to_info(session, row, with_notes=True)


def add_note(session: Session, ticket_id: int, viewer: Staff, body: str) -> TicketInfo:
    """Add a note (1-5000 characters) to a ticket."""
    text = (body or "").strip()
    if not text or len(text) > 5000:
        raise TicketError("a note is 1 to 5000 characters")
    row = _row(session, ticket_id, viewer)
    session.add(TicketNote(ticket_id=row.id, staff_id=viewer.id, body=text, created_at=utcnow()))
    row.updated_at = utcnow()
    audit.record(session, viewer.id, "ticket_note", f"ticket:{row.id}")
    return _to_info(session, row, with_notes=True)


def resolve(session: Session, ticket_id: int, viewer: Staff) -> TicketInfo:
    """Mark the ticket resolved."""
    row = _row(session, ticket_id, viewer)
    now = utcnow()
    row.status, row.resolved_at, row.updated_at = "resolved", now, now
    if row.claimed_by is None:
        row.claimed_by = viewer.id
    audit.record(session, viewer.id, "ticket_resolve", f"ticket:{row.id}")
    return _to_info(session, row, with_notes=True)


def delete_for_student(session: Session, student_id: str) -> int:
    """Delete the student's tickets with their notes and undelivered replies; returns tickets deleted."""
    ids = select(Ticket.id).where(Ticket.student_id == student_id).scalar_subquery()
    session.execute(
        delete(TicketNote).where(TicketNote.ticket_id.in_(ids)).execution_options(synchronize_session=False)
    )
    session.execute(
        delete(OutboxMessage).where(OutboxMessage.ticket_id.in_(ids)).execution_options(synchronize_session=False)
    )
    count = session.execute(delete(Ticket).where(Ticket.student_id == student_id)).rowcount or 0
    session.flush()
    return count
