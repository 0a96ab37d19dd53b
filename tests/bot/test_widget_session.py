"""Widget session ids (bot/channels/widget_session.py): signed by the server, checked, never chosen by a client."""

from __future__ import annotations

import os
import re
import stat

from bot.channels import widget_session

SECRET = b"test-secret"
#: v1.<random>.<HMAC-SHA256("v1.<random>", SECRET), URL-safe base64 without padding>, worked out by hand.
KNOWN = "v1.abcdefghijklmnopqrstuvwx.soYsjzvsKZPD69S4mRRukLOtd0D9tXNfTQ5UHjS8cOw"
SHAPE = re.compile(r"v1\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}")


def test_a_signed_id_verifies_and_names_its_sender():
    session = widget_session.verify(KNOWN, SECRET)
    assert session == widget_session.WidgetSession(KNOWN, "web-abcdefghijklmnopqrstuvwx")


def test_issued_ids_are_random_signed_and_verify():
    one, two = widget_session.issue(SECRET), widget_session.issue(SECRET)
    assert SHAPE.fullmatch(one.token) and one.token != two.token
    assert widget_session.verify(one.token, SECRET) == one
    assert one.sender_id == "web-" + one.token.split(".")[1]


def test_ids_not_signed_with_the_secret_are_refused():
    assert widget_session.verify(KNOWN, b"another-secret") is None
    tampered = KNOWN.replace("abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwy")
    for token in (
        tampered,
        KNOWN[:-1] + "x",
        "v2" + KNOWN[2:],
        KNOWN + "=",
        "student-42",
        "",
        None,
        42,
        "v1..",
        "x" * 500,
    ):
        assert widget_session.verify(token, SECRET) is None


def test_resume_or_issue_resumes_only_a_valid_id():
    session, resumed = widget_session.resume_or_issue(KNOWN, SECRET)
    assert resumed and session.token == KNOWN
    fresh, resumed = widget_session.resume_or_issue("v1.abcdefghijklmnopqrstuvwx.forged", SECRET)
    assert not resumed and fresh.token != KNOWN and SHAPE.fullmatch(fresh.token)


def test_the_secret_comes_from_the_environment_or_is_generated_once_into_var(configure, tmp_path):
    configure(WIDGET_SESSION_SECRET="from-env", CAREER_KB_VAR_DIR=str(tmp_path))
    assert widget_session.session_secret() == b"from-env"
    assert not (tmp_path / "widget_session_secret").exists()
    configure(WIDGET_SESSION_SECRET=None, CAREER_KB_VAR_DIR=str(tmp_path))
    first = widget_session.session_secret()
    path = tmp_path / "widget_session_secret"
    assert len(first) == 64 and path.read_text().strip().encode() == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert widget_session.session_secret() == first  # reused: sessions survive restarts
