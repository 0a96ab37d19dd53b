"""Full-text search over occupations: SQLite FTS5 or PostgreSQL ``tsvector`` + GIN.

One searchable row per occupation holds its title, its alternate/reported titles and its
description (when the prose was imported). The database's own index finds the matching occupations
(FTS5 ``MATCH`` on SQLite, ``@@ to_tsquery`` on PostgreSQL); the matches are then ranked by one
Python scoring function, so both backends return the same order:

* a query word found in the title counts 3, in an alternate title 2, in the description 1;
* ties go to the title matched most completely, then to the occupation with more jobs nationally
  (BLS OEWS employment), then to the broad occupation (``.00`` codes), then to the code.

All query words must match (after each backend's English stemming: "repairing" finds
"repairers"); when nothing matches them all, occupations matching any word are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from career_kb import cache
from career_kb.resolve import STOP_WORDS, _singular

#: SQLite: the FTS5 table (``onet_code`` is stored, not indexed).
SQLITE_TABLE = "occupation_fts"
#: PostgreSQL: the table with a weighted ``tsvector`` and its GIN index.
PG_TABLE = "occupation_search"
PG_INDEX = "ix_occupation_search_document"

#: How many index matches are re-ranked in Python.
CANDIDATES = 1200  # more than the occupations there are: both backends re-rank the same set
_MAX_WORDS = 8
_WORD_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SearchHit:
    """One occupation found by :func:`search_occupations`."""

    onet_code: str
    title: str
    score: float
    title_coverage: float  # share of the title's words the query matched
    matched_in: tuple[str, ...]  # which fields matched: "title", "alternate titles", "description"


# --- structures ---------------------------------------------------------------------------------


def sqlite_ddl() -> list[str]:
    """DDL of the SQLite search structures."""
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
        "onet_code UNINDEXED, title, alt_titles, description, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    ]


def postgresql_ddl() -> list[str]:
    """DDL of the PostgreSQL search structures."""
    return [
        f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
        "onet_code VARCHAR(10) PRIMARY KEY REFERENCES occupation (onet_code) ON DELETE CASCADE, "
        "title TEXT NOT NULL, alt_titles TEXT NOT NULL DEFAULT '', description TEXT, "
        "document TSVECTOR)",
        f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {PG_TABLE} USING GIN (document)",
    ]


def create_search_structures(connection: Connection) -> None:
    """Create the search table (and index) for the connection's dialect, if missing."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        statements = sqlite_ddl()
    elif dialect == "postgresql":
        statements = postgresql_ddl()
    else:  # pragma: no cover - only the two supported backends
        raise NotImplementedError(f"full-text search is not implemented for {dialect}")
    for statement in statements:
        connection.execute(text(statement))


def refresh_search_index(session: Session) -> int:
    """Rebuild the search rows from the occupation tables (inside the caller's transaction).

    Creates the structures when missing. Returns the number of occupations indexed.
    """
    connection = session.connection()
    create_search_structures(connection)
    occupations = connection.execute(text("SELECT onet_code, title, description FROM occupation")).all()
    alternates: dict[str, list[str]] = {}
    for code, title in connection.execute(
        text("SELECT onet_code, title FROM alternate_title ORDER BY onet_code, title")
    ):
        alternates.setdefault(code, []).append(title)
    rows = [
        {"code": code, "title": title, "alt": " | ".join(dict.fromkeys(alternates.get(code, ()))), "descr": descr}
        for code, title, descr in occupations
    ]
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {SQLITE_TABLE}"))
        if rows:
            connection.execute(
                text(
                    f"INSERT INTO {SQLITE_TABLE} (onet_code, title, alt_titles, description) "
                    "VALUES (:code, :title, :alt, :descr)"
                ),
                rows,
            )
    else:
        connection.execute(text(f"DELETE FROM {PG_TABLE}"))
        if rows:
            connection.execute(
                text(
                    f"INSERT INTO {PG_TABLE} (onet_code, title, alt_titles, description) "
                    "VALUES (:code, :title, :alt, :descr)"
                ),
                rows,
            )
        connection.execute(
            text(
                f"UPDATE {PG_TABLE} SET document = "
                "setweight(to_tsvector('english', title), 'A') || "
                "setweight(to_tsvector('english', alt_titles), 'B') || "
                "setweight(to_tsvector('english', coalesce(description, '')), 'C')"
            )
        )
    cache.clear()  # cached documents and indexes describe the old content
    return len(rows)


# --- searching ----------------------------------------------------------------------------------


def query_words(query: str) -> list[str]:
    """The words of ``query`` used for matching (lower case, letters/digits, filler words dropped)."""
    words = [w for w in _WORD_RE.findall((query or "").lower()) if w not in STOP_WORDS]
    return list(dict.fromkeys(words))[:_MAX_WORDS]


def _fetch(connection: Connection, words: list[str], any_word: bool) -> list[tuple]:
    if connection.dialect.name == "sqlite":
        joiner = " OR " if any_word else " AND "
        match = joiner.join(f'"{w}"' for w in words)
        sql = (
            f"SELECT onet_code FROM {SQLITE_TABLE} "
            f"WHERE {SQLITE_TABLE} MATCH :q ORDER BY bm25({SQLITE_TABLE}, 0, 10.0, 4.0, 1.0) LIMIT :n"
        )
        return connection.execute(text(sql), {"q": match, "n": CANDIDATES}).all()
    joiner = " | " if any_word else " & "
    tsquery = joiner.join(words)
    sql = (
        f"SELECT onet_code FROM {PG_TABLE} "
        "WHERE document @@ to_tsquery('english', :q) "
        "ORDER BY ts_rank(document, to_tsquery('english', :q), 0) DESC, onet_code LIMIT :n"
    )
    return connection.execute(text(sql), {"q": tsquery, "n": CANDIDATES}).all()


_SUFFIXES = ("ation", "ing", "er", "or", "ist", "ed")


def stem(word: str) -> str:
    """A crude stem for ranking ("repairers" and "repair" → "repair"); both backends use it."""
    word = _singular(word.lower())
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stems(value: str | None) -> set[str]:
    return {stem(w) for w in _WORD_RE.findall((value or "").lower())}


class _Doc:
    __slots__ = ("title", "title_stems", "alt_counts", "descr_stems")

    def __init__(self, title: str, alt: str, descr: str | None):
        self.title = title
        self.title_stems = _stems(title)
        counts: dict[str, int] = {}
        for one in (alt or "").split(" | "):
            for st in _stems(one):
                counts[st] = counts.get(st, 0) + 1
        self.alt_counts = counts
        self.descr_stems = _stems(descr)


def _documents(connection: Connection, session: Session) -> dict[str, _Doc]:
    """The searchable text of every occupation, tokenised once per process and KB version."""
    table = SQLITE_TABLE if connection.dialect.name == "sqlite" else PG_TABLE

    def build(_session: Session) -> dict[str, _Doc]:
        return {
            code: _Doc(title, alt, descr)
            for code, title, alt, descr in connection.execute(
                text(f"SELECT onet_code, title, alt_titles, description FROM {table}")
            )
        }

    return cache.kb_cached(session, "search_documents", build)


def _score(stems: list[str], doc: _Doc) -> tuple[float, float, tuple[str, ...]]:
    score = 0.0
    matched: list[str] = []
    for st in stems:
        if st in doc.title_stems:
            score += 3.0
            field = "title"
        elif st in doc.alt_counts:
            score += 2.0 + min(0.9, doc.alt_counts[st] / 20.0)
            field = "alternate titles"
        elif st in doc.descr_stems:
            score += 1.0
            field = "description"
        else:
            continue
        if field not in matched:
            matched.append(field)
    covered = len(doc.title_stems & set(stems))
    coverage = round(covered / len(doc.title_stems), 4) if doc.title_stems else 0.0
    return round(score, 4), coverage, tuple(matched)


def search_occupations(session: Session, text_: str, limit: int = 10, any_word: bool = True) -> list[SearchHit]:
    """Occupations whose title, alternate titles or description match ``text_``, best first.

    Same results on SQLite (FTS5) and PostgreSQL (tsvector); see the module docstring for the ranking.
    With ``any_word=False`` only occupations matching every word are returned.
    """
    words = query_words(text_)
    if not words:
        return []
    connection = session.connection()
    rows = _fetch(connection, words, any_word=False)
    if not rows and len(words) > 1 and any_word:
        rows = _fetch(connection, words, any_word=True)
    docs = _documents(connection, session)
    stems = [stem(w) for w in words]
    hits = []
    for (code,) in rows:
        doc = docs.get(code)
        if doc is None:
            continue
        score, coverage, matched = _score(stems, doc)
        if score <= 0:
            continue
        hits.append(SearchHit(code, doc.title, score, coverage, matched))
    employment = _employment(connection)
    hits.sort(
        key=lambda h: (
            -h.score,
            -h.title_coverage,
            -(employment.get(h.onet_code[:7]) or 0),
            0 if h.onet_code.endswith(".00") else 1,
            h.onet_code,
        )
    )
    return hits[: max(0, limit)]


def _employment(connection: Connection) -> dict[str, int]:
    """National employment per SOC code (OEWS), for tie-breaking."""
    rows = connection.execute(text("SELECT soc_code, employment FROM occupation_wage WHERE area = 'US'")).all()
    return dict(rows)  # a list of (soc, employment) rows (a result object would be read as a mapping)
