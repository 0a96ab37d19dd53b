"""Counselor replies on their way to the student, in the channel the student wrote from.

The dashboard writes a reply here (:func:`queue_reply`). Delivery depends on the channel: the REST
channel hands a conversation's pending replies out with the student's next turn
(:func:`take_pending`); channels that can push (Slack, Teams) send them at once through their own
clients and mark them delivered (:func:`mark_delivered`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.counselor import audit, tickets
from career_kb.counselor.clock import utcnow
from career_kb.counselor.staff import Staff
from career_kb.models import OutboxMessage

MAX_REPLY = 2000


@dataclass(frozen=True)
class Reply:
    """A counselor's reply (``delivered_at`` None while it waits)."""

    id: int
    ticket_id: int
    conversation_id: str
    channel: str
    body: str
    created_at: datetime
    delivered_at: datetime | None


def _to_reply(row: OutboxMessage) -> Reply:
    return Reply(row.id, row.ticket_id, row.conversation_id, row.channel, row.body, row.created_at, row.delivered_at)


def queue_reply(session: Session, ticket_id: int, viewer: Staff, body: str) -> Reply:
    """Queue ``viewer``'s reply to the ticket's student (1-2000 characters); audited."""
    text = (body or "").strip()
    if not text or len(text) > MAX_REPLY:
        raise tickets.TicketError(f"a reply is 1 to {MAX_REPLY} characters")
    ticket = tickets.get_ticket(session, ticket_id, viewer)
    row = OutboxMessage(
        ticket_id=ticket.id,
        conversation_id=ticket.conversation_id,
        channel=ticket.channel,
        staff_id=viewer.id,
        body=text,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.record(session, viewer.id, "ticket_reply", f"ticket:{ticket.id}")
    return _to_reply(row)


def replies_for_ticket(session: Session, ticket_id: int) -> list[Reply]:
    """Every reply of a ticket, oldest first (the caller checked the ticket is visible)."""
    rows = session.execute(
        select(OutboxMessage).where(OutboxMessage.ticket_id == ticket_id).order_by(OutboxMessage.id)
    ).scalars()
    return [_to_reply(r) for r in rows]


def pending(session: Session, *, conversation_id: str | None = None, channel: str | None = None) -> list[Reply]:
    """Undelivered replies, oldest first, for one conversation and/or one channel."""
    query = select(OutboxMessage).where(OutboxMessage.delivered_at.is_(None))
    if conversation_id is not None:
        query = query.where(OutboxMessage.conversation_id == conversation_id)
    if channel is not None:
        query = query.where(OutboxMessage.channel == channel)
    return [_to_reply(r) for r in session.execute(query.order_by(OutboxMessage.id)).scalars()]


def mark_delivered(session: Session, reply_ids: list[int]) -> None:
    """Record that these replies reached the student."""
    now = utcnow()
    for row in session.execute(select(OutboxMessage).where(OutboxMessage.id.in_(reply_ids))).scalars():
        row.delivered_at = now
    session.flush()


def take_pending(session: Session, conversation_id: str) -> list[Reply]:
    """The conversation's undelivered replies, marked delivered (for channels that answer per turn)."""
    replies = pending(session, conversation_id=conversation_id)
    if replies:
        mark_delivered(session, [r.id for r in replies])
    return replies
