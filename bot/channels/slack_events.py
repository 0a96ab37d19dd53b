"""What a verified Slack request asks the assistant to answer: pure functions, no I/O.

Slack sends two kinds of request (both signed, checked before anything here runs):

* Events API envelopes (``event_callback``): a direct message to the app (``message`` with
  ``channel_type: im``) or a mention in a channel (``app_mention``). Everything else is ignored:
  messages from bots (including this app), edits, deletions and other subtypes, and channel
  messages that do not mention the app (the app subscribes to ``message.im`` and ``app_mention``
  only, so a mention is never answered twice).
* Interactivity payloads (``block_actions``): a click on one of the assistant's buttons, handled
  as the student's next message (the button's value is the Rasa payload).

The sender id is ``slack-<team id>:<user id>``, both taken from the signed request, never from
anything a student types. Replies go where the student wrote: in a direct message at top level
(or in the thread the student used), in a channel in the thread of the mention.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.channels import mapping_at
from bot.channels.formatting import SLACK_ACTION_PREFIX, slack_incoming_text

#: Prefix of every Slack sender id in the tracker store (one memory per channel identity).
SENDER_PREFIX = "slack-"
_ID = re.compile(r"[A-Z0-9]{2,40}")
_TS = re.compile(r"\d{1,12}\.\d{1,9}")
#: Longest text taken from one Slack message (Slack itself allows 40,000 characters).
MAX_TEXT = 4000


@dataclass(frozen=True)
class SlackTurn:
    """One student message to answer: the delivery it came in, who sent it, what, and where to reply."""

    delivery_id: str
    sender_id: str
    text: str
    channel_id: str
    thread_ts: str | None = None


def sender_id_for(team_id: Any, user_id: Any) -> str | None:
    """``slack-<team>:<user>`` for well-formed Slack ids, else None."""
    if not isinstance(team_id, str) or not isinstance(user_id, str):
        return None
    if not _ID.fullmatch(team_id) or not _ID.fullmatch(user_id):
        return None
    return f"{SENDER_PREFIX}{team_id}:{user_id}"


def _ts(value: Any) -> str | None:
    return value if isinstance(value, str) and _TS.fullmatch(value) else None


def _bot_user_id(envelope: Mapping[str, Any]) -> str | None:
    for auth in envelope.get("authorizations") or []:
        if isinstance(auth, Mapping) and auth.get("is_bot") and isinstance(auth.get("user_id"), str):
            return auth["user_id"]
    return None


def _is_from_a_bot_or_edit(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype")
        or event.get("hidden")
        or event.get("edited")
        or (bot_user_id and event.get("user") == bot_user_id)
    )


def turn_from_event(envelope: Mapping[str, Any], bot_user_id: str | None = None) -> SlackTurn | None:
    """The message to answer in an Events API ``event_callback`` envelope, or None to ignore it.

    ``bot_user_id`` is this app's bot user (default: from the envelope's ``authorizations``).
    """
    if envelope.get("type") != "event_callback" or not isinstance(envelope.get("event"), Mapping):
        return None
    event = envelope["event"]
    event_id = envelope.get("event_id")
    bot_user_id = bot_user_id or _bot_user_id(envelope)
    if not isinstance(event_id, str) or not event_id or _is_from_a_bot_or_edit(event, bot_user_id):
        return None
    kind = event.get("type")
    if kind == "message" and event.get("channel_type") == "im":
        thread_ts = _ts(event.get("thread_ts"))  # top level in a DM unless the student used a thread
    elif kind == "app_mention":
        thread_ts = _ts(event.get("thread_ts")) or _ts(event.get("ts"))  # in channels: always a thread
    else:
        return None
    team_id = event.get("user_team") or event.get("team") or envelope.get("team_id")
    sender = sender_id_for(team_id, event.get("user"))
    channel_id = event.get("channel")
    text = slack_incoming_text(event.get("text"), bot_user_id)[:MAX_TEXT]
    if sender is None or not isinstance(channel_id, str) or not _ID.fullmatch(channel_id) or not text:
        return None
    return SlackTurn(f"event:{event_id}", sender, text, channel_id, thread_ts)


def turns_from_interaction(payload: Mapping[str, Any]) -> list[SlackTurn]:
    """The button clicks in an interactivity payload (``block_actions``) as student messages."""
    if payload.get("type") != "block_actions":
        return []
    user = mapping_at(payload, "user")
    team = mapping_at(payload, "team")
    channel = mapping_at(payload, "channel")
    container = mapping_at(payload, "container")
    message = mapping_at(payload, "message")
    sender = sender_id_for(user.get("team_id") or team.get("id"), user.get("id"))
    channel_id = channel.get("id") or container.get("channel_id")
    if sender is None or not isinstance(channel_id, str) or not _ID.fullmatch(channel_id):
        return []
    thread_ts = _ts(container.get("thread_ts")) or _ts(message.get("thread_ts"))
    if thread_ts is None and not channel_id.startswith("D") and not container.get("is_ephemeral"):
        thread_ts = _ts(container.get("message_ts")) or _ts(message.get("ts"))  # keep channel talk in a thread
    message_ts = _ts(container.get("message_ts")) or _ts(message.get("ts")) or ""
    turns = []
    for action in payload.get("actions") or []:
        if not isinstance(action, Mapping) or action.get("type") != "button":
            continue
        action_id, value = action.get("action_id"), action.get("value")
        if not str(action_id or "").startswith(SLACK_ACTION_PREFIX) or not isinstance(value, str) or not value.strip():
            continue  # link buttons (no value) and other apps' actions
        delivery = f"action:{channel_id}:{message_ts}:{action_id}:{action.get('action_ts')}"
        turns.append(SlackTurn(delivery, sender, value.strip()[:MAX_TEXT], channel_id, thread_ts))
    return turns
