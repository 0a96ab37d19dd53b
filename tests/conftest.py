"""Shared test fixtures: a knowledge base built once per backend (SQLite and PostgreSQL).

* ``kb_url`` / ``kb_engine`` / ``kb_session``: parametrized over ``sqlite`` and ``postgresql``; the
  KB is built ONCE per backend and test session with :func:`career_kb.build.build` (shipped
  snapshot + prose from ``../shared/data`` when present + the sample district + search). Treat it
  as read-only: ``kb_session`` rolls back at the end, and a test that must commit uses
  ``empty_kb_url`` instead.
* ``sqlite_kb_url`` / ``sqlite_kb_session``: the same SQLite KB, for tests that only need SQLite.
* ``empty_kb_url``: a fresh, migrated, empty database per test, on both backends.
* ``shared_data``: the official files in ``../shared/data`` (tests using it are skipped without them);
  ``official_dir``: those files, or the same layouts written from the shipped snapshot without them.

PostgreSQL: a temporary database is created on the server named by ``KB_TEST_POSTGRES_URL``
(default ``postgresql://postgres@127.0.0.1:5432/postgres``) and dropped at the end. When the server
is unreachable the PostgreSQL tests are skipped, except with ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from career_kb import settings

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def in_ci() -> bool:
    """Whether the suite runs in CI (``CI=true``), where PostgreSQL must be reachable."""
    return settings.get().ci


def postgres_admin_url() -> str:
    """The server to create temporary test databases on."""
    url = settings.get().test_postgres_url
    if not url:
        db_url = settings.get().database_url
        url = db_url if db_url.startswith("postgresql") else DEFAULT_POSTGRES_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    return url


class PostgresServer:
    """Creates and drops temporary databases on one PostgreSQL server."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.engine = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", future=True, connect_args={"connect_timeout": 5}
        )
        self.created: list[str] = []

    def check(self) -> None:
        """Raise when the server cannot be reached."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def create_database(self, label: str) -> str:
        """A new empty database; returns its URL."""
        name = f"career_kb_test_{label}_{os.getpid()}_{secrets.token_hex(3)}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database` (closing other sessions on it)."""
        name = make_url(url).database
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        """Drop whatever is left and release the admin engine."""
        for name in list(self.created):
            with self.engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.created.clear()
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server for tests (skipped when unreachable, a failure when ``CI=true``)."""
    url = postgres_admin_url()
    try:
        server = PostgresServer(url)
        server.check()
    except Exception as exc:  # noqa: BLE001 - driver missing, refused, auth failed: all mean "not reachable"
        where = make_url(url).render_as_string(hide_password=True)
        message = f"PostgreSQL not reachable at {where}: {str(exc).splitlines()[0]}"
        if in_ci():
            pytest.fail(message + " (CI=true requires it)")
        pytest.skip(message)
    yield server
    server.close()


def _new_database(request, backend: str, tmp_path_factory, label: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp(label) / 'career_kb.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(label)


class _BuiltKbs:
    """The per-backend knowledge bases, each built once per test session."""

    def __init__(self):
        self.urls: dict[str, str] = {}
        self.results: dict[str, object] = {}


@pytest.fixture(scope="session")
def _built_kbs() -> _BuiltKbs:
    return _BuiltKbs()


def _built_kb_url(request, backend: str) -> str:
    from career_kb.build import build
    from career_kb.db import make_engine

    cache: _BuiltKbs = request.getfixturevalue("_built_kbs")
    if backend not in cache.urls:
        url = _new_database(request, backend, request.getfixturevalue("tmp_path_factory"), "kb")
        engine = make_engine(url)
        try:
            cache.results[backend] = build(engine)
        finally:
            engine.dispose()
        cache.urls[backend] = url
    return cache.urls[backend]


@pytest.fixture(scope="session", params=BACKENDS)
def kb_backend(request) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return request.param


@pytest.fixture(scope="session")
def kb_url(request, kb_backend) -> str:
    """URL of the knowledge base built once per backend (snapshot + sample district + search)."""
    return _built_kb_url(request, kb_backend)


@pytest.fixture(scope="session")
def kb_build_result(request, kb_url, kb_backend):
    """The :class:`career_kb.build.BuildResult` of the session's build on this backend."""
    return request.getfixturevalue("_built_kbs").results[kb_backend]


@pytest.fixture(scope="session")
def kb_engine(kb_url):
    """An engine on the built knowledge base."""
    from career_kb.db import make_engine

    engine = make_engine(kb_url)
    yield engine
    engine.dispose()


@pytest.fixture
def kb_session(kb_engine):
    """A session on the built knowledge base; rolled back at the end of the test."""
    from career_kb.db import session_factory

    session = session_factory(kb_engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture(scope="session")
def sqlite_kb_url(request) -> str:
    """URL of the SQLite knowledge base (the same build as ``kb_url[sqlite]``)."""
    return _built_kb_url(request, "sqlite")


@pytest.fixture(scope="session")
def sqlite_kb_engine(sqlite_kb_url):
    """An engine on the built SQLite knowledge base."""
    from career_kb.db import make_engine

    engine = make_engine(sqlite_kb_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_kb_session(sqlite_kb_engine):
    """A session on the built SQLite knowledge base; rolled back at the end of the test."""
    from career_kb.db import session_factory

    session = session_factory(sqlite_kb_engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture
def postgres_kb_session(request):
    """A session on the PostgreSQL knowledge base (the same build as ``kb_url[postgresql]``); rolled back."""
    from career_kb.db import make_engine, session_factory

    engine = make_engine(_built_kb_url(request, "postgresql"))
    session = session_factory(engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_kb_url(request, tmp_path_factory) -> Iterator[str]:
    """A fresh database migrated to the latest revision and empty, on each backend."""
    from career_kb.migrate import upgrade

    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    url = _new_database(request, request.param, tmp_path_factory, "empty")
    upgrade(url)
    yield url
    if server is not None:
        server.drop_database(url)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The official data directory (``CAREER_KB_SOURCE_DIR`` or ``../shared/data``); skip without it."""
    path = settings.shared_data_dir()
    if path is None or not (path / "onet").is_dir():
        pytest.skip("official data files (../shared/data) not available")
    return path


@pytest.fixture
def configure(monkeypatch):
    """``configure(STUDENT_ID_SECRET="x", CAREER_KB_VAR_DIR=None)``: the settings the environment
    would give with these variables changed (None: unset), for this test only."""

    def _configure(**env: str | None) -> settings.Settings:
        changed = settings.with_changes(**env)
        monkeypatch.setattr(settings, "_current", changed)
        return changed

    return _configure


@pytest.fixture(scope="session")
def official_dir(tmp_path_factory) -> Path:
    """Official files in their published layouts: ``../shared/data`` (or ``CAREER_KB_SOURCE_DIR``) when
    present, else the same layouts written from the shipped snapshot (tests/kb/official_layout.py)."""
    path = settings.shared_data_dir()
    if path is not None and (path / "onet" / "Occupation Data.txt").is_file():
        return path
    from kb.official_layout import write_official_files

    return write_official_files(settings.SNAPSHOT_DIR, tmp_path_factory.mktemp("official_from_snapshot"))
