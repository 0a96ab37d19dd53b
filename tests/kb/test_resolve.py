"""resolve_occupation: free text → occupations, on the built KB (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from career_kb import cache
from career_kb import codes as kb_codes
from career_kb.models import KbMeta
from career_kb.resolve import get_index, normalize_tokens, resolve_occupation

LABELED = Path(__file__).resolve().parent.parent / "data" / "resolve_labeled.tsv"


def labeled() -> list[tuple[str, set[str]]]:
    pairs = []
    for line in LABELED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, codes = line.split("\t")
            pairs.append((text, set(codes.split("|"))))
    return pairs


def test_labeled_set_is_large_and_well_formed():
    pairs = labeled()
    assert len(pairs) >= 220
    assert len({t for t, _ in pairs}) == len(pairs), "duplicate phrasings"
    for _text, codes in pairs:
        for code in codes:
            assert len(code) == 10 and code[2] == "-" and code[7] == ".", code


def test_labeled_codes_exist(kb_session):
    from sqlalchemy import select

    from career_kb.models import Occupation

    known = set(kb_session.execute(select(Occupation.onet_code)).scalars())
    missing = {c for _, codes in labeled() for c in codes} - known
    assert not missing


def test_labeled_top1_accuracy(kb_session):
    pairs = labeled()
    misses = []
    for text, codes in pairs:
        res = resolve_occupation(kb_session, text)
        if not res.candidates or res.candidates[0].onet_code not in codes:
            misses.append((text, res.candidates[0].onet_code if res.candidates else None))
    accuracy = 1 - len(misses) / len(pairs)
    assert accuracy >= 0.95, f"top-1 {accuracy:.1%}; misses: {misses[:20]}"


@pytest.mark.parametrize(
    "text, code",
    [
        ("RN", "29-1141.00"),
        ("vet tech", "29-2056.00"),
        ("Electricians", "47-2111.00"),
        ("i wanna be a nurse", "29-1141.00"),
        ("What does a DENTIST do?", "29-1021.00"),
    ],
)
def test_exact_matches(kb_session, text, code):
    res = resolve_occupation(kb_session, text)
    assert res.status == "exact"
    assert res.candidates[0].onet_code == code
    assert 0.5 < res.confidence <= 1.0


@pytest.mark.parametrize(
    "text, code",
    [("electrision", "47-2111.00"), ("plumer", "47-2152.00"), ("nurce", "29-1141.00"), ("laywer", "23-1011.00")],
)
def test_misspellings_are_confident_not_exact(kb_session, text, code):
    res = resolve_occupation(kb_session, text)
    assert res.candidates[0].onet_code == code
    assert res.status == "confident"


def test_engineer_is_ambiguous_with_engineer_candidates(kb_session):
    res = resolve_occupation(kb_session, "engineer", limit=5)
    assert res.status == "ambiguous"
    assert len(res.candidates) >= 3
    titles = [c.title for c in res.candidates]
    assert sum("Engineer" in t or "Developer" in t for t in titles) >= 3, titles
    assert len({c.onet_code for c in res.candidates}) == len(res.candidates)


def test_teacher_is_ambiguous(kb_session):
    res = resolve_occupation(kb_session, "teacher")
    assert res.status == "ambiguous"
    assert sum("Teacher" in c.title for c in res.candidates) >= 3


@pytest.mark.parametrize("text", ["asdfgh qwerty", "zzzzzz", "", "   ", "!!!"])
def test_gibberish_is_unknown(kb_session, text):
    res = resolve_occupation(kb_session, text)
    assert res.status == "unknown"
    assert res.confidence < 0.5


def test_candidates_are_ranked_and_limited(kb_session):
    res = resolve_occupation(kb_session, "nurse", limit=3)
    assert len(res.candidates) == 3
    scores = [c.score for c in res.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert res.candidates[0].title == "Registered Nurses"


def test_slang_and_descriptions(kb_session):
    assert resolve_occupation(kb_session, "someone who fixes cars").candidates[0].onet_code == "49-3023.00"
    assert resolve_occupation(kb_session, "cop").candidates[0].onet_code == "33-3051.00"
    assert resolve_occupation(kb_session, "coder").candidates[0].onet_code in {"15-1252.00", "15-1251.00"}


def test_index_refreshes_when_kb_changes(kb_session, monkeypatch):
    first = get_index(kb_session)
    assert get_index(kb_session) is first  # cached
    monkeypatch.setattr(cache, "RECHECK_SECONDS", 0.0)
    assert get_index(kb_session) is first  # same version: still cached
    kb_session.add(KbMeta(key="test_resolve_marker", value="changed"))
    kb_session.flush()
    assert get_index(kb_session) is not first


def test_normalisation():
    assert normalize_tokens("I want to be a Nurse!") == ["nurse"]
    assert normalize_tokens("HVAC techs") == ["hvac", "technician"]
    assert normalize_tokens("Secretaries & Boxes") == ["secretary", "box"]


@pytest.mark.parametrize(
    "text, code",
    [
        ("15-1252", "15-1252.00"),
        ("151252", "15-1252.00"),
        ("15-1252.00", "15-1252.00"),
        ("47-2111.0", "47-2111.00"),
        ("tell me about 29-1141.01", "29-1141.01"),
    ],
)
def test_a_typed_code_is_exact(kb_session, text, code):
    res = resolve_occupation(kb_session, text)
    assert res.status == "exact" and res.best.onet_code == code


def test_an_aggregate_code_offers_its_members(kb_session):
    res = resolve_occupation(kb_session, "31-1120")  # BLS: Home Health and Personal Care Aides
    assert res.status == "ambiguous"
    assert [c.onet_code for c in res.candidates] == ["31-1121.00", "31-1122.00"]


def test_an_unknown_code_is_unknown_and_other_numbers_are_not_codes(kb_session):
    assert resolve_occupation(kb_session, "99-9999").status == "unknown"
    assert kb_codes.find_onet_code("my zip is 30301") is None
    assert kb_codes.find_onet_code("call 555-1234") is None
    assert kb_codes.find_onet_code("15-1252") == "15-1252.00" and kb_codes.soc_code("15-1252.01") == "15-1252"
