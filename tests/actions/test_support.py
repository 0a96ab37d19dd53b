"""Safety first, and a real hand-off to a counselor (a ticket in their queue)."""

from __future__ import annotations

import pytest

from actions import handoff, kb, support
from career_kb.db import make_engine
from conftest import payload_intents


async def test_safety_response_gives_crisis_resources_first(run_action):
    run = await run_action(support.ActionSafetyResponse(), "safety")
    first = run.texts[0]
    assert "988" in first and "741741" in first and "911" in first
    assert "call or text 988" in first and "text HOME to 741741" in first
    assert first.index("988") < first.index("741741") < first.index("911")
    assert "request_counselor" in payload_intents(run.buttons)  # then the offer to reach a counselor
    assert "counselor" in run.texts[-1]


@pytest.mark.no_kb
async def test_safety_response_does_not_depend_on_the_kb(run_action, tmp_path):
    broken = tmp_path / "not-a-database.sqlite3"
    broken.write_text("this is not a database")
    kb.configure(make_engine(f"sqlite:///{broken}"))
    try:
        run = await run_action(support.ActionSafetyResponse(), "safety")
    finally:
        kb.configure(None)
    assert "988" in run.texts[0] and "741741" in run.texts[0]


async def test_handoff_names_the_schools_counseling_office(run_action):
    run = await run_action(handoff.ActionHandoffCounselor(), "handoff_with_school")
    assert "Riverbend High School" in run.text and "Student Services Center, Room 112" in run.text
    assert "I've passed your request on to a counselor." in run.text
    assert "988" in run.text  # the safety line is always there
    assert len(run.buttons) >= 2


async def test_handoff_without_a_school_still_helps(run_action):
    run = await run_action(handoff.ActionHandoffCounselor(), "handoff_no_school")
    assert "counseling office" in run.text and run.buttons
