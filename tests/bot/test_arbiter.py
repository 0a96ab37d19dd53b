"""The arbiter after the classifiers: a named KB job wins over an unsure, FAQ or fallback intent."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import arbiter
from bot.nlu.arbiter import OccupationArbiter

pytestmark = pytest.mark.slow


@pytest.fixture
def kb(sqlite_kb_engine):
    arbiter.configure(sqlite_kb_engine)
    yield
    arbiter.configure(None)


def _message(text: str, intent: str, confidence: float, ranking=(), entities=()) -> Message:
    rank = [{"name": intent, "confidence": confidence}] + [{"name": n, "confidence": c} for n, c in ranking]
    return Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": rank,
            "entities": list(entities),
        }
    )


def _occupation(text: str, value: str) -> dict:
    start = text.index(value)
    return {"entity": "occupation", "value": value, "start": start, "end": start + len(value)}


def _run(message: Message, **config) -> Message:
    component = OccupationArbiter({**OccupationArbiter.get_default_config(), **config})
    return component.process([message])[0]


def test_fallback_with_a_named_job_asks_about_the_job(kb):
    text = "what is a bike mechanic"
    msg = _run(_message(text, "nlu_fallback", 0.45, [("faq", 0.3)], [_occupation(text, "bike mechanic")]))
    assert msg.get("intent") == {"name": "ask_occupation_info", "confidence": 1.0}
    assert msg.get("arbiter") == {"from": "nlu_fallback"}
    assert [r["name"] for r in msg.get("intent_ranking")][:2] == ["ask_occupation_info", "nlu_fallback"]


def test_an_unsure_faq_about_a_named_job_takes_the_best_ranked_job_topic(kb):
    text = "what college for a dental assistant"
    ranking = [("ask_pathway", 0.2), ("ask_pay", 0.1)]
    msg = _run(_message(text, "faq", 0.6, ranking, [_occupation(text, "dental assistant")]))
    assert msg.get("intent")["name"] == "ask_pathway"


def test_a_confident_faq_stays_an_faq(kb):
    text = "how do i write a resume for a cashier job"
    msg = _run(_message(text, "faq", 0.95, [("ask_pay", 0.01)], [_occupation(text, "cashier")]))
    assert msg.get("intent")["name"] == "faq"
    assert msg.get("arbiter") is None


def test_a_faq_without_a_job_is_left_alone(kb):
    msg = _run(_message("what is cte", "faq", 0.5, [("ask_occupation_info", 0.3)]))
    assert msg.get("intent")["name"] == "faq"


@pytest.mark.parametrize("typed", ["plumer", "mechanik", "electrican?"])
def test_a_misspelled_job_alone_is_resolved_and_becomes_an_entity(kb, typed):
    msg = _run(_message(typed, "nlu_fallback", 0.3, [("greet", 0.2)]))
    assert msg.get("intent")["name"] == "ask_occupation_info"
    assert msg.get("entities")[-1]["entity"] == "occupation"
    assert msg.get("entities")[-1]["value"] == typed.rstrip("?")


@pytest.mark.parametrize("typed", ["asdfgh", "idk", "lol ok", "is someone actually there"])
def test_gibberish_stays_a_fallback(kb, typed):
    msg = _run(_message(typed, "nlu_fallback", 0.3, [("greet", 0.2)]))
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_a_profile_answer_is_never_taken_for_a_job(kb):
    text = "i go to riverbend high, my zip is 50315, i want to be a nurse"
    entities = [{"entity": "zip", "value": "50315", "start": 30, "end": 35}, _occupation(text, "nurse")]
    msg = _run(_message(text, "inform", 0.7, [("ask_occupation_info", 0.2)], entities))
    assert msg.get("intent")["name"] == "inform"


def test_a_topic_intent_is_never_changed(kb):
    text = "how much do welders make"
    msg = _run(_message(text, "ask_pay", 0.5, [("ask_outlook", 0.4)], [_occupation(text, "welders")]))
    assert msg.get("intent")["name"] == "ask_pay"


def test_without_resolving_short_messages_a_typo_stays_a_fallback(kb):
    msg = _run(_message("plumer", "nlu_fallback", 0.3), resolve_short=False)
    assert msg.get("intent")["name"] == "nlu_fallback"
