"""The interest quiz's answers and progress, and the student's career plan, in the KB.

Everything is keyed by the pseudonymous student id (:mod:`career_kb.students`) and removed by
:func:`career_kb.students.delete_student`. Progress is resumable: the quiz's version and the index of
the next item are stored with each answer, so a student who leaves picks up where they stopped.
Saved careers and next steps are :class:`career_kb.models.CareerPlanItem` rows (kinds ``career`` and
``step``; a step's ``done`` is its status).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb import students
from career_kb.assessment import bank, scoring
from career_kb.vocabulary import RIASEC, parse_opportunity_type

#: The answer that skips an item (it scores nothing).
SKIP = "skip"


@dataclass(frozen=True)
class Progress:
    """Where a student is in the quiz: version, items asked so far, how many there are, the next item
    (None when finished) and, once finished, the profile."""

    version: str
    position: int
    total: int
    next_item: bank.Item | None
    profile: scoring.InterestProfile | None

    @property
    def done(self) -> bool:
        """True when every item was answered or skipped."""
        return self.next_item is None


@dataclass(frozen=True)
class Plan:
    """Everything in a student's career plan (plain values)."""

    profile: scoring.InterestProfile | None
    progress: Progress | None
    careers: tuple[students.PlanItem, ...]
    steps: tuple[students.PlanItem, ...]
    cluster_id: str | None
    pathway_id: str | None
    wbl_interests: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        """True when the student has saved nothing and never started the quiz."""
        return not (self.progress or self.careers or self.steps or self.cluster_id or self.wbl_interests)


def _plan_row(session: Session, student_id: str, create: bool = False) -> m.CareerPlan | None:
    row = session.get(m.CareerPlan, student_id)
    if row is None and create:
        if session.get(m.StudentProfile, student_id) is None:
            session.add(m.StudentProfile(student_id=student_id))
            session.flush()
        row = m.CareerPlan(student_id=student_id, quiz_position=0, quiz_done=False)
        session.add(row)
        session.flush()
    return row


def _answers(session: Session, student_id: str) -> dict[str, str]:
    return dict(
        session.execute(
            select(m.AssessmentAnswer.item_id, m.AssessmentAnswer.answer).where(
                m.AssessmentAnswer.student_id == student_id
            )
        ).all()
    )


def _profile_of(items: tuple[bank.Item, ...], answers: dict[str, str]) -> scoring.InterestProfile:
    asked = {i.id for i in items}
    return scoring.score(items, {k: v for k, v in answers.items() if v != SKIP and k in asked})


def _progress(session: Session, row: m.CareerPlan) -> Progress | None:
    if row.quiz_version not in bank.VERSIONS:
        return None
    items = bank.items_for(row.quiz_version)
    position = min(row.quiz_position or 0, len(items))
    done = position >= len(items)
    profile = _profile_of(items, _answers(session, row.student_id)) if done else None
    return Progress(row.quiz_version, position, len(items), None if done else items[position], profile)


def progress(session: Session, student_id: str) -> Progress | None:
    """The student's quiz progress, or None if they never started it."""
    row = _plan_row(session, student_id)
    return _progress(session, row) if row else None


def start(session: Session, student_id: str, version: str = "full") -> Progress:
    """Start (or restart) the quiz: earlier answers are forgotten, the first item is next."""
    items = bank.items_for(version)  # raises ValueError for an unknown version
    row = _plan_row(session, student_id, create=True)
    assert row is not None
    session.execute(delete(m.AssessmentAnswer).where(m.AssessmentAnswer.student_id == student_id))
    row.quiz_version, row.quiz_position, row.quiz_done = version, 0, False
    session.flush()
    return Progress(version, 0, len(items), items[0], None)


def answer(session: Session, student_id: str, value: str) -> Progress:
    """Record ``value`` (``like``, ``unsure``, ``dislike`` or ``skip``) for the next item and move on.

    Finishing the quiz stores the scores and the Holland code in the plan and the code in the profile.
    Raises ``ValueError`` for an unknown answer or when no quiz is under way.
    """
    if value not in (*scoring.ANSWERS, SKIP):
        raise ValueError(f"unknown answer {value!r}")
    row = _plan_row(session, student_id)
    current = _progress(session, row) if row else None
    if row is None or current is None or current.next_item is None:
        raise ValueError("no interest quiz is under way")
    session.merge(m.AssessmentAnswer(student_id=student_id, item_id=current.next_item.id, answer=value))
    row.quiz_position = current.position + 1
    session.flush()
    after = _progress(session, row)
    assert after is not None
    if after.profile is not None:
        _save_result(session, row, after.profile)
    return after


def _save_result(session: Session, row: m.CareerPlan, profile: scoring.InterestProfile) -> None:
    row.quiz_done = True
    for area in RIASEC:
        setattr(row, f"score_{area.lower()}", round(profile.scores[area], 4))
    flat = scoring.is_flat(profile)
    row.holland_code = None if flat else profile.code
    students.upsert_profile(session, row.student_id, riasec_code=None if flat else profile.code)
    session.flush()


def stop(session: Session, student_id: str) -> Progress | None:
    """Nothing is lost when a student stops: the progress stays for later. Returns it."""
    return progress(session, student_id)


def result(session: Session, student_id: str) -> scoring.InterestProfile | None:
    """The profile of the last finished quiz, or None."""
    found = progress(session, student_id)
    return found.profile if found else None


def choose_cluster(session: Session, student_id: str, cluster_id: str, pathway_id: str | None = None) -> None:
    """Set the plan's chosen career cluster (and pathway); raises ``ValueError`` for an unknown one."""
    if session.get(m.CareerCluster, cluster_id) is None:
        raise ValueError(f"unknown cluster {cluster_id!r}")
    pathway = session.get(m.CareerPathway, pathway_id) if pathway_id else None
    if pathway_id and (pathway is None or pathway.cluster_id != cluster_id):
        raise ValueError(f"unknown pathway {pathway_id!r} for {cluster_id!r}")
    row = _plan_row(session, student_id, create=True)
    assert row is not None
    row.cluster_id, row.pathway_id = cluster_id, pathway_id
    session.flush()


def add_wbl_interest(session: Session, student_id: str, kind: str) -> tuple[str, ...]:
    """Add a kind of work-based learning ("job shadow", "internship") the student wants; returns them all."""
    parsed = parse_opportunity_type(kind)
    if parsed is None:
        raise ValueError(f"unknown opportunity type {kind!r}")
    row = _plan_row(session, student_id, create=True)
    assert row is not None
    current = [k for k in (row.wbl_interests or "").split("; ") if k]
    if parsed not in current:
        current.append(parsed)
    row.wbl_interests = "; ".join(current)
    session.flush()
    return tuple(current)


def remove_career(session: Session, student_id: str, onet_code: str) -> bool:
    """Remove a saved career from the plan; False when it was not saved."""
    gone = session.execute(
        delete(m.CareerPlanItem).where(
            m.CareerPlanItem.student_id == student_id,
            m.CareerPlanItem.kind == "career",
            m.CareerPlanItem.ref == onet_code,
        )
    ).rowcount
    session.flush()
    return bool(gone)


def save_steps(session: Session, student_id: str, steps: list[tuple[str, str]]) -> list[students.PlanItem]:
    """Save next steps ``(ref, note)`` to the plan (a step already saved is kept with its status)."""
    return [students.add_plan_item(session, student_id, "step", ref, note)[0] for ref, note in steps]


def set_step_done(session: Session, student_id: str, ref_prefix: str, done: bool = True) -> students.PlanItem | None:
    """Mark the first open step whose ref starts with ``ref_prefix`` (e.g. ``"wbl:job_shadow"``) done.

    Returns the step, or None when the plan has no such step.
    """
    rows = session.execute(
        select(m.CareerPlanItem)
        .where(m.CareerPlanItem.student_id == student_id, m.CareerPlanItem.kind == "step")
        .order_by(m.CareerPlanItem.done, m.CareerPlanItem.id)
    ).scalars()
    for row in rows:
        if (row.ref or "").startswith(ref_prefix):
            row.done = done
            session.flush()
            return students.PlanItem(row.id, row.kind, row.ref, row.note, bool(row.done))
    return None


def load_plan(session: Session, student_id: str) -> Plan:
    """The student's whole plan (empty when nothing was saved)."""
    row = _plan_row(session, student_id)
    items = students.list_plan_items(session, student_id)
    found = _progress(session, row) if row else None
    return Plan(
        profile=found.profile if found else None,
        progress=found,
        careers=tuple(i for i in items if i.kind == "career"),
        steps=tuple(i for i in items if i.kind == "step"),
        cluster_id=row.cluster_id if row else None,
        pathway_id=row.pathway_id if row else None,
        wbl_interests=tuple(k for k in ((row.wbl_interests if row else None) or "").split("; ") if k),
    )
