"""What students ask, computed from the tracker store's events (and hand-offs from the tickets).

Per district: a conversation counts for the district of its student (the school in the profile, or
the only district of the KB; :func:`career_kb.counselor.tickets.student_district`), so counselors
see only their own students' questions. Figures:

* top intents (FAQ answers by their key, ``faq/resume``) per ISO week and overall;
* messages not understood (``nlu_fallback``), grouped by their normalised wording;
* careers, clusters and partners students named (the entities ``occupation``, ``cluster``, ``partner``);
* hand-offs by category (tickets opened in the period).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from career_kb import students
from career_kb.counselor.tickets import student_district
from career_kb.counselor.transcripts import user_events
from career_kb.counselor.vocabulary import CATEGORIES
from career_kb.models import Ticket

#: Entities counted, and the report field they fill.
ENTITY_FIELDS = {"occupation": "careers", "cluster": "clusters", "partner": "partners"}


@dataclass
class Report:
    """The analytics of one district over one period."""

    messages: int = 0
    conversations: int = 0
    intents_by_week: dict[str, Counter] = field(default_factory=dict)
    intents: Counter = field(default_factory=Counter)
    not_understood: Counter = field(default_factory=Counter)
    careers: Counter = field(default_factory=Counter)
    clusters: Counter = field(default_factory=Counter)
    partners: Counter = field(default_factory=Counter)
    handoffs: Counter = field(default_factory=Counter)

    @property
    def weeks(self) -> list[str]:
        """The ISO weeks with messages, oldest first (``2026-W48``)."""
        return sorted(self.intents_by_week)


def normalise(text: str) -> str:
    """A message's wording for grouping: lower case, letters/digits/apostrophes, single spaces."""
    return " ".join(re.sub(r"[^\w' ]+", " ", (text or "").lower()).split())


def iso_week(moment: datetime) -> str:
    """``YYYY-Www`` of a datetime."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def intent_of(data: dict) -> str | None:
    """The intent of a parsed user event; FAQ and chit-chat by their retrieval key."""
    parse = data.get("parse_data") or {}
    intent = (parse.get("intent") or {}).get("name")
    if intent in ("faq", "chitchat"):
        response = ((parse.get("response_selector") or {}).get(intent) or {}).get("response") or {}
        return response.get("intent_response_key") or intent
    return intent


def _count_entities(report: Report, data: dict) -> None:
    for ent in (data.get("parse_data") or {}).get("entities") or []:
        target = ENTITY_FIELDS.get(ent.get("entity"))
        value = normalise(str(ent.get("value") or ""))
        if target and value:
            getattr(report, target)[value] += 1


def build_report(
    session: Session,
    tracker: Engine,
    district_id: str,
    since: datetime | None = None,
    district_of: Callable[[str], str | None] | None = None,
) -> Report:
    """The report of ``district_id`` from ``since`` (everything when None)."""
    if district_of is None:

        def district_of(sender: str) -> str | None:
            return student_district(session, students.student_id_for(sender))

    report, seen, districts = Report(), set(), {}
    for sender, moment, data in user_events(tracker, since):
        if sender not in districts:
            districts[sender] = district_of(sender)
        if districts[sender] != district_id or str(data.get("text") or "").startswith("/"):
            continue
        intent = intent_of(data)
        report.messages += 1
        seen.add(sender)
        if intent:
            report.intents[intent] += 1
            report.intents_by_week.setdefault(iso_week(moment), Counter())[intent] += 1
        if intent == "nlu_fallback":
            report.not_understood[normalise(str(data.get("text") or ""))] += 1
        _count_entities(report, data)
    report.conversations = len(seen)
    report.handoffs = handoffs_by_category(session, district_id, since)
    return report


def handoffs_by_category(session: Session, district_id: str, since: datetime | None = None) -> Counter:
    """Tickets opened for the district's students, by category."""
    query = select(Ticket.category, func.count()).where(Ticket.district_id == district_id)
    if since is not None:
        query = query.where(Ticket.created_at >= since)
    rows = session.execute(query.group_by(Ticket.category)).all()
    return Counter({category: count for category, count in rows if category in CATEGORIES})


def csv_rows(report: Report) -> Iterable[tuple[str, str, str, int]]:
    """The report as rows ``(section, week, key, count)`` for a CSV export."""
    for week in report.weeks:
        for intent, count in report.intents_by_week[week].most_common():
            yield ("intent_by_week", week, intent, count)
    for section in ("intents", "not_understood", "careers", "clusters", "partners", "handoffs"):
        for key, count in getattr(report, section).most_common():
            yield (section, "", key, count)
