"""Knowledge-base access for the actions: one sessionmaker, blocking calls run off the event loop.

The action server is asyncio; SQLAlchemy 1.4 here is synchronous. :func:`call` runs a function of a
``Session`` in the default thread-pool executor (``loop.run_in_executor``), inside its own session
that commits on success and rolls back on error, so ``async def run`` never blocks the server.

:class:`KBAction` is the base of every action that reads or writes the KB: when anything fails it
tells the student something friendly, offers a way forward, and logs only the action's name and the
exception's type — never the message text, the exception's message or slot values, which can hold
what the student typed.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from abc import ABCMeta, abstractmethod
from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from actions.context import active_loop, slot
from actions.formatting import named_button
from actions.wording import say
from career_kb import db, settings

log = logging.getLogger(__name__)

T = TypeVar("T")

_factory: sessionmaker | None = None
_lock = threading.Lock()


def configure(engine: Engine | None = None) -> None:
    """Bind the module's sessionmaker to ``engine``; None forgets it (re-read ``DATABASE_URL`` on next use)."""
    global _factory
    with _lock:
        _factory = db.session_factory(engine) if engine is not None else None


def session_factory() -> sessionmaker:
    """The module-level sessionmaker, created on first use from ``DATABASE_URL`` (or the embedded KB)."""
    global _factory
    with _lock:
        if _factory is None:
            _factory = db.session_factory(db.get_engine(settings.get().database_url))
        return _factory


def _in_session(fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    session: Session = session_factory()()
    try:
        result = fn(session, *args, **kwargs)
        session.commit()
        return result
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn(session, *args, **kwargs)`` in a worker thread with a fresh session; await its result."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(_in_session, fn, args, kwargs))


class KBAction(Action, metaclass=ABCMeta):
    """An action answered from the KB; subclasses implement :meth:`answer` instead of ``run``.

    Abstract until a subclass names itself, so the action server registers only real actions.
    """

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml."""

    @abstractmethod
    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Reply to the student and return events (implemented by each action)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Run :meth:`answer`; on any error replace partial replies with a friendly message.

        An answer ends an unfinished profile question: when the student asked something else while
        the profile form waited, the form is closed and the waiting answer forgotten (the student
        can ask it again), so the question is not asked once more after this answer.
        """
        already_sent = len(dispatcher.messages)
        try:
            events = await self.answer(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the student as a friendly message
            log.error("action %s failed: %s", self.name(), type(exc).__name__)
            del dispatcher.messages[already_sent:]
            dispatcher.utter_message(
                text=say("errors.kb_failure"),
                buttons=[named_button("try_again", "ask_next_step"), named_button("counselor", "request_counselor")],
            )
            return []
        return close_profile_question(tracker, events)


class TopicAction(KBAction):
    """An action answering one topic (see :mod:`career_kb.answers.topics`), for the occupation in the
    message or, when a follow-up names one, for ``code``/``name``."""

    @abstractmethod
    async def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        code: str | None = None,
        name: str | None = None,
    ) -> list[EventType]:
        """Reply for the occupation ``code``/``name`` (default: the one the message names)."""


def close_profile_question(tracker: Tracker, events: list[EventType]) -> list[EventType]:
    """``events`` plus what ends a waiting profile question, unless the answer itself asks one."""
    if any(e.get("event") == "followup" for e in events):
        return events
    out = list(events)
    if active_loop(tracker):
        out += [ActiveLoop(None), SlotSet("requested_slot", None)]
    if slot(tracker, "pending_action") and not any(e.get("name") == "pending_action" for e in events):
        out.append(SlotSet("pending_action", None))
    return out
