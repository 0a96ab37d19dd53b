"""Alembic environment for the career knowledge base.

Run through :mod:`career_kb.migrate` (``career-kb migrate``), which builds the Alembic config in
code. The connection to use is passed in ``config.attributes["connection"]``; without one, the URL
comes from the config's ``sqlalchemy.url`` or ``career_kb.settings``.
"""

from __future__ import annotations

from alembic import context

from career_kb import settings
from career_kb.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave alone what the models do not describe (the search tables made by raw SQL migrations)."""
    if type_ == "table" and reflected and compare_to is None:
        return False
    return True


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        # SQLite cannot ALTER most things in place: batch mode recreates the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it (``alembic upgrade --sql``)."""
    url = config.get_main_option("sqlalchemy.url") or settings.get().database_url
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new engine for the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    from career_kb.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or settings.get().database_url)
    try:
        with engine.connect() as conn:
            _configure_and_run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
