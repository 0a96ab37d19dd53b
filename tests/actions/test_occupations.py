"""Occupation answers on real tracker fixtures and the real KB: citations, buttons, candidates, honesty."""

from __future__ import annotations

import pytest

from actions import followup, occupations
from conftest import payload_entities, payload_intents, uncited_figures

NURSE, ELECTRICIAN = "29-1141.00", "47-2111.00"


@pytest.mark.parametrize(
    "action, fixture",
    [
        (occupations.ActionOccupationInfo(), "info_nurse"),
        (occupations.ActionPay(), "pay_followup_with_state"),
        (occupations.ActionPay(), "pay_button_no_state"),
        (occupations.ActionOutlook(), "outlook_electrician"),
        (occupations.ActionPathway(), "pathway_electrician"),
        (occupations.ActionSkills(), "skills_nurse"),
        (occupations.ActionSimilar(), "similar_followup"),
        (occupations.ActionPostsecondaryOptions(), "postsecondary_electrician"),
        (followup.ActionFollowupOccupation(), "followup_for_nurses"),
    ],
)
async def test_every_number_is_cited_and_answers_end_with_buttons(run_action, action, fixture):
    run = await run_action(action, fixture)
    assert run.messages, "the action said nothing"
    assert uncited_figures(run.text) == []
    assert len(run.buttons) >= 2
    slots = run.slots()
    assert slots["occupation_code"] and slots["occupation_title"]


async def test_info_names_the_occupation_and_sets_context(run_action):
    run = await run_action(occupations.ActionOccupationInfo(), "info_nurse")
    assert run.text.startswith("Registered Nurses")
    assert "$" in run.text  # a quick look at the pay...
    assert "(BLS OEWS, May 2025)" in run.text  # ...with its source and year
    slots = run.slots()
    assert slots["occupation_code"] == NURSE and slots["last_topic"] == "info"
    assert slots["cluster_id"] == "health-science"
    assert all(payload_entities(b).get("occupation_code") == NURSE for b in run.buttons)


async def test_engineer_offers_candidate_buttons(run_action):
    run = await run_action(occupations.ActionOccupationInfo(), "info_engineer")
    assert "could mean" in run.text
    codes = [payload_entities(b).get("occupation_code") for b in run.buttons]
    candidates = [c for c in codes if c]
    assert len(candidates) >= 3 and len(set(candidates)) == len(candidates)
    assert set(payload_intents(run.buttons)[: len(candidates)]) == {"ask_occupation_info"}
    assert "occupation_code" not in run.slots()  # nothing chosen yet


async def test_unknown_job_is_said_honestly_with_closest_matches(run_action):
    run = await run_action(occupations.ActionOccupationInfo(), "info_unknown_job")
    assert 'don\'t have "unicorn wrangler"' in run.text
    closest = [b for b in run.buttons if payload_entities(b).get("occupation_code")]
    assert closest, "closest matches are offered as buttons"
    assert "$" not in run.text  # no made-up facts about an unknown job
    assert run.slots() == {}


async def test_no_occupation_at_all_asks_which_one(run_action):
    run = await run_action(occupations.ActionOccupationInfo(), "info_no_occupation")
    assert "Which career" in run.text
    assert len(run.buttons) >= 3


async def test_pay_follow_up_uses_the_remembered_occupation_and_state(run_action):
    run = await run_action(occupations.ActionPay(), "pay_followup_with_state")
    assert "In the U.S." in run.text and "In Iowa" in run.text
    assert run.text.count("(BLS OEWS, May 2025)") >= 2
    assert run.slots()["last_topic"] == "pay"


async def test_pay_without_state_gives_national_only_and_offers_state(run_action):
    run = await run_action(occupations.ActionPay(), "pay_button_no_state")
    assert "Electricians" in run.text and "In the U.S." in run.text
    assert "In Iowa" not in run.text
    assert "ZIP" in run.text


async def test_state_pay_changes_with_the_state(run_action):
    iowa = await run_action(occupations.ActionPay(), "pay_followup_with_state")
    texas = await run_action(occupations.ActionPay(), "pay_followup_with_state", slots={"state": "TX"})
    assert "In Texas" in texas.text and "In Iowa" not in texas.text
    assert iowa.text != texas.text


async def test_pathway_names_education_training_and_routes(run_action):
    run = await run_action(occupations.ActionPathway(), "pathway_electrician")
    for word in ("Typical education", "Apprenticeship", "Trade or technical school", "Military", "on the job"):
        assert word in run.text
    assert "Apprenticeship: the usual route" in run.text  # BLS: electricians train by apprenticeship
    assert "ask_postsecondary_options" in payload_intents(run.buttons)


async def test_skills_map_knowledge_to_school_subjects(run_action):
    run = await run_action(occupations.ActionSkills(), "skills_nurse")
    assert "Classes that help:" in run.text
    assert "Biology" in run.text or "Health science" in run.text


async def test_similar_lists_related_careers_as_buttons(run_action):
    run = await run_action(occupations.ActionSimilar(), "similar_followup")
    related = [
        payload_entities(b).get("occupation_code")
        for b in run.buttons
        if payload_intents([b]) == ["ask_occupation_info"]
    ]
    assert related and NURSE not in related


async def test_followup_reruns_the_last_topic_for_the_new_occupation(run_action):
    run = await run_action(followup.ActionFollowupOccupation(), "followup_for_nurses")
    assert run.text.startswith("Pay for Registered Nurses")  # last_topic was pay; now for nurses
    assert run.slots()["occupation_code"] == NURSE
    outlook = await run_action(
        followup.ActionFollowupOccupation(), "followup_for_nurses", slots={"last_topic": "outlook"}
    )
    assert outlook.text.startswith("Job outlook for Registered Nurses")


async def test_postsecondary_options_adapt_to_the_occupation(run_action):
    electrician = await run_action(occupations.ActionPostsecondaryOptions(), "postsecondary_electrician")
    assert "Trade or technical school" in electrician.text.split("\n\n")[2].splitlines()[0]  # the asked option first
    assert "Apprenticeship: the usual route" in electrician.text
    assert "(NCES CIP 2020)" in electrician.text  # programs of study, cited
    nurse = await run_action(
        occupations.ActionPostsecondaryOptions(),
        "postsecondary_electrician",
        latest_message={
            "text": "college or trade school for nursing?",
            "intent": {"name": "ask_postsecondary_options"},
            "entities": [{"entity": "occupation", "value": "registered nurse"}],
        },
    )
    assert "College: the usual route" in nurse.text
    assert "Apprenticeship: not the usual route" in nurse.text


async def test_postsecondary_without_occupation_compares_all_five(run_action):
    run = await run_action(occupations.ActionPostsecondaryOptions(), "postsecondary_general")
    for name in ("College", "Trade or technical school", "Apprenticeship", "Military", "Work"):
        assert name in run.text
    assert len(run.buttons) >= 3


async def test_pay_for_a_named_state_overrides_and_remembers_it(run_action):
    # "what about in texas?" after an electrician answer, from a student whose profile says Iowa
    run = await run_action(occupations.ActionPay(), "pay_named_state")
    assert "Electricians" in run.text
    assert "In the U.S." in run.text and "In Texas" in run.text  # national for comparison, then the state asked for
    assert "In Iowa" not in run.text
    assert run.text.count("(BLS OEWS, May 2025)") >= 2
    assert uncited_figures(run.text) == []
    slots = run.slots()
    assert slots["state"] == "TX" and slots["occupation_code"] == ELECTRICIAN and slots["last_topic"] == "pay"


async def test_a_state_name_is_not_read_as_a_job_name(run_action):
    # no occupation remembered: "how much in texas?" asks which career instead of guessing one from "texas"
    run = await run_action(
        occupations.ActionPay(),
        "pay_named_state",
        slots={"occupation_code": None, "occupation_title": None, "state": None},
    )
    assert "Which career" in run.text
    assert "$" not in run.text
    assert run.slots() == {}


async def test_pay_with_a_named_state_and_a_named_job(run_action):
    # "how much do nurses make in California": the occupation entity and the state entity together
    text = "how much do nurses make in California"
    entities = [
        {"entity": "occupation", "start": 12, "end": 18, "value": "nurses"},
        {"entity": "state", "start": 27, "end": 37, "value": "CA"},
    ]
    message = {"text": text, "intent": {"name": "ask_pay", "confidence": 0.95}, "entities": entities}
    run = await run_action(
        occupations.ActionPay(),
        "pay_named_state",
        latest_message=message,
        slots={"occupation_code": None, "occupation_title": None, "state": None},
    )
    assert "Registered Nurses" in run.text
    assert "In the U.S." in run.text and "In California" in run.text
    assert run.slots()["state"] == "CA" and run.slots()["occupation_code"] == NURSE


async def test_followup_naming_only_a_state_answers_pay_there(run_action):
    # "and what about massachusetts" read as followup_occupation: a state, not a job, so pay for the same job
    text = "and what about massachusetts"
    message = {
        "text": text,
        "intent": {"name": "followup_occupation", "confidence": 0.8},
        "entities": [{"entity": "state", "start": 15, "end": 28, "value": "MA"}],
    }
    run = await run_action(
        followup.ActionFollowupOccupation(), "pay_named_state", latest_message=message, slots={"last_topic": "outlook"}
    )
    assert "Pay for Electricians" in run.text and "In Massachusetts" in run.text
    assert "don't have" not in run.text
    assert run.slots()["state"] == "MA" and run.slots()["last_topic"] == "pay"
