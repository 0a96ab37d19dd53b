"""A deleted student's conversation leaves the tracker store too.

``action_delete_my_data`` (actions/profile.py), once the student confirmed, deletes the profile and
plan from the KB and clears the ``student_id`` slot. The action server cannot delete the
conversation itself: the Rasa server saves the turn after the action ran, and its SQL tracker store
would write the whole conversation back. So :func:`install` wraps the tracker stores' ``save`` in the
Rasa server process: after a turn is saved, if that turn ran ``action_delete_my_data`` and cleared
``student_id``, every row of that sender is deleted (``events`` table: SQLite or PostgreSQL; or the
in-memory store's entry). The next message starts a new, empty conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

#: The action that deletes the student's data.
DELETE_ACTION = "action_delete_my_data"
#: The slot it clears once it has deleted.
CLEARED_SLOT = "student_id"


def turn_forgets(events: Iterable[Any]) -> bool:
    """Whether the latest turn of ``events`` (Rasa events) ran the deletion: ``action_delete_my_data``
    followed by ``student_id`` set to None, after the latest user message."""
    deleting = False
    for event in events:
        kind = type(event).__name__
        if kind == "UserUttered":
            deleting = False
        elif kind == "ActionExecuted" and getattr(event, "action_name", None) == DELETE_ACTION:
            deleting = True
        elif deleting and kind == "SlotSet" and event.key == CLEARED_SLOT and event.value is None:
            return _no_user_message_after(events, event)
    return False


def _no_user_message_after(events: Iterable[Any], marker: Any) -> bool:
    seen = False
    for event in events:
        if event is marker:
            seen = True
        elif seen and type(event).__name__ == "UserUttered":
            return False
    return seen


def delete_sql_conversation(store: Any, sender_id: str) -> int:
    """Delete every ``events`` row of ``sender_id`` from a Rasa ``SQLTrackerStore``; returns rows deleted."""
    with store.session_scope() as session:
        deleted = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
        session.commit()
    return int(deleted or 0)


def install() -> None:
    """Wrap ``save`` of Rasa's SQL and in-memory tracker stores (idempotent)."""
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore

    original_sql = SQLTrackerStore.save
    if getattr(original_sql, "_forgets", False):
        return

    async def sql_save(self, tracker) -> None:
        await original_sql(self, tracker)
        if turn_forgets(tracker.events):
            delete_sql_conversation(self, tracker.sender_id)
            log.info("deleted a conversation from the tracker store on the student's request")

    original_memory = InMemoryTrackerStore.save

    async def memory_save(self, tracker) -> None:
        await original_memory(self, tracker)
        if turn_forgets(tracker.events):
            self.store.pop(tracker.sender_id, None)

    sql_save._forgets = True  # type: ignore[attr-defined]
    SQLTrackerStore.save = sql_save
    InMemoryTrackerStore.save = memory_save
