"""Honest edges: text that cannot be a job title, and a job that lands on a broad or "All Other" group.

* :func:`title_check` decides whether a piece of text could be a job title at all before an answer
  echoes it as one ("I don't have '<text>' in my career list"): a question, a whole sentence, a
  pasted resume or a long paragraph is not, and the miss reply should offer help for the message
  instead of repeating it.
* :func:`match_edge` says when the occupation found is not quite what was asked: an O*NET "All
  Other" group (a catch-all SOC code such as 27-2099 "Entertainers and Performers, Sports and
  Related Workers, All Other") or a broader occupation whose titles don't contain the words asked
  about ("esports player" → "Athletes and Sports Competitors").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb import queries
from career_kb.resolve import normalize_tokens, resolve_occupation

#: The most words a job title a student types is taken to have.
MAX_TITLE_WORDS = 7
#: Words that open a question.
QUESTION_OPENERS = frozenset(
    "what what's whats how why where when who whom whose which can could should would will do does did is "
    "are am was were may might shall tell explain".split()
)
#: Words a job title never contains but a sentence about oneself, or a reference to what was said
#: ("which one is growing faster"), does.
SENTENCE_WORDS = frozenset(
    "i i'm im me my mine you your you're we our us they their he she his her it's because since "
    "think feel want wanna know one ones those these them they it that this".split()
)
#: Headings and words of a resume.
RESUME_WORDS = frozenset(
    "resume experience education skills references objective summary responsibilities employment "
    "gpa volunteer certifications achievements".split()
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_PHONE = re.compile(r"\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*(?:-|–|to)\s*(?:(?:19|20)\d{2}|present|now)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ALL_OTHER = re.compile(r",\s*all other\b", re.IGNORECASE)


@dataclass(frozen=True)
class TitleCheck:
    """Whether text could be a job title; ``reason`` names why not: ``"empty"``, ``"question"``,
    ``"resume"``, ``"sentence"``, ``"too_long"`` or ``"no_words"`` (``""`` when it could be one)."""

    could_be_title: bool
    reason: str = ""


def _resume_signals(text: str) -> int:
    words = {w.lower().strip("'’:") for w in _WORD.findall(text)}
    signals = len(words & RESUME_WORDS)
    signals += 2 * bool(_EMAIL.search(text)) + 2 * bool(_PHONE.search(text)) + 2 * bool(_YEAR_RANGE.search(text))
    signals += 2 * (text.count("\n") >= 2)
    return signals


def title_check(text: str | None) -> TitleCheck:
    """Whether ``text`` could be a job title someone typed (see the module docstring)."""
    raw = (text or "").strip()
    if not raw:
        return TitleCheck(False, "empty")
    if _resume_signals(raw) >= 3:
        return TitleCheck(False, "resume")
    words = [w.lower().replace("’", "'") for w in _WORD.findall(raw)]
    if not words:
        return TitleCheck(False, "no_words")
    if raw.endswith("?") or words[0] in QUESTION_OPENERS:
        return TitleCheck(False, "question")
    if any(w in SENTENCE_WORDS for w in words):
        return TitleCheck(False, "sentence")
    if len(words) > MAX_TITLE_WORDS or re.search(r"[.!;]\s+\w", raw):
        return TitleCheck(False, "too_long")
    return TitleCheck(True)


#: The most words of a name read from a whole message that a miss reply quotes back.
MAX_QUOTED_WORDS = 4


def quotable(query: str, said: str | None = None) -> bool:
    """Whether a miss reply may quote ``query`` as a job name ("I don't have "unicorn wrangler"…").

    ``said`` is the whole message the name was read from (None when it came from an entity or a
    button): then the name must be short (:data:`MAX_QUOTED_WORDS`) and the message must not be a
    first-person sentence, a resume or a paragraph; a question is fine ("what does a X do")."""
    if not title_check(query).could_be_title:
        return False
    if said is None:
        return True
    if len(query.split()) > MAX_QUOTED_WORDS:
        return False
    return title_check(said).reason in ("", "question")


@dataclass(frozen=True)
class MatchEdge:
    """How exactly an occupation found matches what was asked."""

    all_other: bool  # an O*NET/SOC "All Other" catch-all group
    broader: bool  # the words asked about are not in any of the occupation's titles shown
    title: str  # the occupation's title, to say "the closest group I have is ..."

    @property
    def exact(self) -> bool:
        """Whether the answer needs no warning."""
        return not (self.all_other or self.broader)


def is_all_other(title: str) -> bool:
    """Whether an O*NET title is an "All Other" catch-all ("Computer Occupations, All Other")."""
    return bool(_ALL_OTHER.search(title or ""))


#: The least resolver score of an exact match through a curated alias that counts as the same job ("cop"
#: → Police and Sheriff's Patrol Officers at 1.0); aliases weighted lower are nearest groups ("esports player").
SAME_JOB_SCORE = 0.95


def _onet_titles(session: Session, details: queries.OccupationDetails) -> list[str]:
    """The occupation's O*NET title and its alternate and reported titles."""
    rows = session.execute(select(m.AlternateTitle.title).where(m.AlternateTitle.onet_code == details.onet_code))
    return [details.title, *details.sample_titles, *(t for (t,) in rows)]


def match_edge(session: Session, details: queries.OccupationDetails, asked: str | None) -> MatchEdge:
    """How ``details`` matches ``asked``, the name the student used (None or "" when a button chose it).

    Not broader when every word asked about is in the O*NET title or one of O*NET's alternate or
    reported titles of the occupation ("crisis counselor" → "Crisis Intervention Counselor"), or when
    the resolver matches ``asked`` exactly to it through a full-weight alias (:data:`SAME_JOB_SCORE`)."""
    all_other = is_all_other(details.title)
    wanted = set(normalize_tokens(asked or ""))
    broader = False
    if wanted and not any(wanted <= set(normalize_tokens(t)) for t in _onet_titles(session, details)):
        res = resolve_occupation(session, asked or "", limit=1)
        same = res.status == "exact" and res.best is not None and res.best.onet_code == details.onet_code
        broader = not (same and res.best is not None and res.best.score >= SAME_JOB_SCORE)
    return MatchEdge(all_other, broader, details.title)
