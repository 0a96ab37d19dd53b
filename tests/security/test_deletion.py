"""Deletion that deletes (issue 10): profile, plan and the conversation in the tracker store, after a confirmation.

The running assistant (SQLite tracker store) end to end; Rasa's own ``SQLTrackerStore`` on SQLite
and on PostgreSQL in this process, with :mod:`bot.security.forget` installed as the Rasa server
installs it; and retention on both backends.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest
from helpers import rows_by_column, student_id, tracker_senders
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from career_kb import retention
from conftest import ROOT

CONFIRM = (
    "Do you want me to delete everything I remember about you: your grade, school, ZIP code, interests, "
    'career plan and our conversation? Tap "Yes, delete it" (or say "delete my data" again).'
)
DELETED = (
    "Done. I've deleted what I remembered about you: your grade, school, ZIP code, interests, career plan "
    "and this conversation. If you chat again, I'll start fresh."
)


@pytest.mark.rasa
@pytest.mark.slow
def test_delete_my_data_removes_profile_plan_and_conversation(trusted_bot):
    sender, other = "trust-delete-me", "trust-keep-me"
    for who in (sender, other):
        assert trusted_bot.say(who, "I'm in 10th grade").status == 200
        assert trusted_bot.say(who, "what does a nurse do?").status == 200
        saved = trusted_bot.say(who, "/save_to_plan")
        assert any(t.startswith("Saved: Registered Nurses") for t in saved.texts), saved.texts
    sid = student_id(trusted_bot.var_dir, sender)
    kb_rows = rows_by_column(trusted_bot.kb_url, "student_id", sid)
    assert kb_rows["student_profile"] == 1 and kb_rows["career_plan_item"] == 1

    asked = trusted_bot.say(sender, "delete my data")
    assert asked.texts == [CONFIRM]
    assert [b["payload"] for b in asked.body[0]["buttons"]] == ["/delete_my_data", "/deny"]
    assert rows_by_column(trusted_bot.kb_url, "student_id", sid)["student_profile"] == 1  # not before "yes"

    done = trusted_bot.say(sender, "/delete_my_data")
    assert done.texts == [DELETED]
    assert set(rows_by_column(trusted_bot.kb_url, "student_id", sid).values()) == {0}
    assert set(rows_by_column(f"sqlite:///{trusted_bot.tracker_db}", "sender_id", sender).values()) == {0}
    assert sender not in tracker_senders(trusted_bot.tracker_db) and other in tracker_senders(trusted_bot.tracker_db)
    assert (
        rows_by_column(trusted_bot.kb_url, "student_id", student_id(trusted_bot.var_dir, other))["career_plan_item"]
        == 1
    )

    again = trusted_bot.say(sender, "/show_plan")
    assert any("Your career plan is empty" in t for t in again.texts), again.texts


# --- Rasa's SQLTrackerStore on both backends ------------------------------------------------------


def _tracker_url(request, backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres_server").create_database("tracker")


def _store(url: str):
    from rasa.core.tracker_store import SQLTrackerStore

    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        return SQLTrackerStore(dialect="sqlite", db=u.database)
    return SQLTrackerStore(
        dialect="postgresql", host=u.host, port=u.port, db=u.database, username=u.username, password=u.password
    )


def _conversation(sender: str, delete: bool):
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        SlotSet("student_id", "f" * 64),
        ActionExecuted("action_listen"),
        UserUttered("I'm in 10th grade", {"name": "inform"}),
        SlotSet("grade", 10.0),
        BotUttered("Thanks! I'll remember that you're in 10th grade."),
        ActionExecuted("action_listen"),
        UserUttered("delete my data", {"name": "delete_my_data"}),
        ActionExecuted("action_delete_my_data"),
        BotUttered(CONFIRM),
        ActionExecuted("action_listen"),
    ]
    if delete:
        events += [
            UserUttered("/delete_my_data", {"name": "delete_my_data"}),
            ActionExecuted("action_delete_my_data"),
            BotUttered(DELETED),
            SlotSet("grade", None),
            SlotSet("student_id", None),
            ActionExecuted("action_listen"),
        ]
    return DialogueStateTracker.from_events(sender, events)


@pytest.mark.rasa
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_tracker_store_forgets_a_confirmed_deletion(request, backend, tmp_path):
    from bot.security import forget

    forget.install()
    url = _tracker_url(request, backend, tmp_path)
    store = _store(url)
    asked, other = _conversation("trust-pg-me", delete=False), _conversation("trust-pg-other", delete=False)
    asyncio.run(store.save(asked))
    asyncio.run(store.save(other))
    assert rows_by_column(url, "sender_id", "trust-pg-me")["events"] == 12  # asking deletes nothing

    asyncio.run(store.save(_conversation("trust-pg-me", delete=True)))
    assert set(rows_by_column(url, "sender_id", "trust-pg-me").values()) == {0}
    assert rows_by_column(url, "sender_id", "trust-pg-other")["events"] == 12
    assert asyncio.run(store.retrieve("trust-pg-me")) is None
    store.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_retention_deletes_idle_conversations_only(request, backend, tmp_path):
    url = _tracker_url(request, backend, tmp_path)
    engine = create_engine(url, future=True)
    now = 1_800_000_000.0
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)"
            )
        )
        rows = [("idle", now - 400 * 86400), ("idle", now - 366 * 86400), ("active", now - 400 * 86400)]
        rows += [("active", now - 10 * 86400), ("new", now - 60)]
        for i, (sender, ts) in enumerate(rows, 1):
            conn.execute(
                text("INSERT INTO events (id, sender_id, type_name, timestamp) VALUES (:i, :s, 'user', :t)"),
                {"i": i, "s": sender, "t": ts},
            )
    engine.dispose()
    done = retention.purge_idle_conversations(url, 365, now=now)
    assert (done.conversations, done.events) == (1, 2)
    assert rows_by_column(url, "sender_id", "idle")["events"] == 0
    assert rows_by_column(url, "sender_id", "active")["events"] == 2
    assert retention.purge_idle_conversations(url, 0, now=now).conversations == 0  # 0: keep forever


def test_the_retention_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url, future=True)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), timestamp FLOAT)"))
        conn.execute(
            text("INSERT INTO events (sender_id, timestamp) VALUES ('old', :t)"), {"t": time.time() - 3 * 86400}
        )
    engine.dispose()
    out = subprocess.run(
        [sys.executable, "-m", "career_kb.cli", "retention", "--days", "2", "--tracker-url", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "deleted 1 conversation(s) idle for more than 2 days (1 events)"
