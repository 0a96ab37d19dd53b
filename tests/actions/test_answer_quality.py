"""Answer-quality fixes: next steps follow the student's interests, list wording, specific titles.

Expected programs and events are the sample district's (career_kb/district_sample/*.csv): Walnut Creek
High School (cf-walnutcreek-hs) offers Biomedical Sciences (PLTW) in Health Science, Early Childhood
Education in Human Services, and Architectural Design and Drafting, alphabetically its first program.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy.orm import Session

from actions import exploration, occupations, render
from career_kb import queries

#: BLS outlook labels and how career lists word them (actions/wording/en.yml, outlook.phrases).
OUTLOOK_WORDING = {
    "much faster than average": "much faster than average growth",
    "faster than average": "faster than average growth",
    "about as fast as average": "about average growth",
    "slower than average": "slower than average growth",
    "little or no change": "little or no change in jobs",
    "decline": "jobs expected to decline",
}


def _program_named(text: str) -> str:
    """The CTE program the "Take a CTE course sequence" step names."""
    found = re.search(r"Take a CTE course sequence: (.+?) at ", text)
    assert found, text
    return found.group(1)


async def test_next_step_follows_the_students_interests(run_action):
    # "I like biology and helping people" (ISR), then "what should I do next?" in 10th grade at Walnut Creek
    run = await run_action(exploration.ActionNextStep(), "next_step_after_interests")
    assert _program_named(run.text) == "Biomedical Sciences (PLTW)"
    # without any interest, cluster or occupation the step falls back to any program at the school
    plain = await run_action(exploration.ActionNextStep(), "next_step_after_interests", slots={"riasec_code": None})
    assert _program_named(plain.text) == "Architectural Design and Drafting"


async def test_next_step_follows_the_cluster_looked_at(run_action):
    run = await run_action(
        exploration.ActionNextStep(),
        "next_step_after_interests",
        slots={"riasec_code": None, "cluster_id": "human-services"},
    )
    assert _program_named(run.text) == "Early Childhood Education"


async def test_middle_school_events_follow_the_interests(run_action):
    def event_line(run):
        return next(line for line in run.text.splitlines() if "Go to a career event:" in line)

    # 7th grade at Cottonwood Middle School: the sample's Health Science event for grades 7-8 there
    slots = {"occupation_code": None, "cluster_id": None}
    health = await run_action(exploration.ActionNextStep(), "next_step_middle", slots={**slots, "riasec_code": "ISR"})
    general = await run_action(exploration.ActionNextStep(), "next_step_middle", slots={**slots, "riasec_code": None})
    assert "Guest speaker: Meet a respiratory therapist" in event_line(health), event_line(health)
    assert event_line(health) != event_line(general)


@pytest.mark.parametrize("outlook", sorted(OUTLOOK_WORDING))
def test_career_lists_word_the_outlook_naturally(action_engine, outlook):
    from sqlalchemy import select

    from career_kb import models

    with Session(action_engine, future=True) as session:
        code = session.execute(
            select(models.Occupation.onet_code)
            .join(models.OccupationProjection, models.OccupationProjection.soc_code == models.Occupation.soc_code)
            .where(models.OccupationProjection.outlook == outlook)
            .order_by(models.Occupation.onet_code)
            .limit(1)
        ).scalar_one()
        (summary,) = queries.summaries(session, [code])
    line = render.summary_line(summary)
    assert "growth " + outlook not in line and "growth decline" not in line
    assert OUTLOOK_WORDING[outlook] + " (BLS Employment Projections" in line
    if outlook == "decline":
        assert "jobs expected to decline" in line
    if outlook == "little or no change":
        assert "little or no change in jobs" in line


async def test_specific_title_in_the_message_beats_a_generic_entity(run_action):
    # the entity ruler tags only "counselor" (ambiguous on its own); the message names a crisis counselor
    run = await run_action(occupations.ActionOccupationInfo(), "info_crisis_counselor")
    assert "could mean" not in run.text
    assert run.slots()["occupation_code"] == "21-1023.00"
    assert run.text.startswith("Mental Health and Substance Abuse Social Workers")


async def test_generic_entity_alone_still_offers_candidates(run_action):
    state_changes = {
        "latest_message": {
            "text": "what does a counselor do?",
            "intent": {"name": "ask_occupation_info", "confidence": 0.97},
            "entities": [{"entity": "occupation", "value": "counselor", "start": 12, "end": 21}],
            "intent_ranking": [{"name": "ask_occupation_info", "confidence": 0.97}],
        }
    }
    run = await run_action(occupations.ActionOccupationInfo(), "info_crisis_counselor", **state_changes)
    assert "could mean" in run.text and "occupation_code" not in run.slots()
