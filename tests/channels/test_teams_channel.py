"""Microsoft Teams over the running assistant: Bot Framework activities signed by a local fake
identity provider, reply tokens from a local fake single-tenant token endpoint, replies (and Hero
cards) checked in a local fake connector; unsigned and wrongly signed activities refused."""

from __future__ import annotations

import time
import uuid

import pytest
import requests
from channel_fakes import TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID
from cryptography.hazmat.primitives.asymmetric import rsa

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

#: The two variants of utter_greet (domain.yml) start like this.
GREETINGS = ("Hey! 👋 I'm the career helper.", "Hi there! I help with careers:")
INTERESTS_QUESTION = "Let's find careers that fit you! What do you like?"
CRISIS_FIRST_LINE = "I'm really glad you told me. You matter, and you don't have to handle this alone."


def conversation_id() -> str:
    # shaped like a Teams personal chat id, with characters that need quoting in a URL path
    return f"a:1{uuid.uuid4().hex};messageid=17000{uuid.uuid4().int % 10**6}"


def activity(
    bot,
    text: str | None,
    *,
    conversation: str,
    user: str | None = None,
    tenant: str = TEAMS_TENANT_ID,
    service_url: str | None = None,
    **fields,
) -> dict:
    """A Teams ``message`` activity as the Bot Connector posts it."""
    user = user or str(uuid.uuid4())
    act = {
        "type": "message",
        "id": f"1700{uuid.uuid4().int % 10**9}",
        "timestamp": "2025-11-30T10:00:00.000Z",
        "serviceUrl": service_url or bot.connector.service_url,
        "channelId": "msteams",
        "from": {"id": f"29:1{user[:8]}", "name": "Student Name", "aadObjectId": user},
        "conversation": {"conversationType": "personal", "tenantId": tenant, "id": conversation},
        "recipient": {"id": f"28:{TEAMS_APP_ID}", "name": "Career helper"},
        "channelData": {"tenant": {"id": tenant}},
        "locale": "en-US",
        **fields,
    }
    if text is not None:
        act["text"] = text
    return act


def post_activity(bot, act: dict, token: str | None = "sign", **sign_kwargs):
    headers = {}
    if token == "sign":
        token = bot.idp.sign(TEAMS_APP_ID, act["serviceUrl"], **sign_kwargs)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(f"{bot.url}/webhooks/teams/webhook", json=act, headers=headers, timeout=60)


def test_a_signed_message_is_answered_through_the_connector_with_a_single_tenant_token(channel_bot):
    conv = conversation_id()
    act = activity(channel_bot, "hi", conversation=conv)
    resp = post_activity(channel_bot, act)
    assert resp.status_code == 200
    (reply,) = channel_bot.connector.wait_replies(conv)
    # the reply goes to /v3/conversations/{conversation id}/activities/{the student's activity id}
    assert reply.params == {"conversation": conv, "activity": act["id"]}
    assert reply.headers["Authorization"] == "Bearer fake-connector-token-1"
    body = reply.body
    assert body["type"] == "message" and body["replyToId"] == act["id"]
    assert body["text"].startswith(GREETINGS) and body["textFormat"] == "plain"
    assert body["conversation"] == {"id": conv}
    assert body["recipient"] == {"id": act["from"]["id"]}
    assert body["from"] == {"id": f"28:{TEAMS_APP_ID}", "name": "Career helper"}
    # buttons arrive as a Hero card of messageBack buttons carrying the Rasa payload
    (card,) = body["attachments"]
    assert card["contentType"] == "application/vnd.microsoft.card.hero"
    (careers,) = [b for b in card["content"]["buttons"] if b["text"] == "/ask_careers_for_interests"]
    assert careers["title"] in ("Careers for what I like", "Find careers I'd like")  # the two greeting variants
    assert careers == {
        "type": "messageBack",
        "title": careers["title"],
        "displayText": careers["title"],
        "text": "/ask_careers_for_interests",
        "value": {"rasa_payload": "/ask_careers_for_interests"},
    }
    # the token came from the app's own tenant with the client-credentials grant
    token_calls = channel_bot.tokens.recorder.matching(lambda c: True)
    assert token_calls, "no token was requested"
    first = token_calls[0]
    assert first.path == f"/{TEAMS_TENANT_ID}/oauth2/v2.0/token"
    assert first.body == {
        "grant_type": "client_credentials",
        "client_id": TEAMS_APP_ID,
        "client_secret": TEAMS_APP_PASSWORD,
        "scope": "https://api.botframework.com/.default",
    }


def test_a_card_button_click_is_the_students_next_message(channel_bot):
    conv, user = conversation_id(), str(uuid.uuid4())
    post_activity(channel_bot, activity(channel_bot, "hi", conversation=conv, user=user))
    (greeting,) = channel_bot.connector.wait_replies(conv)
    careers = next(
        b for b in greeting.body["attachments"][0]["content"]["buttons"] if b["text"] == "/ask_careers_for_interests"
    )
    # what Teams posts for a messageBack click: the button's text and value
    click = activity(channel_bot, careers["text"], conversation=conv, user=user, value=careers["value"])
    assert post_activity(channel_bot, click).status_code == 200
    question = channel_bot.connector.wait_replies(conv, count=2)[1]
    assert question.body["text"].startswith(INTERESTS_QUESTION)
    assert question.params["activity"] == click["id"]
    # eight interest buttons and "Take the interest quiz": two Hero cards (six + three)
    cards = question.body["attachments"]
    assert [len(c["content"]["buttons"]) for c in cards] == [6, 3]
    biology = next(b for c in cards for b in c["content"]["buttons"] if b["title"] == "Biology")
    assert biology["value"] == {"rasa_payload": '/ask_careers_for_interests{"subject":"biology"}'}
    post_activity(
        channel_bot, activity(channel_bot, biology["text"], conversation=conv, user=user, value=biology["value"])
    )
    answer = channel_bot.connector.wait_replies(conv, count=3)[2]
    assert answer.body["text"].startswith("Since you like biology, you may enjoy")


def test_the_reply_token_is_fetched_once_and_reused(channel_bot):
    conv = conversation_id()
    for text in ("hi", "thanks"):
        post_activity(channel_bot, activity(channel_bot, text, conversation=conv))
    channel_bot.connector.wait_replies(conv, count=2)
    # one token per Rasa server process (each restart starts with an empty cache), never one per reply
    assert 1 <= len(channel_bot.tokens.recorder.calls) <= 1 + channel_bot.restarts


def _no_reply(bot, conv: str) -> None:
    sentinel = conversation_id()
    post_activity(bot, activity(bot, "hi", conversation=sentinel))
    bot.connector.wait_replies(sentinel)
    time.sleep(1.0)
    assert bot.connector.replies(conv) == []


def test_an_unsigned_activity_is_refused_with_401_and_no_reply(channel_bot):
    conv = conversation_id()
    resp = post_activity(channel_bot, activity(channel_bot, "hi", conversation=conv), token=None)
    assert resp.status_code == 401
    resp = requests.post(
        f"{channel_bot.url}/webhooks/teams/webhook",
        json=activity(channel_bot, "hi", conversation=conv),
        headers={"Authorization": "Basic dXNlcjpwYXNz"},
        timeout=30,
    )
    assert resp.status_code == 401
    _no_reply(channel_bot, conv)


@pytest.mark.parametrize(
    "case",
    ["other key", "unknown key id", "wrong audience", "wrong issuer", "expired", "not a jwt", "hs256", "alg none"],
)
def test_a_wrongly_signed_activity_is_refused_with_403_and_no_reply(channel_bot, case):
    conv = conversation_id()
    act = activity(channel_bot, "hi", conversation=conv)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    import jwt as pyjwt

    tokens = {
        "other key": lambda: channel_bot.idp.sign(TEAMS_APP_ID, act["serviceUrl"], key=other_key),
        "unknown key id": lambda: channel_bot.idp.sign(TEAMS_APP_ID, act["serviceUrl"], kid="someone-else"),
        "wrong audience": lambda: channel_bot.idp.sign("99999999-0000-0000-0000-000000000000", act["serviceUrl"]),
        "wrong issuer": lambda: channel_bot.idp.sign(
            TEAMS_APP_ID, act["serviceUrl"], issuer="https://sts.windows.net/x/"
        ),
        "expired": lambda: channel_bot.idp.sign(TEAMS_APP_ID, act["serviceUrl"], lifetime=-3600),
        "not a jwt": lambda: "not.a.jwt",
        "hs256": lambda: pyjwt.encode(
            {
                "iss": "https://api.botframework.com",
                "aud": TEAMS_APP_ID,
                "exp": int(time.time()) + 600,
                "serviceUrl": act["serviceUrl"],
            },
            "shared-secret",
            algorithm="HS256",
            headers={"kid": "test-key-1"},
        ),
        "alg none": lambda: pyjwt.encode(
            {
                "iss": "https://api.botframework.com",
                "aud": TEAMS_APP_ID,
                "exp": int(time.time()) + 600,
                "serviceUrl": act["serviceUrl"],
            },
            None,
            algorithm="none",
            headers={"kid": "test-key-1"},
        ),
    }
    resp = post_activity(channel_bot, act, token=tokens[case]())
    assert resp.status_code in (401, 403)
    if case != "not a jwt":
        assert resp.status_code == 403
    _no_reply(channel_bot, conv)


def test_a_token_for_another_service_url_is_refused_and_nothing_is_sent_there(channel_bot):
    conv = conversation_id()
    elsewhere = "http://127.0.0.1:9/evil/"
    act = activity(channel_bot, "hi", conversation=conv, service_url=elsewhere)
    token = channel_bot.idp.sign(TEAMS_APP_ID, channel_bot.connector.service_url)  # signed for the real service
    assert post_activity(channel_bot, act, token=token).status_code == 403
    _no_reply(channel_bot, conv)


def test_an_activity_from_another_tenant_is_not_answered(channel_bot):
    conv = conversation_id()
    act = activity(channel_bot, "hi", conversation=conv, tenant="bbbbbbbb-0000-0000-0000-000000000000")
    assert post_activity(channel_bot, act).status_code == 200
    _no_reply(channel_bot, conv)


def test_a_redelivered_activity_is_answered_once(channel_bot):
    conv = conversation_id()
    act = activity(channel_bot, "hi", conversation=conv)
    post_activity(channel_bot, act)
    channel_bot.connector.wait_replies(conv)
    assert post_activity(channel_bot, act).status_code == 200
    time.sleep(2.0)
    assert len(channel_bot.connector.replies(conv)) == 1


def test_a_crisis_message_gets_the_crisis_resources_first(channel_bot):
    conv = conversation_id()
    post_activity(channel_bot, activity(channel_bot, "i want to kill myself", conversation=conv))
    first = channel_bot.connector.wait_replies(conv)[0]
    assert first.body["text"].startswith(CRISIS_FIRST_LINE)
    assert "988 Suicide & Crisis Lifeline: call or text 988" in first.body["text"]
    assert "text HOME to 741741" in first.body["text"]


def test_the_sender_id_is_tenant_and_aad_object_id(channel_bot):
    conv, user = conversation_id(), str(uuid.uuid4())
    post_activity(channel_bot, activity(channel_bot, "<at>Career helper</at> hello", conversation=conv, user=user))
    channel_bot.connector.wait_replies(conv)
    tracker = requests.get(
        f"{channel_bot.url}/conversations/teams-{TEAMS_TENANT_ID}:{user}/tracker",
        params={"token": channel_bot.settings.auth_token},
        timeout=30,
    ).json()
    assert [e.get("text") for e in tracker["events"] if e["event"] == "user"] == ["hello"]
    assert tracker["latest_input_channel"] == "teams"
