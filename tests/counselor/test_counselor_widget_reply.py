"""Issue 12 end to end in a real browser (Debian's chromium driven by Playwright): a student writes a
crisis message in the web widget on the demo page, a counselor signs in to the dashboard in a second
browser context, finds the urgent ticket, reads the transcript and replies, and the reply reaches the
student's widget conversation with the answer to their next message."""

from __future__ import annotations

import json
import re

import pytest
import test_counselor_browser as dashboard_browser

from career_kb.counselor import staff
from career_kb.db import make_engine, session_scope
from channels.test_widget_browser import ask, bot_says, open_with_keyboard

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

#: The dashboard browser tests' chromium (a fixture).
browser = dashboard_browser.browser

#: The first line of the crisis answer (actions/wording/en.yml, crisis message "en").
CRISIS_FIRST_LINE = "I'm really glad you told me. You matter, and you don't have to handle this alone."
REPLY = "Hi, this is Ms. Rivera from counseling. I will come find you in 3rd period."
#: How the student reads it (actions/wording/en.yml, counselor_reply).
DELIVERED = f"Message from your counselor: {REPLY}"
#: The dashboard's texts (dashboard/templates, dashboard/queue_views.py).
QUEUED = "Reply queued: the student gets it in their chat."


@pytest.fixture(scope="module")
def widget_counselor(counselor_bot) -> str:
    """A counselor account of its own in the sample district (the assistant's KB is shared by the session)."""
    engine = make_engine(counselor_bot.kb_url)
    with session_scope(engine) as session:
        staff.create_staff(session, "sample-confluence", "widget.counselor", dashboard_browser.PASSWORD, "counselor")
    engine.dispose()
    return "widget.counselor"


def _widget_sender(page, rasa_url: str) -> str:
    """The Rasa sender id of the widget's session: ``web-`` and the random part of the signed id the
    page keeps (bot/channels/widget_session.py: ``v1.<random>.<signature>``)."""
    stored = page.evaluate(f"() => localStorage.getItem({json.dumps('career-widget:' + rasa_url)})")
    token = json.loads(stored)["sessionId"]
    assert re.fullmatch(r"v1\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}", token), token
    return "web-" + token.split(".")[1]


def _counselor_replies(page, base: str, username: str, ticket_id: int) -> None:
    dashboard_browser._sign_in(page, base, username)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Ticket {ticket_id}", exact=True))
    assert row.get_by_role("cell").nth(0).inner_text() == "urgent"
    assert row.get_by_role("cell").nth(2).inner_text() == "Crisis alert"
    row.get_by_role("link").click()
    page.get_by_role("heading", name=f"Ticket {ticket_id}: Crisis alert").wait_for()
    page.get_by_role("link", name="Open the transcript").click()
    page.get_by_role("heading", name=f"Transcript of ticket {ticket_id}").wait_for()
    assert page.get_by_text("i want to kill myself").is_visible()
    page.get_by_role("link", name=re.compile(r"^Back to ticket")).click()
    page.get_by_label("Reply to the student").fill(REPLY)
    page.get_by_role("button", name="Send reply").click()
    assert page.get_by_role("status").get_by_text(QUEUED).is_visible()


def test_a_counselor_reply_to_an_urgent_widget_ticket_appears_in_the_widget(
    counselor_bot, dashboard_server, browser, widget_counselor
):
    student = browser.new_context()
    widget = student.new_page()
    widget.goto(f"{counselor_bot.url}/webhooks/widget/demo/")
    open_with_keyboard(widget)
    ask(widget, "i want to kill myself")
    bot_says(widget, CRISIS_FIRST_LINE)
    ticket_id = dashboard_browser._ticket_of(counselor_bot, _widget_sender(widget, counselor_bot.url))

    dashboard = browser.new_context()
    _counselor_replies(dashboard.new_page(), dashboard_server.url, widget_counselor, ticket_id)
    dashboard.close()

    log = widget.get_by_role("log", name="Conversation")
    assert log.get_by_text(DELIVERED).count() == 0  # not pushed: it waits for the student's next message
    ask(widget, "ok")
    bot_says(widget, DELIVERED)
    assert log.get_by_text(DELIVERED, exact=True).count() == 1
    student.close()
