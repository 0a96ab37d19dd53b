"""Answers about occupations BLS publishes only inside an aggregate (career_kb/codes.py).

Figures are literals from the official files: ``bls/oews_national_may2025.csv`` and
``bls/oews_state_may2025.csv`` (31-1120 Home Health and Personal Care Aides: national annual median
$35,800, hourly $17.21; Alabama $27,840) and ``bls/ep_table_1_2_occupational_projections_2024_34.csv``
(31-1120: +17.0%; 21-1018: Master's degree).
"""

from __future__ import annotations

import pytest

from actions import occupations
from conftest import uncited_figures

AIDES = "Home Health and Personal Care Aides"
COUNSELORS = "Substance Abuse, Behavioral Disorder, and Mental Health Counselors"


def _asking(intent: str, code: str) -> dict:
    return {
        "text": f'/{intent}{{"occupation_code":"{code}"}}',
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [{"entity": "occupation_code", "value": code}],
    }


async def test_pay_of_a_member_is_the_aggregates_and_says_so(run_action):
    run = await run_action(occupations.ActionPay(), "pay_home_health_aide_alabama")  # 31-1121.00, Alabama
    assert run.text.startswith("Pay for Home Health Aides:")
    assert (
        f"BLS publishes one figure for {AIDES}, a broader group that includes Home Health Aides "
        "(BLS OEWS, May 2025)." in run.text
    )
    assert (
        f"In the U.S., the median pay for the broader group {AIDES} is $35,800 a year ($17.21 an hour) "
        "(BLS OEWS, May 2025)." in run.text
    )
    assert f"In Alabama, the median pay for the broader group {AIDES} is $27,840 a year" in run.text
    assert "doesn't publish a national wage" not in run.text
    assert uncited_figures(run.text) == []


async def test_outlook_of_a_member_is_the_aggregates_and_says_so(run_action):
    run = await run_action(occupations.ActionOutlook(), "outlook_personal_care_aide")  # 31-1122.00
    assert run.text.startswith("Job outlook for Personal Care Aides:")
    assert (
        f"BLS publishes one projection for {AIDES}, a broader group that includes Personal Care Aides "
        "(BLS Employment Projections, 2024–34)." in run.text
    )
    assert f"Jobs in the broader group {AIDES} are expected to change by +17.0% from 2024 to 2034" in run.text
    assert "I don't have a job outlook" not in run.text
    assert uncited_figures(run.text) == []


async def test_mental_health_counselors_need_a_masters(run_action):
    run = await run_action(occupations.ActionPathway(), "pathway_mental_health_counselor")  # 21-1014.00
    assert run.text.startswith("How to get there: Mental Health Counselors")
    assert f"Typical education to start: Master's degree (for the broader group {COUNSELORS})" in run.text
    assert "College: the usual route: most start with a master's degree" in run.text
    assert "not required" not in run.text


@pytest.mark.parametrize("code", ["21-1011.00", "21-1014.00"])
async def test_the_education_route_of_21_1018_members_is_not_not_required(run_action, code):
    run = await run_action(
        occupations.ActionPathway(), "pathway_mental_health_counselor", latest_message=_asking("ask_pathway", code)
    )
    assert "master's degree" in run.text and "not required" not in run.text


@pytest.mark.parametrize(
    "code, title",
    [
        ("29-2011.00", "Medical and Clinical Laboratory Technologists"),  # EP 29-2010: Bachelor's degree
        ("25-2055.00", "Special Education Teachers, Kindergarten"),  # EP 25-2052: Bachelor's degree
    ],
)
async def test_lab_technologists_and_special_education_teachers_need_a_bachelors(run_action, code, title):
    run = await run_action(
        occupations.ActionPathway(), "pathway_mental_health_counselor", latest_message=_asking("ask_pathway", code)
    )
    assert run.text.startswith(f"How to get there: {title}")
    assert "College: the usual route: most start with a bachelor's degree" in run.text
    assert "not required" not in run.text


async def test_an_unknown_education_is_said_to_be_unknown(run_action):
    run = await run_action(
        occupations.ActionPathway(),
        "pathway_mental_health_counselor",
        latest_message=_asking("ask_pathway", "55-3016.00"),  # Infantry: BLS publishes no projection
    )
    assert run.text.startswith("How to get there: Infantry")
    assert "College: I don't know whether this job usually needs a degree" in run.text
    assert "not required" not in run.text and "not the usual route" not in run.text


async def test_info_about_a_member_gives_the_aggregates_pay_and_outlook(run_action):
    run = await run_action(
        occupations.ActionOccupationInfo(),
        "pay_home_health_aide_alabama",
        latest_message=_asking("ask_occupation_info", "31-1122.00"),
    )
    assert run.text.startswith("Personal Care Aides:")
    assert f"In the U.S., the median pay for the broader group {AIDES} is $35,800 a year" in run.text
    assert f"Jobs in the broader group {AIDES} are expected to change by +17.0% from 2024 to 2034" in run.text
    assert uncited_figures(run.text) == []


async def test_options_after_high_school_for_a_member_name_the_group(run_action):
    run = await run_action(
        occupations.ActionPostsecondaryOptions(),
        "postsecondary_electrician",
        latest_message=_asking("ask_postsecondary_options", "21-1014.00"),
    )
    assert run.text.startswith("Your options after high school, for Mental Health Counselors:")
    assert (
        f"Most people start this job with: Master's degree (for the broader group {COUNSELORS}) "
        "(BLS Employment Projections, 2024–34)." in run.text
    )
    assert "College: the usual route: most start with a master's degree" in run.text
    assert "not required" not in run.text
