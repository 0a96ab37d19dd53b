"""Slack over the running assistant: signed, wrongly signed, stale and retried Events API requests,
Block Kit button clicks, and a restart; replies captured by a fake Slack Web API on loopback."""

from __future__ import annotations

import json
import time
import urllib.parse
import uuid

import pytest
import requests
from channel_fakes import SIGNING_SECRET, slack_signature

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

TEAM = "T0CAREER1"
#: The two variants of utter_greet (domain.yml) start like this.
GREETINGS = ("Hey! 👋 I'm the career helper.", "Hi there! I help with careers:")
INTERESTS_QUESTION = "Let's find careers that fit you! What do you like?"
CRISIS_FIRST_LINE = "I'm really glad you told me. You matter, and you don't have to handle this alone."


def _id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:10].upper()


def post_signed(
    bot,
    path: str,
    body: bytes,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    headers: dict | None = None,
    content_type: str = "application/json",
    sign: bool = True,
):
    """POST ``body`` to ``/webhooks/slack/<path>`` with Slack's signature headers."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    sent = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts}
    if sign:
        sent["X-Slack-Signature"] = slack_signature(secret, ts, body)
    sent.update(headers or {})
    return requests.post(f"{bot.url}/webhooks/slack/{path}", data=body, headers=sent, timeout=30)


def dm_event(text: str, *, user: str, channel: str, event_id: str | None = None, **event_fields) -> dict:
    """An Events API envelope for a direct message to the app."""
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": user,
        "team": TEAM,
        "text": text,
        "ts": f"{time.time():.6f}",
        **event_fields,
    }
    return {
        "token": "unused",
        "team_id": TEAM,
        "api_app_id": "A0APP",
        "type": "event_callback",
        "event_id": event_id or _id("Ev"),
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": "U0BOTUSER", "is_bot": True}],
    }


def send_event(bot, envelope: dict, **kwargs):
    return post_signed(bot, "events", json.dumps(envelope).encode(), **kwargs)


def section_texts(call) -> list[str]:
    return [b["text"]["text"] for b in call.body["blocks"] if b["type"] == "section"]


def buttons(call) -> list[dict]:
    return [e for b in call.body["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_url_verification_answers_the_challenge_only_when_signed(channel_bot):
    body = json.dumps(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    ).encode()
    ok = post_signed(channel_bot, "events", body)
    assert ok.status_code == 200
    assert ok.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    refused = post_signed(channel_bot, "events", body, sign=False)
    assert refused.status_code == 401 and "3eZbrw1a" not in refused.text


def test_direct_message_is_answered_in_the_dm_with_block_kit_buttons(channel_bot):
    channel, user = _id("D"), _id("U")
    resp = send_event(channel_bot, dm_event("hi", user=user, channel=channel))
    assert resp.status_code == 200
    (call,) = channel_bot.slack.wait_posts(channel)
    assert call.headers["Authorization"] == "Bearer xoxb-test-token"
    assert "thread_ts" not in call.body  # a top-level DM gets a top-level answer
    assert section_texts(call)[0].startswith(GREETINGS)
    assert call.body["text"].startswith(GREETINGS)
    labels = {b["text"]["text"]: b["value"] for b in buttons(call)}
    # both greeting variants offer this button, under one of two labels
    assert {labels.get("Careers for what I like"), labels.get("Find careers I'd like")} >= {
        "/ask_careers_for_interests"
    }
    assert all(b["action_id"].startswith("rasa-button-") for b in buttons(call))


def test_a_mention_in_a_channel_is_answered_in_its_thread(channel_bot):
    channel, user, ts = _id("C"), _id("U"), "1700000123.000200"
    envelope = dm_event("<@U0BOTUSER> hello", user=user, channel=channel)
    envelope["event"].update({"type": "app_mention", "ts": ts})
    envelope["event"].pop("channel_type")
    assert send_event(channel_bot, envelope).status_code == 200
    (call,) = channel_bot.slack.wait_posts(channel)
    assert call.body["thread_ts"] == ts
    assert section_texts(call)[0].startswith(GREETINGS)


def test_a_message_in_a_dm_thread_is_answered_in_that_thread(channel_bot):
    channel, user = _id("D"), _id("U")
    envelope = dm_event("hello", user=user, channel=channel, thread_ts="1700000100.000100")
    assert send_event(channel_bot, envelope).status_code == 200
    (call,) = channel_bot.slack.wait_posts(channel)
    assert call.body["thread_ts"] == "1700000100.000100"


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "no signature", "stale timestamp", "tampered body", "future timestamp", "timestamp not a number"],
)
def test_badly_signed_requests_get_401_and_no_reply(channel_bot, case):
    channel, user = _id("D"), _id("U")
    body = json.dumps(dm_event("hi", user=user, channel=channel)).encode()
    now = int(time.time())
    if case == "wrong secret":
        resp = post_signed(channel_bot, "events", body, secret="not-the-signing-secret")
    elif case == "no signature":
        resp = post_signed(channel_bot, "events", body, sign=False)
    elif case == "stale timestamp":
        resp = post_signed(channel_bot, "events", body, timestamp=now - 5 * 60 - 30)
    elif case == "future timestamp":
        resp = post_signed(channel_bot, "events", body, timestamp=now + 5 * 60 + 30)
    elif case == "timestamp not a number":
        resp = post_signed(channel_bot, "events", body, headers={"X-Slack-Request-Timestamp": "soon"})
    else:
        ts = str(now)
        resp = requests.post(
            f"{channel_bot.url}/webhooks/slack/events",
            data=body.replace(b'"hi"', b'"yo"'),
            headers={
                "X-Slack-Request-Timestamp": ts,
                "Content-Type": "application/json",
                "X-Slack-Signature": slack_signature(SIGNING_SECRET, ts, body),
            },
            timeout=30,
        )
    assert resp.status_code == 401
    # a correctly signed message sent afterwards is answered; the refused one never is
    sentinel = _id("D")
    send_event(channel_bot, dm_event("hi", user=user, channel=sentinel))
    channel_bot.slack.wait_posts(sentinel)
    time.sleep(1.0)
    assert channel_bot.slack.posts(channel) == []


def test_interactivity_with_a_bad_signature_gets_401_and_no_reply(channel_bot):
    channel, user = _id("D"), _id("U")
    payload = click_payload(user, channel, "/ask_careers_for_interests")
    resp = post_signed(
        channel_bot, "interactive", payload, secret="wrong", content_type="application/x-www-form-urlencoded"
    )
    assert resp.status_code == 401
    time.sleep(2.0)
    assert channel_bot.slack.posts(channel) == []


@pytest.mark.parametrize(
    "reason", ["http_timeout", "http_error", "connection_failed", "unknown_error", "too_many_redirects"]
)
def test_a_retried_event_gets_no_second_reply_whatever_the_reason(channel_bot, reason):
    channel, user = _id("D"), _id("U")
    envelope = dm_event("hi", user=user, channel=channel)
    assert send_event(channel_bot, envelope).status_code == 200
    channel_bot.slack.wait_posts(channel)
    for num in (1, 2, 3):
        retry = send_event(
            channel_bot, envelope, headers={"X-Slack-Retry-Num": str(num), "X-Slack-Retry-Reason": reason}
        )
        assert retry.status_code == 200
        assert retry.headers.get("X-Slack-No-Retry") == "1"
    # a new message in the same DM is answered, so the server was still answering when the retries came
    send_event(channel_bot, dm_event("hello", user=user, channel=channel))
    channel_bot.slack.wait_posts(channel, count=2)
    time.sleep(1.0)
    assert len(channel_bot.slack.posts(channel)) == 2


def click_payload(
    user: str,
    channel: str,
    value: str,
    *,
    message_ts: str = "1700000200.000300",
    thread_ts: str | None = None,
    action_ts: str | None = None,
) -> bytes:
    """A signed-to-be ``block_actions`` form body, as Slack posts it when a button is clicked."""
    container = {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False}
    message = {"type": "message", "ts": message_ts, "bot_id": "B0BOT"}
    if thread_ts:
        container["thread_ts"] = thread_ts
        message["thread_ts"] = thread_ts
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": TEAM},
        "api_app_id": "A0APP",
        "team": {"id": TEAM},
        "container": container,
        "trigger_id": f"{uuid.uuid4().int % 10**12}.1",
        "channel": {"id": channel},
        "message": message,
        "response_url": "https://hooks.slack.invalid/x",
        "actions": [
            {
                "type": "button",
                "action_id": "rasa-button-1",
                "block_id": "b1",
                "value": value,
                "text": {"type": "plain_text", "text": "What does a nurse do?"},
                "action_ts": action_ts or f"{time.time():.6f}",
            }
        ],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def click(bot, user: str, channel: str, value: str, **kwargs):
    body = click_payload(user, channel, value, **kwargs)
    return post_signed(bot, "interactive", body, content_type="application/x-www-form-urlencoded"), body


def test_button_clicks_are_the_students_next_messages(channel_bot):
    channel, user = _id("D"), _id("U")
    send_event(channel_bot, dm_event("hi", user=user, channel=channel))
    (greeting,) = channel_bot.slack.wait_posts(channel)
    careers = next(b for b in buttons(greeting) if b["value"] == "/ask_careers_for_interests")
    resp, body = click(channel_bot, user, channel, careers["value"])
    assert resp.status_code == 200
    question = channel_bot.slack.wait_posts(channel, count=2)[1]
    assert section_texts(question)[0].startswith(INTERESTS_QUESTION)
    assert "thread_ts" not in question.body  # the DM, at top level
    biology = next(b for b in buttons(question) if b["text"]["text"] == "Biology")
    assert biology["value"] == '/ask_careers_for_interests{"subject":"biology"}'
    click(channel_bot, user, channel, biology["value"])
    answer = channel_bot.slack.wait_posts(channel, count=3)[2]
    assert section_texts(answer)[0].startswith("Since you like biology, you may enjoy")
    # the same click delivered twice is answered once
    assert (
        post_signed(channel_bot, "interactive", body, content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    time.sleep(2.0)
    assert len(channel_bot.slack.posts(channel)) == 3


def test_a_button_click_in_a_channel_thread_is_answered_in_that_thread(channel_bot):
    channel, user = _id("C"), _id("U")
    body = click_payload(user, channel, "hi", thread_ts="1700000300.000100", message_ts="1700000301.000200")
    assert (
        post_signed(channel_bot, "interactive", body, content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    (call,) = channel_bot.slack.wait_posts(channel)
    assert call.body["thread_ts"] == "1700000300.000100"


@pytest.mark.parametrize(
    "fields",
    [
        {"bot_id": "B0BOT"},  # a bot (this app or another)
        {"user": "U0BOTUSER"},  # this app's own user
        {"subtype": "message_changed"},  # an edit
        {"edited": {"user": "U1", "ts": "1700000000.000001"}},  # an edited message
        {"subtype": "bot_message"},
        {"channel_type": "channel"},  # channel chatter without a mention
    ],
)
def test_bot_messages_own_messages_and_edits_are_ignored(channel_bot, fields):
    channel, user = _id("D"), _id("U")
    envelope = dm_event("hi", user=user, channel=channel)
    envelope["event"].update(fields)
    assert send_event(channel_bot, envelope).status_code == 200
    sentinel = _id("D")
    send_event(channel_bot, dm_event("hi", user=user, channel=sentinel))
    channel_bot.slack.wait_posts(sentinel)
    time.sleep(1.0)
    assert channel_bot.slack.posts(channel) == []


def test_a_crisis_message_gets_the_crisis_resources_first(channel_bot):
    channel, user = _id("D"), _id("U")
    send_event(channel_bot, dm_event("i want to kill myself", user=user, channel=channel))
    first = channel_bot.slack.wait_posts(channel)[0]
    text = section_texts(first)[0]
    assert text.startswith(CRISIS_FIRST_LINE)
    assert "988 Suicide &amp; Crisis Lifeline: call or text 988" in text  # "&" escaped for Slack
    assert "text HOME to 741741" in text


def test_the_sender_id_is_the_verified_team_and_user(channel_bot):
    """Two students in one channel are two conversations, named by team and user id only."""
    channel, first, second = _id("C"), _id("U"), _id("U")
    for user, ts in ((first, "1700000400.000100"), (second, "1700000400.000200")):
        envelope = dm_event("<@U0BOTUSER> hi", user=user, channel=channel)
        envelope["event"].update({"type": "app_mention", "ts": ts})
        send_event(channel_bot, envelope)
    channel_bot.slack.wait_posts(channel, count=2)
    token = channel_bot.settings.auth_token
    for user in (first, second):
        tracker = requests.get(
            f"{channel_bot.url}/conversations/slack-{TEAM}:{user}/tracker", params={"token": token}, timeout=30
        ).json()
        texts = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
        assert texts == ["hi"]  # the mention is gone, and each student has only their own message
        assert tracker["latest_input_channel"] == "slack"


def test_no_message_text_is_logged(channel_bot):
    channel, user = _id("D"), _id("U")
    send_event(channel_bot, dm_event("my secret career wish is marine biology", user=user, channel=channel))
    channel_bot.slack.wait_posts(channel)
    log = channel_bot.rasa_log()
    assert "marine biology" not in log
    assert user not in log


def test_a_retried_event_gets_no_reply_after_a_restart(channel_bot):
    """Runs last in this module: it restarts the Rasa server (the fixture keeps it running after)."""
    channel, user = _id("D"), _id("U")
    envelope = dm_event("hi", user=user, channel=channel)
    send_event(channel_bot, envelope)
    channel_bot.slack.wait_posts(channel)
    channel_bot.restart()
    retry = send_event(channel_bot, envelope, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status_code == 200
    send_event(channel_bot, dm_event("hello", user=user, channel=channel))  # the restarted server answers new ones
    channel_bot.slack.wait_posts(channel, count=2)
    time.sleep(1.0)
    assert len(channel_bot.slack.posts(channel)) == 2
