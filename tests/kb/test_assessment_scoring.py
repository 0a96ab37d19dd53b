"""The interest quiz's item bank and scoring: simulated students whose answers encode a known profile
get that Holland code."""

from __future__ import annotations

import random

import pytest

from career_kb.assessment import bank, scoring


def _answers_for(levels: dict[str, tuple[str, ...]], version: str = "full") -> dict[str, str]:
    """Answer each area's items in turn with the answers listed for that area (cycled)."""
    answers, seen = {}, {}
    for item in bank.items_for(version):
        pattern = levels[item.area]
        answers[item.id] = pattern[seen.get(item.area, 0) % len(pattern)]
        seen[item.area] = seen.get(item.area, 0) + 1
    return answers


LIKE, UNSURE, DISLIKE = "like", "unsure", "dislike"


def test_bank_has_36_items_6_per_area_and_a_12_item_short_version():
    items = bank.items_for("full")
    assert len(items) == 36
    for area in "RIASEC":
        assert sum(i.area == area for i in items) == 6
        assert sum(i.area == area for i in bank.items_for("short")) == 2
    assert len(bank.items_for("short")) == 12
    assert bank.item_by_id("r1").text == "Fix a bike or a small engine"  # items.yml, first item


def test_items_are_short_plain_sentences():
    # a 6th-grade reading level, roughly: short items of short words (docs/assessment.md)
    for item in bank.all_items():
        words = item.text.replace(",", "").split()
        assert len(words) <= 11, item.text
        assert sum(len(w) for w in words) / len(words) <= 5.5, item.text


def test_a_broken_bank_is_refused():
    with pytest.raises(bank.BankError, match="at least 6"):
        bank.parse_items({"items": [{"id": "r1", "area": "R", "text": "x", "short": True}]})
    with pytest.raises(bank.BankError, match="unknown area"):
        bank.parse_items({"items": [{"id": "x1", "area": "Q", "text": "x"}]})
    with pytest.raises(ValueError):
        bank.items_for("medium")


@pytest.mark.parametrize(
    ("levels", "code"),
    [
        (
            {
                "R": (LIKE,),
                "I": (LIKE, LIKE, UNSURE),
                "C": (UNSURE, LIKE, DISLIKE),
                "A": (DISLIKE,),
                "S": (DISLIKE,),
                "E": (DISLIKE,),
            },
            "RIC",
        ),
        (
            {
                "S": (LIKE,),
                "A": (LIKE, UNSURE),
                "E": (UNSURE,),
                "R": (DISLIKE,),
                "I": (DISLIKE, UNSURE),
                "C": (DISLIKE,),
            },
            "SAE",
        ),
        (
            {
                "E": (LIKE,),
                "C": (LIKE, UNSURE, LIKE),
                "S": (UNSURE, DISLIKE, LIKE),
                "R": (DISLIKE,),
                "I": (DISLIKE,),
                "A": (DISLIKE,),
            },
            "ECS",
        ),
        (
            {
                "I": (LIKE,),
                "A": (LIKE, LIKE, UNSURE),
                "R": (UNSURE, LIKE, DISLIKE),
                "S": (DISLIKE,),
                "E": (DISLIKE,),
                "C": (UNSURE, DISLIKE, DISLIKE),
            },
            "IAR",
        ),
    ],
)
@pytest.mark.parametrize("version", ["full", "short"])
def test_simulated_students_get_their_code(levels, code, version):
    # the short version asks two items per area: a pattern's first two answers decide, and ties
    # (RIC: R and I both 1.0; IAR: I and A both 1.0) go to RIASEC order
    profile = scoring.score(bank.items_for(version), _answers_for(levels, version))
    assert profile.code == code


def test_scores_are_shares_of_the_points_possible():
    profile = scoring.score(
        bank.items_for("full"),
        _answers_for(
            {"R": (LIKE,), "I": (UNSURE,), "A": (DISLIKE,), "S": (LIKE, DISLIKE), "E": (UNSURE,), "C": (DISLIKE,)}
        ),
    )
    assert profile.scores == {"R": 1.0, "I": 0.5, "A": 0.0, "S": 0.5, "E": 0.5, "C": 0.0}
    assert profile.likes["S"] == 3 and profile.likes["I"] == 0
    # I, S and E tie at 0.5: S has likes, then I and E by RIASEC order
    assert profile.code == "RSI"


def test_ties_are_broken_the_same_way_every_time():
    answers = _answers_for(dict.fromkeys("RIASEC", (LIKE,)))
    assert scoring.score(bank.items_for("full"), answers).code == "RIA"  # RIASEC order
    assert scoring.is_flat(scoring.score(bank.items_for("full"), answers))


def test_skipped_items_do_not_pull_an_area_down():
    answers = _answers_for(
        {"R": (LIKE,), "I": (DISLIKE,), "A": (DISLIKE,), "S": (UNSURE,), "E": (DISLIKE,), "C": (DISLIKE,)}
    )
    for item_id in ("r2", "r3", "r4", "r5", "r6"):
        del answers[item_id]  # only r1 answered for R
    profile = scoring.score(bank.items_for("full"), answers)
    assert profile.scores["R"] == 1.0 and profile.answered["R"] == 1
    assert profile.code[:2] == "RS"


def test_unknown_items_and_answers_are_errors():
    with pytest.raises(ValueError, match="unknown item"):
        scoring.score(bank.items_for("short"), {"r6": "like"})  # r6 is not in the short version
    with pytest.raises(ValueError, match="unknown answer"):
        scoring.score(bank.items_for("short"), {"r1": "love it"})


def test_noisy_students_mostly_recover_their_top_two_areas():
    """Students who like each item of their two favourite areas with probability 0.85 and of the other
    areas with 0.15 (else "not sure" half the time): the code starts with those two areas for most."""
    rng = random.Random(13)
    hits = 0
    trials = 200
    for _ in range(trials):
        first, second = rng.sample("RIASEC", 2)
        answers = {}
        for item in bank.items_for("full"):
            p_like = 0.85 if item.area in (first, second) else 0.15
            draw = rng.random()
            answers[item.id] = LIKE if draw < p_like else UNSURE if draw < p_like + (1 - p_like) / 2 else DISLIKE
        code = scoring.score(bank.items_for("full"), answers).code
        hits += set(code[:2]) == {first, second}
    assert hits / trials >= 0.9


def test_typed_answers():
    assert scoring.parse_answer("Yep!") == "like"
    assert scoring.parse_answer("not sure") == "unsure"
    assert scoring.parse_answer("Nah") == "dislike"
    assert scoring.parse_answer("skip") == "skip"
    assert scoring.parse_answer("what does a nurse do") is None
