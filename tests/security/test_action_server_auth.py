"""The action server accepts only the Rasa server (issue 10): forged calls are refused, nothing read or deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import rows_by_column, student_id

from conftest import http

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

SENDER = "trust-forgery-victim"


def forged_call(action: str, sender: str) -> bytes:
    """What any local process could post to /webhook before: a made-up tracker for someone else."""
    confirm = (
        "Do you want me to delete everything I remember about you: your grade, school, ZIP code, interests, "
        'career plan and our conversation? Tap "Yes, delete it" (or say "delete my data" again).'
    )
    tracker = {
        "sender_id": sender,
        "slots": {},
        "latest_message": {"text": "/delete_my_data", "intent": {"name": "delete_my_data"}, "entities": []},
        "events": [{"event": "bot", "text": confirm}, {"event": "user", "text": "/delete_my_data"}],
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    return json.dumps(
        {"next_action": action, "sender_id": sender, "tracker": tracker, "domain": {}, "version": "3.6.21"}
    ).encode("utf-8")


@pytest.fixture(scope="module")
def victim(trusted_bot) -> str:
    """A student who told the assistant their grade (so a profile exists)."""
    reply = trusted_bot.say(SENDER, "I'm in 10th grade")
    assert reply.status == 200 and any("10th grade" in t for t in reply.texts), reply.texts
    sid = student_id(trusted_bot.var_dir, SENDER)
    assert rows_by_column(trusted_bot.kb_url, "student_id", sid)["student_profile"] == 1
    return sid


@pytest.mark.parametrize("action", ["action_session_start", "action_delete_my_data"])
@pytest.mark.parametrize(
    "headers, status", [({}, 401), ({"X-Action-Token": "guessed"}, 403), ({"X-Action-Token": ""}, 401)]
)
def test_forged_action_calls_are_refused_and_change_nothing(trusted_bot, victim, action, headers, status):
    reply = http(trusted_bot.action_url, forged_call(action, SENDER), headers=headers)
    assert reply.status == status
    assert set(reply.body) == {"error"}  # no slots, no events, no profile values
    assert rows_by_column(trusted_bot.kb_url, "student_id", victim)["student_profile"] == 1


def test_the_action_list_needs_the_token_too(trusted_bot):
    assert http(trusted_bot.action_url.replace("/webhook", "/actions")).status == 401
    assert http(trusted_bot.action_url.replace("/webhook", "/health")).status == 200


def test_with_rasas_token_the_same_call_is_answered(trusted_bot, victim):
    """The control: the check is what refuses the forged calls (Rasa's own header gets the profile)."""
    reply = http(
        trusted_bot.action_url,
        forged_call("action_session_start", SENDER),
        headers={"X-Action-Token": trusted_bot.action_token},
    )
    assert reply.status == 200
    slots = {e["name"]: e["value"] for e in reply.body["events"] if e["event"] == "slot"}
    assert slots["grade"] == 10.0 and slots["student_id"] == victim


def _listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_the_action_server_listens_on_loopback_only(trusted_bot):
    assert _listening_addresses(trusted_bot.action_port) == {"0100007F"}  # 127.0.0.1


def test_rasa_sends_the_token_from_a_private_file(trusted_bot):
    endpoints = trusted_bot.var_dir / "endpoints.run.yml"
    config = yaml.safe_load(endpoints.read_text(encoding="utf-8"))
    assert config["action_endpoint"]["headers"] == {"X-Action-Token": trusted_bot.action_token}
    assert endpoints.stat().st_mode & 0o777 == 0o600
