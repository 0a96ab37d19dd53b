"""The query API over the built KB (SQLite and PostgreSQL): details, interests, clusters, district data."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from career_kb import queries as q
from career_kb.geo import haversine_miles, normalize_zip
from career_kb.models import Occupation, OccupationWage, School
from career_kb.queries.results import ANNUAL_CEILING


def test_occupation_details_cite_every_number(kb_session):
    d = q.occupation_details(kb_session, "29-1141.00", state="IA")
    assert d.title == "Registered Nurses" and d.soc_code == "29-1141"
    w = d.national_wage
    assert w.area == "US" and w.annual_median > 50_000 and w.hourly_median > 20
    assert "BLS" in w.citation.text and w.citation.edition == "May 2025"
    assert d.state_wage.area == "IA" and d.state_wage.annual_median != w.annual_median
    assert d.state_wage.citation.edition == "May 2025"
    p = d.projection
    assert p.outlook and p.percent_change is not None and p.annual_openings > 1000
    assert "Projections" in p.citation.text and "2024" in p.citation.edition
    assert d.job_zone.zone in (3, 4) and "Preparation" in d.job_zone.name and d.job_zone.citation.source_id == "onet"
    assert set(d.riasec) == set("RIASEC") and d.riasec_code and d.riasec_code[0] == "S"
    assert d.riasec_names[0] == "Social"
    assert 0 < len(d.skills) <= 8 and d.skills[0].importance >= d.skills[-1].importance
    assert d.knowledge
    assert any(c.cluster_id == "health-science" for c in d.clusters)
    assert d.related and all(r.onet_code != "29-1141.00" for r in d.related)
    assert d.typical_education


def test_unknown_occupation(kb_session):
    assert q.occupation_details(kb_session, "99-9999.99") is None


def test_top_coded_wage_is_flagged(kb_session):
    row = kb_session.execute(
        select(OccupationWage).where(OccupationWage.annual_top_coded.is_(True), OccupationWage.area != "US").limit(1)
    ).scalar_one()
    code = (
        kb_session.execute(
            select(Occupation.onet_code).where(Occupation.soc_code == row.soc_code).order_by(Occupation.onet_code)
        )
        .scalars()
        .first()
    )
    d = q.occupation_details(kb_session, code, state=row.area)
    assert d.state_wage.annual_top_coded
    flagged = [f for f in d.state_wage.top_coded if f.startswith("annual_")]
    assert flagged and all(getattr(d.state_wage, f) >= ANNUAL_CEILING for f in flagged)
    assert d.state_wage.is_top_coded(flagged[0])
    unflagged = q.occupation_details(kb_session, "29-1141.00").national_wage
    assert unflagged.top_coded == ()


def test_results_are_frozen_plain_data(kb_session):
    d = q.occupation_details(kb_session, "47-2111.00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.title = "x"  # type: ignore[misc]
    kb_session.close()  # nothing lazy-loads afterwards
    assert d.national_wage.annual_median and d.related[0].title


def test_occupations_for_interests(kb_session):
    social = q.occupations_for_interests(kb_session, "SIA", limit=10)
    assert len(social) == 10
    assert all(o.riasec_code and "S" in o.riasec_code[:2] for o in social[:5])
    assert [o.score for o in social] == sorted((o.score for o in social), reverse=True)
    realistic = q.occupations_for_interests(kb_session, "realistic conventional", job_zone_max=2, limit=10)
    assert realistic and all(o.job_zone <= 2 for o in realistic)
    assert all(o.riasec_code[0] in "RC" for o in realistic[:5])
    assert q.occupations_for_interests(kb_session, "xyz") == []
    assert q.parse_riasec("s-i-a") == "SIA"


@pytest.mark.parametrize(
    "text, cluster_id",
    [
        ("health", "health-science"),
        ("Health Science", "health-science"),
        ("IT", "information-technology"),
        ("computers", "information-technology"),
        ("construction", "architecture-and-construction"),
        ("law enforcement", "law-public-safety-corrections-and-security"),
        ("cooking", "hospitality-and-tourism"),
        ("careers in health care", "health-science"),
        ("Therapeutic Services", "health-science"),
        ("manufacturing", "manufacturing"),
    ],
)
def test_find_cluster(kb_session, text, cluster_id):
    found = q.find_cluster(kb_session, text)
    assert found is not None and found.cluster_id == cluster_id
    assert found.pathways


def test_find_cluster_unknown(kb_session):
    assert q.find_cluster(kb_session, "qwertyuiop") is None


def test_list_clusters_and_careers(kb_session):
    clusters = q.list_clusters(kb_session)
    assert len(clusters) == 16 and all(c.pathways for c in clusters)
    careers = q.careers_in_cluster(kb_session, "health-science", limit=8)
    assert len(careers) == 8 and careers[0].onet_code.endswith(".00")
    assert careers[0].annual_median and careers[0].wage_citation.edition == "May 2025"
    pathway = clusters[0].pathways[0]
    in_pathway = q.careers_in_cluster(kb_session, clusters[0].cluster_id, pathway.pathway_id, limit=50)
    assert in_pathway


def test_related_occupations(kb_session):
    related = q.related_occupations(kb_session, "29-1141.00", limit=4)
    assert len(related) == 4 and len({r.onet_code for r in related}) == 4


def _school(kb_session, level="high") -> School:
    return kb_session.execute(select(School).where(School.level == level).order_by(School.id)).scalars().first()


def test_cte_programs_near_a_school_sorted_by_distance(kb_session):
    school = _school(kb_session)
    programs = q.cte_programs(kb_session, cluster_id="health-science", school_id=school.id, radius_miles=50)
    assert programs
    assert all(p.cluster_id == "health-science" for p in programs)
    others = [p for p in programs if p.school_id != school.id]
    distances = [p.distance_miles for p in others]
    assert all(d is not None for d in distances) and distances == sorted(distances)
    assert all(p.distance_miles <= 50 for p in others)


def test_cte_programs_for_an_occupation(kb_session):
    programs = q.cte_programs(kb_session, onet_code="29-1141.00")
    assert programs and all(p.match in ("program of study", "pathway", "cluster") for p in programs)
    assert any(p.cluster_id == "health-science" for p in programs)


def test_cte_programs_grade_filter(kb_session):
    all_programs = q.cte_programs(kb_session)
    grade9 = q.cte_programs(kb_session, grade=9)
    assert grade9 and len(grade9) < len(all_programs)
    assert all(p.grade_low <= 9 <= p.grade_high for p in grade9)


def test_partners_by_type_and_distance(kb_session):
    found = q.partners(kb_session, opportunity_type="internship")
    assert found and all("internship" in p.opportunity_types for p in found)
    zip_code = _school(kb_session).zip
    near = q.partners(kb_session, zip=zip_code, radius_miles=10)
    assert near and [p.distance_miles for p in near] == sorted(p.distance_miles for p in near)
    assert all(p.distance_miles <= 10 for p in near)


def test_opportunities_filter_by_grade_and_type(kb_session):
    shadows = q.opportunities(kb_session, types=["job_shadow"], grade=10)
    assert shadows and all(o.type == "job_shadow" and o.grade_low <= 10 <= o.grade_high for o in shadows)
    events = q.opportunities(kb_session, types=["career_fair", "guest_speaker", "field_trip"], grade=7)
    assert events and all(o.is_event and o.grade_low <= 7 for o in events)
    assert not q.opportunities(kb_session, types="internship", grade=3)


def test_opportunities_by_date_and_distance(kb_session):
    every = q.opportunities(kb_session)
    dated = [o.start_date for o in every if o.start_date]
    cut = sorted(dated)[len(dated) // 2]
    later = q.opportunities(kb_session, on_or_after=cut)
    assert 0 < len(later) < len(every)
    assert all((o.end_date or o.start_date) is None or (o.end_date or o.start_date) >= cut for o in later)
    near = q.opportunities(kb_session, zip=_school(kb_session).zip, radius_miles=5)
    assert [o.distance_miles for o in near] == sorted(o.distance_miles for o in near)


def test_postsecondary_programs(kb_session):
    programs = q.postsecondary_programs(kb_session, "29-1141.00")
    assert programs and programs[0].cip_code == "51.3801"
    assert programs[0].citation.source_id == "nces_cip"


def test_find_school(kb_session):
    school = _school(kb_session)
    assert q.find_school(kb_session, school.name).school_id == school.id
    assert q.find_school(kb_session, school.name.lower().replace("high school", "hs")).school_id == school.id
    assert q.find_school(kb_session, school.id).school_id == school.id
    assert q.find_school(kb_session, "Hogwarts School of Witchcraft") is None


def test_zip_helpers(kb_session):
    assert q.state_for_zip(kb_session, _school(kb_session).zip) is not None
    assert q.state_for_zip(kb_session, "00000") is None
    assert normalize_zip("50309-1234") == "50309" and normalize_zip("5030") is None
    # New York City Hall to Los Angeles City Hall is about 2,445 miles
    assert 2400 < haversine_miles(40.7128, -74.0060, 34.0537, -118.2428) < 2500


# --- one occupation per SOC code (O*NET specialties share their parent's wage and outlook) -------


def _soc(onet_code: str) -> str:
    return onet_code.split(".")[0]


def test_one_per_soc_prefers_a_qualifying_parent():
    ranked = [
        ("29-1141.01", "29-1141"),
        ("29-2043.00", "29-2043"),
        ("29-1141.03", "29-1141"),
        ("29-1141.00", "29-1141"),
    ]
    assert q.one_per_soc(ranked) == ["29-1141.00", "29-2043.00"]
    assert q.one_per_soc(ranked, qualifies=lambda parent, best: False) == ["29-1141.01", "29-2043.00"]
    # a parent that is not among the candidates never sneaks in
    assert q.one_per_soc(ranked[:3]) == ["29-1141.01", "29-2043.00"]


@pytest.mark.parametrize("code, cap", [("IS", None), ("IS", 4), ("ISR", 4), ("SIR", 4), ("SR", 2)])
def test_interest_lists_have_one_occupation_per_soc(kb_session, code, cap):
    careers = q.occupations_for_interests(kb_session, code, job_zone_max=cap, limit=12)
    assert len(careers) == 12
    socs = [_soc(o.onet_code) for o in careers]
    assert len(set(socs)) == len(socs), [o.title for o in careers]
    assert [o.score for o in careers] == sorted((o.score for o in careers), reverse=True)


def test_interest_list_uses_the_parent_when_it_scores_close(kb_session):
    # Acute Care Nurses (29-1141.01) fits "SIC" slightly better than Registered Nurses (29-1141.00),
    # but within the margin: the broad occupation stands for the SOC code, once.
    nurses = [
        o
        for o in q.occupations_for_interests(kb_session, "SIC", job_zone_max=4, limit=40)
        if _soc(o.onet_code) == "29-1141"
    ]
    assert [o.onet_code for o in nurses] == ["29-1141.00"]
    # with zone 3 the parent (zone 4) doesn't qualify, so its best specialty stays
    capped = [
        o.onet_code
        for o in q.occupations_for_interests(kb_session, "SIC", job_zone_max=3, limit=40)
        if _soc(o.onet_code) == "29-1141"
    ]
    assert capped == ["29-1141.01"]


@pytest.mark.parametrize("onet_code", ["29-1141.00", "29-1141.01", "15-1252.00"])
def test_related_occupations_skip_the_same_soc_and_repeats(kb_session, onet_code):
    related = q.related_occupations(kb_session, onet_code, limit=6)
    assert len(related) == 6
    socs = [_soc(r.onet_code) for r in related]
    assert _soc(onet_code) not in socs
    assert len(set(socs)) == len(socs), [r.title for r in related]


def test_careers_in_cluster_have_one_occupation_per_soc(kb_session):
    for cluster in q.list_clusters(kb_session):
        careers = q.careers_in_cluster(kb_session, cluster.cluster_id, limit=200)
        socs = [_soc(o.onet_code) for o in careers]
        assert len(set(socs)) == len(socs), cluster.cluster_id
    health = [o.onet_code for o in q.careers_in_cluster(kb_session, "health-science", limit=200)]
    assert "29-1141.00" in health and not any(c.startswith("29-1141.0") and c != "29-1141.00" for c in health)


# --- BLS figures for a broader group ----------------------------------------------------------


def test_specialty_pay_and_outlook_name_the_broader_bls_group(kb_session):
    acute = q.occupation_details(kb_session, "29-1141.01", state="IA")
    rn = q.occupation_details(kb_session, "29-1141.00", state="IA")
    assert acute.title == "Acute Care Nurses" and acute.soc_code == rn.soc_code == "29-1141"
    # the specialty gets the SOC code's figures and learns whose they are
    assert acute.national_wage.annual_median == rn.national_wage.annual_median
    assert acute.national_wage.bls_title == acute.state_wage.bls_title == "Registered Nurses"
    assert acute.projection.bls_title.lower() == "registered nurses"
    assert acute.pay_group == "Registered Nurses"
    assert acute.outlook_group == "Registered Nurses"  # OEWS's capitalisation of the same group
    # the SOC code's own occupation is not a "broader group" of itself
    assert rn.national_wage.bls_title == "Registered Nurses"
    assert rn.pay_group is None and rn.outlook_group is None


def test_broader_bls_title_ignores_case_punctuation_and_ampersands(kb_session):
    assert q.broader_bls_title("Registered Nurses", "Registered nurses") is None
    assert q.broader_bls_title("Critical Care Nurses", "Registered Nurses") == "Registered Nurses"
    assert q.broader_bls_title("Critical Care Nurses", None) is None
    # a real O*NET title written with "and" where BLS writes "&"
    d = q.occupation_details(kb_session, "51-4033.00")
    assert "&" in d.national_wage.bls_title and "&" not in d.title
    assert d.pay_group is None


def test_summaries_carry_the_bls_titles(kb_session):
    acute, rn = q.summaries(kb_session, ["29-1141.01", "29-1141.00"])
    assert (acute.wage_bls_title, rn.wage_bls_title) == ("Registered Nurses", "Registered Nurses")
    assert acute.outlook_bls_title.lower() == "registered nurses"
    assert acute.bls_group == "Registered Nurses" and rn.bls_group is None


def test_every_cluster_entity_name_resolves_to_its_cluster(kb_session):
    """Each phrase the KB entity ruler tags as a cluster is understood by find_cluster."""
    from career_kb.queries import find_cluster
    from career_kb.vocabulary import CLUSTER_NAMES

    wrong = {}
    for cluster_id, names in CLUSTER_NAMES.items():
        for phrase in names.phrases:
            found = find_cluster(kb_session, phrase)
            if found is None or found.cluster_id != cluster_id:
                wrong[phrase] = found.cluster_id if found else None
    assert wrong == {}
    assert (
        find_cluster(kb_session, "science and engineering").cluster_id
        == "science-technology-engineering-and-mathematics"
    )
