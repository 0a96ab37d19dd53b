"""The published data sets the knowledge base is built from, and how to cite them.

Every number the assistant shows carries the citation of the data set it comes from
(:func:`citation`, e.g. "BLS OEWS, May 2025"). :func:`ensure_sources` writes these rows to the
``data_source`` table; the importers call it first because wages and projections point at it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from career_kb.models import DataSource

#: The O*NET release the importers read (named in the attribution O*NET's license asks for).
ONET_VERSION = "29.3"


@dataclass(frozen=True)
class Source:
    """A data set's identity and licence, as stored in ``data_source``."""

    id: str
    name: str
    edition: str
    short_citation: str
    license: str
    url: str
    attribution: str


SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            id="onet",
            name=f"O*NET {ONET_VERSION} Database",
            edition=f"{ONET_VERSION} (May 2025)",
            short_citation=f"O*NET {ONET_VERSION}",
            license="CC BY 4.0",
            url="https://www.onetcenter.org/database.html",
            attribution=(
                f"This product includes information from the O*NET {ONET_VERSION} Database by the U.S. "
                "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the "
                "CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."
            ),
        ),
        Source(
            id="bls_oews",
            name="BLS Occupational Employment and Wage Statistics",
            edition="May 2025",
            short_citation="BLS OEWS, May 2025",
            license="Public domain (U.S. government work)",
            url="https://www.bls.gov/oes/tables.htm",
            attribution="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025.",
        ),
        Source(
            id="bls_ep",
            name="BLS Employment Projections",
            edition="2024–34",
            short_citation="BLS Employment Projections, 2024–34",
            license="Public domain (U.S. government work)",
            url="https://www.bls.gov/emp/tables.htm",
            attribution="U.S. Bureau of Labor Statistics, Employment Projections program, 2024–34.",
        ),
        Source(
            id="career_clusters",
            name="Career Clusters (O*NET / States' Career Clusters)",
            edition="2023",
            short_citation="O*NET Career Clusters, 2023",
            license="CC BY 4.0",
            url="https://www.onetonline.org/find/career",
            attribution=(
                "Career clusters and pathways of the States' Career Clusters framework as published by "
                "O*NET OnLine (USDOL/ETA), used under the CC BY 4.0 license."
            ),
        ),
        Source(
            id="nces_cip",
            name="NCES Classification of Instructional Programs and CIP–SOC crosswalk",
            edition="CIP 2020",
            short_citation="NCES CIP 2020",
            license="Public domain (U.S. government work); O*NET crosswalk CC BY 4.0",
            url="https://nces.ed.gov/ipeds/cipcode/",
            attribution=(
                "National Center for Education Statistics, Classification of Instructional Programs 2020 and "
                "the NCES–BLS CIP 2020–SOC 2018 crosswalk; O*NET CIP 2020 to O*NET-SOC 2019 crosswalk "
                "(USDOL/ETA, CC BY 4.0)."
            ),
        ),
        Source(
            id="census_zcta",
            name="Census Gazetteer: ZIP Code Tabulation Areas",
            edition="2023",
            short_citation="U.S. Census Bureau Gazetteer, 2023",
            license="Public domain (U.S. government work)",
            url="https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html",
            attribution=(
                "U.S. Census Bureau, 2023 Gazetteer Files, ZIP Code Tabulation Areas (internal points). "
                "City and state names from a public ZIP code list (2021)."
            ),
        ),
    )
}


def citation(source_id: str) -> str:
    """The short citation shown next to a number, e.g. ``citation("bls_oews")`` → "BLS OEWS, May 2025"."""
    try:
        return SOURCES[source_id].short_citation
    except KeyError:
        raise KeyError(f"unknown data source {source_id!r}; known: {', '.join(SOURCES)}") from None


def ensure_sources(session: Session) -> int:
    """Insert or update the ``data_source`` rows for :data:`SOURCES`; returns how many were written.

    Writes inside the caller's transaction (no commit).
    """
    from career_kb.importers.bulk import upsert_rows

    inserted, updated = upsert_rows(session, DataSource, [asdict(s) for s in SOURCES.values()])
    return inserted + updated
