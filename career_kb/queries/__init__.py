"""The query API the actions' answers are built from: plain functions over a ``Session``, returning
frozen dataclasses (:mod:`career_kb.queries.results`) whose numbers carry their citations.

Split by what they answer: :mod:`~career_kb.queries.occupations` (one occupation, related ones, ones
fitting an interest code, programs of study), :mod:`~career_kb.queries.clusters` (career clusters),
:mod:`~career_kb.queries.district` (CTE programs, partners, work-based learning and events near a
student) and :mod:`~career_kb.queries.places` (schools, ZIP codes). The names below are the API that
docs/architecture.md lists.
"""

from career_kb.queries.clusters import careers_in_cluster, clusters_for_occupations, find_cluster, list_clusters
from career_kb.queries.district import RADIUS_MILES, cte_programs, opportunities, partners, sample_districts
from career_kb.queries.occupations import (
    occupation_details,
    occupations_for_interests,
    one_per_soc,
    parse_riasec,
    postsecondary_programs,
    related_occupations,
    summaries,
)
from career_kb.queries.places import SchoolChoice, find_school, school_choices, school_zip, state_for_zip
from career_kb.queries.results import (
    Citation,
    ClusterInfo,
    ClusterRef,
    Element,
    JobZone,
    OccupationDetails,
    OccupationSummary,
    OpportunityInfo,
    PartnerInfo,
    PathwayInfo,
    ProgramInfo,
    ProgramOfStudy,
    Projection,
    SchoolInfo,
    Wage,
    broader_bls_title,
)

__all__ = [
    "RADIUS_MILES",
    "Citation",
    "ClusterInfo",
    "ClusterRef",
    "Element",
    "JobZone",
    "OccupationDetails",
    "OccupationSummary",
    "OpportunityInfo",
    "PartnerInfo",
    "PathwayInfo",
    "ProgramInfo",
    "ProgramOfStudy",
    "Projection",
    "SchoolChoice",
    "SchoolInfo",
    "Wage",
    "broader_bls_title",
    "careers_in_cluster",
    "clusters_for_occupations",
    "cte_programs",
    "find_cluster",
    "find_school",
    "list_clusters",
    "occupation_details",
    "occupations_for_interests",
    "one_per_soc",
    "opportunities",
    "parse_riasec",
    "partners",
    "postsecondary_programs",
    "related_occupations",
    "school_choices",
    "sample_districts",
    "school_zip",
    "state_for_zip",
    "summaries",
]
