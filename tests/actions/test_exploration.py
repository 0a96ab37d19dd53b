"""Careers for interests, clusters and grade-fitted next steps, on the real KB."""

from __future__ import annotations

from sqlalchemy import select

from actions import exploration
from actions import kb as action_kb
from career_kb import students
from career_kb.models import Occupation
from conftest import payload_entities, payload_intents, uncited_figures


def _zones(session, codes):
    return dict(
        session.execute(select(Occupation.onet_code, Occupation.job_zone).where(Occupation.onet_code.in_(codes))).all()
    )


async def test_biology_and_helping_people_gives_cited_IS_careers(run_action, action_engine):
    run = await run_action(exploration.ActionCareersForInterests(), "interests_biology_grade7")
    assert "biology and helping people" in run.text
    assert "Investigative" in run.text and "Social" in run.text
    assert uncited_figures(run.text) == []
    codes = [
        payload_entities(b)["occupation_code"] for b in run.buttons if payload_intents([b]) == ["ask_occupation_info"]
    ]
    assert len(codes) >= 3
    assert run.slots()["riasec_code"].startswith("IS")
    with action_engine.connect() as conn:
        from sqlalchemy.orm import Session

        with Session(bind=conn) as session:
            assert max(_zones(session, codes).values()) <= 3  # middle school: capped at job zone 3
            profile = students.get_profile(session, run.slots()["student_id"])
    assert profile.riasec_code.startswith("IS")
    assert "biology" in profile.interests and "helping people" in profile.interests


async def test_the_job_zone_cap_depends_on_the_grade(run_action):
    seventh = await run_action(exploration.ActionCareersForInterests(), "interests_biology_grade7")
    eleventh = await run_action(exploration.ActionCareersForInterests(), "interests_biology_grade11")
    codes7 = [payload_entities(b).get("occupation_code") for b in seventh.buttons]
    codes11 = [payload_entities(b).get("occupation_code") for b in eleventh.buttons]
    assert codes7 != codes11
    assert "without a long degree" in seventh.text and "without a long degree" not in eleventh.text


async def test_no_interests_asks_with_buttons(run_action):
    run = await run_action(exploration.ActionCareersForInterests(), "interests_nothing_said")
    assert "What do you like?" in run.text
    # the subject choices, then the interest quiz
    assert [payload_intents([b])[0] for b in run.buttons][-2:] == ["ask_careers_for_interests", "take_quiz"]
    assert all(payload_entities(b).get("subject") for b in run.buttons[:-1])


async def test_remembered_interest_code_is_used_when_nothing_new_is_said(run_action):
    run = await run_action(
        exploration.ActionCareersForInterests(), "interests_nothing_said", slots={"riasec_code": "RIC"}
    )
    assert "Based on what you told me before" in run.text and "Realistic" in run.text


async def test_clusters_list_and_one_cluster(run_action):
    listing = await run_action(exploration.ActionClusters(), "clusters_list")
    assert len(listing.buttons) == 16 and "(O*NET Career Clusters, 2023)" in listing.text
    health = await run_action(exploration.ActionClusters(), "clusters_health")
    assert health.text.startswith("Health Science") and "Therapeutic Services" in health.text
    assert uncited_figures(health.text) == []
    assert health.slots() == {"cluster_id": "health-science"}
    assert "ask_cte_programs" in payload_intents(health.buttons)


async def test_next_step_asks_the_grade_only_when_unknown(run_action):
    run = await run_action(exploration.ActionNextStep(), "next_step_no_grade")
    assert run.messages == [] and run.followup() == "profile_form"  # the form asks (actions/forms.py)
    assert run.slots() == {"pending_action": "action_next_step"}
    known = await run_action(exploration.ActionNextStep(), "next_step_middle")
    assert "what grade" not in known.text and "pending_action" not in known.slots()


async def test_middle_and_high_school_next_steps_differ(run_action):
    middle = await run_action(exploration.ActionNextStep(), "next_step_middle")
    high = await run_action(exploration.ActionNextStep(), "next_step_high")
    assert "exploring" in middle.text and "electives" in middle.text.lower()
    assert "career event" in middle.text.lower()
    assert "CTE" not in middle.text and "dual credit" not in middle.text
    assert "CTE course" in high.text and "certification" in high.text and "dual credit" in high.text
    assert "work-based learning" in high.text and "Registered Nurses" in high.text
    assert uncited_figures(high.text) == []
    assert "ask_wbl" in payload_intents(high.buttons) and "ask_careers_for_interests" in payload_intents(middle.buttons)


async def test_twelfth_grade_gets_application_steps(run_action):
    run = await run_action(exploration.ActionNextStep(), "next_step_high", slots={"grade": 12.0})
    assert "FAFSA" in run.text
    ninth = await run_action(exploration.ActionNextStep(), "next_step_high", slots={"grade": 9.0})
    assert "FAFSA" not in ninth.text


def test_kb_module_is_bound_to_the_test_kb(action_engine):
    assert action_kb.session_factory().kw["bind"] is action_engine


async def test_next_step_asks_the_school_and_resumes_after_it(run_action, action_engine):
    # grade known, no school or ZIP: the profile form asks, and next steps answer once it is done
    run = await run_action(exploration.ActionNextStep(), "next_step_no_location")
    assert run.messages == [] and run.followup() == "profile_form"
    assert run.slots() == {"pending_action": "action_next_step", "grade": 10.0}
    # the answer resumes next steps, now with the school's programs
    located = await run_action(
        exploration.ActionNextStep(), "next_step_no_location", slots={"school_id": "cf-walnutcreek-hs", "zip": "50322"}
    )
    assert "Next steps for 10th grade" in located.text and "Walnut Creek High School" in located.text
    assert "pending_action" not in located.slots()
