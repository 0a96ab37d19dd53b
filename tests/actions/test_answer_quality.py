"""Answer-quality fixes: next steps follow the student's interests, list wording, specific titles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.orm import Session

from actions import exploration, occupations
from career_kb import queries


def _program_named(text: str) -> str:
    """The CTE program the "Take a CTE course sequence" step names."""
    found = re.search(r"Take a CTE course sequence: (.+?) at ", text)
    assert found, text
    return found.group(1)


def _cluster_of_program(engine, name: str, school_id: str) -> str:
    with Session(engine, future=True) as session:
        return next(p.cluster_id for p in queries.cte_programs(session, school_id=school_id) if p.name == name)


async def test_next_step_follows_the_students_interests(run_action, action_engine):
    # "I like biology and helping people" (ISR), then "what should I do next?" in 10th grade at a school
    # whose alphabetically first program is Architectural Design and Drafting.
    run = await run_action(exploration.ActionNextStep(), "next_step_after_interests")
    program = _program_named(run.text)
    assert program != "Architectural Design and Drafting"
    assert _cluster_of_program(action_engine, program, "cf-walnutcreek-hs") == "health-science"
    # without any interest, cluster or occupation the step falls back to any program at the school
    plain = await run_action(exploration.ActionNextStep(), "next_step_after_interests", slots={"riasec_code": None})
    assert _program_named(plain.text) == "Architectural Design and Drafting"


async def test_next_step_follows_the_cluster_looked_at(run_action, action_engine):
    run = await run_action(exploration.ActionNextStep(), "next_step_after_interests",
                           slots={"riasec_code": None, "cluster_id": "human-services"})
    assert _cluster_of_program(action_engine, _program_named(run.text), "cf-walnutcreek-hs") == "human-services"


async def test_middle_school_events_follow_the_interests(run_action, action_engine):
    def event_line(run):
        return next(line for line in run.text.splitlines() if "Go to a career event:" in line)

    slots = {"occupation_code": None, "cluster_id": None}
    health = await run_action(exploration.ActionNextStep(), "next_step_middle", slots={**slots, "riasec_code": "ISR"})
    general = await run_action(exploration.ActionNextStep(), "next_step_middle", slots={**slots, "riasec_code": None})
    with Session(action_engine, future=True) as session:
        titles = [o.title for o in queries.opportunities(session, cluster_id="health-science")]
    assert any(t in event_line(health) for t in titles), event_line(health)
    assert event_line(health) != event_line(general)


@pytest.mark.parametrize("outlook", sorted(occupations.OUTLOOK_PHRASES))
def test_career_lists_word_the_outlook_naturally(action_engine, outlook):
    from career_kb import models
    from sqlalchemy import select

    with Session(action_engine, future=True) as session:
        code = session.execute(
            select(models.Occupation.onet_code)
            .join(models.OccupationProjection, models.OccupationProjection.soc_code == models.Occupation.soc_code)
            .where(models.OccupationProjection.outlook == outlook)
            .order_by(models.Occupation.onet_code)
            .limit(1)
        ).scalar_one()
        (summary,) = queries.summaries(session, [code])
    line = occupations.summary_line(summary)
    assert "growth " + outlook not in line and "growth decline" not in line
    assert occupations.OUTLOOK_PHRASES[outlook] + " (BLS Employment Projections" in line
    if outlook == "decline":
        assert "jobs expected to decline" in line
    if outlook == "little or no change":
        assert "little or no change in jobs" in line


async def test_specific_title_in_the_message_beats_a_generic_entity(run_action, action_engine):
    # the entity ruler tags only "counselor" (ambiguous); the message names a crisis counselor
    with Session(action_engine, future=True) as session:
        from career_kb.resolve import resolve_occupation

        assert resolve_occupation(session, "counselor").status == "ambiguous"
        expected = resolve_occupation(session, "crisis counselor").best.onet_code
    run = await run_action(occupations.ActionOccupationInfo(), "info_crisis_counselor")
    assert "could mean" not in run.text
    assert run.slots()["occupation_code"] == expected == "21-1023.00"
    assert run.text.startswith("Mental Health and Substance Abuse Social Workers")


async def test_generic_entity_alone_still_offers_candidates(run_action):
    state_changes = {"latest_message": {
        "text": "what does a counselor do?",
        "intent": {"name": "ask_occupation_info", "confidence": 0.97},
        "entities": [{"entity": "occupation", "value": "counselor", "start": 12, "end": 21}],
        "intent_ranking": [{"name": "ask_occupation_info", "confidence": 0.97}],
    }}
    run = await run_action(occupations.ActionOccupationInfo(), "info_crisis_counselor", **state_changes)
    assert "could mean" in run.text and "occupation_code" not in run.slots()
