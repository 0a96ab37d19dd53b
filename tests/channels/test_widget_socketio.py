"""The web widget's socket.io channel over the running assistant, with a real socket.io client:
replies are delivered, session ids are issued and signed by the server, a forged one gets a fresh
session, and a restart keeps the conversation of the same signed id."""

from __future__ import annotations

import re

import pytest
import requests
from widget_client import WidgetClient

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

#: The two variants of utter_greet (domain.yml) start like this.
GREETINGS = ("Hey! 👋 I'm the career helper.", "Hi there! I help with careers:")
HELP_FIRST_LINE = "Here's what I can help with:"
SESSION_ID = re.compile(r"v1\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}")


def tracker_events(bot, sender_id: str) -> list[dict]:
    """The tracker's events for ``sender_id`` through the token-protected HTTP API."""
    url = f"{bot.url}/conversations/{sender_id}/tracker"
    reply = requests.get(url, params={"token": bot.settings.auth_token}, timeout=30)
    reply.raise_for_status()
    return reply.json()["events"]


def sender_of(session_id: str) -> str:
    """The Rasa sender id a signed session id stands for (docs/widget.md)."""
    return "web-" + session_id.split(".")[1]


async def test_a_message_gets_the_bots_reply_with_its_buttons(channel_bot):
    client = WidgetClient()
    try:
        session_id = await client.connect(channel_bot.url)
        assert session_id and SESSION_ID.fullmatch(session_id)
        events = await client.say("hello")
        assert events[0]["text"].startswith(GREETINGS)
        buttons = events[0]["buttons"]
        assert len(buttons) >= 4 and all(set(b) == {"title", "payload"} for b in buttons)
        assert any(b["payload"] == "/ask_careers_for_interests" for b in buttons)
        help_events = await client.say("/help")  # what a button click sends
        assert help_events[0]["text"].startswith(HELP_FIRST_LINE)
        assert {"title": "Talk to a counselor", "payload": "/request_counselor"} in help_events[0]["buttons"]
    finally:
        await client.close()


async def test_the_same_signed_id_continues_the_conversation_on_a_new_connection(channel_bot):
    first = WidgetClient()
    session_id = await first.connect(channel_bot.url)
    await first.say("hello")
    await first.close()
    again = WidgetClient()  # a reload: the widget presents the id it stored
    try:
        assert await again.connect(channel_bot.url, session_id) == session_id
        await again.say("/help")
    finally:
        await again.close()
    texts = [e.get("text") for e in tracker_events(channel_bot, sender_of(session_id)) if e["event"] == "user"]
    assert texts == ["hello", "/help"]


@pytest.mark.parametrize(
    "presented",
    [
        "student-42",  # an id a client picked
        "v1.AAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # well formed, wrong signature
        "",
    ],
)
async def test_an_id_the_server_did_not_sign_gets_a_fresh_session(channel_bot, presented):
    client = WidgetClient()
    try:
        session_id = await client.connect(channel_bot.url, presented)
        assert session_id != presented and SESSION_ID.fullmatch(session_id)
    finally:
        await client.close()


async def test_a_forged_signature_on_a_real_id_does_not_reach_that_conversation(channel_bot):
    owner = WidgetClient()
    session_id = await owner.connect(channel_bot.url)
    version, random_part, signature = session_id.split(".")
    forged = f"{version}.{random_part}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    intruder = WidgetClient()
    try:
        assert await intruder.connect(channel_bot.url, forged) != session_id
        await intruder.say("hello", session_id=session_id)  # naming the id in the message changes nothing
        assert await owner.nothing_received(3)
    finally:
        await intruder.close()
        await owner.close()


async def test_every_tab_of_a_session_gets_the_replies(channel_bot):
    one, two = WidgetClient(), WidgetClient()
    try:
        session_id = await one.connect(channel_bot.url)
        await two.connect(channel_bot.url, session_id)
        events = await one.say("/help")
        assert events[0]["text"].startswith(HELP_FIRST_LINE)
        assert (await two.collect())[0]["text"].startswith(HELP_FIRST_LINE)
    finally:
        await one.close()
        await two.close()


async def test_a_message_before_a_session_is_refused_with_an_error(channel_bot):
    client = WidgetClient()
    try:
        await client.connect(channel_bot.url, request_session=False)
        await client.sio.emit("user_uttered", {"message": "hello"})
        assert await client.errors.get() == {"error": "send session_request first"}
        assert await client.nothing_received(2)
    finally:
        await client.close()


def test_the_widget_files_are_served(channel_bot):
    bundle = requests.get(f"{channel_bot.url}/webhooks/widget/widget.js", timeout=30)
    assert bundle.status_code == 200 and bundle.headers["Content-Type"].startswith("text/javascript")
    demo = requests.get(f"{channel_bot.url}/webhooks/widget/demo/", timeout=30)
    assert demo.status_code == 200 and demo.headers["Content-Type"].startswith("text/html")
    assert 'src="../widget.js"' in demo.text


async def test_a_restart_keeps_the_conversation_of_the_same_signed_id(channel_bot):
    """Runs last in this module: it restarts the Rasa server (the fixture keeps it running after)."""
    before = WidgetClient()
    session_id = await before.connect(channel_bot.url)
    await before.say("hello")
    await before.close()
    channel_bot.restart()
    after = WidgetClient()
    try:
        assert await after.connect(channel_bot.url, session_id) == session_id
        events = await after.say("/help")
        assert events[0]["text"].startswith(HELP_FIRST_LINE)
    finally:
        await after.close()
    texts = [e.get("text") for e in tracker_events(channel_bot, sender_of(session_id)) if e["event"] == "user"]
    assert texts == ["hello", "/help"]
