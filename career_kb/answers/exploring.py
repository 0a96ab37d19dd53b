"""Exploring: careers that fit what a student likes, and career clusters.

Interests ("I like biology and helping people") become a RIASEC code (:mod:`career_kb.interests`)
that ranks occupations; the first list is capped at a preparation level fitting the grade. The
message is read with :mod:`career_kb.likes` first, so "can't stand math, love drawing" likes drawing
only; careers are ranked with :mod:`career_kb.interest_match` (activities looked up in O*NET's
titles, dislikes only push down).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from career_kb import interest_match, interests, likes, queries, students

#: Careers listed for interests.
CAREERS_LISTED = 5


@dataclass(frozen=True)
class InterestAnswer:
    """Careers for what the student likes: the interests recognised, their code, the careers, the cap."""

    liked: tuple[str, ...]
    code: str
    careers: list[queries.OccupationSummary]
    job_zone_cap: int | None


def liked_interests(said: str) -> tuple[str, ...]:
    """The interests named in ``said`` that are liked (not "I hate math"), in order, once each."""
    return tuple(dict.fromkeys(m.phrase for m in interests.find_interests(said) if not m.negated))


def interest_code(liked: tuple[str, ...], remembered: str | None) -> str:
    """The RIASEC code of what was just said, else the remembered one ("" when neither)."""
    return interests.riasec_from_text(" and ".join(liked)) or remembered or ""


@dataclass(frozen=True)
class InterestsSaid:
    """What a message says about interests: the parse, the liked phrases and the code to rank by."""

    parse: likes.InterestParse
    liked: tuple[str, ...]
    code: str


def read_interests(text: str, subjects: list[str], remembered: str | None) -> InterestsSaid:
    """Likes, dislikes and the code in ``text``; the button's ``subjects`` (or typos such as "biolgy",
    which only the forgiving matcher of :mod:`career_kb.interests` reads) when the text names none."""
    parse = likes.parse_interests(text)
    if parse.empty:
        liked = liked_interests(" and ".join([*subjects, text]))
        return InterestsSaid(parse, liked, interest_code(liked, remembered))
    liked = tuple(dict.fromkeys(s.phrase for s in parse.likes if s.kind != "activity"))
    return InterestsSaid(parse, liked, parse.code() or remembered or "")


def _ranked(session: Session, said: InterestsSaid, cap: int | None) -> list[queries.OccupationSummary]:
    parse = said.parse
    if not parse.likes:  # only dislikes: rank by the remembered code, minus what is disliked
        parse = likes.InterestParse((), parse.dislikes, parse.holland or said.code)
    return interest_match.careers_for_parse(session, parse, job_zone_max=cap, limit=CAREERS_LISTED)


def careers_for_interests(
    session: Session,
    sid: str | None,
    liked: tuple[str, ...],
    code: str,
    grade: int | None,
    said: InterestsSaid | None = None,
) -> InterestAnswer:
    """Careers fitting ``code`` (capped for the grade); with ``said`` (the message read as likes and
    dislikes) ranked by :func:`career_kb.interest_match.careers_for_parse`, so activities reach the
    occupations O*NET names for them and dislikes push careers down. Remembers the interests when
    ``sid`` is given."""
    cap = interests.job_zone_cap_for_grade(grade)
    if said is not None and (said.parse.likes or said.parse.dislikes or said.parse.holland):
        careers = _ranked(session, said, cap)
    else:
        careers = queries.occupations_for_interests(session, code, job_zone_max=cap, limit=CAREERS_LISTED)
    if sid and liked:
        students.upsert_profile(session, sid, riasec_code=code, add_interests=list(liked))
    return InterestAnswer(liked, code, careers, cap)


@dataclass(frozen=True)
class ClusterOverview:
    """One cluster with its popular careers, or (``cluster`` None) every cluster to choose from."""

    cluster: queries.ClusterInfo | None
    all_clusters: list[queries.ClusterInfo]
    careers: list[queries.OccupationSummary]


def cluster_overview(session: Session, text: str | None, remembered: str | None) -> ClusterOverview:
    """The cluster named in ``text`` (else the remembered one when nothing was named), or all of them."""
    cluster = queries.find_cluster(session, text) if text else None
    if cluster is None and remembered and not text:
        cluster = next((c for c in queries.list_clusters(session) if c.cluster_id == remembered), None)
    if cluster is None:
        return ClusterOverview(None, queries.list_clusters(session), [])
    return ClusterOverview(cluster, [], queries.careers_in_cluster(session, cluster.cluster_id, limit=CAREERS_LISTED))
