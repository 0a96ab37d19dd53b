"""Every text the custom actions send, read from one YAML file a non-programmer can edit.

The file is ``actions/wording/en.yml`` unless ``BOT_WORDING`` names another one (a translation with
the same keys). Keys are dotted paths into the file (``pay.national``); a text's ``{placeholders}``
are filled by :func:`say` (Python's ``str.format`` rules: ``{{`` is a literal brace). A translation
that lacks a key, or has a key the English file doesn't, is refused when it is loaded.

The fixed replies chosen by rules (``utter_greet`` …) and the FAQ/chit-chat answers live in
``domain.yml`` and ``data/responses.yml``, where Rasa reads them.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from career_kb import settings

ENGLISH = settings.DEFAULT_WORDING_FILE


class WordingError(ValueError):
    """The wording file is missing keys, has unknown ones, or is not a mapping of texts."""


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    if not isinstance(data, dict):
        raise WordingError(f"{prefix or 'the file'} must be a mapping of keys to texts")
    out: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, path))
        elif isinstance(value, str):
            out[path] = value
        else:
            raise WordingError(f"{path} must be a text, not {type(value).__name__}")
    return out


@functools.lru_cache(maxsize=4)
def load(path: Path) -> dict[str, str]:
    """The texts of a wording file by dotted key, checked against the English file's keys."""
    texts = _flatten(yaml.safe_load(path.read_text(encoding="utf-8")))
    if path != ENGLISH:
        english = set(load(ENGLISH))
        missing, extra = sorted(english - set(texts)), sorted(set(texts) - english)
        if missing or extra:
            raise WordingError(f"{path}: missing keys {missing[:10]}, unknown keys {extra[:10]}")
    return texts


def texts() -> dict[str, str]:
    """The texts in use (``BOT_WORDING`` or the English file)."""
    return load(settings.get().wording_file)


def say(key: str, **values: Any) -> str:
    """The text at ``key`` with its placeholders filled from ``values``."""
    return texts()[key].format(**values)


def has(key: str) -> bool:
    """Whether the wording has a text at ``key``."""
    return key in texts()
