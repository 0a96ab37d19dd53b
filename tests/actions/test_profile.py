"""The remembered profile and career plan: session start, update + resume, save, show, delete."""

from __future__ import annotations

from conftest import load_state, payload_entities, payload_intents
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions import profile
from career_kb import queries, students
from career_kb.models import CareerPlanItem, StudentProfile


def _db(engine):
    return Session(bind=engine, future=True)


async def test_update_profile_saves_school_and_resumes_the_pending_action(run_action, action_engine):
    run = await run_action(profile.ActionUpdateProfile(), "inform_school_resume")
    slots = run.slots()
    assert slots["school_id"] == "cf-riverbend-hs" and slots["zip"] == "50315" and slots["state"] == "IA"
    assert slots["pending_action"] is None
    assert run.followup() == "action_cte_programs"
    assert "Riverbend High School" in run.text
    with _db(action_engine) as s:
        saved = students.get_profile(s, slots["student_id"])
    assert (saved.school_id, saved.zip, saved.state) == ("cf-riverbend-hs", "50315", "IA")
    # the id is the keyed hash of the sender id, never the sender id itself
    assert slots["student_id"] == students.student_id_for("fixture-inform_school_resume", "test-secret")


async def test_grade_button_saves_grade_and_resumes(run_action):
    run = await run_action(profile.ActionUpdateProfile(), "inform_grade_button")
    assert run.slots()["grade"] == 9.0
    assert run.followup() == "action_next_step"


async def test_grade_said_in_words(run_action):
    state = load_state("inform_nothing", sender_id="junior-in-words",
                       latest_message={"text": "I'm a junior", "intent": {"name": "inform"}, "entities": []})
    run = await run_action(profile.ActionUpdateProfile(), state)
    assert run.slots()["grade"] == 11.0
    assert run.followup() is None  # nothing pending: just acknowledged, with buttons
    assert run.buttons


async def test_unrecognised_answer_asks_again_and_saves_nothing(run_action, action_engine):
    run = await run_action(profile.ActionUpdateProfile(), "inform_nothing")
    assert "didn't catch" in run.text and run.buttons
    assert run.events == []
    sid = students.student_id_for("fixture-inform_nothing", "test-secret")
    with _db(action_engine) as s:
        assert students.get_profile(s, sid) is None


async def test_unknown_school_is_said_and_not_saved(run_action):
    state = load_state("inform_school_resume", latest_message={
        "text": "I go to Hogwarts", "intent": {"name": "inform"}, "entities": [{"entity": "school", "value": "Hogwarts"}]})
    run = await run_action(profile.ActionUpdateProfile(), state)
    assert "couldn't find that school" in run.text
    assert "school_id" not in run.slots() and run.followup() is None


async def test_session_start_loads_the_remembered_profile(run_action, action_engine):
    sid = students.student_id_for("fixture-session_start", "test-secret")
    with _db(action_engine) as s:
        students.upsert_profile(s, sid, grade=8, zip="50320", state="IA", riasec_code="RI")
        s.commit()
    run = await run_action(profile.ActionSessionStart(), "session_start")
    assert run.events[0]["event"] == "session_started"
    assert run.events[-1] == {"event": "action", "name": "action_listen", "policy": None, "confidence": None, "timestamp": None}
    slots = run.slots()
    assert slots["grade"] == 8.0 and slots["zip"] == "50320" and slots["riasec_code"] == "RI" and slots["student_id"] == sid
    fresh = await run_action(profile.ActionSessionStart(), "session_start", sender_id="someone-new")
    assert "grade" not in fresh.slots() and fresh.slots()["student_id"] != sid


async def test_save_show_and_delete_my_data(run_action, action_engine):
    saved = await run_action(profile.ActionSaveToPlan(), "save_nurse")
    assert "Saved: Registered Nurses" in saved.text and "show_plan" in payload_intents(saved.buttons)
    again = await run_action(profile.ActionSaveToPlan(), "save_nurse")
    assert "Already saved" in again.text
    shown = await run_action(profile.ActionShowPlan(), "show_plan", sender_id="fixture-save_nurse")
    assert "• Registered Nurses" in shown.text and shown.buttons
    sid = saved.slots()["student_id"]
    with _db(action_engine) as s:
        students.upsert_profile(s, sid, grade=9, zip="50315")
        s.commit()
        assert s.execute(select(func.count()).select_from(CareerPlanItem).where(CareerPlanItem.student_id == sid)).scalar_one() == 1

    deleted = await run_action(profile.ActionDeleteMyData(), "delete_my_data", sender_id="fixture-save_nurse")
    assert "deleted" in deleted.text and deleted.buttons
    slots = deleted.slots()
    assert all(slots[name] is None for name in ("grade", "school_id", "zip", "state", "riasec_code"))
    with _db(action_engine) as s:
        assert s.get(StudentProfile, sid) is None
        assert s.execute(select(func.count()).select_from(CareerPlanItem).where(CareerPlanItem.student_id == sid)).scalar_one() == 0
    empty = await run_action(profile.ActionShowPlan(), "show_plan", sender_id="fixture-save_nurse")
    assert "empty" in empty.text


async def test_save_without_an_occupation_explains(run_action):
    run = await run_action(profile.ActionSaveToPlan(), "save_nothing")
    assert "find a career to save first" in run.text and run.buttons


# --- not understood (nlu_fallback) -----------------------------------------------------------------


async def test_unknown_school_while_the_school_question_waits(run_action, action_engine):
    run = await run_action(profile.ActionFallback(), "fallback_unknown_school")
    assert 'I don\'t know a school called "Lincoln" in this district' in run.text
    assert "ZIP code" in run.text
    assert set(payload_intents(run.buttons)) == {"inform"}
    offered = [payload_entities(b)["school"] for b in run.buttons]
    with _db(action_engine) as s:
        known = [c.name for c in queries.school_choices(s)]
    assert offered and set(offered) <= set(known)
    # the question still waits: pending_action is not touched, so the next answer resumes action_wbl
    assert run.events == []


async def test_unknown_school_quote_is_short_and_sanitized(run_action):
    state = load_state("fallback_unknown_school")
    typed = "<b>Lincoln</b>!!! " + "x" * 200
    state["latest_message"] = {**state["latest_message"], "text": typed}
    run = await run_action(profile.ActionFallback(), state)
    assert "<" not in run.text and "x" * 31 not in run.text
    quoted = run.text.split('"')[1] if '"' in run.text else ""
    assert len(quoted) <= 31
    assert run.buttons and set(payload_intents(run.buttons)) == {"inform"}


async def test_long_unknown_answer_is_not_quoted(run_action):
    state = load_state("fallback_unknown_school")
    state["latest_message"] = {**state["latest_message"], "text": "the one by the big park near where my aunt lives"}
    run = await run_action(profile.ActionFallback(), state)
    assert "couldn't match that to a school" in run.text and "aunt" not in run.text


async def test_not_understood_without_a_question_sends_utter_default(run_action):
    run = await run_action(profile.ActionFallback(), "fallback_no_question")
    assert [m.get("response") for m in run.messages] == ["utter_default"]
    assert run.events == []


async def test_not_understood_after_the_grade_question_sends_utter_default(run_action):
    state = load_state("fallback_unknown_school", slots={"pending_action": "action_next_step"})
    for event in state["events"]:
        if event["event"] == "bot":
            event["text"] = "Quick question so I can suggest the right next steps for you: what grade are you in?"
            event["data"] = {"buttons": [{"title": f"{g}th", "payload": f'/inform{{"grade":"{g}"}}'} for g in range(6, 13)]}
    run = await run_action(profile.ActionFallback(), state)
    assert [m.get("response") for m in run.messages] == ["utter_default"]


def test_snippet_keeps_only_a_short_safe_quote():
    from actions.context import snippet

    assert snippet("  Lincoln   High ") == "Lincoln High"
    assert snippet("St. Mary's & Co-op") == "St. Mary's & Co-op"
    assert snippet("<script>alert(1)</script>") == "script alert 1 script"
    long = snippet("Lincoln Memorial Academy of Science and Technology North Campus")
    assert long.endswith("…") and len(long) <= 31 and long.startswith("Lincoln Memorial")
