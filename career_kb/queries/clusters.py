"""Career clusters: the 16 clusters and their pathways, the cluster a student means, careers in a cluster."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb.queries.occupations import employment_by_soc, is_parent, one_per_soc, summaries
from career_kb.queries.results import ClusterInfo, OccupationSummary, PathwayInfo, cite, load_citations
from career_kb.resolve import normalize_tokens
from career_kb.vocabulary import CLUSTER_NAMES


def _cluster_infos(session: Session) -> list[ClusterInfo]:
    cites = load_citations(session)
    pathways: dict[str, list[PathwayInfo]] = {}
    for pid, cid, name in session.execute(
        select(m.CareerPathway.id, m.CareerPathway.cluster_id, m.CareerPathway.name).order_by(m.CareerPathway.name)
    ):
        pathways.setdefault(cid, []).append(PathwayInfo(pid, name))
    return [
        ClusterInfo(cid, name, tuple(pathways.get(cid, ())), cite(cites, "career_clusters"))
        for cid, name in session.execute(
            select(m.CareerCluster.id, m.CareerCluster.name).order_by(m.CareerCluster.name)
        )
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
    for cid, known in CLUSTER_NAMES.items():
        if cid in by_id:
            for phrase in known.phrases:
                names.setdefault(_norm_phrase(phrase), cid)
    if query in names:
        return by_id[names[query]]
    aliases: dict[str, str] = {}
    for cid, known in CLUSTER_NAMES.items():
        if cid not in by_id:
            continue
        tokens = known.words.split()
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
        matched = names.get(found[0]) or aliases.get(found[0])
        return by_id.get(matched) if matched else None
    return None


def careers_in_cluster(
    session: Session, cluster_id: str, pathway_id: str | None = None, limit: int = 10
) -> list[OccupationSummary]:
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
    employment = employment_by_soc(session)
    rows = sorted(
        session.execute(stmt).all(), key=lambda r: (0 if is_parent(r[0]) else 1, -employment.get(r[1], 0), r[0])
    )
    return summaries(session, one_per_soc([(code, soc) for code, soc in rows])[: max(0, limit)])


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
