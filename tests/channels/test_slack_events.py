"""Which Slack events are answered, as whom and where (bot/channels/slack_events.py)."""

from __future__ import annotations

import pytest

from bot.channels.slack_events import SlackTurn, sender_id_for, turn_from_event, turns_from_interaction


def envelope(**event) -> dict:
    base = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM1",
        "user": "U0STUDENT",
        "team": "T0SCHOOL",
        "text": "hi",
        "ts": "1700000000.000100",
    }
    return {
        "type": "event_callback",
        "team_id": "T0SCHOOL",
        "event_id": "Ev0001",
        "event": {**base, **event},
        "authorizations": [{"team_id": "T0SCHOOL", "user_id": "U0BOT", "is_bot": True}],
    }


def test_a_direct_message_is_a_turn_in_the_dm():
    assert turn_from_event(envelope()) == SlackTurn("event:Ev0001", "slack-T0SCHOOL:U0STUDENT", "hi", "D0DM1", None)


def test_a_direct_message_in_a_thread_stays_in_the_thread():
    assert turn_from_event(envelope(thread_ts="1699999999.000001")).thread_ts == "1699999999.000001"


def test_a_mention_is_answered_in_a_thread_without_the_mention():
    env = envelope(type="app_mention", channel="C0CLASS", text="<@U0BOT> what does a nurse do?")
    del env["event"]["channel_type"]
    turn = turn_from_event(env)
    assert (turn.channel_id, turn.thread_ts, turn.text) == ("C0CLASS", "1700000000.000100", "what does a nurse do?")


def test_the_users_own_team_wins_in_shared_channels():
    assert turn_from_event(envelope(user_team="T0OTHER")).sender_id == "slack-T0OTHER:U0STUDENT"


@pytest.mark.parametrize(
    "fields",
    [
        {"bot_id": "B01"},
        {"user": "U0BOT"},
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"edited": {"ts": "1"}},
        {"hidden": True},
        {"channel_type": "channel"},
        {"type": "reaction_added"},
        {"text": ""},
        {"text": "<@U0BOT>"},
        {"user": "not an id"},
        {"channel": "../etc"},
    ],
)
def test_events_that_are_not_a_students_new_message_are_ignored(fields):
    assert turn_from_event(envelope(**fields)) is None


def test_other_envelopes_are_ignored():
    assert turn_from_event({"type": "url_verification", "challenge": "x"}) is None
    env = envelope()
    del env["event_id"]
    assert turn_from_event(env) is None


def test_sender_ids_need_well_formed_slack_ids():
    assert sender_id_for("T0SCHOOL", "W0ENTERPRISE") == "slack-T0SCHOOL:W0ENTERPRISE"
    assert sender_id_for("T0SCHOOL", None) is None
    assert sender_id_for("T0SCHOOL:U1", "U2") is None  # no way to smuggle a separator in


def click(**overrides) -> dict:
    payload = {
        "type": "block_actions",
        "user": {"id": "U0STUDENT", "team_id": "T0SCHOOL"},
        "team": {"id": "T0SCHOOL"},
        "channel": {"id": "D0DM1"},
        "container": {"type": "message", "message_ts": "1700000001.000200"},
        "message": {"ts": "1700000001.000200"},
        "actions": [{"type": "button", "action_id": "rasa-button-0", "value": "/ask_pay", "action_ts": "1700000002.1"}],
    }
    payload.update(overrides)
    return payload


def test_a_button_click_is_a_turn_with_the_payload():
    (turn,) = turns_from_interaction(click())
    assert turn == SlackTurn(
        "action:D0DM1:1700000001.000200:rasa-button-0:1700000002.1",
        "slack-T0SCHOOL:U0STUDENT",
        "/ask_pay",
        "D0DM1",
        None,
    )


def test_a_click_in_a_channel_is_answered_in_the_thread():
    (turn,) = turns_from_interaction(
        click(
            channel={"id": "C0CLASS"}, container={"message_ts": "1700000001.000200", "thread_ts": "1700000000.000100"}
        )
    )
    assert turn.thread_ts == "1700000000.000100"


def test_link_buttons_and_other_apps_actions_are_not_messages():
    assert (
        turns_from_interaction(
            click(actions=[{"type": "button", "action_id": "rasa-button-1", "url": "https://x.org"}])
        )
        == []
    )
    assert turns_from_interaction(click(actions=[{"type": "button", "action_id": "other-app", "value": "/x"}])) == []
    assert turns_from_interaction(click(type="view_submission")) == []
