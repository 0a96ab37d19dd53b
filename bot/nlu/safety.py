"""Rasa graph component: the safety rule layer that checks every message.

Put it LAST in the NLU pipeline (after ``FallbackClassifier``)::

    - name: bot.nlu.safety.SafetyRuleClassifier

so that its decision is final: when :func:`bot.safety_rules.classify` matches, the message's
intent becomes ``safety_concern`` with confidence 1.0, whatever DIET or the fallback classifier
said, and the previous ranking is kept below it. The matched category and rule id are added to
the parse data under ``safety`` (``{"category": "self_harm", "rule": "kms"}``) so the
``action_safety_response`` action can tailor its reply. The message text is never logged.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

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
    def get_default_config() -> Dict[Text, Any]:
        """``intent``: the intent to set on a match (default ``safety_concern``)."""
        return {"intent": "safety_concern"}

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Keep the component's configuration."""
        self.component_config = config
        self.intent_name = config.get("intent", "safety_concern")

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyRuleClassifier":
        """Create the component (it has nothing to train or load)."""
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Check each message's text; on a match set the safety intent and metadata."""
        for message in messages:
            hit = classify(message.get(TEXT) or "")
            if hit is not None:
                self._mark(message, hit)
        return messages

    def _mark(self, message: Message, hit: SafetyHit) -> None:
        previous: Optional[Dict[Text, Any]] = message.get(INTENT)
        ranking: List[Dict[Text, Any]] = [
            r for r in (message.get(INTENT_RANKING_KEY) or [])
            if r.get(INTENT_NAME_KEY) != self.intent_name
        ]
        if previous and previous.get(INTENT_NAME_KEY) not in (None, self.intent_name):
            if not any(r.get(INTENT_NAME_KEY) == previous[INTENT_NAME_KEY] for r in ranking):
                ranking.insert(0, dict(previous))
        top = {INTENT_NAME_KEY: self.intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(top)] + ranking, add_to_output=True)
        message.set(SAFETY_KEY, {"category": hit.category, "rule": hit.rule}, add_to_output=True)
        logger.info("safety rule matched: category=%s rule=%s", hit.category, hit.rule)
