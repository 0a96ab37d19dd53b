"""The district's offer near a student: CTE programs, partner employers, work-based learning and events.

With a school or ZIP code, results are limited to a radius around it and sorted nearest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from career_kb import geo
from career_kb import models as m
from career_kb.queries.places import school_zip
from career_kb.queries.results import OpportunityInfo, PartnerInfo, ProgramInfo
from career_kb.vocabulary import EVENT_TYPES

#: How far (miles) "near me" reaches unless a caller says otherwise.
RADIUS_MILES = 25


def _split(value: str | None, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(sep) if p.strip())


def _origin(session: Session, school_id: str | None, zip_code: str | None) -> geo.ZipPoint | None:
    """Where distances are measured from: the school's ZIP code, else the student's."""
    start = school_zip(session, school_id) or zip_code
    return geo.zip_point(session, start) if start else None


def _distances(session: Session, origin: geo.ZipPoint | None, zips: Iterable[str]) -> dict[str, float | None]:
    zips = {z for z in zips if z}
    if origin is None:
        return dict.fromkeys(zips)
    points = geo.zip_points(session, zips)
    distances = {z: geo.zip_distance_miles(origin, points.get(z)) for z in zips}
    return {z: (round(d, 1) if d is not None else None) for z, d in distances.items()}


def _within(distance: float | None, radius: float | None) -> bool:
    return radius is None or distance is None or distance <= radius


def _cluster_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(m.CareerCluster.id, m.CareerCluster.name)).all())


def _occupation_links(session: Session, onet_code: str) -> tuple[set[str], set[str], set[str]]:
    """The pathways, clusters and CIP programs an occupation belongs to."""
    pathway_ids: set[str] = set()
    cluster_ids: set[str] = set()
    for pid, cid in session.execute(
        select(m.CareerPathway.id, m.CareerPathway.cluster_id)
        .join(m.PathwayOccupation, m.PathwayOccupation.pathway_id == m.CareerPathway.id)
        .where(m.PathwayOccupation.onet_code == onet_code)
    ):
        pathway_ids.add(pid)
        cluster_ids.add(cid)
    cip_codes = set(
        session.execute(select(m.CipOccupation.cip_code).where(m.CipOccupation.onet_code == onet_code)).scalars()
    )
    return pathway_ids, cluster_ids, cip_codes


#: How closely a program fits what was asked, best first (``None``: nothing was asked).
_FIT = {"program of study": 0, "pathway": 1, "cluster": 2, None: 3}


def _program_info(
    prog: m.CteProgram,
    school_name: str,
    school_zip: str,
    names: dict[str, dict[str, str]],
    distance: float | None,
    match: str | None,
) -> ProgramInfo:
    return ProgramInfo(
        program_id=prog.id,
        name=prog.name,
        school_id=prog.school_id,
        school_name=school_name,
        school_zip=school_zip,
        cluster_id=prog.cluster_id,
        cluster_name=names["clusters"].get(prog.cluster_id, prog.cluster_id),
        pathway_id=prog.pathway_id,
        pathway_name=names["pathways"].get(prog.pathway_id) if prog.pathway_id else None,
        grade_low=prog.grade_low,
        grade_high=prog.grade_high,
        course_sequence=_split(prog.course_sequence, ">"),
        certifications=_split(prog.certifications, ";"),
        dual_credit=bool(prog.dual_credit),
        dual_credit_partner=prog.dual_credit_partner,
        cip_code=prog.cip_code,
        description=prog.description,
        distance_miles=distance,
        match=match,
        district_id=prog.district_id,
    )


def cte_programs(
    session: Session,
    onet_code: str | None = None,
    cluster_id: str | None = None,
    school_id: str | None = None,
    zip: str | None = None,
    grade: int | None = None,
    radius_miles: float | None = RADIUS_MILES,
) -> list[ProgramInfo]:
    """CTE programs for an occupation (its pathways, clusters or CIP programs) or a cluster.

    With ``school_id`` or ``zip`` the programs are limited to ``radius_miles`` around it and sorted
    by distance (programs at the student's own school first); otherwise by how closely they fit the
    occupation, then by name. ``grade`` keeps programs open to that grade.
    """
    pathway_ids, cluster_ids, cip_codes = _occupation_links(session, onet_code) if onet_code else (set(), set(), set())
    if cluster_id:
        cluster_ids.add(cluster_id)
    stmt = select(m.CteProgram, m.School.name, m.School.zip).join(m.School, m.School.id == m.CteProgram.school_id)
    if onet_code or cluster_id:
        conditions = []
        if cluster_ids:
            conditions.append(m.CteProgram.cluster_id.in_(sorted(cluster_ids)))
        if cip_codes:
            conditions.append(m.CteProgram.cip_code.in_(sorted(cip_codes)))
        if not conditions:
            return []
        stmt = stmt.where(or_(*conditions))
    if grade is not None:
        stmt = stmt.where(m.CteProgram.grade_low <= grade, m.CteProgram.grade_high >= grade)
    rows = session.execute(stmt).all()
    origin = _origin(session, school_id, zip)
    distances = _distances(session, origin, (z for _, _, z in rows))
    names = {
        "clusters": _cluster_names(session),
        "pathways": dict(session.execute(select(m.CareerPathway.id, m.CareerPathway.name)).all()),
    }
    out = []
    for prog, school_name, program_zip in rows:
        distance = distances.get(program_zip)
        if origin is not None and prog.school_id != school_id and not _within(distance, radius_miles):
            continue
        if prog.cip_code and prog.cip_code in cip_codes:
            match: str | None = "program of study"
        elif prog.pathway_id and prog.pathway_id in pathway_ids:
            match = "pathway"
        else:
            match = "cluster" if onet_code or cluster_id else None
        out.append(_program_info(prog, school_name, program_zip, names, distance, match))
    if origin is not None:
        out.sort(key=lambda p: (0 if p.school_id == school_id else 1, _far(p.distance_miles), _FIT[p.match], p.name))
    else:
        out.sort(key=lambda p: (_FIT[p.match], p.name, p.school_name))
    return out


def _far(distance: float | None) -> float:
    """A distance to sort by: unknown ones last."""
    return distance if distance is not None else 1e9


def partners(
    session: Session,
    cluster_id: str | None = None,
    opportunity_type: str | None = None,
    zip: str | None = None,
    radius_miles: float | None = RADIUS_MILES,
) -> list[PartnerInfo]:
    """Partner employers/organizations, by cluster and opportunity type offered; nearest first with ``zip``."""
    stmt = select(m.Partner)
    if cluster_id:
        stmt = stmt.where(m.Partner.cluster_id == cluster_id)
    rows = session.execute(stmt).scalars().all()
    origin = geo.zip_point(session, zip) if zip else None
    distances = _distances(session, origin, (p.zip for p in rows))
    clusters = _cluster_names(session)
    out = []
    for p in rows:
        types = _split(p.opportunity_types, ";")
        if opportunity_type and opportunity_type not in types:
            continue
        distance = distances.get(p.zip)
        if origin is not None and not _within(distance, radius_miles):
            continue
        out.append(
            PartnerInfo(
                p.id,
                p.name,
                p.kind,
                p.industry,
                p.cluster_id,
                clusters.get(p.cluster_id, p.cluster_id),
                p.zip,
                types,
                p.contact_role,
                p.website,
                distance,
                district_id=p.district_id,
            )
        )
    out.sort(key=lambda p: (_far(p.distance_miles), p.name))
    return out


def opportunities(
    session: Session,
    cluster_id: str | None = None,
    types: Sequence[str] | str | None = None,
    grade: int | None = None,
    zip: str | None = None,
    radius_miles: float | None = RADIUS_MILES,
    on_or_after: dt.date | None = None,
) -> list[OpportunityInfo]:
    """Work-based learning and events, filtered by cluster, type(s), grade, distance and date.

    ``on_or_after`` keeps opportunities still running on or after that date (and undated, seasonal
    ones). Sorted nearest first with ``zip``, otherwise by start date (undated last), then title.
    """
    if isinstance(types, str):
        types = [types]
    stmt = (
        select(m.Opportunity, m.Partner.name, m.School.name)
        .outerjoin(m.Partner, m.Partner.id == m.Opportunity.partner_id)
        .outerjoin(m.School, m.School.id == m.Opportunity.school_id)
    )
    if cluster_id:
        stmt = stmt.where(m.Opportunity.cluster_id == cluster_id)
    if types:
        stmt = stmt.where(m.Opportunity.type.in_(list(types)))
    if grade is not None:
        stmt = stmt.where(m.Opportunity.grade_low <= grade, m.Opportunity.grade_high >= grade)
    if on_or_after is not None:
        stmt = stmt.where(
            or_(
                func.coalesce(m.Opportunity.end_date, m.Opportunity.start_date) >= on_or_after,
                and_(m.Opportunity.end_date.is_(None), m.Opportunity.start_date.is_(None)),
            )
        )
    rows = session.execute(stmt).all()
    origin = geo.zip_point(session, zip) if zip else None
    distances = _distances(session, origin, (o.zip for o, _, _ in rows))
    clusters = _cluster_names(session)
    out = []
    for o, partner_name, school_name in rows:
        distance = distances.get(o.zip)
        if origin is not None and not _within(distance, radius_miles):
            continue
        out.append(
            OpportunityInfo(
                opportunity_id=o.id,
                type=o.type,
                title=o.title,
                is_event=o.type in EVENT_TYPES,
                partner_id=o.partner_id,
                partner_name=partner_name,
                school_id=o.school_id,
                school_name=school_name,
                cluster_id=o.cluster_id,
                cluster_name=clusters.get(o.cluster_id, o.cluster_id),
                grade_low=o.grade_low,
                grade_high=o.grade_high,
                start_date=o.start_date,
                end_date=o.end_date,
                season=o.season,
                capacity=o.capacity,
                paid=o.paid,
                zip=o.zip,
                how_to_apply=o.how_to_apply,
                description=o.description,
                distance_miles=distance,
                district_id=o.district_id,
            )
        )
    if origin is not None:
        out.sort(key=lambda o: (_far(o.distance_miles), o.start_date or dt.date.max, o.title))
    else:
        out.sort(key=lambda o: (o.start_date or dt.date.max, o.title))
    return out


def sample_districts(session: Session) -> dict[str, str]:
    """The districts whose data is sample data (``district.is_sample``): id → name."""
    return dict(session.execute(select(m.District.id, m.District.name).where(m.District.is_sample.is_(True))).all())
