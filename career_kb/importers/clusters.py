"""Import the career clusters and pathways with their occupations (O*NET's "All Career Clusters" file).

Layout (``career_clusters/onet_all_career_clusters_2023.csv``): ``Career Cluster``, ``Career Pathway``,
``Code`` (O*NET-SOC), ``Occupation``. An occupation in several clusters lists them in one cell separated
by "; " with its pathways, in the same order, in the pathway cell.

Clusters and pathways are upserted (district programs refer to them); ``pathway_occupation`` is
replaced. Ids come from :func:`career_kb.importers.common.slugify`: a cluster ``health-science``, a
pathway ``health-science/therapeutic-services``. Occupations must already be imported; codes not in
``occupation`` are skipped with a warning.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from career_kb.importers.bulk import existing_keys, replace_rows, upsert_rows
from career_kb.importers.common import ImportResult, Progress, count_lines, no_progress, read_rows, slugify
from career_kb.models import CareerCluster, CareerPathway, Occupation, PathwayOccupation

COLUMNS = ["Career Cluster", "Career Pathway", "Code"]
SEPARATOR = ";"


def cluster_id(name: str) -> str:
    """The id of a cluster name: ``"Health Science"`` → ``"health-science"``."""
    return slugify(name)


def pathway_id(cluster_name_or_id: str, pathway: str) -> str:
    """The id of a pathway in a cluster: ``health-science/therapeutic-services``."""
    return f"{slugify(cluster_name_or_id)}/{slugify(pathway)}"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def import_clusters(session: Session, csv: Path | str, progress: Progress = no_progress) -> ImportResult:
    """Import clusters, pathways and ``pathway_occupation`` from the O*NET career clusters CSV.

    Raises :class:`ImportFileError` (file, row, column) when the cluster and pathway cells do not
    pair up. Does not commit.
    """
    path = Path(csv)
    result = ImportResult("Career clusters")
    total = count_lines(path) if path.is_file() else None
    known = existing_keys(session, Occupation.onet_code)
    clusters: dict[str, dict] = {}
    pathways: dict[str, dict] = {}
    links: set[tuple[str, str]] = set()
    unknown: set[str] = set()
    n = 0
    for row in read_rows(path, COLUMNS):
        n += 1
        if n % 500 == 0:
            progress("career clusters", n, total)
        names = _split(row.require("Career Cluster"))
        paths = _split(row.require("Career Pathway"))
        if len(names) != len(paths):
            raise row.error("Career Pathway", f"{len(names)} cluster(s) but {len(paths)} pathway(s); they must pair up")
        code = row.require("Code")
        for name, pathway in zip(names, paths, strict=False):
            cid = cluster_id(name)
            if not cid:
                raise row.error("Career Cluster", f"no usable cluster name in {name!r}")
            clusters.setdefault(cid, {"id": cid, "name": name})
            pid = pathway_id(cid, pathway)
            pathways.setdefault(pid, {"id": pid, "cluster_id": cid, "name": pathway})
            if code in known:
                links.add((pid, code))
            else:
                unknown.add(code)
    progress("career clusters", n, n)
    upsert_rows(session, CareerCluster, list(clusters.values()))
    upsert_rows(session, CareerPathway, list(pathways.values()))
    replace_rows(session, PathwayOccupation, [{"pathway_id": p, "onet_code": o} for p, o in sorted(links)])
    result.add("career_cluster", len(clusters))
    result.add("career_pathway", len(pathways))
    result.add("pathway_occupation", len(links))
    if unknown:
        result.warnings.append(
            f"{len(unknown)} occupation code(s) not in the occupation table skipped: {', '.join(sorted(unknown)[:5])}"
        )
    return result
