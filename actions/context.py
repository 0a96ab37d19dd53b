"""Reading the conversation: entities of the latest message, remembered slots, and the profile question.

Shared by every action module so that "which occupation?", "what grade?" and "where?" are answered
the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import button

_ORDINALS = {
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "freshman": 9, "freshmen": 9, "sophomore": 10, "junior": 11, "senior": 12,
}
_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")


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


def parse_grade(value: Any) -> int | None:
    """"9", "9th", "ninth", "9.0", "freshman", 9.0 → 9; None unless it is a grade 6-12."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        grade = int(value)
    else:
        text = str(value).strip().lower()
        m = re.search(r"\d+", text)
        if m:
            grade = int(m.group())
        else:
            grade = next((g for word, g in _ORDINALS.items() if re.search(rf"\b{word}\b", text)), None)
            if grade is None:
                return None
    return grade if 6 <= grade <= 12 else None


def parse_zip(value: Any) -> str | None:
    """The five-digit ZIP code in ``value`` ("30301", "30301-1234"), or None."""
    if value is None:
        return None
    m = _ZIP.search(str(value))
    return m.group(1) if m else None


def current_grade(tracker: Tracker) -> int | None:
    """The grade said in this message, else the remembered one."""
    return parse_grade(entity(tracker, "grade")) or parse_grade(slot(tracker, "grade"))


def current_zip(tracker: Tracker) -> str | None:
    """The ZIP said in this message, else the remembered one."""
    return parse_zip(entity(tracker, "zip")) or parse_zip(slot(tracker, "zip"))


#: US state postal codes, DC and Puerto Rico: the values of the ``state`` entity (data/nlu/lookups.yml).
STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)


def parse_state(value: Any) -> str | None:
    """A postal code ("TX", " tx ") → "TX"; None unless it is a US state, DC or Puerto Rico."""
    if value is None:
        return None
    code = str(value).strip().upper()
    return code if code in STATE_CODES else None


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


def text_without_entity(tracker: Tracker, name: str) -> str:
    """The latest message's text with the words of entity ``name`` cut out ("" for a button payload)."""
    text = latest_text(tracker)
    spans = sorted(
        (e.get("start"), e.get("end"))
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == name and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def latest_text(tracker: Tracker) -> str:
    """The text of the latest user message ("" for a button payload)."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str | None:
    """The latest message's intent name."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


@dataclass(frozen=True)
class ProfileNeed:
    """What an answer needs from the profile."""

    grade: bool = False
    location: bool = False


def ask_grade(dispatcher: CollectingDispatcher, pending_action: str, reason: str) -> list[dict[str, Any]]:
    """Ask for the grade with one button per grade and remember which action to resume."""
    dispatcher.utter_message(
        text=f"Quick question so I can {reason}: what grade are you in?",
        buttons=[button(f"{g}th", "inform", grade=str(g)) for g in range(6, 13)],
    )
    return [SlotSet("pending_action", pending_action)]


def ask_location(dispatcher: CollectingDispatcher, pending_action: str, reason: str, schools: list[Any]) -> list[dict[str, Any]]:
    """Ask for the school (a button per school in the KB) or a ZIP code, and remember the action."""
    buttons = [button(s.name, "inform", school=s.name) for s in schools[:8]]
    dispatcher.utter_message(
        text=(
            f"To {reason}, I need to know where you are. Which school do you go to? "
            "Pick it below, or type your 5-digit ZIP code if you'd rather not say."
        ),
        buttons=buttons,
    )
    return [SlotSet("pending_action", pending_action)]


def last_bot_message(tracker: Tracker) -> dict[str, Any]:
    """The latest ``bot`` event before the latest user message (text and buttons), or {}."""
    seen_user = False
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return {}
            seen_user = True
        elif kind == "bot" and seen_user:
            data = event.get("data") or {}
            return {"text": event.get("text") or "", "buttons": data.get("buttons") or []}
    return {}


def asked_for_location(tracker: Tracker) -> bool:
    """Whether a profile question for the school or ZIP is waiting for this message's answer:
    ``pending_action`` is set and the bot's last message asked "which school?" (school buttons or
    the ZIP option of :func:`ask_location`)."""
    if not slot(tracker, "pending_action"):
        return False
    message = last_bot_message(tracker)
    if any(str(b.get("payload", "")).startswith('/inform{"school"') for b in message.get("buttons", [])):
        return True
    text = message.get("text", "")
    return "school" in text.lower() and "ZIP code" in text


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
