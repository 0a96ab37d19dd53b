"""Top-coded and not-released OEWS state rows, as the query API returns them.

Literals from ``bls/oews_state_may2025.csv`` (footnote 5: "equal to or greater than $115.00 per hour
or $239,200 per year"; footnote 8: "Estimate not released"); the snapshot holds the same values.
"""

from __future__ import annotations

from career_kb import queries as q


def test_a_fully_top_coded_state_row(kb_session):
    # Alabama, 29-1022 Oral and Maxillofacial Surgeons: every wage measure carries footnote 5
    w = q.occupation_details(kb_session, "29-1022.00", state="AL").state_wage
    assert (w.area_name, w.employment, w.annual_median, w.hourly_median) == ("Alabama", 130, 239200, 115.0)
    assert {"annual_p10", "annual_median", "annual_p90", "hourly_p10", "hourly_median", "hourly_p90"} <= set(
        w.top_coded
    )


def test_a_real_figure_above_the_top_code_is_not_at_least(kb_session):
    # Iowa, 29-1249 Surgeons, All Other: median $370,390 ($178.07/h) published; only the p90s are top-coded
    w = q.occupation_details(kb_session, "29-1249.00", state="IA").state_wage
    assert (w.annual_median, w.hourly_median, w.annual_p10, w.annual_p90) == (370390, 178.07, 86290, 239200)
    assert set(w.top_coded) == {"annual_p90", "hourly_p90"}


def test_a_state_row_whose_wages_were_not_released(kb_session):
    # Alabama, 15-1254 Web Developers: employment 930, every wage measure footnote 8
    w = q.occupation_details(kb_session, "15-1254.00", state="AL").state_wage
    assert (w.area_name, w.employment) == ("Alabama", 930)
    assert (w.annual_median, w.hourly_median, w.annual_p10, w.annual_p90) == (None, None, None, None)
