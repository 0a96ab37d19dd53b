"""The Rasa launcher's cached action-response validation behaves like Rasa's own."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "occupation_code", "value": "29-1141.00", "timestamp": None}]},
    {"responses": [{"text": "Nurses earn…", "buttons": [{"title": "Pay", "payload": "/ask_pay"}]}]},
    {"events": [{"event": "followup", "name": "action_cte_programs"}, {"event": "restart"}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},
    {"responses": [1]},
]


@pytest.fixture(scope="module")
def validators():
    """Rasa's original method, then the installed cached one."""
    original = RemoteAction._validate_action_result
    rasa_server.install_cached_action_validation()
    yield original, RemoteAction._validate_action_result
    RemoteAction._validate_action_result = original


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_are_accepted_by_both(validators, result):
    original, cached = validators
    action = RemoteAction("action_test", None)
    assert original(action, result) is True
    assert cached(action, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_are_rejected_with_the_same_error(validators, result):
    original, cached = validators
    action = RemoteAction("action_test", None)
    with pytest.raises(ValidationError) as expected:
        original(action, result)
    with pytest.raises(ValidationError) as got:
        cached(action, result)
    assert got.value.message.split(". Failed")[0] == expected.value.message.split(". Failed")[0]
    assert "Failed to validate Action server response" in got.value.message


def test_install_is_idempotent(validators):
    _, cached = validators
    rasa_server.install_cached_action_validation()
    assert RemoteAction._validate_action_result is cached


def test_sqlite_tracker_connections_in_wal_mode_get_the_chosen_synchronous_level(tmp_path, configure):
    from sqlalchemy import create_engine, text

    wal_file, plain_file = tmp_path / "tracker.db", tmp_path / "plain.db"
    import sqlite3

    sqlite3.connect(wal_file).execute("PRAGMA journal_mode=WAL").close()
    configure(RASA_SQLITE_SYNCHRONOUS="normal")
    rasa_server.install_sqlite_wal_sync_normal()
    rasa_server.install_sqlite_wal_sync_normal()  # idempotent
    with create_engine(f"sqlite:///{wal_file}").connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    with create_engine(f"sqlite:///{plain_file}").connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL: not in WAL mode, untouched
    with pytest.raises(ValueError):
        rasa_server.install_sqlite_wal_sync_normal("sometimes")
    rasa_server.install_sqlite_wal_sync_normal("FULL")
    with create_engine(f"sqlite:///{wal_file}").connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
