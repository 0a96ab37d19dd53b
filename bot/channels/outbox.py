"""The REST channel, plus the counselors' replies: a reply waiting in the outbox
(:mod:`career_kb.counselor.outbox`) is handed to the student after the assistant's answer to their
next message.

``credentials.yml`` names this class instead of ``rest:``; it keeps the REST channel's name and
address (``/webhooks/rest/webhook``) and its request and response format. Only the reply text is
sent, as :func:`actions.handoff.counselor_reply_text` words it; nothing about it is logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from actions.handoff import counselor_reply_text
from career_kb import db
from career_kb.counselor import outbox

log = logging.getLogger(__name__)


def take_replies(conversation_id: str) -> list[str]:
    """The conversation's undelivered counselor replies (marked delivered), as the student will read them."""
    with db.session_scope() as session:
        replies = outbox.take_pending(session, conversation_id)
    return [counselor_reply_text(r.body) for r in replies]


class OutboxRestInput(RestInput):
    """``rest``: Rasa's REST channel that also delivers the counselors' replies on the next turn."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """Rasa's REST endpoints, with each message's handling followed by the pending replies."""

        async def handle_then_deliver(message: UserMessage) -> None:
            await on_new_message(message)
            if not message.sender_id:
                return
            loop = asyncio.get_running_loop()
            try:
                texts = await loop.run_in_executor(None, take_replies, message.sender_id)
            except Exception as exc:  # noqa: BLE001 - the student's answer was sent; the reply waits for next time
                log.error("counselor replies not delivered: %s", type(exc).__name__)
                return
            for text in texts:
                await message.output_channel.send_text_message(message.sender_id, text)

        return super().blueprint(handle_then_deliver)
