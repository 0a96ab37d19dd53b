"""Bad input at the REST edge (issue 10): clear 400s, limits, friendly replies, rate limiting, no markup back."""

from __future__ import annotations

import json
import random
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import tracker_senders

from career_kb.vocabulary import parse_grade
from conftest import http

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

TOO_LONG = "That message is too long for me. Could you ask it in a sentence or two (under 2000 characters)?"
EMPTY = 'I didn\'t get any words there. Ask me about a career, like "what does a nurse do?"'
DEFAULT = "Sorry, I didn't quite get that."
MARKUP = re.compile(r"[<>]|javascript\s*:|vbscript\s*:", re.IGNORECASE)

MALFORMED = {
    "empty body": b"",
    "whitespace": b"   ",
    "JSON array": b'[{"sender": "a", "message": "hi"}]',
    "null": b"null",
    "number": b"42",
    "string": b'"hello"',
    "not JSON": b"sender=a&message=hi",
    "invalid UTF-8": b'{"sender": "a", "message": "\xff\xfe"}',
    "object without message": b'{"sender": "trust-no-message"}',
    "message null": b'{"sender": "trust-null-message", "message": null}',
    "message a number": b'{"sender": "trust-number-message", "message": 12}',
    "message an object": b'{"sender": "trust-object-message", "message": {"text": "hi"}}',
    "lone surrogate": b'{"sender": "trust-surrogate", "message": "hi \\ud800 there"}',
    "missing sender": b'{"message": "what does a nurse do?"}',
    "empty sender": b'{"sender": "", "message": "hi"}',
    "sender a number": b'{"sender": 7, "message": "hi"}',
    "sender with a newline": b'{"sender": "a\\nb", "message": "hi"}',
    "surrogate sender": b'{"sender": "\\udc00", "message": "hi"}',
    "long sender": json.dumps({"sender": "s" * 129, "message": "hi"}).encode(),
    "100,000-character sender": json.dumps({"sender": "s" * 100_000, "message": "hi"}).encode(),
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_bodies_get_400_with_a_clear_error(trusted_bot, body):
    reply = http(trusted_bot.rest, body)
    assert reply.status == 400
    assert isinstance(reply.body, dict) and isinstance(reply.body["error"], str) and reply.body["error"]


def test_nobody_is_ever_default_and_refused_senders_are_not_stored(trusted_bot):
    for body in MALFORMED.values():
        http(trusted_bot.rest, body)
    stored = tracker_senders(trusted_bot.tracker_db)
    assert "default" not in stored
    assert not {s for s in stored if s.startswith("trust-") and "message" in s or len(s) > 128}
    assert "trust-surrogate" not in stored


def test_the_longest_sender_is_accepted(trusted_bot):
    reply = trusted_bot.say("s" * 128, "hi")
    assert reply.status == 200 and reply.texts


@pytest.mark.parametrize("size", [2001, 4400, 990_000])
def test_oversize_messages_get_a_friendly_reply_and_are_not_stored(trusted_bot, size):
    sender = f"trust-oversize-{size}"
    reply = trusted_bot.say(sender, "4" * size)
    print(f"\n{size:,} characters answered in {reply.seconds * 1000:.1f} ms (target: under 50 ms)")
    assert reply.status == 200 and reply.texts == [TOO_LONG]
    assert sender not in tracker_senders(trusted_bot.tracker_db)


def test_a_body_over_a_megabyte_is_refused(trusted_bot):
    body = json.dumps({"sender": "trust-huge", "message": "a" * 1_100_000}).encode()
    assert http(trusted_bot.rest, body).status == 413


def test_anything_a_student_can_send_gets_a_reply(trusted_bot):
    assert trusted_bot.say("trust-blank", "   ").texts == [EMPTY]
    digits = trusted_bot.say("trust-digits", "4" * 1999)
    assert digits.status == 200 and digits.texts and all(digits.texts)
    assert parse_grade("4" * 4400) is None  # what used to raise in the profile action


def test_a_zip_code_is_thanked_once_without_a_fallback(trusted_bot):
    reply = trusted_bot.say("trust-zip", "my zip is 50315")
    assert reply.status == 200 and reply.texts
    assert not any(DEFAULT in t for t in reply.texts), reply.texts


def test_each_sender_is_rate_limited(trusted_bot):
    body, token = json.dumps({"sender": "trust-fast", "message": ""}).encode(), trusted_bot.token_for("trust-fast")
    statuses = [http(trusted_bot.rest, body, headers=token) for _ in range(14)]
    assert [r.status for r in statuses[:10]] == [200] * 10
    limited = statuses[-1]
    assert limited.status == 429 and int(limited.headers["Retry-After"]) >= 1
    assert limited.body["text"].startswith("You're sending messages faster than I can answer")
    assert trusted_bot.say("trust-other-sender", "").status == 200  # others are not slowed down


# --- injection corpus: payload patterns x message forms ------------------------------------------

PATTERNS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    "<iframe src=javascript:alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "<body onload=alert(1)>",
    "<b>bold</b>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "vbscript:msgbox(1)",
    "<style>*{display:none}</style>",
    "<object data=javascript:alert(1)>",
    "</p><h1>hi</h1>",
    "<marquee>nurse</marquee>",
    "nurse<br/>electrician",
]
FORMS = [
    "{p}",
    "what does a {p} do?",
    "how much does a {p} make?",
    "tell me about {p}",
    "is {p} a good job?",
    "how do I become a {p}",
    "jobs like {p}",
    "I go to {p}",
    "my school is {p}",
    "I like {p}",
    "internships in {p}",
    "{p} programs near 50315",
    "I'm in 10th grade at {p}",
    "what about {p}?",
    "and for {p}?",
    '/ask_occupation_info{{"occupation": "{p}"}}',
    '/ask_pay{{"occupation": "{p}"}}',
    '/ask_outlook{{"occupation": "{p}"}}',
    '/ask_pathway{{"occupation": "{p}"}}',
    '/ask_skills{{"occupation": "{p}"}}',
    '/ask_similar{{"occupation": "{p}"}}',
    '/followup_occupation{{"occupation": "{p}"}}',
    '/ask_occupation_info{{"occupation_code": "{p}"}}',
    '/save_to_plan{{"occupation_code": "{p}"}}',
    '/ask_clusters{{"cluster": "{p}"}}',
    '/ask_cte_programs{{"program": "{p}"}}',
    '/ask_partners{{"partner": "{p}"}}',
    '/inform{{"school": "{p}"}}',
    '/inform{{"grade": "{p}"}}',
    '/inform{{"zip": "{p}"}}',
    '/ask_wbl{{"opportunity_type": "{p}"}}',
    '/ask_careers_for_interests{{"subject": "{p}"}}',
    '/ask_postsecondary_options{{"postsecondary_option": "{p}"}}',
    '/ask_events{{"cluster": "{p}"}}',
    "/{p}",
    '/ask_pay{{"occupation": "{p}", "state": "{p}"}}',
    "{p} {p}",
    "what does a nurse do? {p}",
    "my zip is 50315 {p}",
    "help {p}",
]


def corpus() -> list[str]:
    """1,000 messages: every pattern in every form (JSON payload values escaped as JSON)."""
    out = []
    for form in FORMS:
        for pattern in PATTERNS:
            value = json.dumps(pattern)[1:-1] if form.startswith("/") else pattern
            out.append(form.format(p=value))
    return out


def visible_strings(messages) -> list[str]:
    """Every text, button title and button payload of a REST reply list."""
    out = []
    for m in messages:
        out.append(m.get("text") or "")
        for b in m.get("buttons") or []:
            out += [b.get("title") or "", b.get("payload") or ""]
    return out


def test_no_reply_to_the_injection_corpus_holds_markup(trusted_bot):
    messages = corpus()
    assert len(messages) == 1000 == len(set(messages))

    def turn(i: int):
        return trusted_bot.say(f"trust-inject-{i // 5}", messages[i], timeout=300)

    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(turn, range(len(messages))))
    assert [i for i, r in enumerate(replies) if r.status != 200] == []
    empty = [messages[i] for i, r in enumerate(replies) if not r.body]
    assert empty == []
    marked = [(messages[i], s) for i, r in enumerate(replies) for s in visible_strings(r.body) if MARKUP.search(s)]
    assert marked == []


# --- fuzz --------------------------------------------------------------------------------------------

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,!?'\"{}[]/\\@#$%^&*()_+-=:;<>|~` "
    "éüñçß 你好 مرحبا Привет 🙂🚀 \t\n\u200b\u202e"
)


def fuzz_messages(count: int, seed: int = 10) -> list[str]:
    """Random messages: random text, payload-like strings, long words, digits, sometimes near the limit."""
    rnd = random.Random(seed)
    out = []
    for i in range(count):
        kind = i % 6
        if kind == 0:
            text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 80)))
        elif kind == 1:
            text = (
                "/"
                + rnd.choice(["ask_pay", "inform", "greet", "nope", "", "ask_occupation_info@0.5"])
                + rnd.choice(
                    ["", "{", '{"occupation": 5}', '{"grade": [1, 2]}', '{"zip": null}', "{bad json", '{"x": "y"}']
                )
            )
        elif kind == 2:
            text = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 1999)))
        elif kind == 3:
            text = rnd.choice(["what does a ", "pay for ", "I'm in ", "my zip is ", ""]) + "".join(
                rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 30))
            )
        elif kind == 4:
            text = "x" * rnd.randint(1990, 2100)
        else:
            text = " ".join(
                rnd.choice(["nurse", "grade", "9", "<b>", "zip", "50315", "delete", "plan"]) for _ in range(8)
            )
        out.append(text)
    return out


def test_fuzz_2000_messages_no_5xx_no_empty_reply(trusted_bot):
    messages = fuzz_messages(2000)

    def turn(i: int):
        return trusted_bot.say(f"trust-fuzz-{i // 8}", messages[i], timeout=300)

    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(turn, range(len(messages))))
    statuses = [r.status for r in replies]
    print(f"\nfuzz: {len(replies)} messages, statuses {sorted(set(statuses))}")
    assert [s for s in statuses if s >= 500] == []
    assert [messages[i][:40] for i, r in enumerate(replies) if r.status == 200 and not r.texts and not r.body] == []
    assert all(r.status == 200 for r in replies)
