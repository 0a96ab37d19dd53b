"""The item bank (``items.yml``): activities a student rates, each belonging to one RIASEC area.

The full version asks every item in the file's order; the short version asks only the items marked
``short``, in the same order. The bank is checked when it is loaded: unique ids, known areas, at least
:data:`MIN_PER_AREA` items per area and exactly :data:`SHORT_PER_AREA` short items per area.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from career_kb.vocabulary import RIASEC

ITEMS_FILE = Path(__file__).with_name("items.yml")
#: The fewest items an area may have in the full version.
MIN_PER_AREA = 6
#: How many items per area the short version asks.
SHORT_PER_AREA = 2
#: The two versions of the quiz.
VERSIONS = ("full", "short")


@dataclass(frozen=True)
class Item:
    """One activity: ``id`` (e.g. ``"r1"``), its RIASEC ``area``, the ``text`` shown, and whether the
    short version asks it."""

    id: str
    area: str
    text: str
    short: bool


class BankError(ValueError):
    """The item bank file breaks a rule (see the module docstring)."""


def parse_items(data: object) -> tuple[Item, ...]:
    """Items from the parsed YAML document; raises :class:`BankError` when a rule is broken."""
    rows = data.get("items") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise BankError("the item bank needs a non-empty 'items' list")
    items = []
    for row in rows:
        if not isinstance(row, dict) or not {"id", "area", "text"} <= row.keys():
            raise BankError(f"an item needs id, area and text: {row!r}")
        if row["area"] not in RIASEC:
            raise BankError(f"item {row['id']}: unknown area {row['area']!r}")
        items.append(Item(str(row["id"]), str(row["area"]), str(row["text"]).strip(), bool(row.get("short"))))
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise BankError("item ids must be unique")
    for area in RIASEC:
        in_area = [i for i in items if i.area == area]
        if len(in_area) < MIN_PER_AREA:
            raise BankError(f"area {area} has {len(in_area)} items; at least {MIN_PER_AREA} are needed")
        if sum(i.short for i in in_area) != SHORT_PER_AREA:
            raise BankError(f"area {area} needs exactly {SHORT_PER_AREA} short-version items")
    return tuple(items)


@functools.lru_cache(maxsize=1)
def all_items() -> tuple[Item, ...]:
    """Every item of the bank, in the order the full version asks them."""
    return parse_items(yaml.safe_load(ITEMS_FILE.read_text(encoding="utf-8")))


def items_for(version: str) -> tuple[Item, ...]:
    """The items a version asks, in order (``"full"`` or ``"short"``)."""
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}")
    items = all_items()
    return items if version == "full" else tuple(i for i in items if i.short)


def item_by_id(item_id: str) -> Item | None:
    """The item with that id, or None."""
    return next((i for i in all_items() if i.id == item_id), None)
