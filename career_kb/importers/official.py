"""Run every official-data importer over a directory laid out like ``../shared/data``.

Order matters: data sources first (wages and projections cite them), then occupations (clusters and
crosswalks point at them), clusters, CIP, OEWS wages, projections and ZIP centroids. All of it runs in
the caller's transaction, so one ``import_official`` is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from career_kb.importers.bls import import_oews, import_projections
from career_kb.importers.cip import import_cip
from career_kb.importers.clusters import import_clusters
from career_kb.importers.common import ImportFileError, ImportResult, Progress, no_progress
from career_kb.importers.geo import import_zips
from career_kb.importers.onet import FILES as ONET_FILES
from career_kb.importers.onet import import_onet
from career_kb.sources import SOURCES, ensure_sources

#: The files :func:`import_official` reads, relative to the source directory, by role.
OFFICIAL_FILES: dict[str, str] = {
    **{f"onet_{role}": f"onet/{name}" for role, name in ONET_FILES.items()},
    "career_clusters": "career_clusters/onet_all_career_clusters_2023.csv",
    "cip_programs": "cip/CIPCode2020.csv",
    "cip_onet_crosswalk": "cip/onet_cip2020_to_onetsoc2019.csv",
    "cip_nces_crosswalk": "cip/nces_cip2020_to_soc2018.csv",
    "oews_national": "bls/oews_national_may2025.csv",
    "oews_state": "bls/oews_state_may2025.csv",
    "oews_footnotes": "bls/oews_footnotes.csv",
    "projections": "bls/ep_table_1_2_occupational_projections_2024_34.csv",
    "zcta_centroids": "geo/census_zcta_2023_centroids.csv",
    "zip_city_state": "geo/us_zips_city_state.csv",
}

#: Files that may be absent (the import goes on without what they add).
OPTIONAL_FILES = ("oews_state", "zip_city_state")


def missing_files(source_dir: Path | str) -> list[str]:
    """The required :data:`OFFICIAL_FILES` not found under ``source_dir`` (relative paths)."""
    root = Path(source_dir)
    return [rel for role, rel in OFFICIAL_FILES.items() if role not in OPTIONAL_FILES and not (root / rel).is_file()]


def import_official(
    session: Session, source_dir: Path | str, with_prose: bool = True, progress: Progress = no_progress
) -> list[ImportResult]:
    """Import all official files under ``source_dir`` in dependency order; returns one result per importer.

    Raises :class:`ImportFileError` before writing anything when a required file is missing, and on
    the first malformed row; the caller rolls the transaction back. Does not commit.
    """
    root = Path(source_dir)
    missing = missing_files(root)
    if missing:
        raise ImportFileError(root, f"missing official file(s): {', '.join(missing)}")
    f = {role: root / rel for role, rel in OFFICIAL_FILES.items()}

    sources = ImportResult("data sources")
    ensure_sources(session)
    sources.add("data_source", len(SOURCES))
    results = [sources]
    results.append(import_onet(session, root / "onet", with_prose=with_prose, progress=progress))
    results.append(import_clusters(session, f["career_clusters"], progress=progress))
    results.append(import_cip(session, root / "cip", with_prose=with_prose, progress=progress))
    results.append(
        import_oews(
            session,
            f["oews_national"],
            f["oews_state"] if f["oews_state"].is_file() else None,
            progress=progress,
            footnotes_csv=f["oews_footnotes"],
        )
    )
    results.append(import_projections(session, f["projections"], progress=progress))
    results.append(
        import_zips(
            session,
            f["zcta_centroids"],
            f["zip_city_state"] if f["zip_city_state"].is_file() else None,
            progress=progress,
        )
    )
    return results
