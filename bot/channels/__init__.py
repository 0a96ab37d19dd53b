"""Rasa input channels of this deployment (configured in credentials.yml by module path)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def mapping_at(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``data[key]`` when it is a JSON object, else an empty one (platform payloads are not trusted)."""
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}
