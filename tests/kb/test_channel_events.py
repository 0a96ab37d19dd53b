"""The delivery log of chat-platform events (career_kb/channel_events.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from career_kb import channel_events
from career_kb.db import make_engine, session_scope
from career_kb.models import ChannelEvent


@pytest.fixture
def engine(empty_kb_url):
    eng = make_engine(empty_kb_url)
    yield eng
    eng.dispose()


def test_the_first_claim_wins_and_every_later_one_loses(engine):
    with session_scope(engine) as s:
        assert channel_events.claim_event(s, "slack", "Ev0123ABC") is True
    for _ in range(3):
        with session_scope(engine) as s:
            assert channel_events.claim_event(s, "slack", "Ev0123ABC") is False
    with session_scope(engine) as s:
        assert channel_events.claim_event(s, "teams", "Ev0123ABC") is True  # channels are separate
        assert channel_events.was_claimed(s, "slack", "Ev0123ABC")
        assert not channel_events.was_claimed(s, "slack", "Ev0999")


def test_claims_survive_a_new_engine(empty_kb_url):
    first = make_engine(empty_kb_url)
    with session_scope(first) as s:
        channel_events.claim_event(s, "slack", "Ev-restart")
    first.dispose()
    second = make_engine(empty_kb_url)  # as after a restart of the server
    with session_scope(second) as s:
        assert channel_events.claim_event(s, "slack", "Ev-restart") is False
    second.dispose()


def test_only_a_hash_of_the_event_id_is_stored(engine):
    with session_scope(engine) as s:
        channel_events.claim_event(s, "slack", "Ev0123ABC")
        (row,) = s.execute(select(ChannelEvent)).scalars()
        # SHA-256 of "Ev0123ABC", computed independently: printf 'Ev0123ABC' | sha256sum
        assert row.event_key == "444ba60230277c68325020f784244d544c7487bfe49d8a9401e105b371e61207"


def test_old_claims_are_pruned(engine):
    now = dt.datetime(2025, 11, 30, 12, 0, 0)
    with session_scope(engine) as s:
        channel_events.claim_event(s, "slack", "old", now=now - dt.timedelta(days=8))
        channel_events.claim_event(s, "slack", "recent", now=now - dt.timedelta(days=6))
    with session_scope(engine) as s:
        assert channel_events.prune_events(s, now=now) == 1
    with session_scope(engine) as s:
        assert channel_events.claim_event(s, "slack", "old") is True
        assert channel_events.claim_event(s, "slack", "recent") is False


def test_bad_arguments_are_refused(engine):
    with session_scope(engine) as s:
        with pytest.raises(ValueError):
            channel_events.claim_event(s, "", "Ev1")
        with pytest.raises(ValueError):
            channel_events.claim_event(s, "x" * 21, "Ev1")
        with pytest.raises(ValueError):
            channel_events.claim_event(s, "slack", "")
