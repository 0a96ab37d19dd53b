"""A KB failure gives the student a friendly message and logs no personal data."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from actions import exploration, kb, local, occupations, profile
from career_kb.db import make_engine
from conftest import load_state

#: The friendly message (actions/wording/en.yml, errors.kb_failure).
KB_FAILURE = (
    "Sorry, I can't look that up right now: something went wrong on my side, not yours. "
    "Please try again in a minute. If you need help now, your school counselor can help."
)
PERSONAL = ("fixture-", "50315", "Riverbend", "nurse", "biology", "kill")


@pytest.fixture
def broken_kb(tmp_path):
    """The actions' sessionmaker bound to a file that is not a database."""
    path = tmp_path / "broken.sqlite3"
    path.write_text("not a database at all")
    engine = make_engine(f"sqlite:///{path}")
    kb.configure(engine)
    yield
    kb.configure(None)
    engine.dispose()


@pytest.mark.no_kb
@pytest.mark.parametrize(
    "action, fixture",
    [
        (occupations.ActionOccupationInfo(), "info_nurse"),
        (occupations.ActionPay(), "pay_followup_with_state"),
        (exploration.ActionCareersForInterests(), "interests_biology_grade7"),
        (exploration.ActionNextStep(), "next_step_high"),
        (local.ActionCtePrograms(), "cte_zip_in_message"),
        (profile.ActionUpdateProfile(), "inform_school_resume"),
        (profile.ActionDeleteMyData(), "delete_my_data_confirmed"),
    ],
)
async def test_kb_failure_is_friendly_and_logs_no_personal_data(run_action, broken_kb, caplog, action, fixture):
    caplog.set_level(logging.DEBUG)
    run = await run_action(action, fixture)
    assert run.texts == [KB_FAILURE]
    assert run.buttons and run.events == []
    records = [r for r in caplog.records if r.name.startswith("actions")]
    assert records, "the failure is logged"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert action.name() in logged and "DatabaseError" in logged
    for secret in PERSONAL:
        assert secret.lower() not in logged.lower()
    state = load_state(fixture)
    assert state["sender_id"] not in logged


@pytest.mark.no_kb
async def test_broken_database_url_gives_a_friendly_message(run_action, configure, caplog):
    configure(DATABASE_URL="postgresql://nobody@127.0.0.1:1/nothing")
    kb.configure(None)  # re-read DATABASE_URL
    try:
        run = await run_action(occupations.ActionPay(), "pay_followup_with_state")
    finally:
        kb.configure(None)
    assert run.texts == [KB_FAILURE]
    assert "OperationalError" in caplog.text and "nobody" not in caplog.text


@pytest.mark.no_kb
async def test_session_start_survives_a_kb_failure(run_action, broken_kb):
    run = await run_action(profile.ActionSessionStart(), "session_start")
    assert run.events[0]["event"] == "session_started"
    assert run.events[-1]["name"] == "action_listen"


async def test_kb_calls_run_off_the_event_loop(action_engine):
    """The blocking KB work runs in a worker thread, so the loop stays free for other students."""
    loop_thread = threading.get_ident()
    seen = {}

    def work(session, value):
        seen["thread"] = threading.get_ident()
        return value * 2

    ticks = 0

    async def ticker():
        nonlocal ticks
        for _ in range(5):
            ticks += 1
            await asyncio.sleep(0)

    result, _ = await asyncio.gather(kb.call(work, 21), ticker())
    assert result == 42 and seen["thread"] != loop_thread and ticks == 5
