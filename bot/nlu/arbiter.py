"""Rasa graph component: after the classifiers, a question about a known job is answered about the job.

Put it after ``FallbackClassifier`` and before the safety layer::

    - name: bot.nlu.arbiter.OccupationArbiter

The intent model can be unsure, or pick an FAQ or chit-chat answer, for a message whose subject is
plainly an occupation the knowledge base knows ("what is a bike mechanic", "plumer"). The arbiter
decides with what the pipeline already found:

* the subject: an ``occupation`` entity from the KB entity ruler, or, for a short message (at most
  :data:`SHORT_WORDS` words) that is only a name, the whole text when the resolver
  (:func:`career_kb.resolve.resolve_occupation`, typo tolerant) maps it to one occupation with
  status ``exact``/``confident``, each word at most one typo from a title word (then an
  ``occupation`` entity is added for the actions);
* the verdict: when there is a subject and the intent is ``nlu_fallback``, or one of
  :data:`OVERRIDABLE` with a confidence below ``min_confidence`` (an FAQ answer needs real
  confidence), the intent becomes the best-ranked intent about one occupation
  (:data:`career_kb.answers.topics.TOPICS`) or ``ask_occupation_info`` when none is ranked.

The previous intent stays in the ranking; the parse data gets ``arbiter: {"from": <intent>}``.
An ``inform`` message that tells a grade, school, ZIP or state is left alone. The message text is
never logged.
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
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from career_kb.answers.topics import TOPICS

logger = logging.getLogger(__name__)

#: Intents about one occupation, in the order the ranking is searched for a fallback choice.
OCCUPATION_INTENTS = tuple(t.intent for t in TOPICS if t.about_occupation)
#: Intents the arbiter may replace when they are not confident enough.
OVERRIDABLE = frozenset({"faq", "chitchat", "out_of_scope", "inform", "help"})
#: Entities that make an ``inform`` message a profile answer, never a job question.
PROFILE_ENTITIES = frozenset({"grade", "school", "zip", "state"})
#: A message this short may be only a job's name ("plumer", "bike mechanic?").
SHORT_WORDS = 4
ARBITER_KEY = "arbiter"
#: Edits a word of a short message may be away from a title word.
MAX_TYPOS = 1


#: The KB engine the resolver reads; None: ``DATABASE_URL`` (or the embedded KB). See :func:`configure`.
_engine: Any = None


def configure(engine: Any = None) -> None:
    """Read the KB through ``engine`` (tests); None goes back to ``DATABASE_URL``."""
    global _engine
    _engine = engine


def _resolve_whole(text: str) -> bool:
    """Whether the whole text names one KB occupation (resolver status exact or confident).

    Each word the titles don't have must be one typo away from one they have ("plumer",
    "mechanik"): an ordinary word two edits from a title word ("actually" → "actuary") is not a job.
    """
    from rapidfuzz.distance import OSA

    from career_kb.db import session_scope
    from career_kb.resolve import get_index, normalize_tokens, resolve_occupation

    with session_scope(_engine) as session:
        index = get_index(session)
        for token in normalize_tokens(text):
            fixed = token if token in index.vocab else index.correct(token)
            if fixed is None or OSA.distance(token, fixed) > MAX_TYPOS:
                return False
        res = resolve_occupation(session, text, limit=2)
    return res.status in ("exact", "confident")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OccupationArbiter(GraphComponent, IntentClassifier):
    """Turns an unsure, FAQ or fallback intent into an occupation question when a KB job is the subject."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``min_confidence``: below it an overridable intent yields to a named job; ``resolve_short``."""
        return {"min_confidence": 0.9, "resolve_short": True}

    def __init__(self, config: dict[str, Any]) -> None:
        """Keep the component's configuration."""
        self.component_config = config
        self.min_confidence = float(config.get("min_confidence", 0.9))
        self.resolve_short = bool(config.get("resolve_short", True))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> OccupationArbiter:
        """Create the component (nothing to train or load)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Arbitrate each message (see the module docstring)."""
        for message in messages:
            self._arbitrate(message)
        return messages

    def _overridable(self, message: Message) -> str | None:
        intent = message.get(INTENT) or {}
        name = intent.get(INTENT_NAME_KEY)
        if name == "nlu_fallback":
            return name
        if name not in OVERRIDABLE or (intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= self.min_confidence:
            return None
        entities = message.get(ENTITIES) or []
        if name == "inform" and any(e.get(ENTITY_ATTRIBUTE_TYPE) in PROFILE_ENTITIES for e in entities):
            return None
        return name

    def _has_subject(self, message: Message) -> bool:
        entities = message.get(ENTITIES) or []
        if any(e.get(ENTITY_ATTRIBUTE_TYPE) == "occupation" for e in entities):
            return True
        text = (message.get(TEXT) or "").strip()
        if not self.resolve_short or not text or len(text.split()) > SHORT_WORDS or entities:
            return False
        if not _resolve_whole(text):
            return False
        entity = {
            ENTITY_ATTRIBUTE_TYPE: "occupation",
            ENTITY_ATTRIBUTE_VALUE: text.strip(" ?!."),
            ENTITY_ATTRIBUTE_START: 0,
            ENTITY_ATTRIBUTE_END: len(text),
            EXTRACTOR: type(self).__name__,
        }
        message.set(ENTITIES, entities + [entity], add_to_output=True)
        return True

    def _arbitrate(self, message: Message) -> None:
        previous = self._overridable(message)
        if previous is None or not self._has_subject(message):
            return
        ranking: list[dict[str, Any]] = list(message.get(INTENT_RANKING_KEY) or [])
        ranked = [r for r in ranking if r.get(INTENT_NAME_KEY) in OCCUPATION_INTENTS]
        chosen = ranked[0] if ranked else {INTENT_NAME_KEY: OCCUPATION_INTENTS[0], PREDICTED_CONFIDENCE_KEY: 0.0}
        new_intent = {INTENT_NAME_KEY: chosen[INTENT_NAME_KEY], PREDICTED_CONFIDENCE_KEY: 1.0}
        rest = [r for r in ranking if r.get(INTENT_NAME_KEY) != chosen[INTENT_NAME_KEY]]
        message.set(INTENT, new_intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [new_intent] + rest, add_to_output=True)
        message.set(ARBITER_KEY, {"from": previous}, add_to_output=True)
        logger.debug("arbiter: %s -> %s", previous, chosen[INTENT_NAME_KEY])
