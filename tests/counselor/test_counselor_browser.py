"""The dashboard in a real browser (Debian's chromium driven by Playwright), with the real assistant:
an urgent ticket from a crisis message over REST, its transcript, a reply that reaches the student;
and an FAQ answer the assistant uses at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from career_kb.counselor import staff
from career_kb.db import make_engine, session_scope
from career_kb.models import Ticket

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "browser test password"


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.fail("/usr/bin/chromium is missing: apt-get install -y chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def counselor(counselor_bot) -> str:
    engine = make_engine(counselor_bot.kb_url)
    with session_scope(engine) as session:
        staff.create_staff(session, "sample-confluence", "browser.counselor", PASSWORD, "counselor")
    engine.dispose()
    return "browser.counselor"


def _ticket_of(bot, conversation_id: str) -> int:
    engine = make_engine(bot.kb_url)
    with session_scope(engine) as session:
        ticket_id = session.execute(select(Ticket.id).where(Ticket.conversation_id == conversation_id)).scalar_one()
    engine.dispose()
    return ticket_id


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue", level=1).wait_for()


def test_urgent_ticket_transcript_and_a_reply_that_reaches_the_student(
    counselor_bot, dashboard_server, browser, counselor
):
    first = counselor_bot.texts("browser-student-1", "i want to kill myself")
    assert "988" in first[0]
    page = browser.new_page()
    _sign_in(page, dashboard_server.url, counselor)
    ticket_id = _ticket_of(counselor_bot, "browser-student-1")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Ticket {ticket_id}", exact=True))
    assert row.get_by_role("cell").nth(2).inner_text() == "Crisis alert"
    assert row.get_by_text("urgent", exact=True).is_visible()
    assert row.get_by_role("cell").nth(0).inner_text() == "urgent"
    row.get_by_role("link").click()
    page.get_by_role("heading", name=f"Ticket {ticket_id}: Crisis alert").wait_for()
    page.get_by_role("link", name="Open the transcript").click()
    page.get_by_role("heading", name=re.compile(r"^Transcript of ticket \d+$")).wait_for()
    assert page.get_by_text("i want to kill myself").is_visible()
    page.get_by_role("link", name=re.compile(r"^Back to ticket")).click()
    page.get_by_label("Reply to the student").fill("I'm here for you. I'll find you in homeroom this morning.")
    page.get_by_role("button", name="Send reply").click()
    assert page.get_by_role("status").get_by_text("Reply queued: the student gets it in their chat.").is_visible()
    page.close()
    texts = counselor_bot.texts("browser-student-1", "ok")
    assert texts[-1] == "Message from your counselor: I'm here for you. I'll find you in homeroom this morning."


def test_an_faq_answer_added_in_the_browser_is_used_at_once_over_rest(
    counselor_bot, dashboard_server, browser, counselor
):
    question = "where is the lost and found"
    answer = "The lost and found is in the front office, next to the attendance window."
    assert answer not in "\n".join(counselor_bot.texts("browser-student-2", question))
    page = browser.new_page()
    _sign_in(page, dashboard_server.url, counselor)
    page.get_by_role("link", name="FAQ answers").click()
    page.get_by_role("link", name="Add an answer").click()
    page.get_by_label("Example questions (one per line)").fill(
        "Where is the lost and found?\nI lost my jacket where do I look"
    )
    page.get_by_label("Answer", exact=True).fill(answer)
    page.get_by_role("button", name="Save answer").click()
    assert page.get_by_role("status").get_by_text("Answer saved. The assistant uses it from now on.").is_visible()
    page.close()
    assert counselor_bot.texts("browser-student-2", question)[0].startswith(answer)
