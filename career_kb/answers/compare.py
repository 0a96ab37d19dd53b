"""Side-by-side comparisons: two occupations, one occupation in two states, two routes after high school.

Every figure comes from the KB with its citation (BLS OEWS pay, BLS projections outlook and typical
entry education and training, O*NET job zone). Where the KB has no figure the side says so (``None``)
and the verdict fields stay ``None``: the answer never guesses which is higher, faster or cheaper.

Routes: the KB holds no program lengths or costs, so a route comparison gives, for an occupation,
how each route fits it (:mod:`career_kb.answers.routes`) and BLS's typical education and training
categories; ``time_known`` and ``cost_known`` say whether the KB could tell time or cost at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb import queries
from career_kb.answers.routes import RouteFit, routes
from career_kb.queries.results import Citation
from career_kb.vocabulary import POSTSECONDARY_OPTIONS, parse_postsecondary_option, parse_state

#: BLS's typical entry education categories, least preparation first.
EDUCATION_ORDER = (
    "No formal educational credential",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Postsecondary nondegree award",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
)


@dataclass(frozen=True)
class OccupationSide:
    """One occupation's comparable facts; each group of figures with its citation (``None``: not in the KB)."""

    onet_code: str
    title: str
    annual_median: int | None
    annual_median_top_coded: bool
    pay_area: str | None  # "US" or the state's postal code
    pay_citation: Citation | None
    pay_group: str | None  # BLS's broader occupation the pay is for, when not this one
    outlook: str | None
    percent_change: float | None
    annual_openings: int | None
    outlook_citation: Citation | None
    entry_education: str | None
    on_the_job_training: str | None
    work_experience: str | None
    job_zone: int | None
    onet_citation: Citation | None


@dataclass(frozen=True)
class OccupationComparison:
    """Two occupations side by side and, where both figures are known, which one is ahead."""

    left: OccupationSide
    right: OccupationSide
    higher_pay: str | None  # onet_code of the side with the higher median pay
    faster_growth: str | None  # onet_code of the side with the larger projected percent change
    less_preparation: str | None  # onet_code of the side needing less entry education (then job zone)


def _side(d: queries.OccupationDetails) -> OccupationSide:
    wage = d.state_wage or d.national_wage
    p = d.projection
    return OccupationSide(
        onet_code=d.onet_code,
        title=d.title,
        annual_median=wage.annual_median if wage else None,
        annual_median_top_coded=bool(wage and "annual_median" in wage.top_coded),
        pay_area=wage.area if wage else None,
        pay_citation=wage.citation if wage else None,
        pay_group=d.pay_group,
        outlook=p.outlook if p else None,
        percent_change=p.percent_change if p else None,
        annual_openings=p.annual_openings if p else None,
        outlook_citation=p.citation if p else None,
        entry_education=p.entry_education if p else None,
        on_the_job_training=p.on_the_job_training if p else None,
        work_experience=p.work_experience if p else None,
        job_zone=d.job_zone.zone if d.job_zone else None,
        onet_citation=d.onet_citation,
    )


def _ahead(a: str, b: str, va: float | None, vb: float | None) -> str | None:
    """The code whose value is larger; None when either is unknown or they are equal."""
    if va is None or vb is None or va == vb:
        return None
    return a if va > vb else b


def _preparation(side: OccupationSide) -> tuple[int, int] | None:
    if side.entry_education not in EDUCATION_ORDER:
        return None
    return EDUCATION_ORDER.index(side.entry_education or ""), side.job_zone or 0


def _less_preparation(left: OccupationSide, right: OccupationSide) -> str | None:
    a, b = _preparation(left), _preparation(right)
    if a is None or b is None or a == b:
        return None
    return left.onet_code if a < b else right.onet_code


def compare_occupations(
    session: Session, code_a: str, code_b: str, state: str | None = None
) -> OccupationComparison | None:
    """``code_a`` and ``code_b`` side by side (pay in ``state`` when BLS publishes it); None if either is unknown."""
    a = queries.occupation_details(session, code_a, parse_state(state))
    b = queries.occupation_details(session, code_b, parse_state(state))
    if a is None or b is None:
        return None
    left, right = _side(a), _side(b)
    # pay is compared over the same area only; two top-coded ("at least") figures can't be ranked,
    # while one top-coded figure is the BLS ceiling and so at least as high as any other
    higher = None
    if left.pay_area == right.pay_area and not (left.annual_median_top_coded and right.annual_median_top_coded):
        higher = _ahead(left.onet_code, right.onet_code, left.annual_median, right.annual_median)
    return OccupationComparison(
        left,
        right,
        higher_pay=higher,
        faster_growth=_ahead(left.onet_code, right.onet_code, left.percent_change, right.percent_change),
        less_preparation=_less_preparation(left, right),
    )


# --- one occupation, two states ------------------------------------------------------------------


@dataclass(frozen=True)
class StateSide:
    """An occupation's pay in one state (BLS OEWS); figures ``None`` when BLS publishes none there."""

    state: str
    area_name: str | None
    annual_median: int | None
    hourly_median: float | None
    annual_median_top_coded: bool
    employment: int | None
    citation: Citation | None


@dataclass(frozen=True)
class StateComparison:
    """One occupation's pay in two states, with the national figure for reference."""

    onet_code: str
    title: str
    left: StateSide
    right: StateSide
    national: StateSide | None
    higher_pay: str | None  # the state with the higher median, when both are known and not top-coded


def _state_side(state: str, wage: queries.Wage | None) -> StateSide:
    if wage is None:
        return StateSide(state, None, None, None, False, None, None)
    return StateSide(
        state,
        wage.area_name,
        wage.annual_median,
        wage.hourly_median,
        "annual_median" in wage.top_coded,
        wage.employment,
        wage.citation,
    )


def compare_states(session: Session, code: str, state_a: str, state_b: str) -> StateComparison | None:
    """Pay for ``code`` in two states (postal codes, as the ``state`` entity gives them); None when the
    occupation or either state is unknown."""
    sa, sb = parse_state(state_a), parse_state(state_b)
    if sa is None or sb is None:
        return None
    a = queries.occupation_details(session, code, sa)
    b = queries.occupation_details(session, code, sb)
    if a is None or b is None:
        return None
    left, right = _state_side(sa, a.state_wage), _state_side(sb, b.state_wage)
    national = _state_side("US", a.national_wage) if a.national_wage else None
    higher = None
    if not (left.annual_median_top_coded or right.annual_median_top_coded):
        higher = _ahead(sa, sb, left.annual_median, right.annual_median)
    return StateComparison(a.onet_code, a.title, left, right, national, higher)


# --- two routes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteSide:
    """How one route fits the occupation (``fit`` None when no occupation was given)."""

    route: str
    fit: RouteFit | None


@dataclass(frozen=True)
class RouteComparison:
    """Two routes after high school, for an occupation when one is given.

    ``entry_education`` and ``on_the_job_training`` are BLS's categories for the occupation (the only
    preparation facts the KB holds); ``time_known`` / ``cost_known`` are False because the KB holds no
    program lengths or prices, so the answer says so instead of guessing."""

    left: RouteSide
    right: RouteSide
    onet_code: str | None
    title: str | None
    entry_education: str | None
    on_the_job_training: str | None
    citation: Citation | None
    time_known: bool = False
    cost_known: bool = False


def compare_routes(session: Session, route_a: str, route_b: str, code: str | None = None) -> RouteComparison | None:
    """Two routes ("college", "trade school", ...) side by side; None when either is not a route."""
    ra, rb = parse_postsecondary_option(route_a), parse_postsecondary_option(route_b)
    if ra is None or rb is None or ra == rb:
        return None
    details = queries.occupation_details(session, code) if code else None
    if details is None:
        return RouteComparison(RouteSide(ra, None), RouteSide(rb, None), None, None, None, None, None)
    fits = routes(details)
    p = details.projection
    return RouteComparison(
        RouteSide(ra, fits[ra]),
        RouteSide(rb, fits[rb]),
        details.onet_code,
        details.title,
        p.entry_education if p else None,
        p.on_the_job_training if p else None,
        p.citation if p else None,
    )


def route_order(route_a: str, route_b: str) -> tuple[str, ...]:
    """The two routes in the order answers list them (:data:`~career_kb.vocabulary.POSTSECONDARY_OPTIONS`)."""
    known = [r for r in (parse_postsecondary_option(route_a), parse_postsecondary_option(route_b)) if r]
    return tuple(sorted(dict.fromkeys(known), key=POSTSECONDARY_OPTIONS.index))
