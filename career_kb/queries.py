"""The query API the actions call: plain functions over a ``Session`` returning frozen dataclasses.

No ORM object leaves this module (nothing lazy-loads after the session closes), and every number
comes with the :class:`Citation` of the data set it was taken from (read from ``data_source``).
See docs/architecture.md for the list of functions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from career_kb import cache, geo
from career_kb import models as m
from career_kb.resolve import normalize_tokens

# --- citations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """Where a number comes from: ``source`` "BLS OEWS", ``edition`` "May 2025"; ``text`` to show."""

    source_id: str
    source: str
    edition: str
    text: str


def _citations(session: Session) -> dict[str, Citation]:
    out = {}
    for sid, name, edition, short in session.execute(
        select(m.DataSource.id, m.DataSource.name, m.DataSource.edition, m.DataSource.short_citation)
    ):
        suffix = f", {edition}"
        source = short[: -len(suffix)] if short.endswith(suffix) else short
        out[sid] = Citation(sid, source, edition, short)
    return out


def _cite(cites: dict[str, Citation], source_id: str) -> Citation | None:
    return cites.get(source_id)


# --- result types -------------------------------------------------------------------------------

#: BLS OEWS ceilings: a top-coded figure is "at least" this much.
ANNUAL_CEILING = 239_200
HOURLY_CEILING = 115.00

#: O*NET job zones: the official names (facts) and what they mean, in our words.
JOB_ZONES = {
    1: ("Job Zone One: Little or No Preparation Needed", "little or no preparation: a high school diploma may help; training takes days to a few months on the job"),
    2: ("Job Zone Two: Some Preparation Needed", "some preparation: usually a high school diploma and a few months to a year of training or experience"),
    3: ("Job Zone Three: Medium Preparation Needed", "medium preparation: usually vocational school, an apprenticeship, on-the-job experience or an associate's degree"),
    4: ("Job Zone Four: Considerable Preparation Needed", "considerable preparation: most need a bachelor's degree and several years of experience or training"),
    5: ("Job Zone Five: Extensive Preparation Needed", "extensive preparation: most need a graduate degree (master's, doctoral, medical or law degree)"),
}

RIASEC_NAMES = {"R": "Realistic", "I": "Investigative", "A": "Artistic", "S": "Social", "E": "Enterprising", "C": "Conventional"}


@dataclass(frozen=True)
class Wage:
    """OEWS wages for one area. ``top_coded`` names the figures that are "at least" their value."""

    area: str  # "US" or a state's postal code
    area_name: str
    employment: int | None
    annual_median: int | None
    annual_p10: int | None
    annual_p25: int | None
    annual_p75: int | None
    annual_p90: int | None
    hourly_median: float | None
    hourly_p10: float | None
    hourly_p25: float | None
    hourly_p75: float | None
    hourly_p90: float | None
    hourly_only: bool
    annual_top_coded: bool
    hourly_top_coded: bool
    top_coded: tuple[str, ...]  # e.g. ("annual_median", "annual_p90")
    citation: Citation | None
    #: BLS's title of the SOC occupation the figures are for ("Registered Nurses"); several O*NET
    #: specialties ("Acute Care Nurses") share it, see :func:`broader_bls_title`.
    bls_title: str | None = None

    def is_top_coded(self, figure: str) -> bool:
        """Whether ``figure`` (e.g. "annual_median") is a ceiling value, to be said as "at least"."""
        return figure in self.top_coded


@dataclass(frozen=True)
class Projection:
    """BLS Employment Projections 2024–34 for the occupation's SOC code."""

    percent_change: float | None
    outlook: str | None  # "faster than average", ...
    annual_openings: int | None  # openings per year (BLS publishes thousands; converted)
    employment_base: int | None
    employment_projected: int | None
    entry_education: str | None
    work_experience: str | None
    on_the_job_training: str | None
    apprenticeship: bool
    ooh_url: str | None
    citation: Citation | None
    #: BLS's title of the SOC occupation projected ("Registered nurses"), see :func:`broader_bls_title`.
    bls_title: str | None = None


@dataclass(frozen=True)
class JobZone:
    """An O*NET job zone and what it means."""

    zone: int
    name: str
    meaning: str
    citation: Citation | None


@dataclass(frozen=True)
class Element:
    """A skill or knowledge area with O*NET importance (1–5) and level (0–7)."""

    name: str
    importance: float
    level: float | None


@dataclass(frozen=True)
class ClusterRef:
    """A cluster/pathway an occupation belongs to."""

    cluster_id: str
    cluster_name: str
    pathway_id: str
    pathway_name: str


@dataclass(frozen=True)
class OccupationSummary:
    """An occupation in a list (careers in a cluster, for interests, related)."""

    onet_code: str
    title: str
    job_zone: int | None
    riasec_code: str | None
    annual_median: int | None
    annual_median_top_coded: bool
    outlook: str | None
    score: float | None = None  # how well it fits the request, when ranked
    wage_citation: Citation | None = None
    outlook_citation: Citation | None = None
    wage_bls_title: str | None = None  # BLS title of the national wage row (see Wage.bls_title)
    outlook_bls_title: str | None = None  # BLS title of the projection row

    @property
    def bls_group(self) -> str | None:
        """The broader BLS occupation the list line's pay/outlook are for, when it isn't this one."""
        shown = []
        if self.annual_median is not None:
            shown.append(self.wage_bls_title)
        if self.outlook:
            shown.append(self.outlook_bls_title)
        for bls_title in shown:
            group = broader_bls_title(self.title, bls_title)
            if group:
                return group
        return None


@dataclass(frozen=True)
class OccupationDetails:
    """Everything the bot may say about one occupation, each number with its citation."""

    onet_code: str
    soc_code: str
    title: str
    description: str | None
    job_zone: JobZone | None
    typical_education: str | None
    riasec: dict[str, float]  # letter -> O*NET interest score (1–7)
    riasec_code: str | None
    national_wage: Wage | None
    state_wage: Wage | None
    projection: Projection | None
    skills: tuple[Element, ...]
    knowledge: tuple[Element, ...]
    clusters: tuple[ClusterRef, ...]
    related: tuple[OccupationSummary, ...]
    sample_titles: tuple[str, ...]
    onet_citation: Citation | None
    cluster_citation: Citation | None

    @property
    def pay_group(self) -> str | None:
        """BLS's broader occupation whose pay is given for this one ("Registered Nurses"), or ``None``."""
        wage = self.national_wage or self.state_wage
        return broader_bls_title(self.title, wage.bls_title if wage else None)

    @property
    def outlook_group(self) -> str | None:
        """BLS's broader occupation whose projection is given for this one, or ``None``."""
        group = broader_bls_title(self.title, self.projection.bls_title if self.projection else None)
        wage = self.national_wage or self.state_wage
        if group and wage and wage.bls_title and _title_key(wage.bls_title) == _title_key(group):
            return wage.bls_title  # the same group, in OEWS's title case ("Registered Nurses")
        return group

    @property
    def riasec_names(self) -> tuple[str, ...]:
        """The high-point interests in words ("Social", "Investigative", ...)."""
        return tuple(RIASEC_NAMES[c] for c in (self.riasec_code or "") if c in RIASEC_NAMES)


@dataclass(frozen=True)
class PathwayInfo:
    """A pathway of a cluster."""

    pathway_id: str
    name: str


@dataclass(frozen=True)
class ClusterInfo:
    """A career cluster with its pathways."""

    cluster_id: str
    name: str
    pathways: tuple[PathwayInfo, ...]
    citation: Citation | None


@dataclass(frozen=True)
class ProgramInfo:
    """A CTE program at a school of the district."""

    program_id: str
    name: str
    school_id: str
    school_name: str
    school_zip: str
    cluster_id: str
    cluster_name: str
    pathway_id: str | None
    pathway_name: str | None
    grade_low: int
    grade_high: int
    course_sequence: tuple[str, ...]
    certifications: tuple[str, ...]
    dual_credit: bool
    dual_credit_partner: str | None
    cip_code: str | None
    description: str | None
    distance_miles: float | None
    match: str | None  # why it fits the occupation: "program of study", "pathway", "cluster"


@dataclass(frozen=True)
class PartnerInfo:
    """An employer or organization partnering with the district."""

    partner_id: str
    name: str
    kind: str
    industry: str | None
    cluster_id: str
    cluster_name: str
    zip: str
    opportunity_types: tuple[str, ...]
    contact_role: str | None
    website: str | None
    distance_miles: float | None


@dataclass(frozen=True)
class OpportunityInfo:
    """A work-based-learning opportunity or career event."""

    opportunity_id: str
    type: str
    title: str
    is_event: bool
    partner_id: str | None
    partner_name: str | None
    school_id: str | None
    school_name: str | None
    cluster_id: str
    cluster_name: str
    grade_low: int
    grade_high: int
    start_date: dt.date | None
    end_date: dt.date | None
    season: str | None
    capacity: int | None
    paid: bool | None
    zip: str
    how_to_apply: str | None
    description: str | None
    distance_miles: float | None


@dataclass(frozen=True)
class ProgramOfStudy:
    """A postsecondary program (CIP 2020) that leads to an occupation."""

    cip_code: str
    title: str
    family: str
    crosswalk: str  # "onet" | "nces"
    citation: Citation | None


@dataclass(frozen=True)
class SchoolInfo:
    """A school of an imported district."""

    school_id: str
    name: str
    level: str
    grade_low: int
    grade_high: int
    zip: str
    address: str | None
    counselor_office: str | None
    district_id: str
    district_name: str
    state: str


# --- helpers ------------------------------------------------------------------------------------


_TITLE_WORDS = re.compile(r"[a-z0-9]+")


def _title_key(title: str) -> tuple[str, ...]:
    return tuple(w for w in _TITLE_WORDS.findall(title.lower().replace("&", " and ")))


def broader_bls_title(onet_title: str | None, bls_title: str | None) -> str | None:
    """``bls_title`` when BLS's figures are for a broader or other group than ``onet_title``.

    BLS publishes wages and projections per SOC code; O*NET specialties share their SOC code's
    figures ("Acute Care Nurses" → "Registered Nurses"). Titles that differ only in case,
    punctuation or "&"/"and" are the same occupation (``None``).
    """
    if not bls_title or not onet_title:
        return None
    return None if _title_key(onet_title) == _title_key(bls_title) else bls_title


def _split(value: str | None, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(sep) if p.strip())


def _top_coded(row) -> tuple[str, ...]:
    flagged = []
    if row.annual_top_coded:
        for name in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"):
            value = getattr(row, name)
            if value is not None and value >= ANNUAL_CEILING:
                flagged.append(name)
    if row.hourly_top_coded:
        for name in ("hourly_p10", "hourly_p25", "hourly_median", "hourly_p75", "hourly_p90"):
            value = getattr(row, name)
            if value is not None and value >= HOURLY_CEILING:
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
        citation=_cite(cites, row.source_id),
        bls_title=row.occupation_title,
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
        citation=_cite(cites, row.source_id),
        bls_title=row.title,
    )


def _summaries(session: Session, codes: Sequence[str], scores: dict[str, float] | None = None) -> list[OccupationSummary]:
    """Summaries of ``codes`` in the given order."""
    if not codes:
        return []
    cites = _citations(session)
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
        .outerjoin(m.OccupationWage, and_(m.OccupationWage.soc_code == m.Occupation.soc_code, m.OccupationWage.area == "US"))
        .outerjoin(m.OccupationProjection, m.OccupationProjection.soc_code == m.Occupation.soc_code)
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
            annual_median_top_coded=bool(top and median is not None and median >= ANNUAL_CEILING),
            outlook=outlook,
            score=None if scores is None else scores.get(code),
            wage_citation=_cite(cites, wage_src) if wage_src and median is not None else None,
            outlook_citation=_cite(cites, proj_src) if proj_src and outlook else None,
            wage_bls_title=wage_title,
            outlook_bls_title=proj_title,
        )
    return [by_code[c] for c in codes if c in by_code]


def _employment(session: Session) -> dict[str, int]:
    return {soc: emp or 0 for soc, emp in session.execute(
        select(m.OccupationWage.soc_code, m.OccupationWage.employment).where(m.OccupationWage.area == "US")
    )}


# --- occupations --------------------------------------------------------------------------------


def occupation_details(session: Session, onet_code: str, state: str | None = None) -> OccupationDetails | None:
    """Everything about one occupation (``None`` for an unknown code); ``state`` adds its state wage."""
    occ = session.execute(select(m.Occupation).where(m.Occupation.onet_code == onet_code)).scalar_one_or_none()
    if occ is None:
        return None
    cites = _citations(session)
    wages = {
        w.area: w
        for w in session.execute(
            select(m.OccupationWage).where(
                m.OccupationWage.soc_code == occ.soc_code,
                m.OccupationWage.area.in_(["US", (state or "US").upper()]),
            )
        ).scalars()
    }
    national = _wage(wages["US"], cites) if "US" in wages else None
    state_wage = None
    if state and state.upper() != "US" and state.upper() in wages:
        state_wage = _wage(wages[state.upper()], cites)
    proj_row = session.get(m.OccupationProjection, occ.soc_code)
    projection = _projection(proj_row, cites) if proj_row else None
    elements = session.execute(
        select(m.OccupationElement.kind, m.OccupationElement.name, m.OccupationElement.importance, m.OccupationElement.level)
        .where(m.OccupationElement.onet_code == onet_code)
        .order_by(m.OccupationElement.importance.desc(), m.OccupationElement.name)
    ).all()
    skills = tuple(Element(n, i, lv) for k, n, i, lv in elements if k == "skill")[:8]
    knowledge = tuple(Element(n, i, lv) for k, n, i, lv in elements if k == "knowledge")[:8]
    clusters = tuple(
        ClusterRef(cid, cname, pid, pname)
        for cid, cname, pid, pname in session.execute(
            select(m.CareerCluster.id, m.CareerCluster.name, m.CareerPathway.id, m.CareerPathway.name)
            .join(m.CareerPathway, m.CareerPathway.cluster_id == m.CareerCluster.id)
            .join(m.PathwayOccupation, m.PathwayOccupation.pathway_id == m.CareerPathway.id)
            .where(m.PathwayOccupation.onet_code == onet_code)
            .order_by(m.CareerCluster.name, m.CareerPathway.name)
        )
    )
    titles = session.execute(
        select(m.AlternateTitle.title)
        .where(m.AlternateTitle.onet_code == onet_code, m.AlternateTitle.kind == "reported", m.AlternateTitle.shown_in_my_next_move.is_(True))
        .order_by(m.AlternateTitle.title)
    ).scalars().all()
    zone = None
    if occ.job_zone in JOB_ZONES:
        name, meaning = JOB_ZONES[occ.job_zone]
        zone = JobZone(occ.job_zone, name, meaning, _cite(cites, "onet"))
    riasec = {
        letter: value
        for letter, value in zip(m.RIASEC, (occ.riasec_r, occ.riasec_i, occ.riasec_a, occ.riasec_s, occ.riasec_e, occ.riasec_c))
        if value is not None
    }
    return OccupationDetails(
        onet_code=occ.onet_code,
        soc_code=occ.soc_code,
        title=occ.title,
        description=occ.description,
        job_zone=zone,
        typical_education=occ.typical_education,
        riasec=riasec,
        riasec_code=occ.riasec_code,
        national_wage=national,
        state_wage=state_wage,
        projection=projection,
        skills=skills,
        knowledge=knowledge,
        clusters=clusters,
        related=tuple(related_occupations(session, onet_code, limit=6)),
        sample_titles=tuple(titles[:6]),
        onet_citation=_cite(cites, "onet"),
        cluster_citation=_cite(cites, "career_clusters") if clusters else None,
    )


def _is_parent(onet_code: str) -> bool:
    """True for a broad O*NET occupation (``.00``) rather than one of its specialties."""
    return onet_code.endswith(".00")


def one_per_soc(
    ranked: Sequence[tuple[str, str]], qualifies: Callable[[str, str], bool] | None = None
) -> list[str]:
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
    return dict(session.execute(
        select(m.Occupation.onet_code, m.Occupation.soc_code).where(m.Occupation.onet_code.in_(codes))
    ).all())


def related_occupations(session: Session, onet_code: str, limit: int = 6) -> list[OccupationSummary]:
    """O*NET's related occupations, most related first, one per SOC code.

    Occupations sharing the asked occupation's SOC code (its parent or sibling specialties) are left
    out, so "similar to Registered Nurses" doesn't list three kinds of registered nurse.
    """
    codes = session.execute(
        select(m.RelatedOccupation.related_code)
        .where(m.RelatedOccupation.onet_code == onet_code)
        .order_by(m.RelatedOccupation.rank)
    ).scalars().all()
    socs = _socs(session, [onet_code, *codes])
    own = socs.get(onet_code)
    ranked = [(c, socs[c]) for c in codes if c in socs and c != onet_code and socs[c] != own]
    return _summaries(session, one_per_soc(ranked)[: max(0, limit)])


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
        m.Occupation.onet_code, m.Occupation.soc_code, m.Occupation.job_zone,
        m.Occupation.riasec_r, m.Occupation.riasec_i, m.Occupation.riasec_a,
        m.Occupation.riasec_s, m.Occupation.riasec_e, m.Occupation.riasec_c,
    ).where(m.Occupation.riasec_r.is_not(None))
    for code, soc, job_zone, *values in session.execute(stmt):
        vec = tuple(max(0.0, (v or 1.0) - 1.0) for v in values)
        norm = math.sqrt(sum(v * v for v in vec))
        if norm:
            rows.append((code, soc, job_zone, vec, norm))
    return rows


def occupations_for_interests(session: Session, riasec: str, job_zone_max: int | None = None, limit: int = 10) -> list[OccupationSummary]:
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
    want = [weights.get(letter, 0.0) for letter in m.RIASEC]
    want_norm = math.sqrt(sum(w * w for w in want))
    employment = cache.kb_cached(session, "national_employment", _employment)
    scored = []
    soc_of: dict[str, str] = {}
    for code, soc, job_zone, vec, norm in cache.kb_cached(session, "interest_vectors", _interest_vectors):
        if job_zone_max is not None and (job_zone is None or job_zone > job_zone_max):
            continue
        soc_of[code] = soc
        cosine = sum(a * b for a, b in zip(want, vec)) / (want_norm * norm)
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
    return _summaries(session, top, {c: scores[c] for c in top})


# --- clusters -----------------------------------------------------------------------------------

#: Everyday names for the 16 clusters that are never job titles (keys are cluster ids). The KB entity
#: ruler (bot/spacy_kb.py) tags exactly these phrases as ``cluster``, and :func:`find_cluster` matches
#: them before the looser words in :data:`CLUSTER_ALIASES`, so every tagged phrase resolves to its cluster.
CLUSTER_ENTITY_NAMES: dict[str, tuple[str, ...]] = {
    "agriculture-food-and-natural-resources": ("agriculture", "farming", "natural resources", "agriculture and food"),
    "architecture-and-construction": ("construction", "architecture", "the trades", "building trades"),
    "arts-audio-video-technology-and-communications": (
        "arts", "the arts", "arts and communications", "media", "communications", "audio video", "av",
    ),
    "business-management-and-administration": ("business", "business management", "management"),
    "education-and-training": ("education", "teaching and training"),
    "finance": ("banking", "money and finance"),
    "government-and-public-administration": ("government", "public administration"),
    "health-science": ("health", "health care", "healthcare", "medical", "medicine", "the medical field", "health sciences"),
    "hospitality-and-tourism": ("hospitality", "tourism", "hotels and restaurants"),
    "human-services": ("social services",),
    "information-technology": ("IT", "tech", "computers", "computer science", "information tech"),
    "law-public-safety-corrections-and-security": (
        "law", "public safety", "law enforcement", "criminal justice", "law and public safety", "security",
    ),
    "manufacturing": ("factories", "production"),
    "marketing": ("sales", "marketing and sales", "advertising"),
    "science-technology-engineering-and-mathematics": ("STEM", "engineering", "science and engineering"),
    "transportation-distribution-and-logistics": ("transportation", "logistics", "trucking", "shipping"),
}

#: How students name clusters → cluster ids (matched after normalisation).
CLUSTER_ALIASES = {
    "agriculture-food-and-natural-resources": "agriculture ag farming farm farms animals animal plants food science natural resources environment outdoors forestry ffa",
    "architecture-and-construction": "construction building buildings architecture trades skilled trades carpentry build houses building trades",
    "arts-audio-video-technology-and-communications": "arts art av audio video film music design media communications journalism graphic design theater",
    "business-management-and-administration": "business management administration office entrepreneurship",
    "education-and-training": "education teaching teachers training school",
    "finance": "finance money banking bank accounting investing insurance",
    "government-and-public-administration": "government public administration politics public service military",
    "health-science": "health healthcare health care medicine medical hospital nursing doctors health science",
    "hospitality-and-tourism": "hospitality tourism cooking culinary food service restaurants restaurant hotels travel chef culinary arts",
    "human-services": "human services helping people counseling social work childcare cosmetology beauty",
    "information-technology": "it information technology computers computer tech coding programming software cybersecurity networking technology",
    "law-public-safety-corrections-and-security": "law public safety law enforcement police fire firefighting security legal corrections criminal justice emergency services",
    "manufacturing": "manufacturing welding factory production machining",
    "marketing": "marketing sales advertising retail",
    "science-technology-engineering-and-mathematics": "stem science engineering math mathematics technology engineering research",
    "transportation-distribution-and-logistics": "transportation logistics trucking automotive cars aviation distribution warehouse shipping",
}


def _cluster_infos(session: Session) -> list[ClusterInfo]:
    cites = _citations(session)
    pathways: dict[str, list[PathwayInfo]] = {}
    for pid, cid, name in session.execute(
        select(m.CareerPathway.id, m.CareerPathway.cluster_id, m.CareerPathway.name).order_by(m.CareerPathway.name)
    ):
        pathways.setdefault(cid, []).append(PathwayInfo(pid, name))
    return [
        ClusterInfo(cid, name, tuple(pathways.get(cid, ())), _cite(cites, "career_clusters"))
        for cid, name in session.execute(select(m.CareerCluster.id, m.CareerCluster.name).order_by(m.CareerCluster.name))
    ]


def list_clusters(session: Session) -> list[ClusterInfo]:
    """The career clusters with their pathways, by name."""
    return _cluster_infos(session)


def _norm_phrase(text: str) -> str:
    return " ".join(normalize_tokens(text.replace("&", " and "), drop_stop_words=False))


def find_cluster(session: Session, text: str) -> ClusterInfo | None:
    """The cluster a student means: its id or name, a pathway name, or a common word for it.

    "health", "IT", "computers", "construction", "law enforcement", "cooking", "Health Science".
    """
    if not text or not text.strip():
        return None
    clusters = _cluster_infos(session)
    by_id = {c.cluster_id: c for c in clusters}
    raw = text.strip()
    if raw.lower() in by_id:
        return by_id[raw.lower()]
    query = _norm_phrase(raw)
    if not query:
        return None
    names: dict[str, str] = {}
    for c in clusters:
        names[_norm_phrase(c.name)] = c.cluster_id
        names[_norm_phrase(c.cluster_id.replace("-", " "))] = c.cluster_id
    for c in clusters:
        for p in c.pathways:
            names.setdefault(_norm_phrase(p.name), c.cluster_id)
    for cid, phrases in CLUSTER_ENTITY_NAMES.items():
        if cid in by_id:
            for phrase in phrases:
                names.setdefault(_norm_phrase(phrase), cid)
    if query in names:
        return by_id[names[query]]
    aliases: dict[str, str] = {}
    for cid, words in CLUSTER_ALIASES.items():
        if cid not in by_id:
            continue
        tokens = words.split()
        for n in (3, 2, 1):
            for i in range(len(tokens) - n + 1):
                aliases.setdefault(_norm_phrase(" ".join(tokens[i : i + n])), cid)
    if query in aliases:
        return by_id[aliases[query]]
    # a known word inside a longer phrase ("careers in health care")
    qtokens = query.split()
    for n in (3, 2, 1):
        for i in range(len(qtokens) - n + 1):
            part = " ".join(qtokens[i : i + n])
            if part in names:
                return by_id[names[part]]
            if part in aliases and (len(part) > 2 or n == len(qtokens)):
                return by_id[aliases[part]]
    choices = list(names) + list(aliases)
    found = process.extractOne(query, choices, scorer=fuzz.WRatio, score_cutoff=88)
    if found:
        cid = names.get(found[0]) or aliases.get(found[0])
        return by_id.get(cid)
    return None


def careers_in_cluster(session: Session, cluster_id: str, pathway_id: str | None = None, limit: int = 10) -> list[OccupationSummary]:
    """Occupations in a cluster (or one of its pathways): broad occupations (``.00``) with the most jobs first.

    At most one occupation per SOC code: its ``.00`` parent when that is in the cluster, else the
    first of its specialties.
    """
    stmt = (
        select(m.Occupation.onet_code, m.Occupation.soc_code)
        .join(m.PathwayOccupation, m.PathwayOccupation.onet_code == m.Occupation.onet_code)
        .join(m.CareerPathway, m.CareerPathway.id == m.PathwayOccupation.pathway_id)
        .where(m.CareerPathway.cluster_id == cluster_id)
        .distinct()
    )
    if pathway_id:
        stmt = stmt.where(m.CareerPathway.id == pathway_id)
    employment = _employment(session)
    rows = sorted(session.execute(stmt).all(), key=lambda r: (0 if _is_parent(r[0]) else 1, -employment.get(r[1], 0), r[0]))
    return _summaries(session, one_per_soc([(code, soc) for code, soc in rows])[: max(0, limit)])


def clusters_for_occupations(session: Session, onet_codes: Sequence[str]) -> list[str]:
    """Cluster ids the given occupations belong to: the cluster holding most of them first.

    Ties go to the cluster of the earlier-listed occupation, so a ranked list (careers for a
    student's interests) turns into the clusters that fit best.
    """
    codes = list(dict.fromkeys(onet_codes))
    if not codes:
        return []
    rank = {c: i for i, c in enumerate(codes)}
    members: dict[str, set[str]] = {}
    for code, cid in session.execute(
        select(m.PathwayOccupation.onet_code, m.CareerPathway.cluster_id)
        .join(m.CareerPathway, m.CareerPathway.id == m.PathwayOccupation.pathway_id)
        .where(m.PathwayOccupation.onet_code.in_(codes))
    ):
        members.setdefault(cid, set()).add(code)
    return sorted(members, key=lambda cid: (-len(members[cid]), min(rank[c] for c in members[cid]), cid))


# --- district: programs, partners, opportunities ------------------------------------------------


def _origin(session: Session, school_id: str | None, zip_code: str | None) -> geo.ZipPoint | None:
    if school_id:
        school_zip = session.execute(select(m.School.zip).where(m.School.id == school_id)).scalar_one_or_none()
        if school_zip:
            return geo.zip_point(session, school_zip)
    if zip_code:
        return geo.zip_point(session, zip_code)
    return None


def _distances(session: Session, origin: geo.ZipPoint | None, zips: Iterable[str]) -> dict[str, float | None]:
    zips = set(z for z in zips if z)
    if origin is None:
        return {z: None for z in zips}
    points = geo.zip_points(session, zips)
    return {z: (round(geo.zip_distance_miles(origin, points.get(z)), 1) if points.get(z) else None) for z in zips}


def _within(distance: float | None, radius: float | None) -> bool:
    return radius is None or distance is None or distance <= radius


def _cluster_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(m.CareerCluster.id, m.CareerCluster.name)).all())


def cte_programs(
    session: Session,
    onet_code: str | None = None,
    cluster_id: str | None = None,
    school_id: str | None = None,
    zip: str | None = None,
    grade: int | None = None,
    radius_miles: float | None = 25,
) -> list[ProgramInfo]:
    """CTE programs for an occupation (its pathways, clusters or CIP programs) or a cluster.

    With ``school_id`` or ``zip`` the programs are limited to ``radius_miles`` around it and sorted
    by distance (programs at the student's own school first); otherwise by how closely they fit the
    occupation, then by name. ``grade`` keeps programs open to that grade.
    """
    pathway_ids: set[str] = set()
    cluster_ids: set[str] = set()
    cip_codes: set[str] = set()
    if onet_code:
        for pid, cid in session.execute(
            select(m.CareerPathway.id, m.CareerPathway.cluster_id)
            .join(m.PathwayOccupation, m.PathwayOccupation.pathway_id == m.CareerPathway.id)
            .where(m.PathwayOccupation.onet_code == onet_code)
        ):
            pathway_ids.add(pid)
            cluster_ids.add(cid)
        cip_codes = set(session.execute(select(m.CipOccupation.cip_code).where(m.CipOccupation.onet_code == onet_code)).scalars())
    if cluster_id:
        cluster_ids.add(cluster_id)
    stmt = select(m.CteProgram, m.School.name, m.School.zip).join(m.School, m.School.id == m.CteProgram.school_id)
    conditions = []
    if cluster_ids:
        conditions.append(m.CteProgram.cluster_id.in_(sorted(cluster_ids)))
    if cip_codes:
        conditions.append(m.CteProgram.cip_code.in_(sorted(cip_codes)))
    if onet_code or cluster_id:
        if not conditions:
            return []
        stmt = stmt.where(or_(*conditions))
    if grade is not None:
        stmt = stmt.where(m.CteProgram.grade_low <= grade, m.CteProgram.grade_high >= grade)
    rows = session.execute(stmt).all()
    origin = _origin(session, school_id, zip)
    distances = _distances(session, origin, (z for _, _, z in rows))
    pathway_names = dict(session.execute(select(m.CareerPathway.id, m.CareerPathway.name)).all())
    clusters = _cluster_names(session)
    out = []
    for prog, school_name, school_zip in rows:
        if prog.cip_code and prog.cip_code in cip_codes:
            match = "program of study"
        elif prog.pathway_id and prog.pathway_id in pathway_ids:
            match = "pathway"
        elif onet_code or cluster_id:
            match = "cluster"
        else:
            match = None
        distance = distances.get(school_zip)
        if origin is not None and prog.school_id != school_id and not _within(distance, radius_miles):
            continue
        out.append(
            ProgramInfo(
                program_id=prog.id,
                name=prog.name,
                school_id=prog.school_id,
                school_name=school_name,
                school_zip=school_zip,
                cluster_id=prog.cluster_id,
                cluster_name=clusters.get(prog.cluster_id, prog.cluster_id),
                pathway_id=prog.pathway_id,
                pathway_name=pathway_names.get(prog.pathway_id) if prog.pathway_id else None,
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
            )
        )
    fit = {"program of study": 0, "pathway": 1, "cluster": 2, None: 3}
    if origin is not None:
        out.sort(key=lambda p: (0 if p.school_id == school_id else 1, p.distance_miles if p.distance_miles is not None else 1e9, fit[p.match], p.name))
    else:
        out.sort(key=lambda p: (fit[p.match], p.name, p.school_name))
    return out


def partners(
    session: Session,
    cluster_id: str | None = None,
    opportunity_type: str | None = None,
    zip: str | None = None,
    radius_miles: float | None = 25,
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
            PartnerInfo(p.id, p.name, p.kind, p.industry, p.cluster_id, clusters.get(p.cluster_id, p.cluster_id), p.zip, types, p.contact_role, p.website, distance)
        )
    out.sort(key=lambda p: (p.distance_miles if p.distance_miles is not None else 1e9, p.name))
    return out


def opportunities(
    session: Session,
    cluster_id: str | None = None,
    types: Sequence[str] | str | None = None,
    grade: int | None = None,
    zip: str | None = None,
    radius_miles: float | None = 25,
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
                is_event=o.type in m.EVENT_TYPES,
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
            )
        )
    if origin is not None:
        out.sort(key=lambda o: (o.distance_miles if o.distance_miles is not None else 1e9, o.start_date or dt.date.max, o.title))
    else:
        out.sort(key=lambda o: (o.start_date or dt.date.max, o.title))
    return out


# --- postsecondary, schools, places -------------------------------------------------------------


def postsecondary_programs(session: Session, onet_code: str, limit: int = 5) -> list[ProgramOfStudy]:
    """CIP 2020 programs that lead to the occupation, most specific first.

    O*NET's crosswalk comes before NCES's; among them, programs that lead to fewer occupations are
    more specific to this one.
    """
    cites = _citations(session)
    breadth = (
        select(m.CipOccupation.cip_code, func.count().label("n")).group_by(m.CipOccupation.cip_code).subquery()
    )
    rows = session.execute(
        select(m.CipProgram.cip_code, m.CipProgram.title, m.CipProgram.family, m.CipOccupation.source, breadth.c.n)
        .join(m.CipOccupation, m.CipOccupation.cip_code == m.CipProgram.cip_code)
        .join(breadth, breadth.c.cip_code == m.CipProgram.cip_code)
        .where(m.CipOccupation.onet_code == onet_code)
    ).all()
    rows.sort(key=lambda r: (0 if r[3] == "onet" else 1, r[4], r[0]))
    return [ProgramOfStudy(code, title, family, source, _cite(cites, "nces_cip")) for code, title, family, source, _ in rows[: max(0, limit)]]


_SCHOOL_WORDS = re.compile(r"\b(high|middle|school|hs|ms|junior|senior|academy)\b")


def find_school(session: Session, text: str) -> SchoolInfo | None:
    """A school by id or name, forgiving case, "High School"/"HS" and small misspellings."""
    if not text or not text.strip():
        return None
    rows = session.execute(
        select(m.School, m.District.name, m.District.state).join(m.District, m.District.id == m.School.district_id)
    ).all()
    if not rows:
        return None

    def info(school, dname, dstate) -> SchoolInfo:
        return SchoolInfo(school.id, school.name, school.level, school.grade_low, school.grade_high, school.zip, school.address, school.counselor_office, school.district_id, dname, dstate)

    raw = text.strip().lower()
    for school, dname, dstate in rows:
        if raw in (school.id.lower(), school.name.lower()):
            return info(school, dname, dstate)

    def core(name: str) -> str:
        return " ".join(_SCHOOL_WORDS.sub(" ", name.lower().replace("&", " ")).split())

    level = "middle" if re.search(r"\b(middle|ms|junior)\b", raw) else "high" if re.search(r"\b(high|hs|senior)\b", raw) else None
    query = core(raw)
    if not query:
        return None
    choices = {i: core(s.name) for i, (s, _, _) in enumerate(rows)}
    found = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=80, limit=3)
    if not found:
        return None
    best = sorted(found, key=lambda f: (-f[1], 0 if level is None or rows[f[2]][0].level == level else 1))[0]
    school, dname, dstate = rows[best[2]]
    return info(school, dname, dstate)


def state_for_zip(session: Session, zip: str) -> str | None:
    """The state (postal code) of a ZIP code, or ``None`` when unknown."""
    return geo.state_for_zip(session, zip)
