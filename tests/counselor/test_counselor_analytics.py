"""Analytics against a seeded tracker store with known counts (events as Rasa's SQL tracker store
writes them), scoped to the district of each conversation's student."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from counselor_helpers import copy_sqlite
from dashboard_fixtures import OTHER, SAMPLE, add_events, make_tracker, seed_dashboard, sign_in
from sqlalchemy import create_engine

from career_kb import students
from career_kb.counselor import analytics, tickets
from career_kb.db import make_engine, session_scope
from career_kb.models import School

SECRET = "analytics-secret"
WEEK_47 = datetime(2026, 11, 16, 10, 0, tzinfo=timezone.utc).timestamp()  # Monday of 2026-W47
WEEK_48 = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc).timestamp()  # Tuesday of 2026-W48


def _user(sender, when, text, intent, entities=(), faq_key=None):
    parse = {
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": e, "value": v} for e, v in entities],
    }
    if faq_key:
        parse["response_selector"] = {"faq": {"response": {"intent_response_key": faq_key}}}
    data = {"event": "user", "timestamp": when, "text": text, "parse_data": parse, "input_channel": "rest"}
    return {"sender_id": sender, "type_name": "user", "timestamp": when, "intent_name": intent, "data": data}


SEEDED = [
    _user("s1", WEEK_47, "how much do electricians make", "ask_pay", [("occupation", "electrician")]),
    _user("s1", WEEK_47 + 60, "how do i write a resume", "faq", faq_key="faq/resume"),
    _user("s1", WEEK_47 + 120, "blorp zzz", "nlu_fallback"),
    _user("s2", WEEK_47 + 30, "Electrician pay?", "ask_pay", [("occupation", "Electrician")]),
    _user("s2", WEEK_47 + 90, "what jobs are in health", "ask_clusters", [("cluster", "health")]),
    _user("s2", WEEK_47 + 150, "Blorp   zzz!", "nlu_fallback"),
    _user("s1", WEEK_48, "internships at meadowlark", "ask_wbl", [("partner", "Meadowlark Regional Health")]),
    _user("s1", WEEK_48 + 60, "what do nurses make", "ask_pay", [("occupation", "nurse")]),
    _user("s1", WEEK_48 + 90, "/ask_next_step", "ask_next_step"),
    _user("s-other", WEEK_48, "welder pay", "ask_pay", [("occupation", "welder")]),
    _user("s-none", WEEK_48, "plumber pay", "ask_pay", [("occupation", "plumber")]),
]


@pytest.fixture(scope="module")
def seeded(sqlite_kb_url, tmp_path_factory):
    work = tmp_path_factory.mktemp("analytics")
    kb_url = copy_sqlite(sqlite_kb_url, work / "kb.sqlite3")
    tracker_url = make_tracker(work / "tracker.db")
    add_events(tracker_url, SEEDED)
    dash = seed_dashboard(kb_url, tracker_url)  # its two tickets: schedule (sample) and requested (other)
    engine = make_engine(kb_url)
    with session_scope(engine) as session:
        session.add(
            School(
                id="other-hs",
                district_id=OTHER,
                name="Other High",
                level="high",
                grade_low=9,
                grade_high=12,
                zip="50001",
            )
        )
        session.flush()
        sid = {s: students.student_id_for(s, SECRET) for s in ("s1", "s2", "s-other")}
        students.upsert_profile(session, sid["s1"], grade=10, school_id="cf-riverbend-hs")
        students.upsert_profile(session, sid["s2"], grade=11, school_id="cf-bluestem-hs")
        students.upsert_profile(session, sid["s-other"], grade=11, school_id="other-hs")
        tickets.open_urgent_for_alert(
            session, student_id=sid["s2"], conversation_id="s2", channel="rest", alert_ref="a1"
        )
    engine.dispose()
    return dash


@pytest.fixture
def report(seeded, configure):
    configure(STUDENT_ID_SECRET=SECRET)
    engine = make_engine(seeded.kb_url)
    tracker = create_engine(seeded.tracker_url, future=True)
    with session_scope(engine) as session:
        yield analytics.build_report(session, tracker, SAMPLE)
    engine.dispose()
    tracker.dispose()


def test_counts_per_intent_week_and_group(report):
    assert (report.messages, report.conversations) == (8, 2)
    assert report.weeks == ["2026-W47", "2026-W48"]
    assert dict(report.intents_by_week["2026-W47"]) == {
        "ask_pay": 2,
        "faq/resume": 1,
        "nlu_fallback": 2,
        "ask_clusters": 1,
    }
    assert dict(report.intents_by_week["2026-W48"]) == {"ask_wbl": 1, "ask_pay": 1}
    assert report.intents.most_common(1) == [("ask_pay", 3)]
    assert dict(report.not_understood) == {"blorp zzz": 2}
    assert dict(report.careers) == {"electrician": 2, "nurse": 1}
    assert dict(report.clusters) == {"health": 1}
    assert dict(report.partners) == {"meadowlark regional health": 1}
    assert dict(report.handoffs) == {"schedule": 1, "crisis": 1}


def test_the_other_district_sees_only_its_student(seeded, configure):
    configure(STUDENT_ID_SECRET=SECRET)
    engine = make_engine(seeded.kb_url)
    tracker = create_engine(seeded.tracker_url, future=True)
    with session_scope(engine) as session:
        other = analytics.build_report(session, tracker, OTHER)
    assert (other.messages, dict(other.careers), dict(other.handoffs)) == (1, {"welder": 1}, {"requested": 1})


def test_the_page_draws_svg_charts_and_the_csv_has_the_figures(seeded, configure):
    configure(STUDENT_ID_SECRET=SECRET)
    client = seeded.app.test_client()
    sign_in(client, "casey.c")
    page = client.get("/analytics?period=all").get_data(as_text=True)
    assert "8 messages in 2 conversations." in page
    assert '<svg class="chart" id="chart-careers" role="img"' in page
    assert '<desc id="chart-careers-desc">electrician: 2; nurse: 1</desc>' in page
    assert '<desc id="chart-handoffs-desc">Crisis alert: 1; Schedule change: 1</desc>' in page
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    response = client.get("/analytics.csv?period=all")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "week", "key", "count"]
    assert ["intent_by_week", "2026-W47", "ask_pay", "2"] in rows
    assert ["not_understood", "", "blorp zzz", "2"] in rows
    assert ["careers", "", "electrician", "2"] in rows
    assert ["handoffs", "", "crisis", "1"] in rows
    assert len(rows) == 1 + 6 + 5 + 1 + 2 + 1 + 1 + 2
