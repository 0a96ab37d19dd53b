"""The action server accepts only the Rasa server: a shared token on every call.

``bot.run`` generates the token once into ``var/action_server_token`` (or takes
``ACTION_SERVER_TOKEN``), writes it into the ``headers`` of ``action_endpoint`` in
``var/endpoints.run.yml`` (Rasa sends those headers with every action call) and gives it to the
action server in its environment. :func:`install` adds a request middleware to rasa-sdk's Sanic app
that answers 401 when the header is missing and 403 when it is wrong, before anything is read from
the request; only ``GET /health`` is open (it tells nothing but "ok").
"""

from __future__ import annotations

import hmac

from sanic import Sanic, response
from sanic.request import Request

#: The header Rasa sends the token in.
ACTION_TOKEN_HEADER = "X-Action-Token"
#: The file in ``var/`` the token is generated into.
ACTION_TOKEN_FILE = "action_server_token"
#: Paths answered without the token.
OPEN_PATHS = frozenset({"/health"})


def token_matches(provided: str | None, expected: str) -> bool:
    """Whether ``provided`` is the expected token (constant-time comparison; an empty token never matches)."""
    if not provided or not expected:
        return False
    return hmac.compare_digest(provided.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def install(app: Sanic, token: str) -> None:
    """Refuse every request to ``app`` except ``GET /health`` unless it carries ``token``."""
    if not token:
        raise ValueError("the action server needs a token (ACTION_SERVER_TOKEN or var/action_server_token)")

    @app.middleware("request")
    async def require_action_token(request: Request):
        if request.method == "GET" and request.path in OPEN_PATHS:
            return None
        provided = request.headers.get(ACTION_TOKEN_HEADER)
        if not provided:
            return response.json({"error": f"missing {ACTION_TOKEN_HEADER} header"}, status=401)
        if not token_matches(provided, token):
            return response.json({"error": f"wrong {ACTION_TOKEN_HEADER}"}, status=403)
        return None
