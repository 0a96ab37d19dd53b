"""The running assistant (action server + Rasa server) on a copy of the built KB, for REST tests of the
interest quiz and the career plan.

``plan_bot`` (session scope) copies the session's built SQLite KB, starts :class:`bot.run.Assistant`
on free ports with that KB (``DATABASE_URL``) and a fixed ``STUDENT_ID_SECRET`` (so a test can find a
student's rows), once for the session. ``plan_bot.restart()`` stops both servers and starts them
again with the same files, database, tracker store and ports.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot import run
from bot.train import model_path

STUDENT_SECRET = "rest-test-secret"


@dataclass
class PlanBot:
    """The assistant and the database its actions use."""

    assistant: run.Assistant
    settings: run.Settings
    database_url: str
    env: dict[str, str]
    restarts: int = 0

    def student_id(self, sender: str) -> str:
        """The pseudonymous id the actions store a sender's data under."""
        from career_kb.students import student_id_for

        return student_id_for(sender, STUDENT_SECRET)

    def post(self, sender: str, message: str) -> list[dict]:
        """Send one message over the REST channel; the bot's replies."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.settings.rasa_url}/webhooks/rest/webhook",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"[]")

    def get(self, url: str) -> tuple[int, str, bytes]:
        """GET a web address: (status, content type, body)."""
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, "", b""

    def execute(self, sender: str, action: str) -> dict:
        """Run an action in a conversation through Rasa's HTTP API (with the auth token)."""
        url = f"{self.settings.rasa_url}/conversations/{sender}/execute?token={self.settings.auth_token}"
        body = json.dumps({"name": action}).encode()
        request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"{}")

    def restart(self) -> None:
        """Stop both servers and start them again on the same ports with the same files."""
        self.assistant.stop()
        deadline = time.monotonic() + 60
        while not (run.port_is_free(self.settings.rasa_port) and run.port_is_free(self.settings.action_port)):
            if time.monotonic() > deadline:
                raise RuntimeError("ports still busy after stopping the servers")
            time.sleep(0.5)
        with _environment(self.env):
            self.assistant.start()
        self.restarts += 1


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the servers started inside the block (restored after)."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in values.items():
            patch.setenv(key, value)
        yield


@pytest.fixture(scope="session")
def plan_bot(sqlite_kb_url, tmp_path_factory):
    """The assistant on a writable copy of the built KB (see the module docstring)."""
    if not model_path().is_file():
        pytest.skip("no trained model (run `make train`)")
    work = tmp_path_factory.mktemp("plan_rest")
    source = Path(make_url(sqlite_kb_url).database)
    target = work / "career_kb.sqlite3"
    shutil.copyfile(source, target)
    database_url = f"sqlite:///{target}"
    rasa_port = run.free_port()
    env = {
        "DATABASE_URL": database_url,
        "STUDENT_ID_SECRET": STUDENT_SECRET,
        "CAREER_KB_VAR_DIR": str(work / "var"),
        "PUBLIC_URL": f"http://127.0.0.1:{rasa_port}",
        # the quiz is answered as fast as the test can post: count turns, not the per-sender limiter
        "RATE_LIMIT_PER_MINUTE": "0",
    }
    settings = run.Settings(
        rasa_port=rasa_port,
        rasa_interface="127.0.0.1",
        action_port=run.free_port(),
        action_host="127.0.0.1",
        auth_token=secrets.token_urlsafe(16),
        var_dir=work / "var",
        tracker_db=work / "var" / "tracker.db",
        start_timeout=600,
    )
    assistant = run.Assistant(settings, log_dir=work / "logs")
    with _environment(env):
        assistant.start()
    bot = PlanBot(assistant, settings, database_url, env)
    yield bot
    bot.assistant.stop()
