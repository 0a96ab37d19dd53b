"""Bot Framework token validation and single-tenant reply tokens (bot/channels/teams_auth.py),
against a local fake identity provider and token endpoint (no Rasa server needed)."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import jwt
import pytest
from channel_fakes import TEAMS_APP_ID, TEAMS_TENANT_ID, FakeIdentityProvider, FakeTokenEndpoint
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.channels.teams_auth import AuthError, ConnectorTokenValidator, TokenClient, bearer_token

SERVICE_URL = "https://smba.trafficmanager.net/amer/"
ACTIVITY = {"type": "message", "channelId": "msteams", "serviceUrl": SERVICE_URL}


@pytest.fixture(scope="module")
def idp():
    server = FakeIdentityProvider().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def token_endpoint():
    server = FakeTokenEndpoint().start()
    yield server
    server.stop()


def validate(idp, token, activity=ACTIVITY):
    validator = ConnectorTokenValidator(TEAMS_APP_ID, idp.metadata_url)
    return asyncio.run(validator.validate(f"Bearer {token}", activity))


def refused(idp, token, activity=ACTIVITY) -> int:
    with pytest.raises(AuthError) as err:
        validate(idp, token, activity)
    return err.value.status


def test_a_connector_token_is_accepted(idp):
    claims = validate(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL))
    assert claims["aud"] == TEAMS_APP_ID and claims["iss"] == "https://api.botframework.com"
    assert claims["serviceUrl"] == SERVICE_URL


def test_clock_skew_of_up_to_five_minutes_is_allowed(idp):
    assert validate(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL, lifetime=-240))
    assert refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL, lifetime=-400)) == 403


def test_bad_tokens_are_refused(idp):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL, key=other)) == 403
    assert refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL, kid="unknown")) == 403
    assert refused(idp, idp.sign("another-app", SERVICE_URL)) == 403
    assert refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL, issuer="https://login.microsoftonline.com/x/v2.0")) == 403
    assert refused(idp, idp.sign(TEAMS_APP_ID, "https://elsewhere.example/")) == 403
    assert (
        refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL), {**ACTIVITY, "serviceUrl": "https://elsewhere.example/"})
        == 403
    )
    assert (
        refused(idp, idp.sign(TEAMS_APP_ID, SERVICE_URL), {**ACTIVITY, "channelId": "webchat"}) == 403
    )  # key endorsements
    hs = jwt.encode(
        {
            "iss": "https://api.botframework.com",
            "aud": TEAMS_APP_ID,
            "exp": int(time.time()) + 60,
            "serviceUrl": SERVICE_URL,
        },
        "secret",
        algorithm="HS256",
        headers={"kid": idp.kid},
    )
    assert refused(idp, hs) == 403
    assert refused(idp, "garbage") == 401


def test_a_token_without_service_url_claim_is_refused(idp):
    token = jwt.encode(
        {"iss": "https://api.botframework.com", "aud": TEAMS_APP_ID, "exp": int(time.time()) + 600},
        idp.private_key,
        algorithm="RS256",
        headers={"kid": idp.kid},
    )
    assert refused(idp, token) == 403


def test_the_authorization_header_must_be_a_bearer_token():
    assert bearer_token("Bearer abc.def.ghi") == "abc.def.ghi"
    for header in (None, "", "Basic dXNlcg==", "Bearer "):
        with pytest.raises(AuthError) as err:
            bearer_token(header)
        assert err.value.status == 401


def test_the_reply_token_comes_from_the_tenant_and_is_cached(token_endpoint):
    client = TokenClient(TEAMS_APP_ID, "pw", TEAMS_TENANT_ID, token_endpoint.url)

    async def twice():
        async with aiohttp.ClientSession() as session:
            return [await client.token(session), await client.token(session)]

    before = len(token_endpoint.recorder.calls)
    assert asyncio.run(twice()) == ["fake-connector-token-1", "fake-connector-token-1"]
    calls = token_endpoint.recorder.calls[before:]
    assert len(calls) == 1
    assert calls[0].path == "/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/oauth2/v2.0/token"
    assert calls[0].body == {
        "grant_type": "client_credentials",
        "client_id": TEAMS_APP_ID,
        "client_secret": "pw",
        "scope": "https://api.botframework.com/.default",
    }
