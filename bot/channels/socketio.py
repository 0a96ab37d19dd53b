"""The web widget's channel: Rasa's socket.io channel, delivering replies, with server-issued session ids.

Enable it in ``credentials.yml`` (it replaces Rasa's ``socketio:`` section; both would claim
``/socket.io``)::

    bot.channels.socketio.WidgetInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered

Why not Rasa's own ``SocketIOInput``: with python-socketio 5 ``AsyncServer.enter_room`` is a
coroutine that Rasa 3.6 calls without awaiting, so a session never joins its room and no reply
reaches the browser. And Rasa takes the ``session_id`` a client sends as the sender id, so any
client could continue any conversation whose id it knows or guesses.

Here a client asks for a session with ``session_request`` (``{"session_id": <stored id or
null>}``); the server answers ``session_confirm`` with the id to use: the same one when it is a
valid signed id (:mod:`bot.channels.widget_session`), else a fresh one. The socket joins the room of
that session, and every ``user_uttered`` on the socket is answered as that session's student
whatever the message says, so a reload (or a second tab) with the stored id continues the
conversation and nothing else can. Replies go to the room as ``bot_uttered`` events built by
:func:`bot.channels.formatting.to_widget`.

The widget's files are served by the same blueprint: ``GET /webhooks/widget/widget.js`` (the built
bundle) and ``GET /webhooks/widget/demo/`` (a demo school page); ``GET /webhooks/widget/`` is a
health check.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels import widget_session
from bot.channels.formatting import to_widget
from bot.channels.outbox import with_counselor_replies
from career_kb.settings import REPO_ROOT

log = logging.getLogger(__name__)

#: Longest message accepted from the widget (longer ones are cut).
MAX_MESSAGE_CHARS = 2000
#: The built widget and the demo page.
WIDGET_DIR = REPO_ROOT / "widget"
BUNDLE = WIDGET_DIR / "dist" / "widget.js"
DEMO_PAGE = WIDGET_DIR / "demo" / "index.html"


class WidgetBlueprint(Blueprint):
    """A blueprint that also attaches the socket.io server to the Sanic app it is registered on."""

    def __init__(self, sio: AsyncServer, socketio_path: str, *args: Any, **kwargs: Any) -> None:
        """Attach ``sio`` at ``socketio_path`` when registered."""
        super().__init__(*args, **kwargs)
        self.ctx.sio = sio
        self.ctx.socketio_path = socketio_path

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        """Attach the socket.io server, then register the routes."""
        self.ctx.sio.attach(app, self.ctx.socketio_path)
        super().register(app, options)


class WidgetOutput(OutputChannel):
    """Sends each bot message to the session's room as one ``bot_uttered`` event."""

    @classmethod
    def name(cls) -> str:
        """The channel's name (as in the tracker)."""
        return "socketio"

    def __init__(self, sio: AsyncServer, bot_message_evt: str, namespace: str | None = None) -> None:
        """Emit ``bot_message_evt`` on ``sio``."""
        self.sio = sio
        self.bot_message_evt = bot_message_evt
        self.namespace = namespace

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """One bot message (text, buttons, image, cards together) as one event to the session's room."""
        event = to_widget(message)
        if event is not None:
            await self.sio.emit(self.bot_message_evt, event, room=recipient_id, namespace=self.namespace)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Plain text (used by Rasa for some internal replies)."""
        await self.send_response(recipient_id, {"text": text})


def _file(path: Path, content_type: str) -> Awaitable[HTTPResponse]:
    return response.file(path, mime_type=content_type, headers={"Cache-Control": "no-cache"})


class WidgetInput(InputChannel):
    """socket.io for the web widget, with signed server-issued session ids (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        """The input channel's name in the tracker (as Rasa's socket.io channel)."""
        return "socketio"

    def url_prefix(self) -> str:
        """The blueprint's routes live under ``/webhooks/widget/``."""
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from the ``credentials.yml`` section (see the module docstring)."""
        credentials = credentials or {}
        return cls(
            user_message_evt=str(credentials.get("user_message_evt") or "user_uttered"),
            bot_message_evt=str(credentials.get("bot_message_evt") or "bot_uttered"),
            namespace=credentials.get("namespace") or None,
            socketio_path=str(credentials.get("socketio_path") or "/socket.io"),
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        namespace: str | None = None,
        socketio_path: str = "/socket.io",
        secret: bytes | None = None,
    ) -> None:
        """``secret`` signs session ids (default :func:`bot.channels.widget_session.session_secret`)."""
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.namespace = namespace
        self.socketio_path = socketio_path
        self.secret = secret if secret is not None else widget_session.session_secret()
        self.sio: AsyncServer | None = None

    def get_output_channel(self) -> OutputChannel | None:
        """The output channel for messages the server sends on its own (e.g. reminders)."""
        return None if self.sio is None else WidgetOutput(self.sio, self.bot_message_evt, self.namespace)

    async def start_session(self, sio: AsyncServer, sid: str, data: Any) -> None:
        """``session_request``: resume the presented signed id or issue a new one; join its room."""
        presented = data.get("session_id") if isinstance(data, dict) else None
        session, resumed = widget_session.resume_or_issue(presented, self.secret)
        if presented and not resumed:
            log.info("widget session id refused (not signed by this server): a new session was issued")
        await sio.save_session(sid, {"sender_id": session.sender_id}, namespace=self.namespace)
        await sio.enter_room(sid, session.sender_id, namespace=self.namespace)
        await sio.emit("session_confirm", session.token, to=sid, namespace=self.namespace)

    async def user_message(
        self, sio: AsyncServer, sid: str, data: Any, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """``user_uttered``: answer the socket's own session, whatever session id the message names."""
        sender_id = (await sio.get_session(sid, namespace=self.namespace)).get("sender_id")
        if not sender_id:
            await sio.emit("session_error", {"error": "send session_request first"}, to=sid, namespace=self.namespace)
            return
        text = data.get("message") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return
        message = UserMessage(
            text[:MAX_MESSAGE_CHARS],
            WidgetOutput(sio, self.bot_message_evt, self.namespace),
            sender_id,
            input_channel=self.name(),
        )
        try:
            await on_new_message(message)
        except Exception as exc:  # noqa: BLE001 - log the failure's type only (never the text)
            log.error("widget message could not be answered: %s", type(exc).__name__)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """socket.io at ``socketio_path``; ``GET /``, ``/widget.js``, ``/demo/`` under the prefix.

        Counselors' replies waiting for the student (:mod:`bot.channels.outbox`) follow the answer to
        the student's next message.
        """
        on_new_message = with_counselor_replies(on_new_message)
        # cors_allowed_origins=[]: socket.io leaves CORS to the Rasa server's own handling (--cors)
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        widget = WidgetBlueprint(sio, self.socketio_path, "career_widget", __name__)

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: Any = None) -> bool:
            return True

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            await self.start_session(sio, sid, data)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            await self.user_message(sio, sid, data, on_new_message)

        @widget.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @widget.route("/widget.js", methods=["GET"])
        async def bundle(_: Request) -> HTTPResponse:
            if not BUNDLE.is_file():
                return response.text("the widget is not built: run `make widget`", status=404)
            return await _file(BUNDLE, "text/javascript; charset=utf-8")

        @widget.route("/demo/", methods=["GET"], strict_slashes=True)
        async def demo(_: Request) -> HTTPResponse:
            return await _file(DEMO_PAGE, "text/html; charset=utf-8")

        @widget.route("/demo", methods=["GET"], strict_slashes=True)
        async def demo_without_slash(request: Request) -> HTTPResponse:
            return response.redirect(request.path + "/")  # the page loads ../widget.js relative to itself

        return widget
