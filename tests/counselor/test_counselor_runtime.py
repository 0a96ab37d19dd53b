"""``make run`` starts the dashboard as its own server (``python -m dashboard``) on DASHBOARD_PORT."""

from __future__ import annotations

import urllib.request

import pytest

from bot import run
from career_kb import settings

pytestmark = pytest.mark.slow


def test_the_dashboard_server_starts_answers_and_stops(tmp_path):
    port = run.free_port()
    conf = settings.with_changes(DASHBOARD_PORT=str(port), CAREER_KB_VAR_DIR=str(tmp_path / "var"))
    server = run.start_dashboard(conf, tmp_path / "dashboard.log")
    try:
        run.wait_healthy([server], 60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10) as page:
            html = page.read().decode()
        assert page.status == 200 and "<h1>Sign in</h1>" in html
        with pytest.raises(RuntimeError, match=f"port {port} is already in use; set DASHBOARD_PORT"):
            run.start_dashboard(conf)
    finally:
        run.stop_server(server)
    assert not server.alive()
    assert (tmp_path / "var" / "dashboard_secret_key").is_file()
