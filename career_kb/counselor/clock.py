"""The one clock of the counselor tables: naive UTC datetimes (what the DateTime columns hold)."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
