"""How answers look: money, percents, citations, lists and next-step buttons.

Pure functions with no I/O, so every action formats numbers the same way and every number carries
its source and year ("$84,000 a year (BLS OEWS, May 2025)").
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Sequence

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE = re.compile(r"(?:[A-Z][a-z]+ )?(?:19|20)\d{2}(?:[–-]\d{2,4})?")

#: Longest button title shown (chat widgets cut longer ones badly).
MAX_BUTTON_TITLE = 60


def money(amount: float | int | None, *, top_coded: bool = False, decimals: int = 0) -> str | None:
    """"$84,000"; "at least $239,200" when BLS top-coded the wage; None when unknown."""
    if amount is None:
        return None
    text = f"${amount:,.{decimals}f}"
    return f"at least {text}" if top_coded else text


def hourly(amount: float | None, *, top_coded: bool = False) -> str | None:
    """"$40.35 an hour" (or "at least $115.00 an hour")."""
    text = money(amount, top_coded=top_coded, decimals=2)
    return f"{text} an hour" if text else None


def percent(value: float | None, *, signed: bool = True) -> str | None:
    """"+5.2%" / "-3.0%" (signed) or "5.2%"; None when unknown."""
    if value is None:
        return None
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def count_thousands(value_in_thousands: float | None) -> str | None:
    """A BLS count given in thousands, said plainly: 3300.2 → "3.3 million", 12.5 → "12,500"."""
    if value_in_thousands is None:
        return None
    n = value_in_thousands * 1000
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} million"
    return f"{round(n, -2):,.0f}" if n >= 1000 else f"{n:,.0f}"


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
    """" (BLS OEWS, May 2025)" to put after a number; empty when there is no citation."""
    text = citation_text(citation)
    return f" ({text})" if text else ""


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """["a", "b", "c"] → "a, b and c"."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def bullets(lines: Iterable[str]) -> str:
    """One line per item, each starting with a bullet."""
    return "\n".join(f"• {line}" for line in lines if line)


def a_or_an(word: str) -> str:
    """"an electrician" / "a nurse" (a heuristic on the first letter)."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


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


#: Occupation topics → (intent, short button label).
OCCUPATION_TOPICS: dict[str, tuple[str, str]] = {
    "info": ("ask_occupation_info", "What they do"),
    "pay": ("ask_pay", "Pay"),
    "outlook": ("ask_outlook", "Job outlook"),
    "pathway": ("ask_pathway", "How to get there"),
    "skills": ("ask_skills", "Skills & classes"),
    "similar": ("ask_similar", "Similar careers"),
    "programs": ("ask_cte_programs", "Programs at school"),
}


def occupation_buttons(onet_code: str, exclude: str | None = None, extra: Sequence[dict[str, str]] = (), limit: int = 6) -> list[dict[str, str]]:
    """Next-step buttons about one occupation (other topics, save to plan), skipping the topic just shown."""
    buttons = list(extra)
    for topic in ("pay", "pathway", "outlook", "skills", "similar", "info", "programs"):
        if topic == exclude:
            continue
        intent, label = OCCUPATION_TOPICS[topic]
        buttons.append(button(label, intent, occupation_code=onet_code))
    buttons.insert(min(len(buttons), limit - 1), button("Save to my plan", "save_to_plan", occupation_code=onet_code))
    return dedupe_buttons(buttons, limit)


def general_buttons(limit: int = 4) -> list[dict[str, str]]:
    """Next steps that always make sense."""
    return [
        button("Careers for what I like", "ask_careers_for_interests"),
        button("What should I do next?", "ask_next_step"),
        button("Career clusters", "ask_clusters"),
        button("Talk to a counselor", "request_counselor"),
    ][:limit]
