"""Occupations: everything about one, related ones, ones fitting an interest code, and programs of study.

Career lists keep one occupation per SOC code (the ``.00`` parent when it qualifies), so a list never
shows several O*NET specialties that share one BLS wage. Wages and projections are joined through
:func:`career_kb.codes.bls_soc_code`: an occupation BLS publishes only inside an aggregate
("Home Health Aides" in ``31-1120``) gets the aggregate's figures, which say whose they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from career_kb import cache, codes
from career_kb import models as m
from career_kb.queries.results import (
    ANNUAL_CEILING,
    HOURLY_CEILING,
    JOB_ZONE_NAMES,
    Citation,
    ClusterRef,
    Element,
    JobZone,
    OccupationDetails,
    OccupationSummary,
    ProgramOfStudy,
    Projection,
    Wage,
    cite,
    load_citations,
)
from career_kb.vocabulary import RIASEC, RIASEC_NAMES


def _top_coded(row) -> tuple[str, ...]:
    """The figures of a wage row that are BLS's top code, to be said as "at least".

    The importer stores a top-coded figure as exactly the ceiling; other figures of a flagged row
    are real estimates, even above the ceiling (a median BLS published, with only the 90th
    percentile top-coded), and are said as they are.
    """
    flagged = []
    if row.annual_top_coded:
        for name in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"):
            if getattr(row, name) == ANNUAL_CEILING:
                flagged.append(name)
    if row.hourly_top_coded:
        for name in ("hourly_p10", "hourly_p25", "hourly_median", "hourly_p75", "hourly_p90"):
            if getattr(row, name) == HOURLY_CEILING:
                flagged.append(name)
    return tuple(flagged)


def _wage(row, cites: dict[str, Citation]) -> Wage:
    return Wage(
        area=row.area,
        area_name=row.area_name,
        employment=row.employment,
        annual_median=row.annual_median,
        annual_p10=row.annual_p10,
        annual_p25=row.annual_p25,
        annual_p75=row.annual_p75,
        annual_p90=row.annual_p90,
        hourly_median=row.hourly_median,
        hourly_p10=row.hourly_p10,
        hourly_p25=row.hourly_p25,
        hourly_p75=row.hourly_p75,
        hourly_p90=row.hourly_p90,
        hourly_only=bool(row.hourly_only),
        annual_top_coded=bool(row.annual_top_coded),
        hourly_top_coded=bool(row.hourly_top_coded),
        top_coded=_top_coded(row),
        citation=cite(cites, row.source_id),
        bls_title=row.occupation_title,
        bls_code=row.soc_code,
    )


def _projection(row, cites: dict[str, Citation]) -> Projection:
    def thousands(value):
        return None if value is None else int(round(value * 1000))

    training = row.on_the_job_training
    return Projection(
        percent_change=row.percent_change,
        outlook=row.outlook,
        annual_openings=thousands(row.annual_openings),
        employment_base=thousands(row.employment_base),
        employment_projected=thousands(row.employment_projected),
        entry_education=row.entry_education,
        work_experience=row.work_experience,
        on_the_job_training=training,
        apprenticeship=bool(training and "apprentice" in training.lower()),
        ooh_url=row.ooh_url,
        citation=cite(cites, row.source_id),
        bls_title=row.title,
        bls_code=row.soc_code,
    )


def bls_soc_column():
    """SQL for the code BLS publishes an occupation's figures under (:func:`career_kb.codes.bls_soc_code`)."""
    return case(codes.BLS_AGGREGATE_OF, value=m.Occupation.soc_code, else_=m.Occupation.soc_code)


def summaries(
    session: Session, codes: Sequence[str], scores: dict[str, float] | None = None
) -> list[OccupationSummary]:
    """Summaries of ``codes`` in the given order."""
    if not codes:
        return []
    cites = load_citations(session)
    bls_soc = bls_soc_column()
    rows = session.execute(
        select(
            m.Occupation.onet_code,
            m.Occupation.title,
            m.Occupation.job_zone,
            m.Occupation.riasec_code,
            m.OccupationWage.annual_median,
            m.OccupationWage.annual_top_coded,
            m.OccupationWage.source_id,
            m.OccupationWage.occupation_title,
            m.OccupationProjection.outlook,
            m.OccupationProjection.source_id,
            m.OccupationProjection.title,
        )
        .outerjoin(m.OccupationWage, and_(m.OccupationWage.soc_code == bls_soc, m.OccupationWage.area == "US"))
        .outerjoin(m.OccupationProjection, m.OccupationProjection.soc_code == bls_soc)
        .where(m.Occupation.onet_code.in_(list(codes)))
    ).all()
    by_code = {}
    for code, title, zone, riasec, median, top, wage_src, wage_title, outlook, proj_src, proj_title in rows:
        by_code[code] = OccupationSummary(
            onet_code=code,
            title=title,
            job_zone=zone,
            riasec_code=riasec,
            annual_median=median,
            annual_median_top_coded=bool(top and median == ANNUAL_CEILING),
            outlook=outlook,
            score=None if scores is None else scores.get(code),
            wage_citation=cite(cites, wage_src) if wage_src and median is not None else None,
            outlook_citation=cite(cites, proj_src) if proj_src and outlook else None,
            wage_bls_title=wage_title,
            outlook_bls_title=proj_title,
        )
    return [by_code[c] for c in codes if c in by_code]


def employment_by_soc(session: Session) -> dict[str, int]:
    """National employment (BLS OEWS) per SOC code."""
    return {
        soc: emp or 0
        for soc, emp in session.execute(
            select(m.OccupationWage.soc_code, m.OccupationWage.employment).where(m.OccupationWage.area == "US")
        )
    }


# --- occupations --------------------------------------------------------------------------------


def _wages(
    session: Session, soc_code: str, state: str | None, cites: dict[str, Citation]
) -> tuple[Wage | None, Wage | None]:
    """The national wage and, when ``state`` is a state BLS publishes, that state's wage.

    ``soc_code`` is the code BLS publishes under (:func:`career_kb.codes.bls_soc_code`).
    """
    area = (state or "US").upper()
    rows = {
        w.area: w
        for w in session.execute(
            select(m.OccupationWage).where(
                m.OccupationWage.soc_code == soc_code, m.OccupationWage.area.in_(["US", area])
            )
        ).scalars()
    }
    national = _wage(rows["US"], cites) if "US" in rows else None
    in_state = _wage(rows[area], cites) if area != "US" and area in rows else None
    return national, in_state


def _elements(session: Session, onet_code: str) -> tuple[tuple[Element, ...], tuple[Element, ...]]:
    """The eight most important skills and knowledge areas."""
    rows = session.execute(
        select(
            m.OccupationElement.kind,
            m.OccupationElement.name,
            m.OccupationElement.importance,
            m.OccupationElement.level,
        )
        .where(m.OccupationElement.onet_code == onet_code)
        .order_by(m.OccupationElement.importance.desc(), m.OccupationElement.name)
    ).all()
    skills = tuple(Element(n, i, lv) for k, n, i, lv in rows if k == "skill")[:8]
    knowledge = tuple(Element(n, i, lv) for k, n, i, lv in rows if k == "knowledge")[:8]
    return skills, knowledge


def _cluster_refs(session: Session, onet_code: str) -> tuple[ClusterRef, ...]:
    return tuple(
        ClusterRef(cid, cname, pid, pname)
        for cid, cname, pid, pname in session.execute(
            select(m.CareerCluster.id, m.CareerCluster.name, m.CareerPathway.id, m.CareerPathway.name)
            .join(m.CareerPathway, m.CareerPathway.cluster_id == m.CareerCluster.id)
            .join(m.PathwayOccupation, m.PathwayOccupation.pathway_id == m.CareerPathway.id)
            .where(m.PathwayOccupation.onet_code == onet_code)
            .order_by(m.CareerCluster.name, m.CareerPathway.name)
        )
    )


def _sample_titles(session: Session, onet_code: str) -> tuple[str, ...]:
    """Reported titles O*NET shows in My Next Move, by name (at most six)."""
    titles = (
        session.execute(
            select(m.AlternateTitle.title)
            .where(
                m.AlternateTitle.onet_code == onet_code,
                m.AlternateTitle.kind == "reported",
                m.AlternateTitle.shown_in_my_next_move.is_(True),
            )
            .order_by(m.AlternateTitle.title)
        )
        .scalars()
        .all()
    )
    return tuple(titles[:6])


def occupation_details(session: Session, onet_code: str, state: str | None = None) -> OccupationDetails | None:
    """Everything about one occupation (``None`` for an unknown code); ``state`` adds its state wage.

    The code may be written loosely ("15-1252", "15-1252.0": :func:`career_kb.codes.onet_code`).
    """
    onet_code = codes.onet_code(onet_code) or onet_code
    occ = session.execute(select(m.Occupation).where(m.Occupation.onet_code == onet_code)).scalar_one_or_none()
    if occ is None:
        return None
    cites = load_citations(session)
    bls_code = codes.bls_soc_code(occ.soc_code)
    national, in_state = _wages(session, bls_code, state, cites)
    proj_row = session.get(m.OccupationProjection, bls_code)
    skills, knowledge = _elements(session, onet_code)
    clusters = _cluster_refs(session, onet_code)
    zone = (
        JobZone(occ.job_zone, JOB_ZONE_NAMES[occ.job_zone], cite(cites, "onet"))
        if occ.job_zone in JOB_ZONE_NAMES
        else None
    )
    scores = (occ.riasec_r, occ.riasec_i, occ.riasec_a, occ.riasec_s, occ.riasec_e, occ.riasec_c)
    return OccupationDetails(
        onet_code=occ.onet_code,
        soc_code=occ.soc_code,
        title=occ.title,
        description=occ.description,
        job_zone=zone,
        typical_education=occ.typical_education,
        riasec={letter: value for letter, value in zip(RIASEC, scores, strict=False) if value is not None},
        riasec_code=occ.riasec_code,
        national_wage=national,
        state_wage=in_state,
        projection=_projection(proj_row, cites) if proj_row else None,
        skills=skills,
        knowledge=knowledge,
        clusters=clusters,
        related=tuple(related_occupations(session, onet_code, limit=6)),
        sample_titles=_sample_titles(session, onet_code),
        onet_citation=cite(cites, "onet"),
        cluster_citation=cite(cites, "career_clusters") if clusters else None,
    )


def is_parent(onet_code: str) -> bool:
    """True for a broad O*NET occupation (``.00``) rather than one of its specialties."""
    return onet_code.endswith(".00")


def one_per_soc(ranked: Sequence[tuple[str, str]], qualifies: Callable[[str, str], bool] | None = None) -> list[str]:
    """At most one O*NET code per SOC code from ``ranked`` ``(onet_code, soc_code)`` pairs, best first.

    Each SOC group keeps the place of its best-ranked member. The group's ``.00`` parent takes that
    place when it is in ``ranked`` itself and ``qualifies(parent, best)`` (default: always);
    otherwise the best-ranked member stays. Keeps lists from repeating near-identical specialties
    ("Acute Care Nurses", "Critical Care Nurses") that share one SOC code and its wage.
    """
    present = {code for code, _ in ranked}
    chosen: dict[str, str] = {}
    for code, soc in ranked:
        if soc in chosen:
            continue
        parent = f"{soc}.00"
        if code != parent and parent in present and (qualifies is None or qualifies(parent, code)):
            code = parent
        chosen[soc] = code
    return list(chosen.values())


def _socs(session: Session, codes: Iterable[str]) -> dict[str, str]:
    codes = list(codes)
    if not codes:
        return {}
    return dict(
        session.execute(
            select(m.Occupation.onet_code, m.Occupation.soc_code).where(m.Occupation.onet_code.in_(codes))
        ).all()
    )


def related_occupations(session: Session, onet_code: str, limit: int = 6) -> list[OccupationSummary]:
    """O*NET's related occupations, most related first, one per SOC code.

    Occupations sharing the asked occupation's SOC code (its parent or sibling specialties) are left
    out, so "similar to Registered Nurses" doesn't list three kinds of registered nurse.
    """
    codes = (
        session.execute(
            select(m.RelatedOccupation.related_code)
            .where(m.RelatedOccupation.onet_code == onet_code)
            .order_by(m.RelatedOccupation.rank)
        )
        .scalars()
        .all()
    )
    socs = _socs(session, [onet_code, *codes])
    own = socs.get(onet_code)
    ranked = [(c, socs[c]) for c in codes if c in socs and c != onet_code and socs[c] != own]
    return summaries(session, one_per_soc(ranked)[: max(0, limit)])


def parse_riasec(code: str) -> str:
    """The RIASEC letters of ``code`` ("sia", "S-I-A", "Social Investigative") in order, deduplicated."""
    text = (code or "").upper()
    words = re.findall(r"[A-Z]+", text)
    letters = []
    names = {v.upper(): k for k, v in RIASEC_NAMES.items()}
    for word in words:
        if word in names:
            letters.append(names[word])
        elif all(ch in RIASEC_NAMES for ch in word):
            letters.extend(word)
    return "".join(dict.fromkeys(letters))


#: How much lower than its best specialty a broad (``.00``) occupation may score and still stand for
#: its SOC code in an interest list.
PARENT_SCORE_MARGIN = 0.05


def _interest_vectors(session: Session) -> list[tuple[str, str, int | None, tuple[float, ...], float]]:
    """(onet_code, soc_code, job_zone, RIASEC vector shifted to 0–6, its norm) of every rated occupation."""
    rows = []
    stmt = select(
        m.Occupation.onet_code,
        m.Occupation.soc_code,
        m.Occupation.job_zone,
        m.Occupation.riasec_r,
        m.Occupation.riasec_i,
        m.Occupation.riasec_a,
        m.Occupation.riasec_s,
        m.Occupation.riasec_e,
        m.Occupation.riasec_c,
    ).where(m.Occupation.riasec_r.is_not(None))
    for code, soc, job_zone, *values in session.execute(stmt):
        vec = tuple(max(0.0, (v or 1.0) - 1.0) for v in values)
        norm = math.sqrt(sum(v * v for v in vec))
        if norm:
            rows.append((code, soc, job_zone, vec, norm))
    return rows


def interest_vectors(session: Session) -> list[tuple[str, str, int | None, tuple[float, ...], float]]:
    """Every rated occupation's (onet_code, soc_code, job_zone, RIASEC vector shifted to 0–6, norm), cached."""
    return cache.kb_cached(session, "interest_vectors", _interest_vectors)


def occupations_for_interests(
    session: Session, riasec: str, job_zone_max: int | None = None, limit: int = 10
) -> list[OccupationSummary]:
    """Occupations whose interest profile fits a RIASEC code like "SIA", best first.

    The student's code becomes a vector (first letter 3, second 2, third 1, later letters 1); each
    occupation's six O*NET interest scores (1–7, shifted to 0–6) are compared with it by cosine
    similarity. Ties go to occupations with more jobs nationally. ``job_zone_max`` keeps occupations
    needing at most that much preparation. At most one occupation per SOC code is listed: the broad
    ``.00`` occupation when it passes the filters and scores within :data:`PARENT_SCORE_MARGIN` of its
    best-scoring specialty, else that specialty.
    """
    letters = parse_riasec(riasec)
    if not letters:
        return []
    weights = {letter: (3.0, 2.0, 1.0)[i] if i < 3 else 1.0 for i, letter in enumerate(letters)}
    want = [weights.get(letter, 0.0) for letter in RIASEC]
    want_norm = math.sqrt(sum(w * w for w in want))
    employment = cache.kb_cached(session, "national_employment", employment_by_soc)
    scored = []
    soc_of: dict[str, str] = {}
    for code, soc, job_zone, vec, norm in cache.kb_cached(session, "interest_vectors", _interest_vectors):
        if job_zone_max is not None and (job_zone is None or job_zone > job_zone_max):
            continue
        soc_of[code] = soc
        cosine = sum(a * b for a, b in zip(want, vec, strict=False)) / (want_norm * norm)
        scored.append((round(cosine, 4), employment.get(soc, 0), code))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
    scores = {c: s for s, _, c in scored}
    # one per SOC code: the .00 parent when it scores nearly as well as its best specialty
    picked = one_per_soc(
        [(c, soc_of[c]) for _, _, c in scored],
        qualifies=lambda parent, best: scores[parent] >= scores[best] - PARENT_SCORE_MARGIN,
    )
    picked.sort(key=lambda c: (-scores[c], -employment.get(soc_of[c], 0), c))
    top = picked[: max(0, limit)]
    return summaries(session, top, {c: scores[c] for c in top})


def postsecondary_programs(session: Session, onet_code: str, limit: int = 5) -> list[ProgramOfStudy]:
    """CIP 2020 programs that lead to the occupation, most specific first.

    O*NET's crosswalk comes before NCES's; among them, programs that lead to fewer occupations are
    more specific to this one.
    """
    cites = load_citations(session)
    breadth = select(m.CipOccupation.cip_code, func.count().label("n")).group_by(m.CipOccupation.cip_code).subquery()
    rows = session.execute(
        select(m.CipProgram.cip_code, m.CipProgram.title, m.CipProgram.family, m.CipOccupation.source, breadth.c.n)
        .join(m.CipOccupation, m.CipOccupation.cip_code == m.CipProgram.cip_code)
        .join(breadth, breadth.c.cip_code == m.CipProgram.cip_code)
        .where(m.CipOccupation.onet_code == onet_code)
    ).all()
    rows.sort(key=lambda r: (0 if r[3] == "onet" else 1, r[4], r[0]))
    return [
        ProgramOfStudy(code, title, family, source, cite(cites, "nces_cip"))
        for code, title, family, source, _ in rows[: max(0, limit)]
    ]
