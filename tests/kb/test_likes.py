"""Likes and dislikes in students' words (career_kb.likes): negation, contrast, corrections, Holland codes."""

from __future__ import annotations

import pytest

from career_kb.likes import parse_interests, strip_correction, typed_code

# (message, liked phrases, disliked phrases) — what a counselor would read from the message.
CASES = [
    ("can't stand math, love drawing", ["drawing"], ["math"]),
    ("cant stand math but love drawing", ["drawing"], ["math"]),
    ("not really into sports but i like helping people", ["helping people"], ["sports"]),
    ("i hate blood", [], ["blood"]),
    ("anything but sitting at a desk", [], ["sitting at a desk"]),
    ("anything except a desk job", [], ["desk job"]),
    ("artistic and social", ["artistic", "social"], []),
    ("building things", ["building things"], []),
    ("I like drawing", ["drawing"], []),
    ("video games", ["video game"], []),
    ("i love taking care of kids", ["taking care of kids"], []),
    ("fixing cars", ["fixing cars"], []),
    ("cooking", ["cooking"], []),
    ("i like video games and drawing but i don't like math", ["video game", "drawing"], ["math"]),
    ("math is boring but art is cool", ["art"], ["math"]),
    ("i hate math, science too", [], ["math", "science"]),
    ("i don't like math but drawing", ["drawing"], ["math"]),
    ("i like science except chemistry", ["science"], ["chemistry"]),
    ("I'm not a fan of writing, but I love cooking", ["cooking"], ["writing"]),
    ("i dislike sports; i enjoy music", ["music"], ["sports"]),
    ("i'm good at math and i love computers", ["math", "computer"], []),
    ("never liked biology", [], ["biology"]),
    ("i really don't want to work with kids", [], ["kids"]),
    ("Love animals, hate blood", ["animals"], ["blood"]),
    ("i like helping people though i hate hospitals", ["helping people"], ["hospital"]),
    ("music and dance but not sports", ["music", "dance"], ["sports"]),
    ("i am into fashion and makeup", ["fashion", "makeup"], []),
    ("sick of sitting at a desk, i want to be outside", ["outside"], ["sitting at a desk"]),
    ("enterprising, not conventional", ["enterprising"], ["conventional"]),
    ("realistic and investigative", ["realistic", "investigative"], []),
    ("i can’t stand chemistry but physics is fine", ["physics"], ["chemistry"]),
    ("robotics and coding are my thing", ["robotics", "coding"], []),
]


@pytest.mark.parametrize("text, liked, disliked", CASES)
def test_likes_and_dislikes(text, liked, disliked):
    parsed = parse_interests(text)
    assert [s.phrase for s in parsed.likes] == liked
    assert [s.phrase for s in parsed.dislikes] == disliked


@pytest.mark.parametrize(
    "text, code",
    [
        ("my code is SIA", "SIA"),
        ("RIA", "RIA"),
        ("ria", "RIA"),
        ("My Holland code: ecs", "ECS"),
        ("the quiz said I'm AES", "AES"),
        ("si", "SI"),
        ("I like AI", ""),  # artificial intelligence, not a two-letter code
        ("code is SAS", ""),  # a letter twice is no Holland code
        ("I like drawing", ""),
    ],
)
def test_holland_codes_typed_directly(text, code):
    assert typed_code(text) == code
    assert parse_interests(text).holland == code


@pytest.mark.parametrize(
    "text, rest, corrected",
    [
        ("no, i meant drawing", "drawing", True),
        ("No I meant cooking not baking", "cooking not baking", True),
        ("actually i like animals", "i like animals", True),
        ("sorry, scratch that: music", "music", True),
        ("no i don't like math", "no i don't like math", False),
        ("i mean it, i love art", "i mean it, i love art", False),
        ("no i mean drawing", "drawing", True),
    ],
)
def test_corrections(text, rest, corrected):
    assert strip_correction(text) == (rest, corrected)


def test_a_correction_keeps_only_what_comes_after_it():
    parsed = parse_interests("no, i meant drawing, not math")
    assert parsed.correction
    assert [s.phrase for s in parsed.likes] == ["drawing"]
    assert [s.phrase for s in parsed.dislikes] == ["math"]


@pytest.mark.parametrize(
    "text, code",
    [
        # letters from career_kb.interests' table: drawing "AR", math "IC", helping people "S"
        ("can't stand math, love drawing", "AR"),
        ("not really into sports but i like helping people", "S"),
        ("artistic and social", "AS"),
        ("my code is SIA", "SIA"),
        ("i hate blood", ""),
        ("fixing cars", "R"),
        ("i love taking care of kids", "SE"),
    ],
)
def test_code_of_the_likes(text, code):
    assert parse_interests(text).code() == code


def test_dislikes_never_add_to_the_like_scores():
    liked = parse_interests("i love drawing").like_scores()
    both = parse_interests("i love drawing but hate math").like_scores()
    assert liked == both
    assert parse_interests("i love drawing but hate math").dislike_scores()["I"] == 1.0


@pytest.mark.parametrize("text", ["", "what careers pay well", "tell me something", "ok", "hi there"])
def test_messages_without_interests(text):
    assert parse_interests(text).empty
