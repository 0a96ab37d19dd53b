"""Honest edges (career_kb.answers.edges): text that is no job title; "All Other" and broader matches."""

from __future__ import annotations

import pytest

from career_kb import queries
from career_kb.answers.edges import is_all_other, match_edge, quotable, title_check

RESUME = """Jordan Example
jordan@example.com | (555) 123-4567
Experience: Cashier, Corner Market, 2023 - present
Education: Lincoln High School, GPA 3.6
Skills: customer service, Excel"""


@pytest.mark.parametrize(
    "text, ok, reason",
    [
        ("electrician", True, ""),
        ("physical therapist assistant", True, ""),
        ("Esports player", True, ""),
        ("video game tester", True, ""),
        ("What does a counselor recommend for a junior who likes chemistry?", False, "question"),
        ("how do i become a vet", False, "question"),
        ("is nursing hard", False, "question"),
        ("i think i want to do something with my hands", False, "sentence"),
        ("my mom says i should be a lawyer", False, "sentence"),
        (RESUME, False, "resume"),
        ("blue green purple orange yellow red black white", False, "too_long"),
        ("nurse. doctor. teacher", False, "too_long"),
        ("", False, "empty"),
        ("   ", False, "empty"),
        ("12345 !!!", False, "no_words"),
    ],
)
def test_title_check(text, ok, reason):
    check = title_check(text)
    assert (check.could_be_title, check.reason) == (ok, reason)


@pytest.mark.parametrize(
    "title, expected",
    [
        # titles as written in O*NET 29.3 Occupation Data.txt
        ("Computer Occupations, All Other", True),
        ("Entertainers and Performers, Sports and Related Workers, All Other", True),
        ("Media and Communication Workers, All Other", True),
        ("Software Developers", False),
        ("Athletes and Sports Competitors", False),
    ],
)
def test_all_other_titles(title, expected):
    assert is_all_other(title) is expected


def test_an_all_other_group_says_so(kb_session):
    d = queries.occupation_details(kb_session, "27-2099.00")
    edge = match_edge(kb_session, d, "esports")
    assert edge.all_other and not edge.exact
    assert edge.title == "Entertainers and Performers, Sports and Related Workers, All Other"


def test_a_title_or_alias_is_an_exact_match(kb_session):
    d = queries.occupation_details(kb_session, "29-1141.00")
    assert match_edge(kb_session, d, "registered nurse").exact
    assert match_edge(kb_session, d, None).exact  # chosen by a button: nothing to warn about


def test_words_the_occupation_does_not_have_make_it_broader(kb_session):
    d = queries.occupation_details(kb_session, "27-2021.00")  # Athletes and Sports Competitors
    edge = match_edge(kb_session, d, "esports gamer")
    assert edge.broader and not edge.all_other


@pytest.mark.parametrize(
    "query, said, ok",
    [
        ("unicorn wrangler", "What does a unicorn wrangler do", True),
        ("unicorn wrangler", None, True),
        ("honestly idea life", "honestly i have no idea what i want to do with my life", False),
        (
            "counselor recommend junior like chemistry",
            "What does a counselor recommend for a junior who likes chemistry?",
            False,
        ),
        ("experience cashier corner market", RESUME, False),
        ("what do i do", None, False),
        ("one growing faster", "which one is growing faster?", False),  # a reference, not a job
    ],
)
def test_quotable(query, said, ok):
    assert quotable(query, said) is ok


@pytest.mark.parametrize(
    "code, asked, broader",
    [
        ("27-2021.00", "esports player", True),  # a project alias weighted 0.9: the nearest group, not the job
        ("21-1023.00", "crisis counselor", False),  # O*NET alternate title "Crisis Intervention Counselor"
        ("33-3051.00", "cop", False),  # a full-weight alias of Police and Sheriff's Patrol Officers
        ("47-2152.00", "plumber", False),
    ],
)
def test_broader_only_when_neither_onet_nor_a_full_alias_names_it(kb_session, code, asked, broader):
    d = queries.occupation_details(kb_session, code)
    assert match_edge(kb_session, d, asked).broader is broader
