"""How answers look: money, percents, citations, lists and buttons.

Pure functions with no I/O, so every action formats numbers the same way and every number carries
its source and year ("$84,000 a year (BLS OEWS, May 2025)").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from actions.wording import say
from career_kb.answers import topics

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE = re.compile(r"(?:[A-Z][a-z]+ )?(?:19|20)\d{2}(?:[–-]\d{2,4})?")

#: Longest button title shown (chat widgets cut longer ones badly).
MAX_BUTTON_TITLE = 60


def money(amount: float | int | None, *, top_coded: bool = False, decimals: int = 0) -> str | None:
    """ "$84,000"; "at least $239,200" when BLS top-coded the wage; None when unknown."""
    if amount is None:
        return None
    text = f"${amount:,.{decimals}f}"
    return say("money.at_least", amount=text) if top_coded else text


def hourly(amount: float | None, *, top_coded: bool = False) -> str | None:
    """ "$40.35 an hour" (or "at least $115.00 an hour")."""
    text = money(amount, top_coded=top_coded, decimals=2)
    return say("money.hourly", amount=text) if text else None


def percent(value: float | None, *, signed: bool = True) -> str | None:
    """ "+5.2%" / "-3.0%" (signed) or "5.2%"; None when unknown."""
    if value is None:
        return None
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def number(value: float | int | None) -> str | None:
    """12345 → "12,345"."""
    return None if value is None else f"{value:,.0f}"


def citation_text(citation: Any) -> str:
    """The short citation of a number's source, e.g. "BLS OEWS, May 2025".

    Accepts the query API's ``Citation`` (its ``text``, else ``source`` and ``edition``), anything
    with ``short_citation``, or a plain string.
    """
    if citation is None:
        return ""
    if isinstance(citation, str):
        return citation
    source = getattr(citation, "source", None) or ""
    edition = getattr(citation, "edition", None) or ""
    for attr in ("text", "short_citation"):
        short = getattr(citation, attr, None)
        if isinstance(short, str) and short:
            return _with_year(short, edition)
    if edition and edition not in source:
        return f"{source}, {edition}" if source else edition
    return source


def _with_year(text: str, edition: str) -> str:
    """Add the edition's date when the short citation has no year ("O*NET 29.3" → "O*NET 29.3, May 2025")."""
    if _YEAR.search(text):
        return text
    found = _DATE.search(edition or "")
    return f"{text}, {found.group(0)}" if found else text


def cite(citation: Any) -> str:
    """ " (BLS OEWS, May 2025)" to put after a number; empty when there is no citation."""
    text = citation_text(citation)
    return f" ({text})" if text else ""


def join_words(items: Iterable[str], conjunction: str | None = None) -> str:
    """["a", "b", "c"] → "a, b and c"."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction or say('words.and')} " + items[-1]


def bullets(lines: Iterable[str]) -> str:
    """One line per item, each starting with a bullet."""
    return "\n".join(f"• {line}" for line in lines if line)


def payload(intent: str, **entities: Any) -> str:
    """A button payload that triggers ``intent`` with entities: ``/ask_pay{"occupation_code":"29-1141.00"}``."""
    entities = {k: v for k, v in entities.items() if v is not None}
    if not entities:
        return f"/{intent}"
    return f"/{intent}" + json.dumps(entities, separators=(",", ":"), ensure_ascii=False)


def button(title: str, intent: str, **entities: Any) -> dict[str, str]:
    """A button dict for ``dispatcher.utter_message(buttons=...)``."""
    if len(title) > MAX_BUTTON_TITLE:
        title = title[: MAX_BUTTON_TITLE - 1].rstrip() + "…"
    return {"title": title, "payload": payload(intent, **entities)}


def dedupe_buttons(buttons: Sequence[dict[str, str]], limit: int = 6) -> list[dict[str, str]]:
    """Buttons without repeated payloads, at most ``limit``."""
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for b in buttons:
        if b["payload"] in seen:
            continue
        seen.add(b["payload"])
        out.append(b)
        if len(out) >= limit:
            break
    return out


def occupation_buttons(
    onet_code: str, exclude: str | None = None, extra: Sequence[dict[str, str]] = (), limit: int = 6
) -> list[dict[str, str]]:
    """Next-step buttons about one occupation (other topics, save to plan), skipping the topic just shown."""
    buttons = list(extra)
    for name in topics.OCCUPATION_BUTTON_ORDER:
        if name != exclude:
            buttons.append(button(say(f"topics.{name}"), topics.BY_NAME[name].intent, occupation_code=onet_code))
    buttons.insert(
        min(len(buttons), limit - 1), button(say("buttons.save_to_plan"), "save_to_plan", occupation_code=onet_code)
    )
    return dedupe_buttons(buttons, limit)


#: The next steps that always make sense, in order: (wording key, intent).
GENERAL_STEPS = (
    ("buttons.careers_for_interests", "ask_careers_for_interests"),
    ("buttons.next_step", "ask_next_step"),
    ("buttons.clusters", "ask_clusters"),
    ("buttons.counselor", "request_counselor"),
)


def general_buttons(limit: int = 4) -> list[dict[str, str]]:
    """Next steps that always make sense."""
    return [button(say(key), intent) for key, intent in GENERAL_STEPS[:limit]]


def named_button(key: str, intent: str, **entities: Any) -> dict[str, str]:
    """A button whose title is the wording at ``buttons.<key>``."""
    return button(say(f"buttons.{key}"), intent, **entities)
