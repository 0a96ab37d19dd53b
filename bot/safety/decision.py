"""The safety decision for one message: rules first, then the classifier, then the check-in band.

1. :func:`bot.safety_rules.classify` — a rule hit is certain: level ``crisis``, the rule's category.
2. The classifier (:mod:`bot.safety.classifier`) — its score (0..1, Platt-scaled SVM margin) at or
   above :attr:`Thresholds.crisis` is level ``crisis`` with the classifier's category.
3. A score in ``[Thresholds.check_in, Thresholds.crisis)`` is level ``check_in``: the assistant asks
   the student directly whether they are safe, with the resources in the same reply.

Below the band the message is ordinary (``None``). The thresholds and the Platt parameters live in
``bot/safety/thresholds.json``, chosen by stratified k-fold cross-validation on the corpus
(``python -m bot.safety.cv --write``; docs/safety.md). The NLU component ``bot.nlu.safety``,
``make eval-safety`` and ``make bench-safety`` all call :func:`decide`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.safety import train as safety_train
from bot.safety.classifier import Prediction, SafetyModel
from bot.safety_rules import classify

#: Where the thresholds chosen by cross-validation are kept (committed).
THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.json"
CRISIS = "crisis"
CHECK_IN = "check_in"


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds and the sigmoid that turns an SVM margin into a score."""

    crisis: float
    check_in: float
    platt_a: float
    platt_b: float

    def score(self, margin: float) -> float:
        """The 0..1 score of an SVM margin."""
        z = self.platt_a * margin + self.platt_b
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@dataclass(frozen=True)
class SafetyDecision:
    """What the safety layer decided about one message (never the text)."""

    level: str | None  # "crisis", "check_in" or None (ordinary)
    category: str  # the rule's or classifier's category (the classifier's guess when level is None)
    rule: str | None  # the rule id, for a rule hit
    score: float  # the classifier's score (1.0 for a rule hit)
    lang: str  # "en" or "es"

    def metadata(self) -> dict[str, object]:
        """What the NLU component puts under ``safety`` in the parse data."""
        data: dict[str, object] = {"level": self.level, "category": self.category, "lang": self.lang}
        if self.rule is not None:
            data["rule"] = self.rule
        else:
            data["score"] = round(self.score, 4)
        return data


def load_thresholds(path: Path = THRESHOLDS_PATH) -> Thresholds:
    """The thresholds written by ``python -m bot.safety.cv --write``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Thresholds(
        crisis=float(data["crisis_threshold"]),
        check_in=float(data["check_in_threshold"]),
        platt_a=float(data["platt_a"]),
        platt_b=float(data["platt_b"]),
    )


@lru_cache(maxsize=1)
def _loaded() -> tuple[SafetyModel, Thresholds]:
    return safety_train.load_model(), load_thresholds()


def decide_with(model: SafetyModel, thresholds: Thresholds, text: str) -> SafetyDecision:
    """The decision for ``text`` with a given model and thresholds (see the module docstring)."""
    prediction: Prediction = model.predict(text)
    hit = classify(text)
    if hit is not None:
        return SafetyDecision(CRISIS, hit.category, hit.rule, 1.0, prediction.lang)
    score = thresholds.score(prediction.margin)
    level = CRISIS if score >= thresholds.crisis else CHECK_IN if score >= thresholds.check_in else None
    return SafetyDecision(level, prediction.category, None, score, prediction.lang)


def decide(text: str) -> SafetyDecision:
    """The decision for ``text`` with the trained model and the committed thresholds."""
    model, thresholds = _loaded()
    return decide_with(model, thresholds, text)
