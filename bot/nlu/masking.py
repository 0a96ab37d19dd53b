"""Rasa graph component: the featurizers see a KB name's type instead of its words.

Put it after ``SpacyTokenizer`` (and ``SpacyNLP``) and before the featurizers::

    - name: bot.nlu.masking.EntityTypeMasker

Each span the KB entity ruler found in the spaCy doc (``models/spacy_kb``: occupation, cluster,
program, partner, school) replaces its tokens, for the featurizers only, by one token naming its
type (``__occupation__``), in training and at run time alike, so "what does a __occupation__ do"
is what the intent model learns and sees, whatever the job. The message text and its entities are
unchanged (the actions still get "aquaculture director").

Measured against the generated examples alone in docs/nlu.md ("Entity masking").
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

#: The ruler's labels that are masked.
MASKED = ("occupation", "cluster", "program", "partner", "school")


def mask_tokens(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[Token]:
    """``tokens`` with every token inside a ``(start, end, label)`` span replaced by one type token."""
    out: list[Token] = []
    for token in tokens:
        span = next((s for s in spans if s[0] <= token.start < s[1]), None)
        if span is None:
            out.append(token)
            continue
        if out and out[-1].start == span[0] and out[-1].text == f"__{span[2]}__":
            out[-1].end = token.end
            continue
        masked = f"__{span[2]}__"
        out.append(Token(masked, span[0], token.end, data=dict(token.data or {}), lemma=masked))
    return out


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class EntityTypeMasker(GraphComponent):
    """Replaces the tokens of KB names by their type for the featurizers."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``labels``: the ruler labels to mask."""
        return {"labels": list(MASKED)}

    def __init__(self, config: dict[str, Any]) -> None:
        """Keep the labels to mask."""
        self.labels = frozenset(config.get("labels") or MASKED)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EntityTypeMasker:
        """Create the component (nothing to train)."""
        return cls(config)

    def _mask(self, message: Message) -> None:
        doc = message.get(SPACY_DOCS[TEXT])
        tokens = message.get(TOKENS_NAMES[TEXT])
        if doc is None or not tokens:
            return
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in self.labels]
        if spans:
            message.set(TOKENS_NAMES[TEXT], mask_tokens(tokens, spans))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Mask the training examples."""
        for message in training_data.training_examples:
            self._mask(message)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Mask incoming messages."""
        for message in messages:
            self._mask(message)
        return messages
