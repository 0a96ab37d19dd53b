"""Run the Alembic migrations from code: works from any working directory and an installed package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from career_kb import settings

#: The Alembic script directory shipped inside the package.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic :class:`Config` for this package's migrations (no ``alembic.ini`` needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # "%" is ConfigParser interpolation syntax; escape it so passwords with % survive.
    cfg.set_main_option("sqlalchemy.url", (url or settings.get().database_url).replace("%", "%%"))
    return cfg


def upgrade(engine_or_url: Engine | str | None = None, revision: str = "head") -> None:
    """Migrate the knowledge base to ``revision`` (default: the latest).

    ``engine_or_url`` is an :class:`~sqlalchemy.engine.Engine`, a database URL, or ``None`` for the
    configured database (``career_kb.settings``).
    """
    if engine_or_url is None or isinstance(engine_or_url, str):
        from career_kb.db import make_engine

        engine = make_engine(engine_or_url)
        try:
            _upgrade_engine(engine, revision)
        finally:
            engine.dispose()
    else:
        _upgrade_engine(engine_or_url, revision)


def _upgrade_engine(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The latest revision shipped with this package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def autogenerate(message: str, url: str) -> None:
    """Write a new revision comparing ``url`` (migrated to head) with the models (for developers)."""
    upgrade(url)
    command.revision(alembic_config(url), message=message, autogenerate=True)
