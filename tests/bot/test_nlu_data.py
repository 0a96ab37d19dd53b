"""The NLU training data and the held-out test set (tests/nlu/heldout.yml) stay apart and complete."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for block in data.get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out.append((block["intent"], ANNOTATION.sub(r"\1", line[2:]).strip().lower()))
    return out


def _training() -> list[tuple[str, str]]:
    return [ex for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for ex in _examples(path)]


def _domain_intents() -> set[str]:
    return set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])


def test_heldout_is_not_in_training_data():
    training = {text for _, text in _training()}
    heldout = _examples(ROOT / "tests" / "nlu" / "heldout.yml")
    assert len(heldout) >= 300
    leaked = [text for _, text in heldout if text in training]
    assert leaked == []


def test_heldout_covers_every_intent_and_retrieval_intent():
    heldout = {intent for intent, _ in _examples(ROOT / "tests" / "nlu" / "heldout.yml")}
    training = {intent for intent, _ in _training()}
    assert {i.split("/")[0] for i in heldout} == _domain_intents()
    assert {i for i in training if "/" in i} <= heldout


def test_every_career_intent_has_25_examples():
    counts = Counter(intent for intent, _ in _examples(ROOT / "data" / "nlu" / "career.yml"))
    expected = _domain_intents() - {"faq", "chitchat"}
    assert set(counts) == expected
    assert {i: n for i, n in counts.items() if n < 25} == {}
