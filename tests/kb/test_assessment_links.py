"""Signed links to a student's chart and printable plan: valid, unforgeable, expiring."""

from __future__ import annotations

from career_kb.assessment import links

SID = "ab" * 32


def test_a_token_names_the_student_until_it_expires(configure):
    configure(STUDENT_ID_SECRET="links-secret", PUBLIC_URL="https://careers.example.org/")
    token = links.make_token(SID, now=1_000_000)
    assert links.read_token(token, now=1_000_000 + 3599) == SID
    assert links.read_token(token, now=1_000_000 + 3601) is None  # an hour (links.TTL_SECONDS) later
    assert links.chart_url(SID, 1_000_000).startswith("https://careers.example.org/webhooks/plan/chart/")
    assert links.sheet_url(SID, 1_000_000).endswith(".pdf")


def test_a_changed_token_or_another_secret_is_refused(configure):
    configure(STUDENT_ID_SECRET="links-secret")
    token = links.make_token(SID, now=1_000_000)
    sid, expires, signature = token.split(".")
    assert links.read_token(f"{sid}.{int(expires) + 9999}.{signature}", now=1_000_000) is None
    assert links.read_token(f"{'cd' * 32}.{expires}.{signature}", now=1_000_000) is None
    assert links.read_token("../../etc/passwd", now=1_000_000) is None
    configure(STUDENT_ID_SECRET="another-secret")
    assert links.read_token(token, now=1_000_000) is None
