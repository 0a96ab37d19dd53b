"""REST identity in production (issue 10): a student's sender cannot be used without a token naming it."""

from __future__ import annotations

import json

import jwt
import pytest
from helpers import tracker_senders

from bot.security import identity
from conftest import http

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

VICTIM = "trust-identity-victim"


def _turn(bot, sender: str, headers: dict) -> object:
    return http(bot.rest, json.dumps({"sender": sender, "message": "/show_plan"}).encode(), headers=headers)


def test_another_students_sender_is_refused(trusted_bot):
    assert trusted_bot.say(VICTIM, "what does a nurse do?").status == 200
    assert trusted_bot.say(VICTIM, "/save_to_plan").status == 200
    senders_before = len(tracker_senders(trusted_bot.tracker_db))

    no_token = _turn(trusted_bot, VICTIM, {})
    assert no_token.status == 401 and "signed token" in no_token.body["error"]
    attacker = _turn(trusted_bot, VICTIM, trusted_bot.token_for("trust-identity-attacker"))
    assert attacker.status == 403 and set(attacker.body) == {"error"}
    forged = identity.sign_sender(VICTIM, "a guessed secret")
    assert _turn(trusted_bot, VICTIM, {"Authorization": f"Bearer {forged}"}).status == 401
    expired = identity.sign_sender(VICTIM, trusted_bot.jwt_secret, seconds=-10)
    assert _turn(trusted_bot, VICTIM, {"Authorization": f"Bearer {expired}"}).status == 401
    unsigned = jwt.encode({"sub": VICTIM, "exp": 4_000_000_000}, key="", algorithm="none")
    assert _turn(trusted_bot, VICTIM, {"Authorization": f"Bearer {unsigned}"}).status == 401
    assert len(tracker_senders(trusted_bot.tracker_db)) == senders_before

    own = _turn(trusted_bot, VICTIM, trusted_bot.token_for(VICTIM))
    assert own.status == 200 and any("• Registered Nurses" in t for t in own.texts), own.texts
