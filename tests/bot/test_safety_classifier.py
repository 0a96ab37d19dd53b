"""The learned safety layer: features, corpus reading, the decision (rules → classifier → band), the NLU component.

A handful of literal messages written for these tests (not the corpus, not the held-out eval sets).
"""

from __future__ import annotations

import json

import pytest

from bot.safety import corpus
from bot.safety.decision import CHECK_IN, CRISIS, THRESHOLDS_PATH, decide, load_thresholds
from bot.safety.features import cues, normalize, prepare

# Crisis messages no safety rule matches: the classifier must take them (crisis reply or check-in).
CLASSIFIER_CRISIS = [
    ("i feel like a burden to everyone", "self_harm"),
    ("everything is too much right now", "self_harm"),
    ("i dont want to go home today", "abuse"),
    ("my uncle keeps sending me snaps asking for pics", "exploitation"),
    ("im sleeping in my car tonight", "runaway"),
    ("im bringing my dads gun tomorrow", "violence"),
    ("quiero morir", "self_harm"),
]

ORDINARY = [
    "what does a nurse make",
    "how much do paramedics make",
    "whats a pest control worker do",
    "this homework is killing me",
    "i could die for a job at nasa",
    "the interview killed me lol",
    "what does a hospice nurse do",
    "i want to be a crisis counselor",
    "how much do snipers make in the army",
]


def test_normalize_lowercases_strips_accents_and_spells_out_emoji_and_slang():
    assert normalize("I'm SOOOO tired 💊") == "i am soo tired pills"
    assert normalize("¿Quiero MORIR?") == "quiero morir"
    assert normalize("wanna un alive") == "want to unalive"


def test_cues_map_many_wordings_to_one_shared_token():
    assert cues(normalize("i just want to not wake up")) == ["zqdeath"]
    assert cues(normalize("quiero morir")) == ["zqdeath"]
    assert "zqmeans" in cues(normalize("took a bunch of pills"))
    assert "zqagegap" in cues(normalize("he's 24 and i'm 14"))
    assert prepare("what does a nurse make") == "what does a nurse make"


@pytest.mark.parametrize(("text", "category"), CLASSIFIER_CRISIS)
def test_classifier_takes_crisis_messages_the_rules_miss(text, category):
    decision = decide(text)
    assert decision.rule is None
    assert decision.level in (CRISIS, CHECK_IN)
    assert decision.category == category


@pytest.mark.parametrize("text", ORDINARY)
def test_career_talk_and_idioms_are_ordinary(text):
    assert decide(text).level is None


def test_rule_hit_is_a_crisis_with_its_rule_and_score_one():
    decision = decide("I want to kill myself")
    assert (decision.level, decision.category, decision.rule, decision.score) == (
        CRISIS,
        "self_harm",
        "kill_myself",
        1.0,
    )
    assert decision.metadata() == {"level": "crisis", "category": "self_harm", "lang": "en", "rule": "kill_myself"}


def test_spanish_is_recognised():
    assert decide("quiero morir").lang == "es"
    assert decide("tengo miedo de volver a casa").lang == "es"
    assert decide("i want to be a nurse").lang == "en"


def test_metadata_names_level_category_score_but_never_the_text():
    text = "i feel like a burden to everyone"
    meta = decide(text).metadata()
    assert set(meta) == {"level", "category", "lang", "score"}
    assert text not in json.dumps(meta)


def test_thresholds_file_has_a_band_below_the_crisis_threshold_and_its_cv_budgets():
    thresholds = load_thresholds()
    assert 0.0 < thresholds.check_in < thresholds.crisis < 1.0
    data = json.loads(THRESHOLDS_PATH.read_text(encoding="utf-8"))
    assert data["budgets"] == {"crisis_rate": 0.003, "check_in_rate": 0.015}
    none = data["cross_validation"]["figures"]["none"]
    assert none["crisis_rate"] <= 0.003 and none["check_in_rate"] <= 0.015


def test_corpus_rejects_a_malformed_line_and_drops_conflicting_labels(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("hello\tnone\tnone\n", encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="bad.tsv:1"):
        corpus.read_file(bad)
    a = tmp_path / "a.tsv"
    a.write_text("bye\tself_harm\tself\ten\ni want to die\tself_harm\tself\ten\n", encoding="utf-8")
    b = tmp_path / "b.tsv"
    b.write_text("Bye\tnone\tnone\ten\nI want to die\tself_harm\tself\ten\nhi\tnone\tnone\ten\n", encoding="utf-8")
    assert [e.text for e in corpus.read_corpus([a, b])] == ["i want to die", "hi"]


def test_shipped_corpus_has_every_category_and_both_languages():
    examples = corpus.read_corpus()
    assert {e.category for e in examples} == {"self_harm", "abuse", "exploitation", "violence", "runaway", "none"}
    assert {e.lang for e in examples} == {"en", "es"}
    assert sum(e.crisis for e in examples) >= 2500
    assert sum(not e.crisis for e in examples) >= 4000


def _message(text, intent):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.9}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": 0.9}], add_to_output=True)
    return message


def test_component_sets_safety_concern_on_a_classifier_crisis_and_leaves_career_talk():
    from bot.nlu.safety import SafetyClassifier

    component = SafetyClassifier(SafetyClassifier.get_default_config())
    crisis, career = (
        _message("i feel like a burden to everyone", "ask_pay"),
        _message("what does a nurse make", "ask_pay"),
    )
    component.process([crisis, career])
    assert crisis.get("intent") == {"name": "safety_concern", "confidence": 1.0}
    assert [r["name"] for r in crisis.get("intent_ranking")] == ["safety_concern", "ask_pay"]
    assert crisis.get("safety")["level"] == "crisis" and crisis.get("safety")["category"] == "self_harm"
    assert career.get("intent")["name"] == "ask_pay" and career.get("safety") is None


def test_component_marks_the_check_in_band_and_keeps_a_rule_hit():
    from bot.nlu.safety import SafetyClassifier, SafetyRuleClassifier

    rules = SafetyRuleClassifier(SafetyRuleClassifier.get_default_config())
    component = SafetyClassifier(SafetyClassifier.get_default_config())
    band, ruled = _message("how do i stop feeling like this", "greet"), _message("kms", "nlu_fallback")
    component.process(rules.process([band, ruled]))
    assert band.get("intent")["name"] == "safety_concern"
    assert band.get("safety")["level"] == "check_in"
    assert ruled.get("safety") == {"level": "crisis", "category": "self_harm", "lang": "en", "rule": "kms"}
