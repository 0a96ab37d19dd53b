"""REST identity in production: a signed token names the sender.

Off by default (development: the REST client's ``sender`` names the conversation). With
``REST_JWT_SECRET`` set, every ``POST /webhooks/rest/webhook`` must carry
``Authorization: Bearer <token>``, an HS256 JWT signed with that secret whose ``sub`` is the
``sender`` of the body and which has an ``exp``: whoever authenticates the student (the school's
portal, the page that embeds the chat) signs it, e.g. with :func:`sign_sender`. Without a valid
token: 401; a token for another sender: 403. A client can then act only as the student it was
given a token for.
"""

from __future__ import annotations

import time

import jwt

#: The only signing algorithm accepted.
ALGORITHM = "HS256"


def sign_sender(sender: str, secret: str, seconds: float = 3600, now: float | None = None) -> str:
    """A token naming ``sender``, valid for ``seconds``."""
    now = time.time() if now is None else now
    return jwt.encode({"sub": sender, "iat": int(now), "exp": int(now + seconds)}, secret, algorithm=ALGORITHM)


def token_problem(authorization: str | None, sender: str, secret: str) -> tuple[int, str] | None:
    """None when ``authorization`` is ``Bearer <token>`` naming ``sender``; else (status, error)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return 401, "a signed token naming the sender is required: Authorization: Bearer <token>"
    try:
        claims = jwt.decode(
            authorization[7:].strip(), secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]}
        )
    except jwt.PyJWTError:
        return 401, "the token is not valid (signature, format or expiry)"
    if claims.get("sub") != sender:
        return 403, "the token names another sender"
    return None
