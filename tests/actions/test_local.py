"""CTE programs, work-based learning, partners and events: asking for the place only when needed."""

from __future__ import annotations

from actions import local


async def test_programs_without_school_or_zip_hand_over_to_the_profile_form(run_action):
    run = await run_action(local.ActionCtePrograms(), "cte_no_location")
    assert run.messages == []  # the form asks (actions/forms.py)
    assert run.slots() == {"pending_action": "action_cte_programs"}
    assert run.followup() == "profile_form"


async def test_programs_with_a_known_school_do_not_ask(run_action):
    run = await run_action(local.ActionCtePrograms(), "cte_with_school")
    assert "Which school" not in run.text
    assert "pending_action" not in run.slots() and run.followup() is None
    first = run.text.splitlines()[1]
    assert "Confluence Career & Technical Academy" in first  # the student's own school first
    assert "Nurse Aide and Patient Care" in run.text
    assert run.slots()["last_topic"] == "programs"
    assert len(run.buttons) >= 3


async def test_zip_in_the_message_is_used_and_remembered(run_action):
    run = await run_action(local.ActionCtePrograms(), "cte_zip_in_message")
    assert "Which school" not in run.text and "CTE programs near you" in run.text
    slots = run.slots()
    assert slots["zip"] == "50315" and slots["state"] == "IA" and slots["student_id"]


async def test_internships_near_me_filters_by_type_and_grade(run_action):
    run = await run_action(local.ActionWbl(), "wbl_internships")
    lines = [line for line in run.text.splitlines() if line.startswith("• ")]
    assert lines and all(line.startswith("• Internship:") for line in lines)
    assert "grades 11-12" in run.text or "grades 10-12" in run.text
    assert "How to sign up" in run.text
    ninth = await run_action(local.ActionWbl(), "wbl_internships", slots={"grade": 9.0})
    assert "• Internship:" not in ninth.text  # no internship takes 9th graders in the sample


async def test_events_are_events_for_the_grade(run_action):
    run = await run_action(local.ActionEvents(), "events_middle")
    items = [line for line in run.text.splitlines() if line.startswith("• ")]
    assert items
    assert all(line.split(":")[0][2:] in ("Guest speaker", "Field trip", "Career fair") for line in items)
    assert "Internship" not in run.text
    assert run.slots()["last_topic"] == "events"


async def test_partners_for_a_cluster(run_action):
    run = await run_action(local.ActionPartners(), "partners_health")
    assert "Health Science" in run.text and "Meadowlark Regional Health" in run.text
    assert run.slots()["cluster_id"] == "health-science"
    assert len(run.buttons) >= 2


async def test_events_without_location_ask(run_action):
    run = await run_action(local.ActionEvents(), "events_middle", slots={"school_id": None, "zip": None})
    assert run.slots() == {"pending_action": "action_events"} and run.followup() == "profile_form"


async def test_programs_prefer_the_cluster_the_student_looked_at(run_action):
    # Military officers (government cluster) have no program at Walnut Creek: the close-by list starts
    # with the cluster the student looked at (human services), not the alphabetically first program.
    slots = {
        "occupation_code": "55-1011.00",
        "occupation_title": "Military Officer Special and Tactical Operations Leaders",
        "school_id": "cf-walnutcreek-hs",
        "zip": "50322",
        "grade": 10.0,
        "cluster_id": "human-services",
    }
    msg = {
        "text": "what programs are at my school?",
        "intent": {"name": "ask_cte_programs", "confidence": 0.97},
        "entities": [],
    }
    run = await run_action(local.ActionCtePrograms(), "cte_with_school", slots=slots, latest_message=msg)
    lines = [line for line in run.text.splitlines() if line.startswith("•")]
    assert "leads straight to" in run.text
    assert lines[0].startswith("• Early Childhood Education")
    plain = await run_action(
        local.ActionCtePrograms(), "cte_with_school", slots={**slots, "cluster_id": None}, latest_message=msg
    )
    plain_lines = [line for line in plain.text.splitlines() if line.startswith("•")]
    assert plain_lines[0].startswith("• Architectural Design and Drafting")
    assert lines != plain_lines
