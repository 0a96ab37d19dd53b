"""A dashboard on its own KB copy and tracker store, with accounts in two districts, for tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from career_kb import students
from career_kb.counselor import staff, tickets
from career_kb.counselor.transcripts import EVENTS
from career_kb.db import make_engine, session_scope
from career_kb.models import District
from dashboard.app import DashboardConfig, create_app

SAMPLE = "sample-confluence"
OTHER = "other-district"
PASSWORD = "a long test password"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Dashboard:
    """The app and what the tests need to know about its data."""

    app: object
    kb_url: str
    tracker_url: str
    ticket_id: int
    other_ticket_id: int


def make_tracker(path: Path) -> str:
    """An empty tracker store with Rasa's ``events`` table; its URL."""
    url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    EVENTS.metadata.create_all(engine)
    engine.dispose()
    return url


def add_events(tracker_url: str, rows: list[dict]) -> None:
    """Insert events rows (``data`` given as a dict)."""
    engine = create_engine(tracker_url, future=True)
    with engine.begin() as conn:
        conn.execute(EVENTS.insert(), [{**r, "data": json.dumps(r["data"])} for r in rows])
    engine.dispose()


def seed_dashboard(kb_url: str, tracker_url: str) -> Dashboard:
    """Accounts (admin + counselor in the sample district, a counselor elsewhere) and one ticket each."""
    engine = make_engine(kb_url)
    with session_scope(engine) as session:
        session.add(District(id=OTHER, name="Other District (test)", state="IA", is_sample=True))
        session.flush()
        staff.create_staff(session, SAMPLE, "ada.admin", PASSWORD, "admin")
        staff.create_staff(session, SAMPLE, "casey.c", PASSWORD, "counselor")
        staff.create_staff(session, OTHER, "olly.other", PASSWORD, "counselor")
        students.upsert_profile(session, "student-a", grade=10, school_id="cf-riverbend-hs")
        mine, _ = tickets.open_ticket(
            session,
            student_id="student-a",
            conversation_id="conv-a",
            channel="rest",
            category="schedule",
            last_turns=[("student", "i need to change my schedule")],
        )
        theirs, _ = tickets.open_ticket(
            session, student_id="student-b", conversation_id="conv-b", channel="rest", category="requested"
        )
        session.flush()
        from career_kb.models import Ticket

        session.get(Ticket, theirs.id).district_id = OTHER
    engine.dispose()
    app = create_app(DashboardConfig(kb_url, tracker_url, "test-secret-key", extra={"TESTING": True}))
    return Dashboard(app, kb_url, tracker_url, mine.id, theirs.id)


def csrf_token(client, path: str = "/login") -> str:
    """A CSRF token of the client's session, from a page's form."""
    page = client.get(path).get_data(as_text=True)
    found = CSRF.search(page)
    assert found, f"no csrf token on {path}"
    return found.group(1)


def sign_in(client, username: str) -> None:
    """Sign ``username`` in on ``client``."""
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
