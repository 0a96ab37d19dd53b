"""Reading the supervised assistant's stores directly: the KB rows and tracker rows of one student."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from career_kb import students


def student_id(var_dir, sender: str) -> str:
    """The pseudonymous id the assistant stores for ``sender`` (its secret is in ``var_dir``)."""
    secret = (var_dir / "student_id_secret").read_text(encoding="utf-8").strip()
    return students.student_id_for(sender, secret)


def rows_by_column(url: str, column: str, value: str) -> dict[str, int]:
    """Rows whose ``column`` equals ``value``, counted in every table of ``url`` that has that column."""
    engine = create_engine(url, future=True)
    try:
        found: dict[str, int] = {}
        inspector = inspect(engine)
        with engine.connect() as conn:
            for table in inspector.get_table_names():
                if column in {c["name"] for c in inspector.get_columns(table)}:
                    count = conn.execute(text(f'SELECT COUNT(*) FROM "{table}" WHERE {column} = :v'), {"v": value})
                    found[table] = count.scalar_one()
        return found
    finally:
        engine.dispose()


def tracker_senders(tracker_db) -> set[str]:
    """Every sender id the SQLite tracker store holds."""
    engine = create_engine(f"sqlite:///{tracker_db}", future=True)
    try:
        with engine.connect() as conn:
            return {r[0] for r in conn.execute(text("SELECT DISTINCT sender_id FROM events"))}
    finally:
        engine.dispose()
