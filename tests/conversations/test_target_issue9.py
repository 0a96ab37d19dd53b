"""Issue 9's target conversations (``target_issue9.yml``): every turn of each is checked.

Checks per turn (all optional, at least one per turn; matching is case-insensitive on the joined
reply texts, button titles separately):

* ``contains``: every string must appear; ``contains_any``: at least one must;
* ``not_contains``: none may appear (the fallback text, a wrong career, an echoed sentence);
* ``buttons_any``: at least one button title contains one of these strings.

Figures are literals from the official files (BLS OEWS May 2025 medians, BLS Employment Projections
2024-34, O*NET 29.3 titles and interest codes), never computed by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CHECKS = ("contains", "contains_any", "not_contains", "buttons_any")
#: The assistant's generic fallback (domain.yml utter_default): never a good turn in these conversations.
FALLBACK = "didn't quite get that"


TARGET_FILE = Path(__file__).with_name("target_issue9.yml")


def load() -> list[dict]:
    """The conversations of the target file."""
    data = yaml.safe_load(TARGET_FILE.read_text(encoding="utf-8"))
    return data["conversations"]


CONVERSATIONS = load()


def check_turn(number: int, said: str, replies: list[dict], expect: dict) -> None:
    """Assert one turn's checks; the message names the turn and the student's words."""
    text = " ".join(r.get("text") or "" for r in replies).lower()
    buttons = [str(b.get("title", "")).lower() for r in replies for b in r.get("buttons") or []]
    where = f"turn {number} ({said!r}) got: {text[:300]!r} buttons={buttons}"
    assert FALLBACK not in text, where
    for wanted in expect.get("contains", []):
        assert str(wanted).lower() in text, f"missing {wanted!r}; {where}"
    if expect.get("contains_any"):
        assert any(str(w).lower() in text for w in expect["contains_any"]), f"none of {expect['contains_any']}; {where}"
    for unwanted in expect.get("not_contains", []):
        assert str(unwanted).lower() not in text, f"unexpected {unwanted!r}; {where}"
    if expect.get("buttons_any"):
        assert any(str(w).lower() in b for w in expect["buttons_any"] for b in buttons), where


def test_the_target_file_is_well_formed():
    names = [c["name"] for c in CONVERSATIONS]
    assert len(names) == len(set(names)) and len(names) >= 40
    for conv in CONVERSATIONS:
        assert 3 <= len(conv["turns"]) <= 8, conv["name"]
        assert conv.get("covers"), conv["name"]
        for turn in conv["turns"]:
            assert turn["user"].strip() and set(turn["expect"]) <= set(CHECKS), conv["name"]
            assert any(turn["expect"].get(k) for k in CHECKS), conv["name"]


@pytest.mark.rasa
@pytest.mark.slow
@pytest.mark.conversation_target
@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_target_conversation(chat, conversation):
    for number, turn in enumerate(conversation["turns"], start=1):
        check_turn(number, turn["user"], chat.say(turn["user"]), turn["expect"])
