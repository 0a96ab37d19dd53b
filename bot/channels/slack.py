"""Slack: the Events API and interactivity (button clicks) as a Rasa input channel.

Enable it in ``credentials.yml`` (values from the environment)::

    bot.channels.slack.SlackInput:
      bot_token: ${SLACK_BOT_TOKEN}            # xoxb-…, for the Web API (chat.postMessage)
      signing_secret: ${SLACK_SIGNING_SECRET}  # checks that every request comes from Slack
      # api_base_url: https://slack.com/api/   # the Web API (tests point it at a local fake)
      # event_store_url: sqlite:///…           # where handled event ids are kept (default: the KB)

Endpoints (under the Rasa server): ``POST /webhooks/slack/events`` (Events API request URL),
``POST /webhooks/slack/interactive`` (interactivity request URL), ``GET /webhooks/slack/``.

Every request must carry a valid ``X-Slack-Signature`` over its raw body and an
``X-Slack-Request-Timestamp`` within five minutes of now (slack-sdk's ``SignatureVerifier``);
anything else gets 401 and no reply. Each event id is claimed in the delivery log (a table in the
knowledge-base database) before it is answered, so a redelivery, whatever its
``X-Slack-Retry-Reason`` and even after a restart, gets 200 and no second reply. Slack wants an
answer within three seconds, so the request is acknowledged at once and the reply is posted when
the assistant has it. See :mod:`bot.channels.slack_events` for which events are answered and where.
"""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.deliveries import DeliveryLog
from bot.channels.formatting import to_slack
from bot.channels.slack_events import SlackTurn, turn_from_event, turns_from_interaction

log = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://slack.com/api/"
#: Largest request body accepted (Slack's event payloads are a few KB).
MAX_BODY = 256 * 1024


def _quiet_logger(name: str) -> logging.Logger:
    """slack-sdk logs request bodies (message text) at DEBUG: give it a logger that never does."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    return logger


class SlackReply(OutputChannel):
    """Posts the assistant's messages where the student wrote (a DM, or a thread)."""

    @classmethod
    def name(cls) -> str:
        """The channel's name (as in the tracker)."""
        return "slack"

    def __init__(self, client: AsyncWebClient, channel_id: str, thread_ts: str | None) -> None:
        """Reply in ``channel_id``, in the thread ``thread_ts`` when given."""
        self.client = client
        self.channel_id = channel_id
        self.thread_ts = thread_ts

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Send one bot message as one Slack message (text, buttons and images together)."""
        formatted = to_slack(message)
        if formatted is None:
            return
        kwargs: dict[str, Any] = {
            "channel": self.channel_id,
            "text": formatted.text,
            "blocks": formatted.blocks,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if self.thread_ts:
            kwargs["thread_ts"] = self.thread_ts
        try:
            await self.client.chat_postMessage(**kwargs)
        except SlackApiError as exc:
            log.error("slack chat.postMessage failed: %s", exc.response.get("error", "unknown error"))
        except Exception as exc:  # noqa: BLE001 - network trouble must not break the conversation
            log.error("slack chat.postMessage failed: %s", type(exc).__name__)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Plain text (used by Rasa for some internal replies)."""
        await self.send_response(recipient_id, {"text": text})


class SlackInput(InputChannel):
    """Slack Events API + interactivity, signature-checked and deduplicated."""

    @classmethod
    def name(cls) -> str:
        """URL prefix and input channel name: ``/webhooks/slack/...``."""
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from the ``credentials.yml`` section (see the module docstring)."""
        credentials = credentials or {}
        if not credentials.get("bot_token") or not credentials.get("signing_secret"):
            cls.raise_missing_credentials_exception()
        return cls(
            bot_token=str(credentials["bot_token"]),
            signing_secret=str(credentials["signing_secret"]),
            api_base_url=str(credentials.get("api_base_url") or DEFAULT_API_BASE_URL),
            event_store_url=credentials.get("event_store_url") or None,
        )

    def __init__(
        self,
        bot_token: str,
        signing_secret: str,
        api_base_url: str = DEFAULT_API_BASE_URL,
        event_store_url: str | None = None,
        deliveries: DeliveryLog | None = None,
    ) -> None:
        """Check the delivery log's table now, so a missing migration stops the server at start."""
        self.verifier = SignatureVerifier(signing_secret)
        self.client = AsyncWebClient(
            token=bot_token, base_url=api_base_url, logger=_quiet_logger("bot.channels.slack.web")
        )
        self.deliveries = deliveries or DeliveryLog("slack", event_store_url)
        self.deliveries.check()
        self._tasks: set[asyncio.Task] = set()

    # ------------------------------------------------------------------------------ requests

    def verified(self, request: Request) -> bool:
        """Whether the request is signed with the signing secret and its timestamp is within 5 minutes."""
        body = request.body or b""
        if len(body) > MAX_BODY:
            return False
        try:
            return self.verifier.is_valid(
                body=body,
                timestamp=request.headers.get("X-Slack-Request-Timestamp"),
                signature=request.headers.get("X-Slack-Signature"),
            )
        except (ValueError, TypeError):  # a timestamp that is not a number
            return False

    async def handle_turn(self, turn: SlackTurn, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> bool:
        """Answer ``turn`` in the background unless its delivery was handled before; True if scheduled."""
        if not await self.deliveries.first_delivery(turn.delivery_id):
            return False
        message = UserMessage(
            text=turn.text,
            output_channel=SlackReply(self.client, turn.channel_id, turn.thread_ts),
            sender_id=turn.sender_id,
            input_channel=self.name(),
        )
        task = asyncio.create_task(self._answer(message, on_new_message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    @staticmethod
    async def _answer(message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        try:
            await on_new_message(message)
        except Exception as exc:  # noqa: BLE001 - log the failure's type only (never the text)
            log.error("slack message could not be answered: %s", type(exc).__name__)

    async def events(self, request: Request, on_new_message) -> HTTPResponse:
        """The Events API request URL."""
        if not self.verified(request):
            log.warning("slack request refused: invalid or missing signature, or stale timestamp")
            return response.text("invalid or missing Slack signature", status=401)
        try:
            envelope = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return response.text("body must be JSON", status=400)
        if not isinstance(envelope, dict):
            return response.text("body must be a JSON object", status=400)
        if envelope.get("type") == "url_verification":
            return response.json({"challenge": str(envelope.get("challenge", ""))})
        turn = turn_from_event(envelope)
        if turn is None:
            return response.text("ignored")
        retry = request.headers.get("X-Slack-Retry-Num")
        if not await self.handle_turn(turn, on_new_message):
            log.info(
                "slack event delivered again (retry %s, reason %s): not answered twice",
                retry or "-",
                request.headers.get("X-Slack-Retry-Reason", "-"),
            )
            return response.text("already handled", headers={"X-Slack-No-Retry": "1"})
        return response.text("ok")

    async def interactive(self, request: Request, on_new_message) -> HTTPResponse:
        """The interactivity request URL (button clicks)."""
        if not self.verified(request):
            log.warning("slack request refused: invalid or missing signature, or stale timestamp")
            return response.text("invalid or missing Slack signature", status=401)
        try:
            form = urllib.parse.parse_qs(request.body.decode("utf-8"), strict_parsing=False)
            payload = json.loads(form["payload"][0])
        except (KeyError, IndexError, ValueError, UnicodeDecodeError):
            return response.text("expected a form field 'payload' with JSON", status=400)
        if not isinstance(payload, dict):
            return response.text("payload must be a JSON object", status=400)
        for turn in turns_from_interaction(payload):
            await self.handle_turn(turn, on_new_message)
        return response.text("")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes: ``GET /``, ``POST /events``, ``POST /interactive``."""
        slack = Blueprint("career_slack", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack.route("/events", methods=["POST"])
        async def events(request: Request) -> HTTPResponse:
            return await self.events(request, on_new_message)

        @slack.route("/interactive", methods=["POST"])
        async def interactive(request: Request) -> HTTPResponse:
            return await self.interactive(request, on_new_message)

        return slack
