"""The lookup policy (career_kb.answers.lookup) on the built KB: which occupation a student means."""

from __future__ import annotations

from career_kb.answers.lookup import find_occupation, resolve_code


def test_a_button_code_wins(kb_session):
    found = find_occupation(kb_session, "47-2111.00", "nurse", "what about nurses", "29-1141.00", None)
    assert found.status == "found" and found.details.title == "Electricians"


def test_a_generic_name_is_sharpened_by_the_whole_message(kb_session):
    found = find_occupation(kb_session, None, "counselor", "what does a crisis counselor do", None, None)
    assert found.status == "found" and found.details.onet_code == "21-1023.00"
    assert find_occupation(kb_session, None, "counselor", "counselor", None, None).status == "ambiguous"


def test_the_remembered_occupation_answers_a_follow_up(kb_session):
    found = find_occupation(kb_session, None, None, "what about the pay?", "29-1141.00", "IA")
    assert found.details.title == "Registered Nurses" and found.details.state_wage.area == "IA"


def test_nothing_named_and_nothing_remembered(kb_session):
    assert find_occupation(kb_session, None, None, "", None, None).status == "none"


def test_an_unknown_job_with_nothing_close_offers_nothing(kb_session):
    found = find_occupation(kb_session, None, "zorblax", "what does a zorblax do", None, None)
    assert found.status == "unknown" and found.closest == ()


def test_resolve_code(kb_session):
    assert resolve_code(kb_session, None, "electrician") == "47-2111.00"
    assert resolve_code(kb_session, "29-1141.00", "electrician") == "29-1141.00"
    assert resolve_code(kb_session, None, None) is None


def test_a_code_is_normalised_wherever_it_is_typed(kb_session):
    assert resolve_code(kb_session, "29-1141", None) == "29-1141.00"
    found = find_occupation(kb_session, "15-1252", None, "", None, None)
    assert found.status == "found" and found.details.onet_code == "15-1252.00"
    typed = find_occupation(kb_session, None, None, "what is 47-2111?", None, None)
    assert typed.status == "found" and typed.details.title == "Electricians"


def test_the_words_of_a_degree_question_are_not_taken_for_a_job_name(kb_session):
    found = find_occupation(kb_session, None, None, "what degree do i need for business", None, None)
    assert found.query == "business"
    assert found.status == "ambiguous" and found.candidates[0].title == "Management Analysts"
    assert find_occupation(kb_session, None, None, "what degree do i need", None, None).status == "none"


def test_a_misspelled_job_in_a_question_is_found(kb_session):
    found = find_occupation(kb_session, None, None, "how long does it take to become a plumer", None, None)
    assert found.status == "found" and found.details.onet_code == "47-2152.00"


def test_a_longer_title_around_a_generic_entity_wins(kb_session):
    # the ruler tags only "managers"; O*NET lists "Corporate Sustainability Process Manager" under 11-1011.03
    text = "how much do corporate sustainability process managers make in new york?"
    found = find_occupation(kb_session, None, "managers", text, None, "NY")
    assert found.status == "found" and found.details.onet_code == "11-1011.03"
    found = find_occupation(kb_session, None, "nurses", "how much do nurses make in new york", None, "NY")
    assert found.details.onet_code == "29-1141.00"
