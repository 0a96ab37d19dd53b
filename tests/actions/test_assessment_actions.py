"""The interest quiz and the career plan as the action server runs them (real tracker, real KB)."""

from __future__ import annotations

import datetime as dt
import time

import pypdfium2
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions import assessment, profile
from actions import plan as plan_actions
from career_kb import models as m
from career_kb.assessment import links
from conftest import load_state, payload_entities, payload_intents


def _state(
    sender: str, intent: str, text: str = "", channel: str = "rest", slots: dict | None = None, **entities: str
) -> dict:
    state = load_state("show_plan", sender_id=sender, slots=slots or {})
    state["latest_message"] = {
        "text": text or f"/{intent}",
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [{"entity": k, "value": v} for k, v in entities.items()],
    }
    state["latest_input_channel"] = channel
    state["events"] = [
        *state["events"],
        {"event": "user", "text": text, "input_channel": channel, "parse_data": state["latest_message"]},
    ]
    return state


def _count(engine, table, sid) -> int:
    with Session(bind=engine, future=True) as s:
        return s.execute(select(func.count()).select_from(table).where(table.student_id == sid)).scalar_one()


async def _answer_all(run_action, sender, answers, channel="rest"):
    last = None
    for value in answers:
        last = await run_action(
            assessment.ActionQuizAnswer(), _state(sender, "quiz_answer", channel=channel, quiz_answer=value)
        )
    return last


async def test_short_quiz_start_stop_resume_and_result(run_action, action_engine):
    sender = "quiz-short"
    intro = await run_action(assessment.ActionQuizStart(), _state(sender, "take_quiz", "take the interest quiz"))
    assert "The full quiz has 36 questions" in intro.text
    assert [payload_entities(b) for b in intro.buttons] == [{"quiz_version": "full"}, {"quiz_version": "short"}]
    first = await run_action(assessment.ActionQuizStart(), _state(sender, "take_quiz", quiz_version="short"))
    # items.yml: the first item
    assert first.text == "Question 1 of 12: Would you like to... Fix a bike or a small engine?"
    assert [payload_entities(b)["quiz_answer"] for b in first.buttons] == ["like", "unsure", "dislike", "skip", "stop"]
    # r1 i1 a1 s1 e1 c1 r2 i2 a2 s2 e2 c2: likes hands-on and science, unsure about organizing
    answers = ["like", "like", "dislike", "dislike", "dislike", "unsure"] * 2
    await _answer_all(run_action, sender, answers[:4])
    stopped = await run_action(assessment.ActionQuizAnswer(), _state(sender, "quiz_answer", quiz_answer="stop"))
    assert "saved your answers" in stopped.text
    offer = await run_action(assessment.ActionQuizStart(), _state(sender, "take_quiz", "let's do the quiz"))
    assert "You stopped at question 5 of 12" in offer.text
    resumed = await run_action(assessment.ActionQuizStart(), _state(sender, "take_quiz", quiz_version="resume"))
    assert resumed.text.startswith("Question 5 of 12: Would you like to... Lead a team or a club")
    result = await _answer_all(run_action, sender, answers[4:])
    assert (
        "Your top interest areas are Realistic, Investigative and Conventional. Your Holland code is RIC."
        in result.text
    )
    images = [msg.get("image") for msg in result.messages if msg.get("image")]
    assert len(images) == 1 and images[0].startswith("http://localhost:5005/webhooks/plan/chart/")
    token = images[0].rsplit("/", 1)[1].removesuffix(".png")
    assert links.read_token(token, time.time()) == result.slots()["student_id"]
    with Session(bind=action_engine, future=True) as s:
        png = plan_actions.render_chart(s, result.slots()["student_id"])
    assert png.startswith(b"\x89PNG")
    assert "Careers that fit your interests:" in result.text and "(O*NET 29.3, May 2025)" in result.text
    assert "save_to_plan" in payload_intents(result.buttons)
    assert result.slots()["riasec_code"] == "RIC"


async def test_result_on_a_text_only_channel_has_no_image(run_action):
    sender = "quiz-slack"
    await run_action(assessment.ActionQuizStart(), _state(sender, "take_quiz", quiz_version="short", channel="slack"))
    result = await _answer_all(
        run_action, sender, ["dislike", "dislike", "like", "like", "unsure", "dislike"] * 2, channel="slack"
    )
    assert "Your Holland code is ASE" in result.text
    assert not any(msg.get("image") for msg in result.messages)


async def test_an_answer_without_a_quiz_offers_to_start(run_action):
    run = await run_action(assessment.ActionQuizAnswer(), _state("quiz-none", "quiz_answer", quiz_answer="like"))
    assert "start the interest quiz first" in run.text and payload_intents(run.buttons) == ["take_quiz", "take_quiz"]


async def test_plan_add_by_name_remove_did_the_job_shadow_print_and_delete(run_action, action_engine):
    sender = "plan-student"
    slots = {"grade": 10.0, "school_id": "cf-walnutcreek-hs"}
    added = await run_action(
        plan_actions.ActionSaveToPlan(),
        _state(sender, "save_to_plan", "add electricians", slots=slots, occupation="electricians"),
    )
    assert "Saved: Electricians is in your career plan" in added.text
    await run_action(
        plan_actions.ActionSaveToPlan(),
        _state(sender, "save_to_plan", "save registered nurses", slots=slots, occupation="registered nurse"),
    )
    wbl = await run_action(
        plan_actions.ActionSaveToPlan(), _state(sender, "save_to_plan", slots=slots, opportunity_type="job_shadow")
    )
    assert "Saved: you want to try job shadows." in wbl.text
    shown = await run_action(plan_actions.ActionShowPlan(), _state(sender, "show_plan", "show my plan", slots=slots))
    assert "• Electricians" in shown.text and "• Registered Nurses" in shown.text
    assert "Next steps:" in shown.text and "[ ] Meet with your school counselor" in shown.text
    # opportunities.csv: the Meadowlark hospital job shadow for grades 10-12, apply by 2027-01-22
    assert '[ ] Apply for "Hospital job shadow day: nursing, imaging and lab" by 2027-01-22.' in shown.text
    removed = await run_action(
        plan_actions.ActionRemoveFromPlan(),
        _state(sender, "remove_from_plan", "remove electricians", occupation="electricians"),
    )
    assert removed.text == "Removed Electricians from your career plan."
    done = await run_action(
        plan_actions.ActionStepDone(),
        _state(sender, "step_done", "I did the job shadow", opportunity_type="job_shadow"),
    )
    assert "I marked it done in your plan" in done.text
    again = await run_action(plan_actions.ActionShowPlan(), _state(sender, "show_plan", slots=slots))
    assert '[x] Apply for "Hospital job shadow day' in again.text and "• Electricians" not in again.text

    printed = await run_action(plan_actions.ActionExportPlan(), _state(sender, "export_plan", slots=slots))
    (link,) = printed.buttons
    assert link["title"] == "Open my plan (PDF)" and "/webhooks/plan/sheet/" in link["url"]
    sid = again.slots()["student_id"]
    assert links.read_token(link["url"].rsplit("/", 1)[1].removesuffix(".pdf"), time.time()) == sid
    with Session(bind=action_engine, future=True) as s:
        pdf = plan_actions.render_sheet(s, sid, dt.date(2026, 11, 30))
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1
    text = document[0].get_textpage().get_text_range()
    assert "My Career Plan" in text and "Registered Nurses" in text and "job shadow" in text
    assert "November 30, 2026" in text
    assert sid not in text and sender not in text
    slack = await run_action(plan_actions.ActionExportPlan(), _state(sender, "export_plan", channel="slack"))
    assert "Here it is as text" in slack.text and "Registered Nurses" in slack.text and not slack.buttons

    assert _count(action_engine, m.CareerPlan, sid) == 1
    await run_action(profile.ActionDeleteMyData(), _state(sender, "delete_my_data"))
    for table in (m.CareerPlan, m.CareerPlanItem, m.AssessmentAnswer, m.StudentProfile):
        assert _count(action_engine, table, sid) == 0
