"""Full-text search over occupations: FTS5 on SQLite, tsvector on PostgreSQL, same results."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from career_kb.models import Occupation
from career_kb.search import PG_TABLE, SQLITE_TABLE, query_words, search_occupations

QUERIES = [
    "nurse",
    "solar energy",
    "software",
    "dental",
    "welding",
    "chef",
    "electrician",
    "animal care",
    "police",
    "truck",
]


def test_index_holds_every_occupation(kb_session):
    table = SQLITE_TABLE if kb_session.bind.dialect.name == "sqlite" else PG_TABLE
    indexed = kb_session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    assert indexed == kb_session.execute(select(func.count()).select_from(Occupation)).scalar_one()


def test_title_words_rank_first(kb_session):
    hits = search_occupations(kb_session, "solar", limit=5)
    assert len(hits) == 5
    assert all("Solar" in h.title for h in hits)
    assert search_occupations(kb_session, "nurse")[0].title == "Registered Nurses"


def test_alternate_titles_are_searched(kb_session):
    # "HVAC" is not in any O*NET title, only in alternate titles
    hits = search_occupations(kb_session, "hvac", limit=5)
    assert hits and hits[0].onet_code == "49-9021.00"
    assert "alternate titles" in hits[0].matched_in


def test_all_words_must_match_when_possible(kb_session):
    hits = search_occupations(kb_session, "solar energy", limit=10)
    assert hits and all(h.score >= 4 for h in hits[:3])


def test_empty_and_filler_queries(kb_session):
    assert search_occupations(kb_session, "") == []
    assert search_occupations(kb_session, "what is the") == []
    assert query_words("What does a Nurse do?") == ["nurse"]


def test_punctuation_does_not_break_the_query(kb_session):
    hits = search_occupations(kb_session, 'nurse" OR (x:*')
    assert hits and hits[0].title == "Registered Nurses"
    assert isinstance(search_occupations(kb_session, "c++ & sql's | !"), list)


@pytest.mark.postgres
def test_same_top_results_on_both_backends(postgres_kb_session, sqlite_kb_session):
    for query in QUERIES:
        pg = [h.onet_code for h in search_occupations(postgres_kb_session, query, limit=5)]
        lite = [h.onet_code for h in search_occupations(sqlite_kb_session, query, limit=5)]
        assert pg == lite, query


def test_every_word_must_match_when_asked(kb_session):
    assert search_occupations(kb_session, "solar zorblax")  # any word: the solar occupations
    assert search_occupations(kb_session, "solar zorblax", any_word=False) == []
    assert search_occupations(kb_session, "solar", any_word=False)[0].title == "Solar Photovoltaic Installers"
