"""The interest table: students' words → RIASEC letters; O*NET knowledge areas → school subjects."""

from __future__ import annotations

import csv

import pytest

from career_kb import interests
from career_kb.vocabulary import RIASEC


@pytest.mark.parametrize(
    "text, first_two",
    [
        ("I like biology and helping people", "IS"),
        ("i love fixing cars and building stuff", "R"),
        ("drawing and music", "A"),
        ("I want to work with kids", "SE"),
        ("I like being in charge and selling things", "E"),
        ("organizing spreadsheets and keeping records", "C"),
        ("coding and math", "IC"),
    ],
)
def test_riasec_from_text(text, first_two):
    code = interests.riasec_from_text(text)
    assert code.startswith(first_two)
    assert 1 <= len(code) <= 3 and set(code) <= set(RIASEC)


def test_negated_interests_do_not_count():
    assert interests.riasec_from_text("I hate math but I love drawing")[0] == "A"
    matches = interests.find_interests("I hate math but I love drawing")
    assert [(m.phrase, m.negated) for m in matches] == [("math", True), ("drawing", False)]
    assert interests.riasec_from_text("I don't like science") == ""


def test_longer_phrases_win_and_typos_are_forgiven():
    assert [m.phrase for m in interests.find_interests("computer science")] == ["computer science"]
    assert [m.phrase for m in interests.find_interests("biolgy and chemestry")] == ["biology", "chemistry"]


def test_plain_questions_find_no_interest():
    for text in ("what careers would be interesting", "tell me something", "whatever", ""):
        assert interests.riasec_from_text(text) == ""


def test_table_letters_are_valid():
    for phrase, letters in interests.INTEREST_TERMS.items():
        assert phrase == phrase.lower().strip()
        assert letters and set(letters) <= set(RIASEC) and len(set(letters)) == len(letters)


def test_describe_code():
    text = interests.describe_code("IS")
    assert text.startswith("Investigative") and "Social" in text


def test_every_onet_knowledge_area_has_school_subjects(official_dir):
    with open(official_dir / "onet" / "Knowledge.txt", encoding="utf-8") as fh:
        names = {row["Element Name"] for row in csv.DictReader(fh, delimiter="\t")}
    assert len(names) == 33
    assert names == set(interests.KNOWLEDGE_SUBJECTS)


def test_subjects_for_knowledge_keeps_order_and_dedupes():
    subjects = interests.subjects_for_knowledge(
        ["Biology", "Chemistry", "Medicine and Dentistry", "Mathematics"], limit=4
    )
    assert subjects == ["Biology", "Chemistry", "Health science", "Anatomy and physiology"]
    assert interests.subjects_for_knowledge(["Not a knowledge area"]) == []


def test_job_zone_cap_grows_with_grade():
    caps = [interests.job_zone_cap_for_grade(g) for g in (6, 8, 9, 10, 11, 12)]
    assert caps == [3, 3, 4, 4, None, None]
    assert interests.job_zone_cap_for_grade(None) is None
