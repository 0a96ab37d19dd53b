"""Local stand-ins for Slack and Microsoft, on loopback, speaking the real protocols.

* :class:`FakeSlackApi` — the Slack Web API's ``chat.postMessage`` (what slack-sdk's client calls);
  records every call.
* :class:`FakeIdentityProvider` — an OpenID metadata document and its JWKS, with an RSA key made
  here; :meth:`FakeIdentityProvider.sign` issues Bot Framework-style tokens with it.
* :class:`FakeTokenEndpoint` — ``/{tenant}/oauth2/v2.0/token`` (client-credentials grant).
* :class:`FakeConnector` — a Bot Framework connector: ``POST /v3/conversations/{id}/activities/{id}``.

Each runs an aiohttp application in its own thread and event loop; the recorded calls are read
from the test's thread with :meth:`Recorder.wait_for`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from bot.run import free_port

#: The credentials the tests give the channels (test values, nothing real).
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAMS_APP_ID = "11111111-2222-3333-4444-555555555555"
TEAMS_APP_PASSWORD = "test-client-secret"
TEAMS_TENANT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
#: The counselors' Slack channel the safety alert worker posts to in the tests.
ALERT_CHANNEL = "C0COUNSELORS"


@dataclass
class Call:
    """One request a fake received."""

    path: str
    headers: dict[str, str]
    body: Any
    params: dict[str, str] = field(default_factory=dict)


class Recorder:
    """Thread-safe list of calls with waiting."""

    def __init__(self) -> None:
        """Empty."""
        self.calls: list[Call] = []
        self._cond = threading.Condition()

    def add(self, call: Call) -> None:
        """Record a call and wake waiters."""
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def matching(self, pred: Callable[[Call], bool]) -> list[Call]:
        """The calls so far for which ``pred`` holds."""
        with self._cond:
            return [c for c in self.calls if pred(c)]

    def wait_for(self, pred: Callable[[Call], bool], count: int = 1, timeout: float = 90.0) -> list[Call]:
        """Wait until ``count`` calls match ``pred``; return them (raise on timeout)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if pred(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"expected {count} matching call(s), got {len(found)}")
                self._cond.wait(left)


class LoopbackServer:
    """An aiohttp application on ``127.0.0.1:<free port>``, served from a background thread."""

    def __init__(self) -> None:
        """Nothing runs until :meth:`start`."""
        self.port = free_port()
        self.recorder = Recorder()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def app(self) -> web.Application:  # pragma: no cover - each fake defines its routes
        """The application to serve."""
        raise NotImplementedError

    def start(self) -> LoopbackServer:
        """Serve until :meth:`stop`."""
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._runner = web.AppRunner(self.app())
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=run, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{type(self).__name__} did not start")
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)


class FakeSlackApi(LoopbackServer):
    """``POST /api/chat.postMessage`` (JSON or form), recording each call; other methods answer ok."""

    token = "xoxb-test-token"

    @property
    def base_url(self) -> str:
        """What the channel's ``api_base_url`` should be."""
        return f"{self.url}/api/"

    def app(self) -> web.Application:
        """Routes."""
        app = web.Application()
        app.router.add_post("/api/{method}", self.method)
        return app

    async def method(self, request: web.Request) -> web.Response:
        """Record the call and answer like Slack."""
        if request.content_type == "application/json":
            body = await request.json()
        else:
            body = dict(await request.post())
        name = request.match_info["method"]
        self.recorder.add(Call(name, dict(request.headers), body))
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if name == "chat.postMessage":
            ts = f"{time.time():.6f}"
            return web.json_response({"ok": True, "channel": body.get("channel"), "ts": ts, "message": {"ts": ts}})
        return web.json_response({"ok": True})

    def posts(self, channel: str) -> list[Call]:
        """The chat.postMessage calls to ``channel`` so far."""
        return self.recorder.matching(lambda c: c.path == "chat.postMessage" and c.body.get("channel") == channel)

    def wait_posts(self, channel: str, count: int = 1, timeout: float = 90.0) -> list[Call]:
        """Wait for ``count`` chat.postMessage calls to ``channel``."""
        return self.recorder.wait_for(
            lambda c: c.path == "chat.postMessage" and c.body.get("channel") == channel, count, timeout
        )


def slack_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature (written here from Slack's documented scheme)."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class FakeIdentityProvider(LoopbackServer):
    """OpenID metadata + JWKS for Bot Framework tokens, with a fresh 2048-bit RSA key."""

    issuer = "https://api.botframework.com"
    kid = "test-key-1"

    def __init__(self) -> None:
        """Make the key pair."""
        super().__init__()
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.metadata_requests = 0

    @property
    def metadata_url(self) -> str:
        """What the channel's ``openid_metadata_url`` should be."""
        return f"{self.url}/v1/.well-known/openidconfiguration"

    def jwk(self) -> dict[str, Any]:
        """The public key as published, endorsed for Teams."""
        key = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {**key, "kid": self.kid, "use": "sig", "endorsements": ["msteams"]}

    def app(self) -> web.Application:
        """Routes."""
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self.metadata)
        app.router.add_get("/v1/.well-known/keys", self.keys)
        return app

    async def metadata(self, request: web.Request) -> web.Response:
        """The OpenID configuration document."""
        self.metadata_requests += 1
        return web.json_response(
            {
                "issuer": self.issuer,
                "jwks_uri": f"{self.url}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def keys(self, request: web.Request) -> web.Response:
        """The JWKS."""
        return web.json_response({"keys": [self.jwk()]})

    def sign(
        self,
        audience: str,
        service_url: str,
        *,
        key=None,
        kid: str | None = None,
        lifetime: int = 3600,
        issuer: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        """A token like the Bot Connector's (``key``/``kid``/``issuer`` override for bad tokens)."""
        now = int(time.time())
        claims = {
            "iss": issuer or self.issuer,
            "aud": audience,
            "nbf": now - 60,
            "iat": now - 60,
            "exp": now + lifetime,
            "serviceUrl": service_url,
            **(extra or {}),
        }
        return jwt.encode(claims, key or self.private_key, algorithm="RS256", headers={"kid": kid or self.kid})


class FakeTokenEndpoint(LoopbackServer):
    """Microsoft identity platform's token endpoint for one or more tenants (client credentials)."""

    access_token = "fake-connector-token-1"

    def app(self) -> web.Application:
        """Routes."""
        app = web.Application()
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self.token)
        return app

    async def token(self, request: web.Request) -> web.Response:
        """Record the request; answer with a token valid for an hour."""
        form = dict(await request.post())
        self.recorder.add(Call(request.path, dict(request.headers), form, dict(request.match_info)))
        if form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600, "access_token": self.access_token}
        )


class FakeConnector(LoopbackServer):
    """A Bot Framework connector (what an activity's ``serviceUrl`` points at)."""

    @property
    def service_url(self) -> str:
        """An activity's ``serviceUrl`` for this connector (with a region path like Teams')."""
        return f"{self.url}/amer/"

    def app(self) -> web.Application:
        """Routes."""
        app = web.Application()
        app.router.add_post("/amer/v3/conversations/{conversation}/activities/{activity}", self.reply)
        app.router.add_post("/amer/v3/conversations/{conversation}/activities", self.reply)
        return app

    async def reply(self, request: web.Request) -> web.Response:
        """Record the reply activity."""
        params = {k: urllib.parse.unquote(v) for k, v in request.match_info.items()}
        self.recorder.add(Call(request.path, dict(request.headers), await request.json(), params))
        return web.json_response({"id": f"reply-{len(self.recorder.calls)}"}, status=201)

    def replies(self, conversation: str) -> list[Call]:
        """Replies posted to ``conversation`` so far."""
        return self.recorder.matching(lambda c: c.params.get("conversation") == conversation)

    def wait_replies(self, conversation: str, count: int = 1, timeout: float = 90.0) -> list[Call]:
        """Wait for ``count`` replies in ``conversation``."""
        return self.recorder.wait_for(lambda c: c.params.get("conversation") == conversation, count, timeout)
