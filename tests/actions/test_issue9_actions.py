"""Issue 9 wiring through the real actions on the real KB: likes and dislikes, typed codes, no echoed sentences.

Interest codes are literals from O*NET 29.3 Interests.txt (first high-point 3 = Artistic)."""

from __future__ import annotations

from actions import exploration
from conftest import load_state, payload_entities, uncited_figures


async def test_a_dislike_named_first_is_not_read_as_a_like(run_action):
    # the NLU extracts both "math" and "drawing" as subjects; only drawing is liked
    run = await run_action(exploration.ActionCareersForInterests(), "interests_dislike_math")
    assert "Since you like drawing," in run.text
    assert "math" not in run.text.split("\n")[0]
    assert run.slots()["riasec_code"].startswith("A")
    codes = [payload_entities(b).get("occupation_code") for b in run.buttons]
    assert "27-1013.00" in codes  # Fine Artists, Including Painters, Sculptors, and Illustrators (AR)
    assert "15-2021.00" not in codes  # Mathematicians (IC)


async def test_only_a_dislike_ranks_the_remembered_code_without_it(run_action):
    run = await run_action(
        exploration.ActionCareersForInterests(),
        "interests_dislike_math",
        slots={"riasec_code": "IC"},
        latest_message={
            "text": "i hate math",
            "intent": {"name": "ask_careers_for_interests", "confidence": 0.97},
            "entities": [],
            "intent_ranking": [],
        },
    )
    assert "Based on what you told me before" in run.text
    assert run.slots()["riasec_code"] == "IC"


async def test_a_typed_holland_code_is_understood(run_action):
    run = await run_action(
        exploration.ActionCareersForInterests(),
        "interests_dislike_math",
        latest_message={
            "text": "my code is SIA",
            "intent": {"name": "ask_careers_for_interests", "confidence": 0.97},
            "entities": [],
            "intent_ranking": [],
        },
    )
    assert run.slots()["riasec_code"] == "SIA"
    assert "Social" in run.text


async def test_a_sentence_is_not_quoted_back_as_a_job(run_action):
    from actions import occupations

    run = await run_action(occupations.ActionOccupationInfo(), "info_sentence_not_a_job")
    assert "honestly" not in run.text.lower() and "life" not in run.text.lower()
    assert "that job" in run.text
    resume = await run_action(occupations.ActionOccupationInfo(), "info_pasted_resume")
    assert "Corner Market" not in resume.text and "cashier corner" not in resume.text.lower()
    unknown = await run_action(occupations.ActionOccupationInfo(), "info_unknown_job")
    assert 'don\'t have "unicorn wrangler"' in unknown.text  # a short name in a question is still quoted


async def test_a_nearest_group_is_announced_before_its_facts(run_action):
    from actions import occupations

    run = await run_action(occupations.ActionOccupationInfo(), "info_esports")
    first = run.text.split("\n\n")[0]
    assert first.startswith("Heads up:") and '"esports player"' in first
    assert "Athletes and Sports Competitors" in first  # O*NET 27-2021.00
    nurse = await run_action(occupations.ActionOccupationInfo(), "info_nurse")
    assert not nurse.text.startswith("Heads up")


async def test_an_everyday_activity_reaches_the_occupations_onet_names_for_it(run_action):
    run = await run_action(
        exploration.ActionCareersForInterests(),
        "interests_dislike_math",
        latest_message={
            "text": "i like fixing cars",
            "intent": {"name": "ask_careers_for_interests", "confidence": 0.97},
            "entities": [{"entity": "subject", "value": "fixing cars", "start": 7, "end": 18}],
            "intent_ranking": [],
        },
    )
    assert "Since you like fixing cars," in run.text
    # O*NET 29.3 titles: Automotive Body and Related Repairers (49-3021.00), Automotive Service
    # Technicians and Mechanics (49-3023.00)
    codes = [payload_entities(b).get("occupation_code") for b in run.buttons]
    assert {"49-3021.00", "49-3023.00"} & set(codes)
    assert "Floor Sanders" not in run.text


def _message(text: str, intent: str = "ask_occupation_info") -> dict:
    return {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": [], "intent_ranking": []}


async def test_two_jobs_are_compared_side_by_side(run_action):
    from actions import occupations

    run = await run_action(
        occupations.ActionOccupationInfo(), "info_nurse", latest_message=_message("compare electricians and plumbers")
    )
    # BLS OEWS May 2025 national medians; BLS Employment Projections 2024-34 percent change
    assert run.text.startswith("Electricians and Plumbers, Pipefitters, and Steamfitters, side by side:")
    assert "$63,190" in run.text and "$63,800" in run.text
    assert "+9.5%" in run.text and "+4.5%" in run.text
    assert "Plumbers, Pipefitters, and Steamfitters has the higher median pay." in run.text
    assert "Electricians is expected to grow faster." in run.text
    assert "Both usually need the same education to start." in run.text
    assert uncited_figures(run.text) == []
    codes = {payload_entities(b).get("occupation_code") for b in run.buttons}
    assert codes == {"47-2111.00", "47-2152.00"}


async def test_which_is_faster_to_get_into(run_action):
    from actions import occupations

    run = await run_action(
        occupations.ActionOccupationInfo(),
        "info_nurse",
        latest_message=_message("which is faster to get into, phlebotomist or registered nurse?"),
    )
    assert "postsecondary nondegree award" in run.text and "bachelor's degree" in run.text
    assert "Phlebotomists usually needs less education to start." in run.text


async def test_two_routes_say_what_the_kb_does_not_know(run_action):
    from actions import occupations

    run = await run_action(
        occupations.ActionOccupationInfo(),
        "info_nurse",
        slots={"occupation_code": "47-2111.00"},
        latest_message=_message("college or apprenticeship, which is better for that?"),
    )
    assert run.text.startswith("College or Apprenticeship for Electricians:")
    assert "I don't have program lengths or costs" in run.text


async def test_a_single_job_question_is_not_a_comparison(run_action):
    from actions import occupations

    run = await run_action(occupations.ActionOccupationInfo(), "info_nurse")
    assert "side by side" not in run.text and run.text.startswith("Registered Nurses")


async def test_one_job_in_two_states(run_action):
    from actions import occupations

    text = "do electricians make more in california or texas?"
    states = [
        {"entity": "state", "start": 29, "end": 39, "value": "CA"},
        {"entity": "state", "start": 43, "end": 48, "value": "TX"},
    ]
    run = await run_action(
        occupations.ActionPay(),
        "pay_named_state",
        latest_message={**_message(text, "ask_pay"), "entities": states},
    )
    # BLS OEWS May 2025 annual medians for 47-2111: California, Texas, U.S.
    assert run.text.startswith("Pay for Electricians in California and Texas:")
    assert "California: median pay $76,160 a year" in run.text
    assert "Texas: median pay $58,570 a year" in run.text
    assert "The whole U.S.: median pay $63,190 a year" in run.text
    assert "It is higher in California." in run.text
    assert uncited_figures(run.text) == []


async def test_two_routes_asked_as_routes(run_action):
    from actions import occupations

    general = await run_action(
        occupations.ActionPostsecondaryOptions(),
        "postsecondary_general",
        latest_message=_message("trade school vs college", "ask_postsecondary_options"),
    )
    assert general.text.startswith("Trade or technical school or College:")
    assert "Tell me a job you're curious about" in general.text
    assert "I don't have program lengths or costs" in general.text
    three = await run_action(occupations.ActionPostsecondaryOptions(), "postsecondary_general")
    assert "side by side" not in three.text and not three.text.startswith("College or")


async def test_which_one_after_two_jobs_compares_them(run_action):
    from actions import occupations

    state = load_state("info_nurse", latest_message=_message("which one is growing faster?", "ask_outlook"))
    offered = [
        {"title": "Electricians", "payload": '/ask_occupation_info{"occupation_code":"47-2111.00"}'},
        {
            "title": "Plumbers, Pipefitters, and Steamfitters",
            "payload": '/ask_occupation_info{"occupation_code":"47-2152.00"}',
        },
    ]
    state["events"].insert(-1, {"event": "bot", "text": "side by side", "data": {"buttons": offered}})
    run = await run_action(occupations.ActionOutlook(), state)
    assert "Electricians is expected to grow faster." in run.text  # EP 2024-34: +9.5% vs +4.5%
    three = load_state("state_three_jobs", latest_message=_message("which one pays more?", "ask_pay"))
    run3 = await run_action(occupations.ActionPay(), three)
    assert "side by side" not in run3.text  # three were offered: "which one" is not a two-way comparison


async def test_the_second_one_from_the_list_just_offered(run_action):
    from actions import occupations

    state = load_state("state_three_jobs")  # offered: Electricians, Plumbers…, Carpenters; latest "the second one"
    run = await run_action(occupations.ActionOccupationInfo(), state)
    assert run.text.startswith("Plumbers, Pipefitters, and Steamfitters")
    assert run.slots()["occupation_code"] == "47-2152.00"
    last = load_state("state_three_jobs", latest_message=_message("how much does that last one make", "ask_pay"))
    pay = await run_action(occupations.ActionPay(), last)
    assert "Carpenters" in pay.text.split("\n")[0]
    plain = load_state("state_three_jobs", latest_message=_message("what's the first step to get a job", "ask_pay"))
    remembered = await run_action(occupations.ActionPay(), plain)
    assert "Software Developers" in remembered.text.split("\n")[0]  # no list reference: the current job
