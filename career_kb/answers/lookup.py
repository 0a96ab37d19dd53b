"""Which occupation the student means: the lookup policy behind every answer about one occupation.

In order: a button's occupation code; the ``occupation`` entity, resolved (a generic one such as
"counselor" may hide a specific title in the whole message, "crisis counselor"); the words of the
message when they name a job; the occupation the conversation is about. An unclear name gives
candidates; a job the KB doesn't know gives the closest matches, from the resolver or, when it has
none close, from full-text search over titles and descriptions (occupations matching every word).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb import codes, queries
from career_kb.resolve import STOP_WORDS, Candidate, normalize_tokens, resolve_occupation
from career_kb.search import search_occupations

#: How many candidates an unclear name offers.
CANDIDATE_BUTTONS = 5
#: The weakest resolver match still offered as "the closest careers I know".
CLOSEST_MIN_SCORE = 0.2
#: How many closest careers an unknown job offers.
CLOSEST_SHOWN = 4
#: How many more words on each side of an entity a longer title may take (see ``_longer_title``).
WINDOW_EXTRA = 3
#: Words of a question about a job (normalised), never part of the job's name when the message's
#: words are read as one ("what degree do i need for marketing" names "marketing").
QUESTION_WORDS = frozenset(
    "degree need needed require required requirement college school education training train study major "
    "diploma license become career path step take long year".split()
)


@dataclass(frozen=True)
class Lookup:
    """Which occupation the student means: ``found`` (details set), ``ambiguous``, ``unknown`` or ``none``."""

    status: str
    details: queries.OccupationDetails | None = None
    candidates: tuple[Candidate, ...] = ()
    query: str = ""
    from_text: bool = False  # the name came from the message's words, not an entity or button

    @property
    def closest(self) -> tuple[Candidate, ...]:
        """The candidates worth offering as "the closest careers I know"."""
        return tuple(c for c in self.candidates if c.score >= CLOSEST_MIN_SCORE)[:CLOSEST_SHOWN]


def _found(session: Session, code: str, state: str | None) -> Lookup:
    details = queries.occupation_details(session, code, state)
    return Lookup("found", details) if details else Lookup("unknown", query=code)


def _searched(session: Session, text: str) -> tuple[Candidate, ...]:
    """Full-text matches as candidates, for a job the resolver finds nothing close to."""
    hits = search_occupations(session, text, limit=CLOSEST_SHOWN, any_word=False)
    return tuple(Candidate(h.onet_code, h.title, max(CLOSEST_MIN_SCORE, h.title_coverage), h.title) for h in hits)


def _longer_title(session: Session, name: str, text: str) -> Candidate | None:
    """A longer title around ``name`` in the message, when one resolves clearly.

    The entity ruler finds the longest KB phrase it knows, which may be only the head of a title it
    has no pattern for ("managers" in "corporate sustainability process managers", "chemical
    engineer" in "chemical engineer suppervisor"). Windows of the message's words around the name
    (up to :data:`WINDOW_EXTRA` more words on each side, the question's own words left out) are
    resolved; the widest one with an ``exact`` or ``confident`` result wins.
    """
    inner = normalize_tokens(name)
    words = [t for t in normalize_tokens(text) if t not in QUESTION_WORDS]
    n = len(inner)
    at = next((i for i in range(len(words) - n + 1) if words[i : i + n] == inner), None) if n else None
    if at is None:
        return None
    best: tuple[tuple[int, float], Candidate] | None = None
    for lo in range(max(0, at - WINDOW_EXTRA), at + 1):
        for hi in range(at + n, min(len(words), at + n + WINDOW_EXTRA) + 1):
            if (lo, hi) == (at, at + n):
                continue
            res = resolve_occupation(session, " ".join(words[lo:hi]), limit=2)
            if (
                res.best
                and res.status in ("exact", "confident")
                and (best is None or (hi - lo, res.confidence) > best[0])
            ):
                best = ((hi - lo, res.confidence), res.best)
    return best[1] if best else None


def _by_name(session: Session, name: str, text: str, state: str | None) -> Lookup:
    longer = _longer_title(session, name, text) if text and text.strip() != name.strip() else None
    if longer is not None:
        return _found(session, longer.onet_code, state)
    res = resolve_occupation(session, name, limit=CANDIDATE_BUTTONS)
    if res.best and res.status in ("exact", "confident"):
        return _found(session, res.best.onet_code, state)
    # a generic entity ("counselor") may hide a specific title in the message ("crisis counselor")
    if text and text.strip() != name.strip():
        whole = resolve_occupation(session, text, limit=CANDIDATE_BUTTONS)
        if (
            whole.best
            and whole.status in ("exact", "confident")
            and normalize_tokens(whole.best.matched_title or "") != normalize_tokens(name)
        ):
            return _found(session, whole.best.onet_code, state)
    candidates = tuple(res.candidates)
    if res.status == "unknown" and not any(c.score >= CLOSEST_MIN_SCORE for c in candidates):
        candidates = _searched(session, name) or candidates
    return Lookup(res.status, candidates=candidates, query=name)


def _by_words(session: Session, text: str, remembered: str | None, state: str | None) -> Lookup | None:
    """The job the message's words name, or None to fall back on the remembered one.

    The words of the question itself ("what degree do i need for …") are not part of the job's
    name: they are left out of the name shown back and, when the whole text names no job clearly,
    of the name resolved.
    """
    kept = [t for t in normalize_tokens(text) if t not in STOP_WORDS] if text else []
    words = " ".join(t for t in kept if t not in QUESTION_WORDS)
    if not words:
        return None
    res = resolve_occupation(session, text, limit=CANDIDATE_BUTTONS)
    if res.status not in ("exact", "confident") and words != " ".join(kept):
        named = resolve_occupation(session, words, limit=CANDIDATE_BUTTONS)
        if named.status in ("exact", "confident") or (res.status == "unknown" and named.status != "unknown"):
            res = named
    if res.best and res.status == "exact" and res.best.onet_code != remembered:
        return _found(session, res.best.onet_code, state)
    if remembered:
        return None
    if res.best and res.status == "confident":
        return _found(session, res.best.onet_code, state)
    close = tuple(c for c in res.candidates if c.score >= CLOSEST_MIN_SCORE) or _searched(session, words)
    return Lookup("unknown" if not close else res.status, candidates=close, query=words, from_text=True)


def find_occupation(
    session: Session, code: str | None, name: str | None, text: str, remembered: str | None, state: str | None
) -> Lookup:
    """The occupation the student means (see the module docstring); ``state`` adds its state wage."""
    if code:
        return _found(session, code, state)
    if name:
        return _by_name(session, name, text, state)
    by_words = _by_words(session, text, remembered, state)
    if by_words is not None:
        return by_words
    if remembered:
        return _found(session, remembered, state)
    return Lookup("none")


def resolve_code(session: Session, code: str | None, name: str | None) -> str | None:
    """An occupation code: ``code`` itself (normalised, "15-1252" → "15-1252.00"), else the one
    ``name`` clearly resolves to."""
    if code or not name:
        return (codes.onet_code(code) or code) if code else code
    res = resolve_occupation(session, name, limit=1)
    return res.best.onet_code if res.best and res.status in ("exact", "confident") else None
