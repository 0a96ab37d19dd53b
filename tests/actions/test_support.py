"""Safety first, and a real hand-off to a counselor (a ticket in their queue)."""

from __future__ import annotations

import pytest

from actions import handoff, kb, support
from career_kb.db import make_engine
from conftest import payload_intents


async def test_safety_response_gives_crisis_resources_first(run_action):
    run = await run_action(support.ActionSafetyResponse(), "safety")
    first = run.texts[0]
    assert "988" in first and "741741" in first and "911" in first
    assert "call or text 988" in first and "text HOME to 741741" in first
    assert first.index("988") < first.index("741741") < first.index("911")
    assert "request_counselor" in payload_intents(run.buttons)  # then the offer to reach a counselor
    assert "counselor" in run.texts[-1]


@pytest.mark.no_kb
async def test_safety_response_does_not_depend_on_the_kb(run_action, tmp_path):
    broken = tmp_path / "not-a-database.sqlite3"
    broken.write_text("this is not a database")
    kb.configure(make_engine(f"sqlite:///{broken}"))
    try:
        run = await run_action(support.ActionSafetyResponse(), "safety")
    finally:
        kb.configure(None)
    assert "988" in run.texts[0] and "741741" in run.texts[0]


async def test_handoff_names_the_schools_counseling_office(run_action):
    run = await run_action(handoff.ActionHandoffCounselor(), "handoff_with_school")
    assert "Riverbend High School" in run.text and "Student Services Center, Room 112" in run.text
    assert "I've passed your request on to a counselor." in run.text
    assert "988" in run.text  # the safety line is always there
    assert len(run.buttons) >= 2


async def test_handoff_without_a_school_still_helps(run_action):
    run = await run_action(handoff.ActionHandoffCounselor(), "handoff_no_school")
    assert "counseling office" in run.text and run.buttons


def _marked(level: str, category: str, lang: str = "en", text: str = "a message") -> dict:
    return {
        "text": text,
        "intent": {"name": "safety_concern", "confidence": 1.0},
        "entities": [],
        "safety": {"level": level, "category": category, "lang": lang},
    }


def _answer(intent: str) -> dict:
    return {"text": intent, "intent": {"name": intent, "confidence": 1.0}, "entities": []}


# What each category's crisis reply must give, as written in actions/wording/en.yml.
CATEGORY_RESOURCES = [
    ("self_harm", "en", ["call or text 988", "text HOME to 741741", "call 911"]),
    ("abuse", "en", ["trusted adult or your school counselor", "Childhelp", "1-800-422-4453", "call 911"]),
    ("exploitation", "en", ["trusted adult", "NCMEC CyberTipline", "report.cybertip.org", "1-800-843-5678"]),
    ("violence", "en", ["call 911", "Tell a trusted adult now"]),
    ("runaway", "en", ["National Runaway Safeline", "1-800-786-2929", "211"]),
    ("self_harm", "es", ["llama al 988 y oprime 2 para español", "741741", "911"]),
    ("abuse", "es", ["adulto de confianza", "1-800-422-4453", "911"]),
]


@pytest.mark.parametrize(("category", "lang", "expected"), CATEGORY_RESOURCES)
async def test_crisis_reply_gives_the_categorys_resources_first(run_action, category, lang, expected):
    run = await run_action(support.ActionSafetyResponse(), "safety", latest_message=_marked("crisis", category, lang))
    for words in expected:
        assert words in run.texts[0]
    assert "request_counselor" in payload_intents(run.buttons)
    assert run.slots()["safety_level"] == "crisis" and run.slots()["safety_category"] == category
    assert "name" not in run.text.lower()  # never asks for a name


async def test_check_in_asks_directly_with_resources_and_yes_no_buttons(run_action):
    run = await run_action(support.ActionSafetyResponse(), "safety", latest_message=_marked("check_in", "self_harm"))
    assert len(run.texts) == 1
    assert "are you thinking about hurting yourself or ending your life?" in run.texts[0]
    assert "call or text 988" in run.texts[0] and "741741" in run.texts[0]
    assert [b["payload"] for b in run.buttons] == ["/affirm", "/deny", "/request_counselor"]
    assert run.slots()["safety_level"] == "check_in"


async def test_check_in_for_abuse_asks_whether_the_student_is_safe_at_home(run_action):
    run = await run_action(support.ActionSafetyResponse(), "safety", latest_message=_marked("check_in", "abuse"))
    assert "are you safe at home?" in run.texts[0] and "1-800-422-4453" in run.texts[0]


async def test_yes_to_a_check_in_gets_the_crisis_reply_of_its_category(run_action):
    slots = {"safety_level": "check_in", "safety_category": "runaway", "safety_lang": "en"}
    run = await run_action(support.ActionSafetyResponse(), "safety", slots=slots, latest_message=_answer("affirm"))
    assert "1-800-786-2929" in run.texts[0]
    assert run.slots()["safety_level"] == "crisis"


async def test_no_to_a_check_in_goes_back_gently(run_action):
    slots = {"safety_level": "check_in", "safety_category": "self_harm", "safety_lang": "en"}
    run = await run_action(support.ActionSafetyResponse(), "safety", slots=slots, latest_message=_answer("deny"))
    assert run.texts == [
        "Okay, thank you for telling me. I'm glad. If that ever changes, you can call or text 988 any time. "
        "I'm here whenever you want to talk, or we can get back to what you were looking at."
    ]
    assert [b["payload"] for b in run.buttons] == ["/help"]


async def test_not_now_after_a_crisis_stays_with_the_student(run_action):
    slots = {"safety_level": "crisis", "safety_category": "self_harm", "safety_lang": "es"}
    run = await run_action(support.ActionSafetyResponse(), "safety", slots=slots, latest_message=_answer("deny"))
    assert run.texts[0].startswith("Está bien. Sigo aquí")
    assert [b["payload"] for b in run.buttons] == ["/safety_concern", "/request_counselor"]


async def test_yes_after_a_crisis_is_the_counselor_hand_off(run_action):
    slots = {"safety_level": "crisis", "safety_category": "abuse", "safety_lang": "en"}
    run = await run_action(support.ActionSafetyResponse(), "safety", slots=slots, latest_message=_answer("affirm"))
    assert "counseling office" in run.text


async def test_a_broken_wording_file_still_gets_the_built_in_resources(run_action, configure, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("safety: {}\n", encoding="utf-8")  # a translation missing every key is refused
    configure(STUDENT_ID_SECRET="test-secret", CAREER_KB_VAR_DIR=str(tmp_path), BOT_WORDING=str(broken))
    run = await run_action(support.ActionSafetyResponse(), "safety", latest_message=_marked("crisis", "abuse"))
    assert run.texts == [support.CRISIS_RESOURCES]
    assert "call or text 988" in run.texts[0] and "text HOME to 741741" in run.texts[0] and "call 911" in run.texts[0]
