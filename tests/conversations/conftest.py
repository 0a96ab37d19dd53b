"""Multi-turn conversations against the trained assistant over its REST channel.

The conversations in ``target_issue9.yml`` describe issue 9's target behaviour and were written
before the code that makes them pass. They carry the ``conversation_target`` marker and are skipped
unless it is selected, so ``make test`` stays green while they are expected to fail:

    .venv/bin/python -m pytest -m conversation_target tests/conversations

When selected, one assistant (Rasa + action server on free ports, the trained model, a throwaway
tracker store) is started for the whole session and every conversation gets its own sender id.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

MARKER = "conversation_target"


def pytest_configure(config):
    """Register the marker."""
    config.addinivalue_line(
        "markers", f"{MARKER}: issue 9 target conversations, written before the code; run with -m {MARKER}"
    )


def pytest_collection_modifyitems(config, items):
    """Skip target conversations unless ``-m`` selects them."""
    if MARKER in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason=f"issue 9 target behaviour: run with -m {MARKER}")
    for item in items:
        if MARKER in item.keywords:
            item.add_marker(skip)


class Chat:
    """One student's conversation over the REST channel."""

    def __init__(self, base_url: str):
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = f"conv-{uuid.uuid4().hex[:12]}"

    def say(self, message: str, timeout: float = 60) -> list[dict]:
        """Send ``message``; the assistant's replies (text, buttons)."""
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        req = urllib.request.Request(self.url, data=body, method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            replies = json.loads(resp.read() or b"[]")
        assert isinstance(replies, list)
        return replies


@pytest.fixture(scope="session")
def assistant_url(tmp_path_factory) -> Iterator[str]:
    """The REST base URL of one running assistant shared by every conversation of the session."""
    from bot import run, train

    model = train.model_path()
    if not model.is_file():
        pytest.skip("no trained model (run `make train`)")
    tmp = tmp_path_factory.mktemp("conversations")
    settings = run.Settings(
        rasa_port=run.free_port(),
        rasa_interface="127.0.0.1",
        action_port=run.free_port(),
        auth_token=uuid.uuid4().hex,
        model=model,
        var_dir=tmp / "var",
        tracker_db=tmp / "var" / "tracker.db",
        start_timeout=600,
    )
    with run.Assistant(settings, log_dir=tmp / "logs") as bot:
        yield bot.rasa_url


@pytest.fixture()
def chat(assistant_url) -> Chat:
    """A new conversation with its own sender id."""
    return Chat(assistant_url)
