"""How each route after high school (college, trade school, apprenticeship, military, work) fits an occupation.

Decided from BLS's typical entry education and on-the-job training and the O*NET job zone. Each
route gets a :class:`RouteFit`: a key naming the fit (the wording file words it) and the values the
wording needs. When BLS publishes no typical education for the occupation (no projection row, or
"—"), the routes that depend on it are ``unknown``: not knowing is never worded as "not required".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from career_kb import queries
from career_kb.vocabulary import POSTSECONDARY_OPTIONS

_NO_COLLEGE = {"High school diploma or equivalent", "No formal educational credential"}
_TWO_YEAR = {"Associate's degree", "Postsecondary nondegree award", "Some college, no degree"}
_DEGREE = {"Bachelor's degree", "Master's degree", "Doctoral or professional degree"}


@dataclass(frozen=True)
class RouteFit:
    """How one route fits: ``fit`` names it ("usual_degree", "not_usual", ...); ``values`` fill its wording."""

    route: str
    fit: str
    values: dict[str, str] = field(default_factory=dict)


def _college(entry: str | None) -> RouteFit:
    if entry is None:
        return RouteFit("college", "unknown")
    if entry in _DEGREE:
        return RouteFit("college", "usual_degree", {"entry": (entry or "").lower()})
    if entry == "Associate's degree":
        return RouteFit("college", "usual_associate")
    if entry in _TWO_YEAR:
        return RouteFit("college", "one_way_in")
    return RouteFit("college", "not_required")


def _trade_school(entry: str | None, zone: int | None) -> RouteFit:
    if entry is None:
        return RouteFit("trade_school", "unknown")
    if entry == "Postsecondary nondegree award":
        return RouteFit("trade_school", "usual")
    if entry == "Associate's degree" or (entry in _NO_COLLEGE and zone in (2, 3)):
        return RouteFit("trade_school", "good_option")
    return RouteFit("trade_school", "not_usual")


def _apprenticeship(p: queries.Projection | None, training: str) -> RouteFit:
    if p is None or p.on_the_job_training is None:
        return RouteFit("apprenticeship", "unknown")
    if p.apprenticeship:
        return RouteFit("apprenticeship", "usual")
    if "Long-term" in training:
        return RouteFit("apprenticeship", "sometimes")
    return RouteFit("apprenticeship", "not_usual")


def _work(p: queries.Projection | None, entry: str | None, training: str) -> RouteFit:
    if entry in _NO_COLLEGE and training != "None":
        return RouteFit("work", "learn_on_the_job", {"training": training.lower()})
    if p is not None and p.work_experience and p.work_experience != "None":
        return RouteFit("work", "experience_first", {"experience": p.work_experience.lower()})
    return RouteFit("work", "try_it_now")


def routes(d: queries.OccupationDetails) -> dict[str, RouteFit]:
    """How each route fits ``d``, in :data:`~career_kb.vocabulary.POSTSECONDARY_OPTIONS` order."""
    p = d.projection
    entry = p.entry_education if p else None
    training = (p.on_the_job_training if p else None) or "None"
    zone = d.job_zone.zone if d.job_zone else None
    fits = (
        _college(entry),
        _trade_school(entry, zone),
        _apprenticeship(p, training),
        RouteFit("military", "recruiter"),
        _work(p, entry, training),
    )
    return {f.route: f for f in sorted(fits, key=lambda f: POSTSECONDARY_OPTIONS.index(f.route))}


def asked_first(option: str | None, keys: list[str]) -> list[str]:
    """``keys`` with the route the student asked about first."""
    return ([option] if option in keys else []) + [k for k in keys if k != option]
