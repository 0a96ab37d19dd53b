"""Dialogue state (actions.dialogue_state) over JSON tracker fixtures: subject stack, offered list, topic switch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker

from actions.dialogue_state import (
    Subject,
    go_back,
    last_offered,
    list_position,
    parse_payload,
    pick_from,
    subject_stack,
    topic_switch,
)

FIXTURES = Path(__file__).parent / "fixtures"


def tracker(name: str) -> Tracker:
    """A real rasa_sdk Tracker from ``fixtures/<name>.json``."""
    return Tracker.from_dict(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def test_the_stack_keeps_earlier_jobs_newest_first():
    t = tracker("state_three_jobs")
    stack = subject_stack(t.events, t.slots)
    assert stack.current == Subject("occupation", "15-1252.00", "Software Developers")
    assert stack.earlier == (
        Subject("occupation", "47-2111.00", "Electricians"),
        Subject("cluster", "health-science", None),
        Subject("occupation", "29-1141.00", "Registered Nurses"),
    )


def test_going_back_to_a_job_discussed_earlier():
    t = tracker("state_three_jobs")
    stack = subject_stack(t.events, t.slots)
    assert go_back("go back to nurses", stack).key == "29-1141.00"
    assert go_back("can we go back to the electrician one", stack).key == "47-2111.00"
    assert go_back("go back", stack).key == "47-2111.00"
    assert go_back("what about nurses", stack) is None


def test_a_dropped_subject_leaves_no_current_one_but_stays_reachable():
    t = tracker("state_dropped_job")
    stack = subject_stack(t.events, t.slots)
    assert stack.current is None
    assert stack.earlier[0] == Subject("occupation", "29-1141.00", "Registered Nurses")


def test_only_slots_when_no_events_set_a_subject():
    t = tracker("similar_followup")
    stack = subject_stack(t.events, t.slots)
    assert stack.current == Subject("occupation", "29-1141.00", "Registered Nurses") and stack.earlier == ()


def test_the_last_list_offered():
    t = tracker("state_three_jobs")
    offered = last_offered(t.events)
    assert [o.title for o in offered] == ["Electricians", "Plumbers, Pipefitters, and Steamfitters", "Carpenters"]
    assert offered[2].subject == Subject("occupation", "47-2031.00", "Carpenters")


@pytest.mark.parametrize(
    "text, title",
    [
        ("the first one", "Electricians"),
        ("first", "Electricians"),
        ("the second one", "Plumbers, Pipefitters, and Steamfitters"),
        ("tell me about the 2nd", "Plumbers, Pipefitters, and Steamfitters"),
        ("that last one", "Carpenters"),
        ("the last one please", "Carpenters"),
        ("number 3", "Carpenters"),
        ("3", "Carpenters"),
        ("option two", "Plumbers, Pipefitters, and Steamfitters"),
    ],
)
def test_references_to_the_offered_list(text, title):
    picked = pick_from(text, last_offered(tracker("state_three_jobs").events))
    assert picked is not None and picked.title == title


@pytest.mark.parametrize(
    "text",
    [
        "the fourth one",
        "which one pays more",
        "tell me about nurses",
        "7",
        "",
        "what's the first step to become a nurse",
        "my last job was cashier",
        "one more question",
        "i have two brothers",
    ],
)
def test_no_reference_or_out_of_range(text):
    assert pick_from(text, last_offered(tracker("state_three_jobs").events)) is None


def test_a_list_needs_two_subject_buttons():
    assert last_offered(tracker("similar_followup").events) == ()
    assert list_position("the first one", 0) is None


@pytest.mark.parametrize(
    "text, switch",
    [
        ("forget that", True),
        ("ok never mind", True),
        ("can we talk about something else", True),
        ("new topic: colleges", True),
        ("let's start over", True),
        ("I forgot my password", False),
        ("tell me more about that", False),
        ("what else is like that?", False),
    ],
)
def test_topic_switch(text, switch):
    assert topic_switch(text) is switch


def test_payloads():
    assert parse_payload('/ask_pay{"occupation_code":"29-1141.00"}') == ("ask_pay", {"occupation_code": "29-1141.00"})
    assert parse_payload("/greet") == ("greet", {})
    assert parse_payload("/ask_pay{broken") is None
    assert parse_payload("hello") is None
