"""Occupations BLS publishes only as aggregates get the aggregate's wages and projections.

The expected figures are literals copied from the official files in ../shared/data (the snapshot the
test KB is built from holds the same numbers, so these run in a clone without them too):
``bls/oews_national_may2025.csv`` and ``bls/oews_state_may2025.csv`` (``annual_median``,
``hourly_median``) and ``bls/ep_table_1_2_occupational_projections_2024_34.csv``.
"""

from __future__ import annotations

import csv

import pytest

from career_kb import codes
from career_kb import queries as q
from career_kb.answers.routes import routes
from career_kb.importers.official import OFFICIAL_FILES

#: O*NET-SOC code, BLS aggregate, its OEWS title, national annual median (OEWS May 2025), typical
#: entry education (EP 2024–34).
AGGREGATE_FIGURES = [
    ("31-1121.00", "31-1120", "Home Health and Personal Care Aides", 35800, "High school diploma or equivalent"),
    ("31-1122.00", "31-1120", "Home Health and Personal Care Aides", 35800, "High school diploma or equivalent"),
    (
        "21-1014.00",
        "21-1018",
        "Substance Abuse, Behavioral Disorder, and Mental Health Counselors",
        59350,
        "Master's degree",
    ),
    (
        "21-1011.00",
        "21-1018",
        "Substance Abuse, Behavioral Disorder, and Mental Health Counselors",
        59350,
        "Master's degree",
    ),
    ("29-2011.00", "29-2010", "Clinical Laboratory Technologists and Technicians", 62930, "Bachelor's degree"),
    ("29-2012.01", "29-2010", "Clinical Laboratory Technologists and Technicians", 62930, "Bachelor's degree"),
    (
        "25-2056.00",
        "25-2052",
        "Special Education Teachers, Kindergarten and Elementary School",
        65120,
        "Bachelor's degree",
    ),
    ("13-1022.00", "13-1020", "Buyers and Purchasing Agents", 77710, "Bachelor's degree"),
    ("39-7012.00", "39-7010", "Tour and Travel Guides", 38120, "High school diploma or equivalent"),
]


@pytest.mark.parametrize("onet_code, aggregate, bls_title, median, education", AGGREGATE_FIGURES)
def test_members_of_an_aggregate_get_its_figures(kb_session, onet_code, aggregate, bls_title, median, education):
    d = q.occupation_details(kb_session, onet_code)
    assert d.soc_code == onet_code[:7] and d.in_bls_aggregate
    w = d.national_wage
    assert (w.bls_code, w.bls_title, w.annual_median) == (aggregate, bls_title, median)
    assert w.citation.text == "BLS OEWS, May 2025"
    assert d.pay_group == bls_title
    assert d.projection.bls_code == aggregate and d.projection.entry_education == education
    assert d.projection.citation.text == "BLS Employment Projections, 2024–34"


def test_home_health_aides_projection(kb_session):
    # EP table 1.2, 31-1120: +17.0% 2024–34, 765.8 thousand openings a year, 4,347.7 thousand jobs in 2024
    p = q.occupation_details(kb_session, "31-1121.00").projection
    assert (p.percent_change, p.annual_openings, p.employment_base) == (17.0, 765_800, 4_347_700)
    assert p.outlook == "much faster than average"


@pytest.mark.parametrize(
    "onet_code, state, median",
    [
        ("31-1121.00", "AL", 27840),  # Alabama, 31-1120
        ("31-1122.00", "IA", 36080),  # Iowa, 31-1120
        ("21-1014.00", "AL", 47310),  # Alabama, 21-1018
        ("29-2011.00", "TX", 59290),  # Texas, 29-2010
        ("13-1021.00", "IA", 70360),  # Iowa, 13-1020
    ],
)
def test_state_wage_of_an_aggregate(kb_session, onet_code, state, median):
    w = q.occupation_details(kb_session, onet_code, state=state).state_wage
    assert (w.area, w.annual_median) == (state, median)


def test_lists_carry_the_aggregates_pay(kb_session):
    aide, nurse = q.summaries(kb_session, ["31-1122.00", "29-1141.00"])
    assert (aide.annual_median, aide.wage_bls_title) == (35800, "Home Health and Personal Care Aides")
    assert aide.outlook == "much faster than average"
    assert aide.bls_group == "Home Health and Personal Care Aides"
    assert nurse.annual_median == 97550 and nurse.bls_group is None


def test_occupations_outside_any_aggregate_keep_no_figures(kb_session):
    for code in ("55-3016.00", "45-3031.00"):  # Infantry; Fishing and Hunting Workers: no OEWS row
        d = q.occupation_details(kb_session, code)
        assert d.national_wage is None and not d.in_bls_aggregate
    assert q.occupation_details(kb_session, "29-1141.00").in_bls_aggregate is False


def test_the_map_holds_the_twelve_aggregates():
    assert sorted(set(codes.BLS_AGGREGATE_OF.values())) == [
        "13-1020",
        "13-2020",
        "21-1018",
        "25-2052",
        "25-9045",
        "29-2010",
        "31-1120",
        "39-7010",
        "47-4090",
        "51-2028",
        "51-2090",
        "53-1047",
    ]
    assert codes.aggregate_members("31-1120") == ("31-1121", "31-1122")
    assert codes.aggregate_members("21-1018") == ("21-1011", "21-1014")
    assert codes.bls_soc_code("31-1121") == "31-1120" and codes.bls_soc_code("29-1141") == "29-1141"


def _read(path, delimiter=","):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter=delimiter)


def test_the_map_is_what_the_official_files_say(official_dir):
    """Re-derive the map from the files (see career_kb/codes.py): each O*NET SOC code without an OEWS
    detailed row → the one OEWS detailed code of its broad group that is no O*NET occupation's."""
    onet_socs = {r["O*NET-SOC Code"][:7] for r in _read(official_dir / OFFICIAL_FILES["onet_occupations"], "\t")}
    oews = {
        r["soc_code"]
        for r in _read(official_dir / OFFICIAL_FILES["oews_national"])
        if r["display_level"] == "3" and r["soc_code"] != "00-0000"
    }
    projected = {
        r["2024 National Employment Matrix code"]
        for r in _read(official_dir / OFFICIAL_FILES["projections"])
        if r["Occupation type"] == "Line item"
    }
    derived = {}
    for soc in sorted(onet_socs - oews):
        in_group = [c for c in oews if c[:6] == soc[:6] and c not in onet_socs]
        if in_group:
            assert len(in_group) == 1, (soc, in_group)
            derived[soc] = in_group[0]
    assert derived == codes.BLS_AGGREGATE_OF
    assert set(derived.values()) <= projected


@pytest.mark.parametrize(
    "onet_code, fit, entry",
    [
        ("21-1014.00", "usual_degree", "master's degree"),  # EP 21-1018: Master's degree
        ("21-1011.00", "usual_degree", "master's degree"),
        ("29-2011.00", "usual_degree", "bachelor's degree"),  # EP 29-2010: Bachelor's degree
        ("25-2055.00", "usual_degree", "bachelor's degree"),  # EP 25-2052: Bachelor's degree
        ("31-1121.00", "not_required", None),  # EP 31-1120: High school diploma or equivalent
    ],
)
def test_education_route_of_aggregate_members(kb_session, onet_code, fit, entry):
    college = routes(q.occupation_details(kb_session, onet_code))["college"]
    assert college.fit == fit and college.values.get("entry") == entry


def test_education_route_without_bls_education_is_unknown(kb_session):
    fits = routes(q.occupation_details(kb_session, "55-3016.00"))  # Infantry: no projections row
    assert (fits["college"].fit, fits["trade_school"].fit, fits["apprenticeship"].fit) == ("unknown",) * 3
