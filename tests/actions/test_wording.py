"""The wording file: every key the actions use exists, every key in it is used, translations replace it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions import wording
from actions.exploration import INTEREST_CHOICES
from career_kb import vocabulary
from career_kb.answers import safety, topics

ROOT = Path(__file__).resolve().parents[2]
# the actions, and the Rasa server's REST edge (its friendly replies are in the wording file too)
ACTIONS = sorted((ROOT / "actions").glob("*.py")) + sorted((ROOT / "bot" / "security").glob("*.py"))


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _literal_keys() -> set[str]:
    """Keys passed as plain strings to say(), has() and named_button() (which adds "buttons.")."""
    keys = set()
    for path in ACTIONS:
        text = _source(path)
        keys |= set(re.findall(r'\b(?:say|has)\(\s*"([a-z_0-9.]+)"', text))
        keys |= {f"buttons.{k}" for k in re.findall(r'\bnamed_button\(\s*"([a-z_]+)"', text)}
        keys |= set(re.findall(r'\("(examples\.[a-z_]+)", "\d{2}-\d{4}\.\d{2}"\)', text))
    return keys


def _family_keys() -> set[str]:
    """Keys the actions build from a vocabulary or registry (f-strings)."""
    routes = _source(ROOT / "career_kb" / "answers" / "routes.py")
    steps = _source(ROOT / "career_kb" / "answers" / "next_steps.py")
    keys = {f"topics.{name}" for name in topics.OCCUPATION_BUTTON_ORDER}
    keys |= {f"job_zones.{z}" for z in range(1, 6)} | {f"riasec.gloss.{c}" for c in vocabulary.RIASEC}
    keys |= {f"routes.{kind}.{o}" for kind in ("names", "general") for o in vocabulary.POSTSECONDARY_OPTIONS}
    keys |= {f"routes.{route}.{fit}" for route, fit in re.findall(r'RouteFit\("(\w+)", "(\w+)"', routes)}
    keys |= {f"opportunities.{kind}.{t}" for kind in ("types", "plurals") for t in vocabulary.OPPORTUNITY_TYPES}
    keys |= {"opportunities.kind.wbl", "opportunities.kind.events"}
    keys |= {f"interests.{kind}.{c}" for kind in ("choices", "subjects") for c in INTEREST_CHOICES}
    keys |= {f"next_steps.{k}" for k in re.findall(r'Step\(\s*"(\w+)"', steps)} | {
        "next_steps.apply",
        "next_steps.plan_classes",
        "next_steps.compare_options",
    }
    keys |= {f"profile.reasons.{action}.place" for action in topics.PROFILE_NEEDS}
    keys |= {"profile.reasons.action_next_step.grade", "profile.reasons.default.grade", "profile.reasons.default.place"}
    outlooks = (
        "much faster than average",
        "faster than average",
        "about as fast as average",
        "slower than average",
        "little or no change",
        "decline",
        "other",
    )
    keys |= {"outlook.phrases." + o.replace(" ", "_") for o in outlooks}
    keys |= safety.wording_keys()
    return keys


def test_every_key_the_actions_use_is_in_the_wording_file():
    assert (_literal_keys() | _family_keys()) - set(wording.load(wording.ENGLISH)) == set()


def _quoted_keys() -> set[str]:
    """Every dotted string literal in the actions (keys chosen by a conditional expression, too)."""
    return {k for path in ACTIONS for k in re.findall(r"[\"']([a-z_]+(?:\.[a-z_0-9]+)+)[\"']", _source(path))}


def test_every_text_in_the_wording_file_is_used():
    assert set(wording.load(wording.ENGLISH)) - (_literal_keys() | _family_keys() | _quoted_keys()) == set()


def test_a_translation_replaces_the_texts(tmp_path, configure):
    english = yaml.safe_load(wording.ENGLISH.read_text(encoding="utf-8"))
    english["pay"]["heading"] = "Salario de {title}:"
    translated = tmp_path / "es.yml"
    translated.write_text(yaml.safe_dump(english, allow_unicode=True), encoding="utf-8")
    configure(BOT_WORDING=str(translated))
    assert wording.say("pay.heading", title="Electricians") == "Salario de Electricians:"


def test_a_translation_missing_a_key_is_refused(tmp_path):
    english = yaml.safe_load(wording.ENGLISH.read_text(encoding="utf-8"))
    del english["pay"]["heading"]
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump(english), encoding="utf-8")
    with pytest.raises(wording.WordingError, match="pay.heading"):
        wording.load(broken)
