"""Full-text search structures: an FTS5 table on SQLite, a weighted tsvector + GIN index on PostgreSQL.

The rows are filled by ``career_kb.search.refresh_search_index`` (called by the build).

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2025-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the search table (and index) for this dialect."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS occupation_fts USING fts5("
            "onet_code UNINDEXED, title, alt_titles, description, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TABLE IF NOT EXISTS occupation_search ("
            "onet_code VARCHAR(10) PRIMARY KEY REFERENCES occupation (onet_code) ON DELETE CASCADE, "
            "title TEXT NOT NULL, alt_titles TEXT NOT NULL DEFAULT '', description TEXT, "
            "document TSVECTOR)"
        )
        op.execute("CREATE INDEX IF NOT EXISTS ix_occupation_search_document ON occupation_search USING GIN (document)")


def downgrade() -> None:
    """Drop the search structures."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS occupation_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_occupation_search_document")
        op.execute("DROP TABLE IF EXISTS occupation_search")
