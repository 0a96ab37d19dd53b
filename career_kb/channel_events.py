"""Which chat-platform deliveries were already handled, so a redelivered one gets no second reply.

Slack redelivers an event when it thinks the first delivery failed (a timeout, an HTTP error, a lost
connection), and Bot Framework may resend an activity. The chat channels call :func:`claim_event`
before they answer: the first claim of an event id wins, every later claim (a retry, even one that
arrives after a restart of the server) loses. Only a SHA-256 of the platform's event id is stored.

Rows older than the retention window are removed by :func:`prune_events`; platforms stop
redelivering within the hour, so the default window of seven days is generous.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from career_kb.models import ChannelEvent

#: How long handled event ids are kept by default.
DEFAULT_RETENTION = dt.timedelta(days=7)

#: Longest channel name the table holds.
MAX_CHANNEL_LENGTH = 20


def event_key(event_id: str) -> str:
    """The stored form of a platform's event id: hex SHA-256 (64 characters)."""
    return hashlib.sha256(str(event_id).encode("utf-8")).hexdigest()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def claim_event(session: Session, channel: str, event_id: str, now: dt.datetime | None = None) -> bool:
    """Record that ``channel`` handles ``event_id``; True only for the first claim of that id.

    Atomic on SQLite and PostgreSQL (``INSERT ... ON CONFLICT DO NOTHING``), so two concurrent
    deliveries of one event cannot both win. The caller commits.
    """
    if not channel or len(channel) > MAX_CHANNEL_LENGTH:
        raise ValueError(f"channel must be 1-{MAX_CHANNEL_LENGTH} characters")
    if not event_id:
        raise ValueError("event_id must not be empty")
    values = {"channel": channel, "event_key": event_key(event_id), "received_at": now or _utcnow()}
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"claim_event does not support {dialect}")
    stmt = insert(ChannelEvent).values(**values).on_conflict_do_nothing(index_elements=["channel", "event_key"])
    return (session.execute(stmt).rowcount or 0) == 1


def was_claimed(session: Session, channel: str, event_id: str) -> bool:
    """Whether ``event_id`` was already claimed on ``channel``."""
    stmt = (
        select(func.count())
        .select_from(ChannelEvent)
        .where(ChannelEvent.channel == channel, ChannelEvent.event_key == event_key(event_id))
    )
    return bool(session.execute(stmt).scalar_one())


def prune_events(session: Session, older_than: dt.timedelta = DEFAULT_RETENTION, now: dt.datetime | None = None) -> int:
    """Delete claims older than ``older_than``; returns how many rows went. The caller commits."""
    cutoff = (now or _utcnow()) - older_than
    result = session.execute(delete(ChannelEvent).where(ChannelEvent.received_at < cutoff))
    return result.rowcount or 0
