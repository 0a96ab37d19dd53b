"""Hand-off to a person and the counselors' own FAQ answers, decided without Rasa.

The actions (``actions/handoff.py``) pass plain values — the pseudonymous student id, the channel's
conversation id and name, the message, the last turns — and get plain values back.

* :func:`stored_answer`: the student's district's counselor-written answer for a message, if one is
  close enough (:func:`career_kb.counselor.faq.find_answer`); the district is the one of the
  student's school, or the only district of the KB.
* :func:`hand_off`: open (or refresh) a ticket for the student, with the category the message needs
  a person for (:mod:`career_kb.counselor.topics`) or the one given, and say where the counselors are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb.counselor import faq, tickets, topics
from career_kb.counselor.vocabulary import URGENCY_NAMES
from career_kb.models import School, StudentProfile


@dataclass(frozen=True)
class Handoff:
    """A ticket opened (or refreshed) for the student, and where their counselors are."""

    ticket_id: int
    category: str
    created: bool
    urgency: str
    school: str | None
    counselor_office: str | None


def stored_answer(session: Session, student_id: str, text: str) -> faq.FaqMatch | None:
    """The counselors' stored answer to ``text`` for this student's district, or None."""
    return faq.find_answer(session, tickets.student_district(session, student_id), text)


def topic_needing_person(text: str) -> str | None:
    """The ticket category ``text`` needs a person for, or None."""
    return topics.category_for(text)


def hand_off(
    session: Session,
    *,
    student_id: str,
    conversation_id: str,
    channel: str,
    category: str,
    last_turns: Sequence[tuple[str, str]] = (),
    school_id: str | None = None,
) -> Handoff:
    """Open or refresh the student's ticket of ``category``; with the counseling office of the school
    ``school_id`` (the conversation's), else of the school in the student's profile."""
    ticket, created = tickets.open_ticket(
        session,
        student_id=student_id,
        conversation_id=conversation_id,
        channel=channel,
        category=category,
        last_turns=last_turns,
    )
    if school_id is None:
        profile = session.get(StudentProfile, student_id)
        school_id = profile.school_id if profile is not None else None
    school = session.get(School, school_id) if school_id else None
    return Handoff(
        ticket.id,
        ticket.category,
        created,
        URGENCY_NAMES[ticket.urgency],
        school.name if school else None,
        school.counselor_office if school else None,
    )


def crisis_ticket(
    session: Session, *, student_id: str, conversation_id: str, channel: str, last_turns: Sequence[tuple[str, str]]
) -> int:
    """An urgent crisis ticket for a message the safety layer flagged; returns the ticket id.

    Until the safety layer writes its own alerts, the dialogue opens the ticket itself (``alert_ref``
    ``"dialogue"``); the safety layer's alert writer calls
    :func:`career_kb.counselor.tickets.open_urgent_for_alert` with its alert's id instead, which
    refreshes the same ticket.
    """
    ticket = tickets.open_urgent_for_alert(
        session,
        student_id=student_id,
        conversation_id=conversation_id,
        channel=channel,
        alert_ref="dialogue",
        last_turns=last_turns,
    )
    return ticket.id
