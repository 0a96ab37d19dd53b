"""Comparisons (career_kb.answers.compare) on the built KB; expected values from the official files:
BLS OEWS May 2025 (oews_national/state_may2025.csv), BLS Employment Projections 2024-34 (table 1.2),
O*NET 29.3 Job Zones.txt."""

from __future__ import annotations

from career_kb.answers.compare import compare_occupations, compare_routes, compare_states, route_order


def test_two_occupations_side_by_side(kb_session):
    cmp = compare_occupations(kb_session, "15-1252.00", "29-1141.00")
    left, right = cmp.left, cmp.right
    assert (left.title, right.title) == ("Software Developers", "Registered Nurses")
    # OEWS national annual medians; EP 2024-34 percent change; typical entry education; O*NET job zone
    assert (left.annual_median, right.annual_median) == (135980, 97550)
    assert (left.pay_area, right.pay_area) == ("US", "US")
    assert (left.percent_change, right.percent_change) == (15.8, 4.9)
    assert (left.entry_education, right.entry_education) == ("Bachelor's degree", "Bachelor's degree")
    assert (left.job_zone, right.job_zone) == (4, 4)
    assert cmp.higher_pay == "15-1252.00" and cmp.faster_growth == "15-1252.00"
    assert cmp.less_preparation is None  # same education and job zone: no winner is invented
    assert left.pay_citation.text == "BLS OEWS, May 2025"
    assert "2024" in left.outlook_citation.edition


def test_which_is_faster_to_get_into(kb_session):
    cmp = compare_occupations(kb_session, "29-1141.00", "31-9097.00")
    assert cmp.right.entry_education == "Postsecondary nondegree award"
    assert cmp.right.job_zone == 3
    assert cmp.less_preparation == "31-9097.00"
    assert (cmp.left.annual_median, cmp.right.annual_median) == (97550, 45230)


def test_two_trades_with_the_same_training(kb_session):
    cmp = compare_occupations(kb_session, "47-2111.00", "47-2152.00")
    assert (cmp.left.on_the_job_training, cmp.right.on_the_job_training) == ("Apprenticeship", "Apprenticeship")
    assert (cmp.left.annual_median, cmp.right.annual_median) == (63190, 63800)
    assert cmp.higher_pay == "47-2152.00"
    assert (cmp.left.percent_change, cmp.right.percent_change) == (9.5, 4.5)
    assert cmp.faster_growth == "47-2111.00"


def test_pay_in_a_state_is_compared_in_that_state(kb_session):
    cmp = compare_occupations(kb_session, "47-2111.00", "47-2152.00", state="tx")
    assert cmp.left.pay_area == "TX" and cmp.left.annual_median == 58570


def test_an_unknown_occupation_gives_no_comparison(kb_session):
    assert compare_occupations(kb_session, "47-2111.00", "99-9999.99") is None


def test_one_occupation_in_two_states(kb_session):
    cmp = compare_states(kb_session, "47-2111.00", "ca", "TX")
    assert cmp.title == "Electricians"
    assert (cmp.left.state, cmp.left.area_name, cmp.left.annual_median) == ("CA", "California", 76160)
    assert (cmp.right.state, cmp.right.annual_median, cmp.right.employment) == ("TX", 58570, 76770)
    assert cmp.national.annual_median == 63190
    assert cmp.higher_pay == "CA"
    assert cmp.left.citation.text == "BLS OEWS, May 2025"


def test_two_states_need_two_real_states(kb_session):
    assert compare_states(kb_session, "47-2111.00", "OH", "ZZ") is None
    assert compare_states(kb_session, "47-2111.00", "OH", "AL").higher_pay == "OH"  # 64700 vs 55690


def test_two_routes_for_an_occupation(kb_session):
    cmp = compare_routes(kb_session, "college", "apprenticeship", "47-2111.00")
    assert (cmp.left.route, cmp.right.route) == ("college", "apprenticeship")
    assert cmp.left.fit.fit == "not_required"  # BLS: high school diploma or equivalent
    assert cmp.right.fit.fit == "usual"  # BLS: Apprenticeship
    assert (cmp.entry_education, cmp.on_the_job_training) == ("High school diploma or equivalent", "Apprenticeship")
    assert not cmp.time_known and not cmp.cost_known  # the KB holds no program lengths or prices


def test_two_routes_without_an_occupation_say_what_they_know(kb_session):
    cmp = compare_routes(kb_session, "trade school", "military")
    assert (cmp.left.route, cmp.right.route, cmp.left.fit, cmp.onet_code) == ("trade_school", "military", None, None)
    assert compare_routes(kb_session, "college", "college") is None
    assert compare_routes(kb_session, "college", "gap year") is None
    assert route_order("work", "college") == ("college", "work")
