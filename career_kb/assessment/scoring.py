"""Answers → a RIASEC profile → a Holland code.

Each answer scores its item's area: "like" 2, "not sure" 1, "dislike" 0; a skipped item scores
nothing and does not count. An area's score is the share of the points it could have had on the items
answered (0.0-1.0), so skipping does not pull an area down. The Holland code is the three areas with
the highest scores; ties go to the area with more "like" answers, then to RIASEC order (R I A S E C),
so the same answers always give the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from career_kb.assessment.bank import Item
from career_kb.vocabulary import RIASEC

#: The answer buttons and their points.
ANSWER_POINTS = {"like": 2, "unsure": 1, "dislike": 0}
#: The answers, in the order buttons show them.
ANSWERS = tuple(ANSWER_POINTS)
#: Points of the best answer.
MAX_POINTS = max(ANSWER_POINTS.values())
#: Typed answers (whole message, lower case) → the answer, for students who type instead of tapping.
ANSWER_WORDS = {
    "like": ("like", "i like it", "i'd like it", "yes", "yeah", "yep", "sure", "love it", "fun", "cool"),
    "unsure": ("not sure", "unsure", "maybe", "idk", "i don't know", "dunno", "kinda", "meh"),
    "dislike": ("dislike", "no", "nope", "nah", "no thanks", "boring", "hate it", "not for me"),
    "skip": ("skip", "next", "pass"),
    "stop": ("stop", "quit", "pause", "later"),
}


def parse_answer(text: str) -> str | None:
    """A typed answer ("yep", "not sure", "skip") → ``like`` / ``unsure`` / ``dislike`` / ``skip`` /
    ``stop``; None when the message is not one of :data:`ANSWER_WORDS`."""
    cleaned = " ".join((text or "").lower().replace("!", " ").replace(".", " ").split())
    return next((value for value, words in ANSWER_WORDS.items() if cleaned in words), None)


@dataclass(frozen=True)
class InterestProfile:
    """Scores per area (0.0-1.0, RIASEC order), likes per area, items answered per area, and the code."""

    scores: dict[str, float]
    likes: dict[str, int]
    answered: dict[str, int]
    code: str

    @property
    def total_answered(self) -> int:
        """How many items were answered (not skipped)."""
        return sum(self.answered.values())

    def vector(self) -> tuple[float, ...]:
        """The six scores in RIASEC order."""
        return tuple(self.scores[a] for a in RIASEC)


def holland_code(scores: Mapping[str, float], likes: Mapping[str, int], length: int = 3) -> str:
    """The ``length`` highest areas: by score, then more likes, then RIASEC order."""
    ranked = sorted(RIASEC, key=lambda a: (-round(scores.get(a, 0.0), 6), -likes.get(a, 0), RIASEC.index(a)))
    return "".join(ranked[:length])


def score(items: tuple[Item, ...] | list[Item], answers: Mapping[str, str]) -> InterestProfile:
    """The profile of ``answers`` (item id → ``like`` / ``unsure`` / ``dislike``) to ``items``.

    Answers to items not in ``items`` and unknown answers raise ``ValueError``.
    """
    by_id = {i.id: i for i in items}
    points = dict.fromkeys(RIASEC, 0)
    answered = dict.fromkeys(RIASEC, 0)
    likes = dict.fromkeys(RIASEC, 0)
    for item_id, answer in answers.items():
        if item_id not in by_id:
            raise ValueError(f"unknown item {item_id!r}")
        if answer not in ANSWER_POINTS:
            raise ValueError(f"unknown answer {answer!r}")
        area = by_id[item_id].area
        points[area] += ANSWER_POINTS[answer]
        answered[area] += 1
        likes[area] += answer == "like"
    scores = {a: (points[a] / (MAX_POINTS * answered[a]) if answered[a] else 0.0) for a in RIASEC}
    return InterestProfile(scores, likes, answered, holland_code(scores, likes))


def top_areas(profile: InterestProfile, count: int = 2) -> tuple[str, ...]:
    """The first ``count`` letters of the profile's code."""
    return tuple(profile.code[:count])


def is_flat(profile: InterestProfile) -> bool:
    """True when every answered area scored the same (nothing stands out, so nothing can be matched)."""
    values = {round(profile.scores[a], 6) for a in RIASEC if profile.answered[a]}
    return len(values) <= 1
