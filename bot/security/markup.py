"""Nothing that reaches a reply can be markup: tags and angle brackets removed, script URLs defused.

No reply text of the assistant (``actions/wording/en.yml``, ``domain.yml``, ``data/responses.yml``)
uses ``<`` or ``>``, so removing them loses nothing the assistant says, and whatever a student or a
client put in a message or a ``/intent{...}`` payload comes back as plain text: a web widget that
inserts a reply as HTML or Markdown still shows no element, runs no script and follows no
``javascript:`` link. Applied to every action response (the action server) and every REST reply.
"""

from __future__ import annotations

import re
from typing import Any

_TAG = re.compile(r"<[^<>]{0,500}>")
_ANGLE = re.compile(r"[<>\u2039\u203a\uff1c\uff1e]")
_SCRIPT_SCHEME = re.compile(r"(java|vb)\s*script\s*:|data\s*:\s*text/html", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: Keys of a reply message whose string values (and nested ones) are cleaned.
CLEANED_KEYS = ("text", "buttons", "quick_replies", "elements", "attachment")


def clean_text(text: str) -> str:
    """``text`` without tags, angle brackets, control characters or script URL schemes."""
    if not text:
        return text
    text = _CONTROL.sub("", text)
    text = _TAG.sub("", text)
    text = _ANGLE.sub("", text)
    return _SCRIPT_SCHEME.sub(lambda m: m.group(0).replace(":", " "), text)


def clean_value(value: Any) -> Any:
    """``value`` with every string in it (lists and dicts included) cleaned by :func:`clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_value(v) for k, v in value.items()}
    return value


def clean_message(message: dict[str, Any]) -> dict[str, Any]:
    """A reply message (``text``, ``buttons``, ...) with its texts, titles and payloads cleaned."""
    return {k: clean_value(v) if k in CLEANED_KEYS else v for k, v in message.items()}


def has_markup(text: str) -> bool:
    """Whether ``text`` still holds something :func:`clean_text` removes (for checks and tests)."""
    return clean_text(text) != text
