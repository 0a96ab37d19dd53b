"""Pushing counselors' replies to channels that can take a message at any time (Slack).

A reply to a Slack student is posted at once with slack-sdk's ``chat.postMessage`` as a direct
message from the app to the student (the conversation id is ``slack-<team>:<user>``, as
:mod:`bot.channels.slack_events` makes it); on success it is marked delivered, on failure it stays
queued and is tried again the next time a counselor opens the ticket. Only the error's name is
logged, never the text. REST replies wait for the student's next message
(:mod:`bot.channels.outbox`); web-widget and Teams replies wait in the outbox.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from actions.wording import say
from career_kb.counselor import outbox

log = logging.getLogger(__name__)

#: A Slack conversation id: ``slack-<team>:<user>``.
SLACK_CONVERSATION = re.compile(r"^slack-[A-Z0-9]{2,40}:([A-Z0-9]{2,40})$")
DEFAULT_SLACK_API = "https://slack.com/api/"


def _quiet_logger() -> logging.Logger:
    logger = logging.getLogger("dashboard.delivery.slack")
    logger.setLevel(logging.WARNING)  # slack-sdk logs request bodies (the reply) at DEBUG
    return logger


@dataclass(frozen=True)
class SlackSender:
    """Posts replies with a bot token (``SLACK_BOT_TOKEN``)."""

    token: str
    api_base_url: str = DEFAULT_SLACK_API

    def post(self, user_id: str, text: str) -> bool:
        """Send ``text`` to ``user_id`` as a direct message; whether Slack took it."""
        client = WebClient(token=self.token, base_url=self.api_base_url, timeout=10, logger=_quiet_logger())
        try:
            client.chat_postMessage(channel=user_id, text=text, unfurl_links=False, unfurl_media=False)
        except SlackApiError as exc:
            log.error("slack reply not delivered: %s", exc.response.get("error", "unknown error"))
            return False
        except Exception as exc:  # noqa: BLE001 - network trouble: the reply stays queued
            log.error("slack reply not delivered: %s", type(exc).__name__)
            return False
        return True


def push_pending(session: Session, ticket_id: int, slack: SlackSender | None) -> int:
    """Send the ticket's queued replies to channels that can take them now; returns how many went."""
    if slack is None:
        return 0
    sent: list[int] = []
    for reply in outbox.replies_for_ticket(session, ticket_id):
        found = SLACK_CONVERSATION.match(reply.conversation_id)
        if reply.delivered_at is not None or reply.channel != "slack" or not found:
            continue
        if slack.post(found.group(1), say("handoff.counselor_reply", text=reply.body)):
            sent.append(reply.id)
    if sent:
        outbox.mark_delivered(session, sent)
    return len(sent)
