"""The KB entity ruler (bot/spacy_kb.py): patterns from the real sample KB, written to disk, reloaded."""

from __future__ import annotations

import json

import pytest
import spacy
from sqlalchemy.orm import Session

from bot import spacy_kb
from bot.spacy_kb import HASH_KEY, build_patterns, patterns_hash, plural, stored_hash, write_pipeline


@pytest.fixture(scope="module")
def pipeline_dir(sqlite_kb_engine, tmp_path_factory):
    """The pipeline written once from the built SQLite KB."""
    out = tmp_path_factory.mktemp("spacy_kb") / "spacy_kb"
    with Session(sqlite_kb_engine, future=True) as session:
        written, meta = write_pipeline(session, out)
    assert written
    return out


@pytest.fixture(scope="module")
def nlp(pipeline_dir):
    return spacy.load(pipeline_dir)


def ents(nlp, text):
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    "word, expected",
    [("nurse", "nurses"), ("electrician", "electricians"), ("secretary", "secretaries"), ("boss", "bosses"),
     ("fireman", "firemen"), ("dental hygienist", "dental hygienists"), ("attorney", "attorneys")],
)
def test_plural(word, expected):
    assert plural(word) == expected


def test_occupations_singular_and_plural(nlp):
    assert ents(nlp, "what does a nurse do") == [("nurse", "occupation", "29-1141.00")]
    (text, label, code), = ents(nlp, "how much do Electricians make")
    assert (text, label) == ("Electricians", "occupation") and code.startswith("47-2111")
    assert ents(nlp, "tell me about dental hygienists")[0][:2] == ("dental hygienists", "occupation")


def test_longest_match_wins(nlp):
    assert [e[0] for e in ents(nlp, "what do marine biologists do")] == ["marine biologists"]


def test_clusters_and_case_sensitive_acronyms(nlp):
    assert ents(nlp, "careers in health care") == [("health care", "cluster", "health-science")]
    assert ents(nlp, "jobs in IT") == [("IT", "cluster", "information-technology")]
    assert ents(nlp, "is it what it is") == []  # lower-case "it" is not the IT cluster


def test_district_names(nlp, sqlite_kb_engine):
    from sqlalchemy import select
    from career_kb.models import Partner, School

    with Session(sqlite_kb_engine, future=True) as session:
        school_id, school = session.execute(select(School.id, School.name).order_by(School.id)).first()
        partner_id, partner = session.execute(select(Partner.id, Partner.name).order_by(Partner.id)).first()
    school, partner = spacy_kb.clean_name(school), spacy_kb.clean_name(partner)
    assert (school.lower(), "school", school_id) in [(t.lower(), l, i) for t, l, i in ents(nlp, f"i go to {school.lower()}")]
    assert (partner, "partner", partner_id) in ents(nlp, f"what does {partner} do with students")
    assert "(" not in partner  # "(fictional)" is dropped from the phrase


def test_common_words_are_not_occupations(nlp):
    assert ents(nlp, "help me with my math homework") == []
    assert ents(nlp, "what about the pay?") == []


def test_meta_hash_and_if_changed(pipeline_dir, sqlite_kb_engine):
    meta = json.loads((pipeline_dir / "meta.json").read_text())
    with Session(sqlite_kb_engine, future=True) as session:
        patterns = build_patterns(session)
        assert meta[HASH_KEY] == patterns_hash(patterns) == stored_hash(pipeline_dir)
        assert meta["kb_pattern_counts"]["occupation"] > 10_000
        written, _ = write_pipeline(session, pipeline_dir, if_changed=True)
    assert written is False


def test_patterns_are_unique_per_phrase(sqlite_kb_engine):
    with Session(sqlite_kb_engine, future=True) as session:
        patterns = build_patterns(session)
    keys = [p["pattern"].lower() if isinstance(p["pattern"], str) else p["pattern"][0]["ORTH"] for p in patterns]
    assert len(keys) == len(set(keys))
    assert {p["label"] for p in patterns} == set(spacy_kb.LABELS)
