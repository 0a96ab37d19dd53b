"""A real socket.io client for the widget channel (python-socketio's AsyncClient over polling:
python-engineio's websocket client needs a newer aiohttp than Rasa allows)."""

from __future__ import annotations

import asyncio
from typing import Any

import socketio


class WidgetClient:
    """One browser's connection: asks for a session, sends messages, collects ``bot_uttered`` events."""

    def __init__(self) -> None:
        """A disconnected client."""
        self.sio = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.confirmed: asyncio.Queue[str] = asyncio.Queue()
        self.errors: asyncio.Queue[Any] = asyncio.Queue()
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("session_error", self.errors.put)

    async def connect(self, url: str, session_id: str | None = None, *, request_session: bool = True) -> str | None:
        """Connect to ``url`` and (by default) ask for the session ``session_id``; the confirmed id."""
        await self.sio.connect(url, transports=["polling"], socketio_path="/socket.io", wait_timeout=30)
        if not request_session:
            return None
        await self.sio.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.confirmed.get(), 30)

    async def say(self, text: str, **extra: Any) -> list[dict[str, Any]]:
        """Send ``text``; the bot's events until none has come for a while (at least one expected)."""
        await self.sio.emit("user_uttered", {"message": text, **extra})
        return await self.collect()

    async def collect(self, first_timeout: float = 60, quiet: float = 1.5) -> list[dict[str, Any]]:
        """The events received: waiting up to ``first_timeout`` for the first, then until ``quiet`` s pass."""
        events = [await asyncio.wait_for(self.replies.get(), first_timeout)]
        while True:
            try:
                events.append(await asyncio.wait_for(self.replies.get(), quiet))
            except asyncio.TimeoutError:
                return events

    async def nothing_received(self, seconds: float = 5) -> bool:
        """True when no bot event arrives within ``seconds``."""
        try:
            await asyncio.wait_for(self.replies.get(), seconds)
        except asyncio.TimeoutError:
            return True
        return False

    async def close(self) -> None:
        """Disconnect."""
        await self.sio.disconnect()
