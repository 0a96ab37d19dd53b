"""Rasa graph components: the safety rule layer and the learned safety layer, on every message.

Put both LAST in the NLU pipeline (after ``FallbackClassifier``), rules first::

    - name: bot.nlu.safety.SafetyRuleClassifier
    - name: bot.nlu.safety.SafetyClassifier

so that its decision is final: when :func:`bot.safety_rules.classify` matches, the message's
intent becomes ``safety_concern`` with confidence 1.0, whatever DIET or the fallback classifier
said, and the previous ranking is kept below it. The matched category and rule id are added to
the parse data under ``safety`` (``{"category": "self_harm", "rule": "kms"}``) so the
``action_safety_response`` action can tailor its reply. The message text is never logged.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.safety_rules import SafetyHit, classify

logger = logging.getLogger(__name__)

#: The parse-data key that carries the matched category and rule.
SAFETY_KEY = "safety"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyRuleClassifier(GraphComponent, IntentClassifier):
    """Overrides the predicted intent with ``safety_concern`` when a safety rule matches."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``intent``: the intent to set on a match (default ``safety_concern``)."""
        return {"intent": "safety_concern"}

    def __init__(self, config: dict[str, Any]) -> None:
        """Keep the component's configuration."""
        self.component_config = config
        self.intent_name = config.get("intent", "safety_concern")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyRuleClassifier:
        """Create the component (it has nothing to train or load)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Check each message's text; on a match set the safety intent and metadata."""
        for message in messages:
            hit = classify(message.get(TEXT) or "")
            if hit is not None:
                self._mark(message, hit)
        return messages

    def _mark(self, message: Message, hit: SafetyHit) -> None:
        _set_intent(message, self.intent_name)
        message.set(SAFETY_KEY, {"category": hit.category, "rule": hit.rule}, add_to_output=True)
        logger.info("safety rule matched: category=%s rule=%s", hit.category, hit.rule)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyClassifier(GraphComponent, IntentClassifier):
    """The learned safety layer and the check-in band, after the rule layer.

    Put it right after :class:`SafetyRuleClassifier` (last in the pipeline). For every message it
    asks :func:`bot.safety.decision.decide` (rules, then the classifier, then the band):

    * ``crisis``: the intent becomes ``safety_concern`` (confidence 1.0) whatever DIET said, with
      ``safety = {"level": "crisis", "category": ..., "score": ... or "rule": ..., "lang": ...}``;
    * ``check_in``: the same intent with ``level: "check_in"``, so the assistant asks whether the
      student is safe instead of answering about careers;
    * ordinary: nothing changes.

    A message the rule component already marked keeps its rule and category and gains
    ``level`` and ``lang``. The text is never logged.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``intent``: the intent to set on a crisis or check-in (default ``safety_concern``)."""
        return {"intent": "safety_concern"}

    def __init__(self, config: dict[str, Any]) -> None:
        """Keep the configuration; load the classifier and thresholds now, not on the first message."""
        from bot.safety.decision import decide

        self.component_config = config
        self.intent_name = config.get("intent", "safety_concern")
        self._decide = decide
        decide("")  # loads (and, if needed, trains) the classifier at startup

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyClassifier:
        """Create the component (the classifier is trained by ``python -m bot.safety.train``)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Decide each message; on a crisis or check-in set the safety intent and metadata."""
        for message in messages:
            decision = self._decide(message.get(TEXT) or "")
            if decision.level is None:
                continue
            marked = message.get(SAFETY_KEY)
            if marked:  # the rule component already set the intent, category and rule
                message.set(SAFETY_KEY, {**decision.metadata(), **marked}, add_to_output=True)
                continue
            _set_intent(message, self.intent_name)
            message.set(SAFETY_KEY, decision.metadata(), add_to_output=True)
            logger.info(
                "safety classifier: level=%s category=%s score=%.3f", decision.level, decision.category, decision.score
            )
        return messages


def _set_intent(message: Message, intent_name: str) -> None:
    """Make ``intent_name`` the top intent (confidence 1.0) and keep the previous ranking below it."""
    previous: dict[str, Any] | None = message.get(INTENT)
    ranking: list[dict[str, Any]] = [
        r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get(INTENT_NAME_KEY) != intent_name
    ]
    if previous and previous.get(INTENT_NAME_KEY) not in (None, intent_name):
        if not any(r.get(INTENT_NAME_KEY) == previous[INTENT_NAME_KEY] for r in ranking):
            ranking.insert(0, dict(previous))
    top = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(top)] + ranking, add_to_output=True)
