"""Pay and outlook of an O*NET specialty say that BLS's figures are for the broader SOC group."""

from __future__ import annotations

from sqlalchemy.orm import Session

from actions import occupations, render
from career_kb import queries
from conftest import uncited_figures

GROUP = "Registered Nurses"
#: BLS OEWS May 2025, SOC 29-1141 (oews_national_may2025.csv and oews_state_may2025.csv, annual_median).
US_MEDIAN, IOWA_MEDIAN = "$97,550", "$78,630"


async def test_specialty_pay_names_the_broader_group(run_action):
    run = await run_action(occupations.ActionPay(), "pay_specialty_with_state")  # Critical Care Nurses, Iowa
    assert run.text.startswith("Pay for Critical Care Nurses:")
    assert (
        f"BLS doesn't publish pay for Critical Care Nurses on its own; it reports pay for the broader group {GROUP}"
        in run.text
    )
    assert f"In the U.S., the median pay for the broader group {GROUP} is {US_MEDIAN} a year" in run.text
    assert f"In Iowa, the median pay for the broader group {GROUP} is {IOWA_MEDIAN} a year" in run.text
    assert uncited_figures(run.text) == []
    assert run.buttons


async def test_the_groups_own_occupation_is_not_called_broader(run_action):
    run = await run_action(
        occupations.ActionPay(),
        "pay_specialty_with_state",
        slots={"occupation_code": "29-1141.00"},
        latest_message={
            "text": "/ask_pay",
            "intent": {"name": "ask_pay", "confidence": 1.0},
            "entities": [{"entity": "occupation_code", "value": "29-1141.00"}],
        },
    )
    assert run.text.startswith(f"Pay for {GROUP}:")
    assert "broader group" not in run.text and f"In the U.S., the median pay is {US_MEDIAN} a year" in run.text


async def test_specialty_outlook_names_the_broader_group(run_action):
    run = await run_action(occupations.ActionOutlook(), "outlook_specialty")  # Acute Care Nurses
    assert run.text.startswith("Job outlook for Acute Care Nurses:")
    assert f"its outlook is for the broader group {GROUP}" in run.text
    assert f"Jobs in the broader group {GROUP} are expected to change by" in run.text
    assert "people worked in that group in 2024" in run.text
    assert uncited_figures(run.text) == []


async def test_specialty_info_names_the_broader_group_for_pay_and_outlook(run_action):
    run = await run_action(occupations.ActionOccupationInfo(), "info_specialty")  # Acute Care Nurses
    assert run.text.startswith("Acute Care Nurses:")
    assert f"In the U.S., the median pay for the broader group {GROUP} is {US_MEDIAN} a year" in run.text
    assert f"Jobs in the broader group {GROUP} are expected to change by" in run.text
    assert uncited_figures(run.text) == []


def test_list_lines_say_as_which_group(action_engine):
    with Session(action_engine, future=True) as session:
        acute, rn = queries.summaries(session, ["29-1141.01", "29-1141.00"])
    assert render.summary_line(acute).startswith(f"Acute Care Nurses (as {GROUP}): median pay {US_MEDIAN} a year")
    assert render.summary_line(rn).startswith(f"{GROUP}: median pay {US_MEDIAN} a year")
