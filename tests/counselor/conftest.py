"""The running assistant for the counselor tests, on its own copy of the knowledge base.

``counselor_bot`` (session scope) copies the session's built SQLite KB, starts the real assistant
(:class:`bot.run.Assistant`: action server + Rasa server, the shipped ``credentials.yml`` with its
REST channel) on free ports with ``DATABASE_URL`` pointing at the copy and a known
``STUDENT_ID_SECRET``, and keeps conversations in a SQLite tracker store the dashboard reads. The
REST, dashboard and browser tests share it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from counselor_helpers import STUDENT_SECRET, CounselorBot, copy_sqlite

from bot import run
from bot.train import model_path


@pytest.fixture(scope="session")
def counselor_bot(sqlite_kb_url, tmp_path_factory) -> Iterator[CounselorBot]:
    """The assistant on a KB copy (see the module docstring)."""
    if not model_path().is_file():
        pytest.skip("no trained model (run `make train`)")
    work = tmp_path_factory.mktemp("counselor")
    kb_url = copy_sqlite(sqlite_kb_url, work / "career_kb.sqlite3")
    settings = run.Settings(
        rasa_port=run.free_port(),
        rasa_interface="127.0.0.1",
        action_port=run.free_port(),
        action_host="127.0.0.1",
        auth_token=secrets.token_urlsafe(16),
        var_dir=work / "var",
        tracker_db=work / "var" / "tracker.db",
        start_timeout=600,
    )
    assistant = run.Assistant(settings, log_dir=work / "logs")
    with pytest.MonkeyPatch.context() as env:  # the servers read these when they start
        env.setenv("DATABASE_URL", kb_url)
        env.setenv("STUDENT_ID_SECRET", STUDENT_SECRET)
        assistant.start()
    yield CounselorBot(assistant, settings, kb_url, work / "var" / "tracker.db")
    assistant.stop()


@dataclass
class DashboardServer:
    """The dashboard served on a free port, over the assistant's KB and tracker store."""

    url: str
    server: object


@pytest.fixture(scope="session")
def dashboard_server(counselor_bot) -> Iterator[DashboardServer]:
    """The real dashboard (Werkzeug's threaded server) on a free port, stopped at the end."""
    import threading

    from werkzeug.serving import make_server

    from dashboard.app import DashboardConfig, create_app

    config = DashboardConfig(counselor_bot.kb_url, f"sqlite:///{counselor_bot.tracker_db}", secrets.token_hex(16))
    port = run.free_port()
    server = make_server("127.0.0.1", port, create_app(config), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield DashboardServer(f"http://127.0.0.1:{port}", server)
    server.shutdown()
    thread.join(timeout=10)
