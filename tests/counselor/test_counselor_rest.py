"""Hand-off and the counselors' stored answers, through the running assistant over REST."""

from __future__ import annotations

import pytest
from counselor_helpers import student_id
from sqlalchemy import select

from career_kb.counselor import faq, outbox, staff, tickets
from career_kb.db import make_engine, session_scope
from career_kb.models import Ticket

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

SAMPLE = "sample-confluence"
WHEN = "writes back right here in this chat, usually within one school day"


def _tickets(bot, sender: str) -> list[tuple[str, int, str, str]]:
    engine = make_engine(bot.kb_url)
    try:
        with session_scope(engine) as session:
            rows = session.execute(
                select(Ticket.category, Ticket.urgency, Ticket.channel, Ticket.conversation_id)
                .where(Ticket.student_id == student_id(sender))
                .order_by(Ticket.id)
            ).all()
    finally:
        engine.dispose()
    return [tuple(r) for r in rows]


def test_asking_for_a_counselor_opens_a_ticket_and_says_what_happens_next(counselor_bot):
    text = "\n".join(counselor_bot.texts("rest-ask-1", "i want to talk to a counselor"))
    assert "I've passed your request on to a counselor." in text
    assert WHEN in text
    assert _tickets(counselor_bot, "rest-ask-1") == [("requested", 1, "rest", "rest-ask-1")]
    again = "\n".join(counselor_bot.texts("rest-ask-1", "can i talk to a real person"))
    assert "A counselor already has your request, and I've added what you just said." in again
    assert len(_tickets(counselor_bot, "rest-ask-1")) == 1


def test_a_topic_that_needs_a_person_opens_a_ticket_of_its_category(counselor_bot):
    text = "\n".join(counselor_bot.texts("rest-schedule-1", "i need to change my schedule"))
    assert "Schedule changes are something your counselor does with you, so I've passed this on to them." in text
    assert _tickets(counselor_bot, "rest-schedule-1") == [("schedule", 1, "rest", "rest-schedule-1")]


def test_two_misunderstandings_in_a_row_open_a_ticket(counselor_bot):
    first = "\n".join(counselor_bot.texts("rest-huh-1", "blorp zzz qwv"))
    assert first.startswith("Sorry, I didn't quite get that.")
    assert _tickets(counselor_bot, "rest-huh-1") == []
    second = "\n".join(counselor_bot.texts("rest-huh-1", "flarb snee wub"))
    assert "Sorry, I still didn't get that. I've asked a counselor to look at our chat so a person can help." in second
    assert _tickets(counselor_bot, "rest-huh-1") == [("not_understood", 1, "rest", "rest-huh-1")]


def test_a_crisis_message_gets_resources_first_and_an_urgent_ticket(counselor_bot):
    texts = counselor_bot.texts("rest-crisis-1", "i want to kill myself")
    assert "988" in texts[0] and "741741" in texts[0]
    assert _tickets(counselor_bot, "rest-crisis-1") == [("crisis", 3, "rest", "rest-crisis-1")]


def test_a_counselor_answer_is_used_at_once_without_retraining(counselor_bot):
    question = "when is the robotics club signup deadline"
    answer = "Robotics club signups close on September 15; sign up in Room 204."
    before = "\n".join(counselor_bot.texts("rest-faq-1", question))
    assert answer not in before
    engine = make_engine(counselor_bot.kb_url)
    try:
        with session_scope(engine) as session:
            faq.add_entry(
                session,
                SAMPLE,
                ["When is the robotics club signup deadline?", "how do I join robotics club"],
                answer,
            )
    finally:
        engine.dispose()
    after = counselor_bot.texts("rest-faq-1", question)
    assert after == [answer, "(This answer comes from your school's counselors.)"]


def test_a_counselor_reply_reaches_the_student_on_the_next_turn(counselor_bot):
    counselor_bot.texts("rest-reply-1", "i want to talk to a counselor")
    engine = make_engine(counselor_bot.kb_url)
    try:
        with session_scope(engine) as session:
            me = staff.create_staff(session, SAMPLE, "reply.tester", "a long enough password")
            (ticket,) = [t for t in tickets.queue(session, me) if t.conversation_id == "rest-reply-1"]
            outbox.queue_reply(session, ticket.id, me, "Hi! Come by Room 112 at lunch tomorrow.")
    finally:
        engine.dispose()
    texts = counselor_bot.texts("rest-reply-1", "thanks")
    assert texts[-1] == "Message from your counselor: Hi! Come by Room 112 at lunch tomorrow."
    assert "Message from your counselor" not in "\n".join(counselor_bot.texts("rest-reply-1", "thanks"))


def test_delete_my_data_deletes_the_students_tickets(counselor_bot):
    counselor_bot.texts("rest-delete-1", "i need a copy of my transcript")
    assert [t[0] for t in _tickets(counselor_bot, "rest-delete-1")] == ["transcript"]
    asked = counselor_bot.texts("rest-delete-1", "delete my data")
    assert asked[0].startswith("Do you want me to delete everything I remember about you")
    assert [t[0] for t in _tickets(counselor_bot, "rest-delete-1")] == ["transcript"]  # not before "yes"
    counselor_bot.texts("rest-delete-1", "/delete_my_data")  # the "Yes, delete it" button
    assert _tickets(counselor_bot, "rest-delete-1") == []


def test_a_trained_faq_without_a_stored_answer_still_gets_its_trained_answer(counselor_bot):
    texts = counselor_bot.texts("rest-faq-trained-1", "how do i make my first resume")
    assert texts[0].startswith("A resume is a one-page summary of what you can do. For a student that's usually:")
    assert "(This answer comes from your school's counselors.)" not in texts
