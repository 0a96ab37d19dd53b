"""The web widget's session ids: issued by the server, signed, and checked on every connection.

A session id looks like ``v1.<random>.<signature>``: 24 random URL-safe characters (144 bits) and
the URL-safe base64 HMAC-SHA256 of ``v1.<random>`` under ``WIDGET_SESSION_SECRET`` (or the
per-install secret generated into ``var/widget_session_secret``). The widget keeps it in the
browser's localStorage and presents it when it connects again; the server accepts it only if the
signature matches, and otherwise issues a fresh one. A client therefore cannot choose its own id
or guess another student's: the conversation a browser reaches is the one the server gave it.

The Rasa sender id is ``web-<random>``: the signature is never stored in the tracker, and the
tracker's ids cannot be replayed as session ids.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from career_kb import settings
from career_kb.local_secrets import local_secret

VERSION = "v1"
SECRET_FILE = "widget_session_secret"
SENDER_PREFIX = "web-"
_RANDOM_BYTES = 18  # 24 URL-safe characters
_TOKEN = re.compile(r"v1\.([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})")


@dataclass(frozen=True)
class WidgetSession:
    """One browser's session: the signed id it keeps and the Rasa sender id it stands for."""

    token: str
    sender_id: str


def session_secret() -> bytes:
    """``WIDGET_SESSION_SECRET``, or the per-install secret in ``var/`` (created on first use)."""
    return local_secret(SECRET_FILE, settings.get().widget_session_secret)


def _signature(random_part: str, secret: bytes) -> str:
    digest = hmac.new(secret, f"{VERSION}.{random_part}".encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue(secret: bytes) -> WidgetSession:
    """A new session with an unguessable id signed with ``secret``."""
    random_part = secrets.token_urlsafe(_RANDOM_BYTES)
    return WidgetSession(f"{VERSION}.{random_part}.{_signature(random_part, secret)}", SENDER_PREFIX + random_part)


def verify(token: object, secret: bytes) -> WidgetSession | None:
    """The session ``token`` stands for if it is a well-formed id signed with ``secret``, else None."""
    if not isinstance(token, str) or len(token) > 100:
        return None
    match = _TOKEN.fullmatch(token)
    if match is None:
        return None
    random_part, signature = match.groups()
    if not hmac.compare_digest(signature, _signature(random_part, secret)):
        return None
    return WidgetSession(token, SENDER_PREFIX + random_part)


def resume_or_issue(token: object, secret: bytes) -> tuple[WidgetSession, bool]:
    """The session for a presented ``token`` when it verifies, else a new one; and whether it was resumed."""
    session = verify(token, secret)
    if session is not None:
        return session, True
    return issue(secret), False
