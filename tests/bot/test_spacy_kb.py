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
    [
        ("nurse", "nurses"),
        ("electrician", "electricians"),
        ("secretary", "secretaries"),
        ("boss", "bosses"),
        ("fireman", "firemen"),
        ("dental hygienist", "dental hygienists"),
        ("attorney", "attorneys"),
    ],
)
def test_plural(word, expected):
    assert plural(word) == expected


def test_occupations_singular_and_plural(nlp):
    assert ents(nlp, "what does a nurse do") == [("nurse", "occupation", "29-1141.00")]
    ((text, label, code),) = ents(nlp, "how much do Electricians make")
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
    assert (school.lower(), "school", school_id) in [
        (t.lower(), label, i) for t, label, i in ents(nlp, f"i go to {school.lower()}")
    ]
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


def test_the_ruler_is_a_span_ruler_writing_entities(nlp, pipeline_dir):
    # a SpanRuler keeps pattern dicts, not a Doc per phrase pattern as spaCy 3.4's EntityRuler does
    from spacy.pipeline import SpanRuler

    assert nlp.pipe_names == ["kb_ruler"] and isinstance(nlp.get_pipe("kb_ruler"), SpanRuler)
    meta = json.loads((pipeline_dir / "meta.json").read_text())
    assert len(nlp.get_pipe("kb_ruler").patterns) == sum(meta["kb_pattern_counts"].values())
    doc = nlp("do registered nurses or electricians make more")
    assert [e.label_ for e in doc.ents] == ["occupation", "occupation"] and "ruler" not in doc.spans


def test_long_alternate_titles_and_their_plurals_are_left_to_the_resolver(sqlite_kb_engine):
    from sqlalchemy import select

    from career_kb.models import AlternateTitle, Occupation
    from career_kb.resolve import resolve_occupation

    with Session(sqlite_kb_engine, future=True) as session:
        patterns = build_patterns(session)
        phrases = {p["pattern"].lower() for p in patterns if isinstance(p["pattern"], str)}
        main_titles = {spacy_kb.clean_name(t).lower() for t in session.execute(select(Occupation.title)).scalars()}
        alternates = [
            (c, spacy_kb.clean_name(t))
            for c, t in session.execute(select(AlternateTitle.onet_code, AlternateTitle.title))
        ]
        usable = [(c, t) for c, t in alternates if spacy_kb._usable_title(t) and t.lower() not in main_titles]
        long = [(c, t) for c, t in usable if len(t.split()) >= spacy_kb.LONG_ALTERNATE_WORDS]
        four = [(c, t) for c, t in usable if len(t.split()) == spacy_kb.PLURAL_MAX_WORDS + 1]
        three = [(c, t) for c, t in usable if len(t.split()) == spacy_kb.PLURAL_MAX_WORDS]
        assert long and four and three
        assert all(t.lower() not in phrases for _, t in long)
        assert all(t.lower() in phrases for _, t in four)
        assert sum(plural(t).lower() in phrases for _, t in four) < len(four) // 10  # only where another name has it
        assert all(plural(t).lower() in phrases for _, t in three if "&" not in t)
        # what the ruler no longer tags, the actions' whole-message resolution still finds
        for code, title in long[:: max(1, len(long) // 25)]:
            assert code in [c.onet_code for c in resolve_occupation(session, title, limit=5).candidates], title
