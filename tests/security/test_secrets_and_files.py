"""Secrets never on a command line or in a log; var/ private (issue 10)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import http

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def test_no_token_on_any_command_line(trusted_bot):
    pids = trusted_bot.server_pids()
    assert set(pids) == {"action server", "Rasa server"}
    secrets = [trusted_bot.auth_token, trusted_bot.action_token, trusted_bot.jwt_secret]
    for pid in [trusted_bot.process.pid, *pids.values()]:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        assert "--auth-token" not in cmdline
        for secret in secrets:
            assert secret not in cmdline


def test_no_token_in_the_logs(trusted_bot):
    assert trusted_bot.say("trust-token-check", "hi").status == 200
    log = trusted_bot.log()
    assert "Rasa server is up and running" in log  # the log is the servers' output
    for secret in (trusted_bot.auth_token, trusted_bot.action_token, trusted_bot.jwt_secret):
        assert secret not in log


def test_the_http_api_takes_the_token_from_the_environment(trusted_bot):
    assert http(f"{trusted_bot.url}/status").status == 401
    assert http(f"{trusted_bot.url}/status?token=wrong").status == 401
    assert http(f"{trusted_bot.url}/status?token={trusted_bot.auth_token}").status == 200


def test_var_files_are_0600_and_directories_0700(trusted_bot):
    assert trusted_bot.say("trust-modes", "what does a nurse do?").status == 200  # the tracker is written
    seen = []
    for root, dirs, files in os.walk(trusted_bot.var_dir):
        for name in dirs:
            assert stat.S_IMODE((Path(root) / name).stat().st_mode) == 0o700, name
        for name in files:
            seen.append(name)
            assert stat.S_IMODE((Path(root) / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(trusted_bot.var_dir.stat().st_mode) == 0o700
    expected = {"career_kb.sqlite3", "tracker.db", "rasa_auth_token", "action_server_token", "student_id_secret"}
    assert expected | {"endpoints.run.yml", "credentials.run.yml"} <= set(seen)
