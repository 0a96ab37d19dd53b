"""Helpers of the counselor tests: the running assistant's handle, student ids, KB copies."""

from __future__ import annotations

import json
import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import run
from career_kb import students

STUDENT_SECRET = "counselor-tests-secret"


@dataclass
class CounselorBot:
    """The running assistant and the files it uses."""

    assistant: run.Assistant
    settings: run.Settings
    kb_url: str
    tracker_db: Path

    @property
    def url(self) -> str:
        """Base URL of the Rasa server."""
        return self.settings.rasa_url

    def say(self, sender: str, message: str) -> list[dict]:
        """Send ``message`` as ``sender`` over REST; the assistant's replies."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def texts(self, sender: str, message: str) -> list[str]:
        """The texts of the replies to ``message``."""
        return [r.get("text", "") for r in self.say(sender, message)]


def student_id(sender: str) -> str:
    """The pseudonymous id the assistant gives ``sender``."""
    return students.student_id_for(sender, STUDENT_SECRET)


def copy_sqlite(url: str, target: Path) -> str:
    """A copy of a SQLite database (with its WAL files); the copy's URL."""
    source = Path(make_url(url).database)
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
    return f"sqlite:///{target}"
