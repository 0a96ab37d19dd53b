"""Engine and session helpers (SQLAlchemy 1.4 used in 2.0 style: ``future=True``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from career_kb import settings


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """Create an engine for ``url`` (default: ``DATABASE_URL``, see :mod:`career_kb.settings`).

    SQLite files get their directory created, foreign keys enforced and WAL journaling, so the
    action server can read while an import writes.
    """
    url = url or settings.get().database_url
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
    else:
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """A process-wide engine per URL (cached)."""
    return make_engine(url)


def session_factory(engine: Engine | None = None) -> sessionmaker:
    """A ``sessionmaker`` bound to ``engine`` (default: the configured database)."""
    return sessionmaker(bind=engine or get_engine(), future=True, expire_on_commit=False)


@contextlib.contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
