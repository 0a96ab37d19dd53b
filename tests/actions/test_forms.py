"""The profile form: its validation resolves and saves answers and names the next slot; its questions."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from actions import forms
from career_kb import students
from conftest import load_state, payload_entities, payload_intents

ROOT = Path(__file__).resolve().parents[2]


def form_state(fixture: str, answers: dict, requested: str | None = "school", active: bool = True, **slots) -> dict:
    """A tracker state while the profile form asks: the slots its mappings filled from the latest message."""
    state = load_state(fixture, slots={**slots, "requested_slot": requested})
    state["active_loop"] = {"name": "profile_form"} if active else {}
    state["events"] += [{"event": "action", "name": "profile_form"}] + [
        {"event": "slot", "name": name, "value": value} for name, value in answers.items()
    ]
    state["slots"].update(answers)
    return state


async def test_a_known_school_is_saved_and_the_form_is_done(run_action, action_engine):
    state = form_state("inform_school_resume", {"school": "Riverbend High"}, pending_action="action_cte_programs")
    run = await run_action(forms.ValidateProfileForm(), state)
    slots = run.slots()
    assert (slots["school_id"], slots["zip"], slots["state"]) == ("cf-riverbend-hs", "50315", "IA")
    assert slots["school"] == "Riverbend High School" and slots["requested_slot"] is None
    assert run.text == "Thanks! I'll remember that you go to Riverbend High School."
    with Session(action_engine, future=True) as s:
        saved = students.get_profile(s, slots["student_id"])
    assert (saved.school_id, saved.zip, saved.state) == ("cf-riverbend-hs", "50315", "IA")
    assert slots["student_id"] == students.student_id_for("fixture-inform_school_resume", "test-secret")


async def test_a_grade_for_next_steps_then_asks_the_place(run_action):
    state = form_state("inform_grade_button", {"grade": "9"}, requested="grade", pending_action="action_next_step")
    run = await run_action(forms.ValidateProfileForm(), state)
    slots = run.slots()
    assert slots["grade"] == 9.0 and slots["requested_slot"] == "school"
    assert run.text == "Thanks! I'll remember that you're in 9th grade."


async def test_a_zip_code_answers_the_school_question(run_action):
    state = form_state("inform_school_resume", {"zip": "50315", "school": "50315"}, pending_action="action_wbl")
    run = await run_action(forms.ValidateProfileForm(), state)
    slots = run.slots()
    assert (slots["zip"], slots["state"], slots["requested_slot"]) == ("50315", "IA", None)
    assert "school_id" not in slots and "unknown_school" not in slots
    assert run.text == "Thanks! I'll remember that your ZIP code is 50315."


async def test_an_unknown_school_is_quoted_and_asked_again(run_action):
    state = form_state("fallback_unknown_school", {"school": "Lincoln"}, pending_action="action_wbl")
    run = await run_action(forms.ValidateProfileForm(), state)
    slots = run.slots()
    assert slots["school"] is None and slots["unknown_school"] == "Lincoln" and slots["requested_slot"] == "school"
    assert "school_id" not in slots and run.messages == []


async def test_a_long_unknown_answer_is_not_quoted(run_action):
    state = form_state(
        "fallback_unknown_school",
        {"school": "the one by the big park near where my aunt lives"},
        pending_action="action_wbl",
    )
    state["latest_message"]["text"] = "the one by the big park near where my aunt lives"
    run = await run_action(forms.ValidateProfileForm(), state)
    assert run.slots()["unknown_school"] == ""


async def test_opening_the_form_validates_nothing_and_asks_what_is_missing(run_action):
    state = form_state("next_step_no_grade", {}, requested=None, active=False, pending_action="action_next_step")
    run = await run_action(forms.ValidateProfileForm(), state)
    assert run.events == [{"event": "slot", "timestamp": None, "name": "requested_slot", "value": "grade"}]
    known = form_state("next_step_no_location", {}, requested=None, active=False, pending_action="action_next_step")
    assert (await run_action(forms.ValidateProfileForm(), known)).slots() == {"requested_slot": "school"}


async def test_a_message_with_no_answer_sets_only_the_requested_slot(run_action):
    # nothing was filled (e.g. a safety message, whose intent no mapping accepts): Rasa rejects the form
    state = form_state("fallback_unknown_school", {}, pending_action="action_wbl")
    run = await run_action(forms.ValidateProfileForm(), state)
    assert run.slots() == {"requested_slot": "school"} and run.messages == []


async def test_the_school_question_offers_schools_for_the_grade_and_the_zip_option(run_action, action_engine):
    state = load_state("events_middle", slots={"school_id": None, "zip": None, "pending_action": "action_events"})
    run = await run_action(forms.ActionAskSchool(), state)
    assert run.text.startswith("To find career events near you, I need to know where you are.")
    assert "ZIP code" in run.text and set(payload_intents(run.buttons)) == {"inform"}
    names = [payload_entities(b)["school"] for b in run.buttons]
    assert names and all("Middle" in n for n in names)  # grade 7: middle schools only


async def test_the_school_question_again_after_an_unknown_school(run_action):
    state = load_state("fallback_unknown_school", slots={"unknown_school": "Lincoln"})
    run = await run_action(forms.ActionAskSchool(), state)
    assert run.text.startswith('I don\'t know a school called "Lincoln" in this district. Pick your school below')
    assert run.slots() == {"unknown_school": None} and run.buttons
    unmatched = await run_action(
        forms.ActionAskSchool(), load_state("fallback_unknown_school", slots={"unknown_school": ""})
    )
    assert unmatched.text.startswith("I couldn't match that to a school in this district.")


async def test_the_grade_question_has_a_button_per_grade(run_action):
    run = await run_action(
        forms.ActionAskGrade(), load_state("next_step_no_grade", slots={"pending_action": "action_next_step"})
    )
    assert run.text == "Quick question so I can suggest the right next steps for you: what grade are you in?"
    assert [payload_entities(b)["grade"] for b in run.buttons] == ["6", "7", "8", "9", "10", "11", "12"]


def test_the_forms_answers_come_only_from_inform_or_unplaced_messages():
    """A safety message (or any other question) is never taken as an answer to the profile form."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    required = domain["forms"]["profile_form"]["required_slots"]
    assert tuple(required) == forms.FORM_SLOTS
    for name in required:
        conditioned = [m for m in domain["slots"][name]["mappings"] if m.get("conditions")]
        assert conditioned, name
        assert all(m["intent"] == ["inform", "nlu_fallback"] for m in conditioned), name
        assert all(c["active_loop"] == "profile_form" for m in conditioned for c in m["conditions"]), name
