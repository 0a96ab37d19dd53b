"""The channels' memory of deliveries already answered, kept in the knowledge-base database.

A thin async wrapper over :mod:`career_kb.channel_events` for the Rasa server's event loop: each
claim runs in a worker thread with its own short transaction, so a slow disk never blocks other
students' messages. Old claims are pruned at most once an hour.
"""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from career_kb import channel_events
from career_kb.db import make_engine, session_scope

log = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 3600.0


class DeliveryLogError(RuntimeError):
    """The delivery log's table is missing (the database was never migrated)."""


class DeliveryLog:
    """First-delivery checks for one channel (``"slack"``, ``"teams"``) in one database."""

    def __init__(self, channel: str, url: str | None = None, engine: Engine | None = None) -> None:
        """Use ``engine``, or an engine on ``url`` (default: the knowledge base, ``DATABASE_URL``)."""
        self.channel = channel
        self.engine = engine or make_engine(url or None)
        self._last_prune = 0.0

    def check(self) -> None:
        """Raise :class:`DeliveryLogError` unless the ``channel_event`` table exists."""
        if not inspect(self.engine).has_table("channel_event"):
            raise DeliveryLogError(
                f"the database {self.engine.url.render_as_string(hide_password=True)} has no channel_event "
                "table: run `career-kb build` (or `make kb`), which migrates it"
            )

    def _claim(self, event_id: str) -> bool:
        with session_scope(self.engine) as session:
            first = channel_events.claim_event(session, self.channel, event_id)
            if time.monotonic() - self._last_prune > PRUNE_EVERY_SECONDS:
                self._last_prune = time.monotonic()
                channel_events.prune_events(session)
        return first

    async def first_delivery(self, event_id: str) -> bool:
        """True when this is the first delivery of ``event_id`` (it is recorded as handled now).

        When the database cannot be written the message is answered anyway (a possible duplicate
        reply is better than a student left without one) and the error is logged.
        """
        try:
            return await asyncio.to_thread(self._claim, event_id)
        except Exception as exc:  # noqa: BLE001 - any database failure: answer rather than drop
            log.error(
                "%s delivery log unavailable (%s); answering without the duplicate check",
                self.channel,
                type(exc).__name__,
            )
            return True
