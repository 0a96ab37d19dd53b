"""The audit log: who viewed which transcript, who changed which answer or ticket (never message text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.counselor.clock import utcnow
from career_kb.models import AuditEntry, StaffAccount


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry, with the staff member's username."""

    at: datetime
    username: str | None
    action: str
    target: str


def record(session: Session, staff_id: int | None, action: str, target: str) -> None:
    """Write one audit entry (``action`` like ``view_transcript``, ``target`` like ``ticket:12``)."""
    session.add(AuditEntry(at=utcnow(), staff_id=staff_id, action=action[:40], target=target[:60]))
    session.flush()


def recent(session: Session, district_id: str, limit: int = 200) -> list[AuditRecord]:
    """The latest entries by the staff of ``district_id``, newest first."""
    rows = session.execute(
        select(AuditEntry.at, StaffAccount.username, AuditEntry.action, AuditEntry.target)
        .join(StaffAccount, StaffAccount.id == AuditEntry.staff_id)
        .where(StaffAccount.district_id == district_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    ).all()
    return [AuditRecord(*row) for row in rows]
