"""Bot Framework authentication, both ways, for single-tenant (and multi-tenant) app registrations.

In: every activity the Bot Framework Connector posts carries ``Authorization: Bearer <JWT>``.
:class:`ConnectorTokenValidator` accepts it only when

* the token is RS256-signed by a key from the JWKS that the OpenID metadata document names
  (``https://login.botframework.com/v1/.well-known/openidconfiguration`` by default), and that key
  is endorsed for the activity's ``channelId`` when the key lists endorsements;
* its issuer is ``https://api.botframework.com``, its audience is this bot's app id, it has not
  expired (5 minutes' clock skew allowed), and
* its ``serviceUrl`` claim equals the activity's ``serviceUrl`` (so a reply, which carries our own
  token, only ever goes to the service that Microsoft vouched for).

Out: :class:`TokenClient` gets the token for replies with the client-credentials grant from the
app's own tenant, ``https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token`` (scope
``https://api.botframework.com/.default``), which is what a single-tenant registration requires
(Rasa 3.6's botframework channel only asks the multi-tenant ``botframework.com`` tenant), and
keeps it until shortly before it expires.

Both base addresses are settings, so tests use local fakes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
ISSUER = "https://api.botframework.com"
TOKEN_BASE_URL = "https://login.microsoftonline.com"
SCOPE = "https://api.botframework.com/.default"
CLOCK_SKEW_SECONDS = 300
#: Signing keys are refetched after a day, or (at most every 5 minutes) when a token names an unknown key.
KEYS_MAX_AGE = 24 * 3600.0
KEYS_MIN_REFRESH = 300.0
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=10)


class AuthError(Exception):
    """A request that must be refused; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        """``reason`` is safe to log (never contains the token)."""
        super().__init__(reason)
        self.status = status
        self.reason = reason


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header; :class:`AuthError` (401) if there is none."""
    if not authorization:
        raise AuthError(401, "no Authorization header")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(401, "Authorization is not a Bearer token")
    return token.strip()


@dataclass
class _Keys:
    by_kid: dict[str, dict[str, Any]]
    fetched_at: float


def _public_key(jwk: Mapping[str, Any]) -> RSAPublicKey:
    """The RSA public key of a JWK from the key set; :class:`AuthError` (403) for anything else."""
    try:
        key = RSAAlgorithm.from_jwk(json.dumps(jwk))
    except (jwt.PyJWTError, TypeError, ValueError) as exc:
        raise AuthError(403, "signing key unusable") from exc
    if not isinstance(key, RSAPublicKey):
        raise AuthError(403, "signing key is not an RSA public key")
    return key


class ConnectorTokenValidator:
    """Validates the JWT on activities from the Bot Framework Connector (see the module docstring)."""

    def __init__(self, app_id: str, openid_metadata_url: str = OPENID_METADATA_URL, issuer: str = ISSUER) -> None:
        """Tokens must be for ``app_id``; keys come from the OpenID document at ``openid_metadata_url``."""
        self.app_id = app_id
        self.openid_metadata_url = openid_metadata_url
        self.issuer = issuer
        self._keys: _Keys | None = None
        self._lock = asyncio.Lock()

    async def _fetch_keys(self) -> _Keys:
        async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as session:
            async with session.get(self.openid_metadata_url) as resp:
                resp.raise_for_status()
                metadata = await resp.json(content_type=None)
            async with session.get(metadata["jwks_uri"]) as resp:
                resp.raise_for_status()
                jwks = await resp.json(content_type=None)
        keys = {k["kid"]: k for k in jwks.get("keys", []) if isinstance(k, dict) and k.get("kid")}
        return _Keys(keys, time.monotonic())

    async def signing_key(self, kid: str) -> dict[str, Any] | None:
        """The JWK with id ``kid`` (fetching or refreshing the key set when needed)."""
        async with self._lock:
            now, keys = time.monotonic(), self._keys
            stale = keys is None or now - keys.fetched_at > KEYS_MAX_AGE
            unknown = keys is not None and kid not in keys.by_kid and now - keys.fetched_at > KEYS_MIN_REFRESH
            if stale or unknown:
                try:
                    self._keys = await self._fetch_keys()
                except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, ValueError) as exc:
                    log.error("could not fetch the Bot Framework signing keys: %s", type(exc).__name__)
                    if self._keys is None:
                        raise AuthError(503, "signing keys unavailable") from exc
            return self._keys.by_kid.get(kid) if self._keys else None

    async def validate(self, authorization: str | None, activity: Mapping[str, Any]) -> dict[str, Any]:
        """The token's claims when the request may be answered; :class:`AuthError` otherwise."""
        token = bearer_token(authorization)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError(401, "malformed token") from exc
        if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
            raise AuthError(403, "token not signed with RS256 by a known key")
        jwk = await self.signing_key(header["kid"])
        if jwk is None:
            raise AuthError(403, "token signed by an unknown key")
        endorsements = jwk.get("endorsements")
        if isinstance(endorsements, list) and activity.get("channelId") not in endorsements:
            raise AuthError(403, "signing key not endorsed for this channel")
        key = _public_key(jwk)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.app_id,
                issuer=self.issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise AuthError(403, f"token rejected ({type(exc).__name__})") from exc
        service_url = activity.get("serviceUrl")
        if not isinstance(service_url, str) or not _same_url(claims.get("serviceUrl"), service_url):
            raise AuthError(403, "serviceUrl does not match the token")
        return claims


def _same_url(claim: Any, value: str) -> bool:
    return isinstance(claim, str) and claim.rstrip("/").lower() == value.rstrip("/").lower()


class TokenClient:
    """Access tokens for the Bot Connector, from the app's own tenant, cached until near expiry."""

    def __init__(
        self, app_id: str, app_password: str, tenant_id: str, token_base_url: str = TOKEN_BASE_URL, scope: str = SCOPE
    ) -> None:
        """Client credentials of the app registration in ``tenant_id``."""
        self.app_id = app_id
        self.app_password = app_password
        self.token_url = f"{token_base_url.rstrip('/')}/{tenant_id}/oauth2/v2.0/token"
        self.scope = scope
        self._token: str | None = None
        self._valid_until = 0.0
        self._lock = asyncio.Lock()

    async def token(self, session: aiohttp.ClientSession) -> str:
        """A valid access token (fetched when there is none or it expires within 5 minutes)."""
        async with self._lock:
            if self._token is None or time.monotonic() >= self._valid_until:
                form = {
                    "grant_type": "client_credentials",
                    "client_id": self.app_id,
                    "client_secret": self.app_password,
                    "scope": self.scope,
                }
                async with session.post(self.token_url, data=form, timeout=HTTP_TIMEOUT) as resp:
                    if resp.status != 200:
                        raise RuntimeError(f"token endpoint answered HTTP {resp.status}")
                    data = await resp.json(content_type=None)
                lifetime = float(data.get("expires_in", 3600))
                margin = min(CLOCK_SKEW_SECONDS, lifetime / 2)
                self._token = str(data["access_token"])
                self._valid_until = time.monotonic() + lifetime - margin
            return self._token
