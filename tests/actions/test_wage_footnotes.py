"""Pay answers for top-coded and not-released OEWS state rows.

Literals from ``bls/oews_national_may2025.csv`` and ``bls/oews_state_may2025.csv``; BLS's top code
(footnote 5) is $239,200 a year or $115.00 an hour.
"""

from __future__ import annotations

from actions import occupations
from conftest import uncited_figures


async def test_a_fully_top_coded_state_is_said_as_at_least(run_action):
    run = await run_action(occupations.ActionPay(), "pay_top_coded_alabama")  # 29-1022.00, Alabama
    assert (
        "In Alabama, the median pay is at least $239,200 a year (at least $115.00 an hour) (BLS OEWS, May 2025)."
        in run.text
    )
    assert "Even the lowest-paid tenth earn at least $239,200, the highest figure BLS reports" in run.text
    assert "between at least" not in run.text and "and at least $239,200" not in run.text
    # the national row is not top-coded: median $352,220, p10 $86,250, p90 $622,640
    assert "In the U.S., the median pay is $352,220 a year ($169.34 an hour)" in run.text
    assert "Most earn between $86,250 and $622,640" in run.text
    assert uncited_figures(run.text) == []


async def test_only_the_top_coded_figures_are_at_least(run_action):
    run = await run_action(
        occupations.ActionPay(),
        "pay_top_coded_alabama",
        slots={"state": "IA"},
        latest_message={
            "text": '/ask_pay{"occupation_code":"29-1249.00"}',
            "intent": {"name": "ask_pay", "confidence": 1.0},
            "entities": [{"entity": "occupation_code", "value": "29-1249.00"}],
        },
    )  # Iowa, 29-1249 Surgeons, All Other: p90 top-coded, median published
    assert "In Iowa, the median pay is $370,390 a year ($178.07 an hour) (BLS OEWS, May 2025)." in run.text
    assert "Most earn at least $86,290; for the top earners BLS reports only that they make at least $239,200" in (
        run.text
    )
    assert uncited_figures(run.text) == []


async def test_a_state_whose_estimate_was_not_released_says_so(run_action):
    run = await run_action(occupations.ActionPay(), "pay_not_released_alabama")  # 15-1254.00, Alabama
    assert "BLS did not release a wage estimate for Alabama (BLS OEWS, May 2025)." in run.text
    assert "In the U.S., the median pay is $92,650 a year ($44.54 an hour) (BLS OEWS, May 2025)." in run.text
    assert uncited_figures(run.text) == []
