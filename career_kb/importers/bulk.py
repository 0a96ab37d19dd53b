"""Portable bulk writes for the importers: chunked inserts, an upsert and a child-table replace.

The same code runs on SQLite and PostgreSQL: no dialect-specific ``ON CONFLICT``. An upsert loads the
existing rows of the table, inserts the new keys and updates only the rows whose values changed, so
a second import of the same file writes (almost) nothing and parent rows keep their identity (the
district tables and crosswalks point at them with ``ON DELETE CASCADE``).

All functions write through the caller's session and never commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

#: Rows per executemany call.
CHUNK = 5000


def _table(model):
    return getattr(model, "__table__", model)


def insert_rows(session: Session, model, rows: Sequence[dict], chunk: int = CHUNK) -> int:
    """Insert ``rows`` (dicts keyed by column name) in chunks; returns the number inserted."""
    table = _table(model)
    for start in range(0, len(rows), chunk):
        session.execute(insert(table), list(rows[start : start + chunk]))
    return len(rows)


def delete_all(session: Session, model, *where) -> int:
    """Delete the rows of ``model`` matching ``where`` (all rows without it); returns the rowcount."""
    stmt = delete(_table(model))
    if where:
        stmt = stmt.where(*where)
    return session.execute(stmt).rowcount or 0


def replace_rows(session: Session, model, rows: Sequence[dict], *where, chunk: int = CHUNK) -> int:
    """Replace the rows an importer owns: delete those matching ``where`` (all without it), insert ``rows``."""
    delete_all(session, model, *where)
    return insert_rows(session, model, rows, chunk)


def upsert_rows(
    session: Session,
    model,
    rows: Sequence[dict],
    columns: Iterable[str] | None = None,
    chunk: int = CHUNK,
) -> tuple[int, int]:
    """Insert rows whose primary key is new and update existing rows whose ``columns`` differ.

    ``columns`` are the non-key columns this import owns (default: every non-key column present in
    the first row); columns outside it are left as they are on existing rows. Returns
    ``(inserted, updated)``.
    """
    if not rows:
        return 0, 0
    table = _table(model)
    keys = [c.name for c in table.primary_key.columns]
    owned = [c for c in (columns if columns is not None else rows[0].keys()) if c not in keys]
    existing: dict[tuple, tuple] = {}
    for rec in session.execute(select(*[table.c[k] for k in keys], *[table.c[c] for c in owned])):
        existing[tuple(rec[: len(keys)])] = tuple(rec[len(keys) :])
    new, changed = [], []
    for row in rows:
        key = tuple(row[k] for k in keys)
        old = existing.get(key)
        if old is None:
            new.append(row)
        elif owned and tuple(row.get(c) for c in owned) != old:
            changed.append(row)
    insert_rows(session, table, new, chunk)
    if changed and owned:
        stmt = (
            update(table)
            .where(and_(*[table.c[k] == bindparam(f"k_{k}") for k in keys]))
            .values({c: bindparam(f"v_{c}") for c in owned})
        )
        params = [{**{f"k_{k}": r[k] for k in keys}, **{f"v_{c}": r.get(c) for c in owned}} for r in changed]
        for start in range(0, len(params), chunk):
            session.execute(stmt, params[start : start + chunk])
    return len(new), len(changed)


def existing_keys(session: Session, column) -> set:
    """The set of values in ``column`` (e.g. every ``occupation.onet_code``)."""
    return set(session.execute(select(column)).scalars())
