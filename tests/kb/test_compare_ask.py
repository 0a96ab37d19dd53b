"""Reading comparison questions (career_kb.answers.compare_ask); codes are O*NET 29.3 literals."""

from __future__ import annotations

import pytest

from career_kb.answers.compare_ask import CompareAsk, ResolvedSides, comparison_sides, resolve_sides


@pytest.mark.parametrize(
    "text, left, right, aspect",
    [
        ("compare electricians and plumbers", "electricians", "plumbers", None),
        ("nurse vs software developer", "nurse", "software developer", None),
        (
            "which is faster to get into, phlebotomist or registered nurse?",
            "phlebotomist",
            "registered nurse",
            "preparation",
        ),
        ("college or apprenticeship, which is better for that?", "college", "apprenticeship", None),
        ("trade school vs college", "trade school", "college", None),
        ("difference between a dental hygienist and a registered nurse", "dental hygienist", "registered nurse", None),
        ("should i be a nurse or a teacher", "nurse", "teacher", None),
        ("which pays more, electrician or plumber", "electrician", "plumber", "pay"),
        ("is it better to go to college or the military", "college", "military", None),
        ("electrician vs. plumber which is growing faster", "electrician", "plumber", "growth"),
        ("which costs less, trade school or college", "trade school", "college", "cost"),
    ],
)
def test_comparison_sides(text, left, right, aspect):
    assert comparison_sides(text) == CompareAsk(left, right, aspect)


@pytest.mark.parametrize("text", ["what does an electrician do", "tell me about nurses", "", "compare"])
def test_no_comparison(text):
    assert comparison_sides(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("compare electricians and plumbers", ResolvedSides("occupations", "47-2111.00", "47-2152.00")),
        ("nurse vs software developer", ResolvedSides("occupations", "29-1141.00", "15-1252.00")),
        ("trade school vs college", ResolvedSides("routes", "trade_school", "college")),
        ("is it better to go to college or the military", ResolvedSides("routes", "college", "military")),
        ("i like zorblaxes or flimflams", ResolvedSides("")),
    ],
)
def test_resolve_sides(kb_session, text, expected):
    assert resolve_sides(kb_session, comparison_sides(text)) == expected
