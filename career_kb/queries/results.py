"""What the query API returns: frozen dataclasses, each number with the :class:`Citation` of its data set.

No ORM object leaves the query API (nothing lazy-loads after the session closes).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb.vocabulary import RIASEC_NAMES

# --- citations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """Where a number comes from: ``source`` "BLS OEWS", ``edition`` "May 2025"; ``text`` to show."""

    source_id: str
    source: str
    edition: str
    text: str


def load_citations(session: Session) -> dict[str, Citation]:
    """Every data source's citation, by source id."""
    out = {}
    for sid, _name, edition, short in session.execute(
        select(m.DataSource.id, m.DataSource.name, m.DataSource.edition, m.DataSource.short_citation)
    ):
        suffix = f", {edition}"
        source = short[: -len(suffix)] if short.endswith(suffix) else short
        out[sid] = Citation(sid, source, edition, short)
    return out


def cite(cites: dict[str, Citation], source_id: str | None) -> Citation | None:
    """The citation of ``source_id`` (None when unknown)."""
    return cites.get(source_id) if source_id else None


# --- result types -------------------------------------------------------------------------------

#: BLS OEWS ceilings: a top-coded figure is "at least" this much.
ANNUAL_CEILING = 239_200
HOURLY_CEILING = 115.00

#: O*NET job zones' official names (the wording file says what each means for a student).
JOB_ZONE_NAMES = {
    1: "Job Zone One: Little or No Preparation Needed",
    2: "Job Zone Two: Some Preparation Needed",
    3: "Job Zone Three: Medium Preparation Needed",
    4: "Job Zone Four: Considerable Preparation Needed",
    5: "Job Zone Five: Extensive Preparation Needed",
}


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
    #: The SOC code of BLS's row: the occupation's own, or the aggregate it is published in
    #: (:data:`career_kb.codes.BLS_AGGREGATE_OF`).
    bls_code: str | None = None

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
    #: The SOC code of BLS's row (the occupation's own or its aggregate's), see :class:`Wage`.
    bls_code: str | None = None


@dataclass(frozen=True)
class JobZone:
    """An O*NET job zone: its number (1-5) and official name."""

    zone: int
    name: str
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
    def in_bls_aggregate(self) -> bool:
        """Whether the pay or outlook given is BLS's one figure for an aggregate of several SOC codes."""
        rows = (self.national_wage, self.state_wage, self.projection)
        return any(r is not None and r.bls_code not in (None, self.soc_code) for r in rows)

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
    district_id: str | None = None  # the district it belongs to (see queries.sample_districts)


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
    district_id: str | None = None  # the district it belongs to (see queries.sample_districts)


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
    district_id: str | None = None  # the district it belongs to (see queries.sample_districts)


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
