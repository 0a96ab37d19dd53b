"""Run actions the way the action server does: a real CollectingDispatcher, a real Tracker built from a
JSON tracker state (``fixtures/*.json``), and a real knowledge base.

The KB is the session's built SQLite KB (``sqlite_kb_url`` in tests/conftest.py), copied once per
test module so actions may write student profiles without touching the shared build.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import make_url

from actions import kb
from career_kb.db import make_engine

FIXTURES = Path(__file__).parent / "fixtures"
DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"

#: A figure a student could take as a fact: money, a percent, or a count with thousands separators.
FIGURE = re.compile(r"\$\d|\d%|\b\d{1,3}(?:,\d{3})+\b")
#: A citation that names a source and a year: "(BLS OEWS, May 2025)", "(O*NET 29.3, May 2025)".
CITATION = re.compile(r"\((?:BLS|O\*NET|NCES|U\.S\. Census)[^()]*\b(?:19|20)\d{2}[^()]*\)")


def pytest_configure(config):
    """Register this suite's marker."""
    config.addinivalue_line("markers", "no_kb: the test binds actions.kb itself (e.g. to a broken database)")


def load_state(name: str, **changes) -> dict:
    """A tracker state from ``fixtures/<name>.json``; ``slots=...`` merges, other keys replace."""
    state = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    state = copy.deepcopy(state)
    slots = changes.pop("slots", None)
    if slots:
        state["slots"].update(slots)
    state.update(changes)
    return state


@pytest.fixture(scope="session")
def domain() -> dict:
    """domain.yml as the action server receives it."""
    if not DOMAIN_FILE.exists():
        return {}
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def action_kb_url(sqlite_kb_url, tmp_path_factory) -> str:
    """A writable copy of the built SQLite KB for this test module."""
    source = Path(make_url(sqlite_kb_url).database)
    target = tmp_path_factory.mktemp("actions_kb") / "career_kb.sqlite3"
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
    return f"sqlite:///{target}"


@pytest.fixture(scope="module")
def action_engine(action_kb_url):
    """The engine the actions use (bound into :mod:`actions.kb` for each test)."""
    engine = make_engine(action_kb_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _actions_on_test_kb(request, configure, tmp_path):
    """Point the actions at the module's KB copy and keep secrets out of the repository's var/."""
    configure(STUDENT_ID_SECRET="test-secret", CAREER_KB_VAR_DIR=str(tmp_path))
    if "no_kb" in request.keywords:
        yield
        return
    engine = request.getfixturevalue("action_engine")
    kb.configure(engine)
    yield
    kb.configure(None)


class Run:
    """What one action run produced."""

    def __init__(self, dispatcher: CollectingDispatcher, events: list[dict]):
        self.messages = dispatcher.messages
        self.events = events

    @property
    def texts(self) -> list[str]:
        """The texts sent, in order."""
        return [m.get("text") or "" for m in self.messages]

    @property
    def text(self) -> str:
        """All texts joined."""
        return "\n".join(self.texts)

    @property
    def buttons(self) -> list[dict]:
        """Buttons of the last message."""
        return self.messages[-1].get("buttons") or [] if self.messages else []

    def slots(self) -> dict:
        """Slots set by the returned events (last value wins)."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    def followup(self) -> str | None:
        """The follow-up action requested, if any."""
        return next((e["name"] for e in self.events if e.get("event") == "followup"), None)


@pytest.fixture
def run_action(domain):
    """``await run_action(ActionX(), "fixture_name", slots={...})`` → :class:`Run`."""

    async def _run(action, fixture: str | dict, **changes) -> Run:
        state = load_state(fixture, **changes) if isinstance(fixture, str) else fixture
        tracker = Tracker.from_dict(state)
        dispatcher = CollectingDispatcher()
        events = await action.run(dispatcher, tracker, domain)
        return Run(dispatcher, events)

    return _run


def uncited_figures(text: str) -> list[str]:
    """Sentences or lines with a figure but no "(source, year)" citation."""
    bad = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", line):
            if FIGURE.search(sentence) and not CITATION.search(sentence):
                bad.append(sentence)
    return bad


def payload_intents(buttons: list[dict]) -> list[str]:
    """The intents the buttons trigger."""
    return [re.match(r"/(\w+)", b["payload"]).group(1) for b in buttons]


def payload_entities(button: dict) -> dict:
    """The entities in a button's payload."""
    m = re.match(r"/\w+(\{.*\})?$", button["payload"])
    return json.loads(m.group(1)) if m and m.group(1) else {}
