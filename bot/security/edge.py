"""The REST channel's edge: clear errors for malformed requests, limits, rate limiting, clean replies.

:func:`install` adds a request and a response middleware to the Rasa server's Sanic app
(``bot.rasa_server`` calls it from Rasa's ``configure_app``), for ``POST /webhooks/rest/webhook``:

* the body must be a JSON object, valid UTF-8 without lone surrogates, with a string ``sender``
  (1-``SENDER_MAX_CHARS`` printable characters: no sender is ever read as "default") and a string
  ``message``; anything else is answered 400 with ``{"error": "..."}`` before Rasa sees it;
* a message over ``MESSAGE_MAX_CHARS`` gets a friendly reply at once and is neither parsed nor
  stored; an empty one gets a friendly reply too;
* with ``REST_JWT_SECRET`` set, a signed token must name the sender (:mod:`bot.security.identity`):
  401 without a valid one, 403 for another sender's;
* each sender has a token bucket (:class:`RateLimiter`: ``RATE_LIMIT_PER_MINUTE``, bursts of
  :data:`BURST`); over it, 429 with a friendly text and ``Retry-After``;
* a ``/intent{...}`` payload loses its angle brackets and control characters, so no entity value
  holds markup; every reply is cleaned (:mod:`bot.security.markup`), and an empty list of replies
  (an action server that is down, a failure inside Rasa) becomes a friendly "one moment" reply;
* the request's text and sender id are handed to :mod:`bot.security.logs` so no log line holds them.

Bodies over :data:`MAX_BODY_BYTES` are refused by Sanic itself (413).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sanic import Sanic, response
from sanic.request import Request

from bot.security import identity, logs, markup

log = logging.getLogger(__name__)

REST_PATH = "/webhooks/rest/webhook"
#: Largest request body the Rasa server reads (any route), in bytes.
MAX_BODY_BYTES = 1_000_000
#: Messages a sender may send at once before the per-minute rate applies.
BURST = 10
#: Senders whose buckets are kept (least recently seen forgotten first).
MAX_TRACKED_SENDERS = 20_000
_BAD_SENDER = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PAYLOAD_JUNK = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    """The edge's limits (from :mod:`career_kb.settings`)."""

    message_max_chars: int = 2000
    sender_max_chars: int = 128
    rate_per_minute: float = 30.0
    jwt_secret: str = ""  # set: a signed token must name the sender (bot/security/identity.py)


class RateLimiter:
    """Per-sender token buckets in this process: ``per_minute`` tokens a minute, at most ``burst`` saved.

    Kept in memory (one Rasa server process); a restart forgets them, which only errs on the side
    of the student.
    """

    def __init__(self, per_minute: float, burst: int = BURST, max_senders: int = MAX_TRACKED_SENDERS) -> None:
        """A limiter; ``per_minute <= 0`` lets everything through."""
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_senders = max_senders
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, sender: str, now: float | None = None) -> float:
        """Spend one token of ``sender``'s bucket: 0.0 when allowed, else seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.pop(sender, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._buckets[sender] = (tokens - 1.0, now)
            wait = 0.0
        else:
            self._buckets[sender] = (tokens, now)
            wait = (1.0 - tokens) / self.rate
        while len(self._buckets) > self.max_senders:
            self._buckets.popitem(last=False)
        return wait


@dataclass
class Verdict:
    """What the edge decided about one REST request: pass it on (``body``) or answer it (``status``)."""

    status: int = 0
    error: str = ""
    reply_key: str = ""
    sender: str = ""
    message: str = ""
    body: dict[str, Any] | None = None


def _error(text: str, sender: str = "") -> Verdict:
    return Verdict(status=400, error=text, sender=sender)


def check_body(raw: bytes, limits: Limits) -> Verdict:
    """Decide about a REST request body (see the module docstring)."""
    if not raw or not raw.strip():
        return _error('empty body: send a JSON object like {"sender": "...", "message": "..."}')
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _error("the body is not valid JSON in UTF-8")
    if not isinstance(data, dict):
        return _error(f"the body must be a JSON object, not {type(data).__name__}")
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not sender.strip():
        return _error('"sender" is required: a non-empty string naming the conversation')
    if len(sender) > limits.sender_max_chars:
        return _error(f'"sender" must be at most {limits.sender_max_chars} characters')
    if _BAD_SENDER.search(sender):
        return _error('"sender" must be printable text')
    if not isinstance(message, str):
        return _error('"message" is required: a string', sender)
    if _SURROGATE.search(message):
        return _error('"message" is not valid Unicode text (lone surrogate)', sender)
    if len(message) > limits.message_max_chars:
        return Verdict(status=200, reply_key="too_long", sender=sender)
    if not message.strip():
        return Verdict(status=200, reply_key="empty", sender=sender)
    if message.lstrip().startswith("/"):  # a button payload: no markup in its entities
        message = _PAYLOAD_JUNK.sub("", message)
        data = {**data, "message": message}
    return Verdict(sender=sender, message=message, body=data)


def reply(sender: str, text: str) -> list[dict[str, str]]:
    """A REST reply list with one text."""
    return [{"recipient_id": sender, "text": text}]


def clean_replies(body: bytes, sender: str, fallback: str) -> bytes | None:
    """The REST reply list with every message cleaned and ``fallback`` instead of an empty list;
    None when the body is not a reply list."""
    try:
        messages = json.loads(body)
    except ValueError:
        return None
    if not isinstance(messages, list):
        return None
    cleaned = [markup.clean_message(m) if isinstance(m, dict) else m for m in messages]
    return json.dumps(cleaned or reply(sender, fallback)).encode("utf-8")


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


def install(app: Sanic, limits: Limits) -> None:
    """Add the edge's middlewares to the Rasa server's app (see the module docstring)."""
    from actions.wording import say

    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    limiter = RateLimiter(limits.rate_per_minute)
    friendly = {"too_long": say("edge.too_long", limit=limits.message_max_chars), "empty": say("edge.empty")}

    @app.middleware("request")
    async def rest_edge(request: Request):
        if request.path != REST_PATH or request.method != "POST":
            return None
        request.ctx.trust_started = time.perf_counter()
        if _declared_length(request) > MAX_BODY_BYTES:
            return response.json({"error": f"the body is over {MAX_BODY_BYTES} bytes"}, status=413)
        verdict = check_body(request.body, limits)
        logs.begin_request(verdict.message or None, verdict.sender or None)
        request.ctx.trust_sender = verdict.sender
        if verdict.status == 400:
            return response.json({"error": verdict.error}, status=400)
        if limits.jwt_secret:
            problem = identity.token_problem(request.headers.get("authorization"), verdict.sender, limits.jwt_secret)
            if problem is not None:
                return response.json({"error": problem[1]}, status=problem[0])
        wait = limiter.take(verdict.sender)
        if wait > 0:
            headers = {"Retry-After": str(max(1, round(wait)))}
            body = {"error": "too many messages", "text": say("edge.slow_down")}
            return response.json(body, status=429, headers=headers)
        if verdict.reply_key:
            return response.json(reply(verdict.sender, friendly[verdict.reply_key]))
        request.parsed_json = verdict.body  # type: ignore[assignment]  # what Rasa's REST channel reads
        return None

    @app.middleware("response")
    async def rest_replies(request: Request, resp):
        if request.path != REST_PATH or request.method != "POST":
            return None
        started = getattr(request.ctx, "trust_started", None)
        ms = (time.perf_counter() - started) * 1000 if started else 0.0
        if resp.status != 200 or not resp.body:
            log.info("rest turn status=%s ms=%.0f", resp.status, ms)
            return None
        sender = getattr(request.ctx, "trust_sender", "") or ""
        cleaned = clean_replies(resp.body, sender, say("edge.one_moment"))
        log.info("rest turn status=200 ms=%.0f replies=%s", ms, "cleaned" if cleaned else "as sent")
        if cleaned is None:
            return None
        return response.raw(cleaned, status=200, content_type="application/json")
