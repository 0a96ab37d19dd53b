"""Ordinary messages for the safety classifier, read from the assistant's own NLU training data.

The corpus's ordinary messages are career talk and near misses written for the classifier; what it
did not hold were the short turns every conversation has ("no i don't", "goodbye bot", "add it to my
list", "remove everything about me"), and the classifier read several of them as a crisis. Every
training example of ``data/nlu/`` whose intent is not ``safety_concern`` is such a turn, written for
the intent model, so it is added to the training data as ``none`` (English). The held-out NLU set
(``tests/nlu/``) is never read here.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.safety.corpus import NONE, Example
from career_kb.settings import REPO_ROOT

#: The NLU training files read (the same ones ``rasa train`` reads).
NLU_DIR = REPO_ROOT / "data" / "nlu"
#: Intents whose examples are not ordinary messages.
EXCLUDED_INTENTS = frozenset({"safety_concern"})
_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_files(directory: Path = NLU_DIR) -> list[Path]:
    """The NLU training files, sorted by name."""
    return sorted(directory.glob("*.yml"))


def plain_text(example: str) -> str:
    """An NLU example without its entity annotations: ``[nurse](occupation)`` → ``nurse``."""
    return _ENTITY.sub(r"\1", example).strip()


def read_nlu_ordinary(files: list[Path] | None = None) -> list[Example]:
    """Every example of the intents in ``files`` (default: ``data/nlu``) but ``safety_concern``, as ``none``."""
    examples: list[Example] = []
    for path in files if files is not None else nlu_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            intent = block.get("intent")
            if not intent or intent.split("/")[0] in EXCLUDED_INTENTS:
                continue
            for line in str(block.get("examples") or "").splitlines():
                text = plain_text(line.strip()[2:]) if line.strip().startswith("- ") else ""
                if text and "\t" not in text:
                    examples.append(Example(text, NONE, "none", "en", f"nlu:{path.name}"))
    return examples
