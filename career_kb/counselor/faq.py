"""Answers counselors write themselves, found again by retrieval over their example questions.

No model is trained: :func:`find_answer` builds a TF-IDF index (scikit-learn, character n-grams
within words, so a typo still matches) over the active entries' example questions of the student's
district at the moment it is asked, and returns the entry whose example is most similar to the
student's message when the cosine similarity reaches :data:`MIN_SCORE`. An answer added or edited in
the dashboard is therefore used on the very next message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel
from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.counselor import audit
from career_kb.counselor.clock import utcnow
from career_kb.models import FaqEntry, StaffAccount

#: Lowest cosine similarity between the message and an example question that counts as a match.
MIN_SCORE = 0.55
MAX_EXAMPLES = 30
MAX_ANSWER = 2000


class FaqError(ValueError):
    """An FAQ entry cannot be saved as given (the message says why)."""


@dataclass(frozen=True)
class FaqInfo:
    """A stored FAQ entry."""

    id: int
    district_id: str
    examples: tuple[str, ...]
    answer: str
    active: bool
    updated_at: datetime
    updated_by: str | None


@dataclass(frozen=True)
class FaqMatch:
    """The stored answer for a message: which entry, the example it matched, and how closely."""

    entry_id: int
    answer: str
    example: str
    score: float


def clean_examples(examples: Iterable[str] | str) -> tuple[str, ...]:
    """Example questions as stored: one per line, trimmed, blank lines and repeats dropped."""
    lines = examples.splitlines() if isinstance(examples, str) else list(examples)
    seen: list[str] = []
    for line in lines:
        text = re.sub(r"\s+", " ", str(line)).strip()
        if text and text.lower() not in (s.lower() for s in seen):
            seen.append(text)
    return tuple(seen)


def _validate(examples: Iterable[str] | str, answer: str) -> tuple[tuple[str, ...], str]:
    cleaned = clean_examples(examples)
    if not cleaned:
        raise FaqError("give at least one example question")
    if len(cleaned) > MAX_EXAMPLES:
        raise FaqError(f"give at most {MAX_EXAMPLES} example questions")
    if any(len(e) < 3 or len(e) > 300 for e in cleaned):
        raise FaqError("each example question is 3 to 300 characters")
    text = (answer or "").strip()
    if not text or len(text) > MAX_ANSWER:
        raise FaqError(f"the answer is 1 to {MAX_ANSWER} characters")
    return cleaned, text


def _to_info(session: Session, row: FaqEntry) -> FaqInfo:
    by = session.get(StaffAccount, row.updated_by) if row.updated_by else None
    return FaqInfo(
        row.id,
        row.district_id,
        clean_examples(row.examples),
        row.answer,
        bool(row.active),
        row.updated_at,
        by.username if by else None,
    )


def add_entry(
    session: Session, district_id: str, examples: Iterable[str] | str, answer: str, staff_id: int | None = None
) -> FaqInfo:
    """Store a new answer with its example questions (used at once); audited."""
    cleaned, text = _validate(examples, answer)
    row = FaqEntry(
        district_id=district_id,
        examples="\n".join(cleaned),
        answer=text,
        active=True,
        updated_by=staff_id,
        updated_at=utcnow(),
    )
    session.add(row)
    session.flush()
    audit.record(session, staff_id, "faq_add", f"faq:{row.id}")
    return _to_info(session, row)


def _row(session: Session, district_id: str, entry_id: int) -> FaqEntry:
    row = session.get(FaqEntry, entry_id)
    if row is None or row.district_id != district_id:
        raise FaqError("no such FAQ entry in this district")
    return row


def update_entry(
    session: Session,
    district_id: str,
    entry_id: int,
    examples: Iterable[str] | str,
    answer: str,
    active: bool = True,
    staff_id: int | None = None,
) -> FaqInfo:
    """Change an entry of ``district_id`` (its examples, answer, whether it is used); audited."""
    row = _row(session, district_id, entry_id)
    cleaned, text = _validate(examples, answer)
    row.examples, row.answer, row.active = "\n".join(cleaned), text, active
    row.updated_by, row.updated_at = staff_id, utcnow()
    session.flush()
    audit.record(session, staff_id, "faq_update", f"faq:{row.id}")
    return _to_info(session, row)


def get_entry(session: Session, district_id: str, entry_id: int) -> FaqInfo:
    """One entry of ``district_id`` (:class:`FaqError` if it is another district's or missing)."""
    return _to_info(session, _row(session, district_id, entry_id))


def list_entries(session: Session, district_id: str) -> list[FaqInfo]:
    """The district's entries, newest change first."""
    rows = session.execute(
        select(FaqEntry).where(FaqEntry.district_id == district_id).order_by(FaqEntry.updated_at.desc(), FaqEntry.id)
    ).scalars()
    return [_to_info(session, r) for r in rows]


def find_answer(session: Session, district_id: str | None, text: str, min_score: float = MIN_SCORE) -> FaqMatch | None:
    """The district's stored answer for ``text`` (None when no example is close enough, or no district)."""
    message = re.sub(r"\s+", " ", text or "").strip()
    if not district_id or len(message) < 3:
        return None
    rows = session.execute(
        select(FaqEntry.id, FaqEntry.examples, FaqEntry.answer).where(
            FaqEntry.district_id == district_id, FaqEntry.active.is_(True)
        )
    ).all()
    examples = [(entry_id, example, answer) for entry_id, lines, answer in rows for example in clean_examples(lines)]
    if not examples:
        return None
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True)
    matrix = vectorizer.fit_transform([e[1] for e in examples])
    scores = linear_kernel(vectorizer.transform([message]), matrix)[0]
    best = int(scores.argmax())
    if float(scores[best]) < min_score:
        return None
    entry_id, example, answer = examples[best]
    return FaqMatch(entry_id, answer, example, round(float(scores[best]), 3))
