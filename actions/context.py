"""Reading the conversation: entities of the latest message, remembered slots, the student's id.

Shared by every action module so that "which occupation?", "what grade?" and "where?" are read the
same way everywhere. Nothing here talks to the knowledge base.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from career_kb import students
from career_kb.vocabulary import parse_grade, parse_state, parse_zip


def entity(tracker: Tracker, name: str) -> str | None:
    """The first value of entity ``name`` in the latest message (stripped), or None."""
    for value in tracker.get_latest_entity_values(name):
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def slot(tracker: Tracker, name: str) -> Any:
    """A slot's value, with empty strings read as None."""
    value = tracker.get_slot(name)
    return None if value in ("", []) else value


def latest_text(tracker: Tracker) -> str:
    """The text of the latest user message ("" for a button payload)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def text_without_entity(tracker: Tracker, name: str) -> str:
    """The latest message's text with the words of entity ``name`` cut out ("" for a button payload)."""
    text = latest_text(tracker)
    spans = sorted(
        (e["start"], e["end"])
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == name and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def current_grade(tracker: Tracker) -> int | None:
    """The grade said in this message, else the remembered one."""
    return parse_grade(entity(tracker, "grade")) or parse_grade(slot(tracker, "grade"))


def current_zip(tracker: Tracker) -> str | None:
    """The ZIP said in this message, else the remembered one."""
    return parse_zip(entity(tracker, "zip")) or parse_zip(slot(tracker, "zip"))


def said_state(tracker: Tracker) -> str | None:
    """The state named in the latest message ("what about in texas?" → "TX"), or None."""
    for value in tracker.get_latest_entity_values("state"):
        code = parse_state(value)
        if code:
            return code
    return None


def current_state(tracker: Tracker) -> str | None:
    """The state named in this message, else the remembered one (postal code)."""
    return said_state(tracker) or parse_state(slot(tracker, "state"))


def student_id(tracker: Tracker) -> str:
    """The pseudonymous id in the ``student_id`` slot, or computed from the sender id."""
    return slot(tracker, "student_id") or students.student_id_for(tracker.sender_id)


def active_loop(tracker: Tracker) -> str | None:
    """The form that is asking the student something, if any."""
    return (tracker.active_loop or {}).get("name")


#: Characters kept when a student's words are quoted back to them.
_SNIPPET_CHARS = re.compile(r"[^\w '&.\-]+", re.UNICODE)


def snippet(text: str, limit: int = 30) -> str:
    """A short, safe quote of what the student typed: only letters, digits, spaces and ' & . -,
    whitespace collapsed, cut at a word boundary to at most ``limit`` characters (with "…")."""
    cleaned = " ".join(_SNIPPET_CHARS.sub(" ", text or "").split()).strip(" .-'&")
    if len(cleaned) <= limit:
        return cleaned
    cut = cleaned[:limit].rsplit(" ", 1)[0] if " " in cleaned[:limit] else cleaned[:limit]
    return cut.rstrip(" .-'&") + "…"
