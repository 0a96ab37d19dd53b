"""Logs without message text or sender ids, with a request id (issue 10)."""

from __future__ import annotations

import json
import re
import secrets

import pytest

from conftest import http

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def test_no_message_text_or_sender_id_in_the_logs(trusted_bot):
    marker = f"zqmarker{secrets.token_hex(4)}"
    sender = f"trust-log-{marker}-sender"
    turns = [
        f"what does a {marker} do?",
        f'/ask_pay{{"occupation": "{marker}"}}',
        f"/no_such_intent_{marker}",
        f"/ask_pay{{{marker}",
        f"my school is {marker}",
        marker * 300,  # oversize
        f"delete my data {marker}",
    ]
    for text in turns:
        assert trusted_bot.say(sender, text).status == 200
    http(trusted_bot.rest, json.dumps({"sender": sender, "message": None}).encode())
    log = trusted_bot.log()
    assert marker not in log
    assert "trust-log-" not in log
    assert re.search(r"\[req [0-9a-f]{12}\]", log), "log lines of a request carry its id"
