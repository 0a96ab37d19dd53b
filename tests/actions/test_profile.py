"""The remembered profile and career plan: session start, update + resume, save, show, delete."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions import plan as plan_actions
from actions import profile
from career_kb import students
from career_kb.models import CareerPlanItem, StudentProfile
from conftest import load_state, payload_intents


def _db(engine):
    return Session(bind=engine, future=True)


async def test_volunteered_school_is_saved_and_acknowledged(run_action, action_engine):
    run = await run_action(profile.ActionUpdateProfile(), "inform_school_resume", slots={"pending_action": None})
    slots = run.slots()
    assert slots["school_id"] == "cf-riverbend-hs" and slots["zip"] == "50315" and slots["state"] == "IA"
    assert run.followup() is None  # outside the profile form nothing is resumed
    assert run.text.startswith("Thanks! I'll remember that you go to Riverbend High School.")
    with _db(action_engine) as s:
        saved = students.get_profile(s, slots["student_id"])
    assert (saved.school_id, saved.zip, saved.state) == ("cf-riverbend-hs", "50315", "IA")
    # the id is the keyed hash of the sender id, never the sender id itself
    assert slots["student_id"] == students.student_id_for("fixture-inform_school_resume", "test-secret")


async def test_grade_said_in_words(run_action):
    state = load_state(
        "inform_nothing",
        sender_id="junior-in-words",
        latest_message={"text": "I'm a junior", "intent": {"name": "inform"}, "entities": []},
    )
    run = await run_action(profile.ActionUpdateProfile(), state)
    assert run.slots()["grade"] == 11.0
    assert run.followup() is None  # just acknowledged, with buttons
    assert run.buttons


async def test_unrecognised_answer_asks_again_and_saves_nothing(run_action, action_engine):
    run = await run_action(profile.ActionUpdateProfile(), "inform_nothing")
    assert "didn't catch" in run.text and run.buttons
    assert run.events == []
    sid = students.student_id_for("fixture-inform_nothing", "test-secret")
    with _db(action_engine) as s:
        assert students.get_profile(s, sid) is None


async def test_unknown_school_is_said_and_not_saved(run_action):
    state = load_state(
        "inform_school_resume",
        latest_message={
            "text": "I go to Hogwarts",
            "intent": {"name": "inform"},
            "entities": [{"entity": "school", "value": "Hogwarts"}],
        },
    )
    run = await run_action(profile.ActionUpdateProfile(), state)
    assert "couldn't find that school" in run.text
    assert "school_id" not in run.slots() and run.followup() is None
    assert run.slots()["pending_action"] is None  # a volunteered answer ends any unfinished question


async def test_session_start_loads_the_remembered_profile(run_action, action_engine):
    sid = students.student_id_for("fixture-session_start", "test-secret")
    with _db(action_engine) as s:
        students.upsert_profile(s, sid, grade=8, zip="50320", state="IA", riasec_code="RI")
        s.commit()
    run = await run_action(profile.ActionSessionStart(), "session_start")
    assert run.events[0]["event"] == "session_started"
    assert run.events[-1] == {
        "event": "action",
        "name": "action_listen",
        "policy": None,
        "confidence": None,
        "timestamp": None,
    }
    slots = run.slots()
    assert (
        slots["grade"] == 8.0
        and slots["zip"] == "50320"
        and slots["riasec_code"] == "RI"
        and slots["student_id"] == sid
    )
    fresh = await run_action(profile.ActionSessionStart(), "session_start", sender_id="someone-new")
    assert "grade" not in fresh.slots() and fresh.slots()["student_id"] != sid


async def test_save_show_and_delete_my_data(run_action, action_engine):
    saved = await run_action(plan_actions.ActionSaveToPlan(), "save_nurse")
    assert "Saved: Registered Nurses" in saved.text and "show_plan" in payload_intents(saved.buttons)
    again = await run_action(plan_actions.ActionSaveToPlan(), "save_nurse")
    assert "Already saved" in again.text
    shown = await run_action(plan_actions.ActionShowPlan(), "show_plan", sender_id="fixture-save_nurse")
    assert "• Registered Nurses" in shown.text and shown.buttons
    sid = saved.slots()["student_id"]
    with _db(action_engine) as s:
        students.upsert_profile(s, sid, grade=9, zip="50315")
        s.commit()
        assert (
            s.execute(
                select(func.count()).select_from(CareerPlanItem).where(CareerPlanItem.student_id == sid)
            ).scalar_one()
            == 1
        )

    asked = await run_action(profile.ActionDeleteMyData(), "delete_my_data", sender_id="fixture-save_nurse")
    assert asked.text.startswith("Do you want me to delete everything I remember about you")
    assert payload_intents(asked.buttons) == ["delete_my_data", "deny"] and asked.events == []
    with _db(action_engine) as s:
        assert s.get(StudentProfile, sid) is not None  # nothing deleted before the student confirms

    deleted = await run_action(profile.ActionDeleteMyData(), "delete_my_data_confirmed", sender_id="fixture-save_nurse")
    assert "deleted" in deleted.text and "this conversation" in deleted.text and deleted.buttons
    slots = deleted.slots()
    assert all(slots[name] is None for name in ("grade", "school_id", "zip", "state", "riasec_code", "student_id"))
    with _db(action_engine) as s:
        assert s.get(StudentProfile, sid) is None
        assert (
            s.execute(
                select(func.count()).select_from(CareerPlanItem).where(CareerPlanItem.student_id == sid)
            ).scalar_one()
            == 0
        )
    empty = await run_action(plan_actions.ActionShowPlan(), "show_plan", sender_id="fixture-save_nurse")
    assert "empty" in empty.text


async def test_save_without_an_occupation_explains(run_action):
    run = await run_action(plan_actions.ActionSaveToPlan(), "save_nothing")
    assert "find a career to save first" in run.text and run.buttons


def test_snippet_keeps_only_a_short_safe_quote():
    from actions.context import snippet

    assert snippet("  Lincoln   High ") == "Lincoln High"
    assert snippet("St. Mary's & Co-op") == "St. Mary's & Co-op"
    assert snippet("<script>alert(1)</script>") == "script alert 1 script"
    long = snippet("Lincoln Memorial Academy of Science and Technology North Campus")
    assert long.endswith("…") and len(long) <= 31 and long.startswith("Lincoln Memorial")
