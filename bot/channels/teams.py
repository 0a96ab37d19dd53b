"""Microsoft Teams through the Bot Framework, as a Rasa input channel (single-tenant ready).

Enable it in ``credentials.yml`` (values from the environment)::

    bot.channels.teams.TeamsInput:
      app_id: ${TEAMS_APP_ID}              # the Azure bot's Microsoft App ID
      app_password: ${TEAMS_APP_PASSWORD}  # a client secret of that app registration
      tenant_id: ${TEAMS_TENANT_ID}        # the directory (tenant) the app is registered in
      # token_base_url: https://login.microsoftonline.com
      # openid_metadata_url: https://login.botframework.com/v1/.well-known/openidconfiguration
      # event_store_url: sqlite:///…       # where handled activity ids are kept (default: the KB)

Messaging endpoint (set it on the Azure bot): ``POST /webhooks/teams/webhook``.

Each activity's JWT is validated (:mod:`bot.channels.teams_auth`): a missing or malformed token
gets 401, a token that fails validation 403, and neither gets a reply. Only ``message``
activities from Teams (``channelId: msteams``) in the app's own tenant are answered; each is
claimed in the delivery log first, so a redelivery is not answered twice. Replies are posted to
``{serviceUrl}/v3/conversations/{conversation id}/activities/{activity id}`` (a reply to the
student's message, in the thread where it was written) with a token from the app's tenant.

The sender id is ``teams-<tenant id>:<AAD object id>`` (the activity's ``from.id`` when Teams
sends no object id), all from the signed request.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import mapping_at
from bot.channels.deliveries import DeliveryLog
from bot.channels.formatting import teams_incoming_text, to_teams
from bot.channels.teams_auth import (
    OPENID_METADATA_URL,
    TOKEN_BASE_URL,
    AuthError,
    ConnectorTokenValidator,
    TokenClient,
    bearer_token,
)

log = logging.getLogger(__name__)

#: Prefix of every Teams sender id in the tracker store (one memory per channel identity).
SENDER_PREFIX = "teams-"
TEAMS_CHANNEL_ID = "msteams"
_ID = re.compile(r"[A-Za-z0-9:_\-.]{1,200}")
MAX_TEXT = 4000
REPLY_TIMEOUT = aiohttp.ClientTimeout(total=15)


def activity_tenant(activity: Mapping[str, Any]) -> str | None:
    """The tenant the activity comes from (``channelData.tenant.id``, else ``conversation.tenantId``)."""
    channel_data = mapping_at(activity, "channelData")
    tenant = mapping_at(channel_data, "tenant")
    conversation = mapping_at(activity, "conversation")
    value = tenant.get("id") or conversation.get("tenantId")
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def sender_id_for(activity: Mapping[str, Any]) -> str | None:
    """``teams-<tenant>:<AAD object id or from.id>`` for a Teams activity, else None."""
    sender = mapping_at(activity, "from")
    user = sender.get("aadObjectId") or sender.get("id")
    tenant = activity_tenant(activity)
    if tenant is None or not isinstance(user, str) or not _ID.fullmatch(user):
        return None
    return f"{SENDER_PREFIX}{tenant}:{user}"


class TeamsReply(OutputChannel):
    """Posts the assistant's messages as replies to one Teams activity."""

    @classmethod
    def name(cls) -> str:
        """The channel's name (as in the tracker)."""
        return "teams"

    def __init__(self, activity: Mapping[str, Any], tokens: TokenClient, session: aiohttp.ClientSession) -> None:
        """Reply to ``activity`` (already validated) with tokens from ``tokens``."""
        conversation_id = str(activity["conversation"]["id"])
        activity_id = str(activity.get("id") or "")
        base = str(activity["serviceUrl"]).rstrip("/")
        path = f"/v3/conversations/{urllib.parse.quote(conversation_id, safe='')}/activities"
        self.url = base + path + (f"/{urllib.parse.quote(activity_id, safe='')}" if activity_id else "")
        self.envelope = {
            "from": activity.get("recipient"),
            "recipient": {"id": activity["from"]["id"]},
            "conversation": {"id": conversation_id},
            **({"replyToId": activity_id} if activity_id else {}),
        }
        self.tokens = tokens
        self.session = session

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Send one bot message as one activity (text plus Hero cards for buttons and images)."""
        content = to_teams(message)
        if content is None:
            return
        try:
            token = await self.tokens.token(self.session)
            headers = {"Authorization": f"Bearer {token}"}
            async with self.session.post(
                self.url, json={**content, **self.envelope}, headers=headers, timeout=REPLY_TIMEOUT
            ) as resp:
                if resp.status >= 300:
                    log.error("teams reply refused by the connector: HTTP %s", resp.status)
        except Exception as exc:  # noqa: BLE001 - network trouble must not break the conversation
            log.error("teams reply failed: %s", type(exc).__name__)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Plain text (used by Rasa for some internal replies)."""
        await self.send_response(recipient_id, {"text": text})


class TeamsInput(InputChannel):
    """Bot Framework activities from Microsoft Teams, JWT-validated and deduplicated."""

    @classmethod
    def name(cls) -> str:
        """URL prefix and input channel name: ``/webhooks/teams/...``."""
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from the ``credentials.yml`` section (see the module docstring)."""
        credentials = credentials or {}
        if not all(credentials.get(k) for k in ("app_id", "app_password", "tenant_id")):
            cls.raise_missing_credentials_exception()
        return cls(
            app_id=str(credentials["app_id"]),
            app_password=str(credentials["app_password"]),
            tenant_id=str(credentials["tenant_id"]),
            token_base_url=str(credentials.get("token_base_url") or TOKEN_BASE_URL),
            openid_metadata_url=str(credentials.get("openid_metadata_url") or OPENID_METADATA_URL),
            event_store_url=credentials.get("event_store_url") or None,
        )

    def __init__(
        self,
        app_id: str,
        app_password: str,
        tenant_id: str,
        token_base_url: str = TOKEN_BASE_URL,
        openid_metadata_url: str = OPENID_METADATA_URL,
        event_store_url: str | None = None,
        deliveries: DeliveryLog | None = None,
    ) -> None:
        """Nothing is fetched until the first activity arrives."""
        self.tenant_id = tenant_id
        self.validator = ConnectorTokenValidator(app_id, openid_metadata_url)
        self.tokens = TokenClient(app_id, app_password, tenant_id, token_base_url)
        self.deliveries = deliveries or DeliveryLog("teams", event_store_url)
        self.deliveries.check()
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        """One HTTP session for tokens and replies (made inside the server's event loop)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    def _turn(self, activity: Mapping[str, Any]) -> tuple[str, str] | None:
        """``(sender id, text)`` when the activity is a student message to answer, else None."""
        if activity.get("type") != "message" or activity.get("channelId") != TEAMS_CHANNEL_ID:
            return None
        if (activity_tenant(activity) or "").lower() != self.tenant_id.lower():  # GUIDs: any case
            log.warning("teams activity from another tenant ignored")
            return None
        conversation = activity.get("conversation")
        if not isinstance(conversation, Mapping) or not isinstance(conversation.get("id"), str):
            return None
        sender = sender_id_for(activity)
        text = teams_incoming_text(activity)[:MAX_TEXT]
        return (sender, text) if sender and text else None

    async def webhook(self, request: Request, on_new_message) -> HTTPResponse:
        """The messaging endpoint."""
        try:
            bearer_token(request.headers.get("Authorization"))
        except AuthError as exc:
            return response.text(exc.reason, status=exc.status)
        try:
            activity = request.json
        except InvalidUsage:  # sanic's error for a body that is not JSON
            activity = None
        if not isinstance(activity, dict):
            return response.text("body must be a JSON activity", status=400)
        try:
            await self.validator.validate(request.headers.get("Authorization"), activity)
        except AuthError as exc:
            log.warning("teams activity refused: %s", exc.reason)
            return response.text("unauthorized", status=exc.status)
        turn = self._turn(activity)
        if turn is None:
            return response.text("", status=200)
        delivery = f"{activity['conversation']['id']}|{activity.get('id') or ''}"
        if activity.get("id") and not await self.deliveries.first_delivery(delivery):
            log.info("teams activity delivered again: not answered twice")
            return response.text("", status=200)
        sender, text = turn
        message = UserMessage(
            text=text,
            output_channel=TeamsReply(activity, self.tokens, self.session()),
            sender_id=sender,
            input_channel=self.name(),
        )
        try:
            await on_new_message(message)
        except Exception as exc:  # noqa: BLE001 - log the failure's type only (never the text)
            log.error("teams message could not be answered: %s", type(exc).__name__)
        return response.text("", status=200)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes: ``GET /``, ``POST /webhook``."""
        teams = Blueprint("career_teams", __name__)

        @teams.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @teams.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return await self.webhook(request, on_new_message)

        @teams.listener("after_server_stop")
        async def close_session(*_: Any) -> None:
            if self._session is not None and not self._session.closed:
                await self._session.close()

        return teams
