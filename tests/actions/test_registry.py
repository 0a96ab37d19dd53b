"""The action server registers exactly the custom actions domain.yml names, once each."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml
from rasa_sdk import Action, utils

import actions.assessment
import actions.exploration
import actions.followup
import actions.forms
import actions.plan
import actions.profile
import actions.support  # noqa: F401 - imported for their Action subclasses
from actions.followup import HANDLERS
from career_kb.answers import topics

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"


def _registered() -> list[str]:
    return [
        cls().name()
        for cls in utils.all_subclasses(Action)
        if cls.__module__.startswith("actions") and not inspect.isabstract(cls)
    ]


def test_every_domain_action_is_registered_once():
    names = _registered()
    assert len(names) == len(set(names))
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    assert set(names) == set(domain["actions"])


def test_each_topic_is_answered_by_its_registry_action():
    assert set(HANDLERS) == {t.action for t in topics.TOPICS}
    assert all(cls().name() == action for action, cls in HANDLERS.items())
