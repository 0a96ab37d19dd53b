"""The safety corpus: TSV files of messages with their category, who they are about, and language.

Format (``bot/safety/corpus/FORMAT.md``): UTF-8, no header, one message a line, four tab-separated
columns ``text  category  about  lang``. ``make eval-safety`` reads its held-out sets in the same
format. The corpus files are the project's own writing; the held-out sets are written apart from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

#: The corpus shipped with the classifier.
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
#: The assistant's own NLU training data: every example but ``safety_concern`` is ordinary traffic.
NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"
_ENTITY_MARKUP = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")
#: Categories of a crisis, in the order the classifier reports them.
CRISIS_CATEGORIES = ("self_harm", "abuse", "exploitation", "violence", "runaway")
#: The category of ordinary messages and near misses.
NONE = "none"
CATEGORIES = (*CRISIS_CATEGORIES, NONE)
ABOUT = ("self", "other", "none")
LANGS = ("en", "es")


class CorpusError(ValueError):
    """A corpus line that does not follow the format (names the file and line)."""


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    category: str
    about: str
    lang: str
    source: str  # file name, for reports

    @property
    def crisis(self) -> bool:
        """True for every category but ``none``."""
        return self.category != NONE


def read_file(path: Path) -> list[Example]:
    """The examples of one TSV file; a malformed line raises :class:`CorpusError`."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise CorpusError(f"{path.name}:{number}: expected 4 tab-separated columns, got {len(parts)}")
        text, category, about, lang = (p.strip() for p in parts)
        if category not in CATEGORIES or about not in ABOUT or lang not in LANGS or not text:
            raise CorpusError(f"{path.name}:{number}: unknown category/about/lang or empty text")
        examples.append(Example(text, category, about, lang, path.name))
    return examples


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """The corpus's TSV files, sorted by name (the training order is fixed)."""
    return sorted(directory.glob("*.tsv"))


def nlu_files(directory: Path = NLU_DIR) -> list[Path]:
    """The assistant's NLU training files, sorted."""
    return sorted(directory.glob("*.yml"))


def assistant_examples(files: Iterable[Path] | None = None) -> list[Example]:
    """The assistant's NLU training examples (entity markup removed) as ordinary English messages.

    Career questions, bot commands ("add it to my plan", "delete my data"), greetings and chit-chat
    are what students send most; the safety classifier must leave them alone. ``safety_concern``
    examples are left out (the safety corpus has its own crisis messages).
    """
    out = []
    for path in files if files is not None else nlu_files():
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block or block["intent"] == "safety_concern":
                continue
            for line in str(block.get("examples") or "").splitlines():
                text = _ENTITY_MARKUP.sub(r"\1", line.strip()[2:].strip()) if line.strip().startswith("- ") else ""
                if text:
                    out.append(Example(text, NONE, "none", "en", f"nlu:{path.name}"))
    return out


def read_corpus(files: Iterable[Path] | None = None) -> list[Example]:
    """Every example of ``files`` (default: the shipped corpus and the assistant's NLU examples), in order.

    A text written twice is kept once; a text labelled both crisis and ordinary (a bare "help" or
    "bye") is left out, since one string cannot teach both.
    """
    by_text: dict[str, Example] = {}
    crisis_labels: dict[str, set[bool]] = {}
    examples = (
        [e for path in files for e in read_file(path)]
        if files is not None
        else [e for path in corpus_files() for e in read_file(path)] + assistant_examples()
    )
    for example in examples:
        key = example.text.lower()
        by_text.setdefault(key, example)
        crisis_labels.setdefault(key, set()).add(example.crisis)
    return [ex for key, ex in by_text.items() if len(crisis_labels[key]) == 1]
