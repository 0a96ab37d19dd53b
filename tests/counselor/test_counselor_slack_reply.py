"""A counselor's reply to a Slack student is posted at once through the Slack Web API (a local fake
speaking its protocol), and one that could not be sent is sent when the ticket is opened again."""

from __future__ import annotations

import pytest
from counselor_helpers import copy_sqlite
from dashboard_fixtures import csrf_token, make_tracker, seed_dashboard, sign_in

from career_kb import students
from career_kb.counselor import tickets
from career_kb.db import make_engine, session_scope
from channels.channel_fakes import FakeSlackApi
from dashboard.app import DashboardConfig, create_app

REPLY = "Hi, it's Ms. Rivera. Can you stop by the counseling office at 2?"


@pytest.fixture(scope="module")
def slack():
    fake = FakeSlackApi().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def slack_ticket(sqlite_kb_url, tmp_path_factory):
    work = tmp_path_factory.mktemp("slack_reply")
    kb_url = copy_sqlite(sqlite_kb_url, work / "kb.sqlite3")
    tracker_url = make_tracker(work / "tracker.db")
    seed_dashboard(kb_url, tracker_url)
    engine = make_engine(kb_url)
    with session_scope(engine) as session:
        students.upsert_profile(session, "slack-student", grade=12, school_id="cf-riverbend-hs")
        ticket, _ = tickets.open_ticket(
            session,
            student_id="slack-student",
            conversation_id="slack-T0001:U0SLACK1",
            channel="slack",
            category="requested",
        )
    engine.dispose()
    return kb_url, tracker_url, ticket.id


def _app(slack_ticket, token: str, base_url: str):
    kb_url, tracker_url, _ = slack_ticket
    config = DashboardConfig(
        kb_url, tracker_url, "k", slack_bot_token=token, slack_api_base_url=base_url, extra={"TESTING": True}
    )
    return create_app(config)


def test_a_reply_to_a_slack_student_is_posted_as_a_direct_message(slack, slack_ticket):
    ticket_id = slack_ticket[2]
    client = _app(slack_ticket, slack.token, slack.base_url).test_client()
    sign_in(client, "casey.c")
    token = csrf_token(client, f"/tickets/{ticket_id}")
    assert client.post(f"/tickets/{ticket_id}/reply", data={"body": REPLY, "csrf_token": token}).status_code == 302
    (post,) = slack.wait_posts("U0SLACK1", 1, timeout=30)
    assert post.body["text"] == f"Message from your counselor: {REPLY}"
    assert "(delivered)" in client.get(f"/tickets/{ticket_id}").get_data(as_text=True)


def test_a_reply_slack_refused_waits_and_is_sent_when_the_ticket_is_opened_again(slack, slack_ticket):
    ticket_id = slack_ticket[2]
    refused = _app(slack_ticket, "xoxb-wrong-token", slack.base_url).test_client()
    sign_in(refused, "casey.c")
    token = csrf_token(refused, f"/tickets/{ticket_id}")
    refused.post(f"/tickets/{ticket_id}/reply", data={"body": "Second note: bring your plan.", "csrf_token": token})
    assert "(waiting to be sent)" in refused.get(f"/tickets/{ticket_id}").get_data(as_text=True)
    working = _app(slack_ticket, slack.token, slack.base_url).test_client()
    sign_in(working, "casey.c")
    page = working.get(f"/tickets/{ticket_id}").get_data(as_text=True)
    assert "(waiting to be sent)" not in page
    # the first reply; the refused post and the refused retry when the page showed it; the resend
    posts = slack.wait_posts("U0SLACK1", 4, timeout=30)
    good, wrong = f"Bearer {slack.token}", "Bearer xoxb-wrong-token"
    assert [p.headers["Authorization"] for p in posts] == [good, wrong, wrong, good]
    assert posts[-1].body["text"] == "Message from your counselor: Second note: bring your plan."
    assert posts[-1].headers["Authorization"] == f"Bearer {slack.token}"
