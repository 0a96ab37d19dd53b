"""The interest quiz and the career plan, decided without Rasa: start, answer, result with matching
careers, the plan with its next steps, and the changes a student asks for ("add electricians",
"remove nurses", "I did the job shadow").

Plain values in (the student id, codes and names, grade and place), plain values out (the
dataclasses of :mod:`career_kb.assessment` and :mod:`career_kb.queries`). Steps are suggested here and
worded by the caller, who saves them with :func:`save_steps`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb import queries, students
from career_kb.answers.lookup import resolve_code
from career_kb.assessment import matching, scoring, steps, store
from career_kb.queries.results import load_citations
from career_kb.vocabulary import parse_opportunity_type

#: How many matching careers the quiz result lists.
RESULT_CAREERS = 5


@dataclass(frozen=True)
class QuizResult:
    """A finished quiz: the profile and the best-fitting careers (empty when nothing stands out)."""

    profile: scoring.InterestProfile
    matches: tuple[matching.Match, ...]
    onet_citation: queries.Citation | None


@dataclass(frozen=True)
class PlanView:
    """The plan, its cluster's and pathway's names, and next steps suggested but not yet in it."""

    plan: store.Plan
    cluster_name: str | None
    pathway_name: str | None
    suggestions: tuple[steps.PlanStep, ...]


def quiz_status(session: Session, sid: str) -> store.Progress | None:
    """Where the student is in the quiz (None: never started)."""
    return store.progress(session, sid)


def quiz_start(session: Session, sid: str, version: str) -> store.Progress:
    """Start the quiz over in ``version`` ("full" or "short")."""
    return store.start(session, sid, version)


def quiz_answer(session: Session, sid: str, value: str) -> store.Progress | None:
    """Record an answer to the next item; None when no quiz is under way."""
    current = store.progress(session, sid)
    if current is None or current.done:
        return None
    return store.answer(session, sid, value)


def quiz_result(
    session: Session,
    sid: str,
    grade: int | None,
    school_id: str | None,
    zip_code: str | None,
    today: dt.date,
    after_high_school: str | None = None,
) -> QuizResult | None:
    """The finished quiz's profile and careers that fit it (with the district's programs), or None."""
    profile = store.result(session, sid)
    if profile is None:
        return None
    found = matching.match(session, profile, grade, after_high_school, limit=RESULT_CAREERS)
    linked = matching.with_district_links(session, found, grade, school_id, zip_code, today)
    return QuizResult(profile, tuple(linked), onet_citation(session))


def onet_citation(session: Session) -> queries.Citation | None:
    """O*NET's citation (its release and date), for what is said about occupations' interests."""
    return load_citations(session).get("onet")


def _plan_clusters(session: Session, plan: store.Plan, grade: int | None) -> list[str]:
    """The clusters the plan points to: the chosen one, the saved careers', then the quiz's matches'."""
    clusters = [plan.cluster_id] if plan.cluster_id else []
    saved = [c.ref for c in plan.careers if c.ref]
    clusters += queries.clusters_for_occupations(session, saved)
    if plan.profile is not None:
        found = matching.match(session, plan.profile, grade, limit=8)
        clusters += [x.cluster_id for x in found if x.cluster_id]
    return list(dict.fromkeys(clusters))


def plan_view(
    session: Session, sid: str, grade: int | None, school_id: str | None, zip_code: str | None, today: dt.date
) -> PlanView:
    """The student's plan and, when the grade is known, next steps from the district not yet in it
    (one open step of each kind: a new course, deadline or class is suggested once the last is done)."""
    plan = store.load_plan(session, sid)
    suggestions: list[steps.PlanStep] = []
    if grade is not None:
        # a step already in the plan, or an open one of the same kind, is not suggested again
        have = {s.ref for s in plan.steps} | {(s.ref or "").split(":")[0] for s in plan.steps if not s.done}
        clusters = _plan_clusters(session, plan, grade)
        suggestions = [
            s
            for s in steps.suggest(session, grade, clusters, school_id, zip_code, today, plan.wbl_interests)
            if s.ref not in have and s.ref.split(":")[0] not in have
        ]
    cluster = session.get(m.CareerCluster, plan.cluster_id) if plan.cluster_id else None
    pathway = session.get(m.CareerPathway, plan.pathway_id) if plan.pathway_id else None
    return PlanView(plan, cluster.name if cluster else None, pathway.name if pathway else None, tuple(suggestions))


def save_steps(session: Session, sid: str, worded: list[tuple[str, str]]) -> store.Plan:
    """Save worded steps ``(ref, text)`` to the plan; returns the plan."""
    store.save_steps(session, sid, worded)
    return store.load_plan(session, sid)


def add_career(
    session: Session, sid: str, code: str | None, name: str | None
) -> tuple[queries.OccupationDetails | None, bool]:
    """Save the occupation ``code`` or the one ``name`` clearly means: (its details, whether new)."""
    resolved = resolve_code(session, code, name)
    details = queries.occupation_details(session, resolved) if resolved else None
    if details is None:
        return None, False
    _, created = students.add_plan_item(session, sid, "career", details.onet_code, details.title)
    return details, created


def _saved_match(plan: store.Plan, name: str) -> students.PlanItem | None:
    scored = [(fuzz.WRatio(name.lower(), (c.note or "").lower()), c) for c in plan.careers]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= 80 else None


def remove_career(session: Session, sid: str, code: str | None, name: str | None) -> str | None:
    """Remove a saved career named by code or name; its title, or None when it was not in the plan."""
    plan = store.load_plan(session, sid)
    item = next((c for c in plan.careers if c.ref == code), None) if code else None
    if item is None and name:
        item = _saved_match(plan, name)
        if item is None:
            resolved = resolve_code(session, None, name)
            item = next((c for c in plan.careers if c.ref == resolved), None)
    if item is None or not item.ref:
        return None
    store.remove_career(session, sid, item.ref)
    return item.note or item.ref


def step_done(session: Session, sid: str, opportunity_type: str | None) -> tuple[students.PlanItem | None, bool]:
    """Mark the plan's step for that kind of opportunity done: (the step, whether it was already in the
    plan). A kind with no step yet gets a new step, already done (the caller words it)."""
    kind = parse_opportunity_type(opportunity_type)
    if kind is None:
        return None, False
    found = store.set_step_done(session, sid, f"apply:{kind}")
    if found is not None:
        return found, True
    return None, False


def record_done(session: Session, sid: str, opportunity_type: str, text: str) -> students.PlanItem:
    """Add a step the student already did (``did:<type>``), marked done."""
    item, _ = students.add_plan_item(session, sid, "step", f"did:{opportunity_type}", text)
    return store.set_step_done(session, sid, f"did:{opportunity_type}") or item


def add_wbl_interest(session: Session, sid: str, opportunity_type: str) -> tuple[str, ...] | None:
    """Add a kind of work-based learning to the plan; None for an unknown kind."""
    try:
        return store.add_wbl_interest(session, sid, opportunity_type)
    except ValueError:
        return None


def choose_cluster(session: Session, sid: str, text: str) -> queries.ClusterInfo | None:
    """Set the plan's cluster to the one ``text`` names; None when none matches."""
    cluster = queries.find_cluster(session, text)
    if cluster is None:
        return None
    store.choose_cluster(session, sid, cluster.cluster_id)
    return cluster
