"""Conversations as Rasa's SQL tracker store keeps them, read-only (for transcripts and analytics).

Where the store is: ``DASHBOARD_TRACKER_URL`` when set; otherwise ``endpoints.yml``'s
``tracker_store`` — for ``dialect: sqlite`` the file ``RASA_TRACKER_DB`` names (default
``var/tracker.db``, as ``make run`` uses), for another dialect a URL built from its ``url``, ``port``,
``db``, ``username`` and ``password`` (placeholders like ``${TRACKER_DB_PASSWORD}`` are not expanded
here: set ``DASHBOARD_TRACKER_URL`` then). Rasa keeps one row per event in the table ``events``
(``sender_id``, ``type_name``, ``timestamp``, ``intent_name``, ``action_name``, ``data`` as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.engine import URL, Engine

from career_kb import settings

_META = MetaData()
#: Rasa's ``events`` table (only the columns read here).
EVENTS = Table(
    "events",
    _META,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


class TrackerStoreError(RuntimeError):
    """The tracker store cannot be located from the configuration (the message says what to set)."""


def tracker_url(conf: settings.Settings | None = None, endpoints: Path | None = None) -> str:
    """The SQLAlchemy URL of the tracker store (see the module docstring)."""
    conf = conf or settings.get()
    if conf.dashboard_tracker_url:
        return conf.dashboard_tracker_url
    path = endpoints or settings.REPO_ROOT / "endpoints.yml"
    store = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    if str(store.get("type", "")).upper() != "SQL":
        raise TrackerStoreError("endpoints.yml keeps no SQL tracker store: set DASHBOARD_TRACKER_URL")
    dialect = str(store.get("dialect") or "sqlite")
    if dialect.startswith("sqlite"):
        db = conf.rasa_tracker_db or conf.var_dir / "tracker.db"
        return f"sqlite:///{db if db.is_absolute() else settings.REPO_ROOT / db}"
    fields = [str(store.get(k) or "") for k in ("url", "port", "db", "username", "password")]
    if any("${" in f for f in fields):
        raise TrackerStoreError("endpoints.yml's tracker store uses ${...} placeholders: set DASHBOARD_TRACKER_URL")
    host, port, db_name, user, password = fields
    driver = "postgresql" if dialect.startswith("postgres") else dialect
    return str(
        URL.create(driver, user or None, password or None, host or "localhost", int(port) if port else None, db_name)
    )


@dataclass(frozen=True)
class Line:
    """One line of a transcript: when, who ("student" / "assistant"), what, and the intent understood."""

    at: datetime
    who: str
    text: str
    intent: str | None


def has_events(engine: Engine) -> bool:
    """Whether the tracker store has its events table yet (Rasa creates it on first start)."""
    return inspect(engine).has_table("events")


def _when(timestamp: float | None) -> datetime:
    return datetime.fromtimestamp(timestamp or 0.0, timezone.utc).replace(tzinfo=None)


def transcript(engine: Engine, conversation_id: str, limit: int = 500) -> list[Line]:
    """The conversation's messages, oldest first (button payloads shown as the button's intent)."""
    if not has_events(engine):
        return []
    query = (
        select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.intent_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id == conversation_id, EVENTS.c.type_name.in_(("user", "bot")))
        .order_by(EVENTS.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    lines = []
    for type_name, timestamp, intent, data in reversed(rows):
        text = str((json.loads(data or "{}") or {}).get("text") or "")
        who = "student" if type_name == "user" else "assistant"
        lines.append(Line(_when(timestamp), who, text, intent if who == "student" else None))
    return lines


def user_events(engine: Engine, since: datetime | None = None) -> Iterator[tuple[str, datetime, dict]]:
    """Every student message: ``(conversation id, time, parsed event data)``, oldest first."""
    if not has_events(engine):
        return
    query = select(EVENTS.c.sender_id, EVENTS.c.timestamp, EVENTS.c.data).where(EVENTS.c.type_name == "user")
    if since is not None:
        query = query.where(EVENTS.c.timestamp >= since.replace(tzinfo=timezone.utc).timestamp())
    with engine.connect() as conn:
        for sender, timestamp, data in conn.execute(query.order_by(EVENTS.c.id)):
            yield sender, _when(timestamp), json.loads(data or "{}") or {}
