"""Log records without message text or sender ids, each tagged with the request it belongs to.

Installed by the processes ``bot.run`` starts (``bot.rasa_server`` and ``bot.action_server``):

* :func:`request_scope` (called by the REST edge and the action server for each request) remembers
  the request's message text and sender id in a context variable, with a fresh request id;
* :func:`install` replaces the logging module's record factory: every record, whoever logs it
  (Rasa, rasa-sdk, Sanic, SQLAlchemy, and Python warnings, which Rasa uses to quote odd messages),
  gets ``request_id`` (and ``[req <id>]`` in front of its message) and has its message and
  traceback rewritten with the current text and sender id, and each of their words of six or more
  characters, replaced by ``[text]`` and ``[sender]`` (also in their JSON and ``repr`` spellings),
  and is cut to :data:`MAX_LOG_CHARS`; it also puts
  :func:`structlog_redactor` first in Rasa's structlog chain, which replaces the values of the
  keys that carry conversation content (``text``, ``sender_id``, ``tracker``, ...) and adds
  ``request_id``.

Only this process's own records are changed; nothing is written anywhere new.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import secrets
import traceback
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

#: Longest logged message; the rest is cut (a record never carries a whole request).
MAX_LOG_CHARS = 2000
#: structlog keys whose values are conversation content.
SENSITIVE_KEYS = frozenset(
    {
        "text",
        "message",
        "user_text",
        "response_text",
        "user_message",
        "json_message",
        "parse_data_text",
        "parse_data_entities",
        "sender_id",
        "conversation_id",
        "tracker",
        "tracker_latest_message",
        "slot_values",
        "prefilled_slots",
        "rasa_event",
        "rasa_events",
        "prediction_events",
        "entity",
        "token_text",
        "metadata",
        "response",
    }
)
REDACTED = "[redacted]"
#: Words of a message redacted on their own (shorter ones are too common to hide anything).
_WORD = re.compile(r"\w{6,}")


@dataclass(frozen=True)
class RequestInfo:
    """What one request must not leak into the logs, and its id."""

    request_id: str
    secrets: tuple[tuple[str, str], ...]  # (value, placeholder), longest first


_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("trust_request", default=None)
_installed = {"factory": False}


def new_request_id() -> str:
    """A short random id for one request."""
    return secrets.token_hex(6)


def _spellings(value: str) -> list[str]:
    forms = {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1], repr(value)[1:-1]}
    return [f for f in forms if len(f) >= 3]


def begin_request(text: str | None, sender: str | None, request_id: str | None = None) -> RequestInfo:
    """Remember this request's text and sender id (for the rest of the current task); returns its info."""
    pairs: list[tuple[str, str]] = []
    for value, placeholder in ((text, "[text]"), (sender, "[sender]")):
        if isinstance(value, str) and value.strip():
            pairs += [(form, placeholder) for form in _spellings(value)]
            # and its longer words: a warning may quote a piece of the message ("unknown intent 'xyz'")
            pairs += [(word, placeholder) for word in set(_WORD.findall(value[:MAX_LOG_CHARS]))]
    pairs.sort(key=lambda p: -len(p[0]))
    info = RequestInfo(request_id or new_request_id(), tuple(pairs))
    _current.set(info)
    return info


@contextmanager
def request_scope(text: str | None, sender: str | None) -> Iterator[RequestInfo]:
    """:func:`begin_request` for the duration of a ``with`` block."""
    token = _current.set(None)
    try:
        yield begin_request(text, sender)
    finally:
        _current.reset(token)


def current() -> RequestInfo | None:
    """The current request's info, if any."""
    return _current.get()


def redact(message: str, info: RequestInfo | None = None) -> str:
    """``message`` with the current request's text and sender id replaced, cut to :data:`MAX_LOG_CHARS`."""
    info = info if info is not None else _current.get()
    if info is not None:
        for value, placeholder in info.secrets:
            if value in message:
                message = message.replace(value, placeholder)
    if len(message) > MAX_LOG_CHARS:
        message = message[:MAX_LOG_CHARS] + f"… [{len(message) - MAX_LOG_CHARS} characters cut]"
    return message


def _redacting_factory(base):
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        info = _current.get()
        record.request_id = info.request_id if info else "-"
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logged as its template
            message = str(record.msg)
        record.msg = f"[req {info.request_id}] {redact(message, info)}" if info else redact(message, None)
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip(), info)
            record.exc_info = None
        return record

    factory._trust_redacting = True  # type: ignore[attr-defined]
    return factory


def structlog_redactor(_logger: Any, _name: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: conversation content replaced, ``request_id`` added."""
    info = _current.get()
    for key in list(event_dict):
        if key in SENSITIVE_KEYS:
            event_dict[key] = REDACTED
        elif isinstance(event_dict[key], str):
            event_dict[key] = redact(event_dict[key], info)
    event_dict["request_id"] = info.request_id if info else "-"
    return event_dict


def install_structlog() -> None:
    """Put :func:`structlog_redactor` first in structlog's processors (idempotent)."""
    import structlog

    processors = list(structlog.get_config().get("processors") or [])
    if structlog_redactor not in processors:
        structlog.configure(processors=[structlog_redactor, *processors])


def install() -> None:
    """Redact every log record this process creates, and tag it with the request id (idempotent)."""
    logging.captureWarnings(True)  # Rasa's warnings quote the message: they go through the factory too
    base = logging.getLogRecordFactory()
    if not getattr(base, "_trust_redacting", False):
        logging.setLogRecordFactory(_redacting_factory(base))
    try:
        install_structlog()
    except ImportError:  # pragma: no cover - rasa-sdk alone has no structlog
        pass
