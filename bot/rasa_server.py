"""Start Rasa with this deployment's runtime fixes: ``python -m bot.rasa_server run ...``.

Takes the same arguments as the ``rasa`` command (``bot.run`` starts the server through it).

The fix: Rasa 3.6 checks every action-server response against its events schema with
``jsonschema.validate()``, which first re-validates the (large) schema itself on every call: about
19 ms of CPU per custom action on a 2-core machine, most of the difference between a turn with a
custom action and one with a plain response. :func:`install_cached_action_validation` checks the
schema once and reuses the compiled validator, so responses are validated against the same schema
with the same errors, only once per response instead of twice.

And for the SQLite tracker store (the default, ``var/tracker.db``, kept in WAL mode by ``bot.run``):
:func:`install_sqlite_wal_sync_normal` sets ``PRAGMA synchronous=NORMAL`` on Rasa's SQLite
connections. SQLite documents WAL + NORMAL as safe from corruption; the difference from FULL is that
the last turns before a power cut (not a crash of the process) may be lost, in exchange for no
disk flush on every saved turn (~7 ms a message here). ``RASA_SQLITE_SYNCHRONOUS=FULL`` keeps FULL.
"""

from __future__ import annotations

import functools
import sys


@functools.lru_cache(maxsize=1)
def _response_validator():
    """A validator for Rasa's action-server response schema, its own schema checked once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def install_cached_action_validation() -> None:
    """Make ``RemoteAction._validate_action_result`` reuse one compiled validator (idempotent)."""
    from jsonschema.exceptions import best_match
    from rasa.core.actions import action as rasa_action

    original = rasa_action.RemoteAction._validate_action_result
    if getattr(original, "_cached_validation", False):
        return

    def _validate_action_result(self, result):
        error = best_match(_response_validator().iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                "from the Action endpoint is valid (see Rasa's custom-actions documentation)."
            )
            raise error
        return True

    _validate_action_result._cached_validation = True  # type: ignore[attr-defined]
    rasa_action.RemoteAction._validate_action_result = _validate_action_result


_SQLITE_SYNC_LEVEL = {"level": "NORMAL"}


def _set_sqlite_synchronous(dbapi_conn, _record) -> None:
    """SQLAlchemy ``connect`` listener: apply the chosen level to SQLite connections in WAL mode."""
    if type(dbapi_conn).__module__.startswith("sqlite3"):
        cur = dbapi_conn.cursor()
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                cur.execute(f"PRAGMA synchronous={_SQLITE_SYNC_LEVEL['level']}")
        finally:
            cur.close()


def install_sqlite_wal_sync_normal(level: str | None = None) -> None:
    """Set ``PRAGMA synchronous`` (default NORMAL, env ``RASA_SQLITE_SYNCHRONOUS``) on the SQLite
    connections in WAL mode that this process opens (Rasa's SQL tracker store). Idempotent."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from career_kb import settings

    level = (level or settings.get().rasa_sqlite_synchronous).upper()
    if level not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"RASA_SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA, not {level!r}")
    _SQLITE_SYNC_LEVEL["level"] = level
    if not event.contains(Engine, "connect", _set_sqlite_synchronous):
        event.listen(Engine, "connect", _set_sqlite_synchronous)


def install_trust() -> None:
    """Issue 10's protections in this process (docs/security.md): log redaction, the REST edge on the
    app Rasa configures, and deletion of a forgotten conversation from the tracker store."""
    from rasa.core import run as rasa_run

    from bot.security import edge, forget, logs
    from career_kb import settings

    logs.install()
    forget.install()
    original = rasa_run.configure_app
    if getattr(original, "_with_edge", False):
        return
    conf = settings.get()
    limits = edge.Limits(
        conf.message_max_chars, conf.sender_max_chars, conf.rate_limit_per_minute, jwt_secret=conf.rest_jwt_secret
    )

    def configure_app(*args, **kwargs):
        app = original(*args, **kwargs)
        edge.install(app, limits)
        logs.install()  # again: Rasa configured its structlog chain by now
        return app

    configure_app._with_edge = True  # type: ignore[attr-defined]
    rasa_run.configure_app = configure_app


def with_auth_token(argv: list[str]) -> list[str]:
    """``argv`` plus ``--auth-token`` from ``RASA_AUTH_TOKEN`` (or ``var/rasa_auth_token``) when the
    HTTP API is enabled without one: the token reaches Rasa inside this process, never through a
    command line that any local user can read in ``/proc/<pid>/cmdline``."""
    if "--enable-api" not in argv or any(a == "--auth-token" or a.startswith("--auth-token=") for a in argv):
        return list(argv)
    from bot.run import auth_token_from_file
    from career_kb import settings

    conf = settings.get()
    return [*argv, "--auth-token", conf.rasa_auth_token or auth_token_from_file(conf.var_dir)]


def main() -> None:
    """Install the runtime fixes, then run Rasa's command line with this process's arguments."""
    from career_kb import private_files

    private_files.private_umask()
    install_cached_action_validation()
    install_sqlite_wal_sync_normal()
    install_trust()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *with_auth_token(sys.argv[1:])]
    rasa_main()


if __name__ == "__main__":
    main()
