"""The first local answer from the sample district says it is sample data; later ones don't repeat it.

The sample district is flagged in its own file (career_kb/district_sample/district.csv:
``sample-confluence,Confluence Community School District (Sample),IA,yes``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from actions import local
from career_kb import queries

NOTE = "Heads up: Confluence Community School District (Sample) is sample data made up for this demo."


async def test_the_first_programs_answer_says_the_district_is_a_sample(run_action):
    run = await run_action(local.ActionCtePrograms(), "cte_with_school")
    assert "Nurse Aide and Patient Care" in run.text
    assert NOTE in run.text and run.text.count(NOTE) == 1


async def test_a_later_answer_does_not_repeat_it(run_action):
    run = await run_action(local.ActionCtePrograms(), "cte_after_sample_note")
    assert "CTE programs" in run.text
    assert NOTE not in run.text


async def test_other_local_answers_say_it_first_too(run_action):
    for action, fixture in ((local.ActionWbl(), "wbl_internships"), (local.ActionPartners(), "partners_health")):
        run = await run_action(action, fixture)
        assert NOTE in run.text, fixture


def test_the_query_api_knows_which_district_is_a_sample(action_engine):
    with Session(action_engine, future=True) as session:
        assert queries.sample_districts(session) == {
            "sample-confluence": "Confluence Community School District (Sample)"
        }
        programs = queries.cte_programs(session, school_id="cf-career-academy")
    assert programs and {p.district_id for p in programs} == {"sample-confluence"}
