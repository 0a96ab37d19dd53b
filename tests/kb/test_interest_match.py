"""Careers for likes and dislikes (career_kb.interest_match) on the built KB.

Expected occupations and their interest codes are literals from O*NET 29.3: ``Occupation Data.txt``
(titles, descriptions) and ``Interests.txt`` (high-point codes: 1 R, 2 I, 3 A, 4 S, 5 E, 6 C)."""

from __future__ import annotations

import pytest

from career_kb.interest_match import DISLIKE_ACTIVITY_PENALTY, activity_lookup, careers_for_parse, interest_scores
from career_kb.likes import parse_interests


def codes(session, text, limit=5):
    return [o.onet_code for o in careers_for_parse(session, parse_interests(text), limit=limit)]


def test_a_dislike_is_not_read_as_a_like(kb_session):
    found = careers_for_parse(kb_session, parse_interests("can't stand math, love drawing"), limit=5)
    # Fine Artists, Including Painters, Sculptors, and Illustrators: high points 3, 1 (AR)
    assert "27-1013.00" in [o.onet_code for o in found]
    assert all(o.riasec_code[0] == "A" for o in found)
    assert not any(o.riasec_code[0] in "IC" for o in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fixing cars", "49-3023.00"),  # Automotive Service Technicians and Mechanics (RCI)
        ("i love taking care of kids", "39-9011.00"),  # Childcare Workers (SCA)
        ("my code is SIA", "21-1013.00"),  # Marriage and Family Therapists (SI)
        ("i love animals but i hate blood", "39-2021.00"),  # Animal Caretakers
        ("artistic and social", "29-1129.01"),  # Art Therapists (SA)
    ],
)
def test_everyday_activities_reach_their_occupations(kb_session, text, expected):
    assert expected in codes(kb_session, text)


def test_a_typed_code_ranks_by_its_letters(kb_session):
    found = careers_for_parse(kb_session, parse_interests("RIA"), limit=5)
    assert found and all(o.riasec_code[0] in "RI" and "R" in o.riasec_code for o in found)


def test_activities_are_looked_up_in_onet_titles_and_descriptions(kb_session):
    assert activity_lookup(kb_session, "video games").onet_codes[0] == "15-1255.01"  # Video Game Designers
    assert "35-2014.00" in activity_lookup(kb_session, "cooking").onet_codes  # Cooks, Restaurant
    # Phlebotomists' description: "Draw blood for tests, transfusions, donations, or research."
    assert "31-9097.00" in activity_lookup(kb_session, "blood", limit=20).onet_codes
    assert activity_lookup(kb_session, "zorblaxing").onet_codes == ()


def test_dislikes_push_careers_down_never_up(kb_session):
    for liked, disliked in [
        ("i love medicine and helping people", " but i hate blood"),
        ("i love drawing", " but can't stand math"),
        ("i love building things", ", anything but sitting at a desk"),
        ("video games", " but not sports"),
    ]:
        before = interest_scores(kb_session, parse_interests(liked))
        after = interest_scores(kb_session, parse_interests(liked + disliked))
        assert before.keys() == after.keys()
        assert all(after[c] <= before[c] for c in before)
        assert any(after[c] < before[c] for c in before)


def test_a_disliked_activity_costs_the_occupations_that_do_it(kb_session):
    before = interest_scores(kb_session, parse_interests("i love medicine and helping people"))
    after = interest_scores(kb_session, parse_interests("i love medicine and helping people but i hate blood"))
    assert round(before["31-9097.00"] - after["31-9097.00"], 4) == DISLIKE_ACTIVITY_PENALTY  # Phlebotomists
    assert after["29-1141.00"] == before["29-1141.00"]  # Registered Nurses: no "blood" in its titles


def test_only_dislikes_give_no_list(kb_session):
    assert careers_for_parse(kb_session, parse_interests("i hate blood")) == []
    assert careers_for_parse(kb_session, parse_interests("hello")) == []


def test_the_grade_cap_applies(kb_session):
    found = careers_for_parse(kb_session, parse_interests("i like math"), job_zone_max=3, limit=5)
    assert found and all(o.job_zone <= 3 for o in found)
