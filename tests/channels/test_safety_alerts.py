"""Counselor alerts: written first, sent to Slack (a local fake of the Web API), never lost.

The unit tests drive :mod:`career_kb.alerts` on a fresh migrated SQLite database; the end-to-end
tests talk to the running assistant over REST (the session's ``channel_bot``, whose alert worker
posts to ``channel_bot.alerts_slack``).
"""

from __future__ import annotations

import json
import time
import urllib.request
from datetime import timedelta

import pytest
from channel_fakes import ALERT_CHANNEL, FakeSlackApi
from sqlalchemy import select, update

from career_kb import alerts, db, students
from career_kb.cli import main as cli_main
from career_kb.migrate import upgrade
from career_kb.models import SafetyAlert, StudentProfile


@pytest.fixture
def factory(tmp_path):
    url = f"sqlite:///{tmp_path / 'alerts.sqlite3'}"
    upgrade(url)
    engine = db.make_engine(url)
    yield db.session_factory(engine)
    engine.dispose()


def _target(fake: FakeSlackApi) -> alerts.SlackTarget:
    from slack_sdk import WebClient

    return alerts.SlackTarget(WebClient(token=fake.token, base_url=fake.base_url, timeout=5), ALERT_CHANNEL)


def _record(factory, **values) -> int:
    with factory.begin() as session:
        return alerts.record(session, **{"student_id": "s" * 64, "channel": "rest", "category": "abuse", **values})


def _row(factory, alert_id: int) -> SafetyAlert:
    with factory() as session:
        row = session.get(SafetyAlert, alert_id)
        session.expunge(row)
        return row


def test_a_recorded_alert_is_sent_with_category_and_id_and_marked_sent(factory):
    fake = FakeSlackApi().start()
    try:
        alert_id = _record(factory, rule="person_hurts_me", grade=9)
        assert _row(factory, alert_id).status == "pending"
        assert alerts.send_due(factory, _target(fake), first_delay=0.5) == 1
        (post,) = fake.posts(ALERT_CHANNEL)
    finally:
        fake.stop()
    assert post.body["text"].startswith(f":rotating_light: Safety alert #{alert_id}: *abuse* (rule `person_hurts_me`)")
    assert "grade: 9" in post.body["text"] and "channel: rest" in post.body["text"]
    row = _row(factory, alert_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None) and row.sent_at is not None


def test_a_failed_send_stays_queued_with_back_off_and_is_sent_once_later(factory):
    fake = FakeSlackApi()  # not started: connection refused
    alert_id = _record(factory, score=0.99, category="self_harm")
    assert alerts.send_due(factory, _target(fake), first_delay=30) == 0
    row = _row(factory, alert_id)
    assert (row.status, row.attempts) == ("pending", 1) and row.last_error
    assert row.next_attempt_at - row.created_at >= timedelta(seconds=29)
    assert alerts.send_due(factory, _target(fake), first_delay=30) == 0  # not due yet: no second try
    assert _row(factory, alert_id).attempts == 1
    fake.start()  # Slack is back; a new worker (after a restart) finds the alert in the table
    try:
        with factory.begin() as session:
            session.execute(update(SafetyAlert).values(next_attempt_at=row.created_at))
        assert alerts.send_due(factory, _target(fake), first_delay=30) == 1
        assert alerts.send_due(factory, _target(fake), first_delay=30) == 0
        assert len(fake.posts(ALERT_CHANNEL)) == 1
    finally:
        fake.stop()
    assert _row(factory, alert_id).status == "sent"


def test_back_off_doubles_and_is_capped_at_sixty_times_the_first_delay():
    assert [alerts.backoff(n, 5).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert alerts.backoff(12, 5).total_seconds() == 300


def test_delete_my_data_blanks_the_student_id_and_keeps_the_alert(factory):
    sid = "a" * 64
    with factory.begin() as session:
        session.add(StudentProfile(student_id=sid, grade=10))
    alert_id = _record(factory, student_id=sid)
    with factory.begin() as session:
        students.delete_student(session, sid)
    row = _row(factory, alert_id)
    assert row.student_id is None and row.category == "abuse"


def test_cli_lists_open_alerts_and_closes_one(factory, capsys):
    first, second = _record(factory, rule="kms", category="self_harm"), _record(factory, score=0.97)
    url = str(factory.kw["bind"].url)
    assert cli_main(["--db", url, "alerts"]) == 0
    listing = capsys.readouterr().out
    assert (
        f"{first:4d}  pending  self_harm     kms" in listing
        and f"{second:4d}  pending  abuse         score 0.97" in listing
    )
    assert cli_main(["--db", url, "alerts", "--close", str(first)]) == 0
    assert cli_main(["--db", url, "alerts", "--json"]) == 0
    out = capsys.readouterr().out
    assert [a["id"] for a in json.loads(out[out.index("[") :])] == [second]
    assert cli_main(["--db", url, "alerts", "--close", str(first)]) == 2  # EXIT_ERROR: no such open alert


# ------------------------------------------------------------------------------- end to end


def _say(bot, sender: str, text: str) -> list[dict]:
    request = urllib.request.Request(
        f"{bot.url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def _rest_alerts(bot) -> list[SafetyAlert]:
    engine = db.make_engine(bot.kb_url)
    try:
        with db.session_factory(engine)() as session:
            rows = session.execute(select(SafetyAlert).where(SafetyAlert.channel == "rest")).scalars().all()
            for row in rows:
                session.expunge(row)
            return list(rows)
    finally:
        engine.dispose()


def _wait(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise TimeoutError("condition not met")


@pytest.mark.slow
@pytest.mark.rasa
def test_rest_crisis_gets_resources_first_and_one_alert_that_reaches_slack(channel_bot):
    before = {a.id for a in _rest_alerts(channel_bot)}
    replies = _say(channel_bot, "alert-e2e-one", "I want to kill myself")
    assert "call or text 988" in replies[0]["text"] and "text HOME to 741741" in replies[0]["text"]
    new = [a for a in _rest_alerts(channel_bot) if a.id not in before]
    assert len(new) == 1 and new[0].category == "self_harm" and new[0].rule == "kill_myself"
    post = channel_bot.alerts_slack.recorder.wait_for(
        lambda c: c.path == "chat.postMessage" and f"#{new[0].id}:" in c.body.get("text", ""), timeout=60
    )[0]
    assert post.body["channel"] == ALERT_CHANNEL
    assert post.body["text"].startswith(f":rotating_light: Safety alert #{new[0].id}: *self harm* (rule `kill_myself`)")
    assert "want to kill" not in post.body["text"].lower()  # never the student's words


@pytest.mark.slow
@pytest.mark.rasa
def test_rest_alert_with_slack_down_is_sent_once_after_it_comes_back(channel_bot):
    fake = channel_bot.alerts_slack
    fake.stop()
    try:
        before = {a.id for a in _rest_alerts(channel_bot)}
        replies = _say(channel_bot, "alert-e2e-two", "my stepdad hits me and im scared to go home")
        assert "1-800-422-4453" in replies[0]["text"]
        (alert,) = [a for a in _rest_alerts(channel_bot) if a.id not in before]
        _wait(lambda: [a for a in _rest_alerts(channel_bot) if a.id == alert.id and a.attempts >= 2])
        assert [a.status for a in _rest_alerts(channel_bot) if a.id == alert.id] == ["pending"]
    finally:
        fake.start()
    _wait(lambda: [a for a in _rest_alerts(channel_bot) if a.id == alert.id and a.status == "sent"], timeout=90)
    time.sleep(3)  # the worker keeps running: no second post
    posts = fake.recorder.matching(lambda c: c.path == "chat.postMessage" and f"#{alert.id}:" in c.body["text"])
    assert len(posts) == 1
