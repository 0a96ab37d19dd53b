"""The Flask application: configuration, sign-in sessions, CSRF protection, roles, the database.

:func:`create_app` takes a :class:`DashboardConfig` (tests pass their own); :func:`serve` runs it
with the settings of :mod:`career_kb.settings`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, abort, current_app, render_template
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from career_kb import db, settings
from career_kb.counselor import staff
from career_kb.counselor.transcripts import tracker_url
from dashboard.delivery import SlackSender

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class DashboardConfig:
    """Where the dashboard's data is and how its cookies are signed."""

    database_url: str
    tracker_url: str
    secret_key: str
    secure_cookies: bool = False
    slack_bot_token: str = ""  # "" → replies to Slack students wait in the outbox
    slack_api_base_url: str = "https://slack.com/api/"
    extra: dict[str, Any] = field(default_factory=dict)


def secret_key_from_var(var_dir: Path) -> str:
    """The cookie-signing key kept in ``var/dashboard_secret_key``, generated (mode 600) the first time."""
    path = var_dir / "dashboard_secret_key"
    if path.is_file() and path.read_text(encoding="utf-8").strip():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key


def config_from_settings(conf: settings.Settings | None = None) -> DashboardConfig:
    """The configuration ``DATABASE_URL``, the tracker store and ``DASHBOARD_*`` give."""
    conf = conf or settings.get()
    return DashboardConfig(
        database_url=conf.database_url,
        tracker_url=tracker_url(conf),
        secret_key=conf.dashboard_secret_key or secret_key_from_var(conf.var_dir),
        secure_cookies=conf.dashboard_secure_cookies,
        slack_bot_token=conf.slack_bot_token,
    )


class User(UserMixin):
    """The signed-in staff account, for Flask-Login."""

    def __init__(self, account: staff.Staff) -> None:
        """Wrap ``account``."""
        self.account = account

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session."""
        return str(self.account.id)


def account() -> staff.Staff:
    """The signed-in account (views behind :func:`login_required_role` only)."""
    return current_user.account


@contextlib.contextmanager
def kb_session() -> Iterator[Session]:
    """A session on the knowledge base that commits on success."""
    with db.session_scope(current_app.extensions["career_kb_engine"]) as session:
        yield session


def slack_sender() -> SlackSender | None:
    """The Slack sender, when a bot token is configured."""
    return current_app.extensions.get("slack_sender")


def tracker_engine() -> Engine:
    """The engine on Rasa's tracker store (read only)."""
    return current_app.extensions["tracker_engine"]


def login_required_role(*roles: str) -> Callable[[F], F]:
    """Views for signed-in accounts with one of ``roles`` (any role when none is given): 403 otherwise."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if roles and current_user.account.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    with kb_session() as session:
        found = staff.get_staff(session, int(user_id))
    return User(found) if found is not None and found.active else None


def _error(code: int, title: str, message: str) -> tuple[str, int]:
    return render_template("error.html", code=code, title=title, message=message), code


def create_app(config: DashboardConfig) -> Flask:
    """The dashboard application for ``config``."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=256 * 1024,
        **config.extra,
    )
    app.extensions["career_kb_engine"] = db.get_engine(config.database_url)
    app.extensions["tracker_engine"] = create_engine(config.tracker_url, future=True)
    if config.slack_bot_token:
        app.extensions["slack_sender"] = SlackSender(config.slack_bot_token, config.slack_api_base_url)
    CSRFProtect(app)
    logins = LoginManager(app)
    logins.login_view = "auth.login"
    logins.login_message = "Please sign in to see this page."
    logins.session_protection = "strong"
    logins.user_loader(_load_user)

    from dashboard import admin_views, analytics_views, auth, faq_views, queue_views

    for module in (auth, queue_views, faq_views, admin_views, analytics_views):
        app.register_blueprint(module.blueprint)
    app.register_error_handler(CSRFError, lambda e: _error(400, "Form expired", "Reload the page and try again."))
    app.register_error_handler(403, lambda e: _error(403, "Not allowed", "Your account cannot open this page."))
    app.register_error_handler(404, lambda e: _error(404, "Not found", "There is nothing here."))

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


def serve(conf: settings.Settings | None = None) -> int:
    """Serve the dashboard on ``DASHBOARD_HOST:DASHBOARD_PORT`` (threaded) until SIGTERM / Ctrl-C."""
    from werkzeug.serving import make_server

    conf = conf or settings.get()
    app = create_app(config_from_settings(conf))
    server = make_server(conf.dashboard_host, conf.dashboard_port, app, threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"counselor dashboard on http://{conf.dashboard_host}:{conf.dashboard_port}/", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0
