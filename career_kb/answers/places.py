"""Where the student is, and what is near them: CTE programs, work-based learning, events, partners.

Each answer has a fallback: when nothing fits what was asked, the student's clusters come first
(the occupation's, then the one they looked at), then anything near them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from career_kb import queries
from career_kb.answers.lookup import resolve_code
from career_kb.answers.profile import ProfileUpdate, apply_update

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """Where the student is: their school and/or ZIP code."""

    school_id: str | None
    school_name: str | None
    zip: str | None


@dataclass(frozen=True)
class Located:
    """The student's place (None: it must be asked), what this message told us, and the schools to offer."""

    place: Place | None
    update: ProfileUpdate | None
    choices: tuple[queries.SchoolChoice, ...] = ()


def locate(
    session: Session,
    sid: str | None,
    school_text: str | None,
    zip_code: str | None,
    school_id: str | None,
    remembered_zip: str | None,
    grade: int | None,
) -> Located:
    """Resolve and remember a school/ZIP said in this message; else use the remembered school or ZIP."""
    update = None
    name = None
    if sid and (school_text or zip_code):
        update = apply_update(session, sid, None, school_text, zip_code)
        if update.school is not None:
            school_id, name = update.school.school_id, update.school.name
        remembered_zip = update.zip or remembered_zip
    elif school_id:
        info = queries.find_school(session, school_id)
        name = info.name if info else None
    if not school_id and not remembered_zip:
        return Located(None, update, tuple(queries.school_choices(session, grade)))
    return Located(Place(school_id, name, remembered_zip), update)


def place_zip(session: Session, place: Place) -> str | None:
    """The ZIP code distances are measured from: the school's, else the student's."""
    return queries.school_zip(session, place.school_id) or place.zip


# --- clusters to prefer ---------------------------------------------------------------------------


def occupation_clusters(session: Session, code: str | None, cluster_id: str | None) -> list[str]:
    """The clusters of the student's current occupation, then the cluster they looked at."""
    ids = queries.clusters_for_occupations(session, [code]) if code else []
    if cluster_id:
        ids.append(cluster_id)
    return list(dict.fromkeys(ids))


@dataclass(frozen=True)
class ClusterAsk:
    """What a message says about a field: a cluster named, an occupation (code or name), the cluster looked at."""

    text: str | None = None
    code: str | None = None
    name: str | None = None
    remembered: str | None = None


def cluster_for(session: Session, asked: ClusterAsk) -> tuple[str | None, str | None]:
    """(id, name) of the cluster an answer is about: one named, the occupation's, or the one looked at."""
    if asked.text:
        found = queries.find_cluster(session, asked.text)
        if found:
            return found.cluster_id, found.name
    remembered = asked.remembered
    code = resolve_code(session, asked.code, asked.name)
    if code:
        details = queries.occupation_details(session, code)
        if details and details.clusters:
            return details.clusters[0].cluster_id, details.clusters[0].cluster_name
    if remembered:
        names = {c.cluster_id: c.name for c in queries.list_clusters(session)}
        return remembered, names.get(remembered)
    return None, None


def first_found(search: Callable[[str | None], Sequence[T]], cluster_ids: Sequence[str]) -> Sequence[T]:
    """``search(cluster_id)`` for each fitting cluster until one finds something, then ``search(None)``."""
    for cid in cluster_ids:
        found = search(cid)
        if found:
            return found
    return search(None)


def sample_district(session: Session, shown: Sequence) -> str | None:
    """The name of the sample district (``district.is_sample``) the shown items come from, if any."""
    samples = queries.sample_districts(session)
    return next((samples[i.district_id] for i in shown if i.district_id in samples), None)


# --- programs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramsAnswer:
    """Programs for what was asked (``found``), else close-by ones (``fallback``), and what was asked about."""

    found: list[queries.ProgramInfo]
    fallback: list[queries.ProgramInfo]
    title: str | None
    code: str | None
    cluster: queries.ClusterInfo | None
    sample_district: str | None = None  # the shown programs are this sample district's (made up)


def _programs_preferring(
    session: Session, cluster_ids: list[str], place: Place, grade: int | None
) -> list[queries.ProgramInfo]:
    """Programs near the student, those in ``cluster_ids`` first (in that order), then the others."""
    near = queries.cte_programs(session, school_id=place.school_id, zip=place.zip, grade=grade)
    rank = {cid: i for i, cid in enumerate(cluster_ids)}
    return sorted(near, key=lambda p: rank.get(p.cluster_id, len(rank)))  # stable: distance order kept within each


def programs_near(
    session: Session,
    code: str | None,
    name: str | None,
    cluster_text: str | None,
    cluster_id: str | None,
    place: Place,
    grade: int | None,
) -> ProgramsAnswer:
    """CTE programs near the student for an occupation or cluster, with the fallback when there are none."""
    cluster = queries.find_cluster(session, cluster_text) if cluster_text else None
    code = resolve_code(session, code, name)
    details = queries.occupation_details(session, code) if code else None
    cid = cluster.cluster_id if cluster else (None if code else cluster_id)
    found = queries.cte_programs(
        session, onet_code=code, cluster_id=cid, school_id=place.school_id, zip=place.zip, grade=grade
    )
    fallback: list[queries.ProgramInfo] = []
    if not found:
        preferred = [] if cluster else occupation_clusters(session, code, cluster_id)
        if code or cid or preferred:
            fallback = _programs_preferring(session, preferred, place, grade)
    sample = sample_district(session, found or fallback)
    return ProgramsAnswer(found, fallback, details.title if details else None, code, cluster, sample)


# --- opportunities and partners -------------------------------------------------------------------


@dataclass(frozen=True)
class NearbyAnswer:
    """Items for the cluster asked about (``found``), else any near the student (``broader``)."""

    found: list
    broader: list
    cluster_id: str | None
    cluster_name: str | None
    sample_district: str | None = None  # the shown items are this sample district's (made up)


def opportunities_near(
    session: Session, asked: ClusterAsk, types: Sequence[str], grade: int | None, place: Place, today: dt.date
) -> NearbyAnswer:
    """Opportunities of ``types`` near the student, in the cluster when one is known (then any cluster)."""
    cluster_id, cluster_name = cluster_for(session, asked)
    zip_code = place_zip(session, place)

    def search(cid: str | None) -> list[queries.OpportunityInfo]:
        return queries.opportunities(
            session, cluster_id=cid, types=list(types), grade=grade, zip=zip_code, on_or_after=today
        )

    found = search(cluster_id)
    broader = search(None) if not found and cluster_id else []
    return NearbyAnswer(found, broader, cluster_id, cluster_name, sample_district(session, found or broader))


def partners_near(session: Session, asked: ClusterAsk, opportunity_type: str | None, place: Place) -> NearbyAnswer:
    """Partner employers near the student, in the cluster when one is known (then any cluster)."""
    cluster_id, cluster_name = cluster_for(session, asked)
    zip_code = place_zip(session, place)
    found = queries.partners(session, cluster_id=cluster_id, opportunity_type=opportunity_type, zip=zip_code)
    broader = (
        queries.partners(session, opportunity_type=opportunity_type, zip=zip_code) if not found and cluster_id else []
    )
    return NearbyAnswer(found, broader, cluster_id, cluster_name, sample_district(session, found or broader))
