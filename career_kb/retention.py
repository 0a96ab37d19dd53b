"""Retention: conversations idle for ``RETENTION_DAYS`` are deleted from the tracker store.

Rasa's SQL tracker store keeps every event of a conversation as a row of its ``events`` table
(``sender_id``, ``timestamp`` in Unix seconds, ...), on SQLite or PostgreSQL. A conversation whose
newest event is older than the cutoff is deleted whole. ``career-kb retention`` runs it once;
``python -m bot.run`` runs it when it starts and once a day. This module reads the table with plain
SQL and imports nothing from Rasa.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import create_engine, inspect, text

#: Rasa's SQL tracker store table.
EVENTS_TABLE = "events"
_DAY = 86400.0


@dataclass(frozen=True)
class Purge:
    """What one retention run deleted."""

    conversations: int
    events: int
    cutoff: float  # Unix time: conversations with nothing newer were deleted


def tracker_url(store: dict, root_dir: str = ".") -> str | None:
    """The SQLAlchemy URL of an SQL tracker store configured like endpoints.yml (None: not SQL)."""
    if str(store.get("type", "")).upper() != "SQL":
        return None
    dialect = str(store.get("dialect") or "sqlite")
    db = str(store.get("db") or "rasa.db")
    if dialect.startswith("sqlite"):
        return f"sqlite:///{db}" if db.startswith("/") else f"sqlite:///{root_dir}/{db}"
    user = str(store.get("username") or "")
    password = str(store.get("password") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = str(store.get("url") or "localhost")
    port = f":{store['port']}" if store.get("port") else ""
    return f"{dialect}://{auth}{host}{port}/{db}"


def purge_idle_conversations(url: str, days: float, now: float | None = None) -> Purge:
    """Delete every conversation whose newest event is more than ``days`` old (``days <= 0``: none)."""
    now = time.time() if now is None else now
    cutoff = now - days * _DAY
    if days <= 0:
        return Purge(0, 0, cutoff)
    engine = create_engine(url, future=True)
    try:
        if not inspect(engine).has_table(EVENTS_TABLE):
            return Purge(0, 0, cutoff)
        with engine.begin() as conn:
            idle = [
                row[0]
                for row in conn.execute(
                    text(
                        f"SELECT sender_id FROM {EVENTS_TABLE} GROUP BY sender_id "
                        "HAVING MAX(COALESCE(timestamp, 0)) < :cutoff"
                    ),
                    {"cutoff": cutoff},
                )
            ]
            deleted = 0
            for start in range(0, len(idle), 500):
                chunk = idle[start : start + 500]
                params = {f"s{i}": s for i, s in enumerate(chunk)}
                marks = ", ".join(f":s{i}" for i in range(len(chunk)))
                result = conn.execute(text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id IN ({marks})"), params)
                deleted += result.rowcount or 0
    finally:
        engine.dispose()
    return Purge(len(idle), deleted, cutoff)
