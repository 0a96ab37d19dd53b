"""Reading a comparison question: the two things compared and what about them.

"compare electricians and plumbers", "nurse vs software developer", "which is faster to get into,
phlebotomist or registered nurse?", "college or apprenticeship?", "difference between X and Y" →
:class:`CompareAsk` with the two sides as the student wrote them and the aspect asked about
(``pay``, ``growth``, ``preparation``, ``cost`` or None for everything). :func:`resolve_sides` then
says whether the sides are two routes after high school or two occupations (by the resolver), so an
action can call :mod:`career_kb.answers.compare`. Two states come from the NLU's ``state`` entities,
not from here (state names live in the NLU lookup tables only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb.resolve import resolve_occupation
from career_kb.vocabulary import parse_postsecondary_option

#: Words that name what is compared, by aspect (first match wins, in this order).
ASPECT_WORDS = {
    "preparation": (
        "faster to get into",
        "quicker to get into",
        "easier to get into",
        "faster to become",
        "how long",
        "more school",
        "less school",
        "more schooling",
        "more training",
        "less training",
        "education",
        "degree",
    ),
    "cost": ("cost", "costs", "cheaper", "expensive", "afford", "tuition"),
    "growth": ("growing", "growth", "outlook", "demand", "more jobs", "job security", "future"),
    "pay": ("pay", "pays", "paid", "make more", "makes more", "earn", "earns", "salary", "money", "wage"),
}
#: Words around a side that are not part of it ("being a nurse" → "nurse").
_SIDE_FILLER = re.compile(
    r"^(?:(?:should i|do i|i|go|going|to|be|being|become|becoming|do|doing|work as|working as|get|getting|"
    r"into|a|an|the|into a|in)\s+)+|\s+(?:job|jobs|career|careers|route|path)$"
)
_TRAILING = re.compile(r"\s*(?:,|\bwhich\b|\bwhat\b|\bwho\b|\bfor me\b|\bfor that\b|\bthough\b).*$")
_PATTERNS = (
    re.compile(r"\bdifference between (?P<a>.+?) and (?P<b>.+)$"),
    re.compile(r"\bcompare (?P<a>.+?) (?:and|with|to|vs\.?|versus) (?P<b>.+)$"),
    re.compile(r"^(?P<a>.+?) (?:vs\.?|versus) (?P<b>.+)$"),
    re.compile(r"(?:^|,\s*|\bbetween\s+|\binto\s+|\bbetter\s+|\bpays more\s+|\bmore\s+)(?P<a>[^,]+?) or (?P<b>[^,]+)$"),
    re.compile(r"^(?P<a>[^,]+?) or (?P<b>[^,]+?)(?:,.*)?$"),
)


@dataclass(frozen=True)
class CompareAsk:
    """Two things the student compares, as written (cleaned), and the aspect asked about."""

    left: str
    right: str
    aspect: str | None


@dataclass(frozen=True)
class ResolvedSides:
    """The sides as ``routes`` (two route keys) or ``occupations`` (two O*NET codes); ``kind`` "" when unclear."""

    kind: str
    left: str | None = None
    right: str | None = None


def _normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"[?!]+", " ", text)).strip(" .")


def aspect_of(text: str) -> str | None:
    """What a comparison is about ("which pays more" → "pay"), or None."""
    norm = _normalise(text)
    for aspect, words in ASPECT_WORDS.items():
        if any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", norm) for w in words):
            return aspect
    return None


def _clean(side: str) -> str:
    side = _TRAILING.sub("", side.strip())
    for words in ASPECT_WORDS.values():
        for w in words:
            side = re.sub(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", " ", side)
    side = re.sub(r"\b(?:which is|which one is|what's|what is|is it|would be|better|faster|more|less)\b", " ", side)
    side = re.sub(r"\s+", " ", side).strip(" ,.")
    previous = None
    while previous != side:
        previous, side = side, _SIDE_FILLER.sub("", side).strip()
    return side


def comparison_sides(text: str) -> CompareAsk | None:
    """The two sides and the aspect of a comparison question, or None when ``text`` compares nothing."""
    norm = _normalise(text)
    for pattern in _PATTERNS:
        m = pattern.search(norm)
        if not m:
            continue
        left, right = _clean(m.group("a")), _clean(m.group("b"))
        if left and right and left != right:
            return CompareAsk(left, right, aspect_of(norm))
    return None


def resolve_sides(session: Session, ask: CompareAsk) -> ResolvedSides:
    """Two routes when both sides are routes; two occupations when both resolve clearly; else ``kind`` ""."""
    routes = parse_postsecondary_option(ask.left), parse_postsecondary_option(ask.right)
    if all(routes):
        return ResolvedSides("routes", routes[0], routes[1])
    codes = []
    for side in (ask.left, ask.right):
        res = resolve_occupation(session, side, limit=1)
        codes.append(res.best.onet_code if res.best and res.status in ("exact", "confident") else None)
    if all(codes) and codes[0] != codes[1]:
        return ResolvedSides("occupations", codes[0], codes[1])
    return ResolvedSides("")
