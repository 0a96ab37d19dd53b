"""Matching a quiz profile to O*NET interest profiles, checked against O*NET's own interest scores."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from career_kb import models as m
from career_kb.assessment import bank, matching, scoring

LIKE, UNSURE, DISLIKE = "like", "unsure", "dislike"


def _profile(pattern: dict[str, str]) -> scoring.InterestProfile:
    return scoring.score(bank.items_for("full"), {i.id: pattern[i.area] for i in bank.items_for("full")})


#: Likes every hands-on and every science item, is unsure about the organizing ones, dislikes the rest.
REALISTIC_INVESTIGATIVE = {"R": LIKE, "I": LIKE, "A": DISLIKE, "S": DISLIKE, "E": DISLIKE, "C": UNSURE}


def _onet_scores(session, onet_code: str) -> dict[str, float]:
    occ = session.get(m.Occupation, onet_code)
    return {a: getattr(occ, f"riasec_{a.lower()}") for a in "RIASEC"}


def test_pearson():
    assert matching.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert matching.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert matching.pearson([1, 1, 1], [1, 2, 3]) is None


def test_realistic_investigative_student_gets_engineering_technicians_near_the_top(kb_session):
    # O*NET rates both occupations highest in Realistic, then Investigative (Interests.txt, "OI" scale)
    for code in ("17-3023.00", "17-3027.00"):
        onet = _onet_scores(kb_session, code)
        assert sorted(onet, key=onet.get, reverse=True)[:2] == ["R", "I"], (code, onet)
    profile = _profile(REALISTIC_INVESTIGATIVE)
    assert profile.code == "RIC"
    ranked = matching.rank_codes(kb_session, profile, cap=None)
    socs = [code[:7] for code, _ in ranked]
    rated = kb_session.execute(select(m.Occupation.onet_code).where(m.Occupation.riasec_r.is_not(None))).all()
    assert len(ranked) > 700 and len(rated) > 900
    # among ~800 SOC groups, both technician groups are in the first 40
    assert socs.index("17-3023") < 40 and socs.index("17-3027") < 40
    # and every one of the top 20 is, by O*NET's own scores, highest in Realistic or Investigative
    for code, _ in ranked[:20]:
        onet = _onet_scores(kb_session, code)
        assert max(onet, key=onet.get) in ("R", "I"), (code, onet)


def test_a_social_artistic_student_gets_no_technicians_at_the_top(kb_session):
    profile = _profile({"S": LIKE, "A": LIKE, "E": UNSURE, "R": DISLIKE, "I": DISLIKE, "C": DISLIKE})
    ranked = matching.rank_codes(kb_session, profile, cap=None)
    socs = [code[:7] for code, _ in ranked]
    assert socs.index("17-3023") > 400
    assert profile.code == "ASE"  # S and A tie at 1.0: RIASEC order
    for code, _ in ranked[:20]:  # O*NET's highest area of each is one of the student's three
        onet = _onet_scores(kb_session, code)
        assert max(onet, key=onet.get) in ("S", "A", "E"), (code, onet)


def test_job_zone_cap_follows_grade_and_plans(kb_session):
    profile = _profile(REALISTIC_INVESTIGATIVE)
    assert matching.job_zone_cap(7) == 3 and matching.job_zone_cap(12) is None
    assert matching.job_zone_cap(12, "work") == 2 and matching.job_zone_cap(7, "college") is None
    for code, _ in matching.rank_codes(kb_session, profile, cap=2)[:50]:
        assert kb_session.get(m.Occupation, code).job_zone <= 2


def test_matches_are_spread_across_clusters_and_say_what_they_share(kb_session):
    matches = matching.match(kb_session, _profile(REALISTIC_INVESTIGATIVE), grade=11, limit=8)
    assert len(matches) == 8
    clusters = [x.cluster_id for x in matches if x.cluster_id]
    assert max(clusters.count(c) for c in clusters) <= matching.PER_CLUSTER
    assert len(set(clusters)) >= 4
    for x in matches:
        onet = _onet_scores(kb_session, x.occupation.onet_code)
        top3 = sorted(onet, key=onet.get, reverse=True)[:3]
        assert set(x.shared_areas) == {a for a in "RI" if a in top3}
    correlations = [x.correlation for x in matches]
    assert all(r > 0.5 for r in correlations)


def test_spread_keeps_rank_order_and_fills_up():
    ranked = ["a", "b", "c", "d", "e"]
    clusters = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "x"}
    assert matching.spread(ranked, clusters, 3, per_cluster=2) == ["a", "b", "d"]
    assert matching.spread(ranked, clusters, 5, per_cluster=2) == ["a", "b", "d", "c", "e"]


def test_a_flat_profile_matches_nothing(kb_session):
    flat = _profile(dict.fromkeys("RIASEC", UNSURE))
    assert matching.match(kb_session, flat) == []


def test_matches_link_the_districts_programs(kb_session):
    import datetime as dt

    matches = matching.match(kb_session, _profile(REALISTIC_INVESTIGATIVE), grade=10, limit=8)
    linked = matching.with_district_links(kb_session, matches, 10, "cf-riverbend-hs", None, dt.date(2026, 11, 30))
    assert [x.occupation.onet_code for x in linked] == [x.occupation.onet_code for x in matches]
    assert any(x.programs for x in linked)
    assert any(x.opportunities for x in linked)
