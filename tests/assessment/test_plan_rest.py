"""The interest quiz and the career plan over REST against the real assistant: the full quiz in at
most 40 turns, a plan that survives the end of a session and a server restart, and "delete my data"."""

from __future__ import annotations

import io
import json

import pypdfium2
import pytest
from PIL import Image, ImageStat
from sqlalchemy import func, select

from career_kb import models as m
from career_kb.assessment import bank
from career_kb.db import make_engine, session_scope

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _buttons(replies: list[dict]) -> list[dict]:
    return [b for r in replies for b in r.get("buttons") or []]


def _payload(replies: list[dict], **entities: str) -> str:
    """The payload of the button whose entities are ``entities``."""
    for b in _buttons(replies):
        payload = b["payload"]
        if "{" in payload and all(json.loads(payload[payload.index("{") :]).get(k) == v for k, v in entities.items()):
            return payload
    raise AssertionError(f"no button with {entities} in {replies}")


def _text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _rows(bot, sender: str) -> dict[str, int]:
    sid = bot.student_id(sender)
    engine = make_engine(bot.database_url)
    try:
        with session_scope(engine) as s:
            return {
                t.__tablename__: s.execute(select(func.count()).select_from(t).where(t.student_id == sid)).scalar_one()
                for t in (m.AssessmentAnswer, m.CareerPlan, m.CareerPlanItem, m.StudentProfile)
            }
    finally:
        engine.dispose()


#: The answer a student with strong Realistic and Investigative interests taps for each area.
RI_STUDENT = {"r": "like", "i": "like", "a": "dislike", "s": "dislike", "e": "dislike", "c": "unsure"}


def test_full_quiz_takes_at_most_40_turns(plan_bot):
    sender = "rest-quiz-full"
    turns = 0
    replies = plan_bot.post(sender, "take the interest quiz")
    turns += 1
    replies = plan_bot.post(sender, _payload(replies, quiz_version="full"))
    turns += 1
    while "Your Holland code" not in _text(replies):
        question = _text(replies)
        assert question.startswith("Question "), question
        # "Question 7 of 36: ...": the seventh item of items.yml; answer as the student's area says
        number = int(question.split()[1])
        item = bank.items_for("full")[number - 1]
        replies = plan_bot.post(sender, _payload(replies, quiz_answer=RI_STUDENT[item.area.lower()]))
        turns += 1
        assert turns <= 40
    assert turns == 38  # start, choose the full version, 36 answers
    text = _text(replies)
    assert "Your Holland code is RIC." in text
    assert "Careers that fit your interests:" in text
    # the chart is served by the Rasa server at the address in the reply (bot/plan_files.py)
    (image,) = [r["image"] for r in replies if r.get("image")]
    assert image.startswith(f"{plan_bot.settings.rasa_url.replace('localhost', '127.0.0.1')}/webhooks/plan/chart/")
    status, mime, body = plan_bot.get(image)
    assert (status, mime) == (200, "image/png")
    picture = Image.open(io.BytesIO(body))
    assert picture.size == (560, 300) and ImageStat.Stat(picture.convert("L")).stddev[0] > 10
    assert plan_bot.get(image.replace("/chart/", "/chart/0"))[0] == 404  # a changed token

    # the printable plan: one page, the interest areas, not blank
    replies = plan_bot.post(sender, "print my plan")
    (link,) = [b["url"] for b in _buttons(replies) if b.get("url")]
    status, mime, pdf = plan_bot.get(link)
    assert (status, mime) == (200, "application/pdf")
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1
    page_text = document[0].get_textpage().get_text_range()
    assert "My Career Plan" in page_text and "(Holland code RIC)" in page_text
    assert plan_bot.student_id(sender) not in page_text
    rendered = document[0].render(scale=1).to_pil().convert("L")
    assert sum(1 for v in rendered.getdata() if v < 128) > 2000


def test_plan_survives_session_end_and_restart_and_delete_removes_it(plan_bot):
    sender = "rest-plan-student"
    plan_bot.post(sender, "I'm in 10th grade")
    plan_bot.post(sender, "add electricians to my plan")
    replies = plan_bot.post(sender, "/take_quiz" + json.dumps({"quiz_version": "short"}))
    assert "Question 1 of 12" in _text(replies)
    for _ in range(5):
        replies = plan_bot.post(sender, _payload(replies, quiz_answer="like"))
    assert "Question 6 of 12" in _text(replies)
    shown = _text(plan_bot.post(sender, "show my plan"))
    assert "• Electricians" in shown and "question 6 of 12" in shown

    # the conversation session ends (a new one starts) and the conversation is restarted
    plan_bot.execute(sender, "action_session_start")
    plan_bot.post(sender, "/restart")
    shown = _text(plan_bot.post(sender, "show my plan"))
    assert "• Electricians" in shown and "question 6 of 12" in shown

    # both servers restart
    plan_bot.restart()
    shown = _text(plan_bot.post(sender, "show my plan"))
    assert "• Electricians" in shown and "question 6 of 12" in shown
    replies = plan_bot.post(sender, "/take_quiz" + json.dumps({"quiz_version": "resume"}))
    assert "Question 6 of 12" in _text(replies)
    assert _rows(plan_bot, sender)["assessment_answer"] == 5

    asked = _text(plan_bot.post(sender, "delete my data"))
    assert "Do you want me to delete everything I remember about you" in asked
    assert _rows(plan_bot, sender)["career_plan"] == 1  # nothing deleted before the student confirms
    plan_bot.post(sender, "/delete_my_data")  # the "Yes, delete it" button
    assert _rows(plan_bot, sender) == {
        "assessment_answer": 0,
        "career_plan": 0,
        "career_plan_item": 0,
        "student_profile": 0,
    }
    assert "empty" in _text(plan_bot.post(sender, "show my plan"))
